// "2 hours ago", "vor 2 Stunden": how long ago something happened, in the UI language
// (Intl.RelativeTimeFormat), in the largest unit that fits. For D6: a candidate for lib/format.ts.
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

export function timeAgo(at: number, now: number, locale: string): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  const past = Math.max(0, now - at);
  for (const [unit, ms] of UNITS) {
    if (past >= ms) return format.format(-Math.floor(past / ms), unit);
  }
  return format.format(0, 'minute');
}
