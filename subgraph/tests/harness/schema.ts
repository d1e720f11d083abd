/**
 * What the store needs to know about schema.graphql (graph-node graph/src/schema): entity types, their fields
 * (scalar, enum or entity reference; list; non-null), `@derivedFrom`, `immutable`, `timeseries` and the id type.
 */
import { Kind, parse, type TypeNode } from "graphql";

export const SCALARS = [
  "ID",
  "String",
  "Bytes",
  "BigInt",
  "BigDecimal",
  "Int",
  "Int8",
  "Boolean",
  "Timestamp",
] as const;
export type ScalarName = (typeof SCALARS)[number];

export interface FieldInfo {
  name: string;
  /** Named type: a scalar, an enum or an entity/interface type. */
  type: string;
  nonNull: boolean;
  list: boolean;
  /** For lists: whether elements are non-null. */
  elementNonNull: boolean;
  derivedFrom?: string;
  description?: string;
}

export interface EntityInfo {
  name: string;
  fields: Map<string, FieldInfo>;
  immutable: boolean;
  timeseries: boolean;
  idType: "ID" | "String" | "Bytes" | "Int8";
  description?: string;
}

export class Schema {
  readonly entities = new Map<string, EntityInfo>();
  readonly enums = new Map<string, Set<string>>();
  readonly interfaces = new Map<string, string[]>();

  constructor(source: string) {
    const document = parse(source);
    for (const def of document.definitions) {
      if (def.kind === Kind.ENUM_TYPE_DEFINITION) {
        this.enums.set(def.name.value, new Set((def.values ?? []).map((v) => v.name.value)));
      } else if (def.kind === Kind.INTERFACE_TYPE_DEFINITION) {
        this.interfaces.set(def.name.value, []);
      }
    }
    for (const def of document.definitions) {
      if (def.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
      const entity = def.directives?.find((d) => d.name.value === "entity");
      if (!entity) continue;
      const arg = (name: string) => entity.arguments?.find((a) => a.name.value === name)?.value;
      const flag = (name: string) => {
        const v = arg(name);
        return v?.kind === Kind.BOOLEAN ? v.value : false;
      };
      const fields = new Map<string, FieldInfo>();
      for (const field of def.fields ?? []) {
        const derived = field.directives?.find((d) => d.name.value === "derivedFrom");
        const derivedArg = derived?.arguments?.find((a) => a.name.value === "field")?.value;
        fields.set(field.name.value, {
          name: field.name.value,
          ...unwrap(field.type),
          derivedFrom: derivedArg?.kind === Kind.STRING ? derivedArg.value : undefined,
          description: field.description?.value,
        });
      }
      const id = fields.get("id");
      if (!id || id.list || !id.nonNull) throw new Error(`schema: entity ${def.name.value} needs a non-null id`);
      if (!["ID", "String", "Bytes", "Int8"].includes(id.type)) {
        throw new Error(`schema: ${def.name.value}.id has unsupported type ${id.type}`);
      }
      for (const iface of def.interfaces ?? []) this.interfaces.get(iface.name.value)?.push(def.name.value);
      this.entities.set(def.name.value, {
        name: def.name.value,
        fields,
        immutable: flag("immutable") || flag("timeseries"),
        timeseries: flag("timeseries"),
        idType: id.type as EntityInfo["idType"],
        description: def.description?.value,
      });
    }
  }

  entity(name: string): EntityInfo {
    const info = this.entities.get(name);
    if (!info) throw new Error(`Entity type \`${name}\` is not defined in the schema`);
    return info;
  }

  isEntityType(name: string): boolean {
    return this.entities.has(name) || this.interfaces.has(name);
  }

  /** The id type of an entity or interface (an interface's implementers share one). */
  idTypeOf(name: string): EntityInfo["idType"] {
    const entity = this.entities.get(name);
    if (entity) return entity.idType;
    const impl = this.interfaces.get(name)?.[0];
    return impl ? this.entity(impl).idType : "ID";
  }
}

function unwrap(node: TypeNode): Omit<FieldInfo, "name" | "derivedFrom" | "description"> {
  let nonNull = false;
  let list = false;
  let elementNonNull = false;
  let t = node;
  if (t.kind === Kind.NON_NULL_TYPE) {
    nonNull = true;
    t = t.type;
  }
  if (t.kind === Kind.LIST_TYPE) {
    list = true;
    t = t.type;
    if (t.kind === Kind.NON_NULL_TYPE) {
      elementNonNull = true;
      t = t.type;
    }
  }
  if (t.kind !== Kind.NAMED_TYPE) throw new Error("schema: nested lists are not supported");
  return { type: t.name.value, nonNull, list, elementNonNull };
}
