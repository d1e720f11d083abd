// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IComplianceHook
/// @notice Optional external rule set a security token consults for holder transfers and issuances, after its
/// built-in rules passed. The token calls it only while one is set. Forced transfers, recoveries and burns do not
/// consult it.
interface IComplianceHook {
    /// @notice Whether `value` may move from `from` to `to` (`from == address(0)` for an issuance).
    /// @dev Must be a view. The token calls it with a 100,000-gas cap and reads one word of the answer: a revert,
    /// running out of that gas, or any answer but ABI `true` is a refusal (restriction code 13), never a revert of
    /// the token's views.
    /// @param from The sender, or the zero address for an issuance.
    /// @param to The receiver.
    /// @param value The amount.
    /// @return allowed True if the custom rules allow it.
    function canTransfer(address from, address to, uint256 value) external view returns (bool allowed);
}
