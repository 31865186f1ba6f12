// Scheduling: free times, meetings with the record's person, and finding or adding that person.
import { z } from 'zod';
import { answers } from '../messaging/define';
import { recordId, recordModule } from '../records/requests';
import type { OutboxItem } from '../sync/types';
import type { FreeSlotsView, Meeting, PersonMatch } from './types';

/** An instant as Zoho writes it: ISO 8601 with an offset, to the second. */
const instant = z.iso.datetime({ offset: true, local: false });
const person = z.enum(['Contacts', 'Leads']);

export const bookMeetingInput = z
  .object({
    module: person,
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
  .strict();

export const schedulingRequests = {
  freeSlots: answers<FreeSlotsView>()(z.object({ module: recordModule, recordId }).strict(), 'panelRecord'),
  upcomingMeetings: answers<Meeting[]>()(z.object({ module: recordModule, recordId }).strict(), 'panelRecord'),
  bookMeeting: answers<OutboxItem>()(bookMeetingInput, 'panelRecord'),
  cancelMeeting: answers<OutboxItem>()(
    z.object({ module: person, recordId, eventId: recordId, title: z.string().max(255), note: z.string().trim().min(1).max(32_000).optional() }).strict(),
    'panelRecord',
  ),
  rescheduleMeeting: answers<OutboxItem>()(z.object({ module: person, recordId, eventId: recordId, title: z.string().max(255), start: instant, end: instant }).strict(), 'panelRecord'),
  findPerson: answers<PersonMatch | null>()(
    z
      .object({ email: z.email().max(254).optional(), phone: z.string().trim().min(7).max(40).regex(/^[+()\d\s.-]+$/).optional() })
      .strict()
      .refine((value) => value.email || value.phone, 'email or phone'),
    'panelRecord',
  ),
  createPerson: answers<OutboxItem & { module: 'Leads' | 'Contacts' }>()(
    z
      .object({
        email: z.email().max(254),
        firstName: z.string().trim().max(40).optional(),
        lastName: z.string().trim().min(1).max(80),
        company: z.string().trim().max(200).optional(),
        phone: z.string().trim().max(40).optional(),
      })
      .strict(),
    'panelRecord',
  ),
  setContactZone: answers<{ saved: true }>()(z.object({ module: person, recordId, timeZone: z.string().min(1).max(64).nullable() }).strict(), 'panelRecord'),
};
