// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPriceOracle} from "../interfaces/IPriceOracle.sol";

/// @title OfferingMockPriceOracle
/// @notice Test-only {IPriceOracle}: a settable price per asset and a settable failure that reverts with a typed error,
/// as the real circuit breaker does when a price is stale or the breaker is tripped.
contract OfferingMockPriceOracle is IPriceOracle {
    /// @notice The price of `asset` is unusable (`reason`: 1 stale, 2 breaker tripped, ...).
    error OfferingMockOracleUnavailable(address asset, uint8 reason);

    mapping(address asset => uint256) public priceFor;
    uint8 public failure;
    bool public neverUpdated;

    function setPrice(address asset, uint256 price) external {
        priceFor[asset] = price;
    }

    function setFailure(uint8 reason) external {
        failure = reason;
    }

    /// @notice Makes {priceOf} report `updatedAt == 0` (a feed whose round was never updated).
    function setNeverUpdated(bool never) external {
        neverUpdated = never;
    }

    function priceOf(address asset) external view returns (uint256 price, uint256 updatedAt) {
        if (failure != 0) revert OfferingMockOracleUnavailable(asset, failure);
        return (priceFor[asset], neverUpdated ? 0 : block.timestamp);
    }

    /// @notice A fresh validation that refuses with `reason` while leaving {priceOf} serving the last price (as the
    /// real breaker does when its latest round would trip it); 0: no refusal.
    uint8 public freshFailure;
    uint256 public freshCalls;

    function setFreshFailure(uint8 reason) external {
        freshFailure = reason;
    }

    function freshPriceOf(address asset) external returns (uint256 price, uint256 updatedAt) {
        ++freshCalls;
        if (freshFailure != 0) revert OfferingMockOracleUnavailable(asset, freshFailure);
        return this.priceOf(asset);
    }
}
