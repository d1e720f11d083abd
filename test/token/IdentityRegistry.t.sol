// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

import {IIdentityRegistry, InvestorId} from "../../contracts/interfaces/IIdentityRegistry.sol";
import {TokenPlainERC20} from "../../contracts/mocks/TokenPlainERC20.sol";
import {IdentityRegistry} from "../../contracts/token/IdentityRegistry.sol";
import {SecurityToken} from "../../contracts/token/SecurityToken.sol";
import {TokenFixture} from "./TokenFixture.sol";

contract IdentityRegistryTest is TokenFixture {
    address internal provider;
    uint256 internal providerKey;
    address internal erin;
    InvestorId internal constant ERIN = InvestorId.wrap(keccak256("erin"));

    function setUp() public override {
        super.setUp();
        (provider, providerKey) = makeAddrAndKey("provider");
        erin = makeAddr("erin");
        registry.setTrustedProvider(provider, true);
    }

    function _attestation(uint256 nonce) internal view returns (IIdentityRegistry.KycAttestation memory a) {
        a = IIdentityRegistry.KycAttestation({
            investorId: ERIN,
            wallet: erin,
            country: JAPAN,
            kycExpiry: EXPIRY,
            classFlags: PROFESSIONAL,
            issuedAt: START,
            nonce: nonce,
            deadline: START + 1 hours
        });
    }

    function _sign(uint256 key, IIdentityRegistry.KycAttestation memory a) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, registry.attestationDigest(a));
        return abi.encodePacked(r, s, v);
    }

    // ===== AGENT REGISTRATION =====

    function test_registerInvestor_storesAndPushes() public view {
        IIdentityRegistry.Investor memory inv = registry.investor(ALICE);
        assertEq(inv.country, KOREA, "country");
        assertEq(inv.kycExpiry, EXPIRY, "expiry");
        assertEq(inv.walletCount, 2, "wallets");
        assertEq(inv.key, 1, "first key");
        assertEq(InvestorId.unwrap(registry.investorOf(alice2)), InvestorId.unwrap(ALICE), "link");
        assertEq(registry.walletsOf(ALICE).length, 2, "wallet list");
        assertTrue(registry.isVerified(alice), "verified");
        assertFalse(registry.isVerified(stranger), "stranger");
        assertTrue(token.canReceive(alice2), "pushed to the token");
    }

    function test_registerInvestor_updatesAndKeepsKey() public {
        vm.expectEmit(address(registry));
        emit IIdentityRegistry.InvestorUpdated(ALICE, 1, USA, EXPIRY + 1, PROFESSIONAL, false, address(this));
        registry.registerInvestor(ALICE, USA, EXPIRY + 1, PROFESSIONAL, alice); // alice already linked: no-op link
        (uint40 key, uint16 country, uint40 expiry, uint8 classFlags) = registry.profileOf(alice2);
        assertEq(key, 1, "key kept");
        assertEq(country, USA, "country");
        assertEq(expiry, EXPIRY + 1, "expiry");
        assertEq(classFlags, PROFESSIONAL, "class");
    }

    function test_registerInvestor_validatesInput() public {
        vm.expectRevert(IIdentityRegistry.IdentityRegistryInvalidInvestorId.selector);
        registry.registerInvestor(InvestorId.wrap(0), KOREA, EXPIRY, 0, erin);
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryInvalidCountry.selector, uint16(0)));
        registry.registerInvestor(ERIN, 0, EXPIRY, 0, erin);
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryInvalidCountry.selector, uint16(1000))
        );
        registry.registerInvestor(ERIN, 1000, EXPIRY, 0, erin);
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryWalletAlreadyLinked.selector, bob, BOB)
        );
        registry.registerInvestor(ERIN, KOREA, EXPIRY, 0, bob);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                stranger,
                registry.KYC_AGENT_ROLE()
            )
        );
        vm.prank(stranger);
        registry.registerInvestor(ERIN, KOREA, EXPIRY, 0, erin);
    }

    function test_addWallet_limitsAndErrors() public {
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryUnknownInvestor.selector, ERIN));
        registry.addWallet(ERIN, erin);
        vm.expectRevert(IIdentityRegistry.IdentityRegistryZeroAddress.selector);
        registry.addWallet(ALICE, address(0));
        for (uint256 i = 2; i < 8; ++i) {
            registry.addWallet(ALICE, address(uint160(0x1000 + i)));
        }
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryTooManyWallets.selector, ALICE, 8));
        registry.addWallet(ALICE, erin);
    }

    function test_removeWallet_unlinksAndPushes() public {
        vm.expectEmit(address(registry));
        emit IIdentityRegistry.WalletUnlinked(alice, ALICE, 1, 1);
        registry.removeWallet(alice);
        assertTrue(registry.investorOf(alice).isZero(), "unlinked");
        assertEq(registry.walletsOf(ALICE).length, 1, "one left");
        assertEq(registry.walletsOf(ALICE)[0], alice2, "alice2 left");
        assertFalse(token.canReceive(alice), "token knows");
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryWalletNotLinked.selector, alice));
        registry.removeWallet(alice);
        (uint40 key, , , ) = registry.profileOf(alice);
        assertEq(key, 0, "no profile");
    }

    function test_revokeInvestor_blocksAllWallets() public {
        registry.revokeInvestor(ALICE);
        assertFalse(registry.isVerified(alice) || registry.isVerified(alice2), "revoked");
        assertTrue(registry.investor(ALICE).revoked, "flag");
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryUnknownInvestor.selector, ERIN));
        registry.revokeInvestor(ERIN);
        registry.registerInvestor(ALICE, KOREA, EXPIRY, ACCREDITED, address(0)); // an agent reinstates
        assertTrue(registry.isVerified(alice2), "reinstated");
    }

    function test_isVerified_falseOnceExpired() public {
        vm.warp(EXPIRY - 1);
        assertTrue(registry.isVerified(bob), "before");
        vm.warp(EXPIRY);
        assertFalse(registry.isVerified(bob), "at expiry");
    }

    // ===== ATTESTATIONS =====

    function test_registerWithAttestation_onboardsWithoutAnAgent() public {
        IIdentityRegistry.KycAttestation memory a = _attestation(7);
        bytes memory sig = _sign(providerKey, a);
        vm.expectEmit(address(registry));
        emit IIdentityRegistry.AttestationUsed(provider, 7, ERIN, erin, START);
        vm.prank(stranger);
        registry.registerWithAttestation(a, sig);
        assertTrue(registry.isVerified(erin), "verified");
        assertTrue(registry.isNonceUsed(provider, 7), "nonce used");
        assertTrue(token.canReceive(erin), "token can credit");
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryNonceUsed.selector, provider, 7));
        registry.registerWithAttestation(a, sig);
    }

    function test_registerWithAttestation_rejectsBadAttestations() public {
        IIdentityRegistry.KycAttestation memory a = _attestation(1);
        (address rogue, uint256 rogueKey) = makeAddrAndKey("rogue");
        bytes memory rogueSig = _sign(rogueKey, a);
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryUntrustedProvider.selector, rogue));
        registry.registerWithAttestation(a, rogueSig);

        bytes memory sig = _sign(providerKey, a);
        vm.warp(a.deadline + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IIdentityRegistry.IdentityRegistryAttestationExpired.selector,
                a.deadline,
                a.deadline + 1
            )
        );
        registry.registerWithAttestation(a, sig);
        vm.warp(START);

        // a changed field invalidates the signature (recovers another signer)
        a.classFlags = 3;
        vm.expectPartialRevert(IIdentityRegistry.IdentityRegistryUntrustedProvider.selector);
        registry.registerWithAttestation(a, sig);

        // replay on another registry (another EIP-712 domain) fails
        IdentityRegistry other = new IdentityRegistry(0, address(this));
        other.setTrustedProvider(provider, true);
        a.classFlags = PROFESSIONAL;
        vm.expectPartialRevert(IIdentityRegistry.IdentityRegistryUntrustedProvider.selector);
        other.registerWithAttestation(a, sig);

        // cancelled nonces and distrusted providers
        vm.prank(provider);
        registry.cancelAttestation(1);
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryNonceUsed.selector, provider, 1));
        registry.registerWithAttestation(a, sig);
        IIdentityRegistry.KycAttestation memory b = _attestation(2);
        registry.setTrustedProvider(provider, false);
        assertFalse(registry.isTrustedProvider(provider), "distrusted");
        bytes memory sigB = _sign(providerKey, b);
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryUntrustedProvider.selector, provider));
        registry.registerWithAttestation(b, sigB);
    }

    function test_registerWithAttestation_cannotReinstateRevoked() public {
        IIdentityRegistry.KycAttestation memory a = _attestation(3);
        a.investorId = BOB;
        a.wallet = address(0);
        bytes memory sig = _sign(providerKey, a);
        registry.revokeInvestor(BOB);
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryInvestorRevoked.selector, BOB));
        registry.registerWithAttestation(a, sig);
    }

    function test_cancelAttestation_twiceReverts() public {
        vm.startPrank(provider);
        registry.cancelAttestation(300);
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryNonceUsed.selector, provider, 300));
        registry.cancelAttestation(300);
        vm.stopPrank();
        assertFalse(registry.isNonceUsed(provider, 301), "neighbour unused");
    }

    function test_domainSeparator_boundToChainAndRegistry() public {
        bytes32 expected = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("stokit IdentityRegistry"),
                keccak256("1"),
                block.chainid,
                address(registry)
            )
        );
        assertEq(registry.DOMAIN_SEPARATOR(), expected, "domain");
        assertEq(
            registry.ATTESTATION_TYPEHASH(),
            keccak256(
                "KycAttestation(bytes32 investorId,address wallet,uint16 country,uint40 kycExpiry,uint8 classFlags,"
                "uint40 issuedAt,uint256 nonce,uint256 deadline)"
            ),
            "typehash"
        );
        vm.chainId(999);
        assertTrue(registry.DOMAIN_SEPARATOR() != expected, "rebuilt on another chain");
    }

    // ===== ADMIN =====

    function test_setTrustedProvider_rejectsZero() public {
        vm.expectRevert(IIdentityRegistry.IdentityRegistryZeroAddress.selector);
        registry.setTrustedProvider(address(0), true);
    }

    function test_setTokenBinding_rules() public {
        vm.expectRevert(IIdentityRegistry.IdentityRegistryZeroAddress.selector);
        registry.setTokenBinding(address(0), true);
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryTokenBinding.selector, address(token), true)
        );
        registry.setTokenBinding(address(token), true);
        for (uint256 i = 1; i < 16; ++i) {
            registry.setTokenBinding(address(new TokenPlainERC20()), true);
        }
        address extra = address(new TokenPlainERC20());
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryTooManyTokens.selector, 16));
        registry.setTokenBinding(extra, true);
        registry.setTokenBinding(address(token), false);
        assertEq(registry.boundTokens().length, 15, "unbound");
        assertEq(registry.detachedTokens().length, 1, "detached");
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryTokenBinding.selector, address(token), false)
        );
        registry.setTokenBinding(address(token), false);
        // a detached token still counts against the limit: unbinding does not make room for another token
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryTooManyTokens.selector, 16));
        registry.setTokenBinding(extra, true);
        registry.setTokenBinding(address(token), true);
        assertEq(registry.boundTokens().length, 16, "rebound");
        assertEq(registry.detachedTokens().length, 0, "none detached");
    }

    function test_oneRegistry_servesSeveralTokens() public {
        SecurityToken second = new SecurityToken("Second", "SEC", address(registry), 0, address(this));
        registry.setTokenBinding(address(second), true);
        second.grantRole(second.AGENT_ROLE(), address(this));
        registry.registerInvestor(ERIN, JAPAN, EXPIRY, 0, erin);
        second.mint(erin, 5);
        token.mint(erin, 7);
        registry.revokeInvestor(ERIN);
        assertFalse(second.canReceive(erin) || token.canReceive(erin), "both tokens see the revocation");
    }

    function testFuzz_nonces_anyOrderOnce(uint256 n1, uint256 n2) public {
        vm.assume(n1 != n2);
        vm.startPrank(provider);
        registry.cancelAttestation(n2);
        registry.cancelAttestation(n1);
        vm.stopPrank();
        assertTrue(registry.isNonceUsed(provider, n1) && registry.isNonceUsed(provider, n2), "both used");
    }
}
