// wireValue / projectRecord: JSON values → values encodeWireRows spells canonically, or a named mismatch.
import { describe, expect, it } from "vitest";

import { LosslessNumber, parseJson } from "@/connectors/json/exact-json";
import { FieldMismatchError, projectRecord, wireValue } from "@/connectors/json/wire-values";
import type { TColumn, TWeirType } from "@/connectors/types";
import { encodeWireRows } from "@/connectors/wire-format";

const wire = (type: TWeirType, value: unknown) => encodeWireRows([{ name: "c", type, nullable: true }], [[wireValue(value, type)]]).toString();

describe("wireValue", () => {
  it("spells numbers, booleans and null as the wire format wants", () => {
    expect(wire({ kind: "integer" }, -2147483648)).toBe("-2147483648\n");
    expect(wire({ kind: "bigint" }, 9_007_199_254_740_991)).toBe("9007199254740991\n");
    expect(wire({ kind: "float" }, 1e-7)).toBe("1e-7\n");
    expect(wire({ kind: "boolean" }, false)).toBe("false\n");
    expect(wire({ kind: "text" }, null)).toBe("\n");
    expect(wire({ kind: "text" }, "")).toBe('""\n');
  });

  it("makes timestamps canonical UTC text, also inside arrays", () => {
    expect(wire({ kind: "timestamptz" }, "2024-05-01T12:00:00.100+02:00")).toBe("2024-05-01 10:00:00.1+00\n");
    expect(wire({ kind: "timestamptz" }, "2024-05-01")).toBe("2024-05-01 00:00:00+00\n");
    expect(wire({ kind: "array", items: { kind: "timestamptz" } }, ["2024-05-01T00:00:00Z", null])).toBe('"[""2024-05-01 00:00:00+00"",null]"\n');
  });

  it("writes every JSON value of a json column as JSON text, strings included", () => {
    expect(wire({ kind: "json" }, "plain")).toBe('"""plain"""\n');
    expect(wire({ kind: "json" }, { a: [1, "b"] })).toBe('"{""a"":[1,""b""]}"\n');
    expect(wire({ kind: "json" }, 0)).toBe("0\n");
  });

  it("writes non-strings in a text column as their JSON text", () => {
    expect(wire({ kind: "text" }, 12)).toBe("12\n");
    expect(wire({ kind: "text" }, { a: 1 })).toBe('"{""a"":1}"\n');
  });

  it("keeps numbers JSON.parse would round: bigint, numeric (plain notation), text, json and arrays", () => {
    const { value, exact } = parseJson(
      '{"b": 9223372036854775807, "n": 1.00000000000000000001e2, "t": 18446744073709551616, "j": {"x": 0.12345678901234567890}, "a": [9007199254740993, null]}',
    );
    const record = value as Record<string, unknown>;
    const columns: TColumn[] = [
      { name: "b", type: { kind: "bigint" }, nullable: true },
      { name: "n", type: { kind: "numeric" }, nullable: true },
      { name: "t", type: { kind: "text" }, nullable: true },
      { name: "j", type: { kind: "json" }, nullable: true },
      { name: "a", type: { kind: "array", items: { kind: "bigint" } }, nullable: true },
    ];
    expect(encodeWireRows(columns, [projectRecord(record, columns, exact)]).toString()).toBe(
      '9223372036854775807,100.000000000000000001,18446744073709551616,"{""x"":0.12345678901234567890}","[9007199254740993,null]"\n',
    );
  });

  it("writes numerics in plain notation and floats as the nearest double", () => {
    expect(wire({ kind: "numeric" }, 1e21)).toBe("1000000000000000000000\n");
    expect(wire({ kind: "numeric" }, 2e-7)).toBe("0.0000002\n");
    expect(wire({ kind: "float" }, new LosslessNumber("0.12345678901234567890"))).toBe("0.12345678901234568\n");
  });

  it("makes times and ISO 8601 durations their wire text", () => {
    expect(wire({ kind: "time" }, "07:30:00.250")).toBe("07:30:00.25\n");
    expect(wire({ kind: "interval" }, "P14MT90M")).toBe("P1Y2MT1H30M\n");
    expect(wire({ kind: "array", items: { kind: "interval" } }, ["P1D", null])).toBe('"[""P1D"",null]"\n');
  });

  it("refuses values the type cannot hold", () => {
    const refused: [TWeirType, unknown][] = [
      [{ kind: "integer" }, 1.5],
      [{ kind: "integer" }, 2 ** 31],
      [{ kind: "integer" }, "1"],
      [{ kind: "bigint" }, 2 ** 63],
      [{ kind: "bigint" }, new LosslessNumber("9223372036854775808")],
      [{ kind: "bigint" }, new LosslessNumber("12345678901234567.5")],
      [{ kind: "integer" }, new LosslessNumber("9007199254740993")],
      [{ kind: "float" }, new LosslessNumber("1e400")],
      [{ kind: "float" }, new LosslessNumber("1e-400")],
      [{ kind: "numeric" }, new LosslessNumber("1e200000")],
      [{ kind: "numeric" }, "1.5"],
      [{ kind: "time" }, "25:00:00"],
      [{ kind: "interval" }, "1 day"],
      [{ kind: "boolean" }, "true"],
      [{ kind: "date" }, "2024-05-01T00:00:00Z"],
      [{ kind: "timestamptz" }, 1714557600],
      [{ kind: "array", items: { kind: "integer" } }, "[1]"],
      [{ kind: "array", items: { kind: "integer" } }, [1, "2"]],
    ];
    for (const [type, value] of refused) expect(() => wireValue(value, type), JSON.stringify([type, value])).toThrow(/is not/);
  });
});

describe("projectRecord", () => {
  const columns: TColumn[] = [
    { name: "id", type: { kind: "integer" }, nullable: false },
    { name: "gone", type: { kind: "text" }, nullable: true },
  ];

  it("follows the columns: missing fields are null, extra fields are dropped", () => {
    expect(projectRecord({ extra: 1, id: 7 }, columns)).toEqual([7, null]);
  });

  it("names the field of a mismatch", () => {
    const e = (() => {
      try {
        projectRecord({ id: "seven" }, columns);
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(FieldMismatchError);
    expect((e as Error).message).toBe('field "id" is "seven", which is not an integer');
  });
});
