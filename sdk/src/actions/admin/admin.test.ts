// Issuer-side actions: roles and pause on any suite contract, record dates, rules and countries on the token,
// finalising and settling an offering. Each restores what it changes (the suite is shared by the test process).
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { id } from "ethers";

import { now } from "../../../test/chain.js";
import { fullSuite, type FullSuite } from "../../../test/suite.js";
import { ContractRevertError } from "../../errors/contract.js";
import { InvalidParameterError } from "../../errors/parameter.js";
import { createStokitClient } from "../../client/createStokitClient.js";
import { finaliseOffering } from "../offering/finaliseOffering.js";
import { settleOffering } from "../offering/settleOffering.js";
import { scheduleRecordDateAndWait } from "../token/scheduleRecordDate.js";
import { setCountriesAndWait } from "../token/setCountries.js";
import { setRulesAndWait } from "../token/setRules.js";
import { grantRole, grantRoleAndWait } from "./grantRole.js";
import { revokeRoleAndWait } from "./revokeRole.js";
import { setPausedAndWait } from "./setPaused.js";
import { roleId } from "./shared.js";

describe("issuer actions", () => {
  let f: FullSuite;
  let token: string;
  before(async () => {
    f = await fullSuite();
    token = f.tokenAddresses[2]!;
  });

  it("grants and revokes a role by name on any suite contract; a non-admin is refused with the decoded error", async () => {
    const account = f.outsider.address;
    const { granted } = await grantRoleAndWait(f.admin, { contract: token, role: "AGENT_ROLE", account });
    assert.deepEqual(granted, { role: id("AGENT_ROLE"), account, sender: f.admin.address });
    assert.equal(await f.tokens[2]!.hasRole(id("AGENT_ROLE"), account), true);
    const { revoked } = await revokeRoleAndWait(f.admin, { contract: token, role: "AGENT_ROLE", account });
    assert.equal(revoked?.account, account);
    assert.equal(await f.tokens[2]!.hasRole(id("AGENT_ROLE"), account), false);
    await assert.rejects(
      grantRole(f.outsider, { contract: token, role: "AGENT_ROLE", account }),
      (e: unknown) => e instanceof ContractRevertError && e.errorName === "AccessControlUnauthorizedAccount",
    );
    assert.equal(roleId("DEFAULT_ADMIN_ROLE"), `0x${"00".repeat(32)}`);
    assert.throws(() => roleId("agent role"), InvalidParameterError);
  });

  it("pauses and resumes a contract", async () => {
    assert.deepEqual((await setPausedAndWait(f.admin, { contract: token, paused: true })).paused, true);
    assert.equal(await f.tokens[2]!.paused(), true);
    assert.deepEqual((await setPausedAndWait(f.admin, { contract: token, paused: false })).paused, false);
    assert.equal(await f.tokens[2]!.paused(), false);
  });

  it("schedules a record date, sets rules and lists countries on the token", async () => {
    const timepoint = (await now(f.provider)) + 10_000n;
    const { scheduled } = await scheduleRecordDateAndWait(f.admin, { token, timepoint });
    assert.equal(scheduled?.timepoint, timepoint);
    assert.ok((await f.tokens[2]!.recordDates()).map(BigInt).includes(timepoint));

    const c = await f.tokens[2]!.compliance();
    const original = {
      rules: Number(c.rules),
      requiredClasses: Number(c.requiredClasses),
      maxInvestors: Number(c.maxInvestors),
      maxBalance: c.maxBalance as bigint,
    };
    const { rules } = await setRulesAndWait(f.admin, { token, ...original, maxInvestors: 1234 });
    assert.equal(rules.maxInvestors, 1234n);
    assert.equal((await f.tokens[2]!.compliance()).maxInvestors, 1234n);
    await setRulesAndWait(f.admin, { token, ...original });

    const { countries } = await setCountriesAndWait(f.admin, {
      token,
      countries: [840],
      allowlist: false,
      listed: true,
    });
    assert.deepEqual(countries, [{ country: 840, allowlist: false, listed: true }]);
    assert.equal(await f.tokens[2]!.isCountryListed(840, false), true);
    await setCountriesAndWait(f.admin, { token, countries: [840], allowlist: false, listed: false });
    assert.equal(await f.tokens[2]!.isCountryListed(840, false), false);
  });

  it("finalising or settling an offering before its end is refused with the decoded reason", async () => {
    await assert.rejects(
      finaliseOffering(f.admin, { offering: f.addresses.Offering! }),
      (e: unknown) => e instanceof ContractRevertError && e.errorName === "OfferingNotEnded",
    );
    await assert.rejects(
      settleOffering(f.admin, { offering: f.addresses.Offering!, accounts: [f.holders[0]!.address] }),
      (e: unknown) => e instanceof ContractRevertError && e.errorName === "OfferingNotSettleable",
    );
  });

  it("the client's admin, token and offering areas delegate with its addresses (the book's SecurityToken, Offering)", async () => {
    const client = createStokitClient({ runner: f.admin, chainId: f.chainId, addresses: f.addresses });
    const contract = f.addresses.Points!;
    const account = f.outsider.address;
    await client.admin.grantRoleAndWait({ contract, role: "ISSUER_ROLE", account });
    assert.equal(await f.points.hasRole(id("ISSUER_ROLE"), account), true);
    await client.admin.revokeRoleAndWait({ contract, role: "ISSUER_ROLE", account });
    assert.equal(await f.points.hasRole(id("ISSUER_ROLE"), account), false);
    const timepoint = (await now(f.provider)) + 20_000n;
    const { scheduled } = await client.token.scheduleRecordDateAndWait({ timepoint });
    assert.equal(scheduled?.timepoint, timepoint);
    assert.ok((await f.tokens[0]!.recordDates()).map(BigInt).includes(timepoint));
    await assert.rejects(
      client.offering.simulateFinaliseOffering({}),
      (e: unknown) => e instanceof ContractRevertError && e.errorName === "OfferingNotEnded",
    );
  });
});
