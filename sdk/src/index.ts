// @stokit/sdk entrypoint. Every export is documented where it is defined.
export { version } from "./version.js";

// Errors
export { StokitError, type StokitErrorParameters } from "./errors/base.js";
export { ContractRevertError, type ContractRevertErrorParameters, type DecodedRevert } from "./errors/contract.js";
export { decodeRevertData, getSuiteInterfaces } from "./errors/decode.js";
export {
  InvalidParameterError,
  UnsupportedChainError,
  type InvalidParameterErrorParameters,
} from "./errors/parameter.js";
export { ChainMismatchError, NetworkError, RpcError } from "./errors/rpc.js";
export { ContractNotFoundError, DistributionNotFoundError, NotAStokitTokenError } from "./errors/notFound.js";
export { NonceTakenError, TransactionFailedError, TransactionReplacedError } from "./errors/transaction.js";
export { toStokitError, type ToStokitErrorContext } from "./errors/normalize.js";
export { revertReasons, type RevertReasonFormatter } from "./errors/reasons.js";

// Chains and address books
export {
  GAS_PRICE_ORACLE_ADDRESS,
  MULTICALL3_ADDRESS,
  base,
  baseSepolia,
  besu,
  bsc,
  bscTestnet,
  defineChain,
  getChain,
  hardhat,
  knownChains,
  type FeeModel,
  type StokitChain,
} from "./chains.js";
export {
  getAddressBook,
  resolveAddress,
  type AddressBook,
  type AddressOverrides,
  type ContractDeployment,
  type ContractName,
} from "./addresses.js";

// Providers, runners, validation
export {
  DEFAULT_BACKOFF_MS,
  DEFAULT_TIMEOUT_MS,
  StokitRpcProvider,
  createRpcProvider,
  type CreateRpcProviderParameters,
  type RpcStats,
  type StokitRpcProviderOptions,
} from "./providers/rpc.js";
export { getChainId, getProvider, getSigner, type ChainOptions, type StokitRunner } from "./utils/runner.js";
export { assertAddress, assertFuture, assertPositive, assertUint } from "./utils/validate.js";
export { PRICE_DECIMALS, formatAmount, type TokenUnits } from "./utils/units.js";

// Batching
export {
  abiCall,
  contractCall,
  multicall,
  type ContractCall,
  type ContractCallResult,
  type MulticallErrorType,
  type MulticallParameters,
  type MulticallResult,
  type MulticallReturnType,
} from "./multicall/multicall.js";

// Transactions
export {
  estimateL1Fee,
  getFeeSettings,
  type EstimateL1FeeParameters,
  type FeeSettings,
  type GetFeeSettingsParameters,
} from "./transactions/gas.js";
export {
  createWriteRequest,
  decodeEvents,
  estimateRequest,
  sendRequest,
  simulateRequest,
  waitForTransaction,
  type DecodedEvent,
  type EstimateResult,
  type SimulateResult,
  type TransactionOptions,
  type WaitForTransactionParameters,
  type WaitOptions,
  type WriteReceipt,
  type WriteRequest,
} from "./transactions/write.js";
export {
  replaceTransaction,
  type ReplaceTransactionParameters,
  type ReplaceTransactionReturnType,
} from "./transactions/replace.js";

// Dividends
export type { Distribution, DistributionStatus, DividendsBaseParameters } from "./actions/dividends/shared.js";
export * from "./actions/dividends/getDistribution.js";
export * from "./actions/dividends/getClaimable.js";
export * from "./actions/dividends/getClaimableMany.js";
export * from "./actions/dividends/claim.js";
export * from "./actions/dividends/claimMany.js";
export * from "./actions/dividends/claimFor.js";
export * from "./actions/dividends/createDistribution.js";

// Shared by the areas below
export type { AreaParameters } from "./actions/shared.js";

// Token
export type { TokenBaseParameters } from "./actions/token/shared.js";
export * from "./actions/token/restrictions.js";
export * from "./actions/token/getTokenBalance.js";
export * from "./actions/token/checkTransfer.js";
export * from "./actions/token/transfer.js";
export * from "./actions/token/mint.js";
export * from "./actions/token/forcedTransfer.js";
export * from "./actions/token/freezeAddress.js";
export * from "./actions/token/freezeTokens.js";
export * from "./actions/token/recoverWallet.js";
export * from "./actions/token/scheduleRecordDate.js";
export * from "./actions/token/setRules.js";
export * from "./actions/token/setCountries.js";

// Issuer administration of any suite contract (roles, pause)
export { roleId, type AdminBaseParameters } from "./actions/admin/shared.js";
export * from "./actions/admin/grantRole.js";
export * from "./actions/admin/revokeRole.js";
export * from "./actions/admin/setPaused.js";

// Identity
export {
  KYC_ATTESTATION_TYPES,
  kycAttestationMessage,
  type IdentityBaseParameters,
  type KycAttestation,
} from "./actions/identity/shared.js";
export * from "./actions/identity/getInvestor.js";
export {
  signKycAttestation,
  type SignKycAttestationErrorType,
  type SignKycAttestationParameters,
  type SignKycAttestationReturnType,
} from "./actions/identity/signKycAttestation.js";
export * from "./actions/identity/registerInvestor.js";
export * from "./actions/identity/registerWithAttestation.js";

// Points
export {
  POINTS_VOUCHER_TYPES,
  holderRefId,
  type PointsBaseParameters,
  type PointsVoucher,
} from "./actions/points/shared.js";
export * from "./actions/points/getPointsBalance.js";
export {
  signPointsVoucher,
  type SignPointsVoucherErrorType,
  type SignPointsVoucherParameters,
  type SignPointsVoucherReturnType,
} from "./actions/points/signPointsVoucher.js";
export * from "./actions/points/redeemVoucher.js";
export * from "./actions/points/spendPoints.js";
export * from "./actions/points/reconcilePoints.js";

// Oracle
export type { OracleBaseParameters, OracleReason, OracleStatus } from "./actions/oracle/shared.js";
export * from "./actions/oracle/getPrice.js";
export * from "./actions/oracle/priceOf.js";
export * from "./actions/oracle/getBreakerState.js";

// Offering
export type { OfferingBaseParameters, OfferingPhase, OfferingStatus } from "./actions/offering/shared.js";
export * from "./actions/offering/getOffering.js";
export * from "./actions/offering/subscribe.js";
export * from "./actions/offering/claimOffering.js";
export * from "./actions/offering/finaliseOffering.js";
export * from "./actions/offering/settleOffering.js";
export * from "./actions/offering/deployOffering.js";

// The platform's factories (list an IP, open its offerings, list IPs and offerings) are in `@stokit/sdk/platform`.

// Portfolio
export * from "./actions/portfolio/getPortfolio.js";

// Subgraph
export * from "./subgraph/client.js";

// Client
export {
  createStokitClient,
  type CreateStokitClientParameters,
  type StokitClient,
} from "./client/createStokitClient.js";

// Generated contract layer (TypeChain ethers-v6 types and ABIs)
// Named, not `export *`: TypeChain's index also has `export * as factories`, a namespace object that a bundle of the
// flat dist/index.js could never drop (and with it every contract's whole ABI).
export type {
  DividendDistributor,
  IERC20Errors,
  IERC20Metadata,
  IERC20Permit,
  IdentityRegistry,
  Multicall3,
  Offering,
  OracleCircuitBreaker,
  Points,
  SecurityToken,
} from "./generated/types/index.js";
export {
  DividendDistributor__factory,
  IERC20Errors__factory,
  IERC20Metadata__factory,
  IERC20Permit__factory,
  IdentityRegistry__factory,
  Multicall3__factory,
  Offering__factory,
  OracleCircuitBreaker__factory,
  Points__factory,
  SecurityToken__factory,
} from "./generated/types/index.js";
export { dividendDistributorAbi } from "./generated/abis/DividendDistributor.js";
export { ierc20MetadataAbi } from "./generated/abis/IERC20Metadata.js";
export { ierc20ErrorsAbi } from "./generated/abis/IERC20Errors.js";
export { ierc20PermitAbi } from "./generated/abis/IERC20Permit.js";
export { multicall3Abi } from "./generated/abis/Multicall3.js";
export { securityTokenAbi } from "./generated/abis/SecurityToken.js";
export { identityRegistryAbi } from "./generated/abis/IdentityRegistry.js";
export { offeringAbi } from "./generated/abis/Offering.js";
export { pointsAbi } from "./generated/abis/Points.js";
export { oracleCircuitBreakerAbi } from "./generated/abis/OracleCircuitBreaker.js";
export { suiteErrorsAbi, suiteEventsAbi } from "./generated/abis/suite.js";
