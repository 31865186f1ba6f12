// The contact's working day against the rep's free slots, with real zones: Kolkata ↔ Los
// Angeles (no overlap at all), Auckland ↔ London and Auckland ↔ Los Angeles (the date line),
// and the weeks the clocks change (US March 8 / November 1, EU March 29 / October 25, Auckland
// April 5 / September 27, 2026). Expected wall times are written out by hand, not computed.
import { describe, expect, it } from 'vitest';
import { ContactDays, planContactDay } from './contactDay';
import { findFreeSlots, type WorkingHours } from './slots';

const weekdays = (start: string, end: string): WorkingHours => {
  const day = [{ start, end }];
  return { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] };
};

/** The rep's free slots (nothing busy) for `[from, to)` in `timeZone`. */
const repSlots = (timeZone: string, from: string, to: string, hours = weekdays('09:00', '17:00')) =>
  findFreeSlots({ window: { start: from, end: to }, busy: [], timeZone, workingHours: hours, durationMinutes: 30, now: from });

/** A slot's start as the rep reads it: 'YYYY-MM-DD HH:MM'. */
const wall = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** The starts shown first, as the rep's wall times, grouped by the rep's date. */
function firstByDay(slots: { start: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const slot of slots) {
    const [date, time] = wall(slot.start).split(' ') as [string, string];
    (out[date] ??= []).push(time);
  }
  return out;
}

describe('Kolkata rep ↔ Los Angeles contact (the issue: every time in her night)', () => {
  const slots = repSlots('Asia/Kolkata', '2026-12-07T00:00:00+05:30', '2026-12-12T00:00:00+05:30');

  it('finds no slot inside both days, and says the nearest are the rep’s first morning slots, Tuesday to Friday', () => {
    expect(slots).toHaveLength(5 * 16);
    const plan = planContactDay(slots, 'America/Los_Angeles');
    expect(plan.kind).toBe('nearest');
    // Kolkata 09:00 Tue = Los Angeles 7:30 PM Mon (PST, 13 h 30 behind): 3 h after her day ends at
    // the slot's end. Monday 09:00 in Kolkata is Sunday evening for her: not near a working day.
    expect(plan.first.map((slot) => wall(slot.start))).toEqual([
      '2026-12-08 09:00',
      '2026-12-08 09:30',
      '2026-12-09 09:00',
      '2026-12-09 09:30',
      '2026-12-10 09:00',
      '2026-12-11 09:00',
    ]);
    const fits = plan.fits!;
    const at = (start: string) => fits.find((fit) => wall(fit.slot.start) === start)!;
    expect(at('2026-12-08 09:00')).toMatchObject({ inside: false, side: 'after', minutesOutside: 180 });
    // 16:30 in Kolkata is 3:00 AM Tuesday for her: six hours before her day.
    expect(at('2026-12-08 16:30')).toMatchObject({ inside: false, side: 'before', minutesOutside: 360 });
    expect(fits.every((fit) => !fit.inside)).toBe(true);
  });

  it('marks nothing when the contact’s zone is unknown (no address, no choice, or a name no engine knows)', () => {
    for (const zone of [null, undefined, '', 'Mars/Olympus_Mons']) {
      const plan = planContactDay(slots, zone);
      expect(plan.kind).toBe('unknown');
      expect(plan.fits).toBeNull();
      expect(plan.first).toEqual(slots);
    }
  });

  it('after Los Angeles falls back (Sunday November 1) her evening starts an hour earlier for the rep', () => {
    const around = repSlots('Asia/Kolkata', '2026-10-27T00:00:00+05:30', '2026-11-07T00:00:00+05:30');
    const fits = planContactDay(around, 'America/Los_Angeles').fits!;
    const first = (date: string) => fits.find((fit) => fit.slot.start.startsWith(date))!;
    // Tue Oct 27 09:00 IST = Mon 8:30 PM PDT (12 h 30 behind); Tue Nov 3 09:00 IST = Mon 7:30 PM PST.
    expect(first('2026-10-27')).toMatchObject({ side: 'after', minutesOutside: 240 });
    expect(first('2026-11-03')).toMatchObject({ side: 'after', minutesOutside: 180 });
  });
});

describe('London rep ↔ New York contact: the week between the EU change (Oct 25) and the US one (Nov 1)', () => {
  it('shows two more overlapping slots a day while the gap is four hours, not five', () => {
    const slots = repSlots('Europe/London', '2026-10-19T00:00:00+01:00', '2026-11-07T00:00:00Z');
    const plan = planContactDay(slots, 'America/New_York');
    expect(plan.kind).toBe('overlap');
    const byDay = firstByDay(plan.first);
    // New York 9:00 AM is 14:00 in London, 13:00 in the odd week; the rep's day ends at 17:00.
    expect(byDay['2026-10-23']).toEqual(['14:00', '14:30', '15:00', '15:30', '16:00', '16:30']);
    expect(byDay['2026-10-26']).toEqual(['13:00', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30']);
    expect(byDay['2026-10-30']).toHaveLength(8);
    expect(byDay['2026-11-02']).toEqual(['14:00', '14:30', '15:00', '15:30', '16:00', '16:30']);
    // Ordered by time, and the rest are behind "show all".
    expect(plan.first.map((slot) => slot.start)).toEqual([...plan.first.map((slot) => slot.start)].sort());
    expect(plan.fits!.filter((fit) => !fit.inside)).toHaveLength(slots.length - plan.first.length);
  });
});

describe('Kolkata rep ↔ New York contact across the US spring change (Sunday March 8)', () => {
  it('their 9:00 AM moves from 19:30 to 18:30 for a rep who works till 21:00', () => {
    const slots = repSlots('Asia/Kolkata', '2026-03-05T00:00:00+05:30', '2026-03-11T00:00:00+05:30', weekdays('09:00', '21:00'));
    const byDay = firstByDay(planContactDay(slots, 'America/New_York').first);
    expect(byDay['2026-03-05']).toEqual(['19:30', '20:00', '20:30']);
    expect(byDay['2026-03-06']).toEqual(['19:30', '20:00', '20:30']);
    // Monday the 9th in Kolkata at 18:30 is Monday 9:00 AM EDT; Kolkata Monday morning is her Sunday.
    expect(byDay['2026-03-09']).toEqual(['18:30', '19:00', '19:30', '20:00', '20:30']);
    expect(byDay['2026-03-10']).toEqual(['18:30', '19:00', '19:30', '20:00', '20:30']);
  });
});

describe('Auckland rep ↔ London contact (thirteen hours and a date apart)', () => {
  const evenings: WorkingHours = weekdays('20:00', '23:00');

  it('has no overlap for two office days, and the nearest times say so', () => {
    const slots = repSlots('Pacific/Auckland', '2026-12-07T00:00:00+13:00', '2026-12-12T00:00:00+13:00');
    const plan = planContactDay(slots, 'Europe/London');
    expect(plan.kind).toBe('nearest');
    // Auckland 09:00 NZDT = London 20:00 GMT the evening before: three and a half hours after her
    // day (at the slot's end); 16:30 = 03:30 her time, five and a half hours before it. Auckland's
    // Monday morning is her Sunday evening.
    expect(firstByDay(plan.first)).toEqual({
      '2026-12-08': ['09:00', '09:30'],
      '2026-12-09': ['09:00', '09:30'],
      '2026-12-10': ['09:00'],
      '2026-12-11': ['09:00'],
    });
    expect(plan.fits!.find((fit) => fit.slot === plan.first[0])).toMatchObject({ side: 'after', minutesOutside: 210 });
    expect(plan.fits!.find((fit) => wall(fit.slot.start) === '2026-12-08 16:30')).toMatchObject({ side: 'before', minutesOutside: 330 });
  });

  it('follows the EU change (March 29) and Auckland’s (April 5): 22:00, then 21:00, then 20:00', () => {
    const slots = repSlots('Pacific/Auckland', '2026-03-24T00:00:00+13:00', '2026-04-11T00:00:00+12:00', evenings);
    const byDay = firstByDay(planContactDay(slots, 'Europe/London').first);
    // Thu Mar 26: London GMT, Auckland NZDT (13 h): 22:00 Auckland = 09:00 London.
    expect(byDay['2026-03-26']).toEqual(['22:00', '22:30']);
    // Tue Mar 31: London BST (12 h).
    expect(byDay['2026-03-31']).toEqual(['21:00', '21:30', '22:00', '22:30']);
    // Tue Apr 7: Auckland NZST since Sunday (11 h).
    expect(byDay['2026-04-07']).toEqual(['20:00', '20:30', '21:00', '21:30', '22:00', '22:30']);
    // Auckland Saturday is not worked; Auckland Friday evening is London Friday morning.
    expect(byDay['2026-04-10']).toHaveLength(6);
  });

  it('follows Auckland’s spring change (September 27): 20:00 becomes 21:00', () => {
    const slots = repSlots('Pacific/Auckland', '2026-09-22T00:00:00+12:00', '2026-10-03T00:00:00+13:00', evenings);
    const byDay = firstByDay(planContactDay(slots, 'Europe/London').first);
    expect(byDay['2026-09-25']).toEqual(['20:00', '20:30', '21:00', '21:30', '22:00', '22:30']);
    expect(byDay['2026-09-29']).toEqual(['21:00', '21:30', '22:00', '22:30']);
  });
});

describe('Auckland rep ↔ Los Angeles contact (the date line: her Monday is his Tuesday)', () => {
  it('Auckland Monday has nothing (her Sunday), Tuesday to Friday 9:00–13:30 are inside both days', () => {
    const slots = repSlots('Pacific/Auckland', '2026-12-07T00:00:00+13:00', '2026-12-12T00:00:00+13:00');
    const plan = planContactDay(slots, 'America/Los_Angeles');
    expect(plan.kind).toBe('overlap');
    const byDay = firstByDay(plan.first);
    const morning = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '12:00', '12:30', '13:00', '13:30'];
    expect(byDay['2026-12-07']).toBeUndefined();
    for (const date of ['2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11']) expect(byDay[date]).toEqual(morning);
  });
});

describe('ContactDays', () => {
  it('marks a slot that runs past the end of her day as outside by the minutes it overruns', () => {
    const days = new ContactDays('America/Los_Angeles');
    const fit = days.fit(Date.parse('2026-12-08T16:45:00-08:00'), Date.parse('2026-12-08T17:15:00-08:00'));
    expect(fit).toEqual({ inside: false, side: 'after', minutesOutside: 15 });
    expect(days.fit(Date.parse('2026-12-08T16:30:00-08:00'), Date.parse('2026-12-08T17:00:00-08:00')).inside).toBe(true);
  });

  it('resolves hours that fall in a spring-forward gap as the clocks read after it', () => {
    const days = new ContactDays('America/New_York', { start: '02:30', end: '05:00' }, [7]);
    const [from, until] = days.windowsBetween(Date.parse('2026-03-08T00:00:00Z'), Date.parse('2026-03-09T00:00:00Z'))[0]!;
    expect(new Date(from).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(new Date(until).toISOString()).toBe('2026-03-08T09:00:00.000Z');
  });

  it('honours other hours (a setting) and refuses an end that is not after the start', () => {
    const slots = repSlots('Europe/London', '2026-12-07T00:00:00Z', '2026-12-08T00:00:00Z');
    const plan = planContactDay(slots, 'America/New_York', { start: '08:00', end: '10:00' });
    // New York 8:00–10:00 EST is 13:00–15:00 in London.
    expect(plan.first.map((slot) => wall(slot.start).slice(11))).toEqual(['13:00', '13:30', '14:00', '14:30']);
    expect(() => new ContactDays('Europe/London', { start: '17:00', end: '09:00' })).toThrow(RangeError);
  });
});
