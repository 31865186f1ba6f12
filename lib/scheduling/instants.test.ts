// The hand-written ISO reader and writer agree with Temporal, and step aside for it off the fast path.
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil, fastParseIsoMs, formatIsoAtOffset, isoDateOfDays, parseInstantMs, weekdayOfDays } from './instants';

/** mulberry32 */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const temporalMs = (text: string) => Temporal.Instant.from(text).epochMilliseconds;

describe('fastParseIsoMs', () => {
  it.each([
    ['2026-03-09T09:00:00-04:00', '2026-03-09T13:00:00Z'],
    ['2026-03-09T09:00:00Z', '2026-03-09T09:00:00Z'],
    ['2026-03-09T09:00:00+05:30', '2026-03-09T03:30:00Z'],
    ['2026-03-09T09:00:00+13:45', '2026-03-08T19:15:00Z'],
    ['2026-03-09T09:00:00-00:00', '2026-03-09T09:00:00Z'],
    ['2026-03-09T09:00:00.5Z', '2026-03-09T09:00:00.500Z'],
    ['2026-03-09T09:00:00.12Z', '2026-03-09T09:00:00.120Z'],
    ['2026-03-09T09:00:00.123456789Z', '2026-03-09T09:00:00.123Z'],
    ['1969-12-31T23:59:59.999Z', '1969-12-31T23:59:59.999Z'],
    ['2024-02-29T23:59:59+23:59', '2024-02-29T00:00:59Z'],
    ['0100-01-01T00:00:00Z', '0100-01-01T00:00:00Z'],
    ['0001-03-01T00:00:00Z', '0001-03-01T00:00:00Z'],
  ])('%s', (text, utc) => {
    expect(fastParseIsoMs(text)).toBe(temporalMs(utc));
    expect(fastParseIsoMs(text)).toBe(temporalMs(text));
  });

  it.each([
    '2026-03-09T09:00:00', // no offset
    '2026-03-09T09:00Z', // no seconds
    '2026-03-09 09:00:00Z', // space
    '2026-03-09t09:00:00z', // lower case
    '20260309T090000Z', // basic format
    '2026-03-09T09:00:00+0530',
    '2026-03-09T09:00:00+05',
    '2026-03-09T09:00:60Z', // leap second: Temporal reads it as :59
    '2026-03-09T24:00:00Z',
    '2025-02-29T09:00:00Z',
    '2026-04-31T09:00:00Z',
    '2026-13-01T09:00:00Z',
    '2026-03-09T09:00:00.Z',
    '2026-03-09T09:00:00.1234567890Z',
    '2026-03-09T09:00:00+24:00',
    '2026-03-09T09:00:00Z[UTC]',
    '+002026-03-09T09:00:00Z',
    '２026-03-09T09:00:00Z',
    '',
  ])('leaves %j to Temporal', (text) => {
    expect(fastParseIsoMs(text)).toBeNaN();
  });

  it('agrees with Temporal on 5,000 random instants in the shapes it reads', () => {
    const random = prng(42);
    const offsets = ['Z', '+00:00', '-00:00', '+05:30', '-04:00', '+13:45', '-09:30', '+23:59', '-23:59', '+12:45'];
    for (let i = 0; i < 5000; i++) {
      const epochMs = Math.floor((random() - 0.3) * 4e12);
      const fraction = ['', '.1', '.12', '.123', '.1234', '.123456', '.123456789'][Math.floor(random() * 7)]!;
      const offset = offsets[Math.floor(random() * offsets.length)]!;
      const zone = offset === 'Z' ? 'UTC' : offset === '-00:00' ? '+00:00' : offset;
      const text = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone).toPlainDateTime().toString({ smallestUnit: 'second' }) + fraction + offset;
      expect(fastParseIsoMs(text), text).toBe(temporalMs(text));
    }
  });
});

describe('parseInstantMs', () => {
  it('falls back to Temporal for the other shapes it accepts', () => {
    expect(parseInstantMs('2026-03-09T09:00Z', 'x')).toBe(temporalMs('2026-03-09T09:00:00Z'));
    expect(parseInstantMs('2026-03-09T09:00:60Z', 'x')).toBe(temporalMs('2026-03-09T09:00:59Z'));
    expect(parseInstantMs('2026-03-09T09:00:00-04:00[America/New_York]', 'x')).toBe(temporalMs('2026-03-09T13:00:00Z'));
    expect(parseInstantMs('2026-03-09t09:00:00z', 'x')).toBe(temporalMs('2026-03-09T09:00:00Z'));
  });

  it.each([['2026-03-09T09:00:00'], ['2025-02-29T09:00:00Z'], ['tomorrow'], [''], [null], [1773061200000], [{}]])('rejects %j, naming the field', (value) => {
    expect(() => parseInstantMs(value, 'busy[3].end')).toThrow(RangeError);
    expect(() => parseInstantMs(value, 'busy[3].end')).toThrow(/^busy\[3\]\.end: /);
  });
});

describe('calendar days', () => {
  it('round-trips and matches Temporal on dates from year 1 to 9999', () => {
    const random = prng(7);
    for (let i = 0; i < 3000; i++) {
      const days = Math.floor((random() - 0.5) * 2 * 2_900_000);
      const date = Temporal.PlainDate.from('1970-01-01').add({ days });
      expect(daysFromCivil(date.year, date.month, date.day)).toBe(days);
      expect(civilFromDays(days)).toEqual({ year: date.year, month: date.month, day: date.day });
      expect(weekdayOfDays(days)).toBe(date.dayOfWeek % 7);
      expect(isoDateOfDays(days)).toBe(date.toString());
    }
  });
});

describe('formatIsoAtOffset', () => {
  it('writes what Temporal writes, for instants across zones', () => {
    const random = prng(9);
    const zones = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC', 'Asia/Kathmandu'];
    for (let i = 0; i < 2000; i++) {
      const epochMs = 1_600_000_000_000 + Math.floor(random() * 400_000_000_000 / 1000) * 1000;
      const zoned = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zones[i % zones.length]!);
      expect(formatIsoAtOffset(epochMs, zoned.offsetNanoseconds / 1e6, zoned.offset)).toBe(zoned.toString({ timeZoneName: 'never' }));
    }
  });

  it('drops sub-second digits', () => {
    expect(formatIsoAtOffset(Date.parse('2026-03-09T13:00:00.999Z'), -4 * 3600_000, '-04:00')).toBe('2026-03-09T09:00:00-04:00');
  });
});
