// Cache-first panels (issue 12): every free-times and deal-card answer the background gives is
// kept for the account that asked, and handed back at once on the next visit — the panel shows it
// marked as updating until the fresh answer replaces it. Booking still re-checks the slot in Zoho.
// A person's upcoming meetings are kept too (issue 15), shown only while Zoho is not answering.
import type { Handlers } from '../messaging/define';
import type { schedulingRequests } from '../scheduling/requests';
import type { FreeSlotsView, Meeting } from '../scheduling/types';
import type { StagecoachDb } from '../storage/db';
import { createLastKnownStore, type LastKnownKind } from '../storage/lastKnown';
import type { suggestionRequests } from '../suggestions/requests';
import { overlapping, queuedEvents } from '../sync/queued';
import type { DealSuggestionView } from '../suggestions/views';
import type { lastKnownRequests } from './requests';

/** Older than this, a kept answer is not shown: the panel waits for Zoho as on a first visit. */
export const LAST_KNOWN_MAX_AGE_MS = 7 * 86_400_000;

export type Remembered = Pick<Handlers<typeof schedulingRequests>, 'freeSlots' | 'upcomingMeetings'> & Pick<Handlers<typeof suggestionRequests>, 'dealSuggestion'>;

const slotsKey = ({ module, recordId }: { module: string; recordId: string }) => `${module}/${recordId}`;

/** `handlers` with their free-times and deal-card answers kept, plus the requests that read them back. */
export function withLastKnown<H extends Remembered>(deps: { db: StagecoachDb; now(): number }, handlers: H): H & Handlers<typeof lastKnownRequests> {
  const store = createLastKnownStore(deps.db, deps.now);
  /** The answer, kept for the account that asked (read before asking: an answer outliving its connection is not kept). */
  const keeping =
    <I, A>(kind: LastKnownKind, key: (input: I) => string, handler: (input: I, context: Parameters<H['freeSlots']>[1]) => Promise<A>) =>
    async (input: I, context: Parameters<H['freeSlots']>[1]): Promise<A> => {
      const owner = await store.owner();
      const answer = await handler(input, context);
      // Only a cache: failing to keep it must not fail the answer.
      await store.remember(kind, key(input), owner, answer).catch(() => {});
      return answer;
    };
  return {
    ...handlers,
    freeSlots: keeping('freeSlots', slotsKey, handlers.freeSlots),
    upcomingMeetings: keeping('meetings', slotsKey, handlers.upcomingMeetings),
    dealSuggestion: keeping('dealSuggestion', (input: { dealId: string }) => input.dealId, handlers.dealSuggestion),
    async lastKnownSlots(input) {
      const kept = await store.recall<FreeSlotsView>('freeSlots', slotsKey(input), LAST_KNOWN_MAX_AGE_MS);
      if (!kept) return null;
      // Times already begun are gone whatever Zoho says; so are those of meetings still on their way to Zoho.
      const now = deps.now();
      const queued = await queuedEvents(deps.db, await store.owner());
      const free = (slot: FreeSlotsView['slots'][number]) => Date.parse(slot.start) > now && !queued.some((event) => overlapping(event, slot));
      return { ...kept, value: { ...kept.value, slots: kept.value.slots.filter(free) } };
    },
    async lastKnownMeetings(input) {
      const kept = await store.recall<Meeting[]>('meetings', slotsKey(input), LAST_KNOWN_MAX_AGE_MS);
      // Zoho's, not yet over; a kept "sending…" one may have landed since (the outbox has it).
      return kept && { ...kept, value: kept.value.filter((meeting) => !meeting.pending && Date.parse(meeting.end) > deps.now()) };
    },
    lastKnownCard: ({ dealId }) => store.recall<DealSuggestionView>('dealSuggestion', dealId, LAST_KNOWN_MAX_AGE_MS),
  };
}
