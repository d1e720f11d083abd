// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IIssuanceToken} from "./IIssuanceToken.sol";
import {IPriceOracle} from "./IPriceOracle.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IOffering
/// @notice A primary offering of a security token (one contract per offering): investors subscribe with a stablecoin
/// (or, optionally, the native coin priced through an {IPriceOracle}) during a window; after the close the issuer
/// finalises; each investor then claims tokens plus the refund of any excess (pro rata when oversubscribed), or a full
/// refund when the soft cap was missed or the issuer cancelled.
///
/// Units:
/// - token amounts (`softCap`, `hardCap`, allocations) are in security-token units (18 decimals);
/// - `price` is in payment-token units per whole security token (1e18 units), e.g. 1.5 USDC (6 decimals) = 1_500_000;
/// - subscription amounts and per-investor limits are in payment-token units ("value"); a native-coin deposit counts
///   at its value in payment-token units at the oracle price of the moment it was made (the stablecoin is taken as
///   1 USD).
interface IOffering {
    // ===== TYPES =====

    /// @notice Lifecycle state stored by the contract. Time decides between upcoming, open and closed while `Active`.
    enum Status {
        Active,
        Succeeded,
        Failed,
        Cancelled
    }

    /// @notice Lifecycle phase as seen now (stored status combined with the clock).
    enum Phase {
        Upcoming,
        Open,
        Closed,
        Succeeded,
        Failed,
        Cancelled
    }

    /// @notice The terms, fixed at creation.
    /// @param token Security token issued to investors (18 decimals); the offering needs its agent role (mint) and
    /// the lock-up role when `lockupEnd != 0`.
    /// @param paymentToken Stablecoin escrowed by the offering (any decimals up to 18).
    /// @param price Payment-token units per whole security token (1e18 token units).
    /// @param minSubscription Smallest total value (payment units) an investor may hold subscribed.
    /// @param maxSubscription Largest total value (payment units) an investor may hold subscribed.
    /// @param softCap Tokens that must be demanded for the offering to succeed.
    /// @param hardCap Tokens offered: never more are allocated (pro rata above it).
    /// @param startTime First second of the subscription window.
    /// @param endTime First second after the window (subscriptions accepted while `startTime <= now < endTime`).
    /// @param lockupEnd Lock-up set on every allocated investor through the token (0: none).
    /// @param treasury Receives the proceeds (payment token and native coin); the admin can move it ({setTreasury}),
    /// {terms} returns the current one.
    /// @param oracle Prices the native coin; `address(0)` disables native subscriptions.
    /// @param oracleAsset The key under which `oracle` prices the native coin (e.g. WBNB/WETH or 0xEeee...).
    struct Terms {
        IIssuanceToken token;
        IERC20 paymentToken;
        uint256 price;
        uint256 minSubscription;
        uint256 maxSubscription;
        uint256 softCap;
        uint256 hardCap;
        uint64 startTime;
        uint64 endTime;
        uint64 lockupEnd;
        address treasury;
        IPriceOracle oracle;
        address oracleAsset;
    }

    /// @notice One investor's escrowed subscription (packed so that a stablecoin-only investor uses one slot).
    /// @param stableAmount Payment-token units deposited.
    /// @param nativeValue Value of `nativeAmount` in payment-token units, at the prices of the deposits.
    /// @param settled Whether tokens/refunds have been paid out.
    /// @param nativeAmount Native coin (wei) deposited.
    struct Subscription {
        uint128 stableAmount;
        uint120 nativeValue;
        bool settled;
        uint128 nativeAmount;
    }

    /// @notice What an investor receives at settlement.
    /// @param tokens Security tokens allocated (minted).
    /// @param stableCharged Payment-token units kept as proceeds.
    /// @param nativeCharged Native coin kept as proceeds.
    /// @param stableRefund Payment-token units returned.
    /// @param nativeRefund Native coin returned.
    struct Allocation {
        uint256 tokens;
        uint256 stableCharged;
        uint256 nativeCharged;
        uint256 stableRefund;
        uint256 nativeRefund;
    }

    // ===== EVENTS =====

    /// @notice An investor added to their subscription.
    /// @param investor The subscriber.
    /// @param asset The payment token, or `address(0)` for the native coin.
    /// @param amount Units of `asset` received.
    /// @param value Value credited, in payment-token units.
    /// @param assetPrice The oracle's USD price (18 decimals) used for a native deposit; 0 for the stablecoin.
    /// @param investorValue The investor's total subscribed value afterwards.
    /// @param totalValue All subscriptions' value afterwards.
    event Subscribed(
        address indexed investor,
        address indexed asset,
        uint256 amount,
        uint256 value,
        uint256 assetPrice,
        uint256 investorValue,
        uint256 totalValue
    );

    /// @notice An investor withdrew their whole subscription during the window.
    /// @param investor The subscriber.
    /// @param stableAmount Payment-token units returned.
    /// @param nativeAmount Native coin returned.
    /// @param value The subscription value removed.
    /// @param totalValue All subscriptions' value afterwards.
    event SubscriptionCancelled(
        address indexed investor,
        uint256 stableAmount,
        uint256 nativeAmount,
        uint256 value,
        uint256 totalValue
    );

    /// @notice The issuer finalised the offering after its end.
    /// @param status `Succeeded` or `Failed`.
    /// @param totalValue All subscriptions' value (payment units).
    /// @param demandedTokens Tokens demanded at `price` (`totalValue * 1e18 / price`, rounded down).
    /// @param tokensForSale Tokens being allocated: the sum of the investors' allocations at `price` ({tokensAtPrice},
    /// what decided success) when not oversubscribed, `hardCap` when oversubscribed (pro-rata allocations are rounded
    /// down, so they total up to one unit per subscriber less); 0 when failed.
    /// @param oversubscribed Whether allocations are pro rata (`demandedTokens > hardCap`).
    event Finalised(
        Status status,
        uint256 totalValue,
        uint256 demandedTokens,
        uint256 tokensForSale,
        bool oversubscribed
    );

    /// @notice The issuer cancelled the offering: every subscriber can take a full refund.
    /// @param by The issuer account.
    /// @param totalValue All subscriptions' value at cancellation.
    event OfferingCancelled(address indexed by, uint256 totalValue);

    /// @notice An investor of a succeeded offering was settled: tokens allocated and minted, excess refunded.
    /// @param investor The subscriber (receives the tokens).
    /// @param caller The investor ({claim}, {claimTo}) or an operator ({settle}).
    /// @param refundRecipient Where the refunds went (the investor unless they chose another address).
    /// @param tokens Tokens allocated and minted.
    /// @param stableCharged Payment-token units kept as proceeds.
    /// @param nativeCharged Native coin kept as proceeds.
    /// @param stableRefund Payment-token units returned.
    /// @param nativeRefund Native coin returned.
    /// @param totalTokensMinted Tokens minted by this offering so far.
    event Claimed(
        address indexed investor,
        address indexed caller,
        address refundRecipient,
        uint256 tokens,
        uint256 stableCharged,
        uint256 nativeCharged,
        uint256 stableRefund,
        uint256 nativeRefund,
        uint256 totalTokensMinted
    );

    /// @notice An investor of a failed or cancelled offering got the full refund.
    /// @param investor The subscriber.
    /// @param caller The investor ({claim}, {claimTo}) or an operator ({settle}).
    /// @param refundRecipient Where the refunds went (the investor unless they chose another address).
    /// @param stableAmount Payment-token units returned.
    /// @param nativeAmount Native coin returned.
    event Refunded(
        address indexed investor,
        address indexed caller,
        address refundRecipient,
        uint256 stableAmount,
        uint256 nativeAmount
    );

    /// @notice A batch settlement skipped an investor whose settlement failed as a whole (the token refused the mint,
    /// the stablecoin refused the refund, the address rejected native coin, ...): nothing moved, the investor stays
    /// unsettled and can {claim} or {claimTo} later.
    /// @param investor The subscriber, still unsettled.
    /// @param reason The revert data of the failed settlement (e.g. the token's restriction error with its code).
    event SettlementDeferred(address indexed investor, bytes reason);

    /// @notice After success the token refused to mint an investor's allocation (a rule, KYC, country or hook changed
    /// since the subscription): the whole deposit was refunded instead and the investor is settled.
    /// @param investor The subscriber.
    /// @param caller The investor, its successor wallet ({claimRecovered}) or an operator ({settle}).
    /// @param refundRecipient Where the refunds went.
    /// @param restrictionCode The token's ERC-1404 code for the refused mint.
    /// @param tokens The allocation that was not minted.
    /// @param stableAmount Payment-token units returned.
    /// @param nativeAmount Native coin returned.
    event AllocationRefused(
        address indexed investor,
        address indexed caller,
        address refundRecipient,
        uint8 indexed restrictionCode,
        uint256 tokens,
        uint256 stableAmount,
        uint256 nativeAmount
    );

    /// @notice The investor's wallet was recovered on the token: this settlement pays the end of its successor chain
    /// (emitted just before {Claimed}, {AllocationRefused} or {Refunded}).
    /// @param investor The subscriber (the lost wallet).
    /// @param wallet The wallet that receives the tokens and, unless another recipient was chosen, the refunds.
    event SuccessorFollowed(address indexed investor, address indexed wallet);

    /// @notice A new investor reserved one of the token's free investor slots (max-investors rule on).
    /// @param wallet The subscriber wallet.
    /// @param investorKey The token's key of its investor.
    /// @param reservedSlots The slots reserved by this offering afterwards.
    event InvestorSlotReserved(address indexed wallet, uint40 indexed investorKey, uint256 reservedSlots);

    /// @notice The last subscription of an investor holding a slot reservation was cancelled: the slot is free again.
    /// @param wallet The wallet that cancelled.
    /// @param investorKey The token's key of its investor.
    /// @param reservedSlots The slots reserved by this offering afterwards.
    event InvestorSlotReleased(address indexed wallet, uint40 indexed investorKey, uint256 reservedSlots);

    /// @notice The admin moved the treasury (e.g. the old one was blacklisted by the stablecoin).
    /// @param previousTreasury The former treasury.
    /// @param newTreasury Receives all later withdrawals.
    /// @param by The admin account.
    event TreasuryUpdated(address indexed previousTreasury, address indexed newTreasury, address indexed by);

    /// @notice Proceeds were paid to the treasury.
    /// @param treasury The recipient.
    /// @param stableAmount Payment-token units paid.
    /// @param nativeAmount Native coin paid.
    /// @param totalStableWithdrawn Payment-token units paid to the treasury so far.
    /// @param totalNativeWithdrawn Native coin paid to the treasury so far.
    event ProceedsWithdrawn(
        address indexed treasury,
        uint256 stableAmount,
        uint256 nativeAmount,
        uint256 totalStableWithdrawn,
        uint256 totalNativeWithdrawn
    );

    // ===== ERRORS =====

    /// @notice A required address term is zero (`field` names it: "token", "paymentToken", "treasury", "issuer").
    error OfferingZeroAddress(string field);
    /// @notice The price is zero.
    error OfferingInvalidPrice(uint256 price);
    /// @notice The window is empty or reversed.
    error OfferingInvalidWindow(uint64 startTime, uint64 endTime);
    /// @notice The per-investor limits are zero or reversed.
    error OfferingInvalidLimits(uint256 minSubscription, uint256 maxSubscription);
    /// @notice The hard cap is zero or below the soft cap.
    error OfferingInvalidCaps(uint256 softCap, uint256 hardCap);
    /// @notice The lock-up ends before the window does.
    error OfferingInvalidLockup(uint64 lockupEnd, uint64 endTime);
    /// @notice The payment token has more than 18 decimals.
    error OfferingInvalidPaymentDecimals(uint8 decimals);
    /// @notice Oracle and oracle asset must both be set or both be zero.
    error OfferingInvalidOracle(address oracle, address oracleAsset);

    /// @notice Subscriptions are accepted only while the offering is active and `startTime <= now < endTime`.
    error OfferingNotOpen(Phase phase);
    /// @notice The operation needs the offering to be still active (not finalised, not cancelled).
    error OfferingNotActive(Status status);
    /// @notice Finalisation needs the window to be over.
    error OfferingNotEnded(uint256 timestamp, uint64 endTime);
    /// @notice Claims need the offering to be finalised or cancelled.
    error OfferingNotSettleable(Status status);
    /// @notice A zero amount (or a native deposit worth zero payment units).
    error OfferingZeroAmount();
    /// @notice The investor's total subscription would be below the minimum.
    error OfferingBelowMinimum(address investor, uint256 investorValue, uint256 minSubscription);
    /// @notice The investor's total subscription would be above the maximum.
    error OfferingAboveMaximum(address investor, uint256 investorValue, uint256 maxSubscription);
    /// @notice The token could not be delivered to the investor: its restriction code and message.
    error OfferingInvestorRestricted(address investor, uint8 restrictionCode, string message);
    /// @notice The investor has no subscription (or it was already settled).
    error OfferingNoSubscription(address investor);
    /// @notice Native subscriptions are disabled for this offering (no oracle).
    error OfferingNativeDisabled();
    /// @notice The oracle refused to price the native coin (stale, breaker tripped, ...): its revert data.
    error OfferingPriceUnavailable(address oracle, address asset, bytes reason);
    /// @notice A native payment failed.
    error OfferingNativeTransferFailed(address to, uint256 amount);
    /// @notice Before `endTime + FINALISE_GRACE` only the issuer may finalise.
    error OfferingFinaliseRestricted(address caller, uint256 openToAllAt);
    /// @notice {settleOne} is reserved to the offering itself.
    error OfferingSelfCallOnly(address caller);
    /// @notice Nothing to withdraw.
    error OfferingNothingToWithdraw();
    /// @notice A subscription holding native deposits cannot be cancelled during the window (they are final).
    error OfferingNativeNotCancellable(address investor, uint256 nativeAmount);
    /// @notice `wallet` was recovered to `successor` on the token: settlements follow the successor, the lost wallet
    /// cannot choose a refund recipient.
    error OfferingWalletRecovered(address wallet, address successor);
    /// @notice `caller` is not the end (`successor`) of the recovery chain of `lostWallet`.
    error OfferingNotSuccessor(address caller, address lostWallet, address successor);
    /// @notice The successor chain of `investor` is longer than the offering follows (or a cycle).
    error OfferingSuccessorChainTooLong(address investor);

    // ===== SUBSCRIPTION =====

    /// @notice Subscribes `amount` payment-token units (approved beforehand) or adds them to the caller's subscription.
    /// @param amount Payment-token units to escrow.
    function subscribe(uint256 amount) external;

    /// @notice Like {subscribe}, approving through the stablecoin's EIP-2612 permit in the same transaction.
    /// @param amount Payment-token units to escrow (also the permit's value).
    /// @param deadline Permit deadline.
    /// @param v Signature `v`.
    /// @param r Signature `r`.
    /// @param s Signature `s`.
    function subscribeWithPermit(uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external;

    /// @notice Subscribes with the native coin (`msg.value`), valued at the oracle's current price.
    function subscribeNative() external payable;

    /// @notice Withdraws the caller's whole stablecoin subscription while the window is open. Native deposits are
    /// final for the window (refunded only as excess, after failure or cancellation, or when the mint is refused).
    function cancelSubscription() external;

    // ===== CLOSING =====

    /// @notice Closes a finished offering: `Succeeded` when the demanded tokens reach the soft cap, else `Failed`.
    /// The issuer may call it from `endTime`; anyone may from `endTime + FINALISE_GRACE` (so an absent issuer cannot
    /// strand the escrow).
    function finalise() external;

    /// @notice Cancels the offering before finalisation: every subscriber can take a full refund.
    function cancel() external;

    /// @notice Pauses subscriptions and token delivery (refunds and cancellations stay available).
    function pause() external;

    /// @notice Lifts a pause.
    function unpause() external;

    // ===== SETTLEMENT =====

    /// @notice Settles the caller: tokens plus excess refund after success (or the full refund when the token refuses
    /// the mint), full refund after failure/cancellation. Tokens and refunds go to the end of the caller's successor
    /// chain when its wallet was recovered on the token.
    function claim() external;

    /// @notice Like {claim}, with the refunds paid to `refundRecipient` (for an investor whose own address cannot
    /// receive them: a blacklisted stablecoin holder, a contract that rejects native coin). Tokens always go to the
    /// investor.
    /// @param refundRecipient Receives the stablecoin and native refunds.
    function claimTo(address payable refundRecipient) external;

    /// @notice Settles a recovered wallet's subscription, called by the end of its successor chain (which receives
    /// the tokens and refunds).
    /// @param lostWallet The recovered subscriber wallet.
    function claimRecovered(address lostWallet) external;

    /// @notice Settles many investors at once (refunds to their own addresses). Settled or unsubscribed ones are
    /// skipped; one whose settlement fails is skipped with {SettlementDeferred} and nothing of theirs moves.
    /// @param investors The investors to settle.
    /// @return settledCount How many were settled by this call.
    function settle(address[] calldata investors) external returns (uint256 settledCount);

    /// @notice One investor's atomic settlement inside {settle}; callable only by the offering itself (so that a
    /// failure reverts that investor's settlement alone).
    /// @param investor The subscriber.
    /// @param operator The operator who called {settle} (reported in the events).
    function settleOne(address investor, address operator) external;

    /// @notice Pays the proceeds accrued so far (charged at settlement), both assets, to the treasury.
    function withdrawProceeds() external;

    /// @notice Pays the stablecoin proceeds accrued so far to the treasury.
    function withdrawStableProceeds() external;

    /// @notice Pays the native proceeds accrued so far to the treasury.
    function withdrawNativeProceeds() external;

    /// @notice Moves the treasury that receives later withdrawals (admin).
    /// @param newTreasury The new treasury.
    function setTreasury(address newTreasury) external;

    // ===== VIEWS =====

    /// @notice The terms fixed at creation.
    /// @return The terms.
    function terms() external view returns (Terms memory);

    /// @notice The stored lifecycle status.
    /// @return The status.
    function status() external view returns (Status);

    /// @notice The lifecycle phase now.
    /// @return The phase.
    function phase() external view returns (Phase);

    /// @notice An investor's subscription.
    /// @param investor The subscriber.
    /// @return The subscription.
    function subscriptionOf(address investor) external view returns (Subscription memory);

    /// @notice What `investor` receives at settlement, computed in O(1) from the totals (before finalisation: what
    /// the investor would receive if the offering closed now and succeeded).
    /// @param investor The subscriber.
    /// @return The allocation.
    function allocationOf(address investor) external view returns (Allocation memory);

    /// @notice All subscriptions' value in payment-token units.
    /// @return The total.
    function totalSubscribedValue() external view returns (uint256);

    /// @notice Escrow held for unsettled subscriptions.
    /// @return stableAmount Payment-token units.
    /// @return nativeAmount Native coin.
    function escrowed() external view returns (uint256 stableAmount, uint256 nativeAmount);

    /// @notice Proceeds charged at settlement and not yet paid to the treasury.
    /// @return stableAmount Payment-token units.
    /// @return nativeAmount Native coin.
    function pendingProceeds() external view returns (uint256 stableAmount, uint256 nativeAmount);

    /// @notice Proceeds paid to the treasury so far.
    /// @return stableAmount Payment-token units.
    /// @return nativeAmount Native coin.
    function withdrawnProceeds() external view returns (uint256 stableAmount, uint256 nativeAmount);

    /// @notice Tokens minted by this offering so far.
    /// @return The total.
    function totalTokensMinted() external view returns (uint256);

    /// @notice The payment token's decimals, read at creation.
    /// @return The decimals.
    function paymentDecimals() external view returns (uint8);

    /// @notice Tokens allocated at `price` over all subscriptions (sum of each `floor(value * 1e18 / price)`): the
    /// soft cap is met when it reaches `softCap`.
    /// @return The total.
    function tokensAtPrice() external view returns (uint256);

    /// @notice The token's investor slots reserved by this offering's new investors.
    /// @return The count of distinct investors holding a reservation.
    function reservedInvestorSlots() external view returns (uint256);

    /// @notice Where `investor`'s settlement pays: the end of its successor chain on the token.
    /// @param investor The subscriber.
    /// @return The wallet.
    function settlementWalletOf(address investor) external view returns (address);
}
