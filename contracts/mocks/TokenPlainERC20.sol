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
}
