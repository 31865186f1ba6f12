// Instants as epoch milliseconds, in and out of ISO 8601 strings, cheaply enough to do tens of
// thousands of times. Nothing here knows a time zone's rules: parsing reads the offset written in
// the string, formatting writes the offset it is given (one Temporal reported), and the calendar
// arithmetic is on proleptic Gregorian dates only.
import { Temporal } from 'temporal-polyfill';

const MINUTE_MS = 60_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12). Any year. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The proleptic Gregorian date `days` after 1970-01-01. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 0 = Sunday … 6 = Saturday, for a day count from `daysFromCivil`. */
export const weekdayOfDays = (days: number): number => (((days % 7) + 11) % 7);

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** 'YYYY-MM-DD' of a day count from `daysFromCivil` (4-digit years; others as Temporal writes them). */
export function isoDateOfDays(days: number): string {
  const { year, month, day } = civilFromDays(days);
  if (year >= 0 && year <= 9999) return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
  return new Temporal.PlainDate(year, month, day).toString();
}

const daysInMonth = (year: number, month: number) =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;

// A module-level function, not a closure: no per-call allocation (tsx's keepNames wraps closures).
function digitAt(s: string, i: number): number {
  return s.charCodeAt(i) - 48;
}

/**
 * Epoch ms of `YYYY-MM-DDTHH:MM:SS(.fraction)?(Z|±HH:MM)`, read by hand; NaN for any other shape
 * or an out-of-range field (then ask Temporal, which may still accept it or explain the error).
 * Only accepts strings Temporal.Instant.from accepts, with the same result (fraction truncated to
 * the millisecond, as Instant#epochMilliseconds floors).
 */
export function fastParseIsoMs(s: string): number {
  const n = s.length;
  if (n < 20) return NaN;
  const y0 = digitAt(s, 0), y1 = digitAt(s, 1), y2 = digitAt(s, 2), y3 = digitAt(s, 3);
  const mo0 = digitAt(s, 5), mo1 = digitAt(s, 6), d0 = digitAt(s, 8), d1 = digitAt(s, 9);
  const h0 = digitAt(s, 11), h1 = digitAt(s, 12), mi0 = digitAt(s, 14), mi1 = digitAt(s, 15), s0 = digitAt(s, 17), s1 = digitAt(s, 18);
  // Every digit 0..9 (as unsigned < 10), separators exact ('-' 45, 'T' 84, ':' 58).
  if (
    (y0 >>> 0) > 9 || (y1 >>> 0) > 9 || (y2 >>> 0) > 9 || (y3 >>> 0) > 9 ||
    (mo0 >>> 0) > 9 || (mo1 >>> 0) > 9 || (d0 >>> 0) > 9 || (d1 >>> 0) > 9 ||
    (h0 >>> 0) > 9 || (h1 >>> 0) > 9 || (mi0 >>> 0) > 9 || (mi1 >>> 0) > 9 || (s0 >>> 0) > 9 || (s1 >>> 0) > 9 ||
    s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58
  ) {
    return NaN;
  }
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = mo0 * 10 + mo1;
  const day = d0 * 10 + d1;
  const hour = h0 * 10 + h1;
  const minute = mi0 * 10 + mi1;
  const second = s0 * 10 + s1;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return NaN;

  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46 /* . */) {
    i++;
    const from = i;
    while (i < n && ((s.charCodeAt(i) - 48) >>> 0) <= 9) {
      if (i - from < 3) ms = ms * 10 + (s.charCodeAt(i) - 48);
      i++;
    }
    const digits = i - from;
    if (digits === 0 || digits > 9) return NaN;
    if (digits === 1) ms *= 100;
    else if (digits === 2) ms *= 10;
  }

  let offsetMinutes: number;
  const sign = s.charCodeAt(i);
  if (sign === 90 /* Z */ && i + 1 === n) {
    offsetMinutes = 0;
  } else if ((sign === 43 /* + */ || sign === 45 /* - */) && i + 6 === n && s.charCodeAt(i + 3) === 58) {
    const oh0 = digitAt(s, i + 1), oh1 = digitAt(s, i + 2), om0 = digitAt(s, i + 4), om1 = digitAt(s, i + 5);
    if ((oh0 >>> 0) > 9 || (oh1 >>> 0) > 9 || (om0 >>> 0) > 9 || (om1 >>> 0) > 9) return NaN;
    const oh = oh0 * 10 + oh1;
    const om = om0 * 10 + om1;
    if (oh > 23 || om > 59) return NaN;
    offsetMinutes = (sign === 45 ? -1 : 1) * (oh * 60 + om);
  } else {
    return NaN;
  }
  const days = daysFromCivil(year, month, day);
  return ((days * 24 + hour) * 60 + minute - offsetMinutes) * MINUTE_MS + second * 1000 + ms;
}

/** Epoch ms of an ISO 8601 instant (offset or Z required); RangeError naming `field` otherwise. */
export function parseInstantMs(value: unknown, field: string): number {
  if (typeof value !== 'string') throw new RangeError(`${field}: expected an ISO 8601 instant string, got ${describe(value)}`);
  const fast = fastParseIsoMs(value);
  if (fast === fast) return fast; // not NaN
  try {
    return Temporal.Instant.from(value).epochMilliseconds;
  } catch {
    throw new RangeError(`${field}: not an ISO 8601 instant with an offset or Z: ${JSON.stringify(value)}`);
  }
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}

/**
 * `YYYY-MM-DDTHH:MM:SS±HH:MM` for the instant `ms` read at a UTC offset of `offsetMs` (written as
 * `offset`, e.g. '-04:00', '+00:00', '+12:45'). Sub-second digits are dropped.
 */
export function formatIsoAtOffset(ms: number, offsetMs: number, offset: string): string {
  const iso = new Date(ms + offsetMs).toISOString(); // '2026-03-09T09:00:00.000Z' (or '+012026-…' out of 0000–9999)
  return iso.slice(0, iso.length - 5) + offset;
}
