// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title MarketMockWallet
/// @notice Test-only ERC-1271 smart wallet: a signature is valid when its owner key signed the digest (and the wallet
/// has not revoked signatures); the owner executes calls through it (e.g. approvals to the market).
contract MarketMockWallet is IERC1271 {
    /// @notice Only the owner executes.
    error MarketMockWalletNotOwner(address caller);
    /// @notice The executed call reverted with `reason`.
    error MarketMockWalletCallFailed(bytes reason);

    address public immutable owner;
    bool public revoked;

    constructor(address owner_) {
        owner = owner_;
    }

    function setRevoked(bool revoked_) external {
        if (msg.sender != owner) revert MarketMockWalletNotOwner(msg.sender);
        revoked = revoked_;
    }

    function execute(address target, bytes calldata data) external returns (bytes memory) {
        if (msg.sender != owner) revert MarketMockWalletNotOwner(msg.sender);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory result) = target.call(data);
        if (!ok) revert MarketMockWalletCallFailed(result);
        return result;
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        (address signer, ECDSA.RecoverError err, ) = ECDSA.tryRecoverCalldata(hash, signature);
        bool valid = !revoked && err == ECDSA.RecoverError.NoError && signer == owner;
        return valid ? IERC1271.isValidSignature.selector : bytes4(0);
    }
}
