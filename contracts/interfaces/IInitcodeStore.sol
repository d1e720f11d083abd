// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IInitcodeStore
/// @notice A factory whose product's creation code is too large to embed (a contract's runtime code is capped at
/// 24,576 bytes, EIP-170) keeps it in data contracts ("chunks": runtime code = `0x00` ++ bytes, the leading STOP
/// makes a chunk inert when called). The factory concatenates the chunks, appends the ABI-encoded constructor
/// arguments and deploys with CREATE2, so every address is predictable off-chain:
/// `keccak256(0xff ++ factory ++ salt ++ keccak256(initcode ++ args))[12:]`.
interface IInitcodeStore {
    /// @notice No chunk was given at construction.
    error InitcodeStoreNoChunks();

    /// @notice A chunk holds no data (no code, or only the STOP byte).
    /// @param chunk The chunk address.
    error InitcodeStoreEmptyChunk(address chunk);

    /// @notice The chunks do not hold the expected creation code.
    /// @param expected The hash the deployer expected (keccak256 of the artifact's creation code).
    /// @param actual keccak256 of the concatenated chunks.
    error InitcodeStoreHashMismatch(bytes32 expected, bytes32 actual);

    /// @notice The data contracts holding the creation code, in order.
    function initcodeChunks() external view returns (address[] memory);

    /// @notice keccak256 of the creation code (without constructor arguments), checked at construction.
    function initcodeHash() external view returns (bytes32);
}
