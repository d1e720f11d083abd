// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOffering} from "../interfaces/IOffering.sol";

/// @title OfferingMockInvestorContract
/// @notice Test-only investor that is a contract: subscribes with native coin and accepts or rejects it on demand (to
/// test that a rejected refund defers only this investor in a batch settlement and can be redirected with `claimTo`).
contract OfferingMockInvestorContract {
    /// @notice Native coin refused while `rejectNative` is set.
    error OfferingMockInvestorRejects();

    bool public rejectNative;

    receive() external payable {
        if (rejectNative) revert OfferingMockInvestorRejects();
    }

    function setRejectNative(bool reject) external {
        rejectNative = reject;
    }

    function subscribeNative(IOffering offering) external payable {
        offering.subscribeNative{value: msg.value}();
    }

    function claimTo(IOffering offering, address payable refundRecipient) external {
        offering.claimTo(refundRecipient);
    }
}
