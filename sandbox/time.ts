// Zoho writes datetimes as ISO 8601 with the offset of the viewer's time zone
// (`2026-11-22T10:00:00+05:30`); these helpers produce that form for any IANA zone.

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

export function isIsoDateTime(value: unknown): value is string {
  return typeof value === 'string' && ISO_WITH_OFFSET.test(value);
}

/** `epochMs` as `yyyy-MM-ddTHH:mm:ss±hh:mm` in `timeZone` (whole seconds, like Zoho). */
export function formatInZone(epochMs: number, timeZone: string): string {
  const seconds = Math.floor(epochMs / 1000) * 1000;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(seconds));
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '00';
  const [year, month, day, hour, minute, second] = (
    ['year', 'month', 'day', 'hour', 'minute', 'second'] as const
  ).map(part) as [string, string, string, string, string, string];
  const wallClock = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const offsetMinutes = Math.round((wallClock - seconds) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${year}-${month}-${day}T${hour}:${minute}:${second}${offset}`;
}

/** The zone's UTC offset in milliseconds at `epochMs` (Zoho's user `offset` field). */
export function zoneOffsetMs(timeZone: string, epochMs = Date.now()): number {
  const formatted = formatInZone(epochMs, timeZone);
  const match = /([+-])(\d{2}):(\d{2})$/.exec(formatted);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return (match[1] === '-' ? -1 : 1) * minutes * 60_000;
}

/** Re-expresses an ISO datetime in another zone; anything else is returned unchanged. */
export function toZone(value: string, timeZone: string): string {
  const epoch = Date.parse(value);
  return Number.isNaN(epoch) ? value : formatInZone(epoch, timeZone);
}
