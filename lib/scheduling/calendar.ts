// The org's own calendar facts in Zoho: its business hours (the default working hours) and its
// holidays (whole busy days), read at most once an hour per connection. The conversions are pure
// and table-tested (calendar.test.ts); reading degrades to "unavailable" for editions and
// connections that cannot read them, so free times never depend on them.
//
// Sources: business_hours.json and holidays.json of zoho-oas-v8 (GET /settings/business_hours,
// GET /settings/holidays?year=…); Zoho's "Get Business Hours" page (v6/v8: 204 when the org has
// none; scope ZohoCRM.settings.business_hours.READ, which also covers holidays per "Get the List
// of Holidays"). Business hours carry no zone in the OAS: their wall-clock times and the holidays'
// dates are read in the rep's own zone, the zone free times are computed in (UNCONFIRMED that this
// is how Zoho means them for users away from the org's zone; the SDK's business_hours also knows a
// `timezone` key the OAS lacks).
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import type { MetaCache } from '../connection/meta';
import { StagecoachError } from '../errors';
import type { ConnectionRow } from '../storage/db';
import type { ZohoClient } from '../zoho/client';
import { WEEKDAYS, type Weekday, type WorkingHours, type WorkingPeriod } from './slots';
import type { Interval } from './types';

const DAY: Record<string, Weekday> = {
  Monday: 'mon',
  Tuesday: 'tue',
  Wednesday: 'wed',
  Thursday: 'thu',
  Friday: 'fri',
  Saturday: 'sat',
  Sunday: 'sun',
};

export const businessHoursAnswer = z.object({
  business_hours: z
    .object({
      type: z.string(),
      business_days: z.array(z.string()).nullish(),
      same_as_everyday: z.boolean().nullish(),
      daily_timing: z.array(z.string()).nullish(),
      custom_timing: z.array(z.object({ days: z.string(), business_timing: z.array(z.string()).nullish() }).passthrough()).nullish(),
    })
    .passthrough(),
});
export type BusinessHours = z.infer<typeof businessHoursAnswer>['business_hours'];

export const holidaysAnswer = z.object({
  holidays: z.array(z.object({ date: z.iso.date(), name: z.string().nullish(), type: z.string().nullish() }).passthrough()),
});
type HolidayRow = z.infer<typeof holidaysAnswer>['holidays'][number];

export interface Holiday {
  /** yyyy-MM-dd */
  date: string;
  name: string;
}

/** 'H:MM' or 'HH:MM' as minutes after midnight, or null. */
function minutes(value: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const total = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && total <= 1440 ? total : null;
}

const hhmm = (total: number) => (total === 1440 ? '24:00' : `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`);

/**
 * A timing array (["09:00","17:00"], or more pairs) as working periods, sorted and merged. An end
 * of 00:00 — or one before its start, a period running past midnight — ends at midnight: the
 * slot engine's periods stay within their day.
 */
export function periodsFromTiming(timing: readonly string[] | null | undefined): WorkingPeriod[] {
  const pairs: [number, number][] = [];
  for (let i = 0; i + 1 < (timing?.length ?? 0); i += 2) {
    const start = minutes(timing![i]!);
    let end = minutes(timing![i + 1]!);
    if (start === null || end === null || start >= 1440) continue;
    if (end <= start) end = 1440;
    pairs.push([start, end]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of pairs) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged.map(([start, end]) => ({ start: hhmm(start), end: hhmm(end) }));
}

/**
 * Zoho's business hours as working hours per weekday, or null when they give none (then the
 * settings' hours apply). Types per business_hours.json: `24_by_7`, `24_by_5`, `custom`
 * (Zoho's "Add Business Hours" page spells them `24*7`, `24*5`: both are read).
 */
export function workingHoursFromZoho(hours: BusinessHours | null | undefined): WorkingHours | null {
  if (!hours) return null;
  const result = Object.fromEntries(WEEKDAYS.map((day) => [day, [] as WorkingPeriod[]])) as Record<Weekday, WorkingPeriod[]>;
  const days = (hours.business_days ?? []).map((name) => DAY[name]).filter((day): day is Weekday => !!day);
  const type = hours.type.replace('*', '_by_');
  if (type === '24_by_7') {
    for (const day of WEEKDAYS) result[day] = [{ start: '00:00', end: '24:00' }];
  } else if (type === '24_by_5') {
    for (const day of days) result[day] = [{ start: '00:00', end: '24:00' }];
  } else if (type === 'custom') {
    if (hours.same_as_everyday !== false && hours.daily_timing) {
      for (const day of days) result[day] = periodsFromTiming(hours.daily_timing);
    } else {
      for (const entry of hours.custom_timing ?? []) {
        const day = DAY[entry.days];
        // A day listed in custom_timing but not among business_days is not a business day.
        if (day && (days.length === 0 || days.includes(day))) result[day] = periodsFromTiming(entry.business_timing);
      }
    }
  } else {
    return null;
  }
  return WEEKDAYS.some((day) => result[day].length > 0) ? result : null;
}

/** The org-wide holidays of a holidays answer (shift holidays belong to a shift we do not read). */
export function businessHolidays(rows: readonly HolidayRow[]): Holiday[] {
  return rows
    .filter((row) => !row.type || row.type === 'business_holiday')
    .map((row) => ({ date: row.date, name: row.name?.trim() || row.date }));
}

/**
 * Each holiday as the whole local day in `timeZone`: from the day's first instant to the next
 * day's (23 or 25 hours across a DST change; a day that starts at 01:00 because midnight was
 * skipped starts there).
 */
export function holidayIntervals(holidays: readonly Holiday[], timeZone: string): Interval[] {
  return holidays.map(({ date }) => {
    const day = Temporal.PlainDate.from(date);
    return {
      start: day.toZonedDateTime({ timeZone }).toInstant().toString(),
      end: day.add({ days: 1 }).toZonedDateTime({ timeZone }).toInstant().toString(),
    };
  });
}

/** The calendar years the local dates of [start, end) fall in. */
export function yearsOfWindow(start: number, end: number, timeZone: string): number[] {
  const first = Temporal.Instant.fromEpochMilliseconds(start).toZonedDateTimeISO(timeZone).year;
  const last = Temporal.Instant.fromEpochMilliseconds(Math.max(start, end - 1)).toZonedDateTimeISO(timeZone).year;
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** Holidays whose local day overlaps [start, end) in `timeZone`. */
export function holidaysInWindow(holidays: readonly Holiday[], start: number, end: number, timeZone: string): Holiday[] {
  return holidays.filter((holiday) => {
    const [interval] = holidayIntervals([holiday], timeZone);
    return Date.parse(interval!.start) < end && Date.parse(interval!.end) > start;
  });
}

/** The org's facts as read; `unavailable` when Zoho refused a read (edition, scope, permission). */
export interface OrgCalendar {
  businessHours: WorkingHours | null;
  holidays: Holiday[];
  unavailable: boolean;
}

/** Org facts change rarely: an hour, like the pipeline's cache (when no metadata cache is given). */
export const ORG_CALENDAR_FRESH_MS = 60 * 60_000;

export function createOrgCalendar(deps: { client: ZohoClient; now(): number; meta?: MetaCache }) {
  const { client } = deps;
  /** Per org and connection (another org or user starts afresh), per read, without a metadata cache. */
  const cache = new Map<string, { at: number; value: unknown }>();

  /**
   * A read, cached (a day per connection in the metadata cache, else an hour here); a refusal
   * (4xx) is an answer too, cached as `unavailable`; a passing failure is not cached.
   */
  async function cached<T>(connection: ConnectionRow, key: string, load: () => Promise<T>, signal?: AbortSignal): Promise<T | 'unavailable'> {
    let passing = false;
    const attempt = async (): Promise<T | 'unavailable'> => {
      try {
        return await load();
      } catch (error) {
        if (signal?.aborted) throw error;
        const failure = StagecoachError.from(error);
        if (failure.code === 'reconnect_needed') throw failure;
        passing = failure.transient;
        return 'unavailable';
      }
    };
    if (deps.meta) return deps.meta.read(connection, `calendar/${key}`, attempt, { keep: () => !passing });
    const local = `${connection.org.id}/${connection.connectedAt}/${key}`;
    const hit = cache.get(local);
    if (hit && deps.now() - hit.at < ORG_CALENDAR_FRESH_MS) return hit.value as T | 'unavailable';
    const value = await attempt();
    if (!passing) cache.set(local, { at: deps.now(), value });
    return value;
  }

  /**
   * The business hours (unless `withHours` is false: the user set their own) and the holidays of
   * `years`: one call each when cold, none when warm.
   */
  async function read(connection: ConnectionRow, years: readonly number[], withHours: boolean, signal?: AbortSignal): Promise<OrgCalendar> {
    const [hours, ...perYear] = await Promise.all([
      withHours
        ? cached(connection, `hours`, async () => workingHoursFromZoho((await client.request('/settings/business_hours', businessHoursAnswer, { signal }))?.business_hours), signal)
        : null,
      ...years.map((year) =>
        cached(
          connection,
          `holidays/${year}`,
          async () => businessHolidays((await client.request('/settings/holidays', holidaysAnswer, { query: { year: String(year) }, signal }))?.holidays ?? []),
          signal,
        ),
      ),
    ]);
    return {
      businessHours: hours === 'unavailable' ? null : hours,
      holidays: perYear.flatMap((value) => (value === 'unavailable' ? [] : value)),
      unavailable: hours === 'unavailable' || perYear.includes('unavailable'),
    };
  }

  return { read };
}
