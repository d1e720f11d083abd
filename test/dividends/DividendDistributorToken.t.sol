// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {DividendDistributor} from "../../contracts/dividends/DividendDistributor.sol";
import {IDividendDistributor} from "../../contracts/interfaces/IDividendDistributor.sol";
import {IRecordDateToken} from "../../contracts/interfaces/IRecordDateToken.sol";
import {ISecurityToken} from "../../contracts/interfaces/ISecurityToken.sol";
import {DividendsMockBlacklistPayout} from "../../contracts/mocks/DividendsMockBlacklistPayout.sol";
import {TokenFixture} from "../token/TokenFixture.sol";

/// @dev The distributor against the real SecurityToken and IdentityRegistry (issue 14 cases 3 and 11, issue 17's
/// claimMany bound): alice 100, bob 200, carol 700 at a scheduled record date, a USDC-style payout token.
contract DividendDistributorTokenTest is TokenFixture {
    DividendDistributor internal distributor;
    DividendsMockBlacklistPayout internal usdc;
    address internal issuer = makeAddr("issuer");
    address internal operator = makeAddr("operator");
    uint48 internal recordDate;

    function setUp() public override {
        super.setUp();
        distributor = new DividendDistributor(address(this), 0);
        distributor.grantRole(distributor.DISTRIBUTOR_ROLE(), issuer);
        usdc = new DividendsMockBlacklistPayout();
        token.mint(alice, 100e18);
        token.mint(bob, 200e18);
        token.mint(carol, 700e18);
        recordDate = uint48(block.timestamp + 1 hours);
        token.scheduleRecordDate(recordDate);
        vm.warp(recordDate + 1);
    }

    function _create(uint256 amount) internal returns (uint256 id) {
        usdc.mint(issuer, amount);
        vm.startPrank(issuer);
        usdc.approve(address(distributor), amount);
        id = distributor.createDistribution(
            IRecordDateToken(address(token)),
            IERC20(address(usdc)),
            amount,
            recordDate,
            uint48(block.timestamp + 30 days),
            new address[](0)
        );
        vm.stopPrank();
    }

    /// @dev Issue 17: flags kept by holder index through the real token. alice (index 1), bob (2) and carol (3) share
    /// one flags word; a recovered holder stays settled under its own index, and its successor (credited after the
    /// record date) has nothing of its own to claim.
    function test_claim_byHolderIndexThroughTheRealToken() public {
        uint256 id = _create(1000e6);
        assertEq(token.holderIndex(alice), 1, "alice");
        assertEq(token.holderIndex(carol), 3, "carol");
        token.recoverWallet(alice, alice2);
        address[] memory one = new address[](1);
        one[0] = alice;
        assertEq(distributor.claimFor(id, one), 1, "alice pushed");
        assertEq(usdc.balanceOf(alice2), 100e6, "to her successor");
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendAlreadyClaimed.selector, id, alice));
        distributor.claim(id);
        vm.prank(alice2);
        vm.expectRevert(abi.encodeWithSelector(IDividendDistributor.DividendNothingToClaim.selector, id, alice2));
        distributor.claim(id);
        vm.prank(carol);
        assertEq(distributor.claim(id), 700e6, "carol");
        assertTrue(distributor.isClaimed(id, carol) && !distributor.isClaimed(id, bob), "flags apart");
        vm.prank(bob);
        assertEq(distributor.claim(id), 200e6, "bob");
    }

    function _all() internal view returns (address[] memory list) {
        list = new address[](3);
        (list[0], list[1], list[2]) = (alice, bob, carol);
    }

    /// @dev A past timepoint that is no record date: the token's own reason reaches the caller unchanged.
    function test_createDistribution_revertsWithTheTokensReasonForAPastDateThatIsNoRecordDate() public {
        uint48 notARecordDate = recordDate - 1;
        usdc.mint(issuer, 1000e6);
        vm.startPrank(issuer);
        usdc.approve(address(distributor), 1000e6);
        vm.expectRevert(
            abi.encodeWithSelector(ISecurityToken.SecurityTokenUnknownRecordDate.selector, uint256(notARecordDate))
        );
        distributor.createDistribution(
            IRecordDateToken(address(token)),
            IERC20(address(usdc)),
            1000e6,
            notARecordDate,
            uint48(block.timestamp + 30 days),
            new address[](0)
        );
        vm.stopPrank();
    }

    /// @dev Case 3: alice -> alice2 -> alice. Whatever the token makes of an undone recovery (a cycle it refuses to
    /// follow, or a clean chain once it forbids cycles), the batch pays the others and alice's share is paid to her
    /// current wallet or held for her, never reclaimed.
    function test_claimFor_undoneRecoveryNeverBlocksTheBatchNorLosesTheShare() public {
        uint256 id = _create(1000e6);
        token.recoverWallet(alice, alice2);
        token.recoverWallet(alice2, alice);
        vm.prank(operator);
        uint256 paid = distributor.claimFor(id, _all());
        assertEq(usdc.balanceOf(bob), 200e6, "bob");
        assertEq(usdc.balanceOf(carol), 700e6, "carol");
        assertTrue(distributor.isClaimed(id, alice), "alice settled");
        uint256 aliceShare = usdc.balanceOf(alice) + usdc.balanceOf(alice2) + distributor.heldFor(id, alice);
        assertEq(aliceShare, 100e6, "alice paid or held");
        assertEq(paid, distributor.heldFor(id, alice) == 0 ? 3 : 2, "paid count");

        vm.warp(block.timestamp + 31 days);
        vm.prank(issuer);
        assertEq(distributor.reclaim(id), 0, "the remainder never takes alice's share");
        assertEq(usdc.balanceOf(address(distributor)), distributor.heldFor(id, alice), "escrow = held");
    }

    /// @dev Case 11: one blacklisted wallet (holder, tax wallet, creator) never locks anybody else's money.
    function test_blacklistedWalletsNeverLockOthers() public {
        address taxWallet = makeAddr("taxWallet");
        address treasury = makeAddr("treasury");
        distributor.grantRole(distributor.TAX_ADMIN_ROLE(), address(this));
        distributor.setTaxWallet(taxWallet);
        distributor.setWithholdingRate(carol, 1540);
        uint256 id = _create(1000e6);
        usdc.setBlacklisted(bob, true);
        usdc.setBlacklisted(taxWallet, true);
        usdc.setBlacklisted(issuer, true);
        vm.prank(operator);
        assertEq(distributor.claimFor(id, _all()), 1, "only alice paid");
        assertEq(usdc.balanceOf(alice), 100e6, "alice");
        assertEq(distributor.heldFor(id, bob), 200e6, "bob held");
        assertEq(distributor.heldFor(id, carol), 700e6, "carol held");

        distributor.setRemainderRecipient(treasury);
        vm.warp(block.timestamp + 31 days);
        vm.prank(issuer);
        assertEq(distributor.reclaim(id), 0, "held shares are not remainder");
        usdc.setBlacklisted(taxWallet, false);
        assertEq(distributor.releaseHeld(id, carol), 592.2e6, "carol released");
        assertEq(usdc.balanceOf(taxWallet), 107.8e6, "tax");
    }

    /// @dev Issue 17: claiming five distributions at once costs at most three single claims.
    function test_claimMany_fiveDistributionsCostAtMostThreeClaims() public {
        uint256[] memory ids = new uint256[](5);
        for (uint256 i; i < 5; ++i) ids[i] = _create(1000e6);
        uint256 single = _create(1000e6);
        vm.prank(carol);
        uint256 before = gasleft();
        distributor.claim(single);
        uint256 claimGas = before - gasleft();
        vm.prank(bob);
        before = gasleft();
        distributor.claimMany(ids);
        uint256 manyGas = before - gasleft();
        assertEq(usdc.balanceOf(bob), 1000e6, "bob paid five times");
        assertLe(manyGas, 3 * claimGas, "claimMany(5) <= 3 claims");
    }
}
