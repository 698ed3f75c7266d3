/**
 * fast-check arbitraries for the fidelity matrix: PostgreSQL input literals
 * (text that `$1::type` accepts) for numbers, dates and times, built from
 * their parts so every generated literal is valid and the edges of each
 * range are reachable. Used by pg-value-classes.ts.
 */
import fc from "fast-check";

export const pad = (n: number | bigint, width = 2) => String(n).padStart(width, "0");

/** A date literal from an astronomical year (0 = 1 BC), as PostgreSQL reads it. */
export function dateLiteral(year: number, month: number, day: number): string {
  return year >= 1 ? `${pad(year, 4)}-${pad(month)}-${pad(day)}` : `${pad(1 - year, 4)}-${pad(month)}-${pad(day)} BC`;
}

/** Years (astronomical) → a date literal arbitrary; days stop at 28 so every month is valid. */
export const dateIn = (minYear: number, maxYear: number) =>
  fc
    .tuple(fc.integer({ min: minYear, max: maxYear }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
    .map(([y, m, d]) => dateLiteral(y, m, d));

/** A time of day with microseconds, 00:00:00 … 23:59:59.999999. */
export const timeOfDay = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 999_999 }))
  .map(([h, m, s, us]) => `${pad(h)}:${pad(m)}:${pad(s)}${us ? `.${pad(us, 6)}` : ""}`);

/** A UTC offset as PostgreSQL reads it, whole hours to quarter hours, ±14:00. */
export const offset = fc
  .tuple(fc.constantFrom("+", "-"), fc.integer({ min: 0, max: 13 }), fc.constantFrom(0, 15, 30, 45))
  .map(([sign, h, m]) => `${sign}${pad(h)}:${pad(m)}`);

/** A timestamp literal: a date in the years given, a time, and (for timestamptz) an offset; BC goes last. */
export const timestampIn = (minYear: number, maxYear: number, withOffset: boolean) =>
  fc
    .tuple(
      fc.integer({ min: minYear, max: maxYear }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
      timeOfDay,
      withOffset ? offset : fc.constant(""),
    )
    .map(([y, mo, d, t, o]) => {
      const date = `${pad(y >= 1 ? y : 1 - y, 4)}-${pad(mo)}-${pad(d)}`;
      return `${date} ${t}${o}${y >= 1 ? "" : " BC"}`;
    });

/** A decimal literal with up to `intDigits` digits before the point and `fracDigits` after. */
export const decimal = (intDigits: number, fracDigits: number) =>
  fc
    .tuple(
      fc.boolean(),
      fc.stringMatching(new RegExp(`^[0-9]{1,${intDigits}}$`)),
      fracDigits ? fc.stringMatching(new RegExp(`^[0-9]{0,${fracDigits}}$`)) : fc.constant(""),
    )
    .map(([neg, int, frac]) => `${neg ? "-" : ""}${int}${frac ? `.${frac}` : ""}`);

/** A finite double as PostgreSQL input (shortest round-trip digits). */
export const finiteDouble = fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => String(v));

/** A finite 32-bit float as PostgreSQL input. */
export const finiteFloat = fc.float({ noNaN: true, noDefaultInfinity: true }).map((v) => String(v));

/** An interval literal in PostgreSQL's verbose form, each part with its own sign. */
export const interval = fc
  .tuple(
    fc.integer({ min: -1000, max: 1000 }),
    fc.integer({ min: -11, max: 11 }),
    fc.integer({ min: -400, max: 400 }),
    fc.integer({ min: -100, max: 100 }),
    fc.integer({ min: -59, max: 59 }),
    fc.integer({ min: -59, max: 59 }),
    fc.integer({ min: -999_999, max: 999_999 }),
  )
  .map(([y, mo, d, h, mi, s, us]) => `${y} years ${mo} months ${d} days ${h} hours ${mi} minutes ${s} seconds ${us} microseconds`);

/** Text PostgreSQL's text types hold: any Unicode but NUL, with the characters CSV and COPY care about made likely. */
export const anyText = (maxLength = 40) =>
  fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
        fc.constantFrom(",", '"', "\n", "\r\n", "\\", "\\.", "\\N", " ", "\t", "NULL", "'"),
      ),
      {
        maxLength: 6,
      },
    )
    .map((parts) => parts.join("").replaceAll("\u0000", "").slice(0, maxLength));

/** A lowercase word. */
export const word = fc.stringMatching(/^[a-z]{1,8}$/);

/** Hex bytes. */
export const hexBytes = (length: number) => fc.uint8Array({ minLength: length, maxLength: length }).map((b) => Buffer.from(b).toString("hex"));

/** A coordinate: a finite double of modest size (geometric types print with extra_float_digits' precision). */
export const coordinate = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((v) => String(v));
