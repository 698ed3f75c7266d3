/**
 * One record of a wire CSV batch, read back in JavaScript only after COPY
 * refused it: PostgreSQL's COPY error says "line N" (the Nth record,
 * multi-line quoted fields counting once) and the column, and a refusal
 * must also name the row's key and the value. Pure; never on the load path.
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
