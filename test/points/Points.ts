import { expect } from "chai";
import type { Interface } from "ethers";
import { getCreateAddress, id, keccak256, toUtf8Bytes, TypedDataEncoder, verifyTypedData } from "ethers";
import { network } from "hardhat";

import {
  EventLedger,
  holderRefId,
  readDomain,
  signSpendAuthorization,
  signTokenVoucher,
  signVoucher,
  SPEND_AUTHORIZATION_TYPES,
  TOKEN_VOUCHER_TYPES,
  VOUCHER_TYPES,
} from "./helpers.js";

const { ethers, networkHelpers, networkName } = await network.create();

const ADMIN_DELAY = 3n * 24n * 3600n;
const NFT_1155_ID = 7n;
const HOUR = 3600n;

async function deployPoints() {
  const [deployer, manager, pauser, issuer, operator, alice, bob, carol, relayer, stranger] = await ethers.getSigners();
  // first transaction of the deployer on a fresh chain: the address is getCreateAddress(deployer, 0) on every chain
  const points = await ethers.deployContract("Points", [deployer.address, ADMIN_DELAY]);
  const deployBlock = (await points.deploymentTransaction()!.wait())!.blockNumber;
  const nft = await ethers.deployContract("PointsMockERC721");
  const nft1155 = await ethers.deployContract("PointsMockERC1155");

  await points.grantRole(await points.PROGRAM_MANAGER_ROLE(), manager.address);
  await points.grantRole(await points.PAUSER_ROLE(), pauser.address);
  await points.grantRole(await points.ISSUER_ROLE(), issuer.address);
  await points.grantRole(await points.OPERATOR_ROLE(), operator.address);

  const gate = { erc721: await nft.getAddress(), erc1155: await nft1155.getAddress(), erc1155Id: NFT_1155_ID };
  await points.connect(manager).createProgram({ ...gate, enabled: true }, 0n); // program 1: gated
  await points.connect(manager).createProgram({ ...gate, enabled: false }, 0n); // program 2: open to all
  await nft.mint(alice.address, 1n);
  await nft1155.mint(bob.address, NFT_1155_ID, 1n);

  const domain = await readDomain(points, ethers.provider);
  return {
    points,
    nft,
    nft1155,
    deployer,
    manager,
    pauser,
    issuer,
    operator,
    alice,
    bob,
    carol,
    relayer,
    stranger,
    domain,
    deployBlock,
  };
}

async function deadlineIn(seconds: bigint): Promise<bigint> {
  return BigInt(await networkHelpers.time.latest()) + seconds;
}

describe(`Points on ${networkName}`, function () {
  describe("EIP-712 domain, as a backend reads it", function () {
    it("comes from eip712Domain() with the provider's chain id and matches the contract's separator", async function () {
      const { points, domain } = await networkHelpers.loadFixture(deployPoints);
      const { chainId } = await ethers.provider.getNetwork();
      expect(domain.chainId).to.equal(chainId);
      expect(domain.verifyingContract).to.equal(await points.getAddress());
      expect(domain.name).to.equal("stokit Points");
      expect(domain.version).to.equal("1");
      expect(await points.domainSeparator()).to.equal(TypedDataEncoder.hashDomain(domain));
    });

    it("uses the same type strings as ethers (typehashes)", async function () {
      const { points } = await networkHelpers.loadFixture(deployPoints);
      expect(await points.VOUCHER_TYPEHASH()).to.equal(
        keccak256(toUtf8Bytes(TypedDataEncoder.from(VOUCHER_TYPES).encodeType("Voucher"))),
      );
      expect(await points.SPEND_AUTHORIZATION_TYPEHASH()).to.equal(
        keccak256(toUtf8Bytes(TypedDataEncoder.from(SPEND_AUTHORIZATION_TYPES).encodeType("SpendAuthorization"))),
      );
      expect(await points.ISSUER_ROLE()).to.equal(id("POINTS_ISSUER_ROLE"));
      expect(await points.OPERATOR_ROLE()).to.equal(id("POINTS_OPERATOR_ROLE"));
      expect(await points.PAUSER_ROLE()).to.equal(id("POINTS_PAUSER_ROLE"));
      expect(await points.PROGRAM_MANAGER_ROLE()).to.equal(id("POINTS_PROGRAM_MANAGER_ROLE"));
    });
  });

  describe("ERC-5267: the domain a wallet reads verifies what ethers signs", function () {
    it("eip712Domain() as returned gives the domain under which an ethers-signed voucher verifies and redeems", async function () {
      const { points, issuer, alice, relayer } = await networkHelpers.loadFixture(deployPoints);
      // What a wallet or OpenZeppelin's test helpers do: read the ERC-5267 fields and use them as the domain as is.
      const [fields, name, version, chainId, verifyingContract, salt, extensions] = await points.eip712Domain();
      expect(fields).to.equal("0x0f"); // name, version, chainId, verifyingContract
      expect(salt).to.equal(ethers.ZeroHash);
      expect(extensions).to.deep.equal([]);
      const domain = { name, version, chainId, verifyingContract };
      const voucher = {
        programId: 2n,
        account: alice.address,
        amount: 5n,
        refId: 5267n,
        deadline: await deadlineIn(HOUR),
      };
      const signature = await issuer.signTypedData(domain, VOUCHER_TYPES, voucher);
      expect(verifyTypedData(domain, VOUCHER_TYPES, voucher, signature)).to.equal(issuer.address);
      expect(await points.hashVoucher(voucher)).to.equal(TypedDataEncoder.hash(domain, VOUCHER_TYPES, voucher));
      await expect(points.connect(relayer).redeemVoucher(voucher, signature))
        .to.emit(points, "PointsGranted")
        .withArgs(2n, alice.address, 5267n, 5n, 5n, 5n, issuer.address, relayer.address);

      // A domain that differs in one field (another version) yields another signer: refused.
      const wrong = { ...domain, version: "2" };
      const voucher2 = { ...voucher, refId: 5268n };
      const badSignature = await issuer.signTypedData(wrong, VOUCHER_TYPES, voucher2);
      const recovered = verifyTypedData(domain, VOUCHER_TYPES, voucher2, badSignature);
      await expect(points.connect(relayer).redeemVoucher(voucher2, badSignature))
        .to.be.revertedWithCustomError(points, "PointsVoucherInvalidSigner")
        .withArgs(recovered);
    });

    it("the same domain verifies a holder's ethers-signed spend authorisation and an issuer's token voucher", async function () {
      const { points, manager, issuer, operator, alice, relayer } = await networkHelpers.loadFixture(deployPoints);
      const [, name, version, chainId, verifyingContract] = await points.eip712Domain();
      const domain = { name, version, chainId, verifyingContract };
      await points.connect(issuer).grant(2n, alice.address, 10n, 1n);
      const auth = {
        programId: 2n,
        account: alice.address,
        operator: operator.address,
        amount: 4n,
        refId: 2n,
        nonce: await points.nonces(alice.address),
        deadline: await deadlineIn(HOUR),
      };
      const authSignature = await alice.signTypedData(domain, SPEND_AUTHORIZATION_TYPES, auth);
      expect(verifyTypedData(domain, SPEND_AUTHORIZATION_TYPES, auth, authSignature)).to.equal(alice.address);
      await expect(points.connect(operator).spendWithAuthorization(auth, authSignature)).to.emit(points, "PointsSpent");

      await points.connect(manager).setProgramGateMode(1n, 1n, 0n); // program 1: token-bound
      const tokenVoucher = {
        programId: 1n,
        account: alice.address,
        tokenId: 1n,
        amount: 7n,
        refId: 3n,
        deadline: await deadlineIn(HOUR),
      };
      const tokenSignature = await issuer.signTypedData(domain, TOKEN_VOUCHER_TYPES, tokenVoucher);
      expect(await points.hashTokenVoucher(tokenVoucher)).to.equal(
        TypedDataEncoder.hash(domain, TOKEN_VOUCHER_TYPES, tokenVoucher),
      );
      expect(await points.TOKEN_VOUCHER_TYPEHASH()).to.equal(
        keccak256(toUtf8Bytes(TypedDataEncoder.from(TOKEN_VOUCHER_TYPES).encodeType("TokenVoucher"))),
      );
      await expect(points.connect(relayer).redeemTokenVoucher(tokenVoucher, tokenSignature)).to.emit(
        points,
        "PointsTokenRedeemed",
      );
    });
  });

  describe("token-bound gate", function () {
    it("one NFT passed from wallet to wallet earns gated points once per program", async function () {
      const { points, nft, manager, issuer, alice, bob, carol, relayer, domain } =
        await networkHelpers.loadFixture(deployPoints);
      await expect(points.connect(manager).setProgramGateMode(1n, 1n, 0n))
        .to.emit(points, "ProgramGateModeUpdated")
        .withArgs(1n, 1n, 0n, manager.address);
      const voucherFor = async (account: string, refId: bigint) => {
        const voucher = { programId: 1n, account, tokenId: 1n, amount: 100n, refId, deadline: await deadlineIn(HOUR) };
        return { voucher, signature: await signTokenVoucher(issuer, domain, voucher) };
      };

      const first = await voucherFor(alice.address, 10n);
      await expect(points.connect(relayer).redeemTokenVoucher(first.voucher, first.signature))
        .to.emit(points, "PointsTokenRedeemed")
        .withArgs(1n, 1n, 0n, alice.address, 10n);
      for (const [holder, next, refId] of [
        [alice, bob, 11n],
        [bob, carol, 12n],
      ] as const) {
        await nft.connect(holder).transfer(next.address, 1n);
        const { voucher, signature } = await voucherFor(next.address, refId);
        await expect(points.connect(relayer).redeemTokenVoucher(voucher, signature))
          .to.be.revertedWithCustomError(points, "PointsTokenAlreadyRedeemed")
          .withArgs(1n, 1n, 0n);
      }
      // The holder-only path cannot bypass the binding.
      await expect(points.connect(issuer).grant(1n, carol.address, 100n, 13n))
        .to.be.revertedWithCustomError(points, "PointsTokenIdRequired")
        .withArgs(1n);
      expect(await points.totalPoints(1n)).to.equal(100n);
      expect(await points.isTokenRedeemed(1n, 1n)).to.equal(true);
    });
  });

  describe("vouchers", function () {
    it("a voucher signed by the issuer's backend key is redeemed by a relayer for the account", async function () {
      const { points, issuer, alice, relayer, domain } = await networkHelpers.loadFixture(deployPoints);
      const voucher = {
        programId: 1n,
        account: alice.address,
        amount: 250n,
        refId: 1001n,
        deadline: await deadlineIn(HOUR),
      };
      const signature = await signVoucher(issuer, domain, voucher);
      expect(await points.hashVoucher(voucher)).to.equal(TypedDataEncoder.hash(domain, VOUCHER_TYPES, voucher));

      await expect(points.connect(relayer).redeemVoucher(voucher, signature))
        .to.emit(points, "PointsGranted")
        .withArgs(1n, alice.address, 1001n, 250n, 250n, 250n, issuer.address, relayer.address);
      expect(await points.balanceOf(1n, alice.address)).to.equal(250n);
      expect(await points.isRefIdUsed(1001n)).to.equal(true);

      await expect(points.connect(alice).redeemVoucher(voucher, signature))
        .to.be.revertedWithCustomError(points, "PointsRefIdUsed")
        .withArgs(1001n);
    });

    it("refuses an expired voucher", async function () {
      const { points, issuer, alice, domain } = await networkHelpers.loadFixture(deployPoints);
      const voucher = { programId: 1n, account: alice.address, amount: 1n, refId: 1n, deadline: await deadlineIn(60n) };
      const signature = await signVoucher(issuer, domain, voucher);
      const at = voucher.deadline + 1n;
      await networkHelpers.time.setNextBlockTimestamp(at);
      await expect(points.connect(alice).redeemVoucher(voucher, signature))
        .to.be.revertedWithCustomError(points, "PointsVoucherExpired")
        .withArgs(voucher.deadline, at);
    });

    it("refuses a voucher signed by a key without the issuer role, or tampered with", async function () {
      const { points, issuer, stranger, alice, domain } = await networkHelpers.loadFixture(deployPoints);
      const voucher = {
        programId: 1n,
        account: alice.address,
        amount: 5n,
        refId: 2n,
        deadline: await deadlineIn(HOUR),
      };
      await expect(points.redeemVoucher(voucher, await signVoucher(stranger, domain, voucher)))
        .to.be.revertedWithCustomError(points, "PointsVoucherInvalidSigner")
        .withArgs(stranger.address);

      const signature = await signVoucher(issuer, domain, voucher);
      const tampered = { ...voucher, amount: 500n };
      const recovered = verifyTypedData(domain, VOUCHER_TYPES, tampered, signature);
      await expect(points.redeemVoucher(tampered, signature))
        .to.be.revertedWithCustomError(points, "PointsVoucherInvalidSigner")
        .withArgs(recovered);
      const otherProgram = { ...voucher, programId: 2n };
      await expect(points.redeemVoucher(otherProgram, signature))
        .to.be.revertedWithCustomError(points, "PointsVoucherInvalidSigner")
        .withArgs(verifyTypedData(domain, VOUCHER_TYPES, otherProgram, signature));
    });

    it("refuses a voucher signed for another deployment on the same chain", async function () {
      const { points, deployer, manager, issuer, alice, nft, nft1155 } = await networkHelpers.loadFixture(deployPoints);
      const other = await ethers.deployContract("Points", [deployer.address, ADMIN_DELAY]);
      await other.grantRole(await other.ISSUER_ROLE(), issuer.address);
      await other.grantRole(await other.PROGRAM_MANAGER_ROLE(), manager.address);
      const gate = { erc721: await nft.getAddress(), erc1155: await nft1155.getAddress(), erc1155Id: NFT_1155_ID };
      await other.connect(manager).createProgram({ ...gate, enabled: true }, 0n);

      const otherDomain = await readDomain(other, ethers.provider);
      const voucher = {
        programId: 1n,
        account: alice.address,
        amount: 9n,
        refId: 3n,
        deadline: await deadlineIn(HOUR),
      };
      const signature = await signVoucher(issuer, otherDomain, voucher);
      await expect(points.redeemVoucher(voucher, signature))
        .to.be.revertedWithCustomError(points, "PointsVoucherInvalidSigner")
        .withArgs(verifyTypedData(await readDomain(points, ethers.provider), VOUCHER_TYPES, voucher, signature));
      await expect(other.redeemVoucher(voucher, signature)).to.emit(other, "PointsGranted");
      expect(await points.balanceOf(1n, alice.address)).to.equal(0n);
      expect(await other.balanceOf(1n, alice.address)).to.equal(9n);
    });

    it("refuses a voucher signed for the same address on another chain", async function () {
      const { points, deployer, issuer, alice, domain } = await networkHelpers.loadFixture(deployPoints);
      const otherName = networkName === "baseSim" ? "bscSim" : "baseSim";
      const other = await network.create(otherName);
      try {
        const [otherDeployer, otherManager, , otherIssuer, , otherAlice] = await other.ethers.getSigners();
        // same accounts, same nonce: the twin deployment lands at the same address on the other chain
        expect(otherDeployer.address).to.equal(deployer.address);
        expect(otherIssuer.address).to.equal(issuer.address);
        const twin = await other.ethers.deployContract("Points", [otherDeployer.address, ADMIN_DELAY]);
        expect(await twin.getAddress()).to.equal(await points.getAddress());
        expect(await points.getAddress()).to.equal(getCreateAddress({ from: deployer.address, nonce: 0 }));
        await twin.grantRole(await twin.ISSUER_ROLE(), otherIssuer.address);
        await twin.grantRole(await twin.PROGRAM_MANAGER_ROLE(), otherManager.address);
        const noGate = { erc721: ethers.ZeroAddress, erc1155: ethers.ZeroAddress, erc1155Id: 0n, enabled: false };
        await twin.connect(otherManager).createProgram(noGate, 0n);

        const twinDomain = await readDomain(twin, other.ethers.provider);
        expect(twinDomain.chainId).to.not.equal(domain.chainId);
        expect(twinDomain.verifyingContract).to.equal(domain.verifyingContract);

        // signed for this chain: refused on the twin chain, accepted here
        const voucher = {
          programId: 1n,
          account: alice.address,
          amount: 11n,
          refId: 4n,
          deadline: BigInt(await other.networkHelpers.time.latest()) + HOUR,
        };
        const signature = await signVoucher(issuer, domain, voucher);
        await expect(twin.connect(otherAlice).redeemVoucher(voucher, signature))
          .to.be.revertedWithCustomError(twin, "PointsVoucherInvalidSigner")
          .withArgs(verifyTypedData(twinDomain, VOUCHER_TYPES, voucher, signature));
        await expect(points.connect(alice).redeemVoucher(voucher, signature)).to.emit(points, "PointsGranted");
        expect(await points.balanceOf(1n, alice.address)).to.equal(11n);
      } finally {
        await other.close();
      }
    });

    it("applies the NFT gate at redemption time", async function () {
      const { points, nft, issuer, alice, carol, domain } = await networkHelpers.loadFixture(deployPoints);
      const forCarol = {
        programId: 1n,
        account: carol.address,
        amount: 5n,
        refId: 5n,
        deadline: await deadlineIn(HOUR),
      };
      await expect(points.redeemVoucher(forCarol, await signVoucher(issuer, domain, forCarol)))
        .to.be.revertedWithCustomError(points, "PointsNoNft")
        .withArgs(1n, carol.address);

      const forAlice = { ...forCarol, account: alice.address, refId: 6n };
      const signature = await signVoucher(issuer, domain, forAlice);
      await nft.burn(1n); // alice sells her NFT before redeeming
      await expect(points.redeemVoucher(forAlice, signature))
        .to.be.revertedWithCustomError(points, "PointsNoNft")
        .withArgs(1n, alice.address);
    });
  });

  describe("grants and spends", function () {
    it("grants by the issuer (single and batch), gated on ERC-721 or the ERC-1155 id", async function () {
      const { points, issuer, alice, bob, carol } = await networkHelpers.loadFixture(deployPoints);
      await expect(points.connect(issuer).grant(1n, bob.address, 30n, 10n))
        .to.emit(points, "PointsGranted")
        .withArgs(1n, bob.address, 10n, 30n, 30n, 30n, issuer.address, issuer.address);
      await expect(
        points.connect(issuer).grantBatch(1n, [
          { account: alice.address, amount: 5n, refId: 11n },
          { account: bob.address, amount: 7n, refId: 12n },
        ]),
      )
        .to.emit(points, "PointsGranted")
        .withArgs(1n, alice.address, 11n, 5n, 5n, 35n, issuer.address, issuer.address)
        .and.to.emit(points, "PointsGranted")
        .withArgs(1n, bob.address, 12n, 7n, 37n, 42n, issuer.address, issuer.address);
      await expect(points.connect(issuer).grant(1n, carol.address, 1n, 13n))
        .to.be.revertedWithCustomError(points, "PointsNoNft")
        .withArgs(1n, carol.address);
      await expect(points.connect(carol).grant(2n, carol.address, 1n, 13n))
        .to.be.revertedWithCustomError(points, "AccessControlUnauthorizedAccount")
        .withArgs(carol.address, await points.ISSUER_ROLE());
    });

    it("lets the holder spend with a refId of the holder's namespace only", async function () {
      const { points, issuer, alice } = await networkHelpers.loadFixture(deployPoints);
      await points.connect(issuer).grant(1n, alice.address, 100n, 20n);
      const refId = holderRefId(alice.address, 1n);
      expect(await points.holderRefId(alice.address, 1n)).to.equal(refId);
      await expect(points.connect(alice).spend(1n, 40n, refId))
        .to.emit(points, "PointsSpent")
        .withArgs(1n, alice.address, refId, 40n, 60n, 60n, alice.address);
      await expect(points.connect(alice).spend(1n, 1n, refId))
        .to.be.revertedWithCustomError(points, "PointsRefIdUsed")
        .withArgs(refId);
      await expect(points.connect(alice).spend(1n, 1n, 21n))
        .to.be.revertedWithCustomError(points, "PointsRefIdNotOwned")
        .withArgs(21n, alice.address);
      await expect(points.connect(alice).spend(1n, 61n, holderRefId(alice.address, 2n)))
        .to.be.revertedWithCustomError(points, "PointsInsufficientBalance")
        .withArgs(1n, alice.address, 60n, 61n);
    });

    it("lets an operator spend with the holder's signed authorisation, once", async function () {
      const { points, issuer, operator, alice, stranger, domain } = await networkHelpers.loadFixture(deployPoints);
      await points.connect(issuer).grant(1n, alice.address, 100n, 30n);
      const auth = {
        programId: 1n,
        account: alice.address,
        operator: operator.address,
        amount: 25n,
        refId: 31n,
        nonce: await points.nonces(alice.address),
        deadline: await deadlineIn(HOUR),
      };
      const signature = await signSpendAuthorization(alice, domain, auth);
      expect(await points.hashSpendAuthorization(auth)).to.equal(
        TypedDataEncoder.hash(domain, SPEND_AUTHORIZATION_TYPES, auth),
      );

      await expect(points.connect(stranger).spendWithAuthorization(auth, signature))
        .to.be.revertedWithCustomError(points, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, await points.OPERATOR_ROLE());
      await expect(points.connect(operator).spendWithAuthorization({ ...auth, amount: 26n }, signature))
        .to.be.revertedWithCustomError(points, "PointsAuthorizationInvalidSignature")
        .withArgs(alice.address);

      await expect(points.connect(operator).spendWithAuthorization(auth, signature))
        .to.emit(points, "PointsSpent")
        .withArgs(1n, alice.address, 31n, 25n, 75n, 75n, operator.address);
      expect(await points.nonces(alice.address)).to.equal(1n);
      await expect(points.connect(operator).spendWithAuthorization(auth, signature))
        .to.be.revertedWithCustomError(points, "PointsAuthorizationInvalidNonce")
        .withArgs(alice.address, 1n, 0n);
    });

    it("refuses an expired authorisation, one for another operator, and cancelled ones", async function () {
      const { points, deployer, issuer, operator, alice, stranger, domain } =
        await networkHelpers.loadFixture(deployPoints);
      await points.connect(issuer).grant(1n, alice.address, 100n, 40n);
      await points.connect(deployer).grantRole(await points.OPERATOR_ROLE(), stranger.address);
      const auth = {
        programId: 1n,
        account: alice.address,
        operator: operator.address,
        amount: 10n,
        refId: 41n,
        nonce: 0n,
        deadline: await deadlineIn(60n),
      };
      const signature = await signSpendAuthorization(alice, domain, auth);
      await expect(points.connect(stranger).spendWithAuthorization(auth, signature))
        .to.be.revertedWithCustomError(points, "PointsAuthorizationWrongOperator")
        .withArgs(operator.address, stranger.address);

      await expect(points.connect(alice).cancelSpendAuthorizations())
        .to.emit(points, "SpendAuthorizationsCancelled")
        .withArgs(alice.address, 1n);
      await expect(points.connect(operator).spendWithAuthorization(auth, signature))
        .to.be.revertedWithCustomError(points, "PointsAuthorizationInvalidNonce")
        .withArgs(alice.address, 1n, 0n);

      const fresh = { ...auth, nonce: 1n };
      const freshSignature = await signSpendAuthorization(alice, domain, fresh);
      const at = fresh.deadline + 1n;
      await networkHelpers.time.setNextBlockTimestamp(at);
      await expect(points.connect(operator).spendWithAuthorization(fresh, freshSignature))
        .to.be.revertedWithCustomError(points, "PointsAuthorizationExpired")
        .withArgs(fresh.deadline, at);
    });

    it("pauses and ends programs", async function () {
      const { points, manager, pauser, issuer, alice } = await networkHelpers.loadFixture(deployPoints);
      await points.connect(issuer).grant(1n, alice.address, 10n, 50n);
      await expect(points.connect(pauser).pauseProgram(1n))
        .to.emit(points, "ProgramPaused")
        .withArgs(1n, pauser.address);
      await expect(points.connect(issuer).grant(1n, alice.address, 1n, 51n))
        .to.be.revertedWithCustomError(points, "PointsProgramPaused")
        .withArgs(1n);
      await expect(points.connect(pauser).unpauseProgram(1n))
        .to.emit(points, "ProgramUnpaused")
        .withArgs(1n, pauser.address);

      const endsAt = await deadlineIn(HOUR);
      await expect(points.connect(manager).setProgramEnd(1n, endsAt))
        .to.emit(points, "ProgramEndUpdated")
        .withArgs(1n, endsAt, manager.address);
      await networkHelpers.time.increaseTo(endsAt);
      expect(await points.isProgramOpen(1n)).to.equal(false);
      await expect(points.connect(alice).spend(1n, 1n, holderRefId(alice.address, 1n)))
        .to.be.revertedWithCustomError(points, "PointsProgramEnded")
        .withArgs(1n, endsAt);
      expect(await points.balanceOf(1n, alice.address)).to.equal(10n);
    });
  });

  describe("not a tradable token", function () {
    it("has no ERC-20 surface and never emits ERC-20/ERC-1155 transfer events", async function () {
      const { points, issuer, alice, domain } = await networkHelpers.loadFixture(deployPoints);
      for (const name of [
        "transfer",
        "transferFrom",
        "approve",
        "allowance",
        "totalSupply",
        "decimals",
        "symbol",
        "name",
      ]) {
        expect((points.interface as Interface).getFunction(name), name).to.equal(null);
      }
      expect(points.interface.getFunction("balanceOf")!.format()).to.equal("balanceOf(uint256,address)");
      // raw ERC-20 calls hit no function and no fallback
      const erc20 = new ethers.Interface([
        "function transfer(address,uint256)",
        "function balanceOf(address) view returns (uint256)",
      ]);
      await expect(
        alice.sendTransaction({
          to: await points.getAddress(),
          data: erc20.encodeFunctionData("transfer", [alice.address, 1n]),
        }),
      ).to.be.revert(ethers);
      await expect(
        ethers.provider.call({
          to: await points.getAddress(),
          data: erc20.encodeFunctionData("balanceOf", [alice.address]),
        }),
      ).to.be.revert(ethers);
      expect(await points.supportsInterface("0x80ac58cd")).to.equal(false); // ERC-721
      expect(await points.supportsInterface("0xd9b67a26")).to.equal(false); // ERC-1155

      await points.connect(issuer).grant(1n, alice.address, 10n, 60n);
      const voucher = {
        programId: 1n,
        account: alice.address,
        amount: 1n,
        refId: 61n,
        deadline: await deadlineIn(HOUR),
      };
      await points.redeemVoucher(voucher, await signVoucher(issuer, domain, voucher));
      await points.connect(alice).spend(1n, 2n, holderRefId(alice.address, 0n));
      const forbidden = new Set([
        id("Transfer(address,address,uint256)"),
        id("Approval(address,address,uint256)"),
        id("TransferSingle(address,address,address,uint256,uint256)"),
        id("TransferBatch(address,address,address,uint256[],uint256[])"),
      ]);
      const logs = await ethers.provider.getLogs({ address: await points.getAddress(), fromBlock: 0 });
      expect(logs.length).to.be.greaterThan(0);
      for (const log of logs) expect(forbidden.has(log.topics[0]), log.topics[0]).to.equal(false);
    });
  });

  describe("exactly-once sync of an off-chain ledger", function () {
    it("rebuilds every balance and total from events alone, resuming and replaying ranges safely", async function () {
      const f = await networkHelpers.loadFixture(deployPoints);
      const { points, issuer, operator, alice, bob, relayer, domain } = f;
      const wallet = await ethers.deployContract("PointsMockWallet", [bob.address]);
      const walletAddress = await wallet.getAddress();

      let ref = 1000n;
      const next = () => ref++;
      // a mixed history across two programs: single and batch grants, vouchers, holder and operator spends
      await points.connect(issuer).grant(1n, alice.address, 500n, next());
      await points.connect(issuer).grantBatch(2n, [
        { account: alice.address, amount: 10n, refId: next() },
        { account: bob.address, amount: 20n, refId: next() },
        { account: walletAddress, amount: 30n, refId: next() },
        { account: bob.address, amount: 40n, refId: next() },
      ]);
      const v = { programId: 1n, account: bob.address, amount: 70n, refId: next(), deadline: await deadlineIn(HOUR) };
      await points.connect(relayer).redeemVoucher(v, await signVoucher(issuer, domain, v));
      const midBlock = await ethers.provider.getBlockNumber();
      await points.connect(alice).spend(1n, 125n, holderRefId(alice.address, 1n));
      await points.connect(bob).spend(2n, 15n, holderRefId(bob.address, 1n));
      const auth = {
        programId: 2n,
        account: walletAddress,
        operator: operator.address,
        amount: 12n,
        refId: next(),
        nonce: 0n,
        deadline: await deadlineIn(HOUR),
      };
      // the contract wallet (ERC-1271) authorises through its owner's key
      await points.connect(operator).spendWithAuthorization(auth, await signSpendAuthorization(bob, domain, auth));
      const grantsBatch = [];
      for (let i = 0; i < 6; i++)
        grantsBatch.push({ account: i % 2 ? alice.address : bob.address, amount: BigInt(i + 1), refId: next() });
      await points.connect(issuer).grantBatch(2n, grantsBatch);
      // a failed call leaves no trace
      await expect(points.connect(alice).spend(1n, 1n, holderRefId(alice.address, 1n))).to.be.revertedWithCustomError(
        points,
        "PointsRefIdUsed",
      );
      const head = await ethers.provider.getBlockNumber();

      // first pass stops mid-way; the second resumes from an earlier block (overlap), as after a crash or a reorg
      const ledger = new EventLedger();
      await ledger.sync(points, ethers.provider, f.deployBlock, midBlock);
      expect(ledger.cursor).to.equal(midBlock);
      const overlap = [...ledger.entries.values()].filter((e) => e.blockNumber >= midBlock - 1).length;
      expect(overlap).to.be.greaterThan(0);
      await ledger.sync(points, ethers.provider, midBlock - 1, head);
      expect(ledger.skipped).to.equal(overlap);
      expect(ledger.entries.size).to.equal(1 + 4 + 1 + 2 + 1 + 6);

      // a replay of the whole range changes nothing
      const before = [...ledger.balances];
      await ledger.sync(points, ethers.provider, f.deployBlock, head);
      expect([...ledger.balances]).to.deep.equal(before);
      expect(ledger.skipped).to.equal(overlap + ledger.entries.size);

      // compare with the chain
      for (const programId of [1n, 2n]) {
        let sum = 0n;
        for (const account of [alice.address, bob.address, walletAddress, relayer.address, operator.address]) {
          const onChain = await points.balanceOf(programId, account);
          expect(ledger.balanceOf(programId, account), `${programId}/${account}`).to.equal(onChain);
          sum += onChain;
        }
        expect(ledger.totals.get(programId)).to.equal(await points.totalPoints(programId));
        expect(sum).to.equal(await points.totalPoints(programId));
      }
      for (const entry of ledger.entries.values()) expect(await points.isRefIdUsed(entry.refId)).to.equal(true);
      expect(ledger.balanceOf(1n, alice.address)).to.equal(375n);
      expect(ledger.balanceOf(2n, walletAddress)).to.equal(18n);
    });
  });

  describe("reorgs", function () {
    it("drops rows of orphaned blocks and re-applies the canonical chain", async function () {
      const { points, issuer, alice, bob, deployBlock } = await networkHelpers.loadFixture(deployPoints);
      await points.connect(issuer).grant(1n, alice.address, 100n, 70n);
      const ledger = new EventLedger();
      await ledger.sync(points, ethers.provider, deployBlock, await ethers.provider.getBlockNumber());

      // block N on a branch that will be orphaned: a grant with refId 71 to alice
      const fork = await networkHelpers.takeSnapshot();
      await points.connect(issuer).grant(1n, alice.address, 50n, 71n);
      await ledger.sync(points, ethers.provider, ledger.cursor + 1, await ethers.provider.getBlockNumber());
      expect(ledger.balanceOf(1n, alice.address)).to.equal(150n);
      const orphanBlock = ledger.entries.get(71n)!.blockNumber;

      // the canonical chain replaces block N: refId 71 is now a grant to bob, and refId 72 follows
      await fork.restore();
      await networkHelpers.mine(1, { interval: 7 }); // a different block N, as another validator would produce
      await points.connect(issuer).grant(1n, bob.address, 5n, 71n);
      await points.connect(issuer).grant(1n, alice.address, 1n, 72n);

      expect(await ledger.dropOrphans(ethers.provider, 64)).to.equal(orphanBlock);
      expect(ledger.entries.has(71n)).to.equal(false);
      expect(ledger.balanceOf(1n, alice.address)).to.equal(100n);
      await ledger.sync(points, ethers.provider, ledger.cursor + 1, await ethers.provider.getBlockNumber());
      expect(await ledger.dropOrphans(ethers.provider, 64)).to.equal(null);
      expect(ledger.entries.get(71n)!.account).to.equal(bob.address);
      expect(ledger.balanceOf(1n, alice.address)).to.equal(await points.balanceOf(1n, alice.address));
      expect(ledger.balanceOf(1n, bob.address)).to.equal(await points.balanceOf(1n, bob.address));
      expect(ledger.totals.get(1n)).to.equal(await points.totalPoints(1n));
    });
  });

  describe("gas", function () {
    it("batch grant to 50 existing accounts stays under 30k gas per account; voucher redemption", async function () {
      const { points, nft, issuer, operator, alice, carol, relayer, domain } =
        await networkHelpers.loadFixture(deployPoints);
      const accounts = Array.from({ length: 50 }, (_, i) =>
        ethers.getAddress(`0x${(0x100000 + i).toString(16).padStart(40, "0")}`),
      );
      for (let i = 0; i < accounts.length; i++) await nft.mint(accounts[i], 1000n + BigInt(i));
      const batch = (base: bigint) => accounts.map((account, i) => ({ account, amount: 10n, refId: base + BigInt(i) }));
      await points.connect(issuer).grantBatch(1n, batch(10_000n)); // the accounts exist from here on

      const gasOf = async (tx: Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }>) =>
        (await (await tx).wait())!.gasUsed;
      const dense = await gasOf(points.connect(issuer).grantBatch(1n, batch(20_000n)));
      // random 256-bit refIds each need a fresh storage word: the worst case
      const random = accounts.map((account, i) => ({ account, amount: 10n, refId: BigInt(id(`random ${i}`)) }));
      const sparse = await gasOf(points.connect(issuer).grantBatch(1n, random));
      // single operations on accounts that exist, with refIds in a storage word already in use (steady state)
      const single = await gasOf(points.connect(issuer).grant(1n, accounts[0], 10n, 20_050n));
      await points.connect(issuer).grant(1n, alice.address, 1n, 20_051n);
      const voucher = {
        programId: 1n,
        account: alice.address,
        amount: 10n,
        refId: 20_052n,
        deadline: await deadlineIn(HOUR),
      };
      const redeem = await gasOf(
        points.connect(relayer).redeemVoucher(voucher, await signVoucher(issuer, domain, voucher)),
      );
      // worst case voucher: a new account (zero balance) and a refId in a fresh storage word
      await nft.mint(carol.address, 5000n);
      const fresh = {
        programId: 1n,
        account: carol.address,
        amount: 10n,
        refId: 90_000n,
        deadline: await deadlineIn(HOUR),
      };
      const redeemFresh = await gasOf(
        points.connect(relayer).redeemVoucher(fresh, await signVoucher(issuer, domain, fresh)),
      );
      const spendFirst = await gasOf(points.connect(alice).spend(1n, 1n, holderRefId(alice.address, 1n)));
      const spendNext = await gasOf(points.connect(alice).spend(1n, 1n, holderRefId(alice.address, 2n)));
      const auth = {
        programId: 1n,
        account: alice.address,
        operator: operator.address,
        amount: 1n,
        refId: 20_053n,
        nonce: 0n,
        deadline: await deadlineIn(HOUR),
      };
      const byOperator = await gasOf(
        points.connect(operator).spendWithAuthorization(auth, await signSpendAuthorization(alice, domain, auth)),
      );

      console.log(
        `      [${networkName}] receipt gasUsed: grantBatch(50 existing, dense refIds) ${dense} = ${dense / 50n}/account; ` +
          `grantBatch(50 existing, random refIds) ${sparse} = ${sparse / 50n}/account; grant ${single}; ` +
          `redeemVoucher ${redeem} (new account + fresh refId word: ${redeemFresh}); ` +
          `spend ${spendNext} (first in the holder's namespace: ${spendFirst}); spendWithAuthorization ${byOperator}`,
      );
      expect(dense / 50n).to.be.lessThanOrEqual(30_000n);
      expect(sparse).to.be.greaterThan(dense);
      expect(await points.balanceOf(1n, accounts[49])).to.equal(30n);
    });
  });
});
