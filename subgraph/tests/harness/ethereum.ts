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
  const wanted = manifestEvent.replace(/\s+/g, " ").replace(/\s*([(),])\s*/g, "$1").trim();
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
    return { kind: type.arrayLength === -1 ? EthKind.Array : EthKind.FixedArray, value: items, elementType: type.arrayChildren.format("sighash") };
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
  if (int) return { kind: int[1] ? EthKind.Uint : EthKind.Int, value: BigInt(value as bigint), bits: Number(int[2] || 256) };
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

/**
 * Decodes a log's parameters in ABI input order. Indexed dynamic values (string, bytes, arrays, tuples) are only a
 * hash in the topic: they come out as FIXED_BYTES(32), as graph-node gives them.
 */
export function decodeLogParams(fragment: EventFragment, log: RpcLog): DecodedParam[] {
  const indexed = fragment.inputs.filter((p) => p.indexed);
  const topics = fragment.anonymous ? log.topics : log.topics.slice(1);
  if (topics.length !== indexed.length) throw new Error(`log has ${topics.length} topics, ${fragment.name} needs ${indexed.length}`);
  const plain = fragment.inputs.filter((p) => !p.indexed);
  const data = coder.decode(plain, log.data);
  let t = 0;
  let d = 0;
  return fragment.inputs.map((p) => {
    if (p.indexed) {
      const topic = topics[t++];
      const dynamic = p.isArray() || p.isTuple() || p.baseType === "string" || p.baseType === "bytes";
      const value: EthValue = dynamic ? { kind: EthKind.FixedBytes, value: fromHex(topic) } : toEthValue(p, coder.decode([p], topic)[0]);
      return { name: p.name, value };
    }
    return { name: p.name, value: toEthValue(p, data[d++]) };
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
    mem.writeArray(log.topics.map((t) => mem.writeBytes(fromHex(t))), TypeIndex.ArrayB256),
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
    mem.writeArray(r.logs.map((l) => writeLog(mem, l)), TypeIndex.ArrayLog),
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
