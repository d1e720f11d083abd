// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Offering} from "../../contracts/offering/Offering.sol";
import {IOffering} from "../../contracts/interfaces/IOffering.sol";
import {IIssuanceToken} from "../../contracts/interfaces/IIssuanceToken.sol";
import {IPriceOracle} from "../../contracts/interfaces/IPriceOracle.sol";
import {OfferingMockToken} from "../../contracts/mocks/OfferingMockToken.sol";
import {OfferingMockStablecoin} from "../../contracts/mocks/OfferingMockStablecoin.sol";
import {OfferingMockPriceOracle} from "../../contracts/mocks/OfferingMockPriceOracle.sol";
import {OfferingMockInvestorContract} from "../../contracts/mocks/OfferingMockInvestorContract.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test, Vm} from "../utils/Test.sol";

/// @dev Drives one offering through random subscriptions (stablecoin and native), cancellations, oracle failures,
/// pauses, time, finalisation or cancellation, claims, batch settlements and proceeds withdrawals, and keeps ghost
/// totals of every unit that entered and left. The last actor is a contract that can reject native coin: batches then
/// defer it, and it settles later with `claimTo`.
contract OfferingHandler {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    address internal constant NATIVE_KEY = 0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE;

    Offering public immutable offering;
    OfferingMockStablecoin public immutable usdc;
    OfferingMockToken public immutable token;
    OfferingMockPriceOracle public immutable oracle;
    address public immutable issuer;
    address public immutable operator;
    address public immutable treasury;

    address[] private _actors;
    OfferingMockInvestorContract public contractInvestor;
    uint256 public claimToSettlements;
    uint256 public deferredSettlements;

    uint256 public stableDeposited;
    uint256 public nativeDeposited;
    uint256 public stableCancelled;
    uint256 public nativeCancelled;
    uint256 public settledStableDeposits;
    uint256 public settledNativeDeposits;
    uint256 public settledStableRefunds;
    uint256 public settledNativeRefunds;
    uint256 public settledStableCharges;
    uint256 public settledNativeCharges;
    uint256 public tokensAllocated;
    uint256 public stableToTreasury;
    uint256 public nativeToTreasury;

    constructor(
        Offering offering_,
        OfferingMockStablecoin usdc_,
        OfferingMockToken token_,
        OfferingMockPriceOracle oracle_,
        address issuer_,
        address operator_,
        address treasury_,
        address[] memory actors_
    ) {
        offering = offering_;
        usdc = usdc_;
        token = token_;
        oracle = oracle_;
        issuer = issuer_;
        operator = operator_;
        treasury = treasury_;
        _actors = actors_;
        contractInvestor = new OfferingMockInvestorContract();
        _actors.push(address(contractInvestor));
    }

    function contractSubscribeNative(uint256 amount) external {
        amount = 0.02 ether + (amount % 1 ether);
        vm.deal(address(this), address(this).balance + amount);
        try contractInvestor.subscribeNative{value: amount}(offering) {
            nativeDeposited += amount;
        } catch {
            // refused: nothing moved
        }
    }

    function toggleContractRejects() external {
        contractInvestor.setRejectNative(!contractInvestor.rejectNative());
    }

    function contractClaimTo(uint256 recipientSeed) external {
        address recipient = _actors[recipientSeed % (_actors.length - 1)]; // an EOA
        address investor = address(contractInvestor);
        IOffering.Subscription memory s = offering.subscriptionOf(investor);
        IOffering.Allocation memory a = offering.allocationOf(investor);
        uint256 stableBefore = usdc.balanceOf(recipient);
        uint256 nativeBefore = recipient.balance;
        try contractInvestor.claimTo(offering, payable(recipient)) {
            ++claimToSettlements;
            _recordSettlement(s, a, usdc.balanceOf(recipient) - stableBefore, recipient.balance - nativeBefore);
        } catch {
            // not settleable, paused, or nothing to claim
        }
    }

    function subscribe(uint256 actorSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        amount = 10e6 + (amount % 1_000e6);
        usdc.mint(actor, amount);
        vm.prank(actor);
        usdc.approve(address(offering), amount);
        vm.prank(actor);
        try offering.subscribe(amount) {
            stableDeposited += amount;
        } catch {
            // outside the window, paused or above the maximum: nothing moved
        }
    }

    function subscribeNative(uint256 actorSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        amount = 0.02 ether + (amount % 1 ether);
        vm.deal(actor, actor.balance + amount);
        vm.prank(actor);
        try offering.subscribeNative{value: amount}() {
            nativeDeposited += amount;
        } catch {
            // oracle down, outside the window, paused or above the maximum: nothing moved
        }
    }

    function cancelSubscription(uint256 actorSeed) external {
        address actor = _actor(actorSeed);
        IOffering.Subscription memory s = offering.subscriptionOf(actor);
        vm.prank(actor);
        try offering.cancelSubscription() {
            stableCancelled += s.stableAmount;
            nativeCancelled += s.nativeAmount;
        } catch {
            // window closed or no subscription
        }
    }

    function toggleOracle(bool down) external {
        oracle.setFailure(down ? 1 : 0);
    }

    function togglePause() external {
        vm.prank(issuer);
        if (offering.paused()) offering.unpause();
        else offering.pause();
    }

    function warp(uint256 secondsAhead) external {
        vm.warp(block.timestamp + (secondsAhead % 12 hours));
    }

    /// @dev Jumps to the end of the window first (earlier calls of the sequence did the subscribing), so that most
    /// sequences reach settlement.
    function finalise() external {
        uint256 end = offering.terms().endTime;
        if (block.timestamp < end) vm.warp(end);
        vm.prank(issuer);
        try offering.finalise() {} catch {}
    }

    function cancelOffering(uint256 seed) external {
        if (seed % 64 != 0) return; // rare, so most runs reach finalisation
        vm.prank(issuer);
        try offering.cancel() {} catch {}
    }

    function claim(uint256 actorSeed) external {
        address actor = _actor(actorSeed);
        IOffering.Subscription memory s = offering.subscriptionOf(actor);
        IOffering.Allocation memory a = offering.allocationOf(actor);
        uint256 stableBefore = usdc.balanceOf(actor);
        uint256 nativeBefore = actor.balance;
        vm.prank(actor);
        try offering.claim() {
            _recordSettlement(s, a, usdc.balanceOf(actor) - stableBefore, actor.balance - nativeBefore);
        } catch {
            // not settleable, paused, or nothing to claim
        }
    }

    function settleAll() external {
        uint256 n = _actors.length;
        IOffering.Subscription[] memory subs = new IOffering.Subscription[](n);
        IOffering.Allocation[] memory allocs = new IOffering.Allocation[](n);
        uint256[] memory stableBefore = new uint256[](n);
        uint256[] memory nativeBefore = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            subs[i] = offering.subscriptionOf(_actors[i]);
            allocs[i] = offering.allocationOf(_actors[i]);
            stableBefore[i] = usdc.balanceOf(_actors[i]);
            nativeBefore[i] = _actors[i].balance;
        }
        vm.prank(operator);
        try offering.settle(_actors) {
            for (uint256 i; i < n; ++i) {
                bool hadSubscription = subs[i].stableAmount != 0 || subs[i].nativeAmount != 0;
                if (hadSubscription && !offering.subscriptionOf(_actors[i]).settled) ++deferredSettlements;
                if (subs[i].settled || !offering.subscriptionOf(_actors[i]).settled) continue;
                _recordSettlement(
                    subs[i],
                    allocs[i],
                    usdc.balanceOf(_actors[i]) - stableBefore[i],
                    _actors[i].balance - nativeBefore[i]
                );
            }
        } catch {
            // not settleable or paused
        }
    }

    function withdrawProceeds() external {
        uint256 stableBefore = usdc.balanceOf(treasury);
        uint256 nativeBefore = treasury.balance;
        try offering.withdrawProceeds() {
            stableToTreasury += usdc.balanceOf(treasury) - stableBefore;
            nativeToTreasury += treasury.balance - nativeBefore;
        } catch {
            // nothing pending
        }
    }

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function _recordSettlement(
        IOffering.Subscription memory s,
        IOffering.Allocation memory a,
        uint256 stableReceived,
        uint256 nativeReceived
    ) private {
        settledStableDeposits += s.stableAmount;
        settledNativeDeposits += s.nativeAmount;
        settledStableRefunds += stableReceived;
        settledNativeRefunds += nativeReceived;
        settledStableCharges += a.stableCharged;
        settledNativeCharges += a.nativeCharged;
        tokensAllocated += a.tokens;
    }

    function _actor(uint256 seed) private view returns (address) {
        return _actors[seed % _actors.length];
    }
}

contract OfferingInvariantTest is Test {
    address internal constant NATIVE_KEY = 0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE;
    uint256 internal constant HARD_CAP = 1_000e18;

    Offering private offering;
    OfferingMockStablecoin private usdc;
    OfferingMockToken private token;
    OfferingHandler private handler;

    function setUp() public {
        vm.warp(1_800_000_000);
        address issuer = makeAddr("issuer");
        address operator = makeAddr("operator");
        address treasury = makeAddr("treasury");
        token = new OfferingMockToken();
        usdc = new OfferingMockStablecoin("USD Coin", "USDC", 6);
        OfferingMockPriceOracle oracle = new OfferingMockPriceOracle();
        oracle.setPrice(NATIVE_KEY, 600e18);
        offering = new Offering(
            IOffering.Terms({
                token: IIssuanceToken(address(token)),
                paymentToken: IERC20(address(usdc)),
                price: 1_990_001, // 1.990001 USDC per token: odd, so rounding matters
                minSubscription: 10e6,
                maxSubscription: 1_500e6,
                softCap: 600e18,
                hardCap: HARD_CAP,
                startTime: uint64(block.timestamp),
                endTime: uint64(block.timestamp + 1 days),
                lockupEnd: uint64(block.timestamp + 90 days),
                treasury: treasury,
                oracle: IPriceOracle(address(oracle)),
                oracleAsset: NATIVE_KEY
            }),
            makeAddr("admin"),
            1 days,
            issuer,
            operator
        );
        token.setAgent(address(offering));
        address[] memory actors = new address[](5);
        for (uint256 i; i < actors.length; ++i) actors[i] = makeAddr(string(abi.encodePacked("investor", i)));
        handler = new OfferingHandler(offering, usdc, token, oracle, issuer, operator, treasury, actors);
        oracle.setFailure(0);
        targetContract(address(handler));
    }

    /// @dev The stablecoin held == escrow of unsettled subscriptions + proceeds not yet withdrawn; the same for the
    /// native coin.
    function invariant_balancesEqualEscrowPlusProceeds() public view {
        (uint256 escrowStable, uint256 escrowNative) = offering.escrowed();
        (uint256 proceedsStable, uint256 proceedsNative) = offering.pendingProceeds();
        assertEq(usdc.balanceOf(address(offering)), escrowStable + proceedsStable, "stablecoin");
        assertEq(address(offering).balance, escrowNative + proceedsNative, "native");
    }

    function invariant_allocationNeverExceedsHardCap() public view {
        assertLe(offering.totalTokensMinted(), HARD_CAP, "minted <= hard cap");
    }

    function invariant_sumOfAllocationsEqualsTokensMinted() public view {
        assertEq(handler.tokensAllocated(), offering.totalTokensMinted(), "allocations == minted (offering)");
        assertEq(token.totalSupply(), offering.totalTokensMinted(), "allocations == minted (token)");
    }

    /// @dev For every settled investor: refund + charge == deposit, in each asset; and overall every unit deposited is
    /// either still escrowed, cancelled, refunded or part of the proceeds.
    function invariant_refundsPlusProceedsEqualDeposits() public view {
        assertEq(
            handler.settledStableRefunds() + handler.settledStableCharges(),
            handler.settledStableDeposits(),
            "settled stablecoin"
        );
        assertEq(
            handler.settledNativeRefunds() + handler.settledNativeCharges(),
            handler.settledNativeDeposits(),
            "settled native"
        );
        (uint256 escrowStable, uint256 escrowNative) = offering.escrowed();
        (uint256 proceedsStable, uint256 proceedsNative) = offering.pendingProceeds();
        (uint256 withdrawnStable, uint256 withdrawnNative) = offering.withdrawnProceeds();
        assertEq(proceedsStable + withdrawnStable, handler.settledStableCharges(), "stable proceeds == charges");
        assertEq(proceedsNative + withdrawnNative, handler.settledNativeCharges(), "native proceeds == charges");
        assertEq(withdrawnStable, handler.stableToTreasury(), "treasury stable");
        assertEq(withdrawnNative, handler.nativeToTreasury(), "treasury native");
        assertEq(
            handler.stableDeposited(),
            escrowStable + handler.stableCancelled() + handler.settledStableRefunds() + handler.settledStableCharges(),
            "stablecoin conservation"
        );
        assertEq(
            handler.nativeDeposited(),
            escrowNative + handler.nativeCancelled() + handler.settledNativeRefunds() + handler.settledNativeCharges(),
            "native conservation"
        );
    }

    function invariant_failedOrCancelledKeepsNothing() public view {
        IOffering.Status s = offering.status();
        if (s == IOffering.Status.Failed || s == IOffering.Status.Cancelled) {
            (uint256 proceedsStable, uint256 proceedsNative) = offering.pendingProceeds();
            assertEq(proceedsStable + proceedsNative + offering.totalTokensMinted(), 0, "no proceeds, no tokens");
        }
    }
}
