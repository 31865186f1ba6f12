// Sync status and the outbox of writes, as the popup shows and steers them.
import { z } from 'zod';
import { answers } from '../messaging/define';
import type { OutboxItem, SyncStatus } from './types';

const outboxKey = z.string().regex(/^[a-z0-9-]{8,64}$/);

export const syncRequests = {
  syncStatus: answers<SyncStatus>()(z.object({}).strict(), 'panel'),
  outboxRetry: answers<OutboxItem>()(z.object({ key: outboxKey }).strict(), 'extensionPage'),
  outboxDiscard: answers<{ discarded: true }>()(z.object({ key: outboxKey }).strict(), 'extensionPage'),
};
