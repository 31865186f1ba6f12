// Records and notes: what the panel asks about the record it is beside.
import { z } from 'zod';
import { answers } from '../messaging/define';
import type { OutboxItem } from '../sync/types';
import { RECORD_MODULES, type Cached, type RecordSummary } from './types';

export const recordId = z.string().regex(/^\d{1,25}$/);
export const recordModule = z.enum(RECORD_MODULES);

export const recordRequests = {
  getRecord: answers<Cached<RecordSummary> | null>()(z.object({ module: recordModule, recordId, cacheOnly: z.boolean().optional() }).strict(), 'panelRecord'),
  addNote: answers<OutboxItem>()(z.object({ module: recordModule, recordId, content: z.string().trim().min(1).max(32_000) }).strict(), 'panelRecord'),
};
