// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IPriceOracle} from "./IPriceOracle.sol";

/// @title IOracleCircuitBreaker
/// @notice A circuit breaker around Chainlink `AggregatorV3Interface` feeds. Per asset it keeps a primary feed, an
/// optional fallback feed, a heartbeat, sanity bounds and a maximum deviation between two accepted prices. A keeper
/// calls {update}: every read is validated (positive answer, complete round, no future timestamp, not stale, within
/// bounds, L2 sequencer up and out of its grace period) and then either accepted or refused. A jump above the
/// maximum deviation trips the breaker; consumers read the last accepted price through {IPriceOracle-priceOf}, which
/// reverts with a typed error whenever that price must not be used. All prices are in USD with 18 decimals.
interface IOracleCircuitBreaker is IPriceOracle {
    // ===== TYPES =====

    /// @notice The state of an asset as seen by consumers and monitoring.
    /// `Unset`: unknown asset, or configured but no price accepted yet. `Active`: the last accepted price came from
    /// the primary feed. `UsingFallback`: the primary is stale or broken and the fallback's price, which agreed with
    /// the last accepted price, is in use. `Tripped`: a jump above the per-round or the cumulative bound, or a
    /// guardian pin, stopped the asset; an automatic recovery or a guardian reset brings it back (a pin: only after
    /// {unpin}). `Frozen`: neither feed gave a usable
    /// price; the next good update lifts it. `SequencerDown`: the L2 sequencer is down or in its grace period
    /// (computed live, never stored).
    enum Status {
        Unset,
        Active,
        UsingFallback,
        Tripped,
        Frozen,
        SequencerDown
    }

    /// @notice Why a read was refused or why an asset is in its status (`None` when nothing is wrong).
    /// `ManualTrip`: a guardian pinned the asset ({trip}); nothing but {unpin} lifts it. `OutOfOrderRound`: the feed's
    /// latest round is older than the price accepted from that same feed (the stored time never moves back).
    /// `CumulativeDeviationExceeded`: the round is beyond the cumulative bound from the window's anchor price (see
    /// {CumulativeBound}). `PinLifted`: a guardian lifted a pin; the asset stays tripped until the automatic recovery
    /// or a {reset}.
    enum Reason {
        None,
        UnknownAsset,
        AwaitingFirstPrice,
        FeedCallFailed,
        NonPositiveAnswer,
        IncompleteRound,
        FutureTimestamp,
        StaleRound,
        StalePrice,
        BelowMinPrice,
        AboveMaxPrice,
        DeviationExceeded,
        NoFallback,
        NoReferencePrice,
        SequencerDown,
        SequencerGracePeriod,
        ManualTrip,
        OutOfOrderRound,
        CumulativeDeviationExceeded,
        PinLifted
    }

    /// @notice What {update} does (or, from {peek}, would do).
    /// `None`: nothing changes (same round, sequencer down, tripped with no new round). `Accept`: a new price is
    /// accepted (from the primary: `Active`, or from the fallback: `UsingFallback`). `Trip`: the breaker trips.
    /// `Freeze`: no usable price, the asset is frozen. `RecoveryProgress`: while tripped, the recovery streak changes.
    /// `Recover`: the recovery rule is met and the candidate price is accepted.
    enum Action {
        None,
        Accept,
        Trip,
        Freeze,
        RecoveryProgress,
        Recover
    }

    /// @notice Configuration input for an asset.
    /// @param primary The primary Chainlink feed (USD-denominated).
    /// @param fallbackFeed An optional second feed for the same pair; `address(0)` for none.
    /// @param heartbeat Maximum age in seconds of a primary round (the feed's heartbeat plus a margin).
    /// @param fallbackHeartbeat Maximum age in seconds of a fallback round (ignored without a fallback).
    /// @param minPrice Lowest acceptable price, 18 decimals (set above the aggregator's `minAnswer`).
    /// @param maxPrice Highest acceptable price, 18 decimals (set below the aggregator's `maxAnswer`).
    /// @param maxDeviationBps Maximum move between two accepted prices in basis points; 0 selects the default (2000).
    /// @param recoveryRounds Consecutive new rounds, each within the band of the streak's first round, that lift a trip
    /// automatically; 0 disables automatic recovery (guardian reset only).
    struct AssetConfigInput {
        address primary;
        address fallbackFeed;
        uint32 heartbeat;
        uint32 fallbackHeartbeat;
        uint128 minPrice;
        uint128 maxPrice;
        uint16 maxDeviationBps;
        uint8 recoveryRounds;
    }

    /// @notice Stored configuration of an asset (decimals are read from the feeds when configured).
    struct AssetConfig {
        address primary;
        uint32 heartbeat;
        uint16 maxDeviationBps;
        uint8 primaryDecimals;
        uint8 recoveryRounds;
        address fallbackFeed;
        uint32 fallbackHeartbeat;
        uint8 fallbackDecimals;
        uint128 minPrice;
        uint128 maxPrice;
    }

    /// @notice Stored state of an asset.
    /// @dev `price`/`updatedAt` are the last accepted price and its source round's `updatedAt`; `acceptedAt` is the
    /// block time it was accepted. `candidatePrice`/`candidateUpdatedAt`/`streak` track the automatic recovery while
    /// tripped: the candidate is the first round of the current streak (the rejected price at the trip; 0 after an
    /// invalid round broke the streak), which every later round of the streak must agree with.
    struct AssetState {
        uint128 price;
        uint48 updatedAt;
        uint48 acceptedAt;
        Status status;
        Reason reason;
        Reason fallbackReason;
        uint8 streak;
        uint128 candidatePrice;
        uint48 candidateUpdatedAt;
    }

    /// @notice The outcome of evaluating the feeds of an asset now, as returned by {peek} and {update}.
    /// @param action What update does.
    /// @param status The status after the update.
    /// @param reason The primary feed's problem (or the cause of the status); `None` when healthy.
    /// @param fallbackReason The fallback feed's problem when it was consulted; `None` otherwise.
    /// @param price The price concerned: accepted, rejected (trip) or recovery candidate; 0 when none.
    /// @param updatedAt The `updatedAt` of the round that gave `price`.
    /// @param deviationBps Deviation of `price` from its reference (last accepted, the recovery
    /// streak's first round, or for a cumulative trip the window's anchor), rounded up.
    /// @param streak The recovery streak after the update (tripped assets only).
    struct Evaluation {
        Action action;
        Status status;
        Reason reason;
        Reason fallbackReason;
        uint256 price;
        uint256 updatedAt;
        uint256 deviationBps;
        uint8 streak;
    }

    /// @notice The cumulative bound of an asset: within `window` seconds the accepted price may move at most
    /// `maxDeviationBps` away from `anchorPrice`, the price accepted when the window started (`anchorAt`). A price
    /// accepted when `window` seconds or more have passed since `anchorAt` starts a new window anchored on the
    /// previously accepted price. `window == 0`: no cumulative bound.
    /// @param window Length of the window in seconds (0: disabled).
    /// @param maxDeviationBps Largest move from the anchor in basis points.
    /// @param anchorPrice The window's anchor (0 before the first accepted price).
    /// @param anchorAt Block time at which the current window started.
    struct CumulativeBound {
        uint32 window;
        uint16 maxDeviationBps;
        uint128 anchorPrice;
        uint48 anchorAt;
    }

    // ===== EVENTS =====

    /// @notice A new price was accepted for `asset`.
    /// @param asset The asset.
    /// @param status `Active` (primary) or `UsingFallback` (fallback).
    /// @param price The accepted price (18 decimals).
    /// @param updatedAt Its source round's `updatedAt`.
    /// @param previousPrice The previously accepted price (0 for the first).
    /// @param deviationBps Deviation from `previousPrice` in basis points, rounded up (0 for the first).
    event OraclePriceAccepted(
        address indexed asset,
        Status status,
        uint256 price,
        uint256 updatedAt,
        uint256 previousPrice,
        uint256 deviationBps
    );

    /// @notice The breaker tripped for `asset`.
    /// @param asset The asset.
    /// @param oldPrice The last accepted price, still recorded but no longer served.
    /// @param newPrice The rejected price (0 for a manual trip).
    /// @param deviationBps Deviation of `newPrice` from `oldPrice` in basis points, rounded up (0 for a manual trip).
    /// @param updatedAt The rejected round's `updatedAt` (0 for a manual trip).
    /// @param reason `DeviationExceeded`, `CumulativeDeviationExceeded` (then `deviationBps` is measured from the
    /// window's anchor price) or `ManualTrip` (a guardian pin, which may replace an automatic trip).
    /// @param by The caller (keeper or guardian).
    event OracleTripped(
        address indexed asset,
        uint256 oldPrice,
        uint256 newPrice,
        uint256 deviationBps,
        uint256 updatedAt,
        Reason reason,
        address indexed by
    );

    /// @notice While tripped, a new round changed the automatic recovery streak.
    /// @param asset The asset.
    /// @param candidatePrice The latest round's price (0 if the round was invalid and the streak broke).
    /// @param updatedAt The latest round's `updatedAt` (0 if invalid).
    /// @param streak The streak after this round.
    /// @param required Rounds required to recover.
    event OracleRecoveryProgressed(
        address indexed asset,
        uint256 candidatePrice,
        uint256 updatedAt,
        uint8 streak,
        uint8 required
    );

    /// @notice The recovery rule was met: `newPrice` is accepted and the asset is `Active` again.
    /// @param asset The asset.
    /// @param oldPrice The price accepted before the trip.
    /// @param newPrice The newly accepted price.
    /// @param updatedAt Its round's `updatedAt`.
    /// @param streak The consecutive rounds that agreed.
    event OracleRecovered(address indexed asset, uint256 oldPrice, uint256 newPrice, uint256 updatedAt, uint8 streak);

    /// @notice A guardian reset `asset` and re-anchored it on the current validated price.
    /// @param asset The asset.
    /// @param guardian The guardian.
    /// @param previousStatus `Tripped` or `Frozen`.
    /// @param status `Active` or `UsingFallback`.
    /// @param oldPrice The price accepted before.
    /// @param newPrice The newly accepted price.
    /// @param updatedAt Its round's `updatedAt`.
    event OracleReset(
        address indexed asset,
        address indexed guardian,
        Status previousStatus,
        Status status,
        uint256 oldPrice,
        uint256 newPrice,
        uint256 updatedAt
    );

    /// @notice A guardian lifted the pin of `asset`: it stays `Tripped` (reason `PinLifted`) until `recoveryRounds`
    /// new agreeing rounds or a {reset}.
    /// @param asset The asset.
    /// @param guardian The guardian.
    event OracleUnpinned(address indexed asset, address indexed guardian);

    /// @notice A new cumulative window started for `asset`.
    /// @param asset The asset.
    /// @param anchorPrice The window's anchor price (the previously accepted price, or the accepted price itself for
    /// the first price, after a recovery and after a reset).
    /// @param anchorAt Block time at which the window started.
    event OracleWindowAnchored(address indexed asset, uint256 anchorPrice, uint256 anchorAt);

    /// @notice The cumulative bound of `asset` was set.
    /// @param asset The asset.
    /// @param window Window length in seconds (0: disabled).
    /// @param maxDeviationBps Largest move from the window's anchor in basis points.
    /// @param by The config admin.
    event OracleCumulativeBoundConfigured(
        address indexed asset,
        uint32 window,
        uint16 maxDeviationBps,
        address indexed by
    );

    /// @notice `asset` switched between its primary and its fallback feed.
    /// @param asset The asset.
    /// @param previousStatus The status before.
    /// @param status `UsingFallback` (switched to the fallback) or `Active` (back on the primary).
    /// @param primaryReason Why the primary was refused (`None` when switching back).
    event OracleFallbackSwitched(address indexed asset, Status previousStatus, Status status, Reason primaryReason);

    /// @notice Neither feed of `asset` gave a usable price: it is `Frozen` until a good update or a reset.
    /// @param asset The asset.
    /// @param previousStatus The status before.
    /// @param primaryReason Why the primary was refused.
    /// @param fallbackReason Why the fallback was refused (`NoFallback` without one).
    /// @param lastPrice The last accepted price (kept as the reference, not served).
    event OracleFrozen(
        address indexed asset,
        Status previousStatus,
        Reason primaryReason,
        Reason fallbackReason,
        uint256 lastPrice
    );

    /// @notice `asset` was configured (added or changed).
    /// @param asset The asset.
    /// @param config The stored configuration, with the feeds' decimals.
    /// @param by The config admin.
    event OracleAssetConfigured(address indexed asset, AssetConfig config, address indexed by);

    /// @notice `asset` was removed with its state.
    /// @param asset The asset.
    /// @param by The config admin.
    event OracleAssetRemoved(address indexed asset, address indexed by);

    /// @notice The L2 sequencer uptime feed changed (`address(0)`: none, as on an L1).
    /// @param feed The sequencer uptime feed.
    /// @param gracePeriod Seconds after the sequencer comes back during which reads are refused.
    /// @param by The caller (the config admin, or the deployer at construction).
    event OracleSequencerConfigured(address indexed feed, uint32 gracePeriod, address indexed by);

    // ===== ERRORS =====

    /// @notice `asset` has no configuration.
    error OracleUnknownAsset(address asset);

    /// @notice `asset` is configured but no price has been accepted yet.
    error OracleNoPrice(address asset);

    /// @notice The breaker of `asset` is tripped.
    error OracleAssetTripped(address asset, uint256 lastPrice, uint256 rejectedPrice, Reason reason);

    /// @notice `asset` is frozen: neither feed gave a usable price.
    error OracleAssetFrozen(address asset, Reason primaryReason, Reason fallbackReason);

    /// @notice The last accepted price of `asset` is older than its heartbeat: an update is due.
    error OracleStalePrice(address asset, uint256 updatedAt, uint256 heartbeat, uint256 timestamp);

    /// @notice The L2 sequencer is down (or its uptime feed cannot be read).
    error OracleSequencerDown(address feed);

    /// @notice The L2 sequencer is up again since `upSince`, but the grace period lasts until `graceEndsAt`.
    error OracleSequencerGracePeriod(uint256 upSince, uint256 graceEndsAt);

    /// @notice `asset` is `address(0)`.
    error OracleInvalidAsset(address asset);

    /// @notice `feed` is not a usable feed (zero, no code, or the fallback equals the primary).
    error OracleInvalidFeed(address feed);

    /// @notice `feed` reports more than 18 decimals.
    error OracleUnsupportedDecimals(address feed, uint8 decimals);

    /// @notice A heartbeat is zero.
    error OracleInvalidHeartbeat(uint32 heartbeat);

    /// @notice The sanity bounds are unusable (`minPrice` is zero or not below `maxPrice`).
    error OracleInvalidBounds(uint128 minPrice, uint128 maxPrice);

    /// @notice The maximum deviation is above 10000 bps.
    error OracleInvalidDeviation(uint16 maxDeviationBps);

    /// @notice Automatic recovery needs at least two rounds (or 0 to disable it).
    error OracleInvalidRecoveryRounds(uint8 recoveryRounds);

    /// @notice A reset was asked for an asset that is neither tripped nor frozen.
    error OracleResetNotNeeded(address asset, Status status);

    /// @notice `asset` is already pinned by a guardian (tripped with reason `ManualTrip`).
    error OracleAlreadyTripped(address asset);

    /// @notice `asset` is pinned by a guardian: {reset} refuses it until {unpin}.
    error OracleAssetPinned(address asset);

    /// @notice {unpin} was called for an asset that is not pinned (`status`, `reason` are its current ones).
    error OracleNotPinned(address asset, Status status, Reason reason);

    /// @notice The cumulative bound is unusable: a window with a zero bound, or a bound above 10000 bps.
    error OracleInvalidCumulativeBound(uint32 window, uint16 maxDeviationBps);

    /// @notice A call to `feed` failed while it had less than its gas allowance because the caller sent too little
    /// gas; retry with more gas (this is never reported as a feed problem).
    error OracleInsufficientGas(address feed);

    /// @notice A reset found no valid price on either feed.
    error OracleNoValidPrice(address asset, Reason primaryReason, Reason fallbackReason);

    // ===== FUNCTIONS =====

    /// @notice Reads the feeds of `asset`, validates them and accepts the price, trips, freezes or progresses the
    /// recovery. Callable by anyone (a keeper); a no-op when nothing changed.
    /// @param asset The asset.
    /// @return evaluation What was done, with the resulting status.
    function update(address asset) external returns (Evaluation memory evaluation);

    /// @notice What {update} would do now, without changing state.
    /// @param asset The asset.
    /// @return evaluation The outcome {update} would have.
    function peek(address asset) external view returns (Evaluation memory evaluation);

    /// @notice The status of `asset` now and why (`Unset`/`UnknownAsset` for an unknown asset; `SequencerDown`
    /// overrides `Active`/`UsingFallback`; an accepted price older than its heartbeat keeps its status with reason
    /// `StalePrice`, and {IPriceOracle-priceOf} reverts until the next update).
    /// @param asset The asset.
    /// @return status The status.
    /// @return reason The reason (`None` when usable).
    function statusOf(address asset) external view returns (Status status, Reason reason);

    /// @notice The stored state of `asset` (last accepted price and time, status, reasons, recovery progress).
    /// @param asset The asset.
    /// @return state The state.
    function assetState(address asset) external view returns (AssetState memory state);

    /// @notice The configuration of `asset` (all zero when unknown).
    /// @param asset The asset.
    /// @return config The configuration.
    function assetConfig(address asset) external view returns (AssetConfig memory config);

    /// @notice The L2 sequencer uptime feed and grace period (`address(0)` when none).
    /// @return feed The feed.
    /// @return gracePeriod The grace period in seconds.
    function sequencer() external view returns (address feed, uint32 gracePeriod);

    /// @notice Adds or changes the configuration of `asset`; keeps its state (the last accepted price stays the
    /// reference, so a wrong new feed trips rather than being served).
    /// @param asset The asset.
    /// @param input The configuration.
    function setAssetConfig(address asset, AssetConfigInput calldata input) external;

    /// @notice Removes `asset`, its configuration and its state.
    /// @param asset The asset.
    function removeAsset(address asset) external;

    /// @notice Sets the L2 sequencer uptime feed (`address(0)` on an L1) and its grace period.
    /// @param feed The feed.
    /// @param gracePeriod The grace period in seconds.
    function setSequencer(address feed, uint32 gracePeriod) external;

    /// @notice The cumulative bound of `asset` in force (the defaults until {setCumulativeBound} is called) and its
    /// current window.
    /// @param asset The asset.
    /// @return bound The bound.
    function cumulativeBound(address asset) external view returns (CumulativeBound memory bound);

    /// @notice Sets the cumulative bound of `asset` (`window == 0` disables it); keeps the current window.
    /// @param asset The asset.
    /// @param window Window length in seconds.
    /// @param maxDeviationBps Largest move from the window's anchor in basis points.
    function setCumulativeBound(address asset, uint32 window, uint16 maxDeviationBps) external;

    /// @notice Pins `asset` (an operator saw something wrong), in any status, including after an automatic trip:
    /// the asset is `Tripped` with reason `ManualTrip`, neither the automatic recovery nor {reset} lifts it, only
    /// {unpin} does.
    /// @param asset The asset.
    function trip(address asset) external;

    /// @notice Lifts a guardian pin. The asset stays `Tripped` (reason `PinLifted`): the automatic recovery starts
    /// from scratch, or a {reset} re-anchors it.
    /// @param asset The asset.
    function unpin(address asset) external;

    /// @notice Lifts a trip (not a pin) or a freeze after review and re-anchors `asset` on its current validated price
    /// (primary first, else fallback), without the deviation checks.
    /// @param asset The asset.
    /// @return evaluation The accepted price and the resulting status.
    function reset(address asset) external returns (Evaluation memory evaluation);
}
