// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IPriceOracle
/// @notice A validated price read. Consumers (the offering) call {priceOf}; any unusable price (stale, out of bounds,
/// breaker tripped, sequencer down, no feed) makes it revert with the oracle's typed error, never return silently.
interface IPriceOracle {
    /// @notice The last accepted price of `asset` in USD with 18 decimals, and when its source round was updated.
    function priceOf(address asset) external view returns (uint256 price, uint256 updatedAt);

    /// @notice Validates the feed's latest round first (as the oracle's update does, with its events) and returns the
    /// price only if it is accepted now; reverts with the oracle's typed error otherwise. A consumer that acts on a
    /// price (the offering crediting a native deposit) calls this rather than {priceOf}, so a round the breaker
    /// would refuse is never priced at the last accepted value.
    function freshPriceOf(address asset) external returns (uint256 price, uint256 updatedAt);
}
