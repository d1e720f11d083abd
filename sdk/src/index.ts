// @stokit/sdk entrypoint. Every export is documented where it is defined.
export { version } from "./version.js";

// Errors
export { StokitError, type StokitErrorParameters } from "./errors/base.js";
export {
  ContractRevertError,
  decodeRevertData,
  getSuiteInterfaces,
  type ContractRevertErrorParameters,
  type DecodedRevert,
} from "./errors/contract.js";
export {
  InvalidParameterError,
  UnsupportedChainError,
  type InvalidParameterErrorParameters,
} from "./errors/parameter.js";
export { NetworkError, RpcError } from "./errors/rpc.js";
export { TransactionFailedError, TransactionReplacedError } from "./errors/transaction.js";
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
  StokitRpcProvider,
  createRpcProvider,
  type CreateRpcProviderParameters,
  type RpcStats,
  type StokitRpcProviderOptions,
} from "./providers/rpc.js";
export { getChainId, getProvider, getSigner, type ChainOptions, type StokitRunner } from "./utils/runner.js";
export { assertAddress, assertFuture, assertPositive, assertUint } from "./utils/validate.js";

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

// Client
export {
  createStokitClient,
  type CreateStokitClientParameters,
  type StokitClient,
} from "./client/createStokitClient.js";

// Generated contract layer (TypeChain ethers-v6 types and ABIs)
export * from "./generated/types/index.js";
export { dividendDistributorAbi } from "./generated/abis/DividendDistributor.js";
export { ierc20MetadataAbi } from "./generated/abis/IERC20Metadata.js";
export { ierc20ErrorsAbi } from "./generated/abis/IERC20Errors.js";
export { ierc20PermitAbi } from "./generated/abis/IERC20Permit.js";
export { multicall3Abi } from "./generated/abis/Multicall3.js";
