// The options form's own copy of the settings: what the person typed, as typed (numbers and
// lists stay text), so a refused save loses nothing. `toPatch` turns it into the whole-settings
// patch the background validates; the client secret goes only when it was changed.
import type { SettingsView } from '@/lib/settings/types';
import { WEEKDAYS, type Settings, type Weekday } from '@/lib/settings/schema';

export interface DraftPeriod {
  /** Stable across edits, so React rows and field ids follow the period, not its index. */
  id: number;
  start: string;
  end: string;
}

export type SecretDraft = { mode: 'keep' } | { mode: 'clear' } | { mode: 'replace'; value: string };

export interface Draft {
  clientId: string;
  clientSecret: SecretDraft;
  /** '' = the Zoho user's own time zone. */
  timeZone: string;
  workingHoursSource: Settings['workingHoursSource'];
  workingHours: Record<Weekday, DraftPeriod[]>;
  contactHours: { start: string; end: string };
  slotMinutes: string;
  /** '' = the slot length. */
  stepMinutes: string;
  bufferBeforeMinutes: string;
  bufferAfterMinutes: string;
  minNoticeMinutes: string;
  daysAhead: string;
  meetingTitleTemplate: string;
  features: Settings['features'];
  createMissingAs: Settings['createMissingAs'];
  profiles: string;
  roles: string;
  criteriaEnabled: boolean;
  pipelineCriteria: string;
  aiProvider: Settings['ai']['provider'];
  aiBaseUrl: string;
  aiModel: string;
  /** A new provider key to store (never filled from settings: the stored key is not sent out). */
  aiKey: string;
  maxConcurrent: string;
  customDomains: string;
}

let nextPeriodId = 1;
export const newPeriod = (start = '09:00', end = '17:00'): DraftPeriod => ({ id: nextPeriodId++, start, end });

/**
 * `<input type="time">` cannot show 24:00, so an end of midnight is shown as 00:00; an end of
 * 00:00 can mean nothing else (no period ends before it starts at 00:00 or later).
 */
const endToInput = (end: string) => (end === '24:00' ? '00:00' : end);
const endFromInput = (end: string) => (end === '00:00' ? '24:00' : end);

/** Entries of a list field: one per line or separated by commas. */
export function parseList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

const formatList = (items: readonly string[]) => items.join('\n');

/** A number as typed: a number when it reads as one, else the text (the schema names the problem). */
function parseNumber(text: string): number | string {
  const trimmed = text.trim();
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

export function toDraft(view: SettingsView): Draft {
  const s = view.settings;
  const workingHours = Object.fromEntries(
    WEEKDAYS.map((day) => [day, s.workingHours[day].map((p) => newPeriod(p.start, endToInput(p.end)))]),
  ) as Record<Weekday, DraftPeriod[]>;
  return {
    clientId: s.oauth.clientId ?? '',
    clientSecret: { mode: 'keep' },
    timeZone: s.timeZone ?? '',
    workingHoursSource: s.workingHoursSource,
    workingHours,
    contactHours: { start: s.contactHours.start, end: endToInput(s.contactHours.end) },
    slotMinutes: String(s.slotMinutes),
    stepMinutes: s.stepMinutes === null ? '' : String(s.stepMinutes),
    bufferBeforeMinutes: String(s.bufferBeforeMinutes),
    bufferAfterMinutes: String(s.bufferAfterMinutes),
    minNoticeMinutes: String(s.minNoticeMinutes),
    daysAhead: String(s.daysAhead),
    meetingTitleTemplate: s.meetingTitleTemplate,
    features: { ...s.features },
    createMissingAs: s.createMissingAs,
    profiles: formatList(s.approvers.profiles),
    roles: formatList(s.approvers.roles),
    criteriaEnabled: s.criteriaEnabled,
    pipelineCriteria: s.pipelineCriteria,
    aiProvider: s.ai.provider,
    aiBaseUrl: s.ai.baseUrl,
    aiModel: s.ai.model,
    aiKey: '',
    maxConcurrent: String(s.api.maxConcurrent),
    customDomains: formatList(s.customDomains),
  };
}

/** The whole form as a settings patch (nested like `Settings`). */
export function toPatch(draft: Draft): Record<string, unknown> {
  const oauth: Record<string, unknown> = { clientId: draft.clientId.trim() === '' ? null : draft.clientId.trim() };
  if (draft.clientSecret.mode === 'clear') oauth.clientSecret = null;
  if (draft.clientSecret.mode === 'replace' && draft.clientSecret.value !== '') oauth.clientSecret = draft.clientSecret.value;
  return {
    oauth,
    timeZone: draft.timeZone === '' ? null : draft.timeZone,
    workingHoursSource: draft.workingHoursSource,
    workingHours: Object.fromEntries(
      WEEKDAYS.map((day) => [day, draft.workingHours[day].map((p) => ({ start: p.start, end: endFromInput(p.end) }))]),
    ),
    contactHours: { start: draft.contactHours.start, end: endFromInput(draft.contactHours.end) },
    slotMinutes: parseNumber(draft.slotMinutes),
    stepMinutes: draft.stepMinutes.trim() === '' ? null : parseNumber(draft.stepMinutes),
    bufferBeforeMinutes: parseNumber(draft.bufferBeforeMinutes),
    bufferAfterMinutes: parseNumber(draft.bufferAfterMinutes),
    minNoticeMinutes: parseNumber(draft.minNoticeMinutes),
    daysAhead: parseNumber(draft.daysAhead),
    meetingTitleTemplate: draft.meetingTitleTemplate,
    features: { ...draft.features },
    createMissingAs: draft.createMissingAs,
    approvers: { profiles: parseList(draft.profiles), roles: parseList(draft.roles) },
    criteriaEnabled: draft.criteriaEnabled,
    pipelineCriteria: draft.pipelineCriteria,
    ai: { provider: draft.aiProvider, baseUrl: draft.aiBaseUrl, model: draft.aiModel },
    api: { maxConcurrent: parseNumber(draft.maxConcurrent) },
    customDomains: parseList(draft.customDomains),
  };
}
