// Team settings: what an administrator decides for everyone (the pipeline criteria, who may
// approve, the feature switches). They live in Zoho as org variables, which only administrators
// may write and every member reads; each person's own settings (working hours, meeting length…)
// stay in the browser. This file is pure: the variables' names and values, and how team values
// meet the browser's own before enterprise policy is applied on top of both.
import { z } from 'zod';
import { clonePlain, deepEqual, getAt, isUnderPath, setAt } from './paths';
import { defaultSettings, settingsSchema, type Settings } from './schema';

/** The settings an administrator sets for the whole org. */
export const TEAM_PATHS = ['features', 'approvers', 'pipelineCriteria', 'criteriaEnabled'] as const;
export type TeamPath = (typeof TEAM_PATHS)[number];
export type TeamSettings = Pick<Settings, TeamPath>;

export const isTeamPath = (path: string): boolean => TEAM_PATHS.some((team) => isUnderPath(path, team));

/** The team settings' own rules: the same as in the settings schema, every key required. */
export const teamSettingsSchema = settingsSchema.pick({ features: true, approvers: true, pipelineCriteria: true, criteriaEnabled: true });

/**
 * The org variables Stagecoach owns: `Stagecoach_Team_01`, `_02`, … in the org's "General" group,
 * of type textarea. Their values, in order, joined, are one JSON document. Split because a
 * variable's value is short (UNCONFIRMED: Zoho documents a maximum_length error but not the
 * figure; 2,000 characters, Zoho's multi-line small text, is assumed) and the criteria may be
 * up to 100,000 characters.
 */
export const TEAM_VARIABLE_PREFIX = 'Stagecoach_Team_';
export const TEAM_VARIABLE_GROUP = 'General';
export const TEAM_VARIABLE_TYPE = 'textarea';
export const TEAM_CHUNK_LENGTH = 2000;
export const MAX_TEAM_CHUNKS = 99;

export const teamVariableName = (index: number): string => `${TEAM_VARIABLE_PREFIX}${String(index + 1).padStart(2, '0')}`;

/** The JSON the variables hold: who published, when, and the values. */
const envelopeSchema = z.object({ v: z.literal(1), by: z.string().nullable(), at: z.string().nullable(), settings: z.unknown() });

export interface PublishedTeam {
  team: TeamSettings;
  by: string | null;
  at: string | null;
}

/** The team settings as variable values: every part but the last exactly TEAM_CHUNK_LENGTH long. */
export function encodeTeam(team: TeamSettings, by: string | null, at: string): string[] {
  const text = JSON.stringify({ v: 1, by, at, settings: teamSettingsSchema.parse(team) });
  const parts: string[] = [];
  for (let start = 0; start < text.length; start += TEAM_CHUNK_LENGTH) parts.push(text.slice(start, start + TEAM_CHUNK_LENGTH));
  if (parts.length > MAX_TEAM_CHUNKS) throw new RangeError(`team settings need ${parts.length} variables, at most ${MAX_TEAM_CHUNKS} are written`);
  return parts;
}

export type DecodedTeam = { kind: 'none' } | { kind: 'published'; published: PublishedTeam } | { kind: 'unreadable'; reason: 'json' | 'rules' };

/**
 * The team settings from the org's variables (any of them; only ours are read). Parts past an
 * empty one are left-overs of a longer earlier version. A half-written set (an administrator
 * saving while this reads) does not parse: 'unreadable', and the caller keeps what it knew.
 */
export function decodeTeam(variables: ReadonlyArray<{ api_name: string; value?: unknown }>): DecodedTeam {
  const ours = new Map<number, string>();
  for (const variable of variables) {
    const match = /^Stagecoach_Team_(\d{2})$/.exec(variable.api_name);
    if (match) ours.set(Number(match[1]) - 1, typeof variable.value === 'string' ? variable.value : '');
  }
  let text = '';
  for (let index = 0; ours.get(index); index++) text += ours.get(index);
  if (!text) return { kind: 'none' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'unreadable', reason: 'json' };
  }
  const envelope = envelopeSchema.safeParse(json);
  const settings = envelope.success ? teamSettingsSchema.safeParse(envelope.data.settings) : null;
  if (!envelope.success || !settings?.success) return { kind: 'unreadable', reason: 'rules' };
  return { kind: 'published', published: { team: settings.data, by: envelope.data.by, at: envelope.data.at } };
}

/** The team paths of a settings object. */
export function teamOf(settings: Settings): TeamSettings {
  return clonePlain({ features: settings.features, approvers: settings.approvers, pipelineCriteria: settings.pipelineCriteria, criteriaEnabled: settings.criteriaEnabled });
}

/**
 * The browser's own settings with the team's over them. With no team settings from Zoho (none
 * published yet, or never read), the browser's criteria and switches stay in use, but never its
 * approver list: who may approve is the org's to say, so it is the default until an
 * administrator publishes one.
 */
export function withTeam(own: Settings, team: TeamSettings | null): Settings {
  const merged = clonePlain(own);
  const source: Partial<TeamSettings> = team ?? { approvers: defaultSettings().approvers };
  for (const path of TEAM_PATHS) {
    const value = getAt(source, path);
    if (value !== undefined) setAt(merged as never, path, clonePlain(value));
  }
  return merged;
}

/** Whether the browser holds team values of its own that differ from `than` (what an admin may publish). */
export function ownTeamDiffers(own: Settings, than: TeamSettings): boolean {
  return !deepEqual(teamOf(own), than);
}
