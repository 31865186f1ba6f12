// The panel on a record page at Zoho One's address (`/zohoone/<org>/home/cxapp/crm/…`), which the
// sandbox serves like its own `/crm/…` pages. How Zoho One really draws CRM is UNCONFIRMED
// (lib/zoho/url.ts frameShowsPanel): this checks the record is found in Zoho One's address, that
// SPA navigation stays inside Zoho One, and that a CRM frame inside the page adds no second panel.
import { expect, ORG, PANEL_FRAME, RecordPanel, sandbox, SEED, snap, test } from './fixtures';

const ann = SEED.contacts.annCarter;
const deal = SEED.deals.acmeTelematics;
const ONE = `/zohoone/sandbox/home/cxapp/crm/org${ORG}`;

test('shows the panel on a Zoho One record page, follows its SPA navigation, once per tab', async ({ context, popup }) => {
  await popup.connect();
  const page = await context.newPage();
  await page.goto(`${sandbox.origin}${ONE}/tab/Contacts/${ann.id}`);
  const panel = new RecordPanel(page);
  await expect(panel.name).toHaveText('Ann Carter');
  await expect(panel.region).toContainText('Contact');
  await expect(panel.root).toHaveCount(1);
  await snap(page, 'panel-zoho-one');

  // Zoho One's links keep its prefix; the panel follows without a reload.
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  await page.locator(`a[data-zcrm-link][href*="/tab/Potentials/${deal.id}"]`).first().click();
  await expect(page).toHaveURL(`${sandbox.origin}${ONE}/tab/Potentials/${deal.id}`);
  await expect(panel.name).toHaveText(deal.Deal_Name as string);
  await expect(panel.root).toHaveCount(1);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  // CRM's own record page framed inside it (as Zoho One may do): the page already has its panel,
  // so the frame shows none.
  await page.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.title = 'crm';
    frame.style.cssText = 'width:600px;height:300px';
    document.body.prepend(frame);
  }, `${sandbox.origin}/crm/org${ORG}/tab/Contacts/${ann.id}`);
  const frame = page.frameLocator('iframe[title="crm"]');
  await expect(frame.locator('main[data-state="ready"]')).toHaveCount(1);
  // Give the frame's content script the time it takes the top frame's to mount.
  await page.waitForTimeout(1500);
  await expect(frame.locator(PANEL_FRAME)).toHaveCount(0);
  await expect(panel.root).toHaveCount(1);
});
