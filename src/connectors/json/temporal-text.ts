/**
 * ISO 8601 dates and timestamps as JSON APIs write them, and the wire text
 * Weir stores them as. Inference asks "is this string a date / a timestamp?",
 * reads turn them into canonical wire text (`YYYY-MM-DD`,
 * `YYYY-MM-DD HH:MM:SS[.ffffff]+00`), and incremental reads compare and send
 * saved cursors. Timestamps keep microseconds (more digits are cut, as the
 * warehouses do); one without an offset is read as UTC. Pure.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

const pad = (n: number | bigint, width = 2) => String(n).padStart(width, "0");
const MICROS_PER_DAY = 86_400_000_000n;

function validDate(y: number, m: number, d: number): boolean {
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y);
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Microseconds since the epoch of a calendar date at midnight UTC (works for years 1–9999). */
function dayMicros(y: number, m: number, d: number): bigint {
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y);
  return BigInt(date.getTime()) * 1000n;
}

/** `YYYY-MM-DD` naming a real calendar day. */
export function isIsoDate(text: string): boolean {
  const m = DATE.exec(text);
  return m !== null && validDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * An ISO 8601 timestamp ("2024-05-01T10:00:00Z", "…+02:00", "2024-05-01 10:00:00.123456")
 * → microseconds since the epoch, UTC; null when the text is not one.
 */
export function parseIsoTimestamp(text: string): bigint | null {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = "0", frac = "", , sign, oh = "0", om = "0"] = m;
  if (!validDate(Number(y), Number(mo), Number(d))) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59 || Number(oh) > 23 || Number(om) > 59) return null;
  const clock = BigInt((Number(h) * 60 + Number(mi)) * 60 + Number(s)) * 1_000_000n + BigInt(frac.padEnd(6, "0").slice(0, 6));
  const micros = dayMicros(Number(y), Number(mo), Number(d)) + clock;
  const offset = BigInt((Number(oh) * 60 + Number(om)) * 60) * 1_000_000n;
  return sign === "-" ? micros + offset : sign === "+" ? micros - offset : micros;
}

/** A date or a timestamp, as microseconds since the epoch (a date is its midnight UTC). */
export function parseDateOrTimestamp(text: string): bigint | null {
  const m = DATE.exec(text);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3])) ? dayMicros(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  return parseIsoTimestamp(text);
}

/** Microseconds since the epoch → `YYYY-MM-DD HH:MM:SS[.ffffff]` (UTC, fraction without trailing zeros). */
function formatClock(micros: bigint): { day: string; time: string; fraction: string } {
  const days = micros / MICROS_PER_DAY - (micros % MICROS_PER_DAY < 0n ? 1n : 0n);
  const inDay = micros - days * MICROS_PER_DAY;
  const date = new Date(Date.UTC(1970, 0, 1));
  date.setUTCDate(1 + Number(days));
  const seconds = Number(inDay / 1_000_000n);
  const fraction = pad(inDay % 1_000_000n, 6).replace(/0+$/, "");
  return {
    day: `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`,
    time: `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`,
    fraction: fraction ? `.${fraction}` : "",
  };
}

/** Wire text of a timestamptz: `YYYY-MM-DD HH:MM:SS[.ffffff]+00`. */
export function formatWireTimestamptz(micros: bigint): string {
  const { day, time, fraction } = formatClock(micros);
  return `${day} ${time}${fraction}+00`;
}

/** ISO 8601 in UTC, the spelling most APIs accept in a query: `YYYY-MM-DDTHH:MM:SS[.ffffff]Z`. */
export function formatIsoUtc(micros: bigint): string {
  const { day, time, fraction } = formatClock(micros);
  return `${day}T${time}${fraction}Z`;
}
