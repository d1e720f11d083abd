/**
 * The demo lifecycle, on a local chain (in-process or `hardhat node`) where the deployer holds every role: deploys the
 * suite with the same code as scripts/deploy.ts, then KYC, offering, secondary transfers, a distribution, points and
 * the oracle circuit breaker. Exported as a function so the deploy tests run it on each simulated chain.
 */
import { Signature, Wallet, id, parseEther, type Signer } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";

import {
  checkFill,
  fillOrderAndWait,
  matchOrdersAndWait,
  signOrder,
  type FillRefusal,
  type Trade,
} from "../../sdk/src/market.js";
import { checkSuite } from "./check.js";
import { NATIVE_ASSET } from "./config.js";
import { type AddressBook, deploySuite } from "./deploy.js";
import { createIpToken, openIpOffering } from "./factory.js";
import { deployOffering } from "./offering.js";

type Ethers = import("@nomicfoundation/hardhat-ethers/types").HardhatEthers;

export interface DemoSummary {
  network: string;
  chainId: number;
  book: AddressBook;
  addressBookFile: string | undefined;
  investors: { name: string; address: string; kyc: "agent" | "attestation"; tokens: bigint }[];
  offering: { address: string; totalValue: bigint; oversubscribed: boolean; hardCap: bigint; sold: bigint };
  /** The two IPs listed through the factories, each with one offering alice subscribed to. */
  ips: { symbol: string; ipId: string; token: string; offering: string; raised: bigint; aliceTokens: bigint }[];
  /** Alice's holdings across every IP of the TokenFactory (and the suite's token), read from the factory's list. */
  portfolio: { symbol: string; token: string; balance: bigint }[];
  refusedTransfer: { code: number; message: string; error: string };
  acceptedTransfer: { from: string; to: string; amount: bigint };
  /** The secondary market: alice's signed sell orders, bob's fill, the operator's match with carol's buy order. */
  market: {
    address: string;
    feeBps: number;
    feeWallet: string;
    /** The settled trades, as the `Trade` events say, with their kind and transaction. */
    trades: (Trade & { kind: "fill" | "match"; txHash: string })[];
    /** The refused fill (outsider, no KYC): the pre-trade check's answer and the fill's decoded revert. */
    refused: {
      taker: string;
      reason: FillRefusal | undefined;
      code: number;
      name: string;
      message: string;
      error: string;
    };
    /** Payment-token and token balance changes over the market step, read from the chain. */
    deltas: Record<"alice" | "bob" | "carol" | "feeWallet", { payment: bigint; tokens: bigint }>;
    /** Filled units per order hash after the step (`orderState`). */
    filled: Record<string, bigint>;
    /** The candle of the step's trades (prices in payment units per whole token). */
    candle: MarketCandle;
  };
  distribution: {
    id: bigint;
    amount: bigint;
    claims: { name: string; gross: bigint; net: bigint; withheld: bigint }[];
  };
  points: { granted: bigint; spent: bigint; balance: bigint };
  oracle: { acceptedPrice: bigint; rejectedPrice: bigint; status: string; reason: string };
  driftCount: number;
}

/** An OHLCV summary of trades (what the subgraph's candles hold per hour and day). */
export interface MarketCandle {
  trades: number;
  open: bigint;
  high: bigint;
  low: bigint;
  close: bigint;
  /** Token units traded. */
  volume: bigint;
  /** Payment units the buyers paid, fees included. */
  turnover: bigint;
  /** Fees paid. */
  fees: bigint;
}

/** The candle of `trades` in chain order (open: the first price, close: the last). */
export function candleOf(trades: readonly Pick<Trade, "price" | "amount" | "payment" | "fee">[]): MarketCandle {
  if (trades.length === 0) throw new Error("candleOf: no trades");
  const prices = trades.map((t) => t.price);
  return {
    trades: trades.length,
    open: prices[0],
    high: prices.reduce((a, b) => (b > a ? b : a)),
    low: prices.reduce((a, b) => (b < a ? b : a)),
    close: prices[prices.length - 1],
    volume: trades.reduce((sum, t) => sum + t.amount, 0n),
    turnover: trades.reduce((sum, t) => sum + t.payment, 0n),
    fees: trades.reduce((sum, t) => sum + t.fee, 0n),
  };
}

const STATUS = ["Unset", "Active", "UsingFallback", "Tripped", "Frozen", "SequencerDown"];
/** IOracleCircuitBreaker.Reason, in declaration order. */
const REASON = [
  "None",
  "UnknownAsset",
  "AwaitingFirstPrice",
  "FeedCallFailed",
  "NonPositiveAnswer",
  "IncompleteRound",
  "FutureTimestamp",
  "StaleRound",
  "StalePrice",
  "BelowMinPrice",
  "AboveMaxPrice",
  "DeviationExceeded",
  "NoFallback",
  "NoReferencePrice",
  "SequencerDown",
  "SequencerGracePeriod",
  "ManualTrip",
  "OutOfOrderRound",
  "CumulativeDeviationExceeded",
  "PinLifted",
];

/** What the demo needs to know about the node before it starts. */
export async function nodeCapabilities(ethers: Ethers) {
  const client = String(await ethers.provider.send("web3_clientVersion", []).catch(() => "unknown client"));
  const accounts = ((await ethers.provider.send("eth_accounts", [])) as string[]).length;
  let timeTravel = true;
  try {
    await ethers.provider.send("evm_increaseTime", [0]);
  } catch {
    timeTravel = false;
  }
  return { client, accounts, timeTravel };
}

/**
 * The seven demo roles (issuer first). A node with fewer unlocked accounts (geth --dev has one) gets fresh keys
 * for the others, funded by the issuer.
 */
async function demoAccounts(ethers: Ethers, log: (line: string) => void): Promise<(Signer & { address: string })[]> {
  const signers: (Signer & { address: string })[] = await ethers.getSigners();
  if (signers.length >= 7) return signers.slice(0, 7);
  const [issuer] = signers;
  const others = Array.from({ length: 7 - signers.length }, () => Wallet.createRandom(ethers.provider));
  for (const w of others) await (await issuer.sendTransaction({ to: w.address, value: parseEther("1") })).wait();
  log(`  ${others.length} demo account(s) created and funded with 1 ETH each by the deployer`);
  return [...signers, ...others];
}

/** Runs the whole lifecycle; `log` receives the progress lines. */
export async function runDemo(
  hre: HardhatRuntimeEnvironment,
  connection: NetworkConnection,
  log: (line: string) => void = () => {},
  options: { addressBookFile?: string | false } = {},
): Promise<DemoSummary> {
  const { ethers } = connection as unknown as { ethers: Ethers };
  const step = (title: string) => log(`\n== ${title}`);
  const now = async () => BigInt((await ethers.provider.getBlock("latest"))!.timestamp);

  step("0. What the node supports");
  const node = await nodeCapabilities(ethers);
  log(
    `  ${node.client}: ${node.accounts} account(s) with keys on the node; time travel ` +
      (node.timeTravel ? "yes (evm_increaseTime)" : "no: short real-time windows, waiting for the clock"),
  );
  // Time windows: days on chains that warp time, seconds on real clients.
  const span = node.timeTravel
    ? { lead: 60n, window: 7n * 86_400n, lockup: 86_400n, recordLead: 100n }
    : { lead: 8n, window: 45n, lockup: 2n, recordLead: 3n };

  step("1. Deploy the suite (Ignition, the same modules as scripts/deploy.ts)");
  // A fresh suite per run: on a long-lived node (`--network localhost`) a rerun must not resume the previous demo's
  // deployment, whose investors, refIds and record dates are already used.
  const deploymentId =
    connection.networkConfig.type === "http" ? `stokit-${connection.networkName}-demo-${Date.now()}` : undefined;
  const { book, contracts, addressBookFile, config } = await deploySuite(hre, connection, {
    log,
    deploymentId,
    addressBookFile: options.addressBookFile,
  });
  const [issuer, alice, bob, carol, provider, outsider, treasury] = await demoAccounts(ethers, log);
  if (config.roles.agent !== issuer.address)
    throw new Error("demo: needs a local parameter file (deployer holds the roles)");
  /** Until the chain's clock reaches `t`: warp where the node can, else wait and mine a block with a transaction. */
  const waitUntil = async (t: bigint) => {
    if (node.timeTravel) {
      const gap = t - (await now());
      if (gap > 0n) await ethers.provider.send("evm_increaseTime", [Number(gap)]);
      await ethers.provider.send("evm_mine", []);
      return;
    }
    while ((await now()) < t) {
      const ms = Number(t) * 1000 - Date.now() + 250;
      if (ms > 0) log(`  waiting ${(ms / 1000).toFixed(1)} s of real time for the chain's clock`);
      await new Promise((r) => setTimeout(r, Math.max(ms, 250)));
      await (await issuer.sendTransaction({ to: issuer.address, value: 0n })).wait(); // a block to carry the time
    }
  };
  const registry = await ethers.getContractAt("IdentityRegistry", contracts.IdentityRegistry);
  const token = await ethers.getContractAt("SecurityToken", contracts.SecurityToken);
  const distributor = await ethers.getContractAt("DividendDistributor", contracts.DividendDistributor);
  const points = await ethers.getContractAt("Points", contracts.Points);
  const oracle = await ethers.getContractAt("OracleCircuitBreaker", contracts.OracleCircuitBreaker);
  const usdc = await ethers.getContractAt("OfferingMockStablecoin", contracts.PaymentToken);
  const feed = await ethers.getContractAt("OracleMockFeed", contracts.NativeUsdFeed);
  const nft = await ethers.getContractAt("PointsMockERC721", contracts.PointsNftCollection);
  const decimals = await usdc.decimals();
  const usd = (n: bigint) => n * 10n ** decimals;
  const fmtUsd = (v: bigint) => `${ethers.formatUnits(v, decimals)} USDC`;
  const fmtTok = (v: bigint) => `${ethers.formatUnits(v, 18)} STRR`;
  log(`  ${Object.keys(contracts).length} contracts deployed and wired; deployer ${issuer.address}`);

  step("2. KYC three investors");
  const expiry = (await now()) + 365n * 86_400n;
  await (await registry.setTrustedProvider(provider.address, true)).wait();
  await (await registry.registerInvestor(id("investor:alice"), 410, expiry, 1, alice.address)).wait();
  log(`  alice (KR) registered by the KYC agent`);
  await (await registry.registerInvestor(id("investor:bob"), 840, expiry, 3, bob.address)).wait();
  log(`  bob (US) registered by the KYC agent`);
  const { chainId } = await ethers.provider.getNetwork();
  const attestation = {
    investorId: id("investor:carol"),
    wallet: carol.address,
    country: 392,
    kycExpiry: expiry,
    classFlags: 0,
    issuedAt: await now(),
    nonce: 1n,
    deadline: (await now()) + 3600n,
  };
  const signature = await provider.signTypedData(
    { name: "stokit IdentityRegistry", version: "1", chainId, verifyingContract: contracts.IdentityRegistry },
    {
      KycAttestation: [
        { name: "investorId", type: "bytes32" },
        { name: "wallet", type: "address" },
        { name: "country", type: "uint16" },
        { name: "kycExpiry", type: "uint40" },
        { name: "classFlags", type: "uint8" },
        { name: "issuedAt", type: "uint40" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    },
    attestation,
  );
  await (await registry.connect(carol).registerWithAttestation(attestation, signature)).wait();
  log(`  carol (JP) registered herself with the provider's EIP-712 attestation (signed by ${provider.address})`);
  for (const [n, s] of [
    ["alice", alice],
    ["bob", bob],
    ["carol", carol],
  ] as const) {
    if (!(await registry.isVerified(s.address))) throw new Error(`demo: ${n} is not verified`);
  }

  step("3. Primary offering: oversubscribed, finalised, settled");
  const start = (await now()) + span.lead;
  const terms = {
    token: contracts.SecurityToken,
    paymentToken: contracts.PaymentToken,
    price: usd(2n),
    minSubscription: usd(10n),
    maxSubscription: usd(20_000n),
    softCap: 1_000n * 10n ** 18n,
    hardCap: 10_000n * 10n ** 18n,
    startTime: start,
    endTime: start + span.window,
    lockupEnd: start + span.window + span.lockup,
    treasury: treasury.address,
    oracle: contracts.OracleCircuitBreaker,
    oracleAsset: NATIVE_ASSET,
  };
  const { offering, entry: offeringEntry } = await deployOffering(hre, ethers, {
    terms,
    admin: issuer,
    addressBookFile,
  });
  book.contracts.Offering = offeringEntry;
  const offeringAddress = offeringEntry.address;
  log(`  offering ${offeringAddress}: 2 USDC per token, hard cap ${fmtTok(terms.hardCap)} (added to the address book)`);
  await waitUntil(start);
  const deposits: [string, Signer, bigint][] = [
    ["alice", alice, usd(12_000n)],
    ["bob", bob, usd(10_000n)],
    ["carol", carol, usd(8_000n)],
  ];
  for (const [n, s, amount] of deposits) {
    const a = await s.getAddress();
    await (await usdc.mint(a, amount)).wait();
    await (await usdc.connect(s).approve(offeringAddress, amount)).wait();
    await (await offering.connect(s).subscribe(amount)).wait();
    log(`  ${n} subscribed ${fmtUsd(amount)}`);
  }
  await waitUntil(terms.endTime);
  await (await offering.finalise()).wait();
  const totals = { totalValue: await offering.totalSubscribedValue() };
  const oversubscribed = (totals.totalValue * 10n ** 18n) / terms.price > terms.hardCap;
  log(
    `  finalised: ${fmtUsd(totals.totalValue)} raised against a ${fmtUsd((terms.hardCap * terms.price) / 10n ** 18n)} cap: oversubscribed=${oversubscribed}`,
  );
  // settle() isolates each investor in a try/catch: a node's gas estimate (geth's binary search stops at the least gas
  // with which the *outer* call succeeds) can leave an inner settlement out of gas, deferred. Pad the estimate.
  const settleList = [alice.address, bob.address, carol.address];
  const settleGas = await offering.settle.estimateGas(settleList);
  await (await offering.settle(settleList, { gasLimit: settleGas * 2n })).wait();
  const investors: DemoSummary["investors"] = [];
  for (const [n, s] of [
    ["alice", alice],
    ["bob", bob],
    ["carol", carol],
  ] as const) {
    const tokens = await token.balanceOf(s.address);
    investors.push({ name: n, address: s.address, kyc: n === "carol" ? "attestation" : "agent", tokens });
    log(`  ${n}: ${fmtTok(tokens)}, refunded ${fmtUsd(await usdc.balanceOf(s.address))}`);
  }
  const sold = await token.totalSupply();

  step("3b. Two IPs side by side through the factories, one investor holding both");
  // Each IP is its own token, listed by the TokenFactory (CREATE2, salt = the IP id) and bound to the shared registry:
  // alice's KYC above covers both. Each gets an offering from the OfferingFactory, which grants it the token's roles.
  const target = { book, addressBookFile, signer: issuer };
  const ipStart = (await now()) + span.lead;
  const listed: {
    symbol: string;
    ipId: string;
    token: string;
    offering: Awaited<ReturnType<typeof openIpOffering>>;
  }[] = [];
  for (const [label, name, symbol] of [
    ["demo:moonlit-garden", "Moonlit Garden Revenue Right", "MOON"],
    ["demo:iron-comet", "Iron Comet Revenue Right", "COMET"],
  ] as const) {
    const ipId = id(`${label}:${deploymentId ?? "in-process"}`);
    const roles = {
      admin: issuer.address,
      adminDelay: BigInt(config.adminDelay),
      agent: issuer.address,
      compliance: issuer.address,
      pauser: issuer.address,
      lockup: issuer.address,
      recordDate: issuer.address,
    };
    const ip = await createIpToken(hre, ethers, target, { ipId, name, symbol, uri: `ipfs://demo/${symbol}`, roles });
    // The investors were registered before the token existed: it reads their identities once (permissionless).
    await (await ip.token.syncIdentity([alice.address, bob.address, carol.address])).wait();
    const opened = await openIpOffering(
      hre,
      ethers,
      target,
      {
        terms: {
          token: ip.address,
          paymentToken: contracts.PaymentToken,
          price: usd(symbol === "MOON" ? 1n : 4n),
          minSubscription: usd(10n),
          maxSubscription: usd(5_000n),
          softCap: 10n * 10n ** 18n,
          hardCap: 1_000n * 10n ** 18n,
          startTime: ipStart,
          endTime: ipStart + span.window,
          lockupEnd: 0n,
          treasury: treasury.address,
          oracle: ethers.ZeroAddress,
          oracleAsset: ethers.ZeroAddress,
        },
        admin: issuer.address,
        adminDelay: BigInt(config.adminDelay),
        issuer: issuer.address,
        operator: issuer.address, // settles for the investors
      },
      symbol,
    );
    listed.push({ symbol, ipId, token: ip.address, offering: opened });
    log(
      `  ${symbol} (${name}) listed as ${ip.address}; offering #0 ${opened.address} (IpToken_${symbol}, IpOffering_${symbol}_0)`,
    );
  }
  await waitUntil(ipStart);
  for (const [k, ip] of listed.entries()) {
    const amount = usd(k === 0 ? 500n : 800n);
    await (await usdc.mint(alice.address, amount)).wait();
    await (await usdc.connect(alice).approve(ip.offering.address, amount)).wait();
    await (await ip.offering.offering.connect(alice).subscribe(amount)).wait();
    log(`  alice subscribed ${fmtUsd(amount)} to ${ip.symbol}`);
  }
  await waitUntil(ipStart + span.window);
  const ips: DemoSummary["ips"] = [];
  for (const ip of listed) {
    const o = ip.offering.offering;
    await (await o.finalise()).wait();
    const gas = await o.settle.estimateGas([alice.address]);
    await (await o.settle([alice.address], { gasLimit: gas * 2n })).wait();
    const ipToken = await ethers.getContractAt("IpSecurityToken", ip.token);
    const aliceTokens = await ipToken.balanceOf(alice.address);
    const raised = await o.totalSubscribedValue();
    ips.push({ symbol: ip.symbol, ipId: ip.ipId, token: ip.token, offering: ip.offering.address, raised, aliceTokens });
    log(
      `  ${ip.symbol}: finalised with ${fmtUsd(raised)} raised and settled: alice holds ${ethers.formatUnits(aliceTokens, 18)} ${ip.symbol}`,
    );
  }
  // The portfolio across IPs: every token of the factory's list (one view), then alice's balance of each.
  const tokenFactory = await ethers.getContractAt("TokenFactory", contracts.TokenFactory);
  const portfolio: DemoSummary["portfolio"] = [
    { symbol: await token.symbol(), token: contracts.SecurityToken, balance: await token.balanceOf(alice.address) },
  ];
  for (const address of await tokenFactory.tokens(0n, ethers.MaxUint256)) {
    const t = await ethers.getContractAt("IpSecurityToken", address);
    const balance = await t.balanceOf(alice.address);
    if (balance > 0n) portfolio.push({ symbol: await t.symbol(), token: address, balance });
  }
  log(
    `  alice's portfolio across IPs: ${portfolio.map((r) => `${ethers.formatUnits(r.balance, 18)} ${r.symbol}`).join(", ")}`,
  );

  step("4. Secondary transfers");
  await waitUntil(terms.lockupEnd + 1n); // past the offering's lockup
  const amount = 100n * 10n ** 18n;
  const code = Number(await token.detectTransferRestriction(alice.address, outsider.address, amount));
  const message = await token.messageForTransferRestriction(code);
  let error = "none";
  try {
    await (await token.connect(alice).transfer(outsider.address, amount)).wait();
  } catch (e) {
    const data = (e as { data?: string }).data;
    const parsed = data ? token.interface.parseError(data) : null;
    error = parsed ? `${parsed.name}(${parsed.args.join(", ")})` : (e as Error).message.split("\n")[0];
  }
  if (code === 0) throw new Error("demo: the transfer to a non-KYC wallet was not refused");
  log(`  alice -> outsider (no KYC) refused: code ${code} "${message}"; revert ${error}`);
  await (await token.connect(alice).transfer(bob.address, amount)).wait();
  log(
    `  alice -> bob ${fmtTok(amount)} accepted (code ${await token.detectTransferRestriction(alice.address, bob.address, 1n)})`,
  );

  step("4b. Secondary market: signed orders settled by the Market (delivery versus payment, compliant)");
  const marketAddress = contracts.Market;
  const marketContract = await ethers.getContractAt("Market", marketAddress);
  const [feeBps, feeWallet] = await marketContract.fee();
  log(
    `  market ${marketAddress}: fee ${feeBps} bps to ${feeWallet}; trusted by the token: ${await token.isTrustedOperator(marketAddress)}`,
  );
  const sdk = { market: marketAddress, multicallAddress: contracts.Multicall3 };
  const orderExpiry = (await now()) + 86_400n;
  const sellTerms = { side: "sell" as const, token: contracts.SecurityToken, paymentToken: contracts.PaymentToken };
  const tokens = (n: bigint) => n * 10n ** 18n;
  // alice sells 50 STRR at 2.50 USDC and 20 more at 2.55 (price: payment units per whole token), approving the market.
  await (await token.connect(alice).approve(marketAddress, tokens(70n))).wait();
  const sellA = await signOrder(alice, {
    ...sdk,
    order: { ...sellTerms, price: usd(5n) / 2n, amount: tokens(50n), expiry: orderExpiry, nonce: 1n },
    now: await now(),
  });
  const sellB = await signOrder(alice, {
    ...sdk,
    order: { ...sellTerms, price: usd(51n) / 20n, amount: tokens(20n), expiry: orderExpiry, nonce: 2n },
    now: await now(),
  });
  log(`  alice signed sell orders: 50 STRR at 2.50 USDC, 20 STRR at 2.55 USDC (EIP-712, nothing sent)`);
  const tracked = { alice, bob, carol, feeWallet: { address: feeWallet } };
  const holdings = async () => {
    const out = {} as DemoSummary["market"]["deltas"];
    for (const [n, s] of Object.entries(tracked)) {
      out[n as keyof typeof tracked] = {
        payment: await usdc.balanceOf(s.address),
        tokens: await token.balanceOf(s.address),
      };
    }
    return out;
  };
  // The buyers hold and approve what they will pay: bob exactly his quote, carol her order's limit.
  const bobAmount = tokens(30n);
  const bobCheck = await checkFill(bob, { ...sdk, order: sellA, amount: bobAmount, taker: bob.address });
  await (await usdc.mint(bob.address, bobCheck.payment)).wait();
  await (await usdc.connect(bob).approve(marketAddress, bobCheck.payment)).wait();
  const carolLimit = (usd(13n) / 5n) * 20n; // 2.60 x 20
  await (await usdc.mint(carol.address, carolLimit)).wait();
  await (await usdc.connect(carol).approve(marketAddress, carolLimit)).wait();
  const before = await holdings();
  const fromBlock = await ethers.provider.getBlockNumber();

  // The outsider (no KYC) tries to buy: the pre-trade check says why, and the fill reverts with the token's code.
  const outsiderAmount = tokens(10n);
  const refusal = await checkFill(outsider, { ...sdk, order: sellA, amount: outsiderAmount, taker: outsider.address });
  let refusedError = "none";
  try {
    await fillOrderAndWait(outsider, { ...sdk, order: sellA, amount: outsiderAmount });
  } catch (e) {
    const err = e as { errorName?: string; argList?: readonly unknown[]; shortMessage?: string; message: string };
    refusedError = err.errorName
      ? `${err.errorName}(${(err.argList ?? []).join(", ")}): ${err.shortMessage}`
      : err.message.split("\n")[0];
  }
  if (refusal.fillable || refusedError === "none") throw new Error("demo: the outsider's fill was not refused");
  log(
    `  outsider (no KYC) -> fill 10 STRR refused before sending: ${refusal.reason} code ${refusal.restrictionCode} (${refusal.restrictionName})`,
  );
  log(`    ${refusal.message}`);
  log(`    the fill itself reverts: ${refusedError}`);

  // bob takes 30 STRR of the first order: he pays the price plus the fee.
  const bobFill = await fillOrderAndWait(bob, { ...sdk, order: sellA, amount: bobAmount });
  log(
    `  bob filled 30 STRR of alice's 2.50 order: paid ${fmtUsd(bobFill.trade.payment)} (fee ${fmtUsd(bobFill.trade.fee)}); 20 STRR left on it`,
  );

  // carol signs a buy order (20 STRR, at most 2.60); the operator matches it with alice's 2.55 order: carol pays 2.55.
  const buyC = await signOrder(carol, {
    ...sdk,
    order: { ...sellTerms, side: "buy", price: usd(13n) / 5n, amount: tokens(20n), expiry: orderExpiry, nonce: 1n },
    now: await now(),
  });
  const matched = await matchOrdersAndWait(issuer, { ...sdk, buy: buyC, sell: sellB, amount: tokens(20n) });
  log(
    `  operator matched carol's buy (20 STRR at most 2.60) with alice's 2.55 sell: carol paid ${fmtUsd(matched.trade.payment)} (fee ${fmtUsd(matched.trade.fee)}), the price improvement stays with her`,
  );

  const after = await holdings();
  const deltas = {} as DemoSummary["market"]["deltas"];
  for (const n of Object.keys(tracked) as (keyof typeof tracked)[]) {
    deltas[n] = { payment: after[n].payment - before[n].payment, tokens: after[n].tokens - before[n].tokens };
  }
  // The candle, from the Trade events of the step (as an analyst or the subgraph reads them).
  const events = await marketContract.queryFilter(
    marketContract.filters.Trade(undefined, undefined, contracts.SecurityToken),
    fromBlock + 1,
  );
  const receipts = new Map([
    [bobFill.receipt.hash, "fill" as const],
    [matched.receipt.hash, "match" as const],
  ]);
  const trades = events.map((e) => ({
    sellOrderHash: e.args.sellOrderHash,
    buyOrderHash: e.args.buyOrderHash,
    token: e.args.token,
    seller: e.args.seller,
    buyer: e.args.buyer,
    paymentToken: e.args.paymentToken,
    price: e.args.price,
    amount: e.args.amount,
    payment: e.args.payment,
    fee: e.args.fee,
    sellRemaining: e.args.sellRemaining,
    buyRemaining: e.args.buyRemaining,
    kind: receipts.get(e.transactionHash) ?? ("fill" as const),
    txHash: e.transactionHash,
  }));
  const candle = candleOf(trades);
  const filled: Record<string, bigint> = {};
  for (const o of [sellA, sellB, buyC]) filled[o.hash] = (await marketContract.orderState(o.hash)).filled;
  const perToken = (p: bigint) => ethers.formatUnits(p, decimals);
  log(
    `  candle: ${candle.trades} trades, open ${perToken(candle.open)} high ${perToken(candle.high)} low ${perToken(candle.low)} ` +
      `close ${perToken(candle.close)} USDC; volume ${fmtTok(candle.volume)}, turnover ${fmtUsd(candle.turnover)} (fees ${fmtUsd(candle.fees)})`,
  );

  step("5. Revenue distribution");
  const recordDate = (await now()) + span.recordLead;
  await (await token.scheduleRecordDate(recordDate)).wait();
  log(`  record date scheduled at ${recordDate}`);
  await waitUntil(recordDate + 1n);
  await (await distributor.setWithholdingRate(carol.address, 1_500)).wait();
  const revenue = usd(3_000n);
  await (await usdc.mint(issuer.address, revenue)).wait();
  await (await usdc.approve(contracts.DividendDistributor, revenue)).wait();
  const deadline = (await now()) + 30n * 86_400n;
  await (
    await distributor.createDistribution(
      contracts.SecurityToken,
      contracts.PaymentToken,
      revenue,
      recordDate,
      deadline,
      [],
    )
  ).wait();
  const distributionId = await distributor.distributionCount();
  log(`  distribution #${distributionId}: ${fmtUsd(revenue)} to holders at the record date; carol has 15% withholding`);
  const claims: DemoSummary["distribution"]["claims"] = [];
  for (const [n, s] of [
    ["alice", alice],
    ["bob", bob],
    ["carol", carol],
  ] as const) {
    const gross = await distributor.entitlementOf(distributionId, s.address);
    const before = await usdc.balanceOf(s.address);
    await (await distributor.connect(s).claim(distributionId)).wait();
    const net = (await usdc.balanceOf(s.address)) - before;
    claims.push({ name: n, gross, net, withheld: gross - net });
    log(`  ${n} claimed ${fmtUsd(net)} (entitled ${fmtUsd(gross)}, withheld ${fmtUsd(gross - net)})`);
  }

  step("6. Points: voucher grant and spend (gated by the NFT collection)");
  await (await nft.mint(alice.address, 1n)).wait();
  await (
    await points.createProgram(
      { enabled: true, erc721: contracts.PointsNftCollection, erc1155: ethers.ZeroAddress, erc1155Id: 0n },
      0n,
    )
  ).wait();
  const programId = await points.programCount();
  const voucher = { programId, account: alice.address, amount: 500n, refId: 1n, deadline: (await now()) + 3600n };
  const signVoucher = (signer: Signer) =>
    signer.signTypedData(
      { name: "stokit Points", version: "1", chainId, verifyingContract: contracts.Points },
      {
        Voucher: [
          { name: "programId", type: "uint256" },
          { name: "account", type: "address" },
          { name: "amount", type: "uint256" },
          { name: "refId", type: "uint256" },
          { name: "deadline", type: "uint256" },
        ],
      },
      voucher,
    );
  let voucherSig: string;
  try {
    voucherSig = await signVoucher(issuer);
  } catch {
    // geth does not sign typed data for its accounts (no eth_signTypedData_v4): a local key becomes a points issuer.
    const voucherKey = Wallet.createRandom(ethers.provider);
    await (await points.grantRole(id("POINTS_ISSUER_ROLE"), voucherKey.address)).wait();
    voucherSig = await signVoucher(voucherKey);
    log(
      `  the node cannot sign EIP-712 data: vouchers are signed by a local key (${voucherKey.address}) with the role`,
    );
  }
  await (await points.connect(alice).redeemVoucher(voucher, Signature.from(voucherSig).serialized)).wait();
  log(`  alice redeemed a voucher for ${voucher.amount} points (program #${programId}, gated by NFT #1)`);
  const spent = 200n;
  await (await points.connect(alice).spend(programId, spent, await points.holderRefId(alice.address, 1n))).wait();
  const pointsBalance = await points.balanceOf(programId, alice.address);
  log(`  alice spent ${spent} points; balance ${pointsBalance}`);

  step("7. Oracle: a price update, then a 25% jump trips the breaker");
  await (await feed.setAnswer(600n * 10n ** 8n)).wait();
  await (await oracle.update(NATIVE_ASSET)).wait();
  await (await feed.setAnswer(612n * 10n ** 8n)).wait();
  await (await oracle.update(NATIVE_ASSET)).wait();
  const [acceptedPrice] = await oracle.priceOf(NATIVE_ASSET);
  log(`  feed 600 -> 612 USD: accepted, priceOf = ${ethers.formatUnits(acceptedPrice, 18)} USD`);
  await (await feed.setAnswer(765n * 10n ** 8n)).wait();
  await (await oracle.update(NATIVE_ASSET)).wait();
  const [status, reason] = await oracle.statusOf(NATIVE_ASSET);
  const state = await oracle.assetState(NATIVE_ASSET);
  log(
    `  feed 612 -> 765 USD (+25%): status ${STATUS[Number(status)]} (reason ${REASON[Number(reason)]}); priceOf now reverts`,
  );

  step("8. Check: the deployment has no drift");
  const report = await checkSuite(hre, connection, book, config);
  log(`  ${report.checked.length} checks, ${report.drift.length} drift(s)`);

  return {
    network: connection.networkName,
    chainId: Number(chainId),
    book,
    addressBookFile,
    investors,
    offering: { address: offeringAddress, totalValue: totals.totalValue, oversubscribed, hardCap: terms.hardCap, sold },
    ips,
    portfolio,
    refusedTransfer: { code, message, error },
    acceptedTransfer: { from: alice.address, to: bob.address, amount },
    market: {
      address: marketAddress,
      feeBps: Number(feeBps),
      feeWallet,
      trades,
      refused: {
        taker: outsider.address,
        reason: refusal.reason,
        code: refusal.restrictionCode,
        name: refusal.restrictionName,
        message: refusal.message,
        error: refusedError,
      },
      deltas,
      filled,
      candle,
    },
    distribution: { id: distributionId, amount: revenue, claims },
    points: { granted: voucher.amount, spent, balance: pointsBalance },
    oracle: {
      acceptedPrice: state.price ?? acceptedPrice,
      rejectedPrice: 765n * 10n ** 18n,
      status: STATUS[Number(status)],
      reason: REASON[Number(reason)],
    },
    driftCount: report.drift.length,
  };
}

/** The summary as table rows. */
export function summaryRows(s: DemoSummary): [string, string][] {
  return [
    ["network / chain id", `${s.network} / ${s.chainId}`],
    ["contracts in the address book", String(Object.keys(s.book.contracts).length)],
    ["investors (KYC)", s.investors.map((i) => `${i.name} (${i.kyc})`).join(", ")],
    [
      "offering",
      `${s.offering.totalValue} raised (units), oversubscribed=${s.offering.oversubscribed}, sold ${s.offering.sold} of ${s.offering.hardCap}`,
    ],
    ["IPs (factories)", s.ips.map((i) => `${i.symbol} ${i.raised} raised (units)`).join("; ")],
    ["alice across IPs", s.portfolio.map((r) => `${r.symbol} ${r.balance}`).join("; ")],
    ["refused transfer", `code ${s.refusedTransfer.code}: ${s.refusedTransfer.message}`],
    ["accepted transfer", `${s.acceptedTransfer.amount} from alice to bob`],
    [
      "market trades",
      s.market.trades.map((t) => `${t.kind} ${t.amount} at ${t.price} (paid ${t.payment}, fee ${t.fee})`).join("; "),
    ],
    ["refused fill", `${s.market.refused.reason} code ${s.market.refused.code} (${s.market.refused.name})`],
    [
      "candle (units)",
      `O ${s.market.candle.open} H ${s.market.candle.high} L ${s.market.candle.low} C ${s.market.candle.close}, volume ${s.market.candle.volume}, turnover ${s.market.candle.turnover}`,
    ],
    [
      "distribution",
      `#${s.distribution.id}: ${s.distribution.claims.map((c) => `${c.name} net ${c.net} (withheld ${c.withheld})`).join("; ")}`,
    ],
    ["points", `granted ${s.points.granted}, spent ${s.points.spent}, balance ${s.points.balance}`],
    ["oracle", `last accepted ${s.oracle.acceptedPrice}, status ${s.oracle.status} (${s.oracle.reason})`],
    ["drift", String(s.driftCount)],
    ["address book", s.addressBookFile ?? "(not written)"],
  ];
}
