// The whole suite on a test chain: identity registry, three security tokens bound to it, a dividend distributor
// with one distribution per token, points with a program, an oracle circuit breaker with a priced asset, and an
// offering of token 0 paid in a permit-capable stablecoin. Deployed with ethers ContractFactory from the root
// artifacts, as an integrator's deployment would.
import { Wallet, ZeroAddress, getAddress, id } from "ethers";

import {
  KEYS,
  deploy,
  getChain,
  installMulticall,
  now,
  providerFor,
  type AnyContract,
  type ChainName,
} from "./chain.js";
import { TEST_CHAIN } from "./fixtures.js";
import type { StokitRpcProvider } from "../src/providers/rpc.js";

export const E18 = 10n ** 18n;
export const ASSET = "0x000000000000000000000000000000000000a55e";
export const COUNTRY_KR = 410;

export type FullSuite = {
  chainId: number;
  provider: StokitRpcProvider;
  /** Holds every role (token agent, KYC agent, points issuer and manager, oracle config and guardian). */
  admin: Wallet;
  /** Registered, verified investors with 100/200/300 of each token. */
  holders: Wallet[];
  /** Never registered. */
  outsider: Wallet;
  /** A trusted KYC provider key of the registry. */
  kycProvider: Wallet;
  registry: AnyContract;
  tokens: AnyContract[];
  tokenAddresses: string[];
  distributor: AnyContract;
  distributions: { distributor: string; distributionId: bigint; token: string }[];
  payout: AnyContract;
  points: AnyContract;
  pointsDeployBlock: number;
  oracle: AnyContract;
  feed: AnyContract;
  offering: AnyContract;
  stablecoin: AnyContract;
  multicall: string;
  addresses: Record<string, string>;
};

/** Suites by the node they were deployed on: a node stopped by `stopChains` takes its suite with it. */
const suites = new WeakMap<Promise<unknown>, Promise<FullSuite>>();

/** The suite, deployed once per test process and chain (tests that change shared state use their own accounts). */
export function fullSuite(name: ChainName = TEST_CHAIN): Promise<FullSuite> {
  const node = getChain(name);
  let suite = suites.get(node);
  if (!suite) {
    suite = deployFullSuite(name);
    suites.set(node, suite);
  }
  return suite;
}

async function deployFullSuite(name: ChainName): Promise<FullSuite> {
  const chain = await getChain(name);
  const provider = providerFor(chain);
  const admin = new Wallet(KEYS[0], provider);
  const holders = KEYS.slice(1, 4).map((k) => new Wallet(k, provider));
  const outsider = new Wallet(KEYS[4], provider);
  const kycProvider = new Wallet(KEYS[5], provider);
  const multicall = await installMulticall(provider, admin, chain.name === "besuSim" ? "deploy" : "canonical");
  const wait = async (tx: Promise<{ wait(): Promise<unknown> }>) => (await tx).wait();

  const registry = await deploy("IdentityRegistry", admin, [0, admin.address]);
  const tokens: AnyContract[] = [];
  for (const [i, symbol] of ["SWA", "SWB", "SWC"].entries())
    tokens.push(
      await deploy("SecurityToken", admin, [
        `Revenue Right ${i}`,
        symbol,
        await registry.getAddress(),
        0,
        admin.address,
      ]),
    );
  const tokenAddresses = await Promise.all(tokens.map(async (t) => getAddress(await t.getAddress())));
  await wait(registry.grantRole(await registry.KYC_AGENT_ROLE(), admin.address));
  await wait(registry.setTrustedProvider(kycProvider.address, true));
  for (const t of tokens) {
    await wait(registry.setTokenBinding(await t.getAddress(), true));
    for (const role of ["AGENT_ROLE", "COMPLIANCE_ROLE", "PAUSER_ROLE", "RECORD_DATE_ROLE"])
      await wait(t.grantRole(await t[role](), admin.address));
  }
  const expiry = (await now(provider)) + 365n * 86400n;
  for (const [i, h] of holders.entries())
    await wait(registry.registerInvestor(id(`investor-${i}`), COUNTRY_KR, expiry, 1, h.address));

  // Record date a few seconds ahead; mint; move past it (the distributor needs a scheduled, past record date).
  const recordDate = (await now(provider)) + 120n;
  for (const t of tokens) await wait(t.scheduleRecordDate(recordDate));
  for (const t of tokens)
    for (const [i, h] of holders.entries()) await wait(t.mint(h.address, BigInt(100 * (i + 1)) * E18));
  await provider.send("evm_increaseTime", [200]);
  await provider.send("evm_mine", []);

  const distributor = await deploy("DividendDistributor", admin, [admin.address, 0]);
  await wait(distributor.grantRole(await distributor.DISTRIBUTOR_ROLE(), admin.address));
  const payout = await deploy("DividendsMockPayout", admin, [18]);
  await wait(payout.mint(admin.address, 10n ** 24n));
  const deadline = (await now(provider)) + 30n * 86400n;
  const distributions = [];
  for (const t of tokenAddresses) {
    await wait(payout.approve(await distributor.getAddress(), 600n * E18));
    await wait(distributor.createDistribution(t, await payout.getAddress(), 600n * E18, recordDate, deadline, []));
    distributions.push({
      distributor: getAddress(await distributor.getAddress()),
      distributionId: await distributor.distributionCount(),
      token: t,
    });
  }

  const points = await deploy("Points", admin, [admin.address, 0]);
  const pointsDeployBlock = await provider.getBlockNumber();
  await wait(points.grantRole(await points.PROGRAM_MANAGER_ROLE(), admin.address));
  await wait(points.grantRole(await points.ISSUER_ROLE(), admin.address));
  await wait(points.createProgram({ enabled: false, erc721: ZeroAddress, erc1155: ZeroAddress, erc1155Id: 0 }, 0));

  const oracle = await deploy("OracleCircuitBreaker", admin, [0, admin.address, ZeroAddress, 0]);
  await wait(oracle.grantRole(await oracle.ORACLE_CONFIG_ROLE(), admin.address));
  await wait(oracle.grantRole(await oracle.ORACLE_GUARDIAN_ROLE(), admin.address));
  const feed = await deploy("OracleMockFeed", admin, [8, 2000n * 10n ** 8n]);
  await wait(
    oracle.setAssetConfig(ASSET, {
      primary: await feed.getAddress(),
      fallbackFeed: ZeroAddress,
      heartbeat: 3600,
      fallbackHeartbeat: 0,
      minPrice: E18,
      maxPrice: 1_000_000n * E18,
      maxDeviationBps: 1000,
      recoveryRounds: 2,
    }),
  );
  await wait(oracle.update(ASSET));

  // Offering of token 0: opens in 100 s, lasts a day; 2 stablecoin per token; soft cap 100 tokens.
  const stablecoin = await deploy("OfferingMockStablecoin", admin, ["USD Coin", "USDC", 18]);
  const start = (await now(provider)) + 100n;
  const offering = await deploy("Offering", admin, [
    {
      token: tokenAddresses[0],
      paymentToken: await stablecoin.getAddress(),
      price: 2n * E18,
      minSubscription: 10n * E18,
      maxSubscription: 10_000n * E18,
      softCap: 100n * E18,
      hardCap: 1_000n * E18,
      startTime: start,
      endTime: start + 86400n,
      lockupEnd: start + 86400n,
      treasury: admin.address,
      oracle: ZeroAddress,
      oracleAsset: ZeroAddress,
    },
    admin.address,
    0,
    admin.address,
    admin.address,
  ]);
  await wait(tokens[0]!.grantRole(await tokens[0]!.AGENT_ROLE(), await offering.getAddress()));
  await wait(tokens[0]!.grantRole(await tokens[0]!.LOCKUP_ROLE(), await offering.getAddress()));
  for (const h of holders) await wait(stablecoin.mint(h.address, 10_000n * E18));
  await wait(stablecoin.mint(outsider.address, 10_000n * E18));

  const addresses = {
    IdentityRegistry: getAddress(await registry.getAddress()),
    SecurityToken: tokenAddresses[0]!,
    DividendDistributor: getAddress(await distributor.getAddress()),
    Points: getAddress(await points.getAddress()),
    OracleCircuitBreaker: getAddress(await oracle.getAddress()),
    Offering: getAddress(await offering.getAddress()),
    Multicall3: multicall,
  };
  return {
    chainId: chain.chainId,
    provider,
    admin,
    holders,
    outsider,
    kycProvider,
    registry,
    tokens,
    tokenAddresses,
    distributor,
    distributions,
    payout,
    points,
    pointsDeployBlock,
    oracle,
    feed,
    offering,
    stablecoin,
    multicall,
    addresses,
  };
}
