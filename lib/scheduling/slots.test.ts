// The slot engine against real clock changes (tables), bad input, and a brute-force reference on
// seeded random inputs.
import { Temporal } from 'temporal-polyfill';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  dstChangesBetween,
  findFreeSlots,
  formatOffsetIso,
  groupSlotsByDay,
  mergeBusy,
  parseBusySorted,
  WEEKDAYS,
  type FindFreeSlotsInput,
  type Slot,
  type Weekday,
  type WorkingHours,
  type WorkingPeriod,
} from './slots';

// ---------------------------------------------------------------------------------------------
// Helpers

const NO_HOURS: WorkingHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const hours = (days: Partial<WorkingHours>): WorkingHours => ({ ...NO_HOURS, ...days });
const period = (start: string, end: string): WorkingPeriod => ({ start, end });

const weekdayOf = (date: string): Weekday => WEEKDAYS[Temporal.PlainDate.from(date).dayOfWeek - 1]!;

/** A window from two days before `date` to two days after (UTC), so `date` is whole in any zone. */
const around = (date: string) => {
  const d = Temporal.PlainDate.from(date);
  return { start: `${d.subtract({ days: 2 })}T00:00:00Z`, end: `${d.add({ days: 2 })}T00:00:00Z` };
};

const base = (overrides: Partial<FindFreeSlotsInput>): FindFreeSlotsInput => ({
  window: { start: '2026-06-01T00:00:00Z', end: '2026-06-08T00:00:00Z' },
  busy: [],
  timeZone: 'UTC',
  workingHours: NO_HOURS,
  durationMinutes: 30,
  now: '2000-01-01T00:00:00Z',
  ...overrides,
});

const run = (overrides: Partial<FindFreeSlotsInput>) => findFreeSlots(base(overrides));
const pairs = (slots: Slot[]) => slots.map((slot) => [slot.start, slot.end]);

/** Periods on `date` only (its weekday; the window's other days are other weekdays). */
const onDay = (date: string, timeZone: string, periods: WorkingPeriod[], rest: Partial<FindFreeSlotsInput> = {}) =>
  pairs(run({ window: around(date), timeZone, workingHours: hours({ [weekdayOf(date)]: periods }), ...rest }));

const ms = (iso: string) => Temporal.Instant.from(iso).epochMilliseconds;

/** What each zone's transitions in 2026 are, per Temporal, as [instant, offset before, offset after]. */
function transitions2026(timeZone: string) {
  const out: { at: Temporal.ZonedDateTime; before: string; after: string }[] = [];
  let zoned = Temporal.ZonedDateTime.from({ year: 2026, month: 1, day: 1, timeZone });
  for (;;) {
    const next = zoned.getTimeZoneTransition('next');
    if (!next || next.year > 2026) break;
    out.push({ at: next, before: next.subtract({ nanoseconds: 1 }).offset, after: next.offset });
    zoned = next;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Clock changes

describe('the zones and their 2026 clock changes (as Temporal reports them)', () => {
  it.each([
    ['America/New_York', ['2026-03-08T03:00:00-04:00 -05:00→-04:00', '2026-11-01T01:00:00-05:00 -04:00→-05:00']],
    ['Europe/London', ['2026-03-29T02:00:00+01:00 +00:00→+01:00', '2026-10-25T01:00:00+00:00 +01:00→+00:00']],
    ['Australia/Lord_Howe', ['2026-04-05T01:30:00+10:30 +11:00→+10:30', '2026-10-04T02:30:00+11:00 +10:30→+11:00']],
    ['Pacific/Chatham', ['2026-04-05T02:45:00+12:45 +13:45→+12:45', '2026-09-27T03:45:00+13:45 +12:45→+13:45']],
    ['Asia/Kolkata', []],
  ])('%s', (timeZone, expected) => {
    const seen = transitions2026(timeZone).map((t) => `${t.at.toString({ timeZoneName: 'never' })} ${t.before}→${t.after}`);
    expect(seen).toEqual(expected);
    expect(dstChangesBetween('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', timeZone).map((c) => `${c.at} ${c.offsetBefore}→${c.offsetAfter}`)).toEqual(expected);
  });
});

describe('working hours across clock changes', () => {
  const cases: { name: string; timeZone: string; date: string; periods: WorkingPeriod[]; duration: number; step?: number; expected: string[][] }[] = [
    // New York, spring forward 2026-03-08 02:00 → 03:00.
    {
      name: 'NY spring forward: 01:30–03:30 is one hour of elapsed time',
      timeZone: 'America/New_York', date: '2026-03-08', periods: [period('01:30', '03:30')], duration: 30,
      expected: [['2026-03-08T01:30:00-05:00', '2026-03-08T03:00:00-04:00'], ['2026-03-08T03:00:00-04:00', '2026-03-08T03:30:00-04:00']],
    },
    {
      name: 'NY spring forward: a 60-minute meeting fits 01:30–03:30 exactly once',
      timeZone: 'America/New_York', date: '2026-03-08', periods: [period('01:30', '03:30')], duration: 60,
      expected: [['2026-03-08T01:30:00-05:00', '2026-03-08T03:30:00-04:00']],
    },
    {
      name: 'NY spring forward: a period starting in the gap (02:30) starts at 03:30',
      timeZone: 'America/New_York', date: '2026-03-08', periods: [period('02:30', '04:00')], duration: 30,
      expected: [['2026-03-08T03:30:00-04:00', '2026-03-08T04:00:00-04:00']],
    },
    {
      name: 'NY spring forward: a period ending in the gap (02:30) ends at 03:30',
      timeZone: 'America/New_York', date: '2026-03-08', periods: [period('00:00', '02:30')], duration: 60,
      expected: [['2026-03-08T00:00:00-05:00', '2026-03-08T01:00:00-05:00'], ['2026-03-08T01:00:00-05:00', '2026-03-08T03:00:00-04:00']],
    },
    {
      name: 'NY spring forward: a period wholly inside the gap (02:00–02:45) moves forward by the jump, to 03:00–03:45',
      timeZone: 'America/New_York', date: '2026-03-08', periods: [period('02:00', '02:45')], duration: 15,
      expected: [
        ['2026-03-08T03:00:00-04:00', '2026-03-08T03:15:00-04:00'],
        ['2026-03-08T03:15:00-04:00', '2026-03-08T03:30:00-04:00'],
        ['2026-03-08T03:30:00-04:00', '2026-03-08T03:45:00-04:00'],
      ],
    },
    // New York, fall back 2026-11-01 02:00 → 01:00.
    {
      name: 'NY fall back: 01:30–03:30 is 2 + 1 = 3 hours of elapsed time',
      timeZone: 'America/New_York', date: '2026-11-01', periods: [period('01:30', '03:30')], duration: 60,
      expected: [
        ['2026-11-01T01:30:00-04:00', '2026-11-01T01:30:00-05:00'],
        ['2026-11-01T01:30:00-05:00', '2026-11-01T02:30:00-05:00'],
        ['2026-11-01T02:30:00-05:00', '2026-11-01T03:30:00-05:00'],
      ],
    },
    {
      name: 'NY fall back: the repeated hour means its first occurrence (01:00–02:00 is two hours)',
      timeZone: 'America/New_York', date: '2026-11-01', periods: [period('01:00', '02:00')], duration: 60,
      expected: [['2026-11-01T01:00:00-04:00', '2026-11-01T01:00:00-05:00'], ['2026-11-01T01:00:00-05:00', '2026-11-01T02:00:00-05:00']],
    },
    {
      name: 'NY fall back: 01:30–01:45 is the first quarter hour, not the second',
      timeZone: 'America/New_York', date: '2026-11-01', periods: [period('01:30', '01:45')], duration: 15,
      expected: [['2026-11-01T01:30:00-04:00', '2026-11-01T01:45:00-04:00']],
    },
    {
      name: 'NY fall back: steps are elapsed time, so they walk through both 01:xx hours',
      timeZone: 'America/New_York', date: '2026-11-01', periods: [period('00:30', '02:00')], duration: 30, step: 45,
      expected: [
        ['2026-11-01T00:30:00-04:00', '2026-11-01T01:00:00-04:00'],
        ['2026-11-01T01:15:00-04:00', '2026-11-01T01:45:00-04:00'],
        ['2026-11-01T01:00:00-05:00', '2026-11-01T01:30:00-05:00'],
      ],
    },
    // London.
    {
      name: 'London spring forward 2026-03-29: 00:30–02:30 is one hour; UTC is written +00:00',
      timeZone: 'Europe/London', date: '2026-03-29', periods: [period('00:30', '02:30')], duration: 30,
      expected: [['2026-03-29T00:30:00+00:00', '2026-03-29T02:00:00+01:00'], ['2026-03-29T02:00:00+01:00', '2026-03-29T02:30:00+01:00']],
    },
    {
      name: 'London fall back 2026-10-25: 00:30–02:30 is three hours',
      timeZone: 'Europe/London', date: '2026-10-25', periods: [period('00:30', '02:30')], duration: 60,
      expected: [
        ['2026-10-25T00:30:00+01:00', '2026-10-25T01:30:00+01:00'],
        ['2026-10-25T01:30:00+01:00', '2026-10-25T01:30:00+00:00'],
        ['2026-10-25T01:30:00+00:00', '2026-10-25T02:30:00+00:00'],
      ],
    },
    // Lord Howe: half-hour shifts.
    {
      name: 'Lord Howe back 2026-04-05 (02:00 → 01:30): 01:00–03:00 is 2.5 hours',
      timeZone: 'Australia/Lord_Howe', date: '2026-04-05', periods: [period('01:00', '03:00')], duration: 30,
      expected: [
        ['2026-04-05T01:00:00+11:00', '2026-04-05T01:30:00+11:00'],
        ['2026-04-05T01:30:00+11:00', '2026-04-05T01:30:00+10:30'],
        ['2026-04-05T01:30:00+10:30', '2026-04-05T02:00:00+10:30'],
        ['2026-04-05T02:00:00+10:30', '2026-04-05T02:30:00+10:30'],
        ['2026-04-05T02:30:00+10:30', '2026-04-05T03:00:00+10:30'],
      ],
    },
    {
      name: 'Lord Howe back: 01:45 means the first 01:45 (+11:00)',
      timeZone: 'Australia/Lord_Howe', date: '2026-04-05', periods: [period('01:45', '02:15')], duration: 30, step: 15,
      expected: [
        ['2026-04-05T01:45:00+11:00', '2026-04-05T01:45:00+10:30'],
        ['2026-04-05T01:30:00+10:30', '2026-04-05T02:00:00+10:30'],
        ['2026-04-05T01:45:00+10:30', '2026-04-05T02:15:00+10:30'],
      ],
    },
    {
      name: 'Lord Howe forward 2026-10-04 (02:00 → 02:30): 01:00–03:00 is 1.5 hours',
      timeZone: 'Australia/Lord_Howe', date: '2026-10-04', periods: [period('01:00', '03:00')], duration: 30,
      expected: [
        ['2026-10-04T01:00:00+10:30', '2026-10-04T01:30:00+10:30'],
        ['2026-10-04T01:30:00+10:30', '2026-10-04T02:30:00+11:00'],
        ['2026-10-04T02:30:00+11:00', '2026-10-04T03:00:00+11:00'],
      ],
    },
    {
      name: 'Lord Howe forward: a period starting at 02:15 (in the gap) starts at 02:45',
      timeZone: 'Australia/Lord_Howe', date: '2026-10-04', periods: [period('02:15', '03:15')], duration: 30,
      expected: [['2026-10-04T02:45:00+11:00', '2026-10-04T03:15:00+11:00']],
    },
    // Chatham: +13:45 / +12:45.
    {
      name: 'Chatham back 2026-04-05 (03:45 → 02:45): 02:00–04:00 is three hours',
      timeZone: 'Pacific/Chatham', date: '2026-04-05', periods: [period('02:00', '04:00')], duration: 60,
      expected: [
        ['2026-04-05T02:00:00+13:45', '2026-04-05T03:00:00+13:45'],
        ['2026-04-05T03:00:00+13:45', '2026-04-05T03:00:00+12:45'],
        ['2026-04-05T03:00:00+12:45', '2026-04-05T04:00:00+12:45'],
      ],
    },
    {
      name: 'Chatham forward 2026-09-27 (02:45 → 03:45): 02:00–04:00 is one hour',
      timeZone: 'Pacific/Chatham', date: '2026-09-27', periods: [period('02:00', '04:00')], duration: 60,
      expected: [['2026-09-27T02:00:00+12:45', '2026-09-27T04:00:00+13:45']],
    },
    {
      name: 'Chatham forward: 03:00 is in the gap and becomes 04:00',
      timeZone: 'Pacific/Chatham', date: '2026-09-27', periods: [period('03:00', '05:00')], duration: 60,
      expected: [['2026-09-27T04:00:00+13:45', '2026-09-27T05:00:00+13:45']],
    },
    // Kolkata: no DST, half-hour offset.
    {
      name: 'Kolkata: +05:30 all year, 24:00 ends at the next midnight',
      timeZone: 'Asia/Kolkata', date: '2026-03-08', periods: [period('09:00', '10:00'), period('23:00', '24:00')], duration: 30,
      expected: [
        ['2026-03-08T09:00:00+05:30', '2026-03-08T09:30:00+05:30'],
        ['2026-03-08T09:30:00+05:30', '2026-03-08T10:00:00+05:30'],
        ['2026-03-08T23:00:00+05:30', '2026-03-08T23:30:00+05:30'],
        ['2026-03-08T23:30:00+05:30', '2026-03-09T00:00:00+05:30'],
      ],
    },
  ];

  it.each(cases)('$name', ({ timeZone, date, periods, duration, step, expected }) => {
    expect(onDay(date, timeZone, periods, { durationMinutes: duration, stepMinutes: step })).toEqual(expected);
  });
});

describe('America/Santiago (dates derived from Temporal)', () => {
  let fallBack: { at: Temporal.ZonedDateTime; before: string; after: string };
  let springForward: { at: Temporal.ZonedDateTime; before: string; after: string };

  beforeAll(() => {
    const found = transitions2026('America/Santiago');
    expect(found).toHaveLength(2);
    [fallBack, springForward] = found as [typeof fallBack, typeof springForward];
  });

  it('falls back from local midnight of April 5 to 23:00 on April 4, and springs forward from midnight to 01:00 on September 6', () => {
    expect([fallBack.before, fallBack.after]).toEqual(['-03:00', '-04:00']);
    expect(fallBack.at.toString({ timeZoneName: 'never' })).toBe('2026-04-04T23:00:00-04:00');
    expect(fallBack.at.subtract({ nanoseconds: 1 }).toPlainDate().toString()).toBe('2026-04-04');
    expect([springForward.before, springForward.after]).toEqual(['-04:00', '-03:00']);
    expect(springForward.at.toString({ timeZoneName: 'never' })).toBe('2026-09-06T01:00:00-03:00');
    expect(formatOffsetIso(fallBack.at.epochMilliseconds - 1000, 'America/Santiago')).toBe('2026-04-04T23:59:59-03:00');
    expect(formatOffsetIso(springForward.at.epochMilliseconds - 1000, 'America/Santiago')).toBe('2026-09-05T23:59:59-04:00');
  });

  it('the evening before the fall-back (22:00–24:00) holds three hours', () => {
    const date = fallBack.at.toPlainDate().toString(); // 2026-04-04, a Saturday
    expect(onDay(date, 'America/Santiago', [period('22:00', '24:00')], { durationMinutes: 60 })).toEqual([
      ['2026-04-04T22:00:00-03:00', '2026-04-04T23:00:00-03:00'],
      ['2026-04-04T23:00:00-03:00', '2026-04-04T23:00:00-04:00'],
      ['2026-04-04T23:00:00-04:00', '2026-04-05T00:00:00-04:00'],
    ]);
  });

  it('on the spring-forward day midnight does not exist: 00:00–02:00 starts at 01:00', () => {
    const date = springForward.at.toPlainDate().toString(); // 2026-09-06
    expect(onDay(date, 'America/Santiago', [period('00:00', '02:00')])).toEqual([
      ['2026-09-06T01:00:00-03:00', '2026-09-06T01:30:00-03:00'],
      ['2026-09-06T01:30:00-03:00', '2026-09-06T02:00:00-03:00'],
    ]);
  });

  it('24:00 on the evening before the spring-forward is the next day’s 01:00', () => {
    const date = springForward.at.toPlainDate().subtract({ days: 1 }).toString(); // 2026-09-05
    expect(onDay(date, 'America/Santiago', [period('23:00', '24:00')], { durationMinutes: 60 })).toEqual([
      ['2026-09-05T23:00:00-04:00', '2026-09-06T01:00:00-03:00'],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Rules

describe('step, buffer, notice, busy time, window', () => {
  const monday = '2026-06-01'; // a Monday
  const nineToTwelve = hours({ mon: [period('09:00', '12:00')] });
  const day = (extra: Partial<FindFreeSlotsInput>) => pairs(run({ workingHours: nineToTwelve, ...extra })).map(([s]) => s!.slice(11, 16));

  it('starts every duration by default', () => {
    expect(day({ durationMinutes: 60 })).toEqual(['09:00', '10:00', '11:00']);
  });

  it('a step shorter than the duration gives overlapping slots', () => {
    expect(day({ durationMinutes: 60, stepMinutes: 30 })).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00']);
  });

  it('a step longer than the duration leaves gaps; the last slot must still fit', () => {
    expect(day({ durationMinutes: 30, stepMinutes: 45 })).toEqual(['09:00', '09:45', '10:30', '11:15']);
    expect(day({ durationMinutes: 50, stepMinutes: 45 })).toEqual(['09:00', '09:45', '10:30']);
  });

  it('a period shorter than the duration has no slot', () => {
    expect(day({ durationMinutes: 181 })).toEqual([]);
    expect(day({ durationMinutes: 180 })).toEqual(['09:00']);
  });

  it('slot ends are start + duration', () => {
    expect(pairs(run({ workingHours: nineToTwelve, durationMinutes: 90 }))).toEqual([
      ['2026-06-01T09:00:00+00:00', '2026-06-01T10:30:00+00:00'],
      ['2026-06-01T10:30:00+00:00', '2026-06-01T12:00:00+00:00'],
    ]);
  });

  it('touching busy intervals do not clash', () => {
    const busy = [{ start: `${monday}T10:00:00Z`, end: `${monday}T11:00:00Z` }];
    expect(day({ durationMinutes: 60, busy })).toEqual(['09:00', '11:00']);
  });

  it('keeps the buffer free on both sides', () => {
    const busy = [{ start: `${monday}T10:00:00Z`, end: `${monday}T10:30:00Z` }];
    expect(day({ durationMinutes: 30, stepMinutes: 15, bufferMinutes: 15, busy })).toEqual(['09:00', '09:15', '10:45', '11:00', '11:15', '11:30']);
    expect(day({ durationMinutes: 30, stepMinutes: 15, busy })).toEqual(['09:00', '09:15', '09:30', '10:30', '10:45', '11:00', '11:15', '11:30']);
  });

  it('the buffer does not need working time around the slot', () => {
    expect(day({ durationMinutes: 60, bufferMinutes: 30 })).toEqual(['09:00', '10:00', '11:00']);
  });

  it('a buffer exactly touching busy time is fine', () => {
    const busy = [{ start: `${monday}T08:00:00Z`, end: `${monday}T08:45:00Z` }, { start: `${monday}T10:15:00Z`, end: `${monday}T10:20:00Z` }];
    // 09:00 − 15 min touches 08:45; 09:00 + 60 + 15 touches 10:15; 10:45 − 15 is past 10:20.
    expect(day({ durationMinutes: 60, stepMinutes: 15, bufferMinutes: 15, busy })).toEqual(['09:00', '10:45', '11:00']);
  });

  it('minimum notice counts from now; candidates stay on the period’s grid', () => {
    expect(day({ durationMinutes: 30, now: `${monday}T09:10:00Z`, minNoticeMinutes: 60 })).toEqual(['10:30', '11:00', '11:30']);
    expect(day({ durationMinutes: 30, now: `${monday}T09:30:00Z`, minNoticeMinutes: 60 })).toEqual(['10:30', '11:00', '11:30']);
    expect(day({ durationMinutes: 30, now: `${monday}T09:10:00Z` })).toEqual(['09:30', '10:00', '10:30', '11:00', '11:30']);
    expect(day({ durationMinutes: 30, now: `${monday}T12:00:00Z` })).toEqual([]);
  });

  it('busy time spanning days blocks all of it', () => {
    const busy = [{ start: '2026-06-01T16:00:00Z', end: '2026-06-03T10:00:00Z' }];
    const all = hours({ mon: [period('09:00', '17:00')], tue: [period('09:00', '17:00')], wed: [period('09:00', '12:00')] });
    expect(pairs(run({ workingHours: all, durationMinutes: 60, busy })).map(([s]) => s!.slice(0, 16))).toEqual([
      '2026-06-01T09:00', '2026-06-01T10:00', '2026-06-01T11:00', '2026-06-01T12:00', '2026-06-01T13:00', '2026-06-01T14:00', '2026-06-01T15:00',
      '2026-06-03T10:00', '2026-06-03T11:00',
    ]);
  });

  it('unsorted, overlapping and nested busy intervals; empty and inverted ones are ignored', () => {
    const busy = [
      { start: `${monday}T11:00:00Z`, end: `${monday}T11:15:00Z` },
      { start: `${monday}T09:20:00+00:00`, end: `${monday}T09:40:00Z` },
      { start: `${monday}T10:30:00Z`, end: `${monday}T09:00:00Z` }, // inverted: ignored
      { start: `${monday}T09:30:00Z`, end: `${monday}T10:05:00.000Z` },
      { start: `${monday}T09:35:00Z`, end: `${monday}T09:36:00Z` }, // nested
      { start: `${monday}T11:30:00Z`, end: `${monday}T11:30:00Z` }, // empty: ignored
      { start: `${monday}T05:10:00-05:00`, end: `${monday}T06:12:00-05:00` }, // 10:10–11:12 UTC
    ];
    expect(day({ durationMinutes: 15, busy })).toEqual(['09:00', '11:15', '11:30', '11:45']);
  });

  it('the window clips slots at both ends, to the millisecond', () => {
    expect(day({ durationMinutes: 30, window: { start: `${monday}T09:20:00Z`, end: `${monday}T11:40:00Z` } })).toEqual(['09:30', '10:00', '10:30', '11:00']);
    expect(day({ durationMinutes: 30, window: { start: `${monday}T09:00:00.001Z`, end: `${monday}T12:00:00Z` } })).toEqual(['09:30', '10:00', '10:30', '11:00', '11:30']);
    expect(day({ durationMinutes: 30, window: { start: `${monday}T09:00:00Z`, end: `${monday}T11:59:59.999Z` } })).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00']);
  });

  it('an empty or inverted window has no slots', () => {
    expect(day({ window: { start: `${monday}T12:00:00Z`, end: `${monday}T09:00:00Z` } })).toEqual([]);
    expect(day({ window: { start: `${monday}T09:00:00Z`, end: `${monday}T09:00:00Z` } })).toEqual([]);
  });

  it('considers every local date meeting the window, even one that starts before it in UTC', () => {
    // 2026-06-01T00:00Z–2026-06-02T00:00Z is June 1 05:30 to June 2 05:30 in Kolkata: June 2 (a Tuesday) counts.
    const result = run({
      window: { start: '2026-06-01T00:00:00Z', end: '2026-06-02T00:00:00Z' },
      timeZone: 'Asia/Kolkata',
      workingHours: hours({ mon: [period('01:00', '02:00'), period('09:00', '10:00')], tue: [period('01:00', '02:00'), period('05:00', '06:00')] }),
      durationMinutes: 60,
    });
    expect(pairs(result)).toEqual([
      ['2026-06-01T09:00:00+05:30', '2026-06-01T10:00:00+05:30'],
      ['2026-06-02T01:00:00+05:30', '2026-06-02T02:00:00+05:30'],
    ]);
  });

  it('24:00 means the next local midnight', () => {
    expect(pairs(run({ workingHours: hours({ mon: [period('22:00', '24:00')] }), durationMinutes: 60 }))).toEqual([
      ['2026-06-01T22:00:00+00:00', '2026-06-01T23:00:00+00:00'],
      ['2026-06-01T23:00:00+00:00', '2026-06-02T00:00:00+00:00'],
    ]);
    expect(pairs(run({ workingHours: hours({ sun: [period('00:00', '24:00')] }), durationMinutes: 24 * 60 }))).toEqual([
      ['2026-06-07T00:00:00+00:00', '2026-06-08T00:00:00+00:00'],
    ]);
  });

  it('a period ending at 24:00 across a fall-back is 25 hours long in New York', () => {
    expect(onDay('2026-11-01', 'America/New_York', [period('00:00', '24:00')], { durationMinutes: 25 * 60 })).toEqual([
      ['2026-11-01T00:00:00-04:00', '2026-11-02T00:00:00-05:00'],
    ]);
    expect(onDay('2026-03-08', 'America/New_York', [period('00:00', '24:00')], { durationMinutes: 23 * 60 })).toEqual([
      ['2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00'],
    ]);
  });

  it('empty periods (end ≤ start) give nothing', () => {
    expect(day({ workingHours: hours({ mon: [period('12:00', '09:00'), period('10:00', '10:00')] }) })).toEqual([]);
  });

  it('overlapping periods list a slot once, in order', () => {
    expect(day({ durationMinutes: 60, workingHours: hours({ mon: [period('10:00', '12:00'), period('09:00', '11:00')] }) })).toEqual(['09:00', '10:00', '11:00']);
    expect(day({ durationMinutes: 60, workingHours: hours({ mon: [period('09:00', '11:00'), period('09:30', '11:30'), period('09:00', '11:00')] }) })).toEqual([
      '09:00', '09:30', '10:00', '10:30',
    ]);
    // Touching periods do not join into a longer one.
    expect(day({ durationMinutes: 90, workingHours: hours({ mon: [period('09:00', '10:00'), period('10:00', '12:00')] }) })).toEqual(['10:00']);
  });

  it('missing weekdays have no hours', () => {
    expect(run({ workingHours: { mon: [period('09:00', '10:00')] } as unknown as WorkingHours })).toHaveLength(2);
  });

  it('reads busy instants in any ISO 8601 form Temporal accepts', () => {
    const busy = [
      { start: '2026-06-01T09:00:00.5+00:00', end: '2026-06-01T09:30:00.123456789Z' },
      { start: '2026-06-01T10:00Z', end: '2026-06-01T10:30:00+00:00[Europe/London]' },
      { start: '20260601T110000Z', end: '2026-06-01T07:30:00-04:00' },
    ];
    // 09:30 is taken too: the first interval ends 123 ms after it starts.
    expect(day({ busy })).toEqual(['10:30', '11:30']);
  });
});

describe('bad input', () => {
  const good = base({ workingHours: hours({ mon: [period('09:00', '17:00')] }) });
  const cases: [string, Partial<FindFreeSlotsInput> | ((input: FindFreeSlotsInput) => unknown), RegExp][] = [
    ['window.start not ISO', { window: { start: 'yesterday', end: '2026-06-08T00:00:00Z' } }, /^window\.start:/],
    ['window.start without an offset', { window: { start: '2026-06-01T00:00:00', end: '2026-06-08T00:00:00Z' } }, /^window\.start:/],
    ['window.end not a string', { window: { start: '2026-06-01T00:00:00Z', end: 5 as unknown as string } }, /^window\.end:/],
    ['window.end impossible date', { window: { start: '2026-06-01T00:00:00Z', end: '2026-02-30T00:00:00Z' } }, /^window\.end:/],
    ['window missing', { window: undefined as unknown as FindFreeSlotsInput['window'] }, /^window:/],
    ['now bad', { now: '2026-06-01 noon' }, /^now:/],
    ['unknown zone', { timeZone: 'Mars/Olympus_Mons' }, /^timeZone:.*Mars\/Olympus_Mons/],
    ['empty zone', { timeZone: '' }, /^timeZone:/],
    ['zero duration', { durationMinutes: 0 }, /^durationMinutes:/],
    ['negative duration', { durationMinutes: -30 }, /^durationMinutes:/],
    ['NaN duration', { durationMinutes: Number.NaN }, /^durationMinutes:/],
    ['fractional duration', { durationMinutes: 22.5 }, /^durationMinutes:/],
    ['zero step', { stepMinutes: 0 }, /^stepMinutes:/],
    ['negative step', { stepMinutes: -15 }, /^stepMinutes:/],
    ['infinite step', { stepMinutes: Number.POSITIVE_INFINITY }, /^stepMinutes:/],
    ['negative buffer', { bufferMinutes: -5 }, /^bufferMinutes:/],
    ['negative notice', { minNoticeMinutes: -1 }, /^minNoticeMinutes:/],
    ['H:MM', { workingHours: hours({ tue: [period('9:00', '17:00')] }) }, /^workingHours\.tue\[0\]\.start:.*"9:00"/],
    ['25:00', { workingHours: hours({ mon: [period('09:00', '12:00'), period('13:00', '25:00')] }) }, /^workingHours\.mon\[1\]\.end:/],
    ['09:60', { workingHours: hours({ wed: [period('09:60', '10:00')] }) }, /^workingHours\.wed\[0\]\.start:/],
    ['24:00 as a start', { workingHours: hours({ wed: [period('24:00', '24:00')] }) }, /^workingHours\.wed\[0\]\.start:/],
    ['24:01', { workingHours: hours({ fri: [period('09:00', '24:01')] }) }, /^workingHours\.fri\[0\]\.end:/],
    ['09:00:00', { workingHours: hours({ fri: [period('09:00:00', '10:00')] }) }, /^workingHours\.fri\[0\]\.start:/],
    ['not an array', { workingHours: hours({ sat: '09:00-17:00' as unknown as WorkingPeriod[] }) }, /^workingHours\.sat:/],
    ['unknown weekday', { workingHours: { ...NO_HOURS, funday: [] } as unknown as WorkingHours }, /^workingHours\.funday:/],
    ['busy not an array', { busy: 'busy' as unknown as [] }, /^busy:/],
    ['busy start bad', { busy: [{ start: '2026-06-01T09:00:00Z', end: '2026-06-01T10:00:00Z' }, { start: 'soon', end: '2026-06-01T10:00:00Z' }] }, /^busy\[1\]\.start:/],
    ['busy end missing', { busy: [{ start: '2026-06-01T09:00:00Z' } as unknown as Slot] }, /^busy\[0\]\.end:/],
    ['busy 24:00', { busy: [{ start: '2026-06-01T09:00:00Z', end: '2026-06-01T24:00:00Z' }] }, /^busy\[0\]\.end:/],
  ];

  it.each(cases)('%s', (_name, change, message) => {
    const input = typeof change === 'function' ? (change(good) as FindFreeSlotsInput) : { ...good, ...change };
    let thrown: unknown;
    try {
      findFreeSlots(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RangeError);
    expect((thrown as RangeError).message).toMatch(message);
  });

  it('a bad busy interval is reported even when the window is empty', () => {
    expect(() => findFreeSlots({ ...good, window: { start: '2026-06-01T00:00:00Z', end: '2026-06-01T00:00:00Z' }, busy: [{ start: 'x', end: 'y' }] })).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// Helpers for the panel

describe('groupSlotsByDay', () => {
  it('groups by the local date of the start, in order', () => {
    const slots = run({
      window: { start: '2026-03-07T00:00:00Z', end: '2026-03-10T12:00:00Z' },
      timeZone: 'America/New_York',
      workingHours: hours({ sat: [period('23:00', '24:00')], sun: [period('01:00', '04:00')], mon: [period('00:00', '01:00')] }),
      durationMinutes: 60,
    });
    const grouped = groupSlotsByDay(slots, 'America/New_York');
    expect([...grouped.keys()]).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
    expect(grouped.get('2026-03-08')!.map((s) => s.start)).toEqual(['2026-03-08T01:00:00-05:00', '2026-03-08T03:00:00-04:00']);
    // The same slots read in another zone fall on other dates.
    const inTokyo = groupSlotsByDay(slots, 'Asia/Tokyo');
    expect([...inTokyo.keys()]).toEqual(['2026-03-08', '2026-03-09']);
    expect(inTokyo.get('2026-03-08')!).toHaveLength(3);
  });

  it('accepts Z and any offset', () => {
    const grouped = groupSlotsByDay([{ start: '2026-06-01T23:30:00Z' }, { start: '2026-06-02T03:59:00+04:00' }], 'Asia/Kolkata');
    expect([...grouped.entries()].map(([day, list]) => [day, list.length])).toEqual([['2026-06-02', 2]]);
  });

  it('rejects an unknown zone', () => {
    expect(() => groupSlotsByDay([], 'Nowhere/Town')).toThrow(RangeError);
  });
});

describe('dstChangesBetween', () => {
  it('lists changes in [start, end)', () => {
    const changes = dstChangesBetween('2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00', 'America/New_York');
    expect(changes).toEqual([
      { at: '2026-03-08T03:00:00-04:00', epochMs: ms('2026-03-08T07:00:00Z'), date: '2026-03-08', offsetBefore: '-05:00', offsetAfter: '-04:00', deltaMinutes: 60 },
    ]);
    expect(dstChangesBetween(ms('2026-03-08T07:00:00Z'), ms('2026-03-08T07:00:00.001Z'), 'America/New_York')).toHaveLength(1);
    expect(dstChangesBetween(ms('2026-03-08T06:00:00Z'), ms('2026-03-08T07:00:00Z'), 'America/New_York')).toEqual([]);
    expect(dstChangesBetween('2026-03-09T00:00:00Z', '2026-03-01T00:00:00Z', 'America/New_York')).toEqual([]);
  });

  it('reports Lord Howe’s half hours and Chatham’s quarter-hour offsets', () => {
    expect(dstChangesBetween('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', 'Australia/Lord_Howe').map((c) => c.deltaMinutes)).toEqual([-30, 30]);
    expect(dstChangesBetween('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', 'Pacific/Chatham').map((c) => [c.date, c.offsetAfter])).toEqual([
      ['2026-04-05', '+12:45'],
      ['2026-09-27', '+13:45'],
    ]);
  });

  it('is empty for a zone without changes', () => {
    expect(dstChangesBetween('2020-01-01T00:00:00Z', '2030-01-01T00:00:00Z', 'Asia/Kolkata')).toEqual([]);
    expect(dstChangesBetween('2020-01-01T00:00:00Z', '2030-01-01T00:00:00Z', 'UTC')).toEqual([]);
  });
});

describe('formatOffsetIso', () => {
  it.each([
    ['2026-03-09T13:00:00Z', 'America/New_York', '2026-03-09T09:00:00-04:00'],
    ['2026-01-09T14:00:00Z', 'America/New_York', '2026-01-09T09:00:00-05:00'],
    ['2026-06-01T12:00:00Z', 'UTC', '2026-06-01T12:00:00+00:00'],
    ['2026-01-01T12:00:00Z', 'Europe/London', '2026-01-01T12:00:00+00:00'],
    ['2026-01-01T00:00:00Z', 'Australia/Lord_Howe', '2026-01-01T11:00:00+11:00'],
    ['2026-06-01T00:00:00Z', 'Australia/Lord_Howe', '2026-06-01T10:30:00+10:30'],
    ['2026-01-01T00:00:00Z', 'Pacific/Chatham', '2026-01-01T13:45:00+13:45'],
    ['2026-06-01T00:00:00Z', 'Pacific/Chatham', '2026-06-01T12:45:00+12:45'],
    ['2026-06-01T00:00:00Z', 'Asia/Kolkata', '2026-06-01T05:30:00+05:30'],
    ['2026-06-01T00:00:00.999Z', 'Asia/Kolkata', '2026-06-01T05:30:00+05:30'],
  ])('%s in %s', (instant, timeZone, expected) => {
    expect(formatOffsetIso(ms(instant), timeZone)).toBe(expected);
  });
});

describe('busy preparation', () => {
  it('merges overlapping and touching intervals, keeps gaps', () => {
    const busy = [
      ['2026-06-01T10:00:00Z', '2026-06-01T11:00:00Z'],
      ['2026-06-01T09:00:00Z', '2026-06-01T09:30:00Z'],
      ['2026-06-01T10:30:00Z', '2026-06-01T10:45:00Z'],
      ['2026-06-01T11:00:00Z', '2026-06-01T11:30:00Z'],
      ['2026-06-01T12:00:00Z', '2026-06-01T12:00:00Z'],
      ['2026-06-01T08:00:00Z', '2026-06-01T08:59:00Z'],
    ].map(([start, end]) => ({ start: start!, end: end! }));
    const merged = mergeBusy(parseBusySorted(busy));
    const iso = (values: Float64Array) => [...values].map((v) => new Date(v).toISOString().slice(11, 16));
    expect([iso(merged.starts), iso(merged.ends)]).toEqual([
      ['08:00', '09:00', '10:00'],
      ['08:59', '09:30', '11:30'],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties, against a brute-force reference

/** mulberry32 */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  return { next, int, pick };
}
type Random = ReturnType<typeof prng>;

const ZONES = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC'];
const MINUTE = 60_000;
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The same instant written some other way: Z, another offset, with a fraction. */
function writeInstant(random: Random, epochMs: number): string {
  const instant = Temporal.Instant.fromEpochMilliseconds(epochMs);
  switch (random.int(0, 3)) {
    case 0:
      return instant.toString();
    case 1:
      return instant.toString({ timeZone: random.pick(['+05:30', '-03:00', '+00:00', '+13:45']) });
    case 2:
      return instant.toString({ fractionalSecondDigits: 3 });
    default:
      return instant.toString({ timeZone: random.pick(ZONES) });
  }
}

/** Local wall-clock minutes around a zone's 2026 transitions (both readings), to aim periods at gaps and folds. */
function hotMinutes(timeZone: string): number[] {
  return transitions2026(timeZone).flatMap(({ at }) => {
    // The reading after the change, and the reading the clock would have shown without it.
    const justBefore = Temporal.Instant.fromEpochMilliseconds(at.epochMilliseconds - MINUTE).toZonedDateTimeISO(timeZone);
    return [at.hour * 60 + at.minute, (justBefore.hour * 60 + justBefore.minute + 1) % 1440];
  });
}

function randomInput(random: Random, timeZone: string, anchors: number[]): FindFreeSlotsInput {
  const hot = hotMinutes(timeZone);
  const near = () => Math.min(1439, Math.max(0, random.pick(hot) + random.pick([-45, -30, -15, -10, -5, 0, 0, 0, 5, 10, 15, 20, 30, 45])));
  const anchor = anchors.length > 0 && random.next() < 0.8 ? random.pick(anchors) : Date.UTC(2026, random.int(0, 11), random.int(1, 28));
  const windowStart = anchor - random.int(0, 36 * 60) * MINUTE + (random.next() < 0.3 ? random.int(0, 59_999) : 0);
  const windowEnd = windowStart + random.int(6 * 60, 3 * 24 * 60) * MINUTE;
  const workingHours = { ...NO_HOURS };
  for (const day of WEEKDAYS) {
    const periods: WorkingPeriod[] = [];
    for (let i = random.int(0, 3); i > 0; i--) {
      const grain = random.pick([1, 5, 15, 30]);
      const aimed = hot.length > 0 && random.next() < 0.4;
      const start = aimed ? near() : Math.floor(random.int(0, 1439) / grain) * grain;
      const end = random.next() < 0.15 ? 1440 : aimed && random.next() < 0.5 ? near() : Math.min(1439, Math.max(0, start + random.int(-60, 600)));
      periods.push(period(hhmm(start), end === 1440 ? '24:00' : hhmm(end)));
    }
    workingHours[day] = periods;
  }
  const busy: { start: string; end: string }[] = [];
  for (let i = random.int(0, 25); i > 0; i--) {
    const start = windowStart + random.int(-6 * 60, (windowEnd - windowStart) / MINUTE + 6 * 60) * MINUTE + (random.next() < 0.2 ? random.int(0, 59_999) : 0);
    const end = start + random.int(-30, 240) * MINUTE;
    busy.push({ start: writeInstant(random, start), end: writeInstant(random, end) });
  }
  const durationMinutes = random.pick([5, 10, 15, 20, 30, 45, 60, 90]);
  return {
    window: { start: writeInstant(random, windowStart), end: writeInstant(random, windowEnd) },
    busy,
    timeZone,
    workingHours,
    durationMinutes,
    stepMinutes: random.next() < 0.4 ? undefined : random.pick([5, 7, 10, 15, 25, 30, 60]),
    bufferMinutes: random.next() < 0.5 ? undefined : random.pick([0, 5, 10, 15, 30]),
    minNoticeMinutes: random.next() < 0.5 ? undefined : random.int(0, 600),
    now: writeInstant(random, windowStart + random.int(-24 * 60, 24 * 60) * MINUTE),
  };
}

const format = (zoned: Temporal.ZonedDateTime) => zoned.toString({ timeZoneName: 'never', fractionalSecondDigits: 0 });

/**
 * The contract, one minute at a time, with Temporal for everything: a minute t is a slot start when
 * some working period of its local date or the day before starts at or before t on the step grid,
 * the slot fits in the period and the window, t is past now + notice, and no busy interval meets
 * the buffered slot. (Every candidate start in these zones is a whole minute.)
 */
function reference(input: FindFreeSlotsInput): Slot[] {
  const { timeZone } = input;
  const instant = (iso: string) => Temporal.Instant.from(iso).epochMilliseconds;
  const duration = input.durationMinutes * MINUTE;
  const step = (input.stepMinutes ?? input.durationMinutes) * MINUTE;
  const buffer = (input.bufferMinutes ?? 0) * MINUTE;
  const windowStart = instant(input.window.start);
  const windowEnd = instant(input.window.end);
  const earliest = instant(input.now) + (input.minNoticeMinutes ?? 0) * MINUTE;
  const busy = input.busy.map((b) => [instant(b.start), instant(b.end)] as const).filter(([s, e]) => e > s);
  const periodCache = new Map<string, [number, number][]>();
  const periodsOf = (date: Temporal.PlainDate) => {
    const key = date.toString();
    let found = periodCache.get(key);
    if (!found) {
      const resolve = (d: Temporal.PlainDate, time: string) =>
        time === '24:00'
          ? d.add({ days: 1 }).toPlainDateTime(new Temporal.PlainTime(0, 0)).toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds
          : d.toPlainDateTime(Temporal.PlainTime.from(time)).toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
      found = (input.workingHours[WEEKDAYS[date.dayOfWeek - 1]!] ?? []).map((p) => [resolve(date, p.start), resolve(date, p.end)] as [number, number]);
      periodCache.set(key, found);
    }
    return found;
  };
  const slots: Slot[] = [];
  for (let t = Math.ceil(windowStart / MINUTE) * MINUTE; t + duration <= windowEnd; t += MINUTE) {
    if (t < earliest) continue;
    const zoned = Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(timeZone);
    const date = zoned.toPlainDate();
    const inPeriod = [date, date.subtract({ days: 1 })].some((d) =>
      periodsOf(d).some(([ps, pe]) => pe > ps && t >= ps && (t - ps) % step === 0 && t + duration <= pe),
    );
    if (!inPeriod) continue;
    if (busy.some(([bs, be]) => bs < t + duration + buffer && be > t - buffer)) continue;
    slots.push({ start: format(zoned), end: format(Temporal.Instant.fromEpochMilliseconds(t + duration).toZonedDateTimeISO(timeZone)) });
  }
  return slots;
}

describe('properties on seeded random inputs', () => {
  const anchorsByZone = new Map(ZONES.map((zone) => [zone, transitions2026(zone).map((t) => t.at.epochMilliseconds)]));

  it.each(ZONES)('%s: equals the minute-by-minute reference', (timeZone) => {
    const random = prng(0x5eed + ZONES.indexOf(timeZone));
    let total = 0;
    for (let i = 0; i < 14; i++) {
      const input = randomInput(random, timeZone, anchorsByZone.get(timeZone)!);
      const expected = reference(input);
      expect(findFreeSlots(input), JSON.stringify(input)).toEqual(expected);
      total += expected.length;
    }
    expect(total).toBeGreaterThan(20); // the inputs are not all empty
  });

  it.each(ZONES)('%s: slots are sorted, unique, inside working periods, clear of busy time (buffered), and written with the zone’s offset', (timeZone) => {
    const random = prng(0xbeef + ZONES.indexOf(timeZone));
    for (let i = 0; i < 10; i++) {
      const input = randomInput(random, timeZone, anchorsByZone.get(timeZone)!);
      // Longer windows and more busy time than the reference can afford.
      const windowStart = Temporal.Instant.from(input.window.start);
      input.window = { start: input.window.start, end: windowStart.add({ hours: random.int(3, 14) * 24 }).toString() };
      const extra = Array.from({ length: 150 }, () => {
        const start = windowStart.epochMilliseconds + random.int(0, 14 * 24 * 60) * MINUTE;
        return { start: writeInstant(random, start), end: writeInstant(random, start + random.int(1, 120) * MINUTE) };
      });
      input.busy = [...input.busy, ...extra];
      const slots = findFreeSlots(input);
      const buffer = (input.bufferMinutes ?? 0) * MINUTE;
      const duration = input.durationMinutes * MINUTE;
      const step = (input.stepMinutes ?? input.durationMinutes) * MINUTE;
      const busy = input.busy.map((b) => [ms(b.start), ms(b.end)] as const);
      let previous = -Infinity;
      for (const slot of slots) {
        const start = ms(slot.start);
        const end = ms(slot.end);
        expect(start).toBeGreaterThan(previous);
        previous = start;
        expect(end - start).toBe(duration);
        expect(start).toBeGreaterThanOrEqual(ms(input.window.start));
        expect(end).toBeLessThanOrEqual(ms(input.window.end));
        expect(start).toBeGreaterThanOrEqual(ms(input.now) + (input.minNoticeMinutes ?? 0) * MINUTE);
        const clash = busy.find(([bs, be]) => be > bs && bs < end + buffer && be > start - buffer);
        expect(clash, `${slot.start} clashes with busy time`).toBeUndefined();
        // Written with the offset the zone has at each instant.
        expect(slot.start).toBe(format(Temporal.Instant.from(slot.start).toZonedDateTimeISO(timeZone)));
        expect(slot.end).toBe(format(Temporal.Instant.from(slot.end).toZonedDateTimeISO(timeZone)));
        // Inside a working period of its local date, on that period's step grid.
        const date = Temporal.Instant.from(slot.start).toZonedDateTimeISO(timeZone).toPlainDate();
        const periods = input.workingHours[WEEKDAYS[date.dayOfWeek - 1]!].map((p) => {
          const at = (d: Temporal.PlainDate, time: string) => d.toZonedDateTime({ timeZone, plainTime: Temporal.PlainTime.from(time) }).epochMilliseconds;
          return [at(date, p.start), p.end === '24:00' ? at(date.add({ days: 1 }), '00:00') : at(date, p.end)] as const;
        });
        expect(periods.some(([ps, pe]) => start >= ps && end <= pe && (start - ps) % step === 0), `${slot.start} in a period`).toBe(true);
      }
    }
  });
});
