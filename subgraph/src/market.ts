// Market event handlers (subgraph.yaml). Thin: each delegates to helpers/market.ts.
import { FeeSet, NoncesCancelled, OrderCancelled, OrderOpened, Trade } from "../generated/Market/Market";
import {
  recordFeeSet,
  recordNoncesCancelled,
  recordOrderCancelled,
  recordOrderOpened,
  recordTrade,
} from "./helpers/market";

export function handleTrade(event: Trade): void {
  const p = event.params;
  recordTrade(
    event,
    p.sellOrderHash,
    p.buyOrderHash,
    p.token,
    p.seller,
    p.buyer,
    p.paymentToken,
    p.price,
    p.amount,
    p.payment,
    p.fee,
    p.sellRemaining,
    p.buyRemaining,
  );
}

export function handleOrderOpened(event: OrderOpened): void {
  const p = event.params;
  recordOrderOpened(event, p.orderHash, p.maker, p.token, p.side, p.paymentToken, p.price, p.amount, p.expiry, p.nonce);
}

export function handleOrderCancelled(event: OrderCancelled): void {
  recordOrderCancelled(event, event.params.orderHash, event.params.maker, event.params.filled);
}

export function handleNoncesCancelled(event: NoncesCancelled): void {
  recordNoncesCancelled(event, event.params.maker, event.params.minNonce);
}

export function handleFeeSet(event: FeeSet): void {
  recordFeeSet(event, event.params.feeBps, event.params.feeWallet);
}
