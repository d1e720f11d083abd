// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// solhint-disable-next-line max-line-length
import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

import {IOffering} from "../interfaces/IOffering.sol";
import {IOfferingFactory} from "../interfaces/IOfferingFactory.sol";
import {InitcodeStore} from "./InitcodeStore.sol";
import {ISSUANCE_ADMIN_ROLE} from "./IpSecurityToken.sol";

/// @title OfferingFactory
/// @notice Creates the {Offering}s of IP tokens (see {IOfferingFactory}). The Offering's creation code (about 23 kB)
/// lives in an {InitcodeChunk} data contract ({InitcodeStore}), which keeps this factory small.
///
/// Roles: `DEFAULT_ADMIN_ROLE` (two-step handover with a delay) grants `OFFERING_CREATOR_ROLE` (the issuer: opens
/// offerings).
///
/// WARNING: an offering's terms decide what its investors get minted; the creator role is as trusted as a token
/// agent on every IP token that made this factory an issuance admin.
contract OfferingFactory is IOfferingFactory, InitcodeStore, AccessControlDefaultAdminRules {
    // ===== CONSTANTS =====

    bytes32 public constant OFFERING_CREATOR_ROLE = keccak256("OFFERING_CREATOR_ROLE");
    /// @dev The token's minting role and lock-up extending role (as in {SecurityToken}).
    bytes32 private constant _AGENT_ROLE = keccak256("AGENT_ROLE");
    bytes32 private constant _LOCKUP_ROLE = keccak256("LOCKUP_ROLE");

    // ===== STATE =====

    mapping(address token => address[]) private _offerings;
    mapping(address offering => address token) private _tokenOfOffering;

    // ===== CONSTRUCTOR =====

    /// @param admin The factory admin.
    /// @param adminDelay Delay of the two-step admin handover, in seconds.
    /// @param chunks Data contracts holding {Offering}'s creation code.
    /// @param expectedInitcodeHash keccak256 of that creation code.
    constructor(
        address admin,
        uint48 adminDelay,
        address[] memory chunks,
        bytes32 expectedInitcodeHash
    ) AccessControlDefaultAdminRules(adminDelay, admin) InitcodeStore(chunks, expectedInitcodeHash) {}

    // ===== OFFERING CREATOR =====

    /// @inheritdoc IOfferingFactory
    function createOffering(
        OfferingParams calldata params
    ) external onlyRole(OFFERING_CREATOR_ROLE) returns (address offering, uint256 index) {
        address token = address(params.terms.token);
        if (!_isIssuanceAdmin(token)) revert OfferingFactoryNotIssuanceAdmin(token);
        index = _offerings[token].length;
        bytes32 salt = _salt(token, index);
        bytes memory initcode = _offeringInitcode(params);
        offering = _predict(salt, initcode);
        _offerings[token].push(offering);
        _tokenOfOffering[offering] = token;
        // slither-disable-next-line reentrancy-no-eth
        _deploy(salt, initcode);
        // The Offering constructor checked the payment token's decimals and stored them.
        uint8 paymentDecimals = IOffering(offering).paymentDecimals();
        bool lockup = params.terms.lockupEnd != 0;
        emit OfferingCreated(offering, token, index, params, paymentDecimals, lockup);
        IAccessControl(token).grantRole(_AGENT_ROLE, offering);
        if (lockup) IAccessControl(token).grantRole(_LOCKUP_ROLE, offering);
    }

    // ===== VIEWS =====

    /// @inheritdoc IOfferingFactory
    function predictOfferingAddress(OfferingParams calldata params, uint256 index) external view returns (address) {
        return _predict(_salt(address(params.terms.token), index), _offeringInitcode(params));
    }

    /// @inheritdoc IOfferingFactory
    function offeringCount(address token) external view returns (uint256) {
        return _offerings[token].length;
    }

    /// @inheritdoc IOfferingFactory
    function offeringAt(address token, uint256 index) external view returns (address) {
        return _offerings[token][index];
    }

    /// @inheritdoc IOfferingFactory
    function tokenOfOffering(address offering) external view returns (address) {
        return _tokenOfOffering[offering];
    }

    // ===== PRIVATE =====

    /// @dev Whether this factory holds the token's `ISSUANCE_ADMIN_ROLE`; false for an address without code or a
    /// contract that does not answer `hasRole`.
    function _isIssuanceAdmin(address token) private view returns (bool) {
        if (token.code.length == 0) return false;
        // slither-disable-next-line low-level-calls
        (bool ok, bytes memory answer) = token.staticcall(
            abi.encodeCall(IAccessControl.hasRole, (ISSUANCE_ADMIN_ROLE, address(this)))
        );
        return ok && answer.length == 32 && abi.decode(answer, (bool));
    }

    function _salt(address token, uint256 index) private pure returns (bytes32) {
        return keccak256(abi.encode(token, index));
    }

    function _offeringInitcode(OfferingParams calldata params) private view returns (bytes memory) {
        return _initcodeWith(abi.encode(params.terms, params.admin, params.adminDelay, params.issuer, params.operator));
    }
}
