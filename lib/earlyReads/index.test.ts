import { describe, expect, it, vi } from 'vitest';
import { createEarlyReads, firstReads } from '.';

const contact = { module: 'Contacts' as const, recordId: '5725767000000458001', orgId: '20104578' };
const deal = { module: 'Deals' as const, recordId: '5725767000000458011', orgId: '20104578' };

/** Handlers that count their calls and answer when told; each sees its signal. */
function setup(owner: { now: string | null } = { now: 'org/ann' }) {
  const calls: { type: string; data: unknown; signal: AbortSignal; resolve(value: unknown): void; reject(error: unknown): void }[] = [];
  const handler = (type: string) =>
    vi.fn(
      (data: unknown, context: { signal?: AbortSignal }) =>
        new Promise((resolve, reject) => {
          calls.push({ type, data, signal: context.signal!, resolve, reject });
          context.signal?.addEventListener('abort', () => reject(context.signal!.reason));
        }),
    );
  const handlers = { getRecord: handler('getRecord'), freeSlots: handler('freeSlots'), upcomingMeetings: handler('upcomingMeetings'), contactDeals: handler('contactDeals'), dealSuggestion: handler('dealSuggestion') };
  const early = createEarlyReads({ handlers: handlers as never, owner: async () => owner.now, keepMs: 50 });
  return { early, calls, owner };
}

describe('firstReads', () => {
  it('are the reads the panel asks Zoho first, per page', () => {
    expect(firstReads(contact).map((read) => read.type)).toEqual(['getRecord', 'freeSlots', 'upcomingMeetings', 'contactDeals']);
    expect(firstReads({ ...contact, module: 'Leads' }).map((read) => read.type)).toEqual(['getRecord', 'freeSlots', 'upcomingMeetings']);
    expect(firstReads(deal)).toEqual([
      { type: 'getRecord', data: { module: 'Deals', recordId: deal.recordId } },
      { type: 'dealSuggestion', data: { dealId: deal.recordId } },
    ]);
  });
});

describe('createEarlyReads', () => {
  it('starts a page’s reads and hands each to the panel once, whatever its key order', async () => {
    const { early, calls } = setup();
    await early.opened('4/0', contact);
    expect(calls.map((call) => call.type)).toEqual(['getRecord', 'freeSlots', 'upcomingMeetings', 'contactDeals']);
    const claimed = early.claim('freeSlots', { recordId: contact.recordId, module: 'Contacts' }, new AbortController().signal);
    calls[1]!.resolve({ slots: ['09:00'] });
    expect(await claimed).toEqual({ value: { slots: ['09:00'] } });
    // Once: the next request asks Zoho itself.
    expect(await early.claim('freeSlots', { module: 'Contacts', recordId: contact.recordId }, new AbortController().signal)).toBeNull();
    // Nothing started for another input or request.
    expect(await early.claim('freeSlots', { module: 'Contacts', recordId: '1' }, new AbortController().signal)).toBeNull();
    expect(await early.claim('getRecord', { module: 'Contacts', recordId: contact.recordId, cacheOnly: true }, new AbortController().signal)).toBeNull();
  });

  it('never hands a read left unclaimed by an earlier load of the page to a later one (a reload, another tab)', async () => {
    const { early, calls } = setup();
    // The panel asked before the page-opened message was handled: these stay unclaimed.
    await early.opened('4/0', contact);
    const before = calls.slice();
    // Reloaded after a change (a queued booking sent): the reads start again.
    await early.opened('4/0', contact);
    expect(calls).toHaveLength(8);
    expect(before.every((call) => call.signal.aborted)).toBe(true);
    const claimed = early.claim('upcomingMeetings', { module: 'Contacts', recordId: contact.recordId }, new AbortController().signal);
    calls[6]!.resolve(['sent meeting']);
    expect(await claimed).toEqual({ value: ['sent meeting'] });
    // The same record opened in another tab: its own reads, the first tab's unclaimed ones given up.
    await early.opened('7/0', contact);
    expect(calls).toHaveLength(12);
    expect(calls.slice(4, 8).filter((call) => call.type !== 'upcomingMeetings').every((call) => call.signal.aborted)).toBe(true);
  });

  it('hands out no read started for another account, and starts none without one', async () => {
    const { early, calls, owner } = setup();
    await early.opened('4/0', deal);
    owner.now = 'org/daniel';
    expect(await early.claim('dealSuggestion', { dealId: deal.recordId }, new AbortController().signal)).toBeNull();
    expect(calls.find((call) => call.type === 'dealSuggestion')!.signal.aborted).toBe(true);
    owner.now = null;
    await early.opened('5/0', contact);
    expect(calls).toHaveLength(2);
  });

  it('answers null for a read that failed (the panel asks afresh) and gives the read up with the panel', async () => {
    const { early, calls } = setup();
    await early.opened('4/0', deal);
    const failed = early.claim('getRecord', { module: 'Deals', recordId: deal.recordId }, new AbortController().signal);
    calls[0]!.reject(new Error('Zoho is not answering'));
    expect(await failed).toBeNull();
    const panel = new AbortController();
    const given = early.claim('dealSuggestion', { dealId: deal.recordId }, panel.signal);
    await Promise.resolve();
    panel.abort(new Error('left'));
    expect(await given).toBeNull();
    expect(calls[1]!.signal.aborted).toBe(true);
  });

  it('gives up the tab’s unclaimed reads when it shows another page, and any after the time kept', async () => {
    const { early, calls } = setup();
    await early.opened('4/0', contact);
    await early.opened('4/0', deal);
    expect(calls.slice(0, 4).every((call) => call.signal.aborted)).toBe(true);
    expect(calls.slice(4).some((call) => call.signal.aborted)).toBe(false);
    // Another tab's page is not touched.
    await early.opened('9/0', null);
    expect(calls.slice(4).some((call) => call.signal.aborted)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(calls.slice(4).every((call) => call.signal.aborted)).toBe(true);
    expect(await early.claim('dealSuggestion', { dealId: deal.recordId }, new AbortController().signal)).toBeNull();
  });
});
