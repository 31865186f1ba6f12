// What can be wrong with a setting, as a closed set of codes the UI turns into localised
// sentences; the schema emits them as zod custom issues and `toSettingsIssues` reads them back.
import type { z } from 'zod';
import { joinPath } from './paths';

export const SETTINGS_ISSUE_CODES = [
  /** Wrong kind of value (params: the expected kind: 'string', 'number', 'boolean', 'object', 'array'). */
  'invalidType',
  /** Not one of the allowed values (params: the allowed values). */
  'invalidValue',
  /** A key that is not a setting. */
  'unknownKey',
  /** Empty where a value is needed. */
  'required',
  /** A number with a fraction where whole minutes are needed. */
  'notInteger',
  /** Outside the allowed range (params: [min, max]). */
  'outOfRange',
  'notMultipleOf5',
  /** Longer than allowed (params: [max characters]). */
  'tooLong',
  /** More entries than allowed (params: [max]). */
  'tooMany',
  /** Not HH:MM between 00:00 and 23:59 (24:00 only as an end). */
  'invalidTime',
  'endNotAfterStart',
  /** This working period overlaps another of the same day (params: [index of the other]). */
  'overlap',
  'invalidTimeZone',
  /** A `{placeholder}` the title template does not know, or a stray brace (params: [the text]). */
  'unknownPlaceholder',
  'invalidUrl',
  'invalidHostname',
  /** Not in the expected format (e.g. a client id with spaces). */
  'invalidFormat',
  /** Set by the organisation's policy: cannot be changed here. */
  'locked',
] as const;
export type SettingsIssueCode = (typeof SETTINGS_ISSUE_CODES)[number];

export interface SettingsIssue {
  /** Dotted path of the setting, e.g. 'workingHours.mon.0.end'; '' for the whole object. */
  path: string;
  code: SettingsIssueCode;
  params?: string[];
}

const CODES = new Set<string>(SETTINGS_ISSUE_CODES);

/** A field issue that crossed the message boundary, if it is one of ours. */
export const isSettingsIssue = (issue: { path: string; code: string; params?: string[] | undefined }): issue is SettingsIssue => CODES.has(issue.code);

/** Adds a settings issue from inside a zod refinement; `path` is relative to the refined value. */
export function addSettingsIssue(
  ctx: z.RefinementCtx,
  code: SettingsIssueCode,
  options: { path?: (string | number)[]; params?: string[] } = {},
): void {
  ctx.addIssue({
    code: 'custom',
    message: code,
    path: options.path ?? [],
    params: { settingsCode: code, settingsParams: options.params },
    input: ctx.value,
  });
}

function issue(path: string, code: SettingsIssueCode, params?: string[]): SettingsIssue {
  return params && params.length > 0 ? { path, code, params } : { path, code };
}

/** zod's issues as settings issues (one per unknown key), without duplicates. */
export function toSettingsIssues(issues: readonly z.core.$ZodIssue[]): SettingsIssue[] {
  const out: SettingsIssue[] = [];
  for (const zi of issues) {
    const path = joinPath(zi.path);
    switch (zi.code) {
      case 'custom': {
        const code: unknown = zi.params?.settingsCode;
        const params: unknown = zi.params?.settingsParams;
        out.push(
          issue(
            path,
            typeof code === 'string' && CODES.has(code) ? (code as SettingsIssueCode) : 'invalidValue',
            Array.isArray(params) ? params.map(String) : undefined,
          ),
        );
        break;
      }
      case 'invalid_type':
        out.push(issue(path, 'invalidType', [zi.expected]));
        break;
      case 'invalid_value':
        out.push(issue(path, 'invalidValue', zi.values.map(String)));
        break;
      case 'unrecognized_keys':
        for (const key of zi.keys) out.push(issue(path ? `${path}.${key}` : key, 'unknownKey'));
        break;
      default:
        out.push(issue(path, 'invalidValue'));
    }
  }
  const seen = new Set<string>();
  return out.filter((i) => {
    const key = JSON.stringify([i.path, i.code, i.params ?? []]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
