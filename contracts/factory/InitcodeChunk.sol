// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title InitcodeChunk
/// @notice A data contract: its runtime code is `0x00` ++ `data` (the leading STOP makes a call to it do nothing), so
/// a factory reads `data` back with EXTCODECOPY (as SSTORE2 does). Holds up to 24,575 bytes (EIP-170 limit minus one).
/// The factories check the concatenated chunks against the expected hash when they are constructed.
contract InitcodeChunk {
    /// @param data The bytes to hold.
    constructor(bytes memory data) {
        bytes memory code = abi.encodePacked(hex"00", data);
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            return(add(code, 0x20), mload(code))
        }
    }
}
