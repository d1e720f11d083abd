// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Multicall3Compatible} from "../../contracts/utils/Multicall3Compatible.sol";
import {Counter} from "../../contracts/mocks/Counter.sol";
import {Test} from "./Test.sol";

contract Multicall3CompatibleTest is Test {
    Multicall3Compatible private multicall;
    Counter private counter;

    function setUp() public {
        multicall = new Multicall3Compatible();
        counter = new Counter();
        counter.increment(5);
    }

    function test_aggregate3_returnsEveryResult() public {
        Multicall3Compatible.Call3[] memory calls = new Multicall3Compatible.Call3[](3);
        calls[0] = Multicall3Compatible.Call3(address(counter), false, abi.encodeCall(Counter.count, ()));
        calls[1] = Multicall3Compatible.Call3(address(multicall), false, abi.encodeCall(multicall.getChainId, ()));
        calls[2] = Multicall3Compatible.Call3(address(counter), true, abi.encodeCall(Counter.increment, (2e18)));
        Multicall3Compatible.Result[] memory results = multicall.aggregate3(calls);
        assertEq(abi.decode(results[0].returnData, (uint256)), 5, "count");
        assertEq(abi.decode(results[1].returnData, (uint256)), block.chainid, "chain id");
        assertFalse(results[2].success, "allowed failure reported");
        assertEq(
            keccak256(results[2].returnData),
            keccak256(abi.encodeWithSelector(Counter.CounterOverflow.selector, 5, 2e18, 1e18)),
            "revert data"
        );
    }

    function test_aggregate3_revertsOnDisallowedFailure() public {
        Multicall3Compatible.Call3[] memory calls = new Multicall3Compatible.Call3[](1);
        calls[0] = Multicall3Compatible.Call3(address(counter), false, abi.encodeCall(Counter.increment, (2e18)));
        bytes memory inner = abi.encodeWithSelector(Counter.CounterOverflow.selector, 5, 2e18, 1e18);
        vm.expectRevert(abi.encodeWithSelector(Multicall3Compatible.MulticallCallFailed.selector, 0, inner));
        multicall.aggregate3(calls);
    }

    function test_views() public {
        vm.deal(address(0xBEEF), 3 ether);
        assertEq(multicall.getEthBalance(address(0xBEEF)), 3 ether, "balance");
        assertEq(multicall.getBlockNumber(), block.number, "block");
        assertEq(multicall.getCurrentBlockTimestamp(), block.timestamp, "time");
    }
}
