// The settings as the UIs see them (zod-free).
import type { Settings } from './schema';

export interface SettingsView {
  /** In effect: the user's values with the policy applied. `oauth.clientSecret` is always null here. */
  settings: Settings;
  clientSecretSet: boolean;
  /** Dotted paths set by enterprise policy: shown, but not editable. */
  locked: string[];
  buildClientId: string | null;
  /** Whether an AI provider key is stored (the key itself never leaves the background). */
  aiKeySet: boolean;
}
