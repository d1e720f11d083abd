// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IAccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/IAccessControlDefaultAdminRules.sol";

import {IOracleCircuitBreaker} from "../../contracts/interfaces/IOracleCircuitBreaker.sol";
import {IPriceOracle} from "../../contracts/interfaces/IPriceOracle.sol";
import {OracleMockFeed} from "../../contracts/mocks/OracleMockFeed.sol";
import {OracleMockGriefingFeed} from "../../contracts/mocks/OracleMockGriefingFeed.sol";
import {OracleMockSequencerFeed} from "../../contracts/mocks/OracleMockSequencerFeed.sol";
import {OracleCircuitBreaker} from "../../contracts/oracle/OracleCircuitBreaker.sol";
import {Test} from "../utils/Test.sol";

/// @dev The `expectCall` cheatcode with a call count (0: the call must not happen).
interface VmExpectCallCount {
    function expectCall(address callee, bytes calldata data, uint64 count) external;
}

/// @dev Shared set-up: a breaker with one asset (8-decimal primary and fallback feeds at $2000), roles held by
/// named accounts, time at a realistic value.
abstract contract OracleCircuitBreakerBase is Test {
    uint256 internal constant START = 1_700_000_000;
    uint32 internal constant HEARTBEAT = 3600;
    uint32 internal constant FALLBACK_HEARTBEAT = 7200;
    uint128 internal constant MIN_PRICE = 1e18; // $1
    uint128 internal constant MAX_PRICE = 1e24; // $1,000,000
    uint8 internal constant RECOVERY_ROUNDS = 3;
    int248 internal constant P0 = 2000e8;

    OracleCircuitBreaker internal breaker;
    OracleMockFeed internal primary;
    OracleMockFeed internal fallbackFeed;
    address internal asset;
    address internal admin;
    address internal configAdmin;
    address internal guardian;
    address internal keeper;

    function setUp() public virtual {
        vm.warp(START);
        admin = makeAddr("admin");
        configAdmin = makeAddr("configAdmin");
        guardian = makeAddr("guardian");
        keeper = makeAddr("keeper");
        asset = makeAddr("WETH");
        breaker = _deployBreaker(address(0), 0);
        primary = new OracleMockFeed(8, P0);
        fallbackFeed = new OracleMockFeed(8, P0);
        _configure(address(fallbackFeed), 0, RECOVERY_ROUNDS);
    }

    function _deployBreaker(address sequencerFeed, uint32 grace) internal returns (OracleCircuitBreaker b) {
        b = new OracleCircuitBreaker(1 days, admin, sequencerFeed, grace);
        vm.startPrank(admin);
        b.grantRole(b.ORACLE_CONFIG_ROLE(), configAdmin);
        b.grantRole(b.ORACLE_GUARDIAN_ROLE(), guardian);
        vm.stopPrank();
    }

    function _input(
        address fallback_,
        uint16 maxDeviationBps,
        uint8 recoveryRounds
    ) internal view returns (IOracleCircuitBreaker.AssetConfigInput memory) {
        return
            IOracleCircuitBreaker.AssetConfigInput({
                primary: address(primary),
                fallbackFeed: fallback_,
                heartbeat: HEARTBEAT,
                fallbackHeartbeat: FALLBACK_HEARTBEAT,
                minPrice: MIN_PRICE,
                maxPrice: MAX_PRICE,
                maxDeviationBps: maxDeviationBps,
                recoveryRounds: recoveryRounds
            });
    }

    function _configure(address fallback_, uint16 maxDeviationBps, uint8 recoveryRounds) internal {
        vm.prank(configAdmin);
        breaker.setAssetConfig(asset, _input(fallback_, maxDeviationBps, recoveryRounds));
    }

    function _update() internal returns (IOracleCircuitBreaker.Evaluation memory) {
        vm.prank(keeper);
        return breaker.update(asset);
    }

    /// @dev Moves time forward and publishes a new primary round.
    function _pushPrimary(int248 answer) internal {
        vm.warp(block.timestamp + 60);
        primary.setAnswer(answer);
    }

    function _status() internal view returns (IOracleCircuitBreaker.Status) {
        return breaker.assetState(asset).status;
    }

    function _assertStatus(IOracleCircuitBreaker.Status expected, string memory message) internal view {
        assertEq(uint256(uint8(_status())), uint256(uint8(expected)), message);
    }

    function _assertEval(
        IOracleCircuitBreaker.Evaluation memory e,
        IOracleCircuitBreaker.Action action,
        IOracleCircuitBreaker.Status status,
        IOracleCircuitBreaker.Reason reason,
        IOracleCircuitBreaker.Reason fallbackReason
    ) internal pure {
        assertEq(uint256(uint8(e.action)), uint256(uint8(action)), "action");
        assertEq(uint256(uint8(e.status)), uint256(uint8(status)), "status");
        assertEq(uint256(uint8(e.reason)), uint256(uint8(reason)), "reason");
        assertEq(uint256(uint8(e.fallbackReason)), uint256(uint8(fallbackReason)), "fallbackReason");
    }
}

contract OracleCircuitBreakerConfigTest is OracleCircuitBreakerBase {
    function test_roleConstants_matchTheirPreimages() public view {
        assertEq(breaker.ORACLE_GUARDIAN_ROLE(), keccak256("ORACLE_GUARDIAN_ROLE"), "guardian");
        assertEq(breaker.ORACLE_CONFIG_ROLE(), keccak256("ORACLE_CONFIG_ROLE"), "config");
        assertEq(uint256(breaker.DEFAULT_MAX_DEVIATION_BPS()), 2000, "default deviation");
        assertEq(uint256(breaker.PRICE_DECIMALS()), 18, "decimals");
    }

    function test_constructor_setsAdminAndSequencer() public {
        OracleMockSequencerFeed seq = new OracleMockSequencerFeed(START - 1 days);
        OracleCircuitBreaker b = new OracleCircuitBreaker(2 days, admin, address(seq), 3600);
        (address feed, uint32 grace) = b.sequencer();
        assertEq(feed, address(seq), "feed");
        assertEq(uint256(grace), 3600, "grace");
        assertEq(b.defaultAdmin(), admin, "admin");
        assertEq(uint256(b.defaultAdminDelay()), 2 days, "delay");
    }

    function test_constructor_revertsOnSequencerWithoutCode() public {
        address eoa = makeAddr("eoa");
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleInvalidFeed.selector, eoa));
        new OracleCircuitBreaker(1 days, admin, eoa, 3600);
    }

    function test_supportsInterface_reportsOracleAndAccessControl() public view {
        assertTrue(breaker.supportsInterface(type(IPriceOracle).interfaceId), "IPriceOracle");
        assertTrue(breaker.supportsInterface(type(IOracleCircuitBreaker).interfaceId), "IOracleCircuitBreaker");
        assertTrue(breaker.supportsInterface(type(IAccessControl).interfaceId), "IAccessControl");
        assertTrue(
            breaker.supportsInterface(type(IAccessControlDefaultAdminRules).interfaceId),
            "IAccessControlDefaultAdminRules"
        );
        assertFalse(breaker.supportsInterface(0xdeadbeef), "random");
    }

    function test_defaultAdmin_movesInTwoSteps() public {
        address next = makeAddr("nextAdmin");
        vm.prank(admin);
        breaker.beginDefaultAdminTransfer(next);
        vm.warp(block.timestamp + 1 days + 1);
        vm.prank(next);
        breaker.acceptDefaultAdminTransfer();
        assertEq(breaker.defaultAdmin(), next, "admin moved");
    }

    function test_setAssetConfig_storesConfigWithDecimalsAndDefaultDeviation() public {
        OracleMockFeed feed18 = new OracleMockFeed(18, 1e18);
        address usdc = makeAddr("USDC");
        IOracleCircuitBreaker.AssetConfigInput memory input = _input(address(0), 0, 0);
        input.primary = address(feed18);
        input.fallbackHeartbeat = 999; // ignored without a fallback
        IOracleCircuitBreaker.AssetConfig memory expected = IOracleCircuitBreaker.AssetConfig({
            primary: address(feed18),
            heartbeat: HEARTBEAT,
            maxDeviationBps: 2000,
            primaryDecimals: 18,
            recoveryRounds: 0,
            fallbackFeed: address(0),
            fallbackHeartbeat: 0,
            fallbackDecimals: 0,
            minPrice: MIN_PRICE,
            maxPrice: MAX_PRICE
        });
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OracleAssetConfigured(usdc, expected, configAdmin);
        vm.prank(configAdmin);
        breaker.setAssetConfig(usdc, input);
        IOracleCircuitBreaker.AssetConfig memory stored = breaker.assetConfig(usdc);
        assertEq(stored.primary, address(feed18), "primary");
        assertEq(uint256(stored.maxDeviationBps), 2000, "default deviation");
        assertEq(uint256(stored.primaryDecimals), 18, "decimals");
        assertEq(uint256(stored.fallbackHeartbeat), 0, "fallback heartbeat");

        IOracleCircuitBreaker.AssetConfig memory withFallback = breaker.assetConfig(asset);
        assertEq(withFallback.fallbackFeed, address(fallbackFeed), "fallback");
        assertEq(uint256(withFallback.fallbackDecimals), 8, "fallback decimals");
        assertEq(uint256(withFallback.fallbackHeartbeat), FALLBACK_HEARTBEAT, "fallback heartbeat");
        assertEq(uint256(withFallback.recoveryRounds), RECOVERY_ROUNDS, "recovery rounds");
    }

    function test_setAssetConfig_revertsForNonConfigAdmin() public {
        IOracleCircuitBreaker.AssetConfigInput memory input = _input(address(0), 0, 0);
        bytes32 role = breaker.ORACLE_CONFIG_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, guardian, role)
        );
        vm.prank(guardian);
        breaker.setAssetConfig(asset, input);
    }

    function test_setAssetConfig_revertsOnZeroAsset() public {
        IOracleCircuitBreaker.AssetConfigInput memory input = _input(address(0), 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleInvalidAsset.selector, address(0)));
        vm.prank(configAdmin);
        breaker.setAssetConfig(address(0), input);
    }

    function test_setAssetConfig_revertsOnInvalidFeeds() public {
        IOracleCircuitBreaker.AssetConfigInput memory input = _input(address(0), 0, 0);
        input.primary = address(0);
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleInvalidFeed.selector, address(0)));
        vm.prank(configAdmin);
        breaker.setAssetConfig(asset, input);

        address eoa = makeAddr("eoa");
        input.primary = eoa;
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleInvalidFeed.selector, eoa));
        vm.prank(configAdmin);
        breaker.setAssetConfig(asset, input);

        input = _input(address(primary), 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleInvalidFeed.selector, address(primary)));
        vm.prank(configAdmin);
        breaker.setAssetConfig(asset, input);

        input = _input(eoa, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleInvalidFeed.selector, eoa));
        vm.prank(configAdmin);
        breaker.setAssetConfig(asset, input);
    }

    function test_setAssetConfig_revertsOnMoreThan18Decimals() public {
        OracleMockFeed feed19 = new OracleMockFeed(19, 1);
        IOracleCircuitBreaker.AssetConfigInput memory input = _input(address(0), 0, 0);
        input.primary = address(feed19);
        vm.expectRevert(
            abi.encodeWithSelector(IOracleCircuitBreaker.OracleUnsupportedDecimals.selector, address(feed19), 19)
        );
        vm.prank(configAdmin);
        breaker.setAssetConfig(asset, input);

        input = _input(address(feed19), 0, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IOracleCircuitBreaker.OracleUnsupportedDecimals.selector, address(feed19), 19)
        );
        vm.prank(configAdmin);
        breaker.setAssetConfig(asset, input);
    }

    function test_setAssetConfig_revertsOnZeroHeartbeats() public {
        IOracleCircuitBreaker.AssetConfigInput memory input = _input(address(0), 0, 0);
        input.heartbeat = 0;
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleInvalidHeartbeat.selector, 0));
        vm.prank(configAdmin);
        breaker.setAssetConfig(asset, input);

        input = _input(address(fallbackFeed), 0, 0);
        input.fallbackHeartbeat = 0;
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleInvalidHeartbeat.selector, 0));
        vm.prank(configAdmin);
        breaker.setAssetConfig(asset, input);
    }

    function test_setAssetConfig_revertsOnInvalidBounds() public {
        IOracleCircuitBreaker.AssetConfigInput memory input = _input(address(0), 0, 0);
        input.minPrice = 0;
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleInvalidBounds.selector, 0, MAX_PRICE));
        vm.prank(configAdmin);
        breaker.setAssetConfig(asset, input);

        input.minPrice = MAX_PRICE;
        vm.expectRevert(
            abi.encodeWithSelector(IOracleCircuitBreaker.OracleInvalidBounds.selector, MAX_PRICE, MAX_PRICE)
        );
        vm.prank(configAdmin);
        breaker.setAssetConfig(asset, input);
    }

    function test_setAssetConfig_revertsOnDeviationAbove100Percent() public {
        IOracleCircuitBreaker.AssetConfigInput memory input = _input(address(0), 10_001, 0);
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleInvalidDeviation.selector, 10_001));
        vm.prank(configAdmin);
        breaker.setAssetConfig(asset, input);
    }

    function test_setAssetConfig_revertsOnSingleRecoveryRound() public {
        IOracleCircuitBreaker.AssetConfigInput memory input = _input(address(0), 0, 1);
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleInvalidRecoveryRounds.selector, 1));
        vm.prank(configAdmin);
        breaker.setAssetConfig(asset, input);
    }

    function test_removeAsset_deletesConfigAndState() public {
        _update();
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OracleAssetRemoved(asset, configAdmin);
        vm.prank(configAdmin);
        breaker.removeAsset(asset);
        assertEq(breaker.assetConfig(asset).primary, address(0), "config gone");
        assertEq(uint256(breaker.assetState(asset).price), 0, "state gone");
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleUnknownAsset.selector, asset));
        breaker.priceOf(asset);
    }

    function test_removeAsset_revertsOnUnknownAsset() public {
        address unknown = makeAddr("unknown");
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleUnknownAsset.selector, unknown));
        vm.prank(configAdmin);
        breaker.removeAsset(unknown);
    }

    function test_setSequencer_setsFeedAndEmits() public {
        OracleMockSequencerFeed seq = new OracleMockSequencerFeed(START - 1 days);
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OracleSequencerConfigured(address(seq), 1800, configAdmin);
        vm.prank(configAdmin);
        breaker.setSequencer(address(seq), 1800);
        (address feed, uint32 grace) = breaker.sequencer();
        assertEq(feed, address(seq), "feed");
        assertEq(uint256(grace), 1800, "grace");
    }

    function test_setSequencer_revertsOnFeedWithoutCodeOrWrongRole() public {
        address eoa = makeAddr("eoa");
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleInvalidFeed.selector, eoa));
        vm.prank(configAdmin);
        breaker.setSequencer(eoa, 1800);

        bytes32 role = breaker.ORACLE_CONFIG_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, keeper, role));
        vm.prank(keeper);
        breaker.setSequencer(address(0), 0);
    }
}

contract OracleCircuitBreakerReadTest is OracleCircuitBreakerBase {
    function test_update_acceptsFirstPriceNormalisedTo18Decimals() public {
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OraclePriceAccepted(
            asset,
            IOracleCircuitBreaker.Status.Active,
            2000e18,
            START,
            0,
            0
        );
        IOracleCircuitBreaker.Evaluation memory e = _update();
        _assertEval(
            e,
            IOracleCircuitBreaker.Action.Accept,
            IOracleCircuitBreaker.Status.Active,
            IOracleCircuitBreaker.Reason.None,
            IOracleCircuitBreaker.Reason.None
        );
        (uint256 price, uint256 updatedAt) = breaker.priceOf(asset);
        assertEq(price, 2000e18, "price");
        assertEq(updatedAt, START, "updatedAt");
        IOracleCircuitBreaker.AssetState memory s = breaker.assetState(asset);
        assertEq(uint256(s.acceptedAt), START, "acceptedAt");
        (IOracleCircuitBreaker.Status status, IOracleCircuitBreaker.Reason reason) = breaker.statusOf(asset);
        assertEq(uint256(uint8(status)), uint256(uint8(IOracleCircuitBreaker.Status.Active)), "status");
        assertEq(uint256(uint8(reason)), uint256(uint8(IOracleCircuitBreaker.Reason.None)), "reason");
    }

    function test_update_normalises18And6DecimalFeeds() public {
        OracleMockFeed feed18 = new OracleMockFeed(18, 15e17);
        OracleMockFeed feed6 = new OracleMockFeed(6, 1_000_100);
        address a18 = makeAddr("A18");
        address a6 = makeAddr("A6");
        IOracleCircuitBreaker.AssetConfigInput memory input = _input(address(0), 0, 0);
        input.minPrice = 1e17;
        input.primary = address(feed18);
        vm.prank(configAdmin);
        breaker.setAssetConfig(a18, input);
        input.primary = address(feed6);
        vm.prank(configAdmin);
        breaker.setAssetConfig(a6, input);
        breaker.update(a18);
        breaker.update(a6);
        (uint256 p18, ) = breaker.priceOf(a18);
        (uint256 p6, ) = breaker.priceOf(a6);
        assertEq(p18, 15e17, "18 decimals unchanged");
        assertEq(p6, 1.0001e18, "6 decimals scaled");
    }

    function test_update_sameRoundIsANoOpWithoutEvents() public {
        _update();
        vm.warp(block.timestamp + 10);
        vm.recordLogs();
        IOracleCircuitBreaker.Evaluation memory e = _update();
        assertEq(vm.getRecordedLogs().length, 0, "no events");
        assertEq(uint256(uint8(e.action)), uint256(uint8(IOracleCircuitBreaker.Action.None)), "none");
        assertEq(uint256(breaker.assetState(asset).acceptedAt), START, "not re-accepted");
    }

    function test_update_acceptsMoveOfExactlyTheBound() public {
        _update();
        _pushPrimary(2400e8); // +20.00%
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OraclePriceAccepted(
            asset,
            IOracleCircuitBreaker.Status.Active,
            2400e18,
            block.timestamp,
            2000e18,
            2000
        );
        _update();
        _pushPrimary(1920e8); // -20.00%
        _update();
        (uint256 price, ) = breaker.priceOf(asset);
        assertEq(price, 1920e18, "accepted");
    }

    function test_update_tripsJustAboveTheBoundAndReadsRevert() public {
        _update();
        _pushPrimary(2400e8 + 1); // 20% + 1e-8 USD
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OracleTripped(
            asset,
            2000e18,
            2400e18 + 1e10,
            2001,
            block.timestamp,
            IOracleCircuitBreaker.Reason.DeviationExceeded,
            keeper
        );
        IOracleCircuitBreaker.Evaluation memory e = _update();
        _assertEval(
            e,
            IOracleCircuitBreaker.Action.Trip,
            IOracleCircuitBreaker.Status.Tripped,
            IOracleCircuitBreaker.Reason.DeviationExceeded,
            IOracleCircuitBreaker.Reason.None
        );
        vm.expectRevert(
            abi.encodeWithSelector(
                IOracleCircuitBreaker.OracleAssetTripped.selector,
                asset,
                2000e18,
                2400e18 + 1e10,
                IOracleCircuitBreaker.Reason.DeviationExceeded
            )
        );
        breaker.priceOf(asset);
        (IOracleCircuitBreaker.Status status, IOracleCircuitBreaker.Reason reason) = breaker.statusOf(asset);
        assertEq(uint256(uint8(status)), uint256(uint8(IOracleCircuitBreaker.Status.Tripped)), "status");
        assertEq(uint256(uint8(reason)), uint256(uint8(IOracleCircuitBreaker.Reason.DeviationExceeded)), "reason");
        IOracleCircuitBreaker.AssetState memory s = breaker.assetState(asset);
        assertEq(uint256(s.price), 2000e18, "last accepted kept");
        assertEq(uint256(s.candidatePrice), 2400e18 + 1e10, "rejected price recorded");
        assertEq(uint256(s.streak), 1, "streak");
    }

    function test_update_tripsOnADrop() public {
        _update();
        _pushPrimary(1000e8);
        IOracleCircuitBreaker.Evaluation memory e = _update();
        assertEq(e.deviationBps, 5000, "50%");
        _assertStatus(IOracleCircuitBreaker.Status.Tripped, "tripped");
    }

    function test_update_revertsOnUnknownAsset() public {
        address unknown = makeAddr("unknown");
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleUnknownAsset.selector, unknown));
        breaker.update(unknown);
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleUnknownAsset.selector, unknown));
        breaker.peek(unknown);
    }

    function test_priceOf_revertsOnUnknownAndUnpricedAssets() public {
        address unknown = makeAddr("unknown");
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleUnknownAsset.selector, unknown));
        breaker.priceOf(unknown);
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleNoPrice.selector, asset));
        breaker.priceOf(asset);
        (IOracleCircuitBreaker.Status status, IOracleCircuitBreaker.Reason reason) = breaker.statusOf(unknown);
        assertEq(uint256(uint8(status)), uint256(uint8(IOracleCircuitBreaker.Status.Unset)), "unknown status");
        assertEq(uint256(uint8(reason)), uint256(uint8(IOracleCircuitBreaker.Reason.UnknownAsset)), "unknown");
        (status, reason) = breaker.statusOf(asset);
        assertEq(uint256(uint8(status)), uint256(uint8(IOracleCircuitBreaker.Status.Unset)), "unpriced status");
        assertEq(uint256(uint8(reason)), uint256(uint8(IOracleCircuitBreaker.Reason.AwaitingFirstPrice)), "unpriced");
    }

    function test_priceOf_revertsOnceOlderThanHeartbeat() public {
        _update();
        vm.warp(START + HEARTBEAT);
        (uint256 price, ) = breaker.priceOf(asset);
        assertEq(price, 2000e18, "fresh at the limit");
        vm.warp(START + HEARTBEAT + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IOracleCircuitBreaker.OracleStalePrice.selector,
                asset,
                START,
                HEARTBEAT,
                START + HEARTBEAT + 1
            )
        );
        breaker.priceOf(asset);
        (IOracleCircuitBreaker.Status status, IOracleCircuitBreaker.Reason reason) = breaker.statusOf(asset);
        assertEq(uint256(uint8(status)), uint256(uint8(IOracleCircuitBreaker.Status.Active)), "status kept");
        assertEq(uint256(uint8(reason)), uint256(uint8(IOracleCircuitBreaker.Reason.StalePrice)), "stale");
    }

    function test_peek_reportsWithoutChangingState() public {
        _update();
        _pushPrimary(3000e8);
        IOracleCircuitBreaker.Evaluation memory e = breaker.peek(asset);
        _assertEval(
            e,
            IOracleCircuitBreaker.Action.Trip,
            IOracleCircuitBreaker.Status.Tripped,
            IOracleCircuitBreaker.Reason.DeviationExceeded,
            IOracleCircuitBreaker.Reason.None
        );
        assertEq(e.price, 3000e18, "candidate");
        assertEq(e.deviationBps, 5000, "deviation");
        _assertStatus(IOracleCircuitBreaker.Status.Active, "unchanged");
    }
}

/// @dev Every primary-feed anomaly, without a fallback: the asset freezes with that reason.
contract OracleCircuitBreakerAnomalyTest is OracleCircuitBreakerBase {
    function setUp() public override {
        super.setUp();
        _configure(address(0), 0, RECOVERY_ROUNDS);
        _update();
        vm.warp(block.timestamp + 60);
    }

    function _expectFrozen(IOracleCircuitBreaker.Reason reason) internal {
        IOracleCircuitBreaker.Evaluation memory peeked = breaker.peek(asset);
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OracleFrozen(
            asset,
            IOracleCircuitBreaker.Status.Active,
            reason,
            IOracleCircuitBreaker.Reason.NoFallback,
            2000e18
        );
        IOracleCircuitBreaker.Evaluation memory e = _update();
        _assertEval(
            e,
            IOracleCircuitBreaker.Action.Freeze,
            IOracleCircuitBreaker.Status.Frozen,
            reason,
            IOracleCircuitBreaker.Reason.NoFallback
        );
        _assertEval(
            peeked,
            IOracleCircuitBreaker.Action.Freeze,
            IOracleCircuitBreaker.Status.Frozen,
            reason,
            IOracleCircuitBreaker.Reason.NoFallback
        );
        vm.expectRevert(
            abi.encodeWithSelector(
                IOracleCircuitBreaker.OracleAssetFrozen.selector,
                asset,
                reason,
                IOracleCircuitBreaker.Reason.NoFallback
            )
        );
        breaker.priceOf(asset);
        (IOracleCircuitBreaker.Status status, IOracleCircuitBreaker.Reason statusReason) = breaker.statusOf(asset);
        assertEq(uint256(uint8(status)), uint256(uint8(IOracleCircuitBreaker.Status.Frozen)), "status");
        assertEq(uint256(uint8(statusReason)), uint256(uint8(reason)), "status reason");
    }

    function test_update_freezesWhenFeedReverts() public {
        primary.setReverts(true);
        _expectFrozen(IOracleCircuitBreaker.Reason.FeedCallFailed);
    }

    function test_update_freezesWhenFeedHasNoCode() public {
        vm.etch(address(primary), "");
        _expectFrozen(IOracleCircuitBreaker.Reason.FeedCallFailed);
    }

    function test_update_freezesWhenFeedReturnsShortData() public {
        // A contract that answers every call with a single word.
        vm.etch(address(primary), hex"600160005260206000f3");
        _expectFrozen(IOracleCircuitBreaker.Reason.FeedCallFailed);
    }

    function test_update_freezesOnZeroAnswer() public {
        primary.setAnswer(0);
        _expectFrozen(IOracleCircuitBreaker.Reason.NonPositiveAnswer);
    }

    function test_update_freezesOnNegativeAnswer() public {
        primary.setAnswer(-1);
        _expectFrozen(IOracleCircuitBreaker.Reason.NonPositiveAnswer);
    }

    function test_update_freezesOnZeroUpdatedAt() public {
        primary.setRoundData(5, 2000e8, block.timestamp, 0, 5);
        _expectFrozen(IOracleCircuitBreaker.Reason.IncompleteRound);
    }

    function test_update_freezesOnFutureUpdatedAt() public {
        primary.setAnswerAt(2000e8, block.timestamp + 1);
        _expectFrozen(IOracleCircuitBreaker.Reason.FutureTimestamp);
    }

    function test_update_freezesWhenAnsweredInEarlierRound() public {
        primary.setRoundData(7, 2000e8, block.timestamp, block.timestamp, 6);
        _expectFrozen(IOracleCircuitBreaker.Reason.StaleRound);
    }

    function test_update_freezesWhenOlderThanHeartbeat() public {
        primary.setAnswerAt(2000e8, block.timestamp - HEARTBEAT - 1);
        _expectFrozen(IOracleCircuitBreaker.Reason.StalePrice);
    }

    function test_update_acceptsRoundExactlyAtHeartbeat() public {
        vm.warp(block.timestamp + HEARTBEAT); // the round below is then newer than the accepted one
        primary.setAnswerAt(2010e8, block.timestamp - HEARTBEAT);
        IOracleCircuitBreaker.Evaluation memory e = _update();
        assertEq(uint256(uint8(e.action)), uint256(uint8(IOracleCircuitBreaker.Action.Accept)), "accepted");
    }

    function test_update_freezesBelowMinPrice() public {
        primary.setAnswer(1e8 - 1); // just under $1
        _expectFrozen(IOracleCircuitBreaker.Reason.BelowMinPrice);
    }

    function test_update_freezesAboveMaxPrice() public {
        primary.setAnswer(1e14 + 1); // just over $1,000,000
        _expectFrozen(IOracleCircuitBreaker.Reason.AboveMaxPrice);
    }

    function test_update_freezesOnAnswerBeyond128Bits() public {
        primary.setAnswer(int248(uint248(type(uint128).max)) + 1);
        _expectFrozen(IOracleCircuitBreaker.Reason.AboveMaxPrice);
    }

    function test_update_feedThatChangedDecimalsIsRefusedUntilReconfigured() public {
        // The proxy moves to an 18-decimal aggregator: the cached 8 decimals make the answer 1e10x too large.
        primary.setDecimals(18);
        primary.setAnswer(2000e18);
        _expectFrozen(IOracleCircuitBreaker.Reason.AboveMaxPrice);
        _configure(address(0), 0, RECOVERY_ROUNDS); // re-reads the decimals
        IOracleCircuitBreaker.Evaluation memory e = _update();
        assertEq(uint256(uint8(e.action)), uint256(uint8(IOracleCircuitBreaker.Action.Accept)), "accepted");
        (uint256 price, ) = breaker.priceOf(asset);
        assertEq(price, 2000e18, "scaled with the new decimals");
    }

    function test_update_frozenAgainForSameReasonIsANoOp() public {
        primary.setReverts(true);
        _update();
        vm.recordLogs();
        IOracleCircuitBreaker.Evaluation memory e = _update();
        assertEq(uint256(uint8(e.action)), uint256(uint8(IOracleCircuitBreaker.Action.None)), "none");
        assertEq(vm.getRecordedLogs().length, 0, "no events");
        primary.setReverts(false);
        primary.setAnswer(-5);
        e = _update();
        assertEq(uint256(uint8(e.action)), uint256(uint8(IOracleCircuitBreaker.Action.Freeze)), "new reason");
    }

    function test_update_unfreezesWhenPrimaryReturnsWithinBand() public {
        primary.setReverts(true);
        _update();
        primary.setReverts(false);
        _pushPrimary(2100e8);
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OraclePriceAccepted(
            asset,
            IOracleCircuitBreaker.Status.Active,
            2100e18,
            block.timestamp,
            2000e18,
            500
        );
        _update();
        (uint256 price, ) = breaker.priceOf(asset);
        assertEq(price, 2100e18, "served again");
    }

    function test_update_tripsWhenPrimaryReturnsFarFromLastPrice() public {
        primary.setReverts(true);
        _update();
        primary.setReverts(false);
        _pushPrimary(4000e8);
        _update();
        _assertStatus(IOracleCircuitBreaker.Status.Tripped, "tripped");
    }

    function test_update_freezesFirstUpdateWithBrokenPrimaryAndFallback() public {
        address other = makeAddr("other");
        OracleMockFeed broken = new OracleMockFeed(8, -1);
        IOracleCircuitBreaker.AssetConfigInput memory input = _input(address(fallbackFeed), 0, 0);
        input.primary = address(broken);
        vm.prank(configAdmin);
        breaker.setAssetConfig(other, input);
        fallbackFeed.setAnswer(2000e8);
        IOracleCircuitBreaker.Evaluation memory e = breaker.update(other);
        _assertEval(
            e,
            IOracleCircuitBreaker.Action.Freeze,
            IOracleCircuitBreaker.Status.Frozen,
            IOracleCircuitBreaker.Reason.NonPositiveAnswer,
            IOracleCircuitBreaker.Reason.NoReferencePrice
        );
    }
}

contract OracleCircuitBreakerFallbackTest is OracleCircuitBreakerBase {
    function setUp() public override {
        super.setUp();
        _update();
        vm.warp(block.timestamp + HEARTBEAT + 1); // the primary round is now stale
        fallbackFeed.setAnswer(2050e8);
    }

    function test_update_switchesToAgreeingFallback() public {
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OraclePriceAccepted(
            asset,
            IOracleCircuitBreaker.Status.UsingFallback,
            2050e18,
            block.timestamp,
            2000e18,
            250
        );
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OracleFallbackSwitched(
            asset,
            IOracleCircuitBreaker.Status.Active,
            IOracleCircuitBreaker.Status.UsingFallback,
            IOracleCircuitBreaker.Reason.StalePrice
        );
        IOracleCircuitBreaker.Evaluation memory e = _update();
        _assertEval(
            e,
            IOracleCircuitBreaker.Action.Accept,
            IOracleCircuitBreaker.Status.UsingFallback,
            IOracleCircuitBreaker.Reason.StalePrice,
            IOracleCircuitBreaker.Reason.None
        );
        (uint256 price, uint256 updatedAt) = breaker.priceOf(asset);
        assertEq(price, 2050e18, "fallback price");
        assertEq(updatedAt, block.timestamp, "fallback round");
        (IOracleCircuitBreaker.Status status, IOracleCircuitBreaker.Reason reason) = breaker.statusOf(asset);
        assertEq(uint256(uint8(status)), uint256(uint8(IOracleCircuitBreaker.Status.UsingFallback)), "status");
        assertEq(uint256(uint8(reason)), uint256(uint8(IOracleCircuitBreaker.Reason.StalePrice)), "why");
    }

    function test_priceOf_usesFallbackHeartbeatWhileOnFallback() public {
        _update();
        uint256 at = block.timestamp;
        vm.warp(at + FALLBACK_HEARTBEAT);
        (uint256 price, ) = breaker.priceOf(asset); // older than the primary heartbeat, within the fallback's
        assertEq(price, 2050e18, "served");
        vm.warp(at + FALLBACK_HEARTBEAT + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IOracleCircuitBreaker.OracleStalePrice.selector,
                asset,
                at,
                FALLBACK_HEARTBEAT,
                at + FALLBACK_HEARTBEAT + 1
            )
        );
        breaker.priceOf(asset);
    }

    function test_update_switchesBackToPrimaryWithinBand() public {
        _update();
        _pushPrimary(2040e8);
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OracleFallbackSwitched(
            asset,
            IOracleCircuitBreaker.Status.UsingFallback,
            IOracleCircuitBreaker.Status.Active,
            IOracleCircuitBreaker.Reason.None
        );
        _update();
        _assertStatus(IOracleCircuitBreaker.Status.Active, "back on primary");
        (uint256 price, ) = breaker.priceOf(asset);
        assertEq(price, 2040e18, "primary price");
    }

    function test_update_freezesWhenFallbackDisagrees() public {
        fallbackFeed.setAnswer(2500e8); // +25% against the last accepted price
        IOracleCircuitBreaker.Evaluation memory e = _update();
        _assertEval(
            e,
            IOracleCircuitBreaker.Action.Freeze,
            IOracleCircuitBreaker.Status.Frozen,
            IOracleCircuitBreaker.Reason.StalePrice,
            IOracleCircuitBreaker.Reason.DeviationExceeded
        );
    }

    function test_update_freezesWhenBothFeedsFail() public {
        fallbackFeed.setReverts(true);
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OracleFrozen(
            asset,
            IOracleCircuitBreaker.Status.Active,
            IOracleCircuitBreaker.Reason.StalePrice,
            IOracleCircuitBreaker.Reason.FeedCallFailed,
            2000e18
        );
        _update();
        vm.expectRevert(
            abi.encodeWithSelector(
                IOracleCircuitBreaker.OracleAssetFrozen.selector,
                asset,
                IOracleCircuitBreaker.Reason.StalePrice,
                IOracleCircuitBreaker.Reason.FeedCallFailed
            )
        );
        breaker.priceOf(asset);
    }

    function test_update_movesFromFrozenToFallback() public {
        fallbackFeed.setReverts(true);
        _update();
        fallbackFeed.setReverts(false);
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OracleFallbackSwitched(
            asset,
            IOracleCircuitBreaker.Status.Frozen,
            IOracleCircuitBreaker.Status.UsingFallback,
            IOracleCircuitBreaker.Reason.StalePrice
        );
        _update();
        _assertStatus(IOracleCircuitBreaker.Status.UsingFallback, "on fallback");
    }
}

contract OracleCircuitBreakerRecoveryTest is OracleCircuitBreakerBase {
    function setUp() public override {
        super.setUp();
        _update();
        _pushPrimary(3000e8);
        _update(); // tripped, candidate 3000, streak 1
    }

    function test_update_recoversAfterConsecutiveRoundsWithinBand() public {
        _pushPrimary(3050e8);
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OracleRecoveryProgressed(asset, 3050e18, block.timestamp, 2, RECOVERY_ROUNDS);
        IOracleCircuitBreaker.Evaluation memory e = _update();
        assertEq(uint256(e.streak), 2, "streak 2");
        vm.expectRevert(
            abi.encodeWithSelector(
                IOracleCircuitBreaker.OracleAssetTripped.selector,
                asset,
                2000e18,
                3000e18, // the streak's first round, which the later rounds must agree with
                IOracleCircuitBreaker.Reason.DeviationExceeded
            )
        );
        breaker.priceOf(asset);

        _pushPrimary(3100e8);
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OracleRecovered(asset, 2000e18, 3100e18, block.timestamp, 3);
        e = _update();
        _assertEval(
            e,
            IOracleCircuitBreaker.Action.Recover,
            IOracleCircuitBreaker.Status.Active,
            IOracleCircuitBreaker.Reason.None,
            IOracleCircuitBreaker.Reason.None
        );
        (uint256 price, ) = breaker.priceOf(asset);
        assertEq(price, 3100e18, "recovered price");
        assertEq(uint256(breaker.assetState(asset).streak), 0, "streak cleared");
    }

    function test_update_aWalkWithinTheBandOfEachRoundButNotOfTheStreakStartDoesNotRecover() public {
        _pushPrimary(3500e8); // +16.7% from the streak's first round (3000)
        IOracleCircuitBreaker.Evaluation memory e = _update();
        assertEq(uint256(e.streak), 2, "agrees with 3000");
        _pushPrimary(4100e8); // +17.1% from 3500, but +36.7% from 3000
        e = _update();
        assertEq(
            uint256(uint8(e.action)),
            uint256(uint8(IOracleCircuitBreaker.Action.RecoveryProgress)),
            "no recovery"
        );
        assertEq(uint256(e.streak), 1, "restarted");
        assertEq(e.deviationBps, 3667, "measured from the streak's first round");
        assertEq(uint256(breaker.assetState(asset).candidatePrice), 4100e18, "new first round");
    }

    function test_update_sameRoundDoesNotCountTwice() public {
        _pushPrimary(3050e8);
        _update();
        vm.warp(block.timestamp + 10);
        IOracleCircuitBreaker.Evaluation memory e = _update();
        assertEq(uint256(uint8(e.action)), uint256(uint8(IOracleCircuitBreaker.Action.None)), "none");
        assertEq(uint256(breaker.assetState(asset).streak), 2, "still 2");
    }

    function test_update_roundOutsideBandRestartsStreak() public {
        _pushPrimary(3050e8);
        _update();
        _pushPrimary(2000e8); // back to normal: -34% against the candidate
        IOracleCircuitBreaker.Evaluation memory e = _update();
        assertEq(uint256(uint8(e.action)), uint256(uint8(IOracleCircuitBreaker.Action.RecoveryProgress)), "prog");
        assertEq(uint256(e.streak), 1, "restarted");
        assertEq(uint256(breaker.assetState(asset).candidatePrice), 2000e18, "new candidate");
    }

    function test_update_invalidRoundBreaksStreak() public {
        _pushPrimary(3050e8);
        _update();
        primary.setReverts(true);
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OracleRecoveryProgressed(asset, 0, 0, 0, RECOVERY_ROUNDS);
        _update();
        IOracleCircuitBreaker.AssetState memory s = breaker.assetState(asset);
        assertEq(uint256(s.streak), 0, "broken");
        assertEq(uint256(s.candidatePrice), 0, "no candidate");
        assertEq(uint256(uint8(s.status)), uint256(uint8(IOracleCircuitBreaker.Status.Tripped)), "still tripped");
        // Invalid again: nothing left to break.
        IOracleCircuitBreaker.Evaluation memory e = _update();
        assertEq(uint256(uint8(e.action)), uint256(uint8(IOracleCircuitBreaker.Action.None)), "none");
        // The same old round cannot restart the count; a new one starts at 1.
        primary.setReverts(false);
        e = _update();
        assertEq(uint256(uint8(e.action)), uint256(uint8(IOracleCircuitBreaker.Action.None)), "old round");
        _pushPrimary(3060e8);
        e = _update();
        assertEq(uint256(e.streak), 1, "fresh start");
    }

    function test_update_noAutomaticRecoveryWhenDisabled() public {
        _configure(address(fallbackFeed), 0, 0);
        for (uint256 i = 0; i < 5; i++) {
            _pushPrimary(3000e8 + int248(int256(i)) * 1e8);
            IOracleCircuitBreaker.Evaluation memory e = _update();
            assertEq(uint256(uint8(e.action)), uint256(uint8(IOracleCircuitBreaker.Action.None)), "none");
        }
        _assertStatus(IOracleCircuitBreaker.Status.Tripped, "still tripped");
    }

    function test_update_sequencerIrrelevantWithoutFeed_trippedStaysTrippedOnPeek() public view {
        IOracleCircuitBreaker.Evaluation memory e = breaker.peek(asset);
        assertEq(uint256(uint8(e.action)), uint256(uint8(IOracleCircuitBreaker.Action.None)), "same round");
        assertEq(uint256(uint8(e.status)), uint256(uint8(IOracleCircuitBreaker.Status.Tripped)), "tripped");
        assertEq(e.price, 3000e18, "candidate reported");
    }

    function test_reset_reanchorsOnCurrentPrimaryPrice() public {
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OracleReset(
            asset,
            guardian,
            IOracleCircuitBreaker.Status.Tripped,
            IOracleCircuitBreaker.Status.Active,
            2000e18,
            3000e18,
            block.timestamp
        );
        vm.prank(guardian);
        IOracleCircuitBreaker.Evaluation memory e = breaker.reset(asset);
        assertEq(e.deviationBps, 5000, "deviation reported");
        (uint256 price, ) = breaker.priceOf(asset);
        assertEq(price, 3000e18, "re-anchored");
        _assertStatus(IOracleCircuitBreaker.Status.Active, "active");
    }

    function test_reset_usesFallbackWhenPrimaryBroken() public {
        primary.setReverts(true);
        fallbackFeed.setAnswer(3010e8);
        vm.prank(guardian);
        IOracleCircuitBreaker.Evaluation memory e = breaker.reset(asset);
        _assertEval(
            e,
            IOracleCircuitBreaker.Action.Accept,
            IOracleCircuitBreaker.Status.UsingFallback,
            IOracleCircuitBreaker.Reason.FeedCallFailed,
            IOracleCircuitBreaker.Reason.None
        );
        (uint256 price, ) = breaker.priceOf(asset);
        assertEq(price, 3010e18, "fallback price");
    }

    function test_reset_revertsWithoutAnyValidPrice() public {
        primary.setReverts(true);
        fallbackFeed.setAnswer(0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IOracleCircuitBreaker.OracleNoValidPrice.selector,
                asset,
                IOracleCircuitBreaker.Reason.FeedCallFailed,
                IOracleCircuitBreaker.Reason.NonPositiveAnswer
            )
        );
        vm.prank(guardian);
        breaker.reset(asset);
    }

    function test_reset_revertsWhenNotNeededOrNotGuardian() public {
        bytes32 role = breaker.ORACLE_GUARDIAN_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, keeper, role));
        vm.prank(keeper);
        breaker.reset(asset);

        vm.prank(guardian);
        breaker.reset(asset);
        vm.expectRevert(
            abi.encodeWithSelector(
                IOracleCircuitBreaker.OracleResetNotNeeded.selector,
                asset,
                IOracleCircuitBreaker.Status.Active
            )
        );
        vm.prank(guardian);
        breaker.reset(asset);

        address unknown = makeAddr("unknown");
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleUnknownAsset.selector, unknown));
        vm.prank(guardian);
        breaker.reset(unknown);
    }

    function test_trip_pinIsLiftedOnlyByUnpinThenReset() public {
        vm.prank(guardian);
        breaker.reset(asset);
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OracleTripped(
            asset,
            3000e18,
            0,
            0,
            0,
            IOracleCircuitBreaker.Reason.ManualTrip,
            guardian
        );
        vm.prank(guardian);
        breaker.trip(asset);
        vm.expectRevert(
            abi.encodeWithSelector(
                IOracleCircuitBreaker.OracleAssetTripped.selector,
                asset,
                3000e18,
                0,
                IOracleCircuitBreaker.Reason.ManualTrip
            )
        );
        breaker.priceOf(asset);
        for (uint256 i = 0; i < 4; i++) {
            _pushPrimary(3000e8);
            IOracleCircuitBreaker.Evaluation memory e = _update();
            assertEq(uint256(uint8(e.action)), uint256(uint8(IOracleCircuitBreaker.Action.None)), "no auto recovery");
        }
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleAssetPinned.selector, asset));
        vm.prank(guardian);
        breaker.reset(asset);
        vm.prank(guardian);
        breaker.unpin(asset);
        vm.prank(guardian);
        breaker.reset(asset);
        _assertStatus(IOracleCircuitBreaker.Status.Active, "reset");
    }

    function test_trip_revertsWhenAlreadyPinnedOrNotGuardian() public {
        vm.prank(guardian);
        breaker.trip(asset); // pins the automatically tripped asset
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleAlreadyTripped.selector, asset));
        vm.prank(guardian);
        breaker.trip(asset);
        bytes32 role = breaker.ORACLE_GUARDIAN_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, configAdmin, role)
        );
        vm.prank(configAdmin);
        breaker.trip(asset);
    }

    function test_reset_liftsAFreeze() public {
        // A frozen asset (no fallback, primary negative) comes back through a reset once the primary is sane.
        address other = makeAddr("other");
        OracleMockFeed feed = new OracleMockFeed(8, -1);
        IOracleCircuitBreaker.AssetConfigInput memory input = _input(address(0), 0, 0);
        input.primary = address(feed);
        vm.prank(configAdmin);
        breaker.setAssetConfig(other, input);
        breaker.update(other);
        feed.setAnswer(5e8);
        vm.prank(guardian);
        breaker.reset(other);
        (uint256 price, ) = breaker.priceOf(other);
        assertEq(price, 5e18, "priced after reset");
    }
}

contract OracleCircuitBreakerSequencerTest is OracleCircuitBreakerBase {
    uint32 internal constant GRACE = 3600;
    OracleMockSequencerFeed internal seq;

    function setUp() public override {
        super.setUp();
        seq = new OracleMockSequencerFeed(START - 1 days);
        vm.prank(configAdmin);
        breaker.setSequencer(address(seq), GRACE);
        _update();
    }

    function test_priceOf_servesWhileSequencerUp() public view {
        (uint256 price, ) = breaker.priceOf(asset);
        assertEq(price, 2000e18, "served");
    }

    function test_priceOf_revertsWhileSequencerDown() public {
        seq.setStatus(true, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleSequencerDown.selector, address(seq)));
        breaker.priceOf(asset);
        (IOracleCircuitBreaker.Status status, IOracleCircuitBreaker.Reason reason) = breaker.statusOf(asset);
        assertEq(uint256(uint8(status)), uint256(uint8(IOracleCircuitBreaker.Status.SequencerDown)), "status");
        assertEq(uint256(uint8(reason)), uint256(uint8(IOracleCircuitBreaker.Reason.SequencerDown)), "reason");
        _pushPrimary(2100e8);
        vm.recordLogs();
        IOracleCircuitBreaker.Evaluation memory e = _update();
        assertEq(vm.getRecordedLogs().length, 0, "no state change");
        _assertEval(
            e,
            IOracleCircuitBreaker.Action.None,
            IOracleCircuitBreaker.Status.SequencerDown,
            IOracleCircuitBreaker.Reason.SequencerDown,
            IOracleCircuitBreaker.Reason.None
        );
    }

    function test_priceOf_revertsDuringGracePeriodThenServes() public {
        seq.setStatus(true, block.timestamp);
        vm.warp(block.timestamp + 600);
        uint256 upSince = block.timestamp;
        seq.setStatus(false, upSince);
        primary.setAnswer(2010e8);
        vm.expectRevert(
            abi.encodeWithSelector(IOracleCircuitBreaker.OracleSequencerGracePeriod.selector, upSince, upSince + GRACE)
        );
        breaker.priceOf(asset);
        IOracleCircuitBreaker.Evaluation memory e = _update();
        assertEq(uint256(uint8(e.reason)), uint256(uint8(IOracleCircuitBreaker.Reason.SequencerGracePeriod)), "g");
        vm.warp(upSince + GRACE);
        vm.expectRevert(
            abi.encodeWithSelector(IOracleCircuitBreaker.OracleSequencerGracePeriod.selector, upSince, upSince + GRACE)
        );
        breaker.priceOf(asset);
        vm.warp(upSince + GRACE + 1);
        primary.setAnswer(2020e8);
        e = _update();
        assertEq(uint256(uint8(e.action)), uint256(uint8(IOracleCircuitBreaker.Action.Accept)), "accepted");
        (uint256 price, ) = breaker.priceOf(asset);
        assertEq(price, 2020e18, "served after grace");
    }

    function test_priceOf_treatsUninitialisedOrBrokenSequencerFeedAsDown() public {
        seq.setStatus(false, 0);
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleSequencerDown.selector, address(seq)));
        breaker.priceOf(asset);
        seq.setStatus(false, START - 1 days);
        seq.setReverts(true);
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleSequencerDown.selector, address(seq)));
        breaker.priceOf(asset);
    }

    function test_priceOf_sequencerFutureStartedAtIsGrace() public {
        seq.setStatus(false, block.timestamp + 100);
        vm.expectRevert(
            abi.encodeWithSelector(
                IOracleCircuitBreaker.OracleSequencerGracePeriod.selector,
                block.timestamp + 100,
                block.timestamp + 100 + GRACE
            )
        );
        breaker.priceOf(asset);
    }

    function test_priceOf_absurdSequencerStartedAtStillGivesTypedError() public {
        vm.mockCall(
            address(seq),
            abi.encodeWithSelector(OracleMockSequencerFeed.latestRoundData.selector),
            abi.encode(uint80(2), int256(0), type(uint256).max, type(uint256).max, uint80(2))
        );
        vm.expectRevert(
            abi.encodeWithSelector(
                IOracleCircuitBreaker.OracleSequencerGracePeriod.selector,
                type(uint256).max,
                type(uint256).max
            )
        );
        breaker.priceOf(asset);
    }

    function test_reset_revertsWhileSequencerDown() public {
        vm.startPrank(guardian);
        breaker.trip(asset);
        breaker.unpin(asset);
        vm.stopPrank();
        seq.setStatus(true, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleSequencerDown.selector, address(seq)));
        vm.prank(guardian);
        breaker.reset(asset);
    }

    function test_statusOf_trippedAndFrozenOutrankSequencerDown() public {
        vm.prank(guardian);
        breaker.trip(asset);
        seq.setStatus(true, block.timestamp);
        (IOracleCircuitBreaker.Status status, ) = breaker.statusOf(asset);
        assertEq(uint256(uint8(status)), uint256(uint8(IOracleCircuitBreaker.Status.Tripped)), "tripped first");
    }
}

/// @dev Gas of the key operations, recorded with `vm.snapshotGasLastCall` (the integrator commits the snapshots).
/// Everything here runs in one transaction, so storage is warm after the first touch.
contract OracleCircuitBreakerGasTest is OracleCircuitBreakerBase {
    function test_gas_keyOperations() public {
        _update();
        vm.snapshotGasLastCall("oracle: update (first price)");
        _pushPrimary(2010e8);
        _update();
        uint256 accept = vm.snapshotGasLastCall("oracle: update (accept)");
        // Warm reads (same transaction as the update): the cold, per-transaction comparison is in the TS gas test.
        (uint256 price, ) = breaker.priceOf(asset);
        vm.snapshotGasLastCall("oracle: priceOf (warm)");
        (, int256 answer, , , ) = primary.latestRoundData();
        vm.snapshotGasLastCall("oracle: raw latestRoundData, mock feed (warm)");
        assertEq(price, uint256(answer) * 1e10, "same price");
        _pushPrimary(4000e8);
        _update();
        uint256 tripped = vm.snapshotGasLastCall("oracle: update (trip)");
        assertGe(tripped, accept, "a trip writes more state than an acceptance");
    }
}

/// @dev {freshPriceOf}: the latest round is validated (with update's events) before a price is served; every outcome.
contract OracleCircuitBreakerFreshPriceTest is OracleCircuitBreakerBase {
    VmExpectCallCount internal constant VM_CALLS = VmExpectCallCount(
        address(uint160(uint256(keccak256("hevm cheat code"))))
    );

    function setUp() public override {
        super.setUp();
        _configure(address(0), 0, RECOVERY_ROUNDS); // no fallback: a broken primary freezes
        _update();
    }

    function test_supportsInterface_idsOfTheCurrentInterfaces() public view {
        bytes4 priceOracleId = bytes4(keccak256("priceOf(address)")) ^ bytes4(keccak256("freshPriceOf(address)"));
        assertEq(bytes32(type(IPriceOracle).interfaceId), bytes32(priceOracleId), "IPriceOracle id");
        assertTrue(breaker.supportsInterface(priceOracleId), "IPriceOracle with freshPriceOf");
        assertTrue(breaker.supportsInterface(type(IOracleCircuitBreaker).interfaceId), "IOracleCircuitBreaker");
        assertFalse(breaker.supportsInterface(bytes4(keccak256("priceOf(address)"))), "not the old id alone");
    }

    function test_freshPriceOf_acceptsTheNewRoundWithUpdateEventsAndServesIt() public {
        _pushPrimary(2100e8);
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OraclePriceAccepted(
            asset,
            IOracleCircuitBreaker.Status.Active,
            2100e18,
            block.timestamp,
            2000e18,
            500
        );
        // No external self-call: neither update nor priceOf is called through the contract's own address.
        VM_CALLS.expectCall(address(breaker), abi.encodeCall(breaker.update, (asset)), 0);
        VM_CALLS.expectCall(address(breaker), abi.encodeCall(breaker.priceOf, (asset)), 0);
        (uint256 price, uint256 updatedAt) = breaker.freshPriceOf(asset);
        assertEq(price, 2100e18, "fresh price");
        assertEq(updatedAt, block.timestamp, "fresh round");
        assertEq(uint256(breaker.assetState(asset).price), 2100e18, "stored like update");
    }

    function test_freshPriceOf_servesTheSameRoundWithoutEvents() public {
        vm.warp(block.timestamp + 30);
        vm.recordLogs();
        (uint256 price, uint256 updatedAt) = breaker.freshPriceOf(asset);
        assertEq(vm.getRecordedLogs().length, 0, "nothing to record");
        assertEq(price, 2000e18, "price");
        assertEq(updatedAt, START, "round");
    }

    function test_freshPriceOf_refusesTheRoundThatTripsWhilePriceOfStillServesTheOldPrice() public {
        _pushPrimary(1000e8); // a 50% crash, not yet seen by any keeper
        (uint256 stale, ) = breaker.priceOf(asset);
        assertEq(stale, 2000e18, "priceOf serves the last accepted price");
        vm.expectRevert(
            abi.encodeWithSelector(
                IOracleCircuitBreaker.OracleAssetTripped.selector,
                asset,
                2000e18,
                1000e18,
                IOracleCircuitBreaker.Reason.DeviationExceeded
            )
        );
        breaker.freshPriceOf(asset);
    }

    function test_freshPriceOf_refusesAStalePrimary() public {
        vm.warp(block.timestamp + HEARTBEAT + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IOracleCircuitBreaker.OracleAssetFrozen.selector,
                asset,
                IOracleCircuitBreaker.Reason.StalePrice,
                IOracleCircuitBreaker.Reason.NoFallback
            )
        );
        breaker.freshPriceOf(asset);
    }

    function test_freshPriceOf_refusesABrokenPrimary() public {
        primary.setReverts(true);
        vm.expectRevert(
            abi.encodeWithSelector(
                IOracleCircuitBreaker.OracleAssetFrozen.selector,
                asset,
                IOracleCircuitBreaker.Reason.FeedCallFailed,
                IOracleCircuitBreaker.Reason.NoFallback
            )
        );
        breaker.freshPriceOf(asset);
    }

    function test_freshPriceOf_refusesAPinnedAsset() public {
        vm.prank(guardian);
        breaker.trip(asset);
        vm.expectRevert(
            abi.encodeWithSelector(
                IOracleCircuitBreaker.OracleAssetTripped.selector,
                asset,
                2000e18,
                0,
                IOracleCircuitBreaker.Reason.ManualTrip
            )
        );
        breaker.freshPriceOf(asset);
    }

    function test_freshPriceOf_refusesAnUnknownAsset() public {
        address unknown = makeAddr("unknown");
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleUnknownAsset.selector, unknown));
        breaker.freshPriceOf(unknown);
    }

    function test_freshPriceOf_refusesWhileTheSequencerIsDownOrInGrace() public {
        OracleMockSequencerFeed seq = new OracleMockSequencerFeed(START - 1 days);
        vm.prank(configAdmin);
        breaker.setSequencer(address(seq), 3600);
        (uint256 price, ) = breaker.freshPriceOf(asset);
        assertEq(price, 2000e18, "served while up");

        seq.setStatus(true, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleSequencerDown.selector, address(seq)));
        breaker.freshPriceOf(asset);

        vm.warp(block.timestamp + 60);
        seq.setStatus(false, block.timestamp);
        vm.expectRevert(
            abi.encodeWithSelector(
                IOracleCircuitBreaker.OracleSequencerGracePeriod.selector,
                block.timestamp,
                block.timestamp + 3600
            )
        );
        breaker.freshPriceOf(asset);
    }
}

/// @dev Issue #14 case 9: a guardian pin holds against the automatic recovery and against reset, in every status.
contract OracleCircuitBreakerPinTest is OracleCircuitBreakerBase {
    function _pin() internal {
        vm.prank(guardian);
        breaker.trip(asset);
    }

    /// @dev After a pin, agreeing rounds never recover the asset, reset refuses it and reads revert.
    function _assertPinHolds() internal {
        for (uint256 i = 0; i < uint256(RECOVERY_ROUNDS) + 1; i++) {
            _pushPrimary(3000e8);
            fallbackFeed.setAnswer(3000e8);
            IOracleCircuitBreaker.Evaluation memory e = _update();
            assertEq(uint256(uint8(e.action)), uint256(uint8(IOracleCircuitBreaker.Action.None)), "no recovery");
        }
        IOracleCircuitBreaker.AssetState memory s = breaker.assetState(asset);
        assertEq(uint256(uint8(s.status)), uint256(uint8(IOracleCircuitBreaker.Status.Tripped)), "tripped");
        assertEq(uint256(uint8(s.reason)), uint256(uint8(IOracleCircuitBreaker.Reason.ManualTrip)), "pinned");
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleAssetPinned.selector, asset));
        vm.prank(guardian);
        breaker.reset(asset);
    }

    function test_trip_pinsAnAutomaticallyTrippedAssetAgainstRecoveryAndReset() public {
        _update();
        _pushPrimary(3000e8); // +50%: automatic trip, candidate 3000, streak 1
        _update();
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OracleTripped(
            asset,
            2000e18,
            0,
            0,
            0,
            IOracleCircuitBreaker.Reason.ManualTrip,
            guardian
        );
        _pin();
        IOracleCircuitBreaker.AssetState memory s = breaker.assetState(asset);
        assertEq(uint256(s.streak), 0, "streak cleared");
        assertEq(uint256(s.candidatePrice), 0, "candidate cleared");
        _assertPinHolds();
    }

    function test_trip_pinsInEveryStatus() public {
        // Unset: configured, never priced.
        _pin();
        _assertPinHolds();
    }

    function test_trip_pinsAnActiveAsset() public {
        _update();
        _pin();
        _assertPinHolds();
    }

    function test_trip_pinsAnAssetOnItsFallback() public {
        _update();
        vm.warp(block.timestamp + HEARTBEAT + 1);
        fallbackFeed.setAnswer(2010e8);
        _update();
        _assertStatus(IOracleCircuitBreaker.Status.UsingFallback, "on fallback");
        _pin();
        _assertPinHolds();
    }

    function test_trip_pinsAFrozenAsset() public {
        _update();
        primary.setReverts(true);
        fallbackFeed.setReverts(true);
        _update();
        _assertStatus(IOracleCircuitBreaker.Status.Frozen, "frozen");
        _pin();
        primary.setReverts(false);
        fallbackFeed.setReverts(false);
        _assertPinHolds();
    }

    function test_unpin_keepsTheAssetTrippedUntilAFreshStreakRecoversIt() public {
        _update();
        _pushPrimary(3000e8);
        _update();
        _pin();
        _pushPrimary(3000e8);
        _update(); // ignored while pinned
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OracleUnpinned(asset, guardian);
        vm.prank(guardian);
        breaker.unpin(asset);
        IOracleCircuitBreaker.AssetState memory s = breaker.assetState(asset);
        assertEq(uint256(uint8(s.status)), uint256(uint8(IOracleCircuitBreaker.Status.Tripped)), "still tripped");
        assertEq(uint256(uint8(s.reason)), uint256(uint8(IOracleCircuitBreaker.Reason.PinLifted)), "pin lifted");
        vm.expectRevert(
            abi.encodeWithSelector(
                IOracleCircuitBreaker.OracleAssetTripped.selector,
                asset,
                2000e18,
                0,
                IOracleCircuitBreaker.Reason.PinLifted
            )
        );
        breaker.priceOf(asset);
        // The streak starts from scratch: the round current at unpin time is the first of RECOVERY_ROUNDS.
        IOracleCircuitBreaker.Evaluation memory e = _update();
        assertEq(uint256(e.streak), 1, "first round");
        _pushPrimary(3010e8);
        e = _update();
        assertEq(uint256(e.streak), 2, "second round");
        _pushPrimary(3020e8);
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OracleRecovered(asset, 2000e18, 3020e18, block.timestamp, 3);
        e = _update();
        assertEq(uint256(uint8(e.action)), uint256(uint8(IOracleCircuitBreaker.Action.Recover)), "recovered");
    }

    function test_unpin_thenResetReanchors() public {
        _update();
        _pin();
        vm.startPrank(guardian);
        breaker.unpin(asset);
        breaker.reset(asset);
        vm.stopPrank();
        _assertStatus(IOracleCircuitBreaker.Status.Active, "active");
    }

    function test_unpin_revertsWhenNotPinnedOrNotGuardian() public {
        _update();
        vm.expectRevert(
            abi.encodeWithSelector(
                IOracleCircuitBreaker.OracleNotPinned.selector,
                asset,
                IOracleCircuitBreaker.Status.Active,
                IOracleCircuitBreaker.Reason.None
            )
        );
        vm.prank(guardian);
        breaker.unpin(asset);
        _pushPrimary(3000e8);
        _update();
        vm.expectRevert(
            abi.encodeWithSelector(
                IOracleCircuitBreaker.OracleNotPinned.selector,
                asset,
                IOracleCircuitBreaker.Status.Tripped,
                IOracleCircuitBreaker.Reason.DeviationExceeded
            )
        );
        vm.prank(guardian);
        breaker.unpin(asset);
        _pin();
        bytes32 role = breaker.ORACLE_GUARDIAN_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, keeper, role));
        vm.prank(keeper);
        breaker.unpin(asset);
        address unknown = makeAddr("unknown");
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleUnknownAsset.selector, unknown));
        vm.prank(guardian);
        breaker.unpin(unknown);
    }
}

/// @dev Issue #14 case 12: a hostile feed (huge payload, gas burner) cannot make update run out of gas.
contract OracleCircuitBreakerGriefingFeedTest is OracleCircuitBreakerBase {
    OracleMockGriefingFeed internal hostile;
    address internal hostileAsset;

    function setUp() public override {
        super.setUp();
        hostile = new OracleMockGriefingFeed(2000e8);
        hostileAsset = makeAddr("HOSTILE");
        IOracleCircuitBreaker.AssetConfigInput memory input = _input(address(0), 0, RECOVERY_ROUNDS);
        input.primary = address(hostile);
        vm.prank(configAdmin);
        breaker.setAssetConfig(hostileAsset, input);
        breaker.update(hostileAsset);
    }

    function _updateWithGas(uint256 gasLimit) internal returns (bool ok, uint256 used) {
        uint256 start = gasleft();
        (ok, ) = address(breaker).call{gas: gasLimit}(abi.encodeCall(breaker.update, (hostileAsset)));
        used = start - gasleft();
    }

    function test_update_survivesAFeedReturningAHugePayload() public {
        // ~1 MB: about 2M gas of memory for the feed, and as much again for a caller that copies it all.
        hostile.setPayloadSize(1_000_000);
        (bool ok, uint256 used) = _updateWithGas(3_000_000);
        assertTrue(ok, "update did not run out of gas");
        assertLe(used, 250_000, "cost bounded by the feed allowance");
        IOracleCircuitBreaker.AssetState memory s = breaker.assetState(hostileAsset);
        assertEq(uint256(uint8(s.status)), uint256(uint8(IOracleCircuitBreaker.Status.Frozen)), "frozen");
        assertEq(uint256(uint8(s.reason)), uint256(uint8(IOracleCircuitBreaker.Reason.FeedCallFailed)), "reason");
    }

    function test_update_readsTheRoundOfAnOversizedAnswerWithinTheAllowance() public {
        vm.warp(block.timestamp + 60);
        hostile.setRound(2010e8, block.timestamp);
        hostile.setPayloadSize(4096); // five valid words, then padding: only the five words are copied
        IOracleCircuitBreaker.Evaluation memory e = breaker.update(hostileAsset);
        assertEq(uint256(uint8(e.action)), uint256(uint8(IOracleCircuitBreaker.Action.Accept)), "accepted");
        assertEq(e.price, 2010e18, "price from the first five words");
    }

    function test_update_refusesAShortAnswer() public {
        hostile.setPayloadSize(159);
        IOracleCircuitBreaker.Evaluation memory e = breaker.update(hostileAsset);
        assertEq(uint256(uint8(e.reason)), uint256(uint8(IOracleCircuitBreaker.Reason.FeedCallFailed)), "short");
    }

    function test_update_survivesAFeedBurningGas() public {
        hostile.setBurnsGas(true);
        (bool ok, uint256 used) = _updateWithGas(1_000_000);
        assertTrue(ok, "update did not run out of gas");
        assertLe(used, 250_000, "the feed burnt at most its allowance");
        IOracleCircuitBreaker.AssetState memory s = breaker.assetState(hostileAsset);
        assertEq(uint256(uint8(s.reason)), uint256(uint8(IOracleCircuitBreaker.Reason.FeedCallFailed)), "reason");
    }

    function test_update_revertsInsteadOfFreezingWhenTheCallerSentTooLittleGas() public {
        hostile.setBurnsGas(true);
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleInsufficientGas.selector, address(hostile)));
        breaker.update{gas: 80_000}(hostileAsset);
        assertEq(
            uint256(uint8(breaker.assetState(hostileAsset).status)),
            uint256(uint8(IOracleCircuitBreaker.Status.Active)),
            "not frozen by a short-gas call"
        );
    }

    function test_feedGasLimit_isTheDocumentedAllowance() public view {
        assertEq(breaker.FEED_GAS_LIMIT(), 100_000, "allowance");
    }
}

/// @dev Issue #14 case 13: a round older than the accepted one is not accepted; the stored time never moves back.
contract OracleCircuitBreakerRoundOrderTest is OracleCircuitBreakerBase {
    function setUp() public override {
        super.setUp();
        _update();
        _pushPrimary(2010e8); // accepted at START + 60
        _update();
    }

    function test_update_refusesAnOlderPrimaryRoundWhileActive() public {
        uint256 accepted = block.timestamp;
        vm.warp(block.timestamp + 60);
        primary.setAnswerAt(2005e8, accepted - 30); // fresh, but older than the accepted round
        fallbackFeed.setReverts(true);
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OracleFrozen(
            asset,
            IOracleCircuitBreaker.Status.Active,
            IOracleCircuitBreaker.Reason.OutOfOrderRound,
            IOracleCircuitBreaker.Reason.FeedCallFailed,
            2010e18
        );
        _update();
        IOracleCircuitBreaker.AssetState memory s = breaker.assetState(asset);
        assertEq(uint256(s.updatedAt), accepted, "stored time did not move back");
        assertEq(uint256(s.price), 2010e18, "price kept");
    }

    function test_update_switchesToANewerFallbackWhenThePrimaryGoesBack() public {
        uint256 accepted = block.timestamp;
        vm.warp(block.timestamp + 60);
        primary.setAnswerAt(2005e8, accepted - 30);
        fallbackFeed.setAnswer(2012e8);
        IOracleCircuitBreaker.Evaluation memory e = _update();
        _assertEval(
            e,
            IOracleCircuitBreaker.Action.Accept,
            IOracleCircuitBreaker.Status.UsingFallback,
            IOracleCircuitBreaker.Reason.OutOfOrderRound,
            IOracleCircuitBreaker.Reason.None
        );
        assertEq(uint256(breaker.assetState(asset).updatedAt), block.timestamp, "newer fallback round");
    }

    function test_update_acceptsARoundOfTheSameTime() public {
        uint256 accepted = block.timestamp;
        primary.setAnswerAt(2011e8, accepted);
        IOracleCircuitBreaker.Evaluation memory e = _update();
        assertEq(uint256(uint8(e.action)), uint256(uint8(IOracleCircuitBreaker.Action.Accept)), "same time is new");
    }

    function test_update_refusesAnOlderFallbackRoundWhileOnTheFallback() public {
        vm.warp(block.timestamp + HEARTBEAT + 1); // primary stale
        fallbackFeed.setAnswer(2015e8);
        _update();
        _assertStatus(IOracleCircuitBreaker.Status.UsingFallback, "on fallback");
        uint256 accepted = block.timestamp;
        vm.warp(block.timestamp + 60);
        fallbackFeed.setAnswerAt(2016e8, accepted - 1);
        IOracleCircuitBreaker.Evaluation memory e = _update();
        _assertEval(
            e,
            IOracleCircuitBreaker.Action.Freeze,
            IOracleCircuitBreaker.Status.Frozen,
            IOracleCircuitBreaker.Reason.StalePrice,
            IOracleCircuitBreaker.Reason.OutOfOrderRound
        );
        assertEq(uint256(breaker.assetState(asset).updatedAt), accepted, "stored time did not move back");
    }
}

/// @dev Beyond the anchors: the cumulative bound over a window, on top of the per-round band.
contract OracleCircuitBreakerCumulativeTest is OracleCircuitBreakerBase {
    function setUp() public override {
        super.setUp();
        _configure(address(0), 0, 0); // no fallback, no automatic recovery
    }

    /// @dev +19.99% of `price` (8 decimals), rounded down.
    function _up(int248 price) internal pure returns (int248) {
        return (price * 11_999) / 10_000;
    }

    function test_defaults_are50PercentIn24Hours() public view {
        IOracleCircuitBreaker.CumulativeBound memory b = breaker.cumulativeBound(asset);
        assertEq(uint256(b.window), 1 days, "window");
        assertEq(uint256(b.maxDeviationBps), 5000, "bound");
        assertEq(uint256(breaker.DEFAULT_CUMULATIVE_WINDOW()), 1 days, "window constant");
        assertEq(uint256(breaker.DEFAULT_MAX_CUMULATIVE_DEVIATION_BPS()), 5000, "bound constant");
    }

    function test_update_fiveRoundsOfPlus19_99PercentTripTheCumulativeBound() public {
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OracleWindowAnchored(asset, 2000e18, START);
        _update();
        int248 price = P0;
        uint256 accepted = 0;
        bool tripped = false;
        for (uint256 i = 0; i < 5 && !tripped; i++) {
            price = _up(price);
            _pushPrimary(price);
            IOracleCircuitBreaker.Evaluation memory e = _update();
            if (e.action == IOracleCircuitBreaker.Action.Trip) {
                tripped = true;
                assertEq(
                    uint256(uint8(e.reason)),
                    uint256(uint8(IOracleCircuitBreaker.Reason.CumulativeDeviationExceeded)),
                    "own reason"
                );
                assertEq(e.deviationBps, 7276, "measured from the window's anchor (+72.76%, rounded up)");
            } else {
                accepted++;
            }
        }
        assertTrue(tripped, "the walk tripped");
        assertEq(accepted, 2, "two rounds stay within 50% of the anchor (+43.98%)");
        vm.expectRevert(
            abi.encodeWithSelector(
                IOracleCircuitBreaker.OracleAssetTripped.selector,
                asset,
                uint256(uint248(_up(_up(P0)))) * 1e10,
                uint256(uint248(price)) * 1e10,
                IOracleCircuitBreaker.Reason.CumulativeDeviationExceeded
            )
        );
        breaker.priceOf(asset);
    }

    function test_update_tripEventCarriesTheCumulativeReason() public {
        _update();
        _pushPrimary(_up(P0));
        _update();
        _pushPrimary(_up(_up(P0)));
        _update();
        int248 third = _up(_up(_up(P0)));
        _pushPrimary(third);
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OracleTripped(
            asset,
            uint256(uint248(_up(_up(P0)))) * 1e10,
            uint256(uint248(third)) * 1e10,
            7276,
            block.timestamp,
            IOracleCircuitBreaker.Reason.CumulativeDeviationExceeded,
            keeper
        );
        _update();
    }

    function test_update_aNewWindowAnchorsOnThePreviousPrice() public {
        _update();
        _pushPrimary(_up(P0));
        _update();
        _pushPrimary(_up(_up(P0))); // +43.98% from the anchor: within
        _update();
        uint256 previous = uint256(uint248(_up(_up(P0)))) * 1e10;
        // A day later the window is over: the next price is measured from the previous one.
        vm.warp(START + 1 days);
        primary.setAnswer(_up(_up(P0)));
        _update(); // same price, new round: starts the new window
        IOracleCircuitBreaker.CumulativeBound memory b = breaker.cumulativeBound(asset);
        assertEq(uint256(b.anchorPrice), previous, "anchored on the previous price");
        assertEq(uint256(b.anchorAt), START + 1 days, "window start");
        _pushPrimary(_up(_up(_up(P0))));
        IOracleCircuitBreaker.Evaluation memory e = _update();
        assertEq(uint256(uint8(e.action)), uint256(uint8(IOracleCircuitBreaker.Action.Accept)), "+19.99% accepted");
    }

    function test_update_aDropBeyondTheBoundTripsToo() public {
        _update();
        int248 price = P0;
        for (uint256 i = 0; i < 4; i++) {
            price = (price * 8_001) / 10_000; // -19.99%: the fourth is -59.02% from the anchor
            _pushPrimary(price);
            _update();
        }
        IOracleCircuitBreaker.AssetState memory s = breaker.assetState(asset);
        assertEq(uint256(uint8(s.status)), uint256(uint8(IOracleCircuitBreaker.Status.Tripped)), "tripped");
        assertEq(
            uint256(uint8(s.reason)),
            uint256(uint8(IOracleCircuitBreaker.Reason.CumulativeDeviationExceeded)),
            "r"
        );
    }

    function test_reset_startsANewWindowOnTheResetPrice() public {
        _update();
        _pushPrimary(_up(P0));
        _update();
        _pushPrimary(_up(_up(P0)));
        _update();
        _pushPrimary(_up(_up(_up(P0))));
        _update(); // cumulative trip
        uint256 resetPrice = uint256(uint248(_up(_up(_up(P0))))) * 1e10;
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OracleWindowAnchored(asset, resetPrice, block.timestamp);
        vm.prank(guardian);
        breaker.reset(asset);
        _pushPrimary(_up(_up(_up(_up(P0)))));
        IOracleCircuitBreaker.Evaluation memory e = _update();
        assertEq(uint256(uint8(e.action)), uint256(uint8(IOracleCircuitBreaker.Action.Accept)), "measured from reset");
    }

    function test_update_recoveryStartsANewWindow() public {
        _configure(address(0), 0, RECOVERY_ROUNDS);
        _update();
        _pushPrimary(_up(P0));
        _update();
        _pushPrimary(_up(_up(P0)));
        _update();
        int248 high = _up(_up(_up(P0)));
        _pushPrimary(high);
        _update(); // cumulative trip, streak 1
        _pushPrimary(high);
        _update();
        _pushPrimary(high);
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OracleWindowAnchored(asset, uint256(uint248(high)) * 1e10, block.timestamp);
        IOracleCircuitBreaker.Evaluation memory e = _update();
        assertEq(uint256(uint8(e.action)), uint256(uint8(IOracleCircuitBreaker.Action.Recover)), "recovered");
    }

    function test_update_fallbackBeyondTheCumulativeBoundFreezes() public {
        _configure(address(fallbackFeed), 0, 0);
        _update();
        _pushPrimary(_up(P0));
        _update();
        _pushPrimary(_up(_up(P0)));
        _update();
        vm.warp(block.timestamp + HEARTBEAT + 1); // primary stale
        fallbackFeed.setAnswer(_up(_up(_up(P0))));
        IOracleCircuitBreaker.Evaluation memory e = _update();
        _assertEval(
            e,
            IOracleCircuitBreaker.Action.Freeze,
            IOracleCircuitBreaker.Status.Frozen,
            IOracleCircuitBreaker.Reason.StalePrice,
            IOracleCircuitBreaker.Reason.CumulativeDeviationExceeded
        );
    }

    function test_setCumulativeBound_disablesSetsAndValidates() public {
        vm.expectEmit(address(breaker));
        emit IOracleCircuitBreaker.OracleCumulativeBoundConfigured(asset, 0, 0, configAdmin);
        vm.prank(configAdmin);
        breaker.setCumulativeBound(asset, 0, 0);
        _update();
        int248 price = P0;
        for (uint256 i = 0; i < 5; i++) {
            price = _up(price);
            _pushPrimary(price);
            IOracleCircuitBreaker.Evaluation memory e = _update();
            assertEq(uint256(uint8(e.action)), uint256(uint8(IOracleCircuitBreaker.Action.Accept)), "disabled");
        }
        assertEq(uint256(breaker.cumulativeBound(asset).window), 0, "disabled window");

        vm.prank(configAdmin);
        breaker.setCumulativeBound(asset, 6 hours, 3000);
        IOracleCircuitBreaker.CumulativeBound memory b = breaker.cumulativeBound(asset);
        assertEq(uint256(b.window), 6 hours, "window");
        assertEq(uint256(b.maxDeviationBps), 3000, "bound");

        vm.startPrank(configAdmin);
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleInvalidCumulativeBound.selector, 1, 0));
        breaker.setCumulativeBound(asset, 1, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IOracleCircuitBreaker.OracleInvalidCumulativeBound.selector, 1 days, 10_001)
        );
        breaker.setCumulativeBound(asset, 1 days, 10_001);
        address unknown = makeAddr("unknown");
        vm.expectRevert(abi.encodeWithSelector(IOracleCircuitBreaker.OracleUnknownAsset.selector, unknown));
        breaker.setCumulativeBound(unknown, 1 days, 5000);
        vm.stopPrank();
        bytes32 role = breaker.ORACLE_CONFIG_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, guardian, role)
        );
        vm.prank(guardian);
        breaker.setCumulativeBound(asset, 1 days, 5000);
    }

    function test_removeAsset_deletesTheBound() public {
        vm.prank(configAdmin);
        breaker.setCumulativeBound(asset, 6 hours, 3000);
        _update();
        vm.prank(configAdmin);
        breaker.removeAsset(asset);
        IOracleCircuitBreaker.CumulativeBound memory b = breaker.cumulativeBound(asset);
        assertEq(uint256(b.window), 1 days, "defaults again");
        assertEq(uint256(b.anchorPrice), 0, "no anchor");
    }
}
