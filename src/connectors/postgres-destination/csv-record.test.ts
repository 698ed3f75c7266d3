import { describe, expect, it } from "vitest";

import { csvRecord } from "@/connectors/postgres-destination/csv-record";

describe("csvRecord", () => {
  const csv = Buffer.from('1,plain,\n2,"multi\nline, ""quoted""",""\n3,x,y\n');

  it("reads the nth record, multi-line quoted fields counting once, NULL apart from the empty string", () => {
    expect(csvRecord(csv, 1)).toEqual(["1", "plain", null]);
    expect(csvRecord(csv, 2)).toEqual(["2", 'multi\nline, "quoted"', ""]);
    expect(csvRecord(csv, 3)).toEqual(["3", "x", "y"]);
  });

  it("is null past the last record", () => {
    expect(csvRecord(csv, 4)).toBeNull();
    expect(csvRecord(Buffer.from(""), 1)).toBeNull();
  });
});
