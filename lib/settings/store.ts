// Loading and saving the settings over injected storage (the background gives it dexie and
// `storage.managed`; tests give it memory). The stored row holds the user's own values only;
// the policy is applied on the way out, so lifting a policy gives the user's values back.
import { applyManagedPolicy, type ManagedSettings } from './managed';
import { CURRENT_SETTINGS_VERSION, migrateSettings, type StoredSettingsRow } from './migrations';
import type { SettingsIssue } from './issues';
import { clonePlain, deepMerge, deleteAt, isPlainObject } from './paths';
import type { Settings } from './schema';
import { withTeam, type TeamSettings } from './team';
import { lockedIssues, validateSettingsPatch } from './validate';

export interface SettingsRow {
  version: number;
  values: Settings;
}

export interface SettingsStoreDeps {
  /** The stored row as it was written (any version), or null when there is none. */
  read(): Promise<StoredSettingsRow | null>;
  write(row: SettingsRow): Promise<void>;
  /** The enterprise policy (`storage.managed.get()`); may reject where there is none. */
  readPolicy(): Promise<unknown>;
}

/** The settings in effect: the user's values, the team's over them, the policy over both; and the user's own. */
export type LoadedSettings = ManagedSettings & { own: Settings };

export type SaveSettingsResult = ({ ok: true } & LoadedSettings) | { ok: false; issues: SettingsIssue[] };

export interface SettingsStore {
  /** `team`: the team settings from Zoho, or null when there are none (then the approvers are the defaults, see ./team). */
  load(team?: TeamSettings | null): Promise<LoadedSettings>;
  /** Validates `patch` (nested like `Settings`, any subset) and saves it; nothing is written on issues. */
  save(patch: unknown): Promise<SaveSettingsResult>;
}

export function createSettingsStore(deps: SettingsStoreDeps): SettingsStore {
  // One read-modify-write at a time, so two quick saves cannot undo each other.
  let tail: Promise<unknown> = Promise.resolve();
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  }

  async function readPolicy(): Promise<unknown> {
    // storage.managed rejects where no policy schema or policy exists: that just means "no policy".
    return deps.readPolicy().catch(() => undefined);
  }

  /** The user's own values, migrated; the row is rewritten once when migration changed it. */
  async function readOwn(): Promise<Settings> {
    const stored = await deps.read();
    const migrated = migrateSettings(stored);
    const version = stored?.version;
    // A row from a newer build (after a downgrade) stays as it is until the user saves, so
    // upgrading again finds it intact.
    const fromNewerBuild = typeof version === 'number' && version > CURRENT_SETTINGS_VERSION;
    if (stored && !fromNewerBuild && (version !== CURRENT_SETTINGS_VERSION || migrated.dropped.length > 0)) {
      await deps.write({ version: CURRENT_SETTINGS_VERSION, values: migrated.values });
    }
    return migrated.values;
  }

  return {
    load: (team = null) =>
      serial(async () => {
        const [own, policy] = await Promise.all([readOwn(), readPolicy()]);
        return { ...applyManagedPolicy(withTeam(own, team), policy), own };
      }),

    save: (patch) =>
      serial(async (): Promise<SaveSettingsResult> => {
        const [own, policy] = await Promise.all([readOwn(), readPolicy()]);
        const managed = applyManagedPolicy(own, policy);
        if (!isPlainObject(patch)) return { ok: false, issues: [{ path: '', code: 'invalidType', params: ['object'] }] };

        // The UI may send back the values it shows, locked ones included: only a change to a
        // locked value is refused, and locked values never reach the user's own row.
        const lockIssues = lockedIssues(managed.settings, deepMerge(managed.settings, patch), managed.locked);
        const ownPatch = clonePlain(patch);
        for (const path of managed.locked) deleteAt(ownPatch, path);
        const result = validateSettingsPatch(own, ownPatch);
        if (lockIssues.length > 0 || !result.ok) {
          return { ok: false, issues: [...lockIssues, ...(result.ok ? [] : result.issues)] };
        }
        await deps.write({ version: CURRENT_SETTINGS_VERSION, values: result.settings });
        return { ok: true, ...applyManagedPolicy(withTeam(result.settings, null), policy), own: result.settings };
      }),
  };
}
