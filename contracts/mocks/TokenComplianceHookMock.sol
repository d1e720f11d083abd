// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComplianceHook} from "../interfaces/IComplianceHook.sol";

/// @title TokenComplianceHookMock
/// @notice Test-only external compliance hook: refuses transfers to or from blocked addresses and any single transfer
/// above a cap.
contract TokenComplianceHookMock is IComplianceHook {
    mapping(address account => bool) private _blocked;
    uint256 private _cap = type(uint256).max;

    /// @notice Blocks or unblocks `account`.
    function setBlocked(address account, bool blocked) external {
        _blocked[account] = blocked;
    }

    /// @notice Sets the largest amount a single transfer may move.
    function setCap(uint256 cap) external {
        _cap = cap;
    }

    /// @inheritdoc IComplianceHook
    function canTransfer(address from, address to, uint256 value) external view returns (bool) {
        return !_blocked[from] && !_blocked[to] && value <= _cap;
    }
}
