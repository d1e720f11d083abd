// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// solhint-disable-next-line max-line-length
import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IMarket} from "../interfaces/IMarket.sol";
import {ISecurityToken} from "../interfaces/ISecurityToken.sol";
import {TokenEIP712} from "../token/TokenEIP712.sol";

/// @title Market
/// @notice Secondary market of signed limit orders with atomic, compliant delivery-versus-payment (see {IMarket} for
/// the money rules). Each security token it trades must list it as a trusted operator
/// ({ISecurityToken-setTrustedOperator}); the token then checks the seller and the buyer on the token leg as on any
/// transfer, and reverts the whole settlement with its restriction code when a rule refuses.
///
/// Roles: `DEFAULT_ADMIN_ROLE` (two-step handover with a delay) sets the fee and grants `OPERATOR_ROLE`, which
/// settles crossing orders with {matchOrders}. {fill}, {cancel} and {cancelUpTo} are open to everyone.
///
/// EIP-712: domain "stokit Market", version "1", the chain id and this market's address (ERC-5267 {eip712Domain}),
/// so an order signed for one deployment on one chain never settles anywhere else. Signatures are checked with
/// ECDSA for accounts without code and ERC-1271 for contract wallets. OpenZeppelin's `SignatureChecker` and `EIP712`
/// are not used because in 5.7 they import `Bytes`/`Strings`, which use `mcopy` and do not compile for `paris`.
///
/// WARNING: fee-on-transfer payment tokens are not supported (the seller would receive less than the event says).
/// An ERC-1271 wallet's signature is checked at every fill, so a wallet that revokes it stops further fills. The
/// market holds no funds: every leg moves directly between the parties.
contract Market is IMarket, TokenEIP712, AccessControlDefaultAdminRules, ReentrancyGuard {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    // ===== TYPES =====

    /// @dev Per order hash: token units filled so far and the one-by-one cancellation flag, one word.
    struct OrderState {
        uint248 filled;
        bool cancelled;
    }

    /// @dev One settlement, gathered in memory so that the event and the three legs read it from one place.
    struct Settlement {
        bytes32 sellOrderHash;
        bytes32 buyOrderHash;
        address token;
        address paymentToken;
        address seller;
        address buyer;
        uint256 price;
        uint256 amount;
        uint256 payment;
        uint256 fee;
        uint256 sellRemaining;
        uint256 buyRemaining;
    }

    // ===== CONSTANTS =====

    /// @dev keccak256("Order(address maker,uint8 side,address token,address paymentToken,uint256 price,uint256 amount,
    /// uint64 expiry,uint256 nonce,uint256 salt)") (one line, no spaces after commas)
    bytes32 public constant ORDER_TYPEHASH = 0xc290c617dddc6992357ed36d8b04fcc0c92c748b5e68487434dff998bb046507;
    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");
    /// @notice Token units a price refers to: `price` is payment units per 1e18 token units.
    uint256 public constant SCALE = 1e18;
    /// @notice The highest fee the admin can set: 1%.
    uint16 public constant MAX_FEE_BPS = 100;
    uint256 private constant _BPS = 10_000;

    // ===== STATE =====

    mapping(bytes32 orderHash => OrderState) private _orders;
    mapping(address maker => uint256) private _minNonces;
    uint16 private _feeBps;
    address private _feeWallet;

    // ===== CONSTRUCTOR =====

    /// @param adminDelay Delay of the two-step admin handover, in seconds.
    /// @param admin The admin (sets the fee, grants operators).
    constructor(
        uint48 adminDelay,
        address admin
    ) TokenEIP712("stokit Market", "1") AccessControlDefaultAdminRules(adminDelay, admin) {}

    // ===== SETTLEMENT =====

    /// @inheritdoc IMarket
    /// @dev Requirements: see {IMarket-fill}. Emits {OrderOpened} on the order's first fill, then {Trade}. The fill
    /// is recorded and the events emitted before the transfers; the call is `nonReentrant`.
    function fill(Order calldata order, bytes calldata signature, uint256 amount) external nonReentrant {
        if (msg.sender == order.maker) revert MarketSelfTrade(msg.sender);
        // Memory structs start zeroed; the fields are set below.
        // slither-disable-next-line uninitialized-local
        Settlement memory s;
        bytes32 orderHash = _hashOrder(order);
        uint256 remaining = _consume(order, orderHash, signature, amount);
        bool makerSells = order.side == Side.Sell;
        (s.payment, s.fee) = _quote(makerSells, amount, order.price, _feeBps);
        if (makerSells) {
            (s.sellOrderHash, s.seller, s.buyer, s.sellRemaining) = (orderHash, order.maker, msg.sender, remaining);
        } else {
            (s.buyOrderHash, s.seller, s.buyer, s.buyRemaining) = (orderHash, msg.sender, order.maker, remaining);
        }
        (s.token, s.paymentToken, s.price, s.amount) = (order.token, order.paymentToken, order.price, amount);
        _settle(s);
    }

    /// @inheritdoc IMarket
    /// @dev Requirements: caller has `OPERATOR_ROLE`; see {IMarket-matchOrders}. Emits {OrderOpened} for each order
    /// on its first leg (buy order first), then {Trade}.
    function matchOrders(
        Order calldata buyOrder,
        bytes calldata buySignature,
        Order calldata sellOrder,
        bytes calldata sellSignature,
        uint256 amount
    ) external onlyRole(OPERATOR_ROLE) nonReentrant {
        // Memory structs start zeroed; the fields are set below.
        // slither-disable-next-line uninitialized-local
        Settlement memory s;
        s.buyOrderHash = _hashOrder(buyOrder);
        s.sellOrderHash = _hashOrder(sellOrder);
        if (
            buyOrder.side != Side.Buy ||
            sellOrder.side != Side.Sell ||
            buyOrder.token != sellOrder.token ||
            buyOrder.paymentToken != sellOrder.paymentToken
        ) revert MarketOrdersMismatch(s.buyOrderHash, s.sellOrderHash);
        if (buyOrder.maker == sellOrder.maker) revert MarketSelfTrade(buyOrder.maker);
        s.buyRemaining = _consume(buyOrder, s.buyOrderHash, buySignature, amount);
        s.sellRemaining = _consume(sellOrder, s.sellOrderHash, sellSignature, amount);
        (s.payment, s.fee) = _quote(true, amount, sellOrder.price, _feeBps);
        uint256 maxPayment = Math.mulDiv(amount, buyOrder.price, SCALE);
        if (s.payment > maxPayment) revert MarketNotCrossed(s.buyOrderHash, s.sellOrderHash, s.payment, maxPayment);
        (s.token, s.paymentToken, s.seller, s.buyer) = (
            sellOrder.token,
            sellOrder.paymentToken,
            sellOrder.maker,
            buyOrder.maker
        );
        (s.price, s.amount) = (sellOrder.price, amount);
        _settle(s);
    }

    // ===== CANCELLATION =====

    /// @inheritdoc IMarket
    /// @dev Requirements: caller is the order's maker. Emits {OrderOpened} for an order that never traded (and was not
    /// cancelled before), then {OrderCancelled}.
    function cancel(Order calldata order) external {
        bytes32 orderHash = _hashOrder(order);
        if (msg.sender != order.maker) revert MarketNotMaker(orderHash, msg.sender);
        OrderState memory state = _orders[orderHash];
        if (state.filled == 0 && !state.cancelled) _emitOpened(order, orderHash);
        uint248 filled = state.filled;
        _orders[orderHash] = OrderState({filled: filled, cancelled: true});
        emit OrderCancelled(orderHash, msg.sender, filled);
    }

    /// @inheritdoc IMarket
    /// @dev Requirements: `newMinNonce` above the caller's current floor. Emits {NoncesCancelled}.
    function cancelUpTo(uint256 newMinNonce) external {
        uint256 current = _minNonces[msg.sender];
        if (newMinNonce <= current) revert MarketNonceNotIncreasing(current, newMinNonce);
        _minNonces[msg.sender] = newMinNonce;
        emit NoncesCancelled(msg.sender, newMinNonce);
    }

    // ===== ADMIN =====

    /// @inheritdoc IMarket
    /// @dev Requirements: caller has `DEFAULT_ADMIN_ROLE`; `feeBps <= MAX_FEE_BPS`; a wallet when `feeBps != 0`.
    /// Emits {FeeSet}.
    function setFee(uint16 feeBps, address feeWallet) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (feeBps > MAX_FEE_BPS || (feeBps != 0 && feeWallet == address(0))) {
            revert MarketInvalidFee(feeBps, MAX_FEE_BPS, feeWallet);
        }
        (_feeBps, _feeWallet) = (feeBps, feeWallet);
        emit FeeSet(feeBps, feeWallet);
    }

    // ===== VIEWS =====

    /// @inheritdoc IMarket
    function checkFill(
        Order calldata order,
        bytes calldata signature,
        uint256 amount,
        address taker
    ) external view returns (FillCheck memory check) {
        bytes32 orderHash = _hashOrder(order);
        OrderState memory state = _orders[orderHash];
        check.remaining = order.amount > state.filled ? order.amount - state.filled : 0;
        bool makerSells = order.side == Side.Sell;
        (check.payment, check.fee) = _quote(makerSells, amount, order.price, _feeBps);
        if (!_isValidSignature(order.maker, orderHash, signature)) return _status(check, FillStatus.InvalidSignature);
        if (state.cancelled || order.nonce < _minNonces[order.maker]) return _status(check, FillStatus.Cancelled);
        if (block.timestamp > order.expiry) return _status(check, FillStatus.Expired);
        if (amount == 0 || order.price == 0) return _status(check, FillStatus.ZeroAmount);
        if (amount > check.remaining) return _status(check, FillStatus.Overfilled);
        if (taker == order.maker) return _status(check, FillStatus.SelfTrade);
        (address seller, address buyer) = makerSells ? (order.maker, taker) : (taker, order.maker);
        check.restrictionCode = _restrictionCode(order.token, seller, buyer, amount);
        if (check.restrictionCode != 0) return _status(check, FillStatus.TokenRestricted);
        IERC20 token = IERC20(order.token);
        if (token.balanceOf(seller) < amount) return _status(check, FillStatus.SellerBalance);
        if (token.allowance(seller, address(this)) < amount) return _status(check, FillStatus.SellerAllowance);
        IERC20 money = IERC20(order.paymentToken);
        if (money.balanceOf(buyer) < check.payment) return _status(check, FillStatus.BuyerBalance);
        if (money.allowance(buyer, address(this)) < check.payment) return _status(check, FillStatus.BuyerAllowance);
        return check;
    }

    /// @inheritdoc IMarket
    function hashOrder(Order calldata order) external view returns (bytes32) {
        return _hashOrder(order);
    }

    /// @inheritdoc IMarket
    function orderState(bytes32 orderHash) external view returns (uint256 filled, bool cancelled) {
        OrderState memory state = _orders[orderHash];
        return (state.filled, state.cancelled);
    }

    /// @inheritdoc IMarket
    function minNonce(address maker) external view returns (uint256) {
        return _minNonces[maker];
    }

    /// @inheritdoc IMarket
    function fee() external view returns (uint16 feeBps, address feeWallet) {
        return (_feeBps, _feeWallet);
    }

    // ===== PRIVATE =====

    /// @dev Checks `order` for a fill of `amount` (cancellation, expiry, amount, signature) and records the fill.
    /// Returns the token units left afterwards.
    function _consume(
        Order calldata order,
        bytes32 orderHash,
        bytes calldata signature,
        uint256 amount
    ) private returns (uint256) {
        OrderState memory state = _orders[orderHash];
        if (state.cancelled || order.nonce < _minNonces[order.maker]) revert MarketOrderCancelled(orderHash);
        if (block.timestamp > order.expiry) revert MarketOrderExpired(orderHash, order.expiry);
        if (amount == 0 || order.price == 0) revert MarketZeroAmount(orderHash);
        // `filled <= order.amount` always holds for this hash (the hash commits to the amount).
        uint256 remaining = order.amount - state.filled;
        if (amount > remaining) revert MarketOverfill(orderHash, amount, remaining);
        if (!_isValidSignature(order.maker, orderHash, signature))
            revert MarketInvalidSignature(orderHash, order.maker);
        if (state.filled == 0) _emitOpened(order, orderHash);
        _orders[orderHash] = OrderState({filled: (state.filled + amount).toUint248(), cancelled: false});
        return remaining - amount;
    }

    /// @dev Emits {OrderOpened} with the order's signed terms.
    function _emitOpened(Order calldata order, bytes32 orderHash) private {
        emit OrderOpened(
            orderHash,
            order.maker,
            order.token,
            order.side,
            order.paymentToken,
            order.price,
            order.amount,
            order.expiry,
            order.nonce
        );
    }

    /// @dev Emits {Trade}, then moves the token leg (the token checks both parties) and the payment legs.
    function _settle(Settlement memory s) private {
        emit Trade(
            s.sellOrderHash,
            s.buyOrderHash,
            s.token,
            s.seller,
            s.buyer,
            s.paymentToken,
            s.price,
            s.amount,
            s.payment,
            s.fee,
            s.sellRemaining,
            s.buyRemaining
        );
        // The parties signed an order (or are the caller) and approved this market for exactly this purpose.
        // slither-disable-next-line arbitrary-send-erc20
        IERC20(s.token).safeTransferFrom(s.seller, s.buyer, s.amount);
        // slither-disable-next-line arbitrary-send-erc20
        IERC20(s.paymentToken).safeTransferFrom(s.buyer, s.seller, s.payment - s.fee);
        // slither-disable-next-line arbitrary-send-erc20
        if (s.fee != 0) IERC20(s.paymentToken).safeTransferFrom(s.buyer, _feeWallet, s.fee);
    }

    /// @dev Payment (fee included) and fee for `amount` at `price`. `sellerIsMaker` (a sell-order fill, or a match):
    /// the seller's proceeds are rounded up and the fee comes on top; otherwise the buying maker's payment is rounded
    /// down and the fee comes out of it. `fee <= payment` always.
    function _quote(
        bool sellerIsMaker,
        uint256 amount,
        uint256 price,
        uint256 feeBps
    ) private pure returns (uint256 payment, uint256 fee_) {
        if (sellerIsMaker) {
            uint256 proceeds = Math.mulDiv(amount, price, SCALE, Math.Rounding.Ceil);
            fee_ = Math.mulDiv(proceeds, feeBps, _BPS);
            payment = proceeds + fee_;
        } else {
            payment = Math.mulDiv(amount, price, SCALE);
            fee_ = Math.mulDiv(payment, feeBps, _BPS);
        }
    }

    function _hashOrder(Order calldata order) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(ORDER_TYPEHASH, order)));
    }

    /// @dev The token's code for the token leg with this market as spender; 0 for a token without that view.
    function _restrictionCode(
        address token,
        address seller,
        address buyer,
        uint256 amount
    ) private view returns (uint8) {
        // A low-level staticcall so that a plain ERC-20 (no such function) reads as "no restriction".
        // slither-disable-next-line low-level-calls
        (bool ok, bytes memory result) = token.staticcall(
            abi.encodeCall(ISecurityToken.detectTransferFromRestriction, (address(this), seller, buyer, amount))
        );
        if (!ok || result.length < 32) return 0;
        uint256 code = abi.decode(result, (uint256));
        return code > type(uint8).max ? type(uint8).max : uint8(code);
    }

    /// @dev ECDSA for accounts without code, ERC-1271 for contract wallets.
    function _isValidSignature(address maker, bytes32 digest, bytes calldata signature) private view returns (bool) {
        if (maker.code.length == 0) {
            // The third value only details a malformed signature; `err` alone decides.
            // slither-disable-next-line unused-return
            (address signer, ECDSA.RecoverError err, ) = ECDSA.tryRecoverCalldata(digest, signature);
            return err == ECDSA.RecoverError.NoError && signer == maker;
        }
        // A low-level staticcall so that a wallet that reverts or returns garbage means "invalid", not a revert.
        // slither-disable-next-line low-level-calls
        (bool ok, bytes memory result) = maker.staticcall(
            abi.encodeCall(IERC1271.isValidSignature, (digest, signature))
        );
        return ok && result.length >= 32 && abi.decode(result, (bytes4)) == IERC1271.isValidSignature.selector;
    }

    function _status(FillCheck memory check, FillStatus status) private pure returns (FillCheck memory) {
        check.status = status;
        return check;
    }
}
