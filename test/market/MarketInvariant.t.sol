// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarket} from "../../contracts/interfaces/IMarket.sol";
import {Market} from "../../contracts/market/Market.sol";
import {OfferingMockStablecoin} from "../../contracts/mocks/OfferingMockStablecoin.sol";
import {SecurityToken} from "../../contracts/token/SecurityToken.sol";
import {Test} from "../utils/Test.sol";
import {MarketTestBase} from "./MarketTestBase.sol";

/// @dev Drives fills, cancellations, fee changes and time over four signed orders (two sells by the seller, two buys
/// by the buyer) and keeps an independent account of what each fill must move.
contract MarketHandler is Test {
    uint256 internal constant SCALE = 1e18;

    Market internal immutable market;
    SecurityToken internal immutable token;
    OfferingMockStablecoin internal immutable usdc;
    address internal immutable seller;
    address internal immutable buyer;
    address internal immutable feeWallet;
    address internal immutable admin;

    IMarket.Order[] internal orders;
    bytes[] internal signatures;
    mapping(uint256 index => uint256) public ghostFilled;
    mapping(uint256 index => bool) public ghostCancelled;
    uint256 public ghostFees;
    bool public ghostDeadOrderFilled;
    bool public ghostSellerUnderpaid;
    uint16 internal feeBps;

    constructor(
        Market market_,
        SecurityToken token_,
        OfferingMockStablecoin usdc_,
        address seller_,
        address buyer_,
        address feeWallet_,
        address admin_,
        IMarket.Order[] memory orders_,
        bytes[] memory signatures_
    ) {
        (market, token, usdc, seller, buyer, feeWallet, admin) = (
            market_,
            token_,
            usdc_,
            seller_,
            buyer_,
            feeWallet_,
            admin_
        );
        for (uint256 i; i < orders_.length; ++i) {
            orders.push(orders_[i]);
            signatures.push(signatures_[i]);
        }
    }

    function orderCount() external view returns (uint256) {
        return orders.length;
    }

    function orderAt(uint256 i) external view returns (IMarket.Order memory) {
        return orders[i];
    }

    function fill(uint256 index, uint256 amount) external {
        index = bound(index, 0, orders.length - 1);
        IMarket.Order memory o = orders[index];
        amount = bound(amount, 0, o.amount + 1);
        bool makerSells = o.side == IMarket.Side.Sell;
        bool dead = ghostCancelled[index] || block.timestamp > o.expiry;
        uint256 sellerBefore = usdc.balanceOf(seller);
        uint256 feeBefore = usdc.balanceOf(feeWallet);
        vm.prank(makerSells ? buyer : seller);
        try market.fill(o, signatures[index], amount) {
            if (dead) ghostDeadOrderFilled = true;
            ghostFilled[index] += amount;
            uint256 base = makerSells ? _ceil(amount * o.price) : (amount * o.price) / SCALE;
            uint256 fee = (base * feeBps) / 10_000;
            ghostFees += fee;
            uint256 received = usdc.balanceOf(seller) - sellerBefore;
            // A selling maker gets at least the exact value; a selling taker the rounded-down value less the fee.
            uint256 owed = makerSells ? _ceil(amount * o.price) : base - fee;
            if (received < owed || usdc.balanceOf(feeWallet) - feeBefore != fee) ghostSellerUnderpaid = true;
        } catch {
            return;
        }
    }

    function cancel(uint256 index) external {
        index = bound(index, 0, orders.length - 1);
        vm.prank(orders[index].maker);
        market.cancel(orders[index]);
        ghostCancelled[index] = true;
    }

    function setFee(uint16 bps) external {
        bps = uint16(bound(bps, 0, 100));
        vm.prank(admin);
        market.setFee(bps, feeWallet);
        feeBps = bps;
    }

    function warp(uint256 dt) external {
        vm.warp(block.timestamp + bound(dt, 0, 12 hours));
    }

    function _ceil(uint256 x) private pure returns (uint256) {
        return x == 0 ? 0 : (x - 1) / SCALE + 1;
    }
}

/// @dev Issue 19 invariants: no order fills beyond its amount, cancelled or expired orders never fill, the seller
/// never delivers without being paid, fees are exact, and nothing is created or lost on either leg.
contract MarketInvariantTest is MarketTestBase {
    MarketHandler internal handler;
    uint256 internal usdcTotal;

    function setUp() public override {
        super.setUp();
        IMarket.Order[] memory list = new IMarket.Order[](4);
        bytes[] memory sigs = new bytes[](4);
        (list[0], sigs[0]) = _sellOrder(300e18, 1.5e6);
        (list[1], sigs[1]) = _sellOrder(200e18, 7); // tiny price: rounding matters
        (list[2], sigs[2]) = _buyOrder(250e18, 2.25e6);
        (list[3], sigs[3]) = _buyOrder(100e18, 3);
        list[1].expiry = uint64(block.timestamp + 2 days);
        sigs[1] = _sign(sellerKey, list[1]);
        handler = new MarketHandler(market, token, usdc, seller, buyer, feeWallet, address(this), list, sigs);
        usdcTotal = usdc.totalSupply();
        targetContract(address(handler));
    }

    function invariant_noOrderFillsBeyondItsAmount() public view {
        for (uint256 i; i < handler.orderCount(); ++i) {
            IMarket.Order memory o = handler.orderAt(i);
            (uint256 filled, ) = market.orderState(market.hashOrder(o));
            assertLe(filled, o.amount, "within amount");
            assertEq(filled, handler.ghostFilled(i), "recorded fills");
        }
    }

    function invariant_cancelledOrExpiredOrdersNeverFill() public view {
        assertFalse(handler.ghostDeadOrderFilled(), "dead order filled");
    }

    function invariant_sellerNeverDeliversWithoutPayment() public view {
        assertFalse(handler.ghostSellerUnderpaid(), "seller underpaid");
        assertEq(token.balanceOf(seller) + token.balanceOf(buyer), 1_000e18, "tokens conserved");
    }

    function invariant_feesExact() public view {
        assertEq(usdc.balanceOf(feeWallet), handler.ghostFees(), "fees");
        assertEq(
            usdc.balanceOf(seller) + usdc.balanceOf(buyer) + usdc.balanceOf(feeWallet),
            usdcTotal,
            "payment conserved"
        );
        assertEq(usdc.balanceOf(address(market)) + token.balanceOf(address(market)), 0, "market holds nothing");
    }
}
