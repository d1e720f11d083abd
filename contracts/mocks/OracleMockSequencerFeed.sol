// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

/// @title OracleMockSequencerFeed
/// @notice Test-only Chainlink L2 sequencer uptime feed: answer 0 = up, 1 = down; `startedAt` = when the status last
/// changed (0 = no valid round yet).
contract OracleMockSequencerFeed is AggregatorV3Interface {
    /// @notice The feed was set to revert.
    error OracleMockSequencerFeedUnavailable();

    // One packed slot, like the real uptime feed's state.
    uint80 private _roundId;
    bool private _down;
    uint64 private _startedAt;
    bool private _reverts;

    /// @notice Starts up since `upSince` (pass 0 for a feed without a valid round).
    constructor(uint256 upSince) {
        _roundId = 1;
        _startedAt = uint64(upSince);
    }

    /// @notice Sets the status: `down` and the time it changed.
    function setStatus(bool down, uint256 changedAt) external {
        _roundId += 1;
        _down = down;
        _startedAt = uint64(changedAt);
    }

    /// @notice Makes every read revert.
    function setReverts(bool reverts) external {
        _reverts = reverts;
    }

    function decimals() external pure returns (uint8) {
        return 0;
    }

    function description() external pure returns (string memory) {
        return "stokit mock sequencer uptime feed";
    }

    function version() external pure returns (uint256) {
        return 1;
    }

    function getRoundData(uint80) external view returns (uint80, int256, uint256, uint256, uint80) {
        return latestRoundData();
    }

    function latestRoundData() public view returns (uint80, int256, uint256, uint256, uint80) {
        if (_reverts) revert OracleMockSequencerFeedUnavailable();
        return (_roundId, _down ? int256(1) : int256(0), _startedAt, _startedAt, _roundId);
    }
}
