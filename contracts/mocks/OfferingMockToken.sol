// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IIssuanceToken} from "../interfaces/IIssuanceToken.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title OfferingMockToken
/// @notice Test-only security token for the offering's tests: an ERC-20 (18 decimals) implementing {IIssuanceToken}
/// with a settable restriction code per address (checked on mint like a real token would), one agent allowed to mint
/// and extend lock-ups, and recorded lock-ups.
contract OfferingMockToken is ERC20, IIssuanceToken {
    /// @notice The caller is not the agent.
    error OfferingMockTokenNotAgent(address caller);
    /// @notice The mint is restricted for `to` (same code as {detectTransferRestriction}).
    error OfferingMockTokenRestricted(address to, uint8 code);

    address public agent;
    mapping(address account => uint8) public restrictionOf;
    mapping(address account => uint64) public lockupOf;
    uint256 public lockupCalls;

    constructor() ERC20("Mock Revenue Right", "MRR") {
        agent = msg.sender;
    }

    function setAgent(address agent_) external {
        agent = agent_;
    }

    function setRestriction(address account, uint8 code) external {
        restrictionOf[account] = code;
    }

    function detectTransferRestriction(address, address to, uint256) external view returns (uint8) {
        return restrictionOf[to];
    }

    function messageForTransferRestriction(uint8 code) external pure returns (string memory) {
        if (code == 0) return "No restriction";
        if (code == 1) return "Investor not verified";
        if (code == 2) return "Country not allowed";
        return "Restricted";
    }

    function mint(address to, uint256 amount) external {
        if (msg.sender != agent) revert OfferingMockTokenNotAgent(msg.sender);
        uint8 code = restrictionOf[to];
        if (code != 0) revert OfferingMockTokenRestricted(to, code);
        _mint(to, amount);
    }

    function extendLockup(address account, uint64 until) external {
        if (msg.sender != agent) revert OfferingMockTokenNotAgent(msg.sender);
        if (until > lockupOf[account]) lockupOf[account] = until;
        ++lockupCalls;
    }
}
