// The one settings schema: every setting, its default and its rules. `settingsSchema.parse({})`
// is the defaults; every rule reports a code from ./issues, never English prose.
import { z } from 'zod';
import { addSettingsIssue } from './issues';
import { leafPaths } from './paths';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const TITLE_PLACEHOLDERS = ['contact', 'company', 'user', 'deal'] as const;
export type TitlePlaceholder = (typeof TITLE_PLACEHOLDERS)[number];

export const MAX_PERIODS_PER_DAY = 6;
export const MAX_TEMPLATE_LENGTH = 200;
export const MAX_CRITERIA_LENGTH = 100_000;
export const MAX_LIST_ENTRIES = 50;
export const MAX_NAME_LENGTH = 100;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight of 'HH:MM' (00:00–23:59, or 24:00 when `asEnd`); null when invalid. */
export function timeToMinutes(time: string, asEnd = false): number | null {
  if (asEnd && time === '24:00') return 24 * 60;
  const m = TIME.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

// Building an Intl.DateTimeFormat costs a fraction of a millisecond and settings are parsed
// often (every policy leaf is tried on a full parse), so each name is looked up once.
const zoneNames = new Map<string, string | null>();

/** The engine's spelling of a zone name ('america/new_york' → 'America/New_York'); null if unknown. */
function resolveTimeZone(name: string): string | null {
  const known = zoneNames.get(name);
  if (known !== undefined) return known;
  let resolved: string | null = null;
  // Offsets ('+05:00') and other non-names are refused: they have no DST rules.
  if (/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) {
    try {
      const engine = new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
      // Links ('Asia/Calcutta') stay as written; only the letter case is corrected.
      resolved = engine.toLowerCase() === name.toLowerCase() ? engine : name;
    } catch {
      resolved = null;
    }
  }
  if (zoneNames.size >= 1000) zoneNames.clear();
  zoneNames.set(name, resolved);
  return resolved;
}

/** True for an IANA zone name this engine knows ('America/New_York', 'UTC', links such as 'Asia/Calcutta'). */
export function isTimeZone(name: string): boolean {
  return resolveTimeZone(name) !== null;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A DNS host name with at least two labels (not an IP address, no port, no wildcard). */
export function isHostname(host: string): boolean {
  if (host.length > 253) return false;
  const labels = host.split('.');
  const tld = labels[labels.length - 1] ?? '';
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && !/^\d+$/.test(tld);
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An AI provider base URL: https, or plain http to this machine only (a local model server, the
 * sandbox's fake model); no credentials in the URL.
 */
export function isProviderUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
}

function wholeNumber(min: number, max: number, options: { multipleOf5?: boolean } = {}) {
  return z.number().superRefine((n, ctx) => {
    if (!Number.isInteger(n)) addSettingsIssue(ctx, 'notInteger');
    else if (n < min || n > max) addSettingsIssue(ctx, 'outOfRange', { params: [String(min), String(max)] });
    else if (options.multipleOf5 && n % 5 !== 0) addSettingsIssue(ctx, 'notMultipleOf5');
  });
}

function text(max: number, options: { required?: boolean; trim?: boolean } = {}) {
  return (options.trim ? z.string().trim() : z.string()).superRefine((s, ctx) => {
    if (options.required && s.trim() === '') addSettingsIssue(ctx, 'required');
    else if (s.length > max) addSettingsIssue(ctx, 'tooLong', { params: [String(max)] });
  });
}

function list<T extends z.ZodType>(item: T, max: number) {
  return z.array(item).superRefine((items, ctx) => {
    if (items.length > max) addSettingsIssue(ctx, 'tooMany', { params: [String(max)] });
  });
}

const periodSchema = z
  .strictObject({ start: z.string(), end: z.string() })
  .superRefine((period, ctx) => {
    const start = timeToMinutes(period.start);
    const end = timeToMinutes(period.end, true);
    if (start === null) addSettingsIssue(ctx, 'invalidTime', { path: ['start'] });
    if (end === null) addSettingsIssue(ctx, 'invalidTime', { path: ['end'] });
    if (start !== null && end !== null && end <= start) addSettingsIssue(ctx, 'endNotAfterStart', { path: ['end'] });
  });
export type WorkingPeriod = z.output<typeof periodSchema>;

const daySchema = z.array(periodSchema).superRefine((periods, ctx) => {
  if (periods.length > MAX_PERIODS_PER_DAY) {
    addSettingsIssue(ctx, 'tooMany', { params: [String(MAX_PERIODS_PER_DAY)] });
  }
  // Touching periods (09:00–12:00, 12:00–17:00) are fine; each overlap is reported on the
  // later-starting period, naming the earlier one.
  const order = periods
    .map((p, index) => ({ index, start: timeToMinutes(p.start) ?? 0, end: timeToMinutes(p.end, true) ?? 0 }))
    .sort((a, b) => a.start - b.start || a.index - b.index);
  let latest: (typeof order)[number] | undefined;
  for (const p of order) {
    if (latest && p.start < latest.end) {
      addSettingsIssue(ctx, 'overlap', { path: [p.index], params: [String(latest.index)] });
    }
    if (!latest || p.end > latest.end) latest = p;
  }
});

const officeHours = (): WorkingPeriod[] => [{ start: '09:00', end: '17:00' }];

const workingHoursSchema = z.strictObject({
  mon: daySchema.default(officeHours),
  tue: daySchema.default(officeHours),
  wed: daySchema.default(officeHours),
  thu: daySchema.default(officeHours),
  fri: daySchema.default(officeHours),
  sat: daySchema.default(() => []),
  sun: daySchema.default(() => []),
});

const timeZoneSchema = z
  .string()
  .superRefine((name, ctx) => {
    if (!isTimeZone(name)) addSettingsIssue(ctx, 'invalidTimeZone');
  })
  .overwrite((name) => resolveTimeZone(name) ?? name);

const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN_PLACEHOLDERS = new Set<string>(TITLE_PLACEHOLDERS);

const titleTemplateSchema = text(MAX_TEMPLATE_LENGTH, { required: true }).superRefine((template, ctx) => {
  for (const [, name] of template.matchAll(PLACEHOLDER)) {
    if (name === undefined || !KNOWN_PLACEHOLDERS.has(name)) {
      addSettingsIssue(ctx, 'unknownPlaceholder', { params: [`{${name ?? ''}}`] });
    }
  }
  // A brace left over once the placeholders are gone ('{contact', 'x}') is a typo, not text.
  const stray = /[^{}\s]*[{}][^{}\s]*/.exec(template.replace(PLACEHOLDER, ''));
  if (stray) addSettingsIssue(ctx, 'unknownPlaceholder', { params: [stray[0]] });
});

const hostnameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .superRefine((host, ctx) => {
    if (!isHostname(host)) addSettingsIssue(ctx, 'invalidHostname');
  });

const nameSchema = text(MAX_NAME_LENGTH, { required: true, trim: true });

/** A client id or secret as Zoho's API console shows it: one token, no spaces. */
const credentialSchema = z.string().superRefine((value, ctx) => {
  if (value === '') addSettingsIssue(ctx, 'required');
  else if (value.length > 500) addSettingsIssue(ctx, 'tooLong', { params: ['500'] });
  else if (!/^\S+$/.test(value)) addSettingsIssue(ctx, 'invalidFormat');
});

const aiSchema = z
  .strictObject({
    provider: z.enum(['none', 'openai-compatible', 'browser']).default('none'),
    baseUrl: z
      .string()
      .trim()
      .superRefine((url, ctx) => {
        if (url !== '' && !isProviderUrl(url)) addSettingsIssue(ctx, 'invalidUrl');
      })
      .default(''),
    model: text(200, { trim: true }).default(''),
  })
  .superRefine((ai, ctx) => {
    if (ai.provider !== 'openai-compatible') return;
    if (ai.baseUrl === '') addSettingsIssue(ctx, 'required', { path: ['baseUrl'] });
    if (ai.model === '') addSettingsIssue(ctx, 'required', { path: ['model'] });
  });

export const settingsSchema = z.strictObject({
  /** null: the Zoho user's own time zone. */
  timeZone: timeZoneSchema.nullable().default(null),
  /** 'zoho': Zoho's business hours when the org has them, else `workingHours`. */
  workingHoursSource: z.enum(['zoho', 'custom']).default('zoho'),
  workingHours: workingHoursSchema.prefault({}),
  slotMinutes: wholeNumber(5, 480, { multipleOf5: true }).default(30),
  /** Minutes between slot starts; null: the slot length. */
  stepMinutes: wholeNumber(5, 480, { multipleOf5: true }).nullable().default(null),
  bufferBeforeMinutes: wholeNumber(0, 240).default(0),
  bufferAfterMinutes: wholeNumber(0, 240).default(0),
  minNoticeMinutes: wholeNumber(0, 10_080).default(60),
  daysAhead: wholeNumber(1, 90).default(14),
  meetingTitleTemplate: titleTemplateSchema.default('Meeting with {contact}'),
  features: z
    .strictObject({
      slotCheck: z.boolean().default(true),
      booking: z.boolean().default(true),
      cancellation: z.boolean().default(true),
      lookupBeforeBooking: z.boolean().default(true),
      stageSuggestions: z.boolean().default(true),
    })
    .prefault({}),
  /** What a booking for an unknown email/phone creates. */
  createMissingAs: z.enum(['Leads', 'Contacts']).default('Leads'),
  /** Zoho profile and role names whose holders may approve a stage change. */
  approvers: z
    .strictObject({
      profiles: list(nameSchema, MAX_LIST_ENTRIES).default(() => ['Administrator', 'Manager']),
      roles: list(nameSchema, MAX_LIST_ENTRIES).default(() => []),
    })
    .prefault({}),
  /** The admin's pipeline criteria, as written (lib/suggestions parses them). */
  pipelineCriteria: text(MAX_CRITERIA_LENGTH).default(''),
  criteriaEnabled: z.boolean().default(false),
  /** The provider's API key is not here: it is stored encrypted with the tokens. */
  ai: aiSchema.prefault({}),
  /** Overrides the build's Zoho API client; null: the build's. */
  oauth: z
    .strictObject({
      clientId: credentialSchema.nullable().default(null),
      clientSecret: credentialSchema.nullable().default(null),
    })
    .prefault({}),
  api: z
    .strictObject({
      /** Calls to Zoho in flight at once, kept under Zoho's per-org concurrency limit. */
      maxConcurrent: wholeNumber(1, 20).default(5),
    })
    .prefault({}),
  /** Custom domains the org serves Zoho CRM from (host names, lower case). */
  customDomains: list(hostnameSchema, 20)
    .overwrite((hosts) => [...new Set(hosts)])
    .default(() => []),
});

export type Settings = z.output<typeof settingsSchema>;
export type WorkingHours = Settings['workingHours'];

/** A fresh copy of the defaults. */
export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}

/**
 * Every setting's dotted path, down to the leaves the policy and the lock work on
 * ('features.booking', 'workingHours.mon', 'approvers.profiles', …).
 */
export const SETTINGS_PATHS: readonly string[] = Object.freeze(leafPaths(defaultSettings()));
