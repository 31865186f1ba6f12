// The one module for every date, time, number, relative time and zone label the panel, the popup
// and the options page show. Pure (Intl only, no browser API): the UI hands it the locale.
//
// The rule, decided once for every surface:
// - Language and conventions (day and month names, date order, digit grouping, "vor 2 Std.")
//   follow the UI language: the translation the extension shows (components/i18n `uiLocale`), so
//   German words never sit beside English dates. Zoho's own `locale` (en_IN for a rep in
//   Bengaluru) does not choose them: a German UI with Zoho's en_IN gave "6 Dec 2026, 12:55 am"
//   in the popup.
// - The clock (12 or 24 hours) follows the connected user's Zoho `time_format`, because the
//   panel sits beside Zoho's record page, which shows times that way: a German UI with Zoho set
//   to "hh:mm a" shows "Mo., 7. Dez., 9:00 AM" (German words, Zoho's clock: the person chose
//   it), with "HH:mm" "Mo., 7. Dez., 09:00". No Zoho setting: the language's own clock.
// - Zones: an instant is shown in the zone it is about (the rep's, the contact's); a zone name
//   Intl does not know falls back to the browser's zone rather than failing.
// - Default texts follow the same rule: what a person sees and can edit before it is written
//   to Zoho (the meeting title, a note, a follow-up task) is in the UI language; what the org
//   reads as a record of decisions and what code reads back from Zoho stays fixed in English: the
//   audit note and the approval request's task (lib/suggestions/audit.ts; the subject prefix is
//   matched in lib/suggestions/approvalTasks.ts) and the outbox's idempotency markers.

/** How a surface shows times: its locale and Zoho's clock. */
export interface Clock {
  /** BCP 47 locale for Intl. */
  locale: string;
  /** From Zoho's time format ('hh:mm a' → true, 'HH:mm' → false); undefined: the locale decides. */
  hour12: boolean | undefined;
}

/** Zoho's `time_format` is `hh:mm a` (12-hour) or `HH:mm` (24-hour); unknown → the locale decides. */
export function hour12FromZoho(timeFormat: string | null | undefined): boolean | undefined {
  if (!timeFormat) return undefined;
  if (/a/.test(timeFormat) || /h/.test(timeFormat)) return true;
  if (/H/.test(timeFormat)) return false;
  return undefined;
}

export const clockFor = (locale: string, zohoTimeFormat: string | null | undefined): Clock => ({ locale, hour12: hour12FromZoho(zohoTimeFormat) });

/** Zoho locales use underscores (`en_GB`); Intl wants BCP 47 (`en-GB`). */
export function toBcp47(locale: string | null | undefined, fallback: string): string {
  const candidate = locale?.replace(/_/g, '-');
  if (!candidate) return fallback;
  try {
    return Intl.getCanonicalLocales(candidate)[0] ?? fallback;
  } catch {
    return fallback;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached Intl.DateTimeFormat; an unknown zone falls back to the browser's rather than throwing. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, options);
    } catch {
      const { timeZone: _unknown, ...rest } = options;
      format = new Intl.DateTimeFormat(locale, rest);
    }
    formatters.set(key, format);
  }
  return format;
}

/** Whether the locale's own clock is 12-hour (en) or 24-hour (de, en-GB). */
function localeUses12(locale: string): boolean {
  const cycle = dateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  return cycle === 'h12' || cycle === 'h11';
}

/**
 * The hour fields for a clock. `hourCycle`, not `hour12`: ICU pads or not by locale with `hour12`
 * ("7 Dec 2026, 09:00 am" in en-GB). 24 hours are two digits, as Zoho's "HH:mm" writes them.
 */
function hourFields(clock: Clock): Intl.DateTimeFormatOptions {
  const hour12 = clock.hour12 ?? localeUses12(clock.locale);
  return hour12 ? { hour: 'numeric', minute: '2-digit', hourCycle: 'h12' } : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
}

/** "9:00 AM" / "09:00" in `timeZone`. */
export function formatTime(ms: number, timeZone: string | undefined, clock: Clock): string {
  return dateTimeFormat(clock.locale, { ...hourFields(clock), timeZone }).format(ms);
}

/** "Tue, Nov 24" / "Di., 24. Nov." in the user's locale. */
export function formatDay(ms: number, timeZone: string | undefined, locale: string): string {
  return dateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric', timeZone }).format(ms);
}

/** "Nov 24, 2026" / "24. Nov. 2026": a date without a time. */
export function formatDate(ms: number, timeZone: string | undefined, locale: string): string {
  return dateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone }).format(ms);
}

/** "Mon" — for a contact whose local date is not the rep's. */
export function formatWeekday(ms: number, timeZone: string | undefined, locale: string): string {
  return dateTimeFormat(locale, { weekday: 'short', timeZone }).format(ms);
}

/** "Tue, Nov 24, 9:00 – 9:30 AM" in `timeZone`. */
export function formatRange(start: number, end: number, timeZone: string | undefined, clock: Clock): string {
  const format = dateTimeFormat(clock.locale, { weekday: 'short', month: 'short', day: 'numeric', ...hourFields(clock), timeZone });
  return end > start ? format.formatRange(start, end) : format.format(start);
}

/** "Dec 6, 2026, 12:55 AM" / "6. Dez. 2026, 00:55": when something happened (synced, saved, decided). */
export function formatDateTime(
  epochMs: number,
  options: { locale: string; timeFormat?: string | null; hour12?: boolean | undefined; timeZone?: string | null },
): string {
  const clock = { locale: options.locale, hour12: options.hour12 ?? hour12FromZoho(options.timeFormat) };
  return dateTimeFormat(options.locale, { year: 'numeric', month: 'short', day: 'numeric', ...hourFields(clock), timeZone: options.timeZone ?? undefined }).format(epochMs);
}

/** The zone's short name at that instant in the locale ("PST", "GMT+5:30"). */
export function zoneAbbreviation(ms: number, timeZone: string | undefined, locale: string): string {
  const part = dateTimeFormat(locale, { timeZone, timeZoneName: 'short', hour: 'numeric' })
    .formatToParts(ms)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone ?? '';
}

/** "Los Angeles" for America/Los_Angeles; the whole name for UTC and the like. */
export function zoneCity(timeZone: string): string {
  const last = timeZone.split('/').pop() ?? timeZone;
  return last.replace(/_/g, ' ');
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

/** "60,000" / "60.000". */
export function formatNumber(value: number, locale: string): string {
  return numberFormat(locale, {}).format(value);
}

/** A share (0.84) as "84%" / "84 %". */
export function formatPercent(share: number, locale: string): string {
  return numberFormat(locale, { style: 'percent' }).format(share);
}

const RELATIVE_UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3_600_000],
  ['month', 30 * 24 * 3_600_000],
  ['week', 7 * 24 * 3_600_000],
  ['day', 24 * 3_600_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "2 hr. ago" / "vor 2 Std.", "in 5 min." / "in 5 Min."; under a minute: "now" / "jetzt". */
export function formatRelative(ms: number, now: number, locale: string): string {
  const diff = ms - now;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(diff) >= size) return format.format(Math.trunc(diff / size), unit);
  }
  return format.format(0, 'second');
}
