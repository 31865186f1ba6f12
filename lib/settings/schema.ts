// The one settings schema: every setting, its default, its rules, and (registered in
// `settingsMeta`) its label, bounds and options' labels. `settingsSchema.parse({})` is the
// defaults; every rule reports a code from ./issues, never English prose.
import { z } from 'zod';
import { addSettingsIssue } from './issues';
import { settingsMeta, type SettingMeta } from './meta';
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
  return z
    .number()
    .superRefine((n, ctx) => {
      if (!Number.isInteger(n)) addSettingsIssue(ctx, 'notInteger');
      else if (n < min || n > max) addSettingsIssue(ctx, 'outOfRange', { params: [String(min), String(max)] });
      else if (options.multipleOf5 && n % 5 !== 0) addSettingsIssue(ctx, 'notMultipleOf5');
    })
    .register(settingsMeta, { min, max, step: options.multipleOf5 ? 5 : 1 });
}

function text(max: number, options: { required?: boolean; trim?: boolean } = {}) {
  return (options.trim ? z.string().trim() : z.string())
    .superRefine((s, ctx) => {
      if (options.required && s.trim() === '') addSettingsIssue(ctx, 'required');
      else if (s.length > max) addSettingsIssue(ctx, 'tooLong', { params: [String(max)] });
    })
    .register(settingsMeta, { maxLength: max });
}

function list<T extends z.ZodType>(item: T, max: number) {
  return z
    .array(item)
    .superRefine((items, ctx) => {
      if (items.length > max) addSettingsIssue(ctx, 'tooMany', { params: [String(max)] });
    })
    .register(settingsMeta, { maxItems: max });
}

/** A start–end period of wall-clock times; `labels` name its two times where they are settings of their own. */
const periodOf = (labels: { start?: SettingMeta; end?: SettingMeta } = {}) =>
  z
    .strictObject({
      start: z.string().register(settingsMeta, { pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', ...labels.start }),
      end: z.string().register(settingsMeta, { pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$', ...labels.end }),
    })
    .superRefine((period, ctx) => {
      const start = timeToMinutes(period.start);
      const end = timeToMinutes(period.end, true);
      if (start === null) addSettingsIssue(ctx, 'invalidTime', { path: ['start'] });
      if (end === null) addSettingsIssue(ctx, 'invalidTime', { path: ['end'] });
      if (start !== null && end !== null && end <= start) addSettingsIssue(ctx, 'endNotAfterStart', { path: ['end'] });
    });
const periodSchema = periodOf();
export type WorkingPeriod = z.output<typeof periodSchema>;

const daySchema = list(periodSchema, MAX_PERIODS_PER_DAY).superRefine((periods, ctx) => {
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
  mon: daySchema.default(officeHours).register(settingsMeta, { label: 'options_weekday_mon' }),
  tue: daySchema.default(officeHours).register(settingsMeta, { label: 'options_weekday_tue' }),
  wed: daySchema.default(officeHours).register(settingsMeta, { label: 'options_weekday_wed' }),
  thu: daySchema.default(officeHours).register(settingsMeta, { label: 'options_weekday_thu' }),
  fri: daySchema.default(officeHours).register(settingsMeta, { label: 'options_weekday_fri' }),
  sat: daySchema.default(() => []).register(settingsMeta, { label: 'options_weekday_sat' }),
  sun: daySchema.default(() => []).register(settingsMeta, { label: 'options_weekday_sun' }),
});

const timeZoneSchema = z
  .string()
  .superRefine((name, ctx) => {
    if (!isTimeZone(name)) addSettingsIssue(ctx, 'invalidTimeZone');
  })
  .overwrite((name) => resolveTimeZone(name) ?? name);

const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN_PLACEHOLDERS = new Set<string>(TITLE_PLACEHOLDERS);

/** Empty: the default title in the UI's language ("Meeting with …", "Termin mit …"), filled in by the panel. */
const titleTemplateSchema = text(MAX_TEMPLATE_LENGTH).superRefine((template, ctx) => {
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
const MAX_CREDENTIAL_LENGTH = 500;
const credentialSchema = z
  .string()
  .superRefine((value, ctx) => {
    if (value === '') addSettingsIssue(ctx, 'required');
    else if (value.length > MAX_CREDENTIAL_LENGTH) addSettingsIssue(ctx, 'tooLong', { params: [String(MAX_CREDENTIAL_LENGTH)] });
    else if (!/^\S+$/.test(value)) addSettingsIssue(ctx, 'invalidFormat');
  })
  .register(settingsMeta, { maxLength: MAX_CREDENTIAL_LENGTH });

const aiSchema = z
  .strictObject({
    provider: z
      .enum(['none', 'openai-compatible', 'browser'])
      .default('none')
      .register(settingsMeta, {
        label: 'options_aiProvider',
        options: { none: 'options_aiProvider_none', 'openai-compatible': 'options_aiProvider_openai', browser: 'options_aiProvider_browser' },
      }),
    baseUrl: z
      .string()
      .trim()
      .superRefine((url, ctx) => {
        if (url !== '' && !isProviderUrl(url)) addSettingsIssue(ctx, 'invalidUrl');
      })
      .default('')
      .register(settingsMeta, { label: 'options_aiBaseUrl', hint: 'options_aiBaseUrlHint' }),
    model: text(200, { trim: true }).default('').register(settingsMeta, { label: 'options_aiModel' }),
  })
  .superRefine((ai, ctx) => {
    if (ai.provider !== 'openai-compatible') return;
    if (ai.baseUrl === '') addSettingsIssue(ctx, 'required', { path: ['baseUrl'] });
    if (ai.model === '') addSettingsIssue(ctx, 'required', { path: ['model'] });
  });

const feature = (name: 'slotCheck' | 'booking' | 'cancellation' | 'lookupBeforeBooking' | 'stageSuggestions') =>
  z.boolean().default(true).register(settingsMeta, { label: `options_feature_${name}`, hint: `options_feature_${name}Hint` });

// Each setting's `.register(settingsMeta, …)` is what the options page shows for it; its bounds
// come from the rule (wholeNumber, text, list) and its default from `.default()`.
export const settingsSchema = z.strictObject({
  /** null: the Zoho user's own time zone. */
  timeZone: timeZoneSchema.nullable().default(null).register(settingsMeta, { label: 'options_timeZone' }),
  /** 'zoho': Zoho's business hours when the org has them, else `workingHours`. */
  workingHoursSource: z
    .enum(['zoho', 'custom'])
    .default('zoho')
    .register(settingsMeta, {
      label: 'options_workingHoursSource',
      options: { zoho: 'options_workingHoursSource_zoho', custom: 'options_workingHoursSource_custom' },
    }),
  workingHours: workingHoursSchema.prefault({}),
  /** The other person's working day in THEIR zone, Monday to Friday: free times inside it come first. */
  contactHours: periodOf({ start: { label: 'options_contactHoursStart' }, end: { label: 'options_contactHoursEnd' } })
    .default(() => ({ start: '09:00', end: '17:00' }))
    .register(settingsMeta, { label: 'options_contactHours', hint: 'options_contactHoursHint' }),
  slotMinutes: wholeNumber(5, 480, { multipleOf5: true }).default(30).register(settingsMeta, { label: 'options_slotMinutes' }),
  /** Minutes between slot starts; null: the slot length. */
  stepMinutes: wholeNumber(5, 480, { multipleOf5: true })
    .nullable()
    .default(null)
    .register(settingsMeta, { label: 'options_stepMinutes', hint: 'options_stepMinutesHint' }),
  bufferBeforeMinutes: wholeNumber(0, 240).default(0).register(settingsMeta, { label: 'options_bufferBeforeMinutes' }),
  bufferAfterMinutes: wholeNumber(0, 240).default(0).register(settingsMeta, { label: 'options_bufferAfterMinutes' }),
  minNoticeMinutes: wholeNumber(0, 10_080)
    .default(60)
    .register(settingsMeta, { label: 'options_minNoticeMinutes', hint: 'options_minNoticeMinutesHint' }),
  daysAhead: wholeNumber(1, 90).default(14).register(settingsMeta, { label: 'options_daysAhead' }),
  meetingTitleTemplate: titleTemplateSchema
    .default('')
    .register(settingsMeta, { label: 'options_meetingTitleTemplate', placeholder: 'options_meetingTitleTemplatePlaceholder' }),
  features: z
    .strictObject({
      slotCheck: feature('slotCheck'),
      booking: feature('booking'),
      cancellation: feature('cancellation'),
      lookupBeforeBooking: feature('lookupBeforeBooking'),
      stageSuggestions: feature('stageSuggestions'),
    })
    .prefault({}),
  /** What a booking for an unknown email/phone creates. */
  createMissingAs: z
    .enum(['Leads', 'Contacts'])
    .default('Leads')
    .register(settingsMeta, {
      label: 'options_createMissingAs',
      options: { Leads: 'options_createMissingAs_Leads', Contacts: 'options_createMissingAs_Contacts' },
    }),
  /** Zoho profile and role names whose holders may approve a stage change. */
  approvers: z
    .strictObject({
      profiles: list(nameSchema, MAX_LIST_ENTRIES)
        .default(() => ['Administrator', 'Manager'])
        .register(settingsMeta, { label: 'options_approverProfiles', hint: 'options_listHint' }),
      roles: list(nameSchema, MAX_LIST_ENTRIES)
        .default(() => [])
        .register(settingsMeta, { label: 'options_approverRoles', hint: 'options_listHint' }),
    })
    .prefault({}),
  /** The admin's pipeline criteria, as written (lib/suggestions parses them). */
  pipelineCriteria: text(MAX_CRITERIA_LENGTH)
    .default('')
    .register(settingsMeta, { label: 'options_pipelineCriteria', hint: 'options_pipelineCriteriaHint' }),
  criteriaEnabled: z
    .boolean()
    .default(false)
    .register(settingsMeta, { label: 'options_criteriaEnabled', hint: 'options_criteriaEnabledHint' }),
  /** The provider's API key is not here: it is stored encrypted with the tokens. */
  ai: aiSchema.prefault({}),
  /** Overrides the build's Zoho API client; null: the build's. */
  oauth: z
    .strictObject({
      clientId: credentialSchema.nullable().default(null).register(settingsMeta, { label: 'options_clientId' }),
      clientSecret: credentialSchema.nullable().default(null).register(settingsMeta, { label: 'options_clientSecret', sensitive: true }),
    })
    .prefault({}),
  api: z
    .strictObject({
      /** Calls to Zoho in flight at once, kept under Zoho's per-org concurrency limit. */
      maxConcurrent: wholeNumber(1, 20)
        .default(5)
        .register(settingsMeta, { label: 'options_maxConcurrent', hint: 'options_maxConcurrentHint' }),
    })
    .prefault({}),
  /** Custom domains the org serves Zoho CRM from (host names, lower case). */
  customDomains: list(hostnameSchema, 20)
    .overwrite((hosts) => [...new Set(hosts)])
    .default(() => [])
    .register(settingsMeta, { label: 'options_customDomains', hint: 'options_customDomainsHint' }),
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
