// Checks a change to the settings before it is saved: the patch is merged into the current
// values, the result must pass the schema, and paths locked by policy must not change.
import { toSettingsIssues, type SettingsIssue } from './issues';
import { deepEqual, deepMerge, getAt, isPlainObject, isUnderPath } from './paths';
import { settingsSchema, type Settings } from './schema';

export { SETTINGS_ISSUE_CODES, type SettingsIssue, type SettingsIssueCode } from './issues';

export type SettingsValidation = { ok: true; settings: Settings } | { ok: false; issues: SettingsIssue[] };

/** A 'locked' issue for each locked path whose value differs between `before` and `after`. */
export function lockedIssues(before: unknown, after: unknown, locked: readonly string[]): SettingsIssue[] {
  return locked
    .filter((path) => !deepEqual(getAt(before, path), getAt(after, path)))
    .map((path) => ({ path, code: 'locked' as const }));
}

/**
 * `patch` (any part of the settings, nested as in `Settings`) deep-merged into `current` and
 * validated. Objects merge key by key; arrays and other values replace. A path in `locked` may
 * appear in the patch only with its current value.
 */
export function validateSettingsPatch(
  current: Settings,
  patch: unknown,
  locked: readonly string[] = [],
): SettingsValidation {
  if (!isPlainObject(patch)) return { ok: false, issues: [{ path: '', code: 'invalidType', params: ['object'] }] };
  const merged = deepMerge(current, patch);
  const lockIssues = lockedIssues(current, merged, locked);
  const result = settingsSchema.safeParse(merged);
  if (result.success && lockIssues.length === 0) return { ok: true, settings: result.data };
  // Under a locked path, 'locked' is the only thing worth saying.
  const other = result.success
    ? []
    : toSettingsIssues(result.error.issues).filter((i) => !lockIssues.some((l) => isUnderPath(i.path, l.path)));
  return { ok: false, issues: [...lockIssues, ...other] };
}
