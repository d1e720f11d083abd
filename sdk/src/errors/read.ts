import type { StokitError } from "./base.js";
import { ContractNotFoundError } from "./notFound.js";
import { toStokitError, type ToStokitErrorContext } from "./normalize.js";
import { getProvider, type StokitRunner } from "../utils/runner.js";

/**
 * @internal {@link toStokitError} for a failed read, telling "no contract at this address" apart from a revert:
 * a call to an address without code answers empty data, which ethers reports as undecodable (or as a revert without
 * data). Only then is the code asked for (one request, on the failure path only).
 */
export async function toReadError(
  runner: StokitRunner,
  error: unknown,
  context: ToStokitErrorContext & { contractAddress: string },
): Promise<StokitError> {
  const e = error as { code?: unknown; value?: unknown; data?: unknown };
  const empty = (e?.code === "BAD_DATA" && e.value === "0x") || (e?.code === "CALL_EXCEPTION" && !e.data);
  if (empty) {
    try {
      if ((await getProvider(runner).getCode(context.contractAddress)) === "0x")
        return new ContractNotFoundError({
          address: context.contractAddress,
          functionName: context.functionName,
          cause: error,
        });
    } catch {
      // fall through: report what the call said
    }
  }
  return toStokitError(error, context);
}
