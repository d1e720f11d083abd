/**
 * The harness's own tests: number and memory codecs, the host functions as seen from compiled AssemblyScript (the
 * probe mapping), the store's schema rules, and the refusal of unknown or unimplemented imports.
 */
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, describe, it } from "node:test";

import { AbiCoder, Interface, keccak256, toUtf8Bytes } from "ethers";

import {
  AscMemory,
  MappingError,
  MappingModule,
  Schema,
  Subgraph,
  Store,
  StoreKind,
  TypeIndex,
  UnimplementedHostFunction,
  bdDividedBy,
  bdParse,
  bdToString,
  bigIntToSignedLE,
  bitLength,
  decodeLogParams,
  fromHex,
  hex,
  importsFor,
  normalize,
  signedLEToBigInt,
  writeEvent,
  type EntityData,
  type HostContext,
  type LogEntry,
  type RpcBlock,
  type RpcLog,
  type RpcReceipt,
  type StoreValue,
} from "./harness/index.ts";
import { buildProbe } from "./probe/build.ts";

const here = import.meta.dirname;
const ADDRESS = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

describe("BigInt bytes (num-bigint to_signed_bytes_le)", () => {
  it("encodes the documented examples", () => {
    assert.equal(hex(bigIntToSignedLE(0n)), "0x00");
    assert.equal(hex(bigIntToSignedLE(255n)), "0xff00");
    assert.equal(hex(bigIntToSignedLE(-1n)), "0xff");
    assert.equal(hex(bigIntToSignedLE(-129n)), "0x7fff");
    assert.equal(hex(bigIntToSignedLE(127n)), "0x7f");
    assert.equal(hex(bigIntToSignedLE(128n)), "0x8000");
  });

  it("gives a uint256 with the top bit set an extra zero byte, and round-trips", () => {
    const top = 1n << 255n;
    const bytes = bigIntToSignedLE(top);
    assert.equal(bytes.length, 33);
    assert.equal(bytes[32], 0);
    for (const v of [0n, 1n, -1n, top, -top, (1n << 256n) - 1n, -(10n ** 40n), 65535n, -32768n]) {
      assert.equal(signedLEToBigInt(bigIntToSignedLE(v)), v);
    }
    assert.equal(signedLEToBigInt(new Uint8Array()), 0n);
  });

  it("counts bits like num-bigint (the 435,412-bit limit is checked with it)", () => {
    for (const [v, bits] of [
      [0n, 0],
      [1n, 1],
      [-1n, 1],
      [255n, 8],
      [256n, 9],
      [-(1n << 255n), 256],
      [(1n << 435_411n) - 1n, 435_411],
    ] as const) {
      assert.equal(bitLength(v), bits, String(bits));
    }
  });
});

describe("BigDecimal (graph-node normalization)", () => {
  it("rounds positives half up and truncates negatives at 34 digits, strips trailing zeros", () => {
    const long = "1.2345678901234567890123456789012345"; // 35 significant digits, last 5
    assert.equal(bdToString(normalize(bdParse(long))), "1.234567890123456789012345678901235");
    assert.equal(bdToString(normalize(bdParse("-" + long))), "-1.234567890123456789012345678901234");
    assert.equal(bdToString(normalize(bdParse("1500000"))), "1500000");
    assert.deepEqual(normalize(bdParse("1500000")), { digits: 15n, exp: 5n });
    assert.deepEqual(normalize(bdParse("0.000")), { digits: 0n, exp: 0n });
    assert.equal(bdToString(normalize(bdParse("1.23e-4"))), "0.000123");
  });

  it("divides to 34 significant digits", () => {
    assert.equal(bdToString(bdDividedBy(bdParse("1"), bdParse("3"))), "0.3333333333333333333333333333333333");
    assert.equal(bdToString(bdDividedBy(bdParse("2"), bdParse("3"))), "0.6666666666666666666666666666666667");
    assert.equal(bdToString(bdDividedBy(bdParse("-2"), bdParse("3"))), "-0.6666666666666666666666666666666666");
    assert.equal(bdToString(bdDividedBy(bdParse("10"), bdParse("4"))), "2.5");
  });
});

/** Base58 (bitcoin alphabet) by repeated division: an encoder independent of the one the harness uses. */
function referenceBase58(bytes: Uint8Array): string {
  const alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  let n = BigInt(hex(bytes));
  let out = "";
  while (n > 0n) {
    out = alphabet[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = "1" + out;
  }
  return out;
}

// ===== the probe mapping =====

const PROBE_SCHEMA = readFileSync(path.join(here, "probe", "schema.graphql"), "utf8");

interface Probe {
  store: Store;
  logs: LogEntry[];
  created: string[];
  call(name: string, args?: (mem: AscMemory) => number[]): { result: number; mem: AscMemory };
}

let probeModule: MappingModule;

function newProbe(store = new Store(new Schema(PROBE_SCHEMA))): Probe {
  const logs: LogEntry[] = [];
  const created: string[] = [];
  const context: Omit<HostContext, "mem"> = {
    store,
    dataSource: {
      name: "Probe",
      address: fromHex(ADDRESS),
      network: "bsc",
      context: new Map([["label", { kind: StoreKind.String, value: "probe-ctx" }]]),
    },
    templates: new Set(["Known"]),
    createDataSource: (template) => created.push(template),
    log: (entry) => logs.push(entry),
  };
  return {
    store,
    logs,
    created,
    call(name, args = () => []) {
      const { exports, mem } = probeModule.instantiate(context);
      const fn = exports[name] as (...a: number[]) => number;
      try {
        const result = fn(...args(mem)) >>> 0;
        store.commitHandler();
        return { result, mem };
      } catch (error) {
        store.discardHandler();
        throw error;
      }
    },
  };
}

function callString(p: Probe, name: string, args?: (mem: AscMemory) => number[]): string {
  const { result, mem } = p.call(name, args);
  return mem.readString(result);
}

describe("host ABI against compiled AssemblyScript (probe mapping)", () => {
  before(() => {
    probeModule = MappingModule.fromFile(buildProbe());
  });

  it("writes objects with graph-node's header: class id, exact rtSize, 16-byte alignment, valid mmInfo", () => {
    const p = newProbe();
    p.store.beginBlock(1);
    const { mem } = p.call("keccak", (m) => [m.writeString("")]);
    const s = mem.writeString("héllo");
    const b = mem.writeBytes(Uint8Array.from([1, 2, 3]));
    assert.equal(s % 16, 0);
    assert.equal(b % 16, 0);
    assert.equal(mem.rtSize(s), 10);
    assert.equal(mem.rtId(s), mem.classId(TypeIndex.String));
    assert.equal(mem.rtSize(b), 12);
    assert.equal(mem.rtId(b), mem.classId(TypeIndex.Uint8Array));
    assert.equal(mem.rtSize(mem.u32(b)), 3);
    assert.ok(mem.u32(s - 20) >= 16 + 10, "mmInfo covers the header and the content");
    assert.notEqual(mem.classId(TypeIndex.String), mem.classId(TypeIndex.Uint8Array));
  });

  it("round-trips strings (UTF-16, astral characters) and strips NUL like graph-node", () => {
    const p = newProbe();
    assert.equal(
      callString(p, "echoString", (m) => [m.writeString("stokit ✓ 𝔘")]),
      "stokit ✓ 𝔘|11",
    );
    assert.equal(
      callString(p, "echoString", (m) => [m.writeString("")]),
      "|0",
    );
    assert.equal(
      callString(p, "echoString", (m) => [m.writeString("a\u0000b")]),
      "ab|3",
    );
  });

  it("rejects a lone surrogate when reading a string", () => {
    const p = newProbe();
    const { mem } = p.call("keccak", (m) => [m.writeString("")]);
    assert.throws(() => mem.readString(mem.writeString("\ud800x")), /lone surrogate/);
  });

  it("round-trips Bytes and BigInt (negative, high bit set) through the mapping", () => {
    const p = newProbe();
    assert.equal(
      callString(p, "bytesInfo", (m) => [m.writeBytes(fromHex("0xdeadbeef00"))]),
      "0xdeadbeef00:5",
    );
    assert.equal(
      callString(p, "bytesInfo", (m) => [m.writeBytes(new Uint8Array())]),
      "0x:0",
    );
    const top = 1n << 255n;
    assert.equal(
      callString(p, "bigIntBytes", (m) => [m.writeBigInt(top)]),
      hex(bigIntToSignedLE(top)),
    );
    assert.equal(
      callString(p, "bigIntBytes", (m) => [m.writeBigInt(-129n)]),
      "0x7fff",
    );
    const { result, mem } = p.call("keccak", (m) => [m.writeString("")]);
    assert.ok(result);
    for (const v of [0n, -1n, top, (1n << 256n) - 1n, -(10n ** 30n)])
      assert.equal(mem.readBigInt(mem.writeBigInt(v)), v);
  });

  it("implements bigInt arithmetic and conversions with graph-node's semantics", () => {
    const p = newProbe();
    const out = callString(p, "bigIntArithmetic", (m) => [m.writeBigInt(-1000n), m.writeBigInt(7n)]).split(",");
    assert.deepEqual(out, [
      "-993",
      "-1007",
      "-7000",
      "-142", // truncates toward zero
      "-6", // takes the dividend's sign
      "-1000000000",
      "-256000",
      "-63", // arithmetic shift (floor)
      "-993", // two's complement, as num-bigint
      "0",
      "0x3e8", // magnitude, sign dropped
      "-123456789012345678901234567890",
      "-129",
    ]);
    assert.throws(
      () => p.call("bigIntArithmetic", (m) => [m.writeBigInt(1n), m.writeBigInt(0n)]),
      /divide BigInt `1` by zero/,
    );
  });

  it("implements bigDecimal arithmetic (34 digits, half-up on positives, truncation on negatives)", () => {
    const p = newProbe();
    assert.equal(
      callString(p, "bigDecimalArithmetic", (m) => [m.writeString("1.5"), m.writeString("3")]),
      ["4.5", "-1.5", "4.5", "0.5", "ne", "3.333333333333333333333333333333333"].join(","),
    );
    assert.equal(
      callString(p, "bigDecimalArithmetic", (m) => [m.writeString("-2"), m.writeString("3")]).split(",")[3],
      "-0.6666666666666666666666666666666666",
    );
    assert.throws(() => p.call("bigDecimalArithmetic", (m) => [m.writeString("1"), m.writeString("0")]), /by zero/);
    assert.throws(
      () => p.call("bigDecimalArithmetic", (m) => [m.writeString("1,5"), m.writeString("1")]),
      /failed to parse decimal/,
    );
  });

  it("implements crypto.keccak256 and the type conversions", () => {
    const p = newProbe();
    assert.equal(
      callString(p, "keccak", (m) => [m.writeString("Transfer(address,address,uint256)")]),
      keccak256(toUtf8Bytes("Transfer(address,address,uint256)")),
    );
    const [address, base58, text] = callString(p, "conversions", (m) => [
      m.writeString(ADDRESS.toUpperCase().replace("0X", "0x")),
    ]).split(",");
    assert.equal(address, ADDRESS);
    assert.equal(base58, referenceBase58(fromHex(ADDRESS))); // bitcoin alphabet
    assert.equal(text, "héllo"); // UTF-8, trailing NUL trimmed
    assert.throws(() => p.call("conversions", (m) => [m.writeString("0x1234")]), /Failed to convert string to Address/);
  });

  it("returns entities the mapping can grow (arrays renewed by the stub runtime) with merge semantics on set", () => {
    const p = newProbe();
    p.store.beginBlock(1);
    p.call("saveThing", (m) => [m.writeString("t1"), m.writeString("first")]);
    assert.equal(
      callString(p, "growEntity", (m) => [m.writeString("t1")]),
      "first:6",
    ); // id, name, count, amount, tags + extra
    assert.equal(
      callString(p, "growEntity", (m) => [m.writeString("nope")]),
      "missing",
    );
    p.store.commitBlock();
    const thing = p.store.get("Thing", "t1")!;
    assert.equal(thing.count, 2);
    assert.equal(thing.amount, 42n);
    assert.equal(thing.extra, "grown");
    assert.deepEqual(thing.tags, ["a", "b"]);
    // A later partial save keeps the fields it does not mention.
    p.store.beginBlock(2);
    p.call("saveThing", (m) => [m.writeString("t1"), m.writeString("renamed")]);
    p.store.commitBlock();
    assert.equal(p.store.get("Thing", "t1")!.extra, "grown");
    assert.equal(p.store.get("Thing", "t1")!.name, "renamed");
  });

  it("serves get_in_block from the current block only, and loadRelated from the store plus the block", () => {
    const p = newProbe();
    p.store.beginBlock(1);
    p.call("saveThing", (m) => [m.writeString("t1"), m.writeString("first")]);
    assert.equal(
      callString(p, "inBlockName", (m) => [m.writeString("t1")]),
      "first",
    );
    p.call("saveNoteFor", (m) => [m.writeBytes(fromHex("0x02")), m.writeString("older"), m.writeString("t1")]);
    p.store.commitBlock();
    p.store.beginBlock(2);
    assert.equal(
      callString(p, "inBlockName", (m) => [m.writeString("t1")]),
      "none",
    );
    p.call("saveNoteFor", (m) => [m.writeBytes(fromHex("0x01")), m.writeString("newer"), m.writeString("t1")]);
    p.call("saveNoteFor", (m) => [m.writeBytes(fromHex("0x03")), m.writeString("other"), m.writeString("t2")]);
    assert.equal(
      callString(p, "relatedNotes", (m) => [m.writeString("t1")]),
      "newer,older",
    );
    assert.equal(
      callString(p, "relatedNotes", (m) => [m.writeString("t2")]),
      "other",
    );
    p.store.commitBlock();
  });

  it("fails on a missing required field, an undefined field and a wrong type", () => {
    const p = newProbe();
    p.store.beginBlock(1);
    assert.throws(
      () => p.call("saveThingWithoutName", (m) => [m.writeString("t2")]),
      /missing value for non-nullable field `name`/,
    );
    assert.throws(
      () => p.call("saveUndefinedField", (m) => [m.writeString("t3")]),
      /Attempted to set undefined fields \[colour\]/,
    );
    assert.throws(
      () => p.call("saveWrongType", (m) => [m.writeString("t4")]),
      /field `name` must have type String but has type Int/,
    );
    p.store.commitBlock();
    assert.equal(p.store.count("Thing"), 0);
  });

  it("allows an immutable entity to be set twice in its block, never in a later one, and never removed", () => {
    const p = newProbe();
    const id = (m: AscMemory) => m.writeBytes(fromHex("0xabcd"));
    p.store.beginBlock(5);
    p.call("saveNote", (m) => [id(m), m.writeString("one")]);
    p.call("saveNote", (m) => [id(m), m.writeString("two")]);
    p.store.commitBlock();
    assert.equal(p.store.get("Note", "0xABCD")!.text, "two");
    p.store.beginBlock(6);
    assert.throws(
      () => p.call("saveNote", (m) => [id(m), m.writeString("three")]),
      /entity Note\[0xabcd\] is immutable; inserting it at block 6 is not possible as it was already inserted at block 5/,
    );
    assert.throws(() => p.call("removeNote", (m) => [id(m)]), /immutable entity type Note only allows inserts/);
    p.store.commitBlock();
    assert.equal(p.store.get("Note", "0xabcd")!.text, "two");
  });

  it("aborts the handler on log.critical and discards its writes; keeps other log levels", () => {
    const p = newProbe();
    p.store.beginBlock(1);
    assert.throws(
      () => p.call("saveThenFail", (m) => [m.writeString("t9")]),
      /Critical error logged in mapping with log message: giving up on t9/,
    );
    p.call("logInfo", (m) => [m.writeString("x")]);
    p.store.commitBlock();
    assert.equal(p.store.get("Thing", "t9"), undefined);
    assert.deepEqual(
      p.logs.map((l) => `${l.level}:${l.message}`),
      ["CRITICAL:giving up on t9", "INFO:info x", "WARNING:warn x"],
    );
  });

  it("reports abort with graph-node's message", () => {
    const p = newProbe();
    assert.throws(
      () => p.call("abortWith", (m) => [m.writeString("boom")]),
      (e: Error) => {
        assert.ok(e instanceof MappingError);
        assert.match(
          e.message,
          /^Mapping aborted at tests\/probe\/probe\.ts, line \d+, column \d+, with message: boom$/,
        );
        return true;
      },
    );
  });

  it("throws on an import graph-node provides but the harness does not implement", () => {
    const p = newProbe();
    assert.throws(
      () => p.call("callIpfs"),
      (e: Error) => e instanceof UnimplementedHostFunction && e.message === "unimplemented host function ipfs.cat",
    );
  });

  it("refuses ethereum.call with a clear error", () => {
    const p = newProbe();
    assert.throws(
      () => p.call("callContract", (m) => [m.writeBytes(fromHex(ADDRESS))]),
      /ethereum\.call is refused by the test harness \(Token\.balanceOf\(address\):\(uint256\)\)/,
    );
  });

  it("refuses to load a module importing something graph-node does not provide", () => {
    // (module (import "env" "seed" (func (result f64)))): what Math.random pulls in.
    const bytes = Uint8Array.from([
      0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7c, 2, 12, 1, 3, 0x65, 0x6e, 0x76, 4, 0x73, 0x65, 0x65,
      0x64, 0, 0,
    ]);
    const module = new WebAssembly.Module(bytes);
    assert.throws(
      () => importsFor(module, {} as HostContext),
      /graph-node would refuse this module: unknown import\(s\) env\.seed/,
    );
  });

  it("implements ethereum.encode/decode like alloy (null on failure)", () => {
    const p = newProbe();
    const out = callString(p, "encodeDecode", (m) => [m.writeBytes(fromHex(ADDRESS)), m.writeBigInt(10n ** 20n)]).split(
      ",",
    );
    const expected = AbiCoder.defaultAbiCoder().encode(["(address,uint256,string)"], [[ADDRESS, 10n ** 20n, "stokit"]]);
    assert.deepEqual(out, [expected, ADDRESS, (10n ** 20n).toString(), "stokit", "null"]);
  });

  it("parses JSON keeping big numbers exact, and try_fromBytes reports errors", () => {
    const p = newProbe();
    const text = '{"small": -42, "big": 123456789012345678901234567890, "list": [1, "two", null]}';
    assert.equal(
      callString(p, "jsonRead", (m) => [m.writeString(text)]),
      "123456789012345678901234567890,-42,3,two,error",
    );
  });

  it("exposes the data source's network, address and context, and refuses unknown templates", () => {
    const p = newProbe();
    assert.equal(callString(p, "dataSourceInfo"), `bsc,${ADDRESS},probe-ctx`);
    assert.throws(
      () => p.call("createFromTemplate", (m) => [m.writeBytes(fromHex(ADDRESS))]),
      /No template with this name/,
    );
    assert.deepEqual(p.created, []);
  });

  it("writes ethereum.Event, Block, Transaction and Receipt the mapping can read", () => {
    const p = newProbe();
    const iface = new Interface([
      "event Moved(address indexed from, string indexed tag, uint256 amount, bytes32[] refs)",
    ]);
    const fragment = iface.getEvent("Moved")!;
    const encoded = iface.encodeEventLog(fragment, [ADDRESS, "tag", 5n, []]);
    const log: RpcLog = {
      address: ADDRESS,
      topics: encoded.topics,
      data: encoded.data,
      blockHash: "0x" + "11".repeat(32),
      blockNumber: "0x2a",
      transactionHash: "0x" + "22".repeat(32),
      transactionIndex: "0x0",
      logIndex: "0x3",
    };
    const block: RpcBlock = {
      number: "0x2a",
      hash: log.blockHash,
      parentHash: "0x" + "00".repeat(32),
      sha3Uncles: "0x" + "00".repeat(32),
      miner: "0x" + "33".repeat(20),
      stateRoot: "0x" + "00".repeat(32),
      transactionsRoot: "0x" + "00".repeat(32),
      receiptsRoot: "0x" + "00".repeat(32),
      gasUsed: "0x5208",
      gasLimit: "0x1c9c380",
      timestamp: "0x6553f100",
      difficulty: "0x0",
      baseFeePerGas: "0x7",
      transactions: [],
    };
    const tx = {
      hash: log.transactionHash,
      transactionIndex: "0x0",
      from: "0x" + "44".repeat(20),
      to: null,
      value: "0x0",
      gas: "0x5208",
      gasPrice: "0x9",
      input: "0xabcdef",
      nonce: "0x5",
    };
    const receipt: RpcReceipt = {
      transactionHash: log.transactionHash,
      transactionIndex: "0x0",
      blockHash: log.blockHash,
      blockNumber: "0x2a",
      cumulativeGasUsed: "0x5208",
      gasUsed: "0x5100",
      contractAddress: null,
      logs: [log],
      status: "0x1",
      logsBloom: "0x" + "00".repeat(256),
    };
    const params = decodeLogParams(fragment, log);
    assert.equal(params[1].value.kind, 1, "an indexed string arrives as FIXED_BYTES (its hash)");
    const withReceipt = callString(p, "describeEvent", (m) => [writeEvent(m, log, params, block, tx, receipt)]).split(
      ";",
    );
    assert.deepEqual(withReceipt, [
      ADDRESS,
      "3",
      "3",
      log.blockHash,
      "42",
      String(0x6553f100),
      "0x" + "33".repeat(20),
      "7",
      log.transactionHash,
      "0x" + "44".repeat(20),
      "create",
      "5",
      "3",
      "from=0",
      "tag=1",
      "amount=4",
      "refs=8",
      String(0x5100),
      "1",
      encoded.topics[0],
      "1",
    ]);
    const bare = callString(p, "describeEvent", (m) => [
      writeEvent(m, log, params, { ...block, baseFeePerGas: null }, tx, null),
    ]).split(";");
    assert.equal(bare[7], "nobasefee");
    assert.equal(bare.at(-1), "noreceipt");
  });
});

describe("templates (dataSource.create) through the Subgraph runner", () => {
  const FACTORY = "0x00000000000000000000000000000000000fac70";
  const CHILD = "0x000000000000000000000000000000000000c41d";
  const OTHER = "0x0000000000000000000000000000000000000dd0";
  const factory = new Interface(["event Spawned(address child)"]);
  const child = new Interface(["event Ping(uint256 n)"]);

  function buildDir(): string {
    const dir = mkdtempSync(path.join(tmpdir(), "template-subgraph-"));
    copyFileSync(buildProbe(), path.join(dir, "probe.wasm"));
    writeFileSync(path.join(dir, "schema.graphql"), PROBE_SCHEMA);
    writeFileSync(path.join(dir, "Factory.json"), factory.formatJson());
    writeFileSync(path.join(dir, "Child.json"), child.formatJson());
    const mapping = (abi: string, event: string, handler: string) =>
      `    mapping:\n      kind: ethereum/events\n      apiVersion: 0.0.9\n      language: wasm/assemblyscript\n      file: probe.wasm\n` +
      `      entities: [Note]\n      abis:\n        - name: ${abi}\n          file: ${abi}.json\n` +
      `      eventHandlers:\n        - event: ${event}\n          handler: ${handler}\n`;
    writeFileSync(
      path.join(dir, "subgraph.yaml"),
      `specVersion: 1.3.0\nschema:\n  file: schema.graphql\ndataSources:\n  - kind: ethereum/contract\n    name: Factory\n    network: bsc\n` +
        `    source:\n      address: "${FACTORY}"\n      abi: Factory\n      startBlock: 1\n` +
        mapping("Factory", "Spawned(address)", "handleSpawned") +
        `templates:\n  - kind: ethereum/contract\n    name: Child\n    network: bsc\n    source:\n      abi: Child\n` +
        mapping("Child", "Ping(uint256)", "handlePing"),
    );
    return dir;
  }

  function block(number: number, logs: { address: string; iface: Interface; name: string; args: unknown[] }[]) {
    const txHash = "0x" + number.toString(16).padStart(64, "0");
    const z = "0x" + "00".repeat(32);
    const rpcLogs: RpcLog[] = logs.map((l, i) => {
      const e = l.iface.encodeEventLog(l.name, l.args);
      return {
        address: l.address,
        topics: e.topics,
        data: e.data,
        blockHash: z,
        blockNumber: "0x" + number.toString(16),
        transactionHash: txHash,
        transactionIndex: "0x0",
        logIndex: "0x" + i.toString(16),
      };
    });
    const rpcBlock: RpcBlock = {
      number: "0x" + number.toString(16),
      hash: z,
      parentHash: z,
      sha3Uncles: z,
      miner: FACTORY,
      stateRoot: z,
      transactionsRoot: z,
      receiptsRoot: z,
      gasUsed: "0x0",
      gasLimit: "0x0",
      timestamp: "0x64",
      difficulty: "0x0",
      transactions: [
        {
          hash: txHash,
          transactionIndex: "0x0",
          from: FACTORY,
          to: FACTORY,
          value: "0x0",
          gas: "0x0",
          gasPrice: "0x0",
          input: "0x",
          nonce: "0x0",
        },
      ],
    };
    const receipt: RpcReceipt = {
      transactionHash: txHash,
      transactionIndex: "0x0",
      blockHash: z,
      blockNumber: rpcBlock.number,
      cumulativeGasUsed: "0x0",
      gasUsed: "0x0",
      contractAddress: null,
      logs: rpcLogs,
      status: "0x1",
      logsBloom: "0x",
    };
    return { block: rpcBlock, receipts: [receipt] };
  }

  it("starts a template data source and re-scans the creating block for it", () => {
    const sg = new Subgraph(buildDir());
    const ping = (address: string, n: number) => ({ address, iface: child, name: "Ping", args: [n] });
    // Block 1: the child pings before and after it is spawned; block 2: the child and an unrelated contract ping.
    sg.processChain([
      block(1, [ping(CHILD, 1), { address: FACTORY, iface: factory, name: "Spawned", args: [CHILD] }, ping(CHILD, 2)]),
      block(2, [ping(OTHER, 3), ping(CHILD, 4)]),
    ]);
    assert.deepEqual(Object.fromEntries(sg.handled), { handleSpawned: 1, handlePing: 3 });
    assert.deepEqual(
      sg.dataSources.map((d) => [d.name, d.template, d.address, d.startBlock]),
      [
        ["Factory", false, FACTORY, 1],
        ["Child", true, CHILD, 1],
      ],
    );
    // graph-node re-scans the whole creating block for the new data source, so the ping before the spawn counts too.
    assert.deepEqual(
      sg.store
        .all("Note")
        .map((n) => n.text)
        .sort(),
      [`${CHILD}@0`, `${CHILD}@1`, `${CHILD}@2`],
    );
  });
});

describe("log decoding", () => {
  it("decodes every ABI shape like ethers' coder (differential over nested, signed, dynamic and indexed values)", () => {
    const iface = new Interface([
      "event Mixed(uint8 indexed small, int64 indexed neg, bytes indexed blob, (address who, uint256[] amounts, string note)[] entries, int24[3] ticks, bytes32 tag, bool flag, bytes raw, string text, uint256 top)",
    ]);
    const fragment = iface.getEvent("Mixed")!;
    const args = [
      200,
      -5n,
      "0x0102",
      [
        [ADDRESS, [1n, 2n, (1n << 256n) - 1n], "first ✓"],
        [ADDRESS.replace("5f", "6f"), [], ""],
      ],
      [-8388608n, 0n, 8388607n],
      "0x" + "ab".repeat(32),
      true,
      "0xdeadbeef",
      "stokit",
      1n << 255n,
    ];
    const encoded = iface.encodeEventLog(fragment, args);
    const log = {
      address: ADDRESS,
      topics: encoded.topics,
      data: encoded.data,
      blockHash: "0x",
      blockNumber: "0x1",
      transactionHash: "0x",
      transactionIndex: "0x0",
      logIndex: "0x0",
    };
    const params = decodeLogParams(fragment, log);
    const parsed = iface.parseLog(log)!;
    const plain = (v: unknown): unknown => {
      const value = v as { kind: number; value: unknown };
      if (Array.isArray(value.value)) return value.value.map(plain);
      if (value.value instanceof Uint8Array) return value.kind === 0 ? hex(value.value) : hex(value.value);
      return value.value;
    };
    const fromEthers = (type: import("ethers").ParamType, v: unknown): unknown => {
      if (type.isArray()) return [...(v as unknown[])].map((x) => fromEthers(type.arrayChildren, x));
      if (type.isTuple()) return type.components.map((c, i) => fromEthers(c, (v as unknown[])[i]));
      if (type.baseType === "address") return (v as string).toLowerCase();
      if (/^u?int/.test(type.baseType)) return BigInt(v as bigint);
      return v;
    };
    fragment.inputs.forEach((input, i) => {
      assert.equal(params[i].name, input.name);
      const expected =
        input.indexed && (input.baseType === "bytes" || input.isArray())
          ? (parsed.args[i] as { hash: string }).hash
          : fromEthers(input, parsed.args[i]);
      assert.deepEqual(plain(params[i].value), expected, input.name);
    });
    assert.deepEqual(
      params.map((p) => p.value.kind),
      [4, 3, 1, 8, 7, 1, 5, 2, 6, 4],
    );
    assert.throws(() => decodeLogParams(fragment, { ...log, data: log.data.slice(0, 200) }), /too short|out of range/);
  });
});

describe("store (schema rules without wasm)", () => {
  const schema = new Schema(PROBE_SCHEMA);

  it("refuses setting a derived field and unknown entity types", () => {
    const store = new Store(schema);
    store.beginBlock(1);
    const data: EntityData = new Map<string, StoreValue>([
      ["name", { kind: StoreKind.String, value: "x" }],
      ["count", { kind: StoreKind.Int, value: 1 }],
      ["amount", { kind: StoreKind.BigInt, value: 1n }],
      ["notes", { kind: StoreKind.Array, value: [] }],
    ]);
    assert.throws(() => store.setData("Thing", "a", data), /field `notes` is derived and can not be set/);
    assert.throws(() => store.setData("Nope", "a", new Map()), /Entity type `Nope` is not defined/);
    assert.throws(() => store.setData("Note", "not-hex", new Map()), /not valid Bytes/);
  });

  it("resolves @derivedFrom with loadRelated and filters queries", () => {
    const store = new Store(schema);
    store.beginBlock(1);
    store.setData(
      "Thing",
      "a",
      new Map([
        ["name", { kind: StoreKind.String, value: "x" }],
        ["count", { kind: StoreKind.Int, value: 1 }],
        ["amount", { kind: StoreKind.BigInt, value: 5n }],
      ]),
    );
    for (const [id, thing] of [
      ["0x01", "a"],
      ["0x02", "a"],
      ["0x03", "b"],
    ]) {
      store.setData(
        "Note",
        id,
        new Map([
          ["text", { kind: StoreKind.String, value: id }],
          ["thing", { kind: StoreKind.String, value: thing }],
        ]),
      );
    }
    store.commitBlock();
    assert.deepEqual(
      store.loadRelated("Thing", "a", "notes").map((d) => hex((d.get("id") as { value: Uint8Array }).value)),
      ["0x01", "0x02"],
    );
    assert.throws(() => store.loadRelated("Thing", "a", "name"), /is not derived/);
    assert.equal(store.count("Note", { thing: "a" }), 2);
    assert.equal(store.count("Note", { thing_not: "a" }), 1);
    assert.equal(store.count("Thing", { amount_gt: 4n }), 1);
    assert.equal(store.count("Thing", { amount_gt: 5n }), 0);
    assert.deepEqual(
      store.all("Note", { id_in: ["0x03", "0x01"] }).map((n) => n.id),
      ["0x01", "0x03"],
    );
  });
});
