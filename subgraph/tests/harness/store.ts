/**
 * An in-memory entity store with graph-node's write semantics (GN runtime/wasm/src/host_exports.rs store_*,
 * graph/src/components/store/entity_cache.rs, write.rs; graph/src/data/store/mod.rs `Entity::validate`):
 * - `set` merges into the existing entity (absent fields keep their value, NULL removes a field), after checking the
 *   type exists, no undefined or derived field is set, every value has its field's type, and (on the merged entity)
 *   every non-null field has a value;
 * - writes are staged per handler (discarded if the handler fails) and per block, and `get` sees earlier writes;
 * - an immutable entity may be set several times within the block that inserted it, never in a later block, and never
 *   removed.
 * It keeps decoded values, never wasm pointers.
 */
import { bdToString } from "./bignum.ts";
import { MappingError } from "./memory.ts";
import type { EntityInfo, FieldInfo, Schema } from "./schema.ts";
import { StoreKind, fromHex, hex, storeKindName, type EntityData, type StoreValue } from "./values.ts";

type Layer = Map<string, Map<string, EntityData | null>>;

/** A plain JS view of an entity for tests: Bytes as 0x-hex, BigInt/Int8/Timestamp as bigint, BigDecimal as text. */
export type PlainEntity = Record<string, unknown> & { id: string };

/** Simple filters: `{ field: value }` (equality) and `{ field_gt / _gte / _lt / _lte / _not / _in / _contains }`. */
export type Filter = Record<string, unknown>;

export class Store {
  private readonly committed: Layer = new Map();
  private block: Layer = new Map();
  private handler: Layer = new Map();
  /** Block at which each immutable entity was inserted: `type` -> id -> block. */
  private readonly inserted = new Map<string, Map<string, number>>();
  private blockNumber = 0;
  /** Counters for tests and throughput reports. */
  readonly stats = { sets: 0, gets: 0, removes: 0 };

  constructor(readonly schema: Schema) {}

  // ===== block and handler lifecycle =====

  beginBlock(blockNumber: number): void {
    if (this.block.size || this.handler.size) throw new Error("store: the previous block was not committed");
    this.blockNumber = blockNumber;
  }

  commitHandler(): void {
    fold(this.handler, this.block);
    this.handler = new Map();
  }

  discardHandler(): void {
    this.handler = new Map();
  }

  /** Drops everything the current block wrote (graph-node fails the whole block when a handler fails). */
  discardBlock(): void {
    this.handler = new Map();
    this.block = new Map();
  }

  commitBlock(): void {
    this.commitHandler();
    for (const [type, entities] of this.block) {
      let target = this.committed.get(type);
      if (!target) this.committed.set(type, (target = new Map()));
      let inserted = this.inserted.get(type);
      if (this.schema.entity(type).immutable && !inserted) this.inserted.set(type, (inserted = new Map()));
      for (const [id, data] of entities) {
        if (inserted && data !== null && !inserted.has(id)) inserted.set(id, this.blockNumber);
        if (data === null) target.delete(id);
        else target.set(id, data);
      }
    }
    this.block = new Map();
  }

  // ===== host operations =====

  /** Canonical key of an id string for `type` (Bytes ids are lower-case hex). */
  key(type: string, id: string): string {
    const info = this.schema.entity(type);
    switch (info.idType) {
      case "Bytes":
        try {
          return hex(fromHex(id));
        } catch {
          throw new MappingError(`Entity ${type}: id \`${id}\` is not valid Bytes (a 0x-prefixed hex string)`);
        }
      case "Int8":
        if (!/^-?\d+$/.test(id)) throw new MappingError(`Entity ${type}: id \`${id}\` is not a valid Int8`);
        return BigInt(id).toString();
      default:
        return id;
    }
  }

  private lookup(type: string, key: string, inBlockOnly: boolean): EntityData | undefined {
    for (const layer of inBlockOnly ? [this.handler, this.block] : [this.handler, this.block, this.committed]) {
      const entities = layer.get(type);
      if (entities?.has(key)) {
        const data = entities.get(key);
        return data === null ? undefined : data;
      }
    }
    return undefined;
  }

  /** `store.get` (or `store.get_in_block` with `inBlockOnly`): a copy of the entity, or undefined. */
  getData(type: string, id: string, inBlockOnly = false): EntityData | undefined {
    this.stats.gets++;
    const key = this.key(type, id);
    const data = this.lookup(type, key, inBlockOnly);
    return data ? new Map(data) : undefined;
  }

  setData(type: string, id: string, incoming: EntityData): void {
    this.stats.sets++;
    const info = this.schema.entity(type);
    if (info.timeseries) throw new MappingError(`store: timeseries entity ${type} is not supported by this harness`);
    const key = this.key(type, id);
    const data = new Map(incoming);

    const idValue = data.get("id");
    const expectedId = idStoreValue(info, key);
    if (idValue === undefined || idValue.kind === StoreKind.Null) {
      data.set("id", expectedId);
    } else if (idValue.kind !== expectedId.kind) {
      throw new MappingError(
        `Attribute \`${type}.id\` has wrong type: expected ${info.idType}, got ${storeKindName(idValue.kind)}`,
      );
    } else if (plainKey(idValue) !== key) {
      throw new MappingError(
        `Value of ${type} attribute 'id' conflicts with ID passed to \`store.set()\`: ${plainKey(idValue)} != ${key}`,
      );
    }

    const undefinedFields = [...data.keys()].filter((f) => !info.fields.has(f)).sort();
    if (undefinedFields.length) {
      throw new MappingError(
        `Attempted to set undefined fields [${undefinedFields.join(", ")}] for the entity type \`${type}\`. Make sure those fields are defined in the schema.`,
      );
    }
    for (const [name, value] of data) {
      const field = info.fields.get(name)!;
      if (field.derivedFrom)
        throw new MappingError(`Entity ${type}[${key}]: field \`${name}\` is derived and can not be set`);
      this.checkValue(type, key, field, value);
    }

    if (info.immutable) {
      const at = this.inserted.get(type)?.get(key);
      if (at !== undefined && at < this.blockNumber) {
        throw new MappingError(
          `entity ${type}[${key}] is immutable; inserting it at block ${this.blockNumber} is not possible as it was already inserted at block ${at}`,
        );
      }
    }

    // Merge: fields in `data` overwrite, absent fields stay, NULL removes.
    const merged: EntityData = new Map(this.lookup(type, key, false) ?? []);
    for (const [name, value] of data) {
      if (value.kind === StoreKind.Null) merged.delete(name);
      else merged.set(name, value);
    }
    for (const field of info.fields.values()) {
      if (field.nonNull && !field.derivedFrom && !merged.has(field.name)) {
        throw new MappingError(`Entity ${type}[${key}]: missing value for non-nullable field \`${field.name}\``);
      }
    }

    stage(this.handler, type, key, merged);
  }

  removeData(type: string, id: string): void {
    this.stats.removes++;
    const info = this.schema.entity(type);
    if (info.immutable) throw new MappingError(`immutable entity type ${type} only allows inserts`);
    stage(this.handler, type, this.key(type, id), null);
  }

  /** `store.loadRelated`: the entities whose `@derivedFrom` field refers to `type[id]`, ordered by id. */
  loadRelated(type: string, id: string, fieldName: string): EntityData[] {
    const info = this.schema.entity(type);
    const field = info.fields.get(fieldName);
    if (!field?.derivedFrom)
      throw new MappingError(`Entity ${type}[${id}]: ${fieldName} is not derived \`${fieldName}\``);
    const key = this.key(type, id);
    const targets = this.schema.interfaces.get(field.type) ?? [field.type];
    const out: EntityData[] = [];
    for (const target of targets) {
      for (const data of this.entries(target).map(([, d]) => d)) {
        const ref = data.get(field.derivedFrom);
        if (!ref) continue;
        const refs = ref.kind === StoreKind.Array ? ref.value : [ref];
        if (refs.some((r) => plainKey(r) === key)) out.push(new Map(data));
      }
    }
    return out;
  }

  // ===== queries (tests) =====

  /** Every entity of `type` in the merged view (committed + staged), ordered by key. */
  private entries(type: string): [string, EntityData][] {
    const merged = new Map(this.committed.get(type) ?? []) as Map<string, EntityData>;
    for (const layer of [this.block, this.handler]) {
      for (const [id, data] of layer.get(type) ?? []) {
        if (data === null) merged.delete(id);
        else merged.set(id, data);
      }
    }
    return [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  get(type: string, id: string): PlainEntity | undefined {
    this.schema.entity(type);
    const data = this.lookup(type, this.key(type, id), false);
    return data ? toPlain(data) : undefined;
  }

  all(type: string, filter: Filter = {}): PlainEntity[] {
    this.schema.entity(type);
    return this.entries(type)
      .map(([, data]) => toPlain(data))
      .filter((entity) => matches(entity, filter));
  }

  count(type: string, filter: Filter = {}): number {
    return this.all(type, filter).length;
  }

  /** Entity types with at least one entity, with their counts. */
  summary(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const type of this.schema.entities.keys()) {
      const n = this.entries(type).length;
      if (n) out[type] = n;
    }
    return out;
  }

  // ===== validation =====

  private checkValue(type: string, key: string, field: FieldInfo, value: StoreValue): void {
    if (value.kind === StoreKind.Null) return; // NULL is assignable to any field; the non-null check comes later
    const fail = (v: StoreValue, expected: string) => {
      throw new MappingError(
        `Entity ${type}[${key}]: the value \`${describe(v)}\` for field \`${field.name}\` must have type ${expected} but has type ${storeKindName(v.kind)}`,
      );
    };
    const expectedKind = this.kindOf(field.type);
    const checkScalar = (v: StoreValue) => {
      if (v.kind !== expectedKind) fail(v, field.list ? `[${field.type}]` : field.type);
      const values = this.schema.enums.get(field.type);
      if (values && v.kind === StoreKind.String && !values.has(v.value)) {
        throw new MappingError(
          `Entity ${type}[${key}]: value \`${v.value}\` for field \`${field.name}\` is not a valid ${field.type} enum value`,
        );
      }
    };
    if (field.list) {
      if (value.kind !== StoreKind.Array) return fail(value, `[${field.type}]`);
      for (const element of value.value) {
        if (element.kind === StoreKind.Null) {
          if (field.elementNonNull) fail(element, `[${field.type}!]`);
        } else checkScalar(element);
      }
    } else checkScalar(value);
  }

  private kindOf(typeName: string): StoreKind {
    switch (typeName) {
      case "ID":
      case "String":
        return StoreKind.String;
      case "Bytes":
        return StoreKind.Bytes;
      case "BigInt":
        return StoreKind.BigInt;
      case "BigDecimal":
        return StoreKind.BigDecimal;
      case "Int":
        return StoreKind.Int;
      case "Int8":
        return StoreKind.Int8;
      case "Boolean":
        return StoreKind.Bool;
      case "Timestamp":
        return StoreKind.Timestamp;
    }
    if (this.schema.enums.has(typeName)) return StoreKind.String;
    if (this.schema.isEntityType(typeName)) return this.kindOf(this.schema.idTypeOf(typeName));
    throw new Error(`schema: unknown type ${typeName}`);
  }
}

function stage(layer: Layer, type: string, key: string, data: EntityData | null): void {
  let entities = layer.get(type);
  if (!entities) layer.set(type, (entities = new Map()));
  entities.set(key, data);
}

function fold(from: Layer, into: Layer): void {
  for (const [type, entities] of from) for (const [id, data] of entities) stage(into, type, id, data);
}

function idStoreValue(info: EntityInfo, key: string): StoreValue {
  switch (info.idType) {
    case "Bytes":
      return { kind: StoreKind.Bytes, value: fromHex(key) };
    case "Int8":
      return { kind: StoreKind.Int8, value: BigInt(key) };
    default:
      return { kind: StoreKind.String, value: key };
  }
}

/** The key form of an id-like value (Bytes as hex, numbers as decimal, strings as is). */
function plainKey(value: StoreValue): string {
  switch (value.kind) {
    case StoreKind.Bytes:
      return hex(value.value);
    case StoreKind.String:
      return value.value;
    case StoreKind.Int:
    case StoreKind.Int8:
    case StoreKind.BigInt:
      return value.value.toString();
    default:
      return describe(value);
  }
}

function describe(value: StoreValue): string {
  const plain = plainValue(value);
  return typeof plain === "object" && plain !== null
    ? JSON.stringify(plain, (_k, v) => (typeof v === "bigint" ? v.toString() : v))
    : String(plain);
}

export function plainValue(value: StoreValue): unknown {
  switch (value.kind) {
    case StoreKind.Bytes:
      return hex(value.value);
    case StoreKind.BigDecimal:
      return bdToString(value.value);
    case StoreKind.Array:
      return value.value.map(plainValue);
    case StoreKind.Null:
      return null;
    default:
      return value.value;
  }
}

export function toPlain(data: EntityData): PlainEntity {
  const out: Record<string, unknown> = {};
  for (const [name, value] of data) out[name] = plainValue(value);
  return out as PlainEntity;
}

function norm(v: unknown): unknown {
  return typeof v === "string" && /^0x[0-9a-fA-F]*$/.test(v) ? v.toLowerCase() : v;
}

function matches(entity: PlainEntity, filter: Filter): boolean {
  for (const [key, expected] of Object.entries(filter)) {
    const m = /^(.*?)(_not|_gt|_gte|_lt|_lte|_in|_contains)?$/.exec(key)!;
    const actual = norm(entity[m[1]]);
    const want = norm(expected);
    const cmp = (a: unknown, b: unknown) =>
      (typeof a === "bigint" || typeof a === "number") && (typeof b === "bigint" || typeof b === "number");
    switch (m[2]) {
      case undefined:
        if (actual !== want) return false;
        break;
      case "_not":
        if (actual === want) return false;
        break;
      case "_gt":
        if (!cmp(actual, want) || !((actual as bigint) > (want as bigint))) return false;
        break;
      case "_gte":
        if (!cmp(actual, want) || !((actual as bigint) >= (want as bigint))) return false;
        break;
      case "_lt":
        if (!cmp(actual, want) || !((actual as bigint) < (want as bigint))) return false;
        break;
      case "_lte":
        if (!cmp(actual, want) || !((actual as bigint) <= (want as bigint))) return false;
        break;
      case "_in":
        if (!(expected as unknown[]).map(norm).includes(actual)) return false;
        break;
      case "_contains":
        if (!Array.isArray(actual) || !actual.map(norm).includes(want)) return false;
        break;
    }
  }
  return true;
}
