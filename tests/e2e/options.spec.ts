// The options page: every setting with its default, one Save that the background validates,
// each problem beside its field in plain words, and settings fixed by enterprise policy locked.
import type { Page } from '@playwright/test';
import { accessSync, constants, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension, SANDBOX_EXTENSION } from '../browser';
import { accessibilityViolations, expect, openOptions, snap, test } from './fixtures';

const mondayStart = (page: Page) => page.getByLabel('Monday, period 1: start', { exact: true });
const mondayEnd = (page: Page) => page.getByLabel('Monday, period 1: end', { exact: true });
const saveStatus = (page: Page) => page.getByRole('status').filter({ hasText: 'Settings saved.' });

test('shows the defaults; refuses an end before the start beside Monday, saves the fix', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await openOptions(page, extensionId);

  // Defaults: Monday 09:00–17:00, 30-minute slots, the Zoho time zone, the Zoho working hours.
  await expect(mondayStart(page)).toHaveValue('09:00');
  await expect(mondayEnd(page)).toHaveValue('17:00');
  await expect(page.getByLabel('Saturday, period 1: start')).toHaveCount(0);
  await expect(page.getByLabel('Slot length (minutes)')).toHaveValue('30');
  await expect(page.getByLabel('Time zone for free slots')).toHaveValue('');
  await expect(page.getByLabel('Time zone for free slots').locator('option:checked')).toHaveText('Use my Zoho time zone');
  await expect(page.getByRole('checkbox', { name: 'Booking', exact: true })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'a Lead' })).toBeChecked();
  await expect(page.getByLabel('Profiles')).toHaveValue('Administrator\nManager');
  await expect(page.getByTestId('client-secret-state')).toHaveText(/No client secret is set/);
  // In the order people need them; the team's own sections are headed one level down (tests/e2e/day-locale.spec.ts checks the outline).
  for (const heading of ['Scheduling', 'Team settings', 'AI provider', 'Connection', 'Advanced']) {
    await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
  }
  for (const heading of ['Features', 'Approvals', 'Stage suggestions']) {
    await expect(page.getByRole('heading', { level: 3, name: heading })).toBeVisible();
  }
  expect(await accessibilityViolations(page)).toEqual([]);
  await snap(page, 'options');

  // End before start: refused, the reason beside the Monday field, focus on it, a summary on top.
  await mondayEnd(page).fill('08:00');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const reason = 'End time must be after the start time.';
  await expect(mondayEnd(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(mondayEnd(page)).toHaveAccessibleDescription(reason);
  await expect(page.getByTestId('day-mon')).toContainText(reason);
  await expect(mondayEnd(page)).toBeFocused();
  const summary = page.getByTestId('issue-summary');
  await expect(summary).toContainText('The settings were not saved: one entry needs correcting.');
  await expect(summary.getByRole('link', { name: `Monday, period 1: end – ${reason}` })).toBeVisible();
  await expect(saveStatus(page)).toHaveCount(0);
  // What was typed stays.
  await expect(mondayEnd(page)).toHaveValue('08:00');
  // Tall enough to show the summary and the Monday field together.
  await page.setViewportSize({ width: 1280, height: 1100 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap(page, 'options-invalid');
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(await accessibilityViolations(page)).toEqual([]);

  // The summary's link takes focus to the field.
  await page.getByLabel('Slot length (minutes)').focus();
  await summary.getByRole('link').click();
  await expect(mondayEnd(page)).toBeFocused();

  // Nothing was saved.
  await page.reload();
  await expect(mondayEnd(page)).toHaveValue('17:00');

  // Fixed, and saved with the keyboard shortcut.
  await mondayEnd(page).fill('18:30');
  await page.getByLabel('Slot length (minutes)').fill('45');
  await page.keyboard.press('Control+s');
  await expect(saveStatus(page)).toBeVisible();
  await expect(page.getByTestId('issue-summary')).toHaveCount(0);
  await expect(mondayEnd(page)).not.toHaveAttribute('aria-invalid', 'true');

  await page.reload();
  await expect(mondayEnd(page)).toHaveValue('18:30');
  await expect(page.getByLabel('Slot length (minutes)')).toHaveValue('45');
  await expect(page.getByLabel('Tuesday, period 1: end', { exact: true })).toHaveValue('17:00');
});

test('names each problem in plain words and keeps everything typed, the secret included', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await openOptions(page, extensionId);

  await page.getByLabel('Slot length (minutes)').fill('7');
  await page.getByLabel('Free time before a meeting (minutes)').fill('500');
  await page.getByLabel('Meeting title').fill('Call with {foo}');
  await page.getByLabel('Client secret').fill('s3cret-value');
  await page.getByLabel('Custom domains').fill('crm.example.com\nhttps://bad.example.com/');
  // Two overlapping periods on Monday.
  await page.getByRole('button', { name: 'Add period on Monday' }).click();
  await expect(page.getByLabel('Monday, period 2: start', { exact: true })).toBeFocused();
  await page.getByLabel('Monday, period 2: start', { exact: true }).fill('16:00');
  await page.getByLabel('Monday, period 2: end', { exact: true }).fill('18:00');
  await page.getByRole('button', { name: 'Save', exact: true }).click();

  const summary = page.getByTestId('issue-summary');
  await expect(summary).toContainText('5 entries need correcting');
  // Focus goes to the first field with a problem, in the order of the page.
  await expect(page.getByLabel('Monday, period 2: start', { exact: true })).toBeFocused();
  await expect(page.getByLabel('Slot length (minutes)')).toHaveAccessibleDescription('Must be a multiple of 5.');
  await expect(page.getByLabel('Free time before a meeting (minutes)')).toHaveAccessibleDescription('Must be between 0 and 240.');
  await expect(page.getByLabel('Meeting title')).toHaveAccessibleDescription(
    /Unknown placeholder \{foo\}\. Use \{contact\}, \{company\}, \{user\},? or \{deal\}\./,
  );
  await expect(page.getByLabel('Custom domains')).toHaveAccessibleDescription(/“https:\/\/bad\.example\.com\/”: Enter a host name such as crm\.example\.com/);
  await expect(page.getByLabel('Monday, period 2: start', { exact: true })).toHaveAccessibleDescription(
    'Overlaps the period 09:00–17:00 on the same day.',
  );
  await expect(page.getByLabel('Monday, period 2: start', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  expect(await accessibilityViolations(page)).toEqual([]);

  // Nothing typed is lost, not even the secret.
  await expect(page.getByLabel('Meeting title')).toHaveValue('Call with {foo}');
  await expect(page.getByLabel('Client secret')).toHaveValue('s3cret-value');
  await expect(page.getByLabel('Monday, period 2: end', { exact: true })).toHaveValue('18:00');

  // Fix them all: removing the second Monday period takes focus to the day's add button.
  await page.getByRole('button', { name: 'Remove Monday, period 2' }).click();
  await expect(page.getByRole('button', { name: 'Add period on Monday' })).toBeFocused();
  await page.getByLabel('Slot length (minutes)').fill('25');
  await page.getByLabel('Free time before a meeting (minutes)').fill('10');
  await page.getByLabel('Meeting title').fill('{user} / {contact}');
  await page.getByLabel('Custom domains').fill('CRM.Example.com, crm2.example.com');
  // A Saturday morning, added from the keyboard.
  await page.getByRole('button', { name: 'Add period on Saturday' }).press('Enter');
  await page.getByLabel('Saturday, period 1: end', { exact: true }).fill('12:00');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(saveStatus(page)).toBeVisible();

  // The secret is never shown back, only that one is set.
  await expect(page.getByLabel('Client secret')).toHaveValue('');
  await expect(page.getByTestId('client-secret-state')).toHaveText(/A client secret is set/);
  expect(JSON.stringify(await page.evaluate(() => chrome.runtime.sendMessage({ type: 'getSettings', data: {} })))).not.toContain('s3cret-value');

  await page.reload();
  await expect(page.getByLabel('Slot length (minutes)')).toHaveValue('25');
  await expect(page.getByLabel('Meeting title')).toHaveValue('{user} / {contact}');
  await expect(page.getByLabel('Custom domains')).toHaveValue('crm.example.com\ncrm2.example.com');
  await expect(page.getByLabel('Saturday, period 1: start', { exact: true })).toHaveValue('09:00');
  await expect(page.getByLabel('Saturday, period 1: end', { exact: true })).toHaveValue('12:00');
  await expect(page.getByLabel('Monday, period 2: start', { exact: true })).toHaveCount(0);
  await expect(page.getByTestId('client-secret-state')).toHaveText(/A client secret is set/);

  // Removing the secret.
  await page.getByRole('button', { name: 'Remove client secret' }).click();
  await expect(page.getByTestId('client-secret-state')).toHaveText('The client secret will be removed when you save.');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(saveStatus(page)).toBeVisible();
  await expect(page.getByTestId('client-secret-state')).toHaveText(/No client secret is set/);
});

test('the AI endpoint fields appear for an OpenAI-compatible provider and are required', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await openOptions(page, extensionId);
  await expect(page.getByLabel('Base URL')).toHaveCount(0);
  await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'OpenAI-compatible endpoint' });
  await page.getByLabel('Base URL').fill('http://example.com/v1');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByLabel('Base URL')).toHaveAccessibleDescription(/Enter an https:\/\/ address/);
  await expect(page.getByLabel('Model')).toHaveAccessibleDescription('This cannot be empty.');
  await page.getByLabel('Base URL').fill('http://localhost:8787/v1');
  await page.getByLabel('Model').fill('sandbox-model');
  await page.getByLabel('Time zone for free slots').selectOption('Europe/Berlin');
  // The feature switches are team settings now (Zoho's org variables, an administrator's to set:
  // tests/e2e/team-settings.spec.ts); this page, not connected, shows them read-only.
  await expect(page.getByRole('checkbox', { name: 'Stage suggestions', exact: true })).toBeDisabled();
  await page.getByRole('radio', { name: 'a Contact' }).check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(saveStatus(page)).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Model')).toHaveValue('sandbox-model');
  await expect(page.getByLabel('Time zone for free slots')).toHaveValue('Europe/Berlin');
  await expect(page.getByRole('radio', { name: 'a Contact' })).toBeChecked();
});

test('the AI key is said to be stored only for the base URL it was entered for', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await openOptions(page, extensionId);
  await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'OpenAI-compatible endpoint' });
  await page.getByLabel('Base URL').fill('http://localhost:8787/tenant-a/v1');
  await page.getByLabel('Model').fill('sandbox-model');
  const key = page.getByLabel('API key');
  await expect(key).toHaveAccessibleDescription(/No key is stored yet/);
  await key.fill('sk-tenant-a');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(saveStatus(page)).toBeVisible();
  await expect(key).toHaveAccessibleDescription('A key is stored (encrypted). Type a new one to replace it.');
  // Another address: the key is not sent there, and the page says so (typed, then saved).
  await page.getByLabel('Base URL').fill('http://localhost:8787/tenant-b/v1');
  const elsewhere = 'A key is stored for http://localhost:8787/tenant-a/v1, and it is sent only there, not to this address. Enter a key for this address.';
  await expect(key).toHaveAccessibleDescription(elsewhere);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(saveStatus(page)).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('API key')).toHaveAccessibleDescription(elsewhere);
  await snap(page.locator('section[aria-labelledby="ai-heading"]'), 'options-ai-key-other-url');
  await page.getByLabel('API key').fill('sk-tenant-b');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(saveStatus(page)).toBeVisible();
  await expect(page.getByLabel('API key')).toHaveAccessibleDescription('A key is stored (encrypted). Type a new one to replace it.');
});

// Chromium on Linux reads enterprise policy from /etc/chromium/policies/managed/*.json, and an
// extension's policy (what storage.managed returns) from its "3rdparty" key.
const POLICY_DIR = '/etc/chromium/policies/managed';

test('a setting fixed by enterprise policy is locked, with a note, and saving still works', async () => {
  let writable = true;
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    accessSync(POLICY_DIR, constants.W_OK);
  } catch {
    writable = false;
  }
  // Writing machine-wide policy needs root (as in CI); elsewhere this test cannot set one up.
  test.skip(!writable, `${POLICY_DIR} is not writable (run as root to test managed policy)`);

  // A private copy of the build: its id differs from the shared build's, so the policy written
  // here cannot reach other test runs on this machine. An unpacked extension's id is stable per
  // path: a first launch learns it.
  const copy = mkdtempSync(join(tmpdir(), 'stagecoach-policy-'));
  const file = join(POLICY_DIR, `stagecoach-e2e-${process.pid}.json`);
  try {
    cpSync(SANDBOX_EXTENSION, copy, { recursive: true });
    const first = await launchWithExtension({ extensionPath: copy });
    const id = first.extensionId;
    await first.context.close();

    writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [id]: { features: { booking: false } } } } }));
    const { context, extensionId } = await launchWithExtension({ extensionPath: copy });
    try {
      expect(extensionId).toBe(id);
      const page = await context.newPage();
      await openOptions(page, extensionId);

      const booking = page.getByRole('checkbox', { name: 'Booking', exact: true });
      await expect(booking).toBeDisabled();
      await expect(booking).not.toBeChecked();
      await expect(booking).toHaveAccessibleDescription(/^Set by your administrator/);
      await expect(page.locator('.field-check', { has: booking })).toContainText('Set by your administrator');
      // The other switches are team settings (read-only here, not connected: set in Zoho by an
      // administrator); a personal setting the policy does not name stays editable.
      await expect(page.getByLabel('Days ahead')).toBeEnabled();
      expect(await accessibilityViolations(page)).toEqual([]);
      await snap(page.locator('section', { has: page.getByRole('heading', { name: 'Features' }) }), 'options-locked');

      // The page sends the locked value back as the policy set it: other changes still save.
      await page.getByLabel('Days ahead').fill('21');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(saveStatus(page)).toBeVisible();
      await page.reload();
      await expect(page.getByLabel('Days ahead')).toHaveValue('21');
      await expect(page.getByRole('checkbox', { name: 'Booking', exact: true })).toBeDisabled();
    } finally {
      await context.close();
    }
  } finally {
    rmSync(file, { force: true });
    rmSync(copy, { recursive: true, force: true });
  }
});
