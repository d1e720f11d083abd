// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";

/// @title IRecordDateToken
/// @notice What a security token exposes to the contracts that pay its holders (the dividend distributor): balances
/// and total supply as of a past timepoint of the token's ERC-6372 clock, and the holder states that decide where a
/// payment may go.
interface IRecordDateToken is IERC6372 {
    /// @notice Balance of `account` at the end of `timepoint`.
    /// @dev Reverts when `timepoint` is not in the past (`timepoint >= clock()`), as ERC-5805 lookups do.
    function balanceOfAt(address account, uint256 timepoint) external view returns (uint256);

    /// @notice Total supply at the end of `timepoint`. Same timepoint rule as {balanceOfAt}.
    function totalSupplyAt(uint256 timepoint) external view returns (uint256);

    /// @notice Whether `account` is frozen as a whole by an agent (it may neither send nor receive).
    function isFrozen(address account) external view returns (bool);

    /// @notice The wallet that replaced `lostWallet` through wallet recovery, or the zero address if it was never
    /// recovered. Payments owed to a recovered wallet go to its successor.
    function walletSuccessor(address lostWallet) external view returns (address);

    /// @notice Everything a distribution needs about `holder` at `timepoint`, in one call: the balance recorded at
    /// `timepoint` (same timepoint rule as {balanceOfAt}), the wallet that receives its payments now (the end of its
    /// wallet-recovery chain, or `holder` itself), whether that wallet is frozen, and `holder`'s {holderIndex}.
    function recordPosition(
        address holder,
        uint256 timepoint
    ) external view returns (uint256 balance, address recipient, bool recipientFrozen, uint256 index);

    /// @notice A small number naming `account` among the token's holders, so that a payer can keep one bit per
    /// holder in words shared by many holders. Rules: an account's index is fixed from its first credit on (0, none,
    /// for an account never credited or given no index: a payer then keys it by address) and no two accounts share
    /// a nonzero index.
    function holderIndex(address account) external view returns (uint256);
}
