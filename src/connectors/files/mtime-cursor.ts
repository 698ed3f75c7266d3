/**
 * The files source's cursor: a file's modification time, as the wire text
 * of a timestamptz at microsecond precision (what the warehouses store, so
 * the state read back compares equal to the value written). Dedup keeps the
 * newest file's row by it; incremental reads go by the file ledger
 * (file-ledger.ts) and read a saved cursor only for a ledger written before
 * files were keyed. Pure.
 */
import { AppError } from "@/lib/app-error";

/** Every stream's cursor column. */
export const MTIME_COLUMN = "_weir_file_mtime";
/** Every stream's column naming the row's file, relative to basePath. */
export const FILE_COLUMN = "_weir_file";

const pad = (n: number | bigint, width = 2) => String(n).padStart(width, "0");

/** Microseconds since the epoch → "YYYY-MM-DD HH:MM:SS[.f]+00", 1–6 fractional digits without trailing zeros, as on the wire. */
export function formatMtime(micros: bigint): string {
  const ms = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
  const d = new Date(Number(ms));
  const fraction = ((micros % 1_000_000n) + 1_000_000n) % 1_000_000n;
  const base = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${base}${fraction ? `.${pad(fraction, 6).replace(/0+$/, "")}` : ""}+00`;
}

const TIMESTAMPTZ = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?\s*(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)?$/i;

/**
 * A saved cursor → microseconds since the epoch. Accepts the spellings
 * warehouses give back ("T", "Z", "+00:00", nine fractional digits); a
 * cursor without an offset is UTC.
 */
export function parseMtimeCursor(text: string): bigint {
  const m = TIMESTAMPTZ.exec(text.trim());
  if (!m) {
    throw new AppError("BAD_INPUT", `The saved cursor "${text}" is not a timestamp (expected YYYY-MM-DD HH:MM:SS[.ffffff]+00); reset the stream's state.`);
  }
  const [, y, mo, d, h, mi, s, frac = "", , sign, oh = "0", om = "0"] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const micros = BigInt(ms) * 1000n + BigInt(frac.padEnd(6, "0").slice(0, 6) || "0");
  const offsetMicros = BigInt((Number(oh) * 60 + Number(om)) * 60) * 1_000_000n;
  return sign === "-" ? micros + offsetMicros : sign === "+" ? micros - offsetMicros : micros;
}
