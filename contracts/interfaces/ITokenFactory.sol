// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IInitcodeStore} from "./IInitcodeStore.sol";

/// @title ITokenFactory
/// @notice Lists an IP (a character, a webtoon, ...) as its own security token in one transaction: creates the token
/// with CREATE2 (salt = the IP id), bound to the shared identity registry (one KYC for every IP), with its roles
/// given to the configured holders, and records it.
///
/// Same address on every chain: a token's address depends only on the factory's address, the IP id and the
/// constructor arguments (name, symbol, {TokenRoles}); the registry and the offering factory are read from the
/// factory during construction, so they may differ per chain. Creating the same IP with the same parameters through
/// factories at the same address on BSC, Base and Besu gives the same token address ({predictTokenAddress}).
interface ITokenFactory is IInitcodeStore {
    /// @notice Who holds what on a new token. A zero holder leaves that role ungranted (the admin can grant it
    /// later); `admin` is required.
    /// @param admin The token's `DEFAULT_ADMIN_ROLE` (two-step handover) and an issuance admin (grants and revokes
    /// `AGENT_ROLE` and `LOCKUP_ROLE`).
    /// @param adminDelay Delay of the two-step admin handover, in seconds.
    /// @param agent `AGENT_ROLE` (mint, burn, freezes, forced transfer, recovery).
    /// @param compliance `COMPLIANCE_ROLE` (rules, countries, hook).
    /// @param pauser `PAUSER_ROLE`.
    /// @param lockup `LOCKUP_ROLE` (extends lock-ups).
    /// @param recordDate `RECORD_DATE_ROLE` (schedules the record dates dividends are paid at).
    struct TokenRoles {
        address admin;
        uint48 adminDelay;
        address agent;
        address compliance;
        address pauser;
        address lockup;
        address recordDate;
    }

    /// @notice What {createToken} takes.
    /// @param ipId The IP's id (non-zero), chosen by the issuer (e.g. keccak256 of its catalogue reference): the
    /// CREATE2 salt, so one token per IP.
    /// @param name Token name (non-empty; also the EIP-712 domain name of permit).
    /// @param symbol Token symbol (non-empty).
    /// @param uri Where the IP's description lives (non-empty; e.g. an `ipfs://` or `https://` URI). Emitted only.
    /// @param roles Role holders.
    struct TokenParams {
        bytes32 ipId;
        string name;
        string symbol;
        string uri;
        TokenRoles roles;
    }

    /// @notice A token was created for a new IP and bound to the registry.
    /// @param ipId The IP's id.
    /// @param token The new token.
    /// @param params The IP id, name, symbol, description URI and role holders, as passed to {createToken}.
    /// @param decimals Token decimals (18).
    /// @param registry The identity registry the token is bound to.
    /// @param distributor The dividend distributor that pays the IP's holders.
    /// @param tokenCount Tokens created by this factory, this one included.
    event TokenCreated(
        bytes32 indexed ipId,
        address indexed token,
        TokenParams params,
        uint8 decimals,
        address registry,
        address distributor,
        uint256 tokenCount
    );

    /// @notice A constructor address is zero.
    /// @param field Which one: "registry", "distributor" or "offeringFactory".
    error TokenFactoryZeroAddress(string field);

    /// @notice The IP id is zero.
    error TokenFactoryZeroIpId();

    /// @notice The name is empty.
    error TokenFactoryEmptyName();

    /// @notice The symbol is empty.
    error TokenFactoryEmptySymbol();

    /// @notice The URI is empty.
    error TokenFactoryEmptyUri();

    /// @notice The token admin is the zero address.
    error TokenFactoryZeroAdmin();

    /// @notice The IP already has a token (its CREATE2 salt is used).
    /// @param ipId The IP's id.
    /// @param token Its token.
    error TokenFactoryIpTaken(bytes32 ipId, address token);

    /// @notice Creates the token of a new IP, binds it to the registry and grants its roles.
    /// @dev Requirements: caller has `TOKEN_CREATOR_ROLE`; non-zero IP id, not used before; non-empty name, symbol
    /// and URI; non-zero admin. Emits {TokenCreated} (and the registry's `TokenBound`).
    /// @param params See {TokenParams}.
    /// @return token The new token (equal to {predictTokenAddress} of the same parameters).
    function createToken(TokenParams calldata params) external returns (address token);

    /// @notice The address {createToken} gives (or gave) these parameters; `uri` does not matter.
    function predictTokenAddress(TokenParams calldata params) external view returns (address);

    /// @notice The token of an IP, `address(0)` if none.
    function tokenOf(bytes32 ipId) external view returns (address);

    /// @notice The IP id of a token this factory created, zero otherwise.
    function ipIdOf(address token) external view returns (bytes32);

    /// @notice Tokens created so far.
    function tokenCount() external view returns (uint256);

    /// @notice Up to `limit` tokens in creation order from `start` (fewer at the end of the list).
    function tokens(uint256 start, uint256 limit) external view returns (address[] memory);

    /// @notice The shared identity registry new tokens are bound to.
    function identityRegistry() external view returns (address);

    /// @notice The shared dividend distributor (recorded for indexers; it needs no per-token set-up).
    function distributor() external view returns (address);

    /// @notice The offering factory, made an issuance admin of every new token.
    function offeringFactory() external view returns (address);
}
