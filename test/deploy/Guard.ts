/**
 * The deploy's safety nets, without a node: retrying transient JSON-RPC errors, refusing a journal from another
 * chain or with other parameters, confirming in-flight steps on their own (nonce clash), and `check` comparing every
 * parameter. The same paths on a real client (geth) are in test-geth/.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import { expect } from "chai";
import hre, { network } from "hardhat";

import { buildSuiteModule } from "../../ignition/modules/Suite.js";
import { checkSuite } from "../../scripts/lib/check.js";
import { ROOT } from "../../scripts/lib/config.js";
import {
  ChainChangedError,
  deploySuite,
  genesisHash,
  guardResume,
  parameterSnapshot,
  ParametersChangedError,
  resolveConfig,
} from "../../scripts/lib/deploy.js";
import { isNonceClash, NonceClashError, restrictModule } from "../../scripts/lib/nonce.js";
import { isTransientRpcError, withRetries } from "../../scripts/lib/rpc.js";

const connection = await network.create();
const { networkName } = connection;

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection");
}

describe(`deploy guards (${networkName})`, function () {
  describe("transient JSON-RPC errors", function () {
    const indexing = Object.assign(new Error("transaction indexing is in progress"), { code: -32000 });

    it("retries a node that is still indexing, saying what it waits for, then returns the answer", async function () {
      let calls = 0;
      const lines: string[] = [];
      const provider = withRetries(
        {
          async request({ method }: { method: string; params?: unknown[] | object }) {
            if (method === "eth_getTransactionReceipt" && ++calls < 3) throw indexing;
            return "0xreceipt";
          },
        },
        { firstDelayMs: 1, log: (l) => lines.push(l) },
      );
      expect(await provider.request({ method: "eth_getTransactionReceipt", params: ["0x01"] })).to.equal("0xreceipt");
      expect(calls).to.equal(3);
      expect(lines).to.have.length(2);
      expect(lines[0]).to.contain('eth_getTransactionReceipt answered "transaction indexing is in progress"');
      expect(lines[0]).to.contain("retry 1");
    });

    it("rethrows other errors at once, never resends eth_sendTransaction, and gives up after maxWaitMs", async function () {
      let calls = 0;
      const reverted = Object.assign(new Error("execution reverted"), { code: 3 });
      const failing = (error: Error) =>
        withRetries(
          {
            async request(_args: { method: string; params?: unknown[] | object }) {
              calls++;
              throw error;
            },
          },
          { firstDelayMs: 5, maxWaitMs: 30 },
        );
      expect(await caught(failing(reverted).request({ method: "eth_call" }))).to.equal(reverted);
      expect(calls).to.equal(1);
      calls = 0;
      expect(await caught(failing(indexing).request({ method: "eth_sendTransaction" }))).to.equal(indexing);
      expect(calls).to.equal(1);
      calls = 0;
      expect(await caught(failing(indexing).request({ method: "eth_getTransactionReceipt" }))).to.equal(indexing);
      expect(calls).to.be.within(2, 4);
    });

    it("classifies errors by message, code and cause", function () {
      expect(isTransientRpcError(indexing)).to.equal(true);
      expect(isTransientRpcError({ code: 429, message: "slow down" })).to.equal(true);
      expect(isTransientRpcError(new Error("request failed", { cause: new Error("socket hang up") }))).to.equal(true);
      expect(isTransientRpcError(new Error("nonce too low"))).to.equal(false);
      expect(isTransientRpcError(undefined)).to.equal(false);
    });
  });

  describe("resuming a journal", function () {
    const deploymentId = `guard-test-${process.pid}-${networkName}`;
    const dir = path.join(ROOT, "ignition", "deployments", deploymentId);
    after(() => rmSync(dir, { recursive: true, force: true }));
    beforeEach(() => rmSync(dir, { recursive: true, force: true }));

    it("records the chain and the parameters on a fresh start", async function () {
      const config = await resolveConfig(connection);
      expect(await guardResume(connection, dir, deploymentId, config)).to.equal("fresh");
      const record = JSON.parse(readFileSync(path.join(dir, "stokit.json"), "utf8"));
      expect(record.genesisHash).to.equal(await genesisHash(connection));
      expect(record.parameters["token.name"]).to.equal(config.token.name);
      expect(record.parameters).to.deep.equal(parameterSnapshot(config));
    });

    it("refuses a journal written on another chain, with the command that starts over", async function () {
      const config = await resolveConfig(connection);
      await guardResume(connection, dir, deploymentId, config);
      writeFileSync(path.join(dir, "journal.jsonl"), "");
      const record = JSON.parse(readFileSync(path.join(dir, "stokit.json"), "utf8"));
      writeFileSync(path.join(dir, "stokit.json"), JSON.stringify({ ...record, genesisHash: "0x" + "11".repeat(32) }));
      const e = await caught(guardResume(connection, dir, deploymentId, config));
      expect(e).to.be.instanceOf(ChainChangedError);
      expect((e as Error).message).to.contain(`rm -r ignition/deployments/${deploymentId}`);
      expect((e as Error).message).to.contain("0x" + "11".repeat(32));
    });

    it("refuses a journal whose contracts have no code here (a restarted chain with the same genesis)", async function () {
      const config = await resolveConfig(connection);
      mkdirSync(dir, { recursive: true });
      const ghost = "0x" + "42".repeat(20);
      const confirm = {
        type: "TRANSACTION_CONFIRM",
        hash: "0x01",
        receipt: { blockNumber: 1, contractAddress: ghost },
      };
      writeFileSync(path.join(dir, "journal.jsonl"), JSON.stringify(confirm) + "\n");
      const e = await caught(guardResume(connection, dir, deploymentId, config));
      expect(e).to.be.instanceOf(ChainChangedError);
      expect((e as Error).message).to.contain(`the journal's contract ${ghost} has no code`);
    });

    it("refuses a resume whose parameters changed, naming each change", async function () {
      const config = await resolveConfig(connection);
      await guardResume(connection, dir, deploymentId, config);
      writeFileSync(path.join(dir, "journal.jsonl"), "");
      const changed = { ...config, token: { ...config.token, name: "Another Name" }, adminDelay: 7 };
      const e = await caught(guardResume(connection, dir, deploymentId, changed));
      expect(e).to.be.instanceOf(ParametersChangedError);
      expect((e as ParametersChangedError).changes).to.deep.equal([
        { field: "adminDelay", was: String(config.adminDelay), now: "7" },
        { field: "token.name", was: config.token.name, now: "Another Name" },
      ]);
      // Confirmations and timeouts are not parameters of the suite: changing them is allowed.
      const slower = { ...config, confirmations: 3, blockTimeoutSeconds: 5 };
      expect(await guardResume(connection, dir, deploymentId, slower)).to.equal("resume");
    });
  });

  describe("nonce clash", function () {
    it("restricts the Suite module to in-flight futures and what they depend on", async function () {
      const config = await resolveConfig(connection);
      const module = buildSuiteModule(config);
      const restricted = restrictModule(module, ["Token#BindToken"]);
      const ids = (m: typeof module): string[] => [
        ...[...m.futures].map((f) => f.id),
        ...[...m.submodules].flatMap((s) => ids(s as typeof module)),
      ];
      // A domain module used by several others (Token by Suite and Factory) is one submodule reached twice.
      expect([...new Set(ids(restricted))].sort()).to.deep.equal([
        "Token#BindToken",
        "Token#IdentityRegistry",
        "Token#SecurityToken",
      ]);
      expect(Object.keys(restricted.results).sort()).to.deep.equal(["registry", "token"]);
      expect(ids(module).length).to.be.greaterThan(20); // the original is untouched
    });

    it("recognises Ignition's nonce refusal and explains the way out", function () {
      const hh = Object.assign(new Error("HHE10411: The next nonce for 0xabc should be 5, but the node reports 6."), {
        number: 10411,
      });
      expect(isNonceClash(hh)).to.equal(true);
      expect(isNonceClash(new Error("execution reverted"))).to.equal(false);
      const e = new NonceClashError("0xabc", "should be 5, but the node reports 6");
      expect(e.message).to.contain("rerun the same command");
      expect(e.message).to.contain("contracts already deployed are kept");
    });
  });

  describe("check compares every parameter", function () {
    it("reports a changed token name and symbol, admin delay, tax wallet and oracle rounds", async function () {
      const { book, config } = await deploySuite(hre, connection, { addressBookFile: false });
      expect((await checkSuite(hre, connection, book, config)).drift).to.deep.equal([]);
      const other = "0x" + "77".repeat(20);
      const changed = {
        ...config,
        token: { name: "Renamed", symbol: "RNM" },
        adminDelay: config.adminDelay + 1,
        taxWallet: other,
        oracle: { ...config.oracle, recoveryRounds: config.oracle.recoveryRounds + 1, fallbackHeartbeat: 60 },
      };
      const subjects = (await checkSuite(hre, connection, book, changed)).drift.map((d) => d.subject);
      expect(subjects).to.include.members([
        "SecurityToken.name",
        "SecurityToken.symbol",
        "IdentityRegistry.defaultAdminDelay",
        "SecurityToken.defaultAdminDelay",
        "DividendDistributor.defaultAdminDelay",
        "Points.defaultAdminDelay",
        "OracleCircuitBreaker.defaultAdminDelay",
        "DividendDistributor.taxWallet",
      ]);
      expect(subjects.filter((s) => s.endsWith(".recoveryRounds") || s.endsWith(".fallbackHeartbeat"))).to.have.length(
        2,
      );
      const canonical = { ...config, deployMulticall: false };
      const report = await checkSuite(hre, connection, book, canonical);
      expect(report.drift.map((d) => d.subject)).to.include(
        "parameters.multicall(0xcA11bde05977b3631167028862bE2a173976CA11).code",
      );
    });
  });
});
