// Dates and times as the Zoho user reads them: their locale, and Zoho's 12/24-hour setting.

/** Zoho's `time_format` is `hh:mm a` (12-hour) or `HH:mm` (24-hour); unknown → the locale decides. */
export function hour12FromZoho(timeFormat: string | null | undefined): boolean | undefined {
  if (!timeFormat) return undefined;
  if (/a/.test(timeFormat) || /h/.test(timeFormat)) return true;
  if (/H/.test(timeFormat)) return false;
  return undefined;
}

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

export function formatDateTime(
  epochMs: number,
  options: { locale: string; timeFormat?: string | null; timeZone?: string | null },
): string {
  const format = (timeZone: string | undefined) =>
    new Intl.DateTimeFormat(options.locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      hour12: hour12FromZoho(options.timeFormat),
      timeZone,
    }).format(epochMs);
  try {
    return format(options.timeZone ?? undefined);
  } catch {
    // An unknown zone name from Zoho falls back to the browser's zone rather than failing.
    return format(undefined);
  }
}
