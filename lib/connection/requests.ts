// The connection to Zoho: who is signed in where, connecting, disconnecting.
import { z } from 'zod';
import { answers } from '../messaging/define';
import type { ConnectionStatus } from './types';

const empty = z.object({}).strict();

export const connectionRequests = {
  status: answers<ConnectionStatus>()(empty, 'panel'),
  // Re-runs Zoho's sign-in and replaces the grant: from the popup, options or welcome page only.
  connect: answers<ConnectionStatus>()(empty, 'extensionPage'),
  // Revokes at Zoho and wipes every cached record: for the popup and options page only.
  disconnect: answers<{ revoked: boolean }>()(empty, 'extensionPage'),
};
