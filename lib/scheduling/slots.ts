// The slot engine: free meeting slots from working hours in a time zone, a busy list and a few
// rules (duration, step, buffer, notice). Pure and synchronous.
//
// Wall clock ↔ instant goes through Temporal (temporal-polyfill) only: once per working-period
// boundary (wall time → instant, `disambiguation: 'compatible'`) and once per offset segment
// (instant → offset and the next transition, for formatting). Everything per slot or per busy
// interval is arithmetic on epoch milliseconds: the busy list is parsed once into sorted, merged
// arrays and swept with a moving index, and each slot is written from its epoch ms and the offset
// Temporal reported for the segment it is in.
import { Temporal } from 'temporal-polyfill';
import { civilFromDays, daysFromCivil, describe, formatIsoAtOffset, isoDateOfDays, parseInstantMs, weekdayOfDays } from './instants';

export { formatIsoAtOffset, parseInstantMs } from './instants';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export interface Slot {
  start: string;
  end: string;
}

export interface WorkingPeriod {
  /** 'HH:MM', 00:00–23:59. */
  start: string;
  /** 'HH:MM', 00:00–23:59, or '24:00' for the next local midnight. */
  end: string;
}

export type WorkingHours = Record<Weekday, readonly WorkingPeriod[]>;

export interface FindFreeSlotsInput {
  window: { start: string; end: string };
  busy: readonly { start: string; end: string }[];
  /** IANA time zone of the working hours and of the returned offsets. */
  timeZone: string;
  workingHours: Readonly<WorkingHours>;
  durationMinutes: number;
  /** Elapsed minutes between candidate starts; default `durationMinutes`. */
  stepMinutes?: number;
  /** Free time required on both sides of a slot; default 0. */
  bufferMinutes?: number;
  /** A slot starts no earlier than `now` plus this; default 0. */
  minNoticeMinutes?: number;
  now: string;
}

const MINUTE_MS = 60_000;
const DAY_INDEX: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']; // by weekdayOfDays
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

// ---------------------------------------------------------------------------------------------
// Validation

function checkTimeZone(timeZone: unknown): string {
  if (typeof timeZone !== 'string' || timeZone === '') throw new RangeError(`timeZone: expected an IANA time zone name, got ${describe(timeZone)}`);
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone);
  } catch {
    throw new RangeError(`timeZone: unknown time zone ${JSON.stringify(timeZone)}`);
  }
  return timeZone;
}

function minutesField(value: unknown, field: string, fallback: number | undefined, positive: boolean): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`${field}: expected a number of minutes, got ${describe(value)}`);
  if (positive ? value <= 0 : value < 0) throw new RangeError(`${field}: must be ${positive ? 'positive' : 'zero or more'}, got ${value}`);
  if (!Number.isInteger(value)) throw new RangeError(`${field}: must be a whole number of minutes, got ${value}`);
  return value;
}

/** Minutes after local midnight of 'HH:MM' ('24:00' → 1440 when `isEnd`). */
function wallMinutes(value: unknown, field: string, isEnd: boolean): number {
  if (typeof value === 'string') {
    if (isEnd && value === '24:00') return 1440;
    const match = HHMM.exec(value);
    if (match) return Number(match[1]) * 60 + Number(match[2]);
  }
  throw new RangeError(`${field}: expected "HH:MM" between 00:00 and 23:59${isEnd ? ' (or 24:00)' : ''}, got ${describe(value)}`);
}

/** Per weekday (0 = Sunday), the periods as [startMinutes, endMinutes] pairs. */
function parseWorkingHours(workingHours: unknown): number[][] {
  if (typeof workingHours !== 'object' || workingHours === null || Array.isArray(workingHours)) {
    throw new RangeError(`workingHours: expected an object keyed by weekday (mon … sun), got ${describe(workingHours)}`);
  }
  const byDay: number[][] = DAY_INDEX.map(() => []);
  for (const key of Object.keys(workingHours)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) throw new RangeError(`workingHours.${key}: not a weekday (mon, tue, wed, thu, fri, sat, sun)`);
  }
  DAY_INDEX.forEach((day, index) => {
    const periods = (workingHours as Record<string, unknown>)[day];
    if (periods === undefined) return;
    if (!Array.isArray(periods)) throw new RangeError(`workingHours.${day}: expected an array of { start, end } periods, got ${describe(periods)}`);
    const out = byDay[index]!;
    periods.forEach((period: unknown, i) => {
      if (typeof period !== 'object' || period === null) throw new RangeError(`workingHours.${day}[${i}]: expected { start: "HH:MM", end: "HH:MM" }, got ${describe(period)}`);
      const { start, end } = period as Record<string, unknown>;
      out.push(wallMinutes(start, `workingHours.${day}[${i}].start`, false), wallMinutes(end, `workingHours.${day}[${i}].end`, true));
    });
  });
  return byDay;
}

// ---------------------------------------------------------------------------------------------
// Busy time

/** Busy intervals as sorted epoch-ms arrays: starts and ends sorted independently. */
export interface SortedBusy {
  starts: Float64Array;
  ends: Float64Array;
}

/**
 * Parses every busy interval (RangeError naming `busy[i].start|end` when one is not an ISO
 * instant), drops those with end ≤ start, and sorts starts and ends (each on its own — enough to
 * merge them, see `mergeBusy`). This is the part of the engine the benchmark's floor also does.
 */
export function parseBusySorted(busy: unknown): SortedBusy {
  if (!Array.isArray(busy)) throw new RangeError(`busy: expected an array of { start, end } intervals, got ${describe(busy)}`);
  const n = busy.length;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const interval: unknown = busy[i];
    if (typeof interval !== 'object' || interval === null) throw new RangeError(`busy[${i}]: expected { start, end }, got ${describe(interval)}`);
    const start = parseInstantMs((interval as { start?: unknown }).start, `busy[${i}].start`);
    const end = parseInstantMs((interval as { end?: unknown }).end, `busy[${i}].end`);
    if (end > start) {
      starts[count] = start;
      ends[count] = end;
      count++;
    }
  }
  const s = starts.subarray(0, count).sort();
  const e = ends.subarray(0, count).sort();
  return { starts: s, ends: e };
}

/**
 * The union of the busy intervals as disjoint, sorted [start, end) pairs (touching ones joined).
 * With starts and ends sorted separately, the k-th smallest end is above the k-th smallest start,
 * so a depth count over the two sorted lists traces the union exactly.
 */
export function mergeBusy({ starts, ends }: SortedBusy): SortedBusy {
  const n = starts.length;
  const outStarts = new Float64Array(n);
  const outEnds = new Float64Array(n);
  let m = 0;
  let i = 0;
  let j = 0;
  let depth = 0;
  let open = 0;
  while (j < n) {
    if (i < n && starts[i]! <= ends[j]!) {
      if (depth === 0) open = starts[i]!;
      depth++;
      i++;
    } else {
      depth--;
      if (depth === 0) {
        outStarts[m] = open;
        outEnds[m] = ends[j]!;
        m++;
      }
      j++;
    }
  }
  return { starts: outStarts.subarray(0, m), ends: outEnds.subarray(0, m) };
}

/** Index of the first merged interval whose end is after `t`. */
function firstEndAfter(ends: Float64Array, t: number): number {
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ends[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------
// Offsets, from Temporal, one segment between transitions at a time

/**
 * The zone's UTC offset at an instant, remembered for the whole stretch up to the next transition
 * Temporal reports, so looking up instants in increasing order costs one Temporal call pair per
 * offset change. Any order is correct; out-of-order lookups just ask Temporal again.
 */
export class OffsetCursor {
  private from = Infinity;
  private until = -Infinity;
  offsetMs = 0;
  offset = '+00:00';
  constructor(readonly timeZone: string) {}

  /** Moves to the segment holding `ms`; then read `offsetMs` / `offset`. */
  seek(ms: number): this {
    if (ms >= this.from && ms < this.until) return this;
    const zoned = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(this.timeZone);
    this.offsetMs = zoned.offsetNanoseconds / 1e6;
    this.offset = zoned.offset;
    const next = zoned.getTimeZoneTransition('next');
    this.from = ms;
    this.until = next ? next.epochMilliseconds : Infinity;
    return this;
  }

  /** `ms` as ISO 8601 with the zone's offset at that instant. */
  format(ms: number): string {
    this.seek(ms);
    return formatIsoAtOffset(ms, this.offsetMs, this.offset);
  }
}

/** `epochMs` as `YYYY-MM-DDTHH:MM:SS±HH:MM` with the offset `timeZone` has at that instant. */
export function formatOffsetIso(epochMs: number, timeZone: string): string {
  if (!Number.isFinite(epochMs)) throw new RangeError(`epochMs: expected a finite number, got ${describe(epochMs)}`);
  return new OffsetCursor(checkTimeZone(timeZone)).format(epochMs);
}

// ---------------------------------------------------------------------------------------------
// The engine

/** Local calendar date (days since 1970-01-01) of an instant in `timeZone`. */
function localDays(ms: number, timeZone: string): number {
  const zoned = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone);
  return daysFromCivil(zoned.year, zoned.month, zoned.day);
}

export function findFreeSlots(input: FindFreeSlotsInput): Slot[] {
  if (typeof input !== 'object' || input === null) throw new RangeError(`input: expected an object, got ${describe(input)}`);
  const { window } = input;
  if (typeof window !== 'object' || window === null) throw new RangeError(`window: expected { start, end }, got ${describe(window)}`);
  const windowStart = parseInstantMs(window.start, 'window.start');
  const windowEnd = parseInstantMs(window.end, 'window.end');
  const now = parseInstantMs(input.now, 'now');
  const timeZone = checkTimeZone(input.timeZone);
  const periodsByWeekday = parseWorkingHours(input.workingHours);
  const duration = minutesField(input.durationMinutes, 'durationMinutes', undefined, true) * MINUTE_MS;
  const step = minutesField(input.stepMinutes, 'stepMinutes', duration / MINUTE_MS, true) * MINUTE_MS;
  const buffer = minutesField(input.bufferMinutes, 'bufferMinutes', 0, false) * MINUTE_MS;
  const notice = minutesField(input.minNoticeMinutes, 'minNoticeMinutes', 0, false) * MINUTE_MS;
  const busy = mergeBusy(parseBusySorted(input.busy));

  // A slot lies in [earliest, windowEnd): inside the window and not before now + notice.
  const earliest = Math.max(windowStart, now + notice);
  if (!(windowEnd - earliest >= duration)) return [];

  // Every local date meeting [earliest, windowEnd): a date's periods lie within that date (a wall
  // time of the day resolves between its midnight and the next one), so no other date can help.
  const firstDay = localDays(earliest, timeZone);
  const lastDay = localDays(windowEnd - 1, timeZone);

  // Wall time → instant, once per distinct boundary ('24:00' of a date is 00:00 of the next).
  const resolved = new Map<number, number>();
  const instantOf = (days: number, minutes: number): number => {
    if (minutes === 1440) {
      days += 1;
      minutes = 0;
    }
    const key = days * 1440 + minutes;
    let ms = resolved.get(key);
    if (ms === undefined) {
      const { year, month, day } = civilFromDays(days);
      ms = new Temporal.PlainDateTime(year, month, day, Math.floor(minutes / 60), minutes % 60)
        .toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
      resolved.set(key, ms);
    }
    return ms;
  };

  const periodStarts: number[] = [];
  const periodEnds: number[] = [];
  for (let days = firstDay; days <= lastDay; days++) {
    const periods = periodsByWeekday[weekdayOfDays(days)]!;
    for (let p = 0; p < periods.length; p += 2) {
      const start = instantOf(days, periods[p]!);
      const end = instantOf(days, periods[p + 1]!);
      if (end > start && end > earliest && start < windowEnd) {
        periodStarts.push(start);
        periodEnds.push(end);
      }
    }
  }
  const order = periodStarts.map((_, i) => i).sort((a, b) => periodStarts[a]! - periodStarts[b]! || periodEnds[a]! - periodEnds[b]!);

  // Sweep: per period, candidates pStart + k·step; the moving index j is the first merged busy
  // interval ending after the candidate's buffered start. A clash jumps straight past that interval.
  const busyStarts = busy.starts;
  const busyEnds = busy.ends;
  const busyCount = busyEnds.length;
  const found: number[] = [];
  let inOrder = true;
  let last = -Infinity;
  for (const p of order) {
    const pStart = periodStarts[p]!;
    const limit = Math.min(periodEnds[p]!, windowEnd) - duration; // latest allowed start
    let k = earliest > pStart ? Math.ceil((earliest - pStart) / step) : 0;
    let s = pStart + k * step;
    if (s < earliest) s = pStart + ++k * step;
    if (s > limit) continue;
    let j = firstEndAfter(busyEnds, s - buffer);
    while (s <= limit) {
      while (j < busyCount && busyEnds[j]! <= s - buffer) j++;
      if (j < busyCount && busyStarts[j]! < s + duration + buffer) {
        // Clash: the next candidate that can work starts `buffer` after this busy interval ends.
        const next = Math.ceil((busyEnds[j]! + buffer - pStart) / step);
        k = next > k ? next : k + 1;
        s = pStart + k * step;
        continue;
      }
      if (s <= last) inOrder = false;
      found.push(s);
      last = s;
      k++;
      s = pStart + k * step;
    }
  }

  // Overlapping periods can yield a start twice or out of order: sort and drop repeats.
  let starts: ArrayLike<number> = found;
  let count = found.length;
  if (!inOrder) {
    const sorted = Float64Array.from(found).sort();
    count = 0;
    for (let i = 0; i < sorted.length; i++) {
      if (count === 0 || sorted[i]! !== sorted[count - 1]!) sorted[count++] = sorted[i]!;
    }
    starts = sorted;
  }

  const startOffsets = new OffsetCursor(timeZone);
  const endOffsets = new OffsetCursor(timeZone);
  const slots: Slot[] = new Array<Slot>(count);
  for (let i = 0; i < count; i++) {
    const s = starts[i]!;
    const e = s + duration;
    startOffsets.seek(s);
    endOffsets.seek(e);
    slots[i] = {
      start: formatIsoAtOffset(s, startOffsets.offsetMs, startOffsets.offset),
      end: formatIsoAtOffset(e, endOffsets.offsetMs, endOffsets.offset),
    };
  }
  return slots;
}

// ---------------------------------------------------------------------------------------------
// Helpers for the panel

/**
 * Slots by the local date (YYYY-MM-DD in `timeZone`) their start falls on, in first-seen order
 * (date order for `findFreeSlots`' output); each day's slots keep their order.
 */
export function groupSlotsByDay<T extends { start: string }>(slots: readonly T[], timeZone: string): Map<string, T[]> {
  const cursor = new OffsetCursor(checkTimeZone(timeZone));
  const days = new Map<string, T[]>();
  slots.forEach((slot, i) => {
    const ms = parseInstantMs(slot.start, `slots[${i}].start`);
    cursor.seek(ms);
    const date = isoDateOfDays(Math.floor((ms + cursor.offsetMs) / 86_400_000));
    const list = days.get(date);
    if (list) list.push(slot);
    else days.set(date, [slot]);
  });
  return days;
}

export interface OffsetChange {
  /** The instant of the change, with the offset that starts there. */
  at: string;
  epochMs: number;
  /** Local date (YYYY-MM-DD) of the change, as read after it. */
  date: string;
  offsetBefore: string;
  offsetAfter: string;
  /** Minutes the clocks move: +60 spring forward, −60 fall back, ±30 on Lord Howe. */
  deltaMinutes: number;
}

/**
 * The zone's offset changes (DST or otherwise) at instants in [start, end), in order.
 * `start` and `end` are ISO 8601 instants or epoch ms.
 */
export function dstChangesBetween(start: string | number, end: string | number, timeZone: string): OffsetChange[] {
  const from = typeof start === 'number' ? start : parseInstantMs(start, 'start');
  const until = typeof end === 'number' ? end : parseInstantMs(end, 'end');
  if (!Number.isFinite(from)) throw new RangeError(`start: expected an instant, got ${describe(start)}`);
  if (!Number.isFinite(until)) throw new RangeError(`end: expected an instant, got ${describe(end)}`);
  const zone = checkTimeZone(timeZone);
  const changes: OffsetChange[] = [];
  if (!(until > from)) return changes;
  // From just before `start`, so a change exactly at `start` counts.
  let zoned = Temporal.Instant.fromEpochMilliseconds(from - 1).toZonedDateTimeISO(zone);
  for (;;) {
    const next = zoned.getTimeZoneTransition('next');
    if (!next || next.epochMilliseconds >= until) break;
    const before = Temporal.Instant.fromEpochMilliseconds(next.epochMilliseconds - 1).toZonedDateTimeISO(zone);
    const epochMs = next.epochMilliseconds;
    changes.push({
      at: formatIsoAtOffset(epochMs, next.offsetNanoseconds / 1e6, next.offset),
      epochMs,
      date: next.toPlainDate().toString(),
      offsetBefore: before.offset,
      offsetAfter: next.offset,
      deltaMinutes: (next.offsetNanoseconds - before.offsetNanoseconds) / 60e9,
    });
    zoned = next;
  }
  return changes;
}
