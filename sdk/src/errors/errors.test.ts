import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { Interface } from "ethers";

// Loading the dividends area registers its errors and sentences (what an app importing a dividends action gets).
import "../actions/dividends/shared.js";
import { dividendDistributorAbi } from "../generated/abis/DividendDistributor.js";
import { offeringFactoryAbi } from "../generated/abis/OfferingFactory.js";
import { tokenFactoryAbi } from "../generated/abis/TokenFactory.js";
import { StokitError } from "./base.js";
import { registerCatalogue } from "./catalogue.js";
import { ContractRevertError } from "./contract.js";
import { decodeRevertData } from "./decode.js";
import { toStokitError } from "./normalize.js";
import { InvalidParameterError } from "./parameter.js";
import { revertReasons } from "./reasons.js";
import { NetworkError, RpcError } from "./rpc.js";

const iface = new Interface(dividendDistributorAbi);
const HOLDER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

describe("errors", () => {
  it("names every breaker reason in the oracle sentences, the newest ones included (one list with the actions)", () => {
    const a = { asset: "0x" + "11".repeat(20), lastPrice: 1n, rejectedPrice: 2n };
    assert.match(revertReasons.OracleAssetTripped!({ ...a, reason: 17n }), /\(OutOfOrderRound\)/);
    assert.match(revertReasons.OracleAssetTripped!({ ...a, reason: 18n }), /\(CumulativeDeviationExceeded\)/);
    assert.match(
      revertReasons.OracleAssetFrozen!({ asset: a.asset, primaryReason: 19n, fallbackReason: 11n }),
      /primary feed PinLifted, fallback DeviationExceeded/,
    );
  });

  it("pins the sentence of every dividends custom error", () => {
    const sentences: Record<string, [unknown[], string]> = {
      DividendUnknownDistribution: [[7n], "Distribution 7 does not exist."],
      DividendWrongStatus: [[7n, 2], "Distribution 7 is Cancelled, not in the status this operation needs."],
      DividendZeroAddress: [[], "A zero address was given where an address is required."],
      DividendZeroAmount: [[], "The amount is zero (or the payout token delivered nothing)."],
      DividendAmountTooLarge: [
        [2n ** 130n],
        `The amount ${2n ** 130n} exceeds what a distribution can hold (2^96 - 1).`,
      ],
      DividendRecordDateNotPast: [
        [1_700_000_000n, 1_600_000_000n],
        "The record date 2023-11-14T22:13:20.000Z is not in the past of the token's clock (2020-09-13T12:26:40.000Z).",
      ],
      DividendDeadlineNotFuture: [
        [1_600_000_000n, 1_700_000_000n],
        "The claim deadline 2020-09-13T12:26:40.000Z is not after the current block time 2023-11-14T22:13:20.000Z.",
      ],
      DividendNoEligibleSupply: [
        [10n, 10n],
        "No eligible supply: the excluded balances (10) cover the whole supply at the record date (10).",
      ],
      DividendDuplicateExclusion: [[HOLDER], `${HOLDER} appears twice in the exclusion list.`],
      DividendHolderExcluded: [[7n, HOLDER], `${HOLDER} is excluded from distribution 7.`],
      DividendHolderFrozen: [
        [7n, HOLDER],
        `${HOLDER} is frozen by the token's agent; its entitlement in distribution 7 stays claimable until it is unfrozen.`,
      ],
      DividendAlreadyClaimed: [[7n, HOLDER], `${HOLDER} already claimed distribution 7.`],
      DividendNothingToClaim: [[7n, HOLDER], `${HOLDER} has nothing to claim in distribution 7.`],
      DividendNothingHeld: [[7n, HOLDER], `Nothing is held for ${HOLDER} in distribution 7.`],
      DividendClaimPeriodEnded: [
        [7n, 1_600_000_000n],
        "The claim period of distribution 7 ended at 2020-09-13T12:26:40.000Z.",
      ],
      DividendClaimPeriodOpen: [
        [7n, 1_600_000_000n],
        "The claim period of distribution 7 is open until 2020-09-13T12:26:40.000Z.",
      ],
      DividendNotCreator: [[7n, HOLDER], `${HOLDER} is not the creator of distribution 7.`],
      DividendClaimsStarted: [[7n, 5n], "Distribution 7 can no longer be cancelled: 5 was already claimed."],
      DividendInvalidTaxRate: [[10_001n], "A withholding rate of 10001 basis points exceeds 100%."],
      DividendTaxWalletUnset: [[], "Tax is due but no tax wallet is configured."],
      DividendOnlySelf: [[HOLDER], `${HOLDER} called an entry point the distributor reserves to itself.`],
      DividendSupplyTooLarge: [
        [5n],
        "The eligible supply at the record date (5) exceeds what a distribution can divide by (2^160 - 1).",
      ],
    };
    const declared = iface.fragments
      .filter((f) => f.type === "error")
      .map((f) => (f as unknown as { name: string }).name)
      .filter((n) => n.startsWith("Dividend"));
    assert.deepEqual(declared.sort(), Object.keys(sentences).sort(), "every Dividend* error has a pinned sentence");
    for (const [name, [args, sentence]] of Object.entries(sentences)) {
      const data = iface.encodeErrorResult(name, args);
      const decoded = decodeRevertData(data);
      assert.ok(decoded, name);
      assert.equal(decoded.errorName, name);
      assert.equal(decoded.reason, sentence);
      const error = new ContractRevertError({ data, functionName: "claim", contractAddress: HOLDER });
      assert.equal(error.shortMessage, sentence);
      assert.equal(error.docsPath, "#errors");
    }
  });

  it("pins the sentence of every token-factory and offering-factory error", () => {
    const factories = new Interface([...tokenFactoryAbi, ...offeringFactoryAbi]);
    const IP = `0x${"ab".repeat(32)}`;
    const TOKEN = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    const sentences: Record<string, [unknown[], string]> = {
      TokenFactoryZeroAddress: [["registry"], "The registry address is zero."],
      TokenFactoryZeroIpId: [[], "The IP id is zero."],
      TokenFactoryEmptyName: [[], "The name is empty."],
      TokenFactoryEmptySymbol: [[], "The symbol is empty."],
      TokenFactoryEmptyUri: [[], "The IP's URI is empty."],
      TokenFactoryZeroAdmin: [[], "The token admin is the zero address."],
      TokenFactoryIpTaken: [[IP, TOKEN], `IP ${IP} is already listed: its token is ${TOKEN}.`],
      OfferingFactoryNotIssuanceAdmin: [
        [TOKEN],
        `The offering factory may not grant roles on ${TOKEN}: not an IP token of this platform, or the factory was revoked.`,
      ],
    };
    const declared = [
      ...new Set(
        factories.fragments
          .filter((f) => f.type === "error")
          .map((f) => (f as unknown as { name: string }).name)
          .filter((n) => /^(TokenFactory|OfferingFactory)/.test(n)),
      ),
    ];
    assert.deepEqual(declared.sort(), Object.keys(sentences).sort(), "every factory error has a pinned sentence");
    for (const [name, [args, sentence]] of Object.entries(sentences)) {
      const decoded = decodeRevertData(factories.encodeErrorResult(name, args));
      assert.equal(decoded?.errorName, name);
      assert.equal(decoded?.reason, sentence);
    }
    // The initcode store's errors (deploying a factory, which the SDK does not do) decode with the generic sentence.
    const mismatch = decodeRevertData(factories.encodeErrorResult("InitcodeStoreNoChunks", []));
    assert.equal(mismatch?.errorName, "InitcodeStoreNoChunks");
  });

  it("prints every amount in one format: the plain base-unit integer, never called tokens or units", () => {
    const AMOUNT = 1234567n;
    // Every argument of every sentence is the amount (addresses and ids print the same way: as given).
    const args = new Proxy({}, { get: () => AMOUNT }) as Readonly<Record<string, unknown>>;
    for (const [name, sentence] of Object.entries(revertReasons)) {
      const text = sentence(args);
      assert.doesNotMatch(text, /1234567 (tokens|units)\b/, name);
      assert.doesNotMatch(text, /1\.234567|1,234,567/, name);
    }
    assert.match(
      revertReasons.ERC20InsufficientBalance!({ sender: HOLDER, balance: AMOUNT, needed: 2n * AMOUNT }),
      /holds 1234567, less than the 2469134 needed/,
    );
    const invalid = new InvalidParameterError({
      parameter: "amount",
      value: 2n * AMOUNT,
      expected: `at most the balance ${AMOUNT}`,
    });
    assert.equal(invalid.shortMessage, "Invalid amount: expected at most the balance 1234567, got 2469134.");
  });

  it("decodes an area's errors, with its sentences, once the area has registered them; decodeRevertData knows all", () => {
    const area = new Interface(["error TestAreaRefused(uint256 amount, address account)"]);
    const data = area.encodeErrorResult("TestAreaRefused", [5n, HOLDER]);
    const before = new ContractRevertError({ data });
    assert.equal(before.errorName, undefined);
    assert.equal(before.reason, `The contract reverted with unknown error data ${data.slice(0, 10)}.`);
    registerCatalogue({
      errors: ["TestAreaRefused(uint256 amount, address account)"],
      reasons: { TestAreaRefused: (a) => `${a.account} was refused ${a.amount}.` },
    });
    const after = new ContractRevertError({ data });
    assert.equal(after.errorName, "TestAreaRefused");
    assert.deepEqual(after.args, { amount: 5n, account: HOLDER });
    assert.equal(after.reason, `${HOLDER} was refused 5.`);
    // The whole suite's table, whatever is loaded: a points error decodes with its sentence.
    const points = new Interface(["error PointsZeroAmount()"]);
    assert.equal(
      decodeRevertData(points.encodeErrorResult("PointsZeroAmount", []))?.reason,
      "The amount of points is zero.",
    );
  });

  it("decodes Error(string), Panic(uint256) and reports unknown data", () => {
    const err = new Interface(["error Error(string)"]);
    assert.equal(decodeRevertData(err.encodeErrorResult("Error", ["boom"]))?.reason, "The contract reverted: boom");
    const panic = new Interface(["error Panic(uint256)"]);
    assert.equal(
      decodeRevertData(panic.encodeErrorResult("Panic", [0x11]))?.reason,
      "The contract panicked with code 17 (arithmetic overflow or underflow).",
    );
    assert.equal(decodeRevertData("0xdeadbeef"), null);
    assert.equal(
      new ContractRevertError({ data: "0xdeadbeef" }).shortMessage,
      "The contract reverted with unknown error data 0xdeadbeef.",
    );
    assert.equal(new ContractRevertError({ data: "0x" }).shortMessage, "The contract reverted without a reason.");
  });

  it("formats messages with meta lines, details, docs and version; walk() follows causes", () => {
    const root = new Error("socket hang up");
    const network = new NetworkError("The RPC endpoint could not be reached.", { cause: root, urls: ["http://a"] });
    const outer = new StokitError("Reading failed.", { cause: network, metaMessages: ["Call: claimable"] });
    assert.equal(
      outer.message,
      "Reading failed.\n\nCall: claimable\n\nDetails: socket hang up\nVersion: @stokit/sdk@0.1.0",
    );
    assert.equal(outer.walk(), root);
    assert.equal(
      outer.walk((e) => e instanceof NetworkError),
      network,
    );
    assert.equal(
      outer.walk((e) => e instanceof RpcError),
      null,
    );
    const bad = new InvalidParameterError({ parameter: "amount", value: 0n, expected: "an integer greater than zero" });
    assert.equal(bad.shortMessage, "Invalid amount: expected an integer greater than zero, got 0.");
  });

  it("classifies provider errors: revert data (also nested, as wallets do), network failures, node refusals", () => {
    const data = iface.encodeErrorResult("DividendNothingToClaim", [1n, HOLDER]);
    const direct = toStokitError({ code: "CALL_EXCEPTION", data, message: "execution reverted" });
    assert.ok(direct instanceof ContractRevertError && direct.errorName === "DividendNothingToClaim");
    const wallet = toStokitError({
      code: -32603,
      message: "Internal JSON-RPC error.",
      data: { code: 3, message: "execution reverted", data },
    });
    assert.ok(wallet instanceof ContractRevertError && wallet.errorName === "DividendNothingToClaim");
    const refused = toStokitError(
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }),
    );
    assert.ok(refused instanceof NetworkError);
    assert.ok(toStokitError(new TypeError("fetch failed")) instanceof NetworkError);
    const nonce = toStokitError({ code: "NONCE_EXPIRED", shortMessage: "nonce has already been used" });
    assert.ok(nonce instanceof RpcError && nonce.code === "NONCE_EXPIRED");
    assert.equal(nonce.shortMessage, "The node refused the request: nonce has already been used");
    assert.equal(toStokitError(direct), direct);
  });
});
