import { expect } from "chai";
import type { Signer } from "ethers";
import { network } from "hardhat";

import {
  ACCREDITED,
  ADMIN_DELAY,
  CODE,
  deployTokenSuite,
  investorId,
  JAPAN,
  KOREA,
  PROFESSIONAL,
  RULE,
  UNIT,
  USA,
} from "./helpers.js";

const { ethers, networkHelpers, networkName } = await network.create();

const suite = () => deployTokenSuite(ethers);
type Suite = Awaited<ReturnType<typeof suite>>;

async function chainId(): Promise<bigint> {
  return (await ethers.provider.getNetwork()).chainId;
}

/** A KYC provider backend signing an onboarding attestation (EIP-712, bound to this registry and chain). */
async function signAttestation(
  s: Suite,
  signer: Signer,
  value: {
    investorId: string;
    wallet: string;
    country: number;
    kycExpiry: bigint;
    classFlags: number;
    issuedAt: bigint;
    nonce: bigint;
    deadline: bigint;
  },
) {
  const domain = {
    name: "stokit IdentityRegistry",
    version: "1",
    chainId: await chainId(),
    verifyingContract: await s.registry.getAddress(),
  };
  const types = {
    KycAttestation: [
      { name: "investorId", type: "bytes32" },
      { name: "wallet", type: "address" },
      { name: "country", type: "uint16" },
      { name: "kycExpiry", type: "uint40" },
      { name: "classFlags", type: "uint8" },
      { name: "issuedAt", type: "uint40" },
      { name: "nonce", type: "uint256" },
      { name: "deadline", type: "uint256" },
    ],
  };
  return signer.signTypedData(domain, types, value);
}

async function now(): Promise<bigint> {
  return BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
}

describe(`SecurityToken flows on ${networkName}`, function () {
  it("onboards an investor from a provider attestation and issues to it", async function () {
    const s = await networkHelpers.loadFixture(suite);
    const { registry, token, provider, dave, stranger, agent } = s;
    const value = {
      investorId: investorId("dave"),
      wallet: dave.address,
      country: KOREA,
      kycExpiry: s.expiry,
      classFlags: ACCREDITED,
      issuedAt: await now(),
      nonce: 42n,
      deadline: (await now()) + 3600n,
    };
    const signature = await signAttestation(s, provider, value);
    expect(await registry.attestationDigest(value)).to.equal(
      ethers.TypedDataEncoder.hash(
        {
          name: "stokit IdentityRegistry",
          version: "1",
          chainId: await chainId(),
          verifyingContract: await registry.getAddress(),
        },
        {
          KycAttestation: [
            { name: "investorId", type: "bytes32" },
            { name: "wallet", type: "address" },
            { name: "country", type: "uint16" },
            { name: "kycExpiry", type: "uint40" },
            { name: "classFlags", type: "uint8" },
            { name: "issuedAt", type: "uint40" },
            { name: "nonce", type: "uint256" },
            { name: "deadline", type: "uint256" },
          ],
        },
        value,
      ),
    );
    const key = (await registry.investor(investorId("carol"))).key + 1n;
    await expect(registry.connect(stranger).registerWithAttestation(value, signature))
      .to.emit(registry, "AttestationUsed")
      .withArgs(provider.address, 42n, value.investorId, dave.address, value.issuedAt)
      .and.to.emit(registry, "WalletLinked")
      .withArgs(dave.address, value.investorId, key, 1n)
      .and.to.emit(token, "IdentityUpdated")
      .withArgs(dave.address, key, KOREA, s.expiry, ACCREDITED);
    expect(await registry.isVerified(dave.address)).to.equal(true);
    await expect(registry.registerWithAttestation(value, signature))
      .to.be.revertedWithCustomError(registry, "IdentityRegistryNonceUsed")
      .withArgs(provider.address, 42n);

    await expect(token.connect(agent).mint(dave.address, 10n * UNIT))
      .to.emit(token, "Transfer")
      .withArgs(ethers.ZeroAddress, dave.address, 10n * UNIT);
    expect((await token.compliance()).investorCount).to.equal(1n);

    const late = { ...value, nonce: 43n, deadline: (await now()) - 1n };
    const lateSig = await signAttestation(s, provider, late);
    await expect(registry.registerWithAttestation(late, lateSig)).to.be.revertedWithCustomError(
      registry,
      "IdentityRegistryAttestationExpired",
    );
    const forged = await signAttestation(s, stranger, { ...value, nonce: 44n });
    await expect(registry.registerWithAttestation({ ...value, nonce: 44n }, forged))
      .to.be.revertedWithCustomError(registry, "IdentityRegistryUntrustedProvider")
      .withArgs(stranger.address);
  });

  it("explains every refusal with its code, its message and the same code in the revert", async function () {
    const s = await networkHelpers.loadFixture(suite);
    const { token, registry, agent, officer, pauser, kycAgent, alice, alice2, bob, carol, stranger } = s;
    await token.connect(agent).mint(alice.address, 100n * UNIT);
    await token.connect(agent).mint(bob.address, 100n * UNIT);
    const hook = await ethers.deployContract("TokenComplianceHookMock");

    /** Checks the view, the message, and that the transfer reverts with the same code. */
    async function refused(code: number, from: Signer, to: string, amount: bigint, message: string) {
      const fromAddress = await from.getAddress();
      expect(await token.detectTransferRestriction(fromAddress, to, amount)).to.equal(code);
      expect(await token.messageForTransferRestriction(code)).to.equal(message);
      expect(await token.canTransfer(fromAddress, to, amount)).to.equal(false);
      await expect(token.connect(from).transfer(to, amount))
        .to.be.revertedWithCustomError(token, "SecurityTokenRestricted")
        .withArgs(code, fromAddress, to, amount);
    }

    await token.connect(pauser).pause();
    await refused(CODE.paused, alice, bob.address, UNIT, "Transfers are paused");
    await token.connect(pauser).unpause();

    await token.connect(officer).setTransfersEnabled(false);
    await refused(CODE.transfersDisabled, alice, bob.address, UNIT, "Transfers are disabled");
    await token.connect(officer).setTransfersEnabled(true);

    await registry.connect(kycAgent).revokeInvestor(investorId("alice"));
    await refused(CODE.senderNotVerified, alice, bob.address, UNIT, "Sender is not verified");
    await registry
      .connect(kycAgent)
      .registerInvestor(investorId("alice"), KOREA, s.expiry, ACCREDITED, ethers.ZeroAddress);

    await refused(CODE.receiverNotVerified, alice, stranger.address, UNIT, "Receiver is not verified");

    await token.connect(agent).setAddressFrozen(alice.address, true);
    await refused(CODE.senderFrozen, alice, bob.address, UNIT, "Sender is frozen");
    await token.connect(agent).setAddressFrozen(alice.address, false);
    await token.connect(agent).setAddressFrozen(bob.address, true);
    await refused(CODE.receiverFrozen, alice, bob.address, UNIT, "Receiver is frozen");
    await token.connect(agent).setAddressFrozen(bob.address, false);

    await expect(token.connect(agent).setFrozenTokens(alice.address, 90n * UNIT))
      .to.emit(token, "Frozen")
      .withArgs(alice.address, 90n * UNIT);
    expect(await token.detectTransferRestriction(alice.address, bob.address, 11n * UNIT)).to.equal(
      CODE.insufficientUnfrozen,
    );
    expect(await token.messageForTransferRestriction(CODE.insufficientUnfrozen)).to.equal(
      "Amount exceeds unfrozen balance",
    );
    await expect(token.connect(alice).transfer(bob.address, 11n * UNIT))
      .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
      .withArgs(alice.address, 11n * UNIT, 10n * UNIT);
    await token.connect(agent).setFrozenTokens(alice.address, 0n);

    await token.connect(officer).setRules(RULE.lockup, 0, 0, 0);
    await token.connect(officer).extendLockup(alice.address, (await now()) + 86_400n);
    await refused(CODE.senderLockedUp, alice, bob.address, UNIT, "Sender is locked up");
    await token.connect(officer).setLockup(alice.address, 0n);

    await token.connect(officer).setCountries([USA], false, true);
    await token.connect(officer).setRules(RULE.countryBlocklist, 0, 0, 0);
    await refused(CODE.countryNotAllowed, alice, bob.address, UNIT, "Receiver country not allowed");

    await token.connect(officer).setRules(RULE.investorClass, ACCREDITED, 0, 0);
    await refused(CODE.investorClassRequired, alice, carol.address, UNIT, "Receiver lacks investor class");

    await token.connect(officer).setRules(RULE.maxInvestors, 0, 2, 0);
    await refused(CODE.maxInvestors, alice, carol.address, UNIT, "Maximum investors reached");

    await token.connect(officer).setRules(RULE.maxBalance, 0, 0, 150n * UNIT);
    await refused(CODE.maxBalance, alice, bob.address, 51n * UNIT, "Maximum investor balance exceeded");

    await token.connect(officer).setRules(0, 0, 0, 0);
    await expect(token.connect(officer).setComplianceHook(await hook.getAddress()))
      .to.emit(token, "ComplianceHookSet")
      .withArgs(await hook.getAddress());
    await hook.setCap(UNIT);
    await refused(CODE.hookRejected, alice, bob.address, 2n * UNIT, "Rejected by compliance hook");
    await token.connect(officer).setComplianceHook(ethers.ZeroAddress);

    await token.connect(alice).approve(stranger.address, UNIT);
    expect(await token.detectTransferFromRestriction(stranger.address, alice.address, bob.address, UNIT)).to.equal(
      CODE.spenderNotAllowed,
    );
    expect(await token.messageForTransferRestriction(CODE.spenderNotAllowed)).to.equal("Spender not allowed");
    await expect(token.connect(stranger).transferFrom(alice.address, bob.address, UNIT))
      .to.be.revertedWithCustomError(token, "SecurityTokenRestricted")
      .withArgs(CODE.spenderNotAllowed, alice.address, bob.address, UNIT);

    // issuance check used by the offering: from == address(0)
    expect(await token.detectTransferRestriction(ethers.ZeroAddress, stranger.address, UNIT)).to.equal(
      CODE.receiverNotVerified,
    );
    expect(await token.detectTransferRestriction(ethers.ZeroAddress, alice2.address, UNIT)).to.equal(CODE.success);
    expect(await token.messageForTransferRestriction(CODE.success)).to.equal("No restriction");
    expect(await token.messageForTransferRestriction(99)).to.equal("Unknown restriction code");
    await token.connect(alice).transfer(bob.address, UNIT);
  });

  it("an expired KYC blocks the holder's own transfers until it is renewed", async function () {
    const s = await networkHelpers.loadFixture(suite);
    const { token, registry, agent, kycAgent, alice, bob } = s;
    await token.connect(agent).mint(alice.address, 10n * UNIT);
    await networkHelpers.time.increaseTo(s.expiry);
    expect(await token.canSend(alice.address)).to.equal(false);
    await expect(token.connect(alice).transfer(bob.address, UNIT))
      .to.be.revertedWithCustomError(token, "SecurityTokenRestricted")
      .withArgs(CODE.senderNotVerified, alice.address, bob.address, UNIT);
    // the balance stays; an agent can still move it, and a renewal restores the holder's own transfers
    expect(await token.balanceOf(alice.address)).to.equal(10n * UNIT);
    const renewed = s.expiry + 365n * 86_400n;
    await registry
      .connect(kycAgent)
      .registerInvestor(investorId("alice"), KOREA, renewed, ACCREDITED, ethers.ZeroAddress);
    await registry.connect(kycAgent).registerInvestor(investorId("bob"), USA, renewed, ACCREDITED, ethers.ZeroAddress);
    await expect(token.connect(alice).transfer(bob.address, UNIT)).to.emit(token, "Transfer");
  });

  it("permit (EIP-2612) lets a verified spender move tokens; bad permits are refused", async function () {
    const s = await networkHelpers.loadFixture(suite);
    const { token, agent, alice, bob, carol, stranger } = s;
    await token.connect(agent).mint(alice.address, 10n * UNIT);
    const deadline = (await now()) + 3600n;
    const domain = {
      name: await token.name(),
      version: "1",
      chainId: await chainId(),
      verifyingContract: await token.getAddress(),
    };
    const types = {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    };
    expect(await token.DOMAIN_SEPARATOR()).to.equal(ethers.TypedDataEncoder.hashDomain(domain));
    const value = { owner: alice.address, spender: bob.address, value: 4n * UNIT, nonce: 0n, deadline };
    const sig = ethers.Signature.from(await alice.signTypedData(domain, types, value));
    await expect(token.connect(stranger).permit(alice.address, bob.address, 4n * UNIT, deadline, sig.v, sig.r, sig.s))
      .to.emit(token, "Approval")
      .withArgs(alice.address, bob.address, 4n * UNIT);
    expect(await token.nonces(alice.address)).to.equal(1n);
    await expect(token.connect(bob).transferFrom(alice.address, carol.address, 4n * UNIT))
      .to.emit(token, "Transfer")
      .withArgs(alice.address, carol.address, 4n * UNIT);

    await expect(token.permit(alice.address, bob.address, 4n * UNIT, deadline, sig.v, sig.r, sig.s))
      .to.be.revertedWithCustomError(token, "ERC2612InvalidSigner")
      .withArgs((addr: string) => addr !== alice.address, alice.address);
    const old = { ...value, nonce: 1n, deadline: (await now()) - 1n };
    const oldSig = ethers.Signature.from(await alice.signTypedData(domain, types, old));
    await expect(token.permit(alice.address, bob.address, 4n * UNIT, old.deadline, oldSig.v, oldSig.r, oldSig.s))
      .to.be.revertedWithCustomError(token, "ERC2612ExpiredSignature")
      .withArgs(old.deadline);
  });

  it("exposes its EIP-712 domain through ERC-5267: a permit signed with that domain verifies (token and registry)", async function () {
    const s = await networkHelpers.loadFixture(suite);
    const { token, registry, agent, alice, bob, stranger } = s;
    await token.connect(agent).mint(alice.address, 10n * UNIT);
    // what wallets and OpenZeppelin's helpers do: read the domain, never assume it
    const [fields, name, version, domainChainId, verifyingContract, salt, extensions] = await token.eip712Domain();
    expect(fields).to.equal("0x0f");
    expect(salt).to.equal(ethers.ZeroHash);
    expect(extensions).to.deep.equal([]);
    const domain = { name, version, chainId: domainChainId, verifyingContract };
    expect(domain).to.deep.equal({
      name: await token.name(),
      version: "1",
      chainId: await chainId(),
      verifyingContract: await token.getAddress(),
    });
    expect(ethers.TypedDataEncoder.hashDomain(domain)).to.equal(await token.DOMAIN_SEPARATOR());
    const types = {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    };
    const deadline = (await now()) + 3600n;
    const value = { owner: alice.address, spender: bob.address, value: 3n * UNIT, nonce: 0n, deadline };
    const sig = ethers.Signature.from(await alice.signTypedData(domain, types, value));
    await expect(token.connect(stranger).permit(alice.address, bob.address, 3n * UNIT, deadline, sig.v, sig.r, sig.s))
      .to.emit(token, "Approval")
      .withArgs(alice.address, bob.address, 3n * UNIT);
    expect(await token.allowance(alice.address, bob.address)).to.equal(3n * UNIT);

    // the registry shares the EIP-712 base, so its attestation domain is readable the same way
    const r = await registry.eip712Domain();
    const registryDomain = { name: r[1], version: r[2], chainId: r[3], verifyingContract: r[4] };
    expect(registryDomain.name).to.equal("stokit IdentityRegistry");
    expect(ethers.TypedDataEncoder.hashDomain(registryDomain)).to.equal(await registry.DOMAIN_SEPARATOR());
  });

  it("recovers a lost wallet into a new wallet of the same investor", async function () {
    const s = await networkHelpers.loadFixture(suite);
    const { token, registry, agent, officer, alice, alice2, bob } = s;
    await token.connect(agent).mint(alice.address, 50n * UNIT);
    await token.connect(agent).setFrozenTokens(alice.address, 5n * UNIT);
    await token.connect(officer).setRules(RULE.lockup, 0, 0, 0);
    const lockup = (await now()) + 86_400n;
    await token.connect(officer).extendLockup(alice.address, lockup);
    const key = (await registry.investor(investorId("alice"))).key;

    await expect(token.connect(agent).recoverWallet(alice.address, alice2.address))
      .to.emit(token, "Frozen")
      .withArgs(alice.address, 0n)
      .and.to.emit(token, "Transfer")
      .withArgs(alice.address, alice2.address, 50n * UNIT)
      .and.to.emit(token, "Frozen")
      .withArgs(alice2.address, 5n * UNIT)
      .and.to.emit(token, "AddressFrozen")
      .withArgs(alice.address, true, agent.address)
      .and.to.emit(token, "WalletRecovered")
      .withArgs(alice.address, alice2.address, key, 50n * UNIT, 5n * UNIT, false);
    expect(await token.walletSuccessor(alice.address)).to.equal(alice2.address);
    expect(await token.isFrozen(alice.address)).to.equal(true);
    expect(await token.balanceOf(alice2.address)).to.equal(50n * UNIT);
    expect(await token.getFrozenTokens(alice2.address)).to.equal(5n * UNIT);
    expect(await token.lockupOf(alice2.address)).to.equal(lockup);
    await expect(token.connect(agent).recoverWallet(alice2.address, bob.address))
      .to.be.revertedWithCustomError(token, "SecurityTokenRecoveryMismatch")
      .withArgs(alice2.address, bob.address);
  });

  it("forced transfer follows ERC-7943: Frozen before Transfer, then ForcedTransfer; receiver must be verified", async function () {
    const s = await networkHelpers.loadFixture(suite);
    const { token, agent, alice, bob, stranger } = s;
    await token.connect(agent).mint(alice.address, 10n * UNIT);
    await token.connect(agent).setFrozenTokens(alice.address, 8n * UNIT);
    const tx = token.connect(agent).forcedTransfer(alice.address, bob.address, 6n * UNIT);
    await expect(tx)
      .to.emit(token, "Frozen")
      .withArgs(alice.address, 4n * UNIT);
    await expect(tx)
      .to.emit(token, "ForcedTransfer")
      .withArgs(alice.address, bob.address, 6n * UNIT);
    const receipt = await (await tx).wait();
    const names = receipt!.logs.map((log) => token.interface.parseLog(log)?.name);
    expect(names).to.deep.equal(["Frozen", "Transfer", "ForcedTransfer"]);
    await expect(token.connect(agent).forcedTransfer(alice.address, stranger.address, UNIT))
      .to.be.revertedWithCustomError(token, "SecurityTokenRestricted")
      .withArgs(CODE.receiverNotVerified, alice.address, stranger.address, UNIT);
    expect(await token.supportsInterface("0x3edbb4c4")).to.equal(true);
  });

  it("keeps balances at scheduled record dates for the distributor", async function () {
    const s = await networkHelpers.loadFixture(suite);
    const { token, agent, recorder, alice, bob } = s;
    await token.connect(agent).mint(alice.address, 100n * UNIT);
    const recordDate = (await now()) + 100n;
    await expect(token.connect(recorder).scheduleRecordDate(recordDate))
      .to.emit(token, "RecordDateScheduled")
      .withArgs(recordDate, 0n);
    await token.connect(alice).transfer(bob.address, 30n * UNIT);
    await networkHelpers.time.increaseTo(recordDate + 10n);
    await token.connect(alice).transfer(bob.address, 20n * UNIT); // after the record date: does not move entitlements
    await token.connect(agent).mint(bob.address, 5n * UNIT);
    expect(await token.balanceOfAt(alice.address, recordDate)).to.equal(70n * UNIT);
    expect(await token.balanceOfAt(bob.address, recordDate)).to.equal(30n * UNIT);
    expect(await token.totalSupplyAt(recordDate)).to.equal(100n * UNIT);
    expect(await token.CLOCK_MODE()).to.equal("mode=timestamp");
    await expect(token.balanceOfAt(alice.address, recordDate - 1n))
      .to.be.revertedWithCustomError(token, "SecurityTokenUnknownRecordDate")
      .withArgs(recordDate - 1n);
    const future = (await now()) + 1000n;
    await expect(token.totalSupplyAt(future)).to.be.revertedWithCustomError(token, "SecurityTokenFutureLookup");
  });

  it("keeps roles narrow and hands the admin role over in two steps", async function () {
    const s = await networkHelpers.loadFixture(suite);
    const { token, admin, agent, officer, pauser, alice, stranger } = s;
    await expect(token.connect(pauser).mint(alice.address, 1n))
      .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
      .withArgs(pauser.address, await token.AGENT_ROLE());
    await expect(token.connect(agent).setRules(0, 0, 0, 0))
      .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
      .withArgs(agent.address, await token.COMPLIANCE_ROLE());
    await expect(token.connect(agent).pause())
      .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
      .withArgs(agent.address, await token.PAUSER_ROLE());
    await expect(token.connect(agent).extendLockup(alice.address, 1n))
      .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
      .withArgs(agent.address, await token.LOCKUP_ROLE());
    await expect(token.connect(officer).scheduleRecordDate(1n))
      .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
      .withArgs(officer.address, await token.RECORD_DATE_ROLE());

    await token.connect(admin).beginDefaultAdminTransfer(stranger.address);
    await expect(token.connect(stranger).acceptDefaultAdminTransfer()).to.be.revertedWithCustomError(
      token,
      "AccessControlEnforcedDefaultAdminDelay",
    );
    await networkHelpers.time.increase(ADMIN_DELAY + 1n);
    await token.connect(stranger).acceptDefaultAdminTransfer();
    expect(await token.defaultAdmin()).to.equal(stranger.address);
    expect(await token.hasRole(await token.DEFAULT_ADMIN_ROLE(), admin.address)).to.equal(false);
  });

  it("batch issuance, batch transfer and batch freeze", async function () {
    const s = await networkHelpers.loadFixture(suite);
    const { token, agent, alice, bob, carol } = s;
    await token.connect(agent).batchMint([alice.address, bob.address], [10n * UNIT, 20n * UNIT]);
    await token.connect(alice).batchTransfer([bob.address, carol.address], [UNIT, 2n * UNIT]);
    expect(await token.balanceOf(carol.address)).to.equal(2n * UNIT);
    await expect(token.connect(agent).batchSetAddressFrozen([bob.address, carol.address], [true, false]))
      .to.emit(token, "AddressFrozen")
      .withArgs(bob.address, true, agent.address);
    expect(await token.isFrozen(bob.address)).to.equal(true);
    await expect(token.connect(agent).batchMint([alice.address], []))
      .to.be.revertedWithCustomError(token, "SecurityTokenArrayLengthMismatch")
      .withArgs(1n, 0n);
  });

  it("keeps investor limits per investor, not per wallet, with class requirements", async function () {
    const s = await networkHelpers.loadFixture(suite);
    const { token, agent, officer, alice, alice2, bob, carol } = s;
    await token
      .connect(officer)
      .setRules(RULE.maxInvestors | RULE.maxBalance | RULE.investorClass, ACCREDITED, 1, 100n * UNIT);
    await token.connect(agent).mint(alice.address, 60n * UNIT);
    await token.connect(agent).mint(alice2.address, 40n * UNIT);
    expect((await token.compliance()).investorCount).to.equal(1n);
    await expect(token.connect(agent).mint(bob.address, UNIT))
      .to.be.revertedWithCustomError(token, "SecurityTokenRestricted")
      .withArgs(CODE.maxInvestors, ethers.ZeroAddress, bob.address, UNIT);
    await expect(token.connect(agent).mint(alice2.address, 1n))
      .to.be.revertedWithCustomError(token, "SecurityTokenRestricted")
      .withArgs(CODE.maxBalance, ethers.ZeroAddress, alice2.address, 1n);
    await expect(token.connect(agent).mint(carol.address, 1n))
      .to.be.revertedWithCustomError(token, "SecurityTokenRestricted")
      .withArgs(CODE.investorClassRequired, ethers.ZeroAddress, carol.address, 1n);
    await expect(token.connect(officer).setRules(RULE.hook, 0, 0, 0))
      .to.be.revertedWithCustomError(token, "SecurityTokenInvalidRules")
      .withArgs(RULE.hook);
    await expect(token.connect(officer).setCountries([0], true, true))
      .to.be.revertedWithCustomError(token, "SecurityTokenInvalidCountry")
      .withArgs(0);
    expect(await token.isCountryListed(JAPAN, true)).to.equal(false);
    await token.connect(officer).setRules(RULE.investorClass, ACCREDITED | PROFESSIONAL, 0, 0);
    expect(await token.canReceive(bob.address)).to.equal(true);
    expect(await token.canReceive(alice.address)).to.equal(false);
  });
});
