// Every field of the options form, in the order it is shown: a key (the settings path, with a
// working period's index replaced by its stable id), its label (a setting's comes from
// lib/settings/schema.ts), and where focus goes. The background's issues name settings paths;
// `resolveIssues` pins each to the field it is about.
import { findSetting, SETTING_FIELDS } from '@/lib/settings/fields';
import type { SettingsIssue } from '@/lib/settings/issues';
import { isUnderPath, splitPath } from '@/lib/settings/paths';
import { TITLE_PLACEHOLDERS, WEEKDAYS, type Settings, type Weekday } from '@/lib/settings/schema';
import { hintId as kitHintId, issueId as kitIssueId, lockedNoteId as kitLockedNoteId } from '../fields/Field';
import { t, uiLocale, type MessageKey } from '../i18n';
import { parseList, type Draft } from './draft';

/** The feature switches, in the schema's order ('slotCheck', 'booking', …). */
export const FEATURE_KEYS = SETTING_FIELDS.filter((f) => f.path.startsWith('features.')).map(
  (f) => f.path.slice('features.'.length) as keyof Settings['features'],
);

/** Fields whose value is a list typed as text: an issue on an entry names the entry. */
const LIST_FIELDS: Record<string, (draft: Draft) => string> = {
  'approvers.profiles': (d) => d.profiles,
  'approvers.roles': (d) => d.roles,
  customDomains: (d) => d.customDomains,
};

export const dayKey = (day: Weekday) => `workingHours.${day}`;
export const periodKey = (day: Weekday, id: number) => `workingHours.${day}.p${id}`;

/** The DOM id of a field's control. */
export const fieldId = (key: string) => `opt-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
export const issueId = (key: string) => kitIssueId(fieldId(key));
export const lockedNoteId = (key: string) => kitLockedNoteId(fieldId(key));
export const hintId = (key: string) => kitHintId(fieldId(key));

/** Where focus goes for a field: a working period's row is focused at its start. */
export const focusId = (key: string) => (/^workingHours\.\w+\.p\d+$/.test(key) ? fieldId(`${key}.start`) : fieldId(key));

export const weekdayName = (day: Weekday) => t(`options_weekday_${day}` as MessageKey);

/** Every field key of the form as it is now, in the order shown. */
export function fieldKeys(draft: Draft): string[] {
  const keys = ['oauth.clientId', 'oauth.clientSecret', 'timeZone', 'workingHoursSource'];
  for (const day of WEEKDAYS) {
    keys.push(dayKey(day));
    for (const p of draft.workingHours[day]) {
      const row = periodKey(day, p.id);
      keys.push(row, `${row}.start`, `${row}.end`);
    }
  }
  keys.push(
    'contactHours.start',
    'contactHours.end',
    'slotMinutes',
    'stepMinutes',
    'bufferBeforeMinutes',
    'bufferAfterMinutes',
    'minNoticeMinutes',
    'daysAhead',
    'meetingTitleTemplate',
    ...FEATURE_KEYS.map((f) => `features.${f}`),
    'createMissingAs',
    'approvers.profiles',
    'approvers.roles',
    'criteriaEnabled',
    'pipelineCriteria',
    'ai.provider',
    'ai.baseUrl',
    'ai.model',
    'api.maxConcurrent',
    'customDomains',
  );
  return keys;
}

/** The field's name as the summary of problems shows it. */
export function fieldLabel(key: string, draft: Draft): string {
  const label = findSetting(key)?.meta.label;
  if (label) return t(label);
  const [root, dayPart, period, part] = splitPath(key);
  const day = WEEKDAYS.find((d) => d === dayPart);
  if (root === 'workingHours' && day) {
    if (period === undefined) return weekdayName(day);
    const n = String(draft.workingHours[day].findIndex((p) => `p${p.id}` === period) + 1);
    if (part === 'start') return t('options_periodStart', [weekdayName(day), n]);
    if (part === 'end') return t('options_periodEnd', [weekdayName(day), n]);
    return t('options_period', [weekdayName(day), n]);
  }
  return key;
}

export interface ResolvedIssue {
  /** The field it is shown beside; '' when it is about no field on this page. */
  key: string;
  /** The field's name for the summary ('' when there is no field). */
  label: string;
  message: string;
}

/** The settings path of an issue in key form: a working period's index becomes its id. */
function toKeySpace(path: string, draft: Draft): string {
  const parts = splitPath(path);
  const day = WEEKDAYS.find((d) => d === parts[1]);
  if (parts[0] === 'workingHours' && day && parts[2] !== undefined && /^\d+$/.test(parts[2])) {
    const period = draft.workingHours[day][Number(parts[2])];
    if (period) parts[2] = `p${period.id}`;
  }
  return parts.join('.');
}

/** The background's issues, each beside its field with a localised sentence, in form order. */
export function resolveIssues(issues: readonly SettingsIssue[], draft: Draft): ResolvedIssue[] {
  const keys = fieldKeys(draft);
  const resolved = issues.map((issue) => {
    const path = toKeySpace(issue.path, draft);
    const key = keys.filter((k) => isUnderPath(path, k)).sort((a, b) => b.length - a.length)[0] ?? '';
    let message = issueMessage(issue, draft);
    const list = LIST_FIELDS[key];
    if (list && path !== key) {
      const entry = parseList(list(draft))[Number(splitPath(path)[splitPath(key).length])];
      if (entry !== undefined) message = t('options_listEntryIssue', [entry, message]);
    }
    return { key, label: key === '' ? '' : fieldLabel(key, draft), message };
  });
  const order = (key: string) => (key === '' ? -1 : keys.indexOf(key));
  return resolved.map((r, i) => ({ r, i })).sort((a, b) => order(a.r.key) - order(b.r.key) || a.i - b.i).map(({ r }) => r);
}

function orList(items: readonly string[]): string {
  return new Intl.ListFormat(uiLocale(), { type: 'disjunction' }).format(items);
}

/** One issue in plain words, from its code and params. */
export function issueMessage(issue: SettingsIssue, draft: Draft): string {
  const p = issue.params ?? [];
  switch (issue.code) {
    case 'invalidType':
      return t(p[0] === 'number' ? 'settingsIssue_invalidType_number' : 'settingsIssue_invalidType');
    case 'invalidValue':
      return p.length > 0 ? t('settingsIssue_invalidValue_oneOf', orList(p)) : t('settingsIssue_invalidValue');
    case 'outOfRange':
      return t('settingsIssue_outOfRange', [p[0] ?? '', p[1] ?? '']);
    case 'tooLong':
      return t('settingsIssue_tooLong', p[0] ?? '');
    case 'tooMany':
      return t('settingsIssue_tooMany', p[0] ?? '');
    case 'overlap': {
      // params: the index of the earlier period of the same day.
      const day = WEEKDAYS.find((d) => d === splitPath(issue.path)[1]);
      const other = day ? draft.workingHours[day][Number(p[0])] : undefined;
      return t('settingsIssue_overlap', other ? `${other.start}–${other.end === '00:00' ? '24:00' : other.end}` : String(Number(p[0]) + 1));
    }
    case 'unknownPlaceholder':
      return t('settingsIssue_unknownPlaceholder', [p[0] ?? '', orList(TITLE_PLACEHOLDERS.map((name) => `{${name}}`))]);
    default:
      return t(`settingsIssue_${issue.code}` as MessageKey);
  }
}
