// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Counter} from "../../contracts/mocks/Counter.sol";
import {Test} from "../utils/Test.sol";

contract CounterTest is Test {
    Counter private counter;

    function setUp() public {
        counter = new Counter();
    }

    function test_increment_addsToCount() public {
        counter.increment(3);
        counter.increment(4);
        assertEq(counter.count(), 7, "count");
    }

    function testFuzz_increment_neverExceedsMax(uint256 a, uint256 b) public {
        a = bound(a, 0, counter.MAX());
        counter.increment(a);
        if (b > counter.MAX() - a) {
            vm.expectRevert(abi.encodeWithSelector(Counter.CounterOverflow.selector, a, b, counter.MAX()));
            counter.increment(b);
        } else {
            counter.increment(b);
            assertEq(counter.count(), a + b, "sum");
        }
    }
}

/// @dev Drives the counter with bounded increments and tracks the expected total.
contract CounterHandler {
    Counter public immutable counter;
    uint256 public total;

    constructor(Counter counter_) {
        counter = counter_;
    }

    function increment(uint256 by) external {
        by = by % 1e16;
        counter.increment(by);
        total += by;
    }
}

contract CounterInvariantTest is Test {
    Counter private counter;
    CounterHandler private handler;

    function setUp() public {
        counter = new Counter();
        handler = new CounterHandler(counter);
        targetContract(address(handler));
    }

    function invariant_countEqualsSumOfIncrements() public view {
        assertEq(counter.count(), handler.total(), "count");
        assertLe(counter.count(), counter.MAX(), "max");
    }
}
