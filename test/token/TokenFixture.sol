// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {InvestorId} from "../../contracts/interfaces/IIdentityRegistry.sol";
import {ISecurityToken} from "../../contracts/interfaces/ISecurityToken.sol";
import {IdentityRegistry} from "../../contracts/token/IdentityRegistry.sol";
import {SecurityToken} from "../../contracts/token/SecurityToken.sol";
import {Test} from "../utils/Test.sol";

/// @dev Shared setup: a registry bound to one token, this contract holding every role, four investors
/// (alice with two wallets, bob, carol, dave) with valid KYC, and a start time well after zero.
abstract contract TokenFixture is Test {
    uint40 internal constant START = 1_700_000_000;
    uint40 internal constant EXPIRY = START + 365 days;
    uint16 internal constant KOREA = 410;
    uint16 internal constant USA = 840;
    uint16 internal constant JAPAN = 392;
    uint8 internal constant ACCREDITED = 1;
    uint8 internal constant PROFESSIONAL = 2;

    IdentityRegistry internal registry;
    SecurityToken internal token;

    address internal alice;
    address internal alice2;
    address internal bob;
    address internal carol;
    address internal dave;
    address internal stranger;

    InvestorId internal constant ALICE = InvestorId.wrap(keccak256("alice"));
    InvestorId internal constant BOB = InvestorId.wrap(keccak256("bob"));
    InvestorId internal constant CAROL = InvestorId.wrap(keccak256("carol"));
    InvestorId internal constant DAVE = InvestorId.wrap(keccak256("dave"));

    function setUp() public virtual {
        vm.warp(START);
        alice = makeAddr("alice");
        alice2 = makeAddr("alice2");
        bob = makeAddr("bob");
        carol = makeAddr("carol");
        dave = makeAddr("dave");
        stranger = makeAddr("stranger");

        registry = new IdentityRegistry(0, address(this));
        token = new SecurityToken("Stokit Revenue Right", "SRR", address(registry), 0, address(this));
        registry.grantRole(registry.KYC_AGENT_ROLE(), address(this));
        registry.setTokenBinding(address(token), true);
        token.grantRole(token.AGENT_ROLE(), address(this));
        token.grantRole(token.COMPLIANCE_ROLE(), address(this));
        token.grantRole(token.PAUSER_ROLE(), address(this));
        token.grantRole(token.LOCKUP_ROLE(), address(this));
        token.grantRole(token.RECORD_DATE_ROLE(), address(this));

        registry.registerInvestor(ALICE, KOREA, EXPIRY, ACCREDITED, alice);
        registry.addWallet(ALICE, alice2);
        registry.registerInvestor(BOB, USA, EXPIRY, ACCREDITED | PROFESSIONAL, bob);
        registry.registerInvestor(CAROL, JAPAN, EXPIRY, 0, carol);
        registry.registerInvestor(DAVE, KOREA, EXPIRY, ACCREDITED, dave);
    }

    function _restricted(uint8 code, address from, address to, uint256 value) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(ISecurityToken.SecurityTokenRestricted.selector, code, from, to, value);
    }

    function _keyOf(address wallet) internal view returns (uint40 key) {
        (key, , , ) = registry.profileOf(wallet);
    }

    function _countries(uint16 a) internal pure returns (uint16[] memory list) {
        list = new uint16[](1);
        list[0] = a;
    }
}
