// The DuckDB destination's configuration: JSON Schema and zod agree, and the default file lives in the state folder.
import path from "node:path";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";

import { DUCKDB_SPEC, databasePath, parseDuckDbConfig } from "@/connectors/duckdb/config";
import { stateDir } from "@/lib/env";

const validate = new Ajv({ allErrors: true }).compile(DUCKDB_SPEC);

describe("DuckDB configuration", () => {
  it.each([{}, { path: "/data/w.duckdb" }, { path: "w.duckdb", threads: 4, memoryLimit: "4GB" }, { memoryLimit: "1.5GiB" }, { memoryLimit: "512 mb" }])(
    "accepts %j",
    (config) => {
      expect(validate(config)).toBe(true);
      expect(() => parseDuckDbConfig(config)).not.toThrow();
    },
  );

  it.each([{ path: "" }, { threads: 0 }, { threads: 1.5 }, { memoryLimit: "4" }, { memoryLimit: "lots" }, { other: 1 }])("rejects %j", (config) => {
    expect(validate(config)).toBe(false);
    expect(() => parseDuckDbConfig(config)).toThrow(expect.objectContaining({ code: "BAD_INPUT" }));
  });

  it("puts the file in Weir's state folder by default and resolves relative paths", () => {
    expect(databasePath(parseDuckDbConfig({}))).toBe(path.join(stateDir(), "warehouse.duckdb"));
    expect(databasePath(parseDuckDbConfig({ path: "data/w.duckdb" }))).toBe(path.resolve("data/w.duckdb"));
  });
});
