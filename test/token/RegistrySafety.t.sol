// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IIdentityRegistry, InvestorId} from "../../contracts/interfaces/IIdentityRegistry.sol";
import {ISecurityToken} from "../../contracts/interfaces/ISecurityToken.sol";
import {SecurityToken} from "../../contracts/token/SecurityToken.sol";
import {TokenFixture} from "./TokenFixture.sol";

/// @dev Issue 14, through the real token and registry. Case 5: an attestation older than the investor's current
/// decision (by the provider or by a KYC agent) is refused, and revocation holds. Case 10: a wallet holding tokens
/// never changes investor, whether or not its token is bound at that moment; pushes a detached token missed are
/// replayed when it is bound again.
contract RegistrySafetyTest is TokenFixture {
    uint256 internal constant T1 = START + 1 days;
    uint256 internal constant T2 = START + 2 days;

    address internal provider;
    uint256 internal providerKey;
    uint256 internal nextNonce = 1;

    function setUp() public override {
        super.setUp();
        (provider, providerKey) = makeAddrAndKey("provider");
        registry.setTrustedProvider(provider, true);
    }

    // ===== CASE 5: STALE ATTESTATIONS =====

    function test_registerWithAttestation_refusesOlderThanTheProvidersNewerDecision() public {
        // issued at START: Korea, accredited; issued at T1: USA, not accredited. The newer one is used first.
        (IIdentityRegistry.KycAttestation memory older, bytes memory olderSig) = _attest(BOB, bob, KOREA, ACCREDITED);
        vm.warp(T1);
        (IIdentityRegistry.KycAttestation memory newer, bytes memory newerSig) = _attest(BOB, bob, USA, 0);
        vm.expectEmit(address(registry));
        emit IIdentityRegistry.AttestationUsed(provider, newer.nonce, BOB, bob, uint40(T1));
        registry.registerWithAttestation(newer, newerSig);
        assertEq(registry.investor(BOB).decidedAt, T1, "decided at the newer issue time");

        vm.warp(T2);
        vm.expectRevert(
            abi.encodeWithSelector(
                IIdentityRegistry.IdentityRegistryStaleAttestation.selector,
                BOB,
                uint40(START),
                uint40(T1)
            )
        );
        registry.registerWithAttestation(older, olderSig);
        _assertProfile(bob, USA, 0);
        assertFalse(registry.isNonceUsed(provider, older.nonce), "refused, not spent");

        // the token keeps the newer decision: an accredited-only rule refuses bob
        token.setRules(32, ACCREDITED, 0, 0); // rule 32: investor class
        assertFalse(token.canReceive(bob), "not accredited in the token");
    }

    function test_registerWithAttestation_refusesOlderThanAnAgentDecision() public {
        (IIdentityRegistry.KycAttestation memory older, bytes memory olderSig) = _attest(BOB, bob, KOREA, ACCREDITED);
        vm.warp(T1);
        registry.registerInvestor(BOB, USA, EXPIRY, 0, address(0));
        assertEq(registry.investor(BOB).decidedAt, T1, "agent decision time");
        vm.expectRevert(
            abi.encodeWithSelector(
                IIdentityRegistry.IdentityRegistryStaleAttestation.selector,
                BOB,
                uint40(START),
                uint40(T1)
            )
        );
        registry.registerWithAttestation(older, olderSig);
        _assertProfile(bob, USA, 0);
    }

    function test_registerWithAttestation_revocationHolds() public {
        (IIdentityRegistry.KycAttestation memory older, bytes memory olderSig) = _attest(BOB, bob, USA, ACCREDITED);
        vm.warp(T1);
        registry.revokeInvestor(BOB);
        assertEq(registry.investor(BOB).decidedAt, T1, "revocation time");
        // a newer attestation cannot reinstate either
        (IIdentityRegistry.KycAttestation memory newer, bytes memory newerSig) = _attest(BOB, bob, USA, ACCREDITED);
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryInvestorRevoked.selector, BOB));
        registry.registerWithAttestation(newer, newerSig);
        // an agent reinstates at T2 (not accredited); the attestation issued before stays refused
        vm.warp(T2);
        registry.registerInvestor(BOB, USA, EXPIRY, 0, address(0));
        vm.expectRevert(
            abi.encodeWithSelector(
                IIdentityRegistry.IdentityRegistryStaleAttestation.selector,
                BOB,
                uint40(START),
                uint40(T2)
            )
        );
        registry.registerWithAttestation(older, olderSig);
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryStaleAttestation.selector, BOB, uint40(T1), T2)
        );
        registry.registerWithAttestation(newer, newerSig);
        _assertProfile(bob, USA, 0);
        assertTrue(token.canReceive(bob), "reinstated by the agent");
    }

    function test_registerWithAttestation_refusesAWalletRemovedAfterIssue() public {
        // the provider attested alice2 for alice; a KYC agent then removes alice2 (say, a lost key)
        (IIdentityRegistry.KycAttestation memory a, bytes memory sig) = _attest(ALICE, makeAddr("alice3"), KOREA, 1);
        vm.warp(T1);
        registry.removeWallet(alice2);
        assertEq(registry.investor(ALICE).decidedAt, T1, "removal is a decision");
        vm.expectRevert(
            abi.encodeWithSelector(
                IIdentityRegistry.IdentityRegistryStaleAttestation.selector,
                ALICE,
                uint40(START),
                uint40(T1)
            )
        );
        registry.registerWithAttestation(a, sig);
        vm.warp(T2);
        registry.addWallet(ALICE, alice2);
        assertEq(registry.investor(ALICE).decidedAt, T2, "adding is a decision");
    }

    function test_registerWithAttestation_sameSecondAndNewerAccepted() public {
        InvestorId erinId = InvestorId.wrap(keccak256("erin"));
        address erin = makeAddr("erin");
        address erin2 = makeAddr("erin2");
        vm.warp(T1);
        (IIdentityRegistry.KycAttestation memory a, bytes memory sigA) = _attest(erinId, erin, JAPAN, 0);
        (IIdentityRegistry.KycAttestation memory b, bytes memory sigB) = _attest(erinId, erin2, JAPAN, 0);
        vm.warp(T2);
        registry.registerWithAttestation(b, sigB); // any order within the same issue time
        registry.registerWithAttestation(a, sigA);
        assertEq(registry.walletsOf(erinId).length, 2, "both wallets");
        assertEq(registry.investor(erinId).decidedAt, T1, "issue time, not submission time");
        (IIdentityRegistry.KycAttestation memory c, bytes memory sigC) = _attest(erinId, address(0), JAPAN, 3);
        registry.registerWithAttestation(c, sigC);
        assertEq(registry.investor(erinId).decidedAt, T2, "newer");
        assertTrue(token.canReceive(erin2), "pushed");
    }

    function test_registerWithAttestation_refusesAFutureIssueTime() public {
        vm.warp(T1);
        (IIdentityRegistry.KycAttestation memory a, bytes memory sig) = _attest(BOB, bob, USA, 0);
        vm.warp(T1 - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryAttestationFromFuture.selector, uint40(T1), T1 - 1)
        );
        registry.registerWithAttestation(a, sig);
    }

    // ===== CASE 10: UNBOUND TOKENS =====

    function test_unbound_fundedWalletCannotBeUnlinked() public {
        token.mint(alice2, 5);
        registry.setTokenBinding(address(token), false);
        vm.expectRevert(
            abi.encodeWithSelector(
                IIdentityRegistry.IdentityRegistryWalletHoldsBalance.selector,
                alice2,
                address(token),
                5
            )
        );
        registry.removeWallet(alice2);
        assertTrue(registry.investorOf(alice2).equals(ALICE), "still alice's");
        token.burn(alice2, 5);
        registry.removeWallet(alice2); // empty: may move
        registry.addWallet(BOB, alice2);
    }

    /// @dev The issue's sequence: unbind -> relink -> rebind -> revoke. Funded `alice2` cannot move; the empty `alice`
    /// can, and rebinding replays the move, so revoking either investor reaches exactly its wallets.
    function test_unbindRelinkRebindRevoke() public {
        token.mint(alice2, 5);
        registry.setTokenBinding(address(token), false);
        vm.expectRevert(
            abi.encodeWithSelector(
                IIdentityRegistry.IdentityRegistryWalletHoldsBalance.selector,
                alice2,
                address(token),
                5
            )
        );
        registry.removeWallet(alice2);

        registry.removeWallet(alice);
        registry.addWallet(BOB, alice);
        assertEq(registry.pendingReplay(address(token)), 2, "two missed pushes");

        vm.expectEmit(address(registry));
        emit IIdentityRegistry.TokenBound(address(token), true, 1);
        vm.expectEmit(address(registry));
        emit IIdentityRegistry.MissedPushesReplayed(address(token), 0, 2, 0);
        vm.expectEmit(address(token));
        emit ISecurityToken.IdentityUpdated(alice, _keyOf(bob), USA, EXPIRY, ACCREDITED | PROFESSIONAL);
        registry.setTokenBinding(address(token), true);

        token.mint(alice, 7); // now bob's wallet in the token too
        assertEq(token.investorBalance(_keyOf(bob)), 7, "credited to bob");
        assertEq(token.investorBalance(_keyOf(alice2)), 5, "alice keeps hers");

        registry.revokeInvestor(ALICE);
        assertFalse(token.canSend(alice2), "revoking alice reaches alice2");
        assertTrue(token.canSend(alice), "bob's wallet unaffected");
        registry.revokeInvestor(BOB); // does not revert
        assertFalse(token.canSend(alice), "revoking bob reaches the moved wallet");
        vm.prank(alice);
        vm.expectRevert(_restricted(3, alice, bob, 1));
        token.transfer(bob, 1);
    }

    function test_unbound_changesWhileDetachedAreReplayedOnRebind() public {
        token.mint(alice2, 5);
        registry.setTokenBinding(address(token), false);
        registry.revokeInvestor(ALICE);
        assertTrue(token.canSend(alice2), "detached: not pushed yet");
        registry.setTokenBinding(address(token), true);
        assertFalse(token.canSend(alice2), "the revocation reached the token at rebind");
    }

    function test_unbound_walletFundedAfterItsMoveBlocksLinkAndRebind() public {
        registry.setTokenBinding(address(token), false);
        registry.removeWallet(alice); // empty: allowed
        token.mint(alice, 3); // the detached token still holds alice's old profile
        vm.expectRevert(
            abi.encodeWithSelector(
                IIdentityRegistry.IdentityRegistryWalletHoldsBalance.selector,
                alice,
                address(token),
                3
            )
        );
        registry.addWallet(BOB, alice);
        vm.expectRevert(
            abi.encodeWithSelector(ISecurityToken.SecurityTokenWalletHoldsBalance.selector, alice, uint256(3))
        );
        registry.setTokenBinding(address(token), true);
        // the token's agent moves the balance to the investor's remaining wallet, then the token can be bound
        token.forcedTransfer(alice, alice2, 3);
        registry.setTokenBinding(address(token), true);
        assertFalse(token.canReceive(alice), "unlinked in the token too");
        registry.addWallet(BOB, alice);
        assertTrue(token.canReceive(alice), "bob's now");
    }

    function test_replayMissedPushes_inSteps() public {
        registry.setTokenBinding(address(token), false);
        registry.revokeInvestor(ALICE); // two wallets
        registry.revokeInvestor(BOB);
        assertEq(registry.pendingReplay(address(token)), 3, "three pushes missed");
        vm.expectEmit(address(registry));
        emit IIdentityRegistry.MissedPushesReplayed(address(token), 0, 2, 1);
        assertEq(registry.replayMissedPushes(address(token), 2), 1, "one left");
        assertFalse(token.canReceive(alice) || token.canReceive(alice2), "alice's replayed");
        assertTrue(token.canReceive(bob), "bob's not yet");
        vm.prank(stranger);
        assertEq(registry.replayMissedPushes(address(token), 10), 0, "anyone may replay");
        assertFalse(token.canReceive(bob), "bob's replayed");
        assertEq(registry.pendingReplay(address(token)), 0, "nothing left");
        assertEq(registry.replayMissedPushes(address(token), 10), 0, "idempotent");
        vm.expectEmit(address(registry));
        emit IIdentityRegistry.MissedPushesReplayed(address(token), 3, 3, 0);
        registry.setTokenBinding(address(token), true);

        vm.expectRevert(
            abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryTokenNotDetached.selector, address(token))
        );
        registry.replayMissedPushes(address(token), 1);
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryTokenNotDetached.selector, stranger));
        registry.replayMissedPushes(stranger, 1);
        assertEq(registry.pendingReplay(address(token)), 0, "bound: nothing pending");
    }

    function test_missedPushes_loggedOnlyWhileATokenIsDetached() public {
        registry.registerInvestor(BOB, USA, EXPIRY, 0, address(0)); // nothing detached: no log
        registry.setTokenBinding(address(token), false);
        assertEq(registry.pendingReplay(address(token)), 0, "the log starts at unbinding");
        registry.registerInvestor(CAROL, JAPAN, EXPIRY, 0, address(0));
        assertEq(registry.pendingReplay(address(token)), 1, "carol's wallet");
        registry.setTokenBinding(address(token), true);
        registry.registerInvestor(CAROL, JAPAN, EXPIRY, 1, address(0));
        registry.setTokenBinding(address(token), false);
        assertEq(registry.pendingReplay(address(token)), 0, "nothing after the rebind");
    }

    function test_setTokenBinding_refusesANewTokenWithSupply() public {
        SecurityToken late = new SecurityToken("Late", "LTE", address(registry), 0, address(this));
        late.grantRole(late.AGENT_ROLE(), address(this));
        address[] memory wallets = new address[](1);
        wallets[0] = bob;
        late.syncIdentity(wallets); // copied while unbound: the registry cannot follow what it never knew
        late.mint(bob, 4);
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryTokenHasSupply.selector, address(late), 4)
        );
        registry.setTokenBinding(address(late), true);
        late.burn(bob, 4);
        registry.setTokenBinding(address(late), true);
        assertEq(registry.boundTokens().length, 2, "bound");
    }

    function test_unbound_severalDetachedTokensAllGuard() public {
        SecurityToken second = new SecurityToken("Second", "SEC", address(registry), 0, address(this));
        registry.setTokenBinding(address(second), true);
        second.grantRole(second.AGENT_ROLE(), address(this));
        address[] memory wallets = new address[](2);
        wallets[0] = carol;
        wallets[1] = dave;
        second.syncIdentity(wallets); // bound after registration: copy the profiles
        second.mint(carol, 2);
        registry.setTokenBinding(address(token), false);
        registry.setTokenBinding(address(second), false);
        assertEq(registry.detachedTokens().length, 2, "two detached");
        assertEq(registry.boundTokens().length, 0, "none bound");
        vm.expectRevert(
            abi.encodeWithSelector(
                IIdentityRegistry.IdentityRegistryWalletHoldsBalance.selector,
                carol,
                address(second),
                2
            )
        );
        registry.removeWallet(carol);
        registry.removeWallet(dave);
        registry.setTokenBinding(address(second), true);
        assertEq(registry.detachedTokens().length, 1, "one left detached");
        assertEq(registry.pendingReplay(address(token)), 1, "the first keeps its own cursor");
        assertFalse(second.canReceive(dave), "replayed to the second");
    }

    // ===== HELPERS =====

    function _attest(
        InvestorId investorId,
        address wallet,
        uint16 country,
        uint8 classFlags
    ) internal returns (IIdentityRegistry.KycAttestation memory a, bytes memory sig) {
        a = IIdentityRegistry.KycAttestation({
            investorId: investorId,
            wallet: wallet,
            country: country,
            kycExpiry: EXPIRY,
            classFlags: classFlags,
            issuedAt: uint40(block.timestamp),
            nonce: nextNonce++,
            deadline: START + 30 days
        });
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(providerKey, registry.attestationDigest(a));
        sig = abi.encodePacked(r, s, v);
    }

    function _assertProfile(address wallet, uint16 country, uint8 classFlags) internal view {
        (, uint16 c, , uint8 f) = registry.profileOf(wallet);
        assertEq(c, country, "country");
        assertEq(f, classFlags, "class flags");
    }
}
