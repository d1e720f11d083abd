/** Decoded forms of the values that cross the host boundary. The store keeps these, never wasm pointers. */
import type { BigDecimalValue } from "./bignum.ts";

/** graph-ts `ValueKind` / graph-node `StoreValueKind`. */
export enum StoreKind {
  String = 0,
  Int = 1,
  BigDecimal = 2,
  Bool = 3,
  Array = 4,
  Null = 5,
  Bytes = 6,
  BigInt = 7,
  Int8 = 8,
  Timestamp = 9,
}

export type StoreValue =
  | { kind: StoreKind.String; value: string }
  | { kind: StoreKind.Int; value: number }
  | { kind: StoreKind.BigDecimal; value: BigDecimalValue }
  | { kind: StoreKind.Bool; value: boolean }
  | { kind: StoreKind.Array; value: StoreValue[] }
  | { kind: StoreKind.Null }
  | { kind: StoreKind.Bytes; value: Uint8Array }
  | { kind: StoreKind.BigInt; value: bigint }
  | { kind: StoreKind.Int8; value: bigint }
  | { kind: StoreKind.Timestamp; value: bigint };

/** An entity as the store holds it: field name -> value (NULL values are never stored). */
export type EntityData = Map<string, StoreValue>;

/** graph-ts `ethereum.ValueKind` (10 = FUNCTION exists only in graph-node). */
export enum EthKind {
  Address = 0,
  FixedBytes = 1,
  Bytes = 2,
  Int = 3,
  Uint = 4,
  Bool = 5,
  String = 6,
  FixedArray = 7,
  Array = 8,
  Tuple = 9,
  Function = 10,
}

export type EthValue =
  | { kind: EthKind.Address | EthKind.FixedBytes | EthKind.Bytes | EthKind.Function; value: Uint8Array }
  | { kind: EthKind.Int | EthKind.Uint; value: bigint; bits?: number }
  | { kind: EthKind.Bool; value: boolean }
  | { kind: EthKind.String; value: string }
  | { kind: EthKind.FixedArray | EthKind.Array | EthKind.Tuple; value: EthValue[]; elementType?: string };

/** graph-ts `JSONValueKind`. Numbers keep their source text. */
export type JsonValue =
  | { kind: 0 }
  | { kind: 1; value: boolean }
  | { kind: 2; value: string }
  | { kind: 3; value: string }
  | { kind: 4; value: JsonValue[] }
  | { kind: 5; value: [string, JsonValue][] };

export function hex(bytes: Uint8Array): string {
  return "0x" + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

export function fromHex(text: string): Uint8Array {
  const clean = text.startsWith("0x") || text.startsWith("0X") ? text.slice(2) : text;
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) throw new Error(`not a hex string: ${text}`);
  return Uint8Array.from(Buffer.from(clean, "hex"));
}

/** Human-readable name of a store value's kind, as in graph-node's messages. */
export function storeKindName(kind: StoreKind): string {
  return StoreKind[kind];
}
