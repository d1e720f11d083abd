// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";

/// @title TokenEIP712
/// @notice EIP-712 domain (name, version, chain id, verifying contract) and typed-data hashing, with the ERC-5267
/// `eip712Domain()` getter wallets and signing libraries read the domain from. The domain separator is cached and
/// rebuilt if the chain id changes (fork).
/// @dev OpenZeppelin 5.7's `EIP712` cannot be used: through MessageHashUtils -> Strings -> Bytes it pulls in `mcopy`,
/// which does not compile for `evmVersion: "paris"` (London-era Besu). This is the same construction; the name and
/// version are kept in storage (read only by {eip712Domain}) instead of OpenZeppelin's `ShortStrings` immutables.
abstract contract TokenEIP712 is IERC5267 {
    /// @dev keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)")
    bytes32 private constant _DOMAIN_TYPEHASH = 0x8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f;

    bytes32 private immutable _hashedName;
    bytes32 private immutable _hashedVersion;
    uint256 private immutable _cachedChainId;
    bytes32 private immutable _cachedDomainSeparator;

    string private _eip712Name;
    string private _eip712Version;

    /// @param name_ The EIP-712 domain name.
    /// @param version_ The EIP-712 domain version.
    constructor(string memory name_, string memory version_) {
        _eip712Name = name_;
        _eip712Version = version_;
        _hashedName = keccak256(bytes(name_));
        _hashedVersion = keccak256(bytes(version_));
        _cachedChainId = block.chainid;
        _cachedDomainSeparator = _buildDomainSeparator();
    }

    /// @inheritdoc IERC5267
    /// @dev Fields `0x0f`: name, version, chain id and verifying contract; no salt, no extensions.
    function eip712Domain()
        external
        view
        returns (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        )
    {
        return (hex"0f", _eip712Name, _eip712Version, block.chainid, address(this), bytes32(0), new uint256[](0));
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
