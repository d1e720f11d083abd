// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Offering} from "../../contracts/offering/Offering.sol";
import {IOffering} from "../../contracts/interfaces/IOffering.sol";
import {OfferingMockStablecoin} from "../../contracts/mocks/OfferingMockStablecoin.sol";
import {OfferingMockPriceOracle} from "../../contracts/mocks/OfferingMockPriceOracle.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {OfferingTestBase} from "./OfferingTestBase.sol";

/// @dev Issue 14 on the mock token: the soft cap decided on allocated tokens (case 13), native deposits priced on a
/// fresh validation (case 6), proceeds per asset to a treasury the admin can move (case 11), settlements following
/// the wallet successor chain (case 2) and investor-slot reservations (case 1).
contract OfferingMoneySafetyTest is OfferingTestBase {
    // ===== SOFT CAP (case 13) =====

    /// @dev An offering at 3 USDC per token whose soft cap is exactly the rounded-down total demand of two
    /// 10.000001 USDC subscriptions; each allocation rounds down on its own, so together they are 1 unit short.
    function _deployThirds() internal returns (Offering o, uint256 softCap) {
        IOffering.Terms memory t = defaultTerms();
        t.price = 3e6;
        softCap = (uint256(20_000_002) * 1e18) / 3e6; // 6_666_667_333_333_333_333
        t.softCap = softCap;
        o = new Offering(t, admin, 1 days, issuer, operator);
        token.setAgent(address(o));
        openWindow();
        for (uint256 i; i < 2; ++i) {
            address investor = i == 0 ? alice : bob;
            usdc.mint(investor, 10_000_001);
            vm.startPrank(investor);
            usdc.approve(address(o), type(uint256).max);
            o.subscribe(10_000_001);
            vm.stopPrank();
        }
    }

    function test_finalise_failsWhenAllocatedTokensMissTheSoftCapByRounding() public {
        (Offering o, uint256 softCap) = _deployThirds();
        assertEq(o.tokensAtPrice(), softCap - 1, "allocated at price");
        closeWindow();
        vm.expectEmit(address(o));
        emit IOffering.Finalised(IOffering.Status.Failed, 20_000_002, softCap, 0, false);
        vm.prank(issuer);
        o.finalise();
    }

    function test_finalise_succeedsAndMintsExactlyTheSoftCap() public {
        (Offering o, uint256 softCap) = _deployThirds();
        usdc.mint(carol, 10e6);
        vm.startPrank(carol);
        usdc.approve(address(o), type(uint256).max);
        o.subscribe(10e6);
        vm.stopPrank();
        uint256 atPrice = o.tokensAtPrice();
        assertEq(atPrice, softCap - 1 + (uint256(10e6) * 1e18) / 3e6, "allocated at price");
        closeWindow();
        vm.expectEmit(address(o));
        emit IOffering.Finalised(
            IOffering.Status.Succeeded,
            30_000_002,
            (uint256(30_000_002) * 1e18) / 3e6,
            atPrice,
            false
        );
        vm.prank(issuer);
        o.finalise();
        vm.prank(alice);
        o.claim();
        vm.prank(bob);
        o.claim();
        vm.prank(carol);
        o.claim();
        assertEq(o.totalTokensMinted(), atPrice, "minted == allocated at price");
        assertEq(token.totalSupply(), atPrice, "supply");
    }

    // ===== FRESH NATIVE PRICE (case 6) =====

    /// The last accepted price is still served by `priceOf`, but the fresh validation refuses: no native deposit.
    function test_subscribeNative_refusedWhenTheFreshValidationRefuses() public {
        openWindow();
        oracle.setFreshFailure(2);
        vm.deal(alice, 1 ether);
        vm.expectRevert(
            abi.encodeWithSelector(
                IOffering.OfferingPriceUnavailable.selector,
                address(oracle),
                NATIVE_KEY,
                abi.encodeWithSelector(OfferingMockPriceOracle.OfferingMockOracleUnavailable.selector, NATIVE_KEY, 2)
            )
        );
        vm.prank(alice);
        offering.subscribeNative{value: 1 ether}();

        oracle.setFreshFailure(0);
        vm.prank(alice);
        offering.subscribeNative{value: 1 ether}();
        assertEq(oracle.freshCalls(), 1, "priced through freshPriceOf");
        assertEq(offering.subscriptionOf(alice).nativeValue, 600e6, "value");
    }

    // ===== PROCEEDS (case 11) =====

    function _succeededWithBothAssets() internal {
        openWindow();
        subscribeAs(alice, 2_000e6);
        vm.deal(bob, 1 ether);
        vm.prank(bob);
        offering.subscribeNative{value: 1 ether}();
        finaliseAsIssuer();
        vm.prank(alice);
        offering.claim();
        vm.prank(bob);
        offering.claim();
    }

    function test_withdraw_perAssetAndToAMovedTreasuryWhenTheStablecoinBlacklistsIt() public {
        _succeededWithBothAssets();
        usdc.setBlacklisted(treasury, true);
        // Both assets at once: the blacklist reverts the whole withdrawal.
        vm.expectRevert(
            abi.encodeWithSelector(OfferingMockStablecoin.OfferingMockStablecoinBlacklisted.selector, treasury)
        );
        offering.withdrawProceeds();

        // The native proceeds are not hostage to the stablecoin.
        vm.expectEmit(address(offering));
        emit IOffering.ProceedsWithdrawn(treasury, 0, 1 ether, 0, 1 ether);
        offering.withdrawNativeProceeds();
        assertEq(treasury.balance, 1 ether, "native paid");
        vm.expectRevert(IOffering.OfferingNothingToWithdraw.selector);
        offering.withdrawNativeProceeds();

        // The admin moves the treasury; the stablecoin proceeds follow.
        address newTreasury = makeAddr("newTreasury");
        vm.expectEmit(address(offering));
        emit IOffering.TreasuryUpdated(treasury, newTreasury, admin);
        vm.prank(admin);
        offering.setTreasury(newTreasury);
        assertEq(offering.terms().treasury, newTreasury, "terms show the current treasury");
        vm.expectEmit(address(offering));
        emit IOffering.ProceedsWithdrawn(newTreasury, 2_000e6, 0, 2_000e6, 1 ether);
        offering.withdrawStableProceeds();
        assertEq(usdc.balanceOf(newTreasury), 2_000e6, "stable paid");
        vm.expectRevert(IOffering.OfferingNothingToWithdraw.selector);
        offering.withdrawStableProceeds();
        (uint256 stableWithdrawn, uint256 nativeWithdrawn) = offering.withdrawnProceeds();
        assertEq(stableWithdrawn, 2_000e6, "stable withdrawn");
        assertEq(nativeWithdrawn, 1 ether, "native withdrawn");
    }

    function test_setTreasury_revertsForNonAdminAndZero() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                issuer,
                offering.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(issuer);
        offering.setTreasury(issuer);
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingZeroAddress.selector, "treasury"));
        vm.prank(admin);
        offering.setTreasury(address(0));
    }

    // ===== SUCCESSOR CHAIN (case 2) =====

    function test_claim_byTheLostKeyPaysTheSuccessor() public {
        openWindow();
        subscribeAs(alice, 3_000e6);
        subscribeAs(bob, 19_000e6); // 11,000 tokens demanded: oversubscribed, alice refunded some
        finaliseAsIssuer();
        address alice2 = makeAddr("alice2");
        address alice3 = makeAddr("alice3");
        token.setWalletSuccessor(alice, alice2);
        token.setWalletSuccessor(alice2, alice3);
        assertEq(offering.settlementWalletOf(alice), alice3, "chain end");
        IOffering.Allocation memory a = offering.allocationOf(alice);

        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingWalletRecovered.selector, alice, alice2));
        vm.prank(alice);
        offering.claimTo(payable(carol));

        vm.expectEmit(address(offering));
        emit IOffering.SuccessorFollowed(alice, alice3);
        vm.expectEmit(address(offering));
        emit IOffering.Claimed(alice, alice, alice3, a.tokens, a.stableCharged, 0, a.stableRefund, 0, a.tokens);
        vm.prank(alice);
        offering.claim();
        assertEq(token.balanceOf(alice3), a.tokens, "tokens to the new wallet");
        assertEq(token.balanceOf(alice), 0, "never the lost key");
        assertEq(usdc.balanceOf(alice3), a.stableRefund, "refund to the new wallet");
        assertEq(usdc.balanceOf(alice), 0, "no refund to the lost key");
        assertEq(token.lockupOf(alice3), lockupEnd, "lock-up on the new wallet");
    }

    function test_claimRecovered_letsTheChainEndPullAFailedRefund() public {
        openWindow();
        subscribeAs(alice, 100e6);
        vm.deal(alice, 1 ether);
        vm.prank(alice);
        offering.subscribeNative{value: 1 ether}();
        finaliseAsIssuer(); // 700 USDC of value < 2,000: failed
        address alice2 = makeAddr("alice2");
        token.setWalletSuccessor(alice, alice2);

        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingNotSuccessor.selector, bob, alice, alice2));
        vm.prank(bob);
        offering.claimRecovered(alice);
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingNotSuccessor.selector, bob, bob, bob));
        vm.prank(bob);
        offering.claimRecovered(bob); // not recovered

        vm.expectEmit(address(offering));
        emit IOffering.SuccessorFollowed(alice, alice2);
        vm.expectEmit(address(offering));
        emit IOffering.Refunded(alice, alice2, alice2, 100e6, 1 ether);
        vm.prank(alice2);
        offering.claimRecovered(alice);
        assertEq(usdc.balanceOf(alice2), 100e6, "stable to the new wallet");
        assertEq(alice2.balance, 1 ether, "native to the new wallet");
        assertEq(alice.balance, 0, "nothing to the lost key");
    }

    function test_settle_followsTheChainAndDefersAChainTooLong() public {
        openWindow();
        subscribeAs(alice, 2_000e6);
        subscribeAs(bob, 2_000e6);
        finaliseAsIssuer();
        address alice2 = makeAddr("alice2");
        token.setWalletSuccessor(alice, alice2);
        // bob's chain is a cycle: no wallet to pay, the settlement is deferred
        token.setWalletSuccessor(bob, carol);
        token.setWalletSuccessor(carol, bob);
        address[] memory batch = new address[](2);
        batch[0] = alice;
        batch[1] = bob;
        vm.expectEmit(address(offering));
        emit IOffering.SuccessorFollowed(alice, alice2);
        vm.expectEmit(address(offering));
        emit IOffering.SettlementDeferred(
            bob,
            abi.encodeWithSelector(IOffering.OfferingSuccessorChainTooLong.selector, bob)
        );
        vm.prank(operator);
        assertEq(offering.settle(batch), 1, "alice only");
        assertEq(token.balanceOf(alice2), 1_000e18, "alice2 tokens");
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingSuccessorChainTooLong.selector, bob));
        offering.settlementWalletOf(bob);
    }

    // ===== INVESTOR SLOTS (case 1) =====

    function test_subscribe_reservesInvestorSlotsPerDistinctNewInvestor() public {
        token.setMaxInvestors(true, 3, 1); // one holder already, two slots left
        openWindow();
        fund(alice, 200e6);
        vm.expectEmit(address(offering));
        emit IOffering.InvestorSlotReserved(alice, uint40(uint160(alice)), 1);
        vm.prank(alice);
        offering.subscribe(100e6);
        vm.prank(alice);
        offering.subscribe(100e6); // same wallet: no new reservation
        // bob's wallet belongs to alice's investor: no new reservation either
        token.setInvestorKey(bob, uint40(uint160(alice)));
        subscribeAs(bob, 100e6);
        assertEq(offering.reservedInvestorSlots(), 1, "one investor");
        subscribeAs(carol, 100e6);
        assertEq(offering.reservedInvestorSlots(), 2, "two investors");

        address dave = makeAddr("dave");
        fund(dave, 100e6);
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingInvestorRestricted.selector, dave, 11, "Restricted"));
        vm.prank(dave);
        offering.subscribe(100e6);

        // alice's first wallet cancels: her investor still holds the slot through bob's wallet
        vm.prank(alice);
        offering.cancelSubscription();
        assertEq(offering.reservedInvestorSlots(), 2, "still two");
        vm.expectEmit(address(offering));
        emit IOffering.InvestorSlotReleased(bob, uint40(uint160(alice)), 1);
        vm.prank(bob);
        offering.cancelSubscription();
        vm.prank(dave);
        offering.subscribe(100e6);
        assertEq(offering.reservedInvestorSlots(), 2, "dave took the slot");
    }

    function test_subscribe_existingHolderNeedsNoSlot() public {
        openWindow();
        subscribeAs(alice, 2_000e6);
        token.setInvestorBalance(uint40(uint160(bob)), 1e18); // bob already holds the token
        token.setMaxInvestors(true, 2, 2); // no slot left
        subscribeAs(bob, 100e6);
        assertEq(offering.reservedInvestorSlots(), 0, "holders reserve nothing");
        fund(carol, 100e6);
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingInvestorRestricted.selector, carol, 11, "Restricted"));
        vm.prank(carol);
        offering.subscribe(100e6);
    }
}
