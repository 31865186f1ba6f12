// The one message protocol between the UIs (popup, options, panel) and the background.
// Requests are checked at the receiver with these schemas; answers are typed here.
import { z } from 'zod';
import { RECORD_MODULES } from './types';

const empty = z.object({}).strict();

/**
 * `from`: who may send it. Content scripts run inside Zoho's pages, so anything that changes the
 * connection or wipes data is for extension pages only.
 */
export const REQUESTS = {
  status: { schema: empty, from: 'any' },
  connect: { schema: empty, from: 'any' },
  disconnect: { schema: empty, from: 'extensionPage' },
  getRecord: {
    schema: z.object({ module: z.enum(RECORD_MODULES), recordId: z.string().regex(/^\d{1,25}$/) }).strict(),
    from: 'any',
  },
} as const satisfies Record<string, { schema: z.ZodType; from: 'any' | 'extensionPage' }>;

export type RequestType = keyof typeof REQUESTS;
export type RequestData<T extends RequestType> = z.infer<(typeof REQUESTS)[T]['schema']>;

export const envelope = z.object({ type: z.string(), data: z.unknown() }).strict();
export type Envelope = z.infer<typeof envelope>;

export type { ConnectionStatus, RecordModule, RecordSummary, Reply, ResponseMap } from './types';
