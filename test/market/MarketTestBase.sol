// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {InvestorId} from "../../contracts/interfaces/IIdentityRegistry.sol";
import {IMarket} from "../../contracts/interfaces/IMarket.sol";
import {Market} from "../../contracts/market/Market.sol";
import {OfferingMockStablecoin} from "../../contracts/mocks/OfferingMockStablecoin.sol";
import {TokenFixture} from "../token/TokenFixture.sol";

/// @dev The real SecurityToken and IdentityRegistry (from {TokenFixture}), a market trusted by the token, a 6-decimal
/// USDC, and two verified investors with signing keys: `seller` holding 1,000 tokens and `buyer` holding 100,000 USDC,
/// both with unlimited approvals to the market.
abstract contract MarketTestBase is TokenFixture {
    uint256 internal constant SCALE = 1e18;
    InvestorId internal constant SELLER = InvestorId.wrap(keccak256("seller"));
    InvestorId internal constant BUYER = InvestorId.wrap(keccak256("buyer"));

    Market internal market;
    OfferingMockStablecoin internal usdc;
    address internal seller;
    uint256 internal sellerKey;
    address internal buyer;
    uint256 internal buyerKey;
    address internal operator;
    address internal feeWallet;
    uint256 internal nextSalt;

    function setUp() public virtual override {
        super.setUp();
        (seller, sellerKey) = makeAddrAndKey("seller");
        (buyer, buyerKey) = makeAddrAndKey("buyer");
        operator = makeAddr("operator");
        feeWallet = makeAddr("feeWallet");
        registry.registerInvestor(SELLER, KOREA, EXPIRY, ACCREDITED, seller);
        registry.registerInvestor(BUYER, JAPAN, EXPIRY, ACCREDITED, buyer);

        market = new Market(1 days, address(this));
        market.grantRole(market.OPERATOR_ROLE(), operator);
        token.setTrustedOperator(address(market), true);
        usdc = new OfferingMockStablecoin("USD Coin", "USDC", 6);

        token.mint(seller, 1_000e18);
        usdc.mint(buyer, 100_000e6);
        vm.prank(seller);
        token.approve(address(market), type(uint256).max);
        vm.prank(buyer);
        usdc.approve(address(market), type(uint256).max);
    }

    function _order(
        address maker,
        IMarket.Side side,
        uint256 amount,
        uint256 price
    ) internal returns (IMarket.Order memory order) {
        order = IMarket.Order({
            maker: maker,
            side: side,
            token: address(token),
            paymentToken: address(usdc),
            price: price,
            amount: amount,
            expiry: uint64(block.timestamp + 1 days),
            nonce: 0,
            salt: ++nextSalt
        });
    }

    function _sign(uint256 key, IMarket.Order memory order) internal view returns (bytes memory) {
        return _signFor(market, key, order);
    }

    function _signFor(Market on, uint256 key, IMarket.Order memory order) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, on.hashOrder(order));
        return abi.encodePacked(r, s, v);
    }

    function _sellOrder(uint256 amount, uint256 price) internal returns (IMarket.Order memory o, bytes memory sig) {
        o = _order(seller, IMarket.Side.Sell, amount, price);
        sig = _sign(sellerKey, o);
    }

    function _buyOrder(uint256 amount, uint256 price) internal returns (IMarket.Order memory o, bytes memory sig) {
        o = _order(buyer, IMarket.Side.Buy, amount, price);
        sig = _sign(buyerKey, o);
    }

    function _ceilDiv(uint256 a, uint256 b) internal pure returns (uint256) {
        return a == 0 ? 0 : (a - 1) / b + 1;
    }
}
