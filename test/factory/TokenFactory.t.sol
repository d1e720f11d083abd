// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Errors} from "@openzeppelin/contracts/utils/Errors.sol";

import {InitcodeChunk} from "../../contracts/factory/InitcodeChunk.sol";
import {ISSUANCE_ADMIN_ROLE, IpSecurityToken} from "../../contracts/factory/IpSecurityToken.sol";
import {TokenFactory} from "../../contracts/factory/TokenFactory.sol";
import {IInitcodeStore} from "../../contracts/interfaces/IInitcodeStore.sol";
import {ISecurityToken} from "../../contracts/interfaces/ISecurityToken.sol";
import {ITokenFactory} from "../../contracts/interfaces/ITokenFactory.sol";
import {IdentityRegistry} from "../../contracts/token/IdentityRegistry.sol";
import {SecurityToken} from "../../contracts/token/SecurityToken.sol";
import {InvestorId} from "../../contracts/interfaces/IIdentityRegistry.sol";
import {FactoryFixture} from "./FactoryFixture.sol";

contract TokenFactoryTest is FactoryFixture {
    bytes32 internal constant IP = keccak256("webtoon:moonlit");

    function _create(bytes32 ipId) internal returns (IpSecurityToken) {
        return IpSecurityToken(tokenFactory.createToken(_params(ipId)));
    }

    // ===== createToken =====

    function test_createToken_addressMatchesPrediction() public {
        address predicted = tokenFactory.predictTokenAddress(_params(IP));
        assertEq(predicted.code.length, 0, "nothing there before");
        address token = tokenFactory.createToken(_params(IP));
        assertEq(token, predicted, "created at the predicted address");
        assertTrue(token.code.length > 0, "code deployed");
    }

    function test_predictTokenAddress_isCreate2OfIpIdAndArgs() public view {
        ITokenFactory.TokenParams memory p = _params(IP);
        bytes memory initcode = abi.encodePacked(
            type(IpSecurityToken).creationCode,
            abi.encode(p.name, p.symbol, p.roles)
        );
        bytes32 digest = keccak256(abi.encodePacked(bytes1(0xff), address(tokenFactory), IP, keccak256(initcode)));
        assertEq(tokenFactory.predictTokenAddress(p), address(uint160(uint256(digest))), "CREATE2 formula");
        p.uri = "https://elsewhere";
        assertEq(tokenFactory.predictTokenAddress(p), address(uint160(uint256(digest))), "the URI does not count");
    }

    function test_createToken_bindsToTheRegistryAndRecords() public {
        address token = address(_create(IP));
        address[] memory bound = registry.boundTokens();
        assertEq(bound.length, 1, "one bound token");
        assertEq(bound[0], token, "the new token is bound");
        assertEq(tokenFactory.tokenOf(IP), token, "tokenOf");
        assertEq(tokenFactory.ipIdOf(token), IP, "ipIdOf");
        assertEq(tokenFactory.ipIdOf(stranger), bytes32(0), "ipIdOf of another address");
        assertEq(tokenFactory.tokenCount(), 1, "tokenCount");
        address second = address(_create(keccak256("character:hana")));
        address[] memory all = tokenFactory.tokens(0, 10);
        assertEq(all.length, 2, "two tokens listed");
        assertEq(all[0], token, "first in creation order");
        assertEq(all[1], second, "second in creation order");
        address[] memory page = tokenFactory.tokens(1, 1);
        assertEq(page.length, 1, "page of one");
        assertEq(page[0], second, "page from index 1");
        assertEq(tokenFactory.tokens(0, 1).length, 1, "limit applies");
        assertEq(tokenFactory.tokens(5, 3).length, 0, "start past the end");
    }

    function test_createToken_wiresTheSharedParts() public {
        IpSecurityToken token = _create(IP);
        assertEq(token.identityRegistry(), address(registry), "shared registry");
        assertEq(tokenFactory.identityRegistry(), address(registry), "factory registry");
        assertEq(tokenFactory.distributor(), address(distributor), "factory distributor");
        assertEq(tokenFactory.offeringFactory(), address(offeringFactory), "factory offering factory");
        assertEq(keccak256(bytes(token.name())), keccak256("Moonlit Webtoon Revenue Right"), "name");
        assertEq(keccak256(bytes(token.symbol())), keccak256("MOON"), "symbol");
        assertEq(token.decimals(), 18, "decimals");
    }

    function test_createToken_grantsTheConfiguredRoles() public {
        IpSecurityToken token = _create(IP);
        assertEq(token.defaultAdmin(), address(this), "admin");
        assertTrue(token.hasRole(token.AGENT_ROLE(), agent), "agent");
        assertTrue(token.hasRole(token.COMPLIANCE_ROLE(), compliance), "compliance");
        assertTrue(token.hasRole(token.PAUSER_ROLE(), pauser), "pauser");
        assertTrue(token.hasRole(token.LOCKUP_ROLE(), lockup), "lockup");
        assertTrue(token.hasRole(token.RECORD_DATE_ROLE(), recordDate), "record date");
        assertTrue(token.hasRole(ISSUANCE_ADMIN_ROLE, address(this)), "admin is issuance admin");
        assertTrue(token.hasRole(ISSUANCE_ADMIN_ROLE, address(offeringFactory)), "offering factory is issuance admin");
        assertEq(token.getRoleAdmin(token.AGENT_ROLE()), ISSUANCE_ADMIN_ROLE, "agent role admin");
        assertEq(token.getRoleAdmin(token.LOCKUP_ROLE()), ISSUANCE_ADMIN_ROLE, "lockup role admin");
        assertEq(token.getRoleAdmin(token.PAUSER_ROLE()), bytes32(0), "other roles stay under the default admin");
        assertFalse(token.hasRole(token.AGENT_ROLE(), address(tokenFactory)), "the token factory holds nothing");
        assertFalse(token.hasRole(bytes32(0), address(tokenFactory)), "nor the admin role");
    }

    function test_createToken_skipsZeroHolders() public {
        ITokenFactory.TokenParams memory p = _params(IP);
        p.roles.agent = address(0);
        p.roles.pauser = address(0);
        IpSecurityToken token = IpSecurityToken(tokenFactory.createToken(p));
        assertFalse(token.hasRole(token.AGENT_ROLE(), address(0)), "no agent");
        assertFalse(token.hasRole(token.PAUSER_ROLE(), address(0)), "no pauser");
        assertTrue(token.hasRole(token.COMPLIANCE_ROLE(), compliance), "compliance still granted");
        // The admin, as issuance admin, grants the agent role later.
        token.grantRole(token.AGENT_ROLE(), agent);
        assertTrue(token.hasRole(token.AGENT_ROLE(), agent), "granted by the issuance admin");
    }

    function test_createToken_emitsTokenCreated() public {
        ITokenFactory.TokenParams memory p = _params(IP);
        address predicted = tokenFactory.predictTokenAddress(p);
        vm.expectEmit(address(tokenFactory));
        emit ITokenFactory.TokenCreated(IP, predicted, p, 18, address(registry), address(distributor), 1);
        tokenFactory.createToken(p);
    }

    function test_issuanceAdminRole_preimage() public pure {
        assertEq(ISSUANCE_ADMIN_ROLE, keccak256("ISSUANCE_ADMIN_ROLE"), "ISSUANCE_ADMIN_ROLE");
    }

    /// @dev Two chains where the shared registry sits at different addresses: the factory at the same address gives
    /// the IP the same token address (the registry is read from the factory, not part of the initcode).
    function test_createToken_sameAddressWhateverTheRegistry() public {
        IdentityRegistry otherRegistry = new IdentityRegistry(0, address(this));
        uint256 snapshot = vm.snapshotState();
        TokenFactory a = _tokenFactory(address(registry));
        registry.grantRole(TOKEN_BINDER_ROLE, address(a));
        a.grantRole(a.TOKEN_CREATOR_ROLE(), address(this));
        address tokenA = a.createToken(_params(IP));
        vm.revertToState(snapshot);
        vm.chainId(8453);
        TokenFactory b = _tokenFactory(address(otherRegistry));
        assertEq(address(b), address(a), "same factory address");
        otherRegistry.grantRole(TOKEN_BINDER_ROLE, address(b));
        b.grantRole(b.TOKEN_CREATOR_ROLE(), address(this));
        address tokenB = b.createToken(_params(IP));
        assertEq(tokenB, tokenA, "same IP token address");
        assertEq(IpSecurityToken(tokenB).identityRegistry(), address(otherRegistry), "bound to this chain's registry");
    }

    function testFuzz_createToken_addressMatchesPrediction(bytes32 ipId, uint256 nameSeed, uint48 delay) public {
        vm.assume(ipId != bytes32(0));
        ITokenFactory.TokenParams memory p = _params(ipId);
        p.name = vm.toString(nameSeed);
        p.roles.adminDelay = delay;
        address predicted = tokenFactory.predictTokenAddress(p);
        assertEq(tokenFactory.createToken(p), predicted, "created at the prediction");
        assertEq(tokenFactory.tokenOf(ipId), predicted, "recorded");
        assertEq(IpSecurityToken(predicted).defaultAdminDelay(), delay, "delay");
    }

    // ===== createToken failures =====

    function test_createToken_revertsWithoutRole() public {
        bytes32 role = tokenFactory.TOKEN_CREATOR_ROLE();
        ITokenFactory.TokenParams memory p = _params(IP);
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, role)
        );
        tokenFactory.createToken(p);
    }

    function test_createToken_revertsOnZeroIpId() public {
        vm.expectRevert(ITokenFactory.TokenFactoryZeroIpId.selector);
        tokenFactory.createToken(_params(bytes32(0)));
    }

    function test_createToken_revertsOnEmptyName() public {
        ITokenFactory.TokenParams memory p = _params(IP);
        p.name = "";
        vm.expectRevert(ITokenFactory.TokenFactoryEmptyName.selector);
        tokenFactory.createToken(p);
    }

    function test_createToken_revertsOnEmptySymbol() public {
        ITokenFactory.TokenParams memory p = _params(IP);
        p.symbol = "";
        vm.expectRevert(ITokenFactory.TokenFactoryEmptySymbol.selector);
        tokenFactory.createToken(p);
    }

    function test_createToken_revertsOnEmptyUri() public {
        ITokenFactory.TokenParams memory p = _params(IP);
        p.uri = "";
        vm.expectRevert(ITokenFactory.TokenFactoryEmptyUri.selector);
        tokenFactory.createToken(p);
    }

    function test_createToken_revertsOnZeroAdmin() public {
        ITokenFactory.TokenParams memory p = _params(IP);
        p.roles.admin = address(0);
        vm.expectRevert(ITokenFactory.TokenFactoryZeroAdmin.selector);
        tokenFactory.createToken(p);
    }

    function test_createToken_revertsWhenTheIpIsTaken() public {
        address token = address(_create(IP));
        ITokenFactory.TokenParams memory p = _params(IP);
        p.symbol = "MOON2"; // other arguments: another address, but the same IP
        vm.expectRevert(abi.encodeWithSelector(ITokenFactory.TokenFactoryIpTaken.selector, IP, token));
        tokenFactory.createToken(p);
        vm.expectRevert(abi.encodeWithSelector(ITokenFactory.TokenFactoryIpTaken.selector, IP, token));
        tokenFactory.createToken(_params(IP));
    }

    function test_createToken_revertsWithoutTheBinderRole() public {
        registry.revokeRole(TOKEN_BINDER_ROLE, address(tokenFactory));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                address(tokenFactory),
                bytes32(0)
            )
        );
        tokenFactory.createToken(_params(IP));
    }

    function test_createToken_revertsWhenTheCreationFailsSilently() public {
        // Creation code that reverts with no data: PUSH1 0 PUSH1 0 REVERT.
        bytes memory reverting = hex"60006000fd";
        address[] memory chunks = new address[](1);
        chunks[0] = address(new InitcodeChunk(reverting));
        TokenFactory broken = new TokenFactory(
            address(this),
            0,
            address(registry),
            address(distributor),
            address(offeringFactory),
            chunks,
            keccak256(reverting)
        );
        broken.grantRole(broken.TOKEN_CREATOR_ROLE(), address(this));
        vm.expectRevert(Errors.FailedDeployment.selector);
        broken.createToken(_params(IP));
    }

    // ===== constructor and initcode store =====

    function test_constructor_revertsOnZeroAddresses() public {
        bytes32 hash = keccak256(type(IpSecurityToken).creationCode);
        address o = address(offeringFactory);
        address d = address(distributor);
        address r = address(registry);
        vm.expectRevert(abi.encodeWithSelector(ITokenFactory.TokenFactoryZeroAddress.selector, "registry"));
        new TokenFactory(address(this), 0, address(0), d, o, tokenChunks, hash);
        vm.expectRevert(abi.encodeWithSelector(ITokenFactory.TokenFactoryZeroAddress.selector, "distributor"));
        new TokenFactory(address(this), 0, r, address(0), o, tokenChunks, hash);
        vm.expectRevert(abi.encodeWithSelector(ITokenFactory.TokenFactoryZeroAddress.selector, "offeringFactory"));
        new TokenFactory(address(this), 0, r, d, address(0), tokenChunks, hash);
    }

    function test_constructor_revertsWithoutChunks() public {
        vm.expectRevert(IInitcodeStore.InitcodeStoreNoChunks.selector);
        new TokenFactory(address(this), 0, address(registry), address(distributor), address(1), new address[](0), 0);
    }

    function test_constructor_revertsOnAnEmptyChunk() public {
        address[] memory chunks = new address[](2);
        chunks[0] = tokenChunks[0];
        chunks[1] = stranger;
        vm.expectRevert(abi.encodeWithSelector(IInitcodeStore.InitcodeStoreEmptyChunk.selector, stranger));
        new TokenFactory(address(this), 0, address(registry), address(distributor), address(1), chunks, 0);
    }

    function test_constructor_revertsOnAHashMismatch() public {
        address[] memory swapped = new address[](2);
        swapped[0] = tokenChunks[1];
        swapped[1] = tokenChunks[0];
        bytes32 expected = keccak256(type(IpSecurityToken).creationCode);
        bytes32 actual = keccak256(
            abi.encodePacked(
                _slice(swapped[0].code, 1, swapped[0].code.length),
                _slice(swapped[1].code, 1, swapped[1].code.length)
            )
        );
        vm.expectRevert(abi.encodeWithSelector(IInitcodeStore.InitcodeStoreHashMismatch.selector, expected, actual));
        new TokenFactory(address(this), 0, address(registry), address(distributor), address(1), swapped, expected);
    }

    function test_initcodeViews() public view {
        address[] memory chunks = tokenFactory.initcodeChunks();
        assertEq(chunks.length, 2, "two chunks");
        assertEq(chunks[0], tokenChunks[0], "chunk 0");
        assertEq(chunks[1], tokenChunks[1], "chunk 1");
        assertEq(tokenFactory.initcodeHash(), keccak256(type(IpSecurityToken).creationCode), "hash");
    }

    function test_initcodeChunk_isInertWhenCalled() public {
        address chunk = tokenChunks[0];
        assertEq(uint8(chunk.code[0]), 0, "leading STOP");
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory answer) = chunk.call(abi.encodeWithSignature("name()"));
        assertTrue(ok, "a call stops at once");
        assertEq(answer.length, 0, "and returns nothing");
    }

    // ===== registry binder role =====

    function test_setTokenBinding_binderCannotUnbindOrRebind() public {
        address token = address(_create(IP));
        vm.prank(address(tokenFactory));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                address(tokenFactory),
                bytes32(0)
            )
        );
        registry.setTokenBinding(token, false);
        registry.setTokenBinding(token, false); // the admin detaches it
        vm.prank(address(tokenFactory));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                address(tokenFactory),
                bytes32(0)
            )
        );
        registry.setTokenBinding(token, true);
        registry.setTokenBinding(token, true); // the admin may rebind
        assertEq(registry.boundTokens().length, 1, "bound again");
    }

    function test_setTokenBinding_strangerCannotBind() public {
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, bytes32(0))
        );
        registry.setTokenBinding(address(usdc), true);
    }

    // ===== the created token =====

    function test_createdToken_behavesAsASecurityToken() public {
        IpSecurityToken token = _create(IP);
        address alice = makeAddr("alice");
        address bob = makeAddr("bob");
        registry.registerInvestor(InvestorId.wrap(keccak256("alice")), 410, START + 365 days, 1, alice);
        registry.registerInvestor(InvestorId.wrap(keccak256("bob")), 840, START + 365 days, 1, bob);
        vm.prank(agent);
        token.mint(alice, 100e18);
        vm.prank(alice);
        token.transfer(bob, 40e18);
        assertEq(token.balanceOf(bob), 40e18, "bob received");
        assertEq(token.compliance().investorCount, 2, "two investors");
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(ISecurityToken.SecurityTokenRestricted.selector, 4, alice, stranger, 1e18)
        );
        token.transfer(stranger, 1e18);
    }

    function test_createdToken_knowsEarlierInvestorsAfterSync() public {
        address alice = makeAddr("alice");
        registry.registerInvestor(InvestorId.wrap(keccak256("alice")), 410, START + 365 days, 1, alice);
        IpSecurityToken token = _create(IP);
        assertFalse(token.canReceive(alice), "bound after alice registered: unknown until synced");
        address[] memory wallets = new address[](1);
        wallets[0] = alice;
        token.syncIdentity(wallets);
        assertTrue(token.canReceive(alice), "known after syncIdentity");
    }

    /// @dev The same transfer costs the same on a factory-made token as on a directly deployed SecurityToken.
    function test_createdToken_transferGasEqualsADirectToken() public {
        SecurityToken direct = new SecurityToken("Direct", "DRCT", address(registry), 0, address(this));
        registry.setTokenBinding(address(direct), true);
        direct.grantRole(direct.AGENT_ROLE(), agent);
        IpSecurityToken made = _create(IP);
        address alice = makeAddr("alice");
        address bob = makeAddr("bob");
        registry.registerInvestor(InvestorId.wrap(keccak256("alice")), 410, START + 365 days, 1, alice);
        registry.registerInvestor(InvestorId.wrap(keccak256("bob")), 840, START + 365 days, 1, bob);
        uint256 gasDirect = _mintAndTransfer(direct, alice, bob);
        uint256 gasMade = _mintAndTransfer(made, alice, bob);
        assertEq(gasMade, gasDirect, "transfer gas");
        assertEq(address(made).code.length, address(direct).code.length, "runtime size");
    }

    function _mintAndTransfer(SecurityToken token, address from, address to) private returns (uint256 used) {
        vm.prank(agent);
        token.mint(from, 100e18);
        vm.prank(from);
        uint256 before = gasleft();
        token.transfer(to, 10e18);
        used = before - gasleft();
    }
}
