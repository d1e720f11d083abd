// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

import {IPoints} from "../../contracts/interfaces/IPoints.sol";
import {PointsMockERC721} from "../../contracts/mocks/PointsMockNfts.sol";
import {PointsMockWallet} from "../../contracts/mocks/PointsMockWallet.sol";
import {Points} from "../../contracts/points/Points.sol";
import {Test} from "../utils/Test.sol";
import {PointsFixture, PointsTestLib} from "./PointsTestBase.sol";

contract PointsTest is Test, PointsFixture {
    using PointsTestLib for Points;

    address private alice;
    uint256 private aliceKey;
    address private bob;

    function setUp() public {
        _deployFixture();
        (alice, aliceKey) = makeAddrAndKey("alice");
        bob = makeAddr("bob");
        nft.mint(alice, 1);
        nft1155.mint(bob, NFT_1155_ID, 1);
    }

    // ===== helpers =====

    function _grant(uint256 programId, address to, uint256 amount, uint256 refId) private {
        vm.prank(issuer);
        points.grant(programId, to, amount, refId);
    }

    function _auth(uint256 amount, uint256 refId) private view returns (IPoints.SpendAuthorization memory) {
        return
            IPoints.SpendAuthorization({
                programId: gated,
                account: alice,
                operator: operator,
                amount: amount,
                refId: refId,
                nonce: points.nonces(alice),
                deadline: block.timestamp + 1 hours
            });
    }

    function _unauthorized(address account, bytes32 role) private pure returns (bytes memory) {
        return abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, account, role);
    }

    // ===== constants and domain =====

    function test_constants_matchTheirPreimages() public view {
        assertEq(points.ISSUER_ROLE(), keccak256("POINTS_ISSUER_ROLE"), "issuer role");
        assertEq(points.OPERATOR_ROLE(), keccak256("POINTS_OPERATOR_ROLE"), "operator role");
        assertEq(points.PAUSER_ROLE(), keccak256("POINTS_PAUSER_ROLE"), "pauser role");
        assertEq(points.PROGRAM_MANAGER_ROLE(), keccak256("POINTS_PROGRAM_MANAGER_ROLE"), "manager role");
        assertEq(
            points.VOUCHER_TYPEHASH(),
            keccak256("Voucher(uint256 programId,address account,uint256 amount,uint256 refId,uint256 deadline)"),
            "voucher typehash"
        );
        assertEq(
            points.SPEND_AUTHORIZATION_TYPEHASH(),
            keccak256(
                "SpendAuthorization(uint256 programId,address account,address operator,uint256 amount,"
                "uint256 refId,uint256 nonce,uint256 deadline)"
            ),
            "spend typehash"
        );
    }

    function test_domainSeparator_isTheEip712DomainOfThisChainAndDeployment() public {
        bytes32 expected = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("stokit Points"),
                keccak256("1"),
                block.chainid,
                address(points)
            )
        );
        assertEq(points.domainSeparator(), expected, "separator");
        (bytes1 fields, string memory name, string memory version, uint256 chainId, address verifying, , ) = points
            .eip712Domain();
        assertEq(uint8(fields), 0x0f, "fields");
        assertEq(keccak256(bytes(name)), keccak256("stokit Points"), "name");
        assertEq(keccak256(bytes(version)), keccak256("1"), "version");
        assertEq(chainId, block.chainid, "chain id");
        assertEq(verifying, address(points), "verifying contract");

        // after a fork (new chain id) the separator follows the chain id
        vm.chainId(block.chainid + 1);
        assertTrue(points.domainSeparator() != expected, "separator changes with the chain id");
        (, , , uint256 forkedChainId, , , ) = points.eip712Domain();
        assertEq(forkedChainId, block.chainid, "forked chain id");
    }

    function test_voucherDigest_isTheTypedDataHash() public view {
        IPoints.Voucher memory v = PointsTestLib.voucher(gated, alice, 5, 9, 100);
        bytes32 structHash = keccak256(abi.encode(points.VOUCHER_TYPEHASH(), gated, alice, 5, 9, 100));
        assertEq(
            points.hashVoucher(v),
            keccak256(abi.encodePacked(hex"1901", points.domainSeparator(), structHash)),
            "digest"
        );
    }

    function test_holderRefId_putsTheAccountInTheTopBits() public view {
        assertEq(points.holderRefId(alice, 42), PointsTestLib.holderRef(alice, 42), "namespace");
        assertEq(points.holderRefId(alice, 42) >> 96, uint160(alice), "top bits");
    }

    function test_supportsInterface_isNotAToken() public view {
        assertFalse(points.supportsInterface(0x80ac58cd), "not ERC-721");
        assertFalse(points.supportsInterface(0xd9b67a26), "not ERC-1155");
        assertFalse(points.supportsInterface(0x36372b07), "not ERC-20");
        assertTrue(points.supportsInterface(type(IAccessControl).interfaceId), "access control");
    }

    // ===== programs =====

    function test_createProgram_storesConfigAndEmits() public {
        uint64 endsAt = uint64(block.timestamp + 30 days);
        IPoints.Gate memory gate = _gate(true);
        vm.expectEmit(address(points));
        emit IPoints.ProgramCreated(3, gate, endsAt, manager);
        vm.prank(manager);
        uint256 id = points.createProgram(gate, endsAt);
        assertEq(id, 3, "id");
        assertEq(points.programCount(), 3, "count");
        IPoints.ProgramInfo memory info = points.program(id);
        assertEq(info.gate.erc721, address(nft), "erc721");
        assertEq(info.gate.erc1155, address(nft1155), "erc1155");
        assertEq(info.gate.erc1155Id, NFT_1155_ID, "erc1155 id");
        assertTrue(info.gate.enabled, "enabled");
        assertEq(info.endsAt, endsAt, "endsAt");
        assertFalse(info.paused, "paused");
        assertEq(info.totalPoints, 0, "total");
        assertTrue(points.isProgramOpen(id), "open");
    }

    function test_createProgram_revertsForNonManager() public {
        IPoints.TokenVoucher memory v1 = _tokenVoucher(alice, 1, 1);
        bytes memory sig1 = _signTokenVoucher(v1, issuerKey);
        vm.expectRevert(_unauthorized(alice, points.PROGRAM_MANAGER_ROLE()));
        vm.prank(alice);
        points.createProgram(_noGate(), 0);
    }

    function test_createProgram_revertsOnEmptyGate() public {
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsEmptyGate.selector));
        vm.prank(manager);
        points.createProgram(IPoints.Gate(true, address(0), address(0), 0), 0);
    }

    function test_createProgram_revertsOnWrongCollectionKind() public {
        vm.startPrank(manager);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsInvalidCollection.selector, address(nft1155)));
        points.createProgram(IPoints.Gate(true, address(nft1155), address(0), 0), 0);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsInvalidCollection.selector, address(nft)));
        points.createProgram(IPoints.Gate(true, address(0), address(nft), 1), 0);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsInvalidCollection.selector, alice));
        points.createProgram(IPoints.Gate(true, alice, address(0), 0), 0);
        vm.stopPrank();
    }

    function test_createProgram_revertsOnPastEnd() public {
        vm.warp(1000);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsInvalidEnd.selector, uint64(1000)));
        vm.prank(manager);
        points.createProgram(_noGate(), 1000);
    }

    function test_setProgramGate_switchesTheGateOff() public {
        address nobody = makeAddr("nobody");
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsNoNft.selector, gated, nobody));
        _grant(gated, nobody, 1, 1);
        assertFalse(points.isEligible(gated, nobody), "not eligible");

        vm.expectEmit(address(points));
        emit IPoints.ProgramGateUpdated(gated, _gate(false), manager);
        vm.prank(manager);
        points.setProgramGate(gated, _gate(false));
        assertTrue(points.isEligible(gated, nobody), "eligible");
        _grant(gated, nobody, 1, 1);
        assertEq(points.balanceOf(gated, nobody), 1, "balance");
    }

    function test_setProgramGate_reverts() public {
        vm.expectRevert(_unauthorized(alice, points.PROGRAM_MANAGER_ROLE()));
        vm.prank(alice);
        points.setProgramGate(gated, _gate(false));

        vm.startPrank(manager);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsUnknownProgram.selector, 99));
        points.setProgramGate(99, _gate(false));
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsEmptyGate.selector));
        points.setProgramGate(gated, IPoints.Gate(true, address(0), address(0), 0));
        vm.stopPrank();
    }

    function test_setProgramEnd_expiresPointsAtTheEnd() public {
        _grant(gated, alice, 10, 1);
        uint64 endsAt = uint64(block.timestamp + 7 days);
        vm.expectEmit(address(points));
        emit IPoints.ProgramEndUpdated(gated, endsAt, manager);
        vm.prank(manager);
        points.setProgramEnd(gated, endsAt);

        vm.warp(endsAt - 1);
        assertTrue(points.isProgramOpen(gated), "open before the end");
        vm.warp(endsAt);
        assertFalse(points.isProgramOpen(gated), "closed at the end");

        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsProgramEnded.selector, gated, endsAt));
        _grant(gated, alice, 1, 2);
        uint256 ref = points.holderRefId(alice, 1);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsProgramEnded.selector, gated, endsAt));
        vm.prank(alice);
        points.spend(gated, 1, ref);
        // the final balance stays readable, and an ended program cannot be revived or reconfigured
        assertEq(points.balanceOf(gated, alice), 10, "final balance");
        vm.startPrank(manager);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsProgramEnded.selector, gated, endsAt));
        points.setProgramEnd(gated, 0);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsProgramEnded.selector, gated, endsAt));
        points.setProgramGate(gated, _gate(false));
        vm.stopPrank();
    }

    function test_setProgramEnd_reverts() public {
        vm.expectRevert(_unauthorized(alice, points.PROGRAM_MANAGER_ROLE()));
        vm.prank(alice);
        points.setProgramEnd(gated, 0);

        vm.warp(500);
        vm.startPrank(manager);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsInvalidEnd.selector, uint64(499)));
        points.setProgramEnd(gated, 499);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsUnknownProgram.selector, 0));
        points.setProgramEnd(0, 0);
        // removing an end is allowed
        points.setProgramEnd(gated, 600);
        points.setProgramEnd(gated, 0);
        vm.stopPrank();
        assertEq(points.program(gated).endsAt, 0, "no end");
    }

    function test_pauseProgram_blocksGrantsAndSpendsOfThatProgramOnly() public {
        _grant(gated, alice, 10, 1);
        vm.expectEmit(address(points));
        emit IPoints.ProgramPaused(gated, pauser);
        vm.prank(pauser);
        points.pauseProgram(gated);
        assertTrue(points.program(gated).paused, "paused");
        assertFalse(points.isProgramOpen(gated), "not open");

        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsProgramPaused.selector, gated));
        _grant(gated, alice, 1, 2);
        uint256 ref = points.holderRefId(alice, 1);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsProgramPaused.selector, gated));
        vm.prank(alice);
        points.spend(gated, 1, ref);
        // the other program keeps working
        _grant(open, alice, 1, 3);

        vm.expectEmit(address(points));
        emit IPoints.ProgramUnpaused(gated, pauser);
        vm.prank(pauser);
        points.unpauseProgram(gated);
        vm.prank(alice);
        points.spend(gated, 1, ref);
        assertEq(points.balanceOf(gated, alice), 9, "balance");
    }

    function test_pauseProgram_reverts() public {
        vm.expectRevert(_unauthorized(alice, points.PAUSER_ROLE()));
        vm.prank(alice);
        points.pauseProgram(gated);
        vm.expectRevert(_unauthorized(alice, points.PAUSER_ROLE()));
        vm.prank(alice);
        points.unpauseProgram(gated);

        vm.startPrank(pauser);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsUnknownProgram.selector, 7));
        points.pauseProgram(7);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsProgramNotPaused.selector, gated));
        points.unpauseProgram(gated);
        points.pauseProgram(gated);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsProgramPaused.selector, gated));
        points.pauseProgram(gated);
        vm.stopPrank();
    }

    function test_views_revertOrAnswerForUnknownPrograms() public {
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsUnknownProgram.selector, 5));
        points.program(5);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsUnknownProgram.selector, 5));
        points.isEligible(5, alice);
        assertFalse(points.isProgramOpen(5), "unknown is not open");
        assertEq(points.totalPoints(5), 0, "unknown total");
    }

    // ===== grants =====

    function test_grant_creditsAndEmitsTheLedgerEntry() public {
        vm.expectEmit(address(points));
        emit IPoints.PointsGranted(gated, alice, 1, 100, 100, 100, issuer, issuer);
        _grant(gated, alice, 100, 1);
        vm.expectEmit(address(points));
        emit IPoints.PointsGranted(gated, alice, 2, 50, 150, 150, issuer, issuer);
        _grant(gated, alice, 50, 2);
        assertEq(points.balanceOf(gated, alice), 150, "balance");
        assertEq(points.totalPoints(gated), 150, "total");
        assertTrue(points.isRefIdUsed(1) && points.isRefIdUsed(2), "used");
        assertFalse(points.isRefIdUsed(3), "unused");
    }

    function test_grant_passesTheGateWithTheErc1155Id() public {
        _grant(gated, bob, 7, 1);
        assertEq(points.balanceOf(gated, bob), 7, "erc1155 holder earns");
        nft1155.burn(bob, NFT_1155_ID, 1);
        nft1155.mint(bob, NFT_1155_ID + 1, 1); // another id does not count
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsNoNft.selector, gated, bob));
        _grant(gated, bob, 7, 2);
    }

    function test_grant_gateIsCheckedAtGrantTime() public {
        _grant(gated, alice, 1, 1);
        nft.burn(1);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsNoNft.selector, gated, alice));
        _grant(gated, alice, 1, 2);
    }

    function test_grant_erc721OnlyGate() public {
        vm.prank(manager);
        uint256 id = points.createProgram(IPoints.Gate(true, address(nft), address(0), 0), 0);
        _grant(id, alice, 1, 1);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsNoNft.selector, id, bob));
        _grant(id, bob, 1, 2);
    }

    function test_grant_reverts() public {
        vm.expectRevert(_unauthorized(alice, points.ISSUER_ROLE()));
        vm.prank(alice);
        points.grant(gated, alice, 1, 1);

        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsUnknownProgram.selector, 3));
        _grant(3, alice, 1, 1);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsInvalidAccount.selector, address(0)));
        _grant(gated, address(0), 1, 1);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsZeroAmount.selector));
        _grant(gated, alice, 0, 1);

        _grant(gated, alice, 1, 1);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsRefIdUsed.selector, 1));
        _grant(gated, alice, 1, 1);
        // refIds are unique across programs too
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsRefIdUsed.selector, 1));
        _grant(open, alice, 1, 1);
    }

    function test_grantBatch_creditsEveryEntry() public {
        IPoints.Grant[] memory grants = new IPoints.Grant[](3);
        grants[0] = IPoints.Grant(alice, 10, 100);
        grants[1] = IPoints.Grant(bob, 20, 101);
        grants[2] = IPoints.Grant(alice, 5, 102);
        vm.expectEmit(address(points));
        emit IPoints.PointsGranted(gated, alice, 100, 10, 10, 10, issuer, issuer);
        vm.expectEmit(address(points));
        emit IPoints.PointsGranted(gated, bob, 101, 20, 20, 30, issuer, issuer);
        vm.expectEmit(address(points));
        emit IPoints.PointsGranted(gated, alice, 102, 5, 15, 35, issuer, issuer);
        vm.prank(issuer);
        points.grantBatch(gated, grants);
        assertEq(points.balanceOf(gated, alice), 15, "alice");
        assertEq(points.balanceOf(gated, bob), 20, "bob");
        assertEq(points.totalPoints(gated), 35, "total");
    }

    function test_grantBatch_revertsAtomically() public {
        IPoints.Grant[] memory grants = new IPoints.Grant[](2);
        grants[0] = IPoints.Grant(alice, 10, 100);
        grants[1] = IPoints.Grant(alice, 10, 100);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsRefIdUsed.selector, 100));
        vm.prank(issuer);
        points.grantBatch(gated, grants);
        assertEq(points.balanceOf(gated, alice), 0, "nothing applied");
        assertFalse(points.isRefIdUsed(100), "refId still free");

        grants[1] = IPoints.Grant(makeAddr("nobody"), 10, 101);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsNoNft.selector, gated, grants[1].account));
        vm.prank(issuer);
        points.grantBatch(gated, grants);

        grants[1] = IPoints.Grant(alice, 0, 101);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsZeroAmount.selector));
        vm.prank(issuer);
        points.grantBatch(gated, grants);

        grants[1] = IPoints.Grant(address(0), 1, 101);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsInvalidAccount.selector, address(0)));
        vm.prank(issuer);
        points.grantBatch(open, grants);
    }

    function test_grantBatch_revertsOnEmptyUnknownPausedOrUnauthorized() public {
        IPoints.Grant[] memory none = new IPoints.Grant[](0);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsEmptyBatch.selector));
        vm.prank(issuer);
        points.grantBatch(gated, none);

        IPoints.Grant[] memory one = new IPoints.Grant[](1);
        one[0] = IPoints.Grant(alice, 1, 1);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsUnknownProgram.selector, 9));
        vm.prank(issuer);
        points.grantBatch(9, one);

        vm.prank(pauser);
        points.pauseProgram(gated);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsProgramPaused.selector, gated));
        vm.prank(issuer);
        points.grantBatch(gated, one);

        vm.expectRevert(_unauthorized(operator, points.ISSUER_ROLE()));
        vm.prank(operator);
        points.grantBatch(open, one);
    }

    function test_grantBatch_gasPerExistingAccount() public {
        uint256 n = 50;
        IPoints.Grant[] memory grants = new IPoints.Grant[](n);
        for (uint256 i = 0; i < n; ++i) {
            address a = address(uint160(0x10000 + i));
            nft.mint(a, 1000 + i);
            grants[i] = IPoints.Grant(a, 10, 1000 + i);
        }
        vm.prank(issuer);
        points.grantBatch(gated, grants);
        for (uint256 i = 0; i < n; ++i) grants[i].refId = 2000 + i;
        vm.prank(issuer);
        points.grantBatch(gated, grants);
        uint256 gasUsed = vm.snapshotGasLastCall("points: grantBatch 50 existing accounts, gated, dense refIds");
        vm.snapshotValue("points: grantBatch per existing account", gasUsed / n);
        assertLe(gasUsed / n, 30_000, "<= 30k per existing account");
        assertEq(points.balanceOf(gated, grants[7].account), 20, "credited twice");
    }

    // ===== vouchers =====

    function test_redeemVoucher_anyoneRedeemsForTheAccount() public {
        IPoints.Voucher memory v = PointsTestLib.voucher(gated, alice, 40, 77, block.timestamp + 1 days);
        bytes memory sig = points.signVoucher(v, issuerKey);
        vm.expectEmit(address(points));
        emit IPoints.PointsGranted(gated, alice, 77, 40, 40, 40, issuer, bob);
        vm.prank(bob); // a relayer
        points.redeemVoucher(v, sig);
        vm.snapshotGasLastCall("points: redeemVoucher, gated");
        assertEq(points.balanceOf(gated, alice), 40, "credited to the account, not the relayer");
        assertEq(points.balanceOf(gated, bob), 0, "relayer");

        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsRefIdUsed.selector, 77));
        points.redeemVoucher(v, sig);
    }

    function test_redeemVoucher_atTheDeadlineIsAccepted() public {
        IPoints.Voucher memory v = PointsTestLib.voucher(open, bob, 1, 5, block.timestamp + 10);
        bytes memory sig = points.signVoucher(v, issuerKey);
        vm.warp(block.timestamp + 10);
        points.redeemVoucher(v, sig);
        assertEq(points.balanceOf(open, bob), 1, "credited");
    }

    function test_redeemVoucher_revertsWhenExpired() public {
        IPoints.Voucher memory v = PointsTestLib.voucher(gated, alice, 40, 77, block.timestamp + 1 days);
        bytes memory sig = points.signVoucher(v, issuerKey);
        vm.warp(block.timestamp + 1 days + 1);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsVoucherExpired.selector, v.deadline, block.timestamp));
        points.redeemVoucher(v, sig);
    }

    function test_redeemVoucher_revertsWhenSignedByANonIssuer() public {
        IPoints.Voucher memory v = PointsTestLib.voucher(gated, alice, 40, 77, block.timestamp + 1 days);
        bytes memory sig = points.signVoucher(v, aliceKey);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsVoucherInvalidSigner.selector, alice));
        points.redeemVoucher(v, sig);
    }

    function test_redeemVoucher_revertsWhenTampered() public {
        IPoints.Voucher memory v = PointsTestLib.voucher(gated, alice, 40, 77, block.timestamp + 1 days);
        bytes memory sig = points.signVoucher(v, issuerKey);
        v.amount = 41;
        vm.expectPartialRevert(IPoints.PointsVoucherInvalidSigner.selector);
        points.redeemVoucher(v, sig);
        v.amount = 40;
        v.programId = open; // replay on another program of the same deployment
        vm.expectPartialRevert(IPoints.PointsVoucherInvalidSigner.selector);
        points.redeemVoucher(v, sig);
    }

    function test_redeemVoucher_revertsOnMalformedSignature() public {
        IPoints.Voucher memory v = PointsTestLib.voucher(gated, alice, 40, 77, block.timestamp + 1 days);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsVoucherInvalidSigner.selector, address(0)));
        points.redeemVoucher(v, hex"1234");
    }

    function test_redeemVoucher_revertsAfterTheIssuerRoleIsRevoked() public {
        IPoints.Voucher memory v = PointsTestLib.voucher(gated, alice, 40, 77, block.timestamp + 1 days);
        bytes memory sig = points.signVoucher(v, issuerKey);
        bytes32 issuerRole = points.ISSUER_ROLE();
        vm.prank(admin);
        points.revokeRole(issuerRole, issuer);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsVoucherInvalidSigner.selector, issuer));
        points.redeemVoucher(v, sig);
    }

    function test_redeemVoucher_revertsOnAnotherDeploymentAndAnotherChain() public {
        IPoints.Voucher memory v = PointsTestLib.voucher(1, alice, 40, 77, block.timestamp + 1 days);
        bytes memory sig = points.signVoucher(v, issuerKey);

        // a second deployment with the same roles and program
        Points other = new Points(admin, ADMIN_DELAY);
        bytes32 issuerRole = other.ISSUER_ROLE();
        bytes32 managerRole = other.PROGRAM_MANAGER_ROLE();
        vm.startPrank(admin);
        other.grantRole(issuerRole, issuer);
        other.grantRole(managerRole, manager);
        vm.stopPrank();
        vm.prank(manager);
        other.createProgram(_gate(true), 0);
        vm.expectPartialRevert(IPoints.PointsVoucherInvalidSigner.selector);
        other.redeemVoucher(v, sig);

        // the same deployment after a chain-id change (e.g. the same address on another chain)
        uint256 snapshot = vm.snapshotState();
        vm.chainId(block.chainid + 1);
        vm.expectPartialRevert(IPoints.PointsVoucherInvalidSigner.selector);
        points.redeemVoucher(v, sig);
        vm.revertToState(snapshot);

        points.redeemVoucher(v, sig);
        assertEq(points.balanceOf(1, alice), 40, "valid where it was signed for");
    }

    function test_redeemVoucher_respectsGateAndPause() public {
        address nobody = makeAddr("nobody");
        IPoints.Voucher memory v = PointsTestLib.voucher(gated, nobody, 1, 1, block.timestamp + 1 days);
        bytes memory sig = points.signVoucher(v, issuerKey);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsNoNft.selector, gated, nobody));
        points.redeemVoucher(v, sig);
        vm.prank(pauser);
        points.pauseProgram(gated);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsProgramPaused.selector, gated));
        points.redeemVoucher(v, sig);
    }

    // ===== spends =====

    function test_spend_debitsAndEmitsTheLedgerEntry() public {
        _grant(gated, alice, 100, 1);
        uint256 ref = points.holderRefId(alice, 1);
        vm.expectEmit(address(points));
        emit IPoints.PointsSpent(gated, alice, ref, 30, 70, 70, alice);
        vm.prank(alice);
        points.spend(gated, 30, ref);
        vm.snapshotGasLastCall("points: spend by the holder");
        assertEq(points.balanceOf(gated, alice), 70, "balance");
        assertEq(points.totalPoints(gated), 70, "total");
        assertTrue(points.isRefIdUsed(ref), "used");
    }

    function test_spend_doesNotNeedTheNft() public {
        _grant(gated, alice, 10, 1);
        nft.burn(1);
        uint256 ref = points.holderRefId(alice, 1);
        vm.prank(alice);
        points.spend(gated, 10, ref);
        assertEq(points.balanceOf(gated, alice), 0, "spent");
    }

    function test_spend_reverts() public {
        _grant(gated, alice, 10, 1);
        uint256 ref = points.holderRefId(alice, 1);
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsInsufficientBalance.selector, gated, alice, 10, 11));
        points.spend(gated, 11, ref);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsZeroAmount.selector));
        points.spend(gated, 0, ref);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsUnknownProgram.selector, 3));
        points.spend(3, 1, ref);
        points.spend(gated, 1, ref);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsRefIdUsed.selector, ref));
        points.spend(gated, 1, ref);
        vm.stopPrank();
    }

    function test_spend_refusesRefIdsOutsideTheHolderNamespace() public {
        _grant(gated, alice, 10, 1);
        // a holder cannot burn a refId the backend reserved for a grant (namespace 0) or someone else's refId
        uint256 bobRef = points.holderRefId(bob, 1);
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsRefIdNotOwned.selector, 2, alice));
        points.spend(gated, 1, 2);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsRefIdNotOwned.selector, bobRef, alice));
        points.spend(gated, 1, bobRef);
        vm.stopPrank();
        assertFalse(points.isRefIdUsed(2), "grant refId still free");
        _grant(gated, alice, 1, 2);
    }

    function test_spendWithAuthorization_operatorSpendsOnce() public {
        _grant(gated, alice, 100, 1);
        IPoints.SpendAuthorization memory a = _auth(60, 500);
        bytes memory sig = points.signAuth(a, aliceKey);
        vm.expectEmit(address(points));
        emit IPoints.PointsSpent(gated, alice, 500, 60, 40, 40, operator);
        vm.prank(operator);
        points.spendWithAuthorization(a, sig);
        vm.snapshotGasLastCall("points: spendWithAuthorization");
        assertEq(points.balanceOf(gated, alice), 40, "balance");
        assertEq(points.nonces(alice), 1, "nonce consumed");

        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsAuthorizationInvalidNonce.selector, alice, 1, 0));
        vm.prank(operator);
        points.spendWithAuthorization(a, sig);
    }

    function test_spendWithAuthorization_reverts() public {
        _grant(gated, alice, 100, 1);
        IPoints.SpendAuthorization memory a = _auth(10, 500);
        bytes memory sig = points.signAuth(a, aliceKey);

        vm.expectRevert(_unauthorized(bob, points.OPERATOR_ROLE()));
        vm.prank(bob);
        points.spendWithAuthorization(a, sig);

        address otherOperator = makeAddr("otherOperator");
        bytes32 operatorRole = points.OPERATOR_ROLE();
        vm.prank(admin);
        points.grantRole(operatorRole, otherOperator);
        vm.expectRevert(
            abi.encodeWithSelector(IPoints.PointsAuthorizationWrongOperator.selector, operator, otherOperator)
        );
        vm.prank(otherOperator);
        points.spendWithAuthorization(a, sig);

        vm.startPrank(operator);
        IPoints.SpendAuthorization memory tampered = _auth(11, 500);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsAuthorizationInvalidSignature.selector, alice));
        points.spendWithAuthorization(tampered, sig);

        bytes memory bobSig = points.signAuth(a, uint256(keccak256("bob")));
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsAuthorizationInvalidSignature.selector, alice));
        points.spendWithAuthorization(a, bobSig);

        IPoints.SpendAuthorization memory wrongNonce = _auth(10, 500);
        wrongNonce.nonce = 3;
        bytes memory wrongNonceSig = points.signAuth(wrongNonce, aliceKey);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsAuthorizationInvalidNonce.selector, alice, 0, 3));
        points.spendWithAuthorization(wrongNonce, wrongNonceSig);

        IPoints.SpendAuthorization memory tooMuch = _auth(101, 501);
        bytes memory tooMuchSig = points.signAuth(tooMuch, aliceKey);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsInsufficientBalance.selector, gated, alice, 100, 101));
        points.spendWithAuthorization(tooMuch, tooMuchSig);

        IPoints.SpendAuthorization memory usedRef = _auth(1, 1); // refId 1 was the grant
        bytes memory usedRefSig = points.signAuth(usedRef, aliceKey);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsRefIdUsed.selector, 1));
        points.spendWithAuthorization(usedRef, usedRefSig);

        vm.warp(a.deadline + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IPoints.PointsAuthorizationExpired.selector, a.deadline, a.deadline + 1)
        );
        points.spendWithAuthorization(a, sig);
        vm.stopPrank();
        assertEq(points.balanceOf(gated, alice), 100, "nothing spent");
    }

    function test_cancelSpendAuthorizations_invalidatesOutstandingOnes() public {
        _grant(gated, alice, 100, 1);
        IPoints.SpendAuthorization memory a = _auth(10, 500);
        bytes memory sig = points.signAuth(a, aliceKey);
        vm.expectEmit(address(points));
        emit IPoints.SpendAuthorizationsCancelled(alice, 1);
        vm.prank(alice);
        points.cancelSpendAuthorizations();
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsAuthorizationInvalidNonce.selector, alice, 1, 0));
        vm.prank(operator);
        points.spendWithAuthorization(a, sig);
    }

    function test_spendWithAuthorization_acceptsAContractWallet() public {
        (address owner, uint256 ownerKey) = makeAddrAndKey("walletOwner");
        PointsMockWallet wallet = new PointsMockWallet(owner);
        _grant(open, address(wallet), 50, 1);
        IPoints.SpendAuthorization memory a = IPoints.SpendAuthorization({
            programId: open,
            account: address(wallet),
            operator: operator,
            amount: 20,
            refId: 600,
            nonce: 0,
            deadline: block.timestamp + 1 hours
        });
        bytes memory ownerSig = points.signAuth(a, ownerKey);
        vm.prank(operator);
        points.spendWithAuthorization(a, ownerSig);
        assertEq(points.balanceOf(open, address(wallet)), 30, "spent by ERC-1271");

        a.refId = 601;
        a.nonce = 1;
        bytes memory wrong = points.signAuth(a, aliceKey);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsAuthorizationInvalidSignature.selector, address(wallet)));
        vm.prank(operator);
        points.spendWithAuthorization(a, wrong);

        // a contract without ERC-1271 never validates
        a.account = address(nft);
        a.nonce = 0;
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsAuthorizationInvalidSignature.selector, address(nft)));
        vm.prank(operator);
        points.spendWithAuthorization(a, wrong);
    }

    // ===== test collections =====

    function test_mockCollections_behaveLikeTheirStandards() public {
        vm.expectRevert(abi.encodeWithSelector(PointsMockERC721.PointsMockTokenExists.selector, 1));
        nft.mint(bob, 1);
        vm.expectRevert(abi.encodeWithSelector(PointsMockERC721.PointsMockTokenMissing.selector, 2));
        nft.burn(2);
        vm.expectRevert(abi.encodeWithSelector(PointsMockERC721.PointsMockInvalidOwner.selector, address(0)));
        nft.balanceOf(address(0));
        assertEq(nft.ownerOf(1), alice, "owner");
        assertTrue(nft.supportsInterface(0x80ac58cd) && !nft.supportsInterface(0xd9b67a26), "erc721 interface");
        assertTrue(nft1155.supportsInterface(0xd9b67a26) && !nft1155.supportsInterface(0x80ac58cd), "1155 interface");
    }

    // ===== admin handover =====

    function test_defaultAdmin_movesInTwoStepsWithADelay() public {
        address newAdmin = makeAddr("newAdmin");
        vm.prank(admin);
        points.beginDefaultAdminTransfer(newAdmin);
        vm.expectPartialRevert(bytes4(keccak256("AccessControlEnforcedDefaultAdminDelay(uint48)")));
        vm.prank(newAdmin);
        points.acceptDefaultAdminTransfer();
        vm.warp(block.timestamp + ADMIN_DELAY + 1);
        vm.prank(newAdmin);
        points.acceptDefaultAdminTransfer();
        assertEq(points.defaultAdmin(), newAdmin, "new admin");
    }

    // ===== fuzz =====

    function testFuzz_grantThenSpend_keepsBalanceAndTotal(uint256 granted, uint256 spent, uint96 seq) public {
        granted = bound(granted, 1, type(uint128).max);
        spent = bound(spent, 1, type(uint128).max);
        _grant(gated, alice, granted, 1);
        uint256 ref = points.holderRefId(alice, seq);
        vm.prank(alice);
        if (spent > granted) {
            vm.expectRevert(
                abi.encodeWithSelector(IPoints.PointsInsufficientBalance.selector, gated, alice, granted, spent)
            );
            points.spend(gated, spent, ref);
            assertEq(points.balanceOf(gated, alice), granted, "unchanged");
        } else {
            points.spend(gated, spent, ref);
            assertEq(points.balanceOf(gated, alice), granted - spent, "balance");
            assertEq(points.totalPoints(gated), granted - spent, "total");
        }
    }

    function testFuzz_refIds_areOneShotAndIndependent(uint256 a, uint256 b) public {
        vm.assume(a != b);
        _grant(open, alice, 1, a);
        assertTrue(points.isRefIdUsed(a), "a used");
        assertFalse(points.isRefIdUsed(b), "b untouched");
        _grant(open, alice, 1, b);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsRefIdUsed.selector, a));
        _grant(gated, alice, 1, a);
        assertEq(points.balanceOf(open, alice), 2, "two grants");
    }

    function testFuzz_redeemVoucher_onlyTheSignedVoucherRedeems(
        uint256 amount,
        uint256 refId,
        uint256 tamperedAmount
    ) public {
        amount = bound(amount, 1, type(uint128).max);
        vm.assume(tamperedAmount != amount && tamperedAmount != 0);
        IPoints.Voucher memory v = PointsTestLib.voucher(open, alice, amount, refId, block.timestamp);
        bytes memory sig = points.signVoucher(v, issuerKey);
        v.amount = tamperedAmount;
        vm.expectPartialRevert(IPoints.PointsVoucherInvalidSigner.selector);
        points.redeemVoucher(v, sig);
        v.amount = amount;
        points.redeemVoucher(v, sig);
        assertEq(points.balanceOf(open, alice), amount, "credited");
        assertTrue(points.isRefIdUsed(refId), "used");
    }

    function testFuzz_spend_holderNamespaceOnly(address holder, uint256 refId) public {
        vm.assume(holder != address(0) && holder.code.length == 0);
        _grant(open, holder, 5, 1);
        bool owned = refId >> 96 == uint160(holder);
        if (!owned) {
            vm.expectRevert(abi.encodeWithSelector(IPoints.PointsRefIdNotOwned.selector, refId, holder));
        } else if (refId == 1) {
            vm.expectRevert(abi.encodeWithSelector(IPoints.PointsRefIdUsed.selector, refId));
        }
        vm.prank(holder);
        points.spend(open, 5, refId);
        assertEq(points.balanceOf(open, holder), owned && refId != 1 ? 0 : 5, "balance");
    }

    function testFuzz_grantBatch_matchesSingleGrants(uint8 n, uint256 seed) public {
        n = uint8(bound(n, 1, 20));
        IPoints.Grant[] memory grants = new IPoints.Grant[](n);
        uint256 sum;
        for (uint256 i = 0; i < n; ++i) {
            address to = address(uint160(uint256(keccak256(abi.encode(seed, i % 4))) | 1));
            uint256 amount = bound(uint256(keccak256(abi.encode(seed, i))), 1, 1e30);
            grants[i] = IPoints.Grant(to, amount, 10_000 + i);
            sum += amount;
        }
        vm.prank(issuer);
        points.grantBatch(open, grants);
        assertEq(points.totalPoints(open), sum, "total");
        uint256 balances;
        for (uint256 k = 0; k < 4 && k < n; ++k) balances += points.balanceOf(open, grants[k].account);
        assertEq(balances, sum, "sum of balances");
    }

    // ===== token-bound gate =====

    function _tokenVoucher(
        address account,
        uint256 tokenId,
        uint256 refId
    ) private view returns (IPoints.TokenVoucher memory) {
        return
            IPoints.TokenVoucher({
                programId: gated,
                account: account,
                tokenId: tokenId,
                amount: 100,
                refId: refId,
                deadline: block.timestamp + 1 hours
            });
    }

    function _signTokenVoucher(IPoints.TokenVoucher memory v, uint256 key) private view returns (bytes memory) {
        (uint8 sv, bytes32 r, bytes32 s) = vm.sign(key, points.hashTokenVoucher(v));
        return abi.encodePacked(r, s, sv);
    }

    function _redeemToken(address account, uint256 tokenId, uint256 refId) private {
        IPoints.TokenVoucher memory v = _tokenVoucher(account, tokenId, refId);
        points.redeemTokenVoucher(v, _signTokenVoucher(v, issuerKey));
    }

    function _bindTokens(uint64 epochLength) private {
        vm.prank(manager);
        points.setProgramGateMode(gated, IPoints.GateMode.TokenBound, epochLength);
    }

    function test_tokenVoucherTypehash_matchesItsPreimageAndDigest() public view {
        assertEq(
            points.TOKEN_VOUCHER_TYPEHASH(),
            keccak256(
                "TokenVoucher(uint256 programId,address account,uint256 tokenId,uint256 amount,uint256 refId,"
                "uint256 deadline)"
            ),
            "typehash"
        );
        IPoints.TokenVoucher memory v = _tokenVoucher(alice, 1, 9);
        bytes32 structHash = keccak256(
            abi.encode(points.TOKEN_VOUCHER_TYPEHASH(), gated, alice, 1, 100, 9, v.deadline)
        );
        assertEq(
            points.hashTokenVoucher(v),
            keccak256(abi.encodePacked(hex"1901", points.domainSeparator(), structHash)),
            "digest"
        );
    }

    function test_holderMode_oneNftPassedFromWalletToWalletEarnsForEachWallet() public {
        // The default mode only asks "holds an NFT now": the documented weakness the token-bound mode closes.
        _grant(gated, alice, 100, 1);
        nft.transfer(bob, 1);
        _grant(gated, bob, 100, 2);
        assertEq(points.balanceOf(gated, alice) + points.balanceOf(gated, bob), 200, "earned twice");
    }

    function test_tokenBound_oneNftPassedFromWalletToWalletEarnsOnce() public {
        _bindTokens(0);
        IPoints.TokenVoucher memory v1 = _tokenVoucher(alice, 1, 1);
        bytes memory sig1 = _signTokenVoucher(v1, issuerKey);
        vm.expectEmit(address(points));
        emit IPoints.PointsTokenRedeemed(gated, 1, 0, alice, 1);
        points.redeemTokenVoucher(v1, sig1);
        assertTrue(points.isTokenRedeemed(gated, 1), "used");

        nft.transfer(bob, 1);
        IPoints.TokenVoucher memory v = _tokenVoucher(bob, 1, 2);
        bytes memory sig = _signTokenVoucher(v, issuerKey);
        IPoints.TokenVoucher memory v4 = _tokenVoucher(alice, 1, 4);
        bytes memory sig4 = _signTokenVoucher(v4, issuerKey);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsTokenAlreadyRedeemed.selector, gated, 1, 0));
        points.redeemTokenVoucher(v, sig);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsTokenAlreadyRedeemed.selector, gated, 1, 0));
        vm.prank(issuer);
        points.grantForToken(gated, bob, 1, 100, 3);

        nft.transfer(alice, 1); // back to the first wallet: still used
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsTokenAlreadyRedeemed.selector, gated, 1, 0));
        points.redeemTokenVoucher(v4, sig4);

        nft.mint(bob, 2); // another NFT earns on its own
        vm.prank(issuer);
        points.grantForToken(gated, bob, 2, 100, 5);
        assertEq(points.balanceOf(gated, alice), 100, "alice once");
        assertEq(points.balanceOf(gated, bob), 100, "bob for token 2 only");
        assertEq(points.totalPoints(gated), 200, "total");
    }

    function test_tokenBound_perEpochEarnsOncePerEpoch() public {
        _bindTokens(1 days);
        uint256 epoch = block.timestamp / 1 days;
        _redeemToken(alice, 1, 1);
        nft.transfer(bob, 1);
        IPoints.TokenVoucher memory v2 = _tokenVoucher(bob, 1, 2);
        bytes memory sig2 = _signTokenVoucher(v2, issuerKey);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsTokenAlreadyRedeemed.selector, gated, 1, epoch));
        points.redeemTokenVoucher(v2, sig2);
        vm.warp((epoch + 1) * 1 days);
        assertFalse(points.isTokenRedeemed(gated, 1), "new epoch");
        IPoints.TokenVoucher memory v3 = _tokenVoucher(bob, 1, 3);
        bytes memory sig3 = _signTokenVoucher(v3, issuerKey);
        vm.expectEmit(address(points));
        emit IPoints.PointsTokenRedeemed(gated, 1, epoch + 1, bob, 3);
        points.redeemTokenVoucher(v3, sig3);
        assertEq(points.balanceOf(gated, bob), 100, "bob in the next epoch");
    }

    function test_tokenBound_refusesGrantsWithoutATokenId() public {
        _bindTokens(0);
        vm.startPrank(issuer);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsTokenIdRequired.selector, gated));
        points.grant(gated, alice, 1, 1);
        IPoints.Grant[] memory batch = new IPoints.Grant[](1);
        batch[0] = IPoints.Grant({account: alice, amount: 1, refId: 2});
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsTokenIdRequired.selector, gated));
        points.grantBatch(gated, batch);
        vm.stopPrank();
        IPoints.Voucher memory v = PointsTestLib.voucher(gated, alice, 1, 3, block.timestamp + 1);
        bytes memory sig = points.signVoucher(v, issuerKey);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsTokenIdRequired.selector, gated));
        points.redeemVoucher(v, sig);
    }

    function test_tokenBound_refusesATokenTheAccountDoesNotOwn() public {
        _bindTokens(0);
        vm.startPrank(issuer);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsTokenNotOwned.selector, gated, 1, bob));
        points.grantForToken(gated, bob, 1, 100, 1);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsTokenNotOwned.selector, gated, 77, alice));
        points.grantForToken(gated, alice, 77, 100, 2); // no such token
        vm.stopPrank();
    }

    function test_tokenBound_ownerOfRevertingMeansNotOwned() public {
        _bindTokens(0);
        vm.mockCallRevert(address(nft), abi.encodeWithSignature("ownerOf(uint256)", 5), "");
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsTokenNotOwned.selector, gated, 5, alice));
        vm.prank(issuer);
        points.grantForToken(gated, alice, 5, 100, 1);
        vm.clearMockedCalls();
    }

    function test_grantForToken_revertsOnHolderProgramsAndForNonIssuers() public {
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsNotTokenBound.selector, gated));
        vm.prank(issuer);
        points.grantForToken(gated, alice, 1, 100, 1);
        vm.expectRevert(_unauthorized(alice, points.ISSUER_ROLE()));
        vm.prank(alice);
        points.grantForToken(gated, alice, 1, 100, 1);
    }

    function test_redeemTokenVoucher_revertsWhenExpiredOrNotSignedByAnIssuer() public {
        _bindTokens(0);
        IPoints.TokenVoucher memory v = _tokenVoucher(alice, 1, 1);
        bytes memory sig = _signTokenVoucher(v, aliceKey);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsVoucherInvalidSigner.selector, alice));
        points.redeemTokenVoucher(v, sig);
        sig = _signTokenVoucher(v, issuerKey);
        vm.warp(v.deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsVoucherExpired.selector, v.deadline, v.deadline + 1));
        points.redeemTokenVoucher(v, sig);
    }

    function test_setProgramGateMode_setsValidatesAndEmits() public {
        vm.expectEmit(address(points));
        emit IPoints.ProgramGateModeUpdated(gated, IPoints.GateMode.TokenBound, 7 days, manager);
        _bindTokens(7 days);
        (IPoints.GateMode mode, uint64 epochLength) = points.gateModeOf(gated);
        assertEq(uint256(uint8(mode)), uint256(uint8(IPoints.GateMode.TokenBound)), "mode");
        assertEq(uint256(epochLength), 7 days, "epoch");

        vm.expectEmit(address(points));
        emit IPoints.ProgramGateModeUpdated(gated, IPoints.GateMode.Holder, 0, manager);
        vm.prank(manager);
        points.setProgramGateMode(gated, IPoints.GateMode.Holder, 5); // epochs mean nothing for Holder
        (mode, epochLength) = points.gateModeOf(gated);
        assertEq(uint256(uint8(mode)), uint256(uint8(IPoints.GateMode.Holder)), "holder");
        assertEq(uint256(epochLength), 0, "no epochs");

        vm.startPrank(manager);
        vm.expectRevert(
            abi.encodeWithSelector(IPoints.PointsInvalidGateMode.selector, open, IPoints.GateMode.TokenBound)
        );
        points.setProgramGateMode(open, IPoints.GateMode.TokenBound, 0);
        uint256 only1155 = points.createProgram(IPoints.Gate(true, address(0), address(nft1155), NFT_1155_ID), 0);
        vm.expectRevert(
            abi.encodeWithSelector(IPoints.PointsInvalidGateMode.selector, only1155, IPoints.GateMode.TokenBound)
        );
        points.setProgramGateMode(only1155, IPoints.GateMode.TokenBound, 0);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsUnknownProgram.selector, 99));
        points.setProgramGateMode(99, IPoints.GateMode.TokenBound, 0);
        vm.stopPrank();
        vm.expectRevert(_unauthorized(alice, points.PROGRAM_MANAGER_ROLE()));
        vm.prank(alice);
        points.setProgramGateMode(gated, IPoints.GateMode.TokenBound, 0);
        vm.expectRevert(abi.encodeWithSelector(IPoints.PointsUnknownProgram.selector, 99));
        points.gateModeOf(99);
    }

    function test_setProgramGate_keepsAnErc721GateWhileTokenBound() public {
        _bindTokens(0);
        vm.startPrank(manager);
        vm.expectRevert(
            abi.encodeWithSelector(IPoints.PointsInvalidGateMode.selector, gated, IPoints.GateMode.TokenBound)
        );
        points.setProgramGate(gated, _gate(false));
        vm.expectRevert(
            abi.encodeWithSelector(IPoints.PointsInvalidGateMode.selector, gated, IPoints.GateMode.TokenBound)
        );
        points.setProgramGate(gated, IPoints.Gate(true, address(0), address(nft1155), NFT_1155_ID));
        points.setProgramGate(gated, _gate(true)); // same collection: fine
        points.setProgramGateMode(gated, IPoints.GateMode.Holder, 0);
        points.setProgramGate(gated, _gate(false)); // after switching back, the gate may go
        vm.stopPrank();
    }
}
