// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IInitcodeStore} from "./IInitcodeStore.sol";
import {IOffering} from "./IOffering.sol";

/// @title IOfferingFactory
/// @notice Opens an offering of a factory-made IP token in one transaction: creates the Offering with CREATE2 (salt =
/// keccak256(abi.encode(token, index)), `index` counting the token's offerings from 0), grants it the token's
/// `AGENT_ROLE` (mint at settlement) and, when the terms set a lock-up, `LOCKUP_ROLE`, and records it. The factory
/// can grant those roles because the token made it an issuance admin (see {IpSecurityToken}).
///
/// An offering's address depends on the factory's address, the token, the index and every constructor argument
/// (the terms, including the chain's payment token and oracle, and the role holders): offerings of one IP have the same
/// address on two chains only when all of these are equal.
interface IOfferingFactory is IInitcodeStore {
    /// @notice What {createOffering} takes: the Offering constructor's arguments.
    /// @param terms The offering's terms (validated by the Offering constructor, whose errors propagate).
    /// @param admin The offering's `DEFAULT_ADMIN_ROLE`.
    /// @param adminDelay Delay of the offering's two-step admin handover, in seconds.
    /// @param issuer `ISSUER_ROLE` (finalise, cancel, pause).
    /// @param operator `OPERATOR_ROLE` (push settlements); zero: none.
    struct OfferingParams {
        IOffering.Terms terms;
        address admin;
        uint48 adminDelay;
        address issuer;
        address operator;
    }

    /// @notice An offering was created and given its roles on the token.
    /// @param offering The new offering.
    /// @param token The security token it issues.
    /// @param index The token's offering index (0, 1, ...).
    /// @param params Its terms (price, caps, limits, window, lock-up, treasury, payment token, oracle) and role
    /// holders, as passed to {createOffering}.
    /// @param paymentDecimals Decimals of the payment token.
    /// @param lockupGranted Whether the offering was granted the token's `LOCKUP_ROLE` (`terms.lockupEnd != 0`).
    event OfferingCreated(
        address indexed offering,
        address indexed token,
        uint256 indexed index,
        OfferingParams params,
        uint8 paymentDecimals,
        bool lockupGranted
    );

    /// @notice The token is not one whose `AGENT_ROLE`/`LOCKUP_ROLE` this factory may grant (not a contract, or
    /// the factory is not its issuance admin: not an IP token, or the admin revoked the factory).
    /// @param token The token.
    error OfferingFactoryNotIssuanceAdmin(address token);

    /// @notice Creates an offering of `params.terms.token` and grants it its roles on the token.
    /// @dev Requirements: caller has `OFFERING_CREATOR_ROLE`; this factory is an issuance admin of the token; the
    /// Offering constructor accepts the parameters (its `Offering*` and access-control errors propagate). Emits
    /// {OfferingCreated} and the token's `RoleGranted`.
    /// @return offering The new offering (equal to {predictOfferingAddress} with the returned index).
    /// @return index The token's offering index.
    function createOffering(OfferingParams calldata params) external returns (address offering, uint256 index);

    /// @notice The address {createOffering} gives these parameters as the token's offering number `index`.
    function predictOfferingAddress(OfferingParams calldata params, uint256 index) external view returns (address);

    /// @notice Offerings created for `token`.
    function offeringCount(address token) external view returns (uint256);

    /// @notice The token's offering number `index`.
    function offeringAt(address token, uint256 index) external view returns (address);

    /// @notice The token an offering made here issues, `address(0)` for any other address.
    function tokenOfOffering(address offering) external view returns (address);
}
