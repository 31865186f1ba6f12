// The browser half of `npm run bench`: Chromium with the sandbox build, connected as a rep or a
// manager, on real sandbox pages. Times are taken in the page (and in the panel's frame, if the
// panel lives in one) by a script that runs before the page's own: the moment an element is first
// in the DOM, as an epoch time, minus the top page's navigation start. API
// calls come from the sandbox's request log.
import { chromium, type BrowserContext, type Frame, type Page } from '@playwright/test';
import { recordPageUrl } from '../../lib/zoho/url';
import { SEED } from '../../sandbox/seed';
import { findChromium, launchWithExtension } from '../browser';
import { sandbox, type SandboxLog } from '../e2e/sandbox-control';

export const ORG = SEED.org.zgid as string;

/** What the bench waits for, found in the page (shadow roots included) and in every frame. */
export const TARGETS = {
  slot: '[data-testid="sched-slot"]',
  noSlots: '[data-testid="sched-no-slots"]',
  card: '[data-testid="suggestion-card"], [data-testid="no-suggestion"], [data-testid="stage-closed"]',
} as const;

/**
 * Where a cold page's time goes (tests/bench/scenarios.ts `phases`): the panel's frame put in the
 * page, the panel's first paint in it. Marked like the targets, not waited for.
 */
export const PHASES = {
  frame: 'iframe#stagecoach-panel',
  panel: 'aside.panel',
} as const;

type Marks = Partial<Record<keyof typeof TARGETS | keyof typeof PHASES, number>>;
interface FrameBench {
  origin: number;
  /** The document's DOMContentLoaded and load ends, ms from its own origin (0: not yet). */
  loaded?: { dom: number; load: number };
  marks: Marks;
  longTasks: { start: number; duration: number; name?: string; container?: string }[];
}

/**
 * Runs in every frame before its scripts: marks the moment each target first is in the document
 * (open shadow roots searched too), and keeps the frame's long tasks. A string, not a function:
 * tsx would wrap the inner functions in a `__name` helper that the page does not have.
 */
const MARK_SCRIPT = `(() => {
  if (window.__bench) return;
  const targets = ${JSON.stringify({ ...TARGETS, ...PHASES })};
  const bench = { origin: performance.timeOrigin, marks: {}, longTasks: [] };
  window.__bench = bench;
  const find = (root, selector) => {
    if (root.querySelector(selector)) return true;
    for (const element of root.querySelectorAll('*')) if (element.shadowRoot && find(element.shadowRoot, selector)) return true;
    return false;
  };
  // A mutation callback runs right after the DOM changed (before the paint); the timer catches
  // changes inside shadow roots, which a document's observer does not see. (Animation frames are
  // not used: Chromium throttles them in cross-origin frames such as a framed panel.)
  let observer = null;
  let timer = null;
  const stop = () => { observer?.disconnect(); clearInterval(timer); };
  const check = () => {
    const at = performance.timeOrigin + performance.now();
    let pending = false;
    for (const [name, selector] of Object.entries(targets)) {
      if (bench.marks[name] !== undefined) continue;
      pending = true;
      if (document.documentElement && find(document, selector)) bench.marks[name] = at;
    }
    if (!pending) stop();
  };
  observer = new MutationObserver(check);
  timer = setInterval(check, 10);
  setTimeout(stop, 60000);
  const observe = () => observer.observe(document, { childList: true, subtree: true });
  if (document.documentElement) observe();
  else document.addEventListener('readystatechange', observe, { once: true });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const where = entry.attribution && entry.attribution[0];
        bench.longTasks.push({ start: performance.timeOrigin + entry.startTime, duration: entry.duration, name: entry.name, container: where ? where.containerType + ' ' + (where.containerSrc || where.containerId || '') : '' });
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long-task timing in this frame: nothing to add.
  }
})();`;

export interface Browser {
  context: BrowserContext;
  extensionId: string;
  close(): Promise<void>;
}

/**
 * The long tasks of a record page in Chromium without the extension (the page's own), ms summed:
 * what the extension adds is the difference. Waits until the page has loaded and been quiet.
 */
export async function bareLongTasks(url: string): Promise<number> {
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(MARK_SCRIPT);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(1500);
    return (await marks(page)).longTasks.page;
  } finally {
    await browser.close();
  }
}

/** A fresh profile with the extension, connected as a seeded user. */
export async function connectedBrowser(user: keyof typeof SEED.users): Promise<Browser> {
  const { context, extensionId } = await launchWithExtension();
  await context.addInitScript(MARK_SCRIPT);
  await sandbox.config({ signedInUserId: SEED.users[user].id });
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const consentWindow = context.waitForEvent('page');
  await popup.getByRole('button', { name: /Connect Zoho account|Reconnect/ }).click();
  const consent = await consentWindow;
  await consent.getByRole('button', { name: 'Accept' }).click();
  await popup.locator('#state').filter({ hasText: 'Connected' }).waitFor({ timeout: 30_000 });
  await popup.close();
  return { context, extensionId, close: () => context.close() };
}

export function recordUrl(module: 'Contacts' | 'Leads' | 'Deals' | 'Accounts', recordId: string): string {
  const url = recordPageUrl(sandbox.origin, { module, recordId, orgId: ORG });
  if (!url) throw new Error(`No page URL for ${module}/${recordId}`);
  return url;
}

/** The page and every frame in it: the panel may be in the page (shadow root) or framed. */
export function surfaces(page: Page): Frame[] {
  return page.frames();
}

/** The first visible element matching `selector` in the page or any of its frames. */
export async function waitInPanel(page: Page, selector: string, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    for (const frame of surfaces(page)) {
      const locator = frame.locator(selector).first();
      if (await locator.isVisible().catch(() => false)) return locator;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Nothing matching ${selector} within ${timeoutMs} ms on ${page.url()}`);
}

/** The marks of the page and its frames: ms from the top page's navigation start, earliest per target. */
export async function marks(page: Page): Promise<{
  origin: number;
  marks: Marks;
  loads: { pageDom: number; pageLoad: number; frameStart: number | null; frameDom: number | null };
  longTasks: { page: number; frames: number; count: number; list: { at: number; ms: number; name: string; container: string }[] };
}> {
  const per = await Promise.all(
    surfaces(page).map(async (frame) => ({
      top: frame === page.mainFrame(),
      bench: await frame
        .evaluate(() => {
          const bench = (window as unknown as { __bench?: FrameBench }).__bench;
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          return bench ? { ...bench, loaded: { dom: nav?.domContentLoadedEventEnd ?? 0, load: nav?.loadEventEnd ?? 0 } } : null;
        })
        .catch(() => null),
    })),
  );
  const top = per.find((entry) => entry.top)?.bench;
  if (!top) throw new Error('The bench script did not run in the page.');
  const found: Marks = {};
  for (const { bench } of per) {
    for (const [name, at] of Object.entries(bench?.marks ?? {}) as [keyof Marks, number][]) {
      const ms = at - top.origin;
      if (found[name] === undefined || ms < found[name]!) found[name] = Math.round(ms);
    }
  }
  const sum = (tasks: FrameBench['longTasks']) => Math.round(tasks.reduce((total, task) => total + task.duration, 0));
  // The panel's frame: when its document began loading, and its DOMContentLoaded (its scripts ran).
  const panelFrame = per.find((entry) => !entry.top && entry.bench && entry.bench.marks.panel !== undefined)?.bench;
  return {
    origin: top.origin,
    marks: found,
    loads: {
      pageDom: Math.round(top.loaded?.dom ?? 0),
      pageLoad: Math.round(top.loaded?.load ?? 0),
      frameStart: panelFrame ? Math.round(panelFrame.origin - top.origin) : null,
      frameDom: panelFrame?.loaded?.dom ? Math.round(panelFrame.origin + panelFrame.loaded.dom - top.origin) : null,
    },
    longTasks: {
      page: sum(top.longTasks),
      frames: sum(per.filter((entry) => !entry.top).flatMap((entry) => entry.bench?.longTasks ?? [])),
      count: per.reduce((n, entry) => n + (entry.bench?.longTasks.length ?? 0), 0),
      // The page's own, as the browser attributes them (name: self, same-origin-descendant…; the container).
      list: (top.longTasks ?? []).map((task) => ({ at: Math.round(task.start - top.origin), ms: Math.round(task.duration), name: task.name ?? '', container: task.container ?? '' })),
    },
  };
}

export type LogEntry = SandboxLog['entries'][number] & { at?: string; durationMs?: number; subRequests?: unknown[]; requests?: unknown[] };

/** A Zoho CRM API call (not the accounts server, not the web UI, not the fake model). */
export const isApiCall = (entry: { path: string }) => /^\/crm\/v\d+\//.test(entry.path);

/** Calls in the log from now on: `read()` gives those since `start()`, with the credits they cost. */
export async function callCounter() {
  const before = await sandbox.log();
  const seen = before.entries.length ? Math.max(...before.entries.map((entry) => entry.seq)) : -1;
  const credits = before.creditsUsed;
  return {
    async read() {
      const log = await sandbox.log();
      const entries = (log.entries as LogEntry[]).filter((entry) => entry.seq > seen && isApiCall(entry));
      return {
        entries,
        calls: entries.length,
        // A composite request is one HTTP call carrying several: its parts count for credits.
        subRequests: entries.reduce((n, entry) => n + (entry.subRequests?.length ?? entry.requests?.length ?? 1), 0),
        credits: log.creditsUsed - credits,
        firstAnswerAt: entries.length ? Math.min(...entries.map((entry) => (entry.at ? Date.parse(entry.at) : Infinity))) : Infinity,
        /** When each call reached the sandbox and when it was answered (epoch ms), in log order. */
        spans: entries.map((entry) => {
          const end = entry.at ? Date.parse(entry.at) : NaN;
          return { path: `${entry.method} ${entry.path.replace(/^\/crm\/v\d+/, '')}`, start: end - (entry.durationMs ?? 0), end };
        }),
        paths: entries.map((entry) => `${entry.method} ${entry.path.replace(/^\/crm\/v\d+/, '')}`),
      };
    },
  };
}

export { settle } from '../e2e/sandbox-control';

/** Follows an internal link the way Zoho's SPA does (History API, no page load). */
export async function spaNavigate(page: Page, url: string): Promise<void> {
  await page.evaluate((href) => {
    const link = document.createElement('a');
    link.href = href;
    link.setAttribute('data-internal', '');
    document.body.append(link);
    link.click();
    link.remove();
  }, url);
}
