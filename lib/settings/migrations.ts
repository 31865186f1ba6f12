// A stored settings row carries the layout version it was written with. `migrateSettings` brings
// any row up to the current layout, one step per version, then repairs what is still invalid
// value by value: a bad value falls back to its default and is listed in `dropped`. Loading
// settings never throws and never loses a valid value.
import { toSettingsIssues, type SettingsIssue } from './issues';
import {
  clonePlain,
  deleteAt,
  isPlainObject,
  isUnderPath,
  joinPath,
  parentPath,
  splitPath,
  type PlainObject,
} from './paths';
import { defaultSettings, settingsSchema, timeToMinutes, WEEKDAYS, type Settings, type Weekday } from './schema';

export const CURRENT_SETTINGS_VERSION = 3;

export interface StoredSettingsRow {
  version: number;
  values: unknown;
}

export interface MigratedSettings {
  values: Settings;
  /** Always CURRENT_SETTINGS_VERSION: the layout `values` now has. */
  version: number;
  /**
   * Dotted paths of the values that were invalid or unknown and fell back to their default
   * ('slotMinutes', 'workingHours.mon', 'customDomains.2'); '*' when nothing was usable.
   */
  dropped: string[];
}

/** One step: turns a row of version n into version n + 1, noting in `dropped` what it could not carry. */
type Migration = (values: PlainObject, dropped: string[]) => PlainObject;

function has(values: PlainObject, key: string): boolean {
  return Object.hasOwn(values, key);
}

/** Moves `from` to `to` unless `to` is already there; `from` goes either way. */
function rename(values: PlainObject, from: string, to: string): void {
  if (!has(values, from)) return;
  if (!has(values, to)) values[to] = values[from];
  delete values[from];
}

const DAY_NAMES: Record<string, Weekday> = {
  monday: 'mon',
  tuesday: 'tue',
  wednesday: 'wed',
  thursday: 'thu',
  friday: 'fri',
  saturday: 'sat',
  sunday: 'sun',
};

function weekdayOf(value: unknown): Weekday | null {
  if (typeof value !== 'string') return null;
  const name = value.trim().toLowerCase();
  return (WEEKDAYS as readonly string[]).includes(name) ? (name as Weekday) : (DAY_NAMES[name] ?? null);
}

/**
 * Version 1 → 2. Version 1 is the pre-release layout of 2026-11 (the 0.0.x pilot builds):
 *
 *   slotLength: number                  → slotMinutes
 *   buffer: number (before and after)   → bufferBeforeMinutes and bufferAfterMinutes
 *   workingDays: string[] ('mon' or 'Monday'), workStart, workEnd: 'HH:MM'
 *                                       → workingHours (workStart–workEnd on each listed day,
 *                                         nothing on the others) with workingHoursSource 'custom':
 *                                         version 1 never read Zoho's business hours, so the
 *                                         hours the user had are the hours they keep
 *   features.checkExisting              → features.lookupBeforeBooking
 *
 * Every other key already had its current name and meaning.
 * Dated shim, added 2026-11: remove after 2027-06, once no pilot install can still hold a
 * version-1 row (replace it with `(values) => values`; the repair then resets the old keys).
 */
const fromV1: Migration = (values, dropped) => {
  rename(values, 'slotLength', 'slotMinutes');

  if (has(values, 'buffer')) {
    if (!has(values, 'bufferBeforeMinutes')) values.bufferBeforeMinutes = values.buffer;
    if (!has(values, 'bufferAfterMinutes')) values.bufferAfterMinutes = values.buffer;
    delete values.buffer;
  }

  if (isPlainObject(values.features)) rename(values.features, 'checkExisting', 'lookupBeforeBooking');

  const hoursKeys = ['workingDays', 'workStart', 'workEnd'].filter((key) => has(values, key));
  if (hoursKeys.length > 0 && !has(values, 'workingHours')) {
    let days: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
    if (has(values, 'workingDays')) {
      if (Array.isArray(values.workingDays)) {
        days = [];
        values.workingDays.forEach((value: unknown, i) => {
          const day = weekdayOf(value);
          if (day) days.push(day);
          else dropped.push(`workingDays.${i}`);
        });
      } else {
        dropped.push('workingDays');
      }
    }
    let start = '09:00';
    let end = '17:00';
    const given: string[] = [];
    if (has(values, 'workStart')) {
      if (typeof values.workStart === 'string' && timeToMinutes(values.workStart) !== null) {
        start = values.workStart;
        given.push('workStart');
      } else {
        dropped.push('workStart');
      }
    }
    if (has(values, 'workEnd')) {
      if (typeof values.workEnd === 'string' && timeToMinutes(values.workEnd, true) !== null) {
        end = values.workEnd;
        given.push('workEnd');
      } else {
        dropped.push('workEnd');
      }
    }
    if ((timeToMinutes(end, true) ?? 0) <= (timeToMinutes(start) ?? 0)) {
      dropped.push(...given);
      start = '09:00';
      end = '17:00';
    }
    values.workingHours = Object.fromEntries(WEEKDAYS.map((day) => [day, days.includes(day) ? [{ start, end }] : []]));
    if (!has(values, 'workingHoursSource')) values.workingHoursSource = 'custom';
  }
  for (const key of hoursKeys) delete values[key];

  return values;
};

/**
 * Version 2 → 3 (2026-12): the meeting title's default became "empty: the UI language's default"
 * (the English default stayed English in a German browser). A row holding the old English
 * default gets the new one; a title the person wrote, even in English, is theirs and stays.
 */
export const OLD_DEFAULT_TITLE = 'Meeting with {contact}';
const fromV2: Migration = (values) => {
  if (values.meetingTitleTemplate === OLD_DEFAULT_TITLE) values.meetingTitleTemplate = '';
  return values;
};

/**
 * MIGRATIONS[n - 1] turns a version-n row into version n + 1; one entry per version step, so a
 * new layout adds a step here and bumps CURRENT_SETTINGS_VERSION.
 */
export const MIGRATIONS: readonly Migration[] = [fromV1, fromV2];

/** Lists whose items are independent: a bad item is removed on its own, the others stay. */
const ITEM_LISTS = ['approvers.profiles', 'approvers.roles', 'customDomains'];

/** What falls back to its default when `issue` is found. */
function repairUnit(issue: SettingsIssue): string {
  if (issue.code === 'unknownKey') return issue.path;
  const parts = splitPath(issue.path);
  // A day's periods are judged together (overlaps, count): a bad day takes the default day.
  if (parts[0] === 'workingHours' && parts.length > 2) return joinPath(parts.slice(0, 2));
  for (const list of ITEM_LISTS) {
    if (issue.path.startsWith(`${list}.`)) return joinPath(parts.slice(0, splitPath(list).length + 1));
  }
  return issue.path;
}

/** Array items last-index-first, so removing one does not shift the next. */
function byIndexDescending(a: string, b: string): number {
  return b.localeCompare(a, 'en', { numeric: true });
}

/**
 * `values` as valid settings: each invalid or unknown value is removed (so its default applies)
 * and listed. When removing a value does not help (a rule across several values), its parent
 * goes too; at worst everything falls back to the defaults ('*').
 */
export function repairSettings(values: unknown): { settings: Settings; dropped: string[] } {
  if (!isPlainObject(values)) return { settings: defaultSettings(), dropped: ['*'] };
  const candidate = clonePlain(values);
  const dropped: string[] = [];
  const removed = new Set<string>();
  // Each round removes at least one value, so this bound is never reached on real data.
  for (let round = 0; round < 100; round++) {
    const result = settingsSchema.safeParse(candidate);
    if (result.success) return { settings: result.data, dropped };

    const units = new Set<string>();
    for (const issue of toSettingsIssues(result.error.issues)) {
      let unit = repairUnit(issue);
      while (unit !== '' && removed.has(unit)) unit = parentPath(unit);
      units.add(unit);
    }
    if (units.has('')) break;
    const outermost = [...units].filter((u) => ![...units].some((other) => other !== u && isUnderPath(u, other)));
    const deleted = new Set<string>();
    for (const unit of [...outermost].sort(byIndexDescending)) {
      removed.add(unit);
      if (deleteAt(candidate, unit)) deleted.add(unit);
    }
    dropped.push(...outermost.filter((unit) => deleted.has(unit)));
  }
  return { settings: defaultSettings(), dropped: [...dropped, '*'] };
}

function unique(paths: string[]): string[] {
  return [...new Set(paths)];
}

/**
 * Brings a stored row to the current layout. No row: the defaults. A row with no usable version
 * is read as version 1 (the steps only touch keys of their own version, so current values pass
 * through unchanged). A row from a newer build (a downgrade) is read as current: what this
 * build knows is kept, the rest is listed in `dropped`.
 */
export function migrateSettings(stored: StoredSettingsRow | null): MigratedSettings {
  if (stored === null || typeof stored !== 'object') {
    return { values: defaultSettings(), version: CURRENT_SETTINGS_VERSION, dropped: [] };
  }
  const dropped: string[] = [];
  let values: PlainObject = {};
  if (isPlainObject(stored.values)) values = clonePlain(stored.values);
  else if (stored.values !== undefined) dropped.push('*');

  const v = stored.version;
  const from = typeof v === 'number' && Number.isInteger(v) && v >= 1 ? Math.min(v, CURRENT_SETTINGS_VERSION) : 1;
  for (let version = from; version < CURRENT_SETTINGS_VERSION; version++) {
    const step = MIGRATIONS[version - 1];
    if (!step) break;
    const before = clonePlain(values);
    try {
      values = step(values, dropped);
    } catch {
      // A step that chokes on odd data leaves the row as it was; the repair sorts it out.
      values = before;
    }
  }

  const repaired = repairSettings(values);
  return {
    values: repaired.settings,
    version: CURRENT_SETTINGS_VERSION,
    dropped: unique([...dropped, ...repaired.dropped]),
  };
}
