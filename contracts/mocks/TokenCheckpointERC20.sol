// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";

/// @title TokenCheckpointERC20
/// @notice Test-only: a plain OpenZeppelin 5 ERC-20 that writes a balance checkpoint for both parties on every
/// transfer (as ERC20Votes does, keyed by timestamp). Used to measure the per-transfer cost of that approach against
/// the record-date snapshots of the security token.
contract TokenCheckpointERC20 is ERC20 {
    using Checkpoints for Checkpoints.Trace208;

    mapping(address account => Checkpoints.Trace208) private _history;
    Checkpoints.Trace208 private _supplyHistory;

    constructor() ERC20("Checkpointed", "CKP") {}

    /// @notice Mints `amount` to `to` (anyone; test setup only).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Balance of `account` at the end of `timepoint`.
    function balanceOfAt(address account, uint48 timepoint) external view returns (uint256) {
        return _history[account].upperLookupRecent(timepoint);
    }

    /// @notice Total supply at the end of `timepoint`.
    function totalSupplyAt(uint48 timepoint) external view returns (uint256) {
        return _supplyHistory.upperLookupRecent(timepoint);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        uint48 key = uint48(block.timestamp);
        if (from != address(0)) _history[from].push(key, uint208(balanceOf(from)));
        if (to != address(0)) _history[to].push(key, uint208(balanceOf(to)));
        if (from == address(0) || to == address(0)) _supplyHistory.push(key, uint208(totalSupply()));
    }
}
