// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Multicall3Compatible
/// @notice Batches read calls into one `eth_call`, with the `aggregate3` ABI of the Multicall3 contract that BSC
/// and Base have at 0xcA11bde05977b3631167028862bE2a173976CA11. Our deploy scripts put this contract on chains
/// that lack Multicall3 (private Besu networks, local chains) so that the SDK batches reads the same way everywhere.
///
/// WARNING: meant for reads through `eth_call`. It holds no funds and has no access control; a state-changing call
/// made through it runs with this contract as `msg.sender`.
contract Multicall3Compatible {
    struct Call3 {
        address target;
        bool allowFailure;
        bytes callData;
    }

    struct Result {
        bool success;
        bytes returnData;
    }

    /// @notice A call that was not allowed to fail failed; `returnData` is its revert data.
    error MulticallCallFailed(uint256 index, bytes returnData);

    // solhint-disable avoid-low-level-calls
    /// @notice Calls each target with its calldata and returns every result; reverts if a call that does not allow
    /// failure fails.
    function aggregate3(Call3[] calldata calls) external returns (Result[] memory results) {
        results = new Result[](calls.length);
        for (uint256 i; i < calls.length; ++i) {
            Call3 calldata call = calls[i];
            // A low-level call is the point of a multicall: each result is returned as raw bytes.
            // slither-disable-next-line calls-loop,low-level-calls
            (bool success, bytes memory returnData) = call.target.call(call.callData);
            if (!success && !call.allowFailure) revert MulticallCallFailed(i, returnData);
            results[i] = Result(success, returnData);
        }
    }

    // solhint-enable avoid-low-level-calls

    /// @notice The current block number, so a batch can tell which block it read.
    function getBlockNumber() external view returns (uint256) {
        return block.number;
    }

    /// @notice The current block timestamp.
    function getCurrentBlockTimestamp() external view returns (uint256) {
        return block.timestamp;
    }

    /// @notice The chain id.
    function getChainId() external view returns (uint256) {
        return block.chainid;
    }

    /// @notice The native balance of `account`.
    function getEthBalance(address account) external view returns (uint256) {
        return account.balance;
    }
}
