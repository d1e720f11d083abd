import type { AddressOverrides } from "../addresses.js";
import type { StokitChain } from "../chains.js";
import { claim, claimAndWait, prepareClaim, simulateClaim, type ClaimParameters } from "../actions/dividends/claim.js";
import {
  claimFor,
  claimForAndWait,
  prepareClaimFor,
  simulateClaimFor,
  type ClaimForParameters,
} from "../actions/dividends/claimFor.js";
import {
  claimMany,
  claimManyAndWait,
  prepareClaimMany,
  simulateClaimMany,
  type ClaimManyParameters,
} from "../actions/dividends/claimMany.js";
import {
  createDistribution,
  createDistributionAndWait,
  prepareCreateDistribution,
  simulateCreateDistribution,
  type CreateDistributionParameters,
} from "../actions/dividends/createDistribution.js";
import { getClaimable, type GetClaimableParameters } from "../actions/dividends/getClaimable.js";
import { getClaimableMany, type GetClaimableManyParameters } from "../actions/dividends/getClaimableMany.js";
import { getDistribution, type GetDistributionParameters } from "../actions/dividends/getDistribution.js";
import {
  transfer,
  transferAndWait,
  prepareTransfer,
  simulateTransfer,
  type TransferParameters,
} from "../actions/token/transfer.js";
import { mint, mintAndWait, prepareMint, simulateMint, type MintParameters } from "../actions/token/mint.js";
import {
  forcedTransfer,
  forcedTransferAndWait,
  prepareForcedTransfer,
  simulateForcedTransfer,
  type ForcedTransferParameters,
} from "../actions/token/forcedTransfer.js";
import {
  freezeAddress,
  freezeAddressAndWait,
  prepareFreezeAddress,
  simulateFreezeAddress,
  type FreezeAddressParameters,
} from "../actions/token/freezeAddress.js";
import {
  freezeTokens,
  freezeTokensAndWait,
  prepareFreezeTokens,
  simulateFreezeTokens,
  type FreezeTokensParameters,
} from "../actions/token/freezeTokens.js";
import {
  recoverWallet,
  recoverWalletAndWait,
  prepareRecoverWallet,
  simulateRecoverWallet,
  type RecoverWalletParameters,
} from "../actions/token/recoverWallet.js";
import {
  registerInvestor,
  registerInvestorAndWait,
  prepareRegisterInvestor,
  simulateRegisterInvestor,
  type RegisterInvestorParameters,
} from "../actions/identity/registerInvestor.js";
import {
  registerWithAttestation,
  registerWithAttestationAndWait,
  prepareRegisterWithAttestation,
  simulateRegisterWithAttestation,
  type RegisterWithAttestationParameters,
} from "../actions/identity/registerWithAttestation.js";
import {
  redeemVoucher,
  redeemVoucherAndWait,
  prepareRedeemVoucher,
  simulateRedeemVoucher,
  type RedeemVoucherParameters,
} from "../actions/points/redeemVoucher.js";
import {
  spendPoints,
  spendPointsAndWait,
  prepareSpendPoints,
  simulateSpendPoints,
  type SpendPointsParameters,
} from "../actions/points/spendPoints.js";
import {
  claimOffering,
  claimOfferingAndWait,
  prepareClaimOffering,
  simulateClaimOffering,
  type ClaimOfferingParameters,
} from "../actions/offering/claimOffering.js";
import { getTokenBalance, type GetTokenBalanceParameters } from "../actions/token/getTokenBalance.js";
import { checkTransfer, type CheckTransferParameters } from "../actions/token/checkTransfer.js";
import { getInvestor, type GetInvestorParameters } from "../actions/identity/getInvestor.js";
import { signKycAttestation, type SignKycAttestationParameters } from "../actions/identity/signKycAttestation.js";
import { getPointsBalance, type GetPointsBalanceParameters } from "../actions/points/getPointsBalance.js";
import { signPointsVoucher, type SignPointsVoucherParameters } from "../actions/points/signPointsVoucher.js";
import { reconcilePoints, type ReconcilePointsParameters } from "../actions/points/reconcilePoints.js";
import { getPrice, type GetPriceParameters } from "../actions/oracle/getPrice.js";
import { priceOf, type PriceOfParameters } from "../actions/oracle/priceOf.js";
import { getBreakerState, type GetBreakerStateParameters } from "../actions/oracle/getBreakerState.js";
import { getOffering, type GetOfferingParameters } from "../actions/offering/getOffering.js";
import { getPortfolio, type GetPortfolioParameters } from "../actions/portfolio/getPortfolio.js";
import {
  prepareSubscribe,
  simulateSubscribe,
  subscribe,
  subscribeAndWait,
  type SubscribeParameters,
} from "../actions/offering/subscribe.js";
import { createSubgraphClient } from "../subgraph/client.js";
import { multicall, type ContractCall, type MulticallParameters } from "../multicall/multicall.js";
import { getFeeSettings } from "../transactions/gas.js";
import { replaceTransaction, type ReplaceTransactionParameters } from "../transactions/replace.js";
import {
  estimateRequest,
  simulateRequest,
  waitForTransaction,
  type TransactionOptions,
  type WaitForTransactionParameters,
  type WaitOptions,
  type WriteRequest,
} from "../transactions/write.js";
import { getChainId, type StokitRunner } from "../utils/runner.js";
import {
  prepareScheduleRecordDate,
  simulateScheduleRecordDate,
  scheduleRecordDate,
  scheduleRecordDateAndWait,
  type ScheduleRecordDateParameters,
} from "../actions/token/scheduleRecordDate.js";
import {
  prepareSetRules,
  simulateSetRules,
  setRules,
  setRulesAndWait,
  type SetRulesParameters,
} from "../actions/token/setRules.js";
import {
  prepareSetCountries,
  simulateSetCountries,
  setCountries,
  setCountriesAndWait,
  type SetCountriesParameters,
} from "../actions/token/setCountries.js";
import {
  deployOffering,
  deployOfferingAndWait,
  prepareDeployOffering,
  type DeployOfferingParameters,
} from "../actions/offering/deployOffering.js";
import {
  prepareFinaliseOffering,
  simulateFinaliseOffering,
  finaliseOffering,
  finaliseOfferingAndWait,
  type FinaliseOfferingParameters,
} from "../actions/offering/finaliseOffering.js";
import {
  prepareSettleOffering,
  simulateSettleOffering,
  settleOffering,
  settleOfferingAndWait,
  type SettleOfferingParameters,
} from "../actions/offering/settleOffering.js";
import {
  prepareGrantRole,
  simulateGrantRole,
  grantRole,
  grantRoleAndWait,
  type GrantRoleParameters,
} from "../actions/admin/grantRole.js";
import {
  prepareRevokeRole,
  simulateRevokeRole,
  revokeRole,
  revokeRoleAndWait,
  type RevokeRoleParameters,
} from "../actions/admin/revokeRole.js";
import {
  prepareSetPaused,
  simulateSetPaused,
  setPaused,
  setPausedAndWait,
  type SetPausedParameters,
} from "../actions/admin/setPaused.js";

/** Parameters of {@link createStokitClient}. */
export type CreateStokitClientParameters = {
  /** An ethers v6 Provider (read-only client) or Signer (browser wallet, Wallet, remote/KMS signer). */
  runner: StokitRunner;
  /** The chain the client must be on; every call checks the runner's chain against it. */
  chainId?: number;
  /** Contract addresses that override the built-in address book (e.g. a local deployment, Multicall3 on Besu). */
  addresses?: AddressOverrides;
  /** A chain definition for chains the SDK does not know (a Besu network with its own id). */
  chain?: StokitChain;
  /** The subgraph's GraphQL endpoint (enables `client.subgraph`). */
  subgraphUrl?: string;
};

/** Parameters of a client method: the action's own, without what the client supplies. */
type Bound<P> = Omit<P, "chainId" | "addresses" | "chain"> &
  Partial<Pick<CreateStokitClientParameters, "addresses" | "chain">>;

/**
 * A client bound to one runner and deployment: every method delegates to the plain function of the same name with
 * the client's `chainId`, `addresses` and `chain`. Areas: `admin`, `token`, `identity`, `offering`, `dividends`,
 * `points`, `oracle`, plus `getPortfolio` and (with `subgraphUrl`) `subgraph`.
 *
 * @example
 * ```ts
 * import { BrowserProvider } from "ethers";
 * import { createStokitClient } from "@stokit/sdk";
 *
 * const signer = await new BrowserProvider(window.ethereum).getSigner();
 * const client = createStokitClient({ runner: signer, chainId: 56 });
 * const { items, totals } = await client.dividends.getClaimableMany({ account: await signer.getAddress() });
 * const { claimed } = await client.dividends.claimManyAndWait({});
 * ```
 */
export function createStokitClient(parameters: CreateStokitClientParameters) {
  const { runner } = parameters;
  const bind = <P extends object>(p: Bound<P>): P =>
    ({
      chainId: parameters.chainId,
      chain: parameters.chain,
      ...p,
      addresses: { ...parameters.addresses, ...(p as { addresses?: AddressOverrides }).addresses },
    }) as unknown as P;

  return {
    runner,
    chainId: parameters.chainId,
    addresses: parameters.addresses,
    /** The runner's chain id (checked against `chainId`). */
    getChainId: () => getChainId(runner, parameters.chainId),
    /** {@link multicall} on this client's chain. */
    multicall: <const TCalls extends readonly ContractCall[], TAllowFailure extends boolean = false>(
      p: Bound<MulticallParameters<TCalls>> & { allowFailure?: TAllowFailure },
    ) => multicall<TCalls, TAllowFailure>(runner, bind(p)),
    /** {@link getFeeSettings} for this chain. */
    getFeeSettings: () => getFeeSettings(runner, { chainId: parameters.chainId, chain: parameters.chain }),
    /** {@link simulateRequest}. */
    simulate: <T>(request: WriteRequest<T>) => simulateRequest(runner, request),
    /** {@link estimateRequest}. */
    estimate: (request: WriteRequest<unknown>, options?: TransactionOptions) =>
      estimateRequest(runner, request, options),
    /** {@link waitForTransaction}. */
    waitForTransaction: (p: WaitForTransactionParameters) => waitForTransaction(runner, p),
    /** {@link replaceTransaction}. */
    replaceTransaction: (p: ReplaceTransactionParameters) => replaceTransaction(runner, p),
    dividends: {
      getDistribution: (p: Bound<GetDistributionParameters>) => getDistribution(runner, bind(p)),
      getClaimable: (p: Bound<GetClaimableParameters>) => getClaimable(runner, bind(p)),
      getClaimableMany: (p: Bound<GetClaimableManyParameters>) => getClaimableMany(runner, bind(p)),
      prepareClaim: (p: Bound<ClaimParameters>) => prepareClaim(runner, bind(p)),
      simulateClaim: (p: Bound<ClaimParameters>) => simulateClaim(runner, bind(p)),
      claim: (p: Bound<ClaimParameters>) => claim(runner, bind(p)),
      claimAndWait: (p: Bound<ClaimParameters> & WaitOptions) => claimAndWait(runner, bind(p)),
      prepareClaimMany: (p: Bound<ClaimManyParameters>) => prepareClaimMany(runner, bind(p)),
      simulateClaimMany: (p: Bound<ClaimManyParameters>) => simulateClaimMany(runner, bind(p)),
      claimMany: (p: Bound<ClaimManyParameters>) => claimMany(runner, bind(p)),
      claimManyAndWait: (p: Bound<ClaimManyParameters> & WaitOptions) => claimManyAndWait(runner, bind(p)),
      prepareClaimFor: (p: Bound<ClaimForParameters>) => prepareClaimFor(runner, bind(p)),
      simulateClaimFor: (p: Bound<ClaimForParameters>) => simulateClaimFor(runner, bind(p)),
      claimFor: (p: Bound<ClaimForParameters>) => claimFor(runner, bind(p)),
      claimForAndWait: (p: Bound<ClaimForParameters> & WaitOptions) => claimForAndWait(runner, bind(p)),
      prepareCreateDistribution: (p: Bound<CreateDistributionParameters>) => prepareCreateDistribution(runner, bind(p)),
      simulateCreateDistribution: (p: Bound<CreateDistributionParameters>) =>
        simulateCreateDistribution(runner, bind(p)),
      createDistribution: (p: Bound<CreateDistributionParameters>) => createDistribution(runner, bind(p)),
      createDistributionAndWait: (p: Bound<CreateDistributionParameters> & WaitOptions) =>
        createDistributionAndWait(runner, bind(p)),
    },
    /** Roles and pause on any suite contract (`contract`): the admin console's area. */
    admin: {
      prepareGrantRole: (p: Bound<GrantRoleParameters>) => prepareGrantRole(runner, bind(p)),
      simulateGrantRole: (p: Bound<GrantRoleParameters>) => simulateGrantRole(runner, bind(p)),
      grantRole: (p: Bound<GrantRoleParameters>) => grantRole(runner, bind(p)),
      grantRoleAndWait: (p: Bound<GrantRoleParameters> & WaitOptions) => grantRoleAndWait(runner, bind(p)),
      prepareRevokeRole: (p: Bound<RevokeRoleParameters>) => prepareRevokeRole(runner, bind(p)),
      simulateRevokeRole: (p: Bound<RevokeRoleParameters>) => simulateRevokeRole(runner, bind(p)),
      revokeRole: (p: Bound<RevokeRoleParameters>) => revokeRole(runner, bind(p)),
      revokeRoleAndWait: (p: Bound<RevokeRoleParameters> & WaitOptions) => revokeRoleAndWait(runner, bind(p)),
      prepareSetPaused: (p: Bound<SetPausedParameters>) => prepareSetPaused(runner, bind(p)),
      simulateSetPaused: (p: Bound<SetPausedParameters>) => simulateSetPaused(runner, bind(p)),
      setPaused: (p: Bound<SetPausedParameters>) => setPaused(runner, bind(p)),
      setPausedAndWait: (p: Bound<SetPausedParameters> & WaitOptions) => setPausedAndWait(runner, bind(p)),
    },
    token: {
      checkTransfer: (p: Bound<CheckTransferParameters>) => checkTransfer(runner, bind(p)),
      getBalance: (p: Bound<GetTokenBalanceParameters>) => getTokenBalance(runner, bind(p)),
      prepareTransfer: (p: Bound<TransferParameters>) => prepareTransfer(runner, bind(p)),
      simulateTransfer: (p: Bound<TransferParameters>) => simulateTransfer(runner, bind(p)),
      transfer: (p: Bound<TransferParameters>) => transfer(runner, bind(p)),
      transferAndWait: (p: Bound<TransferParameters> & WaitOptions) => transferAndWait(runner, bind(p)),
      prepareMint: (p: Bound<MintParameters>) => prepareMint(runner, bind(p)),
      simulateMint: (p: Bound<MintParameters>) => simulateMint(runner, bind(p)),
      mint: (p: Bound<MintParameters>) => mint(runner, bind(p)),
      mintAndWait: (p: Bound<MintParameters> & WaitOptions) => mintAndWait(runner, bind(p)),
      prepareForcedTransfer: (p: Bound<ForcedTransferParameters>) => prepareForcedTransfer(runner, bind(p)),
      simulateForcedTransfer: (p: Bound<ForcedTransferParameters>) => simulateForcedTransfer(runner, bind(p)),
      forcedTransfer: (p: Bound<ForcedTransferParameters>) => forcedTransfer(runner, bind(p)),
      forcedTransferAndWait: (p: Bound<ForcedTransferParameters> & WaitOptions) =>
        forcedTransferAndWait(runner, bind(p)),
      prepareFreezeAddress: (p: Bound<FreezeAddressParameters>) => prepareFreezeAddress(runner, bind(p)),
      simulateFreezeAddress: (p: Bound<FreezeAddressParameters>) => simulateFreezeAddress(runner, bind(p)),
      freezeAddress: (p: Bound<FreezeAddressParameters>) => freezeAddress(runner, bind(p)),
      freezeAddressAndWait: (p: Bound<FreezeAddressParameters> & WaitOptions) => freezeAddressAndWait(runner, bind(p)),
      prepareScheduleRecordDate: (p: Bound<ScheduleRecordDateParameters>) => prepareScheduleRecordDate(runner, bind(p)),
      simulateScheduleRecordDate: (p: Bound<ScheduleRecordDateParameters>) =>
        simulateScheduleRecordDate(runner, bind(p)),
      scheduleRecordDate: (p: Bound<ScheduleRecordDateParameters>) => scheduleRecordDate(runner, bind(p)),
      scheduleRecordDateAndWait: (p: Bound<ScheduleRecordDateParameters> & WaitOptions) =>
        scheduleRecordDateAndWait(runner, bind(p)),
      prepareSetRules: (p: Bound<SetRulesParameters>) => prepareSetRules(runner, bind(p)),
      simulateSetRules: (p: Bound<SetRulesParameters>) => simulateSetRules(runner, bind(p)),
      setRules: (p: Bound<SetRulesParameters>) => setRules(runner, bind(p)),
      setRulesAndWait: (p: Bound<SetRulesParameters> & WaitOptions) => setRulesAndWait(runner, bind(p)),
      prepareSetCountries: (p: Bound<SetCountriesParameters>) => prepareSetCountries(runner, bind(p)),
      simulateSetCountries: (p: Bound<SetCountriesParameters>) => simulateSetCountries(runner, bind(p)),
      setCountries: (p: Bound<SetCountriesParameters>) => setCountries(runner, bind(p)),
      setCountriesAndWait: (p: Bound<SetCountriesParameters> & WaitOptions) => setCountriesAndWait(runner, bind(p)),
      prepareFreezeTokens: (p: Bound<FreezeTokensParameters>) => prepareFreezeTokens(runner, bind(p)),
      simulateFreezeTokens: (p: Bound<FreezeTokensParameters>) => simulateFreezeTokens(runner, bind(p)),
      freezeTokens: (p: Bound<FreezeTokensParameters>) => freezeTokens(runner, bind(p)),
      freezeTokensAndWait: (p: Bound<FreezeTokensParameters> & WaitOptions) => freezeTokensAndWait(runner, bind(p)),
      prepareRecoverWallet: (p: Bound<RecoverWalletParameters>) => prepareRecoverWallet(runner, bind(p)),
      simulateRecoverWallet: (p: Bound<RecoverWalletParameters>) => simulateRecoverWallet(runner, bind(p)),
      recoverWallet: (p: Bound<RecoverWalletParameters>) => recoverWallet(runner, bind(p)),
      recoverWalletAndWait: (p: Bound<RecoverWalletParameters> & WaitOptions) => recoverWalletAndWait(runner, bind(p)),
    },
    identity: {
      signKycAttestation: (p: Bound<SignKycAttestationParameters>) => signKycAttestation(runner, bind(p)),
      getInvestor: (p: Bound<GetInvestorParameters>) => getInvestor(runner, bind(p)),
      prepareRegisterInvestor: (p: Bound<RegisterInvestorParameters>) => prepareRegisterInvestor(runner, bind(p)),
      simulateRegisterInvestor: (p: Bound<RegisterInvestorParameters>) => simulateRegisterInvestor(runner, bind(p)),
      registerInvestor: (p: Bound<RegisterInvestorParameters>) => registerInvestor(runner, bind(p)),
      registerInvestorAndWait: (p: Bound<RegisterInvestorParameters> & WaitOptions) =>
        registerInvestorAndWait(runner, bind(p)),
      prepareRegisterWithAttestation: (p: Bound<RegisterWithAttestationParameters>) =>
        prepareRegisterWithAttestation(runner, bind(p)),
      simulateRegisterWithAttestation: (p: Bound<RegisterWithAttestationParameters>) =>
        simulateRegisterWithAttestation(runner, bind(p)),
      registerWithAttestation: (p: Bound<RegisterWithAttestationParameters>) =>
        registerWithAttestation(runner, bind(p)),
      registerWithAttestationAndWait: (p: Bound<RegisterWithAttestationParameters> & WaitOptions) =>
        registerWithAttestationAndWait(runner, bind(p)),
    },
    points: {
      reconcile: (p: Bound<ReconcilePointsParameters>) => reconcilePoints(runner, bind(p)),
      signVoucher: (p: Bound<SignPointsVoucherParameters>) => signPointsVoucher(runner, bind(p)),
      getBalance: (p: Bound<GetPointsBalanceParameters>) => getPointsBalance(runner, bind(p)),
      prepareRedeemVoucher: (p: Bound<RedeemVoucherParameters>) => prepareRedeemVoucher(runner, bind(p)),
      simulateRedeemVoucher: (p: Bound<RedeemVoucherParameters>) => simulateRedeemVoucher(runner, bind(p)),
      redeemVoucher: (p: Bound<RedeemVoucherParameters>) => redeemVoucher(runner, bind(p)),
      redeemVoucherAndWait: (p: Bound<RedeemVoucherParameters> & WaitOptions) => redeemVoucherAndWait(runner, bind(p)),
      prepareSpendPoints: (p: Bound<SpendPointsParameters>) => prepareSpendPoints(runner, bind(p)),
      simulateSpendPoints: (p: Bound<SpendPointsParameters>) => simulateSpendPoints(runner, bind(p)),
      spendPoints: (p: Bound<SpendPointsParameters>) => spendPoints(runner, bind(p)),
      spendPointsAndWait: (p: Bound<SpendPointsParameters> & WaitOptions) => spendPointsAndWait(runner, bind(p)),
    },
    offering: {
      getOffering: (p: Bound<GetOfferingParameters>) => getOffering(runner, bind(p)),
      prepareClaimOffering: (p: Bound<ClaimOfferingParameters>) => prepareClaimOffering(runner, bind(p)),
      simulateClaimOffering: (p: Bound<ClaimOfferingParameters>) => simulateClaimOffering(runner, bind(p)),
      claimOffering: (p: Bound<ClaimOfferingParameters>) => claimOffering(runner, bind(p)),
      claimOfferingAndWait: (p: Bound<ClaimOfferingParameters> & WaitOptions) => claimOfferingAndWait(runner, bind(p)),
      prepareDeployOffering: (p: Bound<DeployOfferingParameters>) => prepareDeployOffering(runner, bind(p)),
      deployOffering: (p: Bound<DeployOfferingParameters>) => deployOffering(runner, bind(p)),
      deployOfferingAndWait: (p: Bound<DeployOfferingParameters> & WaitOptions) =>
        deployOfferingAndWait(runner, bind(p)),
      prepareFinaliseOffering: (p: Bound<FinaliseOfferingParameters>) => prepareFinaliseOffering(runner, bind(p)),
      simulateFinaliseOffering: (p: Bound<FinaliseOfferingParameters>) => simulateFinaliseOffering(runner, bind(p)),
      finaliseOffering: (p: Bound<FinaliseOfferingParameters>) => finaliseOffering(runner, bind(p)),
      finaliseOfferingAndWait: (p: Bound<FinaliseOfferingParameters> & WaitOptions) =>
        finaliseOfferingAndWait(runner, bind(p)),
      prepareSettleOffering: (p: Bound<SettleOfferingParameters>) => prepareSettleOffering(runner, bind(p)),
      simulateSettleOffering: (p: Bound<SettleOfferingParameters>) => simulateSettleOffering(runner, bind(p)),
      settleOffering: (p: Bound<SettleOfferingParameters>) => settleOffering(runner, bind(p)),
      settleOfferingAndWait: (p: Bound<SettleOfferingParameters> & WaitOptions) =>
        settleOfferingAndWait(runner, bind(p)),
      prepareSubscribe: (p: Bound<SubscribeParameters>) => prepareSubscribe(runner, bind(p)),
      simulateSubscribe: (p: Bound<SubscribeParameters>) => simulateSubscribe(runner, bind(p)),
      subscribe: (p: Bound<SubscribeParameters>) => subscribe(runner, bind(p)),
      subscribeAndWait: (p: Bound<SubscribeParameters> & WaitOptions) => subscribeAndWait(runner, bind(p)),
    },
    oracle: {
      getBreakerState: (p: Bound<GetBreakerStateParameters>) => getBreakerState(runner, bind(p)),
      priceOf: (p: Bound<PriceOfParameters>) => priceOf(runner, bind(p)),
      getPrice: (p: Bound<GetPriceParameters>) => getPrice(runner, bind(p)),
    },
    /** {@link getPortfolio}: balances, claimables, allocations and points across tokens in one round trip. */
    getPortfolio: (p: Bound<GetPortfolioParameters>) => getPortfolio(runner, bind(p)),
    /** The typed subgraph client, when `subgraphUrl` was given. */
    subgraph: parameters.subgraphUrl ? createSubgraphClient({ url: parameters.subgraphUrl }) : undefined,
  };
}

/** The client {@link createStokitClient} returns. */
export type StokitClient = ReturnType<typeof createStokitClient>;
