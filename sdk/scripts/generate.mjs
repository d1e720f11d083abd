#!/usr/bin/env node
// `npm run generate` (in sdk/): turns the root Hardhat artifacts into the typed contract layer the SDK ships.
//
//   1. For every entry of CONTRACTS, reads the ABI from the artifact (never the bytecode: the SDK deploys nothing).
//   2. Writes `src/generated/abis/<Name>.ts`: the ABI in ethers' human-readable form (`export const <name>Abi`, one
//      signature string per fragment, with parameter names): a third of the JSON ABI's size once minified, and what
//      every runtime use (ethers `Interface`, `Contract`) reads. `abis/suite.ts` holds the suite's errors and events
//      once each (`suiteErrorsAbi`, `suiteEventsAbi`), which is all that revert and log decoding need.
//   3. Runs TypeChain (target ethers-v6, node16 module paths) over the ABIs into `src/generated/types/` for the
//      types, then replaces its factories (which embed the JSON ABI) with ones that refer to the human-readable ABI:
//      same API (`X__factory.connect`, `.createInterface()`, `.abi`), so an app that imports one action bundles only
//      the ABIs that action uses.
//   4. Embeds the address books of `../deployments/*.json` (absent until the deployment issue lands) into
//      `src/generated/deployments.ts`.
//
// The output is committed: a clean clone, and the published package, build without Hardhat artifacts. Run this
// after `npx hardhat build` whenever a listed contract's interface changes, and after a deployment to a public
// network; `--check` fails when the committed output is stale (for CI).
//
// To add a contract when its area lands: append one line to CONTRACTS below.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const sdkDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const root = path.resolve(sdkDir, "..");
const require = createRequire(path.join(root, "package.json"));
const { Interface } = require("ethers");

/**
 * The one list to extend. `artifact` is relative to the repo root; `abi` gives an ABI inline instead (for
 * contracts the suite does not compile, such as Multicall3).
 */
const CONTRACTS = [
  {
    name: "DividendDistributor",
    artifact: "artifacts/contracts/dividends/DividendDistributor.sol/DividendDistributor.json",
  },
  { name: "SecurityToken", artifact: "artifacts/contracts/token/SecurityToken.sol/SecurityToken.json" },
  { name: "IdentityRegistry", artifact: "artifacts/contracts/token/IdentityRegistry.sol/IdentityRegistry.json" },
  { name: "Offering", artifact: "artifacts/contracts/offering/Offering.sol/Offering.json" },
  { name: "Points", artifact: "artifacts/contracts/points/Points.sol/Points.json" },
  { name: "Market", artifact: "artifacts/contracts/market/Market.sol/Market.json" },
  {
    name: "OracleCircuitBreaker",
    artifact: "artifacts/contracts/oracle/OracleCircuitBreaker.sol/OracleCircuitBreaker.json",
  },
  { name: "IERC20Metadata", artifact: "node_modules/@openzeppelin/contracts/build/contracts/IERC20Metadata.json" },
  { name: "IERC20Errors", artifact: "node_modules/@openzeppelin/contracts/build/contracts/IERC20Errors.json" },
  { name: "IERC20Permit", artifact: "node_modules/@openzeppelin/contracts/build/contracts/IERC20Permit.json" },
  {
    name: "Multicall3",
    // The subset of the canonical Multicall3 (0xcA11bde05977b3631167028862bE2a173976CA11) the SDK uses.
    abi: [
      {
        type: "function",
        name: "aggregate3",
        stateMutability: "payable",
        inputs: [
          {
            name: "calls",
            type: "tuple[]",
            internalType: "struct Multicall3.Call3[]",
            components: [
              { name: "target", type: "address", internalType: "address" },
              { name: "allowFailure", type: "bool", internalType: "bool" },
              { name: "callData", type: "bytes", internalType: "bytes" },
            ],
          },
        ],
        outputs: [
          {
            name: "returnData",
            type: "tuple[]",
            internalType: "struct Multicall3.Result[]",
            components: [
              { name: "success", type: "bool", internalType: "bool" },
              { name: "returnData", type: "bytes", internalType: "bytes" },
            ],
          },
        ],
      },
      {
        type: "function",
        name: "getBlockNumber",
        stateMutability: "view",
        inputs: [],
        outputs: [{ name: "blockNumber", type: "uint256", internalType: "uint256" }],
      },
      {
        type: "function",
        name: "getCurrentBlockTimestamp",
        stateMutability: "view",
        inputs: [],
        outputs: [{ name: "timestamp", type: "uint256", internalType: "uint256" }],
      },
      {
        type: "function",
        name: "getEthBalance",
        stateMutability: "view",
        inputs: [{ name: "addr", type: "address", internalType: "address" }],
        outputs: [{ name: "balance", type: "uint256", internalType: "uint256" }],
      },
      {
        type: "function",
        name: "getChainId",
        stateMutability: "view",
        inputs: [],
        outputs: [{ name: "chainid", type: "uint256", internalType: "uint256" }],
      },
    ],
  },
];

/** Networks whose address books are never built in (see below). */
const LOCAL_NETWORKS = /^(localhost|hardhat|default|.*Sim)$/;

const HEADER = "// Generated by sdk/scripts/generate.mjs from the Hardhat artifacts. Do not edit.\n";

const check = process.argv.includes("--check");
const outIndex = process.argv.indexOf("--out");
// `--out <dir>` writes elsewhere (tests); STOKIT_DEPLOYMENTS_DIR reads address books from another folder (tests).
const outDir = outIndex === -1 ? path.join(sdkDir, "src", "generated") : path.resolve(process.argv[outIndex + 1]);
const stage = mkdtempSync(path.join(tmpdir(), "stokit-sdk-gen-"));
const target = check ? path.join(stage, "out") : outDir;

function lowerFirst(name) {
  // IERC20Metadata -> ierc20MetadataAbi; DividendDistributor -> dividendDistributorAbi
  const m = name.match(/^([A-Z0-9]+)(?=[A-Z][a-z])/);
  const head = m ? m[1] : name[0];
  return head.toLowerCase() + name.slice(head.length);
}

function readAbi(entry) {
  if (entry.abi) return entry.abi;
  const file = path.join(root, entry.artifact);
  if (!existsSync(file)) {
    console.error(`generate: ${entry.artifact} is missing; run \`npx hardhat build\` at the repo root first.`);
    process.exit(1);
  }
  return JSON.parse(readFileSync(file, "utf8")).abi;
}

try {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(path.join(target, "abis"), { recursive: true });

  // 1-2: ABI modules, and ABI-only JSON inputs for TypeChain (no bytecode: factories stay connect-only).
  const abiInputs = path.join(stage, "abi");
  mkdirSync(abiInputs, { recursive: true });
  // Errors and events live once, in abis/suite.ts; each contract's ABI lists its functions and refers to them (in a
  // pure call, so that a bundle that never uses the whole ABI drops it and the references).
  const entries = CONTRACTS.map((entry) => {
    const abi = readAbi(entry);
    writeFileSync(path.join(abiInputs, `${entry.name}.json`), JSON.stringify({ contractName: entry.name, abi }));
    return { entry, iface: new Interface(abi) };
  });
  const shared = (type) =>
    [
      ...new Set(
        entries.flatMap(({ entry, iface }) =>
          entry.name === "Multicall3"
            ? []
            : iface.fragments.filter((f) => f.type === type).map((f) => f.format("full")),
        ),
      ),
    ].sort();
  // Stored without their `error ` / `event ` keyword (added back at load): the tables are in every bundle.
  const errors = shared("error");
  const events = shared("event");
  writeFileSync(
    path.join(target, "abis", "suite.ts"),
    `${HEADER}\n/**\n * Every custom error of the suite's contracts (and OpenZeppelin's ERC-20 errors), once each: what revert decoding\n * needs.\n *\n * @example\n * \`\`\`ts\n * import { Interface } from "ethers";\n * import { suiteErrorsAbi } from "@stokit/sdk";\n *\n * const decoded = new Interface(suiteErrorsAbi).parseError("0x...");\n * \`\`\`\n */\nexport const suiteErrorsAbi: readonly string[] = /*#__PURE__*/ ${JSON.stringify(errors.map((e) => e.slice("error ".length)))}.map((s) => \`error \${s}\`);\n\n/**\n * Every event of the suite's contracts, once each: what log decoding needs.\n *\n * @example\n * \`\`\`ts\n * import { Interface } from "ethers";\n * import { suiteEventsAbi } from "@stokit/sdk";\n *\n * const iface = new Interface(suiteEventsAbi);\n * \`\`\`\n */\nexport const suiteEventsAbi: readonly string[] = /*#__PURE__*/ ${JSON.stringify(events.map((e) => e.slice("event ".length)))}.map((s) => \`event \${s}\`);\n`,
  );
  for (const { entry, iface } of entries) {
    const name = lowerFirst(entry.name);
    const own = iface.fragments.filter((f) => f.type !== "error" && f.type !== "event").map((f) => f.format("full"));
    const refs = iface.fragments.flatMap((f) => {
      if (entry.name === "Multicall3") return [];
      if (f.type === "error") return [`E[${errors.indexOf(f.format("full"))}]`];
      if (f.type === "event") return [`V[${events.indexOf(f.format("full"))}]`];
      return [];
    });
    const usesE = refs.some((r) => r.startsWith("E"));
    const usesV = refs.some((r) => r.startsWith("V"));
    const imports =
      usesE || usesV
        ? `\nimport { ${[usesE && "suiteErrorsAbi as E", usesV && "suiteEventsAbi as V"].filter(Boolean).join(", ")} } from "./suite.js";\n`
        : "";
    writeFileSync(
      path.join(target, "abis", `${entry.name}.ts`),
      `${HEADER}${imports}\n/**\n * The functions (and constructor) of \`${entry.name}\`, human-readable: what calls and transactions need.\n *\n * @example\n * \`\`\`ts\n * import { Interface } from "ethers";\n * import { ${name}FunctionsAbi } from "@stokit/sdk";\n *\n * const iface = new Interface(${name}FunctionsAbi);\n * \`\`\`\n */\nexport const ${name}FunctionsAbi = ${JSON.stringify(own)} as const;\n\n/**\n * ABI of \`${entry.name}\`, human-readable (ethers' full format): its functions, errors and events.\n *\n * @example\n * \`\`\`ts\n * import { Interface } from "ethers";\n * import { ${name}Abi } from "@stokit/sdk";\n *\n * const iface = new Interface(${name}Abi);\n * \`\`\`\n */\nexport const ${name}Abi = /*#__PURE__*/ (() => [...${name}FunctionsAbi${refs.map((r) => `, ${r}`).join("")}] as const)();\n`,
    );
  }

  // 3: TypeChain, without its prettier pass (formatting is the repo's prettier's job).
  const { runTypeChain } = require("typechain");
  const { outputTransformers } = require("typechain/dist/codegen/outputTransformers/index.js");
  const prettierIndex = outputTransformers.findIndex((t) => t.name === "prettierOutputTransformer");
  if (prettierIndex !== -1) outputTransformers.splice(prettierIndex, 1);
  const files = CONTRACTS.map((e) => path.join(abiInputs, `${e.name}.json`));
  await runTypeChain({
    cwd: abiInputs,
    allFiles: files,
    filesToProcess: files,
    outDir: path.join(target, "types"),
    target: "ethers-v6",
    flags: { alwaysGenerateOverloads: false, discriminateTypes: false, tsNocheck: false, node16Modules: true },
  });
  // TypeChain's factories embed the JSON ABI; ours refer to the human-readable one (same API).
  for (const entry of CONTRACTS) {
    const abiName = `${lowerFirst(entry.name)}Abi`;
    writeFileSync(
      path.join(target, "types", "factories", `${entry.name}__factory.ts`),
      `${HEADER}\nimport { Contract, Interface, type ContractRunner } from "ethers";\n\nimport { ${abiName} } from "../../abis/${entry.name}.js";\nimport type { ${entry.name}, ${entry.name}Interface } from "../${entry.name}.js";\n\n/**\n * Typed access to a deployed \`${entry.name}\` (connect only: the SDK deploys nothing).\n *\n * @example\n * \`\`\`ts\n * import { ${entry.name}__factory } from "@stokit/sdk";\n *\n * const contract = ${entry.name}__factory.connect("0x…", provider);\n * \`\`\`\n */\nexport class ${entry.name}__factory {\n  static readonly abi = ${abiName};\n  static createInterface(): ${entry.name}Interface {\n    return new Interface(${abiName}) as unknown as ${entry.name}Interface;\n  }\n  static connect(address: string, runner?: ContractRunner | null): ${entry.name} {\n    return new Contract(address, ${abiName}, runner) as unknown as ${entry.name};\n  }\n}\n`,
    );
  }

  // 4: address books.
  const deploymentsDir = process.env.STOKIT_DEPLOYMENTS_DIR ?? path.join(root, "deployments");
  const books = [];
  if (existsSync(deploymentsDir)) {
    for (const file of readdirSync(deploymentsDir)
      .filter((f) => f.endsWith(".json"))
      .sort()) {
      const book = JSON.parse(readFileSync(path.join(deploymentsDir, file), "utf8"));
      if (typeof book.chainId !== "number" || typeof book.contracts !== "object") {
        console.error(`generate: deployments/${file} has no numeric chainId or contracts object; skipped`);
        continue;
      }
      // Local nodes simulate the public chains with their ids (a localhost node here is chain 56): built in, their
      // throwaway addresses would shadow the real network's. Integrators pass them as `addresses` instead.
      if (LOCAL_NETWORKS.test(book.network ?? file.replace(/\.json$/, ""))) {
        console.log(`generate: deployments/${file} is a local network; not built in`);
        continue;
      }
      books.push(book);
    }
  }
  writeFileSync(
    path.join(target, "deployments.ts"),
    `${HEADER}import type { AddressBook } from "../addresses.js";\n\n` +
      `/** The address books of \`deployments/*.json\` at generation time, keyed by chain id. */\n` +
      `export const deployments: Readonly<Record<number, AddressBook>> = ${JSON.stringify(
        Object.fromEntries(books.map((b) => [b.chainId, b])),
        null,
        2,
      )};\n`,
  );

  // Format like the rest of the repo, so the committed output is stable.
  // The repository's .prettierignore leaves src/generated out of `prettier --check .` (prettier is not idempotent on
  // some generated unions); here the output is formatted once, with an empty ignore file, in both modes alike.
  const noIgnore = path.join(stage, "empty.prettierignore");
  writeFileSync(noIgnore, "");
  const prettierArgs = [
    "--write",
    "--log-level",
    "warn",
    "--config",
    path.join(root, ".prettierrc.json"),
    "--ignore-path",
    noIgnore,
    target,
  ];
  execFileSync(path.join(root, "node_modules", ".bin", "prettier"), prettierArgs, {
    cwd: root,
    stdio: "inherit",
  });

  if (check) {
    try {
      execFileSync("diff", ["-r", target, outDir], { stdio: "inherit" });
      console.log("generate --check: src/generated is up to date");
    } catch {
      console.error("generate --check: src/generated is stale; run `npm run generate` in sdk/");
      process.exitCode = 1;
    }
  } else {
    console.log(`generate: ${CONTRACTS.length} contracts, ${books.length} address books -> src/generated`);
  }
} finally {
  rmSync(stage, { recursive: true, force: true });
}
