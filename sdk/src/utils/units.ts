import { formatUnits } from "ethers";

/** What an amount in base units needs to be read by a person: its token's decimals and symbol. */
export type TokenUnits = { decimals: number; symbol: string };

/** Oracle prices are quoted with 18 decimals (the breaker normalises every feed to 1e18). */
export const PRICE_DECIMALS = 18;

/**
 * Formats an amount in base units for people: the decimal value without trailing zeros, then the symbol
 * (`1500000n` of a 6-decimal USDC is `"1.5 USDC"`; `10n ** 18n` of an 18-decimal token is `"1 SWA"`). The one
 * format the SDK uses wherever it shows an amount with its units; amounts stay `bigint` base units everywhere else.
 *
 * @example
 * ```ts
 * import { formatAmount, getPortfolio } from "@stokit/sdk";
 *
 * const p = await getPortfolio(provider, { account: me, tokens: [token] });
 * for (const t of p.tokens) console.log(formatAmount(t.available, t)); // "300 SWA"
 * for (const c of p.claimables) console.log(formatAmount(c.net, { decimals: c.payoutDecimals, symbol: c.payoutSymbol }));
 * ```
 */
export function formatAmount(value: bigint, units: TokenUnits): string {
  const text = formatUnits(value, units.decimals);
  const trimmed = text.includes(".") ? text.replace(/\.?0+$/, "") : text;
  return units.symbol ? `${trimmed} ${units.symbol}` : trimmed;
}
