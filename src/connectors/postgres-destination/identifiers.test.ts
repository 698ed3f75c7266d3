import { describe, expect, it } from "vitest";

import {
  MAX_IDENTIFIER_BYTES,
  assertIdentifier,
  isStageTableOf,
  mergeIndexName,
  overwriteTableName,
  qualified,
  stageTableName,
  truncateUtf8,
} from "@/connectors/postgres-destination/identifiers";

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

describe("qualified", () => {
  it("double-quotes both parts and doubles embedded quotes", () => {
    expect(qualified("user schema", 'order "select" ünï.t')).toBe('"user schema"."order ""select"" ünï.t"');
  });
});

describe("assertIdentifier", () => {
  it("accepts names up to 63 bytes and refuses longer ones, naming the limit", () => {
    expect(() => assertIdentifier("x".repeat(63), "table")).not.toThrow();
    expect(() => assertIdentifier("ü".repeat(32), "table")).toThrow(/64 bytes long; PostgreSQL allows at most 63/);
    expect(() => assertIdentifier("", "column")).toThrow(/column name is empty/);
  });
});

describe("stageTableName", () => {
  it("is _weir_stage_<table>_<run hash>_<attempt>", () => {
    expect(stageTableName("orders", "run-1", 2)).toMatch(/^_weir_stage_orders_[0-9a-f]{8}_2$/);
  });

  it("stays within 63 bytes for long and multi-byte table names, and differs for tables that share a beginning", () => {
    const a = stageTableName(`${"ü".repeat(31)}a`, "run-1", 123456);
    const b = stageTableName(`${"ü".repeat(31)}b`, "run-1", 123456);
    expect(bytes(a)).toBeLessThanOrEqual(MAX_IDENTIFIER_BYTES);
    expect(a).not.toBe(b);
    expect(isStageTableOf(a, `${"ü".repeat(31)}a`)).toBe(true);
    expect(isStageTableOf(a, `${"ü".repeat(31)}b`)).toBe(false);
  });

  it("never takes the staging tables of one table for another's", () => {
    expect(isStageTableOf(stageTableName("orders_items", "r", 1), "orders")).toBe(false);
    expect(isStageTableOf(stageTableName("orders_deadbeef", "r", 1), "orders")).toBe(false);
    expect(isStageTableOf(stageTableName("orders", "r", 1), "orders")).toBe(true);
    expect(isStageTableOf("_weir_stage_orders_notahash_1", "orders")).toBe(false);
  });
});

describe("derived names", () => {
  it("fit PostgreSQL's limit", () => {
    const table = "t".repeat(63);
    expect(bytes(overwriteTableName(table))).toBeLessThanOrEqual(MAX_IDENTIFIER_BYTES);
    expect(overwriteTableName("orders")).toBe("_weir_new_orders");
    expect(bytes(mergeIndexName(table, ["a", "b"]))).toBeLessThanOrEqual(MAX_IDENTIFIER_BYTES);
  });

  it("truncates at code point boundaries", () => {
    expect(truncateUtf8("aü🚀", 3)).toBe("aü");
    expect(truncateUtf8("aü🚀", 6)).toBe("aü");
    expect(truncateUtf8("aü🚀", 7)).toBe("aü🚀");
  });
});
