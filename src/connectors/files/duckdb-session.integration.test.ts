// openDuckSession and duckDbMessage: the files source's DuckDB session and how its errors read.
import { existsSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { duckDbMessage, openDuckSession } from "@/connectors/files/duckdb-session";

describe("openDuckSession", () => {
  it("runs in UTC with the wire macros, and removes its temp folder on close", async () => {
    const db = await openDuckSession(new AbortController().signal);
    expect(await db.rows("SELECT current_setting('TimeZone'), weir_float_text('5.0')")).toEqual([["UTC", "5"]]);
    expect(existsSync(db.tempDir)).toBe(true);
    await db.close();
    expect(existsSync(db.tempDir)).toBe(false);
  });
});

describe("duckDbMessage", () => {
  it("keeps what failed and where, not the shell's extras", () => {
    const sniff = new Error(
      "Invalid Input Error: Error when sniffing file \"/d/a.csv\".\nIt was not possible to automatically detect the CSV parsing dialect\nThe search space used was:\nDelimiter Candidates: ','\nPossible fixes:\n* Set quote\n\nLINE 1: SELECT * FROM read_csv(...\n          ^",
    );
    expect(duckDbMessage(sniff)).toBe(
      'Invalid Input Error: Error when sniffing file "/d/a.csv". It was not possible to automatically detect the CSV parsing dialect',
    );
  });

  it("adds the file a CSV conversion error names further down", () => {
    const conversion = new Error(
      'Conversion Error: CSV Error on Line: 2\nOriginal Line: three\nError when converting column "n". Could not convert string "three" to \'BIGINT\'\n\nColumn n is being converted as type BIGINT\n\n  file = /d/b.csv\n  delimiter = ,',
    );
    expect(duckDbMessage(conversion)).toBe(
      'Conversion Error: CSV Error on Line: 2 Original Line: three Error when converting column "n". Could not convert string "three" to \'BIGINT\' (file /d/b.csv)',
    );
  });
});
