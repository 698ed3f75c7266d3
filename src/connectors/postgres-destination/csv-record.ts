/**
 * One record of a wire CSV batch, read back in JavaScript only after COPY
 * refused it: PostgreSQL's COPY error says "line N" (the Nth record,
 * multi-line quoted fields counting once) and the column, and a refusal
 * must also name the row's key and the value. And where text PostgreSQL
 * cannot hold sits (a NUL character, bytes that are not UTF-8): COPY checks
 * the encoding of whole chunks of input, so its line number for those is
 * not the record's. Pure; never on the load path.
 */

/** The fields of record `n` (1-based) of `csv` (NULL as null, `""` as the empty string), or null when there are fewer records. */
export function csvRecord(csv: Buffer, n: number): (string | null)[] | null {
  const text = csv.toString("utf8");
  let record = 1;
  let i = 0;
  while (record < n) {
    let quoted = false;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '"') quoted = !quoted;
      else if (c === "\n" && !quoted) break;
    }
    if (i >= text.length) return null;
    i++;
    record++;
  }
  if (i >= text.length) return null;
  return parseRecord(text, i);
}

function parseRecord(text: string, start: number): (string | null)[] {
  const fields: (string | null)[] = [];
  let i = start;
  for (;;) {
    if (text[i] === '"') {
      let value = "";
      i++;
      for (; i < text.length; i++) {
        if (text[i] !== '"') value += text[i];
        else if (text[i + 1] === '"') {
          value += '"';
          i++;
        } else break;
      }
      i++;
      fields.push(value);
    } else {
      let end = i;
      while (end < text.length && text[end] !== "," && text[end] !== "\n") end++;
      const raw = text.slice(i, end).replace(/\r$/, "");
      fields.push(raw === "" ? null : raw);
      i = end;
    }
    if (text[i] !== ",") return fields;
    i++;
  }
}

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when the bytes there are not UTF-8 (or NUL). */
function utf8Length(csv: Buffer, i: number): number {
  const b = csv[i]!;
  if (b === 0) return 0;
  if (b < 0x80) return 1;
  const [n, min] = b >= 0xc2 && b <= 0xdf ? [2, 0x80] : b >= 0xe0 && b <= 0xef ? [3, 0x800] : b >= 0xf0 && b <= 0xf4 ? [4, 0x10000] : [0, 0];
  if (n === 0 || i + n > csv.length) return 0;
  let code = b & (0xff >> (n + 1));
  for (let k = 1; k < n; k++) {
    const c = csv[i + k]!;
    if ((c & 0xc0) !== 0x80) return 0;
    code = (code << 6) | (c & 0x3f);
  }
  return code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? 0 : n;
}

/** Where the first NUL byte or invalid UTF-8 of a batch is: its record (1-based) and field (0-based); null when there is none. */
export function findUnstorableText(csv: Buffer): { record: number; field: number } | null {
  let record = 1;
  let field = 0;
  let quoted = false;
  for (let i = 0; i < csv.length;) {
    const b = csv[i]!;
    const n = utf8Length(csv, i);
    if (n === 0) return { record, field };
    if (b === 0x22)
      quoted = !quoted; // a doubled quote toggles twice
    else if (!quoted && b === 0x2c) field++;
    else if (!quoted && b === 0x0a) {
      record++;
      field = 0;
    }
    i += n;
  }
  return null;
}
