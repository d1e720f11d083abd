/**
 * Repairs of a deployment folder left by a run killed mid-write: a half-written `deployed_addresses.json`, and a
 * nonce journaled without the hash of the transaction then sent and mined (Ignition's HHE10410 on resume), or
 * without any transaction (killed before it reached the node, or its nonce taken by another transaction).
 * The states are made by hand from a real Ignition deployment: its journal is cut where a kill -9 cuts it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { HardhatArtifactResolver } from "@nomicfoundation/hardhat-ignition/helpers";
import { buildModule, deploy, DeploymentResultType } from "@nomicfoundation/ignition-core";
import { expect } from "chai";
import hre, { network } from "hardhat";

import {
  deployedAddressesFromJournal,
  dropUnstartedSteps,
  LostTransactionError,
  recoverUnjournaledSends,
  repairDeployedAddresses,
  repairTornJournal,
  stepsInFlight,
  unjournaledSends,
} from "../../scripts/lib/recover.js";
import { confirmOnly } from "../../scripts/lib/deploy.js";
import { IgnitionRunError } from "../../scripts/lib/ignition.js";

const connection = await network.create();
const { provider, networkName } = connection;

const probe = buildModule("Probe", (m) => ({
  multicall: m.contract("Multicall3Compatible", [], { id: "Multicall3" }),
}));

async function run(deploymentDir: string) {
  const accounts = (await provider.request({ method: "eth_accounts" })) as string[];
  return deploy({
    config: { requiredConfirmations: 1 },
    provider,
    deploymentDir,
    artifactResolver: new HardhatArtifactResolver(hre.artifacts),
    ignitionModule: probe,
    deploymentParameters: {},
    accounts,
  });
}

/** Cuts the journal just before its first TRANSACTION_SEND line (after the nonce, before the hash). */
function killBeforeHash(deploymentDir: string): { hash: string; nonce: number } {
  const file = path.join(deploymentDir, "journal.jsonl");
  const lines = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l !== "");
  const at = lines.findIndex((l) => (JSON.parse(l) as { type: string }).type === "TRANSACTION_SEND");
  expect(at).to.be.greaterThan(0);
  const sent = JSON.parse(lines[at]) as { nonce: number; transaction: { hash: string } };
  // As Ignition writes it: "\n" before every line, none after the last.
  writeFileSync(
    file,
    lines
      .slice(0, at)
      .map((l) => "\n" + l)
      .join(""),
  );
  return { hash: sent.transaction.hash, nonce: sent.nonce };
}

const sentBy = async (from: string) =>
  Number(await provider.request({ method: "eth_getTransactionCount", params: [from, "latest"] }));

describe(`deploy: recovering a deployment killed mid-write (${networkName})`, function () {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), "stokit-recover-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("rebuilds a half-written deployed_addresses.json from the journal and says so", async function () {
    const result = await run(dir);
    expect(result.type).to.equal(DeploymentResultType.SUCCESSFUL_DEPLOYMENT);
    const file = path.join(dir, "deployed_addresses.json");
    const original = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
    expect(Object.keys(original)).to.deep.equal(["Probe#Multicall3"]);
    expect(repairDeployedAddresses(dir)).to.equal(false); // a good file is left alone

    writeFileSync(file, '{\n  "Probe#Multi');
    const lines: string[] = [];
    expect(repairDeployedAddresses(dir, (l) => lines.push(l))).to.equal(true);
    expect(JSON.parse(readFileSync(file, "utf8"))).to.deep.equal(original);
    expect(deployedAddressesFromJournal(dir)).to.deep.equal(original);
    expect(lines.join("\n")).to.match(
      /deployed_addresses\.json was cut short.*rebuilt it from the journal \(1 address/,
    );

    // Ignition resumes on the rebuilt file.
    expect((await run(dir)).type).to.equal(DeploymentResultType.SUCCESSFUL_DEPLOYMENT);
  });

  it("finds a mined transaction whose hash the journal lost, records it, and resumes without a duplicate", async function () {
    const accounts = (await provider.request({ method: "eth_accounts" })) as string[];
    const first = await run(dir);
    expect(first.type).to.equal(DeploymentResultType.SUCCESSFUL_DEPLOYMENT);
    const address =
      first.type === DeploymentResultType.SUCCESSFUL_DEPLOYMENT ? first.contracts["Probe#Multicall3"].address : "";
    const { hash, nonce } = killBeforeHash(dir);
    writeFileSync(path.join(dir, "deployed_addresses.json"), "{"); // the kill also tore the output
    const sends = unjournaledSends(dir);
    expect(sends.map(({ futureId, from, nonce: n }) => ({ futureId, from, nonce: n }))).to.deep.equal([
      { futureId: "Probe#Multicall3", from: accounts[0].toLowerCase(), nonce },
    ]);
    // The step's own request is kept, so a transaction that took its nonce is told from it (a nonce clash).
    expect(sends[0].to).to.equal(undefined);
    expect(sends[0].data).to.match(/^0x6080/);
    await provider.request({ method: "evm_mine" });

    repairDeployedAddresses(dir);
    const lines: string[] = [];
    expect(await recoverUnjournaledSends(provider, dir, "probe", 1, (l) => lines.push(l))).to.equal(1);
    expect(lines.join("\n")).to.contain(`Probe#Multicall3: the last run stopped before recording its transaction`);
    expect(lines.join("\n")).to.contain(hash);
    expect(unjournaledSends(dir)).to.deep.equal([]);

    const nonceBefore = await sentBy(accounts[0]);
    const resumed = await run(dir);
    expect(resumed.type).to.equal(DeploymentResultType.SUCCESSFUL_DEPLOYMENT);
    if (resumed.type === DeploymentResultType.SUCCESSFUL_DEPLOYMENT) {
      expect(resumed.contracts["Probe#Multicall3"].address).to.equal(address);
    }
    expect(await sentBy(accounts[0])).to.equal(nonceBefore); // nothing sent again
    expect(JSON.parse(readFileSync(path.join(dir, "deployed_addresses.json"), "utf8"))).to.deep.equal({
      "Probe#Multicall3": address,
    });
  });

  it("starts afresh a step the last run initialised but never sent (Ignition's HHE10000 on resume)", async function () {
    const accounts = (await provider.request({ method: "eth_accounts" })) as string[];
    const snapshot = await provider.request({ method: "evm_snapshot" });
    expect((await run(dir)).type).to.equal(DeploymentResultType.SUCCESSFUL_DEPLOYMENT);
    await provider.request({ method: "evm_revert", params: [snapshot] }); // the chain never saw the transaction
    const file = path.join(dir, "journal.jsonl");
    const lines = readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l !== "");
    const at = lines.findIndex(
      (l) => (JSON.parse(l) as { type: string }).type === "DEPLOYMENT_EXECUTION_STATE_INITIALIZE",
    );
    expect(at).to.be.greaterThan(-1);
    writeFileSync(file, lines.slice(0, at + 1).join("\n") + "\n"); // killed right after the initialise line
    const log: string[] = [];
    expect(dropUnstartedSteps(dir, (l) => log.push(l))).to.deep.equal(["Probe#Multicall3"]);
    expect(log.join("\n")).to.contain("starting them afresh");
    expect(dropUnstartedSteps(dir)).to.deep.equal([]); // idempotent
    const nonceBefore = await sentBy(accounts[0]);
    expect((await run(dir)).type).to.equal(DeploymentResultType.SUCCESSFUL_DEPLOYMENT);
    expect(await sentBy(accounts[0])).to.equal(nonceBefore + 1); // deployed once
  });

  it("sends again, once, a step killed after its nonce was journaled but before its transaction reached the node", async function () {
    const accounts = (await provider.request({ method: "eth_accounts" })) as string[];
    const snapshot = await provider.request({ method: "evm_snapshot" });
    expect((await run(dir)).type).to.equal(DeploymentResultType.SUCCESSFUL_DEPLOYMENT);
    await provider.request({ method: "evm_revert", params: [snapshot] }); // the node never saw the transaction
    const { nonce } = killBeforeHash(dir);
    expect(await sentBy(accounts[0])).to.equal(nonce);
    const log: string[] = [];
    expect(await recoverUnjournaledSends(provider, dir, "probe", 1, (l) => log.push(l))).to.equal(0);
    expect(log.join("\n")).to.contain(`Probe#Multicall3: its transaction (nonce ${nonce}) never reached the node`);
    expect(unjournaledSends(dir)).to.deep.equal([]);
    // Without the released nonce Ignition stops with HHE10410 ("transaction lost") on every rerun.
    expect((await run(dir)).type).to.equal(DeploymentResultType.SUCCESSFUL_DEPLOYMENT);
    expect(await sentBy(accounts[0])).to.equal(nonce + 1); // deployed once, with the nonce it had
  });

  it("sends a step again with a new nonce when another transaction from the deployer took its nonce", async function () {
    const accounts = (await provider.request({ method: "eth_accounts" })) as string[];
    const snapshot = await provider.request({ method: "evm_snapshot" });
    expect((await run(dir)).type).to.equal(DeploymentResultType.SUCCESSFUL_DEPLOYMENT);
    await provider.request({ method: "evm_revert", params: [snapshot] });
    const { nonce } = killBeforeHash(dir);
    const foreign = (await provider.request({
      method: "eth_sendTransaction",
      params: [{ from: accounts[0], to: accounts[0], value: "0x0" }],
    })) as string;
    const log: string[] = [];
    expect(await recoverUnjournaledSends(provider, dir, "probe", 1, (l) => log.push(l))).to.equal(0);
    expect(log.join("\n")).to.contain(`its nonce ${nonce} was taken by another transaction (${foreign})`);
    // Released, the step needs a new nonce: it is not in flight (confirming the in-flight steps first must not
    // allocate one, or Ignition's nonce check stops the rerun with HHE10411 again).
    expect(stepsInFlight(dir)).to.deep.equal([]);
    const resumed = await run(dir);
    expect(resumed.type).to.equal(DeploymentResultType.SUCCESSFUL_DEPLOYMENT);
    expect(await sentBy(accounts[0])).to.equal(nonce + 2); // the foreign transaction, then the step once
    if (resumed.type === DeploymentResultType.SUCCESSFUL_DEPLOYMENT) {
      const address = resumed.contracts["Probe#Multicall3"].address;
      expect(await provider.request({ method: "eth_getCode", params: [address, "latest"] })).to.not.equal("0x");
    }
  });

  it("drops a torn last journal line, which Ignition refuses, and resumes from the line before", async function () {
    const accounts = (await provider.request({ method: "eth_accounts" })) as string[];
    const snapshot = await provider.request({ method: "evm_snapshot" });
    expect((await run(dir)).type).to.equal(DeploymentResultType.SUCCESSFUL_DEPLOYMENT);
    await provider.request({ method: "evm_revert", params: [snapshot] });
    const { nonce } = killBeforeHash(dir);
    const file = path.join(dir, "journal.jsonl");
    const intact = readFileSync(file, "utf8");
    writeFileSync(file, intact + '\n{"futureId":"Probe#Multicall3","networkInteractionId":1,"tran');
    let refused: unknown;
    try {
      await run(dir);
    } catch (e) {
      refused = e;
    }
    expect(String(refused)).to.contain("Could not parse row");
    const log: string[] = [];
    expect(repairTornJournal(dir, (l) => log.push(l))).to.equal(true);
    expect(log.join("\n")).to.contain("the journal's last line was cut short");
    expect(readFileSync(file, "utf8")).to.equal(intact);
    expect(repairTornJournal(dir)).to.equal(false); // an intact journal is left alone
    await recoverUnjournaledSends(provider, dir, "probe", 1);
    expect((await run(dir)).type).to.equal(DeploymentResultType.SUCCESSFUL_DEPLOYMENT);
    expect(await sentBy(accounts[0])).to.equal(nonce + 1);
  });

  it("fails with a typed error and the track-tx command when the transaction is outside the scanned blocks", async function () {
    expect((await run(dir)).type).to.equal(DeploymentResultType.SUCCESSFUL_DEPLOYMENT);
    const { nonce } = killBeforeHash(dir);
    await provider.request({ method: "evm_mine" });
    await provider.request({ method: "evm_mine" });
    let error: unknown;
    try {
      await recoverUnjournaledSends(provider, dir, "probe-id", 1, () => {}, 1);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(LostTransactionError);
    const lost = error as LostTransactionError;
    expect(lost.send.nonce).to.equal(nonce);
    expect(lost.message).to.contain("npx hardhat ignition track-tx <txHash> probe-id --network");
  });

  it("counts as in flight only a step with a sent, unconfirmed transaction", async function () {
    expect((await run(dir)).type).to.equal(DeploymentResultType.SUCCESSFUL_DEPLOYMENT);
    expect(stepsInFlight(dir)).to.deep.equal([]);
    const file = path.join(dir, "journal.jsonl");
    const lines = readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l !== "");
    const sent = lines.findIndex((l) => (JSON.parse(l) as { type: string }).type === "TRANSACTION_SEND");
    writeFileSync(
      file,
      lines
        .slice(0, sent + 1)
        .map((l) => "\n" + l)
        .join(""),
    ); // killed before the confirmation
    expect(stepsInFlight(dir)).to.deep.equal(["Probe#Multicall3"]);
    writeFileSync(
      file,
      lines
        .slice(0, sent)
        .map((l) => "\n" + l)
        .join(""),
    ); // killed before the hash
    expect(stepsInFlight(dir)).to.deep.equal([]);
  });

  it("leaves a journal with every hash recorded alone", async function () {
    expect((await run(dir)).type).to.equal(DeploymentResultType.SUCCESSFUL_DEPLOYMENT);
    expect(unjournaledSends(dir)).to.deep.equal([]);
    expect(await recoverUnjournaledSends(provider, dir, "probe", 1)).to.equal(0);
  });
});

describe("deploy: confirming the steps in flight on their own", function () {
  const failure = (status: { started?: string[]; failed?: string[] }) =>
    new IgnitionRunError(
      {
        type: DeploymentResultType.EXECUTION_ERROR,
        started: status.started ?? [],
        successful: ["Probe#Multicall3"],
        held: [],
        timedOut: [],
        failed: (status.failed ?? []).map((futureId) => ({ futureId, networkInteractionId: 1, error: "reverted" })),
      },
      "probe",
    );
  const fails = (e: IgnitionRunError) => () => Promise.reject(e);

  it("accepts a run whose only unfinished steps wait for a nonce outside it (Ignition judges the whole journal)", async function () {
    expect(await confirmOnly(["A"], fails(failure({ started: ["B", "C"] })))).to.equal(undefined);
    expect(await confirmOnly(["A"], () => Promise.resolve(7))).to.equal(7);
  });

  it("still throws when one of its own steps is unfinished, or any step failed", async function () {
    const own = failure({ started: ["A", "B"] });
    const failed = failure({ failed: ["B"] });
    for (const e of [own, failed]) {
      let thrown: unknown;
      try {
        await confirmOnly(["A"], fails(e));
      } catch (x) {
        thrown = x;
      }
      expect(thrown).to.equal(e);
    }
  });
});
