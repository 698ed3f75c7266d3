/**
 * Times of day and intervals as JSON sources write them, and their wire
 * text (src/connectors/wire-format.ts): a time `HH:MM:SS[.f]` up to
 * `24:00:00`, an interval ISO 8601 as PostgreSQL's iso_8601 IntervalStyle
 * writes it. Intervals are kept as PostgreSQL keeps them (months, days,
 * microseconds): the time part is normalised into hours, minutes and
 * seconds and months into years, days never into months. Pure.
 */

const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6})\d*)?)?$/;

/** `HH:MM[:SS[.f]]` → `HH:MM:SS[.f]` (microseconds, trailing zeros dropped); null when it is not a time of day. */
export function canonicalTime(text: string): string | null {
  const m = TIME.exec(text);
  if (!m) return null;
  const [, h, mi, s = "00", frac = ""] = m;
  const fraction = frac.replace(/0+$/, "");
  const hours = Number(h);
  if (Number(mi) > 59 || Number(s) > 59 || hours > 24) return null;
  if (hours === 24 && (Number(mi) || Number(s) || fraction)) return null;
  return `${h}:${mi}:${s}${fraction ? `.${fraction}` : ""}`;
}

// Each part may carry its own sign, as PostgreSQL writes them; weeks are 7 days.
const DURATION = /^P(?:([+-]?\d+)Y)?(?:([+-]?\d+)M)?(?:([+-]?\d+)W)?(?:([+-]?\d+)D)?(?:T(?:([+-]?\d+)H)?(?:([+-]?\d+)M)?(?:([+-]?)(\d+)(?:\.(\d{1,6}))?S)?)?$/;

export type TInterval = { months: number; days: number; micros: bigint };

const HOUR = 3_600_000_000n;
const MINUTE = 60_000_000n;
const SECOND = 1_000_000n;

/** An ISO 8601 duration (`P1Y2M3DT4H5M6.5S`, `-P1D`, `PT-90M`) → months, days and microseconds; null when it is not one. */
export function parseIsoInterval(text: string): TInterval | null {
  const negative = text.startsWith("-");
  const m = DURATION.exec(negative ? text.slice(1) : text);
  if (!m || m[0] === "P" || m[0].endsWith("T")) return null;
  const [, y, mo, w, d, h, mi, sSign, s, frac = ""] = m;
  const int = (part: string | undefined) => (part ? Number(part) : 0);
  const seconds = s ? (BigInt(s) * SECOND + BigInt(frac.padEnd(6, "0"))) * (sSign === "-" ? -1n : 1n) : 0n;
  const months = int(y) * 12 + int(mo);
  const days = int(w) * 7 + int(d);
  const micros = BigInt(int(h)) * HOUR + BigInt(int(mi)) * MINUTE + seconds;
  if (!Number.isSafeInteger(months) || !Number.isSafeInteger(days)) return null;
  return negative ? { months: -months, days: -days, micros: -micros } : { months, days, micros };
}

/** An interval as PostgreSQL's iso_8601 IntervalStyle writes it: `P1Y2M3DT4H5M6.5S`, each part signed on its own, `PT0S` for zero. */
export function formatIsoInterval({ months, days, micros }: TInterval): string {
  const year = Math.trunc(months / 12);
  const month = months % 12;
  const hour = micros / HOUR; // BigInt division truncates, as PostgreSQL's does
  const minute = (micros % HOUR) / MINUTE;
  const second = (micros % MINUTE) / SECOND;
  const fraction = micros % SECOND;
  if (!year && !month && !days && !micros) return "PT0S";
  const part = (value: number | bigint, unit: string) => (value ? `${value}${unit}` : "");
  let text = `P${part(year, "Y")}${part(month, "M")}${part(days, "D")}`;
  if (micros) text += `T${part(hour, "H")}${part(minute, "M")}`;
  if (second || fraction) {
    const abs = (v: bigint) => (v < 0n ? -v : v);
    const digits = String(abs(fraction)).padStart(6, "0").replace(/0+$/, "");
    text += `${second < 0n || fraction < 0n ? "-" : ""}${abs(second)}${digits ? `.${digits}` : ""}S`;
  }
  return text;
}

/** An ISO 8601 duration → its wire text; null when it is not one. */
export function canonicalInterval(text: string): string | null {
  const interval = parseIsoInterval(text);
  return interval ? formatIsoInterval(interval) : null;
}
