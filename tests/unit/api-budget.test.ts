// Issue 12's call budgets, measured against the sandbox's request log: the calls (composite
// calls count once) each view makes, in the order the panel makes them, with the background in
// Node. Metadata (fields, layouts, pipeline, business hours, holidays) is read once per
// connection; "cold" is a record this browser has not read yet, "warm" the same record again.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type StagecoachDb } from '@/lib/storage/db';
import { startSandbox } from '../../sandbox/server';
import { SEED } from '../../sandbox/seed';
import { sandboxBackground, sandboxControl } from './sandbox-helpers';

let server: { url: string; close(): Promise<void> };
const LATENCY = 100;
let db: StagecoachDb;
let n = 0;
const control = sandboxControl(() => server.url);

beforeAll(async () => {
  server = await startSandbox({ port: 0 });
});
afterAll(() => server.close());
beforeEach(async () => {
  await control('POST', '/__sandbox/reset');
  // Every call takes LATENCY ms, so a view's time reads as round trips (issue 12: "≤ 2 × latency").
  await control('POST', '/__sandbox/config', { coqlStrict: true, latencyMs: LATENCY });
  db = openDb(`api-budget-${++n}`);
});

interface Entry { seq: number; method: string; path: string; status: number; subRequests?: string[] }

/** The API calls made while `run` ran, as "METHOD path" (a composite call lists its sub-requests). */
async function calls(run: () => Promise<unknown>): Promise<{ calls: string[]; ms: number }> {
  const before = ((await control('GET', '/__sandbox/log')).entries as Entry[]).at(-1)?.seq ?? 0;
  const started = performance.now();
  await run();
  const ms = performance.now() - started;
  // Fire-and-forget writes of the usage log settle; nothing else is sent after the answer.
  await new Promise((resolve) => setTimeout(resolve, 30));
  const entries = ((await control('GET', '/__sandbox/log')).entries as Entry[]).filter((e) => e.seq > before && e.path.startsWith('/crm/v8'));
  return { calls: entries.map((e) => `${e.method} ${e.path}${e.subRequests ? ` [${e.subRequests.join(' | ')}]` : ''}`), ms };
}

const ann = SEED.contacts.annCarter.id;
const deal = SEED.deals.acmeTelematics.id;

/** Until the sandbox has had no API call for 150 ms (what connecting reads ahead has landed). */
async function settled() {
  let last = -1;
  for (;;) {
    const seq = ((await control('GET', '/__sandbox/log')).entries as Entry[]).at(-1)?.seq ?? 0;
    if (seq === last) return;
    last = seq;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

let connectCalls: { calls: string[]; ms: number };

async function connected() {
  const background = sandboxBackground({ db, origin: server.url, readAhead: true });
  connectCalls = await calls(async () => {
    await background.handlers.connect({}, {});
    await settled();
  });
  return background;
}

type Bg = Awaited<ReturnType<typeof connected>>;
/** The panel's frame, as the browser names it to the background (lib/messaging/define.ts Sender). */
const panelSender = { sender: { id: 'stagecoach', url: 'chrome-extension://stagecoach/panel.html', frameId: 1 }, from: 'panel' as const };
/**
 * What the panel asks on a contact page: the settings, the record, free times, meetings and the
 * contact's deals, at once; then the marks of the open deals (components/suggestions/ContactDeals.tsx).
 */
const contactPage = async ({ handlers }: Bg, id = ann) => {
  const [, , , , deals] = await Promise.all([
    handlers.getSettings({}, panelSender),
    handlers.getRecord({ module: 'Contacts', recordId: id }, {}),
    handlers.freeSlots({ module: 'Contacts', recordId: id }, {}),
    handlers.upcomingMeetings({ module: 'Contacts', recordId: id }, {}),
    handlers.contactDeals({ contactId: id }, {}),
  ]);
  const dealIds = deals.slice(0, 25).map((deal) => deal.id);
  return dealIds.length > 0 ? handlers.contactDealSuggestions({ dealIds }, {}) : [];
};
/** On a deal page: the settings, the record and the stage card at once; the contact's free times once the record names them. */
const dealPage = async ({ handlers }: Bg) => {
  void handlers.getSettings({}, panelSender);
  const record = handlers.getRecord({ module: 'Deals', recordId: deal }, {});
  const card = handlers.dealSuggestion({ dealId: deal }, {});
  const contact = (await record)?.value.contact?.id;
  await Promise.all([
    card,
    contact ? handlers.freeSlots({ module: 'Contacts', recordId: contact }, {}) : null,
    contact ? handlers.upcomingMeetings({ module: 'Contacts', recordId: contact }, {}) : null,
  ]);
};

describe('API calls per view (issue 12)', () => {
  it('measures every view', async () => {
    const background = await connected();
    const figures: Record<string, { calls: string[]; ms: number }> = { connect: connectCalls };
    // The first page after connecting also reads the org's metadata, kept a day from then on.
    figures.firstPage = await calls(() => contactPage(background, SEED.contacts.joannWhitfield.id));
    figures.coldContact = await calls(() => contactPage(background));
    figures.warmContact = await calls(() => contactPage(background));
    figures.coldDeal = await calls(() => dealPage(background));
    figures.warmDeal = await calls(() => dealPage(background));
    const slot = (await background.handlers.freeSlots({ module: 'Contacts', recordId: ann }, {})).slots[0]!;
    figures.booking = await calls(() =>
      background.handlers.bookMeeting({ module: 'Contacts', recordId: ann, start: slot.start, end: slot.end, title: 'Budget check', sendInvitation: false, note: 'Booked in the budget test' }, {}),
    );
    figures.dryRun = await calls(() => background.handlers.criteriaDryRun({ criteria: '' }, {}));
    for (const [view, { calls: list, ms }] of Object.entries(figures)) console.log(`${view}: ${list.length} calls, ${Math.round(ms)} ms = ${(ms / LATENCY).toFixed(1)} × latency\n  ${list.join('\n  ')}`);
    const count = (view: string) => figures[view]!.calls.length;
    // Issue 12's budgets (before: 11, 6, 11, 10 and 127 calls). The metadata, team settings and
    // out-of-office periods were read ahead at connect (before: 10 calls, all on the first page).
    const readAhead = connectCalls.calls.filter((call) => /settings\/(variables|fields|layouts|pipeline|business_hours|holidays|users_unavailability)/.test(call));
    expect(readAhead.join(' ')).toMatch(/variables.*pipeline|pipeline.*variables/s);
    expect(readAhead.join(' ')).toContain('users_unavailability');
    for (const view of ['firstPage', 'coldContact', 'warmContact']) {
      // The panel's settings read no profile (it shows no team settings); out-of-office is kept.
      expect(figures[view]!.calls.filter((call) => /\/users\b|users_unavailability/.test(call)), view).toEqual([]);
    }
    // A contact page: the window's events in pages of 25 with the record and the contact's deals in
    // one call; the participants and the deals' marks (the deals' rows from their list, read once)
    // in the next. Warm: the list and marks kept with the record, only the window again.
    expect(count('firstPage')).toBeLessThanOrEqual(3);
    expect(count('coldContact')).toBeLessThanOrEqual(3);
    expect(count('warmContact')).toBeLessThanOrEqual(1);
    expect(count('coldDeal')).toBeLessThanOrEqual(3);
    expect(count('warmDeal')).toBeLessThanOrEqual(2);
    // Booking: re-check, create, note — and the outbox's check of each create's marker (issue 11).
    expect(count('booking')).toBeLessThanOrEqual(5);
    expect(count('dryRun')).toBeLessThanOrEqual(16);
  }, 60_000);

  it('measures an approval', async () => {
    const background = sandboxBackground({ db, origin: server.url, userId: SEED.users.manager.id, readAhead: true });
    await background.handlers.connect({}, {});
    await settled();
    const card = await background.handlers.dealSuggestion({ dealId: deal }, {});
    expect((await background.handlers.contactDeals({ contactId: ann }, {})).find((row) => row.id === deal)?.stage).toBe(card.deal.stage);
    // The marks' reads it started for the panel's next request land before the approval is counted.
    await settled();
    const target = card.pipeline.stages.find((stage) => stage.forecastType === 'Open' && stage.name !== card.deal.stage)!.name;
    const approval = await calls(() => background.handlers.decideSuggestion({ dealId: deal, decision: 'approve', target, basis: 'edited', evidence: [] }, {}));
    console.log(`approval: ${approval.calls.length} calls, ${Math.round(approval.ms)} ms\n  ${approval.calls.join('\n  ')}`);
    // The update and the audit note (before: 8, the deal read again first) — and the outbox's check of the note's marker.
    expect(approval.calls.filter((call) => !call.includes('/Notes') || call.startsWith('POST'))).toEqual([`PUT /crm/v8/Deals/${deal}`, 'POST /crm/v8/Notes']);
    expect(approval.calls.length).toBeLessThanOrEqual(3);
    // Ann's deal list was kept with her page: the approval forgets it, so it is read again and shows the new stage.
    const again = await calls(() => background.handlers.contactDeals({ contactId: ann }, {}));
    expect(again.calls.length).toBeGreaterThan(0);
    expect((await background.handlers.contactDeals({ contactId: ann }, {})).find((row) => row.id === deal)?.stage).toBe(target);
  }, 30_000);

  it('the dry run says how far it has read while it runs, and nothing once done', async () => {
    const { handlers } = await connected();
    const seen: { read: number; total: number }[] = [];
    let done = false;
    const run = handlers.criteriaDryRun({ criteria: '' }, {}).finally(() => (done = true));
    while (!done) {
      const progress = await handlers.criteriaDryRunProgress({}, {});
      if (progress) seen.push(progress);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const view = await run;
    expect(view.ok && view.dealsRead).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThan(0);
    for (const progress of seen) expect(progress.read).toBeLessThanOrEqual(progress.total);
    expect(seen.at(-1)!.total).toBe(view.ok ? view.dealsRead + view.dealsFailed : -1);
    expect(seen.some((progress) => progress.read > 0 && progress.read < progress.total)).toBe(true);
    expect(await handlers.criteriaDryRunProgress({}, {})).toBeNull();
  }, 30_000);
});

