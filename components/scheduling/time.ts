// Showing slot instants to people: the rep's and the contact's wall-clock times, day groups and
// clock changes. Wall-clock readings go through Intl (the browser's IANA data) or the slot
// engine's helpers; the only arithmetic here is on instants and calendar dates, never on a zone's rules.
import { dateTimeFormat as dtf, type Clock } from '@/lib/format';
import type { Interval } from '@/lib/scheduling/types';
import { dstChangesBetween, groupSlotsByDay } from '@/lib/scheduling/slots';

// The formatting moved to lib/format (one module for every surface); re-exported here for the panel's callers.
export { clockFor, formatDay, formatRange, formatTime, formatWeekday, zoneAbbreviation, zoneCity, type Clock } from '@/lib/format';

export function isKnownZone(timeZone: string | null | undefined): timeZone is string {
  if (!timeZone) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Every IANA zone the browser knows, for the contact's zone picker. */
export function allTimeZones(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: 'timeZone') => string[] }).supportedValuesOf;
  const zones = supported ? supported('timeZone') : [];
  return zones.includes('UTC') ? zones : [...zones, 'UTC'];
}

/**
 * "Tue, Nov 24, 9:00 AM PST": a slot as it reads in an email to someone in `timeZone`. With
 * `alsoIn` (the rep's zone) and another wall time there, the rep's reading follows in brackets,
 * its date only when it differs: "Mon, Dec 7, 7:30 PM PST (Tue, Dec 8, 9:00 AM GMT+5:30)".
 */
export function formatForEmail(ms: number, timeZone: string | undefined, clock: Clock, alsoIn?: string): string {
  const withDate = { weekday: 'short', month: 'short', day: 'numeric' } as const;
  const time = { hour: 'numeric', minute: '2-digit', hour12: clock.hour12, timeZoneName: 'short' } as const;
  const theirs = dtf(clock.locale, { ...withDate, ...time, timeZone }).format(ms);
  if (!alsoIn || !isKnownZone(alsoIn) || alsoIn === timeZone) return theirs;
  const mine = dtf(clock.locale, { ...(dateKey(ms, alsoIn) === dateKey(ms, timeZone) ? {} : withDate), ...time, timeZone: alsoIn }).format(ms);
  return mine === theirs ? theirs : `${theirs} (${mine})`;
}

/** The calendar date (yyyy-mm-dd) of the instant in `timeZone`. */
export function dateKey(ms: number, timeZone: string | undefined): string {
  const parts = dtf('en-US', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).formatToParts(ms);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The calendar date after `date` (yyyy-mm-dd): calendar arithmetic only. */
export function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + 1)).toISOString().slice(0, 10);
}

export interface SlotDay {
  /** yyyy-mm-dd in the rep's zone. */
  key: string;
  slots: Interval[];
}

/** Slots (sorted) grouped by their start's calendar date in the rep's zone, as the slot engine groups them. */
export function groupByDay(slots: readonly Interval[], timeZone: string | undefined): SlotDay[] {
  if (timeZone && isKnownZone(timeZone)) return [...groupSlotsByDay(slots, timeZone)].map(([key, list]) => ({ key, slots: list }));
  const days: SlotDay[] = [];
  for (const slot of slots) {
    const key = dateKey(Date.parse(slot.start), timeZone);
    const last = days[days.length - 1];
    if (last && last.key === key) last.slots.push(slot);
    else days.push({ key, slots: [slot] });
  }
  return days;
}

export interface ClockChange {
  zone: string;
  epochMs: number;
}

/**
 * Clock changes (from the slot engine's `dstChangesBetween`) in the rep's or the other zones
 * between the first and the last shown slot, each put on the first shown day on or after the
 * rep's date of the change: from that day on, the times beside the slots have moved. A change
 * on a weekend so shows on the Monday.
 */
export function clockChanges(days: readonly SlotDay[], repZone: string | undefined, otherZones: readonly string[]): Map<string, ClockChange[]> {
  const found = new Map<string, ClockChange[]>();
  const first = days[0]?.slots[0];
  const lastDay = days[days.length - 1];
  const last = lastDay?.slots[lastDay.slots.length - 1];
  if (!first || !last) return found;
  const zones = [...new Set([...(repZone ? [repZone] : []), ...otherZones])].filter(isKnownZone);
  for (const zone of zones) {
    for (const change of dstChangesBetween(Date.parse(first.start), Date.parse(last.end), zone)) {
      const date = dateKey(change.epochMs, repZone);
      const day = days.find((candidate) => candidate.key >= date);
      if (day) found.set(day.key, [...(found.get(day.key) ?? []), { zone, epochMs: change.epochMs }]);
    }
  }
  return found;
}

/** The instant `minutes` after `iso`, written with the same offset as `iso`. */
export function addMinutes(iso: string, minutes: number): string {
  const ms = Date.parse(iso) + minutes * 60_000;
  const match = /([+-])(\d{2}):(\d{2})$/.exec(iso);
  if (!match) return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const sign = match[1] === '-' ? -1 : 1;
  const offsetMs = sign * (Number(match[2]) * 60 + Number(match[3])) * 60_000;
  return `${new Date(ms + offsetMs).toISOString().slice(0, 19)}${match[0]}`;
}

export const minutesBetween = (start: string, end: string) => Math.round((Date.parse(end) - Date.parse(start)) / 60_000);

/**
 * Three slots to propose by email: one per day where possible, preferring the `good` ones (by
 * default the contact's daytime, 08:00–18:00 in their zone; the panel passes "inside both working
 * days", lib/scheduling/contactDay.ts), earliest first.
 */
export function proposeSlots(slots: readonly Interval[], timeZone: string | undefined, count = 3, good?: (slot: Interval) => boolean): Interval[] {
  const hourIn = (ms: number) => Number(dtf('en-US', { hour: '2-digit', hourCycle: 'h23', timeZone }).format(ms));
  const daytime =
    good ??
    ((slot: Interval) => {
      const startHour = hourIn(Date.parse(slot.start));
      return startHour >= 8 && startHour < 18;
    });
  const picked: Interval[] = [];
  const days = new Set<string>();
  const take = (candidates: readonly Interval[], onePerDay: boolean) => {
    for (const slot of candidates) {
      if (picked.length >= count) return;
      if (picked.includes(slot)) continue;
      const day = dateKey(Date.parse(slot.start), timeZone);
      if (onePerDay && days.has(day)) continue;
      days.add(day);
      picked.push(slot);
    }
  };
  const preferred = slots.filter(daytime);
  take(preferred, true);
  take(slots, true);
  take(preferred, false);
  take(slots, false);
  return picked.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

/**
 * The meeting title from the template: {contact}, {company}, {user}, {deal} filled in; a
 * placeholder with nothing to fill leaves no empty brackets or dangling separators behind.
 */
export function fillTitle(template: string, values: Partial<Record<'contact' | 'company' | 'user' | 'deal', string | null | undefined>>): string {
  const filled = template.replace(/\{(contact|company|user|deal)\}/g, (_, name: keyof typeof values) => values[name]?.trim() ?? '');
  return filled
    .replace(/\(\s*\)|\[\s*\]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.:;])/g, '$1')
    .replace(/^[\s,.:;–—|/-]+|[\s,:;–—|/-]+$/g, '')
    .replace(/([–—|/-])(\s*[–—|/-])+/g, '$1')
    .trim()
    .slice(0, 255);
}
