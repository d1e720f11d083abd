// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

/// @title OracleMockFeed
/// @notice Test-only Chainlink price feed whose latest round can be set field by field, to produce every anomaly the
/// circuit breaker must refuse: zero or negative answers, `updatedAt` of 0 or in the future, `answeredInRound` behind
/// `roundId`, stale rounds, huge answers, and a feed that reverts. Storage is packed like a real aggregator's latest
/// transmission (two slots), so a raw read through it is a fair (cheap) baseline for gas comparisons.
contract OracleMockFeed is AggregatorV3Interface {
    /// @notice The feed was set to revert.
    error OracleMockFeedUnavailable();
    /// @notice Only the latest round is kept.
    error OracleMockFeedNoRound(uint80 roundId);

    uint80 private _roundId;
    uint80 private _answeredInRound;
    uint48 private _startedAt;
    uint48 private _updatedAt;
    int248 private _answer;
    bool private _reverts;
    uint8 private _decimals;

    constructor(uint8 decimals_, int248 initialAnswer) {
        _decimals = decimals_;
        if (initialAnswer != 0) setAnswer(initialAnswer);
    }

    /// @notice Publishes a new, complete round at the current block time.
    function setAnswer(int248 answer) public {
        setAnswerAt(answer, block.timestamp);
    }

    /// @notice Publishes a new, complete round with the given `updatedAt` (may be in the past or the future).
    function setAnswerAt(int248 answer, uint256 updatedAt) public {
        uint80 roundId = _roundId + 1;
        setRoundData(roundId, answer, updatedAt, updatedAt, roundId);
    }

    /// @notice Sets every field of the latest round as given.
    function setRoundData(
        uint80 roundId,
        int248 answer,
        uint256 startedAt,
        uint256 updatedAt,
        uint80 answeredInRound
    ) public {
        _roundId = roundId;
        _answer = answer;
        _startedAt = uint48(startedAt);
        _updatedAt = uint48(updatedAt);
        _answeredInRound = answeredInRound;
    }

    /// @notice Makes every read revert (a broken or paused feed).
    function setReverts(bool reverts) external {
        _reverts = reverts;
    }

    /// @notice Changes the reported decimals (a proxy that moved to another aggregator).
    function setDecimals(uint8 decimals_) external {
        _decimals = decimals_;
    }

    function decimals() external view returns (uint8) {
        return _decimals;
    }

    function description() external pure returns (string memory) {
        return "stokit mock feed";
    }

    function version() external pure returns (uint256) {
        return 4;
    }

    function getRoundData(uint80 roundId) external view returns (uint80, int256, uint256, uint256, uint80) {
        if (roundId != _roundId) revert OracleMockFeedNoRound(roundId);
        return latestRoundData();
    }

    function latestRoundData() public view returns (uint80, int256, uint256, uint256, uint80) {
        if (_reverts) revert OracleMockFeedUnavailable();
        return (_roundId, _answer, _startedAt, _updatedAt, _answeredInRound);
    }
}
