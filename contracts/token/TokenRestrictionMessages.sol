// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title TokenRestrictionMessages
/// @notice The human-readable texts of the security token's ERC-1404 restriction codes. Deployed by each
/// {SecurityToken} constructor so the texts do not count against the token's own code size limit.
contract TokenRestrictionMessages {
    /// @notice The text for `code` (codes 0..14; any other code: "Unknown restriction code").
    /// @param code The restriction code.
    /// @return The text.
    function message(uint8 code) external pure returns (string memory) {
        if (code == 0) return "No restriction";
        if (code == 1) return "Transfers are paused";
        if (code == 2) return "Transfers are disabled";
        if (code == 3) return "Sender is not verified";
        if (code == 4) return "Receiver is not verified";
        if (code == 5) return "Sender is frozen";
        if (code == 6) return "Receiver is frozen";
        if (code == 7) return "Amount exceeds unfrozen balance";
        if (code == 8) return "Sender is locked up";
        if (code == 9) return "Receiver country not allowed";
        if (code == 10) return "Receiver lacks investor class";
        if (code == 11) return "Maximum investors reached";
        if (code == 12) return "Maximum investor balance exceeded";
        if (code == 13) return "Rejected by compliance hook";
        if (code == 14) return "Spender not allowed";
        return "Unknown restriction code";
    }
}
