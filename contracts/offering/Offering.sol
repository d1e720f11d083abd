// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOffering} from "../interfaces/IOffering.sol";
import {IIssuanceToken} from "../interfaces/IIssuanceToken.sol";
import {IPriceOracle} from "../interfaces/IPriceOracle.sol";
import {IIdentityRegistry} from "../interfaces/IIdentityRegistry.sol";
import {ISecurityToken} from "../interfaces/ISecurityToken.sol";
import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {LowLevelCall} from "@openzeppelin/contracts/utils/LowLevelCall.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title Offering
/// @notice One primary offering of a security token, deployed per offering with its terms fixed in the constructor.
/// Investors escrow a stablecoin (approve + {subscribe}, or {subscribeWithPermit}) or, when an oracle is configured,
/// the native coin ({subscribeNative}); after `endTime` the issuer finalises; each investor is then settled in O(1)
/// (pull: {claim}; push: an operator's {settle}) with tokens plus the refund of any excess, or a full refund when the
/// soft cap was missed or the issuer cancelled.
///
/// Allocation (computed per investor at settlement from two stored totals, no loop over subscribers):
/// - `value` = the investor's stablecoin deposit + the payment-unit value of their native deposits;
/// - `demanded = floor(totalValue * 1e18 / price)`; oversubscribed iff `demanded > hardCap`;
/// - tokens = oversubscribed ? `floor(value * hardCap / totalValue)` : `floor(value * 1e18 / price)`, so the sum of
///   allocations never exceeds `hardCap`;
/// - charged = `ceil(tokens * price / 1e18)`, which never exceeds `value` (proof in the README, "Offering"), taken from the
///   stablecoin deposit first, then from the native deposit at the investor's average deposit rate (rounded up,
///   bounded by the native deposit); the rest of each deposit is refunded in the asset it was paid in.
///
/// - success: the tokens allocated at `price` (the sum of every investor's `floor(value * 1e18 / price)`, kept as one
///   running total) reach `softCap`; so an offering that exactly hits its soft cap mints exactly the soft cap.
///
/// Every subscriber ends with tokens or money, never neither:
/// - investor slots: while the token's max-investors rule is on, each distinct new investor (no token balance yet)
///   reserves one of the token's free investor slots at subscription; a subscription that would exceed them is
///   refused with code 11;
/// - settlement re-checks the token ({IIssuanceToken-detectTransferRestriction}); when the mint is refused (a rule,
///   KYC, country or hook changed since the subscription), the whole deposit is refunded with
///   {AllocationRefused} carrying the restriction code, instead of staying escrowed;
/// - tokens and refunds follow the token's `walletSuccessor` chain: a wallet recovered before settlement is paid at
///   its newest wallet ({claimRecovered} lets that wallet pull), never at the lost key;
/// - native deposits are final for the window (no {cancelSubscription}), so a deposit priced at the moment it was made
///   is not a free option on the coin's price; the oracle validates its latest round before pricing one.
///
/// Roles: `DEFAULT_ADMIN_ROLE` (issuer admin, moves in two steps with a delay) grants the others and sets the treasury;
/// `ISSUER_ROLE` finalises, cancels and pauses; `OPERATOR_ROLE` pushes settlements with {settle}. The offering itself
/// needs the token's agent role (mint) and, when `lockupEnd != 0`, the token's lock-up role.
///
/// WARNING: the stablecoin is valued at 1 USD when native deposits are converted (a depeg is the issuer's risk).
/// Fee-on-transfer stablecoins are credited with the amount actually received. A pause after success delays token
/// delivery until the issuer unpauses; refunds of failed or cancelled offerings and cancellations of subscriptions
/// during the window are never paused.
contract Offering is IOffering, AccessControlDefaultAdminRules, Pausable, ReentrancyGuard {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    // ===== TYPES =====

    /// @dev Written together by every subscription (one slot).
    struct ValueBook {
        uint128 totalValue;
        uint128 stableEscrow;
    }

    /// @dev Written together by every settlement of a succeeded offering (one slot).
    struct SaleBook {
        uint128 stableProceeds;
        uint128 tokensMinted;
    }

    /// @dev The native coin's escrow and proceeds (one slot).
    struct NativeBook {
        uint128 nativeEscrow;
        uint128 nativeProceeds;
    }

    // ===== CONSTANTS =====

    /// @notice Finalises, cancels, pauses and unpauses. Preimage: keccak256("ISSUER_ROLE").
    bytes32 public constant ISSUER_ROLE = keccak256("ISSUER_ROLE");
    /// @notice Pushes settlements to investors with {settle}. Preimage: keccak256("OPERATOR_ROLE").
    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");
    /// @notice After `endTime + FINALISE_GRACE` anyone may finalise.
    uint256 public constant FINALISE_GRACE = 14 days;
    /// @notice One whole security token (18 decimals): the unit `price` refers to.
    uint256 private constant TOKEN_UNIT = 1e18;
    /// @notice Longest `walletSuccessor` chain followed at settlement (as the token's own record positions).
    uint256 public constant MAX_SUCCESSOR_HOPS = 8;
    /// @dev The token's max-investors rule bit ({ISecurityToken-Compliance}, `rules & 1`).
    uint8 private constant RULE_MAX_INVESTORS = 1;
    /// @dev The token's ERC-1404 code "maximum number of investors reached".
    uint8 private constant CODE_MAX_INVESTORS = 11;

    // ===== STATE =====

    IIssuanceToken private immutable _token;
    IERC20 private immutable _paymentToken;
    uint256 private immutable _price;
    uint256 private immutable _minSubscription;
    uint256 private immutable _maxSubscription;
    uint256 private immutable _softCap;
    uint256 private immutable _hardCap;
    uint64 private immutable _startTime;
    uint64 private immutable _endTime;
    uint64 private immutable _lockupEnd;
    IPriceOracle private immutable _oracle;
    address private immutable _oracleAsset;
    uint8 private immutable _paymentDecimals;
    /// @dev 10 ** (36 - paymentDecimals): divides `wei * usdPrice(1e18)` into payment units.
    uint256 private immutable _nativeValueDivisor;

    Status private _status;
    /// @dev Sum over subscribers of `floor(value * 1e18 / price)` (packed with `_status`): decides the soft cap.
    uint248 private _tokensAtPrice;
    address private _treasury;
    mapping(address investor => Subscription) private _subscriptions;
    /// @dev Investor-slot reservations: the investor key a subscriber wallet reserved under (0: none) and, per key,
    /// how many subscriber wallets hold it; `_reservedSlots` counts the distinct keys.
    mapping(address wallet => uint40) private _slotKeys;
    mapping(uint40 investorKey => uint256) private _slotWallets;
    uint256 private _reservedSlots;
    ValueBook private _values;
    SaleBook private _sales;
    NativeBook private _natives;
    uint256 private _stableWithdrawn;
    uint256 private _nativeWithdrawn;

    // ===== CONSTRUCTOR =====

    /// @param terms_ The offering terms (see {IOffering-Terms}).
    /// @param admin Issuer admin (`DEFAULT_ADMIN_ROLE`).
    /// @param adminDelay Delay of a two-step admin transfer.
    /// @param issuer Holder of `ISSUER_ROLE`.
    /// @param operator Holder of `OPERATOR_ROLE` (`address(0)`: none yet).
    constructor(
        Terms memory terms_,
        address admin,
        uint48 adminDelay,
        address issuer,
        address operator
    ) AccessControlDefaultAdminRules(adminDelay, admin) {
        if (issuer == address(0)) revert OfferingZeroAddress("issuer");
        _validateAddresses(terms_);
        _validateAmountsAndTimes(terms_);
        uint8 decimals = IERC20Metadata(address(terms_.paymentToken)).decimals();
        if (decimals > 18) revert OfferingInvalidPaymentDecimals(decimals);

        _token = terms_.token;
        _paymentToken = terms_.paymentToken;
        _price = terms_.price;
        _minSubscription = terms_.minSubscription;
        _maxSubscription = terms_.maxSubscription;
        _softCap = terms_.softCap;
        _hardCap = terms_.hardCap;
        _startTime = terms_.startTime;
        _endTime = terms_.endTime;
        _lockupEnd = terms_.lockupEnd;
        _treasury = terms_.treasury;
        _oracle = terms_.oracle;
        _oracleAsset = terms_.oracleAsset;
        _paymentDecimals = decimals;
        _nativeValueDivisor = 10 ** (36 - uint256(decimals));

        _grantRole(ISSUER_ROLE, issuer);
        if (operator != address(0)) _grantRole(OPERATOR_ROLE, operator);
    }

    // ===== SUBSCRIPTION =====

    /// @inheritdoc IOffering
    /// @dev Requirements: window open, not paused, `amount > 0`, the resulting subscription within the limits and the
    /// tokens deliverable to the caller. Emits {Subscribed}.
    function subscribe(uint256 amount) external nonReentrant whenNotPaused {
        _subscribeStable(amount);
    }

    /// @inheritdoc IOffering
    /// @dev The permit is attempted and its failure ignored (a front-run permit already set the allowance); the
    /// transfer then fails if the allowance is short. Requirements and events as {subscribe}.
    function subscribeWithPermit(
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant whenNotPaused {
        try IERC20Permit(address(_paymentToken)).permit(msg.sender, address(this), amount, deadline, v, r, s) {
            // allowance set
        } catch {
            // allowance may already be in place (front-run permit); the transfer decides
        }
        _subscribeStable(amount);
    }

    /// @inheritdoc IOffering
    /// @dev The coin is priced with {IPriceOracle-freshPriceOf}: the oracle validates its latest round first, so a
    /// round it would refuse (a crash the breaker classifies as a trip) is never priced at the last accepted value.
    /// A native deposit is final for the window (see {cancelSubscription}).
    /// Requirements: native subscriptions enabled, the oracle prices the coin (its revert is surfaced as
    /// {OfferingPriceUnavailable}), window open, not paused, a value of at least one payment unit, limits and
    /// deliverability as {subscribe}. Emits {Subscribed} with `asset == address(0)`.
    function subscribeNative() external payable nonReentrant whenNotPaused {
        if (address(_oracle) == address(0)) revert OfferingNativeDisabled();
        _requireOpen();
        if (msg.value == 0) revert OfferingZeroAmount();
        uint256 usdPrice = _nativeUsdPrice();
        uint256 value = Math.mulDiv(msg.value, usdPrice, _nativeValueDivisor);
        if (value == 0) revert OfferingZeroAmount();

        Subscription storage sub = _subscriptions[msg.sender];
        sub.nativeAmount = (uint256(sub.nativeAmount) + msg.value).toUint128();
        sub.nativeValue = (uint256(sub.nativeValue) + value).toUint120();
        _natives.nativeEscrow = (uint256(_natives.nativeEscrow) + msg.value).toUint128();
        uint256 totalValue = uint256(_values.totalValue) + value;
        _values.totalValue = totalValue.toUint128();
        uint256 investorValue = _checkInvestor(sub, value);
        emit Subscribed(msg.sender, address(0), msg.value, value, usdPrice, investorValue, totalValue);
    }

    /// @inheritdoc IOffering
    /// @dev Requirements: window open (pausing does not block it), the caller has a subscription without native
    /// deposits (those are final for the window: otherwise a deposit priced at the moment it was made would be a free
    /// option on the coin, kept when it falls and cancelled when it rises). Emits {SubscriptionCancelled}, and
    /// {InvestorSlotReleased} when the caller's investor no longer holds a reservation.
    function cancelSubscription() external nonReentrant {
        _requireOpen();
        Subscription memory sub = _subscriptions[msg.sender];
        uint256 value = uint256(sub.stableAmount) + sub.nativeValue;
        if (value == 0) revert OfferingNoSubscription(msg.sender);
        if (sub.nativeAmount != 0) revert OfferingNativeNotCancellable(msg.sender, sub.nativeAmount);
        delete _subscriptions[msg.sender];
        // bound: the running total includes this subscription's floor
        _tokensAtPrice -= uint248(Math.mulDiv(value, TOKEN_UNIT, _price));
        _releaseSlot(msg.sender);
        ValueBook memory book = _values;
        uint256 totalValue = book.totalValue - value; // value <= totalValue: it is part of it
        _values = ValueBook({totalValue: uint128(totalValue), stableEscrow: book.stableEscrow - sub.stableAmount});
        emit SubscriptionCancelled(msg.sender, sub.stableAmount, 0, value, totalValue);
        _paymentToken.safeTransfer(msg.sender, sub.stableAmount);
    }

    // ===== CLOSING =====

    /// @inheritdoc IOffering
    /// @dev Success is decided on the tokens actually allocated at `price` (the running sum of the investors' rounded
    /// down allocations), not on the rounded total demand, so a soft cap met exactly is minted exactly.
    /// Requirements: status `Active`, `now >= endTime`, caller has `ISSUER_ROLE` unless
    /// `now >= endTime + FINALISE_GRACE`. Emits {Finalised}.
    function finalise() external nonReentrant {
        if (_status != Status.Active) revert OfferingNotActive(_status);
        if (block.timestamp < _endTime) revert OfferingNotEnded(block.timestamp, _endTime);
        uint256 openToAllAt = uint256(_endTime) + FINALISE_GRACE;
        if (block.timestamp < openToAllAt && !hasRole(ISSUER_ROLE, msg.sender)) {
            revert OfferingFinaliseRestricted(msg.sender, openToAllAt);
        }
        uint256 totalValue = _values.totalValue;
        uint256 demanded = Math.mulDiv(totalValue, TOKEN_UNIT, _price);
        uint256 atPrice = _tokensAtPrice;
        bool succeeded = atPrice >= _softCap && totalValue != 0;
        Status newStatus = succeeded ? Status.Succeeded : Status.Failed;
        _status = newStatus;
        bool oversubscribed = demanded > _hardCap;
        emit Finalised(
            newStatus,
            totalValue,
            demanded,
            succeeded ? (oversubscribed ? _hardCap : atPrice) : 0,
            oversubscribed
        );
    }

    /// @inheritdoc IOffering
    /// @dev Requirements: caller has `ISSUER_ROLE`, status `Active` (any time before finalisation, paused or not).
    /// Emits {OfferingCancelled}.
    function cancel() external nonReentrant onlyRole(ISSUER_ROLE) {
        if (_status != Status.Active) revert OfferingNotActive(_status);
        _status = Status.Cancelled;
        emit OfferingCancelled(msg.sender, _values.totalValue);
    }

    /// @inheritdoc IOffering
    /// @dev Requirements: caller has `ISSUER_ROLE`, not paused. Emits {Paused}.
    function pause() external onlyRole(ISSUER_ROLE) {
        _pause();
    }

    /// @inheritdoc IOffering
    /// @dev Requirements: caller has `ISSUER_ROLE`, paused. Emits {Unpaused}.
    function unpause() external onlyRole(ISSUER_ROLE) {
        _unpause();
    }

    // ===== SETTLEMENT =====

    /// @inheritdoc IOffering
    /// @dev Tokens and refunds go to the end of the caller's `walletSuccessor` chain (the caller itself unless its
    /// wallet was recovered). Requirements: status `Succeeded` (and not paused), `Failed` or `Cancelled`; the caller
    /// has an unsettled subscription; the settlement wallet accepts the refunds. Emits {Claimed}, {AllocationRefused}
    /// or {Refunded} (with {SuccessorFollowed} first when the chain was followed).
    function claim() external nonReentrant {
        _settle(msg.sender, payable(address(0)), msg.sender);
    }

    /// @inheritdoc IOffering
    /// @dev Requirements as {claim}; `refundRecipient != address(0)` accepts the refunds; the caller's wallet was not
    /// recovered (whoever still holds a lost key must not choose where its refunds go). Emits as {claim}.
    function claimTo(address payable refundRecipient) external nonReentrant {
        if (refundRecipient == address(0)) revert OfferingZeroAddress("refundRecipient");
        address successor = _successorOf(msg.sender);
        if (successor != address(0)) revert OfferingWalletRecovered(msg.sender, successor);
        _settle(msg.sender, refundRecipient, msg.sender);
    }

    /// @inheritdoc IOffering
    /// @dev Requirements: the caller is the end of `lostWallet`'s successor chain (so `lostWallet` was recovered);
    /// the rest as {claim}. Emits as {claim}.
    function claimRecovered(address lostWallet) external nonReentrant {
        address wallet = _settlementWallet(lostWallet);
        if (wallet == lostWallet || wallet != msg.sender) revert OfferingNotSuccessor(msg.sender, lostWallet, wallet);
        _settle(lostWallet, payable(address(0)), msg.sender);
    }

    /// @inheritdoc IOffering
    /// @dev Each investor is settled through an external self-call ({settleOne}) inside `try`, so a failure (the
    /// stablecoin refusing the refund, an address rejecting native coin, a successor chain too long, out of gas)
    /// reverts that investor's settlement alone and is reported with {SettlementDeferred}. A mint the token refuses
    /// is not a failure: the deposit is refunded ({AllocationRefused}).
    /// Requirements: caller has `OPERATOR_ROLE`; status `Succeeded` (and not paused), `Failed` or `Cancelled`.
    /// Emits {Claimed}, {AllocationRefused} or {Refunded} per settled investor, {SettlementDeferred} per failed one.
    function settle(
        address[] calldata investors
    ) external nonReentrant onlyRole(OPERATOR_ROLE) returns (uint256 settledCount) {
        _requireSettleable();
        uint256 length = investors.length;
        for (uint256 i; i < length; ++i) {
            address investor = investors[i];
            Subscription storage sub = _subscriptions[investor];
            if (sub.settled || (sub.stableAmount == 0 && sub.nativeAmount == 0)) continue;
            try this.settleOne(investor, msg.sender) {
                // bound: settledCount <= investors.length
                unchecked {
                    ++settledCount;
                }
            } catch (bytes memory reason) {
                emit SettlementDeferred(investor, reason);
            }
        }
    }

    /// @inheritdoc IOffering
    /// @dev Requirements: the caller is this contract (from {settle}, which holds the reentrancy lock and has checked
    /// the role, the status and the pause).
    function settleOne(address investor, address operator) external {
        if (msg.sender != address(this)) revert OfferingSelfCallOnly(msg.sender);
        _settle(investor, payable(address(0)), operator);
    }

    /// @inheritdoc IOffering
    /// @dev Anyone may trigger it: the proceeds only ever go to the treasury the admin set.
    /// Requirements: proceeds pending; both transfers succeed (use {withdrawStableProceeds} and
    /// {withdrawNativeProceeds} when one asset cannot reach the treasury). Emits {ProceedsWithdrawn}.
    function withdrawProceeds() external nonReentrant {
        _withdraw(true, true);
    }

    /// @inheritdoc IOffering
    /// @dev Requirements: stablecoin proceeds pending. Emits {ProceedsWithdrawn} (native amount 0).
    function withdrawStableProceeds() external nonReentrant {
        _withdraw(true, false);
    }

    /// @inheritdoc IOffering
    /// @dev Requirements: native proceeds pending. Emits {ProceedsWithdrawn} (stablecoin amount 0).
    function withdrawNativeProceeds() external nonReentrant {
        _withdraw(false, true);
    }

    /// @inheritdoc IOffering
    /// @dev Requirements: caller has `DEFAULT_ADMIN_ROLE`; `newTreasury != address(0)`. Emits {TreasuryUpdated}.
    function setTreasury(address newTreasury) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newTreasury == address(0)) revert OfferingZeroAddress("treasury");
        address previous = _treasury;
        _treasury = newTreasury;
        emit TreasuryUpdated(previous, newTreasury, msg.sender);
    }

    // ===== VIEWS =====

    /// @inheritdoc IOffering
    function terms() external view returns (Terms memory) {
        return
            Terms({
                token: _token,
                paymentToken: _paymentToken,
                price: _price,
                minSubscription: _minSubscription,
                maxSubscription: _maxSubscription,
                softCap: _softCap,
                hardCap: _hardCap,
                startTime: _startTime,
                endTime: _endTime,
                lockupEnd: _lockupEnd,
                treasury: _treasury,
                oracle: _oracle,
                oracleAsset: _oracleAsset
            });
    }

    /// @inheritdoc IOffering
    function status() external view returns (Status) {
        return _status;
    }

    /// @inheritdoc IOffering
    function phase() public view returns (Phase) {
        Status status_ = _status;
        if (status_ == Status.Succeeded) return Phase.Succeeded;
        if (status_ == Status.Failed) return Phase.Failed;
        if (status_ == Status.Cancelled) return Phase.Cancelled;
        if (block.timestamp < _startTime) return Phase.Upcoming;
        if (block.timestamp < _endTime) return Phase.Open;
        return Phase.Closed;
    }

    /// @inheritdoc IOffering
    function subscriptionOf(address investor) external view returns (Subscription memory) {
        return _subscriptions[investor];
    }

    /// @inheritdoc IOffering
    function allocationOf(address investor) external view returns (Allocation memory) {
        Status status_ = _status;
        return _allocation(_subscriptions[investor], status_ == Status.Active ? Status.Succeeded : status_);
    }

    /// @inheritdoc IOffering
    function totalSubscribedValue() external view returns (uint256) {
        return _values.totalValue;
    }

    /// @inheritdoc IOffering
    function escrowed() external view returns (uint256 stableAmount, uint256 nativeAmount) {
        return (_values.stableEscrow, _natives.nativeEscrow);
    }

    /// @inheritdoc IOffering
    function pendingProceeds() external view returns (uint256 stableAmount, uint256 nativeAmount) {
        return (_sales.stableProceeds, _natives.nativeProceeds);
    }

    /// @inheritdoc IOffering
    function withdrawnProceeds() external view returns (uint256 stableAmount, uint256 nativeAmount) {
        return (_stableWithdrawn, _nativeWithdrawn);
    }

    /// @inheritdoc IOffering
    function totalTokensMinted() external view returns (uint256) {
        return _sales.tokensMinted;
    }

    /// @inheritdoc IOffering
    function paymentDecimals() external view returns (uint8) {
        return _paymentDecimals;
    }

    /// @inheritdoc IOffering
    function tokensAtPrice() external view returns (uint256) {
        return _tokensAtPrice;
    }

    /// @inheritdoc IOffering
    function reservedInvestorSlots() external view returns (uint256) {
        return _reservedSlots;
    }

    /// @inheritdoc IOffering
    function settlementWalletOf(address investor) external view returns (address) {
        return _settlementWallet(investor);
    }

    // ===== INTERNAL =====

    /// @dev Pulls `amount` of the stablecoin from the caller and credits what actually arrived (a fee-on-transfer
    /// stablecoin credits less; if nothing arrives, the minimum check refuses a new subscription).
    function _subscribeStable(uint256 amount) internal {
        _requireOpen();
        if (amount == 0) revert OfferingZeroAmount();
        uint256 balanceBefore = _paymentToken.balanceOf(address(this));
        _paymentToken.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = _paymentToken.balanceOf(address(this)) - balanceBefore;

        Subscription storage sub = _subscriptions[msg.sender];
        sub.stableAmount = (uint256(sub.stableAmount) + received).toUint128();
        ValueBook memory book = _values;
        uint256 totalValue = uint256(book.totalValue) + received;
        _values = ValueBook({
            totalValue: totalValue.toUint128(),
            stableEscrow: (uint256(book.stableEscrow) + received).toUint128()
        });
        uint256 investorValue = _checkInvestor(sub, received);
        emit Subscribed(msg.sender, address(_paymentToken), received, received, 0, investorValue, totalValue);
    }

    /// @dev Checks the caller's subscription (already updated by `added` value) against the limits and that the token
    /// could be delivered, reserves an investor slot when needed, adds to the tokens allocated at price; returns the
    /// subscription's value.
    function _checkInvestor(Subscription storage sub, uint256 added) internal returns (uint256 investorValue) {
        investorValue = uint256(sub.stableAmount) + sub.nativeValue;
        if (investorValue < _minSubscription) revert OfferingBelowMinimum(msg.sender, investorValue, _minSubscription);
        if (investorValue > _maxSubscription) revert OfferingAboveMaximum(msg.sender, investorValue, _maxSubscription);
        uint256 atPrice = Math.mulDiv(investorValue, TOKEN_UNIT, _price);
        uint256 maxTokens = Math.min(atPrice, _hardCap);
        uint8 code = _token.detectTransferRestriction(address(0), msg.sender, maxTokens);
        if (code != 0) revert OfferingInvestorRestricted(msg.sender, code, _token.messageForTransferRestriction(code));
        ISecurityToken.Compliance memory c = ISecurityToken(address(_token)).compliance();
        if (c.rules & RULE_MAX_INVESTORS != 0 && _slotKeys[msg.sender] == 0) _reserveSlot(c);
        // bound: investorValue - added was this investor's value before; its floor is part of the running total
        uint256 before = Math.mulDiv(investorValue - added, TOKEN_UNIT, _price);
        _tokensAtPrice = (uint256(_tokensAtPrice) + atPrice - before).toUint248();
    }

    /// @dev Reserves one of the token's free investor slots for the caller's investor if it holds no token yet and
    /// no other wallet of it holds a reservation here; refuses with code 11 when none is left.
    function _reserveSlot(ISecurityToken.Compliance memory c) internal {
        ISecurityToken token_ = ISecurityToken(address(_token));
        IIdentityRegistry registry = IIdentityRegistry(token_.identityRegistry());
        uint40 key = registry.investor(registry.investorOf(msg.sender)).key;
        if (key == 0 || token_.investorBalance(key) != 0) return;
        uint256 wallets = _slotWallets[key];
        if (wallets == 0) {
            uint256 reserved = _reservedSlots + 1;
            if (uint256(c.investorCount) + reserved > c.maxInvestors) {
                revert OfferingInvestorRestricted(
                    msg.sender,
                    CODE_MAX_INVESTORS,
                    _token.messageForTransferRestriction(CODE_MAX_INVESTORS)
                );
            }
            _reservedSlots = reserved;
            emit InvestorSlotReserved(msg.sender, key, reserved);
        }
        _slotWallets[key] = wallets + 1;
        _slotKeys[msg.sender] = key;
    }

    /// @dev Releases `wallet`'s share of its investor's slot reservation (the slot when it was the last wallet).
    function _releaseSlot(address wallet) internal {
        uint40 key = _slotKeys[wallet];
        if (key == 0) return;
        delete _slotKeys[wallet];
        uint256 wallets = _slotWallets[key] - 1;
        _slotWallets[key] = wallets;
        if (wallets == 0) {
            uint256 reserved = _reservedSlots - 1;
            _reservedSlots = reserved;
            emit InvestorSlotReleased(wallet, key, reserved);
        }
    }

    /// @dev Settles `investor` at the end of its successor chain (refunds to `refundRecipient`, or to that wallet when
    /// zero), all effects before any interaction.
    function _settle(address investor, address payable refundRecipient, address caller) internal {
        Status status_ = _requireSettleable();
        Subscription storage sub = _subscriptions[investor];
        if (sub.settled || (sub.stableAmount == 0 && sub.nativeAmount == 0)) revert OfferingNoSubscription(investor);
        address wallet = _settlementWallet(investor);
        if (wallet != investor) emit SuccessorFollowed(investor, wallet);
        address payable refundTo = refundRecipient == address(0) ? payable(wallet) : refundRecipient;
        if (status_ == Status.Succeeded) {
            _settleSucceeded(investor, wallet, refundTo, caller, sub, _allocation(sub, status_));
        } else {
            _settleRefund(investor, refundTo, caller, sub, 0, 0);
        }
    }

    /// @dev Settles an investor of a succeeded offering: books charges as proceeds, mints to `wallet`, locks up,
    /// refunds; when the token refuses the mint to `wallet`, refunds the whole deposit instead.
    function _settleSucceeded(
        address investor,
        address wallet,
        address payable refundRecipient,
        address caller,
        Subscription storage sub,
        Allocation memory a
    ) internal {
        if (a.tokens != 0) {
            uint8 code = _token.detectTransferRestriction(address(0), wallet, a.tokens);
            if (code != 0) return _settleRefund(investor, refundRecipient, caller, sub, code, a.tokens);
        }
        sub.settled = true;
        uint256 nativeAmount = sub.nativeAmount;
        // bounds: the escrow holds every unsettled deposit; charges are parts of deposits; tokens <= hardCap in total
        _values.stableEscrow -= sub.stableAmount;
        SaleBook memory sales = _sales;
        uint256 minted = uint256(sales.tokensMinted) + a.tokens;
        _sales = SaleBook({
            stableProceeds: (uint256(sales.stableProceeds) + a.stableCharged).toUint128(),
            tokensMinted: minted.toUint128()
        });
        if (nativeAmount != 0) {
            NativeBook memory natives = _natives;
            _natives = NativeBook({
                nativeEscrow: (uint256(natives.nativeEscrow) - nativeAmount).toUint128(),
                nativeProceeds: (uint256(natives.nativeProceeds) + a.nativeCharged).toUint128()
            });
        }
        emit Claimed(
            investor,
            caller,
            refundRecipient,
            a.tokens,
            a.stableCharged,
            a.nativeCharged,
            a.stableRefund,
            a.nativeRefund,
            minted
        );
        if (a.tokens != 0) {
            _token.mint(wallet, a.tokens);
            if (_lockupEnd != 0) _token.extendLockup(wallet, _lockupEnd);
        }
        _pay(refundRecipient, a.stableRefund, a.nativeRefund);
    }

    /// @dev Refunds an investor's whole deposit: after a failed or cancelled offering (`code == 0`, {Refunded}), or
    /// after success when the token refused the mint of `tokens` with `code` ({AllocationRefused}).
    function _settleRefund(
        address investor,
        address payable refundRecipient,
        address caller,
        Subscription storage sub,
        uint8 code,
        uint256 tokens
    ) internal {
        sub.settled = true;
        uint256 stableAmount = sub.stableAmount;
        uint256 nativeAmount = sub.nativeAmount;
        _values.stableEscrow -= uint128(stableAmount);
        if (nativeAmount != 0) _natives.nativeEscrow -= uint128(nativeAmount);
        if (code != 0) {
            emit AllocationRefused(investor, caller, refundRecipient, code, tokens, stableAmount, nativeAmount);
        } else {
            emit Refunded(investor, caller, refundRecipient, stableAmount, nativeAmount);
        }
        _pay(refundRecipient, stableAmount, nativeAmount);
    }

    /// @dev Pays the pending proceeds of the selected assets to the treasury.
    function _withdraw(bool stable, bool native) internal {
        uint256 stableAmount = stable ? _sales.stableProceeds : 0;
        uint256 nativeAmount = native ? _natives.nativeProceeds : 0;
        bool pending = stableAmount != 0 || nativeAmount != 0;
        if (!pending) revert OfferingNothingToWithdraw();
        address treasury = _treasury;
        if (stableAmount != 0) _sales.stableProceeds = 0;
        if (nativeAmount != 0) _natives.nativeProceeds = 0;
        uint256 stableWithdrawn = _stableWithdrawn + stableAmount;
        uint256 nativeWithdrawn = _nativeWithdrawn + nativeAmount;
        _stableWithdrawn = stableWithdrawn;
        _nativeWithdrawn = nativeWithdrawn;
        emit ProceedsWithdrawn(treasury, stableAmount, nativeAmount, stableWithdrawn, nativeWithdrawn);
        if (stableAmount != 0) _paymentToken.safeTransfer(treasury, stableAmount);
        if (nativeAmount != 0) _sendNative(treasury, nativeAmount);
    }

    /// @dev Pays refunds; any refusal reverts (the whole settlement of this investor with it).
    function _pay(address payable to, uint256 stableAmount, uint256 nativeAmount) internal {
        if (stableAmount != 0) _paymentToken.safeTransfer(to, stableAmount);
        if (nativeAmount != 0) _sendNative(to, nativeAmount);
    }

    /// @dev Sends native coin, reverting with {OfferingNativeTransferFailed} when the recipient refuses it.
    function _sendNative(address to, uint256 amount) internal {
        if (!LowLevelCall.callNoReturn(to, amount, "")) revert OfferingNativeTransferFailed(to, amount);
    }

    /// @dev The oracle's USD price of the native coin, validated on its latest round ({IPriceOracle-freshPriceOf}); any
    /// refusal (or a zero price, or a round never updated) is surfaced as {OfferingPriceUnavailable} with the oracle's
    /// revert data.
    function _nativeUsdPrice() internal returns (uint256 usdPrice) {
        try _oracle.freshPriceOf(_oracleAsset) returns (uint256 price_, uint256 updatedAt) {
            if (price_ == 0 || updatedAt == 0) revert OfferingPriceUnavailable(address(_oracle), _oracleAsset, "");
            return price_;
        } catch (bytes memory reason) {
            revert OfferingPriceUnavailable(address(_oracle), _oracleAsset, reason);
        }
    }

    /// @dev The wallet after `wallet` in the token's recovery chain (0: not recovered).
    function _successorOf(address wallet) internal view returns (address) {
        return ISecurityToken(address(_token)).walletSuccessor(wallet);
    }

    /// @dev The end of `investor`'s successor chain (`investor` itself unless recovered); reverts with
    /// {OfferingSuccessorChainTooLong} past {MAX_SUCCESSOR_HOPS} (a cycle included).
    function _settlementWallet(address investor) internal view returns (address wallet) {
        wallet = investor;
        for (uint256 hops; hops <= MAX_SUCCESSOR_HOPS; ++hops) {
            address next = _successorOf(wallet);
            if (next == address(0)) return wallet;
            wallet = next;
        }
        revert OfferingSuccessorChainTooLong(investor);
    }

    /// @dev Reverts unless subscriptions are accepted now.
    function _requireOpen() internal view {
        Phase phase_ = phase();
        if (phase_ != Phase.Open) revert OfferingNotOpen(phase_);
    }

    /// @dev Reverts unless settlements are possible now; returns the status.
    function _requireSettleable() internal view returns (Status status_) {
        status_ = _status;
        if (status_ == Status.Active) revert OfferingNotSettleable(status_);
        if (status_ == Status.Succeeded) _requireNotPaused();
    }

    /// @dev The O(1) allocation of `sub` under `status_` (see the contract NatSpec for the rule).
    function _allocation(Subscription storage sub, Status status_) internal view returns (Allocation memory a) {
        uint256 stableAmount = sub.stableAmount;
        uint256 nativeAmount = sub.nativeAmount;
        if (status_ != Status.Succeeded) {
            a.stableRefund = stableAmount;
            a.nativeRefund = nativeAmount;
            return a;
        }
        uint256 nativeValue = sub.nativeValue;
        uint256 value = stableAmount + nativeValue;
        if (value == 0) return a;
        uint256 totalValue = _values.totalValue;
        uint256 demanded = Math.mulDiv(totalValue, TOKEN_UNIT, _price);
        a.tokens =
            demanded > _hardCap ? Math.mulDiv(value, _hardCap, totalValue) : Math.mulDiv(value, TOKEN_UNIT, _price);
        // charge <= value: tokens * price / 1e18 <= value always (strictly below when oversubscribed), so the ceiling
        // of it is at most the integer `value`.
        uint256 charge = Math.mulDiv(a.tokens, _price, TOKEN_UNIT, Math.Rounding.Ceil);
        a.stableCharged = Math.min(charge, stableAmount);
        uint256 nativeValueCharged = charge - a.stableCharged; // <= nativeValue
        if (nativeValueCharged != 0) {
            a.nativeCharged = Math.mulDiv(nativeValueCharged, nativeAmount, nativeValue, Math.Rounding.Ceil);
        }
        a.stableRefund = stableAmount - a.stableCharged;
        a.nativeRefund = nativeAmount - a.nativeCharged;
    }

    // ===== PRIVATE =====

    /// @dev Constructor checks of the address terms.
    function _validateAddresses(Terms memory terms_) private pure {
        if (address(terms_.token) == address(0)) revert OfferingZeroAddress("token");
        if (address(terms_.paymentToken) == address(0)) revert OfferingZeroAddress("paymentToken");
        if (terms_.treasury == address(0)) revert OfferingZeroAddress("treasury");
        if ((address(terms_.oracle) == address(0)) != (terms_.oracleAsset == address(0))) {
            revert OfferingInvalidOracle(address(terms_.oracle), terms_.oracleAsset);
        }
    }

    /// @dev Constructor checks of the price, limits, caps and times.
    function _validateAmountsAndTimes(Terms memory terms_) private pure {
        if (terms_.price == 0) revert OfferingInvalidPrice(0);
        if (terms_.startTime >= terms_.endTime) revert OfferingInvalidWindow(terms_.startTime, terms_.endTime);
        if (terms_.minSubscription == 0 || terms_.minSubscription > terms_.maxSubscription) {
            revert OfferingInvalidLimits(terms_.minSubscription, terms_.maxSubscription);
        }
        if (terms_.hardCap == 0 || terms_.softCap > terms_.hardCap) {
            revert OfferingInvalidCaps(terms_.softCap, terms_.hardCap);
        }
        if (terms_.lockupEnd != 0 && terms_.lockupEnd < terms_.endTime) {
            revert OfferingInvalidLockup(terms_.lockupEnd, terms_.endTime);
        }
    }
}
