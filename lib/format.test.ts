import { describe, expect, it } from 'vitest';
import { formatDateTime, hour12FromZoho, toBcp47 } from './format';

// 2026-03-08T14:30:00Z: the day the US moves to daylight time.
const instant = Date.UTC(2026, 2, 8, 14, 30);

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

  it.each([
    [{ locale: 'en-US', timeFormat: 'hh:mm a', timeZone: 'America/New_York' }, /10:30\sAM/],
    [{ locale: 'en-US', timeFormat: 'HH:mm', timeZone: 'America/New_York' }, /10:30(?!\s?AM)/],
    [{ locale: 'en-GB', timeFormat: 'HH:mm', timeZone: 'Europe/London' }, /14:30/],
    [{ locale: 'en-IN', timeFormat: 'hh:mm a', timeZone: 'Asia/Kolkata' }, /8:00\s?(pm|PM)/],
    [{ locale: 'en-US', timeFormat: 'HH:mm', timeZone: 'Mars/Olympus_Mons' }, /\d{2}:30/],
  ])('%j', (options, pattern) => {
    expect(formatDateTime(instant, options)).toMatch(pattern);
  });
});
