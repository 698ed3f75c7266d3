// parseFilesConfig and FILES_SPEC: run-time validation and the JSON Schema the form is drawn from agree.
import Ajv from "ajv";
import { describe, expect, it } from "vitest";

import { FILES_SPEC, parseFilesConfig } from "@/connectors/files/config";
import { secretFields, validateConfig } from "@/connectors/spec";

const validate = new Ajv({ allErrors: true }).compile(FILES_SPEC);

describe("parseFilesConfig", () => {
  it("applies the defaults", () => {
    const config = parseFilesConfig({ basePath: "/data", streams: [{ name: "orders", pattern: "orders/*.csv", format: "csv", csv: {} }] });
    expect(config.streams[0]).toEqual({ name: "orders", pattern: "orders/*.csv", format: "csv", csv: { header: true, delimiter: "," }, primaryKey: [] });
  });

  it.each([
    [{ basePath: "/data", streams: [] }, /streams: .*/],
    [{ basePath: "/data", streams: [{ name: "a", pattern: "/etc/*.csv", format: "csv" }] }, /streams.0.pattern: must be relative to basePath/],
    [{ basePath: "/data", streams: [{ name: "a", pattern: "x/../../*.csv", format: "csv" }] }, /must not leave basePath/],
    [{ basePath: "/data", streams: [{ name: "a b", pattern: "*.csv", format: "csv" }] }, /streams.0.name/],
    [{ basePath: "/data", streams: [{ name: "a", pattern: "*.csv", format: "xlsx" }] }, /streams.0.format/],
    [
      {
        basePath: "/data",
        streams: [
          { name: "a", pattern: "*.csv", format: "csv" },
          { name: "a", pattern: "*.json", format: "ndjson" },
        ],
      },
      /unique/,
    ],
  ])("rejects %j with BAD_INPUT naming the field", (config, message) => {
    expect(() => parseFilesConfig(config)).toThrow(message);
  });
});

describe("FILES_SPEC", () => {
  it("is a valid JSON Schema that accepts what parseFilesConfig accepts", () => {
    const config = {
      basePath: "/data",
      streams: [
        { name: "orders", pattern: "orders/**/*.csv", format: "csv", csv: { header: false, delimiter: ";", quote: "'", escape: "\\" }, primaryKey: ["id"] },
        { name: "events", pattern: "events/*.ndjson", format: "ndjson" },
      ],
    };
    expect(validate(config)).toBe(true);
    expect(() => parseFilesConfig(config)).not.toThrow();
  });

  it("passes Weir's config validator, whose defaults match parseFilesConfig's, and has no secrets", () => {
    const result = validateConfig(FILES_SPEC, { basePath: "/data", streams: [{ name: "o", pattern: "*.csv", csv: {} }] });
    expect(result).toEqual({ ok: true, value: expect.anything() });
    expect(result.ok && parseFilesConfig(result.value)).toEqual(
      parseFilesConfig({ basePath: "/data", streams: [{ name: "o", pattern: "*.csv", format: "csv", csv: {} }] }),
    );
    expect(secretFields(FILES_SPEC)).toEqual([]);
  });

  it("rejects unknown fields and formats, like parseFilesConfig", () => {
    for (const config of [
      { basePath: "/data", streams: [{ name: "a", pattern: "*", format: "xlsx" }] },
      { basePath: "/data", streams: [{ name: "a", pattern: "*", format: "csv", sheet: 1 }] },
      { basePath: "/data", streams: [{ name: "a", pattern: "*", format: "csv" }], s3: true },
    ]) {
      expect(validate(config)).toBe(false);
      expect(() => parseFilesConfig(config)).toThrow();
    }
  });
});
