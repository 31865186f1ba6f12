// The one message protocol between the UIs (popup, options, panel) and the background.
// Requests are checked at the receiver with these schemas; answers are typed here.
import { z } from 'zod';
import { RECORD_MODULES } from './types';

const empty = z.object({}).strict();
const recordId = z.string().regex(/^\d{1,25}$/);
const outboxKey = z.string().regex(/^[a-z0-9-]{8,64}$/);
/** An instant as Zoho writes it: ISO 8601 with an offset, to the second. */
const instant = z.iso.datetime({ offset: true, local: false });

/**
 * `from`: who may send it. Content scripts run inside Zoho's pages, so anything that changes the
 * connection or wipes data is for extension pages only.
 */
export const REQUESTS = {
  status: { schema: empty, from: 'any' },
  getSettings: { schema: empty, from: 'any' },
  // The patch is validated field by field by the settings module, which names each problem.
  saveSettings: { schema: z.object({ patch: z.record(z.string(), z.unknown()) }).strict(), from: 'extensionPage' },
  connect: { schema: empty, from: 'any' },
  disconnect: { schema: empty, from: 'extensionPage' },
  getRecord: {
    schema: z.object({ module: z.enum(RECORD_MODULES), recordId: recordId, cacheOnly: z.boolean().optional() }).strict(),
    from: 'any',
  },
  addNote: {
    schema: z.object({ module: z.enum(RECORD_MODULES), recordId: recordId, content: z.string().trim().min(1).max(32_000) }).strict(),
    from: 'any',
  },
  syncStatus: { schema: empty, from: 'any' },
  freeSlots: { schema: z.object({ module: z.enum(RECORD_MODULES), recordId }).strict(), from: 'any' },
  upcomingMeetings: { schema: z.object({ module: z.enum(RECORD_MODULES), recordId }).strict(), from: 'any' },
  bookMeeting: {
    schema: z
      .object({
        module: z.enum(['Contacts', 'Leads']),
        recordId,
        dealId: recordId.optional(),
        start: instant,
        end: instant,
        title: z.string().trim().min(1).max(255),
        venue: z.string().trim().max(255).optional(),
        description: z.string().max(32_000).optional(),
        sendInvitation: z.boolean(),
        note: z.string().trim().min(1).max(32_000).optional(),
        followUp: z.object({ subject: z.string().trim().min(1).max(255), dueDate: z.iso.date() }).strict().optional(),
      })
      .strict(),
    from: 'any',
  },
  cancelMeeting: {
    schema: z
      .object({ module: z.enum(['Contacts', 'Leads']), recordId, eventId: recordId, title: z.string().max(255), note: z.string().trim().min(1).max(32_000).optional() })
      .strict(),
    from: 'any',
  },
  rescheduleMeeting: {
    schema: z.object({ module: z.enum(['Contacts', 'Leads']), recordId, eventId: recordId, title: z.string().max(255), start: instant, end: instant }).strict(),
    from: 'any',
  },
  findPerson: {
    schema: z
      .object({ email: z.email().max(254).optional(), phone: z.string().trim().min(7).max(40).regex(/^[+()\d\s.-]+$/).optional() })
      .strict()
      .refine((value) => value.email || value.phone, 'email or phone'),
    from: 'any',
  },
  createPerson: {
    schema: z
      .object({
        email: z.email().max(254),
        firstName: z.string().trim().max(40).optional(),
        lastName: z.string().trim().min(1).max(80),
        company: z.string().trim().max(200).optional(),
        phone: z.string().trim().max(40).optional(),
      })
      .strict(),
    from: 'any',
  },
  setContactZone: {
    schema: z.object({ module: z.enum(['Contacts', 'Leads']), recordId, timeZone: z.string().min(1).max(64).nullable() }).strict(),
    from: 'any',
  },
  dealSuggestion: { schema: z.object({ dealId: recordId }).strict(), from: 'any' },
  askAi: { schema: z.object({ dealId: recordId }).strict(), from: 'any' },
  decideSuggestion: {
    schema: z
      .object({
        dealId: recordId,
        decision: z.enum(['approve', 'reject']),
        target: z.string().trim().min(1).max(120),
        basis: z.enum(['rules', 'model', 'edited']),
        evidence: z.array(z.string().max(200)).max(100),
        comment: z.string().max(2_000).optional(),
        addNote: z.boolean().optional(),
      })
      .strict(),
    from: 'any',
  },
  requestApproval: {
    schema: z
      .object({ dealId: recordId, target: z.string().trim().min(1).max(120), evidence: z.array(z.string().max(200)).max(100), comment: z.string().max(2_000).optional() })
      .strict(),
    from: 'any',
  },
  createFollowUp: {
    schema: z
      .object({
        dealId: recordId,
        subject: z.string().trim().min(1).max(255),
        dueDate: z.iso.date(),
        priority: z.enum(['Highest', 'High', 'Normal', 'Low', 'Lowest']),
        noteId: recordId.optional(),
      })
      .strict(),
    from: 'any',
  },
  contactDeals: { schema: z.object({ contactId: recordId }).strict(), from: 'any' },
  criteriaDryRun: { schema: z.object({ criteria: z.string().max(100_000) }).strict(), from: 'extensionPage' },
  saveAiKey: { schema: z.object({ key: z.string().trim().max(500).regex(/^\S*$/).nullable() }).strict(), from: 'extensionPage' },
  outboxRetry: { schema: z.object({ key: outboxKey }).strict(), from: 'extensionPage' },
  outboxDiscard: { schema: z.object({ key: outboxKey }).strict(), from: 'extensionPage' },
} as const satisfies Record<string, { schema: z.ZodType; from: 'any' | 'extensionPage' }>;

export type RequestType = keyof typeof REQUESTS;
export type RequestData<T extends RequestType> = z.infer<(typeof REQUESTS)[T]['schema']>;

export const envelope = z.object({ type: z.string(), data: z.unknown() }).strict();
export type Envelope = z.infer<typeof envelope>;

export type { Cached, ConnectionStatus, OutboxItem, RecordModule, RecordSummary, Reply, ResponseMap, SettingsView, SyncStatus } from './types';
