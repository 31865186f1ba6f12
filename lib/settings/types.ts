// The settings as the UIs see them (zod-free).
import type { SerializedError } from '../errors';
import type { Settings } from './schema';
import type { TeamSettings } from './team';

/** The team settings (criteria, approvers, feature switches): where they come from and who may change them. */
export interface TeamView {
  /** published: in Zoho; none: nobody published yet; unavailable: never read on this connection; disconnected. */
  state: 'published' | 'none' | 'unavailable' | 'disconnected';
  /** Who published and when (ISO), as written with them. */
  by: string | null;
  at: string | null;
  /** Why the last read failed: the values shown are the last known (published) or none could be read (unavailable). */
  error: SerializedError | null;
  /** The user's profile as Zoho says it now is Administrator: they may publish (Zoho refuses anyone else). */
  canPublish: boolean;
  profile: string | null;
  /** The browser's own team values, from before team settings lived in Zoho. */
  own: TeamSettings;
  /** They differ from what is in effect: an administrator may publish them; for others they are ignored. */
  ownDiffers: boolean;
}

export interface SettingsView {
  /** In effect: the user's values, the team's over them, the policy over both. `oauth.clientSecret` is always null here. */
  settings: Settings;
  clientSecretSet: boolean;
  /** Dotted paths set by enterprise policy: shown, but not editable. */
  locked: string[];
  buildClientId: string | null;
  /** Whether an AI provider key is stored (the key itself never leaves the background). */
  aiKeySet: boolean;
  team: TeamView;
}
