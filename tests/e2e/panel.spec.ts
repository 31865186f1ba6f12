// The panel on Zoho record pages: what it shows, how it follows SPA navigation, how it lives
// through an expired token, and how it treats hostile record contents.
import { accessibilityViolations, expect, RecordPanel, recordUrl, sandbox, SEED, settle, snap, test } from './fixtures';

const ann = SEED.contacts.annCarter;
const deal = SEED.deals.acmeTelematics;

test('asks to connect on a record page when not connected, and connects from the page it opens', async ({ context }) => {
  const page = await context.newPage();
  await page.goto(recordUrl('Contacts', ann.id));
  const panel = new RecordPanel(page);
  await expect(panel.region).toContainText('Connect your Zoho account');
  await snap(page, 'panel-not-connected');
  expect(await accessibilityViolations(page, 'stagecoach-panel')).toEqual([]);

  // Connecting is for the extension's own pages, never for one framed in Zoho's (issue 11
  // finding 4): the panel's button opens the welcome page, which connects.
  const welcomeWindow = context.waitForEvent('page');
  await panel.root.getByRole('link', { name: 'Connect Zoho account' }).click();
  const welcome = await welcomeWindow;
  await expect(welcome).toHaveURL(/\/welcome\.html$/);
  const consentWindow = context.waitForEvent('page');
  await welcome.getByRole('button', { name: 'Connect Zoho account' }).click();
  await (await consentWindow).getByRole('button', { name: 'Accept' }).click();
  await expect(panel.name).toHaveText('Ann Carter');
});

test('an open panel follows connect and disconnect done in the popup, without a reload', async ({ context, popup }) => {
  const page = await context.newPage();
  await page.goto(recordUrl('Contacts', ann.id));
  const panel = new RecordPanel(page);
  await expect(panel.region).toContainText('Connect your Zoho account');

  await popup.page.bringToFront();
  await popup.connect();
  await expect(panel.name).toHaveText('Ann Carter');

  await popup.page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(popup.state).toHaveText('Not connected');
  await expect(panel.region).toContainText('Connect your Zoho account');
  await expect(panel.name).toHaveCount(0);
});

test('shows the record name and owner on a contact page, fetched through the background', async ({ context, popup }) => {
  await popup.connect();
  const page = await context.newPage();
  await page.goto(recordUrl('Contacts', ann.id));
  const panel = new RecordPanel(page);
  await expect(panel.name).toHaveText('Ann Carter');
  await expect(panel.owner).toHaveText(SEED.users.rep.full_name);
  await expect(panel.region).toContainText('Contact');
  await snap(page, 'panel-contact');
  expect(await accessibilityViolations(page, 'stagecoach-panel')).toEqual([]);

  // Collapsible from the keyboard, and back.
  const toggle = panel.root.getByRole('button', { name: 'Collapse Stagecoach panel' });
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(panel.name).toBeHidden();
  await expect(panel.root.getByRole('button', { name: 'Open Stagecoach panel' })).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Enter');
  await expect(panel.name).toBeVisible();
});

test('leaving a page cancels its reads in the background too: Zoho sees them given up', async ({ context, popup }) => {
  await popup.connect();
  const page = await context.newPage();
  await page.goto(recordUrl('Contacts', ann.id));
  const panel = new RecordPanel(page);
  await expect(panel.name).toHaveText('Ann Carter');

  // A slow Zoho: the deal's reads are still on their way when the rep goes back.
  await sandbox.config({ latencyMs: 3000 });
  await sandbox.clearLog();
  await page.locator(`a[data-zcrm-link][href*="/tab/Potentials/${deal.id}"]`).first().click();
  await expect(page).toHaveURL(new RegExp(`/tab/Potentials/${deal.id}$`));
  await expect(panel.root.getByTestId('stage-section')).toBeVisible();
  // Not a timing assertion: the reads must have left the browser before the page is left.
  await page.waitForTimeout(800);
  await page.goBack();
  await expect(panel.name).toHaveText('Ann Carter');

  // A read may have gone alone or inside a composite call (its one log entry names its sub-requests).
  const ofDeal = (entry: { path: string; subRequests?: string[] }) =>
    [entry.path, ...(entry.subRequests ?? []).map((sub) => sub.slice(sub.indexOf(' ') + 1))].filter((path) => path.startsWith(`/crm/v8/Deals/${deal.id}`));
  const abandoned = async () => (await sandbox.log()).entries.filter((entry) => entry.clientAborted).flatMap(ofDeal);
  // The deal record's one read, shared by the panel's summary and the stage card: given up once both have gone.
  await expect.poll(abandoned, { timeout: 15_000 }).toContain(`/crm/v8/Deals/${deal.id}`);
  // And whatever else of the deal had left the browser (the card's notes, stage history): given up
  // too, nothing answered into a page that is gone.
  expect((await sandbox.log()).entries.filter((entry) => !entry.clientAborted).flatMap(ofDeal)).toEqual([]);
  await sandbox.config({ latencyMs: 0 });
});

test('follows SPA navigation to a deal: old panel torn down, new one mounted, no reload', async ({ context, popup }) => {
  await popup.connect();
  const page = await context.newPage();
  await page.goto(recordUrl('Contacts', ann.id));
  const panel = new RecordPanel(page);
  await expect(panel.name).toHaveText('Ann Carter');
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  await page.locator(`a[data-zcrm-link][href*="/tab/Potentials/${deal.id}"]`).first().click();
  await expect(page).toHaveURL(new RegExp(`/tab/Potentials/${deal.id}$`));
  await expect(panel.name).toHaveText(deal.Deal_Name as string);
  await expect(panel.region).toContainText('Deal');
  await expect(panel.root).toHaveCount(1);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await snap(page, 'panel-deal');

  // Back to the contact (popstate), and to a list page where no panel belongs.
  await page.goBack();
  await expect(panel.name).toHaveText('Ann Carter');
  await expect(panel.root).toHaveCount(1);
  await page.locator('nav a[data-zcrm-link]', { hasText: 'Contacts' }).first().click();
  await expect(page).toHaveURL(/\/tab\/Contacts$/);
  await expect(panel.root).toHaveCount(0);
});

test('an expired token mid-session: the panel still loads, with exactly one refresh for many calls', async ({ context, popup }) => {
  await popup.connect();
  const page = await context.newPage();
  await page.goto(recordUrl('Contacts', ann.id));
  const panel = new RecordPanel(page);
  await expect(panel.name).toHaveText('Ann Carter');

  // A second record page, whose panel frame sends four more reads below.
  const second = await context.newPage();
  await second.goto(recordUrl('Contacts', ann.id));
  await expect(new RecordPanel(second).name).toHaveText('Ann Carter');
  const inSecond = await new RecordPanel(second).document();

  await sandbox.config({ latencyMs: 150 });
  await sandbox.expireTokens();
  await sandbox.clearLog();

  // Five concurrent reads (four sent from a second page's panel frame, as only a panel may ask for
  // records, and the panel of a new page), all with the dead token.
  const others = [SEED.contacts.joannWhitfield.id, SEED.contacts.oliverBennett.id, SEED.contacts.graceONeill.id, SEED.contacts.chloeNguyen.id];
  const [answers] = await Promise.all([
    inSecond.evaluate(
      (ids) => Promise.all(ids.map((recordId) => chrome.runtime.sendMessage({ type: 'getRecord', data: { module: 'Contacts', recordId } }))),
      others,
    ),
    page.goto(recordUrl('Deals', deal.id)),
  ]);
  await expect(panel.name).toHaveText(deal.Deal_Name as string);
  expect((answers as { ok: boolean }[]).every((answer) => answer.ok)).toBe(true);

  const log = await sandbox.log();
  expect(log.counts.refresh).toBe(1);
  // The reads met the dead token (batched, they may have gone as one composite call, which Zoho
  // refuses whole before reading its sub-requests), and one refresh served them all.
  const unauthorized = log.entries.filter((entry) => entry.path.startsWith('/crm/v8') && entry.status === 401);
  expect(unauthorized.length).toBeGreaterThanOrEqual(1);
});

test('a refused refresh shows "reconnect needed" in the panel and the popup', async ({ context, popup }) => {
  await popup.connect();
  // Connecting reads ahead in the background: once it is done, the next call is the page's own and
  // meets the dead token (a read-ahead call would refresh before the fault below is set).
  await settle(500);
  await sandbox.expireTokens();
  // Zoho refuses the refresh token (revoked from Zoho's side, or deleted as the 21st).
  await sandbox.fault({ match: { path: '/oauth/v2/token' }, count: 1, status: 200, body: { error: 'invalid_code' } });
  const page = await context.newPage();
  await page.goto(recordUrl('Contacts', ann.id));
  const panel = new RecordPanel(page);
  await expect(panel.region).toContainText('no longer accepts');
  // A link to the welcome page, which reconnects: the panel itself never starts a sign-in.
  await expect(panel.root.getByRole('link', { name: 'Reconnect' })).toBeVisible();
  await snap(page, 'panel-reconnect-needed');

  await popup.page.reload();
  await expect(popup.state).toHaveText('Reconnect needed');
  await popup.connect();
  await page.reload();
  await expect(panel.name).toHaveText('Ann Carter');
});

test('hostile HTML in a record is shown as text, never run', async ({ context, popup }) => {
  await popup.connect();
  const page = await context.newPage();
  await page.goto(recordUrl('Contacts', SEED.hostileContactId));
  const panel = new RecordPanel(page);
  await expect(panel.name).toHaveText('Robert <img src=x onerror="window.__pwned=1">Hacker');
  await expect(panel.root.locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('warns when the tab shows another Zoho org than the connected one', async ({ context, popup }) => {
  await popup.connect();
  const page = await context.newPage();
  await page.goto(recordUrl('Contacts', ann.id, '99999999'));
  const panel = new RecordPanel(page);
  await expect(panel.root.getByTestId('org-mismatch')).toContainText('99999999');
});
