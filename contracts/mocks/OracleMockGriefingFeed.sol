// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

/// @title OracleMockGriefingFeed
/// @notice Test-only hostile Chainlink feed: `latestRoundData` either answers a valid round padded to a payload of
/// `payloadSize` bytes (the first five words are the round), or burns all the gas it is given.
contract OracleMockGriefingFeed is AggregatorV3Interface {
    int256 private _answer;
    uint256 private _updatedAt;
    uint256 private _payloadSize;
    bool private _burnsGas;

    constructor(int256 answer) {
        setRound(answer, block.timestamp);
    }

    /// @notice Sets the round the first five words of the payload carry.
    function setRound(int256 answer, uint256 updatedAt) public {
        _answer = answer;
        _updatedAt = updatedAt;
    }

    /// @notice Pads the answer to `size` bytes (below 160: a short, malformed answer).
    function setPayloadSize(uint256 size) external {
        _payloadSize = size;
    }

    /// @notice Makes every read loop until it runs out of gas.
    function setBurnsGas(bool burns) external {
        _burnsGas = burns;
    }

    function decimals() external pure returns (uint8) {
        return 8;
    }

    function description() external pure returns (string memory) {
        return "stokit griefing feed";
    }

    function version() external pure returns (uint256) {
        return 1;
    }

    function getRoundData(uint80) external view returns (uint80, int256, uint256, uint256, uint80) {
        return latestRoundData();
    }

    function latestRoundData() public view returns (uint80, int256, uint256, uint256, uint80) {
        if (_burnsGas) {
            uint256 spin = 0;
            while (gasleft() > 0) spin++;
        }
        uint256 size = _payloadSize;
        if (size == 0) return (1, _answer, _updatedAt, _updatedAt, 1);
        int256 answer = _answer;
        uint256 updatedAt = _updatedAt;
        // Test-only: the five words of the round, then zeros up to `size` bytes (fresh memory is zero), returned raw.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, 1)
            mstore(add(ptr, 0x20), answer)
            mstore(add(ptr, 0x40), updatedAt)
            mstore(add(ptr, 0x60), updatedAt)
            mstore(add(ptr, 0x80), 1)
            return(ptr, size)
        }
    }
}
