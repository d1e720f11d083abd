// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
// solhint-disable-next-line max-line-length
import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IOracleCircuitBreaker} from "../interfaces/IOracleCircuitBreaker.sol";
import {IPriceOracle} from "../interfaces/IPriceOracle.sol";

/// @title OracleCircuitBreaker
/// @notice Validates Chainlink prices per asset and serves the last accepted one; a jump above the maximum deviation
/// trips the asset, a dead primary switches to an agreeing fallback, and a dead pair freezes the asset.
///
/// Model:
/// - {update} (anyone, typically a keeper on every new round and at least once per heartbeat) reads the primary feed
///   and validates it: answer > 0, `updatedAt` != 0 and not in the future, `answeredInRound >= roundId`, age within
///   the heartbeat, price within [minPrice, maxPrice] after normalising to 18 decimals, and on an L2 the sequencer
///   uptime feed says "up" and its grace period has passed. A valid price within `maxDeviationBps` of the last
///   accepted price is accepted (`Active`); beyond it the asset trips (`Tripped`). An invalid primary falls back to
///   the fallback feed if that one is valid and within the band of the last accepted price (`UsingFallback`);
///   otherwise the asset is `Frozen`. `Frozen` and `UsingFallback` are re-evaluated on every update; `Tripped` is
///   sticky. A round older than the price accepted from the same feed is refused (`OutOfOrderRound`): the stored
///   time never moves back while a feed stays in use.
/// - Cumulative bound: on top of the per-round `maxDeviationBps`, a price further than the cumulative bound (default
///   50%) from the anchor of the current window (default 24 h) trips the asset (`CumulativeDeviationExceeded`), so a
///   walk of rounds each just inside the per-round band cannot move the price far. A window starts with the first
///   price, after a recovery or a reset (anchored on that price), and on the first acceptance `window` seconds or more
///   after the window started (anchored on the price accepted before it). Within any one window the accepted price
///   stays within the bound of the anchor; across a window boundary two bounds compound.
/// - {freshPriceOf} runs the update and serves the price only if it is accepted now; {IPriceOracle-priceOf} serves
///   the last accepted price without reading the feed.
/// - {IPriceOracle-priceOf} is a validated read of the last accepted price, not of the live feed: it reverts when the
///   asset is unknown, never priced, tripped or frozen, when the sequencer is down or in grace, and when the accepted
///   price's source round is older than the heartbeat of the feed it came from. So it never returns a price older
///   than the heartbeat, and it costs a few storage reads (plus the sequencer feed on an L2).
/// - Recovery from a trip: a guardian {reset} re-anchors on the current validated price after review; or,
///   automatically, `recoveryRounds` consecutive new primary rounds (the rejected one counts as the first), each
///   valid and within the band of the streak's first round, make the latest one the accepted price (so a price that
///   keeps walking, even by steps inside the band, does not recover). A round that fails
///   validation breaks the streak.
/// - Guardian pin: {trip} pins an asset in any status, including one an automatic trip already stopped (the pin
///   replaces the trip's recovery candidate). A pinned asset is never served or recovered: neither the automatic
///   recovery nor {reset} lifts it; only {unpin} does, after which the asset is still `Tripped` (reason `PinLifted`)
///   until a fresh recovery streak or a {reset}.
/// - Feeds are called with a gas allowance of {FEED_GAS_LIMIT} and at most five words of their answer are copied, so
///   a feed that burns gas or returns a huge payload costs at most that allowance and is reported as
///   `FeedCallFailed`; a feed call that failed only because the caller sent too little gas reverts with
///   {OracleInsufficientGas} instead of freezing the asset.
///
/// Roles: `DEFAULT_ADMIN_ROLE` (two-step transfer with a delay, {AccessControlDefaultAdminRules}) grants the others;
/// `ORACLE_CONFIG_ROLE` configures assets and the sequencer feed; `ORACLE_GUARDIAN_ROLE` trips and resets.
///
/// WARNING: feed decimals are read when an asset is configured; configure it again if a feed changes its decimals
/// (until then the mis-scaled price trips or falls outside the bounds, it is never served). Set the bounds strictly
/// inside the aggregator's `minAnswer`/`maxAnswer`, so a feed stuck at its clamp is refused.
contract OracleCircuitBreaker is IOracleCircuitBreaker, AccessControlDefaultAdminRules {
    using SafeCast for uint256;

    // ===== TYPES =====

    /// @dev Stored cumulative bound of an asset (one slot). `custom` is false until {setCumulativeBound} is called:
    /// the defaults apply.
    struct StoredBound {
        uint32 window;
        uint16 maxDeviationBps;
        bool custom;
        uint128 anchorPrice;
        uint48 anchorAt;
    }

    /// @dev A validated read of one feed: `reason` is `None` when usable.
    struct FeedRead {
        Reason reason;
        uint256 price;
        uint256 updatedAt;
    }

    // ===== CONSTANTS =====

    /// @notice Trips and resets assets. keccak256("ORACLE_GUARDIAN_ROLE")
    bytes32 public constant ORACLE_GUARDIAN_ROLE = 0x94fc6fd1d3b330e477a98d00306d9953f07dc02251e850bfca48af8d9ef37cbe;
    /// @notice Configures assets and the sequencer feed. keccak256("ORACLE_CONFIG_ROLE")
    bytes32 public constant ORACLE_CONFIG_ROLE = 0x032b1d9be01d582260b8642e65a61311b582d322e82a49f7e8b71a3d7eac64ad;
    /// @notice Maximum deviation between two accepted prices when none is configured (20%).
    uint16 public constant DEFAULT_MAX_DEVIATION_BPS = 2000;
    /// @notice Highest configurable maximum deviation (100%).
    uint16 public constant MAX_DEVIATION_LIMIT_BPS = 10_000;
    /// @notice Decimals of every price this contract returns.
    uint8 public constant PRICE_DECIMALS = 18;

    /// @notice Window of the cumulative bound of an asset whose bound was never set.
    uint32 public constant DEFAULT_CUMULATIVE_WINDOW = 1 days;
    /// @notice Cumulative bound of an asset whose bound was never set (50%).
    uint16 public constant DEFAULT_MAX_CUMULATIVE_DEVIATION_BPS = 5000;
    /// @notice Gas allowance of one feed call (a Chainlink proxy's `latestRoundData` costs about 15,000).
    uint256 public constant FEED_GAS_LIMIT = 100_000;

    uint256 private constant _BPS = 10_000;
    /// @dev `latestRoundData` returns five 32-byte words (5 * 32).
    uint256 private constant _ROUND_DATA_LENGTH = 160;

    // ===== STATE =====

    mapping(address asset => AssetConfig config) private _configs;
    mapping(address asset => AssetState state) private _states;
    mapping(address asset => StoredBound bound) private _bounds;
    address private _sequencerFeed;
    uint32 private _gracePeriod;

    // ===== CONSTRUCTOR =====

    /// @param initialAdminDelay Delay of a default admin transfer (seconds).
    /// @param initialAdmin The default admin.
    /// @param sequencerFeed The L2 sequencer uptime feed (`address(0)` on an L1 or a private chain).
    /// @param gracePeriod Seconds after the sequencer comes back during which reads are refused.
    constructor(
        uint48 initialAdminDelay,
        address initialAdmin,
        address sequencerFeed,
        uint32 gracePeriod
    ) AccessControlDefaultAdminRules(initialAdminDelay, initialAdmin) {
        _setSequencer(sequencerFeed, gracePeriod);
    }

    // ===== EXTERNAL: READS =====

    /// @inheritdoc IPriceOracle
    function priceOf(address asset) external view returns (uint256 price, uint256 updatedAt) {
        return _servedPrice(asset, _configs[asset], _states[asset], true);
    }

    /// @inheritdoc IPriceOracle
    /// @dev Runs {update} (same state changes and events), then serves as {IPriceOracle-priceOf} does, without calling
    /// the sequencer feed a second time when the update found it up. A revert undoes the update's state changes and
    /// events too: a keeper's {update} records a trip or a freeze.
    function freshPriceOf(address asset) external returns (uint256 price, uint256 updatedAt) {
        (AssetConfig storage config, AssetState storage state, Evaluation memory evaluation) = _update(asset);
        return _servedPrice(asset, config, state, evaluation.status == Status.SequencerDown);
    }

    /// @inheritdoc IOracleCircuitBreaker
    function peek(address asset) external view returns (Evaluation memory evaluation) {
        return _evaluate(_configOf(asset), _states[asset], _bounds[asset]);
    }

    /// @inheritdoc IOracleCircuitBreaker
    function statusOf(address asset) external view returns (Status status, Reason reason) {
        AssetConfig storage config = _configs[asset];
        if (config.primary == address(0)) return (Status.Unset, Reason.UnknownAsset);
        AssetState storage state = _states[asset];
        status = state.status;
        if (status == Status.Unset) return (status, Reason.AwaitingFirstPrice);
        if (status == Status.Tripped || status == Status.Frozen) return (status, state.reason);
        (Reason sequencerReason, ) = _sequencerCheck();
        if (sequencerReason != Reason.None) return (Status.SequencerDown, sequencerReason);
        uint256 heartbeat = status == Status.UsingFallback ? config.fallbackHeartbeat : config.heartbeat;
        if (block.timestamp - state.updatedAt > heartbeat) return (status, Reason.StalePrice);
        return (status, state.reason);
    }

    /// @inheritdoc IOracleCircuitBreaker
    function assetState(address asset) external view returns (AssetState memory) {
        return _states[asset];
    }

    /// @inheritdoc IOracleCircuitBreaker
    function assetConfig(address asset) external view returns (AssetConfig memory) {
        return _configs[asset];
    }

    /// @inheritdoc IOracleCircuitBreaker
    function cumulativeBound(address asset) external view returns (CumulativeBound memory bound) {
        StoredBound storage stored = _bounds[asset];
        (bound.window, bound.maxDeviationBps) = _boundOf(stored);
        bound.anchorPrice = stored.anchorPrice;
        bound.anchorAt = stored.anchorAt;
    }

    /// @inheritdoc IOracleCircuitBreaker
    function sequencer() external view returns (address feed, uint32 gracePeriod) {
        return (_sequencerFeed, _gracePeriod);
    }

    /// @inheritdoc AccessControlDefaultAdminRules
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return
            interfaceId == type(IPriceOracle).interfaceId ||
            interfaceId == type(IOracleCircuitBreaker).interfaceId ||
            super.supportsInterface(interfaceId);
    }

    // ===== EXTERNAL: KEEPER =====

    /// @inheritdoc IOracleCircuitBreaker
    /// @dev Requirements: `asset` is configured. Never reverts because of a feed: a reverting, malformed or invalid
    /// feed is a reason, not an error.
    ///
    /// Emits {OraclePriceAccepted} (+ {OracleFallbackSwitched} when switching feeds), {OracleTripped},
    /// {OracleFrozen}, {OracleRecoveryProgressed} or {OracleRecovered}; nothing when nothing changed.
    function update(address asset) external returns (Evaluation memory evaluation) {
        (, , evaluation) = _update(asset);
    }

    // ===== EXTERNAL: GUARDIAN =====

    /// @inheritdoc IOracleCircuitBreaker
    /// @dev Requirements: caller has `ORACLE_GUARDIAN_ROLE`; `asset` is configured and not already pinned (any
    /// status otherwise, an automatic trip included).
    ///
    /// Emits {OracleTripped} with reason `ManualTrip`.
    function trip(address asset) external onlyRole(ORACLE_GUARDIAN_ROLE) {
        _configOf(asset);
        AssetState storage state = _states[asset];
        if (state.status == Status.Tripped && state.reason == Reason.ManualTrip) revert OracleAlreadyTripped(asset);
        state.status = Status.Tripped;
        state.reason = Reason.ManualTrip;
        state.fallbackReason = Reason.None;
        state.streak = 0;
        state.candidatePrice = 0;
        state.candidateUpdatedAt = 0;
        emit OracleTripped(asset, state.price, 0, 0, 0, Reason.ManualTrip, msg.sender);
    }

    /// @inheritdoc IOracleCircuitBreaker
    /// @dev Requirements: caller has `ORACLE_GUARDIAN_ROLE`; `asset` is configured and pinned.
    ///
    /// Emits {OracleUnpinned}.
    function unpin(address asset) external onlyRole(ORACLE_GUARDIAN_ROLE) {
        _configOf(asset);
        AssetState storage state = _states[asset];
        Status status = state.status;
        Reason reason = state.reason;
        if (status != Status.Tripped || reason != Reason.ManualTrip) revert OracleNotPinned(asset, status, reason);
        // The pin cleared the streak and the candidate: the automatic recovery starts from scratch.
        state.reason = Reason.PinLifted;
        emit OracleUnpinned(asset, msg.sender);
    }

    /// @inheritdoc IOracleCircuitBreaker
    /// @dev Requirements: caller has `ORACLE_GUARDIAN_ROLE`; `asset` is configured, `Tripped` (not pinned) or
    /// `Frozen`; the
    /// sequencer (if any) is up and out of grace; the primary or, failing that, the fallback gives a valid price
    /// (every check but the deviation).
    ///
    /// Emits {OracleReset} and {OracleWindowAnchored} (the reset price starts a new cumulative window).
    function reset(address asset) external onlyRole(ORACLE_GUARDIAN_ROLE) returns (Evaluation memory evaluation) {
        AssetConfig storage config = _configOf(asset);
        AssetState storage state = _states[asset];
        Status previousStatus = state.status;
        if (previousStatus != Status.Tripped && previousStatus != Status.Frozen) {
            revert OracleResetNotNeeded(asset, previousStatus);
        }
        if (previousStatus == Status.Tripped && state.reason == Reason.ManualTrip) revert OracleAssetPinned(asset);
        _requireSequencerUp();

        FeedRead memory read = _readPrimary(config);
        evaluation.status = Status.Active;
        if (read.reason != Reason.None) {
            FeedRead memory fallbackRead = _readFallback(config);
            if (fallbackRead.reason != Reason.None) revert OracleNoValidPrice(asset, read.reason, fallbackRead.reason);
            evaluation.status = Status.UsingFallback;
            evaluation.reason = read.reason;
            read = fallbackRead;
        }
        uint256 previousPrice = state.price;
        evaluation.action = Action.Accept;
        evaluation.price = read.price;
        evaluation.updatedAt = read.updatedAt;
        if (previousPrice != 0) (, evaluation.deviationBps) = _deviation(read.price, previousPrice, 0);
        _storePrice(state, evaluation);
        _anchorWindow(asset, _bounds[asset], evaluation.price);
        emit OracleReset(
            asset,
            msg.sender,
            previousStatus,
            evaluation.status,
            previousPrice,
            evaluation.price,
            evaluation.updatedAt
        );
    }

    // ===== EXTERNAL: CONFIGURATION =====

    /// @inheritdoc IOracleCircuitBreaker
    /// @dev Requirements: caller has `ORACLE_CONFIG_ROLE`; `asset` is not zero; the primary (and the fallback, if
    /// any, different from the primary) are contracts reporting at most 18 decimals; heartbeats are not zero; `0 <
    /// minPrice < maxPrice`; `maxDeviationBps <= 10000` (0 selects 2000); `recoveryRounds` is 0 or at least 2.
    ///
    /// Emits {OracleAssetConfigured}.
    function setAssetConfig(address asset, AssetConfigInput calldata input) external onlyRole(ORACLE_CONFIG_ROLE) {
        if (asset == address(0)) revert OracleInvalidAsset(asset);
        uint8 primaryDecimals = _feedDecimals(input.primary);
        if (input.heartbeat == 0) revert OracleInvalidHeartbeat(input.heartbeat);
        // Zero when there is no fallback feed.
        uint8 fallbackDecimals = 0;
        uint32 fallbackHeartbeat = 0;
        if (input.fallbackFeed != address(0)) {
            if (input.fallbackFeed == input.primary) revert OracleInvalidFeed(input.fallbackFeed);
            fallbackDecimals = _feedDecimals(input.fallbackFeed);
            fallbackHeartbeat = input.fallbackHeartbeat;
            if (fallbackHeartbeat == 0) revert OracleInvalidHeartbeat(fallbackHeartbeat);
        }
        if (input.minPrice == 0 || input.minPrice >= input.maxPrice) {
            revert OracleInvalidBounds(input.minPrice, input.maxPrice);
        }
        uint16 maxDeviationBps = input.maxDeviationBps == 0 ? DEFAULT_MAX_DEVIATION_BPS : input.maxDeviationBps;
        if (maxDeviationBps > MAX_DEVIATION_LIMIT_BPS) revert OracleInvalidDeviation(maxDeviationBps);
        if (input.recoveryRounds == 1) revert OracleInvalidRecoveryRounds(input.recoveryRounds);

        AssetConfig memory config = AssetConfig({
            primary: input.primary,
            heartbeat: input.heartbeat,
            maxDeviationBps: maxDeviationBps,
            primaryDecimals: primaryDecimals,
            recoveryRounds: input.recoveryRounds,
            fallbackFeed: input.fallbackFeed,
            fallbackHeartbeat: fallbackHeartbeat,
            fallbackDecimals: fallbackDecimals,
            minPrice: input.minPrice,
            maxPrice: input.maxPrice
        });
        _configs[asset] = config;
        emit OracleAssetConfigured(asset, config, msg.sender);
    }

    /// @inheritdoc IOracleCircuitBreaker
    /// @dev Requirements: caller has `ORACLE_CONFIG_ROLE`; `asset` is configured.
    ///
    /// Emits {OracleAssetRemoved}.
    function removeAsset(address asset) external onlyRole(ORACLE_CONFIG_ROLE) {
        _configOf(asset);
        delete _configs[asset];
        delete _states[asset];
        delete _bounds[asset];
        emit OracleAssetRemoved(asset, msg.sender);
    }

    /// @inheritdoc IOracleCircuitBreaker
    /// @dev Requirements: caller has `ORACLE_CONFIG_ROLE`; `asset` is configured; `maxDeviationBps <= 10000`, and not
    /// zero unless `window` is zero.
    ///
    /// Emits {OracleCumulativeBoundConfigured}.
    function setCumulativeBound(
        address asset,
        uint32 window,
        uint16 maxDeviationBps
    ) external onlyRole(ORACLE_CONFIG_ROLE) {
        _configOf(asset);
        if ((window != 0 && maxDeviationBps == 0) || maxDeviationBps > MAX_DEVIATION_LIMIT_BPS) {
            revert OracleInvalidCumulativeBound(window, maxDeviationBps);
        }
        StoredBound storage bound = _bounds[asset];
        bound.window = window;
        bound.maxDeviationBps = maxDeviationBps;
        bound.custom = true;
        emit OracleCumulativeBoundConfigured(asset, window, maxDeviationBps, msg.sender);
    }

    /// @inheritdoc IOracleCircuitBreaker
    /// @dev Requirements: caller has `ORACLE_CONFIG_ROLE`; `feed` is `address(0)` or a contract.
    ///
    /// Emits {OracleSequencerConfigured}.
    function setSequencer(address feed, uint32 gracePeriod) external onlyRole(ORACLE_CONFIG_ROLE) {
        _setSequencer(feed, gracePeriod);
    }

    // ===== PRIVATE =====

    /// @dev {update}: evaluates and applies; returns the asset's storage with the evaluation.
    function _update(
        address asset
    ) private returns (AssetConfig storage config, AssetState storage state, Evaluation memory evaluation) {
        config = _configOf(asset);
        state = _states[asset];
        StoredBound storage bound = _bounds[asset];
        evaluation = _evaluate(config, state, bound);
        Action action = evaluation.action;
        if (action == Action.None) return (config, state, evaluation);
        Status previousStatus = state.status;
        uint256 previousPrice = state.price;
        if (action == Action.Accept) {
            _storePrice(state, evaluation);
            _advanceWindow(asset, bound, previousPrice, evaluation.price);
            emit OraclePriceAccepted(
                asset,
                evaluation.status,
                evaluation.price,
                evaluation.updatedAt,
                previousPrice,
                evaluation.deviationBps
            );
            if (
                previousStatus != evaluation.status &&
                (previousStatus == Status.UsingFallback || evaluation.status == Status.UsingFallback)
            ) {
                emit OracleFallbackSwitched(asset, previousStatus, evaluation.status, evaluation.reason);
            }
        } else if (action == Action.Trip) {
            _applyTrip(asset, state, evaluation, previousPrice);
        } else if (action == Action.Freeze) {
            state.status = Status.Frozen;
            state.reason = evaluation.reason;
            state.fallbackReason = evaluation.fallbackReason;
            emit OracleFrozen(asset, previousStatus, evaluation.reason, evaluation.fallbackReason, previousPrice);
        } else if (action == Action.RecoveryProgress) {
            _applyRecoveryProgress(asset, state, evaluation, config.recoveryRounds);
        } else {
            // Action.Recover: the recovered level starts a new window.
            _storePrice(state, evaluation);
            _anchorWindow(asset, bound, evaluation.price);
            emit OracleRecovered(asset, previousPrice, evaluation.price, evaluation.updatedAt, evaluation.streak);
        }
    }

    /// @dev The validated read of the last accepted price (see {IPriceOracle-priceOf}); `checkSequencer` is false only
    /// when the caller has just found the sequencer up in this transaction.
    function _servedPrice(
        address asset,
        AssetConfig storage config,
        AssetState storage state,
        bool checkSequencer
    ) private view returns (uint256 price, uint256 updatedAt) {
        // Read the packed first slots once, before any branch (the optimizer then shares the loads).
        address primary = config.primary;
        uint256 heartbeat = config.heartbeat;
        Status status = state.status;
        price = state.price;
        updatedAt = state.updatedAt;
        if (primary == address(0)) revert OracleUnknownAsset(asset);
        if (status == Status.Tripped) revert OracleAssetTripped(asset, price, state.candidatePrice, state.reason);
        if (status == Status.Frozen) revert OracleAssetFrozen(asset, state.reason, state.fallbackReason);
        if (status == Status.Unset) revert OracleNoPrice(asset);
        if (checkSequencer) _requireSequencerUp();
        if (status == Status.UsingFallback) heartbeat = config.fallbackHeartbeat;
        // updatedAt <= block.timestamp: it was checked when the price was accepted.
        if (block.timestamp - updatedAt > heartbeat) {
            revert OracleStalePrice(asset, updatedAt, heartbeat, block.timestamp);
        }
    }

    /// @dev What an update does now. Order: sequencer, then the tripped state machine, then primary -> fallback.
    function _evaluate(
        AssetConfig storage config,
        AssetState storage state,
        StoredBound storage bound
    ) private view returns (Evaluation memory evaluation) {
        evaluation.status = state.status;
        (Reason sequencerReason, ) = _sequencerCheck();
        if (sequencerReason != Reason.None) {
            evaluation.status = Status.SequencerDown;
            evaluation.reason = sequencerReason;
            return evaluation;
        }
        FeedRead memory primary = _readPrimary(config);
        if (evaluation.status == Status.Tripped) return _evaluateTripped(config, state, primary, evaluation);
        // While the primary is in use its rounds may not go back in time.
        if (primary.reason == Reason.None && evaluation.status == Status.Active && primary.updatedAt < state.updatedAt)
            primary.reason = Reason.OutOfOrderRound;

        uint256 lastPrice = state.price;
        if (primary.reason == Reason.None) {
            evaluation.price = primary.price;
            evaluation.updatedAt = primary.updatedAt;
            if (lastPrice != 0) {
                Reason bandReason;
                (bandReason, evaluation.deviationBps) = _bandCheck(config, bound, primary.price, lastPrice);
                if (bandReason != Reason.None) {
                    evaluation.action = Action.Trip;
                    evaluation.status = Status.Tripped;
                    evaluation.reason = bandReason;
                    evaluation.streak = 1;
                    return evaluation;
                }
            }
            return _accept(state, evaluation, Status.Active);
        }

        evaluation.reason = primary.reason;
        return _evaluateFallback(config, state, bound, evaluation);
    }

    /// @dev The primary is invalid: use the fallback if it is valid and within the band of the last accepted price,
    /// else freeze (the action stays `None` when already frozen for the same reasons).
    function _evaluateFallback(
        AssetConfig storage config,
        AssetState storage state,
        StoredBound storage bound,
        Evaluation memory evaluation
    ) private view returns (Evaluation memory) {
        uint256 lastPrice = state.price;
        FeedRead memory fallbackRead = _readFallback(config);
        if (fallbackRead.reason == Reason.None) {
            if (lastPrice == 0) fallbackRead.reason = Reason.NoReferencePrice;
            else if (state.status == Status.UsingFallback && fallbackRead.updatedAt < state.updatedAt) {
                // While the fallback is in use its rounds may not go back in time either.
                fallbackRead.reason = Reason.OutOfOrderRound;
            }
        }
        if (fallbackRead.reason == Reason.None) {
            (Reason bandReason, uint256 deviationBps) = _bandCheck(config, bound, fallbackRead.price, lastPrice);
            if (bandReason == Reason.None) {
                evaluation.price = fallbackRead.price;
                evaluation.updatedAt = fallbackRead.updatedAt;
                evaluation.deviationBps = deviationBps;
                return _accept(state, evaluation, Status.UsingFallback);
            }
            fallbackRead.reason = bandReason;
        }
        evaluation.status = Status.Frozen;
        evaluation.fallbackReason = fallbackRead.reason;
        if (
            state.status != Status.Frozen ||
            state.reason != evaluation.reason ||
            state.fallbackReason != evaluation.fallbackReason
        ) evaluation.action = Action.Freeze;
        return evaluation;
    }

    /// @dev The automatic recovery of a tripped asset: see the contract NatSpec.
    function _evaluateTripped(
        AssetConfig storage config,
        AssetState storage state,
        FeedRead memory primary,
        Evaluation memory evaluation
    ) private view returns (Evaluation memory) {
        evaluation.reason = state.reason;
        evaluation.streak = state.streak;
        evaluation.price = state.candidatePrice;
        evaluation.updatedAt = state.candidateUpdatedAt;
        uint8 required = config.recoveryRounds;
        if (required == 0 || state.reason == Reason.ManualTrip) return evaluation;
        if (primary.reason != Reason.None) {
            if (state.streak == 0) return evaluation;
            evaluation.action = Action.RecoveryProgress;
            evaluation.streak = 0;
            evaluation.price = 0;
            evaluation.updatedAt = 0;
            return evaluation;
        }
        if (primary.updatedAt <= state.candidateUpdatedAt) return evaluation;

        uint8 streak = 1;
        uint256 candidate = state.candidatePrice;
        evaluation.deviationBps = 0;
        if (candidate != 0) {
            bool within;
            (within, evaluation.deviationBps) = _deviation(primary.price, candidate, config.maxDeviationBps);
            // state.streak < required <= 255 while tripped (else it would have recovered), so this cannot overflow.
            if (within) streak = state.streak + 1;
        }
        evaluation.price = primary.price;
        evaluation.updatedAt = primary.updatedAt;
        evaluation.streak = streak;
        if (streak >= required) {
            evaluation.action = Action.Recover;
            evaluation.status = Status.Active;
            evaluation.reason = Reason.None;
        } else {
            evaluation.action = Action.RecoveryProgress;
        }
        return evaluation;
    }

    /// @dev Completes an acceptance; the action stays `None` when it would change nothing (same round again).
    function _accept(
        AssetState storage state,
        Evaluation memory evaluation,
        Status status
    ) private view returns (Evaluation memory) {
        evaluation.status = status;
        if (
            state.status != status ||
            state.price != evaluation.price ||
            state.updatedAt != evaluation.updatedAt ||
            state.reason != evaluation.reason
        ) evaluation.action = Action.Accept;
        return evaluation;
    }

    function _applyTrip(
        address asset,
        AssetState storage state,
        Evaluation memory evaluation,
        uint256 previousPrice
    ) private {
        state.status = Status.Tripped;
        state.reason = evaluation.reason;
        state.fallbackReason = Reason.None;
        state.streak = 1;
        state.candidatePrice = evaluation.price.toUint128();
        state.candidateUpdatedAt = evaluation.updatedAt.toUint48();
        emit OracleTripped(
            asset,
            previousPrice,
            evaluation.price,
            evaluation.deviationBps,
            evaluation.updatedAt,
            evaluation.reason,
            msg.sender
        );
    }

    function _applyRecoveryProgress(
        address asset,
        AssetState storage state,
        Evaluation memory evaluation,
        uint8 required
    ) private {
        state.streak = evaluation.streak;
        // The candidate is the streak's first round (0 once an invalid round broke the streak): every later round of
        // the streak must agree with it, so a price that keeps walking never recovers.
        if (evaluation.streak <= 1) state.candidatePrice = evaluation.price.toUint128();
        // An invalid round clears the candidate but keeps the last counted round, so it cannot count twice.
        if (evaluation.price != 0) state.candidateUpdatedAt = evaluation.updatedAt.toUint48();
        emit OracleRecoveryProgressed(asset, evaluation.price, evaluation.updatedAt, evaluation.streak, required);
    }

    /// @dev After an acceptance: starts a new cumulative window when the bound is enabled and the current window is
    /// over (anchored on the previous price), or with the first price (anchored on it).
    function _advanceWindow(address asset, StoredBound storage bound, uint256 previousPrice, uint256 newPrice) private {
        (uint256 window, ) = _boundOf(bound);
        if (window == 0) return;
        if (previousPrice == 0) _anchorWindow(asset, bound, newPrice);
        else if (bound.anchorPrice == 0 || block.timestamp - bound.anchorAt >= window) {
            _anchorWindow(asset, bound, previousPrice);
        }
    }

    function _anchorWindow(address asset, StoredBound storage bound, uint256 anchorPrice) private {
        bound.anchorPrice = anchorPrice.toUint128();
        bound.anchorAt = block.timestamp.toUint48();
        emit OracleWindowAnchored(asset, anchorPrice, block.timestamp);
    }

    function _storePrice(AssetState storage state, Evaluation memory evaluation) private {
        state.price = evaluation.price.toUint128();
        state.updatedAt = evaluation.updatedAt.toUint48();
        state.acceptedAt = block.timestamp.toUint48();
        state.status = evaluation.status;
        state.reason = evaluation.reason;
        state.fallbackReason = Reason.None;
        state.streak = 0;
        state.candidatePrice = 0;
        state.candidateUpdatedAt = 0;
    }

    function _readPrimary(AssetConfig storage config) private view returns (FeedRead memory) {
        return _readFeed(config.primary, config.primaryDecimals, config.heartbeat, config.minPrice, config.maxPrice);
    }

    function _readFallback(AssetConfig storage config) private view returns (FeedRead memory read) {
        address feed = config.fallbackFeed;
        if (feed == address(0)) {
            read.reason = Reason.NoFallback;
            return read;
        }
        return _readFeed(feed, config.fallbackDecimals, config.fallbackHeartbeat, config.minPrice, config.maxPrice);
    }

    /// @dev Reads and validates one feed's latest round. A failing or malformed call is a reason, not a revert.
    function _readFeed(
        address feed,
        uint8 decimals,
        uint256 heartbeat,
        uint256 minPrice,
        uint256 maxPrice
    ) private view returns (FeedRead memory read) {
        (bool ok, uint256 roundId, int256 answer, , uint256 updatedAt, uint256 answeredInRound) = _latestRound(feed);
        if (!ok) read.reason = Reason.FeedCallFailed;
        else if (answer <= 0) read.reason = Reason.NonPositiveAnswer;
        else if (updatedAt == 0) read.reason = Reason.IncompleteRound;
        else if (updatedAt > block.timestamp) read.reason = Reason.FutureTimestamp;
        else if (answeredInRound < roundId) read.reason = Reason.StaleRound;
        else if (block.timestamp - updatedAt > heartbeat) read.reason = Reason.StalePrice;
        else if (uint256(answer) > type(uint128).max) read.reason = Reason.AboveMaxPrice;
        else {
            // answer <= 2^128 and decimals <= 18: the product fits in 256 bits.
            uint256 price = uint256(answer) * 10 ** (PRICE_DECIMALS - decimals);
            if (price < minPrice) read.reason = Reason.BelowMinPrice;
            else if (price > maxPrice) read.reason = Reason.AboveMaxPrice;
            else {
                read.price = price;
                read.updatedAt = updatedAt;
            }
        }
    }

    /// @dev `latestRoundData` through a static call with a gas allowance of {FEED_GAS_LIMIT}, copying at most the five
    /// words of the answer: a reverting, code-less, gas-burning or malformed feed, or one returning a huge payload, is
    /// reported (`ok == false`) rather than bubbled up, and costs at most the allowance. Words are read whole (no
    /// revert on dirty bits). A call that failed because the caller's gas ran short reverts {OracleInsufficientGas}.
    function _latestRound(
        address feed
    )
        private
        view
        returns (bool ok, uint256 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint256 answeredInRound)
    {
        bytes4 selector = AggregatorV3Interface.latestRoundData.selector;
        bool success;
        // Assembly only to bound what is copied back (Solidity's low-level call copies the whole return data). It
        // uses the scratch memory past the free memory pointer without moving the pointer.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, selector)
            success := staticcall(FEED_GAS_LIMIT, feed, ptr, 4, ptr, _ROUND_DATA_LENGTH)
            ok := and(success, iszero(lt(returndatasize(), _ROUND_DATA_LENGTH)))
            roundId := mload(ptr)
            answer := mload(add(ptr, 0x20))
            startedAt := mload(add(ptr, 0x40))
            updatedAt := mload(add(ptr, 0x60))
            answeredInRound := mload(add(ptr, 0x80))
        }
        // The call got min(FEED_GAS_LIMIT, 63/64 of what was left). If it had less than its allowance, at most 1/64
        // is left now, below FEED_GAS_LIMIT / 63: the failure may be the caller's short gas, not the feed's.
        if (!success && gasleft() < FEED_GAS_LIMIT / 63) revert OracleInsufficientGas(feed);
        if (!ok) return (false, 0, 0, 0, 0, 0);
    }

    /// @dev Sequencer state: `SequencerDown` when the feed says down (answer != 0), has no valid round
    /// (`startedAt == 0`) or cannot be read; `SequencerGracePeriod` until `gracePeriod` seconds after it came back
    /// (reads resume strictly after `upSince + gracePeriod`); `None` when up or when no feed is configured.
    function _sequencerCheck() private view returns (Reason reason, uint256 upSince) {
        address feed = _sequencerFeed;
        if (feed == address(0)) return (Reason.None, 0);
        (bool ok, , int256 answer, uint256 startedAt, , ) = _latestRound(feed);
        if (!ok || answer != 0 || startedAt == 0) return (Reason.SequencerDown, 0);
        if (startedAt > block.timestamp || block.timestamp - startedAt <= _gracePeriod) {
            return (Reason.SequencerGracePeriod, startedAt);
        }
        return (Reason.None, startedAt);
    }

    function _requireSequencerUp() private view {
        (Reason reason, uint256 upSince) = _sequencerCheck();
        if (reason == Reason.SequencerDown) revert OracleSequencerDown(_sequencerFeed);
        if (reason == Reason.SequencerGracePeriod) {
            // Saturating: a feed reporting an absurd `startedAt` must still produce the typed error, not a panic.
            revert OracleSequencerGracePeriod(upSince, Math.saturatingAdd(upSince, _gracePeriod));
        }
    }

    /// @dev Whether `price` is within `maxDeviationBps` of `referencePrice` (exact integer comparison) and the
    /// deviation in basis points rounded up. Prices are below 2^128, so `diff * 10000` cannot overflow; the
    /// reference is > 0.
    function _deviation(
        uint256 price,
        uint256 referencePrice,
        uint256 maxDeviationBps
    ) private pure returns (bool within, uint256 deviationBps) {
        uint256 diff = price > referencePrice ? price - referencePrice : referencePrice - price;
        within = diff * _BPS <= maxDeviationBps * referencePrice;
        deviationBps = Math.mulDiv(diff, _BPS, referencePrice, Math.Rounding.Ceil);
    }

    /// @dev Whether `price` is within the per-round band of `lastPrice` (> 0) and the cumulative bound of the current
    /// window: `None`, `DeviationExceeded` or `CumulativeDeviationExceeded`, with the deviation in basis points from
    /// `lastPrice` (or, for a cumulative refusal, from the window's anchor).
    function _bandCheck(
        AssetConfig storage config,
        StoredBound storage bound,
        uint256 price,
        uint256 lastPrice
    ) private view returns (Reason reason, uint256 deviationBps) {
        bool within;
        (within, deviationBps) = _deviation(price, lastPrice, config.maxDeviationBps);
        if (!within) return (Reason.DeviationExceeded, deviationBps);
        (uint256 window, uint256 maxCumulativeBps) = _boundOf(bound);
        if (window == 0) return (Reason.None, deviationBps);
        // The anchor of the window this price would be accepted in: a new window starts on the last price.
        uint256 anchor = bound.anchorPrice;
        if (anchor == 0 || block.timestamp - bound.anchorAt >= window) anchor = lastPrice;
        // As {_deviation}, with the basis points computed only for a refusal.
        uint256 diff = price > anchor ? price - anchor : anchor - price;
        if (diff * _BPS > maxCumulativeBps * anchor) {
            return (Reason.CumulativeDeviationExceeded, Math.mulDiv(diff, _BPS, anchor, Math.Rounding.Ceil));
        }
    }

    /// @dev The cumulative bound in force: the stored one once set, else the defaults.
    function _boundOf(StoredBound storage bound) private view returns (uint32 window, uint16 maxDeviationBps) {
        if (!bound.custom) return (DEFAULT_CUMULATIVE_WINDOW, DEFAULT_MAX_CUMULATIVE_DEVIATION_BPS);
        return (bound.window, bound.maxDeviationBps);
    }

    function _feedDecimals(address feed) private view returns (uint8 decimals) {
        if (feed == address(0) || feed.code.length == 0) revert OracleInvalidFeed(feed);
        decimals = AggregatorV3Interface(feed).decimals();
        if (decimals > PRICE_DECIMALS) revert OracleUnsupportedDecimals(feed, decimals);
    }

    function _configOf(address asset) private view returns (AssetConfig storage config) {
        config = _configs[asset];
        if (config.primary == address(0)) revert OracleUnknownAsset(asset);
    }

    function _setSequencer(address feed, uint32 gracePeriod) private {
        if (feed != address(0) && feed.code.length == 0) revert OracleInvalidFeed(feed);
        _sequencerFeed = feed;
        _gracePeriod = gracePeriod;
        emit OracleSequencerConfigured(feed, gracePeriod, msg.sender);
    }
}
