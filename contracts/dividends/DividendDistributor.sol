// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IDividendDistributor} from "../interfaces/IDividendDistributor.sol";
import {IRecordDateToken} from "../interfaces/IRecordDateToken.sol";

/// @title DividendDistributor
/// @notice Pays revenue pro rata to security-token holders at a record date, for any number of tokens and payout
/// tokens. Nothing iterates holders: entitlements are computed at claim time from the token's balance history, so
/// creating a distribution costs O(excluded addresses) and each claim O(1).
///
/// Roles:
/// - `DEFAULT_ADMIN_ROLE` (moves in two steps with a delay): grants the other roles, sets where remainders go
///   ({setRemainderRecipient}) and may reclaim any distribution after its deadline.
/// - `DISTRIBUTOR_ROLE`: creates distributions; the creator alone may cancel its own, and reclaim it.
/// - `TAX_ADMIN_ROLE`: sets per-holder withholding rates and the tax wallet.
/// Pushing payments ({claimFor}) and releasing held entitlements need no role: money only ever goes to the holder.
///
/// Rules:
/// - Rounding: each entitlement is rounded down, so the sum of entitlements never exceeds the deposit; the dust
///   (less than one smallest unit per holder) is reclaimed with the unclaimed remainder after the deadline.
/// - Remainders (a cancellation's refund, a reclaim) go to the remainder recipient set by the admin, or to the
///   distribution's creator while none is set; the caller never chooses where they go.
/// - Frozen holders: a frozen holder cannot claim; a push settlement holds its entitlement aside, and
///   {releaseHeld} pays it once the holder is unfrozen. Held amounts are never reclaimed and never expire.
/// - Isolation: in {claimFor} each holder settles on its own. A holder whose recovery chain the token cannot
///   resolve, whose payout (or tax) transfer the payout token refuses, or who owes tax while no tax wallet is set,
///   is held like a frozen holder ({ClaimSkipped} gives the reason); the others are paid. The token is asked with a
///   gas cap ({RECORD_LOOKUP_GAS}). Holding is the worst a caller can cause (e.g. by starving a call of gas): the
///   money stays the holder's, and anyone can {releaseHeld} it.
/// - Wallet recovery: an entitlement of a wallet that was recovered is paid to the wallet that replaced it (the
///   end of its recovery chain, as the token's `recordPosition` reports it), whoever triggers the claim.
/// - Forced transfers after the record date do not move entitlements: the record date fixes them.
/// - Settled and excluded flags are kept by the token's holder index ({IRecordDateToken-holderIndex}) in words shared
///   by 16 holders and 8 distributions, so a claim usually updates a word instead of filling an empty one; a holder
///   without an index (0) has them kept by address. The token is trusted to keep indexes unique and fixed.
/// - Withholding tax: the holder's rate at payment time is applied; the withheld part goes to the tax wallet.
/// - Limits: a distribution holds at most 2^96 - 1 units of its payout token and divides by an eligible supply of
///   at most 2^128 - 1; its deadline fits 40 bits; at most 2^32 - 1 accounts are ever granted
///   `DISTRIBUTOR_ROLE` (the price of storing a distribution in three storage slots; README, "Dividends").
///
/// WARNING: the payout token is trusted to be a sane ERC-20. Fee-on-transfer tokens are supported on deposit (the
/// amount received is what is distributed), rebasing tokens are not.
contract DividendDistributor is IDividendDistributor, AccessControlDefaultAdminRules {
    using SafeERC20 for IERC20;

    // ===== Types =====

    /// @dev A distribution in storage: three slots, all written once by {createDistribution}; a claim reads the
    /// three and writes slot 2. The creator is kept as its creator id ({_distributorWords}) and the held total in
    /// {_heldTotals}, so that creating a distribution fills three fresh slots instead of four. The interface's
    /// {Distribution} is built from it by {distribution}.
    // Every slot is full (256 bits); the rule's size heuristic does not see it.
    // solhint-disable-next-line gas-struct-packing
    struct Stored {
        // slot 0
        IRecordDateToken token;
        uint48 recordDate;
        uint40 claimDeadline;
        Status status;
        // slot 1
        IERC20 payoutToken;
        uint96 amount;
        // slot 2
        uint128 denominator;
        uint96 claimed;
        uint32 creatorId;
    }

    /// @dev Payments of {claimMany} not yet transferred: consecutive ones to the same wallet in the same token.
    struct Pending {
        IERC20 payoutToken;
        address recipient;
        uint256 net;
        uint256 withheld;
    }

    // ===== Constants =====

    /// @notice Creates distributions (and cancels or reclaims its own).
    bytes32 public constant DISTRIBUTOR_ROLE = keccak256("DISTRIBUTOR_ROLE");
    /// @notice Sets withholding rates and the tax wallet.
    bytes32 public constant TAX_ADMIN_ROLE = keccak256("TAX_ADMIN_ROLE");
    /// @notice 100% in basis points.
    uint16 public constant BPS = 10_000;
    /// @notice Gas {claimFor} gives each call into the token for one holder; a lookup that needs more (or
    /// reverts) skips or holds that holder instead of failing the batch. The SecurityToken's `recordPosition`
    /// needs a few thousand (its recovery chain is bounded to 8 hops), its `holderIndex` a few hundred.
    uint256 public constant RECORD_LOOKUP_GAS = 300_000;

    /// @dev Two flags per holder and distribution. A holder with a holder index (the token's `holderIndex`) keeps
    /// them in {_indexFlags}: word `index >> 4` of distribution block `id >> 3` holds 16 holders x 8 distributions,
    /// at bit `((index & 15) * 8 + (id & 7)) * 2`. One without (index 0) keeps them in {_holderFlags}: word `id >> 7`
    /// of the holder, at bit `(id & 127) * 2`.
    uint256 private constant _SETTLED = 1; // paid, or its entitlement held
    uint256 private constant _EXCLUDED = 2; // excluded at creation

    /// @dev In a distributor word: whether the account holds `DISTRIBUTOR_ROLE` now (bits 0-31 are its creator id).
    uint256 private constant _IS_DISTRIBUTOR = 1 << 32;

    // ===== State =====

    /// @dev The next distribution id. Starts at 1 (set in the constructor), so creating a distribution updates a
    /// non-zero slot instead of filling an empty one.
    uint256 private _nextId;
    mapping(uint256 distributionId => Stored) private _distributions;
    /// @dev {_SETTLED} and {_EXCLUDED} flags of indexed holders (see {_SETTLED}), shared by 16 holders and 8
    /// consecutive distributions: only the first claim in a word fills a fresh slot (22,100 gas), the others update
    /// it (5,000), and a claim reads one slot for both "already settled" and "excluded".
    mapping(uint256 distributionBlock => mapping(uint256 word => uint256 flags)) private _indexFlags;
    /// @dev The same flags of holders without an index, 128 distributions per word of the holder.
    mapping(address holder => mapping(uint256 word => uint256 flags)) private _holderFlags;
    mapping(uint256 distributionId => mapping(address holder => uint256 gross)) private _held;
    /// @dev Per distribution, the sum of its {_held} entitlements (written only when a holder is held or released).
    mapping(uint256 distributionId => uint256 gross) private _heldTotals;
    /// @dev Per account: its creator id (bits 0-31, given the first time it is granted `DISTRIBUTOR_ROLE`, never
    /// reused) and {_IS_DISTRIBUTOR}, which {_grantRole} and {_revokeRole} keep equal to `hasRole(DISTRIBUTOR_ROLE,
    /// account)`. {createDistribution} reads this one slot for both its role check and the creator id it stores.
    mapping(address account => uint256 word) private _distributorWords;
    mapping(uint256 creatorId => address account) private _creators;
    uint256 private _creatorCount;
    mapping(address holder => uint16 rateBps) private _withholdingRate;
    address private _taxWallet;
    address private _remainderRecipient;

    // ===== Constructor =====

    /// @param initialAdmin receives `DEFAULT_ADMIN_ROLE`.
    /// @param adminTransferDelay delay of a two-step admin handover, in seconds.
    constructor(
        address initialAdmin,
        uint48 adminTransferDelay
    ) AccessControlDefaultAdminRules(adminTransferDelay, initialAdmin) {
        _nextId = 1;
    }

    // ===== Issuer =====

    /// @inheritdoc IDividendDistributor
    function createDistribution(
        IRecordDateToken token,
        IERC20 payoutToken,
        uint256 amount,
        uint48 recordDate,
        uint48 claimDeadline,
        address[] calldata excluded
    ) external returns (uint256 distributionId) {
        // The role check of `onlyRole(DISTRIBUTOR_ROLE)`, on the slot that also holds the creator id.
        uint256 creator = _distributorWords[msg.sender];
        if (creator & _IS_DISTRIBUTOR == 0) revert AccessControlUnauthorizedAccount(msg.sender, DISTRIBUTOR_ROLE);
        if (address(token) == address(0) || address(payoutToken) == address(0)) revert DividendZeroAddress();
        if (amount == 0) revert DividendZeroAmount();
        if (claimDeadline <= block.timestamp) revert DividendDeadlineNotFuture(claimDeadline, block.timestamp);
        uint256 supply = _supplyAt(token, recordDate);

        distributionId = _nextId;
        _nextId = distributionId + 1;
        uint256 excludedSupply = _exclude(distributionId, token, recordDate, excluded);
        if (excludedSupply >= supply) revert DividendNoEligibleSupply(supply, excludedSupply);
        // Cannot underflow: excludedSupply < supply was checked above.
        uint256 eligible;
        unchecked {
            eligible = supply - excludedSupply;
        }
        if (eligible > type(uint128).max) revert DividendSupplyTooLarge(eligible);

        uint256 received = _pull(payoutToken, amount);
        // A sanity check on what arrived (a fee-on-transfer token may deliver nothing), not a balance-based guard
        // an attacker could game: sending tokens to the contract only raises `received`.
        // slither-disable-next-line incorrect-equality
        if (received == 0) revert DividendZeroAmount();
        if (received > type(uint96).max) revert DividendAmountTooLarge(received);

        Stored storage d = _distributions[distributionId];
        _storeHead(d, token, recordDate, claimDeadline);
        d.payoutToken = payoutToken;
        d.amount = uint96(received);
        d.denominator = uint128(eligible);
        d.creatorId = uint32(creator);
        _emitCreated(distributionId, d, supply, excluded);
    }

    /// @inheritdoc IDividendDistributor
    function cancelDistribution(uint256 distributionId) external {
        Stored storage d = _known(distributionId);
        address creator = _creators[d.creatorId];
        if (creator != msg.sender) revert DividendNotCreator(distributionId, msg.sender);
        if (d.status != Status.Active) revert DividendWrongStatus(distributionId, d.status);
        if (d.claimed != 0) revert DividendClaimsStarted(distributionId, d.claimed);
        d.status = Status.Cancelled;
        uint256 refund = d.amount;
        emit DistributionCancelled(distributionId, creator, refund);
        d.payoutToken.safeTransfer(_remainderTo(creator), refund);
    }

    /// @inheritdoc IDividendDistributor
    function reclaim(uint256 distributionId) external returns (uint256 amount) {
        Stored storage d = _known(distributionId);
        address creator = _creators[d.creatorId];
        if (creator != msg.sender && !hasRole(DEFAULT_ADMIN_ROLE, msg.sender)) {
            revert DividendNotCreator(distributionId, msg.sender);
        }
        if (d.status != Status.Active) revert DividendWrongStatus(distributionId, d.status);
        if (block.timestamp <= d.claimDeadline) revert DividendClaimPeriodOpen(distributionId, d.claimDeadline);
        // `claimed` never exceeds `amount`: entitlements are rounded down and each holder settles once.
        amount = d.amount - d.claimed;
        d.status = Status.Reclaimed;
        emit Reclaimed(distributionId, creator, amount);
        if (amount != 0) d.payoutToken.safeTransfer(_remainderTo(creator), amount);
    }

    /// @inheritdoc IDividendDistributor
    function setRemainderRecipient(address recipient) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _remainderRecipient = recipient;
        emit RemainderRecipientSet(recipient);
    }

    // ===== Holders and operators =====

    /// @inheritdoc IDividendDistributor
    function claim(uint256 distributionId) external returns (uint256 net) {
        // One read per slot: the three slots are copied once (each is needed), then used from memory.
        Stored memory m = _distributions[distributionId];
        _checkOpen(distributionId, m);
        (uint256 shares, address recipient, bool frozen, uint256 index) = m.token.recordPosition(
            msg.sender,
            m.recordDate
        );
        (mapping(uint256 => uint256) storage words, uint256 word, uint256 shift, uint256 flags) = _flagsOf(
            msg.sender,
            index,
            distributionId
        );
        if ((flags >> shift) & _EXCLUDED != 0) revert DividendHolderExcluded(distributionId, msg.sender);
        if ((flags >> shift) & _SETTLED != 0) revert DividendAlreadyClaimed(distributionId, msg.sender);
        if (shares > m.denominator) shares = m.denominator; // as in {_entitlement}
        uint256 gross = (shares * m.amount) / m.denominator;
        // A zero entitlement is refused, not a balance-based guard: nothing anyone sends changes it.
        // slither-disable-next-line incorrect-equality
        if (gross == 0) revert DividendNothingToClaim(distributionId, msg.sender);
        if (frozen) revert DividendHolderFrozen(distributionId, msg.sender);
        words[word] = flags | (_SETTLED << shift);
        // Bounded by amount (a uint96): the gross entitlements of distinct holders sum to at most the deposit.
        _distributions[distributionId].claimed = m.claimed + uint96(gross);
        net = _pay(distributionId, m.payoutToken, msg.sender, recipient, shares, gross);
    }

    /// @inheritdoc IDividendDistributor
    function claimMany(uint256[] calldata distributionIds) external returns (uint256 totalNet) {
        Pending memory pending = Pending(IERC20(address(0)), address(0), 0, 0);
        for (uint256 i; i < distributionIds.length; ++i) {
            uint256 id = distributionIds[i];
            Stored storage d = _distributions[id];
            if (d.status != Status.Active || block.timestamp > d.claimDeadline) continue;
            (uint256 shares, address recipient, bool frozen, uint256 index) = d.token.recordPosition(
                msg.sender,
                d.recordDate
            );
            uint256 gross = _entitlement(d, shares);
            if (gross == 0 || !_settle(msg.sender, index, id)) continue;
            if (frozen) revert DividendHolderFrozen(id, msg.sender);
            d.claimed += uint96(gross);
            IERC20 payoutToken = d.payoutToken;
            if (payoutToken != pending.payoutToken || recipient != pending.recipient) {
                _transferPending(pending);
                pending = Pending(payoutToken, recipient, 0, 0);
            }
            (uint256 withheld, uint256 net) = _split(id, msg.sender, recipient, shares, gross);
            pending.net += net;
            pending.withheld += withheld;
            totalNet += net;
        }
        _transferPending(pending);
    }

    /// @inheritdoc IDividendDistributor
    function claimFor(uint256 distributionId, address[] calldata holders) external returns (uint256 paid) {
        Stored storage d = _open(distributionId);
        for (uint256 i; i < holders.length; ++i) {
            if (_settleFor(distributionId, d, holders[i])) ++paid;
        }
    }

    /// @inheritdoc IDividendDistributor
    function releaseHeld(uint256 distributionId, address holder) external returns (uint256 net) {
        uint256 gross = _held[distributionId][holder];
        if (gross == 0) revert DividendNothingHeld(distributionId, holder);
        Stored storage d = _distributions[distributionId];
        // The holder index (fourth value) only keys claimed flags; releasing a held share does not need it.
        // slither-disable-next-line unused-return
        (uint256 shares, address recipient, bool frozen, ) = d.token.recordPosition(holder, d.recordDate);
        if (frozen) revert DividendHolderFrozen(distributionId, holder);
        delete _held[distributionId][holder];
        // Cannot underflow: the total includes this holder's held amount.
        unchecked {
            _heldTotals[distributionId] -= gross;
        }
        net = _pay(distributionId, d.payoutToken, holder, recipient, shares, gross);
    }

    /// @notice The two transfers of one holder's payment, as one call that {claimFor} can undo as a whole when
    /// either fails. Not an entry point: only the distributor itself may call it.
    /// @dev Requirements: caller is this contract.
    function settlePayment(
        IERC20 payoutToken,
        address taxWallet_,
        uint256 withheld,
        address recipient,
        uint256 net
    ) external {
        if (msg.sender != address(this)) revert DividendOnlySelf(msg.sender);
        if (withheld != 0) payoutToken.safeTransfer(taxWallet_, withheld);
        if (net != 0) payoutToken.safeTransfer(recipient, net);
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
    function distribution(uint256 distributionId) external view returns (Distribution memory d) {
        Stored storage s = _distributions[distributionId];
        d.token = s.token;
        d.recordDate = s.recordDate;
        d.claimDeadline = s.claimDeadline;
        d.payoutToken = s.payoutToken;
        d.status = s.status;
        d.creator = s.status == Status.None ? address(0) : _creators[s.creatorId];
        d.amount = s.amount;
        d.claimed = s.claimed;
        d.denominator = s.denominator;
        d.held = uint128(_heldTotals[distributionId]);
        // What {reclaim} returned: the remainder it computed is never touched again (held amounts are not in it).
        if (s.status == Status.Reclaimed) d.reclaimed = s.amount - s.claimed;
    }

    /// @inheritdoc IDividendDistributor
    function distributionCount() external view returns (uint256) {
        return _nextId - 1;
    }

    /// @inheritdoc IDividendDistributor
    function claimable(
        uint256 distributionId,
        address holder
    ) public view returns (uint256 gross, uint256 withheld, uint256 net) {
        Stored storage d = _distributions[distributionId];
        if (d.status != Status.Active || block.timestamp > d.claimDeadline) return (0, 0, 0);
        if (_viewFlags(distributionId, holder) & (_SETTLED | _EXCLUDED) != 0) return (0, 0, 0);
        gross = _entitlement(d, d.token.balanceOfAt(holder, d.recordDate));
        withheld = (gross * _withholdingRate[holder]) / BPS;
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
        Stored storage d = _known(distributionId);
        if (_viewFlags(distributionId, holder) & _EXCLUDED != 0) return 0;
        return _entitlement(d, d.token.balanceOfAt(holder, d.recordDate));
    }

    /// @inheritdoc IDividendDistributor
    function isClaimed(uint256 distributionId, address holder) external view returns (bool) {
        return _viewFlags(distributionId, holder) & _SETTLED != 0;
    }

    /// @inheritdoc IDividendDistributor
    function isExcluded(uint256 distributionId, address account) external view returns (bool) {
        return _viewFlags(distributionId, account) & _EXCLUDED != 0;
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

    /// @inheritdoc IDividendDistributor
    function remainderRecipient() external view returns (address) {
        return _remainderRecipient;
    }

    // ===== Internal =====

    /// @dev Also mirrors `DISTRIBUTOR_ROLE` into the account's distributor word, giving the account a creator id the
    /// first time it is granted the role.
    function _grantRole(bytes32 role, address account) internal override returns (bool granted) {
        granted = super._grantRole(role, account);
        if (granted && role == DISTRIBUTOR_ROLE) {
            uint256 word = _distributorWords[account];
            if (word == 0) {
                word = SafeCast.toUint32(++_creatorCount);
                _creators[word] = account;
            }
            _distributorWords[account] = word | _IS_DISTRIBUTOR;
        }
    }

    /// @dev Also clears the account's {_IS_DISTRIBUTOR} mirror; its creator id stays (its distributions keep it).
    function _revokeRole(bytes32 role, address account) internal override returns (bool revoked) {
        revoked = super._revokeRole(role, account);
        if (revoked && role == DISTRIBUTOR_ROLE) _distributorWords[account] &= ~_IS_DISTRIBUTOR;
    }

    /// @dev The distribution, which must exist.
    function _known(uint256 distributionId) private view returns (Stored storage d) {
        d = _distributions[distributionId];
        if (d.status == Status.None) revert DividendUnknownDistribution(distributionId);
    }

    /// @dev The distribution, which must be Active and within its claim period.
    function _open(uint256 distributionId) private view returns (Stored storage d) {
        d = _known(distributionId);
        if (d.status != Status.Active) revert DividendWrongStatus(distributionId, d.status);
        if (block.timestamp > d.claimDeadline) revert DividendClaimPeriodEnded(distributionId, d.claimDeadline);
    }

    /// @dev {_open}'s checks on a copy in memory.
    function _checkOpen(uint256 distributionId, Stored memory m) private view {
        // A status comparison (an enum), not a balance.
        // slither-disable-next-line incorrect-equality
        if (m.status == Status.None) revert DividendUnknownDistribution(distributionId);
        if (m.status != Status.Active) revert DividendWrongStatus(distributionId, m.status);
        if (block.timestamp > m.claimDeadline) revert DividendClaimPeriodEnded(distributionId, m.claimDeadline);
    }

    /// @dev Settles `holder` in a {claimFor} batch without ever reverting because of it; returns whether it was
    /// paid. Already settled, excluded and zero entitlements are skipped silently; the rest is paid or held.
    function _settleFor(uint256 distributionId, Stored storage d, address holder) private returns (bool) {
        IRecordDateToken token = d.token;
        uint256 index = 0;
        try token.holderIndex{gas: RECORD_LOOKUP_GAS}(holder) returns (uint256 holderIndex) {
            index = holderIndex;
        } catch {
            emit ClaimSkipped(distributionId, holder, SkipReason.RecordUnavailable, 0);
            return false;
        }
        if (_flagsAt(holder, index, distributionId) & (_SETTLED | _EXCLUDED) != 0) return false;
        (bool known, bool resolved, uint256 shares, address recipient, bool frozen) = _lookUp(
            token,
            holder,
            d.recordDate
        );
        if (!known) {
            emit ClaimSkipped(distributionId, holder, SkipReason.RecordUnavailable, 0);
            return false;
        }
        uint256 gross = _entitlement(d, shares);
        if (gross == 0) return false;
        _settle(holder, index, distributionId);
        d.claimed += uint96(gross);
        if (frozen) return _hold(distributionId, holder, shares, gross);
        if (!resolved) return _skip(distributionId, holder, shares, gross, SkipReason.RecipientUnresolved);
        return _push(distributionId, d, holder, recipient, shares, gross);
    }

    /// @dev Asks the token where `holder` stands, with a gas cap and without reverting. `known`: the record
    /// balance is known; `resolved`: so are the recipient and its frozen state (false when only the balance could
    /// be read, e.g. a recovery chain the token refuses to follow).
    function _lookUp(
        IRecordDateToken token,
        address holder,
        uint48 recordDate
    ) private view returns (bool known, bool resolved, uint256 shares, address recipient, bool frozen) {
        // The holder index (fourth value) is read separately by the batch, before this lookup.
        // slither-disable-next-line unused-return
        try token.recordPosition{gas: RECORD_LOOKUP_GAS}(holder, recordDate) returns (
            uint256 balance,
            address to,
            bool toFrozen,
            uint256
        ) {
            return (true, true, balance, to, toFrozen);
        } catch {
            try token.balanceOfAt{gas: RECORD_LOOKUP_GAS}(holder, recordDate) returns (uint256 balance) {
                return (true, false, balance, address(0), false);
            } catch {
                return (false, false, 0, address(0), false);
            }
        }
    }

    /// @dev Pays a resolved, unfrozen holder in a {claimFor} batch, or holds its entitlement when the payment
    /// cannot be made; returns whether it was paid.
    function _push(
        uint256 distributionId,
        Stored storage d,
        address holder,
        address recipient,
        uint256 shares,
        uint256 gross
    ) private returns (bool) {
        uint16 rate = _withholdingRate[holder];
        uint256 withheld = (gross * rate) / BPS;
        address taxWallet_ = address(0);
        if (withheld != 0) {
            taxWallet_ = _taxWallet;
            if (taxWallet_ == address(0)) {
                return _skip(distributionId, holder, shares, gross, SkipReason.TaxWalletUnset);
            }
        }
        uint256 net = gross - withheld;
        try this.settlePayment(d.payoutToken, taxWallet_, withheld, recipient, net) {
            emit Claimed(distributionId, holder, recipient, msg.sender, shares, gross, withheld, net, rate, taxWallet_);
            return true;
        } catch {
            return _skip(distributionId, holder, shares, gross, SkipReason.PayoutFailed);
        }
    }

    /// @dev Sets a settled holder's `gross` aside (held until {releaseHeld}); returns false (not paid).
    function _hold(uint256 distributionId, address holder, uint256 shares, uint256 gross) private returns (bool) {
        _heldTotals[distributionId] += gross;
        _held[distributionId][holder] = gross;
        emit EntitlementHeld(distributionId, holder, shares, gross);
        return false;
    }

    /// @dev {_hold} for a holder that could not be paid, with the reason.
    function _skip(
        uint256 distributionId,
        address holder,
        uint256 shares,
        uint256 gross,
        SkipReason reason
    ) private returns (bool) {
        _hold(distributionId, holder, shares, gross);
        emit ClaimSkipped(distributionId, holder, reason, gross);
        return false;
    }

    /// @dev Splits `gross` into withheld tax and net, emits {Claimed}, and transfers both.
    function _pay(
        uint256 distributionId,
        IERC20 payoutToken,
        address holder,
        address recipient,
        uint256 shares,
        uint256 gross
    ) private returns (uint256 net) {
        uint256 withheld;
        (withheld, net) = _split(distributionId, holder, recipient, shares, gross);
        if (withheld != 0) payoutToken.safeTransfer(_taxWallet, withheld);
        if (net != 0) payoutToken.safeTransfer(recipient, net);
    }

    /// @dev Splits `gross` at `holder`'s rate and emits {Claimed}; reverts when tax is due and no tax wallet is set.
    /// The tax wallet is read only when something is withheld (the event names it only then).
    function _split(
        uint256 distributionId,
        address holder,
        address recipient,
        uint256 shares,
        uint256 gross
    ) private returns (uint256 withheld, uint256 net) {
        uint16 rate = _withholdingRate[holder];
        // No overflow: gross < 2^96 and rate <= 10_000.
        withheld = (gross * rate) / BPS;
        net = gross - withheld;
        address taxWallet_ = address(0);
        if (withheld != 0) {
            taxWallet_ = _taxWallet;
            if (taxWallet_ == address(0)) revert DividendTaxWalletUnset();
        }
        emit Claimed(distributionId, holder, recipient, msg.sender, shares, gross, withheld, net, rate, taxWallet_);
    }

    /// @dev Makes the transfers {claimMany} collected for one wallet and payout token.
    function _transferPending(Pending memory pending) private {
        if (pending.withheld != 0) pending.payoutToken.safeTransfer(_taxWallet, pending.withheld);
        if (pending.net != 0) pending.payoutToken.safeTransfer(pending.recipient, pending.net);
    }

    /// @dev floor(shares * amount / denominator). A holder that is not excluded holds at most the eligible supply,
    /// so `shares <= denominator < 2^160` and, with `amount < 2^96`, the product fits 256 bits; the cap keeps that
    /// true (and every entitlement within the deposit) whatever the token reports.
    function _entitlement(Stored storage d, uint256 shares) private view returns (uint256) {
        uint256 denominator = d.denominator;
        if (shares > denominator) shares = denominator;
        return (shares * d.amount) / denominator;
    }

    function _remainderTo(address creator) private view returns (address) {
        address recipient = _remainderRecipient;
        return recipient == address(0) ? creator : recipient;
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
            (mapping(uint256 => uint256) storage words, uint256 word, uint256 shift, uint256 flags) = _flagsOf(
                account,
                token.holderIndex(account),
                distributionId
            );
            if ((flags >> shift) & _EXCLUDED != 0) revert DividendDuplicateExclusion(account);
            words[word] = flags | (_EXCLUDED << shift);
            excludedSupply += token.balanceOfAt(account, recordDate);
        }
    }

    /// @dev The token's supply at `recordDate`. The token's own lookup rejects a date that is not past; only then is
    /// its clock read, to report that case as {DividendRecordDateNotPast}.
    function _supplyAt(IRecordDateToken token, uint48 recordDate) private view returns (uint256) {
        try token.totalSupplyAt(recordDate) returns (uint256 supply) {
            return supply;
        } catch {
            uint256 clock = token.clock();
            if (recordDate >= clock) revert DividendRecordDateNotPast(recordDate, clock);
            return token.totalSupplyAt(recordDate); // reverts with the token's own reason (e.g. not a record date)
        }
    }

    /// @dev Writes slot 0 of a new distribution in one store (the cast comes first so the writes can merge). The
    /// deadline fits 40 bits (a timestamp until the year 36812); SafeCast checks it.
    function _storeHead(Stored storage d, IRecordDateToken token, uint48 recordDate, uint48 claimDeadline) private {
        uint40 claimDeadline40 = SafeCast.toUint40(claimDeadline);
        d.token = token;
        d.recordDate = recordDate;
        d.claimDeadline = claimDeadline40;
        d.status = Status.Active;
    }

    function _emitCreated(
        uint256 distributionId,
        Stored storage d,
        uint256 supply,
        address[] calldata excluded
    ) private {
        uint256 denominator = d.denominator;
        emit DistributionCreated(
            distributionId,
            address(d.token),
            address(d.payoutToken),
            msg.sender,
            d.amount,
            d.recordDate,
            d.claimDeadline,
            supply,
            supply - denominator,
            denominator,
            excluded
        );
    }

    function _pull(IERC20 payoutToken, uint256 amount) private returns (uint256 received) {
        uint256 before = payoutToken.balanceOf(address(this));
        payoutToken.safeTransferFrom(msg.sender, address(this), amount);
        received = payoutToken.balanceOf(address(this)) - before;
    }

    /// @dev Where the flags of `holder` (holder index `index`, 0 for none) for `distributionId` are: the words, the
    /// word and the bit offset of its two flags, and the word's value (see {_SETTLED}).
    function _flagsOf(
        address holder,
        uint256 index,
        uint256 distributionId
    ) private view returns (mapping(uint256 => uint256) storage words, uint256 word, uint256 shift, uint256 flags) {
        if (index != 0) {
            words = _indexFlags[distributionId >> 3];
            word = index >> 4;
            shift = (((index & 15) << 3) | (distributionId & 7)) << 1;
        } else {
            words = _holderFlags[holder];
            word = distributionId >> 7;
            shift = (distributionId & 127) << 1;
        }
        flags = words[word];
    }

    /// @dev The two flags of `holder` (holder index `index`) for `distributionId`.
    function _flagsAt(address holder, uint256 index, uint256 distributionId) private view returns (uint256) {
        (, , uint256 shift, uint256 flags) = _flagsOf(holder, index, distributionId);
        return (flags >> shift) & (_SETTLED | _EXCLUDED);
    }

    /// @dev Marks `holder` settled for `distributionId`; returns false (and marks nothing) when it already was or
    /// is excluded.
    function _settle(address holder, uint256 index, uint256 distributionId) private returns (bool) {
        (mapping(uint256 => uint256) storage words, uint256 word, uint256 shift, uint256 flags) = _flagsOf(
            holder,
            index,
            distributionId
        );
        if ((flags >> shift) & (_SETTLED | _EXCLUDED) != 0) return false;
        words[word] = flags | (_SETTLED << shift);
        return true;
    }

    /// @dev The flags of `holder` for `distributionId` as views report them: those kept by its holder index and those
    /// kept by its address, together (an account excluded before its first credit has them by address; it has no
    /// balance at the record date, so a claim finds nothing either way).
    function _viewFlags(uint256 distributionId, address holder) private view returns (uint256 flags) {
        flags = _flagsAt(holder, 0, distributionId);
        IRecordDateToken token = _distributions[distributionId].token;
        if (address(token) != address(0)) flags |= _flagsAt(holder, token.holderIndex(holder), distributionId);
    }
}
