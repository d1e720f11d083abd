// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Offering} from "../../contracts/offering/Offering.sol";
import {IOffering} from "../../contracts/interfaces/IOffering.sol";
import {IIssuanceToken} from "../../contracts/interfaces/IIssuanceToken.sol";
import {IPriceOracle} from "../../contracts/interfaces/IPriceOracle.sol";
import {OfferingMockStablecoin} from "../../contracts/mocks/OfferingMockStablecoin.sol";
import {OfferingMockToken} from "../../contracts/mocks/OfferingMockToken.sol";
import {OfferingMockPriceOracle} from "../../contracts/mocks/OfferingMockPriceOracle.sol";
import {OfferingMockInvestorContract} from "../../contracts/mocks/OfferingMockInvestorContract.sol";
import {OfferingMockUsdt} from "../../contracts/mocks/OfferingMockUsdt.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {OfferingTestBase} from "./OfferingTestBase.sol";

/// @dev Unit tests: every custom error, every event, the lifecycle, settlement in both modes and the gas of the key
/// operations (`vm.snapshotGasLastCall`).
contract OfferingTest is OfferingTestBase {
    // ===== CONSTRUCTION =====

    function test_constructor_storesTermsAndRoles() public view {
        IOffering.Terms memory t = offering.terms();
        assertEq(address(t.token), address(token), "token");
        assertEq(address(t.paymentToken), address(usdc), "payment");
        assertEq(t.price, PRICE, "price");
        assertEq(t.minSubscription, MIN_SUB, "min");
        assertEq(t.maxSubscription, MAX_SUB, "max");
        assertEq(t.softCap, SOFT_CAP, "soft");
        assertEq(t.hardCap, HARD_CAP, "hard");
        assertEq(t.startTime, startTime, "start");
        assertEq(t.endTime, endTime, "end");
        assertEq(t.lockupEnd, lockupEnd, "lockup");
        assertEq(t.treasury, treasury, "treasury");
        assertEq(address(t.oracle), address(oracle), "oracle");
        assertEq(t.oracleAsset, NATIVE_KEY, "asset");
        assertEq(uint256(offering.paymentDecimals()), 6, "decimals");
        assertTrue(offering.hasRole(offering.DEFAULT_ADMIN_ROLE(), admin), "admin");
        assertTrue(offering.hasRole(offering.ISSUER_ROLE(), issuer), "issuer");
        assertTrue(offering.hasRole(offering.OPERATOR_ROLE(), operator), "operator");
        assertEq(uint256(offering.status()), uint256(IOffering.Status.Active), "status");
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Upcoming), "phase");
    }

    function test_constants_matchPreimages() public view {
        assertEq(offering.ISSUER_ROLE(), keccak256("ISSUER_ROLE"), "issuer role");
        assertEq(offering.OPERATOR_ROLE(), keccak256("OPERATOR_ROLE"), "operator role");
        assertEq(offering.FINALISE_GRACE(), 14 days, "grace");
    }

    function test_constructor_withoutOperatorGrantsNone() public {
        Offering o = new Offering(defaultTerms(), admin, 1 days, issuer, address(0));
        assertFalse(o.hasRole(o.OPERATOR_ROLE(), address(0)), "no operator");
    }

    function test_constructor_revertsOnZeroAddresses() public {
        IOffering.Terms memory t = defaultTerms();
        t.token = IIssuanceToken(address(0));
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingZeroAddress.selector, "token"));
        new Offering(t, admin, 1 days, issuer, operator);

        t = defaultTerms();
        t.paymentToken = IERC20(address(0));
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingZeroAddress.selector, "paymentToken"));
        new Offering(t, admin, 1 days, issuer, operator);

        t = defaultTerms();
        t.treasury = address(0);
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingZeroAddress.selector, "treasury"));
        new Offering(t, admin, 1 days, issuer, operator);

        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingZeroAddress.selector, "issuer"));
        new Offering(defaultTerms(), admin, 1 days, address(0), operator);
    }

    function test_constructor_revertsOnInvalidPrice() public {
        IOffering.Terms memory t = defaultTerms();
        t.price = 0;
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingInvalidPrice.selector, 0));
        new Offering(t, admin, 1 days, issuer, operator);
    }

    function test_constructor_revertsOnInvalidWindow() public {
        IOffering.Terms memory t = defaultTerms();
        t.endTime = t.startTime;
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingInvalidWindow.selector, t.startTime, t.startTime));
        new Offering(t, admin, 1 days, issuer, operator);
    }

    function test_constructor_revertsOnInvalidLimits() public {
        IOffering.Terms memory t = defaultTerms();
        t.minSubscription = 0;
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingInvalidLimits.selector, 0, MAX_SUB));
        new Offering(t, admin, 1 days, issuer, operator);

        t.minSubscription = MAX_SUB + 1;
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingInvalidLimits.selector, MAX_SUB + 1, MAX_SUB));
        new Offering(t, admin, 1 days, issuer, operator);
    }

    function test_constructor_revertsOnInvalidCaps() public {
        IOffering.Terms memory t = defaultTerms();
        t.hardCap = 0;
        t.softCap = 0;
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingInvalidCaps.selector, 0, 0));
        new Offering(t, admin, 1 days, issuer, operator);

        t.hardCap = SOFT_CAP - 1;
        t.softCap = SOFT_CAP;
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingInvalidCaps.selector, SOFT_CAP, SOFT_CAP - 1));
        new Offering(t, admin, 1 days, issuer, operator);
    }

    function test_constructor_revertsOnLockupBeforeEnd() public {
        IOffering.Terms memory t = defaultTerms();
        t.lockupEnd = t.endTime - 1;
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingInvalidLockup.selector, t.endTime - 1, t.endTime));
        new Offering(t, admin, 1 days, issuer, operator);
    }

    function test_constructor_revertsOnTooManyDecimals() public {
        IOffering.Terms memory t = defaultTerms();
        t.paymentToken = IERC20(address(new OfferingMockStablecoin("Odd", "ODD", 19)));
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingInvalidPaymentDecimals.selector, 19));
        new Offering(t, admin, 1 days, issuer, operator);
    }

    function test_constructor_revertsOnHalfConfiguredOracle() public {
        IOffering.Terms memory t = defaultTerms();
        t.oracleAsset = address(0);
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingInvalidOracle.selector, address(oracle), address(0)));
        new Offering(t, admin, 1 days, issuer, operator);

        t = defaultTerms();
        t.oracle = IPriceOracle(address(0));
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingInvalidOracle.selector, address(0), NATIVE_KEY));
        new Offering(t, admin, 1 days, issuer, operator);
    }

    // ===== SUBSCRIBE =====

    function test_subscribe_escrowsFundsAndEmits() public {
        openWindow();
        fund(alice, 100e6);
        vm.expectEmit(address(offering));
        emit IOffering.Subscribed(alice, address(usdc), 100e6, 100e6, 0, 100e6, 100e6);
        vm.prank(alice);
        offering.subscribe(100e6);
        vm.snapshotGasLastCall("offering.subscribe (first)");

        fund(alice, 50e6);
        vm.expectEmit(address(offering));
        emit IOffering.Subscribed(alice, address(usdc), 50e6, 50e6, 0, 150e6, 150e6);
        vm.prank(alice);
        offering.subscribe(50e6);
        vm.snapshotGasLastCall("offering.subscribe (add)");

        IOffering.Subscription memory s = offering.subscriptionOf(alice);
        assertEq(s.stableAmount, 150e6, "stable");
        assertEq(offering.totalSubscribedValue(), 150e6, "total");
        (uint256 escrowStable, ) = offering.escrowed();
        assertEq(escrowStable, 150e6, "escrow");
        assertEq(usdc.balanceOf(address(offering)), 150e6, "balance");
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Open), "phase");
    }

    function test_subscribe_revertsBeforeStart() public {
        fund(alice, 100e6);
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingNotOpen.selector, IOffering.Phase.Upcoming));
        vm.prank(alice);
        offering.subscribe(100e6);
    }

    function test_subscribe_revertsAfterEnd() public {
        closeWindow();
        fund(alice, 100e6);
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingNotOpen.selector, IOffering.Phase.Closed));
        vm.prank(alice);
        offering.subscribe(100e6);
    }

    function test_subscribe_revertsWhenCancelled() public {
        openWindow();
        vm.prank(issuer);
        offering.cancel();
        fund(alice, 100e6);
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingNotOpen.selector, IOffering.Phase.Cancelled));
        vm.prank(alice);
        offering.subscribe(100e6);
    }

    function test_subscribe_revertsOnZeroAmount() public {
        openWindow();
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingZeroAmount.selector));
        vm.prank(alice);
        offering.subscribe(0);
    }

    function test_subscribe_revertsBelowMinimum() public {
        openWindow();
        fund(alice, MIN_SUB - 1);
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingBelowMinimum.selector, alice, MIN_SUB - 1, MIN_SUB));
        vm.prank(alice);
        offering.subscribe(MIN_SUB - 1);
    }

    function test_subscribe_revertsAboveMaximumWhenAdding() public {
        openWindow();
        subscribeAs(alice, MAX_SUB - 5e6);
        fund(alice, 6e6);
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingAboveMaximum.selector, alice, MAX_SUB + 1e6, MAX_SUB));
        vm.prank(alice);
        offering.subscribe(6e6);
    }

    function test_subscribe_revertsWhenTokenCouldNotBeDelivered() public {
        openWindow();
        token.setRestriction(alice, 1);
        fund(alice, 100e6);
        vm.expectRevert(
            abi.encodeWithSelector(IOffering.OfferingInvestorRestricted.selector, alice, 1, "Investor not verified")
        );
        vm.prank(alice);
        offering.subscribe(100e6);
    }

    function test_subscribe_revertsWhenPaused() public {
        openWindow();
        vm.prank(issuer);
        offering.pause();
        fund(alice, 100e6);
        vm.expectRevert(abi.encodeWithSelector(Pausable.EnforcedPause.selector));
        vm.prank(alice);
        offering.subscribe(100e6);
    }

    function test_subscribeWithPermit_escrowsWithoutApproval() public {
        openWindow();
        (address investor, uint256 key) = makeAddrAndKey("permit investor");
        usdc.mint(investor, 100e6);
        (uint8 v, bytes32 r, bytes32 s) = signPermit(key, investor, 100e6, block.timestamp + 1 hours);
        vm.prank(investor);
        offering.subscribeWithPermit(100e6, block.timestamp + 1 hours, v, r, s);
        assertEq(offering.subscriptionOf(investor).stableAmount, 100e6, "stable");
        assertEq(usdc.balanceOf(address(offering)), 100e6, "balance");
    }

    function test_subscribeWithPermit_survivesFrontRunPermit() public {
        openWindow();
        (address investor, uint256 key) = makeAddrAndKey("permit investor");
        usdc.mint(investor, 100e6);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = signPermit(key, investor, 100e6, deadline);
        usdc.permit(investor, address(offering), 100e6, deadline, v, r, s); // someone front-runs the permit
        vm.prank(investor);
        offering.subscribeWithPermit(100e6, deadline, v, r, s);
        assertEq(offering.subscriptionOf(investor).stableAmount, 100e6, "stable");
    }

    function test_subscribeWithPermit_revertsWithoutAllowanceOnBadSignature() public {
        openWindow();
        (address investor, ) = makeAddrAndKey("permit investor");
        usdc.mint(investor, 100e6);
        (, uint256 wrongKey) = makeAddrAndKey("someone else");
        (uint8 v, bytes32 r, bytes32 s) = signPermit(wrongKey, investor, 100e6, block.timestamp + 1 hours);
        vm.expectRevert(
            abi.encodeWithSignature("ERC20InsufficientAllowance(address,uint256,uint256)", address(offering), 0, 100e6)
        );
        vm.prank(investor);
        offering.subscribeWithPermit(100e6, block.timestamp + 1 hours, v, r, s);
    }

    function test_permitTypehashes_matchPreimages() public view {
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("USD Coin"),
                keccak256("1"),
                block.chainid,
                address(usdc)
            )
        );
        assertEq(usdc.DOMAIN_SEPARATOR(), domain, "domain separator");
    }

    // ===== NATIVE =====

    function test_subscribeNative_valuesAtOraclePrice() public {
        openWindow();
        vm.deal(alice, 1 ether);
        vm.expectEmit(address(offering));
        emit IOffering.Subscribed(alice, address(0), 1 ether, 600e6, NATIVE_USD, 600e6, 600e6);
        vm.prank(alice);
        offering.subscribeNative{value: 1 ether}();
        vm.snapshotGasLastCall("offering.subscribeNative (first)");
        IOffering.Subscription memory s = offering.subscriptionOf(alice);
        assertEq(s.nativeAmount, 1 ether, "native");
        assertEq(s.nativeValue, 600e6, "value");
        (, uint256 escrowNative) = offering.escrowed();
        assertEq(escrowNative, 1 ether, "escrow");
    }

    function test_subscribeNative_revertsWhenOracleRevertsButStablecoinContinues() public {
        openWindow();
        oracle.setFailure(1);
        vm.deal(alice, 1 ether);
        bytes memory reason = abi.encodeWithSelector(
            OfferingMockPriceOracle.OfferingMockOracleUnavailable.selector,
            NATIVE_KEY,
            uint8(1)
        );
        vm.expectRevert(
            abi.encodeWithSelector(IOffering.OfferingPriceUnavailable.selector, address(oracle), NATIVE_KEY, reason)
        );
        vm.prank(alice);
        offering.subscribeNative{value: 1 ether}();

        subscribeAs(alice, 100e6);
        assertEq(offering.totalSubscribedValue(), 100e6, "stablecoin still accepted");
    }

    function test_subscribeNative_revertsOnZeroPrice() public {
        openWindow();
        oracle.setPrice(NATIVE_KEY, 0);
        vm.deal(alice, 1 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IOffering.OfferingPriceUnavailable.selector, address(oracle), NATIVE_KEY, "")
        );
        vm.prank(alice);
        offering.subscribeNative{value: 1 ether}();
    }

    function test_subscribeNative_revertsWhenRoundNeverUpdated() public {
        openWindow();
        oracle.setNeverUpdated(true);
        vm.deal(alice, 1 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IOffering.OfferingPriceUnavailable.selector, address(oracle), NATIVE_KEY, "")
        );
        vm.prank(alice);
        offering.subscribeNative{value: 1 ether}();
    }

    function test_subscribeNative_revertsOnZeroValue() public {
        openWindow();
        vm.deal(alice, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingZeroAmount.selector));
        vm.prank(alice);
        offering.subscribeNative{value: 0}();

        // 1 wei at 600 USD is worth less than one payment unit (1e-6 USD)
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingZeroAmount.selector));
        vm.prank(alice);
        offering.subscribeNative{value: 1}();
    }

    function test_subscribeNative_revertsWhenDisabled() public {
        IOffering.Terms memory t = defaultTerms();
        t.oracle = IPriceOracle(address(0));
        t.oracleAsset = address(0);
        Offering o = new Offering(t, admin, 1 days, issuer, operator);
        openWindow();
        vm.deal(alice, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingNativeDisabled.selector));
        vm.prank(alice);
        o.subscribeNative{value: 1 ether}();
    }

    function test_subscribeNative_revertsOutsideWindow() public {
        vm.deal(alice, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingNotOpen.selector, IOffering.Phase.Upcoming));
        vm.prank(alice);
        offering.subscribeNative{value: 1 ether}();
    }

    // ===== CANCEL SUBSCRIPTION =====

    function test_cancelSubscription_refundsStableEvenWhenPaused() public {
        openWindow();
        subscribeAs(alice, 100e6);
        subscribeAs(bob, 40e6);
        vm.prank(issuer);
        offering.pause();

        vm.expectEmit(address(offering));
        emit IOffering.SubscriptionCancelled(alice, 100e6, 0, 100e6, 40e6);
        vm.prank(alice);
        offering.cancelSubscription();
        assertEq(usdc.balanceOf(alice), 100e6, "stable back");
        assertEq(offering.totalSubscribedValue(), 40e6, "total");
        assertEq(offering.tokensAtPrice(), 20e18, "tokens at price: bob's only");
        assertEq(offering.subscriptionOf(alice).stableAmount, 0, "cleared");
    }

    /// Native deposits are final for the window: no free option on the coin (priced at deposit, cancelled if it rose).
    function test_cancelSubscription_revertsWithNativeDeposit() public {
        openWindow();
        subscribeAs(alice, 100e6);
        vm.deal(alice, 1 ether);
        vm.prank(alice);
        offering.subscribeNative{value: 1 ether}();
        oracle.setPrice(NATIVE_KEY, 900e18); // the coin rose 50%: cancelling would pay 1 ETH back for 600 USDC credited
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingNativeNotCancellable.selector, alice, 1 ether));
        vm.prank(alice);
        offering.cancelSubscription();
        assertEq(offering.subscriptionOf(alice).nativeAmount, 1 ether, "still subscribed");
    }

    function test_cancelSubscription_revertsWithoutSubscription() public {
        openWindow();
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingNoSubscription.selector, alice));
        vm.prank(alice);
        offering.cancelSubscription();
    }

    function test_cancelSubscription_revertsAfterEnd() public {
        openWindow();
        subscribeAs(alice, 100e6);
        closeWindow();
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingNotOpen.selector, IOffering.Phase.Closed));
        vm.prank(alice);
        offering.cancelSubscription();
    }

    // ===== FINALISE / CANCEL / PAUSE =====

    function test_finalise_succeedsWhenSoftCapMet() public {
        openWindow();
        subscribeAs(alice, 2_000e6); // 1,000 tokens = soft cap
        closeWindow();
        vm.expectEmit(address(offering));
        emit IOffering.Finalised(IOffering.Status.Succeeded, 2_000e6, 1_000e18, 1_000e18, false);
        vm.prank(issuer);
        offering.finalise();
        assertEq(uint256(offering.status()), uint256(IOffering.Status.Succeeded), "status");
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Succeeded), "phase");
    }

    function test_finalise_failsWhenSoftCapMissed() public {
        openWindow();
        subscribeAs(alice, 2_000e6 - 1);
        closeWindow();
        vm.expectEmit(address(offering));
        emit IOffering.Finalised(IOffering.Status.Failed, 2_000e6 - 1, 999_999_999_500_000_000_000, 0, false);
        vm.prank(issuer);
        offering.finalise();
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Failed), "phase");
    }

    function test_finalise_failsWithoutSubscriptionsEvenWithZeroSoftCap() public {
        IOffering.Terms memory t = defaultTerms();
        t.softCap = 0;
        Offering o = new Offering(t, admin, 1 days, issuer, operator);
        closeWindow();
        vm.prank(issuer);
        o.finalise();
        assertEq(uint256(o.status()), uint256(IOffering.Status.Failed), "status");
    }

    function test_finalise_revertsBeforeEnd() public {
        openWindow();
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingNotEnded.selector, block.timestamp, endTime));
        vm.prank(issuer);
        offering.finalise();
    }

    function test_finalise_restrictedToIssuerDuringGrace() public {
        closeWindow();
        uint256 openAt = uint256(endTime) + 14 days;
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingFinaliseRestricted.selector, alice, openAt));
        vm.prank(alice);
        offering.finalise();

        vm.warp(openAt);
        vm.prank(alice);
        offering.finalise();
        assertEq(uint256(offering.status()), uint256(IOffering.Status.Failed), "anyone after grace");
    }

    function test_finalise_revertsWhenAlreadyFinalised() public {
        finaliseAsIssuer();
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingNotActive.selector, IOffering.Status.Failed));
        vm.prank(issuer);
        offering.finalise();
    }

    function test_cancel_letsEveryoneTakeFullRefund() public {
        openWindow();
        subscribeAs(alice, 300e6);
        vm.expectEmit(address(offering));
        emit IOffering.OfferingCancelled(issuer, 300e6);
        vm.prank(issuer);
        offering.cancel();
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Cancelled), "phase");

        vm.expectEmit(address(offering));
        emit IOffering.Refunded(alice, alice, alice, 300e6, 0);
        vm.prank(alice);
        offering.claim();
        assertEq(usdc.balanceOf(alice), 300e6, "refund");
        assertEq(token.totalSupply(), 0, "no tokens");
    }

    function test_cancel_revertsForNonIssuer() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                alice,
                offering.ISSUER_ROLE()
            )
        );
        vm.prank(alice);
        offering.cancel();
    }

    function test_cancel_revertsAfterFinalisation() public {
        finaliseAsIssuer();
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingNotActive.selector, IOffering.Status.Failed));
        vm.prank(issuer);
        offering.cancel();
    }

    function test_pause_onlyIssuerAndToggles() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                alice,
                offering.ISSUER_ROLE()
            )
        );
        vm.prank(alice);
        offering.pause();

        vm.expectRevert(abi.encodeWithSelector(Pausable.ExpectedPause.selector));
        vm.prank(issuer);
        offering.unpause();

        vm.prank(issuer);
        offering.pause();
        assertTrue(offering.paused(), "paused");
        vm.expectRevert(abi.encodeWithSelector(Pausable.EnforcedPause.selector));
        vm.prank(issuer);
        offering.pause();
        vm.prank(issuer);
        offering.unpause();
        assertFalse(offering.paused(), "unpaused");
    }

    // ===== CLAIM =====

    function test_claim_revertsBeforeFinalisation() public {
        openWindow();
        subscribeAs(alice, 100e6);
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingNotSettleable.selector, IOffering.Status.Active));
        vm.prank(alice);
        offering.claim();
    }

    function test_claim_undersubscribedMintsAtPriceAndLocksUp() public {
        openWindow();
        subscribeAs(alice, 1_500e6);
        subscribeAs(bob, 1_000e6 + 1); // 1 unit of dust: 500.0000005 tokens, charged exactly
        finaliseAsIssuer();

        vm.expectEmit(address(offering));
        emit IOffering.Claimed(alice, alice, alice, 750e18, 1_500e6, 0, 0, 0, 750e18);
        vm.prank(alice);
        offering.claim();
        vm.snapshotGasLastCall("offering.claim (tokens, no refund)");
        assertEq(token.balanceOf(alice), 750e18, "tokens");
        assertEq(uint256(token.lockupOf(alice)), uint256(lockupEnd), "lock-up");

        vm.prank(bob);
        offering.claim();
        assertEq(token.balanceOf(bob), 500e18 + 5e11, "bob tokens");
        (uint256 proceeds, ) = offering.pendingProceeds();
        assertEq(proceeds, 2_500e6 + 1, "proceeds");
        assertEq(offering.totalTokensMinted(), 1_250e18 + 5e11, "minted");
    }

    function test_claim_oversubscribedAllocatesProRataAndRefundsExcess() public {
        openWindow();
        subscribeAs(alice, 15_000e6);
        subscribeAs(bob, 10_000e6);
        subscribeAs(carol, 5_000e6); // 30,000 USDC for 10,000 tokens worth 20,000
        finaliseAsIssuer();

        IOffering.Allocation memory a = offering.allocationOf(alice);
        assertEq(a.tokens, 5_000e18, "preview tokens");
        vm.expectEmit(address(offering));
        emit IOffering.Claimed(alice, alice, alice, 5_000e18, 10_000e6, 0, 5_000e6, 0, 5_000e18);
        vm.prank(alice);
        offering.claim();
        vm.snapshotGasLastCall("offering.claim (tokens + refund)");
        assertEq(usdc.balanceOf(alice), 5_000e6, "alice refund");

        address[] memory batch = new address[](3);
        batch[0] = alice; // already settled: skipped
        batch[1] = bob;
        batch[2] = carol;
        vm.prank(operator);
        uint256 settledCount = offering.settle(batch);
        assertEq(settledCount, 2, "settled");
        assertEq(token.balanceOf(bob), 3_333_333_333_333_333_333_333, "bob tokens");
        assertEq(token.balanceOf(carol), 1_666_666_666_666_666_666_666, "carol tokens");
        assertEq(usdc.balanceOf(bob), 10_000e6 - 6_666_666_667, "bob refund");
        assertEq(usdc.balanceOf(carol), 5_000e6 - 3_333_333_334, "carol refund");
        assertLe(offering.totalTokensMinted(), HARD_CAP, "<= hard cap");
        assertEq(token.totalSupply(), offering.totalTokensMinted(), "minted");

        offering.withdrawProceeds();
        assertEq(usdc.balanceOf(treasury), 10_000e6 + 6_666_666_667 + 3_333_333_334, "treasury");
        assertEq(usdc.balanceOf(address(offering)), 0, "nothing left");
    }

    function test_claim_mixedAssetsChargesStablecoinFirst() public {
        openWindow();
        subscribeAs(alice, 15_000e6);
        vm.deal(alice, 5 ether); // 3,000 USDC of value
        vm.prank(alice);
        offering.subscribeNative{value: 5 ether}();
        subscribeAs(bob, 12_000e6); // total 30,000 of value for 20,000 worth of tokens
        finaliseAsIssuer();

        // alice: value 18,000 -> 6,000 tokens -> 12,000 USDC charged from her stablecoin, all native refunded
        vm.prank(alice);
        offering.claim();
        assertEq(token.balanceOf(alice), 6_000e18, "alice tokens");
        assertEq(usdc.balanceOf(alice), 3_000e6, "stable refund");
        assertEq(alice.balance, 5 ether, "native refund");

        // a native-heavy investor pays the rest in native at their deposit rate
        IOffering.Subscription memory s = offering.subscriptionOf(alice);
        assertTrue(s.settled, "settled");
    }

    function test_claim_chargesNativeAfterStablecoin() public {
        openWindow();
        subscribeAs(alice, 100e6);
        vm.deal(alice, 1 ether); // 600 USDC of value
        vm.prank(alice);
        offering.subscribeNative{value: 1 ether}();
        subscribeAs(bob, 1_300e6); // total 2,000 = exactly the soft cap of 1,000 tokens
        finaliseAsIssuer();

        // undersubscribed: alice gets 350 tokens for 700 of value: 100 USDC + all her native
        vm.prank(alice);
        offering.claim();
        assertEq(token.balanceOf(alice), 350e18, "tokens");
        (uint256 stableProceeds, uint256 nativeProceeds) = offering.pendingProceeds();
        assertEq(stableProceeds, 100e6, "stable proceeds");
        assertEq(nativeProceeds, 1 ether, "native proceeds");

        vm.expectEmit(address(offering));
        emit IOffering.ProceedsWithdrawn(treasury, 100e6, 1 ether, 100e6, 1 ether);
        offering.withdrawProceeds();
        assertEq(treasury.balance, 1 ether, "treasury native");
        (uint256 ws, uint256 wn) = offering.withdrawnProceeds();
        assertEq(ws, 100e6, "withdrawn stable");
        assertEq(wn, 1 ether, "withdrawn native");
    }

    function test_claim_failedOfferingRefundsEverythingEvenWhenPaused() public {
        openWindow();
        subscribeAs(alice, 500e6);
        vm.deal(alice, 1 ether);
        vm.prank(alice);
        offering.subscribeNative{value: 1 ether}();
        finaliseAsIssuer(); // 1,100 of value < 2,000 soft cap
        vm.prank(issuer);
        offering.pause();

        vm.expectEmit(address(offering));
        emit IOffering.Refunded(alice, alice, alice, 500e6, 1 ether);
        vm.prank(alice);
        offering.claim();
        vm.snapshotGasLastCall("offering.claim (full refund, both assets)");
        assertEq(usdc.balanceOf(alice), 500e6, "stable");
        assertEq(alice.balance, 1 ether, "native");
    }

    function test_claim_revertsWithoutSubscriptionOrTwice() public {
        openWindow();
        subscribeAs(alice, 2_000e6);
        finaliseAsIssuer();
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingNoSubscription.selector, bob));
        vm.prank(bob);
        offering.claim();

        vm.prank(alice);
        offering.claim();
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingNoSubscription.selector, alice));
        vm.prank(alice);
        offering.claim();
    }

    /// Issue 14 case 1: a mint refused at settlement refunds the whole deposit (it used to stay escrowed for good).
    function test_claim_refundsWhenMintRefused() public {
        openWindow();
        subscribeAs(alice, 2_000e6);
        vm.deal(alice, 1 ether);
        vm.prank(alice);
        offering.subscribeNative{value: 1 ether}();
        finaliseAsIssuer();
        token.setRestriction(alice, 2);
        vm.expectEmit(address(offering));
        emit IOffering.AllocationRefused(alice, alice, alice, 2, 1_300e18, 2_000e6, 1 ether);
        vm.prank(alice);
        offering.claim();
        assertEq(token.balanceOf(alice), 0, "no tokens");
        assertEq(usdc.balanceOf(alice), 2_000e6, "stable back");
        assertEq(alice.balance, 1 ether, "native back");
        assertTrue(offering.subscriptionOf(alice).settled, "settled");
        (uint256 stableEscrow, uint256 nativeEscrow) = offering.escrowed();
        assertEq(stableEscrow + nativeEscrow, 0, "escrow empty");
        (uint256 stableProceeds, uint256 nativeProceeds) = offering.pendingProceeds();
        assertEq(stableProceeds + nativeProceeds, 0, "nothing charged");
        assertEq(offering.totalTokensMinted(), 0, "nothing minted");

        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingNoSubscription.selector, alice));
        vm.prank(alice);
        offering.claim();
    }

    function test_claimTo_refundsMintRefusedToTheChosenRecipient() public {
        openWindow();
        subscribeAs(alice, 2_000e6);
        finaliseAsIssuer();
        token.setRestriction(alice, 1);
        vm.expectEmit(address(offering));
        emit IOffering.AllocationRefused(alice, alice, carol, 1, 1_000e18, 2_000e6, 0);
        vm.prank(alice);
        offering.claimTo(payable(carol));
        assertEq(usdc.balanceOf(carol), 2_000e6, "refund to the chosen address");
    }

    function test_claim_revertsWhenSucceededAndPaused() public {
        openWindow();
        subscribeAs(alice, 2_000e6);
        finaliseAsIssuer();
        vm.prank(issuer);
        offering.pause();
        vm.expectRevert(abi.encodeWithSelector(Pausable.EnforcedPause.selector));
        vm.prank(alice);
        offering.claim();
    }

    function test_claim_withoutLockupSkipsTheToken() public {
        IOffering.Terms memory t = defaultTerms();
        t.lockupEnd = 0;
        Offering o = new Offering(t, admin, 1 days, issuer, operator);
        token.setAgent(address(o));
        openWindow();
        usdc.mint(alice, 2_000e6);
        vm.prank(alice);
        usdc.approve(address(o), 2_000e6);
        vm.prank(alice);
        o.subscribe(2_000e6);
        closeWindow();
        vm.prank(issuer);
        o.finalise();
        vm.prank(alice);
        o.claim();
        assertEq(token.lockupCalls(), 0, "no lock-up");
        assertEq(token.balanceOf(alice), 1_000e18, "tokens");
    }

    // ===== SETTLE =====

    function test_settle_revertsForNonOperator() public {
        address[] memory batch = new address[](0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                alice,
                offering.OPERATOR_ROLE()
            )
        );
        vm.prank(alice);
        offering.settle(batch);
    }

    function test_settle_revertsBeforeFinalisation() public {
        address[] memory batch = new address[](0);
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingNotSettleable.selector, IOffering.Status.Active));
        vm.prank(operator);
        offering.settle(batch);
    }

    function test_settle_refundsRestrictedAndSkipsUnknown() public {
        openWindow();
        subscribeAs(alice, 1_000e6);
        subscribeAs(bob, 1_000e6);
        finaliseAsIssuer();
        token.setRestriction(bob, 1);
        address[] memory batch = new address[](3);
        batch[0] = alice;
        batch[1] = bob;
        batch[2] = carol; // never subscribed
        vm.expectEmit(address(offering));
        emit IOffering.AllocationRefused(bob, operator, bob, 1, 500e18, 1_000e6, 0);
        vm.prank(operator);
        uint256 settledCount = offering.settle(batch);
        assertEq(settledCount, 2, "alice minted, bob refunded");
        assertTrue(offering.subscriptionOf(bob).settled, "bob settled");
        assertEq(usdc.balanceOf(bob), 1_000e6, "bob refunded");
        assertEq(token.balanceOf(alice), 500e18, "alice tokens");
    }

    function test_settle_defersInvestorRejectingNativeWhoCanClaimTo() public {
        openWindow();
        OfferingMockInvestorContract investor = new OfferingMockInvestorContract();
        vm.deal(address(this), 10 ether);
        investor.subscribeNative{value: 1 ether}(offering);
        subscribeAs(alice, 100e6);
        finaliseAsIssuer(); // 700 < soft cap: failed
        investor.setRejectNative(true);

        address[] memory batch = new address[](2);
        batch[0] = address(investor);
        batch[1] = alice;
        vm.expectEmit(address(offering));
        emit IOffering.SettlementDeferred(
            address(investor),
            abi.encodeWithSelector(IOffering.OfferingNativeTransferFailed.selector, address(investor), 1 ether)
        );
        vm.expectEmit(address(offering));
        emit IOffering.Refunded(alice, operator, alice, 100e6, 0);
        vm.prank(operator);
        assertEq(offering.settle(batch), 1, "only alice settled");
        assertFalse(offering.subscriptionOf(address(investor)).settled, "investor untouched");
        (, uint256 escrowNative) = offering.escrowed();
        assertEq(escrowNative, 1 ether, "still escrowed");

        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingZeroAddress.selector, "refundRecipient"));
        investor.claimTo(offering, payable(address(0)));

        vm.expectEmit(address(offering));
        emit IOffering.Refunded(address(investor), address(investor), carol, 0, 1 ether);
        investor.claimTo(offering, payable(carol));
        assertEq(carol.balance, 1 ether, "paid to the chosen address");
        assertEq(address(offering).balance, 0, "nothing left");
    }

    function test_settleOne_revertsForAnyoneButTheOffering() public {
        finaliseAsIssuer();
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingSelfCallOnly.selector, operator));
        vm.prank(operator);
        offering.settleOne(alice, operator);
    }

    function test_settle_defersBlacklistedUsdtHolderWhoCanClaimTo() public {
        (Offering o, OfferingMockUsdt usdt) = deployUsdtOffering();
        openWindow();
        usdt.mint(alice, 100e18);
        vm.prank(alice);
        usdt.approve(address(o), 100e18);
        vm.prank(alice);
        o.subscribe(100e18);
        vm.prank(issuer);
        o.cancel();
        usdt.setBlackListed(alice, true);

        address[] memory batch = new address[](1);
        batch[0] = alice;
        vm.prank(operator);
        assertEq(o.settle(batch), 0, "deferred");
        assertEq(usdt.balanceOf(address(o)), 100e18, "still held");

        vm.prank(alice);
        o.claimTo(payable(bob));
        assertEq(usdt.balanceOf(bob), 100e18, "paid to another address");
    }

    function test_subscribe_creditsWhatArrivesFromAFeeOnTransferToken() public {
        (Offering o, OfferingMockUsdt usdt) = deployUsdtOffering();
        usdt.setFee(100); // 1 %
        openWindow();
        usdt.mint(alice, 100e18);
        vm.prank(alice);
        usdt.approve(address(o), 100e18);
        vm.expectEmit(address(o));
        emit IOffering.Subscribed(alice, address(usdt), 99e18, 99e18, 0, 99e18, 99e18);
        vm.prank(alice);
        o.subscribe(100e18);
        (uint256 escrowStable, ) = o.escrowed();
        assertEq(escrowStable, usdt.balanceOf(address(o)), "escrow == balance");
    }

    function test_subscribe_revertsWhenNothingArrives() public {
        (Offering o, OfferingMockUsdt usdt) = deployUsdtOffering();
        usdt.setFee(10_000); // the whole amount goes to the fee collector
        openWindow();
        usdt.mint(alice, 100e18);
        vm.prank(alice);
        usdt.approve(address(o), 100e18);
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingBelowMinimum.selector, alice, 0, 10e18));
        vm.prank(alice);
        o.subscribe(100e18);
    }

    // ===== PROCEEDS =====

    function test_withdrawProceeds_revertsWhenNothingPending() public {
        vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingNothingToWithdraw.selector));
        offering.withdrawProceeds();
    }

    function test_withdrawProceeds_revertsWhenTreasuryRejectsNative() public {
        OfferingMockInvestorContract rejecting = new OfferingMockInvestorContract();
        rejecting.setRejectNative(true);
        IOffering.Terms memory t = defaultTerms();
        t.treasury = address(rejecting);
        t.softCap = 0;
        Offering o = new Offering(t, admin, 1 days, issuer, operator);
        token.setAgent(address(o));
        openWindow();
        vm.deal(alice, 1 ether);
        vm.prank(alice);
        o.subscribeNative{value: 1 ether}();
        closeWindow();
        vm.prank(issuer);
        o.finalise();
        vm.prank(alice);
        o.claim();
        vm.expectRevert(
            abi.encodeWithSelector(IOffering.OfferingNativeTransferFailed.selector, address(rejecting), 1 ether)
        );
        o.withdrawProceeds();
    }

    // ===== VIEWS =====

    function test_allocationOf_previewsWhileActiveAndIsEmptyForStrangers() public {
        openWindow();
        subscribeAs(alice, 15_000e6);
        subscribeAs(bob, 15_000e6);
        IOffering.Allocation memory a = offering.allocationOf(alice);
        assertEq(a.tokens, 5_000e18, "preview");
        assertEq(a.stableRefund, 5_000e6, "refund preview");
        IOffering.Allocation memory none = offering.allocationOf(carol);
        assertEq(none.tokens + none.stableRefund + none.stableCharged, 0, "empty");
    }

    // ===== FUZZ =====

    /// @dev Three investors with arbitrary amounts and an arbitrary price: allocation never exceeds the hard cap, no
    /// one is charged more than paid, and every unit ends with an investor or the treasury.
    function testFuzz_settlement_conservesFundsAndRespectsCaps(
        uint256 a,
        uint256 b,
        uint256 c,
        uint256 price,
        uint256 hardCap
    ) public {
        price = bound(price, 1, 1_000e6);
        hardCap = bound(hardCap, 1, 1e30);
        a = bound(a, 1, 1e15);
        b = bound(b, 1, 1e15);
        c = bound(c, 1, 1e15);
        Offering o = deploy(price, 0, hardCap);
        openWindow();
        subscribeTo(o, alice, a);
        subscribeTo(o, bob, b);
        subscribeTo(o, carol, c);
        closeWindow();
        vm.prank(issuer);
        o.finalise();
        address[] memory batch = new address[](3);
        batch[0] = alice;
        batch[1] = bob;
        batch[2] = carol;
        vm.prank(operator);
        o.settle(batch);
        (uint256 pending, ) = o.pendingProceeds();
        if (pending != 0) o.withdrawProceeds(); // zero when the allocations are dust (tiny hard cap)

        uint256 paid = a + b + c;
        uint256 refunds = usdc.balanceOf(alice) + usdc.balanceOf(bob) + usdc.balanceOf(carol);
        assertEq(refunds + usdc.balanceOf(treasury), paid, "refunds + proceeds == deposits");
        assertEq(usdc.balanceOf(address(o)), 0, "nothing stranded");
        assertLe(token.totalSupply(), hardCap, "<= hard cap");
        assertEq(token.totalSupply(), o.totalTokensMinted(), "minted == allocations");
        assertCharge(alice, a, price);
        assertCharge(bob, b, price);
        assertCharge(carol, c, price);
    }

    /// @dev Allocation against an independent reference of the documented rule.
    function testFuzz_allocationOf_matchesReference(uint256 a, uint256 b, uint256 price, uint256 hardCap) public {
        price = bound(price, 1, 1e24);
        hardCap = bound(hardCap, 1, 1e36);
        a = bound(a, 1, 1e30);
        b = bound(b, 1, 1e30);
        Offering o = deploy(price, 0, hardCap);
        openWindow();
        subscribeTo(o, alice, a);
        subscribeTo(o, bob, b);
        uint256 total = a + b;
        bool over = (total * 1e18) / price > hardCap;
        uint256 tokens = over ? (a * hardCap) / total : (a * 1e18) / price;
        uint256 charge = (tokens * price + 1e18 - 1) / 1e18;
        IOffering.Allocation memory alloc = o.allocationOf(alice);
        assertEq(alloc.tokens, tokens, "tokens");
        assertEq(alloc.stableCharged, charge, "charge");
        assertEq(alloc.stableRefund, a - charge, "refund");
    }

    /// @dev Native deposits are valued at the oracle price, for 6- and 18-decimal payment tokens.
    function testFuzz_subscribeNative_valueMatchesOracle(uint256 amount, uint256 usdPrice, bool sixDecimals) public {
        amount = bound(amount, 1, 1e24);
        usdPrice = bound(usdPrice, 1, 1e24);
        uint8 decimals = sixDecimals ? 6 : 18;
        OfferingMockStablecoin coin = new OfferingMockStablecoin("C", "C", decimals);
        IOffering.Terms memory t = defaultTerms();
        t.paymentToken = IERC20(address(coin));
        t.minSubscription = 1;
        t.maxSubscription = type(uint128).max;
        Offering o = new Offering(t, admin, 1 days, issuer, operator);
        oracle.setPrice(NATIVE_KEY, usdPrice);
        openWindow();
        uint256 expected = (amount * usdPrice) / 10 ** (36 - uint256(decimals));
        vm.deal(alice, amount);
        if (expected == 0) {
            vm.expectRevert(abi.encodeWithSelector(IOffering.OfferingZeroAmount.selector));
            vm.prank(alice);
            o.subscribeNative{value: amount}();
        } else {
            vm.prank(alice);
            o.subscribeNative{value: amount}();
            assertEq(o.subscriptionOf(alice).nativeValue, expected, "value");
        }
    }

    // ===== HELPERS =====

    function deployUsdtOffering() internal returns (Offering o, OfferingMockUsdt usdt) {
        usdt = new OfferingMockUsdt(18);
        IOffering.Terms memory t = defaultTerms();
        t.paymentToken = IERC20(address(usdt));
        t.price = 2e18;
        t.minSubscription = 10e18;
        t.maxSubscription = 20_000e18;
        o = new Offering(t, admin, 1 days, issuer, operator);
    }

    function deploy(uint256 price, uint256 softCap, uint256 hardCap) internal returns (Offering o) {
        IOffering.Terms memory t = defaultTerms();
        t.price = price;
        t.softCap = softCap;
        t.hardCap = hardCap;
        t.minSubscription = 1;
        t.maxSubscription = type(uint128).max;
        o = new Offering(t, admin, 1 days, issuer, operator);
        token.setAgent(address(o));
    }

    function subscribeTo(Offering o, address investor, uint256 amount) internal {
        usdc.mint(investor, amount);
        vm.prank(investor);
        usdc.approve(address(o), amount);
        vm.prank(investor);
        o.subscribe(amount);
    }

    function assertCharge(address investor, uint256 paid, uint256 price) internal view {
        uint256 charged = paid - usdc.balanceOf(investor);
        uint256 tokens = token.balanceOf(investor);
        assertLe(charged, paid, "charged <= paid");
        assertEq(charged, (tokens * price + 1e18 - 1) / 1e18, "charged == ceil(tokens * price)");
    }

    function signPermit(
        uint256 key,
        address owner,
        uint256 value,
        uint256 deadline
    ) internal view returns (uint8 v, bytes32 r, bytes32 s) {
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                owner,
                address(offering),
                value,
                usdc.nonces(owner),
                deadline
            )
        );
        return vm.sign(key, keccak256(abi.encodePacked("\x19\x01", usdc.DOMAIN_SEPARATOR(), structHash)));
    }

    receive() external payable {}
}
