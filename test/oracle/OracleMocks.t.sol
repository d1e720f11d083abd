// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OracleMockFeed} from "../../contracts/mocks/OracleMockFeed.sol";
import {OracleMockSequencerFeed} from "../../contracts/mocks/OracleMockSequencerFeed.sol";
import {Test} from "../utils/Test.sol";

/// @dev The test feeds behave like Chainlink's: the breaker's tests rely on it.
contract OracleMockFeedTest is Test {
    function test_setAnswer_publishesCompleteRounds() public {
        vm.warp(1000);
        OracleMockFeed feed = new OracleMockFeed(8, 5e8);
        feed.setAnswer(6e8);
        (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound) = feed
            .latestRoundData();
        assertEq(uint256(roundId), 2, "round");
        assertEq(uint256(answer), 6e8, "answer");
        assertEq(startedAt, 1000, "startedAt");
        assertEq(updatedAt, 1000, "updatedAt");
        assertEq(uint256(answeredInRound), 2, "answeredInRound");
        (uint80 sameRound, , , , ) = feed.getRoundData(2);
        assertEq(uint256(sameRound), 2, "getRoundData of the latest round");
        assertEq(uint256(feed.decimals()), 8, "decimals");
        assertEq(feed.version(), 4, "version");
        assertEq(keccak256(bytes(feed.description())), keccak256("stokit mock feed"), "description");
    }

    function test_getRoundData_revertsForOtherRoundsAndWhenBroken() public {
        OracleMockFeed feed = new OracleMockFeed(8, 5e8);
        vm.expectRevert(abi.encodeWithSelector(OracleMockFeed.OracleMockFeedNoRound.selector, uint80(7)));
        feed.getRoundData(7);
        feed.setReverts(true);
        vm.expectRevert(OracleMockFeed.OracleMockFeedUnavailable.selector);
        feed.latestRoundData();
    }

    function test_constructor_withoutInitialAnswerHasNoRound() public {
        OracleMockFeed feed = new OracleMockFeed(6, 0);
        (uint80 roundId, , , uint256 updatedAt, ) = feed.latestRoundData();
        assertEq(uint256(roundId), 0, "no round");
        assertEq(updatedAt, 0, "never updated");
    }
}

contract OracleMockSequencerFeedTest is Test {
    function test_setStatus_reportsDownAndWhenItChanged() public {
        OracleMockSequencerFeed feed = new OracleMockSequencerFeed(100);
        (, int256 answer, uint256 startedAt, , ) = feed.latestRoundData();
        assertEq(uint256(answer), 0, "up");
        assertEq(startedAt, 100, "up since");
        feed.setStatus(true, 200);
        (uint80 roundId, int256 down, uint256 changedAt, , ) = feed.getRoundData(0);
        assertEq(uint256(roundId), 2, "new round");
        assertEq(uint256(down), 1, "down");
        assertEq(changedAt, 200, "changed at");
        assertEq(uint256(feed.decimals()), 0, "decimals");
        assertEq(feed.version(), 1, "version");
        assertEq(keccak256(bytes(feed.description())), keccak256("stokit mock sequencer uptime feed"), "desc");
        feed.setReverts(true);
        vm.expectRevert(OracleMockSequencerFeed.OracleMockSequencerFeedUnavailable.selector);
        feed.latestRoundData();
    }
}
