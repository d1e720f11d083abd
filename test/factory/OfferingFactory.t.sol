// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

import {ISSUANCE_ADMIN_ROLE, IpSecurityToken} from "../../contracts/factory/IpSecurityToken.sol";
import {InvestorId} from "../../contracts/interfaces/IIdentityRegistry.sol";
import {IIssuanceToken} from "../../contracts/interfaces/IIssuanceToken.sol";
import {IOffering} from "../../contracts/interfaces/IOffering.sol";
import {IOfferingFactory} from "../../contracts/interfaces/IOfferingFactory.sol";
import {Offering} from "../../contracts/offering/Offering.sol";
import {SecurityToken} from "../../contracts/token/SecurityToken.sol";
import {FactoryFixture} from "./FactoryFixture.sol";

contract OfferingFactoryTest is FactoryFixture {
    bytes32 internal constant AGENT_ROLE = keccak256("AGENT_ROLE");
    bytes32 internal constant LOCKUP_ROLE = keccak256("LOCKUP_ROLE");

    IpSecurityToken internal token;

    function setUp() public override {
        super.setUp();
        token = IpSecurityToken(tokenFactory.createToken(_params(keccak256("webtoon:moonlit"))));
    }

    function test_createOffering_addressMatchesPredictionAndGrantsRoles() public {
        IOfferingFactory.OfferingParams memory p = _offeringParams(address(token));
        address predicted = offeringFactory.predictOfferingAddress(p, 0);
        (address offering, uint256 index) = offeringFactory.createOffering(p);
        assertEq(offering, predicted, "at the predicted address");
        assertEq(index, 0, "first offering");
        assertTrue(token.hasRole(AGENT_ROLE, offering), "agent role (mint)");
        assertTrue(token.hasRole(LOCKUP_ROLE, offering), "lock-up role");
        IOffering.Terms memory t = Offering(payable(offering)).terms();
        assertEq(address(t.token), address(token), "token");
        assertEq(t.price, p.terms.price, "price");
        assertEq(t.hardCap, p.terms.hardCap, "hard cap");
        assertTrue(Offering(payable(offering)).hasRole(keccak256("ISSUER_ROLE"), issuer), "issuer");
        assertEq(Offering(payable(offering)).defaultAdmin(), address(this), "admin");
    }

    function test_predictOfferingAddress_isCreate2OfTokenAndIndex() public view {
        IOfferingFactory.OfferingParams memory p = _offeringParams(address(token));
        bytes memory initcode = abi.encodePacked(
            type(Offering).creationCode,
            abi.encode(p.terms, p.admin, p.adminDelay, p.issuer, p.operator)
        );
        bytes32 salt = keccak256(abi.encode(address(token), uint256(3)));
        bytes32 digest = keccak256(abi.encodePacked(bytes1(0xff), address(offeringFactory), salt, keccak256(initcode)));
        assertEq(offeringFactory.predictOfferingAddress(p, 3), address(uint160(uint256(digest))), "CREATE2 formula");
    }

    function test_createOffering_withoutLockupGrantsOnlyTheAgentRole() public {
        IOfferingFactory.OfferingParams memory p = _offeringParams(address(token));
        p.terms.lockupEnd = 0;
        (address offering, ) = offeringFactory.createOffering(p);
        assertTrue(token.hasRole(AGENT_ROLE, offering), "agent role");
        assertFalse(token.hasRole(LOCKUP_ROLE, offering), "no lock-up role");
    }

    function test_createOffering_emitsOfferingCreated() public {
        IOfferingFactory.OfferingParams memory p = _offeringParams(address(token));
        address predicted = offeringFactory.predictOfferingAddress(p, 0);
        vm.expectEmit(address(offeringFactory));
        emit IOfferingFactory.OfferingCreated(predicted, address(token), 0, p, 6, true);
        offeringFactory.createOffering(p);
    }

    function test_createOffering_countsPerToken() public {
        IOfferingFactory.OfferingParams memory p = _offeringParams(address(token));
        (address first, ) = offeringFactory.createOffering(p);
        address predictedSecond = offeringFactory.predictOfferingAddress(p, 1);
        (address second, uint256 index) = offeringFactory.createOffering(p);
        assertEq(index, 1, "second index");
        assertEq(second, predictedSecond, "same terms, next index, new address");
        assertTrue(first != second, "distinct");
        assertEq(offeringFactory.offeringCount(address(token)), 2, "count");
        assertEq(offeringFactory.offeringAt(address(token), 0), first, "at 0");
        assertEq(offeringFactory.offeringAt(address(token), 1), second, "at 1");
        assertEq(offeringFactory.tokenOfOffering(second), address(token), "token of offering");
        assertEq(offeringFactory.tokenOfOffering(stranger), address(0), "not an offering");
    }

    function testFuzz_createOffering_addressMatchesPrediction(uint256 price, uint256 hardCap, uint32 window) public {
        IOfferingFactory.OfferingParams memory p = _offeringParams(address(token));
        p.terms.price = bound(price, 1, 1e12);
        p.terms.hardCap = bound(hardCap, p.terms.softCap, 1e30);
        p.terms.endTime = p.terms.startTime + uint64(bound(window, 1, 365 days));
        p.terms.lockupEnd = p.terms.endTime;
        address predicted = offeringFactory.predictOfferingAddress(p, 0);
        (address offering, ) = offeringFactory.createOffering(p);
        assertEq(offering, predicted, "created at the prediction");
        assertEq(Offering(payable(offering)).terms().price, p.terms.price, "price");
    }

    // ===== failures =====

    function test_createOffering_revertsWithoutRole() public {
        IOfferingFactory.OfferingParams memory p = _offeringParams(address(token));
        bytes32 role = offeringFactory.OFFERING_CREATOR_ROLE();
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, role)
        );
        offeringFactory.createOffering(p);
    }

    function test_createOffering_revertsForATokenNotMadeByTheFactory() public {
        SecurityToken plain = new SecurityToken("Plain", "PLN", address(registry), 0, address(this));
        _expectNotIssuanceAdmin(address(plain));
    }

    function test_createOffering_revertsForAnAddressWithoutCode() public {
        _expectNotIssuanceAdmin(stranger);
        _expectNotIssuanceAdmin(address(0));
    }

    function test_createOffering_revertsForAContractWithoutRoles() public {
        _expectNotIssuanceAdmin(address(usdc));
    }

    function test_createOffering_revertsOnceTheAdminRevokesTheFactory() public {
        token.revokeRole(ISSUANCE_ADMIN_ROLE, address(offeringFactory));
        _expectNotIssuanceAdmin(address(token));
    }

    function test_createOffering_propagatesTheOfferingsErrors() public {
        IOfferingFactory.OfferingParams memory p = _offeringParams(address(token));
        p.terms.price = 0;
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingInvalidPrice.selector, 0));
        offeringFactory.createOffering(p);
        p = _offeringParams(address(token));
        p.terms.softCap = p.terms.hardCap + 1;
        vm.expectRevert(
            abi.encodeWithSelector(IOffering.OfferingInvalidCaps.selector, p.terms.softCap, p.terms.hardCap)
        );
        offeringFactory.createOffering(p);
        p = _offeringParams(address(token));
        p.issuer = address(0);
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingZeroAddress.selector, "issuer"));
        offeringFactory.createOffering(p);
        assertEq(offeringFactory.offeringCount(address(token)), 0, "nothing recorded");
    }

    function test_constructor_checksTheInitcode() public view {
        assertEq(offeringFactory.initcodeHash(), keccak256(type(Offering).creationCode), "hash");
        assertEq(offeringFactory.initcodeChunks().length, 2, "chunks");
    }

    // ===== the offering at work =====

    function test_createdOffering_subscribeFinaliseClaim() public {
        address alice = makeAddr("alice");
        registry.registerInvestor(InvestorId.wrap(keccak256("alice")), 410, START + 365 days, 1, alice);
        IOfferingFactory.OfferingParams memory p = _offeringParams(address(token));
        (address offeringAddress, ) = offeringFactory.createOffering(p);
        Offering offering = Offering(payable(offeringAddress));
        usdc.mint(alice, 1_000e6);
        vm.warp(p.terms.startTime);
        vm.startPrank(alice);
        usdc.approve(offeringAddress, 1_000e6);
        offering.subscribe(1_000e6);
        vm.stopPrank();
        vm.warp(p.terms.endTime);
        vm.prank(issuer);
        offering.finalise();
        vm.prank(alice);
        offering.claim();
        assertEq(token.balanceOf(alice), 500e18, "1,000 USDC at 2 USDC per token");
        assertEq(token.lockupOf(alice), p.terms.lockupEnd, "locked up by the offering");
    }

    function _expectNotIssuanceAdmin(address t) private {
        IOfferingFactory.OfferingParams memory p = _offeringParams(t);
        p.terms.token = IIssuanceToken(t);
        vm.expectRevert(abi.encodeWithSelector(IOfferingFactory.OfferingFactoryNotIssuanceAdmin.selector, t));
        offeringFactory.createOffering(p);
    }
}
