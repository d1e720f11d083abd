// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Vm} from "../utils/Test.sol";
import {IMarket} from "../../contracts/interfaces/IMarket.sol";
import {ISecurityToken} from "../../contracts/interfaces/ISecurityToken.sol";
import {Market} from "../../contracts/market/Market.sol";
import {MarketMockWallet} from "../../contracts/mocks/MarketMockWallet.sol";
import {OfferingMockStablecoin} from "../../contracts/mocks/OfferingMockStablecoin.sol";
import {OfferingMockUsdt} from "../../contracts/mocks/OfferingMockUsdt.sol";
import {TokenPlainERC20} from "../../contracts/mocks/TokenPlainERC20.sol";
import {InvestorId} from "../../contracts/interfaces/IIdentityRegistry.sol";
import {MarketTestBase} from "./MarketTestBase.sol";

/// @dev Issue 19: the market's settlement, rounding, cancellation, signatures and compliance on both legs, through the
/// real SecurityToken and IdentityRegistry.
contract MarketTest is MarketTestBase {
    uint8 internal constant CODE_RECEIVER_NOT_VERIFIED = 4;
    uint8 internal constant CODE_SENDER_FROZEN = 5;
    uint8 internal constant CODE_SENDER_LOCKED_UP = 8;
    uint8 internal constant CODE_COUNTRY_NOT_ALLOWED = 9;
    uint8 internal constant CODE_SPENDER_NOT_ALLOWED = 14;
    uint8 internal constant RULE_COUNTRY_BLOCKLIST = 8;
    uint8 internal constant RULE_LOCKUP = 16;

    // ===== CONSTANTS AND DOMAIN =====

    function test_orderTypehash_isTheHashOfItsPreimage() public view {
        assertEq(
            market.ORDER_TYPEHASH(),
            keccak256(
                "Order(address maker,uint8 side,address token,address paymentToken,uint256 price,uint256 amount,uint64 expiry,uint256 nonce,uint256 salt)"
            ),
            "typehash"
        );
        assertEq(market.OPERATOR_ROLE(), keccak256("OPERATOR_ROLE"), "operator role");
    }

    function test_hashOrder_isTheEip712DigestOfTheMarketDomain() public {
        IMarket.Order memory o = _order(seller, IMarket.Side.Sell, 5e18, 2e6);
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("stokit Market"),
                keccak256("1"),
                block.chainid,
                address(market)
            )
        );
        bytes32 structHash = keccak256(abi.encode(market.ORDER_TYPEHASH(), o));
        assertEq(market.hashOrder(o), keccak256(abi.encodePacked(hex"1901", domain, structHash)), "digest");
        (, string memory name, string memory version, uint256 chainId, address verifying, , ) = market.eip712Domain();
        assertEq(keccak256(bytes(name)), keccak256("stokit Market"), "name");
        assertEq(keccak256(bytes(version)), keccak256("1"), "version");
        assertEq(chainId, block.chainid, "chain");
        assertEq(verifying, address(market), "market");
    }

    // ===== FILL =====

    function test_fill_sellOrderDeliversTokensAndPaysSellerWithFeeOnTop() public {
        market.setFee(50, feeWallet); // 0.5%
        (IMarket.Order memory o, bytes memory sig) = _sellOrder(100e18, 2.5e6);
        bytes32 h = market.hashOrder(o);
        vm.expectEmit(address(market));
        emit IMarket.Trade(
            h,
            bytes32(0),
            address(token),
            seller,
            buyer,
            address(usdc),
            2.5e6,
            40e18,
            100.5e6,
            0.5e6,
            60e18,
            0
        );
        vm.prank(buyer);
        market.fill(o, sig, 40e18);
        assertEq(token.balanceOf(buyer), 40e18, "buyer tokens");
        assertEq(token.balanceOf(seller), 960e18, "seller tokens");
        assertEq(usdc.balanceOf(seller), 100e6, "seller paid in full");
        assertEq(usdc.balanceOf(feeWallet), 0.5e6, "fee");
        assertEq(usdc.balanceOf(buyer), 100_000e6 - 100.5e6, "buyer paid price plus fee");
        (uint256 filled, bool cancelled) = market.orderState(h);
        assertEq(filled, 40e18, "filled");
        assertFalse(cancelled, "not cancelled");
    }

    function test_fill_buyOrderTakesFeeFromTheSellingTaker() public {
        market.setFee(100, feeWallet); // 1%
        (IMarket.Order memory o, bytes memory sig) = _buyOrder(10e18, 3e6);
        bytes32 h = market.hashOrder(o);
        vm.expectEmit(address(market));
        emit IMarket.Trade(bytes32(0), h, address(token), seller, buyer, address(usdc), 3e6, 10e18, 30e6, 0.3e6, 0, 0);
        vm.prank(seller);
        market.fill(o, sig, 10e18);
        assertEq(usdc.balanceOf(buyer), 100_000e6 - 30e6, "maker pays the price only");
        assertEq(usdc.balanceOf(seller), 29.7e6, "taker receives price minus fee");
        assertEq(usdc.balanceOf(feeWallet), 0.3e6, "fee");
        assertEq(token.balanceOf(buyer), 10e18, "delivered");
    }

    /// 1 token unit at 1 payment unit per token: the exact value is 1e-18, so a selling maker receives 1 (rounded up)
    /// and a buying maker pays 0 (rounded down).
    function test_fill_roundingFavoursTheMaker() public {
        (IMarket.Order memory s, bytes memory ss) = _sellOrder(10, 3);
        vm.prank(buyer);
        market.fill(s, ss, 1);
        assertEq(usdc.balanceOf(seller), 1, "selling maker rounded up");

        (IMarket.Order memory b, bytes memory bs) = _buyOrder(10, 3);
        uint256 before = usdc.balanceOf(buyer);
        vm.prank(seller);
        market.fill(b, bs, 1);
        assertEq(usdc.balanceOf(buyer), before, "buying maker rounded down");
    }

    function test_fill_partialFillsUpToTheAmountThenOverfillReverts() public {
        (IMarket.Order memory o, bytes memory sig) = _sellOrder(10e18, 1e6);
        bytes32 h = market.hashOrder(o);
        vm.startPrank(buyer);
        market.fill(o, sig, 3e18);
        market.fill(o, sig, 7e18);
        vm.expectRevert(abi.encodeWithSelector(IMarket.MarketOverfill.selector, h, 1, 0));
        market.fill(o, sig, 1);
        vm.stopPrank();
        (uint256 filled, ) = market.orderState(h);
        assertEq(filled, 10e18, "filled exactly");
    }

    function test_fill_revertsOnZeroAmountAndZeroPrice() public {
        (IMarket.Order memory o, bytes memory sig) = _sellOrder(10e18, 1e6);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IMarket.MarketZeroAmount.selector, market.hashOrder(o)));
        market.fill(o, sig, 0);
        (IMarket.Order memory z, bytes memory zs) = _sellOrder(10e18, 0);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IMarket.MarketZeroAmount.selector, market.hashOrder(z)));
        market.fill(z, zs, 1e18);
    }

    function test_fill_revertsForTheMakerItself() public {
        (IMarket.Order memory o, bytes memory sig) = _sellOrder(10e18, 1e6);
        vm.prank(seller);
        vm.expectRevert(abi.encodeWithSelector(IMarket.MarketSelfTrade.selector, seller));
        market.fill(o, sig, 1e18);
    }

    function test_fill_fillsAtExpiryAndRevertsAfter() public {
        (IMarket.Order memory o, bytes memory sig) = _sellOrder(10e18, 1e6);
        vm.warp(o.expiry);
        vm.prank(buyer);
        market.fill(o, sig, 1e18);
        vm.warp(uint256(o.expiry) + 1);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IMarket.MarketOrderExpired.selector, market.hashOrder(o), o.expiry));
        market.fill(o, sig, 1e18);
    }

    // ===== SIGNATURES =====

    function test_fill_revertsOnAnotherSignersSignature() public {
        IMarket.Order memory o = _order(seller, IMarket.Side.Sell, 10e18, 1e6);
        bytes memory sig = _sign(buyerKey, o);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IMarket.MarketInvalidSignature.selector, market.hashOrder(o), seller));
        market.fill(o, sig, 1e18);
    }

    function test_fill_revertsOnATamperedOrder() public {
        (IMarket.Order memory o, bytes memory sig) = _sellOrder(10e18, 1e6);
        o.price = 0.5e6;
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IMarket.MarketInvalidSignature.selector, market.hashOrder(o), seller));
        market.fill(o, sig, 1e18);
    }

    function test_fill_signatureDoesNotReplayOnAnotherChain() public {
        (IMarket.Order memory o, bytes memory sig) = _sellOrder(10e18, 1e6);
        bytes32 original = market.hashOrder(o);
        vm.chainId(97);
        bytes32 h = market.hashOrder(o);
        assertTrue(h != original, "domain follows the chain id");
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IMarket.MarketInvalidSignature.selector, h, seller));
        market.fill(o, sig, 1e18);
    }

    function test_fill_signatureDoesNotReplayOnAnotherMarket() public {
        Market other = new Market(0, address(this));
        token.setTrustedOperator(address(other), true);
        vm.prank(seller);
        token.approve(address(other), type(uint256).max);
        vm.prank(buyer);
        usdc.approve(address(other), type(uint256).max);
        (IMarket.Order memory o, bytes memory sig) = _sellOrder(10e18, 1e6);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IMarket.MarketInvalidSignature.selector, other.hashOrder(o), seller));
        other.fill(o, sig, 1e18);
    }

    function test_fill_erc1271WalletMakerSettlesUntilItRevokes() public {
        (address owner, uint256 ownerKey) = makeAddrAndKey("walletOwner");
        MarketMockWallet wallet = new MarketMockWallet(owner);
        registry.registerInvestor(InvestorId.wrap(keccak256("smart")), KOREA, EXPIRY, 0, address(wallet));
        usdc.mint(address(wallet), 1_000e6);
        vm.prank(owner);
        wallet.execute(address(usdc), abi.encodeCall(IERC20.approve, (address(market), type(uint256).max)));

        IMarket.Order memory o = _order(address(wallet), IMarket.Side.Buy, 10e18, 2e6);
        bytes memory sig = _sign(ownerKey, o);
        vm.prank(seller);
        market.fill(o, sig, 4e18);
        assertEq(token.balanceOf(address(wallet)), 4e18, "wallet bought");
        assertEq(usdc.balanceOf(seller), 8e6, "seller paid by the wallet");

        vm.prank(owner);
        wallet.setRevoked(true);
        vm.prank(seller);
        vm.expectRevert(
            abi.encodeWithSelector(IMarket.MarketInvalidSignature.selector, market.hashOrder(o), address(wallet))
        );
        market.fill(o, sig, 1e18);
    }

    // ===== ORDER OPENED =====

    /// @dev The `OrderOpened` logs of the calls recorded since `vm.recordLogs()`, as their order hashes.
    function _openedHashes() internal returns (bytes32[] memory hashes) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 n;
        for (uint256 i; i < logs.length; ++i) if (logs[i].topics[0] == IMarket.OrderOpened.selector) ++n;
        hashes = new bytes32[](n);
        n = 0;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] == IMarket.OrderOpened.selector) hashes[n++] = logs[i].topics[1];
        }
    }

    function _expectOpened(IMarket.Order memory o) internal {
        vm.expectEmit(address(market));
        emit IMarket.OrderOpened(
            market.hashOrder(o),
            o.maker,
            o.token,
            o.side,
            o.paymentToken,
            o.price,
            o.amount,
            o.expiry,
            o.nonce
        );
    }

    function test_fill_emitsTheOrderTermsOnTheFirstFillOnly() public {
        (IMarket.Order memory o, bytes memory sig) = _buyOrder(10e18, 3e6);
        o.nonce = 7;
        o.expiry = uint64(block.timestamp + 2 hours);
        sig = _sign(buyerKey, o);
        bytes32 h = market.hashOrder(o);
        _expectOpened(o);
        vm.expectEmit(address(market));
        emit IMarket.Trade(bytes32(0), h, address(token), seller, buyer, address(usdc), 3e6, 4e18, 12e6, 0, 0, 6e18);
        vm.prank(seller);
        market.fill(o, sig, 4e18);
        vm.recordLogs();
        vm.prank(seller);
        market.fill(o, sig, 6e18);
        assertEq(_openedHashes().length, 0, "second fill: terms already known");
    }

    function test_matchOrders_emitsTheTermsOfEachOrderOnItsFirstLeg() public {
        (IMarket.Order memory b, bytes memory bs) = _buyOrder(10e18, 2.2e6);
        (IMarket.Order memory s1, bytes memory ss1) = _sellOrder(4e18, 2e6);
        (IMarket.Order memory s2, bytes memory ss2) = _sellOrder(6e18, 2.1e6);
        _expectOpened(b);
        _expectOpened(s1);
        vm.prank(operator);
        market.matchOrders(b, bs, s1, ss1, 4e18);
        vm.recordLogs();
        vm.prank(operator);
        market.matchOrders(b, bs, s2, ss2, 6e18);
        bytes32[] memory opened = _openedHashes();
        assertEq(opened.length, 1, "only the new sell order");
        assertEq(opened[0], market.hashOrder(s2), "the new sell order");
    }

    function test_cancel_emitsTheTermsOfAnOrderThatNeverTradedOnce() public {
        (IMarket.Order memory o, ) = _sellOrder(10e18, 1e6);
        bytes32 h = market.hashOrder(o);
        _expectOpened(o);
        vm.expectEmit(address(market));
        emit IMarket.OrderCancelled(h, seller, 0);
        vm.prank(seller);
        market.cancel(o);
        vm.recordLogs();
        vm.prank(seller);
        market.cancel(o);
        assertEq(_openedHashes().length, 0, "second cancel: terms already known");
    }

    function test_cancel_ofATradedOrderDoesNotRepeatItsTerms() public {
        (IMarket.Order memory o, bytes memory sig) = _sellOrder(10e18, 1e6);
        vm.prank(buyer);
        market.fill(o, sig, 1e18);
        vm.recordLogs();
        vm.prank(seller);
        market.cancel(o);
        assertEq(_openedHashes().length, 0, "terms emitted at the fill");
    }

    // ===== CANCELLATION =====

    function test_cancel_stopsFurtherFills() public {
        (IMarket.Order memory o, bytes memory sig) = _sellOrder(10e18, 1e6);
        bytes32 h = market.hashOrder(o);
        vm.prank(buyer);
        market.fill(o, sig, 4e18);
        vm.expectEmit(address(market));
        emit IMarket.OrderCancelled(h, seller, 4e18);
        vm.prank(seller);
        market.cancel(o);
        (, bool cancelled) = market.orderState(h);
        assertTrue(cancelled, "cancelled");
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IMarket.MarketOrderCancelled.selector, h));
        market.fill(o, sig, 1e18);
    }

    function test_cancel_revertsForAnyoneButTheMaker() public {
        (IMarket.Order memory o, ) = _sellOrder(10e18, 1e6);
        bytes32 h = market.hashOrder(o);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IMarket.MarketNotMaker.selector, h, buyer));
        market.cancel(o);
    }

    function test_cancelUpTo_cancelsEveryLowerNonce() public {
        IMarket.Order memory low = _order(seller, IMarket.Side.Sell, 10e18, 1e6);
        low.nonce = 4;
        IMarket.Order memory high = _order(seller, IMarket.Side.Sell, 10e18, 1e6);
        high.nonce = 5;
        vm.expectEmit(address(market));
        emit IMarket.NoncesCancelled(seller, 5);
        vm.prank(seller);
        market.cancelUpTo(5);
        assertEq(market.minNonce(seller), 5, "floor");
        bytes memory lowSig = _sign(sellerKey, low);
        bytes memory highSig = _sign(sellerKey, high);
        vm.startPrank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IMarket.MarketOrderCancelled.selector, market.hashOrder(low)));
        market.fill(low, lowSig, 1e18);
        market.fill(high, highSig, 1e18);
        vm.stopPrank();
        assertEq(token.balanceOf(buyer), 1e18, "the nonce at the floor fills");
    }

    function test_cancelUpTo_revertsWhenTheFloorDoesNotRise() public {
        vm.startPrank(seller);
        market.cancelUpTo(3);
        vm.expectRevert(abi.encodeWithSelector(IMarket.MarketNonceNotIncreasing.selector, 3, 3));
        market.cancelUpTo(3);
        vm.stopPrank();
    }

    // ===== COMPLIANCE ON THE TOKEN LEG =====

    function test_fill_revertsWithTheTokenCodeForAnUnverifiedBuyer() public {
        (IMarket.Order memory o, bytes memory sig) = _sellOrder(10e18, 1e6);
        usdc.mint(stranger, 100e6);
        vm.startPrank(stranger);
        usdc.approve(address(market), type(uint256).max);
        vm.expectRevert(_restricted(CODE_RECEIVER_NOT_VERIFIED, seller, stranger, 1e18));
        market.fill(o, sig, 1e18);
        vm.stopPrank();
        assertEq(usdc.balanceOf(stranger), 100e6, "no payment without delivery");
        (uint256 filled, ) = market.orderState(market.hashOrder(o));
        assertEq(filled, 0, "nothing recorded");
    }

    function test_fill_revertsWithTheTokenCodeForAFrozenSeller() public {
        (IMarket.Order memory o, bytes memory sig) = _sellOrder(10e18, 1e6);
        token.setAddressFrozen(seller, true);
        vm.prank(buyer);
        vm.expectRevert(_restricted(CODE_SENDER_FROZEN, seller, buyer, 1e18));
        market.fill(o, sig, 1e18);
    }

    function test_fill_revertsWithTheTokenCodeForABlockedBuyerCountry() public {
        token.setCountries(_countries(JAPAN), false, true);
        token.setRules(RULE_COUNTRY_BLOCKLIST, 0, 0, 0);
        (IMarket.Order memory o, bytes memory sig) = _buyOrder(10e18, 1e6);
        vm.prank(seller);
        vm.expectRevert(_restricted(CODE_COUNTRY_NOT_ALLOWED, seller, buyer, 1e18));
        market.fill(o, sig, 1e18);
    }

    function test_fill_revertsWithCode14WhenTheMarketIsNotTrusted() public {
        token.setTrustedOperator(address(market), false);
        (IMarket.Order memory o, bytes memory sig) = _sellOrder(10e18, 1e6);
        vm.prank(buyer);
        vm.expectRevert(_restricted(CODE_SPENDER_NOT_ALLOWED, seller, buyer, 1e18));
        market.fill(o, sig, 1e18);
    }

    function test_fill_paymentLegRefusalRevertsTheTokenLeg() public {
        (IMarket.Order memory o, bytes memory sig) = _sellOrder(10e18, 1e6);
        usdc.setBlacklisted(buyer, true);
        vm.prank(buyer);
        vm.expectRevert(
            abi.encodeWithSelector(OfferingMockStablecoin.OfferingMockStablecoinBlacklisted.selector, buyer)
        );
        market.fill(o, sig, 1e18);
        assertEq(token.balanceOf(seller), 1_000e18, "seller keeps the tokens");
        assertEq(token.balanceOf(buyer), 0, "buyer got nothing");
    }

    // ===== PAYMENT TOKENS =====

    function test_fill_settlesInAUsdtStyleTokenThatReturnsNoBool() public {
        OfferingMockUsdt usdt = new OfferingMockUsdt(6);
        usdt.mint(buyer, 1_000e6);
        vm.prank(buyer);
        usdt.approve(address(market), type(uint256).max);
        market.setFee(10, feeWallet);
        IMarket.Order memory o = _order(seller, IMarket.Side.Sell, 10e18, 1.5e6);
        o.paymentToken = address(usdt);
        bytes memory sig = _sign(sellerKey, o);
        vm.prank(buyer);
        market.fill(o, sig, 10e18);
        assertEq(usdt.balanceOf(seller), 15e6, "seller");
        assertEq(usdt.balanceOf(feeWallet), 0.015e6, "fee");
        assertEq(usdt.balanceOf(buyer), 1_000e6 - 15.015e6, "buyer");
    }

    function test_fill_usdtStyleFailureReverts() public {
        OfferingMockUsdt usdt = new OfferingMockUsdt(6);
        IMarket.Order memory o = _order(seller, IMarket.Side.Sell, 10e18, 1.5e6);
        o.paymentToken = address(usdt);
        bytes memory sig = _sign(sellerKey, o);
        vm.prank(buyer);
        vm.expectRevert();
        market.fill(o, sig, 10e18); // no balance, no allowance: USDT reverts without data
        assertEq(token.balanceOf(seller), 1_000e18, "seller keeps the tokens");
    }

    function test_fill_settlesInAn18DecimalToken() public {
        OfferingMockStablecoin bscUsdt = new OfferingMockStablecoin("Tether USD", "USDT", 18);
        bscUsdt.mint(buyer, 1_000e18);
        vm.prank(buyer);
        bscUsdt.approve(address(market), type(uint256).max);
        IMarket.Order memory o = _order(seller, IMarket.Side.Sell, 3e18, 1.25e18);
        o.paymentToken = address(bscUsdt);
        bytes memory sig = _sign(sellerKey, o);
        vm.prank(buyer);
        market.fill(o, sig, 3e18);
        assertEq(bscUsdt.balanceOf(seller), 3.75e18, "seller");
    }

    function test_fill_settlesAPlainErc20Pair() public {
        TokenPlainERC20 plain = new TokenPlainERC20();
        plain.mint(seller, 10e18);
        vm.prank(seller);
        plain.approve(address(market), type(uint256).max);
        IMarket.Order memory o = _order(seller, IMarket.Side.Sell, 10e18, 1e6);
        o.token = address(plain);
        bytes memory sig = _sign(sellerKey, o);
        IMarket.FillCheck memory c = market.checkFill(o, sig, 10e18, buyer);
        assertEq(uint256(c.status), uint256(IMarket.FillStatus.Fillable), "plain token has no restriction view");
        vm.prank(buyer);
        market.fill(o, sig, 10e18);
        assertEq(plain.balanceOf(buyer), 10e18, "delivered");
    }

    // ===== MATCH =====

    function test_matchOrders_executesAtTheSellPriceWithTheImprovementToTheBuyer() public {
        market.setFee(20, feeWallet);
        (IMarket.Order memory b, bytes memory bs) = _buyOrder(10e18, 2.2e6);
        (IMarket.Order memory s, bytes memory ss) = _sellOrder(8e18, 2e6);
        vm.expectEmit(address(market));
        emit IMarket.Trade(
            market.hashOrder(s),
            market.hashOrder(b),
            address(token),
            seller,
            buyer,
            address(usdc),
            2e6,
            5e18,
            10.02e6,
            0.02e6,
            3e18,
            5e18
        );
        vm.prank(operator);
        market.matchOrders(b, bs, s, ss, 5e18);
        assertEq(usdc.balanceOf(seller), 10e6, "seller at its price");
        assertEq(usdc.balanceOf(buyer), 100_000e6 - 10.02e6, "buyer below its limit");
        assertEq(usdc.balanceOf(feeWallet), 0.02e6, "fee");
        assertEq(token.balanceOf(buyer), 5e18, "delivered");
    }

    function test_matchOrders_revertsWhenTheFeeTakesThePaymentAboveTheBuyLimit() public {
        market.setFee(100, feeWallet);
        (IMarket.Order memory b, bytes memory bs) = _buyOrder(10e18, 2e6);
        (IMarket.Order memory s, bytes memory ss) = _sellOrder(10e18, 2e6);
        bytes memory expected = abi.encodeWithSelector(
            IMarket.MarketNotCrossed.selector,
            market.hashOrder(b),
            market.hashOrder(s),
            10.1e6,
            10e6
        );
        vm.prank(operator);
        vm.expectRevert(expected);
        market.matchOrders(b, bs, s, ss, 5e18);
    }

    function test_matchOrders_revertsOnMismatchedOrders() public {
        (IMarket.Order memory b, bytes memory bs) = _buyOrder(10e18, 2e6);
        (IMarket.Order memory s, bytes memory ss) = _sellOrder(10e18, 2e6);
        vm.startPrank(operator);
        vm.expectRevert(
            abi.encodeWithSelector(IMarket.MarketOrdersMismatch.selector, market.hashOrder(s), market.hashOrder(b))
        );
        market.matchOrders(s, ss, b, bs, 1e18);
        IMarket.Order memory other = _order(seller, IMarket.Side.Sell, 10e18, 2e6);
        other.paymentToken = address(0xdead);
        bytes memory os = _sign(sellerKey, other);
        vm.expectRevert(
            abi.encodeWithSelector(IMarket.MarketOrdersMismatch.selector, market.hashOrder(b), market.hashOrder(other))
        );
        market.matchOrders(b, bs, other, os, 1e18);
        vm.stopPrank();
    }

    function test_matchOrders_revertsForOneMakerOnBothSides() public {
        (IMarket.Order memory s, bytes memory ss) = _sellOrder(10e18, 2e6);
        IMarket.Order memory b = _order(seller, IMarket.Side.Buy, 10e18, 2e6);
        bytes memory bs = _sign(sellerKey, b);
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IMarket.MarketSelfTrade.selector, seller));
        market.matchOrders(b, bs, s, ss, 1e18);
    }

    function test_matchOrders_revertsForANonOperator() public {
        (IMarket.Order memory b, bytes memory bs) = _buyOrder(10e18, 2e6);
        (IMarket.Order memory s, bytes memory ss) = _sellOrder(10e18, 2e6);
        bytes32 role = market.OPERATOR_ROLE();
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, buyer, role));
        market.matchOrders(b, bs, s, ss, 1e18);
    }

    // ===== FEE =====

    function test_setFee_setsWithinBoundsAndRevertsAbove() public {
        vm.expectEmit(address(market));
        emit IMarket.FeeSet(100, feeWallet);
        market.setFee(100, feeWallet);
        (uint16 bps, address wallet) = market.fee();
        assertEq(bps, 100, "bps");
        assertEq(wallet, feeWallet, "wallet");
        vm.expectRevert(abi.encodeWithSelector(IMarket.MarketInvalidFee.selector, 101, 100, feeWallet));
        market.setFee(101, feeWallet);
        vm.expectRevert(abi.encodeWithSelector(IMarket.MarketInvalidFee.selector, 1, 100, address(0)));
        market.setFee(1, address(0));
        market.setFee(0, address(0));
    }

    function test_setFee_revertsForANonAdmin() public {
        vm.prank(operator);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, operator, bytes32(0))
        );
        market.setFee(1, feeWallet);
    }

    // ===== PRE-TRADE CHECK =====

    function _status(
        IMarket.Order memory o,
        bytes memory sig,
        uint256 amount,
        address taker
    ) internal view returns (IMarket.FillStatus) {
        return market.checkFill(o, sig, amount, taker).status;
    }

    function test_checkFill_reportsEachReasonInOrder() public {
        market.setFee(100, feeWallet);
        (IMarket.Order memory o, bytes memory sig) = _sellOrder(10e18, 2e6);
        IMarket.FillCheck memory c = market.checkFill(o, sig, 4e18, buyer);
        assertEq(uint256(c.status), uint256(IMarket.FillStatus.Fillable), "fillable");
        assertEq(c.payment, 8.08e6, "payment with fee");
        assertEq(c.fee, 0.08e6, "fee");
        assertEq(c.remaining, 10e18, "remaining");

        assertEq(
            uint256(_status(o, _sign(buyerKey, o), 1e18, buyer)),
            uint256(IMarket.FillStatus.InvalidSignature),
            "sig"
        );
        assertEq(uint256(_status(o, sig, 0, buyer)), uint256(IMarket.FillStatus.ZeroAmount), "zero");
        assertEq(uint256(_status(o, sig, 11e18, buyer)), uint256(IMarket.FillStatus.Overfilled), "overfill");
        assertEq(uint256(_status(o, sig, 1e18, seller)), uint256(IMarket.FillStatus.SelfTrade), "self");

        c = market.checkFill(o, sig, 1e18, stranger);
        assertEq(uint256(c.status), uint256(IMarket.FillStatus.TokenRestricted), "restricted");
        assertEq(c.restrictionCode, CODE_RECEIVER_NOT_VERIFIED, "code");

        assertEq(uint256(_status(o, sig, 1e18, carol)), uint256(IMarket.FillStatus.BuyerBalance), "buyer balance");
        usdc.mint(carol, 100e6);
        assertEq(uint256(_status(o, sig, 1e18, carol)), uint256(IMarket.FillStatus.BuyerAllowance), "allowance");

        vm.prank(seller);
        token.approve(address(market), 1);
        assertEq(uint256(_status(o, sig, 1e18, buyer)), uint256(IMarket.FillStatus.SellerAllowance), "seller allow");

        vm.warp(uint256(o.expiry) + 1);
        assertEq(uint256(_status(o, sig, 1e18, buyer)), uint256(IMarket.FillStatus.Expired), "expired");
        vm.prank(seller);
        market.cancel(o);
        assertEq(uint256(_status(o, sig, 1e18, buyer)), uint256(IMarket.FillStatus.Cancelled), "cancelled");
    }

    function test_checkFill_reportsTheSellersBalanceAndLockup() public {
        (IMarket.Order memory o, bytes memory sig) = _buyOrder(10e18, 2e6);
        // carol is verified but holds no tokens: the token's rules pass, the market reads the balance
        IMarket.FillCheck memory c = market.checkFill(o, sig, 1e18, carol);
        assertEq(uint256(c.status), uint256(IMarket.FillStatus.SellerBalance), "no balance");
        assertEq(c.restrictionCode, 0, "no code");
        token.setLockup(seller, uint64(block.timestamp + 1 days));
        token.setRules(RULE_LOCKUP, 0, 0, 0);
        c = market.checkFill(o, sig, 1e18, seller);
        assertEq(c.restrictionCode, CODE_SENDER_LOCKED_UP, "locked up");
        vm.prank(seller);
        vm.expectRevert(_restricted(CODE_SENDER_LOCKED_UP, seller, buyer, 1e18));
        market.fill(o, sig, 1e18);
    }

    function test_checkFill_reportsTheSellersBalanceForAPlainToken() public {
        TokenPlainERC20 plain = new TokenPlainERC20();
        IMarket.Order memory o = _order(seller, IMarket.Side.Sell, 10e18, 1e6);
        o.token = address(plain);
        bytes memory sig = _sign(sellerKey, o);
        assertEq(uint256(_status(o, sig, 1e18, buyer)), uint256(IMarket.FillStatus.SellerBalance), "balance");
    }

    function test_checkFill_agreesWithTheTokensTransferFromView() public view {
        assertEq(token.detectTransferFromRestriction(address(market), seller, buyer, 1e18), 0, "trusted market");
        assertTrue(token.isTrustedOperator(address(market)), "trusted");
        assertEq(token.detectTransferFromRestriction(address(market), seller, stranger, 1e18), 4, "receiver rule");
    }

    // ===== FUZZ =====

    /// Money math against a BigInt-free reference: the selling maker receives at least the exact value, the buying
    /// maker pays at most it, the fee is the stated floor, and the buyer's outflow is the seller's inflow plus the fee.
    function testFuzz_fill_roundingAndFeeExact(uint256 amount, uint256 price, uint16 bps, bool makerSells) public {
        amount = bound(amount, 1, 1_000e18);
        price = bound(price, 1, 1_000_000e6);
        bps = uint16(bound(bps, 0, 100));
        market.setFee(bps, feeWallet);
        usdc.mint(buyer, type(uint128).max);
        (IMarket.Order memory o, bytes memory sig) = makerSells ? _sellOrder(amount, price) : _buyOrder(amount, price);
        uint256 buyerBefore = usdc.balanceOf(buyer);
        vm.prank(makerSells ? buyer : seller);
        market.fill(o, sig, amount);
        uint256 paid = buyerBefore - usdc.balanceOf(buyer);
        uint256 received = usdc.balanceOf(seller);
        uint256 feePaid = usdc.balanceOf(feeWallet);
        assertEq(paid, received + feePaid, "buyer out = seller in + fee");
        uint256 exactFloor = (amount * price) / SCALE;
        if (makerSells) {
            assertEq(received, _ceilDiv(amount * price, SCALE), "seller rounded up");
            assertEq(feePaid, (received * bps) / 10_000, "fee on proceeds");
        } else {
            assertEq(paid, exactFloor, "buyer rounded down");
            assertEq(feePaid, (paid * bps) / 10_000, "fee out of the payment");
        }
        assertEq(token.balanceOf(buyer), amount, "delivered");
    }

    /// A signature never replays on another chain: whatever the chain id, only the signing chain accepts it.
    function testFuzz_fill_signatureBoundToTheChain(uint64 otherChainId) public {
        vm.assume(otherChainId != block.chainid && otherChainId != 0);
        (IMarket.Order memory o, bytes memory sig) = _sellOrder(10e18, 1e6);
        vm.chainId(otherChainId);
        bytes32 h = market.hashOrder(o);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IMarket.MarketInvalidSignature.selector, h, seller));
        market.fill(o, sig, 1e18);
    }

    /// Partial fills in any split settle exactly the order's amount and never more.
    function testFuzz_fill_partialFillsNeverExceedTheAmount(uint256 amount, uint256 first, uint256 second) public {
        amount = bound(amount, 2, 1_000e18);
        first = bound(first, 1, amount - 1);
        second = bound(second, 1, amount);
        (IMarket.Order memory o, bytes memory sig) = _sellOrder(amount, 1e6);
        bytes32 h = market.hashOrder(o);
        vm.startPrank(buyer);
        market.fill(o, sig, first);
        if (first + second > amount) {
            vm.expectRevert(abi.encodeWithSelector(IMarket.MarketOverfill.selector, h, second, amount - first));
            market.fill(o, sig, second);
        } else {
            market.fill(o, sig, second);
        }
        vm.stopPrank();
        (uint256 filled, ) = market.orderState(h);
        assertLe(filled, amount, "within amount");
        assertEq(token.balanceOf(buyer), filled, "delivered what was filled");
    }
}
