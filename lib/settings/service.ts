// Settings as the background serves them: the values in effect (the team's from Zoho over the
// user's own, policy over both, locks named), never the client secret; saving checks every field
// and names each problem. Team settings are published to Zoho by an administrator only.
import { StagecoachError } from '../errors';
import type { Handlers } from '../messaging/define';
import { ADMIN_PROFILE, type ProfileReader } from './currentProfile';
import { clonePlain, deleteAt, isPlainObject } from './paths';
import type { settingsRequests } from './requests';
import { defaultSettings, type Settings } from './schema';
import type { SettingsStore } from './store';
import { isTeamPath, ownTeamDiffers, TEAM_PATHS, teamOf } from './team';
import type { TeamStore, TeamStoreConnection } from './teamStore';
import type { SettingsView, TeamView } from './types';
import { validateSettingsPatch } from './validate';

export interface SettingsServiceDeps {
  store: SettingsStore;
  buildClientId: string | null;
  /** Whether an AI provider key is stored (kept by the suggestions domain). */
  aiKeySet(): Promise<boolean>;
  /** Told the settings in effect whenever they are read (the client's concurrency cap follows them). */
  onLoaded?(settings: Settings): void;
  team: TeamStore;
  profiles: Pick<ProfileReader, 'current'>;
  /** The usable connection, or null. */
  connection(): Promise<TeamStoreConnection | null>;
}

export function createSettingsService(deps: SettingsServiceDeps) {
  /** The profile as Zoho says it now; null when not connected or not readable. */
  async function profileNow(): Promise<string | null> {
    const connection = await deps.connection();
    if (!connection) return null;
    return (await deps.profiles.current(connection).catch(() => null))?.profile ?? null;
  }

  async function getSettings(options: { freshTeam?: boolean; profile?: boolean } = {}): Promise<SettingsView> {
    const [team, profile] = await Promise.all([deps.team.current({ fresh: options.freshTeam ?? false }), options.profile === false ? null : profileNow()]);
    const loaded = await deps.store.load(team.kind === 'published' ? team.team : null);
    deps.onLoaded?.(loaded.settings);
    const teamView: TeamView = {
      state: team.kind,
      by: team.kind === 'published' ? team.by : null,
      at: team.kind === 'published' ? team.at : null,
      error: team.kind === 'published' ? team.stale : team.kind === 'unavailable' ? team.error : null,
      canPublish: profile === ADMIN_PROFILE,
      profile,
      own: teamOf(loaded.own),
      // Only when this browser really has values of its own (not the defaults) that are not in effect.
      ownDiffers: ownTeamDiffers(loaded.own, teamOf(loaded.settings)) && ownTeamDiffers(loaded.own, teamOf(defaultSettings())),
    };
    return {
      settings: { ...loaded.settings, oauth: { ...loaded.settings.oauth, clientSecret: null } },
      clientSecretSet: loaded.settings.oauth.clientSecret !== null,
      locked: loaded.locked,
      buildClientId: deps.buildClientId,
      aiKeySet: await deps.aiKeySet(),
      team: teamView,
    };
  }

  const handlers: Handlers<typeof settingsRequests> = {
    // The panel shows no team settings: its read costs no GET /users (issue 12; the deal card reads the profile itself).
    getSettings: (_input, { from }) => getSettings({ freshTeam: true, profile: from !== 'panel' }),
    async saveSettings({ patch }) {
      // Once the team settings live in Zoho, the browser's copy of them is not changed any more.
      const team = await deps.team.current();
      const own = clonePlain(patch);
      if (team.kind === 'published') for (const path of TEAM_PATHS) deleteAt(own, path);
      const result = await deps.store.save(own);
      if (!result.ok) throw new StagecoachError('invalid_settings', undefined, { issues: result.issues });
      return getSettings();
    },
    async publishTeamSettings({ team }) {
      const connection = await deps.connection();
      if (!connection) throw new StagecoachError('not_connected');
      // Zoho refuses anyone else too; asking first keeps a rep from a half-written set.
      if ((await deps.profiles.current(connection))?.profile !== ADMIN_PROFILE) throw new StagecoachError('no_permission', { reason: 'team_settings_admin_only' });
      const outside = Object.keys(team).filter((key) => !isTeamPath(key));
      if (outside.length > 0) throw new StagecoachError('invalid_settings', undefined, { issues: outside.map((path) => ({ path, code: 'unknownKey' })) });
      const current = await deps.team.current({ fresh: true });
      const loaded = await deps.store.load(current.kind === 'published' ? current.team : null);
      // The team values checked by the same rules as every setting; a policy's lock holds here too.
      const result = validateSettingsPatch(loaded.settings, isPlainObject(team) ? team : {}, loaded.locked.filter(isTeamPath));
      if (!result.ok) throw new StagecoachError('invalid_settings', undefined, { issues: result.issues });
      await deps.team.publish(teamOf(result.settings));
      return getSettings();
    },
  };
  return { handlers };
}
