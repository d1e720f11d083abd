import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";
import { id, keccak256, toUtf8Bytes, ZeroAddress } from "ethers";
import hre, { network } from "hardhat";

import { checkSuite } from "../../scripts/lib/check.js";
import { ChainIdMismatchError, ConfigError, loadConfig, ROOT } from "../../scripts/lib/config.js";
import { assertChainId, deploySuite } from "../../scripts/lib/deploy.js";
import { runDemo } from "../../scripts/lib/demo.js";

const connection = await network.create();
const { ethers, networkHelpers, networkName } = connection;
const tmp = mkdtempSync(path.join(os.tmpdir(), "stokit-deploy-"));

async function deployFixture() {
  const result = await deploySuite(hre, connection, { addressBookFile: path.join(tmp, `${networkName}.json`) });
  const [deployer, other] = await ethers.getSigners();
  return { ...result, deployer, other };
}

describe(`deploy: the suite on ${networkName}`, function () {
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it("deploys every contract and writes an address book that matches the chain", async function () {
    const { book, addressBookFile, deployer } = await networkHelpers.loadFixture(deployFixture);
    const { chainId } = await ethers.provider.getNetwork();
    const onDisk = JSON.parse(readFileSync(addressBookFile!, "utf8"));
    expect(onDisk).to.deep.equal(book);
    expect(Object.keys(book)).to.deep.equal(["network", "chainId", "commit", "contracts"]);
    expect(book.network).to.equal(networkName);
    expect(book.chainId).to.equal(Number(chainId));
    expect(book.commit).to.match(/^[0-9a-f]{40}$/);
    expect(Object.keys(book.contracts).sort()).to.deep.equal(
      [
        "DividendDistributor",
        "IdentityRegistry",
        "Multicall3",
        "NativeUsdFeed",
        "OracleCircuitBreaker",
        "PaymentToken",
        "Points",
        "PointsNftCollection",
        "SecurityToken",
        "TokenFactory",
        "OfferingFactory",
        "TokenInitcode0",
        "TokenInitcode1",
        "OfferingInitcode0",
        "OfferingInitcode1",
        "Market",
      ].sort(),
    );
    for (const [name, entry] of Object.entries(book.contracts)) {
      expect(Object.keys(entry), name).to.deep.equal(["address", "blockNumber", "txHash", "abiHash"]);
      const receipt = await ethers.provider.getTransactionReceipt(entry.txHash);
      expect(receipt?.contractAddress, name).to.equal(entry.address);
      expect(receipt?.blockNumber, name).to.equal(entry.blockNumber);
      expect(receipt?.from, name).to.equal(deployer.address);
    }
    const { abi } = await hre.artifacts.readArtifact("SecurityToken");
    expect(book.contracts.SecurityToken.abiHash).to.equal(keccak256(toUtf8Bytes(JSON.stringify(abi))));
  });

  it("wires roles, the registry binding and the oracle asset, and check reports no drift", async function () {
    const { book, contracts, config, deployer } = await networkHelpers.loadFixture(deployFixture);
    const registry = await ethers.getContractAt("IdentityRegistry", contracts.IdentityRegistry);
    const token = await ethers.getContractAt("SecurityToken", contracts.SecurityToken);
    const oracle = await ethers.getContractAt("OracleCircuitBreaker", contracts.OracleCircuitBreaker);
    expect(await registry.boundTokens()).to.deep.equal([contracts.SecurityToken]);
    expect(await token.hasRole(id("AGENT_ROLE"), deployer.address)).to.equal(true);
    expect(await registry.hasRole(id("KYC_AGENT_ROLE"), deployer.address)).to.equal(true);
    expect((await oracle.assetConfig(config.oracle.asset)).primary).to.equal(contracts.NativeUsdFeed);
    const multicall = await ethers.getContractAt("Multicall3Compatible", contracts.Multicall3);
    expect(await multicall.getChainId()).to.equal((await ethers.provider.getNetwork()).chainId);

    const report = await checkSuite(hre, connection, book, config);
    expect(report.drift).to.deep.equal([]);
    expect(report.checked.length).to.be.greaterThan(40);
    for (const subject of ["Market.fee.feeBps", "SecurityToken.trustedOperator(Market)", "Market.defaultAdminDelay"]) {
      expect(report.checked, subject).to.deep.include({ subject, ok: true });
    }
  });

  it("deploys the market with its operator and fee, trusted by the suite's token", async function () {
    const { contracts, config, deployer } = await networkHelpers.loadFixture(deployFixture);
    const market = await ethers.getContractAt("Market", contracts.Market);
    const token = await ethers.getContractAt("SecurityToken", contracts.SecurityToken);
    expect(config.market).to.deep.equal({ operator: deployer.address, feeBps: 25, feeWallet: deployer.address });
    expect(await market.fee()).to.deep.equal([25n, deployer.address]);
    expect(await market.hasRole(id("OPERATOR_ROLE"), deployer.address)).to.equal(true);
    expect(await market.defaultAdmin()).to.equal(deployer.address);
    expect(await token.isTrustedOperator(contracts.Market)).to.equal(true);
    const { chainId } = await ethers.provider.getNetwork();
    const domain = await market.eip712Domain();
    expect([domain.name, domain.version, domain.chainId, domain.verifyingContract]).to.deep.equal([
      "stokit Market",
      "1",
      chainId,
      contracts.Market,
    ]);
  });

  it("check detects an untrusted market and a changed fee", async function () {
    const { book, contracts, config, deployer, other } = await networkHelpers.loadFixture(deployFixture);
    const market = await ethers.getContractAt("Market", contracts.Market);
    const token = await ethers.getContractAt("SecurityToken", contracts.SecurityToken);
    await token.setTrustedOperator(contracts.Market, false);
    await market.setFee(10, other.address);
    await market.revokeRole(id("OPERATOR_ROLE"), deployer.address);
    const report = await checkSuite(hre, connection, book, config);
    expect(report.drift).to.have.deep.members([
      { subject: "SecurityToken.trustedOperator(Market)", expected: "trusted", actual: "not trusted" },
      { subject: "Market.fee.feeBps", expected: "25", actual: "10" },
      { subject: "Market.fee.feeWallet", expected: deployer.address, actual: other.address },
      { subject: `Market.OPERATOR_ROLE(operator ${deployer.address})`, expected: "granted", actual: "missing" },
    ]);
  });

  it("check detects a revoked role, a broken binding, a changed feed and a missing contract", async function () {
    const { book, contracts, config, deployer, other } = await networkHelpers.loadFixture(deployFixture);
    const registry = await ethers.getContractAt("IdentityRegistry", contracts.IdentityRegistry);
    const token = await ethers.getContractAt("SecurityToken", contracts.SecurityToken);
    await token.revokeRole(id("AGENT_ROLE"), deployer.address);
    let report = await checkSuite(hre, connection, book, config);
    expect(report.drift).to.deep.equal([
      { subject: `SecurityToken.AGENT_ROLE(agent ${deployer.address})`, expected: "granted", actual: "missing" },
    ]);

    await registry.setTokenBinding(contracts.SecurityToken, false);
    report = await checkSuite(hre, connection, book, config);
    expect(report.drift.map((d) => d.subject)).to.include("IdentityRegistry.boundTokens ∋ SecurityToken");

    const oracle = await ethers.getContractAt("OracleCircuitBreaker", contracts.OracleCircuitBreaker);
    const other_feed = await ethers.deployContract("OracleMockFeed", [8, 600n * 10n ** 8n]);
    const c = await oracle.assetConfig(config.oracle.asset);
    await oracle.setAssetConfig(config.oracle.asset, {
      primary: await other_feed.getAddress(),
      fallbackFeed: ZeroAddress,
      heartbeat: c.heartbeat,
      fallbackHeartbeat: 0,
      minPrice: c.minPrice,
      maxPrice: c.maxPrice,
      maxDeviationBps: c.maxDeviationBps,
      recoveryRounds: c.recoveryRounds,
    });
    report = await checkSuite(hre, connection, book, config);
    expect(report.drift).to.deep.include({
      subject: `OracleCircuitBreaker.assetConfig(${config.oracle.asset}).primary`,
      expected: contracts.NativeUsdFeed,
      actual: await other_feed.getAddress(),
    });

    const broken = structuredClone(book);
    broken.contracts.Points.address = other.address; // an EOA: no code
    report = await checkSuite(hre, connection, broken, config);
    expect(report.drift).to.deep.include({ subject: "Points.code", expected: "deployed", actual: "no code" });
    expect(report.drift.length).to.be.greaterThanOrEqual(4);
  });

  it("reports a pending admin handover to a configured multisig as a note, not as drift", async function () {
    const { other } = await networkHelpers.loadFixture(deployFixture);
    const params = JSON.parse(readFileSync(path.join(ROOT, "ignition/parameters/local.json"), "utf8"));
    params.roles.admin = other.address;
    params.roles.compliance = other.address;
    delete params.market; // defaults: the admin operates, no fee
    const file = path.join(tmp, "handover.json");
    writeFileSync(file, JSON.stringify(params));
    process.env.STOKIT_PARAMS = file;
    try {
      const { book, config, contracts } = await deploySuite(hre, connection, {
        addressBookFile: false,
        deploymentId: "handover",
      });
      const token = await ethers.getContractAt("SecurityToken", contracts.SecurityToken);
      const [pending] = await token.pendingDefaultAdmin();
      expect(pending).to.equal(other.address);
      const report = await checkSuite(hre, connection, book, config);
      expect(report.drift).to.deep.equal([]);
      // registry, token, distributor, points, oracle, two factories, market
      expect(report.notes.length).to.equal(8);
      expect(report.notes[0]).to.contain("acceptDefaultAdminTransfer");

      // The market is trusted although the deployer is not the compliance officer: its temporary role is gone.
      const [deployer] = await ethers.getSigners();
      const market = await ethers.getContractAt("Market", contracts.Market);
      expect(config.market).to.deep.equal({ operator: other.address, feeBps: 0, feeWallet: ZeroAddress });
      expect(await token.isTrustedOperator(contracts.Market)).to.equal(true);
      expect(await token.hasRole(id("COMPLIANCE_ROLE"), deployer.address)).to.equal(false);
      expect(await token.hasRole(id("COMPLIANCE_ROLE"), other.address)).to.equal(true);
      expect(await market.hasRole(id("OPERATOR_ROLE"), other.address)).to.equal(true);
      expect(await market.fee()).to.deep.equal([0n, ZeroAddress]);
      expect((await market.pendingDefaultAdmin())[0]).to.equal(other.address);
      await token.grantRole(id("COMPLIANCE_ROLE"), deployer.address); // the deployer keeping the role is drift
      const kept = await checkSuite(hre, connection, book, config);
      expect(kept.drift).to.deep.equal([
        {
          subject: `SecurityToken.COMPLIANCE_ROLE(deployer ${deployer.address})`,
          expected: "renounced",
          actual: "kept",
        },
      ]);
    } finally {
      delete process.env.STOKIT_PARAMS;
    }
  });

  it("refuses a node whose chain id differs from the configuration, with a typed error", async function () {
    const { chainId } = await ethers.provider.getNetwork();
    await assertChainId(connection, Number(chainId)); // matches: no error
    const wrong = Number(chainId) + 1;
    let caught: unknown;
    try {
      await assertChainId(connection, wrong);
    } catch (e) {
      caught = e;
    }
    expect(caught).to.be.instanceOf(ChainIdMismatchError);
    expect((caught as ChainIdMismatchError).expected).to.equal(wrong);
    expect((caught as ChainIdMismatchError).actual).to.equal(Number(chainId));
    expect((caught as Error).message).to.contain("EIP-155");
  });

  it("validates parameters with readable, typed errors", async function () {
    const [deployer] = await ethers.getSigners();
    const base = JSON.parse(readFileSync(path.join(ROOT, "ignition/parameters/local.json"), "utf8"));
    const cases: [(p: typeof base) => void, string, RegExp][] = [
      [(p) => (p.roles.admin = ""), "roles.admin", /missing/],
      [(p) => (p.roles.agent = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8"), "roles.agent", /not checksummed/],
      [(p) => (p.roles.guardian = "0x1234"), "roles.guardian", /not an address/],
      [(p) => (p.oracle.maxPrice = "1"), "oracle.maxPrice", /above/],
      [(p) => (p.payment.decimals = 19), "payment.decimals", /integer in \[0, 18\]/],
      [(p) => (p.multicall = "maybe"), "multicall", /canonical/],
      [(p) => (p.market.feeBps = 101), "market.feeBps", /integer in \[0, 100\]/],
      [(p) => (p.market.feeBps = 2.5), "market.feeBps", /integer in \[0, 100\]/],
      [(p) => delete p.market.feeWallet, "market.feeWallet", /required when market.feeBps is 25/],
      [(p) => (p.market.feeWallet = ZeroAddress), "market.feeWallet", /zero address/],
      [(p) => (p.market.feeWallet = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8"), "market.feeWallet", /checksum/],
      [(p) => (p.market.operator = ""), "market.operator", /missing/],
    ];
    try {
      for (const [mutate, field, message] of cases) {
        const p = structuredClone(base);
        mutate(p);
        const file = path.join(tmp, `bad-${field}.json`);
        writeFileSync(file, JSON.stringify(p));
        process.env.STOKIT_PARAMS = file;
        let caught: unknown;
        try {
          loadConfig(networkName, deployer.address);
        } catch (e) {
          caught = e;
        }
        expect(caught, field).to.be.instanceOf(ConfigError);
        expect((caught as ConfigError).field).to.equal(field);
        expect((caught as ConfigError).details).to.match(message);
      }
      // The public-network files leave the deployer to fill in role holders and feeds.
      process.env.STOKIT_PARAMS = path.join(ROOT, "ignition/parameters/base.json");
      expect(() => loadConfig("base", deployer.address, 8453)).to.throw(ConfigError, /roles\.admin: missing/);
    } finally {
      delete process.env.STOKIT_PARAMS;
    }
  });
});

describe(`deploy: missing configuration variables (${networkName} run)`, function () {
  it("stops with Hardhat's error naming the variable, before any transaction or address book", function () {
    this.timeout(120_000);
    const env = { ...process.env };
    for (const name of [
      "BSC_RPC_URL",
      "DEPLOYER_PRIVATE_KEY",
      "STOKIT_RPC_URL",
      "STOKIT_PARAMS",
      "HARDHAT_VAR_BSC_RPC_URL",
    ]) {
      delete env[name];
    }
    const book = path.join(tmp, "missing-config.json");
    env.STOKIT_ADDRESS_BOOK = book;
    const run = spawnSync(
      path.join(ROOT, "node_modules", ".bin", "hardhat"),
      ["run", "scripts/deploy.ts", "--network", "bsc"],
      {
        cwd: ROOT,
        env,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    expect(run.status).to.not.equal(0);
    expect(`${run.stdout}${run.stderr}`).to.match(/BSC_RPC_URL|DEPLOYER_PRIVATE_KEY/);
    expect(existsSync(book)).to.equal(false);
  });
});

describe(`demo: the lifecycle on ${networkName}`, function () {
  it("runs KYC, an oversubscribed offering, transfers, a market trade and a refused fill, a distribution, points and the breaker", async function () {
    const demoConnection = await network.create();
    const s = await runDemo(hre, demoConnection, () => {}, { addressBookFile: false });
    expect(s.investors.map((i) => i.kyc)).to.deep.equal(["agent", "agent", "attestation"]);
    expect(s.offering.oversubscribed).to.equal(true);
    expect(s.offering.sold).to.be.lessThanOrEqual(s.offering.hardCap);
    expect(s.offering.sold).to.be.greaterThan(s.offering.hardCap - 10n);
    const held = s.investors.reduce((sum, i) => sum + i.tokens, 0n);
    expect(held).to.equal(s.offering.sold);
    expect(s.refusedTransfer.code).to.equal(4);
    expect(s.refusedTransfer.message).to.equal("Receiver is not verified");
    expect(s.refusedTransfer.error).to.match(/^SecurityTokenRestricted\(4,/);
    // The secondary market: bob's fill and the operator's match, settled and paid exactly; the outsider refused.
    const m = s.market;
    const [alice, bob, carolInvestor] = s.investors.map((i) => i.address);
    const usdc = (n: bigint, d = 1n) => (n * 10n ** 6n) / d;
    // Reference quote: the seller is the maker in both, so its proceeds round up and the fee comes on top.
    const quote = (amount: bigint, price: bigint) => {
      const proceeds = (amount * price + 10n ** 18n - 1n) / 10n ** 18n;
      const fee = (proceeds * BigInt(m.feeBps)) / 10_000n;
      return { proceeds, fee, payment: proceeds + fee };
    };
    const bobQuote = quote(30n * 10n ** 18n, usdc(5n, 2n));
    const carolQuote = quote(20n * 10n ** 18n, usdc(51n, 20n));
    expect(m.feeBps).to.equal(25);
    expect(bobQuote).to.deep.equal({ proceeds: usdc(75n), fee: 187_500n, payment: 75_187_500n });
    expect(m.trades.map((t) => [t.kind, t.seller, t.buyer, t.price, t.amount, t.payment, t.fee])).to.deep.equal([
      ["fill", alice, bob, usdc(5n, 2n), 30n * 10n ** 18n, bobQuote.payment, bobQuote.fee],
      ["match", alice, carolInvestor, usdc(51n, 20n), 20n * 10n ** 18n, carolQuote.payment, carolQuote.fee],
    ]);
    expect(m.trades.map((t) => [t.sellRemaining, t.buyRemaining])).to.deep.equal([
      [20n * 10n ** 18n, 0n],
      [0n, 0n],
    ]);
    expect(m.deltas).to.deep.equal({
      alice: { payment: bobQuote.proceeds + carolQuote.proceeds, tokens: -50n * 10n ** 18n },
      bob: { payment: -bobQuote.payment, tokens: 30n * 10n ** 18n },
      carol: { payment: -carolQuote.payment, tokens: 20n * 10n ** 18n },
      feeWallet: { payment: bobQuote.fee + carolQuote.fee, tokens: 0n },
    });
    expect(Object.values(m.filled)).to.deep.equal([30n * 10n ** 18n, 20n * 10n ** 18n, 20n * 10n ** 18n]);
    expect(m.candle).to.deep.equal({
      trades: 2,
      open: usdc(5n, 2n),
      high: usdc(51n, 20n),
      low: usdc(5n, 2n),
      close: usdc(51n, 20n),
      volume: 50n * 10n ** 18n,
      turnover: bobQuote.payment + carolQuote.payment,
      fees: bobQuote.fee + carolQuote.fee,
    });
    expect(m.refused).to.include({ reason: "TokenRestricted", code: 4 });
    expect(m.refused.name).to.equal("ReceiverNotVerified");
    expect(m.refused.error).to.match(/^SecurityTokenRestricted\(4, /);
    // On chain: the Trade events and the order states say the same, and the refused taker got nothing.
    const market = await demoConnection.ethers.getContractAt("Market", m.address);
    const onChain = await market.queryFilter(market.filters.Trade());
    expect(onChain.map((e) => [e.transactionHash, e.args.payment, e.args.fee])).to.deep.equal(
      m.trades.map((t) => [t.txHash, t.payment, t.fee]),
    );
    for (const [hash, filled] of Object.entries(m.filled))
      expect((await market.orderState(hash)).filled).to.equal(filled);
    const suiteToken = await demoConnection.ethers.getContractAt(
      "SecurityToken",
      s.book.contracts.SecurityToken.address,
    );
    expect(await suiteToken.balanceOf(m.refused.taker)).to.equal(0n);
    expect(await suiteToken.isTrustedOperator(m.address)).to.equal(true);

    const carol = s.distribution.claims.find((c) => c.name === "carol")!;
    expect(carol.withheld).to.equal((carol.gross * 1_500n) / 10_000n);
    expect(s.distribution.claims.filter((c) => c.withheld === 0n).length).to.equal(2);
    const paid = s.distribution.claims.reduce((sum, c) => sum + c.gross, 0n);
    expect(paid).to.be.lessThanOrEqual(s.distribution.amount);
    expect(paid).to.be.greaterThan(s.distribution.amount - 3n);
    expect(s.points).to.deep.equal({ granted: 500n, spent: 200n, balance: 300n });
    expect(s.oracle.status).to.equal("Tripped");
    expect(s.oracle.reason).to.equal("DeviationExceeded");
    expect(s.oracle.acceptedPrice).to.equal(612n * 10n ** 18n);
    expect(s.driftCount).to.equal(0);
    // Two IPs through the factories, one investor (alice) holding both, next to the suite's token.
    expect(s.ips.map((i) => i.symbol)).to.deep.equal(["MOON", "COMET"]);
    for (const ip of s.ips) {
      expect(s.book.contracts[`IpToken_${ip.symbol}`].address).to.equal(ip.token);
      expect(s.book.contracts[`IpOffering_${ip.symbol}_0`].address).to.equal(ip.offering);
      const t = await demoConnection.ethers.getContractAt("IpSecurityToken", ip.token);
      expect(await t.balanceOf(s.investors[0].address)).to.equal(ip.aliceTokens);
      expect(ip.aliceTokens).to.be.greaterThan(0n);
    }
    expect(s.ips[0].aliceTokens).to.equal(500n * 10n ** 18n);
    expect(s.ips[1].aliceTokens).to.equal(200n * 10n ** 18n);
    expect(s.portfolio.map((r) => r.token)).to.deep.equal([
      s.book.contracts.SecurityToken.address,
      ...s.ips.map((i) => i.token),
    ]);
    expect(s.portfolio.slice(1).map((r) => r.balance)).to.deep.equal(s.ips.map((i) => i.aliceTokens));
    // The offering is in the address book (the subgraph's Offering data source reads it from there).
    expect(s.book.contracts.Offering.address).to.equal(s.offering.address);
    const receipt = await demoConnection.ethers.provider.getTransactionReceipt(s.book.contracts.Offering.txHash);
    expect(receipt?.contractAddress).to.equal(s.offering.address);
    expect(receipt?.blockNumber).to.equal(s.book.contracts.Offering.blockNumber);
  });
});
