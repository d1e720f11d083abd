// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOffering} from "../interfaces/IOffering.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title OfferingMockInvestorContract
/// @notice Test-only investor that is a contract: subscribes, and accepts or rejects native coin on demand (to test
/// that a rejected refund defers only this investor in a batch settlement and can be redirected with `claimTo`).
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

    function subscribe(IOffering offering, IERC20 paymentToken, uint256 amount) external {
        paymentToken.approve(address(offering), amount);
        offering.subscribe(amount);
    }

    function claim(IOffering offering) external {
        offering.claim();
    }

    function claimTo(IOffering offering, address payable refundRecipient) external {
        offering.claimTo(refundRecipient);
    }
}
