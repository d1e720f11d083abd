import type { Interface, TransactionReceipt, TransactionResponse } from "ethers";

import { getChain, type StokitChain } from "../chains.js";
import { catalogueErrorInterface, catalogueEventInterface, registerWriteInterface } from "../errors/catalogue.js";
import { ContractRevertError } from "../errors/contract.js";
import { ContractNotFoundError } from "../errors/notFound.js";
import { toStokitError } from "../errors/normalize.js";
import { TransactionFailedError, TransactionReplacedError } from "../errors/transaction.js";
import { getChainId, getProvider, getSigner, type StokitRunner } from "../utils/runner.js";
import { estimateL1Fee, getFeeSettings, type FeeSettings } from "./gas.js";

/** A prepared contract write: everything needed to simulate, estimate, batch or send it. */
export type WriteRequest<TResult = unknown> = {
  to: string;
  data: string;
  value: bigint;
  functionName: string;
  interface: Interface;
  chainId: number;
  chain: StokitChain;
  /** Decodes the function's return data (what a simulation returns). */
  decodeResult: (returnData: string) => TResult;
};

/** Transaction options every write accepts. */
export type TransactionOptions = {
  /** Gas limit; default: the estimate plus {@link TransactionOptions.gasMarginBps}. */
  gasLimit?: bigint;
  /** Margin added to the gas estimate, in basis points (default 2000 = +20%). */
  gasMarginBps?: bigint;
  /** Fee fields; default: {@link getFeeSettings} for the chain. */
  fees?: FeeSettings;
  /** Nonce; default: the signer's. */
  nonce?: number;
};

/** Options of the `…AndWait` variants. */
export type WaitOptions = {
  /** Confirmations to wait for (default 1). */
  confirmations?: number;
  /** Give up after this many milliseconds (default: wait forever). */
  timeoutMs?: number;
};

/** An event log decoded through the suite's ABIs. */
export type DecodedEvent = {
  eventName: string;
  signature: string;
  address: string;
  logIndex: number;
  args: Readonly<Record<string, unknown>>;
};

/** What a write's `…AndWait` variant returns. */
export type WriteReceipt = {
  hash: string;
  receipt: TransactionReceipt;
  /** Every log of the receipt that one of the suite's ABIs decodes. */
  events: DecodedEvent[];
};

/** What {@link simulateRequest} returns. */
export type SimulateResult<TResult> = { result: TResult; request: WriteRequest<TResult> };

/** What {@link estimateRequest} returns. */
export type EstimateResult = {
  gas: bigint;
  fees: FeeSettings;
  /** OP-stack L1 data fee (Base), in wei; undefined elsewhere. */
  l1Fee: bigint | undefined;
  /** Worst-case cost in wei: gas x (gasPrice or maxFeePerGas) + l1Fee. */
  maxCost: bigint;
};

/**
 * Builds a {@link WriteRequest} (used by every write action's `prepare…`).
 *
 * @example
 * ```ts
 * import { createWriteRequest, DividendDistributor__factory } from "@stokit/sdk";
 *
 * const request = await createWriteRequest(signer, {
 *   to: distributor,
 *   interface: DividendDistributor__factory.createInterface(),
 *   functionName: "claim",
 *   args: [1n],
 * });
 * ```
 */
export async function createWriteRequest<TResult = unknown>(
  runner: StokitRunner,
  p: {
    to: string;
    interface: Interface;
    functionName: string;
    args: readonly unknown[];
    value?: bigint;
    chainId?: number;
    chain?: StokitChain;
  },
): Promise<WriteRequest<TResult>> {
  const chainId = await getChainId(runner, p.chainId);
  const iface = p.interface;
  registerWriteInterface(iface);
  return {
    to: p.to,
    data: iface.encodeFunctionData(p.functionName, p.args),
    value: p.value ?? 0n,
    functionName: p.functionName,
    interface: iface,
    chainId,
    chain: getChain(chainId, p.chain),
    decodeResult: (returnData: string) => {
      const r = iface.decodeFunctionResult(p.functionName, returnData);
      return (r.length === 1 ? r[0] : r) as TResult;
    },
  };
}

function interfacesOf(request: WriteRequest<unknown>): Interface[] {
  return [request.interface];
}

async function fromOf(runner: StokitRunner): Promise<string | undefined> {
  const maybe = runner as { getAddress?: () => Promise<string> };
  return typeof maybe.getAddress === "function" ? await maybe.getAddress() : undefined;
}

/**
 * Runs the write as an `eth_call` from the signer: returns what the function would return, or throws the decoded
 * {@link ContractRevertError} — nothing is sent.
 *
 * @example
 * ```ts
 * import { simulateRequest } from "@stokit/sdk";
 * const { result } = await simulateRequest(signer, request);
 * ```
 */
export async function simulateRequest<TResult>(
  runner: StokitRunner,
  request: WriteRequest<TResult>,
): Promise<SimulateResult<TResult>> {
  const from = await fromOf(runner);
  try {
    const raw = await getProvider(runner).call({ from, to: request.to, data: request.data, value: request.value });
    if (raw === "0x" && (await getProvider(runner).getCode(request.to)) === "0x")
      throw new ContractNotFoundError({ address: request.to, functionName: request.functionName });
    return { result: request.decodeResult(raw), request };
  } catch (error) {
    throw toStokitError(error, {
      contractAddress: request.to,
      functionName: request.functionName,
      interfaces: interfacesOf(request),
    });
  }
}

/**
 * Estimates gas, fees and the worst-case cost of the write (with Base's L1 data fee), throwing the decoded
 * {@link ContractRevertError} if it would revert.
 *
 * @example
 * ```ts
 * import { estimateRequest } from "@stokit/sdk";
 * const { gas, fees, l1Fee, maxCost } = await estimateRequest(signer, request);
 * ```
 */
export async function estimateRequest(
  runner: StokitRunner,
  request: WriteRequest<unknown>,
  options: TransactionOptions = {},
): Promise<EstimateResult> {
  const from = await fromOf(runner);
  const [gas, fees] = await Promise.all([
    options.gasLimit ??
      getProvider(runner)
        .estimateGas({ from, to: request.to, data: request.data, value: request.value })
        .catch((error: unknown) => {
          throw toStokitError(error, {
            contractAddress: request.to,
            functionName: request.functionName,
            interfaces: interfacesOf(request),
          });
        }),
    options.fees ?? getFeeSettings(runner, { chain: request.chain }),
  ]);
  const l1Fee = await estimateL1Fee(runner, {
    to: request.to,
    data: request.data,
    value: request.value,
    gasLimit: gas,
    fees,
    chain: request.chain,
  });
  const price = fees.type === 0 ? fees.gasPrice : fees.maxFeePerGas;
  return { gas, fees, l1Fee, maxCost: gas * price + (l1Fee ?? 0n) };
}

/**
 * Sends the write: estimates gas (which surfaces a revert as a decoded {@link ContractRevertError} before
 * anything is signed), prices it for the chain, and returns the broadcast transaction.
 *
 * @example
 * ```ts
 * import { sendRequest } from "@stokit/sdk";
 * const tx = await sendRequest(signer, request);
 * console.log(tx.hash);
 * ```
 */
export async function sendRequest(
  runner: StokitRunner,
  request: WriteRequest<unknown>,
  options: TransactionOptions = {},
): Promise<TransactionResponse> {
  const signer = getSigner(runner);
  const from = await signer.getAddress();
  // On a legacy-priced chain an ethers signer reads the fee data itself for a type-0 transaction whatever we
  // pass, so we let it fill `gasPrice` rather than asking twice.
  const legacy = !options.fees && request.chain.feeModel === "legacy";
  // The code check rides in the same JSON-RPC batch as the estimate: a transaction to an address without code
  // would "succeed" and do nothing.
  const [estimated, fees, code] = await Promise.all([
    options.gasLimit ??
      getProvider(runner)
        .estimateGas({ from, to: request.to, data: request.data, value: request.value })
        .catch((error: unknown) => {
          throw toStokitError(error, {
            contractAddress: request.to,
            functionName: request.functionName,
            interfaces: interfacesOf(request),
          });
        }),
    legacy ? ({ type: 0 } as const) : (options.fees ?? getFeeSettings(runner, { chain: request.chain })),
    getProvider(runner)
      .getCode(request.to)
      .catch(() => "?"),
  ]);
  if (code === "0x") throw new ContractNotFoundError({ address: request.to, functionName: request.functionName });
  const gasLimit = options.gasLimit ?? estimated + (estimated * (options.gasMarginBps ?? 2000n)) / 10_000n;
  try {
    return await signer.sendTransaction({
      to: request.to,
      data: request.data,
      value: request.value,
      gasLimit,
      chainId: request.chainId,
      ...(options.nonce !== undefined ? { nonce: options.nonce } : {}),
      ...fees,
    });
  } catch (error) {
    throw toStokitError(error, {
      contractAddress: request.to,
      functionName: request.functionName,
      interfaces: interfacesOf(request),
    });
  }
}

/**
 * Decodes the logs of a receipt through `interfaces` (by default the events of the SDK areas loaded, with the ERC-20,
 * access-control and pause events; `getSuiteInterfaces()` gives every event of the suite); logs no ABI knows are
 * left out.
 *
 * @example
 * ```ts
 * import { decodeEvents } from "@stokit/sdk";
 *
 * const receipt = await provider.getTransactionReceipt(hash);
 * for (const e of decodeEvents(receipt!)) console.log(e.eventName, e.args);
 * ```
 */
export function decodeEvents(
  receipt: TransactionReceipt,
  interfaces: readonly Interface[] = [catalogueEventInterface()],
): DecodedEvent[] {
  const events: DecodedEvent[] = [];
  for (const log of receipt.logs) {
    for (const iface of interfaces) {
      let parsed;
      try {
        parsed = iface.parseLog({ topics: [...log.topics], data: log.data });
      } catch {
        parsed = null;
      }
      if (parsed) {
        const args = Object.fromEntries(parsed.fragment.inputs.map((p, i) => [p.name || `arg${i}`, parsed.args[i]]));
        events.push({
          eventName: parsed.name,
          signature: parsed.signature,
          address: log.address,
          logIndex: log.index,
          args,
        });
        break;
      }
    }
  }
  return events;
}

/** Parameters of {@link waitForTransaction}. */
export type WaitForTransactionParameters = WaitOptions & {
  /** The broadcast transaction (preferred: lets ethers detect a replacement) or its hash. */
  transaction: TransactionResponse | string;
  /**
   * Interfaces to decode events and reverts with (default: the events and errors of the SDK areas loaded and the
   * common ERC-20, access-control and pause ones; `getSuiteInterfaces()` for the whole suite).
   */
  interfaces?: readonly Interface[];
};

/**
 * Waits for `confirmations` and returns the receipt with decoded events. A failed transaction throws
 * {@link TransactionFailedError} with the revert replayed and decoded; a replaced one
 * {@link TransactionReplacedError}.
 *
 * @example
 * ```ts
 * import { waitForTransaction } from "@stokit/sdk";
 * const { receipt, events } = await waitForTransaction(provider, { transaction: tx, confirmations: 2 });
 * ```
 */
export async function waitForTransaction(
  runner: StokitRunner,
  parameters: WaitForTransactionParameters,
): Promise<WriteReceipt> {
  const provider = getProvider(runner);
  const { confirmations = 1, timeoutMs } = parameters;
  const interfaces = parameters.interfaces ?? [catalogueEventInterface(), catalogueErrorInterface()];
  const hash = typeof parameters.transaction === "string" ? parameters.transaction : parameters.transaction.hash;
  let receipt: TransactionReceipt | null;
  try {
    receipt =
      typeof parameters.transaction === "string"
        ? await provider.waitForTransaction(hash, confirmations, timeoutMs)
        : await parameters.transaction.wait(confirmations, timeoutMs);
  } catch (error) {
    const e = error as {
      code?: string;
      receipt?: TransactionReceipt;
      reason?: string;
      replacement?: TransactionResponse;
    };
    if (e.code === "CALL_EXCEPTION" && e.receipt) {
      receipt = e.receipt;
    } else if (e.code === "TRANSACTION_REPLACED") {
      const reason = (e.reason === "repriced" || e.reason === "cancelled" ? e.reason : "replaced") as
        "repriced" | "cancelled" | "replaced";
      throw new TransactionReplacedError({
        hash,
        replacement: e.replacement?.hash ?? "unknown",
        reason,
        receipt: e.receipt ?? null,
        cause: error,
      });
    } else {
      throw toStokitError(error);
    }
  }
  if (!receipt)
    throw toStokitError(Object.assign(new Error(`Transaction ${hash} was not mined in time`), { code: "TIMEOUT" }));
  if (receipt.status !== 1) {
    let revert: ContractRevertError | undefined;
    try {
      const tx = await provider.getTransaction(hash);
      if (tx) {
        await provider.call({
          from: tx.from,
          to: tx.to,
          data: tx.data,
          value: tx.value,
          blockTag: receipt.blockNumber,
        });
      }
    } catch (error) {
      const normalized = toStokitError(error, { contractAddress: receipt.to ?? undefined, interfaces });
      if (normalized instanceof ContractRevertError) revert = normalized;
    }
    throw new TransactionFailedError({ hash, receipt, revert });
  }
  return { hash, receipt, events: decodeEvents(receipt, interfaces) };
}
