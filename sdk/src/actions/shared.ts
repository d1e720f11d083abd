import type { Interface, TransactionResponse } from "ethers";

import { resolveAddress, type AddressOverrides, type ContractName } from "../addresses.js";
import type { StokitChain } from "../chains.js";
import {
  createWriteRequest,
  sendRequest,
  simulateRequest,
  waitForTransaction,
  type SimulateResult,
  type TransactionOptions,
  type WaitOptions,
  type WriteReceipt,
  type WriteRequest,
} from "../transactions/write.js";
import { getChainId, type ChainOptions, type StokitRunner } from "../utils/runner.js";
import { assertAddress } from "../utils/validate.js";

/**
 * Parameters every token, identity, points, oracle and offering action accepts: the chain, address overrides and a
 * chain definition. The contract itself is a parameter of each area (`token`, `registry`, `points`, `oracle`,
 * `offering`), defaulting to the address book's entry.
 *
 * @example
 * ```ts
 * import type { AreaParameters } from "@stokit/sdk";
 * const p: AreaParameters = { chainId: 56, addresses: { Points: "0x…" } };
 * ```
 */
export type AreaParameters = ChainOptions & { addresses?: AddressOverrides; chain?: StokitChain };

/** @internal The address given, else the address book's `name` on the runner's chain. */
export async function resolveTarget(
  runner: StokitRunner,
  p: AreaParameters,
  parameter: string,
  given: string | undefined,
  name: ContractName,
): Promise<string> {
  if (given !== undefined) return assertAddress(parameter, given);
  const chainId = await getChainId(runner, p.chainId);
  return resolveAddress(chainId, name, p.addresses, p.chain);
}

/** @internal Builds a write request from an interface call. */
export function buildWrite<T>(
  runner: StokitRunner,
  p: AreaParameters,
  to: string,
  iface: Interface,
  functionName: string,
  args: readonly unknown[],
  value?: bigint,
): Promise<WriteRequest<T>> {
  return createWriteRequest<T>(runner, {
    to,
    interface: iface,
    functionName,
    args,
    value,
    chainId: p.chainId,
    chain: p.chain,
  });
}

/** @internal The four forms of a write from its `prepare` function. */
export function writeForms<P extends AreaParameters & TransactionOptions, T, R>(
  prepare: (runner: StokitRunner, p: P) => Promise<WriteRequest<T>>,
  toResult: (receipt: WriteReceipt) => R,
) {
  return {
    simulate: async (runner: StokitRunner, p: P): Promise<SimulateResult<T>> =>
      simulateRequest(runner, await prepare(runner, p)),
    send: async (runner: StokitRunner, p: P): Promise<TransactionResponse> =>
      sendRequest(runner, await prepare(runner, p), p),
    sendAndWait: async (runner: StokitRunner, p: P & WaitOptions): Promise<WriteReceipt & R> => {
      const tx = await sendRequest(runner, await prepare(runner, p), p);
      const receipt = await waitForTransaction(runner, { transaction: tx, ...p });
      return { ...receipt, ...toResult(receipt) };
    },
  };
}

/** @internal The args of the first decoded event named `name` in a receipt (empty object when absent). */
export function eventArgs(receipt: WriteReceipt, name: string, address?: string): Readonly<Record<string, unknown>> {
  const e = receipt.events.find(
    (x) => x.eventName === name && (address === undefined || x.address.toLowerCase() === address.toLowerCase()),
  );
  return e?.args ?? {};
}
