#!/usr/bin/env node
// `npm run generate` (in sdk/): turns the root Hardhat artifacts into the typed contract layer the SDK ships.
//
//   1. For every entry of CONTRACTS, reads the ABI from the artifact; the creation bytecode only of the contracts the
//      SDK deploys (`deploy: true`), into `src/generated/bytecode/<Name>.ts`, which only the `@stokit/sdk/bytecode`
//      entry exports (the main entry, and so any bundle of the SDK's actions, carries no bytecode).
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
  { name: "Offering", artifact: "artifacts/contracts/offering/Offering.sol/Offering.json", deploy: true },
  { name: "Points", artifact: "artifacts/contracts/points/Points.sol/Points.json" },
  {
    name: "OracleCircuitBreaker",
    artifact: "artifacts/contracts/oracle/OracleCircuitBreaker.sol/OracleCircuitBreaker.json",
  },
  { name: "TokenFactory", artifact: "artifacts/contracts/factory/TokenFactory.sol/TokenFactory.json" },
  { name: "OfferingFactory", artifact: "artifacts/contracts/factory/OfferingFactory.sol/OfferingFactory.json" },
  // `separate`: a contract of its own entry (`@stokit/sdk/market`): its module holds all its fragments itself (none
  // goes into the shared error, event and function tables, nor into `suite.ts`), and it has no TypeChain types, so
  // the main entry's bundle does not change when it is added.
  { name: "Market", artifact: "artifacts/contracts/market/Market.sol/Market.json", separate: true },
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
  // Every fragment is its own export (keyword-less: the keyword is added back at load), so that a bundle keeps only
  // the fragments an action names. Errors and events are shared by the contracts: they live once each, in
  // abis/errors.ts and abis/events.ts; each contract's module has its functions (one export per function, named after
  // it), and lists (`<name>Functions`, `<name>Errors`, `<name>Events`) and full ABIs (`<name>FunctionsAbi`,
  // `<name>Abi`) built from them in pure calls, dropped by a bundle that does not use them.
  const entries = CONTRACTS.map((entry) => {
    const abi = readAbi(entry);
    writeFileSync(path.join(abiInputs, `${entry.name}.json`), JSON.stringify({ contractName: entry.name, abi }));
    return { entry, iface: new Interface(abi) };
  });
  const RESERVED = new Set(
    "break case catch class const continue debugger default delete do else enum export extends false finally for function if implements import in instanceof interface let new null package private protected public return static super switch this throw true try typeof var void while with yield await arguments eval constructor".split(
      " ",
    ),
  );
  const safeName = (name) => (RESERVED.has(name) ? `${name}_` : name);
  // Compact form of the stored fragments: the most frequent words of the suite's signatures stand as one character
  // that no Solidity signature contains, expanded back at load by `expand` (abis/compact.ts). Each fragment keeps its
  // readable signature in the comment above it. About 8 KB less in a bundle of the whole SDK.
  const COMPACT = [
    ["~", " view returns ("],
    ["%", " returns ("],
    ["+", "bool"],
    ["#", "uint256"],
    ["@", "address"],
    ["^", " indexed "],
    ["*", "bytes32"],
    ["&", "uint48"],
    ["!", "uint8"],
  ];
  const compact = (sig) => COMPACT.reduce((t, [c, w]) => t.split(w).join(c), sig);
  writeFileSync(
    path.join(target, "abis", "compact.ts"),
    `${HEADER}\nconst WORDS: Readonly<Record<string, string>> = ${JSON.stringify(Object.fromEntries(COMPACT))};\n\n/**\n * Expands generated compact fragments (see \`sdk/scripts/generate.mjs\`) into ethers' human-readable form with their\n * keyword: \`expand("function", [balanceOf])\` is \`["function balanceOf(address account) view returns (uint256)"]\`.\n */\nexport function expand(keyword: string, fragments: readonly string[]): string[] {\n  return fragments.map((s) => \`\${keyword} \${s.replace(/[${COMPACT.map(([c]) => "\\" + c).join("")}]/g, (c) => WORDS[c] ?? c)}\`);\n}\n`,
  );
  // Shared error and event tables: signature (keyword-less, full format) -> export name (the fragment's name, with a
  // numeric suffix when two fragments share a name).
  const table = (type) => {
    const sigs = [
      ...new Set(
        entries.flatMap(({ entry, iface }) =>
          entry.name === "Multicall3" || entry.separate
            ? []
            : iface.fragments.filter((f) => f.type === type).map((f) => f.format("full").slice(type.length + 1)),
        ),
      ),
    ].sort();
    const names = new Map();
    const used = new Map();
    for (const sig of sigs) {
      const base = safeName(sig.slice(0, sig.indexOf("(")));
      const n = (used.get(base) ?? 0) + 1;
      used.set(base, n);
      names.set(sig, n === 1 ? base : `${base}_${n}`);
    }
    return names;
  };
  const errors = table("error");
  const events = table("event");
  // Functions that several contracts share (access control with admin rules, pause, ERC-165, ERC-5267...) live once
  // too, in abis/functions.ts; each contract's module re-exports them under their plain name.
  const fnCount = new Map();
  for (const { entry, iface } of entries)
    if (entry.name !== "Multicall3" && !entry.separate)
      for (const sig of new Set(iface.fragments.filter((f) => f.type === "function").map((f) => f.format("full"))))
        fnCount.set(sig, (fnCount.get(sig) ?? 0) + 1);
  const sharedFns = new Map();
  {
    const used = new Map();
    for (const sig of [...fnCount]
      .filter(([, n]) => n > 1)
      .map(([sig]) => sig.slice("function ".length))
      .sort()) {
      const base = safeName(sig.slice(0, sig.indexOf("(")));
      const n = (used.get(base) ?? 0) + 1;
      used.set(base, n);
      sharedFns.set(sig, n === 1 ? base : `${base}_${n}`);
    }
  }
  const constants = (names, what) =>
    [...names]
      .map(([sig, name]) => `/** \`${what} ${sig}\` */\nexport const ${name} = ${JSON.stringify(compact(sig))};\n`)
      .join("\n");
  writeFileSync(
    path.join(target, "abis", "errors.ts"),
    `${HEADER}// Every custom error of the suite's contracts (and OpenZeppelin's ERC-20 errors), once each, without the \`error\`\n// keyword, in compact form. Load with \`expand("error", [...])\` (./compact.ts) or use \`suiteErrorsAbi\`.\n\n${constants(errors, "error")}`,
  );
  writeFileSync(
    path.join(target, "abis", "events.ts"),
    `${HEADER}// Every event of the suite's contracts, once each, without the \`event\` keyword, in compact form. Load with\n// \`expand("event", [...])\` (./compact.ts) or use \`suiteEventsAbi\`.\n\n${constants(events, "event")}`,
  );
  writeFileSync(
    path.join(target, "abis", "functions.ts"),
    `${HEADER}// The functions several of the suite's contracts share, once each, without the \`function\` keyword, in compact\n// form; each contract's module re-exports those it has under their plain name.\n\n${constants(sharedFns, "function")}`,
  );
  writeFileSync(
    path.join(target, "abis", "suite.ts"),
    `${HEADER}\nimport { expand } from "./compact.js";\nimport * as E from "./errors.js";\nimport * as V from "./events.js";\n\n/**\n * Every custom error of the suite's contracts (and OpenZeppelin's ERC-20 errors), once each: what revert decoding\n * of any suite error needs.\n *\n * @example\n * \`\`\`ts\n * import { Interface } from "ethers";\n * import { suiteErrorsAbi } from "@stokit/sdk";\n *\n * const decoded = new Interface(suiteErrorsAbi).parseError("0x...");\n * \`\`\`\n */\nexport const suiteErrorsAbi: readonly string[] = /*#__PURE__*/ expand("error", [${[...errors.values()].map((n) => `E.${n}`).join(", ")}]);\n\n/**\n * Every event of the suite's contracts, once each: what log decoding of any suite event needs.\n *\n * @example\n * \`\`\`ts\n * import { Interface } from "ethers";\n * import { suiteEventsAbi } from "@stokit/sdk";\n *\n * const iface = new Interface(suiteEventsAbi);\n * \`\`\`\n */\nexport const suiteEventsAbi: readonly string[] = /*#__PURE__*/ expand("event", [${[...events.values()].map((n) => `V.${n}`).join(", ")}]);\n`,
  );
  for (const { entry, iface } of entries) {
    const name = lowerFirst(entry.name);
    const shared = entry.name !== "Multicall3" && !entry.separate;
    const fns = iface.fragments.filter((f) => f.type === "function");
    // The constructor only: the suite's contracts have no receive or fallback function (checked here).
    const others = iface.fragments
      .filter((f) => f.type !== "function" && f.type !== "error" && f.type !== "event")
      .map((f) => f.format("full"));
    if (others.some((f) => !f.startsWith("constructor("))) {
      console.error(`generate: ${entry.name} has a receive or fallback function; teach the generator to keep it`);
      process.exit(1);
    }
    const errs = shared
      ? iface.fragments.filter((f) => f.type === "error").map((f) => errors.get(f.format("full").slice(6)))
      : [];
    const evs = shared
      ? iface.fragments.filter((f) => f.type === "event").map((f) => events.get(f.format("full").slice(6)))
      : [];
    const fnNames = fns.map((f) => safeName(f.name));
    const sigOf = (f) => f.format("full").slice("function ".length);
    const isShared = (f) => shared && sharedFns.has(sigOf(f));
    // A separate contract lists its own errors and events inline (compact), in the order of its ABI.
    const own = (type) =>
      entry.separate
        ? iface.fragments.filter((f) => f.type === type).map((f) => JSON.stringify(compact(f.format("full").slice(6))))
        : [];
    const sharedHere = fns.filter(isShared);
    const imports = [
      `import { expand } from "./compact.js";`,
      sharedHere.length > 0 && `import * as F from "./functions.js";`,
      errs.length > 0 && `import * as E from "./errors.js";`,
      evs.length > 0 && `import * as V from "./events.js";`,
    ]
      .filter(Boolean)
      .join("\n");
    const body = [
      ...(sharedHere.length > 0
        ? [
            `// Shared with other contracts of the suite (abis/functions.ts).\nexport { ${sharedHere
              .map((f) => {
                const shared = sharedFns.get(sigOf(f));
                const local = safeName(f.name);
                return shared === local ? local : `${shared} as ${local}`;
              })
              .join(", ")} } from "./functions.js";\n`,
          ]
        : []),
      ...fns
        .filter((f) => !isShared(f))
        .map(
          (f) =>
            `/** \`function ${sigOf(f)}\` */\nexport const ${safeName(f.name)} = ${JSON.stringify(compact(sigOf(f)))};\n`,
        ),
      ...(others.length
        ? [
            `/** The constructor of \`${entry.name}\`, human-readable with its keyword (what a deployment encodes). */\nexport const constructorFragment = ${JSON.stringify(others[0])};\n`,
          ]
        : []),
      `/** The functions of \`${entry.name}\`, without the \`function\` keyword, compact (\`expand("function", ...)\`). */\nexport const ${name}Functions: readonly string[] = [${fns.map((f, i) => (isShared(f) ? `F.${sharedFns.get(sigOf(f))}` : fnNames[i])).join(", ")}];\n`,
      `/** The custom errors of \`${entry.name}\`, without the \`error\` keyword, compact. */\nexport const ${name}Errors: readonly string[] = [${[...errs.map((n) => `E.${n}`), ...own("error")].join(", ")}];\n`,
      `/** The events of \`${entry.name}\`, without the \`event\` keyword, compact. */\nexport const ${name}Events: readonly string[] = [${[...evs.map((n) => `V.${n}`), ...own("event")].join(", ")}];\n`,
      `/**\n * The functions (and constructor) of \`${entry.name}\`, human-readable: what calls and transactions need.\n *\n * @example\n * \`\`\`ts\n * import { Interface } from "ethers";\n * import { ${name}FunctionsAbi } from "@stokit/sdk";\n *\n * const iface = new Interface(${name}FunctionsAbi);\n * \`\`\`\n */\nexport const ${name}FunctionsAbi: readonly string[] = /*#__PURE__*/ (() => [\n  ...${others.length ? "[constructorFragment]" : "[]"},\n  ...expand("function", ${name}Functions),\n])();\n`,
      `/**\n * ABI of \`${entry.name}\`, human-readable (ethers' full format): its functions, errors and events.\n *\n * @example\n * \`\`\`ts\n * import { Interface } from "ethers";\n * import { ${name}Abi } from "@stokit/sdk";\n *\n * const iface = new Interface(${name}Abi);\n * \`\`\`\n */\nexport const ${name}Abi: readonly string[] = /*#__PURE__*/ (() => [\n  ...${name}FunctionsAbi,\n  ...expand("error", ${name}Errors),\n  ...expand("event", ${name}Events),\n])();\n`,
    ];
    writeFileSync(
      path.join(target, "abis", `${entry.name}.ts`),
      `${HEADER}${imports ? `\n${imports}\n` : ""}\n${body.join("\n")}`,
    );
  }

  // 3: TypeChain, without its prettier pass (formatting is the repo's prettier's job).
  const { runTypeChain } = require("typechain");
  const { outputTransformers } = require("typechain/dist/codegen/outputTransformers/index.js");
  const prettierIndex = outputTransformers.findIndex((t) => t.name === "prettierOutputTransformer");
  if (prettierIndex !== -1) outputTransformers.splice(prettierIndex, 1);
  const files = CONTRACTS.filter((e) => !e.separate).map((e) => path.join(abiInputs, `${e.name}.json`));
  await runTypeChain({
    cwd: abiInputs,
    allFiles: files,
    filesToProcess: files,
    outDir: path.join(target, "types"),
    target: "ethers-v6",
    flags: { alwaysGenerateOverloads: false, discriminateTypes: false, tsNocheck: false, node16Modules: true },
  });
  // TypeChain's factories embed the JSON ABI; ours refer to the human-readable one (same API).
  for (const entry of CONTRACTS.filter((e) => !e.separate)) {
    const abiName = `${lowerFirst(entry.name)}Abi`;
    writeFileSync(
      path.join(target, "types", "factories", `${entry.name}__factory.ts`),
      `${HEADER}\nimport { Contract, Interface, type ContractRunner } from "ethers";\n\nimport { ${abiName} } from "../../abis/${entry.name}.js";\nimport type { ${entry.name}, ${entry.name}Interface } from "../${entry.name}.js";\n\n/**\n * Typed access to a deployed \`${entry.name}\` (connect only: the SDK deploys nothing).\n *\n * @example\n * \`\`\`ts\n * import { ${entry.name}__factory } from "@stokit/sdk";\n *\n * const contract = ${entry.name}__factory.connect("0x…", provider);\n * \`\`\`\n */\nexport class ${entry.name}__factory {\n  static readonly abi = ${abiName};\n  static createInterface(): ${entry.name}Interface {\n    return new Interface(${abiName}) as unknown as ${entry.name}Interface;\n  }\n  static connect(address: string, runner?: ContractRunner | null): ${entry.name} {\n    return new Contract(address, ${abiName}, runner) as unknown as ${entry.name};\n  }\n}\n`,
    );
  }

  // Creation bytecode of the contracts the SDK deploys (deployOffering): no linked libraries, checked here.
  mkdirSync(path.join(target, "bytecode"), { recursive: true });
  for (const entry of CONTRACTS.filter((e) => e.deploy)) {
    const artifact = JSON.parse(readFileSync(path.join(root, entry.artifact), "utf8"));
    if (!/^0x[0-9a-f]+$/i.test(artifact.bytecode) || Object.keys(artifact.linkReferences ?? {}).length > 0) {
      console.error(`generate: ${entry.artifact} has no creation bytecode or needs linking; cannot ship it`);
      process.exit(1);
    }
    const name = lowerFirst(entry.name);
    writeFileSync(
      path.join(target, "bytecode", `${entry.name}.ts`),
      `${HEADER}\n/**\n * The creation bytecode of \`${entry.name}\` (${(artifact.bytecode.length - 2) / 2} bytes), for {@link deploy${entry.name}}: import it from\n * \`@stokit/sdk/bytecode\` (the main entry does not carry it).\n *\n * @example\n * \`\`\`ts\n * import { ${name}Bytecode } from "@stokit/sdk/bytecode";\n * \`\`\`\n */\nexport const ${name}Bytecode: string =\n  ${JSON.stringify(artifact.bytecode)};\n`,
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
