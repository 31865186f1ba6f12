// `npm run bench [-- --latency 150 --runs 5 --no-build]`: the figures of issue 12 measured on real
// pages, printed as one table (median and min–max over the runs, budget, pass/fail) and kept in
// tests/bench/latest.json for comparisons. Builds the production and sandbox flavours, starts the
// sandbox on :8787 answering every API call after `--latency` ms, and drives headless Chromium
// with the extension as a connected rep and manager. Not part of `npm test`: this machine is
// shared and noisy, so the figures are reported, not asserted.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startSandbox } from '../sandbox/server';
import { SANDBOX_EXTENSION, SANDBOX_ORIGIN } from './browser';
import { sandbox } from './e2e/sandbox-control';
import { allFiles, contentScriptFiles, kb, sizeOf, total } from './bench/bundles';
import { connectedBrowser, ORG, recordUrl, TARGETS, waitInPanel } from './bench/pages';
import { asJson, summary, table, type Figure } from './bench/report';
import { managerRun, repRun, soak } from './bench/scenarios';
import { main as benchSlots } from './bench/slots';
import { SEED } from '../sandbox/seed';

const { values: flags } = parseArgs({
  options: {
    latency: { type: 'string', default: '150' },
    runs: { type: 'string', default: '5' },
    views: { type: 'string', default: '200' },
    'heap-after': { type: 'string', default: '50' },
    'no-build': { type: 'boolean', default: false },
  },
});
const latencyMs = Number(flags.latency);
const runs = Number(flags.runs);
const views = Number(flags.views);
const heapAfter = Number(flags['heap-after']);
for (const [name, value] of Object.entries({ latency: latencyMs, runs, views, 'heap-after': heapAfter })) {
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} must be a whole number, got ${String(value)}`);
    process.exit(2);
  }
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PRODUCTION = fileURLToPath(new URL('../.output/chrome-mv3', import.meta.url));
const OUT = fileURLToPath(new URL('./bench/latest.json', import.meta.url));

// 1. The slot engine against its floor (pure, no browser).
console.log('Slot engine against its floor…');
const slotResults = benchSlots({ log: () => {} });
const slotRatio = Math.max(...slotResults.map((result) => result.ratio));

// 2. Both builds: the production one for the sizes, the sandbox one for the browser.
if (!flags['no-build']) {
  for (const args of [['wxt', 'build'], ['wxt', 'build', '--mode', 'sandbox']]) {
    console.log(`npx ${args.join(' ')}…`);
    const built = spawnSync('npx', args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
}
const everyPage = contentScriptFiles(PRODUCTION);

// 3. The browser figures against the sandbox.
// A sandbox already answering on the port is used as it is (as Playwright's webServer does): every
// run resets it and sets its latency through the control API.
const server = await startSandbox({ port: Number(new URL(SANDBOX_ORIGIN).port) }).catch(async (error: unknown) => {
  const running = await fetch(`${SANDBOX_ORIGIN}/__sandbox/config`).then((response) => response.ok, () => false);
  if (running) {
    console.log(`A sandbox is already running on ${SANDBOX_ORIGIN}: using it.`);
    return { close: async () => {} };
  }
  console.error(`Could not start the sandbox on ${SANDBOX_ORIGIN}: ${String(error)}`);
  process.exit(1);
});
const began = Date.now();
const elapsed = () => `(${((Date.now() - began) / 1000).toFixed(0)} s)`;
type RepRun = Awaited<ReturnType<typeof repRun>>;
type ManagerRun = Awaited<ReturnType<typeof managerRun>>;
const rep: RepRun[] = [];
const manager: ManagerRun[] = [];
let session: Awaited<ReturnType<typeof soak>>;
let chunks: { nonRecord: string[]; record: string[] };
try {
  for (let run = 1; run <= runs; run++) {
    console.log(`Run ${run} of ${runs} (latency ${latencyMs} ms)… ${elapsed()}`);
    await sandbox.reset();
    await sandbox.config({ latencyMs });
    rep.push(await repRun(latencyMs));
    await sandbox.reset();
    await sandbox.config({ latencyMs });
    manager.push(await managerRun(latencyMs));
  }
  console.log(`A session of ${views} record views (latency 0: credits and heap do not depend on it)…`);
  await sandbox.reset();
  await sandbox.config({ latencyMs: 0 });
  session = await soak(views, heapAfter);
  console.log(`Which files load where… ${elapsed()}`);
  chunks = await extensionFilesLoaded();
  console.log(`Done ${elapsed()}`);
} finally {
  await server.close();
}

/** The extension's files a non-record Zoho page and a record page load (any layout: content script, chunks, a framed page). */
async function extensionFilesLoaded() {
  const browser = await connectedBrowser('rep');
  try {
    const visit = async (url: string, ready: (page: import('@playwright/test').Page) => Promise<unknown>) => {
      const page = await browser.context.newPage();
      const seen = new Set<string>();
      const add = (url: string) => {
        if (url.startsWith('chrome-extension://')) seen.add(new URL(url).pathname.replace(/^\//, ''));
      };
      page.on('request', (request) => add(request.url()));
      await page.goto(url);
      await ready(page);
      for (const frame of page.frames()) {
        add(frame.url());
        const names = await frame.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name)).catch(() => [] as string[]);
        names.forEach(add);
      }
      await page.close();
      return [...seen].sort();
    };
    const nonRecord = await visit(`${SANDBOX_ORIGIN}/crm/org${ORG}/tab/Contacts`, (page) => page.waitForTimeout(1500));
    const record = await visit(recordUrl('Contacts', SEED.contacts.annCarter.id), (page) => waitInPanel(page, TARGETS.slot));
    return { nonRecord, record };
  } finally {
    await browser.close();
  }
}

// 4. The table.
const sandboxBuild = (files: string[]) => files.map((file) => sizeOf(SANDBOX_EXTENSION, file)).filter((size) => size !== null);
const injected = contentScriptFiles(SANDBOX_EXTENSION).map((file) => file.file);
const recordExtra = sandboxBuild(chunks.record.filter((file) => !injected.includes(file) && !chunks.nonRecord.includes(file) && /\.(js|css|html)$/.test(file)));
const times = (n: number) => `${(n / Math.max(latencyMs, 1)).toFixed(1)} × latency`;
const of = <T,>(list: T[], pick: (item: T) => number) => list.map(pick);
/** Whether the kept copy beat Zoho, and how long after the Zoho page's own load event it showed (the "after load"). */
const beforeAnswer = (list: { beforeAnyAnswer: boolean; ms: number; phases: { pageLoad: number; frameDom: number | null } }[]) =>
  `before any answer in ${list.filter((v) => v.beforeAnyAnswer).length}/${list.length} runs; ${median(list.map((v) => v.ms - v.phases.pageLoad))} ms after the page's load event, ` +
  `${median(list.map((v) => v.ms - (v.phases.frameDom ?? 0)))} ms after the panel's scripts ran`;
const callNote = (list: { subRequests: number; credits: number }[]) =>
  `sub-requests ${Math.max(...list.map((v) => v.subRequests))}, credits ${Math.max(...list.map((v) => v.credits))} (max)`;
const median = (values: number[]) => summary({ id: '', label: '', unit: 'ms', values, budget: null }).median;

const figures: Figure[] = [
  { id: 'coldContactMs', label: 'cold contact page → first free slot', unit: 'ms', values: of(rep, (r) => r.cold.ms), budget: 2 * latencyMs, note: `= ${times(median(of(rep, (r) => r.cold.ms)))}`, detail: rep.map((r) => r.cold.phases) },
  { id: 'coldContactCalls', label: 'cold contact page: API calls', unit: 'calls', values: of(rep, (r) => r.cold.calls), budget: 3, note: callNote(rep.map((r) => r.cold)), detail: rep.map((r) => r.cold.paths) },
  { id: 'warmContactMs', label: 'warm contact page → slots on screen', unit: 'ms', values: of(rep, (r) => r.warm.ms), budget: 100, note: beforeAnswer(rep.map((r) => r.warm)), detail: rep.map((r) => r.warm.phases) },
  { id: 'warmContactCalls', label: 'warm contact page: calls to revalidate', unit: 'calls', values: of(rep, (r) => r.warm.calls), budget: 1, detail: rep.map((r) => r.warm.paths) },
  { id: 'coldDealMs', label: 'cold deal page → stage card', unit: 'ms', values: of(manager, (r) => r.cold.ms), budget: 2 * latencyMs, note: `= ${times(median(of(manager, (r) => r.cold.ms)))}`, detail: manager.map((r) => r.cold.phases) },
  { id: 'coldDealCalls', label: 'cold deal page: API calls', unit: 'calls', values: of(manager, (r) => r.cold.calls), budget: 4, note: callNote(manager.map((r) => r.cold)), detail: manager.map((r) => r.cold.paths) },
  { id: 'warmDealMs', label: 'warm deal page → card on screen', unit: 'ms', values: of(manager, (r) => r.warm.ms), budget: 100, note: beforeAnswer(manager.map((r) => r.warm)), detail: manager.map((r) => r.warm.phases) },
  { id: 'warmDealCalls', label: 'warm deal page: calls', unit: 'calls', values: of(manager, (r) => r.warm.calls), budget: 2, detail: manager.map((r) => r.warm.paths) },
  {
    id: 'everyPageKb',
    label: 'JS+CSS injected on every Zoho page (gzip)',
    unit: 'KB',
    values: [kb(total(everyPage, 'gzip'))],
    budget: 15,
    note: `raw ${kb(total(everyPage, 'raw')).toFixed(1)} KB: ${everyPage.map((f) => f.file).join(', ')}`,
    detail: everyPage,
  },
  {
    id: 'recordPageKb',
    label: 'panel code loaded on record pages only (gzip)',
    unit: 'KB',
    values: [kb(total(recordExtra, 'gzip'))],
    budget: null,
    note: recordExtra.length ? `${recordExtra.length} files; none on a non-record page` : 'no separate panel code (all injected)',
    detail: { nonRecordPage: chunks.nonRecord, recordPage: chunks.record, recordOnly: recordExtra },
  },
  {
    id: 'longTasksMs',
    label: "long tasks the extension adds to a record page's main thread",
    unit: 'ms',
    values: of(rep, (r) => Math.max(0, r.cold.longTasksPage - r.bare)),
    budget: 50,
    note: `page with the extension ${median(of(rep, (r) => r.cold.longTasksPage))} ms, without ${median(of(rep, (r) => r.bare))} ms; panel frame ${median(of(rep, (r) => r.cold.longTasksFrames))} ms (own process)`,
    detail: rep.map((r) => ({ withExtension: r.cold.longTasksPage, without: r.bare, panelFrame: r.cold.longTasksFrames })),
  },
  { id: 'heapGrowthMb', label: `heap growth over ${heapAfter} SPA navigations`, unit: 'MB', values: [session.heapGrowthMb], budget: 5, note: `from ${session.heapStartMb.toFixed(1)} MB` },
  { id: 'slotEngineRatio', label: 'slot engine vs its floor', unit: '×', values: [slotRatio], budget: 3, detail: slotResults },
  { id: 'bookingCalls', label: 'calls per booking', unit: 'calls', values: of(rep, (r) => r.booking.calls), budget: 3, note: `then ${median(of(rep, (r) => r.booking.untilSettled.calls - r.booking.calls))} to refresh the lists and look for a twin`, detail: rep.map((r) => r.booking) },
  { id: 'approvalCalls', label: 'calls per approval', unit: 'calls', values: of(manager, (r) => r.approval.calls), budget: 2, note: `then ${median(of(manager, (r) => r.approval.untilSettled.calls - r.approval.calls))} to re-read the deal and look for the note's twin`, detail: manager.map((r) => r.approval) },
  { id: 'creditsPer200Views', label: 'credits per 200 record views', unit: 'credits', values: [Math.round(session.credits * (200 / Math.max(views, 1)))], budget: null, note: `${session.credits} credits and ${session.calls} calls over ${views} SPA views of contacts, leads and deals, ${(session.ms / 1000).toFixed(0)} s`, detail: session.byPath },
  { id: 'dryRunMs', label: 'criteria dry run: time', unit: 'ms', values: of(manager, (r) => r.dryRun.ms), budget: null },
  { id: 'dryRunCalls', label: 'criteria dry run: calls', unit: 'calls', values: of(manager, (r) => r.dryRun.calls), budget: null, note: callNote(manager.map((r) => r.dryRun)), detail: manager.map((r) => r.dryRun.paths) },
];

const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
})();
const meta = { at: new Date().toISOString(), commit, latencyMs, runs, views, heapAfter };
console.log('');
console.log(`Stagecoach bench — ${meta.at}, commit ${commit ?? '?'}, latency ${latencyMs} ms, ${runs} runs`);
console.log(table(figures));
console.log('\nWhere a cold page\'s time goes (median ms from navigation start):');
for (const [name, views] of [['contact', rep.map((r) => r.cold.phases)], ['deal', manager.map((r) => r.cold.phases)]] as const) {
  const at = (pick: (p: (typeof views)[number]) => number | null) => {
    const values = views.map(pick).filter((v): v is number => v !== null);
    return values.length ? String(median(values)) : '–';
  };
  console.log(
    `  ${name}: page DOM ${at((p) => p.pageDom)}, page load ${at((p) => p.pageLoad)}, frame in page ${at((p) => p.frameInserted)}, frame start ${at((p) => p.frameStart)}, ` +
      `frame scripts ran ${at((p) => p.frameDom)}, panel painted ${at((p) => p.panelPainted)}, first call sent ${at((p) => p.firstCallSent)}, last answer ${at((p) => p.lastAnswerBefore)}, target ${at((p) => p.target)}`,
  );
}
writeFileSync(OUT, `${JSON.stringify(asJson(figures, meta), null, 2)}\n`);
console.log(`\nSaved ${OUT}`);
console.log('\nProduction build files (raw / gzip -9):');
for (const file of allFiles(PRODUCTION)) console.log(`  ${file.file.padEnd(48)} ${(kb(file.raw).toFixed(1) + ' KB').padStart(10)}  ${(kb(file.gzip).toFixed(1) + ' KB').padStart(9)}`);
