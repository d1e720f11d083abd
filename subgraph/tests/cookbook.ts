/**
 * A small evaluator for the query shapes of the cookbook (the README), over the harness store, following
 * graph-node's generated API: `entity(id:)`, `entities(where:, orderBy:, orderDirection:, first:, skip:)`, nested
 * entity references and `@derivedFrom` lists with the same arguments; filters `field`, `_not`, `_gt`, `_gte`, `_lt`,
 * `_lte`, `_in`. Every field, argument and filter is checked against schema.graphql, so a query that graph-node would
 * reject fails here too. Results use graph-node's JSON forms (BigInt/BigDecimal as strings, Bytes as 0x-hex).
 */
import { Kind, parse, type ArgumentNode, type FieldNode, type OperationDefinitionNode, type ValueNode } from "graphql";

import type { EntityInfo, FieldInfo, PlainEntity, Store } from "./harness/index.ts";

export interface CookbookQuery {
  /** Heading text above the query in the docs. */
  title: string;
  source: string;
}

/** The ```graphql blocks of a markdown file, each with the bold line above it. */
export function extractQueries(markdown: string): CookbookQuery[] {
  const out: CookbookQuery[] = [];
  const re = /\*\*([^*]+)\*\*\s*\n+```graphql\n([\s\S]*?)```/g;
  for (const m of markdown.matchAll(re)) out.push({ title: m[1].trim(), source: m[2] });
  return out;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const lowerFirst = (s: string) => s[0].toLowerCase() + s.slice(1);

/** graph-node's collection field name (English plural of the camel-cased type, as its inflector does for our names). */
export function plural(name: string): string {
  if (/[^aeiou]y$/.test(name)) return name.slice(0, -1) + "ies";
  if (/(s|x|z|ch|sh)$/.test(name)) return name + "es";
  return name + "s";
}

export class QueryEvaluator {
  constructor(private readonly store: Store) {}

  /** Resolves a top-level field name to its entity type and whether it is the plural (collection) form. */
  private root(name: string): { entity: EntityInfo; plural: boolean } {
    for (const entity of this.store.schema.entities.values()) {
      if (lowerFirst(entity.name) === name) return { entity, plural: false };
      if (plural(lowerFirst(entity.name)) === name) return { entity, plural: true };
    }
    throw new Error(`Type \`Query\` has no field \`${name}\``);
  }

  run(source: string, variables: Record<string, unknown> = {}): Record<string, Json> {
    const document = parse(source);
    const operations = document.definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    if (operations.length !== 1 || operations[0].operation !== "query") throw new Error("expected exactly one query");
    const op = operations[0];
    const declared = new Set((op.variableDefinitions ?? []).map((v) => v.variable.name.value));
    for (const name of declared) if (!(name in variables)) throw new Error(`variable $${name} was not provided`);
    const value = (node: ValueNode): unknown => {
      switch (node.kind) {
        case Kind.VARIABLE:
          if (!declared.has(node.name.value)) throw new Error(`variable $${node.name.value} is not declared`);
          return variables[node.name.value];
        case Kind.INT:
          return Number(node.value);
        case Kind.STRING:
        case Kind.ENUM:
          return node.value;
        case Kind.BOOLEAN:
          return node.value;
        case Kind.LIST:
          return node.values.map(value);
        case Kind.OBJECT:
          return Object.fromEntries(node.fields.map((f) => [f.name.value, value(f.value)]));
        default:
          throw new Error(`unsupported GraphQL value ${node.kind}`);
      }
    };
    const args = (nodes: readonly ArgumentNode[] | undefined) =>
      Object.fromEntries((nodes ?? []).map((a) => [a.name.value, value(a.value)]));

    const result: Record<string, Json> = {};
    for (const selection of op.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) throw new Error("fragments are not used in the cookbook");
      const { entity, plural } = this.root(selection.name.value);
      const a = args(selection.arguments);
      const key = selection.alias?.value ?? selection.name.value;
      if (plural) {
        result[key] = this.collection(entity, this.store.all(entity.name), a, selection, args);
      } else {
        if (typeof a.id !== "string") throw new Error(`${selection.name.value} needs an id`);
        const found = this.store.get(entity.name, a.id);
        result[key] = found ? this.select(entity, found, selection, args) : null;
      }
    }
    return result;
  }

  private collection(
    entity: EntityInfo,
    rows: PlainEntity[],
    a: Record<string, unknown>,
    node: FieldNode,
    args: (n: readonly ArgumentNode[] | undefined) => Record<string, unknown>,
  ): Json[] {
    for (const name of Object.keys(a)) {
      if (!["where", "orderBy", "orderDirection", "first", "skip"].includes(name))
        throw new Error(`unknown argument ${name} on ${node.name.value}`);
    }
    let out = rows.filter((row) => this.matches(entity, row, (a.where ?? {}) as Record<string, unknown>));
    const orderBy = (a.orderBy as string | undefined) ?? "id";
    const field = this.field(entity, orderBy);
    if (field.list || field.derivedFrom) throw new Error(`cannot order ${entity.name} by ${orderBy}`);
    const direction = a.orderDirection === "desc" ? -1 : 1;
    if (a.orderDirection !== undefined && a.orderDirection !== "asc" && a.orderDirection !== "desc")
      throw new Error("orderDirection must be asc or desc");
    // Ties are broken by id in the same direction: graph-node orders by `<field> <dir>, id <dir>`.
    out = [...out].sort((x, y) => direction * (compare(x[orderBy], y[orderBy]) || compare(x.id, y.id)));
    const skip = (a.skip as number | undefined) ?? 0;
    const first = (a.first as number | undefined) ?? 100;
    if (first > 1000) throw new Error("first must be at most 1000");
    return out.slice(skip, skip + first).map((row) => this.select(entity, row, node, args));
  }

  private field(entity: EntityInfo, name: string): FieldInfo {
    const field = entity.fields.get(name);
    if (!field) throw new Error(`Type \`${entity.name}\` has no field \`${name}\``);
    return field;
  }

  private matches(entity: EntityInfo, row: PlainEntity, where: Record<string, unknown>): boolean {
    for (const [key, expected] of Object.entries(where)) {
      const m = /^(.*?)(_not|_gt|_gte|_lt|_lte|_in)?$/.exec(key)!;
      const field = this.field(entity, m[1]);
      if (field.derivedFrom || field.list) throw new Error(`filter ${key} is not supported on ${entity.name}`);
      const actual = row[m[1]];
      const want = coerce(field, expected, this.store.schema.entities.has(field.type));
      switch (m[2]) {
        case undefined:
          if (compare(actual, want) !== 0) return false;
          break;
        case "_not":
          if (compare(actual, want) === 0) return false;
          break;
        case "_gt":
          if (!(compare(actual, want) > 0)) return false;
          break;
        case "_gte":
          if (!(compare(actual, want) >= 0)) return false;
          break;
        case "_lt":
          if (!(compare(actual, want) < 0)) return false;
          break;
        case "_lte":
          if (!(compare(actual, want) <= 0)) return false;
          break;
        case "_in":
          if (!(want as unknown[]).some((w) => compare(actual, w) === 0)) return false;
          break;
      }
    }
    return true;
  }

  private select(
    entity: EntityInfo,
    row: PlainEntity,
    node: FieldNode,
    args: (n: readonly ArgumentNode[] | undefined) => Record<string, unknown>,
  ): Json {
    if (!node.selectionSet) throw new Error(`field ${node.name.value} of type ${entity.name} needs a selection`);
    const out: Record<string, Json> = {};
    for (const selection of node.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) throw new Error("fragments are not used in the cookbook");
      const name = selection.name.value;
      const key = selection.alias?.value ?? name;
      if (name === "__typename") {
        out[key] = entity.name;
        continue;
      }
      const field = this.field(entity, name);
      const target = this.store.schema.entities.get(field.type);
      if (field.derivedFrom) {
        if (!target) throw new Error(`derived field ${entity.name}.${name} must point to an entity`);
        const related = this.store.all(target.name).filter((r) => {
          const ref = r[field.derivedFrom!];
          return Array.isArray(ref) ? ref.includes(row.id) : ref === row.id;
        });
        out[key] = this.collection(target, related, args(selection.arguments), selection, args);
      } else if (target) {
        if (field.list) throw new Error("lists of references are not used in the cookbook");
        const id = row[name];
        const ref = id === undefined || id === null ? undefined : this.store.get(target.name, id as string);
        out[key] = ref ? this.select(target, ref, selection, args) : null;
      } else {
        if (selection.selectionSet) throw new Error(`scalar field ${entity.name}.${name} cannot have a selection`);
        if (selection.arguments?.length) throw new Error(`scalar field ${entity.name}.${name} takes no arguments`);
        out[key] = toJson(row[name]);
      }
    }
    return out;
  }
}

function coerce(field: FieldInfo, value: unknown, isReference: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => coerce(field, v, isReference));
  if (isReference || field.type === "Bytes" || field.type === "ID") return String(value).toLowerCase();
  if (field.type === "BigInt" || field.type === "Int8" || field.type === "Timestamp") return BigInt(value as string);
  return value;
}

function compare(a: unknown, b: unknown): number {
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === "bigint" || typeof b === "bigint") {
    const x = BigInt(a as bigint);
    const y = BigInt(b as bigint);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === "string" && typeof b === "string") {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

function toJson(value: unknown): Json {
  if (value === undefined || value === null) return null;
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(toJson);
  return value as Json;
}
