import { AbiCoder, Interface, Result, dataSlice, isHexString } from "ethers";

import { StokitError } from "./base.js";
import { catalogueErrorInterface, catalogueReason } from "./catalogue.js";
import type { RevertReasonFormatter } from "./reasons/format.js";

/** A revert decoded through the suite's ABIs. */
export type DecodedRevert = {
  /** The error's name, e.g. `DividendNothingToClaim`; `Error` for `require` strings, `Panic` for panics. */
  errorName: string;
  /** The error's signature, e.g. `DividendNothingToClaim(uint256,address)`. */
  signature: string;
  /** The 4-byte selector. */
  selector: string;
  /** The arguments by name (unnamed ones as `arg0`, `arg1`, ...). */
  args: Readonly<Record<string, unknown>>;
  /** The arguments in declaration order. */
  argList: readonly unknown[];
  /** One readable sentence. */
  reason: string;
};

function plain(value: unknown): unknown {
  return value instanceof Result ? value.toArray(true) : value;
}

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(formatValue).join(", ")}]`;
  return String(value);
}

/**
 * @internal Decodes revert data with `interfaces` (tried in order), then `Error(string)` and `Panic(uint256)`;
 * `reasonOf` gives the sentence for an error name. `null` for empty or unknown data.
 */
export function decodeRevert(
  data: string,
  interfaces: readonly Interface[],
  reasonOf: (errorName: string) => RevertReasonFormatter | undefined,
): DecodedRevert | null {
  if (!isHexString(data) || data.length < 10) return null;
  const selector = dataSlice(data, 0, 4);
  const coder = AbiCoder.defaultAbiCoder();
  let errorName: string;
  let signature: string;
  let names: string[];
  let values: unknown[];
  try {
    if (selector === "0x08c379a0") {
      [errorName, signature, names] = ["Error", "Error(string)", ["message"]];
      values = [...coder.decode(["string"], dataSlice(data, 4))];
    } else if (selector === "0x4e487b71") {
      [errorName, signature, names] = ["Panic", "Panic(uint256)", ["code"]];
      values = [...coder.decode(["uint256"], dataSlice(data, 4))];
    } else {
      let found: { name: string; signature: string; names: string[]; values: unknown[] } | null = null;
      for (const iface of interfaces) {
        const parsed = iface.parseError(data);
        if (parsed) {
          found = {
            name: parsed.name,
            signature: parsed.signature,
            names: parsed.fragment.inputs.map((p, i) => p.name || `arg${i}`),
            values: [...parsed.args].map(plain),
          };
          break;
        }
      }
      if (!found) return null;
      ({ name: errorName, signature, names, values } = found);
    }
  } catch {
    return null;
  }
  const args = Object.fromEntries(names.map((n, i) => [n, values[i]]));
  const formatter = reasonOf(errorName);
  const reason = formatter
    ? formatter(args)
    : `The contract reverted with ${errorName}(${values.map(formatValue).join(", ")}).`;
  return { errorName, signature, selector, args, argList: values, reason };
}

/** Parameters of {@link ContractRevertError}. */
export type ContractRevertErrorParameters = {
  /** The raw revert data (`0x` when the contract reverted without data). */
  data: string | undefined;
  /** The contract that was called, when known. */
  contractAddress?: string;
  /** The function that was called, when known. */
  functionName?: string;
  /** Interfaces to decode with first (then the errors of the SDK areas loaded, and the common ones). */
  interfaces?: readonly Interface[];
  cause?: unknown;
};

/**
 * A contract call or transaction reverted. When the revert data matches an error of the suite, `errorName`,
 * `args` and `reason` tell which rule refused and with which values; `shortMessage` is that sentence.
 *
 * @example
 * ```ts
 * import { ContractRevertError } from "@stokit/sdk";
 *
 * try {
 *   await client.dividends.claim({ distributionId: 1n });
 * } catch (error) {
 *   if (error instanceof ContractRevertError && error.errorName === "DividendNothingToClaim") {
 *     console.log(error.reason, error.args.holder);
 *   }
 * }
 * ```
 */
export class ContractRevertError extends StokitError {
  override name = "ContractRevertError";
  /** The decoded error's name, or `undefined` when the data could not be decoded. */
  readonly errorName: string | undefined;
  /** The decoded arguments by name (empty when not decoded). */
  readonly args: Readonly<Record<string, unknown>>;
  /** The decoded arguments in order. */
  readonly argList: readonly unknown[];
  /** The error's signature. */
  readonly signature: string | undefined;
  /** One readable sentence (also the `shortMessage`). */
  readonly reason: string;
  /** The raw revert data. */
  readonly data: string | undefined;
  readonly contractAddress: string | undefined;
  readonly functionName: string | undefined;

  constructor({ data, contractAddress, functionName, interfaces, cause }: ContractRevertErrorParameters) {
    const decoded = data
      ? decodeRevert(data, [...(interfaces ?? []), catalogueErrorInterface()], catalogueReason)
      : null;
    const reason =
      decoded?.reason ??
      (data && data !== "0x"
        ? `The contract reverted with unknown error data ${dataSlice(data, 0, Math.min(4, (data.length - 2) / 2))}.`
        : "The contract reverted without a reason.");
    const call = functionName ? `${functionName}${contractAddress ? ` on ${contractAddress}` : ""}` : contractAddress;
    super(reason, {
      cause,
      details: data ? `revert data ${data}` : undefined,
      docsPath: "#errors",
      metaMessages: [
        ...(decoded ? [`Error: ${decoded.errorName}(${decoded.argList.map(formatValue).join(", ")})`] : []),
        ...(call ? [`Call: ${call}`] : []),
      ],
    });
    this.errorName = decoded?.errorName;
    this.args = decoded?.args ?? {};
    this.argList = decoded?.argList ?? [];
    this.signature = decoded?.signature;
    this.reason = reason;
    this.data = data;
    this.contractAddress = contractAddress;
    this.functionName = functionName;
  }
}
