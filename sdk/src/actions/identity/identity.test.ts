import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { TypedDataEncoder, Wallet, id } from "ethers";

import { COUNTRY_KR, fullSuite, type FullSuite } from "../../../test/suite.js";
import { now } from "../../../test/chain.js";
import { ContractRevertError } from "../../errors/contract.js";
import { InvalidParameterError } from "../../errors/parameter.js";
import { getInvestor } from "./getInvestor.js";
import { registerInvestorAndWait } from "./registerInvestor.js";
import { registerWithAttestationAndWait, simulateRegisterWithAttestation } from "./registerWithAttestation.js";
import { KYC_ATTESTATION_TYPES, kycAttestationMessage } from "./shared.js";
import { signKycAttestation } from "./signKycAttestation.js";

describe("identity", () => {
  let f: FullSuite;
  let registry: string;
  before(async () => {
    f = await fullSuite();
    registry = f.addresses.IdentityRegistry!;
  });

  it("looks up a registered wallet (investorOf, isVerified, profileOf in one round trip) and an unknown one", async () => {
    f.provider.resetStats();
    const known = await getInvestor(f.provider, { addresses: f.addresses, registry, account: f.holders[0]!.address });
    assert.equal(f.provider.stats.roundTrips, 2); // lookups, then the investor record
    assert.equal(known.investorId, id("investor-0"));
    assert.equal(known.verified, true);
    assert.equal(known.profile.country, COUNTRY_KR);
    assert.equal(known.profile.classFlags, 1);
    assert.ok(known.profile.investorKey > 0n);
    assert.equal(known.investor!.revoked, false);
    f.provider.resetStats();
    const unknown = await getInvestor(f.provider, { addresses: f.addresses, registry, account: f.outsider.address });
    assert.equal(f.provider.stats.roundTrips, 1);
    assert.deepEqual(
      { investorId: unknown.investorId, verified: unknown.verified, investor: unknown.investor },
      { investorId: null, verified: false, investor: null },
    );
  });

  it("registers an investor as KYC agent; a non-agent is refused", async () => {
    const wallet = Wallet.createRandom().address;
    const kycExpiry = (await now(f.provider)) + 86400n;
    const { receipt, events } = await registerInvestorAndWait(f.admin, {
      addresses: f.addresses,
      registry,
      investorId: id("agent-registered"),
      country: 276,
      kycExpiry,
      classFlags: 0,
      account: wallet,
    });
    assert.equal(receipt.status, 1);
    assert.ok(events.some((e) => e.eventName === "WalletLinked"));
    const looked = await getInvestor(f.provider, { addresses: f.addresses, registry, account: wallet });
    assert.deepEqual([looked.verified, looked.profile.country, looked.profile.kycExpiry], [true, 276, kycExpiry]);
    await assert.rejects(
      registerInvestorAndWait(f.holders[0]!, {
        addresses: f.addresses,
        registry,
        investorId: id("x"),
        country: 276,
        kycExpiry,
        classFlags: 0,
      }),
      (e: unknown) => {
        assert.ok(e instanceof ContractRevertError);
        assert.equal(e.errorName, "AccessControlUnauthorizedAccount");
        return true;
      },
    );
    await assert.rejects(
      registerInvestorAndWait(f.admin, {
        addresses: f.addresses,
        registry,
        investorId: id("bad-country"),
        country: 1000,
        kycExpiry,
        classFlags: 0,
      }),
      (e: unknown) => {
        assert.ok(e instanceof ContractRevertError);
        assert.equal(e.errorName, "IdentityRegistryInvalidCountry");
        assert.equal(e.reason, "Country 1000 is not an ISO 3166-1 numeric code (1..999).");
        return true;
      },
    );
  });

  it("a KYC provider signs an attestation (EIP-712 digest equals the registry's), the investor submits it", async () => {
    const investor = Wallet.createRandom(f.provider);
    await (await f.admin.sendTransaction({ to: investor.address, value: 10n ** 18n })).wait();
    const t = await now(f.provider);
    const attestation = {
      investorId: id("attested-1"),
      account: investor.address,
      country: COUNTRY_KR,
      kycExpiry: t + 365n * 86400n,
      classFlags: 1,
      nonce: 42n,
      deadline: t + 3600n,
    };
    const signed = await signKycAttestation(f.kycProvider, { addresses: f.addresses, registry, attestation, now: t });
    assert.equal(signed.provider, f.kycProvider.address);
    assert.deepEqual(signed.domain, {
      name: "stokit IdentityRegistry",
      version: "1",
      chainId: f.chainId,
      verifyingContract: registry,
    });
    const digest = TypedDataEncoder.hash(
      signed.domain,
      KYC_ATTESTATION_TYPES as unknown as Record<string, { name: string; type: string }[]>,
      kycAttestationMessage(signed.attestation),
    );
    assert.equal(
      digest,
      await f.registry.attestationDigest([
        attestation.investorId,
        attestation.account,
        attestation.country,
        attestation.kycExpiry,
        attestation.classFlags,
        t, // issuedAt defaults to `now`
        attestation.nonce,
        attestation.deadline,
      ]),
    );
    const { attestationUsed, receipt } = await registerWithAttestationAndWait(investor, {
      addresses: f.addresses,
      registry,
      ...signed,
    });
    assert.equal(receipt.status, 1);
    assert.equal(attestationUsed.provider, f.kycProvider.address);
    assert.equal(attestationUsed.nonce, 42n);
    assert.equal(attestationUsed.issuedAt, t);
    assert.equal(signed.attestation.issuedAt, t);
    assert.equal(
      (await getInvestor(f.provider, { addresses: f.addresses, registry, account: investor.address })).verified,
      true,
    );

    // Replayed: the nonce is spent.
    await assert.rejects(
      simulateRegisterWithAttestation(investor, { addresses: f.addresses, registry, ...signed }),
      (e: unknown) => {
        assert.ok(e instanceof ContractRevertError);
        assert.equal(e.errorName, "IdentityRegistryNonceUsed");
        assert.deepEqual(e.argList, [f.kycProvider.address, 42n]);
        return true;
      },
    );
  });

  it("an attestation from an untrusted key, or tampered, is refused with IdentityRegistryUntrustedProvider", async () => {
    const t = await now(f.provider);
    const attestation = {
      investorId: id("attested-2"),
      account: Wallet.createRandom().address,
      country: COUNTRY_KR,
      kycExpiry: t + 86400n,
      classFlags: 0,
      nonce: 1n,
      deadline: t + 3600n,
    };
    const rogue = await signKycAttestation(f.outsider, { addresses: f.addresses, registry, attestation, now: t });
    await assert.rejects(
      simulateRegisterWithAttestation(f.holders[0]!, { addresses: f.addresses, registry, ...rogue }),
      (e: unknown) => {
        assert.ok(e instanceof ContractRevertError);
        assert.equal(e.errorName, "IdentityRegistryUntrustedProvider");
        assert.equal(e.args.signer, f.outsider.address);
        return true;
      },
    );
    const good = await signKycAttestation(f.kycProvider, { addresses: f.addresses, registry, attestation, now: t });
    await assert.rejects(
      simulateRegisterWithAttestation(f.holders[0]!, {
        addresses: f.addresses,
        registry,
        attestation: { ...good.attestation, classFlags: 7 },
        signature: good.signature,
      }),
      (e: unknown) => e instanceof ContractRevertError && e.errorName === "IdentityRegistryUntrustedProvider",
    );
  });

  it("an attestation issued before the investor's current decision is refused (IdentityRegistryStaleAttestation)", async () => {
    const investor = Wallet.createRandom().address;
    const t = await now(f.provider);
    const base = {
      investorId: id("attested-stale"),
      account: investor,
      kycExpiry: t + 86400n,
      deadline: t + 3600n,
    };
    // the provider first attested Korea / accredited, then (later) USA / not accredited
    const older = await signKycAttestation(f.kycProvider, {
      addresses: f.addresses,
      registry,
      attestation: { ...base, country: COUNTRY_KR, classFlags: 1, issuedAt: t - 100n, nonce: 501n },
      now: t,
    });
    const newer = await signKycAttestation(f.kycProvider, {
      addresses: f.addresses,
      registry,
      attestation: { ...base, country: 840, classFlags: 0, issuedAt: t - 10n, nonce: 502n },
      now: t,
    });
    await registerWithAttestationAndWait(f.holders[0]!, { addresses: f.addresses, registry, ...newer });
    await assert.rejects(
      simulateRegisterWithAttestation(f.holders[0]!, { addresses: f.addresses, registry, ...older }),
      (e: unknown) => {
        assert.ok(e instanceof ContractRevertError);
        assert.equal(e.errorName, "IdentityRegistryStaleAttestation");
        assert.deepEqual(e.argList, [id("attested-stale"), t - 100n, t - 10n]);
        return true;
      },
    );
    const looked = await getInvestor(f.provider, { addresses: f.addresses, registry, account: investor });
    assert.deepEqual([looked.profile.country, looked.profile.classFlags], [840, 0]);
  });

  it("refuses an expired deadline and malformed fields before signing", async () => {
    const base = {
      investorId: id("x"),
      account: f.outsider.address,
      country: COUNTRY_KR,
      kycExpiry: 1n,
      classFlags: 0,
      nonce: 1n,
      deadline: 100n,
    };
    await assert.rejects(
      signKycAttestation(f.kycProvider, { addresses: f.addresses, registry, attestation: base, now: 200n }),
      (e: unknown) => e instanceof InvalidParameterError && e.parameter === "attestation.deadline",
    );
    await assert.rejects(
      signKycAttestation(f.kycProvider, {
        addresses: f.addresses,
        registry,
        attestation: { ...base, country: 0, deadline: 10n ** 12n },
      }),
      (e: unknown) => e instanceof InvalidParameterError && e.parameter === "attestation.country",
    );
    await assert.rejects(
      signKycAttestation(f.kycProvider, {
        addresses: f.addresses,
        registry,
        attestation: { ...base, investorId: "0x1234", deadline: 10n ** 12n },
      }),
      (e: unknown) => e instanceof InvalidParameterError && e.parameter === "attestation.investorId",
    );
    await assert.rejects(
      signKycAttestation(f.kycProvider, {
        addresses: f.addresses,
        registry,
        attestation: { ...base, issuedAt: 201n, deadline: 10n ** 12n },
        now: 200n,
      }),
      (e: unknown) => e instanceof InvalidParameterError && e.parameter === "attestation.issuedAt",
    );
    await assert.rejects(
      signKycAttestation(f.kycProvider, {
        addresses: f.addresses,
        registry,
        attestation: { ...base, issuedAt: 1n << 40n, deadline: 10n ** 15n },
        now: 10n ** 14n,
      }),
      (e: unknown) => e instanceof InvalidParameterError && e.parameter === "attestation.issuedAt",
    );
    await assert.rejects(
      signKycAttestation(f.provider, {
        addresses: f.addresses,
        registry,
        attestation: { ...base, deadline: 10n ** 12n },
      }),
      (e: unknown) => {
        assert.ok(e instanceof InvalidParameterError);
        assert.equal(e.parameter, "runner");
        return true;
      },
    );
  });
});
