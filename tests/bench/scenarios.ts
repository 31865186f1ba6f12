// What one bench run does in the browser: a rep's contact page cold then warm, and a booking; a
// manager's deal page cold then warm, an approval, and the criteria dry run; and, once, a long
// session of SPA navigations for the heap and the credits.
import type { Page } from '@playwright/test';
import { TWIN_CHECK_DELAY_MS } from '../../lib/sync/outbox';
import { recordDisplayName } from '../../lib/zoho/schemas';
import { SEED } from '../../sandbox/seed';
import { sandbox } from '../e2e/sandbox-control';
import { bareLongTasks, callCounter, connectedBrowser, marks, recordUrl, settle, spaNavigate, TARGETS, waitInPanel } from './pages';

type Calls = Awaited<ReturnType<Awaited<ReturnType<typeof callCounter>>['read']>>;

export interface View {
  /** ms from navigation start to the target on screen. */
  ms: number;
  calls: number;
  subRequests: number;
  credits: number;
  /** The target was on screen before the first API answer reached the browser. */
  beforeAnyAnswer: boolean;
  longTasksPage: number;
  longTasksFrames: number;
  paths: string[];
  /** Where the time went, ms from navigation start (null: not seen). */
  phases: Phases;
}

/**
 * A page's time line: the Zoho page's DOMContentLoaded and load, the panel's frame put in the page,
 * its document's start and DOMContentLoaded (its scripts ran), the panel's first paint, the first
 * API call sent, the last answer before the target, the target.
 */
export interface Phases {
  pageDom: number;
  pageLoad: number;
  frameInserted: number | null;
  frameStart: number | null;
  frameDom: number | null;
  panelPainted: number | null;
  firstCallSent: number | null;
  lastAnswerBefore: number | null;
  target: number;
  /** The calls answered before the target: path, sent and answered (ms from navigation start). */
  calls: [string, number, number][];
  /** The page's long tasks: when, how long, and to what the browser attributes them. */
  longTasks: { at: number; ms: number; name: string; container: string }[];
}

const quietFor = (latencyMs: number) => Math.max(600, latencyMs * 2 + 300);
/** After a write: long enough for the outbox's look-up for a twin, made a few seconds after a create, to be counted. */
const quietAfterWrite = (latencyMs: number) => quietFor(latencyMs) + TWIN_CHECK_DELAY_MS;

async function view(page: Page, url: string, target: string, latencyMs: number): Promise<View> {
  const counter = await callCounter();
  await page.goto(url);
  await waitInPanel(page, target);
  const seen = await marks(page);
  const ms = target === TARGETS.slot ? seen.marks.slot : seen.marks.card;
  if (ms === undefined) throw new Error(`No mark for ${target} on ${url}`);
  await settle(quietFor(latencyMs));
  const calls = await counter.read();
  const after = await marks(page);
  const since = (at: number) => Math.round(at - seen.origin);
  const before = calls.spans.filter((span) => span.end <= seen.origin + ms);
  const phases: Phases = {
    pageDom: after.loads.pageDom,
    pageLoad: after.loads.pageLoad,
    frameInserted: after.marks.frame ?? null,
    frameStart: after.loads.frameStart,
    frameDom: after.loads.frameDom,
    panelPainted: after.marks.panel ?? null,
    firstCallSent: calls.spans.length ? since(Math.min(...calls.spans.map((span) => span.start))) : null,
    lastAnswerBefore: before.length ? since(Math.max(...before.map((span) => span.end))) : null,
    target: ms,
    calls: before.map((span) => [span.path, since(span.start), since(span.end)]),
    longTasks: after.longTasks.list,
  };
  return {
    phases,
    ms,
    calls: calls.calls,
    subRequests: calls.subRequests,
    credits: calls.credits,
    beforeAnyAnswer: seen.origin + ms < calls.firstAnswerAt,
    longTasksPage: after.longTasks.page,
    longTasksFrames: after.longTasks.frames,
    paths: calls.paths,
  };
}

const summarise = (calls: Calls) => ({ calls: calls.calls, subRequests: calls.subRequests, credits: calls.credits, paths: calls.paths });

export async function repRun(latencyMs: number) {
  const ann = SEED.contacts.annCarter;
  const browser = await connectedBrowser('rep');
  try {
    await settle(quietFor(latencyMs));
    const page = await browser.context.newPage();
    const url = recordUrl('Contacts', ann.id);
    const cold = await view(page, url, TARGETS.slot, latencyMs);
    const warm = await view(page, url, TARGETS.slot, latencyMs);

    // A booking of the first free slot, with the dialog's defaults.
    const counter = await callCounter();
    const slot = await waitInPanel(page, TARGETS.slot);
    await slot.click();
    await (await waitInPanel(page, 'role=dialog >> role=button[name="Book meeting"]')).click();
    await waitInPanel(page, '[data-testid="sched-outcome"]:has-text("Meeting saved in Zoho.")');
    const booked = await counter.read();
    await settle(quietAfterWrite(latencyMs));
    const afterwards = await counter.read();
    // The same page in a browser without the extension: the page's own long tasks.
    const bare = await bareLongTasks(url);
    return { cold, warm, bare, booking: { ...summarise(booked), untilSettled: summarise(afterwards) } };
  } finally {
    await browser.close();
  }
}

export async function managerRun(latencyMs: number) {
  const deal = SEED.deals.acmeTelematics;
  const browser = await connectedBrowser('manager');
  try {
    await settle(quietFor(latencyMs));
    const page = await browser.context.newPage();
    const url = recordUrl('Deals', deal.id);
    const cold = await view(page, url, TARGETS.card, latencyMs);
    const warm = await view(page, url, TARGETS.card, latencyMs);

    // Approving the suggested stage: the stage change, then its audit note.
    const counter = await callCounter();
    await (await waitInPanel(page, '[data-testid="suggestion-card"] button:has-text("Approve: ")')).click();
    await waitInPanel(page, '[data-testid="decision-outcome"]:has-text("Stage changed to")');
    for (const end = Date.now() + 30_000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
      if ((await sandbox.recordsContaining('Notes', `Stage changed: ${String(deal.Stage)} → `)).length > 0) break;
    }
    const approved = await counter.read();
    await settle(quietAfterWrite(latencyMs));
    const afterwards = await counter.read();

    // The criteria dry run on the options page, as an admin would start it.
    const options = await browser.context.newPage();
    await options.setViewportSize({ width: 1100, height: 2400 });
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByRole('button', { name: 'Start from the default criteria' }).click();
    await options.getByText('The criteria are valid').waitFor();
    await settle(quietFor(latencyMs));
    const dryCounter = await callCounter();
    const started = Date.now();
    await options.getByTestId('dry-run').getByRole('button', { name: /Dry run/ }).click();
    await options.getByTestId('dry-run-closed').waitFor({ timeout: 180_000 });
    const dryMs = Date.now() - started;
    const dry = await dryCounter.read();
    return { cold, warm, approval: { ...summarise(approved), untilSettled: summarise(afterwards) }, dryRun: { ms: dryMs, ...summarise(dry) } };
  } finally {
    await browser.close();
  }
}

/**
 * A rep's long session, SPA navigations only: `views` record pages (contacts, leads, deals in
 * turn, each waited for until its slots or card show), the page's heap after a garbage collection
 * at the start and after `heapAfter` views, and the credits the whole session cost.
 */
export async function soak(views: number, heapAfter: number) {
  const browser = await connectedBrowser('rep');
  try {
    await settle(600);
    const list = async (module: 'Contacts' | 'Leads' | 'Deals') =>
      (await (await fetch(`${sandbox.origin}/__sandbox/records/${module}`)).json() as { records: { id: string }[] }).records.map((record) => ({
        module,
        id: record.id,
        name: recordDisplayName(record as Parameters<typeof recordDisplayName>[0]),
      }));
    const [contacts, leads, deals] = await Promise.all([list('Contacts'), list('Leads'), list('Deals')]);
    const records = [...contacts.slice(0, 12), ...leads.slice(0, 6), ...deals.slice(0, 12)];
    const page = await browser.context.newPage();
    const first = records[0]!;
    await page.goto(recordUrl(first.module, first.id));
    await waitInPanel(page, `${TARGETS.slot}, ${TARGETS.noSlots}`);
    // The page's heap (the content script lives there) and the panel frame's (its own process).
    const heapOf = async (target: Page | import('@playwright/test').Frame) => {
      const cdp = await browser.context.newCDPSession(target);
      try {
        await cdp.send('HeapProfiler.collectGarbage');
        return (await cdp.send('Runtime.getHeapUsage')).usedSize;
      } finally {
        await cdp.detach().catch(() => {});
      }
    };
    const heap = async () => {
      const frames = page.frames().filter((frame) => frame !== page.mainFrame() && frame.url().startsWith('chrome-extension://'));
      const sizes = await Promise.all([heapOf(page), ...frames.map((frame) => heapOf(frame).catch(() => 0))]);
      return sizes.reduce((sum, size) => sum + size, 0);
    };
    await settle(600);
    const heapStart = await heap();
    let heapAt: number | null = null;
    const counter = await callCounter();
    const started = Date.now();
    for (let n = 1; n <= views; n++) {
      const record = records[n % records.length]!;
      await spaNavigate(page, recordUrl(record.module, record.id));
      await waitInPanel(page, `[data-testid="record-name"]:text-is(${JSON.stringify(record.name)})`);
      await waitInPanel(page, record.module === 'Deals' ? TARGETS.card : `${TARGETS.slot}, ${TARGETS.noSlots}`);
      if (n === heapAfter) {
        await settle(600);
        heapAt = await heap();
      }
    }
    await settle(600);
    const calls = await counter.read();
    return {
      views,
      ms: Date.now() - started,
      heapGrowthMb: heapAt === null ? NaN : (heapAt - heapStart) / 1024 / 1024,
      heapStartMb: heapStart / 1024 / 1024,
      calls: calls.calls,
      credits: calls.credits,
      // What the session's calls and sub-requests were, by path (record ids as N), most first.
      byPath: byPath(calls.entries),
    };
  } finally {
    await browser.close();
  }
}

/** Calls and composite sub-requests counted by path, record ids as N, most first. */
function byPath(entries: { method: string; path: string; subRequests?: string[] }[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    for (const path of entry.subRequests?.map((sub) => `${sub} (in a composite call)`) ?? [`${entry.method} ${entry.path}`]) {
      const key = path.replace(/\/crm\/v\d+/, '').replace(/\d{6,}/g, 'N');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1]);
}
