// Issue 15, the deal side of a rep's and a manager's day: the suggestion and Approve on the first
// screen (a compact stage bar, the full list behind a remembered button); an approval request read
// back from Zoho after a reload, for the rep ("Approval requested") and the manager ("Requested by
// Priya Shah, … ago"), completed when the manager approves; after Approve the reload of Zoho's
// page offered and Undo (a second stage change with its own note); a contact's open deals marked
// when they have a suggestion. English and German, 1024×768 and 1440×900, both users.
import type { Locator, Page } from '@playwright/test';
import { launchWithExtension } from '../browser';
import { expect, RecordPanel, recordUrl, sandbox, SEED, snap, test } from './fixtures';

const deal = SEED.deals.acmeTelematics;
const from = String(deal.Stage);
const ann = SEED.contacts.annCarter;
const SMALL = { width: 1024, height: 768 };
const LARGE = { width: 1440, height: 900 };

const WORDS = {
  en: { connect: 'Connect Zoho account', connected: 'Connected', disconnect: 'Disconnect', requested: 'Approval requested', requestedBy: `Requested by ${SEED.users.rep.full_name}`, allStages: /^All \d+ stages$/, reload: 'Reload Zoho’s page', suggestion: 'Suggestion:' },
  de: { connect: 'Zoho-Konto verbinden', connected: 'Verbunden', disconnect: 'Trennen', requested: 'Genehmigung angefordert', requestedBy: `Angefordert von ${SEED.users.rep.full_name}`, allStages: /^Alle \d+ Phasen$/, reload: 'Zoho-Seite neu laden', suggestion: 'Vorschlag:' },
} as const;
type Language = keyof typeof WORDS;

async function connectAs(popup: Page, user: 'rep' | 'manager', language: Language): Promise<void> {
  const words = WORDS[language];
  const state = popup.locator('#state');
  if ((await state.textContent()) === words.connected) {
    await popup.getByRole('button', { name: words.disconnect, exact: true }).click();
    await expect(popup.getByRole('button', { name: words.connect })).toBeVisible();
  }
  await sandbox.config({ signedInUserId: SEED.users[user].id });
  const consentWindow = popup.context().waitForEvent('page');
  await popup.getByRole('button', { name: words.connect }).click();
  const consent = await consentWindow;
  await consent.getByRole('button', { name: 'Accept' }).click();
  await expect(state).toHaveText(words.connected);
}

/** The deal's stage section once its card is read from Zoho (not the last known one). */
async function openDeal(page: Page): Promise<Locator> {
  await page.goto(recordUrl('Deals', deal.id));
  const section = new RecordPanel(page).root.getByTestId('stage-section');
  await expect(section.getByTestId('stage-bar')).toBeVisible({ timeout: 20_000 });
  await expect(section.getByTestId('stage-updating')).toHaveCount(0);
  return section;
}

/** Wholly inside the window, unscrolled: on the first screen. */
async function expectOnFirstScreen(page: Page, target: Locator): Promise<void> {
  await expect(target).toBeVisible();
  const box = (await target.boundingBox())!;
  const height = page.viewportSize()!.height;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, `bottom of ${String(target)} within ${height}`).toBeLessThanOrEqual(height);
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await snap(page, name);
}

/** The rep asks; after a reload the request is read back from Zoho and not offered again. */
async function repRequests(page: Page, popup: Page, language: Language): Promise<string> {
  await connectAs(popup, 'rep', language);
  await page.setViewportSize(SMALL);
  let section = await openDeal(page);
  const card = section.getByTestId('suggestion-card');
  const target = (await card.getByTestId('suggestion-target').textContent())!.trim();
  const ask = card.locator('form.stage-form button[type="submit"]');
  await expectOnFirstScreen(page, card.getByTestId('suggestion-target'));
  await expectOnFirstScreen(page, ask);
  await ask.click();
  await expect(card.getByTestId('approval-requested')).toContainText(WORDS[language].requested);

  section = await openDeal(page);
  const requested = section.getByTestId('approval-requested');
  await expect(requested).toContainText(WORDS[language].requested);
  await expect(requested).toContainText(SEED.users.rep.full_name);
  await expect(section.locator('form.stage-form button[type="submit"]')).toHaveCount(0);
  await expectOnFirstScreen(page, requested);
  await shoot(page, `day-deal-rep-${language}-1024`);
  await page.setViewportSize(LARGE);
  await expectOnFirstScreen(page, requested);
  await shoot(page, `day-deal-rep-${language}-1440`);
  return target;
}

async function tasksFor(target: string): Promise<Array<Record<string, unknown>>> {
  return (await sandbox.recordsContaining('Tasks', `to ${target}.`)).filter((task) => String(task.Subject).startsWith('Approve stage change:'));
}

test('a rep asks once and sees it after a reload; the manager sees who asked, approves, reloads Zoho’s page and undoes', async ({ context, popup }) => {
  test.setTimeout(90_000);
  const page = await context.newPage();
  const target = await repRequests(page, popup.page, 'en');
  expect(await tasksFor(target)).toHaveLength(1);

  // The rep's contact page: the open deal with a suggestion says so in words.
  await page.goto(recordUrl('Contacts', ann.id));
  const marked = new RecordPanel(page).root.getByTestId('contact-deal').filter({ hasText: String(deal.Deal_Name) }).getByTestId('contact-deal-suggestion');
  await expect(marked).toHaveText(`${WORDS.en.suggestion} ${target}`, { timeout: 20_000 });
  await marked.scrollIntoViewIfNeeded();
  await shoot(page, 'day-deal-contact-marks-en-1440');

  await connectAs(popup.page, 'manager', 'en');
  await page.setViewportSize(SMALL);
  let section = await openDeal(page);
  const card = section.getByTestId('suggestion-card');
  await expect(card.getByTestId('requested-by')).toContainText(new RegExp(`${WORDS.en.requestedBy}, (this minute|.+ ago): move to ${target}`));
  const approve = card.getByRole('button', { name: `Approve: ${target}` });
  // The suggestion, its evidence and the decision on the first screen; the full list is behind a button.
  await expectOnFirstScreen(page, card.getByTestId('evidence'));
  await expectOnFirstScreen(page, approve);
  await expectOnFirstScreen(page, card.getByRole('button', { name: 'Reject' }));
  const bar = section.getByTestId('stage-bar');
  await expect(bar.locator('[aria-current="step"]')).toContainText(`${from}, current stage`);
  await expect(bar.locator('[data-suggested="true"]')).toContainText(`${target}, suggested`);
  const toggle = section.getByRole('button', { name: WORDS.en.allStages });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(section.getByTestId('stage-pipeline')).toHaveCount(0);
  await shoot(page, 'day-deal-manager-en-1024');

  // Opened, the full list stays open on the next deal page (remembered), and closes again.
  await toggle.click();
  await expect(section.getByTestId('stage-pipeline')).toBeVisible();
  section = await openDeal(page);
  await expect(section.getByRole('button', { name: WORDS.en.allStages })).toHaveAttribute('aria-expanded', 'true');
  await expect(section.getByTestId('stage-pipeline')).toBeVisible();
  await section.getByRole('button', { name: WORDS.en.allStages }).click();
  await expect(section.getByTestId('stage-pipeline')).toHaveCount(0);

  await section.getByRole('button', { name: `Approve: ${target}` }).click();
  await expect(section.getByTestId('decision-outcome')).toContainText(`Stage changed to ${target}`);
  await expect(section.getByTestId('reload-hint')).toHaveText(`Zoho’s record view beside this panel still shows ${from} until it is reloaded.`);
  await expect(section.getByTestId('undo')).toBeVisible();
  await expect(section.getByTestId('after-approval')).toContainText('30 seconds');
  // The request is answered: its Task is completed in Zoho.
  await expect.poll(async () => (await tasksFor(target)).map((task) => task.Status)).toEqual(['Completed']);
  await shoot(page, 'day-deal-manager-approved-en-1024');

  // "Reload Zoho's page": the whole page reloads (the record view shows the new stage); Undo is still offered.
  const reloaded = page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame());
  await section.getByTestId('reload-zoho').click();
  await reloaded;
  section = new RecordPanel(page).root.getByTestId('stage-section');
  await expect(section.getByTestId('undo')).toBeVisible({ timeout: 20_000 });
  await expect(section.getByTestId('reload-hint')).toHaveCount(0);
  await page.setViewportSize(LARGE);
  await shoot(page, 'day-deal-manager-after-reload-en-1440');
  await section.getByTestId('undo').click();
  await expect(section.getByTestId('undone')).toContainText(`back at ${from}`);
  // Zoho's page was reloaded after the approval: it now shows the approved stage until reloaded again.
  await expect(section.getByTestId('reload-hint')).toContainText(`still shows ${target} until`);
  expect(String((await sandbox.record('Deals', deal.id)).Stage)).toBe(from);
  expect(await sandbox.recordsContaining('Notes', `Stage changed: ${from} → ${target}`)).toHaveLength(1);
  const undoNotes = await sandbox.recordsContaining('Notes', `Stage change undone: ${target} → ${from}`);
  expect(undoNotes).toHaveLength(1);
  expect(String(undoNotes[0]!.Note_Content)).toContain(`Undone by: ${SEED.users.manager.full_name}`);
  await shoot(page, 'day-deal-manager-undone-en-1440');
});

test('in German: the rep’s request after a reload, the manager’s card and the offers after Approve', async () => {
  test.setTimeout(60_000);
  await sandbox.reset();
  const { context, extensionId } = await launchWithExtension({ language: 'de' });
  try {
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    const page = await context.newPage();
    const target = await repRequests(page, popup, 'de');
    await page.goto(recordUrl('Contacts', ann.id));
    const marked = new RecordPanel(page).root.getByTestId('contact-deal').filter({ hasText: String(deal.Deal_Name) }).getByTestId('contact-deal-suggestion');
    await expect(marked).toHaveText(`${WORDS.de.suggestion} ${target}`, { timeout: 20_000 });
    await marked.scrollIntoViewIfNeeded();
    await shoot(page, 'day-deal-contact-marks-de-1440');

    await connectAs(popup, 'manager', 'de');
    await page.setViewportSize(SMALL);
    const section = await openDeal(page);
    const card = section.getByTestId('suggestion-card');
    await expect(card.getByTestId('requested-by')).toContainText(new RegExp(`${WORDS.de.requestedBy}, (in dieser Minute|vor .+): Wechsel zu ${target}`));
    const approve = card.getByRole('button', { name: `Genehmigen: ${target}` });
    await expectOnFirstScreen(page, approve);
    await shoot(page, 'day-deal-manager-de-1024');
    await approve.click();
    await expect(section.getByTestId('reload-zoho')).toHaveText(WORDS.de.reload);
    await expect(section.getByTestId('undo')).toHaveText(`Rückgängig: zurück zu ${from}`);
    await page.setViewportSize(LARGE);
    await shoot(page, 'day-deal-manager-approved-de-1440');
  } finally {
    await context.close();
  }
});
