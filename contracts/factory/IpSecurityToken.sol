// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ITokenFactory} from "../interfaces/ITokenFactory.sol";
import {SecurityToken} from "../token/SecurityToken.sol";

/// @dev The admin role of `AGENT_ROLE` and `LOCKUP_ROLE` on an IP token.
bytes32 constant ISSUANCE_ADMIN_ROLE = keccak256("ISSUANCE_ADMIN_ROLE");

/// @title IpSecurityToken
/// @notice The {SecurityToken} of one IP, created by a {TokenFactory}: the same runtime code (no function added, the
/// registry is an immutable as before, so transfers cost the same), with a constructor that
/// - reads the identity registry and the offering factory from the creating factory (so they are not part of the
///   CREATE2 address, which then does not depend on per-chain addresses);
/// - grants the configured role holders their roles;
/// - makes `ISSUANCE_ADMIN_ROLE` the admin of `AGENT_ROLE` and `LOCKUP_ROLE`, held by the token admin and the offering
///   factory, so the factory can give a new offering the roles it needs in the transaction that creates it.
///
/// WARNING: the token admin grants `AGENT_ROLE`/`LOCKUP_ROLE` as an issuance admin, not as `DEFAULT_ADMIN_ROLE`: a new
/// default admin (after a handover) first grants itself `ISSUANCE_ADMIN_ROLE`. Revoking the offering factory's
/// `ISSUANCE_ADMIN_ROLE` stops new offerings of this token through the factory. Anyone holding the factory's
/// `OFFERING_CREATOR_ROLE` can open offerings (and so have tokens minted at their price) on every IP token that
/// trusts the factory.
contract IpSecurityToken is SecurityToken {
    /// @param name_ Token name.
    /// @param symbol_ Token symbol.
    /// @param roles Role holders (see {ITokenFactory-TokenRoles}).
    constructor(
        string memory name_,
        string memory symbol_,
        ITokenFactory.TokenRoles memory roles
    ) SecurityToken(name_, symbol_, ITokenFactory(msg.sender).identityRegistry(), roles.adminDelay, roles.admin) {
        _setRoleAdmin(AGENT_ROLE, ISSUANCE_ADMIN_ROLE);
        _setRoleAdmin(LOCKUP_ROLE, ISSUANCE_ADMIN_ROLE);
        _grantRole(ISSUANCE_ADMIN_ROLE, roles.admin);
        _grantRole(ISSUANCE_ADMIN_ROLE, ITokenFactory(msg.sender).offeringFactory());
        _grantIfSet(AGENT_ROLE, roles.agent);
        _grantIfSet(COMPLIANCE_ROLE, roles.compliance);
        _grantIfSet(PAUSER_ROLE, roles.pauser);
        _grantIfSet(LOCKUP_ROLE, roles.lockup);
        _grantIfSet(RECORD_DATE_ROLE, roles.recordDate);
    }

    function _grantIfSet(bytes32 role, address holder) private {
        if (holder != address(0)) _grantRole(role, holder);
    }
}
