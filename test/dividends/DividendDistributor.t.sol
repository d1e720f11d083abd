// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {DividendDistributor} from "../../contracts/dividends/DividendDistributor.sol";
import {IDividendDistributor} from "../../contracts/interfaces/IDividendDistributor.sol";
import {IRecordDateToken} from "../../contracts/interfaces/IRecordDateToken.sol";
import {DividendsMockBlacklistPayout} from "../../contracts/mocks/DividendsMockBlacklistPayout.sol";
import {DividendsMockPayout} from "../../contracts/mocks/DividendsMockPayout.sol";
import {DividendsMockToken} from "../../contracts/mocks/DividendsMockToken.sol";
import {Test, Vm} from "../utils/Test.sol";

/// @dev Shared deployment: a distributor, a token with history, a 6-decimal payout token, three holders and a
/// treasury.
abstract contract DividendsFixture is Test {
    DividendDistributor internal distributor;
    DividendsMockToken internal token;
    DividendsMockPayout internal usdc;

    address internal admin = makeAddr("admin");
    address internal issuer = makeAddr("issuer");
    address internal taxAdmin = makeAddr("taxAdmin");
    address internal taxWallet = makeAddr("taxWallet");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");
    address internal treasury = makeAddr("treasury");
    address internal operator = makeAddr("operator");

    uint48 internal constant T0 = 1_000_000;

    function setUp() public virtual {
        vm.warp(T0);
        distributor = new DividendDistributor(admin, 3 days);
        token = new DividendsMockToken();
        usdc = new DividendsMockPayout(6);
        vm.startPrank(admin);
        distributor.grantRole(distributor.DISTRIBUTOR_ROLE(), issuer);
        distributor.grantRole(distributor.TAX_ADMIN_ROLE(), taxAdmin);
        vm.stopPrank();

        token.mint(alice, 100e18);
        token.mint(bob, 200e18);
        token.mint(carol, 700e18);
        token.mint(treasury, 1000e18);
        usdc.mint(issuer, 1_000_000e6);
        vm.prank(issuer);
        usdc.approve(address(distributor), type(uint256).max);
        vm.warp(T0 + 1 days);
    }

    function _create(uint256 amount, address[] memory excluded) internal returns (uint256 id) {
        vm.prank(issuer);
        id = distributor.createDistribution(
            IRecordDateToken(address(token)),
            IERC20(address(usdc)),
            amount,
            T0,
            T0 + 30 days,
            excluded
        );
    }

    function _excludeTreasury() internal view returns (address[] memory excluded) {
        excluded = new address[](1);
        excluded[0] = treasury;
    }

    function _none() internal pure returns (address[] memory) {
        return new address[](0);
    }

    function _holders(address a, address b, address c) internal pure returns (address[] memory list) {
        list = new address[](3);
        (list[0], list[1], list[2]) = (a, b, c);
    }
}

contract DividendDistributorTest is DividendsFixture {
    // ===== createDistribution =====

    function test_createDistribution_excludesTreasuryFromDenominator() public {
        uint256 id = _create(1000e6, _excludeTreasury());
        IDividendDistributor.Distribution memory d = distributor.distribution(id);
        assertEq(d.denominator, 1000e18, "denominator");
        assertEq(d.amount, 1000e6, "amount");
        assertEq(uint256(d.status), uint256(IDividendDistributor.Status.Active), "status");
        assertEq(distributor.entitlementOf(id, alice), 100e6, "alice");
        assertEq(distributor.entitlementOf(id, carol), 700e6, "carol");
        assertEq(distributor.entitlementOf(id, treasury), 0, "treasury");
        assertTrue(distributor.isExcluded(id, treasury), "excluded");
        assertEq(usdc.balanceOf(address(distributor)), 1000e6, "escrow");
        assertEq(distributor.distributionCount(), 1, "count");
    }

    function test_createDistribution_emitsEverythingTheSubgraphNeeds() public {
        address[] memory excluded = _excludeTreasury();
        vm.expectEmit(address(distributor));
        emit IDividendDistributor.DistributionCreated(
            1,
            address(token),
            address(usdc),
            issuer,
            500e6,
            T0,
            T0 + 30 days,
            2000e18,
            1000e18,
            1000e18,
            excluded
        );
        _create(500e6, excluded);
    }

    function test_createDistribution_revertsWithoutRole() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                alice,
                distributor.DISTRIBUTOR_ROLE()
            )
        );
        vm.prank(alice);
        distributor.createDistribution(
            IRecordDateToken(address(token)),
            IERC20(address(usdc)),
            1,
            T0,
            T0 + 1 days,
            _none()
        );
    }

    function test_createDistribution_revertsOnBadInput() public {
        IRecordDateToken t = IRecordDateToken(address(token));
        IERC20 p = IERC20(address(usdc));
        address[] memory none = _none();
        vm.startPrank(issuer);

        vm.expectRevert(IDividendDistributor.DividendZeroAddress.selector);
        distributor.createDistribution(IRecordDateToken(address(0)), p, 1, T0, T0 + 30 days, none);
        vm.expectRevert(IDividendDistributor.DividendZeroAddress.selector);
        distributor.createDistribution(t, IERC20(address(0)), 1, T0, T0 + 30 days, none);
        vm.expectRevert(IDividendDistributor.DividendZeroAmount.selector);
        distributor.createDistribution(t, p, 0, T0, T0 + 30 days, none);

        uint48 nowTs = uint48(block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendRecordDateNotPast.selector, nowTs, nowTs));
        distributor.createDistribution(t, p, 1, nowTs, T0 + 30 days, none);

        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendDeadlineNotFuture.selector, nowTs, nowTs));
        distributor.createDistribution(t, p, 1, T0, nowTs, none);

        address[] memory dup = new address[](2);
        dup[0] = treasury;
        dup[1] = treasury;
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendDuplicateExclusion.selector, treasury));
        distributor.createDistribution(t, p, 1, T0, T0 + 30 days, dup);

        // Before any mint the supply is zero: nothing is eligible.
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendNoEligibleSupply.selector, 0, 0));
        distributor.createDistribution(t, p, 1, T0 - 1, T0 + 30 days, none);
        vm.stopPrank();
        assertEq(distributor.distributionCount(), 0, "nothing created");
        assertEq(usdc.balanceOf(address(distributor)), 0, "nothing pulled");
    }

    function test_createDistribution_distributesWhatWasReceivedFromFeeToken() public {
        usdc.setFeeBps(100); // 1% fee on transfers
        uint256 id = _create(1000e6, _excludeTreasury());
        assertEq(distributor.distribution(id).amount, 990e6, "received");
        assertEq(distributor.entitlementOf(id, carol), 693e6, "carol share of what arrived");
    }

    function test_createDistribution_revertsWhenNothingArrives() public {
        usdc.setFeeBps(10_000);
        vm.expectRevert(IDividendDistributor.DividendZeroAmount.selector);
        _create(1000e6, _none());
    }

    function test_createDistribution_revertsAboveUint96() public {
        uint256 amount = uint256(type(uint96).max) + 1;
        usdc.mint(issuer, amount);
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendAmountTooLarge.selector, amount));
        _create(amount, _none());
    }

    // ===== claim =====

    function test_claim_paysProRataAndIgnoresLaterTransfers() public {
        uint256 id = _create(1000e6, _excludeTreasury());
        // Transfers after the record date do not move entitlements.
        vm.prank(carol);
        token.transfer(alice, 700e18);
        vm.prank(alice);
        assertEq(distributor.claim(id), 100e6, "alice net");
        vm.prank(carol);
        assertEq(distributor.claim(id), 700e6, "carol net");
        assertEq(usdc.balanceOf(alice), 100e6, "alice paid");
        assertEq(usdc.balanceOf(carol), 700e6, "carol paid");
        assertTrue(distributor.isClaimed(id, alice), "claimed");
        assertEq(distributor.distribution(id).claimed, 800e6, "claimed total");
    }

    function test_claim_emitsGrossWithheldNet() public {
        uint256 id = _create(1000e6, _excludeTreasury());
        vm.startPrank(taxAdmin);
        distributor.setTaxWallet(taxWallet);
        distributor.setWithholdingRate(bob, 1540);
        vm.stopPrank();
        vm.expectEmit(address(distributor));
        emit IDividendDistributor.Claimed(id, bob, bob, bob, 200e18, 200e6, 30.8e6, 169.2e6, 1540, taxWallet);
        vm.prank(bob);
        distributor.claim(id);
        assertEq(usdc.balanceOf(taxWallet), 30.8e6, "tax");
        assertEq(usdc.balanceOf(bob), 169.2e6, "net");
    }

    function test_claim_revertsTwice() public {
        uint256 id = _create(1000e6, _none());
        vm.startPrank(alice);
        distributor.claim(id);
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendAlreadyClaimed.selector, id, alice));
        distributor.claim(id);
        vm.stopPrank();
    }

    function test_claim_revertsForExcludedFrozenNothingDue() public {
        uint256 id = _create(1000e6, _excludeTreasury());
        vm.prank(treasury);
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendHolderExcluded.selector, id, treasury));
        distributor.claim(id);

        token.setFrozen(bob, true);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendHolderFrozen.selector, id, bob));
        distributor.claim(id);

        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendNothingToClaim.selector, id, operator));
        distributor.claim(id);
    }

    function test_claim_revertsOnUnknownEndedCancelled() public {
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendUnknownDistribution.selector, 7));
        distributor.claim(7);

        uint256 id = _create(1000e6, _none());
        vm.warp(T0 + 30 days + 1);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IDividendDistributor.DividendClaimPeriodEnded.selector, id, T0 + 30 days)
        );
        distributor.claim(id);

        vm.warp(T0 + 2 days);
        uint256 id2 = _create(1000e6, _none());
        vm.prank(issuer);
        distributor.cancelDistribution(id2);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDividendDistributor.DividendWrongStatus.selector,
                id2,
                IDividendDistributor.Status.Cancelled
            )
        );
        distributor.claim(id2);
    }

    function test_claim_revertsWhenTaxDueWithoutWallet() public {
        uint256 id = _create(1000e6, _none());
        vm.prank(taxAdmin);
        distributor.setWithholdingRate(alice, 1000);
        vm.prank(alice);
        vm.expectRevert(IDividendDistributor.DividendTaxWalletUnset.selector);
        distributor.claim(id);
    }

    function test_claim_paysRecoverySuccessor() public {
        uint256 id = _create(1000e6, _excludeTreasury());
        address aliceNew = makeAddr("aliceNew");
        address aliceNewer = makeAddr("aliceNewer");
        token.setSuccessor(alice, aliceNew);
        token.setSuccessor(aliceNew, aliceNewer);
        token.setFrozen(alice, true); // the lost wallet is frozen; its rights live on in the successor
        vm.prank(alice);
        distributor.claim(id);
        assertEq(usdc.balanceOf(aliceNewer), 100e6, "successor paid");
        assertEq(usdc.balanceOf(alice), 0, "lost wallet not paid");
    }

    function test_claim_revertsOnSuccessorCycle() public {
        uint256 id = _create(1000e6, _excludeTreasury());
        token.setSuccessor(alice, bob);
        token.setSuccessor(bob, alice);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(DividendsMockToken.DividendsMockChainTooLong.selector, alice));
        distributor.claim(id);
    }

    // ===== claimMany / claimFor / releaseHeld =====

    function test_claimMany_skipsClaimedAndClosed() public {
        uint256 a = _create(1000e6, _excludeTreasury());
        uint256 b = _create(2000e6, _excludeTreasury());
        uint256 c = _create(3000e6, _excludeTreasury());
        vm.prank(issuer);
        distributor.cancelDistribution(c);
        vm.prank(alice);
        distributor.claim(a);
        uint256[] memory ids = new uint256[](4);
        (ids[0], ids[1], ids[2], ids[3]) = (a, b, c, 99);
        uint256[] memory claimableNet = distributor.claimableMany(ids, alice);
        assertEq(claimableNet[0], 0, "a claimed");
        assertEq(claimableNet[1], 200e6, "b due");
        assertEq(claimableNet[2], 0, "c cancelled");
        assertEq(claimableNet[3], 0, "unknown");
        vm.prank(alice);
        assertEq(distributor.claimMany(ids), 200e6, "total");
        assertEq(usdc.balanceOf(alice), 300e6, "paid");
    }

    function test_claimMany_revertsForFrozenHolder() public {
        uint256[] memory ids = new uint256[](1);
        ids[0] = _create(1000e6, _none());
        token.setFrozen(alice, true);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendHolderFrozen.selector, ids[0], alice));
        distributor.claimMany(ids);
    }

    function test_claimFor_paysHoldersNotCallerAndHoldsFrozen() public {
        uint256 id = _create(1000e6, _excludeTreasury());
        token.setFrozen(bob, true);
        vm.prank(alice);
        distributor.claim(id);
        address[] memory holders = new address[](5);
        (holders[0], holders[1], holders[2], holders[3], holders[4]) = (alice, bob, carol, treasury, operator);
        vm.expectEmit(address(distributor));
        emit IDividendDistributor.EntitlementHeld(id, bob, 200e18, 200e6);
        vm.prank(operator);
        assertEq(distributor.claimFor(id, holders), 1, "only carol paid");
        assertEq(usdc.balanceOf(carol), 700e6, "carol");
        assertEq(usdc.balanceOf(operator), 0, "caller gets nothing");
        assertEq(distributor.heldFor(id, bob), 200e6, "held");
        assertEq(distributor.distribution(id).held, 200e6, "held total");

        // Held money survives the deadline and the reclaim, and is paid once bob is unfrozen.
        vm.warp(T0 + 31 days);
        vm.prank(issuer);
        assertEq(distributor.reclaim(id), 0, "nothing left to reclaim");
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendHolderFrozen.selector, id, bob));
        distributor.releaseHeld(id, bob);
        token.setFrozen(bob, false);
        assertEq(distributor.releaseHeld(id, bob), 200e6, "released");
        assertEq(usdc.balanceOf(bob), 200e6, "bob paid");
        assertEq(distributor.distribution(id).held, 0, "nothing held");
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendNothingHeld.selector, id, bob));
        distributor.releaseHeld(id, bob);
    }

    function test_claimable_reportsGrossWithheldNet() public {
        uint256 id = _create(1000e6, _excludeTreasury());
        vm.startPrank(taxAdmin);
        distributor.setTaxWallet(taxWallet);
        distributor.setWithholdingRate(carol, 1540);
        vm.stopPrank();
        (uint256 gross, uint256 withheld, uint256 net) = distributor.claimable(id, carol);
        assertEq(gross, 700e6, "gross");
        assertEq(withheld, 107.8e6, "withheld");
        assertEq(net, 592.2e6, "net");
        (gross, , ) = distributor.claimable(id, treasury);
        assertEq(gross, 0, "excluded");
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendUnknownDistribution.selector, 9));
        distributor.entitlementOf(9, carol);
    }

    // ===== cancel / reclaim =====

    function test_cancelDistribution_refundsCreatorBeforeClaims() public {
        uint256 id = _create(1000e6, _none());
        uint256 before = usdc.balanceOf(issuer);
        vm.prank(issuer);
        distributor.cancelDistribution(id);
        assertEq(usdc.balanceOf(issuer) - before, 1000e6, "refund");
        assertEq(uint256(distributor.distribution(id).status), uint256(IDividendDistributor.Status.Cancelled), "st");
    }

    function test_cancelDistribution_revertsAfterClaimOrForOthers() public {
        uint256 id = _create(1000e6, _none());
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendNotCreator.selector, id, alice));
        distributor.cancelDistribution(id);
        vm.prank(alice);
        distributor.claim(id);
        vm.prank(issuer);
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendClaimsStarted.selector, id, 50e6));
        distributor.cancelDistribution(id);
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendUnknownDistribution.selector, 5));
        distributor.cancelDistribution(5);
    }

    function test_reclaim_returnsUnclaimedAndDustAfterDeadline() public {
        // 1000 units over 3 holders of 100/200/700 with a total of 1000 shares (+1 wei to make rounding bite).
        token.mint(alice, 1);
        vm.warp(T0 + 2 days);
        vm.prank(issuer);
        uint256 id = distributor.createDistribution(
            IRecordDateToken(address(token)),
            IERC20(address(usdc)),
            1000,
            T0 + 1 days,
            T0 + 30 days,
            _excludeTreasury()
        );
        vm.prank(carol);
        distributor.claim(id); // floor(700e18 * 1000 / (1000e18 + 1)) = 699
        assertEq(usdc.balanceOf(carol), 699, "rounded down");
        vm.prank(issuer);
        vm.expectRevert(
            abi.encodeWithSelector(IDividendDistributor.DividendClaimPeriodOpen.selector, id, T0 + 30 days)
        );
        distributor.reclaim(id);
        vm.warp(T0 + 30 days + 1);
        uint256 before = usdc.balanceOf(issuer);
        vm.prank(issuer);
        assertEq(distributor.reclaim(id), 301, "unclaimed + dust");
        assertEq(usdc.balanceOf(issuer) - before, 301, "returned");
        assertEq(distributor.distribution(id).reclaimed, 301, "recorded");
        vm.prank(issuer);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDividendDistributor.DividendWrongStatus.selector,
                id,
                IDividendDistributor.Status.Reclaimed
            )
        );
        distributor.reclaim(id);
    }

    // ===== tax admin =====

    function test_setWithholdingRate_validates() public {
        vm.startPrank(taxAdmin);
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendInvalidTaxRate.selector, 10_001));
        distributor.setWithholdingRate(alice, 10_001);
        vm.expectRevert(IDividendDistributor.DividendZeroAddress.selector);
        distributor.setWithholdingRate(address(0), 1);
        vm.expectRevert(IDividendDistributor.DividendZeroAddress.selector);
        distributor.setTaxWallet(address(0));
        vm.expectEmit(address(distributor));
        emit IDividendDistributor.WithholdingRateSet(alice, 1540);
        distributor.setWithholdingRate(alice, 1540);
        vm.expectEmit(address(distributor));
        emit IDividendDistributor.TaxWalletSet(taxWallet);
        distributor.setTaxWallet(taxWallet);
        vm.stopPrank();
        assertEq(distributor.withholdingRateOf(alice), 1540, "rate");
        assertEq(distributor.taxWallet(), taxWallet, "wallet");
    }

    // ===== fuzz =====

    /// @dev Entitlements match the reference formula, never exceed the deposit together, and the dust is below the
    /// number of holders.
    function testFuzz_entitlements_sumToAtMostAmount(uint96 a, uint96 b, uint96 c, uint128 amount) public {
        vm.assume(uint256(a) + b + c > 0);
        amount = uint128(bound(amount, 1, type(uint96).max));
        DividendsMockToken t = new DividendsMockToken();
        address[3] memory holders = [makeAddr("h1"), makeAddr("h2"), makeAddr("h3")];
        t.mint(holders[0], a);
        t.mint(holders[1], b);
        t.mint(holders[2], c);
        vm.warp(block.timestamp + 1);
        usdc.mint(issuer, amount);
        vm.prank(issuer);
        uint256 id = distributor.createDistribution(
            IRecordDateToken(address(t)),
            IERC20(address(usdc)),
            amount,
            uint48(block.timestamp - 1),
            uint48(block.timestamp + 1 days),
            _none()
        );
        uint256 total = uint256(a) + b + c;
        uint256 sum;
        uint96[3] memory balances = [a, b, c];
        for (uint256 i; i < 3; ++i) {
            uint256 expected = Math.mulDiv(balances[i], amount, total);
            assertEq(distributor.entitlementOf(id, holders[i]), expected, "formula");
            sum += expected;
        }
        assertLe(sum, amount, "never more than deposited");
        assertLe(amount - sum, 2, "dust < holders");
    }

    /// @dev Withholding: gross == withheld + net, withheld rounds down.
    function testFuzz_claim_taxSplitsExactly(uint16 rate, uint128 amount) public {
        rate = uint16(bound(rate, 0, 10_000));
        amount = uint128(bound(amount, 2, type(uint96).max)); // 700/1000 of 1 rounds to nothing
        usdc.mint(issuer, amount);
        uint256 id = _create(amount, _excludeTreasury());
        vm.startPrank(taxAdmin);
        distributor.setTaxWallet(taxWallet);
        distributor.setWithholdingRate(carol, rate);
        vm.stopPrank();
        uint256 gross = distributor.entitlementOf(id, carol);
        vm.prank(carol);
        uint256 net = distributor.claim(id);
        assertEq(usdc.balanceOf(taxWallet) + net, gross, "split");
        assertEq(usdc.balanceOf(taxWallet), (gross * rate) / 10_000, "withheld");
    }

    // ===== isolation: one holder never blocks another (issue 14, cases 3 and 11) =====

    function test_claimFor_holdsHolderWhoseRecoveryChainCannotBeResolved() public {
        uint256 id = _create(1000e6, _excludeTreasury());
        address aliceNew = makeAddr("aliceNew");
        token.setSuccessor(alice, aliceNew);
        token.setSuccessor(aliceNew, alice); // a recovery undone: the chain is a cycle the token refuses to follow
        vm.expectEmit(address(distributor));
        emit IDividendDistributor.EntitlementHeld(id, alice, 100e18, 100e6);
        vm.expectEmit(address(distributor));
        emit IDividendDistributor.ClaimSkipped(id, alice, IDividendDistributor.SkipReason.RecipientUnresolved, 100e6);
        vm.prank(operator);
        assertEq(distributor.claimFor(id, _holders(alice, bob, carol)), 2, "bob and carol paid");
        assertEq(usdc.balanceOf(bob), 200e6, "bob");
        assertEq(usdc.balanceOf(carol), 700e6, "carol");
        assertEq(distributor.heldFor(id, alice), 100e6, "alice held");
        assertTrue(distributor.isClaimed(id, alice), "settled");

        // The remainder never takes alice's share; once the token resolves her chain she is paid there.
        vm.warp(T0 + 31 days);
        vm.prank(issuer);
        assertEq(distributor.reclaim(id), 0, "nothing unclaimed");
        vm.expectRevert(abi.encodeWithSelector(DividendsMockToken.DividendsMockChainTooLong.selector, alice));
        distributor.releaseHeld(id, alice);
        token.setSuccessor(aliceNew, address(0));
        assertEq(distributor.releaseHeld(id, alice), 100e6, "released");
        assertEq(usdc.balanceOf(aliceNew), 100e6, "paid to the end of the chain");
    }

    function test_claimFor_capsTheGasOfEachTokenLookup() public {
        uint256 id = _create(1000e6, _excludeTreasury());
        token.setLookupBomb(alice, 1); // recordPosition burns all the gas it gets
        token.setLookupBomb(bob, 2); // balanceOfAt too: nothing is known about bob
        vm.expectEmit(address(distributor));
        emit IDividendDistributor.ClaimSkipped(id, alice, IDividendDistributor.SkipReason.RecipientUnresolved, 100e6);
        vm.expectEmit(address(distributor));
        emit IDividendDistributor.ClaimSkipped(id, bob, IDividendDistributor.SkipReason.RecordUnavailable, 0);
        vm.prank(operator);
        assertEq(distributor.claimFor{gas: 2_000_000}(id, _holders(alice, bob, carol)), 1, "carol paid");
        assertEq(usdc.balanceOf(carol), 700e6, "carol");
        assertEq(distributor.heldFor(id, alice), 100e6, "alice held");
        assertFalse(distributor.isClaimed(id, bob), "bob untouched");
        token.setLookupBomb(bob, 0);
        vm.prank(bob);
        assertEq(distributor.claim(id), 200e6, "bob still claims");
    }

    function test_claimFor_holdsBlacklistedHolderAndPaysTheOthers() public {
        DividendsMockBlacklistPayout busd = new DividendsMockBlacklistPayout();
        uint256 id = _createIn(busd, 1000e6);
        busd.setBlacklisted(bob, true);
        vm.expectEmit(address(distributor));
        emit IDividendDistributor.ClaimSkipped(id, bob, IDividendDistributor.SkipReason.PayoutFailed, 200e6);
        vm.prank(operator);
        assertEq(distributor.claimFor(id, _holders(alice, bob, carol)), 2, "alice and carol paid");
        assertEq(busd.balanceOf(alice), 100e6, "alice");
        assertEq(busd.balanceOf(carol), 700e6, "carol");
        assertEq(distributor.heldFor(id, bob), 200e6, "bob held");
        assertEq(busd.balanceOf(address(distributor)), 200e6, "escrow keeps bob's share");

        vm.expectRevert(abi.encodeWithSelector(DividendsMockBlacklistPayout.DividendsMockBlacklisted.selector, bob));
        distributor.releaseHeld(id, bob);
        busd.setBlacklisted(bob, false);
        assertEq(distributor.releaseHeld(id, bob), 200e6, "released");
        assertEq(busd.balanceOf(bob), 200e6, "bob paid");
    }

    function test_claimFor_blacklistedTaxWalletHoldsOnlyTaxedHolders() public {
        DividendsMockBlacklistPayout busd = new DividendsMockBlacklistPayout();
        uint256 id = _createIn(busd, 1000e6);
        vm.startPrank(taxAdmin);
        distributor.setTaxWallet(taxWallet);
        distributor.setWithholdingRate(carol, 1540);
        vm.stopPrank();
        busd.setBlacklisted(taxWallet, true);
        vm.expectEmit(address(distributor));
        emit IDividendDistributor.ClaimSkipped(id, carol, IDividendDistributor.SkipReason.PayoutFailed, 700e6);
        vm.prank(operator);
        assertEq(distributor.claimFor(id, _holders(alice, bob, carol)), 2, "untaxed holders paid");
        assertEq(busd.balanceOf(carol), 0, "no half payment: net and tax move together");
        assertEq(distributor.heldFor(id, carol), 700e6, "carol held");

        address newTaxWallet = makeAddr("newTaxWallet");
        vm.prank(taxAdmin);
        distributor.setTaxWallet(newTaxWallet);
        assertEq(distributor.releaseHeld(id, carol), 592.2e6, "released net");
        assertEq(busd.balanceOf(newTaxWallet), 107.8e6, "tax");
    }

    function test_claimFor_taxDueWithoutWalletHoldsInsteadOfReverting() public {
        uint256 id = _create(1000e6, _excludeTreasury());
        vm.prank(taxAdmin);
        distributor.setWithholdingRate(alice, 1000);
        vm.expectEmit(address(distributor));
        emit IDividendDistributor.ClaimSkipped(id, alice, IDividendDistributor.SkipReason.TaxWalletUnset, 100e6);
        vm.prank(operator);
        assertEq(distributor.claimFor(id, _holders(alice, bob, carol)), 2, "bob and carol paid");
        vm.expectRevert(IDividendDistributor.DividendTaxWalletUnset.selector);
        distributor.releaseHeld(id, alice);
        vm.prank(taxAdmin);
        distributor.setTaxWallet(taxWallet);
        assertEq(distributor.releaseHeld(id, alice), 90e6, "released net");
    }

    function test_settlePayment_revertsForOutsiders() public {
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendOnlySelf.selector, operator));
        vm.prank(operator);
        distributor.settlePayment(IERC20(address(usdc)), taxWallet, 1, operator, 1);
    }

    // ===== remainders (issue 14, case 11) =====

    function test_reclaim_paysTheRemainderRecipientWhenTheCreatorIsBlacklisted() public {
        DividendsMockBlacklistPayout busd = new DividendsMockBlacklistPayout();
        uint256 id = _createIn(busd, 1000e6);
        vm.prank(carol);
        distributor.claim(id);
        busd.setBlacklisted(issuer, true);
        vm.warp(T0 + 31 days);
        vm.prank(issuer);
        vm.expectRevert(abi.encodeWithSelector(DividendsMockBlacklistPayout.DividendsMockBlacklisted.selector, issuer));
        distributor.reclaim(id);

        vm.expectEmit(address(distributor));
        emit IDividendDistributor.RemainderRecipientSet(treasury);
        vm.prank(admin);
        distributor.setRemainderRecipient(treasury);
        assertEq(distributor.remainderRecipient(), treasury, "recipient");
        // The admin may trigger it too (a creator may be gone); the event still names the creator.
        vm.expectEmit(address(distributor));
        emit IDividendDistributor.Reclaimed(id, issuer, 300e6);
        vm.prank(admin);
        assertEq(distributor.reclaim(id), 300e6, "reclaimed");
        assertEq(busd.balanceOf(treasury), 300e6, "to the recipient");
        assertEq(distributor.distribution(id).reclaimed, 300e6, "recorded");
    }

    function test_cancelDistribution_refundsTheRemainderRecipient() public {
        vm.prank(admin);
        distributor.setRemainderRecipient(treasury);
        uint256 id = _create(1000e6, _none());
        vm.prank(issuer);
        distributor.cancelDistribution(id);
        assertEq(usdc.balanceOf(treasury), 1000e6, "refund to the recipient");

        vm.prank(admin);
        distributor.setRemainderRecipient(address(0)); // back to the creator
        uint256 id2 = _create(1000e6, _none());
        uint256 before = usdc.balanceOf(issuer);
        vm.prank(issuer);
        distributor.cancelDistribution(id2);
        assertEq(usdc.balanceOf(issuer) - before, 1000e6, "refund to the creator");
    }

    function test_setRemainderRecipient_revertsWithoutAdminRole() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                issuer,
                distributor.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(issuer);
        distributor.setRemainderRecipient(issuer);
    }

    function test_reclaim_revertsForOthersThanCreatorAndAdmin() public {
        uint256 id = _create(1000e6, _none());
        vm.warp(T0 + 31 days);
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendNotCreator.selector, id, operator));
        vm.prank(operator);
        distributor.reclaim(id);
    }

    // ===== limits of the packed layout =====

    function test_createDistribution_revertsAboveUint128EligibleSupply() public {
        DividendsMockToken big = new DividendsMockToken();
        big.mint(alice, uint256(type(uint128).max) + 1);
        vm.warp(block.timestamp + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IDividendDistributor.DividendSupplyTooLarge.selector, uint256(type(uint128).max) + 1)
        );
        vm.prank(issuer);
        distributor.createDistribution(
            IRecordDateToken(address(big)),
            IERC20(address(usdc)),
            1000e6,
            uint48(block.timestamp - 1),
            uint48(block.timestamp + 1 days),
            _none()
        );
    }

    // ===== DISTRIBUTOR_ROLE mirror and creator ids =====

    function _unauthorized(address account) internal view returns (bytes memory) {
        return
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                account,
                distributor.DISTRIBUTOR_ROLE()
            );
    }

    function test_createDistribution_revertsOnceTheRoleIsRevokedOrRenounced() public {
        bytes32 role = distributor.DISTRIBUTOR_ROLE();
        vm.prank(admin);
        distributor.revokeRole(role, issuer);
        vm.expectRevert(_unauthorized(issuer));
        _create(1000e6, _none());

        vm.prank(admin);
        distributor.grantRole(role, operator);
        vm.prank(operator);
        distributor.renounceRole(role, operator);
        vm.expectRevert(_unauthorized(operator));
        vm.prank(operator);
        distributor.createDistribution(
            IRecordDateToken(address(token)),
            IERC20(address(usdc)),
            1,
            T0,
            T0 + 1 days,
            _none()
        );
    }

    function test_creatorIds_distinguishCreatorsAndSurviveRevocationAndRegrant() public {
        bytes32 role = distributor.DISTRIBUTOR_ROLE();
        uint256 first = _create(1000e6, _none());
        // A second creator, funded like the issuer.
        vm.prank(admin);
        distributor.grantRole(role, operator);
        usdc.mint(operator, 500e6);
        vm.startPrank(operator);
        usdc.approve(address(distributor), 500e6);
        uint256 second = distributor.createDistribution(
            IRecordDateToken(address(token)),
            IERC20(address(usdc)),
            500e6,
            T0,
            T0 + 30 days,
            _none()
        );
        vm.stopPrank();
        assertEq(distributor.distribution(first).creator, issuer, "first creator");
        assertEq(distributor.distribution(second).creator, operator, "second creator");
        assertEq(distributor.distribution(99).creator, address(0), "no creator for an unknown id");

        // Revoked, the issuer still cancels its own distribution (no role needed), and only its own.
        vm.startPrank(admin);
        distributor.revokeRole(role, issuer);
        distributor.grantRole(role, operator); // already granted: nothing changes
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendNotCreator.selector, second, issuer));
        vm.prank(issuer);
        distributor.cancelDistribution(second);
        vm.prank(issuer);
        distributor.cancelDistribution(first);

        // Granted again, it keeps its creator id: its new distribution names it, the operator's still names the operator.
        vm.prank(admin);
        distributor.grantRole(role, issuer);
        uint256 third = _create(1000e6, _none());
        assertEq(distributor.distribution(third).creator, issuer, "third creator");
        assertEq(distributor.distribution(second).creator, operator, "second creator unchanged");
        vm.prank(operator);
        distributor.cancelDistribution(second);
        assertEq(usdc.balanceOf(operator), 500e6, "refund to the second creator");
    }

    function test_cancelDistribution_revertsWhenNotActive() public {
        uint256 id = _create(1000e6, _none());
        vm.startPrank(issuer);
        distributor.cancelDistribution(id);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDividendDistributor.DividendWrongStatus.selector,
                id,
                IDividendDistributor.Status.Cancelled
            )
        );
        distributor.cancelDistribution(id);
        vm.stopPrank();
    }

    function test_claimMany_skipsDistributionsWithNothingDue() public {
        uint256[] memory ids = new uint256[](2);
        ids[0] = _create(1000e6, _none());
        ids[1] = _create(2000e6, _none());
        vm.prank(operator); // held nothing at the record date
        assertEq(distributor.claimMany(ids), 0, "nothing paid");
        assertFalse(distributor.isClaimed(ids[0], operator), "not settled");
    }

    function test_entitlementOf_neverExceedsTheDepositWhateverTheTokenReports() public {
        uint256 id = _create(1000e6, _excludeTreasury());
        token.setOverstatement(bob, 5000e18); // bob "held" more than the whole eligible supply (1000e18)
        assertEq(distributor.entitlementOf(id, bob), 1000e6, "capped at the deposit");
    }

    function test_claim_neverPaysMoreThanTheDepositWhateverTheTokenReports() public {
        uint256 id = _create(1000e6, _excludeTreasury());
        token.setOverstatement(bob, 5000e18); // more than the whole eligible supply (1000e18)
        vm.prank(bob);
        assertEq(distributor.claim(id), 1000e6, "capped at the deposit");
        assertEq(usdc.balanceOf(bob), 1000e6, "paid");
        assertEq(distributor.distribution(id).claimed, 1000e6, "claimed");
    }

    function test_createDistribution_revertsForDeadlineBeyond40Bits() public {
        uint48 deadline = uint48(type(uint40).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 40, deadline));
        vm.prank(issuer);
        distributor.createDistribution(
            IRecordDateToken(address(token)),
            IERC20(address(usdc)),
            1000e6,
            T0,
            deadline,
            _none()
        );
    }

    // ===== claimMany: one transfer per payout token and wallet =====

    function test_claimMany_transfersOncePerPayoutTokenAndWallet() public {
        DividendsMockBlacklistPayout busd = new DividendsMockBlacklistPayout();
        uint256 a = _create(1000e6, _excludeTreasury());
        uint256 b = _create(2000e6, _excludeTreasury());
        uint256 c = _createIn(busd, 3000e6);
        uint256 d = _create(4000e6, _excludeTreasury());
        vm.startPrank(taxAdmin);
        distributor.setTaxWallet(taxWallet);
        distributor.setWithholdingRate(carol, 1000);
        vm.stopPrank();
        uint256[] memory ids = new uint256[](4);
        (ids[0], ids[1], ids[2], ids[3]) = (a, b, c, d);
        vm.recordLogs();
        vm.prank(carol);
        assertEq(distributor.claimMany(ids), 6_300e6, "total net: 70% of 10,000, less 10% tax");
        assertEq(usdc.balanceOf(carol), 4_410e6, "usdc net");
        assertEq(usdc.balanceOf(taxWallet), 490e6, "usdc tax");
        assertEq(busd.balanceOf(carol), 1_890e6, "busd net");
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 transfers;
        uint256 claims;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] == IERC20.Transfer.selector) ++transfers;
            if (logs[i].topics[0] == IDividendDistributor.Claimed.selector) ++claims;
        }
        assertEq(claims, 4, "one Claimed per distribution");
        assertEq(transfers, 6, "a+b together, c, d: net and tax each");
    }

    function _createIn(IERC20 payout, uint256 amount) internal returns (uint256 id) {
        DividendsMockBlacklistPayout(address(payout)).mint(issuer, amount);
        vm.startPrank(issuer);
        payout.approve(address(distributor), amount);
        id = distributor.createDistribution(
            IRecordDateToken(address(token)),
            payout,
            amount,
            T0,
            T0 + 30 days,
            _excludeTreasury()
        );
        vm.stopPrank();
    }

    // ===== Flags kept by holder index or by address =====

    /// @dev Holders with an index share flags words: each claim settles only its own holder, whichever claims first,
    /// and a second claim of the same holder is still refused.
    function test_claim_holdersSharingAFlagsWordSettleOnlyThemselves() public {
        assertEq(token.holderIndex(alice), 1, "alice's index");
        assertEq(token.holderIndex(bob), 2, "bob's index");
        uint256 first = _create(1000e6, _excludeTreasury());
        uint256 second = _create(1000e6, _excludeTreasury());
        vm.prank(bob);
        distributor.claim(second);
        assertFalse(distributor.isClaimed(first, bob), "bob, first");
        assertFalse(distributor.isClaimed(second, alice), "alice, second");
        vm.prank(alice);
        assertEq(distributor.claim(second), 100e6, "alice paid");
        vm.prank(alice);
        assertEq(distributor.claim(first), 100e6, "alice paid again for the other distribution");
        assertTrue(distributor.isClaimed(first, alice) && distributor.isClaimed(second, alice), "alice settled");
        assertFalse(distributor.isClaimed(first, bob) || distributor.isClaimed(first, carol), "others not");
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendAlreadyClaimed.selector, second, bob));
        distributor.claim(second);
        assertTrue(distributor.isExcluded(first, treasury) && !distributor.isExcluded(first, carol), "exclusions");
        vm.prank(treasury);
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendHolderExcluded.selector, first, treasury));
        distributor.claim(first);
    }

    /// @dev A token without holder indexes: the flags are kept by address, with the same behaviour.
    function test_claim_keysFlagsByAddressWhenTheTokenGivesNoIndex() public {
        token.setIndexing(false);
        address dave = makeAddr("dave");
        address erin = makeAddr("erin");
        token.mint(dave, 100e18);
        token.mint(erin, 100e18);
        vm.warp(T0 + 2 days);
        assertEq(token.holderIndex(dave), 0, "no index");
        vm.prank(issuer);
        uint256 id = distributor.createDistribution(
            IRecordDateToken(address(token)),
            IERC20(address(usdc)),
            1200e6,
            T0 + 1 days,
            T0 + 30 days,
            _holders(erin, treasury, carol)
        );
        assertTrue(distributor.isExcluded(id, erin), "erin excluded by address");
        vm.prank(erin);
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendHolderExcluded.selector, id, erin));
        distributor.claim(id);
        vm.prank(dave);
        assertEq(distributor.claim(id), 300e6, "dave paid");
        assertTrue(distributor.isClaimed(id, dave), "dave settled");
        assertEq(distributor.claimFor(id, _holders(dave, alice, bob)), 2, "alice and bob pushed, dave skipped");
        vm.prank(dave);
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendAlreadyClaimed.selector, id, dave));
        distributor.claim(id);
        (, , uint256 net) = distributor.claimable(id, dave);
        assertEq(net, 0, "nothing left for dave");
    }

    /// @dev An account excluded before its first credit keeps that flag by address; once credited (after the record
    /// date, so with nothing due) the views still report it excluded and a claim finds nothing.
    function test_isExcluded_reportsAnAccountExcludedBeforeItHadAnIndex() public {
        address late = makeAddr("late");
        uint256 id = _create(1000e6, _holders(treasury, late, operator));
        assertEq(token.holderIndex(late), 0, "no index at creation");
        token.mint(late, 50e18);
        assertTrue(token.holderIndex(late) != 0, "index on the first credit");
        assertTrue(distributor.isExcluded(id, late), "still excluded");
        assertEq(distributor.entitlementOf(id, late), 0, "nothing due");
        vm.prank(late);
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendNothingToClaim.selector, id, late));
        distributor.claim(id);
    }

    /// @dev A duplicate exclusion is found where the flags of the account are kept.
    function test_createDistribution_revertsOnDuplicateExclusionOfAnIndexedHolder() public {
        vm.prank(issuer);
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendDuplicateExclusion.selector, carol));
        distributor.createDistribution(
            IRecordDateToken(address(token)),
            IERC20(address(usdc)),
            1000e6,
            T0,
            T0 + 30 days,
            _holders(carol, treasury, carol)
        );
    }

    /// @dev A token whose holderIndex reverts: claimFor skips the holder (RecordUnavailable) and pays the others;
    /// isClaimed of an unknown distribution asks no token.
    function test_claimFor_skipsAHolderWhoseIndexCannotBeRead() public {
        uint256 id = _create(1000e6, _excludeTreasury());
        token.setIndexBomb(true);
        vm.expectEmit(address(distributor));
        emit IDividendDistributor.ClaimSkipped(id, alice, IDividendDistributor.SkipReason.RecordUnavailable, 0);
        address[] memory one = new address[](1);
        one[0] = alice;
        assertEq(distributor.claimFor(id, one), 0, "nobody paid");
        assertFalse(distributor.isClaimed(99, alice), "unknown distribution");
        token.setIndexBomb(false);
        assertEq(distributor.claimFor(id, one), 1, "paid once the token answers");
    }
}
