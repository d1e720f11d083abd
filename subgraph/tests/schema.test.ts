/** schema.graphql follows the house rules: described for analysts, explicit immutability, event entities keyed by Bytes. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";

import { Kind, parse } from "graphql";

import { SUBGRAPH_DIR } from "./fixture.ts";
import { Schema } from "./harness/index.ts";

const source = readFileSync(path.join(SUBGRAPH_DIR, "schema.graphql"), "utf8");
const schema = new Schema(source);

describe("schema.graphql", () => {
  it("describes every entity, field, enum and enum value", () => {
    const missing: string[] = [];
    for (const def of parse(source).definitions) {
      if (def.kind === Kind.OBJECT_TYPE_DEFINITION) {
        if (!def.description?.value.trim()) missing.push(def.name.value);
        for (const f of def.fields ?? [])
          if (!f.description?.value.trim()) missing.push(`${def.name.value}.${f.name.value}`);
      } else if (def.kind === Kind.ENUM_TYPE_DEFINITION) {
        if (!def.description?.value.trim()) missing.push(def.name.value);
        for (const v of def.values ?? [])
          if (!v.description?.value.trim()) missing.push(`${def.name.value}.${v.name.value}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it("states immutability on every entity (graph-cli 0.98 requires it)", () => {
    for (const def of parse(source).definitions) {
      if (def.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
      const entity = def.directives?.find((d) => d.name.value === "entity");
      assert.ok(
        entity?.arguments?.some((a) => a.name.value === "immutable"),
        def.name.value,
      );
    }
  });

  it("keys event entities by Bytes and makes them immutable; every relation resolves", () => {
    for (const entity of schema.entities.values()) {
      if (entity.fields.has("transactionHash")) {
        assert.equal(entity.immutable, true, `${entity.name} is an event entity`);
        assert.equal(entity.idType, "Bytes", `${entity.name}.id`);
        for (const f of ["blockNumber", "blockTimestamp"]) assert.ok(entity.fields.has(f), `${entity.name}.${f}`);
      }
      for (const field of entity.fields.values()) {
        const known = ["ID", "String", "Bytes", "BigInt", "BigDecimal", "Int", "Int8", "Boolean", "Timestamp"].includes(
          field.type,
        );
        assert.ok(
          known || schema.enums.has(field.type) || schema.isEntityType(field.type),
          `${entity.name}.${field.name}: ${field.type}`,
        );
        if (field.derivedFrom) {
          const target = schema.entity(field.type);
          assert.equal(
            target.fields.get(field.derivedFrom)?.type,
            entity.name,
            `${entity.name}.${field.name} is derived from a reference back`,
          );
        }
        if (field.list && !field.derivedFrom)
          assert.ok(!schema.isEntityType(field.type), `${entity.name}.${field.name}: no stored lists of entities`);
      }
    }
  });
});
