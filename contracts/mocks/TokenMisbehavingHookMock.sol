// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title TokenMisbehavingHookMock
/// @notice Test-only compliance hook that misbehaves in a chosen way, to prove the token never reverts (nor lets a
/// transfer through) because of its hook: it reverts, returns a non-boolean word, returns nothing, returns a huge
/// payload, burns all the gas it gets, or (mode `Allow`) answers `true`.
contract TokenMisbehavingHookMock {
    /// @notice How {canTransfer} misbehaves.
    enum Mode {
        Revert,
        Garbage,
        Empty,
        Huge,
        BurnGas,
        Allow
    }

    /// @notice The revert reason of mode `Revert`.
    error TokenMisbehavingHookMockRefused();

    Mode private _mode;

    /// @notice Sets how {canTransfer} misbehaves.
    function setMode(Mode mode) external {
        _mode = mode;
    }

    /// @notice Same selector as `IComplianceHook.canTransfer`, but answers as the mode says.
    function canTransfer(address, address, uint256) external view returns (bool) {
        Mode mode = _mode;
        if (mode == Mode.Revert) revert TokenMisbehavingHookMockRefused();
        if (mode == Mode.Allow) return true;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            switch mode
            case 1 {
                // a word that is not an ABI boolean
                mstore(0, 2)
                return(0, 32)
            }
            case 2 {
                return(0, 0)
            }
            case 3 {
                // 200 KB of return data
                return(0, 200000)
            }
            default {
                for {} 1 {} {}
            }
        }
        return false;
    }
}
