// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IRecordDateToken} from "../interfaces/IRecordDateToken.sol";

/// @notice Test-only token with timestamp-keyed balance history, settable freezes and wallet successors: the
/// smallest implementation of IRecordDateToken, for testing the distributor in isolation. Like the SecurityToken,
/// `recordPosition` follows at most 8 successors and reverts on a longer chain (or a cycle). A holder marked with
/// {setLookupBomb} makes lookups burn all the gas they are given instead, as a hostile token could: level 1
/// `recordPosition` only, level 2 `balanceOfAt` too. Like the SecurityToken it gives each wallet a holder index on
/// its first credit, unless {setIndexing} turned that off (then new wallets get none, as a token without indexes).
contract DividendsMockToken is ERC20, IRecordDateToken {
    using Checkpoints for Checkpoints.Trace208;

    error DividendsMockFutureLookup(uint256 timepoint, uint48 clock);
    error DividendsMockChainTooLong(address holder);

    mapping(address account => Checkpoints.Trace208) private _history;
    Checkpoints.Trace208 private _supplyHistory;
    mapping(address account => bool) private _frozen;
    mapping(address account => address) private _successor;
    mapping(address account => uint8 level) private _lookupBomb;
    mapping(address account => uint256) private _overstatement;
    mapping(address account => uint256) private _holderIndex;
    uint256 private _indexCount;
    bool private _noIndexing;
    bool private _indexBomb;

    constructor() ERC20("Mock Revenue Right", "MRR") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function burn(address from, uint256 amount) external {
        _burn(from, amount);
    }

    function setFrozen(address account, bool frozen) external {
        _frozen[account] = frozen;
    }

    function setSuccessor(address lost, address successor) external {
        _successor[lost] = successor;
    }

    function setLookupBomb(address holder, uint8 level) external {
        _lookupBomb[holder] = level;
    }

    /// @notice Makes the record-date lookups report `extra` more than `account` held, as a faulty token could.
    function setOverstatement(address account, uint256 extra) external {
        _overstatement[account] = extra;
    }

    function setIndexing(bool on) external {
        _noIndexing = !on;
    }

    /// @notice Makes {holderIndex} revert, as a faulty token could.
    function setIndexBomb(bool on) external {
        _indexBomb = on;
    }

    function holderIndex(address account) external view returns (uint256) {
        if (_indexBomb) revert DividendsMockChainTooLong(account);
        return _holderIndex[account];
    }

    function clock() public view returns (uint48) {
        return uint48(block.timestamp);
    }

    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() external pure returns (string memory) {
        return "mode=timestamp";
    }

    function balanceOfAt(address account, uint256 timepoint) external view returns (uint256) {
        if (_lookupBomb[account] > 1) _burnAllGas();
        return _history[account].upperLookupRecent(_past(timepoint)) + _overstatement[account];
    }

    function totalSupplyAt(uint256 timepoint) external view returns (uint256) {
        return _supplyHistory.upperLookupRecent(_past(timepoint));
    }

    function isFrozen(address account) external view returns (bool) {
        return _frozen[account];
    }

    function walletSuccessor(address lostWallet) external view returns (address) {
        return _successor[lostWallet];
    }

    function recordPosition(
        address holder,
        uint256 timepoint
    ) external view returns (uint256 balance, address recipient, bool recipientFrozen, uint256 index) {
        balance = this.balanceOfAt(holder, timepoint);
        if (_lookupBomb[holder] != 0) _burnAllGas();
        recipient = holder;
        index = _holderIndex[holder];
        for (uint256 hops; hops <= 8; ++hops) {
            address next = _successor[recipient];
            if (next == address(0)) return (balance, recipient, _frozen[recipient], index);
            recipient = next;
        }
        revert DividendsMockChainTooLong(holder);
    }

    function _burnAllGas() private view {
        uint256 sink;
        while (gasleft() > 0) sink += _history[address(uint160(sink))].length();
    }

    function _past(uint256 timepoint) private view returns (uint48) {
        uint48 now_ = clock();
        if (timepoint >= now_) revert DividendsMockFutureLookup(timepoint, now_);
        return SafeCast.toUint48(timepoint);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        uint48 now_ = clock();
        if (from != address(0)) _history[from].push(now_, SafeCast.toUint208(balanceOf(from)));
        if (to != address(0)) _history[to].push(now_, SafeCast.toUint208(balanceOf(to)));
        if (to != address(0) && value != 0 && _holderIndex[to] == 0 && !_noIndexing) _holderIndex[to] = ++_indexCount;
        if (from == address(0) || to == address(0)) _supplyHistory.push(now_, SafeCast.toUint208(totalSupply()));
    }
}
