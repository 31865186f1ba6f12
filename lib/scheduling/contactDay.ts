// The contact's working day: which of the rep's free slots also fall inside the other person's
// day (their hours, Monday to Friday, in THEIR zone), how far the others are from it, and which
// to put first. Pure; wall clock ↔ instant only through Temporal (temporal-polyfill), never by
// adding offsets, so DST changes on either side and the date line come out right.
//
// What "first" means, decided for a rep who must not propose 12:30 AM to a customer:
// - some slots inside both days: those, in time order ('overlap');
// - none: the slots closest to the contact's day (fewest minutes before it starts or after it
//   ends), in time order, so the rep sees the least bad times and can say so ('nearest'). Times
//   outside the rep's own working hours are not invented here: the rep's free times come from
//   the rep's calendar and hours, and the panel shows when the contact's day is in the rep's time;
// - the contact's zone unknown: nothing is marked ('unknown').
import { Temporal } from 'temporal-polyfill';

/** The contact's working hours as wall-clock times in their zone ('HH:MM'; end may be '24:00'). */
export interface ContactHours {
  start: string;
  end: string;
}

export const DEFAULT_CONTACT_HOURS: ContactHours = { start: '09:00', end: '17:00' };

/** ISO weekday numbers (Monday 1 … Sunday 7) the contact works: Monday to Friday. */
export const CONTACT_WORKDAYS: readonly number[] = [1, 2, 3, 4, 5];

/** How many slots the 'nearest' choice puts first. */
export const NEAREST_COUNT = 6;

export interface SlotFit<T> {
  slot: T;
  /** The whole slot lies inside one of the contact's working days. */
  inside: boolean;
  /** Outside: the contact's day has not begun ('before') or has ended ('after') for part of the slot. */
  side: 'inside' | 'before' | 'after';
  /** Minutes the slot would have to move to lie inside the contact's nearest working day (0 when inside). */
  minutesOutside: number;
}

export type ContactDayPlan<T> =
  | { kind: 'unknown'; first: T[]; fits: null }
  | { kind: 'overlap' | 'nearest'; first: T[]; fits: SlotFit<T>[] };

const MINUTE_MS = 60_000;
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutesOf(time: string, isEnd: boolean): number {
  if (isEnd && time === '24:00') return 1440;
  const match = HHMM.exec(time);
  if (!match) throw new RangeError(`contact hours: expected "HH:MM", got ${JSON.stringify(time)}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** True for a zone Temporal can compute in. */
export function isComputableZone(timeZone: string | null | undefined): timeZone is string {
  if (!timeZone) return false;
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The contact's working day on a calendar date in their zone as instants [start, end), or null
 * on a day off. A wall time that does not exist (inside a spring-forward gap) resolves as the
 * clocks read after the change ('compatible').
 */
function dayWindow(date: Temporal.PlainDate, timeZone: string, startMin: number, endMin: number, workdays: readonly number[]): [number, number] | null {
  if (!workdays.includes(date.dayOfWeek)) return null;
  const at = (minutes: number) => {
    const day = minutes === 1440 ? date.add({ days: 1 }) : date;
    const m = minutes === 1440 ? 0 : minutes;
    return day.toZonedDateTime({ timeZone, plainTime: new Temporal.PlainTime(Math.floor(m / 60), m % 60) }).epochMilliseconds;
  };
  return [at(startMin), at(endMin)];
}

/** A reader of the contact's working days in a zone, remembering each date it resolved. */
export class ContactDays {
  private readonly cache = new Map<string, [number, number] | null>();
  private readonly startMin: number;
  private readonly endMin: number;

  constructor(
    readonly timeZone: string,
    readonly hours: ContactHours = DEFAULT_CONTACT_HOURS,
    readonly workdays: readonly number[] = CONTACT_WORKDAYS,
  ) {
    if (!isComputableZone(timeZone)) throw new RangeError(`timeZone: unknown time zone ${JSON.stringify(timeZone)}`);
    this.startMin = minutesOf(hours.start, false);
    this.endMin = minutesOf(hours.end, true);
    if (!(this.endMin > this.startMin)) throw new RangeError(`contact hours: end ${hours.end} is not after start ${hours.start}`);
  }

  /** The working day on `date` (in the contact's zone), or null on a day off. */
  window(date: Temporal.PlainDate): [number, number] | null {
    const key = date.toString();
    let found = this.cache.get(key);
    if (found === undefined) {
      found = dayWindow(date, this.timeZone, this.startMin, this.endMin, this.workdays);
      this.cache.set(key, found);
    }
    return found;
  }

  /** The contact's local date of an instant. */
  dateOf(ms: number): Temporal.PlainDate {
    return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(this.timeZone).toPlainDate();
  }

  /** Where [start, end) lies against the contact's working days. */
  fit(start: number, end: number): Omit<SlotFit<never>, 'slot'> {
    const date = this.dateOf(start);
    const best: Omit<SlotFit<never>, 'slot'> = { inside: false, side: 'after', minutesOutside: Infinity };
    const look = (shift: number): boolean => {
      const window = this.window(date.add({ days: shift }));
      if (!window) return false;
      const [from, until] = window;
      if (start >= from && end <= until) return true;
      // How far the slot would have to move to fit: a slot longer than the day counts both sides.
      const before = Math.max(0, from - start);
      const after = Math.max(0, end - until);
      const minutes = Math.round((before + after) / MINUTE_MS);
      if (minutes < best.minutesOutside) Object.assign(best, { side: before >= after ? 'before' : 'after', minutesOutside: minutes });
      return false;
    };
    // The day that can hold the slot is its own local date (a day ends by midnight); the nearest
    // one is that or a neighbour, further only across days off (a weekend, up to a week).
    for (const shift of [0, -1, 1]) if (look(shift)) return { inside: true, side: 'inside', minutesOutside: 0 };
    for (let shift = 2; shift <= 7 && best.minutesOutside === Infinity; shift++) {
      look(-shift);
      look(shift);
    }
    return best;
  }

  /** The contact's working days that meet [from, until), in order, as instants. */
  windowsBetween(from: number, until: number): [number, number][] {
    const out: [number, number][] = [];
    const last = this.dateOf(until).add({ days: 1 });
    for (let date = this.dateOf(from).subtract({ days: 1 }); Temporal.PlainDate.compare(date, last) <= 0; date = date.add({ days: 1 })) {
      const window = this.window(date);
      if (window && window[1] > from && window[0] < until) out.push(window);
    }
    return out;
  }
}

/** Each slot's fit against the contact's day. */
export function fitSlots<T extends { start: string; end: string }>(slots: readonly T[], days: ContactDays): SlotFit<T>[] {
  return slots.map((slot) => ({ slot, ...days.fit(Date.parse(slot.start), Date.parse(slot.end)) }));
}

/**
 * What to show first: the slots inside both days, or when there are none, the `nearest` slots
 * closest to the contact's day; with no usable zone, every slot and no marking.
 */
export function planContactDay<T extends { start: string; end: string }>(
  slots: readonly T[],
  timeZone: string | null | undefined,
  hours: ContactHours = DEFAULT_CONTACT_HOURS,
  options: { nearest?: number; workdays?: readonly number[] } = {},
): ContactDayPlan<T> {
  if (!isComputableZone(timeZone)) return { kind: 'unknown', first: [...slots], fits: null };
  const days = new ContactDays(timeZone, hours, options.workdays);
  const fits = fitSlots(slots, days);
  const inside = fits.filter((fit) => fit.inside).map((fit) => fit.slot);
  if (inside.length > 0 || slots.length === 0) return { kind: 'overlap', first: inside, fits };
  const count = options.nearest ?? NEAREST_COUNT;
  const order = fits.map((fit, index) => ({ fit, index })).sort((a, b) => a.fit.minutesOutside - b.fit.minutesOutside || a.index - b.index);
  const chosen = new Set(order.slice(0, count).map(({ index }) => index));
  return { kind: 'nearest', first: slots.filter((_, index) => chosen.has(index)), fits };
}
