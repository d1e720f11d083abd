// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// solhint-disable-next-line max-line-length
import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";

import {IIdentityRegistry} from "../interfaces/IIdentityRegistry.sol";
import {ITokenFactory} from "../interfaces/ITokenFactory.sol";
import {InitcodeStore} from "./InitcodeStore.sol";

/// @title TokenFactory
/// @notice Creates the {IpSecurityToken} of each IP (see {ITokenFactory}). The token's creation code (about 25.6 kB,
/// more than a contract may hold) lives in {InitcodeChunk} data contracts ({InitcodeStore}).
///
/// Roles: `DEFAULT_ADMIN_ROLE` (two-step handover with a delay) grants `TOKEN_CREATOR_ROLE` (the issuer: lists IPs).
/// The factory needs the registry's `TOKEN_BINDER_ROLE` to bind each new token.
///
/// WARNING: the registry binds at most `MAX_TOKENS` tokens (16), so one registry serves at most 16 IPs (fewer if
/// other tokens are bound). A token bound after investors registered knows none of them until their identities are
/// pushed again: anyone may call the token's `syncIdentity(wallets)` for the existing investors.
contract TokenFactory is ITokenFactory, InitcodeStore, AccessControlDefaultAdminRules {
    // ===== CONSTANTS =====

    bytes32 public constant TOKEN_CREATOR_ROLE = keccak256("TOKEN_CREATOR_ROLE");

    // ===== STATE =====

    address private immutable _registry;
    address private immutable _distributor;
    address private immutable _offeringFactory;
    mapping(bytes32 ipId => address token) private _tokenOf;
    mapping(address token => bytes32 ipId) private _ipIdOf;
    address[] private _tokens;

    // ===== CONSTRUCTOR =====

    /// @param admin The factory admin.
    /// @param adminDelay Delay of the two-step admin handover, in seconds.
    /// @param registry_ The shared identity registry.
    /// @param distributor_ The shared dividend distributor.
    /// @param offeringFactory_ The offering factory made issuance admin of every token.
    /// @param chunks Data contracts holding {IpSecurityToken}'s creation code.
    /// @param expectedInitcodeHash keccak256 of that creation code.
    constructor(
        address admin,
        uint48 adminDelay,
        address registry_,
        address distributor_,
        address offeringFactory_,
        address[] memory chunks,
        bytes32 expectedInitcodeHash
    ) AccessControlDefaultAdminRules(adminDelay, admin) InitcodeStore(chunks, expectedInitcodeHash) {
        if (registry_ == address(0)) revert TokenFactoryZeroAddress("registry");
        if (distributor_ == address(0)) revert TokenFactoryZeroAddress("distributor");
        if (offeringFactory_ == address(0)) revert TokenFactoryZeroAddress("offeringFactory");
        _registry = registry_;
        _distributor = distributor_;
        _offeringFactory = offeringFactory_;
    }

    // ===== TOKEN CREATOR =====

    /// @inheritdoc ITokenFactory
    function createToken(TokenParams calldata params) external onlyRole(TOKEN_CREATOR_ROLE) returns (address token) {
        bytes32 ipId = params.ipId;
        if (ipId == bytes32(0)) revert TokenFactoryZeroIpId();
        if (bytes(params.name).length == 0) revert TokenFactoryEmptyName();
        if (bytes(params.symbol).length == 0) revert TokenFactoryEmptySymbol();
        if (bytes(params.uri).length == 0) revert TokenFactoryEmptyUri();
        if (params.roles.admin == address(0)) revert TokenFactoryZeroAdmin();
        address existing = _tokenOf[ipId];
        if (existing != address(0)) revert TokenFactoryIpTaken(ipId, existing);

        bytes memory initcode = _tokenInitcode(params);
        token = _predict(ipId, initcode);
        _tokenOf[ipId] = token;
        _ipIdOf[token] = ipId;
        _tokens.push(token);
        // The constructor reads identityRegistry() and offeringFactory() back from this contract.
        // slither-disable-next-line reentrancy-no-eth
        _deploy(ipId, initcode);
        emit TokenCreated(ipId, token, params, 18, _registry, _distributor, _tokens.length);
        IIdentityRegistry(_registry).setTokenBinding(token, true);
    }

    // ===== VIEWS =====

    /// @inheritdoc ITokenFactory
    function predictTokenAddress(TokenParams calldata params) external view returns (address) {
        return _predict(params.ipId, _tokenInitcode(params));
    }

    /// @inheritdoc ITokenFactory
    function tokenOf(bytes32 ipId) external view returns (address) {
        return _tokenOf[ipId];
    }

    /// @inheritdoc ITokenFactory
    function ipIdOf(address token) external view returns (bytes32) {
        return _ipIdOf[token];
    }

    /// @inheritdoc ITokenFactory
    function tokenCount() external view returns (uint256) {
        return _tokens.length;
    }

    /// @inheritdoc ITokenFactory
    function tokens(uint256 start, uint256 limit) external view returns (address[] memory list) {
        uint256 n = _tokens.length;
        uint256 end = start >= n ? start : (n - start > limit ? start + limit : n);
        list = new address[](end - start);
        for (uint256 i = start; i < end; ++i) {
            list[i - start] = _tokens[i];
        }
    }

    /// @inheritdoc ITokenFactory
    function identityRegistry() external view returns (address) {
        return _registry;
    }

    /// @inheritdoc ITokenFactory
    function distributor() external view returns (address) {
        return _distributor;
    }

    /// @inheritdoc ITokenFactory
    function offeringFactory() external view returns (address) {
        return _offeringFactory;
    }

    // ===== PRIVATE =====

    function _tokenInitcode(TokenParams calldata params) private view returns (bytes memory) {
        return _initcodeWith(abi.encode(params.name, params.symbol, params.roles));
    }
}
