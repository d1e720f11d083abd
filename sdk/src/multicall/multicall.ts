import { Interface, type BaseContract, type BlockTag, type InterfaceAbi } from "ethers";

import { resolveAddress, type AddressOverrides } from "../addresses.js";
import type { StokitChain } from "../chains.js";
import { ContractRevertError } from "../errors/contract.js";
import { toStokitError } from "../errors/normalize.js";
import type { InvalidParameterError, UnsupportedChainError } from "../errors/parameter.js";
import { ContractNotFoundError } from "../errors/notFound.js";
import type { NetworkError, RpcError } from "../errors/rpc.js";
import { multicall3Abi } from "../generated/abis/Multicall3.js";
import { getChainId, getProvider, type ChainOptions, type StokitRunner } from "../utils/runner.js";
import { assertAddress } from "../utils/validate.js";

/** One read to batch: where, what, and how to decode its answer into `TResult`. */
export type ContractCall<TResult = unknown> = {
  target: string;
  callData: string;
  functionName: string;
  interface: Interface;
  /** Decodes the return data (a single output unwrapped, several as a tuple with names). */
  decode: (returnData: string) => TResult;
};

/** The result type of a {@link ContractCall}. */
export type ContractCallResult<T> = T extends ContractCall<infer R> ? R : never;

type MethodOf<C, F extends keyof C> = C[F] extends { staticCall: (...args: infer A) => Promise<infer R> }
  ? { args: A; result: R }
  : never;
type ViewNames<C> = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [K in keyof C]: C[K] extends { staticCall: (...args: any) => Promise<unknown>; fragment: unknown } ? K : never;
}[keyof C] &
  string;

function decoder<T>(iface: Interface, functionName: string) {
  return (returnData: string): T => {
    const result = iface.decodeFunctionResult(functionName, returnData);
    return (result.length === 1 ? result[0] : result) as T;
  };
}

/**
 * A typed read of a TypeChain contract, for {@link multicall}: the arguments and result are typed from the
 * contract's method. Nothing is sent.
 *
 * @example
 * ```ts
 * import { contractCall, multicall, DividendDistributor__factory } from "@stokit/sdk";
 *
 * const distributor = DividendDistributor__factory.connect(address, provider);
 * const [count, claimable] = await multicall(provider, {
 *   calls: [contractCall(distributor, "distributionCount", []), contractCall(distributor, "claimable", [1n, holder])],
 * });
 * ```
 */
export function contractCall<C extends BaseContract, F extends ViewNames<C>>(
  contract: C,
  functionName: F,
  args: MethodOf<C, F>["args"],
): ContractCall<MethodOf<C, F>["result"]> {
  const target = contract.target;
  if (typeof target !== "string") throw new TypeError("contractCall needs a contract with a plain address target");
  const iface = contract.interface;
  return {
    target,
    callData: iface.encodeFunctionData(functionName, args as unknown[]),
    functionName,
    interface: iface,
    decode: decoder(iface, functionName),
  };
}

/**
 * An untyped read from an ABI, for contracts without TypeChain types.
 *
 * @example
 * ```ts
 * import { abiCall } from "@stokit/sdk";
 * const call = abiCall<bigint>(token, ["function balanceOf(address) view returns (uint256)"], "balanceOf", [holder]);
 * ```
 */
export function abiCall<TResult = unknown>(
  target: string,
  abi: InterfaceAbi | Interface,
  functionName: string,
  args: readonly unknown[],
): ContractCall<TResult> {
  const iface = abi instanceof Interface ? abi : new Interface(abi);
  return {
    target,
    callData: iface.encodeFunctionData(functionName, args),
    functionName,
    interface: iface,
    decode: decoder<TResult>(iface, functionName),
  };
}

/** The outcome of one call in a batch: a call to an address without code fails with {@link ContractNotFoundError}. */
export type MulticallResult<T> =
  { status: "success"; result: T } | { status: "failure"; error: ContractRevertError | ContractNotFoundError };

/** Parameters of {@link multicall}. */
export type MulticallParameters<TCalls extends readonly ContractCall[]> = ChainOptions & {
  calls: TCalls;
  /** `true`: each result says success or failure; `false` (default): the first failure throws its decoded revert. */
  allowFailure?: boolean;
  /** Multicall3 address; default: `addresses.Multicall3`, the address book, then the chain's canonical one. */
  multicallAddress?: string;
  addresses?: AddressOverrides;
  chain?: StokitChain;
  blockTag?: BlockTag;
  /** Calls per `aggregate3` (one `eth_call` each). Default 1000. */
  batchSize?: number;
};

/** The return type of {@link multicall}: a tuple matching `calls`. */
export type MulticallReturnType<TCalls extends readonly ContractCall[], TAllowFailure extends boolean> = {
  -readonly [K in keyof TCalls]: TAllowFailure extends true
    ? MulticallResult<ContractCallResult<TCalls[K]>>
    : ContractCallResult<TCalls[K]>;
};

/** What {@link multicall} throws. */
export type MulticallErrorType =
  ContractRevertError | ContractNotFoundError | InvalidParameterError | UnsupportedChainError | NetworkError | RpcError;

const multicallInterface = /*#__PURE__*/ new Interface(multicall3Abi);

/**
 * Runs many reads in one `eth_call` to Multicall3's `aggregate3` (one round trip per `batchSize` calls), decoding
 * each answer with its call's ABI and each failure into a {@link ContractRevertError}.
 *
 * @example
 * ```ts
 * import { multicall, abiCall } from "@stokit/sdk";
 *
 * const erc20 = ["function balanceOf(address) view returns (uint256)"];
 * const balances = await multicall(provider, {
 *   calls: tokens.map((t) => abiCall<bigint>(t, erc20, "balanceOf", [holder])),
 * });
 * ```
 */
export async function multicall<const TCalls extends readonly ContractCall[], TAllowFailure extends boolean = false>(
  runner: StokitRunner,
  parameters: MulticallParameters<TCalls> & { allowFailure?: TAllowFailure },
): Promise<MulticallReturnType<TCalls, TAllowFailure>> {
  const { calls, allowFailure = false, blockTag, batchSize = 1000 } = parameters;
  if (calls.length === 0) return [] as MulticallReturnType<TCalls, TAllowFailure>;
  const provider = getProvider(runner);
  const address =
    parameters.multicallAddress !== undefined
      ? assertAddress("multicallAddress", parameters.multicallAddress)
      : resolveAddress(
          await getChainId(runner, parameters.chainId),
          "Multicall3",
          parameters.addresses,
          parameters.chain,
        );

  const chunks: ContractCall[][] = [];
  for (let i = 0; i < calls.length; i += batchSize) chunks.push(calls.slice(i, i + batchSize));
  const answers = await Promise.all(
    chunks.map(async (chunk) => {
      const data = multicallInterface.encodeFunctionData("aggregate3", [
        chunk.map((c) => ({ target: c.target, allowFailure: true, callData: c.callData })),
      ]);
      let raw: string;
      try {
        raw = await provider.call({ to: address, data, ...(blockTag !== undefined ? { blockTag } : {}) });
      } catch (error) {
        throw toStokitError(error, { contractAddress: address, functionName: "aggregate3" });
      }
      if (raw === "0x") {
        if ((await provider.getCode(address)) === "0x")
          throw new ContractNotFoundError({ address, functionName: "Multicall3.aggregate3" });
        throw new ContractRevertError({
          data: "0x",
          contractAddress: address,
          functionName: "aggregate3 (not Multicall3 at this address?)",
        });
      }
      const [results] = multicallInterface.decodeFunctionResult("aggregate3", raw) as unknown as [
        Array<{ success: boolean; returnData: string }>,
      ];
      return results;
    }),
  );
  const flat = answers.flat();
  // An empty answer to a function with outputs, or an empty revert, may be a call to an address without code (a
  // call to no code succeeds with no data): ask for the code of those targets only (one batched round trip).
  const suspects = [
    ...new Set(
      calls
        .filter((call, i) => flat[i]!.returnData === "0x" && (!flat[i]!.success || hasOutputs(call)))
        .map((call) => call.target),
    ),
  ];
  const codes = await Promise.all(suspects.map((t) => provider.getCode(t, blockTag).catch(() => "?")));
  const noCode = new Set(suspects.filter((_, k) => codes[k] === "0x"));
  const out = calls.map((call, i): MulticallResult<unknown> => {
    const { success, returnData } = flat[i]!;
    if (noCode.has(call.target)) {
      return {
        status: "failure",
        error: new ContractNotFoundError({ address: call.target, functionName: call.functionName }),
      };
    }
    if (success) {
      try {
        return { status: "success", result: call.decode(returnData) };
      } catch (cause) {
        return {
          status: "failure",
          error: new ContractRevertError({
            data: returnData,
            contractAddress: call.target,
            functionName: call.functionName,
            cause,
          }),
        };
      }
    }
    return {
      status: "failure",
      error: new ContractRevertError({
        data: returnData,
        contractAddress: call.target,
        functionName: call.functionName,
        interfaces: [call.interface],
      }),
    };
  });
  if (allowFailure) return out as MulticallReturnType<TCalls, TAllowFailure>;
  return out.map((r) => {
    if (r.status === "failure") throw r.error;
    return r.result;
  }) as MulticallReturnType<TCalls, TAllowFailure>;
}

function hasOutputs(call: ContractCall): boolean {
  try {
    return (call.interface.getFunction(call.functionName)?.outputs.length ?? 0) > 0;
  } catch {
    return true; // an overloaded name: every suite view has outputs
  }
}
