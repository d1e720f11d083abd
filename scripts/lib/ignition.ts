/**
 * Runs an Ignition module with ignition-core's `deploy()` (what `connection.ignition.deploy` does), plus what a
 * deployer needs on a real client: the required confirmations from the parameter file, one progress line per
 * transaction (hash, block, confirmations), and a clear failure when no block arrives while a transaction waits
 * for confirmations (e.g. `geth --dev --dev.period 0`, which mines only when a transaction arrives).
 */
import path from "node:path";

import { HardhatArtifactResolver } from "@nomicfoundation/hardhat-ignition/helpers";
import {
  deploy,
  DeploymentResultType,
  type DeploymentResult,
  type ExecutionEventListener,
  type IgnitionModule,
} from "@nomicfoundation/ignition-core";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";

export interface RunIgnitionOptions {
  deploymentId: string;
  /** Confirmations each transaction needs before the next step uses it. */
  confirmations: number;
  /** Give up when no new block arrives for this long while a transaction waits for confirmations. */
  blockTimeoutMs: number;
  log?: (line: string) => void;
}

/** The deployment stopped: Ignition's result was not a success (validation, reconciliation or execution). */
export class IgnitionRunError extends Error {
  override name = "IgnitionRunError";
  constructor(
    readonly result: Exclude<DeploymentResult, { type: DeploymentResultType.SUCCESSFUL_DEPLOYMENT }>,
    readonly deploymentId: string,
  ) {
    super(describeFailure(result));
  }
}

/** No block arrived for `blockTimeoutMs` while transactions waited for confirmations. */
export class NoBlockError extends Error {
  override name = "NoBlockError";
  constructor(
    readonly waitingFor: { futureId: string; hash: string }[],
    readonly blockNumber: number,
    readonly seconds: number,
    readonly confirmations: number,
  ) {
    super(
      `no new block for ${seconds} s (the chain is at block ${blockNumber}) while ${waitingFor.length} ` +
        `transaction(s) wait for ${confirmations} confirmation(s): ` +
        waitingFor.map((w) => `${w.futureId} ${w.hash}`).join(", ") +
        `. Is the node producing blocks? A node that mines only on demand (geth --dev --dev.period 0, ` +
        `hardhat node without automine) never adds confirmations: set "confirmations": 1 in the parameter file. ` +
        `Rerun the same command to resume once blocks arrive.`,
    );
  }
}

function describeFailure(result: Exclude<DeploymentResult, { type: DeploymentResultType.SUCCESSFUL_DEPLOYMENT }>) {
  const lines: string[] = [];
  if (result.type === DeploymentResultType.EXECUTION_ERROR) {
    for (const f of result.failed) lines.push(`${f.futureId} failed: ${f.error}`);
    for (const t of result.timedOut) lines.push(`${t.futureId} timed out (fees bumped to the limit)`);
    for (const h of result.held) lines.push(`${h.futureId} held: ${h.reason}`);
  } else {
    for (const [futureId, errors] of Object.entries(result.errors)) lines.push(`${futureId}: ${errors.join("; ")}`);
  }
  return `Ignition ${result.type.toLowerCase().replaceAll("_", " ")}:\n  ${lines.join("\n  ")}`;
}

/** The journal folder of `deploymentId` (undefined on in-process chains, whose deployments are not journaled). */
export function deploymentDirOf(
  hre: HardhatRuntimeEnvironment,
  connection: NetworkConnection,
  deploymentId: string,
): string | undefined {
  return connection.networkConfig.type === "edr-simulated"
    ? undefined
    : path.join(hre.config.paths.ignition, "deployments", deploymentId);
}

/**
 * Deploys `module` and returns the address of each of its contract results (by result key).
 *
 * @example
 * ```ts
 * const addresses = await runIgnition(hre, connection, buildSuiteModule(cfg), {
 *   deploymentId: "stokit-localhost", confirmations: 1, blockTimeoutMs: 60_000, log: console.log,
 * });
 * ```
 */
export async function runIgnition(
  hre: HardhatRuntimeEnvironment,
  connection: NetworkConnection,
  module: IgnitionModule,
  options: RunIgnitionOptions,
): Promise<Record<string, string>> {
  const { deploymentId, confirmations, blockTimeoutMs, log = () => {} } = options;
  const provider = connection.provider;
  const blockNumber = async () => Number(await provider.request({ method: "eth_blockNumber" }));
  const waiting = new Map<string, { futureId: string; hash: string }>();

  const handlers: Partial<ExecutionEventListener> = {
    async transactionSend({ futureId, hash }) {
      waiting.set(hash, { futureId, hash });
      log(`  sent      ${futureId.padEnd(40)} ${hash}`);
    },
    async transactionConfirm({ futureId, hash }) {
      waiting.delete(hash);
      const receipt = (await provider.request({ method: "eth_getTransactionReceipt", params: [hash] })) as {
        blockNumber: string;
      } | null;
      const mined = receipt === null ? undefined : Number(receipt.blockNumber);
      const depth = mined === undefined ? "?" : String((await blockNumber()) - mined + 1);
      log(`  confirmed ${futureId.padEnd(40)} ${hash} block ${mined ?? "?"}, ${depth}/${confirmations} confirmations`);
    },
    async onchainInteractionBumpFees({ futureId }) {
      log(`  fees bumped for ${futureId}: its transaction was not mined in time`);
    },
    async onchainInteractionDropped({ futureId }) {
      log(`  ${futureId}: its transaction was dropped by the node; sending it again`);
    },
    async onchainInteractionReplacedByUser({ futureId }) {
      log(`  ${futureId}: its nonce was used by another transaction from the deployer; sending it again`);
    },
    async onchainInteractionTimeout({ futureId }) {
      log(`  ${futureId}: timed out`);
    },
    async reconciliationWarnings({ warnings }) {
      for (const w of warnings) log(`  reconciliation warning: ${w}`);
    },
  };
  const listener = new Proxy(handlers, {
    get: (target, key: string) => target[key as keyof ExecutionEventListener] ?? (async () => {}),
  }) as ExecutionEventListener;

  // Watchdog: while transactions wait, the chain must move. Progress is printed when it does.
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<never>((_, reject) => {
    let last = -1;
    let since = Date.now();
    let busy = false;
    timer = setInterval(() => {
      if (busy) return;
      busy = true;
      blockNumber()
        .then((n) => {
          if (n !== last) {
            if (last >= 0 && waiting.size > 0) log(`  block ${n}: waiting for ${waiting.size} transaction(s)`);
            last = n;
            since = Date.now();
          } else if (waiting.size > 0 && Date.now() - since > blockTimeoutMs) {
            reject(new NoBlockError([...waiting.values()], n, Math.round(blockTimeoutMs / 1000), confirmations));
          } else if (waiting.size === 0) {
            since = Date.now();
          }
        })
        .catch(() => {})
        .finally(() => (busy = false));
    }, 500);
  });

  const accounts = (await provider.request({ method: "eth_accounts" })) as string[];
  const local = connection.networkConfig.type === "edr-simulated" || connection.networkName === "localhost";
  const ignitionConfig = (connection.networkConfig as { ignition?: Record<string, unknown> }).ignition ?? {};
  try {
    const result = await Promise.race([
      deploy({
        config: {
          requiredConfirmations: confirmations,
          ...(local ? { blockPollingInterval: 100 } : {}),
        },
        provider,
        deploymentDir: deploymentDirOf(hre, connection, deploymentId),
        executionEventListener: listener,
        artifactResolver: new HardhatArtifactResolver(hre.artifacts),
        ignitionModule: module,
        deploymentParameters: {},
        accounts,
        maxFeePerGasLimit: ignitionConfig.maxFeePerGasLimit as bigint | undefined,
        maxPriorityFeePerGas: ignitionConfig.maxPriorityFeePerGas as bigint | undefined,
      }),
      watchdog,
    ]);
    if (result.type !== DeploymentResultType.SUCCESSFUL_DEPLOYMENT) throw new IgnitionRunError(result, deploymentId);
    const addresses: Record<string, string> = {};
    for (const [key, future] of Object.entries(module.results)) {
      const deployed = result.contracts[(future as { id: string }).id];
      if (deployed !== undefined) addresses[key] = deployed.address;
    }
    return addresses;
  } finally {
    clearInterval(timer);
  }
}
