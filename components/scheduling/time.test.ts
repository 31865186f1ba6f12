// The panel's time helpers, with real zones. Not in vitest.config.ts's include yet: run with
// `npx vitest run components/scheduling` after adding 'components/**/*.test.ts' there.
import { describe, expect, it } from 'vitest';
import { findFreeSlots, type WorkingHours } from '@/lib/scheduling/slots';
import { addMinutes, clockChanges, dateKey, fillTitle, groupByDay, nextDate, proposeSlots } from './time';

const office = [{ start: '09:00', end: '17:00' }];
const weekdays: WorkingHours = { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] };
const slotsIn = (timeZone: string, start: string, end: string, workingHours = weekdays, durationMinutes = 30) =>
  findFreeSlots({ window: { start, end }, busy: [], timeZone, workingHours, durationMinutes, now: start });
const zonesByDay = (changes: ReturnType<typeof clockChanges>) => [...changes].map(([day, list]) => [day, list.map((change) => change.zone)]);

describe('clockChanges', () => {
  it('marks the first shown day on or after a change in the contact’s zone (LA falls back on a Sunday)', () => {
    const days = groupByDay(slotsIn('Asia/Kolkata', '2026-10-28T00:00:00Z', '2026-11-06T00:00:00Z'), 'Asia/Kolkata');
    expect(zonesByDay(clockChanges(days, 'Asia/Kolkata', ['America/Los_Angeles']))).toEqual([['2026-11-02', ['America/Los_Angeles']]]);
    const withSunday = groupByDay(slotsIn('Asia/Kolkata', '2026-10-28T00:00:00Z', '2026-11-06T00:00:00Z', { ...weekdays, sun: office }), 'Asia/Kolkata');
    expect(zonesByDay(clockChanges(withSunday, 'Asia/Kolkata', ['America/Los_Angeles']))).toEqual([['2026-11-01', ['America/Los_Angeles']]]);
  });

  it('marks the rep’s own change, and nothing when no zone changes', () => {
    const ny = groupByDay(slotsIn('America/New_York', '2026-03-05T00:00:00Z', '2026-03-12T00:00:00Z', { ...weekdays, sun: office }, 60), 'America/New_York');
    expect(zonesByDay(clockChanges(ny, 'America/New_York', []))).toEqual([['2026-03-08', ['America/New_York']]]);
    const quiet = groupByDay(slotsIn('Asia/Kolkata', '2026-11-23T00:00:00Z', '2026-12-05T00:00:00Z'), 'Asia/Kolkata');
    expect(clockChanges(quiet, 'Asia/Kolkata', ['America/Los_Angeles']).size).toBe(0);
  });

  it('handles Lord Howe’s half-hour change', () => {
    const days = groupByDay(slotsIn('Australia/Lord_Howe', '2026-10-01T00:00:00Z', '2026-10-08T00:00:00Z', { ...weekdays, sun: office }), 'Australia/Lord_Howe');
    expect(zonesByDay(clockChanges(days, 'Australia/Lord_Howe', []))).toEqual([['2026-10-04', ['Australia/Lord_Howe']]]);
  });
});

describe('groupByDay', () => {
  it('groups by the rep’s local date', () => {
    const days = groupByDay([{ start: '2026-11-23T20:00:00Z', end: '2026-11-23T20:30:00Z' }], 'Asia/Kolkata');
    expect(days.map((day) => day.key)).toEqual(['2026-11-24']);
  });
});

describe('fillTitle', () => {
  it('fills the placeholders and leaves no empty brackets or dangling separators', () => {
    expect(fillTitle('Meeting with {contact}', { contact: 'Ann Carter' })).toBe('Meeting with Ann Carter');
    expect(fillTitle('{company} – {contact}', { contact: 'Ann' })).toBe('Ann');
    expect(fillTitle('Call with {contact} ({company})', { contact: 'Ann' })).toBe('Call with Ann');
    expect(fillTitle('{deal}: intro with {user}', { deal: 'Acme', user: 'Priya' })).toBe('Acme: intro with Priya');
  });
});

describe('instants and dates', () => {
  it('adds minutes keeping the offset the slot was written with', () => {
    expect(addMinutes('2026-03-09T09:00:00-04:00', 45)).toBe('2026-03-09T09:45:00-04:00');
    expect(addMinutes('2026-11-23T09:00:00+05:30', 60)).toBe('2026-11-23T10:00:00+05:30');
    expect(addMinutes('2026-11-23T03:30:00Z', 30)).toBe('2026-11-23T04:00:00Z');
  });
  it('reads calendar dates in a zone and steps them', () => {
    expect(dateKey(Date.parse('2026-11-23T20:00:00Z'), 'Asia/Kolkata')).toBe('2026-11-24');
    expect(nextDate('2026-12-31')).toBe('2027-01-01');
  });
});

describe('proposeSlots', () => {
  it('proposes three, one a day, in the contact’s daytime when there is one', () => {
    const picked = proposeSlots(slotsIn('Europe/London', '2026-11-23T00:00:00Z', '2026-12-05T00:00:00Z'), 'America/New_York');
    expect(picked.map((slot) => slot.start)).toEqual(['2026-11-23T13:00:00+00:00', '2026-11-24T13:00:00+00:00', '2026-11-25T13:00:00+00:00']);
  });
  it('falls back to the earliest when none is in their daytime', () => {
    const slots = slotsIn('Asia/Kolkata', '2026-11-23T00:00:00Z', '2026-11-28T00:00:00Z');
    expect(proposeSlots(slots, 'America/Los_Angeles')).toHaveLength(3);
  });
});
