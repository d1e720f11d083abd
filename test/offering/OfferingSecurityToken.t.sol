// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Offering} from "../../contracts/offering/Offering.sol";
import {IOffering} from "../../contracts/interfaces/IOffering.sol";
import {IIssuanceToken} from "../../contracts/interfaces/IIssuanceToken.sol";
import {IPriceOracle} from "../../contracts/interfaces/IPriceOracle.sol";
import {OfferingMockStablecoin} from "../../contracts/mocks/OfferingMockStablecoin.sol";
import {TokenComplianceHookMock} from "../../contracts/mocks/TokenComplianceHookMock.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {TokenFixture} from "../token/TokenFixture.sol";

/// @dev Issue 14 cases 1 and 2 through the real SecurityToken and IdentityRegistry: investor slots reserved at
/// subscription, a mint refused at settlement after a rule change refunds the deposit with the restriction code, and
/// settlements follow a wallet recovery.
contract OfferingSecurityTokenTest is TokenFixture {
    uint8 internal constant RULE_MAX_INVESTORS = 1;
    uint8 internal constant RULE_MAX_BALANCE = 2;
    uint8 internal constant RULE_COUNTRY_BLOCKLIST = 8;
    uint8 internal constant CODE_RECEIVER_NOT_VERIFIED = 4;
    uint8 internal constant CODE_COUNTRY_NOT_ALLOWED = 9;
    uint8 internal constant CODE_MAX_INVESTORS = 11;
    uint8 internal constant CODE_MAX_BALANCE = 12;
    uint8 internal constant CODE_HOOK_REJECTED = 13;

    OfferingMockStablecoin internal usdc;
    Offering internal offering;
    address internal issuer;
    address internal operator;
    address internal treasury;
    uint64 internal startTime;
    uint64 internal endTime;

    function setUp() public override {
        super.setUp();
        issuer = makeAddr("issuer");
        operator = makeAddr("operator");
        treasury = makeAddr("treasury");
        usdc = new OfferingMockStablecoin("USD Coin", "USDC", 6);
        startTime = uint64(block.timestamp + 1 hours);
        endTime = uint64(block.timestamp + 8 days);
        offering = new Offering(
            IOffering.Terms({
                token: IIssuanceToken(address(token)),
                paymentToken: IERC20(address(usdc)),
                price: 2e6,
                minSubscription: 10e6,
                maxSubscription: 20_000e6,
                softCap: 100e18,
                hardCap: 10_000e18,
                startTime: startTime,
                endTime: endTime,
                lockupEnd: endTime + 30 days,
                treasury: treasury,
                oracle: IPriceOracle(address(0)),
                oracleAsset: address(0)
            }),
            address(this),
            1 days,
            issuer,
            operator
        );
        token.grantRole(token.AGENT_ROLE(), address(offering));
        token.grantRole(token.LOCKUP_ROLE(), address(offering));
    }

    function _subscribe(address investor, uint256 amount) internal {
        usdc.mint(investor, amount);
        vm.startPrank(investor);
        usdc.approve(address(offering), amount);
        offering.subscribe(amount);
        vm.stopPrank();
    }

    function _finalise() internal {
        vm.warp(endTime);
        vm.prank(issuer);
        offering.finalise();
    }

    /// @dev Subscribes alice, bob and carol (1,000 USDC = 500 tokens each) and finalises with success.
    function _threeSubscribed() internal {
        vm.warp(startTime);
        _subscribe(alice, 1_000e6);
        _subscribe(bob, 1_000e6);
        _subscribe(carol, 1_000e6);
        _finalise();
    }

    function _expectRefused(address investor, uint8 code) internal {
        vm.expectEmit(address(offering));
        emit IOffering.AllocationRefused(investor, investor, investor, code, 500e18, 1_000e6, 0);
        vm.prank(investor);
        offering.claim();
        assertEq(token.balanceOf(investor), 0, "no tokens");
        assertEq(usdc.balanceOf(investor), 1_000e6, "money back");
        assertTrue(offering.subscriptionOf(investor).settled, "settled");
    }

    function _assertEscrowEmpty() internal view {
        (uint256 escrow, ) = offering.escrowed();
        assertEq(escrow, 0, "nothing left in escrow");
    }

    function _claimBoth(address a, address b) internal {
        vm.prank(a);
        offering.claim();
        vm.prank(b);
        offering.claim();
        assertEq(token.balanceOf(a) + token.balanceOf(b), 1_000e18, "the others minted");
    }

    // ===== CASE 1: INVESTOR SLOTS =====

    /// The issue's scenario: max investors 2, no holders, three subscribers. The third is refused at subscription
    /// (its slot is taken by the two reservations), so no subscriber can end up with neither tokens nor money.
    function test_subscribe_thirdNewInvestorRefusedWhenTwoSlotsAreReserved() public {
        token.setRules(RULE_MAX_INVESTORS, 0, 2, 0);
        vm.warp(startTime);
        _subscribe(alice, 1_000e6);
        _subscribe(bob, 1_000e6);
        assertEq(offering.reservedInvestorSlots(), 2, "reserved");
        // alice's second wallet is the same investor: it fits in her reservation
        _subscribe(alice2, 100e6);

        usdc.mint(carol, 1_000e6);
        vm.startPrank(carol);
        usdc.approve(address(offering), 1_000e6);
        vm.expectRevert(
            abi.encodeWithSelector(
                IOffering.OfferingInvestorRestricted.selector,
                carol,
                CODE_MAX_INVESTORS,
                token.messageForTransferRestriction(CODE_MAX_INVESTORS)
            )
        );
        offering.subscribe(1_000e6);
        vm.stopPrank();

        _finalise();
        address[] memory batch = new address[](3);
        batch[0] = alice;
        batch[1] = alice2;
        batch[2] = bob;
        vm.prank(operator);
        assertEq(offering.settle(batch), 3, "all delivered");
        assertEq(token.compliance().investorCount, 2, "two investors");
    }

    // ===== CASE 1: RULE CHANGES BETWEEN SUBSCRIPTION AND SETTLEMENT =====

    function test_claim_refundsWhenMaxInvestorsLoweredAfterSubscription() public {
        token.setRules(RULE_MAX_INVESTORS, 0, 3, 0);
        _threeSubscribed();
        token.setRules(RULE_MAX_INVESTORS, 0, 2, 0);
        _claimBoth(alice, bob);
        _expectRefused(carol, CODE_MAX_INVESTORS);
        _assertEscrowEmpty();
    }

    function test_claim_refundsWhenMaxBalanceLoweredAfterSubscription() public {
        _threeSubscribed();
        token.setRules(RULE_MAX_BALANCE, 0, 0, 100e18);
        _expectRefused(alice, CODE_MAX_BALANCE);
        _expectRefused(bob, CODE_MAX_BALANCE);
        _expectRefused(carol, CODE_MAX_BALANCE);
        _assertEscrowEmpty();
    }

    function test_claim_refundsWhenKycRevokedAfterSubscription() public {
        _threeSubscribed();
        registry.revokeInvestor(CAROL);
        _claimBoth(alice, bob);
        _expectRefused(carol, CODE_RECEIVER_NOT_VERIFIED);
        _assertEscrowEmpty();
    }

    function test_claim_refundsWhenKycExpiredBeforeSettlement() public {
        _threeSubscribed();
        vm.warp(EXPIRY);
        _expectRefused(alice, CODE_RECEIVER_NOT_VERIFIED);
        _expectRefused(bob, CODE_RECEIVER_NOT_VERIFIED);
        _expectRefused(carol, CODE_RECEIVER_NOT_VERIFIED);
        _assertEscrowEmpty();
    }

    function test_claim_refundsWhenCountryBlockedAfterSubscription() public {
        _threeSubscribed();
        token.setCountries(_countries(JAPAN), false, true);
        token.setRules(RULE_COUNTRY_BLOCKLIST, 0, 0, 0);
        _claimBoth(alice, bob);
        _expectRefused(carol, CODE_COUNTRY_NOT_ALLOWED);
        _assertEscrowEmpty();
    }

    function test_claim_refundsWhenComplianceHookRefuses() public {
        _threeSubscribed();
        TokenComplianceHookMock hook = new TokenComplianceHookMock();
        hook.setBlocked(carol, true);
        token.setComplianceHook(address(hook));
        _claimBoth(alice, bob);
        _expectRefused(carol, CODE_HOOK_REJECTED);
        _assertEscrowEmpty();
    }

    function test_settle_refundsRefusedMintsInsteadOfDeferringThem() public {
        _threeSubscribed();
        registry.revokeInvestor(BOB);
        address[] memory batch = new address[](3);
        batch[0] = alice;
        batch[1] = bob;
        batch[2] = carol;
        vm.expectEmit(address(offering));
        emit IOffering.AllocationRefused(bob, operator, bob, CODE_RECEIVER_NOT_VERIFIED, 500e18, 1_000e6, 0);
        vm.prank(operator);
        assertEq(offering.settle(batch), 3, "every subscriber settled");
        assertEq(usdc.balanceOf(bob), 1_000e6, "bob refunded");
        assertEq(token.totalSupply(), 1_000e18, "alice and carol minted");
        (uint256 proceeds, ) = offering.pendingProceeds();
        assertEq(proceeds, 2_000e6, "proceeds of the minted allocations only");
    }

    // ===== CASE 2: WALLET RECOVERED BEFORE SETTLEMENT =====

    function test_settle_paysTheRecoveredWalletNotTheLostKey() public {
        _threeSubscribed();
        token.recoverWallet(alice, alice2); // alice's key is lost: the wallet is frozen, alice2 is her successor
        address[] memory batch = new address[](1);
        batch[0] = alice;
        vm.expectEmit(address(offering));
        emit IOffering.SuccessorFollowed(alice, alice2);
        vm.prank(operator);
        assertEq(offering.settle(batch), 1, "settled, not deferred");
        assertEq(token.balanceOf(alice2), 500e18, "tokens to the new wallet");
        assertEq(token.balanceOf(alice), 0, "never the lost key");
        assertEq(token.lockupOf(alice2), endTime + 30 days, "lock-up");
    }

    function test_claimRecovered_refundsTheNewWalletAfterFailure() public {
        vm.warp(startTime);
        _subscribe(alice, 100e6); // 50 tokens < soft cap 100
        _finalise();
        token.recoverWallet(alice, alice2);
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingWalletRecovered.selector, alice, alice2));
        vm.prank(alice);
        offering.claimTo(payable(stranger));
        vm.expectEmit(address(offering));
        emit IOffering.Refunded(alice, alice2, alice2, 100e6, 0);
        vm.prank(alice2);
        offering.claimRecovered(alice);
        assertEq(usdc.balanceOf(alice2), 100e6, "refund to the new wallet");
        assertEq(usdc.balanceOf(alice), 0, "nothing to the lost key");
    }
}
