import { Interface, Signature, type TransactionResponse } from "ethers";

import type { ContractRevertError } from "../../errors/contract.js";
import { toStokitError } from "../../errors/normalize.js";
import { InvalidParameterError, type UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import type { TransactionFailedError, TransactionReplacedError } from "../../errors/transaction.js";
import * as permit from "../../generated/abis/IERC20Permit.js";
import { abiCall, multicall } from "../../multicall/multicall.js";
import {
  sendRequest,
  simulateRequest,
  waitForTransaction,
  type SimulateResult,
  type TransactionOptions,
  type WaitOptions,
  type WriteReceipt,
  type WriteRequest,
} from "../../transactions/write.js";
import { getChainId, getSigner, type StokitRunner } from "../../utils/runner.js";
import { assertPositive } from "../../utils/validate.js";
import { expand } from "../../utils/abi.js";
import { erc20Interface } from "../../utils/erc20.js";
import { buildWrite, eventArgs } from "../shared.js";
import {
  OFFERING_PHASES,
  offeringAt,
  offeringInterface,
  offeringWriteInterface,
  resolveOffering,
  type OfferingBaseParameters,
} from "./shared.js";

export type SubscribeParameters = OfferingBaseParameters &
  TransactionOptions & {
    /** Stablecoin amount (payment token units). */
    amount: bigint;
    /**
     * `"approve"`: approve the offering first when the allowance is short (a second transaction), then `subscribe`;
     * `"permit"`: sign an EIP-2612 permit and send one `subscribeWithPermit`. Default `"approve"`.
     */
    method?: "approve" | "permit";
    /** Permit deadline (unix seconds; default: 1 hour after the latest block). */
    permitDeadline?: bigint;
    /** The payment token's EIP-712 version for the permit (default: ERC-5267 `eip712Domain`, else `"1"`). */
    permitVersion?: string;
  };

/** What {@link prepareSubscribe} returns: the approval to send first (or `null`) and the subscription. */
export type SubscribePlan = { approval: WriteRequest<boolean> | null; subscription: WriteRequest<void> };
export type SubscribeReturnType = { approval: TransactionResponse | null; subscription: TransactionResponse };
export type SubscribeAndWaitReturnType = WriteReceipt & {
  /** The approval's receipt, when one was needed. */
  approval: WriteReceipt | null;
  /** The `Subscribed` event's values. */
  subscribed: { investor: string; amount: bigint; value: bigint; investorValue: bigint; totalValue: bigint };
};
export type SubscribeErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;
export type SubscribeAndWaitErrorType = SubscribeErrorType | TransactionFailedError | TransactionReplacedError;

const erc20 = erc20Interface;
const permitIface = /*#__PURE__*/ new Interface([
  ...expand("function", [permit.nonces]),
  "function eip712Domain() view returns (bytes1, string, string, uint256, address, bytes32, uint256[])",
]);

/**
 * Plans a subscription: checks in one Multicall3 round trip that the offering is open and the signer holds `amount`
 * of the payment token, then returns the approval to send first (approve method, allowance short) or signs the
 * EIP-2612 permit (permit method), and the subscription call.
 *
 * @example
 * ```ts
 * import { prepareSubscribe } from "@stokit/sdk";
 * const { approval, subscription } = await prepareSubscribe(investor, { offering, amount: 100n * 10n ** 6n });
 * ```
 */
export async function prepareSubscribe(runner: StokitRunner, p: SubscribeParameters): Promise<SubscribePlan> {
  const amount = assertPositive("amount", p.amount);
  const method = p.method ?? "approve";
  const signer = getSigner(runner);
  const offering = await resolveOffering(runner, p);
  const investor = await signer.getAddress();
  const c = offeringAt(offering, runner);
  const paymentToken = (
    await c.terms.staticCall().catch((e: unknown) => {
      throw toStokitError(e, { contractAddress: offering, functionName: "terms" });
    })
  ).paymentToken;
  const [phase, balance, allowance, nonce, name, domain] = await multicall(runner, {
    ...p,
    allowFailure: true,
    calls: [
      abiCall<bigint>(offering, offeringInterface, "phase", []),
      abiCall<bigint>(paymentToken, erc20, "balanceOf", [investor]),
      abiCall<bigint>(paymentToken, erc20, "allowance", [investor, offering]),
      abiCall<bigint>(paymentToken, permitIface, "nonces", [investor]),
      abiCall<string>(paymentToken, erc20, "name", []),
      abiCall<unknown[]>(paymentToken, permitIface, "eip712Domain", []),
    ] as const,
  });
  if (phase.status === "failure") throw phase.error;
  if (balance.status === "failure") throw balance.error;
  if (allowance.status === "failure") throw allowance.error;
  const phaseName = OFFERING_PHASES[Number(phase.result)];
  if (phaseName !== "Open")
    throw new InvalidParameterError({
      parameter: "offering",
      value: `${offering} (phase ${phaseName})`,
      expected: "an offering in phase Open",
    });
  if (balance.result < amount)
    throw new InvalidParameterError({
      parameter: "amount",
      value: amount,
      expected: `at most the balance ${balance.result}`,
    });

  if (method === "approve") {
    const subscription = await buildWrite<void>(runner, p, offering, offeringWriteInterface, "subscribe", [amount]);
    const approval =
      allowance.result >= amount
        ? null
        : await buildWrite<boolean>(runner, p, paymentToken, erc20, "approve", [offering, amount]);
    return { approval, subscription };
  }
  if (nonce.status === "failure" || name.status === "failure")
    throw new InvalidParameterError({
      parameter: "method",
      value: "permit",
      expected: "a payment token with EIP-2612 permit",
    });
  const chainId = await getChainId(runner, p.chainId);
  const version = p.permitVersion ?? (domain.status === "success" ? String(domain.result[2]) : "1");
  const latest = await signer.provider!.getBlock("latest");
  const deadline = p.permitDeadline ?? BigInt(latest!.timestamp) + 3600n;
  let signature: Signature;
  try {
    const raw = await signer.signTypedData(
      { name: name.result, version, chainId, verifyingContract: paymentToken },
      {
        Permit: [
          { name: "owner", type: "address" },
          { name: "spender", type: "address" },
          { name: "value", type: "uint256" },
          { name: "nonce", type: "uint256" },
          { name: "deadline", type: "uint256" },
        ],
      },
      { owner: investor, spender: offering, value: amount, nonce: nonce.result, deadline },
    );
    signature = Signature.from(raw);
  } catch (error) {
    throw toStokitError(error, { functionName: "signTypedData" });
  }
  const subscription = await buildWrite<void>(runner, p, offering, offeringWriteInterface, "subscribeWithPermit", [
    amount,
    deadline,
    signature.v,
    signature.r,
    signature.s,
  ]);
  return { approval: null, subscription };
}

/**
 * Simulates the plan: the approval when one is needed (the subscription itself cannot be simulated before the
 * approval is mined), else the subscription (the decoded refusal: `OfferingBelowMinimum`,
 * `OfferingInvestorRestricted`...). Nothing is sent.
 *
 * @example
 * ```ts
 * import { simulateSubscribe } from "@stokit/sdk";
 * await simulateSubscribe(investor, { offering, amount, method: "permit" });
 * ```
 */
export async function simulateSubscribe(
  runner: StokitRunner,
  p: SubscribeParameters,
): Promise<SimulateResult<boolean> | SimulateResult<void>> {
  const plan = await prepareSubscribe(runner, p);
  return plan.approval ? simulateRequest(runner, plan.approval) : simulateRequest(runner, plan.subscription);
}

/**
 * Subscribes in one call: approves and waits for the approval first when needed (approve method) or signs a permit
 * (permit method, one transaction), then sends the subscription (estimated first: a refusal is decoded before
 * signing).
 *
 * @example
 * ```ts
 * import { subscribe } from "@stokit/sdk";
 * const { subscription } = await subscribe(investor, { offering, amount: 100n * 10n ** 6n, method: "permit" });
 * ```
 */
export async function subscribe(runner: StokitRunner, p: SubscribeParameters): Promise<SubscribeReturnType> {
  const plan = await prepareSubscribe(runner, p);
  let approval: TransactionResponse | null = null;
  if (plan.approval) {
    approval = await sendRequest(runner, plan.approval, { ...p, nonce: undefined });
    await waitForTransaction(runner, { transaction: approval, confirmations: 1 });
  }
  const subscription = await sendRequest(runner, plan.subscription, { ...p, nonce: undefined });
  return { approval, subscription };
}

/**
 * Subscribes and waits for `confirmations`; returns both receipts and the `Subscribed` values.
 *
 * @example
 * ```ts
 * import { subscribeAndWait } from "@stokit/sdk";
 * const { subscribed, approval } = await subscribeAndWait(investor, { offering, amount: 100n * 10n ** 6n });
 * console.log(subscribed.investorValue, approval ? "approved first" : "allowance was enough");
 * ```
 */
export async function subscribeAndWait(
  runner: StokitRunner,
  p: SubscribeParameters & WaitOptions,
): Promise<SubscribeAndWaitReturnType> {
  const plan = await prepareSubscribe(runner, p);
  let approval: WriteReceipt | null = null;
  if (plan.approval) {
    const tx = await sendRequest(runner, plan.approval, { ...p, nonce: undefined });
    approval = await waitForTransaction(runner, { transaction: tx, confirmations: 1 });
  }
  const tx = await sendRequest(runner, plan.subscription, { ...p, nonce: undefined });
  const result = await waitForTransaction(runner, { transaction: tx, ...p });
  const a = eventArgs(result, "Subscribed");
  return {
    ...result,
    approval,
    subscribed: {
      investor: a.investor as string,
      amount: a.amount as bigint,
      value: a.value as bigint,
      investorValue: a.investorValue as bigint,
      totalValue: a.totalValue as bigint,
    },
  };
}
