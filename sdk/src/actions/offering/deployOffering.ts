import { Interface, ZeroAddress, getAddress, isHexString, type TransactionResponse } from "ethers";

import { getChain, type StokitChain } from "../../chains.js";
import { registerCatalogue, registerWriteInterface } from "../../errors/catalogue.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { toStokitError } from "../../errors/normalize.js";
import { InvalidParameterError, type UnsupportedChainError } from "../../errors/parameter.js";
import { offeringDeployReasons } from "../../errors/reasons/offering.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import type { TransactionFailedError, TransactionReplacedError } from "../../errors/transaction.js";
import * as ofr from "../../generated/abis/Offering.js";
import { getFeeSettings } from "../../transactions/gas.js";
import {
  waitForTransaction,
  type TransactionOptions,
  type WaitOptions,
  type WriteReceipt,
} from "../../transactions/write.js";
import { getChainId, getProvider, getSigner, type StokitRunner } from "../../utils/runner.js";
import { assertAddress, assertUint } from "../../utils/validate.js";
import type { AreaParameters } from "../shared.js";
import { offeringTerms, offeringWriteInterface } from "./shared.js";

// Registers the constructor's sentences in a pure initialiser (see the areas' shared modules).
const deployInterface = /*#__PURE__*/ (() => {
  registerCatalogue({ reasons: offeringDeployReasons });
  return new Interface([ofr.constructorFragment]);
})();

/**
 * The terms of a new offering (the constructor's `Terms`): amounts in the payment token's base units, `price` per
 * whole security token (1e18 units), times in unix seconds.
 *
 * @example
 * ```ts
 * import type { OfferingDeployTerms } from "@stokit/sdk";
 * const terms: OfferingDeployTerms = { token, paymentToken: usdc, price: 1_500_000n, minSubscription: 100_000_000n,
 *   maxSubscription: 10_000_000_000n, softCap: 50_000_000_000n, hardCap: 200_000_000_000n, startTime, endTime,
 *   lockupEnd: endTime, treasury };
 * ```
 */
export type OfferingDeployTerms = {
  token: string;
  paymentToken: string;
  price: bigint;
  minSubscription: bigint;
  maxSubscription: bigint;
  softCap: bigint;
  hardCap: bigint;
  startTime: bigint;
  endTime: bigint;
  /** Until when the tokens delivered stay locked up (at least `endTime`). */
  lockupEnd: bigint;
  /** Where the proceeds go. */
  treasury: string;
  /** An {IPriceOracle} to also accept the native coin (default: none). */
  oracle?: string;
  /** The key under which `oracle` prices the native coin (default: none). */
  oracleAsset?: string;
};

export type DeployOfferingParameters = AreaParameters &
  TransactionOptions & {
    /**
     * The Offering's creation bytecode: `offeringBytecode` from `@stokit/sdk/bytecode` (a separate entry, so that
     * only an app that deploys bundles it).
     */
    bytecode: string;
    terms: OfferingDeployTerms;
    /** Seconds a `DEFAULT_ADMIN_ROLE` transfer waits (OpenZeppelin `AccessControlDefaultAdminRules`). */
    adminDelay: bigint | number;
    /** The `DEFAULT_ADMIN_ROLE` holder (default: the signer). */
    admin?: string;
    /** The `ISSUER_ROLE` holder: finalises early, cancels, sets the treasury (default: the signer). */
    issuer?: string;
    /** The `OPERATOR_ROLE` holder (default: none). */
    operator?: string;
  };

/** A deployment ready to estimate or send: the creation code with the constructor arguments. */
export type DeployOfferingRequest = { data: string; chainId: number; chain: StokitChain };
export type DeployOfferingReturnType = TransactionResponse;
export type DeployOfferingAndWaitReturnType = WriteReceipt & {
  /** The new Offering's address. */
  offering: string;
};
export type DeployOfferingErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;
export type DeployOfferingAndWaitErrorType =
  DeployOfferingErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Builds the deployment of an Offering: validates the addresses and numbers, and encodes the constructor
 * (`terms`, `admin`, `adminDelay`, `issuer`, `operator`) after the creation code. The contract checks the rest (window,
 * limits, caps, lock-up, payment decimals, oracle) and {@link deployOffering} surfaces its refusal before signing.
 *
 * @example
 * ```ts
 * import { prepareDeployOffering } from "@stokit/sdk";
 * import { offeringBytecode } from "@stokit/sdk/bytecode";
 * const request = await prepareDeployOffering(issuer, { bytecode: offeringBytecode, terms, adminDelay: 86_400 });
 * ```
 */
export async function prepareDeployOffering(
  runner: StokitRunner,
  p: DeployOfferingParameters,
): Promise<DeployOfferingRequest> {
  if (!isHexString(p.bytecode) || p.bytecode.length < 4)
    throw new InvalidParameterError({
      parameter: "bytecode",
      value: typeof p.bytecode === "string" ? `${p.bytecode.slice(0, 12)}…` : p.bytecode,
      expected: "the Offering's creation bytecode (offeringBytecode from @stokit/sdk/bytecode)",
    });
  const terms = offeringTerms(p.terms);

  const adminDelay = assertUint("adminDelay", p.adminDelay, (1n << 48n) - 1n);
  const needsSigner = p.admin === undefined || p.issuer === undefined;
  const self = needsSigner ? await getSigner(runner).getAddress() : undefined;
  const admin = assertAddress("admin", p.admin ?? self);
  const issuer = assertAddress("issuer", p.issuer ?? self);
  const operator = assertAddress("operator", p.operator ?? ZeroAddress, { allowZero: true });
  const chainId = await getChainId(runner, p.chainId);
  const args = deployInterface.encodeDeploy([terms, admin, adminDelay, issuer, operator]);
  return { data: p.bytecode + args.slice(2), chainId, chain: getChain(chainId, p.chain) };
}

/**
 * Deploys an Offering from the signer: estimates first (a refusal of the constructor, such as `OfferingInvalidCaps`,
 * throws the decoded {@link ContractRevertError} before anything is signed), prices the transaction for the chain and
 * returns it broadcast. The offering mints the security token on claims: grant it the token's `AGENT_ROLE` and
 * `LOCKUP_ROLE` afterwards (`grantRole`).
 *
 * @example
 * ```ts
 * import { deployOffering } from "@stokit/sdk";
 * import { offeringBytecode } from "@stokit/sdk/bytecode";
 * const tx = await deployOffering(issuer, { bytecode: offeringBytecode, terms, adminDelay: 86_400 });
 * ```
 */
export async function deployOffering(
  runner: StokitRunner,
  p: DeployOfferingParameters,
): Promise<DeployOfferingReturnType> {
  const request = await prepareDeployOffering(runner, p);
  registerWriteInterface(offeringWriteInterface); // its receipt decodes the offering's events
  const signer = getSigner(runner);
  const from = await signer.getAddress();
  const context = { functionName: "constructor", interfaces: [offeringWriteInterface] };
  // On a legacy-priced chain the ethers signer fills `gasPrice` itself (as sendRequest does).
  const legacy = !p.fees && request.chain.feeModel === "legacy";
  const [estimated, fees] = await Promise.all([
    p.gasLimit ??
      getProvider(runner)
        .estimateGas({ from, data: request.data })
        .catch((error: unknown) => {
          throw toStokitError(error, context);
        }),
    legacy ? ({ type: 0 } as const) : (p.fees ?? getFeeSettings(runner, { chain: request.chain })),
  ]);
  const gasLimit = p.gasLimit ?? estimated + (estimated * (p.gasMarginBps ?? 2000n)) / 10_000n;
  try {
    return await signer.sendTransaction({
      data: request.data,
      gasLimit,
      chainId: request.chainId,
      ...(p.nonce !== undefined ? { nonce: p.nonce } : {}),
      ...fees,
    });
  } catch (error) {
    throw toStokitError(error, context);
  }
}

/**
 * Deploys an Offering, waits for `confirmations` and returns the receipt, the decoded events (its role grants) and
 * the new offering's address.
 *
 * @example
 * ```ts
 * import { deployOfferingAndWait, grantRoleAndWait } from "@stokit/sdk";
 * import { offeringBytecode } from "@stokit/sdk/bytecode";
 * const { offering } = await deployOfferingAndWait(issuer, { bytecode: offeringBytecode, terms, adminDelay: 86_400 });
 * await grantRoleAndWait(tokenAdmin, { contract: terms.token, role: "AGENT_ROLE", account: offering });
 * await grantRoleAndWait(tokenAdmin, { contract: terms.token, role: "LOCKUP_ROLE", account: offering });
 * ```
 */
export async function deployOfferingAndWait(
  runner: StokitRunner,
  p: DeployOfferingParameters & WaitOptions,
): Promise<DeployOfferingAndWaitReturnType> {
  const tx = await deployOffering(runner, p);
  const result = await waitForTransaction(runner, { ...p, transaction: tx });
  return { ...result, offering: getAddress(result.receipt.contractAddress!) };
}
