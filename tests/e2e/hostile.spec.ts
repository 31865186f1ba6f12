// Hostile data (tests/fixtures/hostile.ts: 60+ payloads) in contact, lead, deal, note, task and
// event fields and in the model's answer: nothing executes (dialogs, console errors, page errors
// and a canary global watched in every frame), the text shows literally, the panel's layout holds.
import type { Page } from '@playwright/test';
import { HOSTILE, labeled, type HostilePayload } from '../fixtures/hostile';
import { expect, RecordPanel, recordUrl, sandbox, SEED, snap, test } from './fixtures';

const rep = SEED.users.rep.id;
function isoIn(daysAhead: number, hourUtc: number): string {
  const at = new Date();
  at.setUTCDate(at.getUTCDate() + daysAhead);
  at.setUTCHours(hourUtc, 0, 0, 0);
  return at.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** Payloads handed out in order, each at least once, wrapping round when the slots outnumber them. */
function dealer() {
  let i = 0;
  return (max: number): HostilePayload & { shown: string } => {
    const payload = HOSTILE[i++ % HOSTILE.length]!;
    return { ...payload, shown: labeled(payload, max) };
  };
}

/** Kinds whose text a test can look for as is (no control characters, no size or direction tricks). */
const literal = (p: HostilePayload) => ['script', 'handler', 'url', 'svg', 'css', 'html', 'template', 'marker'].includes(p.kind) && !/[\n\t\r]/.test(p.text);

interface Watch {
  dialogs: string[];
  errors: string[];
}

function watch(page: Page, seen: Watch) {
  page.on('dialog', (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (error) => seen.errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') seen.errors.push(`console: ${message.text()}`);
  });
}

/** The canary in every frame of the page (Zoho's page and the panel's frame). */
async function pwned(page: Page): Promise<unknown[]> {
  const values = await Promise.all(page.frames().map((frame) => frame.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned).catch(() => undefined)));
  return values.filter((value) => value !== undefined);
}

/** The panel stays a side panel: no horizontal overflow inside it, not wider than a side panel, Zoho's page still there. */
async function layoutHolds(page: Page, panel: RecordPanel, name: string) {
  const box = await panel.region.boundingBox();
  expect(box, 'the panel is on the page').toBeTruthy();
  expect(box!.width).toBeGreaterThan(200);
  expect(box!.width).toBeLessThanOrEqual(520);
  const overflow = await panel.region.evaluate((region) => {
    const doc = region.ownerDocument.documentElement;
    const wide = [...region.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > region.getBoundingClientRect().right + 2);
    wide[wide.length - 1]?.scrollIntoView();
    return { scroll: doc.scrollWidth - doc.clientWidth, wide: wide.slice(0, 3).map((el) => `${el.tagName}.${el.className}`) };
  });
  // What sticks out, in view, for a person to look at.
  if (overflow.wide.length > 0) await snap(page, `${name}-overflow`);
  expect(overflow.scroll, 'no sideways scroll in the panel').toBeLessThanOrEqual(1);
  expect(overflow.wide, 'nothing sticks out of the panel').toEqual([]);
  // Zoho's own page is not covered: its record heading is still visible beside the panel.
  await expect(page.locator('h1').first()).toBeVisible();
}

test('hostile text in records, activities and the model’s answer shows literally, runs nothing, and keeps the layout', async ({ context, popup }) => {
  test.setTimeout(180_000);
  const seen: Watch = { dialogs: [], errors: [] };
  const next = dealer();
  const placed: { where: string; payload: HostilePayload & { shown: string } }[] = [];
  const take = (where: string, max: number) => {
    const payload = next(max);
    placed.push({ where, payload });
    return payload.shown;
  };

  // The records, as other Zoho users could have written them (the control API validates as the API does).
  const contact = await sandbox.createRecord('Contacts', { First_Name: take('contact first name', 40), Last_Name: take('contact last name', 80), Title: take('contact title', 255), Email: 'hostile.one@example.net', Mailing_City: take('contact city', 255) }, rep);
  const contactId = String(contact.id);
  for (let i = 0; i < 12; i++) {
    await sandbox.createRecord('Events', { Event_Title: take('event title', 255), Venue: take('event venue', 255), Start_DateTime: isoIn(2 + i, 4), End_DateTime: isoIn(2 + i, 5), Who_Id: { id: contactId }, Owner: { id: rep } }, rep);
  }
  const deals: string[] = [];
  for (let i = 0; i < 6; i++) {
    const deal = await sandbox.createRecord('Deals', { Deal_Name: take('deal name', 120), Stage: 'Qualification', Pipeline: 'Standard (Standard)', Closing_Date: isoIn(30, 0).slice(0, 10), Contact_Name: { id: contactId }, Owner: { id: rep }, Next_Step: take('deal next step', 255) }, rep);
    deals.push(String(deal.id));
  }
  const dealId = deals[0]!;
  for (let i = 0; i < 14; i++) {
    await sandbox.createRecord('Notes', { Note_Title: take('note title', 255), Note_Content: `We agreed on the proposal. ${take('note content', 32_000 - 40)}`, Parent_Id: { module: { api_name: 'Deals' }, id: dealId } }, rep);
  }
  for (let i = 0; i < 8; i++) {
    await sandbox.createRecord('Tasks', { Subject: take('task subject', 255), Description: take('task description', 32_000), Due_Date: isoIn(1 + i, 0).slice(0, 10), What_Id: { id: dealId }, $se_module: 'Deals', Owner: { id: rep } }, rep);
  }
  const lead = await sandbox.createRecord('Leads', { First_Name: take('lead first name', 40), Last_Name: take('lead last name', 80), Company: take('lead company', 255), Email: 'hostile.two@example.net', City: take('lead city', 255) }, rep);
  // The model's answers: a valid stage with a hostile reason, then one 100 KB long.
  const huge = HOSTILE.find((p) => p.kind === 'size' && p.text.length > 100_000)!;
  placed.push({ where: 'model reason', payload: { ...huge, shown: labeled(huge) } });
  const reason = `${labeled(HOSTILE[0]!)} ${labeled(HOSTILE[7]!)} ${labeled(HOSTILE[21]!)}`;
  expect(new Set(placed.map((p) => p.payload.id)).size, 'every payload placed at least once').toBe(HOSTILE.length);
  expect(placed.length).toBeGreaterThanOrEqual(50);

  await popup.connect();
  watch(popup.page, seen);
  await popup.send({ type: 'saveSettings', data: { patch: { ai: { provider: 'openai-compatible', baseUrl: `${sandbox.origin}/ai/v1`, model: 'sandbox-model' } } } });
  await popup.send({ type: 'saveAiKey', data: { key: 'sk-sandbox-test' } });

  // The contact: its name, its upcoming meetings (titles and venues), its deals.
  const page = await context.newPage();
  watch(page, seen);
  await page.goto(recordUrl('Contacts', contactId));
  const panel = new RecordPanel(page);
  await expect(panel.name).toBeVisible();
  const meetings = placed.filter((p) => p.where === 'event title' && literal(p.payload));
  await expect(panel.root.getByText(meetings[0]!.payload.shown, { exact: false }).first()).toBeVisible({ timeout: 20_000 });
  await panel.root.getByRole('button', { name: /Show all 12 meetings/ }).click();
  for (const { payload } of placed.filter((p) => ['contact last name', 'event title', 'event venue', 'deal name'].includes(p.where) && literal(p.payload))) {
    await expect(panel.root, `${payload.id} shows as text`).toContainText(payload.shown);
  }
  await snap(page, 'hostile-contact');
  await layoutHolds(page, panel, 'hostile-contact');

  // The deal: its name, the stage card from hostile notes and tasks, the model's hostile answer.
  await page.goto(recordUrl('Deals', dealId));
  await expect(panel.name).toBeVisible();
  await expect(panel.name).toContainText(placed.find((p) => p.where === 'deal name')!.payload.shown.slice(0, 20));
  const ai = panel.root.getByTestId('ai');
  await sandbox.ai({ reply: JSON.stringify({ stage: 'Needs Analysis', confidence: 0.7, evidence: [], reason }) });
  await ai.getByRole('button', { name: /Ask sandbox-model/ }).click();
  // Offered (a card on the model's basis) or discarded with the reason: either way, as text.
  const outcome = panel.root.getByTestId('ai-discarded').or(panel.root.locator('[data-testid="suggestion-card"][data-basis="model"]'));
  await expect(outcome.first()).toBeVisible({ timeout: 20_000 });
  await snap(page, 'hostile-deal');
  await layoutHolds(page, panel, 'hostile-deal');
  await sandbox.ai({ reply: JSON.stringify({ stage: 'Needs Analysis', confidence: 0.7, evidence: [], reason: labeled(huge) }) });
  await ai.getByRole('button', { name: /Ask sandbox-model/ }).click();
  await expect(outcome.first()).toBeVisible({ timeout: 20_000 });
  await page.waitForTimeout(1_000);
  await snap(page, 'hostile-deal-huge-answer');
  await layoutHolds(page, panel, 'hostile-deal-huge-answer');

  // The lead.
  await page.goto(recordUrl('Leads', String(lead.id)));
  await expect(panel.name).toBeVisible();
  const leadName = placed.find((p) => p.where === 'lead last name')!.payload;
  if (literal(leadName)) await expect(panel.name).toContainText(leadName.shown);
  await snap(page, 'hostile-lead');
  await layoutHolds(page, panel, 'hostile-lead');

  // Nothing ran anywhere, nothing was said on the console.
  expect(await pwned(page), 'canary in any frame').toEqual([]);
  expect(seen.dialogs, 'dialogs').toEqual([]);
  expect(seen.errors, 'console errors and page errors').toEqual([]);
  // And nothing was sent on the user's behalf: the model saw the deal, nobody got a write.
  const log = await sandbox.log();
  const reads = (path: string) => path.endsWith('/coql') || path.endsWith('/__composite_requests');
  expect(log.entries.filter((e) => e.method !== 'GET' && !reads(e.path) && e.path.startsWith('/crm/v8'))).toEqual([]);
});
