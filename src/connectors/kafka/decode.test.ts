import type { KafkaMessage } from "kafkajs";
import { describe, expect, it } from "vitest";
import { KAFKA_COLUMNS, compileTopicSchema, decodeMessage, ingestedAtText, lineEncoder, wireTimestampOfMs } from "@/connectors/kafka/decode";
import type { TColumn } from "@/connectors/types";

const COLUMNS: TColumn[] = [
  { name: "id", type: { kind: "bigint" }, nullable: true },
  { name: "at", type: { kind: "timestamptz" }, nullable: true },
  { name: "tags", type: { kind: "array", items: { kind: "text" } }, nullable: true },
  { name: "meta", type: { kind: "json" }, nullable: true },
  ...KAFKA_COLUMNS,
];
const NOW = ingestedAtText(Date.UTC(2026, 10, 23, 12, 0, 0));

function message(value: Buffer | string | null, extra: Partial<KafkaMessage> = {}): KafkaMessage {
  return {
    key: Buffer.from("k1"),
    value: typeof value === "string" ? Buffer.from(value) : value,
    timestamp: String(Date.UTC(2026, 10, 23, 11, 59, 59, 250)),
    attributes: 0,
    offset: "41",
    headers: { trace: Buffer.from("abc") },
    ...extra,
  } as unknown as KafkaMessage;
}
const rules = (extra = {}) => ({ encoder: lineEncoder(COLUMNS), maxMessageBytes: 1024, ...extra });

describe("decodeMessage", () => {
  it("turns a JSON object into a wire line with where the message came from", () => {
    const d = decodeMessage(
      "orders",
      2,
      message(JSON.stringify({ id: 7, at: "2026-11-23T10:00:00Z", tags: ["a", "b,c"], meta: { x: 1 }, extra: true })),
      rules(),
      NOW,
    );
    expect(d).toEqual({
      ok: true,
      line: `7,2026-11-23 10:00:00+00,"[""a"",""b,c""]","{""x"":1}",orders,2,41,k1,2026-11-23 11:59:59.25+00,"{""trace"":""abc""}",${NOW}`,
    });
  });

  it("leaves a missing field NULL and a missing key and headers NULL", () => {
    const d = decodeMessage("orders", 0, message("{}", { key: null, headers: {} }), rules(), NOW);
    expect(d.ok && d.line).toBe(`,,,,orders,0,41,,2026-11-23 11:59:59.25+00,,${NOW}`);
  });

  it("writes text that needs it quoted, and non-string values of text columns as JSON", () => {
    const text: TColumn[] = [{ name: "s", type: { kind: "text" }, nullable: true }];
    const line = (v: unknown) => {
      const d = decodeMessage("t", 0, message(JSON.stringify({ s: v })), { encoder: lineEncoder(text), maxMessageBytes: 1024 }, NOW);
      return d.ok ? d.line : d.reason;
    };
    expect([line("plain"), line('say "hi", then\nleave'), line(""), line(5), line({ a: 1 })]).toEqual([
      "plain",
      '"say ""hi"", then\nleave"',
      '""',
      "5",
      '"{""a"":1}"',
    ]);
  });

  it("keeps numbers JSON.parse would round: bigint, numeric, text and json columns get every digit", () => {
    const columns: TColumn[] = [
      { name: "id", type: { kind: "bigint" }, nullable: true },
      { name: "amount", type: { kind: "numeric" }, nullable: true },
      { name: "note", type: { kind: "text" }, nullable: true },
      { name: "meta", type: { kind: "json" }, nullable: true },
      { name: "ids", type: { kind: "array", items: { kind: "bigint" } }, nullable: true },
      { name: "f", type: { kind: "float" }, nullable: true },
    ];
    const value =
      '{"id": 9223372036854775807, "amount": 12345678901234567890.5e-2, "note": 18446744073709551616, "meta": {"n": [0.10000000000000000001]}, "ids": [9007199254740993], "f": 0.12345678901234567890}';
    const d = decodeMessage("t", 0, message(value), { encoder: lineEncoder(columns), maxMessageBytes: 1024 }, NOW);
    expect(d).toEqual({
      ok: true,
      line: '9223372036854775807,123456789012345678.905,18446744073709551616,"{""n"":[0.10000000000000000001]}",[9007199254740993],0.12345678901234568',
    });
  });

  it("sends numbers a column cannot hold to the dead-letter topic instead of rounding them", () => {
    const columns: TColumn[] = [
      { name: "id", type: { kind: "bigint" }, nullable: true },
      { name: "n", type: { kind: "integer" }, nullable: true },
      { name: "f", type: { kind: "float" }, nullable: true },
    ];
    const reason = (value: string) => {
      const d = decodeMessage("t", 0, message(value), { encoder: lineEncoder(columns), maxMessageBytes: 1024 }, NOW);
      return d.ok ? d.line : d.reason;
    };
    expect(reason('{"id": 9223372036854775808}')).toBe('wrong type: field "id" is 9223372036854775808, expected a bigint');
    expect(reason('{"n": 1.0000000000000000001}')).toBe('wrong type: field "n" is 1.0000000000000000001, expected an integer');
    expect(reason('{"f": 1e400}')).toBe('wrong type: field "f" is 1e400, expected a float');
  });

  it("checks the topic's JSON Schema on values with numbers beyond a double too", () => {
    const validate = compileTopicSchema("orders", JSON.stringify({ type: "object", properties: { id: { type: "integer", minimum: 1 } } }));
    const d = decodeMessage("orders", 0, message('{"id": 9223372036854775807}'), rules({ validate }), NOW);
    expect(d.ok && d.line.startsWith("9223372036854775807,")).toBe(true);
    expect(decodeMessage("orders", 0, message('{"id": -9223372036854775807}'), rules({ validate }), NOW)).toEqual({
      ok: false,
      reason: "fails the topic's JSON Schema: /id must be >= 1",
    });
  });

  it("writes epoch milliseconds as wire timestamps", () => {
    expect([0, 1_700_000_000_123, 1_700_000_000_100, 1_700_000_000_000].map(wireTimestampOfMs)).toEqual([
      "1970-01-01 00:00:00+00",
      "2023-11-14 22:13:20.123+00",
      "2023-11-14 22:13:20.1+00",
      "2023-11-14 22:13:20+00",
    ]);
  });

  it.each([
    ["an empty value", message(""), /^empty value/],
    ["a null value (tombstone)", message(null), /^empty value/],
    ["a value over the limit", message(Buffer.alloc(2048, 0x20)), /^too large: the value is 2\.0 KB, over the 1\.0 KB limit \(maxMessageBytes\)/],
    ["binary garbage", message(Buffer.from([0xc3, 0x28, 0xff])), /^not UTF-8/],
    ["malformed JSON", message('{"id": 1,'), /^malformed JSON: /],
    ["a JSON string", message('"hello"'), /^not a JSON object: the value is a string/],
    ["JSON null", message("null"), /^not a JSON object: the value is null/],
    ["a wrong type", message('{"id": "seven"}'), /^wrong type: field "id" is "seven", expected a bigint/],
    ["a fraction in a whole-number column", message('{"id": 1.5}'), /^wrong type: field "id" is 1\.5, expected a bigint/],
    ["a bad timestamp", message('{"at": "yesterday"}'), /^wrong type: field "at" is "yesterday", expected a timestamptz/],
  ])("sends %s to the dead-letter topic with the reason", (_, m, reason) => {
    const d = decodeMessage("orders", 0, m, rules(), NOW);
    expect(d.ok).toBe(false);
    expect(!d.ok && d.reason).toMatch(reason);
  });

  it("checks the topic's JSON Schema first", () => {
    const validate = compileTopicSchema("orders", JSON.stringify({ type: "object", required: ["id"], properties: { id: { type: "integer", minimum: 1 } } }));
    expect(decodeMessage("orders", 0, message('{"id": 0}'), rules({ validate }), NOW)).toEqual({
      ok: false,
      reason: "fails the topic's JSON Schema: /id must be >= 1",
    });
    expect(decodeMessage("orders", 0, message("{}"), rules({ validate }), NOW)).toEqual({
      ok: false,
      reason: "fails the topic's JSON Schema: (the value) must have required property 'id'",
    });
    expect(decodeMessage("orders", 0, message('{"id": 3}'), rules({ validate }), NOW).ok).toBe(true);
  });

  it("refuses a topic schema that is not JSON or not a schema, naming the topic", () => {
    expect(() => compileTopicSchema("orders", "{type")).toThrow(/The JSON Schema of topic orders is not JSON/);
    expect(() => compileTopicSchema("orders", '{"type": "banana"}')).toThrow(/The JSON Schema of topic orders is not a valid schema/);
  });
});
