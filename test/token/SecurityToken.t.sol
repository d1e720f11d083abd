// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {IERC7943Fungible} from "../../contracts/interfaces/IERC7943Fungible.sol";
import {InvestorId} from "../../contracts/interfaces/IIdentityRegistry.sol";
import {ISecurityToken} from "../../contracts/interfaces/ISecurityToken.sol";
import {TokenComplianceHookMock} from "../../contracts/mocks/TokenComplianceHookMock.sol";
import {SecurityToken} from "../../contracts/token/SecurityToken.sol";
import {TokenFixture} from "./TokenFixture.sol";

contract SecurityTokenTest is TokenFixture {
    uint8 internal constant RULE_MAX_INVESTORS = 1;
    uint8 internal constant RULE_MAX_BALANCE = 2;
    uint8 internal constant RULE_COUNTRY_ALLOWLIST = 4;
    uint8 internal constant RULE_COUNTRY_BLOCKLIST = 8;
    uint8 internal constant RULE_LOCKUP = 16;
    uint8 internal constant RULE_INVESTOR_CLASS = 32;

    // ===== ISSUANCE AND TRANSFERS =====

    function test_constructor_revertsWithoutRegistry() public {
        vm.expectRevert(ISecurityToken.SecurityTokenZeroRegistry.selector);
        new SecurityToken("No registry", "NOR", address(0), 0, address(this));
    }

    function test_mint_creditsVerifiedReceiverAndCountsInvestor() public {
        token.mint(alice, 100);
        token.mint(alice2, 50);
        assertEq(token.balanceOf(alice), 100, "alice");
        assertEq(token.investorBalance(_keyOf(alice)), 150, "investor balance");
        assertEq(token.compliance().investorCount, 1, "one investor with two wallets");
        assertEq(token.totalSupply(), 150, "supply");
    }

    function test_mint_revertsForUnverifiedReceiver() public {
        vm.expectRevert(_restricted(4, address(0), stranger, 1));
        token.mint(stranger, 1);
        assertEq(token.detectTransferRestriction(address(0), stranger, 1), 4, "mint check");
        assertEq(token.detectTransferRestriction(address(0), alice, 1), 0, "mint check ok");
    }

    function test_mint_revertsWithoutAgentRole() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                stranger,
                token.AGENT_ROLE()
            )
        );
        vm.prank(stranger);
        token.mint(alice, 1);
    }

    function test_transfer_movesBalancesAndInvestorTotals() public {
        token.mint(alice, 100);
        vm.prank(alice);
        token.transfer(bob, 40);
        assertEq(token.balanceOf(bob), 40, "bob");
        assertEq(token.investorBalance(_keyOf(alice)), 60, "alice investor");
        assertEq(token.investorBalance(_keyOf(bob)), 40, "bob investor");
        assertEq(token.compliance().investorCount, 2, "count");
        vm.prank(bob);
        token.transfer(alice, 40);
        assertEq(token.compliance().investorCount, 1, "bob left");
    }

    function test_transfer_betweenOwnWalletsKeepsInvestorState() public {
        token.setRules(RULE_MAX_BALANCE | RULE_MAX_INVESTORS, 0, 1, 100);
        token.mint(alice, 100);
        vm.prank(alice);
        token.transfer(alice2, 100);
        assertEq(token.balanceOf(alice2), 100, "alice2");
        assertEq(token.investorBalance(_keyOf(alice)), 100, "unchanged");
        assertEq(token.compliance().investorCount, 1, "count");
    }

    function test_transfer_revertsWhilePaused() public {
        token.mint(alice, 10);
        token.pause();
        assertTrue(token.paused(), "paused");
        vm.expectRevert(_restricted(1, alice, bob, 1));
        vm.prank(alice);
        token.transfer(bob, 1);
        token.mint(alice, 1); // agents keep working
        vm.expectRevert(abi.encodeWithSelector(ISecurityToken.SecurityTokenPauseUnchanged.selector, true));
        token.pause();
        token.unpause();
        vm.expectRevert(abi.encodeWithSelector(ISecurityToken.SecurityTokenPauseUnchanged.selector, false));
        token.unpause();
        vm.prank(alice);
        token.transfer(bob, 1);
        assertEq(token.balanceOf(bob), 1, "after unpause");
    }

    function test_transfer_revertsWhenTransfersDisabled() public {
        token.mint(alice, 10);
        token.setTransfersEnabled(false);
        vm.expectRevert(_restricted(2, alice, bob, 1));
        vm.prank(alice);
        token.transfer(bob, 1);
        token.setTransfersEnabled(true);
        vm.prank(alice);
        token.transfer(bob, 1);
    }

    function test_transfer_expiredKycBlocksSendingAndReceiving() public {
        token.mint(alice, 10);
        token.mint(bob, 10);
        vm.warp(EXPIRY);
        vm.expectRevert(_restricted(3, alice, bob, 1));
        vm.prank(alice);
        token.transfer(bob, 1);
        assertFalse(token.canSend(alice), "cannot send");
        assertFalse(token.canReceive(bob), "cannot receive");
        // renewed KYC restores both directions
        registry.registerInvestor(ALICE, KOREA, EXPIRY + 365 days, ACCREDITED, address(0));
        registry.registerInvestor(BOB, USA, EXPIRY + 365 days, ACCREDITED, address(0));
        vm.prank(alice);
        token.transfer(bob, 1);
        assertEq(token.balanceOf(bob), 11, "moved after renewal");
    }

    function test_transfer_revokedInvestorCannotSendOrReceive() public {
        token.mint(alice, 10);
        registry.revokeInvestor(BOB);
        vm.expectRevert(_restricted(4, alice, bob, 1));
        vm.prank(alice);
        token.transfer(bob, 1);
        assertFalse(token.canReceive(bob), "revocation pushed");
    }

    function test_transfer_frozenAddressesCannotSendOrReceive() public {
        token.mint(alice, 10);
        token.setAddressFrozen(alice, true);
        assertTrue(token.isFrozen(alice), "frozen");
        vm.expectRevert(_restricted(5, alice, bob, 1));
        vm.prank(alice);
        token.transfer(bob, 1);
        token.setAddressFrozen(alice, false);
        token.setAddressFrozen(bob, true);
        vm.expectRevert(_restricted(6, alice, bob, 1));
        vm.prank(alice);
        token.transfer(bob, 1);
    }

    function test_transfer_partialFreezeLimitsToUnfrozen() public {
        token.mint(alice, 100);
        vm.expectEmit(address(token));
        emit IERC7943Fungible.Frozen(alice, 70);
        token.setFrozenTokens(alice, 70);
        assertEq(token.getFrozenTokens(alice), 70, "frozen");
        vm.expectRevert(
            abi.encodeWithSelector(IERC7943Fungible.ERC7943InsufficientUnfrozenBalance.selector, alice, 31, 30)
        );
        vm.prank(alice);
        token.transfer(bob, 31);
        assertEq(token.detectTransferRestriction(alice, bob, 31), 7, "code 7");
        assertFalse(token.canTransfer(alice, bob, 31), "canTransfer");
        // above the whole balance: the ERC-20 error, not the freeze
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 100, 101));
        vm.prank(alice);
        token.transfer(bob, 101);
        vm.prank(alice);
        token.transfer(bob, 30);
        assertEq(token.balanceOf(alice), 70, "left");
    }

    function test_setFrozenTokens_mayExceedBalance() public {
        token.mint(alice, 10);
        token.setFrozenTokens(alice, 1000);
        assertEq(token.detectTransferRestriction(alice, bob, 1), 7, "nothing unfrozen");
        token.setFrozenTokens(alice, 0);
        assertTrue(token.canTransfer(alice, bob, 10), "free");
    }

    function test_lockup_blocksSenderUntilItEnds() public {
        token.setRules(RULE_LOCKUP, 0, 0, 0);
        token.mint(alice, 10);
        token.extendLockup(alice, START + 30 days);
        token.extendLockup(alice2, START + 10 days); // earlier: the later lock-up stays
        assertEq(token.lockupOf(alice), START + 30 days, "kept later");
        vm.expectRevert(_restricted(8, alice, bob, 1));
        vm.prank(alice);
        token.transfer(bob, 1);
        assertFalse(token.canSend(alice), "canSend");
        vm.warp(START + 30 days);
        vm.prank(alice);
        token.transfer(bob, 1);
        token.setLockup(alice, START + 60 days);
        token.setLockup(alice, START + 40 days); // the compliance officer may shorten
        assertEq(token.lockupOf(alice2), START + 40 days, "per investor");
        token.setRules(0, 0, 0, 0);
        vm.prank(alice);
        token.transfer(bob, 1); // rule off
    }

    function test_lockup_revertsForUnknownInvestor() public {
        vm.expectRevert(abi.encodeWithSelector(ISecurityToken.SecurityTokenUnknownInvestor.selector, stranger));
        token.extendLockup(stranger, START + 1);
        vm.expectRevert(abi.encodeWithSelector(ISecurityToken.SecurityTokenUnknownInvestor.selector, stranger));
        token.setLockup(stranger, START + 1);
    }

    function test_countries_allowlistAndBlocklist() public {
        token.mint(alice, 10);
        token.setCountries(_countries(KOREA), true, true);
        token.setRules(RULE_COUNTRY_ALLOWLIST, 0, 0, 0);
        vm.expectRevert(_restricted(9, alice, bob, 1));
        vm.prank(alice);
        token.transfer(bob, 1);
        vm.prank(alice);
        token.transfer(dave, 1); // Korea allowed
        assertTrue(token.isCountryListed(KOREA, true), "listed");
        token.setRules(RULE_COUNTRY_BLOCKLIST, 0, 0, 0);
        token.setCountries(_countries(USA), false, true);
        vm.expectRevert(_restricted(9, alice, bob, 1));
        vm.prank(alice);
        token.transfer(bob, 1);
        token.setCountries(_countries(USA), false, false);
        vm.prank(alice);
        token.transfer(bob, 1);
        assertFalse(token.isCountryListed(USA, false), "unlisted");
        assertFalse(token.isCountryListed(1000, false), "out of range");
    }

    function test_setCountries_revertsOnInvalidCode() public {
        vm.expectRevert(abi.encodeWithSelector(ISecurityToken.SecurityTokenInvalidCountry.selector, uint16(0)));
        token.setCountries(_countries(0), true, true);
        vm.expectRevert(abi.encodeWithSelector(ISecurityToken.SecurityTokenInvalidCountry.selector, uint16(1000)));
        token.setCountries(_countries(1000), true, true);
    }

    function test_investorClass_requiredForReceivers() public {
        token.setRules(RULE_INVESTOR_CLASS, ACCREDITED, 0, 0);
        vm.expectRevert(_restricted(10, address(0), carol, 1));
        token.mint(carol, 1);
        token.mint(bob, 1);
        token.setRules(RULE_INVESTOR_CLASS, ACCREDITED | PROFESSIONAL, 0, 0);
        vm.expectRevert(_restricted(10, address(0), alice, 1));
        token.mint(alice, 1);
    }

    function test_maxInvestors_countsInvestorsNotWallets() public {
        token.setRules(RULE_MAX_INVESTORS, 0, 2, 0);
        token.mint(alice, 10);
        token.mint(alice2, 10); // same investor: no new slot
        token.mint(bob, 10);
        vm.expectRevert(_restricted(11, address(0), carol, 1));
        token.mint(carol, 1);
        vm.expectRevert(_restricted(11, alice, carol, 1));
        vm.prank(alice);
        token.transfer(carol, 1);
        // bob leaving entirely for carol keeps the count: allowed
        vm.prank(bob);
        token.transfer(carol, 10);
        assertEq(token.compliance().investorCount, 2, "count");
        assertEq(token.balanceOf(carol), 10, "carol");
    }

    /// @dev Issue 17: an investor with one wallet keeps no summed balance; linking a second wallet switches it to a
    /// summed balance that starts at the first wallet's holding.
    function test_investorBalance_onlyWalletThenSummedAcrossWallets() public {
        address bob2 = makeAddr("bob2");
        token.mint(bob, 100);
        uint40 key = _keyOf(bob);
        assertEq(token.investorBalance(key), 100, "the only wallet's balance");
        registry.addWallet(BOB, bob2);
        assertEq(token.investorBalance(key), 100, "summed from the first wallet's holding");
        vm.prank(bob);
        token.transfer(bob2, 40);
        assertEq(token.investorBalance(key), 100, "own wallets: unchanged");
        assertEq(token.compliance().investorCount, 1, "one investor");
        vm.prank(bob2);
        token.transfer(carol, 40);
        assertEq(token.investorBalance(key), 60, "summed after a transfer out");
        vm.prank(bob);
        token.transfer(carol, 60);
        assertEq(token.investorBalance(key), 0, "empty");
        assertEq(token.compliance().investorCount, 1, "bob left, carol holds");
        // the summed mode stays after the second wallet leaves
        registry.removeWallet(bob2);
        token.mint(bob, 7);
        assertEq(token.investorBalance(key), 7, "summed");
    }

    function test_investorBalance_onlyWalletReplaced() public {
        address dave2 = makeAddr("dave2");
        uint40 key = _keyOf(dave);
        registry.removeWallet(dave);
        assertEq(token.investorBalance(key), 0, "no wallet");
        registry.addWallet(DAVE, dave2);
        token.mint(dave2, 10);
        assertEq(token.investorBalance(key), 10, "the new only wallet");
        assertEq(token.compliance().investorCount, 1, "count");
        // the old address now belongs to bob, who holds nothing yet: bob switches to a summed balance
        registry.addWallet(BOB, dave);
        token.mint(dave, 5);
        assertEq(token.investorBalance(_keyOf(bob)), 5, "bob's new wallet");
        assertEq(token.investorBalance(key), 10, "dave's untouched");
        assertEq(token.compliance().investorCount, 2, "two investors");
    }

    function test_maxInvestors_onlyWalletSenderLeavingMakesRoom() public {
        token.setRules(RULE_MAX_INVESTORS, 0, 2, 0);
        token.mint(bob, 10);
        token.mint(carol, 10);
        vm.expectRevert(_restricted(11, bob, dave, 5));
        vm.prank(bob);
        token.transfer(dave, 5);
        vm.prank(bob);
        token.transfer(dave, 10);
        assertEq(token.compliance().investorCount, 2, "bob left, dave came");
        vm.prank(dave);
        token.transfer(carol, 10);
        assertEq(token.compliance().investorCount, 1, "dave left");
    }

    function test_maxBalance_perInvestorAcrossWallets() public {
        token.setRules(RULE_MAX_BALANCE, 0, 0, 100);
        token.mint(alice, 60);
        vm.expectRevert(_restricted(12, address(0), alice2, 41));
        token.mint(alice2, 41);
        token.mint(alice2, 40);
        token.mint(bob, 100);
        vm.expectRevert(_restricted(12, bob, alice, 1));
        vm.prank(bob);
        token.transfer(alice, 1);
        // lowering the cap below a holding blocks further credits, even of zero, to that investor
        token.setRules(RULE_MAX_BALANCE, 0, 0, 50);
        assertEq(token.detectTransferRestriction(bob, alice, 1), 12, "above cap");
        assertEq(token.detectTransferRestriction(bob, alice, 0), 0, "zero value passes");
    }

    function test_hook_consultedOnlyWhenSet() public {
        TokenComplianceHookMock hook = new TokenComplianceHookMock();
        token.mint(alice, 10);
        token.setComplianceHook(address(hook));
        assertEq(token.complianceHook(), address(hook), "hook");
        hook.setBlocked(bob, true);
        vm.expectRevert(_restricted(13, alice, bob, 1));
        vm.prank(alice);
        token.transfer(bob, 1);
        vm.expectRevert(_restricted(13, address(0), bob, 1));
        token.mint(bob, 1);
        token.forcedTransfer(alice, bob, 1); // forced transfers do not consult the hook
        // setRules keeps the hook bit
        token.setRules(RULE_LOCKUP, 0, 0, 0);
        assertEq(token.compliance().rules, RULE_LOCKUP | 64, "hook bit kept");
        token.setComplianceHook(address(0));
        vm.prank(alice);
        token.transfer(bob, 1);
        assertEq(token.balanceOf(bob), 2, "no hook");
    }

    function test_setRules_revertsOnUnknownBits() public {
        vm.expectRevert(abi.encodeWithSelector(ISecurityToken.SecurityTokenInvalidRules.selector, uint8(64)));
        token.setRules(64, 0, 0, 0);
    }

    function test_transferFrom_requiresAnAllowedSpender() public {
        token.mint(alice, 10);
        vm.prank(alice);
        token.approve(stranger, 5);
        vm.expectRevert(_restricted(14, alice, bob, 1));
        vm.prank(stranger);
        token.transferFrom(alice, bob, 1);
        assertEq(token.detectTransferFromRestriction(stranger, alice, bob, 1), 14, "code 14");
        vm.prank(alice);
        token.approve(carol, 5);
        vm.prank(carol);
        token.transferFrom(alice, bob, 5);
        assertEq(token.balanceOf(bob), 5, "moved");
        assertEq(token.detectTransferFromRestriction(alice, alice, bob, 1), 0, "owner as spender");
        token.setAddressFrozen(carol, true);
        assertEq(token.detectTransferFromRestriction(carol, alice, bob, 1), 14, "frozen spender");
    }

    // ===== AGENT OPERATIONS =====

    function test_forcedTransfer_bypassesSenderRulesAndUnfreezes() public {
        token.setRules(RULE_LOCKUP, 0, 0, 0);
        token.mint(alice, 100);
        token.extendLockup(alice, START + 100 days);
        token.setFrozenTokens(alice, 80);
        token.setAddressFrozen(alice, true);
        token.pause();
        vm.expectEmit(address(token));
        emit IERC7943Fungible.Frozen(alice, 30);
        vm.expectEmit(address(token));
        emit IERC7943Fungible.ForcedTransfer(alice, bob, 70);
        token.forcedTransfer(alice, bob, 70);
        assertEq(token.balanceOf(bob), 70, "bob");
        assertEq(token.getFrozenTokens(alice), 30, "frozen shrank");
    }

    function test_forcedTransfer_requiresVerifiedReceiver() public {
        token.mint(alice, 10);
        vm.expectRevert(_restricted(4, alice, stranger, 1));
        token.forcedTransfer(alice, stranger, 1);
    }

    function test_burn_releasesFrozenAndCounts() public {
        token.mint(alice, 100);
        token.setFrozenTokens(alice, 100);
        token.burn(alice, 40);
        assertEq(token.getFrozenTokens(alice), 60, "frozen follows");
        token.burn(alice, 60);
        assertEq(token.compliance().investorCount, 0, "no investor left");
        assertEq(token.totalSupply(), 0, "supply");
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 0, 1));
        token.burn(alice, 1);
    }

    function test_forcedTransfer_aboveBalanceKeepsFrozenAndReverts() public {
        token.mint(alice, 10);
        token.setFrozenTokens(alice, 5);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 10, 11));
        token.forcedTransfer(alice, bob, 11);
        assertEq(token.getFrozenTokens(alice), 5, "frozen untouched");
    }

    function test_recoverWallet_movesEverythingToNewWallet() public {
        token.setRules(RULE_LOCKUP, 0, 0, 0);
        token.mint(alice, 100);
        token.setFrozenTokens(alice, 25);
        token.setAddressFrozen(alice, true);
        token.extendLockup(alice, START + 50 days);
        vm.expectEmit(address(token));
        emit ISecurityToken.WalletRecovered(alice, alice2, _keyOf(alice), 100, 25, true);
        token.recoverWallet(alice, alice2);
        assertEq(token.balanceOf(alice2), 100, "balance moved");
        assertEq(token.getFrozenTokens(alice2), 25, "frozen moved");
        assertEq(token.getFrozenTokens(alice), 0, "old cleared");
        assertTrue(token.isFrozen(alice2), "address freeze moved");
        assertTrue(token.isFrozen(alice), "lost wallet stays frozen");
        assertEq(token.lockupOf(alice2), START + 50 days, "lock-up is the investor's");
        assertEq(token.walletSuccessor(alice), alice2, "successor");
        assertEq(token.compliance().investorCount, 1, "count");
    }

    function test_recoverWallet_freezesAnUnfrozenLostWallet() public {
        token.mint(alice, 10);
        token.recoverWallet(alice, alice2);
        assertTrue(token.isFrozen(alice), "lost wallet frozen");
        assertFalse(token.isFrozen(alice2), "new wallet free");
        vm.prank(alice2);
        token.transfer(bob, 10);
    }

    function test_recoverWallet_revertsOnMismatch() public {
        vm.expectRevert(abi.encodeWithSelector(ISecurityToken.SecurityTokenRecoveryMismatch.selector, alice, bob));
        token.recoverWallet(alice, bob);
        vm.expectRevert(abi.encodeWithSelector(ISecurityToken.SecurityTokenRecoveryMismatch.selector, alice, alice));
        token.recoverWallet(alice, alice);
        vm.expectRevert(abi.encodeWithSelector(ISecurityToken.SecurityTokenRecoveryMismatch.selector, stranger, alice));
        token.recoverWallet(stranger, alice);
        token.mint(alice, 5);
        registry.revokeInvestor(ALICE);
        vm.expectRevert(_restricted(4, alice, alice2, 5));
        token.recoverWallet(alice, alice2);
    }

    function test_batchOperations() public {
        address[] memory to = new address[](3);
        to[0] = alice;
        to[1] = bob;
        to[2] = carol;
        uint256[] memory amounts = new uint256[](3);
        amounts[0] = 30;
        amounts[1] = 20;
        amounts[2] = 10;
        token.batchMint(to, amounts);
        assertEq(token.totalSupply(), 60, "minted");
        to[0] = dave;
        amounts[0] = 15;
        amounts[1] = 10;
        amounts[2] = 5;
        vm.prank(alice);
        token.batchTransfer(to, amounts);
        assertEq(token.balanceOf(dave), 15, "dave");
        assertEq(token.balanceOf(bob), 30, "bob");
        assertEq(token.balanceOf(alice), 0, "alice spent");
        bool[] memory flags = new bool[](3);
        flags[0] = true;
        flags[2] = true;
        token.batchSetAddressFrozen(to, flags);
        assertTrue(token.isFrozen(dave) && !token.isFrozen(bob) && token.isFrozen(carol), "flags");

        uint256[] memory short = new uint256[](2);
        vm.expectRevert(abi.encodeWithSelector(ISecurityToken.SecurityTokenArrayLengthMismatch.selector, 3, 2));
        token.batchMint(to, short);
        vm.expectRevert(abi.encodeWithSelector(ISecurityToken.SecurityTokenArrayLengthMismatch.selector, 3, 2));
        token.batchTransfer(to, short);
        vm.expectRevert(abi.encodeWithSelector(ISecurityToken.SecurityTokenArrayLengthMismatch.selector, 3, 1));
        token.batchSetAddressFrozen(to, new bool[](1));
    }

    // ===== IDENTITY =====

    function test_onIdentityUpdated_onlyFromRegistry() public {
        vm.expectRevert(
            abi.encodeWithSelector(ISecurityToken.SecurityTokenUnauthorizedRegistry.selector, address(this))
        );
        token.onIdentityUpdated(stranger, 1, KOREA, EXPIRY, 0);
    }

    function test_removeWallet_refusedWhileHoldingBalance() public {
        token.mint(alice2, 5);
        vm.expectRevert(abi.encodeWithSelector(ISecurityToken.SecurityTokenWalletHoldsBalance.selector, alice2, 5));
        registry.removeWallet(alice2);
        token.burn(alice2, 5);
        registry.removeWallet(alice2);
        assertFalse(token.canReceive(alice2), "unlinked");
        vm.expectRevert(_restricted(4, address(0), alice2, 1));
        token.mint(alice2, 1);
    }

    function test_syncIdentity_copiesProfilesForLateBoundTokens() public {
        registry.setTokenBinding(address(token), false);
        address erin = makeAddr("erin");
        registry.registerInvestor(InvestorId.wrap(keccak256("erin")), KOREA, EXPIRY, 0, erin);
        assertFalse(token.canReceive(erin), "not pushed");
        address[] memory wallets = new address[](1);
        wallets[0] = erin;
        token.syncIdentity(wallets);
        assertTrue(token.canReceive(erin), "synced");
        token.mint(erin, 1);
    }

    // ===== RECORD DATES =====

    function test_recordDates_keepBalancesAsOfEachDate() public {
        token.mint(alice, 100);
        uint48 r1 = uint48(START + 10);
        uint48 r2 = uint48(START + 20);
        uint48 r3 = uint48(START + 30);
        token.scheduleRecordDate(r1);
        token.scheduleRecordDate(r2);
        token.scheduleRecordDate(r3);
        vm.warp(r1); // transfers during the record date itself count for it
        vm.prank(alice);
        token.transfer(bob, 10);
        vm.warp(r2 + 5); // r1 and r2 pass without further changes
        vm.prank(bob);
        token.transfer(bob, 10); // a self-transfer records bob once
        vm.prank(alice);
        token.transfer(bob, 20);
        token.mint(carol, 7);
        vm.warp(r3 + 1);
        assertEq(token.balanceOfAt(alice, r1), 90, "alice r1");
        assertEq(token.balanceOfAt(alice, r2), 90, "alice r2");
        assertEq(token.balanceOfAt(alice, r3), 70, "alice r3");
        assertEq(token.balanceOfAt(bob, r1), 10, "bob r1");
        assertEq(token.balanceOfAt(bob, r3), 30, "bob r3");
        assertEq(token.balanceOfAt(carol, r2), 0, "carol before holding");
        assertEq(token.balanceOfAt(carol, r3), 7, "carol r3");
        assertEq(token.totalSupplyAt(r1), 100, "supply r1");
        assertEq(token.totalSupplyAt(r3), 107, "supply r3");
        assertEq(token.recordDates().length, 3, "dates");
    }

    function test_recordDates_lookupsRevertOutsideRecordDates() public {
        uint48 r1 = uint48(START + 10);
        token.scheduleRecordDate(r1);
        vm.expectRevert(
            abi.encodeWithSelector(ISecurityToken.SecurityTokenFutureLookup.selector, uint256(r1), uint48(START))
        );
        token.balanceOfAt(alice, r1);
        vm.warp(r1 + 1);
        vm.expectRevert(abi.encodeWithSelector(ISecurityToken.SecurityTokenUnknownRecordDate.selector, r1 - 1));
        token.totalSupplyAt(r1 - 1);
        assertEq(token.totalSupplyAt(r1), 0, "empty");
    }

    function test_scheduleRecordDate_rules() public {
        vm.expectRevert(
            abi.encodeWithSelector(ISecurityToken.SecurityTokenInvalidRecordDate.selector, uint48(START), uint48(START))
        );
        token.scheduleRecordDate(uint48(START));
        token.scheduleRecordDate(uint48(START + 10));
        vm.expectRevert(
            abi.encodeWithSelector(
                ISecurityToken.SecurityTokenInvalidRecordDate.selector,
                uint48(START + 5),
                uint48(START + 10)
            )
        );
        token.scheduleRecordDate(uint48(START + 5));
        token.scheduleRecordDate(uint48(START + 20));
        vm.expectRevert(
            abi.encodeWithSelector(ISecurityToken.SecurityTokenRecordDateNotCancellable.selector, uint48(START + 10))
        );
        token.cancelRecordDate(uint48(START + 10));
        token.cancelRecordDate(uint48(START + 20));
        token.cancelRecordDate(uint48(START + 10));
        assertEq(token.compliance().nextRecordDate, 0, "none pending");
        vm.expectRevert(
            abi.encodeWithSelector(ISecurityToken.SecurityTokenRecordDateNotCancellable.selector, uint48(START + 10))
        );
        token.cancelRecordDate(uint48(START + 10));
        token.scheduleRecordDate(uint48(START + 10));
        vm.warp(START + 11);
        vm.expectRevert(
            abi.encodeWithSelector(ISecurityToken.SecurityTokenRecordDateNotCancellable.selector, uint48(START + 10))
        );
        token.cancelRecordDate(uint48(START + 10));
    }

    // ===== VIEWS =====

    function test_views_interfacesAndMessages() public view {
        assertEq(type(IERC7943Fungible).interfaceId, bytes4(0x3edbb4c4), "ERC-7943 fungible id");
        assertTrue(token.supportsInterface(0x3edbb4c4), "7943");
        assertTrue(token.supportsInterface(type(IAccessControl).interfaceId), "access control");
        assertFalse(token.supportsInterface(0xffffffff), "none");
        assertEq(keccak256(bytes(token.CLOCK_MODE())), keccak256("mode=timestamp"), "clock mode");
        assertEq(token.clock(), START, "clock");
        assertEq(token.identityRegistry(), address(registry), "registry");
        assertEq(keccak256(bytes(token.messageForTransferRestriction(0))), keccak256("No restriction"), "0");
        assertEq(
            keccak256(bytes(token.messageForTransferRestriction(7))),
            keccak256("Amount exceeds unfrozen balance"),
            "7"
        );
        assertEq(keccak256(bytes(token.messageForTransferRestriction(14))), keccak256("Spender not allowed"), "14");
        assertEq(
            keccak256(bytes(token.messageForTransferRestriction(200))),
            keccak256("Unknown restriction code"),
            "?"
        );
    }

    function test_canReceive_reflectsReceiverRules() public {
        assertTrue(token.canReceive(alice), "alice");
        assertFalse(token.canReceive(stranger), "stranger");
        token.setAddressFrozen(alice, true);
        assertFalse(token.canReceive(alice), "frozen");
        assertTrue(token.canSend(bob), "bob sends");
    }

    // ===== FUZZ =====

    /// @dev Whatever the parties and amounts, the view and the transfer agree: code 0 iff the transfer succeeds.
    function testFuzz_transfer_agreesWithDetect(uint8 fromSeed, uint8 toSeed, uint256 amount, uint8 rules) public {
        address[6] memory actors = [alice, alice2, bob, carol, dave, stranger];
        token.mint(alice, 500);
        token.mint(bob, 300);
        token.setFrozenTokens(bob, 100);
        token.setRules(rules & 63, ACCREDITED, 2, 600);
        token.setCountries(_countries(JAPAN), false, true);
        token.setCountries(_countries(KOREA), true, true);
        token.extendLockup(dave, START + 1 days);
        address from = actors[fromSeed % 6];
        address to = actors[toSeed % 6];
        amount = bound(amount, 0, 600);
        uint8 code = token.detectTransferRestriction(from, to, amount);
        bool enough = amount <= token.balanceOf(from);
        assertEq(token.canTransfer(from, to, amount), code == 0, "canTransfer is code 0");
        vm.prank(from);
        (bool ok, ) = address(token).call(abi.encodeCall(token.transfer, (to, amount)));
        assertEq(ok, code == 0 && enough, "view and transfer agree");
    }

    function testFuzz_maxBalance_neverExceeded(uint256 a, uint256 b, uint96 cap) public {
        cap = uint96(bound(cap, 1, 1e30));
        token.setRules(RULE_MAX_BALANCE, 0, 0, cap);
        a = bound(a, 0, 2e30);
        b = bound(b, 0, 2e30);
        (bool okA, ) = address(token).call(abi.encodeCall(token.mint, (alice, a)));
        (bool okB, ) = address(token).call(abi.encodeCall(token.mint, (alice2, b)));
        assertEq(okA, a <= cap, "first mint");
        assertLe(token.investorBalance(_keyOf(alice)), cap, "cap holds");
        if (okA) assertEq(okB, a + b <= cap, "second mint");
    }
}
