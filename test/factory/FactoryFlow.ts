/**
 * The factories on a deployed suite: `listIp` (what `npm run ip:create` runs) lists an IP and opens its offering from an
 * IP file, investors subscribe and are settled; `check` covers the factories; bad input fails with typed errors
 * before anything is sent, and factory reverts are decoded.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";
import { AbiCoder, getCreate2Address, id, keccak256, ZeroAddress } from "ethers";
import hre, { network } from "hardhat";

import { creationCode, splitInitcode } from "../../ignition/modules/Factory.js";
import { checkSuite } from "../../scripts/lib/check.js";
import { ROOT } from "../../scripts/lib/config.js";
import { deploySuite } from "../../scripts/lib/deploy.js";
import {
  factoryConstructorArgs,
  type IpFile,
  ipIdOf,
  listIp,
  ListIpError,
  ListIpRevertError,
  readIpFile,
  resolveIpFile,
} from "../../scripts/lib/factory.js";

const connection = await network.create();
const { ethers, networkHelpers, networkName } = connection;
const tmp = mkdtempSync(path.join(os.tmpdir(), "stokit-factory-"));
const USDC = 10n ** 6n;
const UNIT = 10n ** 18n;

const IP: IpFile = {
  ipId: "webtoon:moonlit",
  name: "Moonlit Revenue Right",
  symbol: "MOON",
  uri: "ipfs://moonlit",
  offering: {
    price: String(2n * USDC),
    minSubscription: String(10n * USDC),
    maxSubscription: String(20_000n * USDC),
    softCap: String(100n * UNIT),
    hardCap: String(5_000n * UNIT),
    startsIn: 60,
    durationSeconds: 7 * 86_400,
    lockupSeconds: 30 * 86_400,
  },
};

async function deployed() {
  const addressBookFile = path.join(tmp, `${networkName}.json`);
  const result = await deploySuite(hre, connection, { addressBookFile });
  const [deployer, alice, bob, stranger] = await ethers.getSigners();
  return { ...result, addressBookFile, deployer, alice, bob, stranger };
}

describe(`factories: list an IP and open its offering on ${networkName}`, function () {
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it("deploys the factories with the suite; check verifies their wiring and creation code", async function () {
    const { book, config } = await networkHelpers.loadFixture(deployed);
    for (const name of ["TokenFactory", "OfferingFactory", "TokenInitcode0", "TokenInitcode1", "OfferingInitcode0"]) {
      expect(book.contracts[name], name).to.not.equal(undefined);
    }
    const tokenFactory = await ethers.getContractAt("TokenFactory", book.contracts.TokenFactory.address);
    expect(await tokenFactory.identityRegistry()).to.equal(book.contracts.IdentityRegistry.address);
    expect(await tokenFactory.distributor()).to.equal(book.contracts.DividendDistributor.address);
    expect(await tokenFactory.initcodeHash()).to.equal(keccak256(creationCode("token")));
    const report = await checkSuite(hre, connection, book, config);
    expect(report.drift).to.deep.equal([]);
    expect(report.checked.map((c) => c.subject)).to.include.members([
      "TokenFactory.initcodeHash",
      "OfferingFactory.initcodeChunks",
      "IdentityRegistry.TOKEN_BINDER_ROLE(TokenFactory)",
      `TokenFactory.TOKEN_CREATOR_ROLE(lister ${config.roles.lister})`,
    ]);
  });

  it("check reports a factory that lost the registry's binder role", async function () {
    const { book, config } = await networkHelpers.loadFixture(deployed);
    const registry = await ethers.getContractAt("IdentityRegistry", book.contracts.IdentityRegistry.address);
    await registry.revokeRole(id("TOKEN_BINDER_ROLE"), book.contracts.TokenFactory.address);
    const report = await checkSuite(hre, connection, book, config);
    expect(report.drift.map((d) => d.subject)).to.deep.equal(["IdentityRegistry.TOKEN_BINDER_ROLE(TokenFactory)"]);
  });

  it("lists an IP, opens its offering, and investors subscribe and are settled under lock-up", async function () {
    const { book, config, addressBookFile, deployer, alice, bob } = await networkHelpers.loadFixture(deployed);
    const target = { book, addressBookFile, signer: deployer };
    const file = path.join(tmp, "moonlit.json");
    writeFileSync(file, JSON.stringify(IP));
    const listed = await listIp(hre, ethers, target, config, { file: readIpFile(file) });
    expect(listed.ipId).to.equal(id("webtoon:moonlit"));
    expect(listed.offeringIndex).to.equal(0n);
    expect(book.contracts.IpToken_MOON.address).to.equal(listed.token);
    expect(book.contracts.IpOffering_MOON_0.address).to.equal(listed.offering);

    const tokenFactory = await ethers.getContractAt("TokenFactory", book.contracts.TokenFactory.address);
    expect(await tokenFactory.tokenOf(listed.ipId)).to.equal(listed.token);
    const token = await ethers.getContractAt("IpSecurityToken", listed.token);
    const offering = await ethers.getContractAt("Offering", listed.offering!);
    expect(await token.hasRole(id("AGENT_ROLE"), listed.offering!)).to.equal(true);
    expect(await token.hasRole(id("LOCKUP_ROLE"), listed.offering!)).to.equal(true);
    const registry = await ethers.getContractAt("IdentityRegistry", book.contracts.IdentityRegistry.address);
    expect(await registry.boundTokens()).to.deep.equal([book.contracts.SecurityToken.address, listed.token]);

    // The creation events carry the metadata and the terms (what the subgraph indexes without eth_calls).
    const [created] = await tokenFactory.queryFilter(tokenFactory.filters.TokenCreated());
    expect(created.args.params.name).to.equal(IP.name);
    expect(created.args.params.uri).to.equal(IP.uri);
    expect(created.args.decimals).to.equal(18n);
    const offeringFactory = await ethers.getContractAt("OfferingFactory", book.contracts.OfferingFactory.address);
    const [opened] = await offeringFactory.queryFilter(offeringFactory.filters.OfferingCreated());
    expect(opened.args.params.terms.price).to.equal(2n * USDC);
    expect(opened.args.paymentDecimals).to.equal(6n);
    expect(opened.args.lockupGranted).to.equal(true);

    // What verify submits for factory-made contracts: the event's arguments rebuild the CREATE2 address.
    for (const [name, artifact, factory] of [
      ["IpToken_MOON", "IpSecurityToken", tokenFactory],
      ["IpOffering_MOON_0", "Offering", offeringFactory],
    ] as const) {
      const made = await factoryConstructorArgs(ethers, name, book.contracts[name]);
      expect(made?.artifact).to.equal(artifact);
      const deployTx = await (await ethers.getContractFactory(artifact)).getDeployTransaction(...made!.args);
      const salt =
        artifact === "Offering"
          ? keccak256(AbiCoder.defaultAbiCoder().encode(["address", "uint256"], [listed.token, 0n]))
          : listed.ipId;
      expect(getCreate2Address(await factory.getAddress(), salt, keccak256(deployTx.data)), name).to.equal(
        book.contracts[name].address,
      );
    }
    expect(await factoryConstructorArgs(ethers, "SecurityToken", book.contracts.SecurityToken)).to.equal(undefined);

    // One KYC for every IP: alice registered before the token existed is synced; bob registers after.
    const expiry = BigInt(await networkHelpers.time.latest()) + 365n * 86_400n;
    await registry.registerInvestor(id("investor:alice"), 410, expiry, 1, alice.address);
    await token.syncIdentity([alice.address]);
    await registry.registerInvestor(id("investor:bob"), 840, expiry, 1, bob.address);

    const usdc = await ethers.getContractAt("OfferingMockStablecoin", book.contracts.PaymentToken.address);
    const terms = await offering.terms();
    await networkHelpers.time.increaseTo(terms.startTime);
    for (const [s, amount] of [
      [alice, 1_000n * USDC],
      [bob, 600n * USDC],
    ] as const) {
      await usdc.mint(s.address, amount);
      await usdc.connect(s).approve(listed.offering!, amount);
      await offering.connect(s).subscribe(amount);
    }
    await networkHelpers.time.increaseTo(terms.endTime);
    await offering.finalise();
    await offering.settle([alice.address, bob.address]);
    expect(await token.balanceOf(alice.address)).to.equal(500n * UNIT);
    expect(await token.balanceOf(bob.address)).to.equal(300n * UNIT);
    expect(await token.lockupOf(alice.address)).to.equal(terms.lockupEnd);
    // The IP token is an ordinary SecurityToken for its holders: alice pays bob.
    await token.connect(alice).transfer(bob.address, UNIT);
    expect(await token.balanceOf(bob.address)).to.equal(301n * UNIT);
    expect((await token.compliance()).investorCount).to.equal(2n);
  });

  it("refuses bad input with ListIpError before sending anything", async function () {
    const { book, config, deployer, stranger } = await networkHelpers.loadFixture(deployed);
    const now = BigInt(await networkHelpers.time.latest());
    const bad: [Partial<IpFile>, string][] = [
      [{ name: "" }, "name"],
      [{ symbol: "  " }, "symbol"],
      [{ uri: undefined }, "uri"],
      [{ ipId: "0x" + "00".repeat(32) }, "ipId"],
      [{ roles: { agent: "0x1234" } }, "roles.agent"],
      [{ roles: { admin: ZeroAddress } }, "roles.admin"],
      [{ offering: { ...IP.offering!, price: "1.5" } }, "offering.price"],
      [{ offering: { ...IP.offering!, durationSeconds: 0 } }, "offering.durationSeconds"],
    ];
    for (const [change, field] of bad) {
      expect(() => resolveIpFile({ ...IP, ...change } as IpFile, config, book, now), field)
        .to.throw(ListIpError)
        .with.property("field", field);
    }
    expect(() => readIpFile(path.join(tmp, "missing.json")))
      .to.throw(ListIpError)
      .with.property("field", "(file)");

    const target = { book: structuredClone(book), addressBookFile: false as const, signer: deployer };
    const noOffering = { ...IP, offering: undefined };
    await listIp(hre, ethers, target, config, { file: noOffering });
    const again = listIp(hre, ethers, target, config, { file: noOffering });
    await expect(again).to.be.rejectedWith(ListIpError, /ipId: .* is already listed/);
    const other = { ...noOffering, ipId: "character:hana", symbol: "HANA" };
    await expect(listIp(hre, ethers, { ...target, signer: stranger }, config, { file: other })).to.be.rejectedWith(
      ListIpError,
      /signer: .* lacks the TokenFactory's TOKEN_CREATOR_ROLE/,
    );
  });

  it("decodes a factory revert into ListIpRevertError", async function () {
    const { book, config, deployer } = await networkHelpers.loadFixture(deployed);
    const target = { book: structuredClone(book), addressBookFile: false as const, signer: deployer };
    const capsInverted = { ...IP, offering: { ...IP.offering!, softCap: String(9_000n * UNIT) } };
    const error = await listIp(hre, ethers, target, config, { file: capsInverted }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ListIpRevertError);
    expect((error as ListIpRevertError).action).to.equal("createOffering");
    expect((error as ListIpRevertError).errorName).to.equal("OfferingInvalidCaps");
    expect((error as ListIpRevertError).args).to.deep.equal([9_000n * UNIT, 5_000n * UNIT]);
  });

  it("ipIdOf takes a bytes32 id as is and hashes a label; splitInitcode keeps every byte", function () {
    const raw = "0x" + "ab".repeat(32);
    expect(ipIdOf(raw)).to.equal(raw);
    expect(ipIdOf("webtoon:moonlit")).to.equal(id("webtoon:moonlit"));
    const code = creationCode("token");
    const chunks = splitInitcode(code);
    expect(chunks).to.have.length(2);
    expect("0x" + chunks.map((c) => c.slice(2)).join("")).to.equal(code);
    // Each chunk is a data contract under EIP-170 (24,576 bytes with its STOP prefix). A coverage build instruments the
    // token past two such chunks (its chains lift the limit); the split is even either way.
    const size = (code.length - 2) / 2;
    const bound = size <= 2 * 24_575 ? 24_575 : Math.ceil(size / 2);
    for (const c of chunks) expect((c.length - 2) / 2).to.be.at.most(bound);
    expect(() => splitInitcode("0x00")).to.throw(/cannot make 2 chunks/);
  });
});

describe("scripts/list-ip.ts (npm run ip:create)", function () {
  const run = (env: Record<string, string>) =>
    spawnSync(path.join(ROOT, "node_modules", ".bin", "hardhat"), ["run", "scripts/list-ip.ts"], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: "utf8",
    });
  const dir = mkdtempSync(path.join(os.tmpdir(), "stokit-list-ip-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("lists an IP and opens its offering on an in-process chain", function () {
    const file = path.join(dir, "ip.json");
    writeFileSync(file, JSON.stringify(IP));
    const result = run({ STOKIT_IP: file, STOKIT_ADDRESS_BOOK: path.join(dir, "book.json") });
    expect(result.status, result.stderr).to.equal(0);
    expect(result.stdout).to.match(/IP 0x[0-9a-f]{64}: token 0x[0-9a-fA-F]{40}/);
    expect(result.stdout).to.match(/offering #0: 0x[0-9a-fA-F]{40}/);
    const book = JSON.parse(readFileSync(path.join(dir, "book.json"), "utf8"));
    expect(Object.keys(book.contracts)).to.include.members(["TokenFactory", "IpToken_MOON", "IpOffering_MOON_0"]);
  });

  it("stops with a typed error on bad input", function () {
    this.timeout(120_000); // two hardhat processes
    const file = path.join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ ...IP, symbol: "" }));
    const result = run({ STOKIT_IP: file, STOKIT_ADDRESS_BOOK: path.join(dir, "bad-book.json") });
    expect(result.status).to.equal(1);
    expect(result.stderr).to.contain("ListIpError: symbol: missing or empty");
    const unset = run({ STOKIT_IP: "" });
    expect(unset.status).to.equal(1);
    expect(unset.stderr).to.contain("ListIpError: STOKIT_IP: set it to the path of an IP file");
  });
});
