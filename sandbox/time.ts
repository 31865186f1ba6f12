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

/** `yyyy-MM-dd` of `epochMs` in `timeZone`. */
export function dateInZone(epochMs: number, timeZone: string): string {
  return formatInZone(epochMs, timeZone).slice(0, 10);
}

/** Adds whole days to a `yyyy-MM-dd` date (calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, for a `yyyy-MM-dd` date. */
export function weekday(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/**
 * The instant when the wall clock in `timeZone` shows `date` `time` (`HH:mm`). Two passes settle
 * the offset around DST changes; a wall time that does not exist resolves to the later offset.
 */
export function zonedTimeToEpoch(date: string, time: string, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wallClock = Date.UTC(year, month - 1, day, hour, minute);
  let epoch = wallClock - zoneOffsetMs(timeZone, wallClock);
  epoch = wallClock - zoneOffsetMs(timeZone, epoch);
  return epoch;
}

/** Whether a `yyyy-MM-dd` string is a real calendar date. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return addDays(value, 0) === value;
}
