// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IDividendDistributor} from "../interfaces/IDividendDistributor.sol";
import {IRecordDateToken} from "../interfaces/IRecordDateToken.sol";

/// @title DividendDistributor
/// @notice Pays revenue pro rata to security-token holders at a record date, for any number of tokens and payout
/// tokens. Nothing iterates holders: entitlements are computed at claim time from the token's balance history, so
/// creating a distribution costs O(excluded addresses) and each claim O(1).
///
/// Roles:
/// - `DEFAULT_ADMIN_ROLE` (moves in two steps with a delay): grants the other roles.
/// - `DISTRIBUTOR_ROLE`: creates distributions; the creator alone may cancel or reclaim its own.
/// - `TAX_ADMIN_ROLE`: sets per-holder withholding rates and the tax wallet.
/// Pushing payments ({claimFor}) and releasing held entitlements need no role: money only ever goes to the holder.
///
/// Rules:
/// - Rounding: each entitlement is rounded down, so the sum of entitlements never exceeds the deposit; the dust
///   (less than one smallest unit per holder) is reclaimed with the unclaimed remainder after the deadline.
/// - Frozen holders: a frozen holder cannot claim; a push settlement holds its entitlement aside, and
///   {releaseHeld} pays it once the holder is unfrozen. Held amounts are never reclaimed and never expire.
/// - Wallet recovery: an entitlement of a wallet that was recovered is paid to the wallet that replaced it (the
///   token's `walletSuccessor`, followed up to {MAX_SUCCESSOR_HOPS} times), whoever triggers the claim.
/// - Forced transfers after the record date do not move entitlements: the record date fixes them.
/// - Withholding tax: the holder's rate at payment time is applied; the withheld part goes to the tax wallet.
///
/// WARNING: the payout token is trusted to be a sane ERC-20. Fee-on-transfer tokens are supported on deposit (the
/// amount received is what is distributed), rebasing tokens are not.
contract DividendDistributor is IDividendDistributor, AccessControlDefaultAdminRules {
    using SafeERC20 for IERC20;

    // ===== Constants =====

    /// @notice Creates distributions (and cancels or reclaims its own).
    bytes32 public constant DISTRIBUTOR_ROLE = keccak256("DISTRIBUTOR_ROLE");
    /// @notice Sets withholding rates and the tax wallet.
    bytes32 public constant TAX_ADMIN_ROLE = keccak256("TAX_ADMIN_ROLE");
    /// @notice 100% in basis points.
    uint16 public constant BPS = 10_000;
    /// @notice How many wallet recoveries in a row a payment follows.
    uint256 public constant MAX_SUCCESSOR_HOPS = 8;

    // ===== Types =====

    /// @dev What a settlement attempt found, for callers that skip rather than revert.
    enum Outcome {
        Payable,
        Frozen,
        AlreadyClaimed,
        Excluded,
        NothingDue
    }

    // ===== State =====

    uint256 private _count;
    mapping(uint256 distributionId => Distribution) private _distributions;
    mapping(uint256 distributionId => mapping(address account => bool)) private _excluded;
    /// @dev One bit per (holder, distribution): bit `id & 0xff` of word `id >> 8`, so a holder's claims across
    /// consecutive distributions share a slot.
    mapping(address holder => mapping(uint256 word => uint256 bits)) private _claimedBits;
    mapping(uint256 distributionId => mapping(address holder => uint256 gross)) private _held;
    mapping(address holder => uint16 rateBps) private _withholdingRate;
    address private _taxWallet;

    // ===== Constructor =====

    /// @param initialAdmin receives `DEFAULT_ADMIN_ROLE`.
    /// @param adminTransferDelay delay of a two-step admin handover, in seconds.
    constructor(
        address initialAdmin,
        uint48 adminTransferDelay
    ) AccessControlDefaultAdminRules(adminTransferDelay, initialAdmin) {}

    // ===== Issuer =====

    /// @inheritdoc IDividendDistributor
    function createDistribution(
        IRecordDateToken token,
        IERC20 payoutToken,
        uint256 amount,
        uint48 recordDate,
        uint48 claimDeadline,
        address[] calldata excluded
    ) external onlyRole(DISTRIBUTOR_ROLE) returns (uint256 distributionId) {
        if (address(token) == address(0) || address(payoutToken) == address(0)) revert DividendZeroAddress();
        if (amount == 0) revert DividendZeroAmount();
        uint256 clock = token.clock();
        if (recordDate >= clock) revert DividendRecordDateNotPast(recordDate, clock);
        if (claimDeadline <= block.timestamp) revert DividendDeadlineNotFuture(claimDeadline, block.timestamp);

        distributionId = ++_count;
        uint256 excludedSupply = _exclude(distributionId, token, recordDate, excluded);
        uint256 supply = token.totalSupplyAt(recordDate);
        if (excludedSupply >= supply) revert DividendNoEligibleSupply(supply, excludedSupply);

        uint256 received = _pull(payoutToken, amount);
        // A sanity check on what arrived (a fee-on-transfer token may deliver nothing), not a balance-based guard
        // an attacker could game: sending tokens to the contract only raises `received`.
        // slither-disable-next-line incorrect-equality
        if (received == 0) revert DividendZeroAmount();
        if (received > type(uint128).max) revert DividendAmountTooLarge(received);

        Distribution storage d = _distributions[distributionId];
        d.token = token;
        d.recordDate = recordDate;
        d.claimDeadline = claimDeadline;
        d.payoutToken = payoutToken;
        d.status = Status.Active;
        d.creator = msg.sender;
        d.amount = uint128(received);
        // Cannot underflow: excludedSupply < supply was checked above.
        unchecked {
            d.denominator = supply - excludedSupply;
        }
        _emitCreated(distributionId, d, supply, excluded);
    }

    /// @inheritdoc IDividendDistributor
    function cancelDistribution(uint256 distributionId) external {
        Distribution storage d = _creatorActive(distributionId);
        if (d.claimed != 0) revert DividendClaimsStarted(distributionId, d.claimed);
        d.status = Status.Cancelled;
        uint256 refund = d.amount;
        emit DistributionCancelled(distributionId, msg.sender, refund);
        d.payoutToken.safeTransfer(msg.sender, refund);
    }

    /// @inheritdoc IDividendDistributor
    function reclaim(uint256 distributionId) external returns (uint256 amount) {
        Distribution storage d = _creatorActive(distributionId);
        if (block.timestamp <= d.claimDeadline) revert DividendClaimPeriodOpen(distributionId, d.claimDeadline);
        // `claimed` never exceeds `amount`: entitlements are rounded down and each holder settles once.
        amount = d.amount - d.claimed;
        d.status = Status.Reclaimed;
        d.reclaimed = uint128(amount);
        emit Reclaimed(distributionId, msg.sender, amount);
        if (amount != 0) d.payoutToken.safeTransfer(msg.sender, amount);
    }

    // ===== Holders and operators =====

    /// @inheritdoc IDividendDistributor
    function claim(uint256 distributionId) external returns (uint256 net) {
        Distribution storage d = _claimable(distributionId);
        (Outcome outcome, address recipient, uint256 shares, uint256 gross) = _evaluate(distributionId, d, msg.sender);
        if (outcome != Outcome.Payable) _revertFor(outcome, distributionId, msg.sender);
        net = _settle(distributionId, d, msg.sender, recipient, shares, gross);
    }

    /// @inheritdoc IDividendDistributor
    function claimMany(uint256[] calldata distributionIds) external returns (uint256 totalNet) {
        for (uint256 i; i < distributionIds.length; ++i) {
            uint256 id = distributionIds[i];
            Distribution storage d = _distributions[id];
            if (d.status != Status.Active || block.timestamp > d.claimDeadline) continue;
            (Outcome outcome, address recipient, uint256 shares, uint256 gross) = _evaluate(id, d, msg.sender);
            if (outcome == Outcome.Frozen) revert DividendHolderFrozen(id, msg.sender);
            if (outcome == Outcome.Payable) totalNet += _settle(id, d, msg.sender, recipient, shares, gross);
        }
    }

    /// @inheritdoc IDividendDistributor
    function claimFor(uint256 distributionId, address[] calldata holders) external returns (uint256 paid) {
        Distribution storage d = _claimable(distributionId);
        for (uint256 i; i < holders.length; ++i) {
            address holder = holders[i];
            (Outcome outcome, address recipient, uint256 shares, uint256 gross) = _evaluate(distributionId, d, holder);
            if (outcome == Outcome.Payable) {
                _settle(distributionId, d, holder, recipient, shares, gross);
                ++paid;
            } else if (outcome == Outcome.Frozen) {
                _markClaimed(holder, distributionId);
                d.claimed += uint128(gross);
                d.held += uint128(gross);
                _held[distributionId][holder] = gross;
                emit EntitlementHeld(distributionId, holder, shares, gross);
            }
        }
    }

    /// @inheritdoc IDividendDistributor
    function releaseHeld(uint256 distributionId, address holder) external returns (uint256 net) {
        uint256 gross = _held[distributionId][holder];
        if (gross == 0) revert DividendNothingHeld(distributionId, holder);
        Distribution storage d = _distributions[distributionId];
        IRecordDateToken token = d.token;
        address recipient = _successorOf(token, holder);
        if (token.isFrozen(recipient)) revert DividendHolderFrozen(distributionId, holder);
        delete _held[distributionId][holder];
        d.held -= uint128(gross);
        net = _pay(distributionId, d, holder, recipient, token.balanceOfAt(holder, d.recordDate), gross);
    }

    // ===== Tax =====

    /// @inheritdoc IDividendDistributor
    function setWithholdingRate(address holder, uint16 rateBps) external onlyRole(TAX_ADMIN_ROLE) {
        if (holder == address(0)) revert DividendZeroAddress();
        if (rateBps > BPS) revert DividendInvalidTaxRate(rateBps);
        _withholdingRate[holder] = rateBps;
        emit WithholdingRateSet(holder, rateBps);
    }

    /// @inheritdoc IDividendDistributor
    function setTaxWallet(address newTaxWallet) external onlyRole(TAX_ADMIN_ROLE) {
        if (newTaxWallet == address(0)) revert DividendZeroAddress();
        _taxWallet = newTaxWallet;
        emit TaxWalletSet(newTaxWallet);
    }

    // ===== Views =====

    /// @inheritdoc IDividendDistributor
    function distribution(uint256 distributionId) external view returns (Distribution memory) {
        return _distributions[distributionId];
    }

    /// @inheritdoc IDividendDistributor
    function distributionCount() external view returns (uint256) {
        return _count;
    }

    /// @inheritdoc IDividendDistributor
    function claimable(
        uint256 distributionId,
        address holder
    ) public view returns (uint256 gross, uint256 withheld, uint256 net) {
        Distribution storage d = _distributions[distributionId];
        if (d.status != Status.Active || block.timestamp > d.claimDeadline) return (0, 0, 0);
        if (_isClaimed(holder, distributionId) || _excluded[distributionId][holder]) return (0, 0, 0);
        gross = _entitlement(d, d.token.balanceOfAt(holder, d.recordDate));
        withheld = _withholding(holder, gross);
        net = gross - withheld;
    }

    /// @inheritdoc IDividendDistributor
    function claimableMany(
        uint256[] calldata distributionIds,
        address holder
    ) external view returns (uint256[] memory net) {
        net = new uint256[](distributionIds.length);
        for (uint256 i; i < distributionIds.length; ++i) {
            (, , net[i]) = claimable(distributionIds[i], holder);
        }
    }

    /// @inheritdoc IDividendDistributor
    function entitlementOf(uint256 distributionId, address holder) external view returns (uint256) {
        Distribution storage d = _distributions[distributionId];
        if (d.status == Status.None) revert DividendUnknownDistribution(distributionId);
        if (_excluded[distributionId][holder]) return 0;
        return _entitlement(d, d.token.balanceOfAt(holder, d.recordDate));
    }

    /// @inheritdoc IDividendDistributor
    function isClaimed(uint256 distributionId, address holder) external view returns (bool) {
        return _isClaimed(holder, distributionId);
    }

    /// @inheritdoc IDividendDistributor
    function isExcluded(uint256 distributionId, address account) external view returns (bool) {
        return _excluded[distributionId][account];
    }

    /// @inheritdoc IDividendDistributor
    function heldFor(uint256 distributionId, address holder) external view returns (uint256) {
        return _held[distributionId][holder];
    }

    /// @inheritdoc IDividendDistributor
    function withholdingRateOf(address holder) external view returns (uint16) {
        return _withholdingRate[holder];
    }

    /// @inheritdoc IDividendDistributor
    function taxWallet() external view returns (address) {
        return _taxWallet;
    }

    // ===== Internal =====

    /// @dev The distribution, which must be Active and within its claim period.
    function _claimable(uint256 distributionId) private view returns (Distribution storage d) {
        d = _distributions[distributionId];
        if (d.status == Status.None) revert DividendUnknownDistribution(distributionId);
        if (d.status != Status.Active) revert DividendWrongStatus(distributionId, d.status);
        if (block.timestamp > d.claimDeadline) revert DividendClaimPeriodEnded(distributionId, d.claimDeadline);
    }

    /// @dev The distribution, which must be Active and created by the caller.
    function _creatorActive(uint256 distributionId) private view returns (Distribution storage d) {
        d = _distributions[distributionId];
        if (d.status == Status.None) revert DividendUnknownDistribution(distributionId);
        if (d.creator != msg.sender) revert DividendNotCreator(distributionId, msg.sender);
        if (d.status != Status.Active) revert DividendWrongStatus(distributionId, d.status);
    }

    /// @dev Decides what settling `holder` in an open distribution would do, without changing state.
    function _evaluate(
        uint256 distributionId,
        Distribution storage d,
        address holder
    ) private view returns (Outcome outcome, address recipient, uint256 shares, uint256 gross) {
        if (_isClaimed(holder, distributionId)) return (Outcome.AlreadyClaimed, address(0), 0, 0);
        if (_excluded[distributionId][holder]) return (Outcome.Excluded, address(0), 0, 0);
        IRecordDateToken token = d.token;
        shares = token.balanceOfAt(holder, d.recordDate);
        gross = _entitlement(d, shares);
        if (gross == 0) return (Outcome.NothingDue, address(0), shares, 0);
        recipient = _successorOf(token, holder);
        outcome = token.isFrozen(recipient) ? Outcome.Frozen : Outcome.Payable;
    }

    function _revertFor(Outcome outcome, uint256 distributionId, address holder) private pure {
        if (outcome == Outcome.Frozen) revert DividendHolderFrozen(distributionId, holder);
        if (outcome == Outcome.AlreadyClaimed) revert DividendAlreadyClaimed(distributionId, holder);
        if (outcome == Outcome.Excluded) revert DividendHolderExcluded(distributionId, holder);
        revert DividendNothingToClaim(distributionId, holder);
    }

    /// @dev Marks `holder` settled, counts `gross` as claimed and pays it.
    function _settle(
        uint256 distributionId,
        Distribution storage d,
        address holder,
        address recipient,
        uint256 shares,
        uint256 gross
    ) private returns (uint256 net) {
        _markClaimed(holder, distributionId);
        // Bounded by d.amount (a uint128): the gross entitlements of distinct holders sum to at most the deposit.
        d.claimed += uint128(gross);
        net = _pay(distributionId, d, holder, recipient, shares, gross);
    }

    /// @dev Splits `gross` into withheld tax and net, transfers both, and emits {Claimed}.
    function _pay(
        uint256 distributionId,
        Distribution storage d,
        address holder,
        address recipient,
        uint256 shares,
        uint256 gross
    ) private returns (uint256 net) {
        uint16 rate = _withholdingRate[holder];
        uint256 withheld = Math.mulDiv(gross, rate, BPS);
        net = gross - withheld;
        address taxWallet_ = _taxWallet;
        if (withheld != 0 && taxWallet_ == address(0)) revert DividendTaxWalletUnset();
        emit Claimed(distributionId, holder, recipient, msg.sender, shares, gross, withheld, net, rate, taxWallet_);
        IERC20 payoutToken = d.payoutToken;
        if (withheld != 0) payoutToken.safeTransfer(taxWallet_, withheld);
        if (net != 0) payoutToken.safeTransfer(recipient, net);
    }

    function _entitlement(Distribution storage d, uint256 shares) private view returns (uint256) {
        return Math.mulDiv(shares, d.amount, d.denominator, Math.Rounding.Floor);
    }

    function _withholding(address holder, uint256 gross) private view returns (uint256) {
        return Math.mulDiv(gross, _withholdingRate[holder], BPS);
    }

    /// @dev Follows wallet recoveries from `holder` to the wallet that holds its rights now.
    function _successorOf(IRecordDateToken token, address holder) private view returns (address current) {
        current = holder;
        for (uint256 hops; hops <= MAX_SUCCESSOR_HOPS; ++hops) {
            address next = token.walletSuccessor(current);
            if (next == address(0)) return current;
            current = next;
        }
        revert DividendSuccessorChainTooLong(holder);
    }

    /// @dev Records the exclusion list and returns the excluded addresses' balances at the record date.
    function _exclude(
        uint256 distributionId,
        IRecordDateToken token,
        uint48 recordDate,
        address[] calldata excluded
    ) private returns (uint256 excludedSupply) {
        for (uint256 i; i < excluded.length; ++i) {
            address account = excluded[i];
            if (_excluded[distributionId][account]) revert DividendDuplicateExclusion(account);
            _excluded[distributionId][account] = true;
            excludedSupply += token.balanceOfAt(account, recordDate);
        }
    }

    function _emitCreated(
        uint256 distributionId,
        Distribution storage d,
        uint256 supply,
        address[] calldata excluded
    ) private {
        emit DistributionCreated(
            distributionId,
            address(d.token),
            address(d.payoutToken),
            d.creator,
            d.amount,
            d.recordDate,
            d.claimDeadline,
            supply,
            supply - d.denominator,
            d.denominator,
            excluded
        );
    }

    function _pull(IERC20 payoutToken, uint256 amount) private returns (uint256 received) {
        uint256 before = payoutToken.balanceOf(address(this));
        payoutToken.safeTransferFrom(msg.sender, address(this), amount);
        received = payoutToken.balanceOf(address(this)) - before;
    }

    function _isClaimed(address holder, uint256 distributionId) private view returns (bool) {
        return _claimedBits[holder][distributionId >> 8] & (1 << (distributionId & 0xff)) != 0;
    }

    function _markClaimed(address holder, uint256 distributionId) private {
        _claimedBits[holder][distributionId >> 8] |= 1 << (distributionId & 0xff);
    }
}
