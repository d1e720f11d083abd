// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";

/// @title IERC7943Fungible
/// @notice ERC-7943 (uRWA) interface for ERC-20 based tokens, as written in ethereum/ERCs `ERCS/erc-7943.md` at commit
/// 0981419f92db8630e80114d8160d70edac4be48f (the `canSend`/`canReceive` revision; ERC-165 id `0x3edbb4c4`). Written
/// from the specification; the older `canTransact` revision is not supported.
interface IERC7943Fungible is IERC165 {
    /// @notice Emitted when tokens are taken from one address and transferred to another.
    /// @param from The address from which tokens were taken.
    /// @param to The address to which seized tokens were transferred.
    /// @param amount The amount seized.
    event ForcedTransfer(address indexed from, address indexed to, uint256 amount);

    /// @notice Emitted when the frozen amount of `account` changes.
    /// @param account The account whose frozen amount changed.
    /// @param amount The frozen amount after the change.
    event Frozen(address indexed account, uint256 amount);

    /// @notice `account` may not send tokens.
    error ERC7943CannotSend(address account);

    /// @notice `account` may not receive tokens.
    error ERC7943CannotReceive(address account);

    /// @notice The transfer is not allowed by the token's rules.
    error ERC7943CannotTransfer(address from, address to, uint256 amount);

    /// @notice `amount` is within the balance of `account` but above its unfrozen part `unfrozen`.
    error ERC7943InsufficientUnfrozenBalance(address account, uint256 amount, uint256 unfrozen);

    /// @notice Moves `amount` from `from` to `to` under the issuer's authority.
    /// @param from The account tokens are taken from.
    /// @param to The account that receives them.
    /// @param amount The amount moved.
    /// @return result True on success; reverts on failure.
    function forcedTransfer(address from, address to, uint256 amount) external returns (bool result);

    /// @notice Sets the frozen amount of `account` (overwrites; may exceed the balance).
    /// @param account The account.
    /// @param amount The new frozen amount.
    /// @return result True on success; reverts on failure.
    function setFrozenTokens(address account, uint256 amount) external returns (bool result);

    /// @notice Whether `account` may send tokens (account-level eligibility, no amount rules).
    /// @param account The account.
    /// @return allowed True if it may send.
    function canSend(address account) external view returns (bool allowed);

    /// @notice Whether `account` may receive tokens (account-level eligibility, no amount rules).
    /// @param account The account.
    /// @return allowed True if it may receive.
    function canReceive(address account) external view returns (bool allowed);

    /// @notice The frozen amount of `account`; may exceed its balance.
    /// @param account The account.
    /// @return amount The frozen amount.
    function getFrozenTokens(address account) external view returns (uint256 amount);

    /// @notice Whether the permissioned rules allow moving `amount` from `from` to `to` now (frozen amounts included,
    /// plain balance and allowance excluded).
    /// @param from The sender.
    /// @param to The receiver.
    /// @param amount The amount.
    /// @return allowed True if allowed.
    function canTransfer(address from, address to, uint256 amount) external view returns (bool allowed);
}
