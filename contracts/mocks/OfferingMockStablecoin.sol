// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

/// @title OfferingMockStablecoin
/// @notice Test-only stablecoin with configurable decimals (6 like USDC on Base, 18 like USDT/USDC on BSC), an open
/// mint, EIP-2612 permit and a blacklist (as USDC/USDT freeze addresses: a blacklisted address can neither send nor
/// receive).
/// @dev OpenZeppelin 5.7's `ERC20Permit` cannot be used here: through EIP712 -> MessageHashUtils -> Strings -> Bytes it
/// pulls in `mcopy`, which does not compile for `evmVersion: "paris"`. The permit below follows EIP-2612 directly.
contract OfferingMockStablecoin is ERC20, IERC20Permit {
    /// @notice The permit's deadline passed.
    error OfferingMockStablecoinExpired(uint256 deadline);
    /// @notice The permit's signer is not the owner.
    error OfferingMockStablecoinInvalidSigner(address signer, address owner);
    /// @notice `account` is blacklisted.
    error OfferingMockStablecoinBlacklisted(address account);

    /// @dev keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)")
    bytes32 private constant PERMIT_TYPEHASH = 0x6e71edae12b1b97f4d1f60370fef10105fa2faae0126114a169c64845d6126c9;
    /// @dev keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)")
    bytes32 private constant DOMAIN_TYPEHASH = 0x8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f;

    uint8 private immutable _decimals;
    mapping(address owner => uint256) private _nonces;
    mapping(address account => bool) public isBlacklisted;

    constructor(string memory name_, string memory symbol_, uint8 decimals_) ERC20(name_, symbol_) {
        _decimals = decimals_;
    }

    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setBlacklisted(address account, bool blacklisted) external {
        isBlacklisted[account] = blacklisted;
    }

    function nonces(address owner) external view returns (uint256) {
        return _nonces[owner];
    }

    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() public view returns (bytes32) {
        return
            keccak256(
                abi.encode(DOMAIN_TYPEHASH, keccak256(bytes(name())), keccak256("1"), block.chainid, address(this))
            );
    }

    function permit(
        address owner,
        address spender,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        if (block.timestamp > deadline) revert OfferingMockStablecoinExpired(deadline);
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, _nonces[owner]++, deadline));
        address signer = ecrecover(keccak256(abi.encodePacked("\x19\x01", DOMAIN_SEPARATOR(), structHash)), v, r, s);
        if (signer == address(0) || signer != owner) revert OfferingMockStablecoinInvalidSigner(signer, owner);
        _approve(owner, spender, value);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (isBlacklisted[from]) revert OfferingMockStablecoinBlacklisted(from);
        if (isBlacklisted[to]) revert OfferingMockStablecoinBlacklisted(to);
        super._update(from, to, value);
    }
}
