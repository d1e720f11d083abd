// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Counter
/// @notice Pipeline check: the smallest contract with a custom error and an event, exercised by a Solidity unit and
/// fuzz test and by a TypeScript test. Replaced by the real contracts as they land.
contract Counter {
    /// @notice The increment would take the count above `max`.
    error CounterOverflow(uint256 count, uint256 by, uint256 max);

    /// @notice Emitted after the count changed.
    event Incremented(address indexed by, uint256 amount, uint256 newCount);

    uint256 public constant MAX = 1e18;

    uint256 private _count;

    function count() external view returns (uint256) {
        return _count;
    }

    /// @notice Adds `by` to the count.
    /// Requirements: the new count is at most `MAX`.
    /// Emits {Incremented}.
    function increment(uint256 by) external {
        uint256 current = _count;
        if (by > MAX - current) revert CounterOverflow(current, by, MAX);
        uint256 next = current + by;
        _count = next;
        emit Incremented(msg.sender, by, next);
    }
}
