// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test-only 6-decimal stablecoin with a USDC-style blacklist: a transfer from or to a blacklisted address
/// reverts, to test that one blocked wallet never locks other people's dividends.
contract DividendsMockBlacklistPayout is ERC20 {
    error DividendsMockBlacklisted(address account);

    mapping(address account => bool) public isBlacklisted;

    constructor() ERC20("Mock Blacklisting USD", "bUSD") {}

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setBlacklisted(address account, bool blacklisted) external {
        isBlacklisted[account] = blacklisted;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (isBlacklisted[from]) revert DividendsMockBlacklisted(from);
        if (isBlacklisted[to]) revert DividendsMockBlacklisted(to);
        super._update(from, to, value);
    }
}
