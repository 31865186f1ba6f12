// The org's calendar facts: Zoho's business hours as working hours, holidays as whole local days
// (real zones, across DST changes and a midnight that does not exist), the years of a window.
import { describe, expect, it } from 'vitest';
import { businessHolidays, holidayIntervals, holidaysInWindow, periodsFromTiming, workingHoursFromZoho, yearsOfWindow, type BusinessHours } from './calendar';
import { findFreeSlots } from './slots';

const none = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const allDay = [{ start: '00:00', end: '24:00' }];

describe('workingHoursFromZoho', () => {
  const cases: [string, BusinessHours | null, unknown][] = [
    // Zoho's sample on "Get Business Hours" (v8 via withone.ai; same shape in business_hours.json).
    [
      'custom, same every day, Mon–Sat 09:00–19:00',
      { business_days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'], custom_timing: null, daily_timing: ['09:00', '19:00'], id: '1', same_as_everyday: true, type: 'custom', week_starts_on: 'Monday' },
      { ...none, mon: [{ start: '09:00', end: '19:00' }], tue: [{ start: '09:00', end: '19:00' }], wed: [{ start: '09:00', end: '19:00' }], thu: [{ start: '09:00', end: '19:00' }], fri: [{ start: '09:00', end: '19:00' }], sat: [{ start: '09:00', end: '19:00' }] },
    ],
    // Zoho's v6 sample: custom timing per day, Mon–Thu.
    [
      'custom per day',
      {
        business_days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday'],
        custom_timing: [
          { days: 'Monday', business_timing: ['10:00', '17:00'] },
          { days: 'Thursday', business_timing: ['09:00', '18:30'] },
          { days: 'Wednesday', business_timing: ['11:00', '17:00'] },
          { days: 'Tuesday', business_timing: ['10:30', '17:00'] },
        ],
        daily_timing: null,
        week_starts_on: 'Monday',
        same_as_everyday: false,
        id: '3652397000001438001',
        type: 'custom',
      },
      { ...none, mon: [{ start: '10:00', end: '17:00' }], tue: [{ start: '10:30', end: '17:00' }], wed: [{ start: '11:00', end: '17:00' }], thu: [{ start: '09:00', end: '18:30' }] },
    ],
    ['24_by_7', { type: '24_by_7', business_days: [], same_as_everyday: null, daily_timing: null, custom_timing: null }, Object.fromEntries(Object.keys(none).map((d) => [d, allDay]))],
    ['24*5 (the docs’ spelling)', { type: '24*5', business_days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday'] }, { ...none, sun: allDay, mon: allDay, tue: allDay, wed: allDay, thu: allDay }],
    ['a custom_timing day that is not a business day', { type: 'custom', business_days: ['Monday'], same_as_everyday: false, custom_timing: [{ days: 'Monday', business_timing: ['08:00', '12:00'] }, { days: 'Sunday', business_timing: ['08:00', '12:00'] }] }, { ...none, mon: [{ start: '08:00', end: '12:00' }] }],
    ['no periods at all → null (the settings apply)', { type: 'custom', business_days: [], same_as_everyday: true, daily_timing: ['09:00', '17:00'] }, null],
    ['an unknown type → null', { type: 'lunar', business_days: ['Monday'] }, null],
    ['204 (no business hours) → null', null, null],
  ];
  it.each(cases)('%s', (_name, hours, expected) => {
    expect(workingHoursFromZoho(hours)).toEqual(expected);
  });
});

describe('periodsFromTiming', () => {
  it.each([
    [['09:00', '17:00'], [{ start: '09:00', end: '17:00' }]],
    [['9:00', '13:00', '14:00', '18:00'], [{ start: '09:00', end: '13:00' }, { start: '14:00', end: '18:00' }]],
    [['14:00', '18:00', '09:00', '14:30'], [{ start: '09:00', end: '18:00' }]],
    [['18:00', '00:00'], [{ start: '18:00', end: '24:00' }]],
    [['22:00', '06:00'], [{ start: '22:00', end: '24:00' }]],
    [['09:00'], []],
    [['9am', '5pm'], []],
    [null, []],
  ] as const)('%j → %j', (timing, expected) => {
    expect(periodsFromTiming(timing)).toEqual(expected);
  });
});

describe('holidayIntervals: the whole local day', () => {
  it.each([
    ['2026-12-25', 'Asia/Kolkata', '2026-12-24T18:30:00Z', '2026-12-25T18:30:00Z', 24],
    // DST starts in New York on Sunday 2026-03-08: a 23-hour day.
    ['2026-03-08', 'America/New_York', '2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z', 23],
    // DST ends in Berlin on Sunday 2026-10-25: a 25-hour day.
    ['2026-10-25', 'Europe/Berlin', '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z', 25],
    // Lord Howe moves by 30 minutes (2026-10-04): a 23½-hour day.
    ['2026-10-04', 'Australia/Lord_Howe', '2026-10-03T13:30:00Z', '2026-10-04T13:00:00Z', 23.5],
    // Santiago skips midnight on 2026-09-06: the day starts at 01:00 local.
    ['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00Z', '2026-09-07T03:00:00Z', 23],
  ])('%s in %s is [%s, %s) (%d h)', (date, zone, start, end, hours) => {
    const [interval] = holidayIntervals([{ date, name: 'x' }], zone);
    expect(interval).toEqual({ start, end });
    expect((Date.parse(end) - Date.parse(start)) / 3_600_000).toBe(hours);
  });

  it('a holiday leaves no slot that day, and the days around it keep theirs (Berlin, the day DST ends)', () => {
    const hours = { ...none, fri: [{ start: '09:00', end: '17:00' }], sat: allDay, sun: allDay, mon: [{ start: '09:00', end: '17:00' }] };
    const input = { window: { start: '2026-10-23T00:00:00Z', end: '2026-10-27T00:00:00Z' }, timeZone: 'Europe/Berlin', workingHours: hours, durationMinutes: 60, now: '2026-10-01T00:00:00Z' };
    const busy = holidayIntervals([{ date: '2026-10-25', name: 'x' }], 'Europe/Berlin');
    const days = (slots: { start: string }[]) => [...new Set(slots.map((slot) => slot.start.slice(0, 10)))];
    expect(days(findFreeSlots({ ...input, busy: [] }))).toEqual(['2026-10-23', '2026-10-24', '2026-10-25', '2026-10-26']);
    const slots = findFreeSlots({ ...input, busy });
    expect(days(slots)).toEqual(['2026-10-23', '2026-10-24', '2026-10-26']);
    // Saturday runs to its very end, Monday starts at 09:00 after the holiday.
    expect(slots.filter((slot) => slot.start.startsWith('2026-10-24')).at(-1)).toEqual({ start: '2026-10-24T23:00:00+02:00', end: '2026-10-25T00:00:00+02:00' });
  });
});

describe('holidays and windows', () => {
  it('keeps org-wide holidays only, named', () => {
    expect(
      businessHolidays([
        { date: '2026-12-25', name: 'Christmas', type: 'business_holiday' },
        { date: '2026-12-26', name: 'Night shift', type: 'shift_holiday' },
        { date: '2026-12-31', name: ' ', type: null },
      ]),
    ).toEqual([
      { date: '2026-12-25', name: 'Christmas' },
      { date: '2026-12-31', name: '2026-12-31' },
    ]);
  });

  it.each([
    // 14 days from 2026-12-24 10:00 in Kolkata reach into 2027.
    [Date.parse('2026-12-24T04:30:00Z'), 14, 'Asia/Kolkata', [2026, 2027]],
    [Date.parse('2026-06-01T00:00:00Z'), 14, 'Asia/Kolkata', [2026]],
    // 23:00 UTC on Dec 31 is already New Year in Kolkata, still the old year in Los Angeles.
    [Date.parse('2026-12-31T23:00:00Z'), 1, 'Asia/Kolkata', [2027]],
    [Date.parse('2026-12-31T23:00:00Z'), 1, 'America/Los_Angeles', [2026, 2027]],
  ])('yearsOfWindow(%d, %d days, %s)', (start, days, zone, years) => {
    expect(yearsOfWindow(start, start + days * 86_400_000, zone)).toEqual(years);
  });

  it('holidaysInWindow: by the local day in the zone', () => {
    const list = [{ date: '2027-01-01', name: 'New Year' }];
    const start = Date.parse('2026-12-31T20:00:00Z');
    // 2027-01-01 in Kolkata starts 2026-12-31T18:30Z: inside; in Los Angeles it starts 08:00Z the next day: outside a 10-hour window.
    expect(holidaysInWindow(list, start, start + 10 * 3_600_000, 'Asia/Kolkata')).toEqual(list);
    expect(holidaysInWindow(list, start, start + 10 * 3_600_000, 'America/Los_Angeles')).toEqual([]);
  });
});
