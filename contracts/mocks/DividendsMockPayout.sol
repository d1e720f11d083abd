// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test-only payout token with configurable decimals and an optional transfer fee (in basis points) that
/// is burnt, to test that the distributor distributes what it received.
contract DividendsMockPayout is ERC20 {
    uint8 private immutable _decimals;
    uint16 private _feeBps;

    constructor(uint8 decimals_) ERC20("Mock Stable", "mUSD") {
        _decimals = decimals_;
    }

    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setFeeBps(uint16 feeBps) external {
        _feeBps = feeBps;
    }

    function _update(address from, address to, uint256 value) internal override {
        uint256 fee = from == address(0) || to == address(0) ? 0 : (value * _feeBps) / 10_000;
        if (fee != 0) super._update(from, address(0), fee);
        super._update(from, to, value - fee);
    }
}
