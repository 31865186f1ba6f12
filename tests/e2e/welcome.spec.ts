// First run: the welcome page opens by itself on install, connects Zoho with the popup's flow,
// points to the settings and says what data goes where; the toolbar follows the connection.
import type { BrowserContext, Page } from '@playwright/test';
import { launchWithExtension } from '../browser';
import { accessibilityViolations, expect, sandbox, SEED, snap, test } from './fixtures';

let context: BrowserContext;
let welcome: Page;
let extensionId: string;

test.beforeEach(async () => {
  await sandbox.reset();
  const launched = await launchWithExtension({ keepWelcome: true });
  ({ context, extensionId } = launched);
  if (!launched.welcome) throw new Error('The welcome page did not open on install.');
  welcome = launched.welcome;
});
test.afterEach(async () => {
  await context.close();
});

/** The toolbar's tooltip, as the background set it. */
const toolbarTitle = () => context.serviceWorkers()[0]!.evaluate(() => chrome.action.getTitle({}));

test('opens on install, connects Zoho from the keyboard, and the toolbar follows', async () => {
  await expect(welcome).toHaveURL(`chrome-extension://${extensionId}/welcome.html`);
  await expect(welcome.getByRole('heading', { level: 1, name: 'Welcome to Stagecoach for Zoho CRM' })).toBeVisible();
  for (const step of ['1. Connect your Zoho account', '2. Check the settings', '3. Open a record in Zoho CRM', 'What data goes where']) {
    await expect(welcome.getByRole('heading', { level: 2, name: step })).toBeVisible();
  }
  await expect(welcome.getByRole('definition').filter({ hasText: 'Nothing. Stagecoach has no server' })).toBeVisible();
  await expect.poll(toolbarTitle).toBe('Stagecoach for Zoho CRM — Not connected to Zoho');
  await expect(welcome.getByRole('button', { name: 'Connect Zoho account' })).toBeVisible();
  await snap(welcome, 'welcome');
  expect(await accessibilityViolations(welcome)).toEqual([]);

  // The first thing Tab reaches is Connect; Enter starts Zoho's consent, as the popup's button does.
  const connect = welcome.getByRole('button', { name: 'Connect Zoho account' });
  await welcome.bringToFront();
  await welcome.keyboard.press('Tab');
  await expect(connect).toBeFocused();
  const consentWindow = context.waitForEvent('page');
  await welcome.keyboard.press('Enter');
  const consent = await consentWindow;
  await consent.getByRole('button', { name: 'Accept' }).click();

  await expect(welcome.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  await expect(welcome.getByTestId('welcome-connected')).toHaveText(
    `Signed in as ${SEED.users.rep.full_name}, organisation ${SEED.org.company_name as string}, data centre United States (zoho.com).`,
  );
  await expect.poll(toolbarTitle).toBe('Stagecoach for Zoho CRM — Connected to Zoho');
  await snap(welcome, 'welcome-connected');
  expect(await accessibilityViolations(welcome)).toEqual([]);
  expect((await sandbox.log()).counts.authorizationCode).toBe(1);
});

test('shows how to register an own Zoho client with this browser’s redirect URI, and opens the settings', async () => {
  await welcome.getByText("Using your organisation's own Zoho API client").click();
  await expect(welcome.getByTestId('redirect-uri')).toHaveText(`https://${extensionId}.chromiumapp.org/`);
  await expect(welcome.getByText('add a client of type Mobile/Desktop')).toBeVisible();
  expect(await accessibilityViolations(welcome)).toEqual([]);

  const optionsPage = context.waitForEvent('page');
  await welcome.getByRole('button', { name: 'Settings' }).first().click();
  await expect(await optionsPage).toHaveURL(new RegExp(`^chrome-extension://${extensionId}/options.html`));
});
