// `npm start`: the product on its embedded default. Starts the local Zoho sandbox and Chromium with
// the sandbox build loaded on a contact page. With a display, you drive it (close the browser to
// stop). Without one (or with --headless), a scripted tour connects, visits a contact and a deal,
// and saves screenshots to tests/screenshots/ (the README's) and store/screenshots/ (the store
// listing's: 1280×800, as the Chrome Web Store asks).
import type { BrowserContext, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../sandbox/server';
import { SEED } from '../sandbox/seed';
import { launchWithExtension, SANDBOX_ORIGIN } from './browser';

const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const STORE_SHOTS = fileURLToPath(new URL('../store/screenshots/', import.meta.url));
const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const contactUrl = `${SANDBOX_ORIGIN}/crm/org${SEED.org.zgid}/tab/Contacts/${SEED.primary.contactId}`;

const port = Number(new URL(SANDBOX_ORIGIN).port);
const server = await startSandbox({ port }).catch((error: unknown) => {
  console.error(`Could not start the sandbox on port ${port} (is another copy running?): ${String(error)}`);
  process.exit(1);
});
console.log(`Zoho sandbox on ${server.url}`);

const { context, extensionId, welcome } = await launchWithExtension({ headless, keepWelcome: headless });
try {
  if (headless) await tour(context, extensionId, welcome);
  else await interactive(context, extensionId);
} finally {
  await context.close().catch(() => {});
  await server.close();
}

async function interactive(context: BrowserContext, extensionId: string) {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const page = await context.newPage();
  await page.goto(contactUrl);
  console.log('Chromium is open on a sandbox contact page. Connect from the Stagecoach tab (the popup) or the panel.');
  console.log('Close the browser window to stop.');
  await new Promise<void>((resolve) => context.on('close', () => resolve()));
}

async function tour(context: BrowserContext, extensionId: string, welcome: Page | null) {
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(STORE_SHOTS, { recursive: true });
  const shot = async (page: Page, name: string) => {
    const path = `${SHOTS}${name}.png`;
    await page.screenshot({ path });
    console.log(`  saved ${path}`);
  };
  /** A store screenshot: exactly 1280×800, whatever size the page had for the README's. */
  const storeShot = async (page: Page, name: string) => {
    const size = page.viewportSize();
    await page.setViewportSize({ width: 1280, height: 800 });
    const path = `${STORE_SHOTS}${name}.png`;
    await page.screenshot({ path });
    if (size) await page.setViewportSize(size);
    console.log(`  saved ${path}`);
  };
  console.log('No display: running the scripted tour.');

  // What a new user sees first: the page the extension opens on install.
  if (!welcome) throw new Error('The welcome page did not open on install.');
  await welcome.getByRole('button', { name: 'Connect Zoho account' }).waitFor();
  await shot(welcome, 'welcome');
  await storeShot(welcome, '4-welcome');
  await welcome.close();

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 380, height: 560 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByText('Not connected').waitFor();
  await shot(popup, 'popup-disconnected');

  const consentWindow = context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Connect Zoho account' }).click();
  const consent = await consentWindow;
  await consent.getByRole('button', { name: 'Accept' }).waitFor();
  await shot(consent, 'consent');
  await consent.getByRole('button', { name: 'Accept' }).click();
  await popup.getByText('Connected', { exact: true }).waitFor();
  await shot(popup, 'popup-connected');

  const page = await context.newPage();
  await page.goto(contactUrl);
  const panel = page.frameLocator('iframe#stagecoach-panel').locator('body');
  await panel.getByTestId('record-name').waitFor();
  await panel.getByTestId('sched-slot').first().waitFor();
  await shot(page, 'panel-contact');
  await storeShot(page, '1-free-times');
  await panel.getByTestId('sched-slot').first().click();
  await panel.getByRole('dialog').first().waitFor();
  await shot(page, 'scheduling-dialog');
  await storeShot(page, '2-booking');
  await page.keyboard.press('Escape');

  await page.locator(`a[data-zcrm-link][href*="/tab/Potentials/${SEED.primary.dealId}"]`).first().click();
  await panel.getByText(SEED.deals.acmeTelematics.Deal_Name as string).waitFor();
  await panel.getByLabel('Add a note to this record').fill('Call with Ann: budget approved; send the proposal by Friday.');
  await panel.getByRole('button', { name: 'Add note' }).click();
  await panel.getByText('Note saved in Zoho.').waitFor();
  await panel.getByText('Note saved in Zoho.').scrollIntoViewIfNeeded();
  await shot(page, 'panel-deal');

  await popup.bringToFront();
  await popup.reload();
  await popup.getByRole('heading', { name: 'Writes to Zoho' }).waitFor();
  await shot(popup, 'popup-sync');

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByRole('button', { name: 'Save' }).waitFor();
  await shot(options, 'options');
  await storeShot(options, '5-settings');

  // The manager's side: sign in again as the manager and open a deal with a suggested stage.
  await popup.bringToFront();
  await popup.getByRole('button', { name: 'Disconnect' }).click();
  await popup.getByText('Not connected').waitFor();
  // The sandbox's "browser session" follows, so its pages show the manager too.
  await fetch(new URL('/__sandbox/config', SANDBOX_ORIGIN), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ signedInUserId: SEED.users.manager.id }) });
  const managerConsent = context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Connect Zoho account' }).click();
  const consentAgain = await managerConsent;
  await consentAgain.getByLabel('Signed in as').selectOption(SEED.users.manager.id);
  await consentAgain.getByRole('button', { name: 'Accept' }).click();
  await popup.getByText('Connected', { exact: true }).waitFor();
  const deal = await context.newPage();
  await deal.setViewportSize({ width: 1280, height: 1500 });
  await deal.goto(`${SANDBOX_ORIGIN}/crm/org${SEED.org.zgid}/tab/Potentials/${SEED.deals.acmeTelematics.id}`);
  const stage = deal.frameLocator('iframe#stagecoach-panel').getByTestId('stage-section');
  await stage.getByTestId('suggestion-card').waitFor();
  // The meetings below the card filled in, not their loading skeleton.
  await deal.frameLocator('iframe#stagecoach-panel').getByTestId('sched-slot').first().waitFor();
  await shot(deal, 'panel-stage');
  await deal.setViewportSize({ width: 1280, height: 800 });
  await stage.getByTestId('suggestion-card').scrollIntoViewIfNeeded();
  await storeShot(deal, '3-stage-suggestion');
  console.log('Tour done.');
}
