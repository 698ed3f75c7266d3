// Refusals at COPY (a direct load's typed columns, text PostgreSQL cannot hold) name stream, column, row key and value like
// refusals at commit: pure tests of where a COPY error points, and real loads through both paths.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { copyPosition } from "@/connectors/postgres-destination/copy-errors";
import { findUnstorableText } from "@/connectors/postgres-destination/csv-record";
import { type TPgFixture, buildPlan, createPgFixture } from "@/connectors/postgres-destination/postgres-destination-fixture";
import { resolvePlan } from "@/connectors/postgres-destination/resolve-plan";
import type { TColumn, TRecordBatch, TSyncMode, TWritePlan } from "@/connectors/types";
import { encodeWireRows } from "@/connectors/wire-format";
import { AppError } from "@/lib/app-error";

const ID: TColumn = { name: "id", type: { kind: "bigint" }, nullable: false };
const J: TColumn = { name: "j", type: { kind: "json" }, nullable: true };
const T: TColumn = { name: "t", type: { kind: "text" }, nullable: true };

describe("where a COPY error points", () => {
  const direct = resolvePlan(
    buildPlan({ table: "h", mode: "full_refresh_overwrite", columns: [ID, J, { name: "j: x", type: { kind: "text" }, nullable: true }], primaryKey: ["id"] }),
    "public",
  );
  it("reads the COPY context line, not an inner one (JSON data, line 1), and matches the column among the plan's", () => {
    expect(copyPosition('JSON data, line 1: {"k":"\\u0000...\nCOPY _weir_new_h, line 7, column j: "{"k":"\\u0000"}"', direct)).toEqual({ line: 7, column: J });
    expect(copyPosition('COPY _weir_new_h, line 3, column j: x: "v"', direct)?.column?.name).toBe("j: x");
    expect(copyPosition("COPY _weir_new_h, line 2", direct)).toEqual({ line: 2 });
    expect(copyPosition(undefined, direct)).toBeNull();
  });

  it("maps staging columns (c1…) back to the plan's", () => {
    const staged = resolvePlan(buildPlan({ table: "h", mode: "incremental_append", columns: [ID, J], primaryKey: ["id"], cursorField: undefined }), "public");
    expect(copyPosition('COPY _weir_stage_h_0_1, line 4, column c2: "x"', staged)).toEqual({ line: 4, column: J });
  });

  it("finds NUL bytes and bytes that are not UTF-8 by record and field, quoted newlines counting once", () => {
    expect(findUnstorableText(Buffer.from('1,"a\nb",ok\n2,x,"ü"\n3,y,a\u0000b\n'))).toEqual({ record: 3, field: 2 });
    expect(findUnstorableText(Buffer.concat([Buffer.from("1,a\n2,"), Buffer.from([0xc3, 0x28]), Buffer.from("\n")]))).toEqual({ record: 2, field: 1 });
    expect(findUnstorableText(Buffer.from([0xed, 0xa0, 0x80]))).toEqual({ record: 1, field: 0 }); // a UTF-16 surrogate
    expect(findUnstorableText(Buffer.from("1,ünïcødé 🚀\n"))).toBeNull();
  });
});

describe("refusals at COPY, against a real PostgreSQL", () => {
  let fx: TPgFixture;
  beforeAll(async () => {
    fx = await createPgFixture();
  });
  afterAll(async () => {
    await fx?.drop();
  });

  /** One attempt with a raw wire batch; resolves to the error it fails with. */
  async function failure(plan: TWritePlan, csv: Buffer, rows: number): Promise<AppError> {
    const session = await fx.open();
    try {
      await session.discardStaging(plan);
      await session.prepareStream(plan);
      const batch: TRecordBatch = { stream: plan.stream, columns: plan.columns.map((c) => c.name), csv, rows, extractedAt: new Date() };
      await session.writeBatch(plan, batch);
      await session.commitStream(plan, null);
    } catch (e) {
      await session.discardStaging(plan);
      return e as AppError;
    } finally {
      await session.close();
    }
    throw new Error("expected the load to fail");
  }

  const tenRows = (columns: TColumn[], seventh: unknown, other: (i: number) => unknown) =>
    encodeWireRows(
      columns,
      Array.from({ length: 10 }, (_, i) => [i + 1, i === 6 ? seventh : other(i)]),
    );

  for (const mode of ["full_refresh_overwrite", "incremental_append"] as const satisfies TSyncMode[]) {
    it(`a json string with \\u0000 in row id=7 of 10 names column, row and value (${mode})`, async () => {
      const plan = buildPlan({ table: `jn_${mode}`, mode, columns: [ID, J], primaryKey: ["id"], cursorField: undefined });
      const e = await failure(
        plan,
        tenRows([ID, J], { k: "\u0000" }, (i) => ({ k: i })),
        10,
      );
      expect(e.code, e.message).toBe("DATA_REJECTED");
      expect(e.message).toContain(`stream "${plan.stream}", column "j" (jsonb), row id=7: the value "{\\"k\\":\\"\\\\u0000\\"}" cannot be stored`);
      expect(e.message).toMatch(/unsupported Unicode escape sequence/);
      expect(e.message).not.toContain("line 1 of the batch");
    });

    it(`text with a NUL character in row id=7 names column, row and value (${mode})`, async () => {
      const plan = buildPlan({ table: `nul_${mode}`, mode, columns: [ID, T], primaryKey: ["id"], cursorField: undefined });
      const e = await failure(
        plan,
        tenRows([ID, T], "a\u0000b", (i) => `plain ${i}`),
        10,
      );
      expect(e.code).toBe("DATA_REJECTED");
      expect(e.retryable).toBe(false);
      expect(e.message).toContain(`stream "${plan.stream}", column "t" (text), row id=7: the value "a\\u0000b" cannot be stored`);
      expect(e.message).toContain("line 7 of the batch");
      expect(e.details).toMatchObject({ column: "t", row: "id=7" });
    });
  }

  it("bytes that are not UTF-8 in a long batch name the right row, not the line where COPY's chunk began", async () => {
    const plan = buildPlan({ table: "bad_utf8", mode: "incremental_append", columns: [ID, T], primaryKey: ["id"], cursorField: undefined });
    const rows = Array.from({ length: 20_000 }, (_, i) => Buffer.from(`${i + 1},row ${i + 1} ${"x".repeat(40)}\n`));
    rows[15_000] = Buffer.concat([Buffer.from("15001,bad "), Buffer.from([0xff, 0xfe]), Buffer.from("\n")]);
    const e = await failure(plan, Buffer.concat(rows), rows.length);
    expect(e.code).toBe("DATA_REJECTED");
    expect(e.message).toContain(`column "t" (text), row id=15001`);
    expect(e.message).toContain("line 15001 of the batch");
  });
});
