// Enterprise policy (what `storage.managed.get()` returns): the same keys as the settings, each
// valid leaf overriding the user's value and showing as locked. public/managed_schema.json
// declares the same keys to the browser.
import { clonePlain, deepEqual, isPlainObject, isUnderPath, setAt, type PlainObject } from './paths';
import { defaultSettings, settingsSchema, SETTINGS_PATHS, type Settings } from './schema';

export interface ManagedSettings {
  /** The user's settings with the policy's values in place. */
  settings: Settings;
  /** Dotted paths the policy set ('features.booking', 'workingHours.mon'): read-only in the UI. */
  locked: string[];
  /** Policy keys that were unknown or invalid and so had no effect, as the policy spells them. */
  ignored: string[];
}

/**
 * Top-level policy keys kept from before the settings schema (the background read them
 * directly); they set the same value as the nested key.
 */
export const POLICY_ALIASES: Readonly<Record<string, string>> = {
  clientId: 'oauth.clientId',
  clientSecret: 'oauth.clientSecret',
};

interface PolicyLeaf {
  path: string;
  value: unknown;
  /** How the policy spelled it (an alias or the path). */
  source: string;
}

function collectLeaves(policy: PlainObject, shape: PlainObject, prefix: string, leaves: PolicyLeaf[], ignored: string[]) {
  for (const [key, value] of Object.entries(policy)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value === undefined || (prefix === '' && Object.hasOwn(POLICY_ALIASES, key))) continue;
    const expected = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (expected === undefined) ignored.push(path);
    else if (!isPlainObject(expected)) leaves.push({ path, value, source: path });
    else if (isPlainObject(value)) collectLeaves(value, expected, path, leaves, ignored);
    else ignored.push(path);
  }
}

/**
 * `settings` (valid, e.g. from migrateSettings) with the policy applied. Each policy leaf is
 * accepted when the settings stay valid with it; leaves that only make sense together (an AI
 * provider and its URL) are tried again until nothing more fits, so their order does not matter.
 */
export function applyManagedPolicy(settings: Settings, policy: unknown): ManagedSettings {
  if (policy === undefined || policy === null) return { settings, locked: [], ignored: [] };
  if (!isPlainObject(policy)) return { settings, locked: [], ignored: ['*'] };

  const leaves: PolicyLeaf[] = [];
  const ignored: string[] = [];
  collectLeaves(policy, defaultSettings() as unknown as PlainObject, '', leaves, ignored);
  for (const [alias, path] of Object.entries(POLICY_ALIASES)) {
    const value = Object.hasOwn(policy, alias) ? policy[alias] : undefined;
    if (value === undefined) continue;
    const nested = leaves.find((leaf) => leaf.path === path);
    // Both spellings given: the nested key wins; a different alias value did nothing.
    if (!nested) leaves.push({ path, value, source: alias });
    else if (!deepEqual(nested.value, value)) ignored.push(alias);
  }

  let effective = settings;
  const accepted = new Set<string>();
  let pending = leaves;
  for (let progress = true; progress && pending.length > 0; ) {
    progress = false;
    const rejected: PolicyLeaf[] = [];
    for (const leaf of pending) {
      const trial = clonePlain(effective) as unknown as PlainObject;
      setAt(trial, leaf.path, clonePlain(leaf.value));
      const result = settingsSchema.safeParse(trial);
      if (result.success) {
        effective = result.data;
        accepted.add(leaf.path);
        progress = true;
      } else {
        rejected.push(leaf);
      }
    }
    pending = rejected;
  }
  ignored.push(...pending.map((leaf) => leaf.source));

  return { settings: effective, locked: SETTINGS_PATHS.filter((p) => accepted.has(p)), ignored };
}

/** True when the setting at `path` (or the whole of it, e.g. 'workingHours.mon.0.start') is locked. */
export function isLockedPath(locked: readonly string[], path: string): boolean {
  return locked.some((l) => isUnderPath(path, l));
}
