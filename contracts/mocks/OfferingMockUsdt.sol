// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title OfferingMockUsdt
/// @notice Test-only USDT-style stablecoin: `transfer`/`transferFrom`/`approve` return no boolean, failures revert
/// without data, addresses can be blacklisted (transfers to or from them revert) and a transfer fee in basis points
/// can be switched on (paid to `FEE_COLLECTOR`), as Tether's contract allows.
contract OfferingMockUsdt {
    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    uint8 public immutable decimals;
    uint256 public totalSupply;
    mapping(address account => uint256) public balanceOf;
    mapping(address owner => mapping(address spender => uint256)) public allowance;
    mapping(address account => bool) public isBlackListed;
    uint256 public feeBps;
    address public constant FEE_COLLECTOR = address(0xFEE);

    constructor(uint8 decimals_) {
        decimals = decimals_;
    }

    function name() external pure returns (string memory) {
        return "Tether USD (mock)";
    }

    function symbol() external pure returns (string memory) {
        return "USDT";
    }

    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
        totalSupply += amount;
        emit Transfer(address(0), to, amount);
    }

    function setBlackListed(address account, bool blocked) external {
        isBlackListed[account] = blocked;
    }

    function setFee(uint256 bps) external {
        feeBps = bps;
    }

    function approve(address spender, uint256 amount) external {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
    }

    function transfer(address to, uint256 amount) external {
        _move(msg.sender, to, amount);
    }

    function transferFrom(address from, address to, uint256 amount) external {
        uint256 allowed = allowance[from][msg.sender];
        // solhint-disable-next-line gas-custom-errors
        require(allowed >= amount);
        if (allowed != type(uint256).max) allowance[from][msg.sender] = allowed - amount;
        _move(from, to, amount);
    }

    function _move(address from, address to, uint256 amount) private {
        // solhint-disable-next-line gas-custom-errors
        require(!isBlackListed[from] && !isBlackListed[to] && balanceOf[from] >= amount);
        uint256 fee = (amount * feeBps) / 10_000;
        balanceOf[from] -= amount;
        balanceOf[to] += amount - fee;
        emit Transfer(from, to, amount - fee);
        if (fee != 0) {
            balanceOf[FEE_COLLECTOR] += fee;
            emit Transfer(from, FEE_COLLECTOR, fee);
        }
    }
}
