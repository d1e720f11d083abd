// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

import {IPriceOracle} from "../interfaces/IPriceOracle.sol";

/// @title OracleReadGasProbe
/// @notice Test-only consumer that reads a price either raw from a feed or validated through an {IPriceOracle}, in
/// transactions of the same shape, so receipt gas of the two is comparable. Each read also emits the gas used by the
/// read call alone.
contract OracleReadGasProbe {
    /// @notice A raw `latestRoundData` read.
    event OracleRawRead(int256 answer, uint256 updatedAt, uint256 gasUsed);
    /// @notice A validated `priceOf` read.
    event OracleValidatedRead(uint256 price, uint256 updatedAt, uint256 gasUsed);

    /// @notice Reads `feed.latestRoundData()` with no checks at all.
    function readRaw(address feed) external returns (int256 answer, uint256 updatedAt) {
        uint256 start = gasleft();
        (, answer, , updatedAt, ) = AggregatorV3Interface(feed).latestRoundData();
        emit OracleRawRead(answer, updatedAt, start - gasleft());
    }

    /// @notice Reads `oracle.priceOf(asset)`.
    function readValidated(address oracle, address asset) external returns (uint256 price, uint256 updatedAt) {
        uint256 start = gasleft();
        (price, updatedAt) = IPriceOracle(oracle).priceOf(asset);
        emit OracleValidatedRead(price, updatedAt, start - gasleft());
    }
}
