import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { Contract, ZeroAddress, id } from "ethers";

import { E18, fullSuite, type FullSuite } from "../../../test/suite.js";
import { now } from "../../../test/chain.js";
import { offeringBytecode } from "../../bytecode.js";
import { ContractRevertError } from "../../errors/contract.js";
import { InvalidParameterError } from "../../errors/parameter.js";
import { offeringAbi } from "../../generated/abis/Offering.js";
import { grantRoleAndWait } from "../admin/grantRole.js";
import {
  deployOffering,
  deployOfferingAndWait,
  prepareDeployOffering,
  type OfferingDeployTerms,
} from "./deployOffering.js";
import { getOffering } from "./getOffering.js";

describe("offering/deployOffering", () => {
  let f: FullSuite;
  let terms: OfferingDeployTerms;
  before(async () => {
    f = await fullSuite();
    const start = (await now(f.provider)) + 3600n;
    terms = {
      token: f.tokenAddresses[1]!,
      paymentToken: await f.stablecoin.getAddress(),
      price: 3n * E18,
      minSubscription: 5n * E18,
      maxSubscription: 1_000n * E18,
      softCap: 30n * E18,
      hardCap: 300n * E18,
      startTime: start,
      endTime: start + 7n * 86400n,
      lockupEnd: start + 30n * 86400n,
      treasury: f.holders[2]!.address,
    };
  });

  it("deploys an offering from the issuer's signer: terms, roles and events as given, then authorised on the token", async () => {
    const operator = f.holders[1]!.address;
    const { offering, receipt, events } = await deployOfferingAndWait(f.admin, {
      bytecode: offeringBytecode,
      terms,
      adminDelay: 86_400,
      operator,
    });
    assert.equal(receipt.status, 1);
    assert.equal(offering, receipt.contractAddress);
    const o = await getOffering(f.provider, { offering });
    assert.deepEqual(o.terms, { ...terms, oracle: ZeroAddress, oracleAsset: ZeroAddress });
    assert.deepEqual([o.status, o.phase, o.paymentSymbol, o.tokenSymbol], ["Active", "Upcoming", "USDC", "SWB"]);
    const c = new Contract(offering, offeringAbi, f.provider);
    assert.equal(await c.getFunction("defaultAdmin")(), f.admin.address);
    assert.equal(await c.getFunction("defaultAdminDelay")(), 86_400n);
    assert.equal(await c.getFunction("hasRole")(id("ISSUER_ROLE"), f.admin.address), true, "issuer: the signer");
    assert.equal(await c.getFunction("hasRole")(id("OPERATOR_ROLE"), operator), true);
    // Its receipt decodes the offering's own events (the role grants of the constructor).
    assert.ok(events.some((e) => e.eventName === "RoleGranted" && e.address === offering));
    // The offering mints and locks up on claims: the token's admin authorises it, with the SDK too.
    for (const role of ["AGENT_ROLE", "LOCKUP_ROLE"]) {
      const { granted } = await grantRoleAndWait(f.admin, { contract: terms.token, role, account: offering });
      assert.deepEqual(granted, { role: id(role), account: offering, sender: f.admin.address });
    }
  });

  it("a constructor refusal is decoded before anything is signed (OfferingInvalidCaps, OfferingInvalidWindow)", async () => {
    const nonce = await f.provider.getTransactionCount(f.admin.address);
    await assert.rejects(
      deployOffering(f.admin, {
        bytecode: offeringBytecode,
        terms: { ...terms, hardCap: terms.softCap - 1n },
        adminDelay: 0,
      }),
      (e: unknown) => {
        assert.ok(e instanceof ContractRevertError, String(e));
        assert.equal(e.errorName, "OfferingInvalidCaps");
        assert.deepEqual(e.args, { softCap: terms.softCap, hardCap: terms.softCap - 1n });
        assert.equal(e.reason, `The hard cap ${terms.softCap - 1n} is zero or below the soft cap ${terms.softCap}.`);
        return true;
      },
    );
    await assert.rejects(
      deployOffering(f.admin, {
        bytecode: offeringBytecode,
        terms: { ...terms, endTime: terms.startTime },
        adminDelay: 0,
      }),
      (e: unknown) => e instanceof ContractRevertError && e.errorName === "OfferingInvalidWindow",
    );
    assert.equal(await f.provider.getTransactionCount(f.admin.address), nonce, "nothing sent");
  });

  it("refuses a missing bytecode, a bad address and an out-of-range delay without a request", async () => {
    f.provider.resetStats();
    const refused = async (p: Parameters<typeof prepareDeployOffering>[1], parameter: string) =>
      assert.rejects(prepareDeployOffering(f.admin, p), (e: unknown) => {
        assert.ok(e instanceof InvalidParameterError, String(e));
        assert.equal(e.parameter, parameter);
        return true;
      });
    await refused({ bytecode: "0x", terms, adminDelay: 0 }, "bytecode");
    await refused(
      { bytecode: offeringBytecode, terms: { ...terms, treasury: ZeroAddress }, adminDelay: 0 },
      "terms.treasury",
    );
    await refused({ bytecode: offeringBytecode, terms: { ...terms, token: "0xnope" }, adminDelay: 0 }, "terms.token");
    await refused({ bytecode: offeringBytecode, terms, adminDelay: 2n ** 48n }, "adminDelay");
    assert.equal(f.provider.stats.roundTrips, 0);
  });
});
