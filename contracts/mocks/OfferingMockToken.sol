// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IIssuanceToken} from "../interfaces/IIssuanceToken.sol";
import {ISecurityToken} from "../interfaces/ISecurityToken.sol";
import {IIdentityRegistry, InvestorId} from "../interfaces/IIdentityRegistry.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title OfferingMockToken
/// @notice Test-only security token for the offering's tests: an ERC-20 (18 decimals) implementing {IIssuanceToken}
/// with a settable restriction code per address (checked on mint like a real token would), one agent allowed to mint
/// and extend lock-ups, and recorded lock-ups. It also answers the views the offering reads from a security token
/// (compliance record, identity registry profile, investor balance, wallet successor), acting as its own registry:
/// each wallet is its own investor (key = the low 40 bits of the address) unless {setInvestorKey} says otherwise.
contract OfferingMockToken is ERC20, IIssuanceToken {
    /// @notice The caller is not the agent.
    error OfferingMockTokenNotAgent(address caller);
    /// @notice The mint is restricted for `to` (same code as {detectTransferRestriction}).
    error OfferingMockTokenRestricted(address to, uint8 code);

    address public agent;
    mapping(address account => uint8) public restrictionOf;
    mapping(address account => uint64) public lockupOf;
    uint256 public lockupCalls;
    ISecurityToken.Compliance private _compliance;
    mapping(address wallet => address) public walletSuccessor;
    mapping(address wallet => uint40) private _keys;
    mapping(uint40 investorKey => uint256) public investorBalance;

    constructor() ERC20("Mock Revenue Right", "MRR") {
        agent = msg.sender;
    }

    function setAgent(address agent_) external {
        agent = agent_;
    }

    function setRestriction(address account, uint8 code) external {
        restrictionOf[account] = code;
    }

    /// @notice Sets the max-investors rule (rule bit 1) and the investor count the offering reads.
    function setMaxInvestors(bool on, uint24 maxInvestors, uint24 investorCount) external {
        _compliance.rules = on ? 1 : 0;
        _compliance.maxInvestors = maxInvestors;
        _compliance.investorCount = investorCount;
    }

    function setWalletSuccessor(address lostWallet, address newWallet) external {
        walletSuccessor[lostWallet] = newWallet;
    }

    function setInvestorBalance(uint40 key, uint256 balance) external {
        investorBalance[key] = balance;
    }

    function setInvestorKey(address wallet, uint40 key) external {
        _keys[wallet] = key;
    }

    function compliance() external view returns (ISecurityToken.Compliance memory) {
        return _compliance;
    }

    function identityRegistry() external view returns (address) {
        return address(this);
    }

    function investorOf(address wallet) external view returns (InvestorId) {
        return InvestorId.wrap(bytes32(uint256(_keyOf(wallet))));
    }

    function investor(InvestorId id) external pure returns (IIdentityRegistry.Investor memory record) {
        record.key = uint40(uint256(InvestorId.unwrap(id)));
    }

    function _keyOf(address wallet) private view returns (uint40 key) {
        key = _keys[wallet];
        if (key == 0) key = uint40(uint160(wallet));
    }

    function detectTransferRestriction(address, address to, uint256) external view returns (uint8) {
        return restrictionOf[to];
    }

    function messageForTransferRestriction(uint8 code) external pure returns (string memory) {
        if (code == 0) return "No restriction";
        if (code == 1) return "Investor not verified";
        if (code == 2) return "Country not allowed";
        return "Restricted";
    }

    function mint(address to, uint256 amount) external {
        if (msg.sender != agent) revert OfferingMockTokenNotAgent(msg.sender);
        uint8 code = restrictionOf[to];
        if (code != 0) revert OfferingMockTokenRestricted(to, code);
        _mint(to, amount);
    }

    function extendLockup(address account, uint64 until) external {
        if (msg.sender != agent) revert OfferingMockTokenNotAgent(msg.sender);
        if (until > lockupOf[account]) lockupOf[account] = until;
        ++lockupCalls;
    }
}
