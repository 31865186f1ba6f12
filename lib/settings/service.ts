// Settings as the background serves them: the values in effect (policy applied, locks named),
// never the client secret; saving checks every field and names each problem.
import { StagecoachError } from '../errors';
import type { Handlers } from '../messaging/define';
import type { settingsRequests } from './requests';
import type { Settings } from './schema';
import type { SettingsStore } from './store';
import type { SettingsView } from './types';

export interface SettingsServiceDeps {
  store: SettingsStore;
  buildClientId: string | null;
  /** Whether an AI provider key is stored (kept by the suggestions domain). */
  aiKeySet(): Promise<boolean>;
  /** Told the settings in effect whenever they are read (the client's concurrency cap follows them). */
  onLoaded?(settings: Settings): void;
}

export function createSettingsService(deps: SettingsServiceDeps) {
  async function getSettings(): Promise<SettingsView> {
    const loaded = await deps.store.load();
    deps.onLoaded?.(loaded.settings);
    return {
      settings: { ...loaded.settings, oauth: { ...loaded.settings.oauth, clientSecret: null } },
      clientSecretSet: loaded.settings.oauth.clientSecret !== null,
      locked: loaded.locked,
      buildClientId: deps.buildClientId,
      aiKeySet: await deps.aiKeySet(),
    };
  }

  const handlers: Handlers<typeof settingsRequests> = {
    getSettings,
    async saveSettings({ patch }) {
      const result = await deps.store.save(patch);
      if (!result.ok) throw new StagecoachError('invalid_settings', undefined, { issues: result.issues });
      return getSettings();
    },
  };
  return { handlers };
}
