// The connection to Zoho: who is signed in where, connecting, disconnecting.
import { z } from 'zod';
import { answers } from '../messaging/define';
import type { ConnectionStatus } from './types';

const empty = z.object({}).strict();

export const connectionRequests = {
  status: answers<ConnectionStatus>()(empty),
  connect: answers<ConnectionStatus>()(empty),
  // Revokes at Zoho and wipes every cached record: for the popup and options page only.
  disconnect: answers<{ revoked: boolean }>()(empty, 'extensionPage'),
};
