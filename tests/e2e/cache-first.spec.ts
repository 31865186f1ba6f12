// Cache-first panels (issue 12): on a record seen before, the last known free times and deal card
// are on screen at once, marked as updating, while Zoho (here a slow sandbox) is asked again; a
// time that Zoho no longer has free disappears with a note, and a kept card cannot be decided on.
import { expect, RecordPanel, recordUrl, sandbox, SEED, snap, test } from './fixtures';

const ann = SEED.contacts.annCarter;
const deal = SEED.deals.acmeTelematics;
/** Long enough that anything on screen before it has passed came from the browser's store. */
const SLOW_MS = 4_000;

test('a contact seen before: its free times at once, marked as updating; a time taken meanwhile goes with a note', async ({ context, popup }) => {
  await popup.connect();
  const page = await context.newPage();
  await page.goto(recordUrl('Contacts', ann.id));
  const panel = new RecordPanel(page);
  const slots = panel.root.getByTestId('sched-slot');
  await expect(slots.first()).toBeVisible({ timeout: 20_000 });
  // The first visit had nothing kept: it waited for Zoho and says nothing about updating.
  await expect(panel.root.getByTestId('sched-updating')).toHaveCount(0);
  const first = { start: (await slots.first().getAttribute('data-start'))!, end: (await slots.first().getAttribute('data-end'))! };

  // Meanwhile, in Zoho, the first free time is taken; and Zoho becomes slow.
  const taken = await sandbox.createRecord('Events', { Event_Title: 'Taken behind the panel’s back', Start_DateTime: first.start, End_DateTime: first.end, Owner: { id: SEED.users.rep.id } }, SEED.users.rep.id);
  expect(taken.id).toBeTruthy();
  await sandbox.config({ latencyMs: SLOW_MS });

  const asked = Date.now();
  await page.reload();
  const updating = panel.root.getByTestId('sched-updating');
  await expect(updating).toBeVisible({ timeout: SLOW_MS / 2 });
  await expect(updating).toContainText('Updating… these are the free times known at');
  // The kept times, the one now taken among them, before Zoho has answered anything.
  await expect(panel.root.locator(`[data-testid="sched-slot"][data-start="${first.start}"]`)).toBeVisible();
  expect(Date.now() - asked).toBeLessThan(SLOW_MS);
  await snap(page, 'cache-first-updating');

  // Zoho's answer replaces them: the taken time is gone, and the panel says so.
  await expect(updating).toHaveCount(0, { timeout: 30_000 });
  await expect(panel.root.locator(`[data-testid="sched-slot"][data-start="${first.start}"]`)).toHaveCount(0);
  await expect(panel.root.getByTestId('sched-vanished')).toHaveText('1 time is no longer free.');
  await expect(slots.first()).toBeVisible();
  await snap(page, 'cache-first-vanished');
});

test('a deal seen before: its card at once, marked as updating, and not to be decided on until Zoho answers', async ({ context, popup }) => {
  await popup.connectAs('manager');
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 1600 });
  await page.goto(recordUrl('Deals', deal.id));
  const panel = new RecordPanel(page);
  const card = panel.root.getByTestId('suggestion-card');
  await expect(card).toBeVisible({ timeout: 20_000 });
  const target = (await card.getByTestId('suggestion-target').textContent())!.trim();
  await expect(panel.root.getByTestId('stage-updating')).toHaveCount(0);

  await sandbox.config({ latencyMs: SLOW_MS });
  await page.reload();
  // The deal's section waits for the settings (its feature switch; the team's part is read from
  // Zoho, one slow answer); the card is then kept one, while the deal's reads are still under way.
  const updating = panel.root.getByTestId('stage-updating');
  await expect(updating).toBeVisible({ timeout: SLOW_MS * 2 });
  await expect(card.getByTestId('suggestion-target')).toHaveText(target);
  // Shown, but inert: a decision waits for the deal as Zoho has it now.
  const approve = card.getByRole('button', { name: `Approve: ${target}` });
  await expect(panel.root.locator('.stage-view[inert]')).toHaveCount(1);
  await snap(page, 'cache-first-card-updating');

  await expect(updating).toHaveCount(0, { timeout: 60_000 });
  await expect(panel.root.locator('.stage-view[inert]')).toHaveCount(0);
  await expect(approve).toBeEnabled();
  await sandbox.config({ latencyMs: 0 });
});
