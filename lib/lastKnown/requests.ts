// The last known free times, meetings and deal cards: answered from the browser's store alone (never from
// Zoho), so a panel shows them at once while the fresh answer is on its way.
import { z } from 'zod';
import { answers } from '../messaging/define';
import { recordId } from '../records/requests';
import type { FreeSlotsView, Meeting } from '../scheduling/types';
import type { LastKnown } from '../storage/lastKnown';
import type { DealSuggestionView } from '../suggestions/views';

export const lastKnownRequests = {
  lastKnownSlots: answers<LastKnown<FreeSlotsView> | null>()(z.object({ module: z.enum(['Contacts', 'Leads']), recordId }).strict(), 'panelRecord'),
  /** Zoho's meetings with the person as last read (none still on their way: those are the outbox's). */
  lastKnownMeetings: answers<LastKnown<Meeting[]> | null>()(z.object({ module: z.enum(['Contacts', 'Leads']), recordId }).strict(), 'panelRecord'),
  lastKnownCard: answers<LastKnown<DealSuggestionView> | null>()(z.object({ dealId: recordId }).strict(), 'panelRecord'),
};
