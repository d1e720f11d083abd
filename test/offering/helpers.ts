import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";

/** The key under which the mock oracle prices the native coin (the usual 0xEeee... placeholder). */
export const NATIVE_KEY = "0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE";
export const TOKEN_UNIT = 10n ** 18n;

export interface SuiteOptions {
  /** Payment-token decimals (6 as USDC on Base, 18 as USDT/USDC on BSC). */
  decimals?: number;
  /** Deploy the USDT-style stablecoin (no return values) instead of the permit-capable one. */
  usdt?: boolean;
  /** Payment units per whole token. */
  price?: bigint;
  minSubscription?: bigint;
  maxSubscription?: bigint;
  softCap?: bigint;
  hardCap?: bigint;
  /** USD price (18 decimals) of the native coin; undefined: native subscriptions disabled. */
  nativeUsd?: bigint;
  lockupDays?: bigint;
}

/**
 * Deploys a mock security token, a stablecoin, a mock oracle and one offering whose window starts in an hour and
 * lasts a week; makes the offering the token's agent. Amounts default to a 10,000-token offering at 2 units of the
 * stablecoin per token (soft cap 1,000 tokens).
 */
export async function deployOfferingSuite(ethers: HardhatEthers, options: SuiteOptions = {}) {
  const [admin, issuer, operator, treasury, alice, bob, carol, dave, ...others] = await ethers.getSigners();
  const decimals = options.decimals ?? 18;
  const unit = 10n ** BigInt(decimals);
  const token = await ethers.deployContract("OfferingMockToken");
  const stablecoin = options.usdt
    ? await ethers.deployContract("OfferingMockUsdt", [decimals])
    : await ethers.deployContract("OfferingMockStablecoin", ["USD Coin", "USDC", decimals]);
  const oracle = await ethers.deployContract("OfferingMockPriceOracle");
  const native = options.nativeUsd !== undefined;
  if (native) await oracle.setPrice(NATIVE_KEY, options.nativeUsd!);

  const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
  const startTime = now + 3600n;
  const endTime = startTime + 7n * 86400n;
  const lockupEnd = endTime + (options.lockupDays ?? 180n) * 86400n;
  const terms = {
    token: await token.getAddress(),
    paymentToken: await stablecoin.getAddress(),
    price: options.price ?? 2n * unit,
    minSubscription: options.minSubscription ?? 10n * unit,
    maxSubscription: options.maxSubscription ?? 20_000n * unit,
    softCap: options.softCap ?? 1_000n * TOKEN_UNIT,
    hardCap: options.hardCap ?? 10_000n * TOKEN_UNIT,
    startTime,
    endTime,
    lockupEnd,
    treasury: treasury.address,
    oracle: native ? await oracle.getAddress() : ethers.ZeroAddress,
    oracleAsset: native ? NATIVE_KEY : ethers.ZeroAddress,
  };
  const offering = await ethers.deployContract("Offering", [
    terms,
    admin.address,
    86400n,
    issuer.address,
    operator.address,
  ]);
  await token.setAgent(await offering.getAddress());
  return {
    offering,
    token,
    stablecoin,
    oracle,
    terms,
    unit,
    admin,
    issuer,
    operator,
    treasury,
    alice,
    bob,
    carol,
    dave,
    others,
  };
}

/** One investor's deposits, for the reference. */
export interface ReferenceSubscription {
  stable: bigint;
  native: bigint;
  nativeValue: bigint;
}

export interface ReferenceAllocation {
  tokens: bigint;
  stableCharged: bigint;
  nativeCharged: bigint;
  stableRefund: bigint;
  nativeRefund: bigint;
}

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/** Value in payment units of `wei` at `usdPrice` (18 decimals), as the offering computes it (rounded down). */
export function referenceNativeValue(wei: bigint, usdPrice: bigint, decimals: number): bigint {
  return (wei * usdPrice) / 10n ** BigInt(36 - decimals);
}

/**
 * The documented allocation rule written independently with BigInt: tokens rounded down (pro rata above the hard
 * cap), charge rounded up, stablecoin charged first, native at the investor's average rate (rounded up).
 */
export function referenceAllocation(
  sub: ReferenceSubscription,
  totalValue: bigint,
  price: bigint,
  hardCap: bigint,
): ReferenceAllocation {
  const value = sub.stable + sub.nativeValue;
  if (value === 0n) return { tokens: 0n, stableCharged: 0n, nativeCharged: 0n, stableRefund: 0n, nativeRefund: 0n };
  const demanded = (totalValue * TOKEN_UNIT) / price;
  const tokens = demanded > hardCap ? (value * hardCap) / totalValue : (value * TOKEN_UNIT) / price;
  const charge = ceilDiv(tokens * price, TOKEN_UNIT);
  const stableCharged = charge < sub.stable ? charge : sub.stable;
  const rest = charge - stableCharged;
  const nativeCharged = rest === 0n ? 0n : ceilDiv(rest * sub.native, sub.nativeValue);
  return {
    tokens,
    stableCharged,
    nativeCharged,
    stableRefund: sub.stable - stableCharged,
    nativeRefund: sub.native - nativeCharged,
  };
}

/** A small deterministic PRNG (mulberry32) so the differential cases reproduce. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** A bigint uniformly-ish in [min, max]. */
  const between = (min: bigint, max: bigint) => {
    const span = max - min + 1n;
    let r = 0n;
    for (let i = 0; i < 4; i++) r = (r << 32n) | BigInt(Math.floor(next() * 4294967296));
    return min + (r % span);
  };
  return { next, between };
}
