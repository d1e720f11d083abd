/**
 * The host functions graph-node links into a mapping (GN runtime/wasm/src/module/instance.rs `build_linker`,
 * host_exports.rs; chain/ethereum/src/runtime/runtime_adapter.rs), resolved by import name like graph-node does.
 *
 * - An import graph-node itself does not provide (e.g. `env.seed` from Math.random) fails at load: the subgraph
 *   would not deploy.
 * - An import graph-node provides but this harness does not implement resolves to a stub that throws
 *   `unimplemented host function <name>` when called, so a new import can never be silently ignored.
 * - `ethereum.call`, `ethereum.getBalance` and `ethereum.hasCode` are refused: stokit's mappings read only events.
 */
import { encodeBase58, keccak256 } from "ethers";

import {
  bdDividedBy,
  bdEquals,
  bdFromBigInt,
  bdMinus,
  bdParse,
  bdPlus,
  bdTimes,
  bdToString,
  bitLength,
  normalize,
  MAX_EXP,
  MIN_EXP,
  type BigDecimalValue,
} from "./bignum.ts";
import { abiDecode, abiEncode } from "./ethereum.ts";
import { parseJson } from "./json.ts";
import { AscMemory, MappingError, TypeIndex } from "./memory.ts";
import type { Store } from "./store.ts";
import { fromHex, hex, type EntityData } from "./values.ts";

/** Every import name graph-node links for an Ethereum subgraph (graph-ts 0.38 declares no others). */
export const GRAPH_NODE_IMPORTS: ReadonlySet<string> = new Set([
  "abort",
  "store.get",
  "store.get_in_block",
  "store.loadRelated",
  "store.set",
  "store.remove",
  "ipfs.cat",
  "ipfs.map",
  "ipfs.getBlock",
  "crypto.keccak256",
  "ens.nameByHash",
  "log.log",
  "ethereum.call",
  "ethereum.getBalance",
  "ethereum.hasCode",
  "ethereum.encode",
  "ethereum.decode",
  "typeConversion.bytesToString",
  "typeConversion.bytesToHex",
  "typeConversion.bigIntToString",
  "typeConversion.bigIntToHex",
  "typeConversion.stringToH160",
  "typeConversion.bytesToBase58",
  "bigInt.plus",
  "bigInt.minus",
  "bigInt.times",
  "bigInt.dividedBy",
  "bigInt.dividedByDecimal",
  "bigInt.mod",
  "bigInt.pow",
  "bigInt.fromString",
  "bigInt.bitOr",
  "bigInt.bitAnd",
  "bigInt.leftShift",
  "bigInt.rightShift",
  "bigDecimal.plus",
  "bigDecimal.minus",
  "bigDecimal.times",
  "bigDecimal.dividedBy",
  "bigDecimal.equals",
  "bigDecimal.toString",
  "bigDecimal.fromString",
  "json.fromBytes",
  "json.try_fromBytes",
  "json.toI64",
  "json.toU64",
  "json.toF64",
  "json.toBigInt",
  "dataSource.create",
  "dataSource.createWithContext",
  "dataSource.address",
  "dataSource.network",
  "dataSource.context",
  "yaml.fromBytes",
  "yaml.try_fromBytes",
  "arweave.transactionData",
  "box.profile",
]);

/** A harness gap (not a mapping error): the import exists in graph-node but is not implemented here. */
export class UnimplementedHostFunction extends Error {
  constructor(readonly hostFunction: string) {
    super(`unimplemented host function ${hostFunction}`);
  }
}

export interface LogEntry {
  level: "CRITICAL" | "ERROR" | "WARNING" | "INFO" | "DEBUG";
  message: string;
}

const LEVELS: LogEntry["level"][] = ["CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"];

/** What the host functions of one handler call can see. `mem` is set once the instance exists. */
export interface HostContext {
  mem: AscMemory;
  store: Store;
  dataSource: { name: string; address: Uint8Array | null; network: string; context: EntityData | null };
  templates: ReadonlySet<string>;
  createDataSource(template: string, params: string[], context: EntityData | null): void;
  log(entry: LogEntry): void;
}

type HostFn = (...args: number[]) => number | bigint | void;

const BIG_INT_MAX_BITS = 435_411;

function checkBigInt(v: bigint): bigint {
  if (bitLength(v) + 1 > BIG_INT_MAX_BITS + 1)
    throw new MappingError(`BigInt is too big, total bits ${bitLength(v)} (max ${BIG_INT_MAX_BITS})`);
  return v;
}

function checkBigDecimal(v: BigDecimalValue): BigDecimalValue {
  const n = normalize(v);
  if (n.digits !== 0n && (n.exp < MIN_EXP || n.exp > MAX_EXP)) {
    throw new MappingError(`big decimal exponent \`${n.exp}\` is outside the \`${MIN_EXP}\` to \`${MAX_EXP}\` range`);
  }
  return n;
}

/** The host functions by import name. */
export function hostFunctions(ctx: HostContext): Record<string, HostFn> {
  const m = () => ctx.mem;
  const str = (p: number) => m().readString(p >>> 0);
  const bytes = (p: number) => m().readBytes(p >>> 0);
  const big = (p: number) => checkBigInt(m().readBigInt(p >>> 0));
  const bd = (p: number) => checkBigDecimal(m().readBigDecimal(p >>> 0));
  const outBig = (v: bigint) => m().writeBigInt(checkBigInt(v));
  const outBd = (v: BigDecimalValue) => m().writeBigDecimal(checkBigDecimal(v));
  const u8 = (v: number, what: string) => {
    if (v < 0 || v > 255) throw new MappingError(`${what} must fit in u8, got ${v}`);
    return BigInt(v);
  };
  const jsonNumber = (p: number, min: bigint, max: bigint, what: string): bigint => {
    const text = str(p);
    if (!/^-?\d+$/.test(text)) throw new MappingError(`JSON value \`${text}\` is not ${what}`);
    const v = BigInt(text);
    if (v < min || v > max) throw new MappingError(`JSON value \`${text}\` is out of range for ${what}`);
    return v;
  };

  return {
    abort(msg, file, line, column) {
      const message = msg ? m().readString(msg >>> 0) : null;
      const fileName = file ? m().readString(file >>> 0) : null;
      let where = "an unknown location";
      if (fileName !== null) {
        where = fileName;
        if (line) where += `, line ${line >>> 0}`;
        if (line && column) where += `, column ${column >>> 0}`;
      }
      throw new MappingError(
        `Mapping aborted at ${where}, with ${message === null ? "no message" : `message: ${message}`}`,
      );
    },

    "store.get": (type, id) => {
      const data = ctx.store.getData(str(type), str(id));
      return data ? m().writeEntity(data) : 0;
    },
    "store.get_in_block": (type, id) => {
      const data = ctx.store.getData(str(type), str(id), true);
      return data ? m().writeEntity(data) : 0;
    },
    "store.loadRelated": (type, id, field) => {
      const related = ctx.store.loadRelated(str(type), str(id), str(field));
      return m().writeArray(
        related.map((d) => m().writeEntity(d)),
        TypeIndex.ArrayTypedMapStringStoreValue,
      );
    },
    "store.set": (type, id, data) => {
      ctx.store.setData(str(type), str(id), m().readEntity(data >>> 0));
    },
    "store.remove": (type, id) => {
      ctx.store.removeData(str(type), str(id));
    },

    "crypto.keccak256": (input) => m().writeBytes(fromHex(keccak256(bytes(input)))),
    "ens.nameByHash": () => 0,
    "log.log": (level, msg) => {
      const entry: LogEntry = { level: LEVELS[level >>> 0] ?? "DEBUG", message: str(msg) };
      ctx.log(entry);
      if (entry.level === "CRITICAL")
        throw new MappingError(`Critical error logged in mapping with log message: ${entry.message}`);
    },

    "ethereum.call": (call) => {
      const c = call >>> 0;
      const contract = m().readString(m().u32(c));
      const signature = m().readString(m().u32(c + 12));
      throw new MappingError(
        `ethereum.call is refused by the test harness (${contract}.${signature}): stokit mappings must read everything from events`,
      );
    },
    "ethereum.getBalance": () => {
      throw new MappingError(
        "ethereum.getBalance is refused by the test harness: stokit mappings must read everything from events",
      );
    },
    "ethereum.hasCode": () => {
      throw new MappingError(
        "ethereum.hasCode is refused by the test harness: stokit mappings must read everything from events",
      );
    },
    "ethereum.encode": (token) => {
      const value = m().readEthValue(token >>> 0);
      try {
        return m().writeBytes(abiEncode(value));
      } catch {
        return 0;
      }
    },
    "ethereum.decode": (types, data) => {
      const t = str(types);
      const input = bytes(data);
      try {
        return m().writeEthValue(abiDecode(t, input));
      } catch {
        return 0;
      }
    },

    "typeConversion.bytesToString": (p) => {
      const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes(p));
      let end = text.length;
      while (end > 0 && text.charCodeAt(end - 1) === 0) end--;
      return m().writeString(text.slice(0, end));
    },
    "typeConversion.bytesToHex": (p) => m().writeString(hex(bytes(p))),
    "typeConversion.bigIntToString": (p) => m().writeString(big(p).toString()),
    "typeConversion.bigIntToHex": (p) => {
      const v = big(p);
      return m().writeString("0x" + (v < 0n ? -v : v).toString(16));
    },
    "typeConversion.stringToH160": (p) => {
      const text = str(p);
      const clean = text.startsWith("0x") ? text.slice(2) : text;
      if (!/^[0-9a-fA-F]{40}$/.test(clean))
        throw new MappingError(`Failed to convert string to Address/H160: '${text}'`);
      return m().writeBytes(fromHex(clean));
    },
    "typeConversion.bytesToBase58": (p) => {
      const b = bytes(p);
      let zeros = 0;
      while (zeros < b.length && b[zeros] === 0) zeros++;
      const rest = b.subarray(zeros);
      return m().writeString("1".repeat(zeros) + (rest.length ? encodeBase58(rest) : ""));
    },

    "bigInt.plus": (x, y) => outBig(big(x) + big(y)),
    "bigInt.minus": (x, y) => outBig(big(x) - big(y)),
    "bigInt.times": (x, y) => outBig(big(x) * big(y)),
    "bigInt.dividedBy": (x, y) => {
      const a = big(x);
      const b = big(y);
      if (b === 0n) throw new MappingError(`attempted to divide BigInt \`${a}\` by zero`);
      return outBig(a / b);
    },
    "bigInt.dividedByDecimal": (x, y) => {
      const b = bd(y);
      if (b.digits === 0n) throw new MappingError("attempted to divide BigInt by a zero BigDecimal");
      return outBd(bdDividedBy(bdFromBigInt(big(x)), b));
    },
    "bigInt.mod": (x, y) => {
      const a = big(x);
      const b = big(y);
      if (b === 0n) throw new MappingError(`attempted to calculate the remainder of \`${a}\` with a divisor of zero`);
      return outBig(a % b);
    },
    "bigInt.pow": (x, exp) => outBig(big(x) ** u8(exp, "exponent")),
    "bigInt.fromString": (p) => {
      const text = str(p);
      if (!/^[+-]?\d+$/.test(text)) throw new MappingError(`string is not a BigInt: \`${text}\``);
      return outBig(BigInt(text));
    },
    "bigInt.bitOr": (x, y) => outBig(big(x) | big(y)),
    "bigInt.bitAnd": (x, y) => outBig(big(x) & big(y)),
    "bigInt.leftShift": (x, bits) => outBig(big(x) << u8(bits, "shift")),
    "bigInt.rightShift": (x, bits) => outBig(big(x) >> u8(bits, "shift")),

    "bigDecimal.plus": (x, y) => outBd(bdPlus(bd(x), bd(y))),
    "bigDecimal.minus": (x, y) => outBd(bdMinus(bd(x), bd(y))),
    "bigDecimal.times": (x, y) => outBd(bdTimes(bd(x), bd(y))),
    "bigDecimal.dividedBy": (x, y) => {
      const a = bd(x);
      const b = bd(y);
      if (b.digits === 0n) throw new MappingError(`attempted to divide BigDecimal \`${bdToString(a)}\` by zero`);
      return outBd(bdDividedBy(a, b));
    },
    "bigDecimal.equals": (x, y) => (bdEquals(bd(x), bd(y)) ? 1 : 0),
    "bigDecimal.toString": (p) => m().writeString(bdToString(bd(p))),
    "bigDecimal.fromString": (p) => {
      const text = str(p);
      let value: BigDecimalValue;
      try {
        value = bdParse(text);
      } catch {
        throw new MappingError(`failed to parse decimal \`${text}\``);
      }
      return outBd(value);
    },

    "json.fromBytes": (p) => {
      const b = bytes(p);
      if (b.length > 10_000_000) throw new MappingError("JSON input exceeds the 10 MB limit");
      try {
        return m().writeJsonValue(parseJson(new TextDecoder().decode(b)));
      } catch (e) {
        throw new MappingError(
          `Failed to parse JSON from byte array. Bytes (truncated to 1024 chars): \`${hex(b.slice(0, 512))}\`: ${(e as Error).message}`,
        );
      }
    },
    "json.try_fromBytes": (p) => {
      const b = bytes(p);
      let parsed;
      try {
        if (b.length > 10_000_000) throw new Error("too large");
        parsed = parseJson(new TextDecoder("utf-8", { fatal: true }).decode(b));
      } catch {
        return m().writeResult(TypeIndex.ResultJsonValueBool, null);
      }
      const value = m().writeJsonValue(parsed);
      return m().writeResult(TypeIndex.ResultJsonValueBool, m().writeWrapped(value, TypeIndex.WrappedJsonValue));
    },
    "json.toI64": (p) => jsonNumber(p, -(1n << 63n), (1n << 63n) - 1n, "an i64"),
    "json.toU64": (p) => BigInt.asIntN(64, jsonNumber(p, 0n, (1n << 64n) - 1n, "a u64")),
    "json.toF64": (p) => {
      const text = str(p);
      const v = Number(text);
      if (text.trim() === "" || Number.isNaN(v)) throw new MappingError(`JSON value \`${text}\` is not an f64`);
      return v;
    },
    "json.toBigInt": (p) => {
      const text = str(p);
      if (!/^-?\d+$/.test(text)) throw new MappingError(`JSON value \`${text}\` is not a BigInt`);
      return outBig(BigInt(text));
    },

    "dataSource.address": () => {
      const address = ctx.dataSource.address;
      if (!address) throw new MappingError(`data source ${ctx.dataSource.name} has no address`);
      return m().writeBytes(address);
    },
    "dataSource.network": () => m().writeString(ctx.dataSource.network),
    "dataSource.context": () => m().writeEntity(ctx.dataSource.context ?? new Map()),
    "dataSource.create": (name, params) => {
      createFromTemplate(ctx, str(name), m().readStringArray(params >>> 0), null);
    },
    "dataSource.createWithContext": (name, params, context) => {
      createFromTemplate(ctx, str(name), m().readStringArray(params >>> 0), m().readEntity(context >>> 0));
    },

    "arweave.transactionData": () => {
      throw new MappingError("`arweave.transactionData` has been removed");
    },
    "box.profile": () => {
      throw new MappingError("`box.profile` has been removed");
    },
  };
}

function createFromTemplate(ctx: HostContext, name: string, params: string[], context: EntityData | null): void {
  if (!ctx.templates.has(name)) {
    throw new MappingError(
      `Failed to create data source from name \`${name}\`: No template with this name in parent data source \`${ctx.dataSource.name}\`. Available names: ${[...ctx.templates].join(", ")}.`,
    );
  }
  ctx.createDataSource(name, params, context);
}

/** Imports for `module`, resolved by name (the module part is ignored, as in graph-node). */
export function importsFor(module: WebAssembly.Module, ctx: HostContext): WebAssembly.Imports {
  const implemented = hostFunctions(ctx);
  const unknown = WebAssembly.Module.imports(module).filter(
    (i) => i.kind !== "function" || !GRAPH_NODE_IMPORTS.has(i.name),
  );
  if (unknown.length) {
    throw new Error(
      `graph-node would refuse this module: unknown import(s) ${unknown.map((i) => `${i.module}.${i.name}`).join(", ")}`,
    );
  }
  const namespace = new Proxy({} as Record<string, HostFn>, {
    get(_target, name) {
      if (typeof name !== "string") return undefined;
      return (
        implemented[name] ??
        (() => {
          throw new UnimplementedHostFunction(name);
        })
      );
    },
  });
  const imports: WebAssembly.Imports = {};
  for (const { module: moduleName } of WebAssembly.Module.imports(module)) imports[moduleName] = namespace;
  return imports;
}

/** Import names `module` uses that this harness does not implement (they throw when called). */
export function unimplementedImports(module: WebAssembly.Module): string[] {
  const names = Object.keys(hostFunctions({} as HostContext));
  return WebAssembly.Module.imports(module)
    .map((i) => i.name)
    .filter((n) => !names.includes(n));
}
