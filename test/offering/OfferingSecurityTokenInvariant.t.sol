// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Offering} from "../../contracts/offering/Offering.sol";
import {IOffering} from "../../contracts/interfaces/IOffering.sol";
import {IIssuanceToken} from "../../contracts/interfaces/IIssuanceToken.sol";
import {InvestorId} from "../../contracts/interfaces/IIdentityRegistry.sol";
import {IPriceOracle} from "../../contracts/interfaces/IPriceOracle.sol";
import {OfferingMockStablecoin} from "../../contracts/mocks/OfferingMockStablecoin.sol";
import {TokenComplianceHookMock} from "../../contracts/mocks/TokenComplianceHookMock.sol";
import {IdentityRegistry} from "../../contracts/token/IdentityRegistry.sol";
import {SecurityToken} from "../../contracts/token/SecurityToken.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {TokenFixture} from "../token/TokenFixture.sol";
import {Vm} from "../utils/Test.sol";

/// @dev Drives one offering of the real SecurityToken through random subscriptions and cancellations while the
/// compliance side changes under it: max investors, max balance, a country blocklist, a compliance hook, KYC
/// revocations and expiries, and wallet recoveries (to fresh wallets, so chains grow), then finalisation or
/// cancellation and settlements (claims and batches). Every settlement is checked as it happens: the end of the
/// subscriber's successor chain got the allocation (tokens, refund + charge == deposit) or the whole deposit back.
contract OfferingTokenHandler {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint8 private constant RULES_MASK = 1 | 2 | 8; // max investors, max balance, country blocklist

    Offering public immutable offering;
    OfferingMockStablecoin public immutable usdc;
    SecurityToken public immutable token;
    IdentityRegistry public immutable registry;
    TokenComplianceHookMock public immutable hook;
    address public immutable owner;
    address public immutable issuer;
    address public immutable operator;

    address[] private _wallets;
    InvestorId[] private _ids;
    mapping(address wallet => uint256) public deposited;
    mapping(uint256 index => uint256) private _hops;
    uint256 public recoveries;

    uint256 public settlements;
    uint256 public refusals;
    uint256 public violations;
    uint256 public unsettledAfterSettleAll;

    constructor(
        Offering offering_,
        OfferingMockStablecoin usdc_,
        SecurityToken token_,
        IdentityRegistry registry_,
        address owner_,
        address issuer_,
        address operator_,
        address[] memory wallets_,
        InvestorId[] memory ids_
    ) {
        offering = offering_;
        usdc = usdc_;
        token = token_;
        registry = registry_;
        owner = owner_;
        issuer = issuer_;
        operator = operator_;
        _wallets = wallets_;
        _ids = ids_;
        hook = new TokenComplianceHookMock();
    }

    // ===== SUBSCRIPTIONS =====

    function subscribe(uint256 seed, uint256 amount) external {
        address wallet = _wallets[seed % _wallets.length];
        amount = 10e6 + (amount % 3_000e6);
        usdc.mint(wallet, amount);
        vm.prank(wallet);
        usdc.approve(address(offering), amount);
        vm.prank(wallet);
        try offering.subscribe(amount) {
            deposited[wallet] += amount;
        } catch {
            // outside the window, above the maximum, or refused by the token (slots, KYC, country, hook)
        }
    }

    function cancelSubscription(uint256 seed) external {
        address wallet = _wallets[seed % _wallets.length];
        uint256 amount = offering.subscriptionOf(wallet).stableAmount;
        vm.prank(wallet);
        try offering.cancelSubscription() {
            deposited[wallet] -= amount;
        } catch {}
    }

    // ===== COMPLIANCE CHANGES =====

    function setRules(uint8 rules, uint24 maxInvestors, uint96 maxBalance) external {
        vm.prank(owner);
        token.setRules(rules & RULES_MASK, 0, 1 + (maxInvestors % 6), 100e18 + (maxBalance % 5_000e18));
    }

    function blockCountry(uint256 seed, bool listed) external {
        uint16[] memory countries = new uint16[](1);
        countries[0] = [uint16(410), 840, 392][seed % 3];
        vm.prank(owner);
        token.setCountries(countries, false, listed);
    }

    function setHook(uint256 seed, bool on, bool blocked) external {
        hook.setBlocked(_wallets[seed % _wallets.length], blocked);
        vm.prank(owner);
        token.setComplianceHook(on ? address(hook) : address(0));
    }

    function revokeInvestor(uint256 seed) external {
        if (seed % 8 != 0) return; // rare
        vm.prank(owner);
        try registry.revokeInvestor(_ids[seed % _ids.length]) {} catch {}
    }

    /// @dev Recovers a subscriber's newest wallet into a fresh one of the same investor (at most 3 hops per chain).
    function recoverWallet(uint256 seed) external {
        uint256 i = seed % _wallets.length;
        if (_hops[i] >= 3) return;
        address current = offering.settlementWalletOf(_wallets[i]);
        address fresh = address(uint160(uint256(keccak256(abi.encode("fresh", recoveries)))));
        vm.startPrank(owner);
        try registry.addWallet(_ids[i], fresh) {
            try token.recoverWallet(current, fresh) {
                ++recoveries;
                ++_hops[i];
            } catch {
                registry.removeWallet(fresh);
            }
        } catch {}
        vm.stopPrank();
    }

    function warp(uint256 secondsAhead) external {
        vm.warp(block.timestamp + (secondsAhead % 1 days));
    }

    // ===== CLOSING AND SETTLEMENT =====

    function finalise() external {
        uint256 end = offering.terms().endTime;
        if (block.timestamp < end) vm.warp(end);
        vm.prank(issuer);
        try offering.finalise() {} catch {}
    }

    function cancelOffering(uint256 seed) external {
        if (seed % 32 != 0) return;
        vm.prank(issuer);
        try offering.cancel() {} catch {}
    }

    function claim(uint256 seed) external {
        address wallet = _wallets[seed % _wallets.length];
        IOffering.Subscription memory s = offering.subscriptionOf(wallet);
        if (s.settled || s.stableAmount == 0 || offering.status() == IOffering.Status.Active) return;
        IOffering.Allocation memory a = offering.allocationOf(wallet);
        address end = offering.settlementWalletOf(wallet);
        uint256 usdcBefore = usdc.balanceOf(end);
        uint256 tokensBefore = token.balanceOf(end);
        vm.prank(wallet);
        try offering.claim() {
            _check(s, a, usdc.balanceOf(end) - usdcBefore, token.balanceOf(end) - tokensBefore);
        } catch {
            ++violations; // every subscriber has an exit: a claim never reverts here
        }
    }

    function settleAll() external {
        if (offering.status() == IOffering.Status.Active) return;
        uint256 n = _wallets.length;
        IOffering.Subscription[] memory subs = new IOffering.Subscription[](n);
        IOffering.Allocation[] memory allocs = new IOffering.Allocation[](n);
        address[] memory ends = new address[](n);
        uint256[] memory usdcBefore = new uint256[](n);
        uint256[] memory tokensBefore = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            subs[i] = offering.subscriptionOf(_wallets[i]);
            allocs[i] = offering.allocationOf(_wallets[i]);
            ends[i] = offering.settlementWalletOf(_wallets[i]);
            usdcBefore[i] = usdc.balanceOf(ends[i]);
            tokensBefore[i] = token.balanceOf(ends[i]);
        }
        vm.prank(operator);
        offering.settle(_wallets);
        unsettledAfterSettleAll = 0;
        for (uint256 i; i < n; ++i) {
            if (subs[i].stableAmount == 0 || subs[i].settled) continue;
            if (!offering.subscriptionOf(_wallets[i]).settled) {
                ++unsettledAfterSettleAll;
                continue;
            }
            _check(
                subs[i],
                allocs[i],
                usdc.balanceOf(ends[i]) - usdcBefore[i],
                token.balanceOf(ends[i]) - tokensBefore[i]
            );
        }
    }

    function wallets() external view returns (address[] memory) {
        return _wallets;
    }

    /// @dev Tokens (the allocation, with refund + charge == deposit), or the whole deposit back: never neither.
    function _check(
        IOffering.Subscription memory s,
        IOffering.Allocation memory a,
        uint256 refunded,
        uint256 minted
    ) private {
        ++settlements;
        if (minted != 0) {
            if (minted != a.tokens || refunded + a.stableCharged != s.stableAmount) ++violations;
        } else {
            if (refunded != s.stableAmount) ++violations;
            if (a.tokens != 0) ++refusals;
        }
    }
}

contract OfferingSecurityTokenInvariantTest is TokenFixture {
    Offering private offering;
    OfferingMockStablecoin private usdc;
    OfferingTokenHandler private handler;

    function setUp() public override {
        super.setUp();
        address issuer = makeAddr("issuer");
        address operator = makeAddr("operator");
        usdc = new OfferingMockStablecoin("USD Coin", "USDC", 6);
        offering = new Offering(
            IOffering.Terms({
                token: IIssuanceToken(address(token)),
                paymentToken: IERC20(address(usdc)),
                price: 1_990_001, // odd, so rounding matters
                minSubscription: 10e6,
                maxSubscription: 6_000e6,
                softCap: 600e18,
                hardCap: 4_000e18,
                startTime: uint64(block.timestamp),
                endTime: uint64(block.timestamp + 8 days),
                lockupEnd: uint64(block.timestamp + 30 days),
                treasury: makeAddr("treasury"),
                oracle: IPriceOracle(address(0)),
                oracleAsset: address(0)
            }),
            address(this),
            1 days,
            issuer,
            operator
        );
        token.grantRole(token.AGENT_ROLE(), address(offering));
        token.grantRole(token.LOCKUP_ROLE(), address(offering));
        // Two investors whose KYC expires during the window or just after it.
        address erin = makeAddr("erin");
        address frank = makeAddr("frank");
        registry.registerInvestor(InvestorId.wrap(keccak256("erin")), USA, START + 3 days, 0, erin);
        registry.registerInvestor(InvestorId.wrap(keccak256("frank")), JAPAN, START + 9 days, 0, frank);

        address[] memory wallets = new address[](7);
        InvestorId[] memory ids = new InvestorId[](7);
        (wallets[0], ids[0]) = (alice, ALICE);
        (wallets[1], ids[1]) = (alice2, ALICE);
        (wallets[2], ids[2]) = (bob, BOB);
        (wallets[3], ids[3]) = (carol, CAROL);
        (wallets[4], ids[4]) = (dave, DAVE);
        (wallets[5], ids[5]) = (erin, InvestorId.wrap(keccak256("erin")));
        (wallets[6], ids[6]) = (frank, InvestorId.wrap(keccak256("frank")));
        handler = new OfferingTokenHandler(
            offering,
            usdc,
            token,
            registry,
            address(this),
            issuer,
            operator,
            wallets,
            ids
        );
        targetContract(address(handler));
    }

    /// @dev The stablecoin held == escrow + proceeds, and the escrow == the deposits of unsettled subscriptions.
    function invariant_escrowEqualsWhatIsStillOwed() public view {
        (uint256 escrow, ) = offering.escrowed();
        (uint256 proceeds, ) = offering.pendingProceeds();
        assertEq(usdc.balanceOf(address(offering)), escrow + proceeds, "held == escrow + proceeds");
        address[] memory wallets = handler.wallets();
        uint256 owed;
        for (uint256 i; i < wallets.length; ++i) {
            IOffering.Subscription memory s = offering.subscriptionOf(wallets[i]);
            assertEq(s.stableAmount, s.settled ? s.stableAmount : handler.deposited(wallets[i]), "ghost deposit");
            if (!s.settled) owed += s.stableAmount;
        }
        assertEq(escrow, owed, "escrow == unsettled deposits");
    }

    /// @dev Every settlement paid tokens or the whole deposit to the end of the subscriber's successor chain, and a
    /// batch leaves nobody unsettled (no deferral: refused mints are refunded, recovered wallets followed).
    function invariant_everySubscriberEndsWithTokensOrMoney() public view {
        assertEq(handler.violations(), 0, "tokens or the whole deposit");
        assertEq(handler.unsettledAfterSettleAll(), 0, "nobody left behind by a batch");
    }

    function invariant_mintedWithinHardCapAndToSettledInvestorsOnly() public view {
        assertLe(offering.totalTokensMinted(), 4_000e18, "hard cap");
        assertEq(token.totalSupply(), offering.totalTokensMinted(), "supply == minted by the offering");
    }
}
