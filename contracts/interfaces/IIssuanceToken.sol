// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IIssuanceToken
/// @notice What a security token exposes to a primary offering: a pre-check that explains why tokens could not be
/// delivered, issuance, and the investor lock-up the offering sets for the tokens it allocates.
interface IIssuanceToken {
    /// @notice ERC-1404 restriction code for moving `value` from `from` to `to`; `from == address(0)` checks an
    /// issuance (mint) to `to`. 0 means no restriction. The same codes appear in the token's revert errors.
    function detectTransferRestriction(address from, address to, uint256 value) external view returns (uint8);

    /// @notice Human-readable text for a restriction code.
    function messageForTransferRestriction(uint8 restrictionCode) external view returns (string memory);

    /// @notice Issues `amount` tokens to `to`, subject to identity and compliance checks. Caller needs the agent role.
    function mint(address to, uint256 amount) external;

    /// @notice Extends the lock-up of the investor that owns `account` to at least `until` (a unix timestamp); a later
    /// existing lock-up is kept. Caller needs the role the token assigns to lock-up management.
    function extendLockup(address account, uint64 until) external;
}
