import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { Contract, ZeroAddress, getAddress, id } from "ethers";

import { factories, type Factories } from "../../../test/factories.js";
import { now } from "../../../test/chain.js";
import { E18, fullSuite, type FullSuite } from "../../../test/suite.js";
import { ContractRevertError } from "../../errors/contract.js";
import { InvalidParameterError } from "../../errors/parameter.js";
import { getPortfolio } from "../portfolio/getPortfolio.js";
import { createIpTokenAndWait, simulateCreateIpToken, type CreateIpTokenParameters } from "./createIpToken.js";
import { createOfferingAndWait, simulateCreateOffering } from "./createOffering.js";
import { listIps } from "./listIps.js";
import { listOfferings } from "./listOfferings.js";
import { toIpId } from "./shared.js";

describe("factories: IPs and their offerings", () => {
  let f: FullSuite;
  let x: Factories;
  const tokens: string[] = [];
  const ip = (label: string, symbol: string): CreateIpTokenParameters => ({
    addresses: x.addresses,
    ipId: label,
    name: `${label} revenue right`,
    symbol,
    uri: `ipfs://${symbol.toLowerCase()}`,
    roles: { admin: f.admin.address, agent: f.admin.address, recordDate: f.admin.address },
  });
  const terms = async (token: string) => {
    const start = (await now(f.provider)) + 3_600n;
    return {
      token,
      paymentToken: await f.stablecoin.getAddress(),
      price: 2n * E18,
      minSubscription: 10n * E18,
      maxSubscription: 1_000n * E18,
      softCap: 20n * E18,
      hardCap: 500n * E18,
      startTime: start,
      endTime: start + 86_400n,
      lockupEnd: 0n,
      treasury: f.admin.address,
    };
  };

  before(async () => {
    f = await fullSuite();
    x = await factories(f);
  });

  it("lists two IPs through the TokenFactory: the simulated address is the created one", async () => {
    for (const [label, symbol] of [
      ["sdk:moonlit-garden", "MOON"],
      ["sdk:iron-comet", "COMET"],
    ] as const) {
      const { result: predicted } = await simulateCreateIpToken(f.admin, ip(label, symbol));
      const { created, receipt } = await createIpTokenAndWait(f.admin, ip(label, symbol));
      assert.equal(receipt.status, 1);
      assert.equal(created.token, predicted);
      assert.equal(created.ipId, toIpId(label));
      assert.equal(created.decimals, 18);
      assert.equal(created.registry, getAddress(await f.registry.getAddress()));
      assert.equal(created.distributor, getAddress(await f.distributor.getAddress()));
      assert.equal(created.tokenCount, BigInt(tokens.length + 1));
      assert.equal(await x.tokenFactory.tokenOf(toIpId(label)), created.token);
      tokens.push(created.token);
    }
  });

  it("refuses a listed IP, a caller without TOKEN_CREATOR_ROLE and bad input, decoded or before sending", async () => {
    await assert.rejects(createIpTokenAndWait(f.admin, ip("sdk:moonlit-garden", "MOON2")), (e: unknown) => {
      assert.ok(e instanceof ContractRevertError, String(e));
      assert.equal(e.errorName, "TokenFactoryIpTaken");
      assert.deepEqual(e.argList, [toIpId("sdk:moonlit-garden"), tokens[0]]);
      assert.equal(e.reason, `IP ${toIpId("sdk:moonlit-garden")} is already listed: its token is ${tokens[0]}.`);
      return true;
    });
    await assert.rejects(simulateCreateIpToken(f.outsider, ip("sdk:outsider", "OUT")), (e: unknown) => {
      assert.ok(e instanceof ContractRevertError, String(e));
      assert.equal(e.errorName, "AccessControlUnauthorizedAccount");
      assert.deepEqual(e.argList, [f.outsider.address, id("TOKEN_CREATOR_ROLE")]);
      return true;
    });
    f.provider.resetStats();
    await assert.rejects(
      createIpTokenAndWait(f.admin, { ...ip("sdk:empty", "EMP"), name: "" }),
      (e: unknown) => e instanceof InvalidParameterError && e.parameter === "name",
    );
    await assert.rejects(
      createIpTokenAndWait(f.admin, { ...ip("sdk:noadmin", "NOA"), roles: { admin: ZeroAddress } }),
      (e: unknown) => e instanceof InvalidParameterError && e.parameter === "roles.admin",
    );
    assert.throws(() => toIpId(`0x${"00".repeat(32)}`), InvalidParameterError);
    assert.equal(f.provider.stats.roundTrips, 0, "nothing is sent for bad input");
  });

  it("opens offerings through the OfferingFactory (indexes 0 and 1, roles granted) and lists them per token", async () => {
    const first = await createOfferingAndWait(f.admin, { addresses: x.addresses, terms: await terms(tokens[0]!) });
    assert.equal(first.created.token, tokens[0]);
    assert.equal(first.created.index, 0n);
    assert.equal(first.created.paymentDecimals, 18);
    assert.equal(first.created.lockupGranted, false);
    const t1 = await terms(tokens[0]!);
    const { result } = await simulateCreateOffering(f.admin, {
      addresses: x.addresses,
      terms: { ...t1, lockupEnd: t1.endTime },
    });
    const second = await createOfferingAndWait(f.admin, {
      addresses: x.addresses,
      terms: { ...t1, lockupEnd: t1.endTime },
    });
    assert.deepEqual([...result], [second.created.offering, 1n]);
    assert.equal(second.created.lockupGranted, true);
    await createOfferingAndWait(f.admin, { addresses: x.addresses, terms: await terms(tokens[1]!) });

    f.provider.resetStats();
    const rows = await listOfferings(f.provider, { addresses: x.addresses, token: tokens[0]!, fromBlock: 0 });
    assert.equal(f.provider.stats.roundTrips, 2, JSON.stringify(f.provider.stats.byMethod));
    assert.deepEqual(f.provider.stats.byMethod, { eth_getLogs: 1, eth_call: 1 });
    assert.deepEqual(
      rows.map((o) => [o.offering, o.index, o.lockupGranted, o.phase, o.totalSubscribedValue]),
      [
        [first.created.offering, 0n, false, "Upcoming", 0n],
        [second.created.offering, 1n, true, "Upcoming", 0n],
      ],
    );
    assert.equal(rows[1]!.hardCap, 500n * E18);
    assert.equal(rows[1]!.lockupEnd, t1.endTime);
    assert.equal(rows[1]!.paymentToken, getAddress(await f.stablecoin.getAddress()));
    assert.equal(rows[1]!.paymentDecimals, 18);
    assert.equal(rows[1]!.issuer, f.admin.address);
    const all = await listOfferings(f.provider, { addresses: x.addresses, fromBlock: 0, live: false });
    assert.deepEqual(
      all.map((o) => o.token),
      [tokens[0], tokens[0], tokens[1]],
    );
    assert.equal(all[0]!.phase, undefined);
  });

  it("refuses an offering of a token the factory cannot grant roles on, and bad terms, decoded", async () => {
    await assert.rejects(
      createOfferingAndWait(f.admin, { addresses: x.addresses, terms: await terms(f.tokenAddresses[0]!) }),
      (e: unknown) => {
        assert.ok(e instanceof ContractRevertError, String(e));
        assert.equal(e.errorName, "OfferingFactoryNotIssuanceAdmin");
        assert.deepEqual(e.argList, [f.tokenAddresses[0]]);
        assert.match(e.reason, /not an IP token of this platform/);
        return true;
      },
    );
    const t = await terms(tokens[1]!);
    await assert.rejects(
      simulateCreateOffering(f.admin, { addresses: x.addresses, terms: { ...t, hardCap: t.softCap - 1n } }),
      (e: unknown) => {
        assert.ok(e instanceof ContractRevertError, String(e));
        assert.equal(e.errorName, "OfferingInvalidCaps");
        return true;
      },
    );
    await assert.rejects(
      simulateCreateOffering(f.outsider, { addresses: x.addresses, terms: t }),
      (e: unknown) => e instanceof ContractRevertError && e.errorName === "AccessControlUnauthorizedAccount",
    );
  });

  it("lists the platform's IPs with their metadata, supply and offering count in two round trips", async () => {
    f.provider.resetStats();
    const ips = await listIps(f.provider, { addresses: x.addresses, fromBlock: 0 });
    assert.equal(f.provider.stats.roundTrips, 2, JSON.stringify(f.provider.stats.byMethod));
    assert.deepEqual(f.provider.stats.byMethod, { eth_getLogs: 1, eth_call: 1 });
    assert.deepEqual(
      ips.map((i) => [i.token, i.ipId, i.name, i.symbol, i.decimals, i.uri, i.index, i.offeringCount]),
      [
        [tokens[0], toIpId("sdk:moonlit-garden"), "sdk:moonlit-garden revenue right", "MOON", 18, "ipfs://moon", 0, 2n],
        [tokens[1], toIpId("sdk:iron-comet"), "sdk:iron-comet revenue right", "COMET", 18, "ipfs://comet", 1, 1n],
      ],
    );
    assert.equal(ips[0]!.totalSupply, 0n);
    assert.equal(ips[0]!.registry, getAddress(await f.registry.getAddress()));
    f.provider.resetStats();
    const quick = await listIps(f.provider, { addresses: x.addresses, fromBlock: 0, live: false });
    assert.deepEqual(f.provider.stats.byMethod, { eth_getLogs: 1 });
    assert.equal(quick[1]!.totalSupply, undefined);
  });

  it("the portfolio covers every IP token the investor holds, from the factory's list, in two round trips", async () => {
    const investor = f.holders[1]!;
    // The investor registered before the IPs were listed: each new token reads the identity once (permissionless).
    const mint = async (token: string, amount: bigint) => {
      const c = new Contract(
        token,
        ["function mint(address to, uint256 amount)", "function syncIdentity(address[] wallets)"],
        f.admin,
      );
      await (await c.getFunction("syncIdentity")([investor.address])).wait();
      await (await c.getFunction("mint")(investor.address, amount)).wait();
    };
    await mint(tokens[1]!, 7n * E18);
    f.provider.resetStats();
    const before = await getPortfolio(f.provider, {
      account: investor.address,
      tokenFactory: true,
      addresses: x.addresses,
    });
    assert.equal(f.provider.stats.roundTrips, 2);
    assert.deepEqual(
      before.tokens.map((t) => [t.token, t.symbol, t.balance]),
      [[tokens[1], "COMET", 7n * E18]],
    );
    await mint(tokens[0]!, 3n * E18);
    const after = await getPortfolio(f.provider, {
      account: investor.address,
      tokens: [f.tokenAddresses[0]!],
      tokenFactory: x.addresses.TokenFactory!,
      addresses: x.addresses,
    });
    assert.deepEqual(
      after.tokens.map((t) => [t.symbol, t.balance]),
      [
        ["SWA", await f.tokens[0]!.balanceOf(investor.address)],
        ["MOON", 3n * E18],
        ["COMET", 7n * E18],
      ],
    );
  });
});
