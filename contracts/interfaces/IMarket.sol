// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";

/// @title IMarket
/// @notice Secondary market: settles EIP-712 signed limit orders between investors as one atomic
/// delivery-versus-payment (token from seller to buyer, payment from buyer to seller and the fee wallet). Matching is
/// off-chain; a taker fills an order ({fill}, partial fills allowed) or an operator settles a crossing buy and sell
/// ({matchOrders}). For a security token each leg is checked by the token itself: the market is a trusted operator of
/// the token (it skips only the spender rule), so the seller and the buyer must pass every transfer rule.
///
/// Money (`SCALE` = 1e18, `price` = payment units per 1e18 token units, fee `bps` out of 10,000):
/// - fill of a sell order: seller receives `ceil(amount * price / SCALE)`, the taker (buyer) pays that plus the fee;
/// - fill of a buy order: the maker (buyer) pays `floor(amount * price / SCALE)`, the taker (seller) receives that
///   minus the fee;
/// - match: executes at the sell order's price (the price improvement goes to the buyer); the seller receives
///   `ceil(amount * sellPrice / SCALE)`, the buyer pays that plus the fee and never more than
///   `floor(amount * buyPrice / SCALE)`;
/// - the fee is `floor(sellerProceeds * bps / 10_000)` on a sell-order fill and a match,
///   `floor(buyerPayment * bps / 10_000)` on a buy-order fill; makers of filled orders never pay a fee, and every
///   rounding is in the maker's favour (a selling maker is rounded up, a buying maker down).
interface IMarket is IERC5267 {
    /// @notice The side of an order: the maker buys or sells the token.
    enum Side {
        Buy,
        Sell
    }

    /// @notice Why a fill would fail ({checkFill}); `Fillable` when it would succeed.
    enum FillStatus {
        Fillable,
        InvalidSignature,
        Cancelled,
        Expired,
        Overfilled,
        ZeroAmount,
        SelfTrade,
        TokenRestricted,
        SellerBalance,
        SellerAllowance,
        BuyerBalance,
        BuyerAllowance
    }

    /// @notice A limit order, signed by `maker` as EIP-712 typed data
    /// `Order(address maker,uint8 side,address token,address paymentToken,uint256 price,uint256 amount,uint64 expiry,uint256 nonce,uint256 salt)`
    /// under this market's domain (name "stokit Market", version "1", chain id, market address).
    /// @param maker The signer (an EOA, or an ERC-1271 contract wallet).
    /// @param side Buy or sell `token`.
    /// @param token The token traded (a security token or any ERC-20).
    /// @param paymentToken The ERC-20 paid (USDC/USDT, 6 or 18 decimals).
    /// @param price Payment units per 1e18 token units (the limit price), not zero.
    /// @param amount Token units the order buys or sells in total, over all its fills.
    /// @param expiry The last second (unix time) the order can fill.
    /// @param nonce Cancelled together with every lower nonce by {cancelUpTo}.
    /// @param salt Distinguishes otherwise equal orders.
    // The field order is the EIP-712 type's, which wallets display: kept over slot packing (calldata only).
    // solhint-disable-next-line gas-struct-packing
    struct Order {
        address maker;
        Side side;
        address token;
        address paymentToken;
        uint256 price;
        uint256 amount;
        uint64 expiry;
        uint256 nonce;
        uint256 salt;
    }

    /// @notice The answer of {checkFill}.
    /// @param status Fillable, or the first reason the fill would fail.
    /// @param restrictionCode The token's ERC-1404 code for the token leg when `status` is `TokenRestricted`.
    /// @param payment What the buyer would pay (the fee included).
    /// @param fee The part of `payment` going to the fee wallet.
    /// @param remaining Token units of the order left to fill before this fill.
    struct FillCheck {
        FillStatus status;
        uint8 restrictionCode;
        uint256 payment;
        uint256 fee;
        uint256 remaining;
    }

    /// @notice Emitted once per settlement (a fill or a match): everything a trade history, candles and order status
    /// need. The seller received `payment - fee`; the buyer paid `payment`.
    /// @param sellOrderHash The sell order's EIP-712 hash, or zero when the seller is the taker of a fill.
    /// @param buyOrderHash The buy order's EIP-712 hash, or zero when the buyer is the taker of a fill.
    /// @param token The token traded.
    /// @param seller Who delivered the tokens.
    /// @param buyer Who received them.
    /// @param paymentToken The payment token.
    /// @param price The execution price (the filled order's price; a match's sell price), payment units per 1e18.
    /// @param amount Token units delivered.
    /// @param payment Payment units paid by the buyer (the fee included).
    /// @param fee Payment units sent to the fee wallet.
    /// @param sellRemaining Token units of the sell order left after the trade (0 when the seller is the taker).
    /// @param buyRemaining Token units of the buy order left after the trade (0 when the buyer is the taker).
    event Trade(
        bytes32 indexed sellOrderHash,
        bytes32 indexed buyOrderHash,
        address indexed token,
        address seller,
        address buyer,
        address paymentToken,
        uint256 price,
        uint256 amount,
        uint256 payment,
        uint256 fee,
        uint256 sellRemaining,
        uint256 buyRemaining
    );

    /// @notice Emitted once per order, the first time the chain sees it: before its first fill or match leg, or in
    /// {cancel} of an order that never traded. Carries the signed terms (not the salt) so that an indexer knows an
    /// order's side, price, amount, expiry and nonce without reading the calldata.
    /// @param orderHash The order's EIP-712 hash.
    /// @param maker The maker.
    /// @param token The security token.
    /// @param side Sell or buy.
    /// @param paymentToken The payment token.
    /// @param price Payment units per 1e18 token units.
    /// @param amount Token units the order covers in total.
    /// @param expiry The last second (unix time) the order can fill.
    /// @param nonce The order's nonce (void once below the maker's {minNonce}).
    event OrderOpened(
        bytes32 indexed orderHash,
        address indexed maker,
        address indexed token,
        Side side,
        address paymentToken,
        uint256 price,
        uint256 amount,
        uint64 expiry,
        uint256 nonce
    );

    /// @notice Emitted when a maker cancels one order.
    /// @param orderHash The order's hash.
    /// @param maker The maker.
    /// @param filled Token units it had filled (the rest never will).
    event OrderCancelled(bytes32 indexed orderHash, address indexed maker, uint256 filled);

    /// @notice Emitted when a maker cancels every order with a nonce below `minNonce`.
    event NoncesCancelled(address indexed maker, uint256 minNonce);

    /// @notice Emitted when the admin sets the fee.
    event FeeSet(uint16 feeBps, address indexed feeWallet);

    /// @notice The signature is not `maker`'s over the order (ECDSA for accounts without code, else ERC-1271).
    error MarketInvalidSignature(bytes32 orderHash, address maker);
    /// @notice The order was cancelled (one by one, or by its nonce).
    error MarketOrderCancelled(bytes32 orderHash);
    /// @notice The order's expiry passed.
    error MarketOrderExpired(bytes32 orderHash, uint64 expiry);
    /// @notice Filling `amount` exceeds the `remaining` token units of the order.
    error MarketOverfill(bytes32 orderHash, uint256 amount, uint256 remaining);
    /// @notice A fill or match of zero token units, or an order with a zero price.
    error MarketZeroAmount(bytes32 orderHash);
    /// @notice `account` would trade with itself.
    error MarketSelfTrade(address account);
    /// @notice The two orders of a match are not a buy and a sell of the same token for the same payment token.
    error MarketOrdersMismatch(bytes32 buyOrderHash, bytes32 sellOrderHash);
    /// @notice The buyer's `payment` (fee included) would exceed its limit `maxPayment` at the sell price.
    error MarketNotCrossed(bytes32 buyOrderHash, bytes32 sellOrderHash, uint256 payment, uint256 maxPayment);
    /// @notice Only the maker cancels its orders.
    error MarketNotMaker(bytes32 orderHash, address caller);
    /// @notice A nonce floor only rises.
    error MarketNonceNotIncreasing(uint256 current, uint256 requested);
    /// @notice The fee exceeds `maxBps`, or a fee is set without a wallet.
    error MarketInvalidFee(uint16 feeBps, uint16 maxBps, address feeWallet);

    /// @notice Fills `amount` token units of `order` with the caller as the counterparty (the taker). A sell order:
    /// the caller buys and pays the price plus the fee; a buy order: the caller sells and receives the price minus
    /// the fee. Both legs settle in this call or the call reverts (the token's own error, e.g. its restriction code).
    /// Requirements: a valid signature, not cancelled, not expired, `0 < amount <= remaining`, caller is not the maker;
    /// the token leg passes the token's rules; balances and allowances (to this market) suffice. Emits {Trade}.
    function fill(Order calldata order, bytes calldata signature, uint256 amount) external;

    /// @notice Settles `amount` token units between a crossing buy and sell order (operator). Executes at the sell
    /// price; the buyer pays the seller's proceeds plus the fee, within its own limit. Requirements: as {fill} for
    /// both orders, same token and payment token, different makers, and the buyer's payment within its limit. Emits
    /// {Trade}.
    function matchOrders(
        Order calldata buyOrder,
        bytes calldata buySignature,
        Order calldata sellOrder,
        bytes calldata sellSignature,
        uint256 amount
    ) external;

    /// @notice Cancels one order (its maker). Emits {OrderCancelled}.
    function cancel(Order calldata order) external;

    /// @notice Cancels every order of the caller with a nonce below `newMinNonce`; the floor only rises. Emits
    /// {NoncesCancelled}.
    function cancelUpTo(uint256 newMinNonce) external;

    /// @notice Sets the fee (admin): at most {MAX_FEE_BPS}, and a wallet when non-zero. Emits {FeeSet}.
    function setFee(uint16 feeBps, address feeWallet) external;

    /// @notice Why filling `amount` of `order` by `taker` would fail, with the payment and fee it would settle. The
    /// checks run in this order: signature, cancellation, expiry, amount, self-trade, the token's restriction code
    /// (`detectTransferFromRestriction` with this market as spender, for tokens that have it), the seller's token
    /// balance and allowance, the buyer's payment balance and allowance. The token's rules are the token's at this
    /// block; a payment token's own blacklist is not seen.
    function checkFill(
        Order calldata order,
        bytes calldata signature,
        uint256 amount,
        address taker
    ) external view returns (FillCheck memory);

    /// @notice The EIP-712 hash of `order` under this market's domain (what the maker signs).
    function hashOrder(Order calldata order) external view returns (bytes32);

    /// @notice Token units of the order with hash `orderHash` filled so far, and whether it was cancelled one by one.
    function orderState(bytes32 orderHash) external view returns (uint256 filled, bool cancelled);

    /// @notice The lowest nonce of `maker`'s orders still valid.
    function minNonce(address maker) external view returns (uint256);

    /// @notice The fee in basis points and the wallet that receives it.
    function fee() external view returns (uint16 feeBps, address feeWallet);
}
