// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IPriceOracle
/// @notice A validated price read. Consumers (the offering) call {priceOf}; any unusable price (stale, out of bounds,
/// breaker tripped, sequencer down, no feed) makes it revert with the oracle's typed error, never return silently.
interface IPriceOracle {
    /// @notice The last accepted price of `asset` in USD with 18 decimals, and when its source round was updated.
    function priceOf(address asset) external view returns (uint256 price, uint256 updatedAt);
}
