/**
 * Ethereum data as graph-node hands it to mappings (GN chain/ethereum/src/runtime/abi.rs, trigger.rs;
 * graph/src/abi/event_ext.rs): ABI values <-> `ethereum.Value`, logs decoded against the manifest's ABI, and the
 * JSON-RPC block/transaction/receipt written as the apiVersion 0.0.7+ `ethereum.Event`, `Block`, `Transaction`,
 * `TransactionReceipt` and `Log` layouts.
 */
import { AbiCoder, EventFragment, ParamType, type Interface, type LogDescription } from "ethers";

import { AscMemory, TypeIndex } from "./memory.ts";
import { EthKind, fromHex, hex, type EthValue } from "./values.ts";

const coder = AbiCoder.defaultAbiCoder();

/** A block as `eth_getBlockByNumber(n, true)` returns it (hex quantities). */
export interface RpcBlock {
  number: string;
  hash: string;
  parentHash: string;
  sha3Uncles: string;
  miner: string;
  stateRoot: string;
  transactionsRoot: string;
  receiptsRoot: string;
  gasUsed: string;
  gasLimit: string;
  timestamp: string;
  difficulty: string;
  totalDifficulty?: string | null;
  size?: string | null;
  baseFeePerGas?: string | null;
  transactions: RpcTransaction[];
}

export interface RpcTransaction {
  hash: string;
  transactionIndex: string;
  from: string;
  to: string | null;
  value: string;
  gas: string;
  gasPrice?: string | null;
  input: string;
  nonce: string;
}

export interface RpcLog {
  address: string;
  topics: string[];
  data: string;
  blockHash: string;
  blockNumber: string;
  transactionHash: string;
  transactionIndex: string;
  logIndex: string;
  removed?: boolean;
}

export interface RpcReceipt {
  transactionHash: string;
  transactionIndex: string;
  blockHash: string;
  blockNumber: string;
  cumulativeGasUsed: string;
  gasUsed: string;
  contractAddress: string | null;
  logs: RpcLog[];
  status?: string | null;
  root?: string | null;
  logsBloom: string;
}

const q = (v: string | null | undefined): bigint | null => (v === null || v === undefined ? null : BigInt(v));

/** The signature graph-node matches a manifest `event:` against: `Name(indexed uint256,address,(uint8,bytes)[])`. */
export function manifestSignature(fragment: EventFragment): string {
  const params = fragment.inputs.map((p) => (p.indexed ? "indexed " : "") + p.format("sighash"));
  return `${fragment.name}(${params.join(",")})`;
}

/** Finds the ABI event a manifest `event:` names (spaces ignored, as graph-node's comparison allows). */
export function findEvent(iface: Interface, manifestEvent: string): EventFragment {
  const wanted = manifestEvent
    .replace(/\s+/g, " ")
    .replace(/\s*([(),])\s*/g, "$1")
    .trim();
  let found: EventFragment | undefined;
  iface.forEachEvent((fragment) => {
    if (manifestSignature(fragment) === wanted) found = fragment;
  });
  if (!found) throw new Error(`manifest event ${manifestEvent} is not in the data source's ABI`);
  return found;
}

/** An ABI-decoded value (ethers) to `ethereum.Value`. */
export function toEthValue(type: ParamType, value: unknown): EthValue {
  if (type.isArray()) {
    const items = [...(value as unknown[])].map((v) => toEthValue(type.arrayChildren, v));
    return {
      kind: type.arrayLength === -1 ? EthKind.Array : EthKind.FixedArray,
      value: items,
      elementType: type.arrayChildren.format("sighash"),
    };
  }
  if (type.isTuple()) {
    const items = value as unknown[];
    return { kind: EthKind.Tuple, value: type.components.map((c, i) => toEthValue(c, items[i])) };
  }
  const base = type.baseType;
  if (base === "address") return { kind: EthKind.Address, value: fromHex(value as string) };
  if (base === "bool") return { kind: EthKind.Bool, value: value as boolean };
  if (base === "string") return { kind: EthKind.String, value: value as string };
  if (base === "bytes") return { kind: EthKind.Bytes, value: fromHex(value as string) };
  if (/^bytes\d+$/.test(base)) return { kind: EthKind.FixedBytes, value: fromHex(value as string) };
  if (base === "function") return { kind: EthKind.Function, value: fromHex(value as string) };
  const int = /^(u?)int(\d*)$/.exec(base);
  if (int)
    return { kind: int[1] ? EthKind.Uint : EthKind.Int, value: BigInt(value as bigint), bits: Number(int[2] || 256) };
  throw new Error(`unsupported ABI type ${base}`);
}

/** The Solidity type of an `ethereum.Value` (what `ethereum.encode` encodes it as). */
export function solidityType(value: EthValue): string {
  switch (value.kind) {
    case EthKind.Address:
      return "address";
    case EthKind.FixedBytes:
      return `bytes${value.value.length}`;
    case EthKind.Bytes:
      return "bytes";
    case EthKind.Function:
      return "function";
    case EthKind.Int:
      return `int${value.bits ?? 256}`;
    case EthKind.Uint:
      return `uint${value.bits ?? 256}`;
    case EthKind.Bool:
      return "bool";
    case EthKind.String:
      return "string";
    case EthKind.FixedArray:
      return `${value.value[0] ? solidityType(value.value[0]) : (value.elementType ?? "uint256")}[${value.value.length}]`;
    case EthKind.Array:
      return `${value.value[0] ? solidityType(value.value[0]) : (value.elementType ?? "uint256")}[]`;
    case EthKind.Tuple:
      return `(${value.value.map(solidityType).join(",")})`;
  }
}

/** `ethereum.Value` to the JS value ethers encodes. */
export function fromEthValue(value: EthValue): unknown {
  switch (value.kind) {
    case EthKind.Address:
    case EthKind.FixedBytes:
    case EthKind.Bytes:
    case EthKind.Function:
      return hex(value.value);
    case EthKind.FixedArray:
    case EthKind.Array:
    case EthKind.Tuple:
      return value.value.map(fromEthValue);
    default:
      return value.value;
  }
}

export function abiEncode(value: EthValue): Uint8Array {
  return fromHex(coder.encode([solidityType(value)], [fromEthValue(value)]));
}

export function abiDecode(types: string, data: Uint8Array): EthValue {
  const type = ParamType.from(types);
  return toEthValue(type, coder.decode([type], data)[0]);
}

export interface DecodedParam {
  name: string;
  value: EthValue;
}

/** Whether `type` is ABI-dynamic (encoded out of line, through an offset). */
function isDynamic(type: ParamType): boolean {
  if (type.baseType === "string" || type.baseType === "bytes") return true;
  if (type.isArray()) return type.arrayLength === -1 || isDynamic(type.arrayChildren);
  if (type.isTuple()) return type.components.some(isDynamic);
  return false;
}

/** Bytes `type` takes in the head of its enclosing sequence. */
function headSize(type: ParamType): number {
  if (isDynamic(type)) return 32;
  if (type.isArray()) return type.arrayLength * headSize(type.arrayChildren);
  if (type.isTuple()) return type.components.reduce((n, c) => n + headSize(c), 0);
  return 32;
}

class AbiReader {
  constructor(private readonly data: Uint8Array) {}

  private word(at: number): Uint8Array {
    if (at < 0 || at + 32 > this.data.length)
      throw new Error(`ABI data too short: word at ${at} of ${this.data.length}`);
    return this.data.subarray(at, at + 32);
  }

  private uint(at: number): bigint {
    return BigInt(hex(this.word(at)));
  }

  private offset(at: number): number {
    const v = this.uint(at);
    if (v > BigInt(this.data.length)) throw new Error(`ABI offset ${v} out of range`);
    return Number(v);
  }

  /** Decodes the components of a tuple/parameter list whose head starts at `base`. */
  sequence(types: readonly ParamType[], base: number): EthValue[] {
    let head = base;
    return types.map((t) => {
      const value = isDynamic(t) ? this.value(t, base + this.offset(head)) : this.value(t, head);
      head += headSize(t);
      return value;
    });
  }

  /** Decodes one value whose encoding starts at `at` (inline for static types, the tail for dynamic ones). */
  value(type: ParamType, at: number): EthValue {
    if (type.isArray()) {
      const child = type.arrayChildren;
      if (type.arrayLength === -1) {
        const length = this.offset(at);
        return {
          kind: EthKind.Array,
          value: this.sequence(Array(length).fill(child), at + 32),
          elementType: child.format("sighash"),
        };
      }
      return {
        kind: EthKind.FixedArray,
        value: this.sequence(Array(type.arrayLength).fill(child), at),
        elementType: child.format("sighash"),
      };
    }
    if (type.isTuple()) return { kind: EthKind.Tuple, value: this.sequence(type.components, at) };
    const base = type.baseType;
    if (base === "string" || base === "bytes") {
      const length = this.offset(at);
      if (at + 32 + length > this.data.length) throw new Error("ABI data too short for bytes");
      const raw = this.data.slice(at + 32, at + 32 + length);
      return base === "bytes"
        ? { kind: EthKind.Bytes, value: raw }
        : { kind: EthKind.String, value: new TextDecoder().decode(raw) };
    }
    const word = this.word(at);
    if (base === "address") return { kind: EthKind.Address, value: word.slice(12) };
    if (base === "bool") return { kind: EthKind.Bool, value: word[31] !== 0 };
    const fixed = /^bytes(\d+)$/.exec(base);
    if (fixed) return { kind: EthKind.FixedBytes, value: word.slice(0, Number(fixed[1])) };
    if (base === "function") return { kind: EthKind.Function, value: word.slice(0, 24) };
    const int = /^(u?)int(\d*)$/.exec(base);
    if (int) {
      const bits = Number(int[2] || 256);
      const raw = BigInt(hex(word));
      return int[1]
        ? { kind: EthKind.Uint, value: BigInt.asUintN(bits, raw), bits }
        : { kind: EthKind.Int, value: BigInt.asIntN(bits, raw), bits };
    }
    throw new Error(`unsupported ABI type ${base}`);
  }
}

/**
 * Decodes a log's parameters in ABI input order (a direct ABI reader: this is the harness's hot path). Indexed
 * dynamic values (string, bytes, arrays, tuples) are only a hash in the topic: they come out as FIXED_BYTES(32), as
 * graph-node gives them.
 */
export function decodeLogParams(fragment: EventFragment, log: RpcLog): DecodedParam[] {
  const indexed = fragment.inputs.filter((p) => p.indexed);
  const topics = fragment.anonymous ? log.topics : log.topics.slice(1);
  if (topics.length !== indexed.length)
    throw new Error(`log has ${topics.length} topics, ${fragment.name} needs ${indexed.length}`);
  const data = new AbiReader(fromHex(log.data)).sequence(
    fragment.inputs.filter((p) => !p.indexed),
    0,
  );
  let t = 0;
  let d = 0;
  return fragment.inputs.map((p) => {
    if (p.indexed) {
      const topic = fromHex(topics[t++]);
      const value: EthValue =
        isDynamic(p) || p.isTuple() || p.isArray()
          ? { kind: EthKind.FixedBytes, value: topic }
          : new AbiReader(topic).value(p, 0);
      return { name: p.name, value };
    }
    return { name: p.name, value: data[d++] };
  });
}

/** Parameters as ethers would show them, for test assertions. */
export function describeLog(iface: Interface, log: RpcLog): LogDescription | null {
  return iface.parseLog({ topics: log.topics, data: log.data });
}

// ===== writers (apiVersion >= 0.0.7 layouts) =====

export function writeBlock(mem: AscMemory, b: RpcBlock): number {
  return mem.writeStruct(TypeIndex.EthereumBlock, [
    mem.writeBytes(fromHex(b.hash)),
    mem.writeBytes(fromHex(b.parentHash)),
    mem.writeBytes(fromHex(b.sha3Uncles)),
    mem.writeBytes(fromHex(b.miner)),
    mem.writeBytes(fromHex(b.stateRoot)),
    mem.writeBytes(fromHex(b.transactionsRoot)),
    mem.writeBytes(fromHex(b.receiptsRoot)),
    mem.writeBigInt(BigInt(b.number)),
    mem.writeBigInt(BigInt(b.gasUsed)),
    mem.writeBigInt(BigInt(b.gasLimit)),
    mem.writeBigInt(BigInt(b.timestamp)),
    mem.writeBigInt(BigInt(b.difficulty)),
    mem.writeBigInt(q(b.totalDifficulty) ?? 0n),
    mem.optionalBigInt(q(b.size)),
    mem.optionalBigInt(q(b.baseFeePerGas)),
  ]);
}

export function writeTransaction(mem: AscMemory, tx: RpcTransaction): number {
  return mem.writeStruct(TypeIndex.EthereumTransaction, [
    mem.writeBytes(fromHex(tx.hash)),
    mem.writeBigInt(BigInt(tx.transactionIndex)),
    mem.writeBytes(fromHex(tx.from)),
    mem.optionalBytes(tx.to ? fromHex(tx.to) : null),
    mem.writeBigInt(BigInt(tx.value)),
    mem.writeBigInt(BigInt(tx.gas)),
    mem.writeBigInt(q(tx.gasPrice) ?? 0n),
    mem.writeBytes(fromHex(tx.input)),
    mem.writeBigInt(BigInt(tx.nonce)),
  ]);
}

export function writeLog(mem: AscMemory, log: RpcLog): number {
  return mem.writeStruct(TypeIndex.Log, [
    mem.writeBytes(fromHex(log.address)),
    mem.writeArray(
      log.topics.map((t) => mem.writeBytes(fromHex(t))),
      TypeIndex.ArrayB256,
    ),
    mem.writeBytes(fromHex(log.data)),
    mem.writeBytes(fromHex(log.blockHash)),
    mem.writeBigInt(BigInt(log.blockNumber)), // graph-node writes the number as BigInt bytes
    mem.writeBytes(fromHex(log.transactionHash)),
    mem.writeBigInt(BigInt(log.transactionIndex)),
    mem.writeBigInt(BigInt(log.logIndex)),
    0, // transactionLogIndex: always null
    0, // logType: always null
    mem.writeWrappedBool(log.removed ?? false),
  ]);
}

export function writeReceipt(mem: AscMemory, r: RpcReceipt): number {
  return mem.writeStruct(TypeIndex.TransactionReceipt, [
    mem.writeBytes(fromHex(r.transactionHash)),
    mem.writeBigInt(BigInt(r.transactionIndex)),
    mem.optionalBytes(r.blockHash ? fromHex(r.blockHash) : null),
    mem.optionalBigInt(q(r.blockNumber)),
    mem.writeBigInt(BigInt(r.cumulativeGasUsed)),
    mem.writeBigInt(BigInt(r.gasUsed)),
    mem.optionalBytes(r.contractAddress ? fromHex(r.contractAddress) : null),
    mem.writeArray(
      r.logs.map((l) => writeLog(mem, l)),
      TypeIndex.ArrayLog,
    ),
    mem.optionalBigInt(q(r.status)),
    mem.optionalBytes(r.root ? fromHex(r.root) : null),
    mem.writeBytes(fromHex(r.logsBloom)),
  ]);
}

/** `ethereum.Event` (idx 33): transactionLogIndex = logIndex, logType null, receipt only when requested. */
export function writeEvent(
  mem: AscMemory,
  log: RpcLog,
  params: DecodedParam[],
  block: RpcBlock,
  tx: RpcTransaction,
  receipt: RpcReceipt | null,
): number {
  const logIndex = BigInt(log.logIndex);
  const paramPtrs = params.map((p) =>
    mem.writeStruct(TypeIndex.EventParam, [mem.writeString(p.name), mem.writeEthValue(p.value)]),
  );
  return mem.writeStruct(TypeIndex.EthereumEvent, [
    mem.writeBytes(fromHex(log.address)),
    mem.writeBigInt(logIndex),
    mem.writeBigInt(logIndex),
    0,
    writeBlock(mem, block),
    writeTransaction(mem, tx),
    mem.writeArray(paramPtrs, TypeIndex.ArrayEventParam),
    receipt ? writeReceipt(mem, receipt) : 0,
  ]);
}
