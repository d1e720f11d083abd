// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title TokenEIP712
/// @notice EIP-712 domain (name, version, chain id, verifying contract) and typed-data hashing. The domain separator
/// is cached and rebuilt if the chain id changes (fork).
/// @dev OpenZeppelin 5.7's `EIP712` cannot be used: through MessageHashUtils -> Strings -> Bytes it pulls in `mcopy`,
/// which does not compile for `evmVersion: "paris"` (London-era Besu). This is the same construction without the
/// ERC-5267 `eip712Domain` getter (left out to keep the token under the contract size limit).
abstract contract TokenEIP712 {
    /// @dev keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)")
    bytes32 private constant _DOMAIN_TYPEHASH = 0x8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f;

    bytes32 private immutable _hashedName;
    bytes32 private immutable _hashedVersion;
    uint256 private immutable _cachedChainId;
    bytes32 private immutable _cachedDomainSeparator;

    /// @param name_ The EIP-712 domain name.
    /// @param version_ The EIP-712 domain version.
    constructor(string memory name_, string memory version_) {
        _hashedName = keccak256(bytes(name_));
        _hashedVersion = keccak256(bytes(version_));
        _cachedChainId = block.chainid;
        _cachedDomainSeparator = _buildDomainSeparator();
    }

    /// @dev The domain separator for the current chain.
    function _domainSeparatorV4() internal view returns (bytes32) {
        return block.chainid == _cachedChainId ? _cachedDomainSeparator : _buildDomainSeparator();
    }

    /// @dev The EIP-712 digest of a struct hash under this domain.
    function _hashTypedDataV4(bytes32 structHash) internal view returns (bytes32) {
        return keccak256(abi.encodePacked(hex"1901", _domainSeparatorV4(), structHash));
    }

    function _buildDomainSeparator() private view returns (bytes32) {
        return keccak256(abi.encode(_DOMAIN_TYPEHASH, _hashedName, _hashedVersion, block.chainid, address(this)));
    }
}
