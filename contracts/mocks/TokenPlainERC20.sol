// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title TokenPlainERC20
/// @notice Test-only: a plain OpenZeppelin 5 ERC-20, the gas baseline the security token is compared with.
contract TokenPlainERC20 is ERC20 {
    constructor() ERC20("Plain", "PLN") {}

    /// @notice Mints `amount` to `to` (anyone; test setup only).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Burns `amount` of `from` (anyone; test setup only).
    function burn(address from, uint256 amount) external {
        _burn(from, amount);
    }

    /// @notice Transfers from the caller to several receivers in one call (the plain counterpart of a batch).
    function batchTransfer(address[] calldata to, uint256[] calldata amounts) external {
        for (uint256 i; i < to.length; ++i) {
            _transfer(msg.sender, to[i], amounts[i]);
        }
    }
}
