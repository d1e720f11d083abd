// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title PointsMockERC721
/// @notice Test-only ERC-721 stand-in for the points gate: balances, owners, ERC-165 and open mint/burn. Written by
/// hand because OpenZeppelin 5.7's ERC721 imports `Strings`, which does not compile for the `paris` target.
contract PointsMockERC721 {
    mapping(address owner => uint256 count) private _balances;
    mapping(uint256 tokenId => address owner) private _owners;

    error PointsMockInvalidOwner(address owner);
    error PointsMockTokenExists(uint256 tokenId);
    error PointsMockTokenMissing(uint256 tokenId);

    function mint(address to, uint256 tokenId) external {
        if (_owners[tokenId] != address(0)) revert PointsMockTokenExists(tokenId);
        _owners[tokenId] = to;
        ++_balances[to];
    }

    /// @dev Open transfer (test-only): moves `tokenId` to `to` whoever calls.
    function transfer(address to, uint256 tokenId) external {
        address owner = _owners[tokenId];
        if (owner == address(0)) revert PointsMockTokenMissing(tokenId);
        _owners[tokenId] = to;
        --_balances[owner];
        ++_balances[to];
    }

    function burn(uint256 tokenId) external {
        address owner = _owners[tokenId];
        if (owner == address(0)) revert PointsMockTokenMissing(tokenId);
        delete _owners[tokenId];
        --_balances[owner];
    }

    /// @dev Reverts for the zero address, as ERC-721 requires.
    function balanceOf(address owner) external view returns (uint256) {
        if (owner == address(0)) revert PointsMockInvalidOwner(owner);
        return _balances[owner];
    }

    function ownerOf(uint256 tokenId) external view returns (address) {
        return _owners[tokenId];
    }

    /// @dev ERC-165 (0x01ffc9a7) and ERC-721 (0x80ac58cd).
    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == 0x01ffc9a7 || interfaceId == 0x80ac58cd;
    }
}

/// @title PointsMockERC1155
/// @notice Test-only ERC-1155 stand-in for the points gate: balances, ERC-165 and open mint/burn. Written by hand
/// because OpenZeppelin 5.7's ERC1155 imports `Arrays`, which does not compile for the `paris` target.
contract PointsMockERC1155 {
    mapping(uint256 id => mapping(address account => uint256 amount)) private _balances;

    function mint(address to, uint256 id, uint256 amount) external {
        _balances[id][to] += amount;
    }

    function burn(address from, uint256 id, uint256 amount) external {
        _balances[id][from] -= amount;
    }

    function balanceOf(address account, uint256 id) external view returns (uint256) {
        return _balances[id][account];
    }

    /// @dev ERC-165 (0x01ffc9a7) and ERC-1155 (0xd9b67a26).
    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == 0x01ffc9a7 || interfaceId == 0xd9b67a26;
    }
}
