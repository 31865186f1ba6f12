// Early reads (issue 12): a record page's first reads start when the content script says the page
// opened (lib/panel.ts `openedPage`) — at the page's start, while the panel's frame and its code
// are still loading — instead of when the frame's script runs, a few hundred ms later. The
// panel's own request for the same read, if it comes while the early one is fresh, is answered
// by it (the router's `early`), once; every later request asks Zoho as always.
//
// What is shared is exactly what the panel would have got: the same handler, for the same input,
// for the same account (an early read started for another account is never handed out). A read
// nobody claims is given up when the tab shows another page, or after `keepMs`.
import type { PanelPage } from '../panel';
import type { AllHandlers } from '../requests';
import { ownerOf, type StagecoachDb } from '../storage/db';

type EarlyType = 'getRecord' | 'freeSlots' | 'upcomingMeetings' | 'contactDeals' | 'dealSuggestion';
type Read = { type: EarlyType; data: Record<string, string> };

/** What the panel asks first on this page (entrypoints/panel/main.tsx `prefetch`, the reads that go to Zoho). */
export function firstReads(page: PanelPage): Read[] {
  const { module, recordId } = page;
  const reads: Read[] = [{ type: 'getRecord', data: { module, recordId } }];
  if (module === 'Contacts' || module === 'Leads') {
    reads.push({ type: 'freeSlots', data: { module, recordId } }, { type: 'upcomingMeetings', data: { module, recordId } });
    if (module === 'Contacts') reads.push({ type: 'contactDeals', data: { contactId: recordId } });
  } else if (module === 'Deals') {
    reads.push({ type: 'dealSuggestion', data: { dealId: recordId } });
  }
  return reads;
}

/** One key per request and input, whatever order the input's keys came in. */
function keyOf(type: string, data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const entries = Object.entries(data).sort(([a], [b]) => a.localeCompare(b));
  return `${type} ${JSON.stringify(entries)}`;
}

interface Started {
  tab: string;
  owner: string | null;
  answer: Promise<unknown>;
  controller: AbortController;
  timer: ReturnType<typeof setTimeout>;
}

export interface EarlyReadsDeps {
  handlers: Pick<AllHandlers, EarlyType>;
  /** The account signed in now (ownerOf the connection row), null when none. */
  owner(): Promise<string | null>;
  /** How long an unclaimed read is kept for its panel; default 10 s. */
  keepMs?: number;
}

export function createEarlyReads({ handlers, owner, keepMs = 10_000 }: EarlyReadsDeps) {
  const started = new Map<string, Started>();

  const drop = (key: string, entry: Started, abort: boolean) => {
    if (started.get(key) !== entry) return;
    started.delete(key);
    clearTimeout(entry.timer);
    if (abort) entry.controller.abort(new DOMException('No panel asked for this read.', 'AbortError'));
  };

  return {
    /**
     * The tab now shows `page` (null: no record page): its unclaimed reads are given up, and this
     * page's start. Always afresh, even for the page it showed (a reload): a read started before
     * (and not claimed then, e.g. when the panel asked before this message was handled) may hold
     * what has changed since, and must not be handed to this page's panel. So is another tab's
     * unclaimed read of the same record.
     */
    async opened(tab: string, page: PanelPage | null): Promise<void> {
      const reads = page && !page.sandboxOrg ? firstReads(page) : [];
      const keys = new Set(reads.map((read) => keyOf(read.type, read.data)));
      for (const [key, entry] of started) if (entry.tab === tab || keys.has(key)) drop(key, entry, true);
      if (reads.length === 0) return;
      const who = await owner();
      if (who === null) return;
      for (const read of reads) {
        const key = keyOf(read.type, read.data)!;
        const earlier = started.get(key);
        if (earlier) drop(key, earlier, true);
        const controller = new AbortController();
        const handler = handlers[read.type] as (data: unknown, context: { signal: AbortSignal }) => Promise<unknown>;
        const answer = handler(read.data, { signal: controller.signal });
        // Unclaimed, a failure is nobody's to show: the panel asks again itself.
        answer.catch(() => {});
        const entry: Started = { tab, owner: who, answer, controller, timer: setTimeout(() => drop(key, entry, true), keepMs) };
        started.set(key, entry);
      }
    },

    /**
     * The early read of this request and input, handed out once, if one is under way or answered
     * for the account signed in now; null otherwise (ask Zoho as usual). `signal` is the panel's:
     * when it gives the request up, so is the read. A read that failed answers null: asked afresh.
     */
    async claim(type: string, data: unknown, signal: AbortSignal): Promise<{ value: unknown } | null> {
      const key = keyOf(type, data);
      const entry = key === null ? undefined : started.get(key);
      if (!entry) return null;
      drop(key!, entry, false);
      if (entry.owner !== (await owner())) {
        entry.controller.abort(new DOMException('Another account is signed in.', 'AbortError'));
        return null;
      }
      if (signal.aborted) entry.controller.abort(signal.reason);
      else signal.addEventListener('abort', () => entry.controller.abort(signal.reason), { once: true });
      try {
        return { value: await entry.answer };
      } catch {
        return null;
      }
    },
  };
}

export type EarlyReads = ReturnType<typeof createEarlyReads>;

/** The account signed in now, as the early reads compare it. */
export const signedIn = (db: StagecoachDb) => async (): Promise<string | null> => {
  const who = ownerOf(await db.connection.get('current'));
  return who && `${who.orgId}/${who.userId}`;
};
