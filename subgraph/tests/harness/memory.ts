/**
 * Reads and writes AssemblyScript objects in a mapping instance's memory with graph-node's layouts
 * (apiVersion >= 0.0.5; graph-node sources: runtime/wasm/src/asc_abi, chain/ethereum/src/runtime/abi.rs).
 *
 * Every object is allocated through the module's own `__new(size, classId)` (the stub runtime's allocator), which
 * writes the 20-byte header graph-node writes (mmInfo, gcInfo, gcInfo2, rtId, rtSize) and keeps the block valid
 * for `__renew` when the mapping grows a host-made array. Class ids come from the module's `id_of_type(index)`.
 */
import { bigIntToSignedLE, signedLEToBigInt, type BigDecimalValue } from "./bignum.ts";
import { EthKind, StoreKind, type EntityData, type EthValue, type JsonValue, type StoreValue } from "./values.ts";

/** graph-node's `IndexForAscTypeId` values used by the host. */
export const TypeIndex = {
  String: 0,
  ArrayBuffer: 1,
  Uint8Array: 6,
  BigDecimal: 12,
  ArrayUint8Array: 14,
  ArrayEthereumValue: 15,
  ArrayStoreValue: 16,
  ArrayJsonValue: 17,
  ArrayString: 18,
  ArrayEventParam: 19,
  ArrayTypedMapEntryStringJsonValue: 20,
  ArrayTypedMapEntryStringStoreValue: 21,
  EventParam: 23,
  EthereumTransaction: 24,
  EthereumBlock: 25,
  WrappedTypedMapStringJsonValue: 27,
  WrappedBool: 28,
  WrappedJsonValue: 29,
  EthereumValue: 30,
  StoreValue: 31,
  JsonValue: 32,
  EthereumEvent: 33,
  TypedMapEntryStringStoreValue: 34,
  TypedMapEntryStringJsonValue: 35,
  TypedMapStringStoreValue: 36,
  TypedMapStringJsonValue: 37,
  ResultTypedMapStringJsonValueBool: 39,
  ResultJsonValueBool: 40,
  TransactionReceipt: 1000,
  Log: 1001,
  ArrayB256: 1002,
  ArrayLog: 1003,
  ArrayTypedMapStringStoreValue: 1004,
} as const;

export interface MappingExports {
  memory: WebAssembly.Memory;
  __new(size: number, id: number): number;
  id_of_type(index: number): number;
  _start(): void;
  [name: string]: unknown;
}

const utf16 = new TextDecoder("utf-16le", { fatal: true, ignoreBOM: true });

/** A deterministic mapping error (graph-node fails the handler and discards its writes). */
export class MappingError extends Error {}

export class AscMemory {
  private buffer: ArrayBuffer | undefined;
  private view!: DataView;
  private bytes!: Uint8Array;

  constructor(
    private readonly exports: MappingExports,
    /** Class id per type index, shared by every instance of one compiled module. */
    private readonly classIds: Map<number, number>,
  ) {}

  /** Re-creates the views when memory grew (growing detaches the old buffer, whose byteLength becomes 0). */
  private refresh(): void {
    if (this.buffer !== undefined && this.buffer.byteLength !== 0) return;
    const buffer = this.exports.memory.buffer;
    this.buffer = buffer;
    this.view = new DataView(buffer);
    this.bytes = new Uint8Array(buffer);
  }

  classId(index: number): number {
    let id = this.classIds.get(index);
    if (id === undefined) {
      id = this.exports.id_of_type(index) >>> 0;
      this.classIds.set(index, id);
    }
    return id;
  }

  /** Allocates an object of `size` content bytes with the class of `index`; returns its pointer. */
  alloc(size: number, index: number): number {
    const ptr = this.exports.__new(size, this.classId(index)) >>> 0;
    this.refresh();
    return ptr;
  }

  // ===== raw access =====

  u32(ptr: number): number {
    this.refresh();
    return this.view.getUint32(ptr, true);
  }

  i32(ptr: number): number {
    this.refresh();
    return this.view.getInt32(ptr, true);
  }

  setU32(ptr: number, value: number): void {
    this.refresh();
    this.view.setUint32(ptr, value >>> 0, true);
  }

  setI32(ptr: number, value: number): void {
    this.refresh();
    this.view.setInt32(ptr, value, true);
  }

  setU64(ptr: number, value: bigint): void {
    this.refresh();
    this.view.setBigUint64(ptr, BigInt.asUintN(64, value), true);
  }

  u64(ptr: number): bigint {
    this.refresh();
    return this.view.getBigUint64(ptr, true);
  }

  /** The header's rtSize: the exact content length of the object at `ptr`. */
  rtSize(ptr: number): number {
    return this.u32(ptr - 4);
  }

  /** The header's rtId: the class id of the object at `ptr`. */
  rtId(ptr: number): number {
    return this.u32(ptr - 8);
  }

  copy(ptr: number, length: number): Uint8Array {
    this.refresh();
    return this.bytes.slice(ptr, ptr + length);
  }

  private nonNull(ptr: number, what: string): number {
    if (ptr === 0) {
      throw new MappingError(
        `Tried to read AssemblyScript value that is 'null'. Suggestion: look into the function that the error happened and add 'log' calls till you find where a 'null' value is being used as non-nullable. (${what})`,
      );
    }
    return ptr;
  }

  // ===== readers =====

  readString(ptr: number): string {
    this.nonNull(ptr, "String");
    const length = this.rtSize(ptr);
    let text: string;
    try {
      // Strict UTF-16 (graph-node uses String::from_utf16): a lone surrogate is an error.
      text = utf16.decode(this.bytes.subarray(ptr, ptr + length));
    } catch {
      throw new MappingError("invalid utf16 string: lone surrogate");
    }
    // graph-node removes NUL characters from every string it reads.
    return text.includes("\u0000") ? text.replaceAll("\u0000", "") : text;
  }

  readArrayBuffer(ptr: number): Uint8Array {
    this.nonNull(ptr, "ArrayBuffer");
    return this.copy(ptr, this.rtSize(ptr));
  }

  /** Uint8Array / Bytes / Address / BigInt (an ArrayBufferView). */
  readBytes(ptr: number): Uint8Array {
    this.nonNull(ptr, "Uint8Array");
    const dataStart = this.u32(ptr + 4);
    const byteLength = this.i32(ptr + 8);
    return this.copy(dataStart, byteLength);
  }

  /** Elements of an Array<ptr> (or any Array of 4-byte elements). */
  readArray(ptr: number): number[] {
    this.nonNull(ptr, "Array");
    const dataStart = this.u32(ptr + 4);
    const length = this.i32(ptr + 12);
    const out: number[] = new Array(length);
    for (let i = 0; i < length; i++) out[i] = this.u32(dataStart + 4 * i);
    return out;
  }

  readBigInt(ptr: number): bigint {
    return signedLEToBigInt(this.readBytes(ptr));
  }

  readBigDecimal(ptr: number): BigDecimalValue {
    this.nonNull(ptr, "BigDecimal");
    return { digits: this.readBigInt(this.u32(ptr)), exp: this.readBigInt(this.u32(ptr + 4)) };
  }

  readStoreValue(ptr: number): StoreValue {
    this.nonNull(ptr, "Value");
    const kind = this.i32(ptr) as StoreKind;
    const payload = ptr + 8;
    switch (kind) {
      case StoreKind.String:
        return { kind, value: this.readString(this.u32(payload)) };
      case StoreKind.Int:
        return { kind, value: this.i32(payload) };
      case StoreKind.BigDecimal:
        return { kind, value: this.readBigDecimal(this.u32(payload)) };
      case StoreKind.Bool:
        return { kind, value: this.u32(payload) !== 0 };
      case StoreKind.Array:
        return { kind, value: this.readArray(this.u32(payload)).map((p) => this.readStoreValue(p)) };
      case StoreKind.Null:
        return { kind };
      case StoreKind.Bytes:
        return { kind, value: this.readBytes(this.u32(payload)) };
      case StoreKind.BigInt:
        return { kind, value: this.readBigInt(this.u32(payload)) };
      case StoreKind.Int8:
        return { kind, value: BigInt.asIntN(64, this.u64(payload)) };
      case StoreKind.Timestamp:
        return { kind, value: BigInt.asIntN(64, this.u64(payload)) };
      default:
        throw new MappingError(`unknown store value kind ${kind as number}`);
    }
  }

  /** An Entity / TypedMap<string, Value>: entries in order (later duplicates win, as graph-node's map insert does). */
  readEntity(ptr: number): EntityData {
    this.nonNull(ptr, "Entity");
    const data: EntityData = new Map();
    for (const entry of this.readArray(this.u32(ptr))) {
      data.set(this.readString(this.u32(entry)), this.readStoreValue(this.u32(entry + 4)));
    }
    return data;
  }

  readStringArray(ptr: number): string[] {
    return this.readArray(ptr).map((p) => this.readString(p));
  }

  readEthValue(ptr: number): EthValue {
    this.nonNull(ptr, "ethereum.Value");
    const kind = this.i32(ptr) as EthKind;
    const payload = this.u32(ptr + 8);
    switch (kind) {
      case EthKind.Address:
      case EthKind.FixedBytes:
      case EthKind.Bytes:
      case EthKind.Function:
        return { kind, value: this.readBytes(payload) };
      case EthKind.Int:
      case EthKind.Uint:
        return { kind, value: this.readBigInt(payload) };
      case EthKind.Bool:
        return { kind, value: this.u64(ptr + 8) !== 0n };
      case EthKind.String:
        return { kind, value: this.readString(payload) };
      case EthKind.FixedArray:
      case EthKind.Array:
      case EthKind.Tuple:
        return { kind, value: this.readArray(payload).map((p) => this.readEthValue(p)) };
      default:
        throw new MappingError(`unknown ethereum value kind ${kind as number}`);
    }
  }

  // ===== writers =====

  writeString(text: string): number {
    const ptr = this.alloc(2 * text.length, TypeIndex.String);
    for (let i = 0; i < text.length; i++) this.view.setUint16(ptr + 2 * i, text.charCodeAt(i), true);
    return ptr;
  }

  writeArrayBuffer(data: Uint8Array): number {
    const ptr = this.alloc(data.length, TypeIndex.ArrayBuffer);
    this.bytes.set(data, ptr);
    return ptr;
  }

  /** A Uint8Array over a fresh ArrayBuffer (graph-node makes every Bytes/Address/BigInt this way). */
  writeBytes(data: Uint8Array): number {
    const buffer = this.writeArrayBuffer(data);
    const ptr = this.alloc(12, TypeIndex.Uint8Array);
    this.setU32(ptr, buffer);
    this.setU32(ptr + 4, buffer);
    this.setI32(ptr + 8, data.length);
    return ptr;
  }

  writeBigInt(value: bigint): number {
    return this.writeBytes(bigIntToSignedLE(value));
  }

  writeBigDecimal(value: BigDecimalValue): number {
    const digits = this.writeBigInt(value.digits);
    const exp = this.writeBigInt(value.exp);
    const ptr = this.alloc(8, TypeIndex.BigDecimal);
    this.setU32(ptr, digits);
    this.setU32(ptr + 4, exp);
    return ptr;
  }

  /** An Array<ptr> of class `index` holding `pointers`. */
  writeArray(pointers: number[], index: number): number {
    const buffer = this.alloc(4 * pointers.length, TypeIndex.ArrayBuffer);
    for (let i = 0; i < pointers.length; i++) this.setU32(buffer + 4 * i, pointers[i]);
    const ptr = this.alloc(16, index);
    this.setU32(ptr, buffer);
    this.setU32(ptr + 4, buffer);
    this.setI32(ptr + 8, 4 * pointers.length);
    this.setI32(ptr + 12, pointers.length);
    return ptr;
  }

  private writeEnum(index: number, kind: number, payload: bigint): number {
    const ptr = this.alloc(16, index);
    this.setI32(ptr, kind);
    this.setU32(ptr + 4, 0);
    this.setU64(ptr + 8, payload);
    return ptr;
  }

  writeStoreValue(value: StoreValue): number {
    let payload: bigint;
    switch (value.kind) {
      case StoreKind.String:
        payload = BigInt(this.writeString(value.value));
        break;
      case StoreKind.Int:
        payload = BigInt.asUintN(64, BigInt(value.value)); // sign-extended, as graph-node does
        break;
      case StoreKind.BigDecimal:
        payload = BigInt(this.writeBigDecimal(value.value));
        break;
      case StoreKind.Bool:
        payload = value.value ? 1n : 0n;
        break;
      case StoreKind.Array:
        payload = BigInt(
          this.writeArray(
            value.value.map((v) => this.writeStoreValue(v)),
            TypeIndex.ArrayStoreValue,
          ),
        );
        break;
      case StoreKind.Null:
        payload = 0n;
        break;
      case StoreKind.Bytes:
        payload = BigInt(this.writeBytes(value.value));
        break;
      case StoreKind.BigInt:
        payload = BigInt(this.writeBigInt(value.value));
        break;
      case StoreKind.Int8:
      case StoreKind.Timestamp:
        payload = BigInt.asUintN(64, value.value);
        break;
    }
    return this.writeEnum(TypeIndex.StoreValue, value.kind, payload);
  }

  /**
   * An entity as graph-node returns it from `store.get`: a TypedMap (idx 36) whose entries array has the class of
   * idx 21 and whose entries the class of idx 34 (graph-ts's id_of_type quirk, reproduced), sorted by field name.
   */
  writeEntity(data: EntityData): number {
    const keys = [...data.keys()].sort();
    const entries = keys.map((key) => {
      const k = this.writeString(key);
      const v = this.writeStoreValue(data.get(key)!);
      const entry = this.alloc(8, TypeIndex.TypedMapEntryStringStoreValue);
      this.setU32(entry, k);
      this.setU32(entry + 4, v);
      return entry;
    });
    const array = this.writeArray(entries, TypeIndex.ArrayTypedMapEntryStringStoreValue);
    const ptr = this.alloc(4, TypeIndex.TypedMapStringStoreValue);
    this.setU32(ptr, array);
    return ptr;
  }

  writeEthValue(value: EthValue): number {
    let payload: bigint;
    switch (value.kind) {
      case EthKind.Address:
      case EthKind.FixedBytes:
      case EthKind.Bytes:
      case EthKind.Function:
        payload = BigInt(this.writeBytes(value.value));
        break;
      case EthKind.Int:
      case EthKind.Uint:
        payload = BigInt(this.writeBigInt(value.value));
        break;
      case EthKind.Bool:
        payload = value.value ? 1n : 0n;
        break;
      case EthKind.String:
        payload = BigInt(this.writeString(value.value));
        break;
      case EthKind.FixedArray:
      case EthKind.Array:
      case EthKind.Tuple:
        payload = BigInt(
          this.writeArray(
            value.value.map((v) => this.writeEthValue(v)),
            TypeIndex.ArrayEthereumValue,
          ),
        );
        break;
    }
    return this.writeEnum(TypeIndex.EthereumValue, value.kind, payload);
  }

  writeJsonValue(value: JsonValue): number {
    let payload = 0n;
    switch (value.kind) {
      case 0:
        break;
      case 1:
        payload = value.value ? 1n : 0n;
        break;
      case 2:
      case 3:
        payload = BigInt(this.writeString(value.value));
        break;
      case 4:
        payload = BigInt(
          this.writeArray(
            value.value.map((v) => this.writeJsonValue(v)),
            TypeIndex.ArrayJsonValue,
          ),
        );
        break;
      case 5: {
        const entries = value.value.map(([key, v]) => {
          const k = this.writeString(key);
          const p = this.writeJsonValue(v);
          const entry = this.alloc(8, TypeIndex.TypedMapEntryStringJsonValue);
          this.setU32(entry, k);
          this.setU32(entry + 4, p);
          return entry;
        });
        const array = this.writeArray(entries, TypeIndex.ArrayTypedMapEntryStringJsonValue);
        const map = this.alloc(4, TypeIndex.TypedMapStringJsonValue);
        this.setU32(map, array);
        payload = BigInt(map);
        break;
      }
    }
    return this.writeEnum(TypeIndex.JsonValue, value.kind, payload);
  }

  /** `Wrapped<bool>` (rtSize 1). */
  writeWrappedBool(value: boolean): number {
    const ptr = this.alloc(1, TypeIndex.WrappedBool);
    this.refresh();
    this.bytes[ptr] = value ? 1 : 0;
    return ptr;
  }

  /** `Wrapped<ptr>` of class `index`. */
  writeWrapped(inner: number, index: number): number {
    const ptr = this.alloc(4, index);
    this.setU32(ptr, inner);
    return ptr;
  }

  /** `Result<V, bool>`: `_value = Wrapped<V>` on success, `_error = Wrapped<bool>(true)` on failure. */
  writeResult(index: number, wrappedValue: number | null): number {
    const ptr = this.alloc(8, index);
    if (wrappedValue === null) {
      this.setU32(ptr, 0);
      this.setU32(ptr + 4, this.writeWrappedBool(true));
    } else {
      this.setU32(ptr, wrappedValue);
      this.setU32(ptr + 4, 0);
    }
    return ptr;
  }

  /** A struct of u32 fields (pointers) of class `index`. */
  writeStruct(index: number, fields: number[]): number {
    const ptr = this.alloc(4 * fields.length, index);
    for (let i = 0; i < fields.length; i++) this.setU32(ptr + 4 * i, fields[i]);
    return ptr;
  }

  optionalBytes(data: Uint8Array | null | undefined): number {
    return data ? this.writeBytes(data) : 0;
  }

  optionalBigInt(value: bigint | null | undefined): number {
    return value === null || value === undefined ? 0 : this.writeBigInt(value);
  }
}
