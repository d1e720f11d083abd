// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Test fixture: the part of Multicall3 (github.com/mds1/multicall, deployed at
/// 0xcA11bde05977b3631167028862bE2a173976CA11 on public chains) the SDK uses, written for the SDK's tests and
/// compiled by solc from npm at test time. Same function signatures and semantics as the canonical contract:
/// `aggregate3` runs each call and, when `allowFailure` is false, bubbles a failure as "Multicall3: call failed".
contract Multicall3 {
    struct Call3 {
        address target;
        bool allowFailure;
        bytes callData;
    }

    struct Result {
        bool success;
        bytes returnData;
    }

    function aggregate3(Call3[] calldata calls) external payable returns (Result[] memory returnData) {
        returnData = new Result[](calls.length);
        for (uint256 i = 0; i < calls.length; ++i) {
            Call3 calldata call = calls[i];
            (bool success, bytes memory ret) = call.target.call(call.callData);
            if (!success && !call.allowFailure) revert("Multicall3: call failed");
            returnData[i] = Result(success, ret);
        }
    }

    function getBlockNumber() external view returns (uint256) {
        return block.number;
    }

    function getCurrentBlockTimestamp() external view returns (uint256) {
        return block.timestamp;
    }

    function getEthBalance(address addr) external view returns (uint256) {
        return addr.balance;
    }

    function getChainId() external view returns (uint256) {
        return block.chainid;
    }
}
