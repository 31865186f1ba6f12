// Settings: read by every UI, changed only from the options page.
import { z } from 'zod';
import { answers } from '../messaging/define';
import type { SettingsView } from './types';

export const settingsRequests = {
  getSettings: answers<SettingsView>()(z.object({}).strict(), 'panel'),
  // The patch is validated field by field by the settings module, which names each problem.
  saveSettings: answers<SettingsView>()(z.object({ patch: z.record(z.string(), z.unknown()) }).strict(), 'extensionPage'),
  // The team settings (criteria, approvers, feature switches), nested as in Settings, written to Zoho by an administrator.
  publishTeamSettings: answers<SettingsView>()(z.object({ team: z.record(z.string(), z.unknown()) }).strict(), 'extensionPage'),
};
