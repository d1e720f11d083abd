import type { TransactionResponse } from "ethers";

import type { ContractRevertError } from "../../errors/contract.js";
import type { ContractNotFoundError } from "../../errors/notFound.js";
import type { InvalidParameterError, UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import type { TransactionFailedError, TransactionReplacedError } from "../../errors/transaction.js";
import type {
  SimulateResult,
  TransactionOptions,
  WaitOptions,
  WriteReceipt,
  WriteRequest,
} from "../../transactions/write.js";
import type { StokitRunner } from "../../utils/runner.js";
import { assertUint } from "../../utils/validate.js";
import { buildWrite, writeForms } from "../shared.js";
import { resolveToken, tokenWriteInterface, type TokenBaseParameters } from "./shared.js";

export type SetRulesParameters = TokenBaseParameters &
  TransactionOptions & { rules: number; requiredClasses: number; maxInvestors: number; maxBalance: bigint };
export type SetRulesReturnType = TransactionResponse;
export type SetRulesAndWaitReturnType = WriteReceipt & { rules: Readonly<Record<string, unknown>> };
export type SetRulesErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | ContractNotFoundError | NetworkError | RpcError;
export type SetRulesAndWaitErrorType = SetRulesErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Builds the call: sets the token's compliance rules (`setRules`, the token's `COMPLIANCE_ROLE`): the rule flags, the investor classes required, the investor cap (0 = none) and the balance cap (0 = none).
 *
 * @example
 * ```ts
 * import { prepareSetRules, estimateRequest } from "@stokit/sdk";
 *
 * const request = await prepareSetRules(signer, { token, rules: 1, requiredClasses: 0, maxInvestors: 2000, maxBalance: 0n });
 * const { gas } = await estimateRequest(signer, request);
 * ```
 */
export async function prepareSetRules(runner: StokitRunner, p: SetRulesParameters): Promise<WriteRequest<unknown>> {
  const args = [
    assertUint("rules", p.rules, 255n),
    assertUint("requiredClasses", p.requiredClasses, 255n),
    assertUint("maxInvestors", p.maxInvestors, (1n << 24n) - 1n),
    assertUint("maxBalance", p.maxBalance, (1n << 96n) - 1n),
  ];
  return buildWrite(runner, p, await resolveToken(runner, p), tokenWriteInterface, "setRules", args);
}

const forms = /*#__PURE__*/ writeForms(prepareSetRules, (r): { rules: Readonly<Record<string, unknown>> } => ({
  rules: r.events.find((x) => x.eventName === "RulesUpdated")?.args ?? {},
}));

/**
 * Simulates it from the signer (an `eth_call`): the decoded refusal, if any. Nothing is sent.
 *
 * @example
 * ```ts
 * import { simulateSetRules } from "@stokit/sdk";
 * await simulateSetRules(signer, { token, rules: 1, requiredClasses: 0, maxInvestors: 2000, maxBalance: 0n });
 * ```
 */
export function simulateSetRules(runner: StokitRunner, p: SetRulesParameters): Promise<SimulateResult<unknown>> {
  return forms.simulate(runner, p);
}

/**
 * sets the token's compliance rules (`setRules`, the token's `COMPLIANCE_ROLE`): the rule flags, the investor classes required, the investor cap (0 = none) and the balance cap (0 = none). Estimates first: a refusal throws the decoded {@link ContractRevertError} before anything is signed.
 *
 * @example
 * ```ts
 * import { setRules } from "@stokit/sdk";
 * const tx = await setRules(signer, { token, rules: 1, requiredClasses: 0, maxInvestors: 2000, maxBalance: 0n });
 * ```
 */
export function setRules(runner: StokitRunner, p: SetRulesParameters): Promise<SetRulesReturnType> {
  return forms.send(runner, p);
}

/**
 * Sends it, waits for `confirmations` and returns the receipt, the decoded events and the `RulesUpdated` values.
 *
 * @example
 * ```ts
 * import { setRulesAndWait } from "@stokit/sdk";
 * const { receipt } = await setRulesAndWait(signer, { ...{ token, rules: 1, requiredClasses: 0, maxInvestors: 2000, maxBalance: 0n }, confirmations: 1 });
 * ```
 */
export function setRulesAndWait(
  runner: StokitRunner,
  p: SetRulesParameters & WaitOptions,
): Promise<SetRulesAndWaitReturnType> {
  return forms.sendAndWait(runner, p);
}
