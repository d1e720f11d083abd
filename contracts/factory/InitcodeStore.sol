// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Create2} from "@openzeppelin/contracts/utils/Create2.sol";

import {IInitcodeStore} from "../interfaces/IInitcodeStore.sol";

/// @title InitcodeStore
/// @notice The creation code of a factory's product, held in {InitcodeChunk} data contracts and checked against its
/// expected hash at construction; {_deploy} appends constructor arguments and deploys with CREATE2.
///
/// WARNING: the arguments passed to {_initcodeWith} must be ABI-encoded (a multiple of 32 bytes): they are copied
/// word by word.
abstract contract InitcodeStore is IInitcodeStore {
    // ===== STATE =====

    bytes32 private immutable _initcodeHash;
    uint256 private immutable _initcodeLength;
    address[] private _chunks;

    // ===== CONSTRUCTOR =====

    /// @param chunks The data contracts, in order.
    /// @param expectedHash keccak256 of the creation code they must hold together.
    constructor(address[] memory chunks, bytes32 expectedHash) {
        uint256 n = chunks.length;
        if (n == 0) revert InitcodeStoreNoChunks();
        uint256 length;
        for (uint256 i; i < n; ++i) {
            uint256 size = chunks[i].code.length;
            if (size < 2) revert InitcodeStoreEmptyChunk(chunks[i]);
            length += size - 1;
            _chunks.push(chunks[i]);
        }
        bytes32 actual = keccak256(_assemble(length, ""));
        if (actual != expectedHash) revert InitcodeStoreHashMismatch(expectedHash, actual);
        _initcodeHash = actual;
        _initcodeLength = length;
    }

    // ===== VIEWS =====

    /// @inheritdoc IInitcodeStore
    function initcodeChunks() external view returns (address[] memory) {
        return _chunks;
    }

    /// @inheritdoc IInitcodeStore
    function initcodeHash() external view returns (bytes32) {
        return _initcodeHash;
    }

    // ===== INTERNAL =====

    /// @dev The creation code followed by `args` (ABI-encoded constructor arguments).
    function _initcodeWith(bytes memory args) internal view returns (bytes memory) {
        return _assemble(_initcodeLength, args);
    }

    /// @dev The CREATE2 address of `initcode` under `salt` from this contract.
    function _predict(bytes32 salt, bytes memory initcode) internal view returns (address) {
        return Create2.computeAddress(salt, keccak256(initcode));
    }

    /// @dev Deploys `initcode` with CREATE2; a reverting constructor's error propagates.
    function _deploy(bytes32 salt, bytes memory initcode) internal returns (address) {
        return Create2.deploy(0, salt, initcode);
    }

    // ===== PRIVATE =====

    /// @dev Chunks' data (`length` bytes in total, each chunk without its leading STOP byte) then `args`.
    function _assemble(uint256 length, bytes memory args) private view returns (bytes memory code) {
        uint256 argsLength = args.length;
        code = new bytes(length + argsLength);
        uint256 offset;
        uint256 n = _chunks.length;
        for (uint256 i; i < n; ++i) {
            address chunk = _chunks[i];
            uint256 size = chunk.code.length - 1; // >= 1: checked at construction
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                extcodecopy(chunk, add(add(code, 0x20), offset), 1, size)
            }
            offset += size;
        }
        // Word copy (no MCOPY on paris); argsLength is a multiple of 32, so no byte lands past `code`.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let to := add(add(code, 0x20), length)
            let from := add(args, 0x20)
            for {
                let i := 0
            } lt(i, argsLength) {
                i := add(i, 0x20)
            } {
                mstore(add(to, i), mload(add(from, i)))
            }
        }
    }
}
