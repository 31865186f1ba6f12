import { describe, expect, it } from 'vitest';
import {
  clockFor,
  formatDate,
  formatDateTime,
  formatDay,
  formatNumber,
  formatPercent,
  formatRange,
  formatRelative,
  formatTime,
  hour12FromZoho,
  toBcp47,
  zoneAbbreviation,
  zoneCity,
} from './format';

// ICU writes a narrow no-break space before AM/PM and thin spaces around range dashes: compare with plain spaces.
const plain = (text: string) => text.replace(/[\u202f\u2009\u00a0]/g, ' ');

// 2026-03-08T14:30:00Z: the day the US moves to daylight time (10:30 in New York, after the change).
const dstDay = Date.UTC(2026, 2, 8, 14, 30);
// 2026-12-07T03:30:00Z: 9:00 in Kolkata, 19:30 the day before in Los Angeles.
const monday = Date.UTC(2026, 11, 7, 3, 30);

describe('format', () => {
  it.each([
    ['hh:mm a', true],
    ['HH:mm', false],
    [null, undefined],
    ['', undefined],
  ])('Zoho time_format %s → hour12 %s', (format, expected) => {
    expect(hour12FromZoho(format)).toBe(expected);
  });

  it.each([
    ['en_US', 'en-US'],
    ['en_GB', 'en-GB'],
    ['de_DE', 'de-DE'],
    [null, 'fr'],
    ['not a locale!', 'fr'],
  ])('Zoho locale %s → %s', (locale, expected) => {
    expect(toBcp47(locale, 'fr')).toBe(expected);
  });

  // One table: the UI language × Zoho's clock × a zone, what each surface shows.
  it.each([
    // locale, Zoho format, zone, time, day, range (+30 min), date and time
    ['en', 'hh:mm a', 'Asia/Kolkata', '9:00 AM', 'Mon, Dec 7', 'Mon, Dec 7, 9:00 – 9:30 AM', 'Dec 7, 2026, 9:00 AM'],
    ['en', 'HH:mm', 'Asia/Kolkata', '09:00', 'Mon, Dec 7', 'Mon, Dec 7, 09:00 – 09:30', 'Dec 7, 2026, 09:00'],
    ['en', 'hh:mm a', 'America/Los_Angeles', '7:30 PM', 'Sun, Dec 6', 'Sun, Dec 6, 7:30 – 8:00 PM', 'Dec 6, 2026, 7:30 PM'],
    ['en-GB', 'hh:mm a', 'Europe/London', '3:30 am', 'Mon 7 Dec', 'Mon 7 Dec, 3:30 – 4:00 am', '7 Dec 2026, 3:30 am'],
    ['en-GB', 'HH:mm', 'Europe/London', '03:30', 'Mon 7 Dec', 'Mon 7 Dec, 03:30 – 04:00', '7 Dec 2026, 03:30'],
    ['de', 'hh:mm a', 'Asia/Kolkata', '9:00 AM', 'Mo., 7. Dez.', 'Mo., 7. Dez., 9:00 – 9:30 AM', '7. Dez. 2026, 9:00 AM'],
    ['de', 'HH:mm', 'Asia/Kolkata', '09:00', 'Mo., 7. Dez.', 'Mo., 7. Dez., 09:00 – 09:30 Uhr', '7. Dez. 2026, 09:00'],
    ['de', 'HH:mm', 'Europe/Berlin', '04:30', 'Mo., 7. Dez.', 'Mo., 7. Dez., 04:30 – 05:00 Uhr', '7. Dez. 2026, 04:30'],
  ])('%s, Zoho %s, %s', (locale, timeFormat, zone, time, day, range, dateTime) => {
    const clock = clockFor(locale, timeFormat);
    expect(plain(formatTime(monday, zone, clock))).toBe(time);
    expect(plain(formatDay(monday, zone, locale))).toBe(day);
    expect(plain(formatRange(monday, monday + 30 * 60_000, zone, clock)).replace(/\s*–\s*/, ' – ')).toBe(range);
    expect(plain(formatDateTime(monday, { locale, timeFormat, timeZone: zone }))).toBe(dateTime);
  });

  it.each([
    // The US DST day: 10:30 EDT (after the 2:00 → 3:00 jump), 14:30 in London, 20:00 in Kolkata.
    [{ locale: 'en', timeFormat: 'hh:mm a', timeZone: 'America/New_York' }, 'Mar 8, 2026, 10:30 AM', 'EDT'],
    [{ locale: 'en', timeFormat: 'HH:mm', timeZone: 'America/New_York' }, 'Mar 8, 2026, 10:30', 'EDT'],
    [{ locale: 'en-GB', timeFormat: 'HH:mm', timeZone: 'Europe/London' }, '8 Mar 2026, 14:30', 'GMT'],
    [{ locale: 'de', timeFormat: 'hh:mm a', timeZone: 'Asia/Kolkata' }, '8. März 2026, 8:00 PM', 'GMT+5:30'],
    [{ locale: 'de', timeFormat: 'HH:mm', timeZone: 'America/Los_Angeles' }, '8. März 2026, 07:30', 'GMT-7'],
  ])('on a DST day %j', (options, expected, zone) => {
    expect(plain(formatDateTime(dstDay, options))).toBe(expected);
    expect(zoneAbbreviation(dstDay, options.timeZone, options.locale)).toBe(zone);
  });

  it('the hour before the US change is still standard time', () => {
    const before = Date.UTC(2026, 2, 8, 6, 30); // 1:30 EST
    expect(plain(formatTime(before, 'America/New_York', clockFor('en', 'hh:mm a')))).toBe('1:30 AM');
    expect(zoneAbbreviation(before, 'America/New_York', 'en')).toBe('EST');
    expect(plain(formatTime(before + 3_600_000, 'America/New_York', clockFor('en', 'hh:mm a')))).toBe('3:30 AM');
  });

  it('without a Zoho clock the language decides; an unknown zone falls back instead of failing', () => {
    expect(plain(formatTime(monday, 'UTC', clockFor('en', null)))).toBe('3:30 AM');
    expect(plain(formatTime(monday, 'UTC', clockFor('de', null)))).toBe('03:30');
    expect(formatDateTime(dstDay, { locale: 'en', timeFormat: 'HH:mm', timeZone: 'Mars/Olympus_Mons' })).toMatch(/\d{2}:30$/);
  });

  it('dates without a time, zone labels', () => {
    expect(formatDate(monday, 'Asia/Kolkata', 'en')).toBe('Dec 7, 2026');
    expect(formatDate(monday, 'America/Los_Angeles', 'en-GB')).toBe('6 Dec 2026');
    expect(formatDate(monday, 'Asia/Kolkata', 'de')).toBe('7. Dez. 2026');
    expect(zoneCity('America/Los_Angeles')).toBe('Los Angeles');
    expect(zoneCity('UTC')).toBe('UTC');
  });

  it.each([
    ['en', '60,000', '1,234.5', '84%'],
    ['en-GB', '60,000', '1,234.5', '84%'],
    ['de', '60.000', '1.234,5', '84 %'],
  ])('numbers in %s', (locale, credits, fraction, percent) => {
    expect(formatNumber(60_000, locale)).toBe(credits);
    expect(formatNumber(1234.5, locale)).toBe(fraction);
    expect(plain(formatPercent(0.84, locale))).toBe(percent);
  });

  it.each([
    ['en', -2 * 3_600_000, '2 hr. ago'],
    ['de', -2 * 3_600_000, 'vor 2 Std.'],
    ['en', 5 * 60_000, 'in 5 min.'],
    ['de', -24 * 3_600_000, 'gestern'],
    ['en', -20_000, 'now'],
    ['de', -20_000, 'jetzt'],
  ])('relative time in %s, %d ms', (locale, offset, expected) => {
    expect(formatRelative(monday + offset, monday, locale)).toBe(expected);
  });
});
