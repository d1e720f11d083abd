// TokenFactory and OfferingFactory handlers (subgraph.yaml): each new IP token and offering becomes a template
// instance (IpToken, IpOffering), indexed from the block that created it, with the metadata and terms the creation
// event carries. No eth_call.
import { OfferingCreated } from "../generated/OfferingFactory/OfferingFactory";
import { PaymentToken, PayoutToken } from "../generated/schema";
import { IpOffering, IpToken } from "../generated/templates";
import { TokenCreated } from "../generated/TokenFactory/TokenFactory";
import { loadToken } from "./helpers/entities";
import { loadOffering } from "./helpers/offering";
import { loadPlatform } from "./helpers/platform";

export function handleTokenCreated(event: TokenCreated): void {
  const p = event.params;
  const token = loadToken(p.token);
  token.isSecurityToken = true;
  token.ipId = p.ipId;
  token.name = p.params.name;
  token.symbol = p.params.symbol;
  token.uri = p.params.uri;
  token.decimals = p.decimals;
  token.factory = event.address;
  token.ipIndex = p.tokenCount.toI32();
  token.createdAtBlock = event.block.number;
  token.createdAtTimestamp = event.block.timestamp;
  token.save();
  const platform = loadPlatform();
  platform.ipCount += 1;
  platform.save();
  IpToken.create(p.token);
}

export function handleOfferingCreated(event: OfferingCreated): void {
  const p = event.params;
  const terms = p.params.terms;
  const offering = loadOffering(p.offering);
  offering.token = p.token;
  offering.factoryIndex = p.index;
  offering.paymentToken = terms.paymentToken;
  offering.paymentDecimals = p.paymentDecimals;
  offering.price = terms.price;
  offering.minSubscription = terms.minSubscription;
  offering.maxSubscription = terms.maxSubscription;
  offering.softCap = terms.softCap;
  offering.hardCap = terms.hardCap;
  offering.startTime = terms.startTime;
  offering.endTime = terms.endTime;
  offering.lockupEnd = terms.lockupEnd;
  offering.lockupGranted = p.lockupGranted;
  offering.oracle = terms.oracle;
  offering.oracleAsset = terms.oracleAsset;
  offering.treasury = terms.treasury;
  offering.admin = p.params.admin;
  offering.issuer = p.params.issuer;
  offering.operator = p.params.operator;
  offering.createdAtBlock = event.block.number;
  offering.createdAtTimestamp = event.block.timestamp;
  offering.save();

  const token = loadToken(p.token);
  token.offeringCount += 1;
  token.save();
  let payment = PaymentToken.load(terms.paymentToken);
  if (payment == null) {
    payment = new PaymentToken(terms.paymentToken);
    payment.offeringCount = 0;
  }
  payment.decimals = p.paymentDecimals;
  payment.offeringCount += 1;
  payment.save();
  // A payout token already seen by the distributor learns its decimals here (a new one reads them at creation).
  const payout = PayoutToken.load(terms.paymentToken);
  if (payout != null) {
    payout.decimals = p.paymentDecimals;
    payout.save();
  }
  const platform = loadPlatform();
  platform.offeringCount += 1;
  platform.save();
  IpOffering.create(p.offering);
}
