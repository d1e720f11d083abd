import { getAddress } from "ethers";

import { deploySuite, getChain, now, type ChainName, type Suite } from "./chain.js";

export type DividendsFixture = Suite & {
  chainId: number;
  /** Distribution ids: [distributor 0: ids 1 (token 0), 2 (token 1)], [distributor 1: id 1 (token 2)]. */
  distributions: { distributor: string; distributionId: bigint; token: string }[];
  deadline: bigint;
  addresses: { DividendDistributor: string; Multicall3: string };
};

export const AMOUNT = 600n * 10n ** 18n;

/**
 * The suite plus three funded distributions of AMOUNT each across two distributors and three tokens (holders own
 * 1/6, 2/6, 3/6 of each token): distributor 0 pays tokens 0 and 1, distributor 1 pays token 2.
 */
/** The chain the SDK suite runs on: `STOKIT_SDK_CHAIN=baseSim|besuSim npm test` (default bscSim). */
export const TEST_CHAIN = (process.env.STOKIT_SDK_CHAIN ?? "bscSim") as ChainName;

export async function dividendsFixture(name: ChainName = TEST_CHAIN): Promise<DividendsFixture> {
  const chain = await getChain(name);
  const suite = await deploySuite(chain);
  const { payout, distributors, tokens, recordDate } = suite;
  const deadline = (await now(suite.provider)) + 30n * 86400n;
  const plan: [number, number][] = [
    [0, 0],
    [0, 1],
    [1, 2],
  ];
  const distributions = [];
  for (const [d, t] of plan) {
    const distributor = distributors[d]!;
    await (await payout.approve(await distributor.getAddress(), AMOUNT)).wait();
    await (
      await distributor.createDistribution(
        await tokens[t]!.getAddress(),
        await payout.getAddress(),
        AMOUNT,
        recordDate,
        deadline,
        [],
      )
    ).wait();
    distributions.push({
      distributor: getAddress(await distributor.getAddress()),
      distributionId: await distributor.distributionCount(),
      token: getAddress(await tokens[t]!.getAddress()),
    });
  }
  return {
    ...suite,
    chainId: chain.chainId,
    distributions,
    deadline,
    addresses: { DividendDistributor: distributions[0]!.distributor, Multicall3: suite.multicall },
  };
}
