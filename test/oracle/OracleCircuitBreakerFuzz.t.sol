// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOracleCircuitBreaker} from "../../contracts/interfaces/IOracleCircuitBreaker.sol";
import {OracleMockFeed} from "../../contracts/mocks/OracleMockFeed.sol";
import {OracleCircuitBreaker} from "../../contracts/oracle/OracleCircuitBreaker.sol";
import {Test, Vm} from "../utils/Test.sol";

/// @dev Deploys a breaker with one 8-decimal asset; shared by the fuzz and invariant suites.
abstract contract OracleFuzzBase is Test {
    uint256 internal constant START = 1_700_000_000;
    uint32 internal constant HEARTBEAT = 3600;
    uint32 internal constant FALLBACK_HEARTBEAT = 7200;
    uint128 internal constant MIN_PRICE = 1e18;
    uint128 internal constant MAX_PRICE = 1e24;
    uint256 internal constant MIN_RAW = 1e8; // MIN_PRICE in 8 decimals
    uint256 internal constant MAX_RAW = 1e14; // MAX_PRICE in 8 decimals

    OracleCircuitBreaker internal breaker;
    OracleMockFeed internal primary;
    OracleMockFeed internal fallbackFeed;
    address internal asset;
    address internal guardian;

    function _deploy(uint16 maxDeviationBps, uint8 recoveryRounds, bool withFallback) internal {
        vm.warp(START);
        address admin = makeAddr("admin");
        guardian = makeAddr("guardian");
        asset = makeAddr("ASSET");
        breaker = new OracleCircuitBreaker(1 days, admin, address(0), 0);
        primary = new OracleMockFeed(8, 2000e8);
        fallbackFeed = new OracleMockFeed(8, 2000e8);
        vm.startPrank(admin);
        breaker.grantRole(breaker.ORACLE_CONFIG_ROLE(), admin);
        breaker.grantRole(breaker.ORACLE_GUARDIAN_ROLE(), guardian);
        breaker.setAssetConfig(
            asset,
            IOracleCircuitBreaker.AssetConfigInput({
                primary: address(primary),
                fallbackFeed: withFallback ? address(fallbackFeed) : address(0),
                heartbeat: HEARTBEAT,
                fallbackHeartbeat: FALLBACK_HEARTBEAT,
                minPrice: MIN_PRICE,
                maxPrice: MAX_PRICE,
                maxDeviationBps: maxDeviationBps,
                recoveryRounds: recoveryRounds
            })
        );
        vm.stopPrank();
    }

    /// @dev Switches the cumulative bound off, for suites about the per-round band alone.
    function _disableCumulativeBound() internal {
        vm.prank(makeAddr("admin"));
        breaker.setCumulativeBound(asset, 0, 0);
    }

    /// @dev Independent statement of the rule: `next` is outside the band of `last` iff |next - last| / last > bps.
    function _exceeds(uint256 next, uint256 last, uint256 maxDeviationBps) internal pure returns (bool) {
        uint256 diff = next > last ? next - last : last - next;
        return diff * 10_000 > maxDeviationBps * last;
    }

    function _heartbeatOf(IOracleCircuitBreaker.Status status) internal pure returns (uint256) {
        return status == IOracleCircuitBreaker.Status.UsingFallback ? FALLBACK_HEARTBEAT : HEARTBEAT;
    }

    function _sameEvaluation(
        IOracleCircuitBreaker.Evaluation memory a,
        IOracleCircuitBreaker.Evaluation memory b
    ) internal pure {
        assertEq(uint256(uint8(a.action)), uint256(uint8(b.action)), "peek action");
        assertEq(uint256(uint8(a.status)), uint256(uint8(b.status)), "peek status");
        assertEq(uint256(uint8(a.reason)), uint256(uint8(b.reason)), "peek reason");
        assertEq(uint256(uint8(a.fallbackReason)), uint256(uint8(b.fallbackReason)), "peek fallbackReason");
        assertEq(a.price, b.price, "peek price");
        assertEq(a.updatedAt, b.updatedAt, "peek updatedAt");
        assertEq(a.deviationBps, b.deviationBps, "peek deviation");
        assertEq(uint256(a.streak), uint256(b.streak), "peek streak");
    }

    /// @dev If priceOf serves a price, it is the stored one, within bounds and no older than its heartbeat.
    function _checkRead() internal view returns (bool served) {
        try breaker.priceOf(asset) returns (uint256 price, uint256 updatedAt) {
            IOracleCircuitBreaker.AssetState memory s = breaker.assetState(asset);
            assertTrue(
                s.status == IOracleCircuitBreaker.Status.Active ||
                    s.status == IOracleCircuitBreaker.Status.UsingFallback,
                "served only when usable"
            );
            assertEq(price, uint256(s.price), "stored price");
            assertLe(updatedAt, block.timestamp, "not in the future");
            assertLe(block.timestamp - updatedAt, _heartbeatOf(s.status), "never older than the heartbeat");
            assertGe(price, MIN_PRICE, "min");
            assertLe(price, MAX_PRICE, "max");
            return true;
        } catch {
            return false;
        }
    }
}

contract OracleCircuitBreakerFuzzTest is OracleFuzzBase {
    /// @dev Two consecutive rounds: the second trips exactly when it leaves the band, for any bound and prices,
    /// including prices placed within a few units of the band's edge.
    function testFuzz_update_tripsExactlyWhenDeviationExceedsBound(
        uint256 p0,
        uint256 p1,
        uint256 maxDeviationBps,
        uint256 edgeOffset,
        bool nearEdge,
        bool up
    ) public {
        maxDeviationBps = bound(maxDeviationBps, 1, 10_000);
        _deploy(uint16(maxDeviationBps), 3, false);
        _disableCumulativeBound();
        p0 = bound(p0, MIN_RAW, MAX_RAW / 2);
        if (nearEdge) {
            p0 -= p0 % 10_000; // the band's edge is then an exact integer
            uint256 edge = (p0 * maxDeviationBps) / 10_000;
            uint256 delta = edge + bound(edgeOffset, 0, 4);
            delta = delta > 2 ? delta - 2 : 0;
            p1 = up ? p0 + delta : (delta < p0 ? p0 - delta : p0);
            if (p1 < MIN_RAW) p1 = MIN_RAW;
        } else {
            p1 = bound(p1, MIN_RAW, MAX_RAW);
        }
        primary.setAnswer(int248(uint248(p0)));
        breaker.update(asset);

        vm.warp(block.timestamp + 60);
        primary.setAnswer(int248(uint248(p1)));
        IOracleCircuitBreaker.Evaluation memory peeked = breaker.peek(asset);
        IOracleCircuitBreaker.Evaluation memory e = breaker.update(asset);
        _sameEvaluation(peeked, e);

        bool expectTrip = _exceeds(p1, p0, maxDeviationBps);
        IOracleCircuitBreaker.Status status = breaker.assetState(asset).status;
        if (expectTrip) {
            assertEq(uint256(uint8(e.action)), uint256(uint8(IOracleCircuitBreaker.Action.Trip)), "trip");
            assertEq(uint256(uint8(status)), uint256(uint8(IOracleCircuitBreaker.Status.Tripped)), "tripped");
            assertGe(e.deviationBps, maxDeviationBps + 1, "reported deviation above the bound");
            assertFalse(_checkRead(), "tripped asset is not served");
        } else {
            assertEq(uint256(uint8(e.action)), uint256(uint8(IOracleCircuitBreaker.Action.Accept)), "accept");
            assertEq(uint256(uint8(status)), uint256(uint8(IOracleCircuitBreaker.Status.Active)), "active");
            assertLe(e.deviationBps, maxDeviationBps, "reported deviation within the bound");
            (uint256 price, ) = breaker.priceOf(asset);
            assertEq(price, p1 * 1e10, "normalised to 18 decimals");
        }
    }

    /// @dev A random path of feed rounds, anomalies, time jumps, keeper updates and guardian resets. At every step:
    /// peek predicts update exactly; a trip happens only on a move beyond the band and an acceptance from the
    /// primary only within it; any served price is no older than its heartbeat.
    function testFuzz_pricePath_neverServesStalePriceAndTripsOnlyBeyondBand(uint256 seed) public {
        _runPath(seed);
    }

    /// @dev The path generator is not vacuous: over a few seeds it reaches every action of the state machine.
    function test_pricePath_generatorReachesEveryAction() public {
        uint256[6] memory total;
        for (uint256 seed = 1; seed <= 12; seed++) {
            uint256[6] memory counts = _runPath(seed);
            for (uint256 k = 0; k < 6; k++) total[k] += counts[k];
        }
        assertGe(total[uint8(IOracleCircuitBreaker.Action.Accept)], 1, "accepts");
        assertGe(total[uint8(IOracleCircuitBreaker.Action.Trip)], 1, "trips");
        assertGe(total[uint8(IOracleCircuitBreaker.Action.Freeze)], 1, "freezes");
        assertGe(total[uint8(IOracleCircuitBreaker.Action.RecoveryProgress)], 1, "recovery progress");
        assertGe(total[uint8(IOracleCircuitBreaker.Action.Recover)], 1, "recoveries");
    }

    function _runPath(uint256 seed) internal returns (uint256[6] memory counts) {
        uint256 maxDeviationBps = 500 + (seed % 2500);
        _deploy(uint16(maxDeviationBps), 3, true);
        _disableCumulativeBound();
        uint256 price = 2000e8;
        uint256 fallbackPrice = 2000e8;
        for (uint256 i = 0; i < 24; i++) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            // Time passes: mostly short, sometimes beyond a heartbeat.
            vm.warp(block.timestamp + (r % 4 == 0 ? r % (2 * HEARTBEAT) : r % 300));
            r >>= 16;
            if (r % 10 < 7) {
                price = _move(price, r >> 8, maxDeviationBps);
                primary.setAnswer(int248(uint248(price)));
            } else if (r % 10 == 7) {
                primary.setRoundData(99, int248(uint248(price)), block.timestamp, block.timestamp, 98); // anomaly
            }
            r >>= 32;
            if (r % 2 == 0) {
                fallbackPrice = _move(fallbackPrice, r >> 8, maxDeviationBps);
                fallbackFeed.setAnswer(int248(uint248(fallbackPrice)));
            }
            r >>= 32;
            counts[uint8(_step(maxDeviationBps, r % 8 == 0))]++;
            _checkRead();
        }
    }

    /// @dev Moves `price` by up to 1.5x the band either way, staying inside the sanity bounds.
    function _move(uint256 price, uint256 r, uint256 maxDeviationBps) internal pure returns (uint256) {
        uint256 bps = r % ((maxDeviationBps * 3) / 2 + 1);
        uint256 delta = (price * bps) / 10_000;
        uint256 next = (r >> 128) % 2 == 0 ? price + delta : price - delta;
        if (next < MIN_RAW) next = MIN_RAW;
        if (next > MAX_RAW) next = MAX_RAW;
        return next;
    }

    function _step(uint256 maxDeviationBps, bool guardianResets) internal returns (IOracleCircuitBreaker.Action) {
        IOracleCircuitBreaker.AssetState memory before = breaker.assetState(asset);
        IOracleCircuitBreaker.Evaluation memory peeked = breaker.peek(asset);
        IOracleCircuitBreaker.Evaluation memory e = breaker.update(asset);
        _sameEvaluation(peeked, e);
        IOracleCircuitBreaker.AssetState memory afterUpdate = breaker.assetState(asset);
        if (e.action == IOracleCircuitBreaker.Action.Trip) {
            assertTrue(before.price != 0, "a trip needs a reference");
            assertTrue(_exceeds(e.price, before.price, maxDeviationBps), "tripped only beyond the band");
        }
        if (e.action == IOracleCircuitBreaker.Action.Accept && before.price != 0) {
            assertFalse(_exceeds(e.price, before.price, maxDeviationBps), "accepted only within the band");
            assertEq(uint256(afterUpdate.price), e.price, "stored");
        }
        if (e.action == IOracleCircuitBreaker.Action.Recover) {
            assertEq(uint256(e.streak), 3, "recovered after three agreeing rounds");
        }
        if (guardianResets && afterUpdate.status == IOracleCircuitBreaker.Status.Tripped) {
            vm.prank(guardian);
            try breaker.reset(asset) {} catch {}
        }
        return e.action;
    }
}

/// @dev Differential test of the cumulative bound against a reference model written from the README rule: a price
/// is accepted iff it is within the per-round band of the last accepted price and within the cumulative bound of the
/// window's anchor; a window starts with the first price, on a guardian reset (on the reset price), and on the first
/// acceptance `window` seconds or more after the window started (on the price accepted before it).
contract OracleCumulativeBoundDifferentialTest is OracleFuzzBase {
    struct Model {
        uint256 last;
        uint256 anchor;
        uint256 anchorAt;
    }

    function testFuzz_cumulativeBound_matchesTheReferenceModel(
        uint256 seed,
        uint256 maxDeviationBps,
        uint256 maxCumulativeBps,
        uint256 window
    ) public {
        maxDeviationBps = bound(maxDeviationBps, 100, 3000);
        maxCumulativeBps = bound(maxCumulativeBps, maxDeviationBps, 10_000);
        window = bound(window, 10 minutes, 2 days);
        _deploy(uint16(maxDeviationBps), 0, false);
        vm.prank(makeAddr("admin"));
        breaker.setCumulativeBound(asset, uint32(window), uint16(maxCumulativeBps));

        breaker.update(asset);
        Model memory m = Model({last: 2000e18, anchor: 2000e18, anchorAt: block.timestamp});
        uint256 raw = 2000e8;
        uint256 trips;
        for (uint256 i = 0; i < 30; i++) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            // Up to half a window passes (capped below the heartbeat, so every round is fresh).
            uint256 dt = 1 + (r % (window / 2 < HEARTBEAT ? window / 2 : HEARTBEAT - 1));
            vm.warp(block.timestamp + dt);
            r >>= 32;
            // A move of up to 1.25x the per-round band, biased upwards so that walks reach the cumulative bound.
            uint256 bps = r % ((maxDeviationBps * 5) / 4 + 1);
            uint256 delta = (raw * bps) / 10_000;
            raw = (r >> 64) % 4 == 0 ? raw - delta : raw + delta;
            if (raw < MIN_RAW) raw = MIN_RAW;
            if (raw > MAX_RAW) raw = MAX_RAW;
            primary.setAnswer(int248(uint248(raw)));
            uint256 price = raw * 1e10;

            IOracleCircuitBreaker.Reason expected = _modelReason(m, price, maxDeviationBps, maxCumulativeBps, window);
            IOracleCircuitBreaker.Evaluation memory e = breaker.update(asset);
            if (expected == IOracleCircuitBreaker.Reason.None) {
                assertEq(uint256(uint8(e.action)), uint256(uint8(IOracleCircuitBreaker.Action.Accept)), "accept");
                if (m.anchor == 0 || block.timestamp - m.anchorAt >= window) {
                    m.anchor = m.last;
                    m.anchorAt = block.timestamp;
                }
                m.last = price;
            } else {
                trips++;
                assertEq(uint256(uint8(e.action)), uint256(uint8(IOracleCircuitBreaker.Action.Trip)), "trip");
                assertEq(uint256(uint8(e.reason)), uint256(uint8(expected)), "reason");
                // The guardian resets: the reset price is accepted and anchors a new window.
                vm.prank(guardian);
                breaker.reset(asset);
                m.last = price;
                m.anchor = price;
                m.anchorAt = block.timestamp;
            }
            IOracleCircuitBreaker.CumulativeBound memory b = breaker.cumulativeBound(asset);
            assertEq(uint256(b.anchorPrice), m.anchor, "anchor");
            assertEq(uint256(b.anchorAt), m.anchorAt, "anchor time");
            assertEq(uint256(breaker.assetState(asset).price), m.last, "last accepted");
        }
        assertLe(trips, 30, "bounded");
    }

    function _modelReason(
        Model memory m,
        uint256 price,
        uint256 maxDeviationBps,
        uint256 maxCumulativeBps,
        uint256 window
    ) internal view returns (IOracleCircuitBreaker.Reason) {
        if (_exceeds(price, m.last, maxDeviationBps)) return IOracleCircuitBreaker.Reason.DeviationExceeded;
        uint256 anchor = block.timestamp - m.anchorAt >= window ? m.last : m.anchor;
        if (_exceeds(price, anchor, maxCumulativeBps)) return IOracleCircuitBreaker.Reason.CumulativeDeviationExceeded;
        return IOracleCircuitBreaker.Reason.None;
    }

    /// @dev The generator is not vacuous: over a few seeds it produces accepts, per-round trips and cumulative trips.
    function test_cumulativeBound_generatorReachesEveryOutcome() public {
        uint256 cumulative;
        uint256 perRound;
        for (uint256 seed = 1; seed <= 6; seed++) {
            _deploy(2000, 0, false);
            breaker.update(asset);
            uint256 raw = 2000e8;
            for (uint256 i = 0; i < 30; i++) {
                uint256 r = uint256(keccak256(abi.encode(seed, i)));
                vm.warp(block.timestamp + 1 + (r % 3000));
                r >>= 32;
                uint256 delta = (raw * (r % 2501)) / 10_000;
                raw = (r >> 64) % 4 == 0 ? raw - delta : raw + delta;
                if (raw > MAX_RAW) raw = MAX_RAW;
                primary.setAnswer(int248(uint248(raw)));
                IOracleCircuitBreaker.Evaluation memory e = breaker.update(asset);
                if (e.reason == IOracleCircuitBreaker.Reason.CumulativeDeviationExceeded) cumulative++;
                if (e.reason == IOracleCircuitBreaker.Reason.DeviationExceeded) perRound++;
                if (e.action == IOracleCircuitBreaker.Action.Trip) {
                    vm.prank(guardian);
                    breaker.reset(asset);
                }
            }
        }
        assertGe(cumulative, 1, "cumulative trips");
        assertGe(perRound, 1, "per-round trips");
    }
}

/// @dev Drives the breaker with random feed moves, anomalies, time jumps, updates and resets.
contract OracleBreakerHandler {
    Vm private constant VM = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    OracleCircuitBreaker public immutable breaker;
    OracleMockFeed public immutable primary;
    OracleMockFeed public immutable fallbackFeed;
    address public immutable asset;
    address public immutable guardian;

    constructor(OracleCircuitBreaker b, OracleMockFeed p, OracleMockFeed f, address a, address g) {
        breaker = b;
        primary = p;
        fallbackFeed = f;
        asset = a;
        guardian = g;
    }

    function pushPrimary(uint256 bps, bool up) external {
        primary.setAnswer(_moved(primary, bps, up));
    }

    function pushFallback(uint256 bps, bool up) external {
        fallbackFeed.setAnswer(_moved(fallbackFeed, bps, up));
    }

    function breakPrimary(uint8 kind) external {
        (, int256 answer, , , ) = primary.latestRoundData();
        int248 a = int248(answer);
        kind = kind % 4;
        if (kind == 0) primary.setAnswer(-a);
        else if (kind == 1) primary.setAnswerAt(a, block.timestamp + 1 hours);
        else if (kind == 2) primary.setRoundData(50, a, block.timestamp, block.timestamp, 49);
        else primary.setRoundData(51, a, block.timestamp, 0, 51);
    }

    function warp(uint256 seconds_) external {
        VM.warp(block.timestamp + (seconds_ % 3 hours));
    }

    function update() external {
        breaker.update(asset);
    }

    function reset() external {
        VM.prank(guardian);
        try breaker.reset(asset) {} catch {}
    }

    function _moved(OracleMockFeed feed, uint256 bps, bool up) private view returns (int248) {
        (, int256 answer, , , ) = feed.latestRoundData();
        uint256 price = answer > 0 ? uint256(answer) : 2000e8;
        uint256 delta = (price * (bps % 4000)) / 10_000;
        uint256 next = up ? price + delta : price - delta;
        if (next < 1e8) next = 1e8;
        if (next > 1e14) next = 1e14;
        return int248(uint248(next));
    }
}

contract OracleCircuitBreakerInvariantTest is OracleFuzzBase {
    OracleBreakerHandler private handler;

    function setUp() public {
        _deploy(0, 3, true);
        handler = new OracleBreakerHandler(breaker, primary, fallbackFeed, asset, guardian);
        targetContract(address(handler));
    }

    function invariant_servedPriceIsNeverOlderThanHeartbeat() public view {
        _checkRead();
    }

    function invariant_trippedOrFrozenAssetIsNeverServed() public view {
        IOracleCircuitBreaker.Status status = breaker.assetState(asset).status;
        if (status == IOracleCircuitBreaker.Status.Tripped || status == IOracleCircuitBreaker.Status.Frozen) {
            assertFalse(_checkRead(), "not served");
        }
    }

    function invariant_acceptedPriceWithinBounds() public view {
        IOracleCircuitBreaker.AssetState memory s = breaker.assetState(asset);
        if (s.price != 0) {
            assertGe(uint256(s.price), MIN_PRICE, "min");
            assertLe(uint256(s.price), MAX_PRICE, "max");
            assertLe(uint256(s.updatedAt), block.timestamp, "round not in the future");
        }
    }
}
