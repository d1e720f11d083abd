import { getAddress, isAddress } from "ethers";

import { InvalidParameterError } from "../errors/parameter.js";

/**
 * Returns the checksummed address, or throws {@link InvalidParameterError} for anything else (including the zero
 * address unless `allowZero`).
 *
 * @example
 * ```ts
 * import { assertAddress } from "@stokit/sdk";
 * const holder = assertAddress("holder", "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
 * ```
 */
export function assertAddress(parameter: string, value: unknown, { allowZero = false } = {}): string {
  if (typeof value === "string" && /^0x[0-9a-fA-F]{40}$/.test(value) && !isAddress(value)) {
    // Mixed case is an EIP-55 checksum, and this one does not match: most likely a typo in one character.
    throw new InvalidParameterError({
      parameter,
      value,
      expected: `an address with a valid EIP-55 checksum (mixed case; the checksum of these 20 bytes is ${getAddress((value as string).toLowerCase())}): a character is probably wrong`,
    });
  }
  if (typeof value !== "string" || !isAddress(value)) {
    throw new InvalidParameterError({ parameter, value, expected: "a 20-byte 0x address" });
  }
  const address = getAddress(value);
  if (!allowZero && address === "0x0000000000000000000000000000000000000000") {
    throw new InvalidParameterError({ parameter, value, expected: "a non-zero address" });
  }
  return address;
}

/**
 * Returns `value` as a bigint greater than zero, or throws {@link InvalidParameterError}.
 *
 * @example
 * ```ts
 * import { assertPositive } from "@stokit/sdk";
 * const amount = assertPositive("amount", 1_000n);
 * ```
 */
export function assertPositive(parameter: string, value: unknown): bigint {
  const n = toBigInt(parameter, value);
  if (n <= 0n) throw new InvalidParameterError({ parameter, value, expected: "an integer greater than zero" });
  return n;
}

/**
 * Returns `value` as a bigint in `[0, max]`, or throws {@link InvalidParameterError}.
 *
 * @example
 * ```ts
 * import { assertUint } from "@stokit/sdk";
 * const id = assertUint("distributionId", 1n);
 * ```
 */
export function assertUint(parameter: string, value: unknown, max = (1n << 256n) - 1n): bigint {
  const n = toBigInt(parameter, value);
  if (n < 0n || n > max) throw new InvalidParameterError({ parameter, value, expected: `an integer in [0, ${max}]` });
  return n;
}

/**
 * Returns the unix timestamp `value` (seconds), which must be after `now` (seconds), or throws
 * {@link InvalidParameterError} (an expired deadline).
 *
 * @example
 * ```ts
 * import { assertFuture } from "@stokit/sdk";
 * assertFuture("claimDeadline", 2_000_000_000n, BigInt(Math.floor(Date.now() / 1000)));
 * ```
 */
export function assertFuture(parameter: string, value: unknown, now: bigint): bigint {
  const n = assertUint(parameter, value, (1n << 48n) - 1n);
  if (n <= now) {
    throw new InvalidParameterError({ parameter, value, expected: `a time after the current block time ${now}` });
  }
  return n;
}

function toBigInt(parameter: string, value: unknown): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === "string" && /^(0x[0-9a-fA-F]+|[0-9]+)$/.test(value)) return BigInt(value);
  throw new InvalidParameterError({ parameter, value, expected: "an integer (bigint)" });
}
