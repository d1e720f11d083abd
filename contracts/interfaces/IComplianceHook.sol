// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IComplianceHook
/// @notice Optional external rule set a security token consults for holder transfers and issuances, after its
/// built-in rules passed. The token calls it only while one is set. Forced transfers, recoveries and burns do not
/// consult it.
interface IComplianceHook {
    /// @notice Whether `value` may move from `from` to `to` (`from == address(0)` for an issuance).
    /// @dev Must be a view and must not revert for valid inputs; a revert blocks the transfer.
    /// @param from The sender, or the zero address for an issuance.
    /// @param to The receiver.
    /// @param value The amount.
    /// @return allowed True if the custom rules allow it.
    function canTransfer(address from, address to, uint256 value) external view returns (bool allowed);
}
