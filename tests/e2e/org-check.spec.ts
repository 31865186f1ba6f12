// The org self-check on the options page, in Chromium with the built extension against the
// sandbox: every capability passes on the seeded org; each one switched off in turn (a Zoho
// refusal injected on its endpoint, a narrower grant at consent, credits nearly spent) fails its
// own row with its advice while the others pass; the report is copied without personal data; the
// popup leads to the check when something failed, and the whole run works from the keyboard.
import type { Locator, Page } from '@playwright/test';
import { accessibilityViolations, expect, openOptions, openPanelFrame, sandbox, SEED, snap, test } from './fixtures';

const PROBES = ['scopes', 'user', 'pipeline', 'stageHistory', 'outOfOffice', 'coql', 'search', 'credits'] as const;
type Probe = (typeof PROBES)[number];

const zohoRefusal = (code: string, message: string) => ({ code, details: {}, message, status: 'error' });

/** Values of the seeded org that must never be in the report. */
const PERSONAL = [
  ...Object.values(SEED.users).flatMap((user) => [user.id, user.full_name, user.email]),
  ...Object.values(SEED.contacts).flatMap((contact) => [contact.id, contact.Email, contact.Last_Name]),
  ...Object.values(SEED.deals).flatMap((deal) => [deal.id, deal.Deal_Name]),
  SEED.org.id,
  SEED.org.company_name,
  SEED.org.zgid,
].filter((value): value is string => typeof value === 'string' && value.length > 2);

function section(page: Page): Locator {
  return page.getByTestId('org-check');
}
function row(page: Page, probe: Probe): Locator {
  return section(page).locator(`[data-probe="${probe}"]`);
}

/** Runs the check with a click and waits for its summary. */
async function runCheck(page: Page): Promise<void> {
  const check = section(page);
  await check.getByRole('button', { name: /^(Check my Zoho org|Check again)$/ }).click();
  await expect(check.getByRole('button', { name: 'Check again' })).toBeEnabled({ timeout: 15_000 });
  await expect(check.getByRole('status').first()).toContainText(/\d+ passed, \d+ with a warning, \d+ failed\./);
}

/** Only `failing` fails (with its advice); every other row passes. */
async function expectOnlyFailing(page: Page, failing: Probe, finding: RegExp, advice: RegExp): Promise<void> {
  await expect(row(page, failing)).toHaveAttribute('data-status', 'fail');
  await expect(row(page, failing)).toContainText(finding);
  await expect(row(page, failing).locator('.org-check-advice')).toContainText(advice);
  for (const other of PROBES.filter((probe) => probe !== failing)) await expect(row(page, other), other).toHaveAttribute('data-status', 'pass');
  await expect(section(page).getByRole('status').first()).toHaveText('7 passed, 0 with a warning, 1 failed.');
}

async function optionsPage(context: import('@playwright/test').BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1000, height: 1600 });
  await openOptions(page, extensionId);
  await section(page).scrollIntoViewIfNeeded();
  return page;
}

test('all pass on the seeded org; the copied report holds no personal data; axe clean', async ({ context, extensionId, popup }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await popup.connectAs('manager');
  const page = await optionsPage(context, extensionId);
  await runCheck(page);
  await expect(section(page).getByRole('status').first()).toHaveText('8 passed, 0 with a warning, 0 failed.');
  for (const probe of PROBES) await expect(row(page, probe), probe).toHaveAttribute('data-status', 'pass');
  await expect(row(page, 'user')).toContainText('Your profile is Manager: you may approve stage changes.');
  await expect(row(page, 'pipeline')).toContainText(/Pipelines found: \d+\. Stages in the default one: \d+\./);
  await expect(row(page, 'credits')).toContainText('More than half of today');
  await expect(row(page, 'outOfOffice')).toContainText('Out-of-office periods can be read (1 found).');
  await expect(row(page, 'coql')).toContainText('API calls: 1 · ');
  expect(await accessibilityViolations(page)).toEqual([]);
  await snap(section(page), 'org-check-pass');

  await section(page).getByRole('button', { name: 'Copy report' }).click();
  await expect(section(page).getByTestId('org-check-copy-status')).toHaveText(/^Report copied\./);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await section(page).getByTestId('org-check-report').inputValue());
  expect(copied).toContain('Data centre: us (sandbox build)');
  expect(copied).toContain('Edition: enterprise');
  expect(copied).toMatch(/\[PASS\] coql: coql_works/);
  for (const value of PERSONAL) expect(copied, `the report holds ${value}`).not.toContain(value);
  // The profile's name is on the page, not in the report.
  expect(copied).not.toContain('Manager');
  console.log(`org check report:\n${copied}`);
});

test('each capability switched off fails its own row with its advice, the others pass', async ({ context, extensionId, popup }) => {
  await popup.connectAs('manager');
  const page = await optionsPage(context, extensionId);
  const cases: { probe: Probe; path: string; status: number; body: unknown; finding: RegExp; advice: RegExp }[] = [
    { probe: 'user', path: '/crm/v8/users?type=CurrentUser', status: 401, body: zohoRefusal('OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL'), finding: /connection lacks the permission/, advice: /Reconnect from the toolbar popup/ },
    { probe: 'pipeline', path: '/crm/v8/settings/pipeline', status: 403, body: zohoRefusal('NO_PERMISSION', 'permission denied'), finding: /your profile lacks the permission.*Zoho's code: NO_PERMISSION/s, advice: /Zoho administrator to allow this for your profile/ },
    { probe: 'stageHistory', path: '/Stage_History', status: 403, body: zohoRefusal('NO_PERMISSION', 'permission denied'), finding: /without days in stage/, advice: /Zoho administrator/ },
    { probe: 'outOfOffice', path: '/crm/v8/settings/users_unavailability', status: 400, body: zohoRefusal('FEATURE_NOT_SUPPORTED', 'not supported in this edition'), finding: /does not offer this in your org.*out-of-office days count as free/s, advice: /Nothing to fix in the extension/ },
    { probe: 'coql', path: '/crm/v8/coql', status: 400, body: zohoRefusal('SYNTAX_ERROR', 'invalid query formed'), finding: /Zoho refused the call.*SYNTAX_ERROR/s, advice: /send it to support/ },
    { probe: 'search', path: '/crm/v8/Contacts/search', status: 403, body: zohoRefusal('NO_PERMISSION', 'permission denied'), finding: /Finding a person by email or phone/, advice: /Zoho administrator/ },
  ];
  for (const { probe, path, status, body, finding, advice } of cases) {
    await sandbox.clearFaults();
    await sandbox.fault({ match: { path }, count: 50, status, body });
    await runCheck(page);
    await expectOnlyFailing(page, probe, finding, advice);
    await snap(row(page, probe), `org-check-fail-${probe}`);
  }
  expect(await accessibilityViolations(page)).toEqual([]);
  await snap(section(page), 'org-check-fail-search-whole');

  // Credits nearly spent: the calls still work, the credits row fails.
  await sandbox.clearFaults();
  const { creditsUsed } = await sandbox.log();
  await sandbox.config({ creditsPerDay: creditsUsed + 12 });
  await runCheck(page);
  await expectOnlyFailing(page, 'credits', /API credits are left today: Zoho will soon refuse every call/, /add-on credits/);
  await snap(row(page, 'credits'), 'org-check-fail-credits');
  const report = await section(page).getByTestId('org-check-report').inputValue();
  expect(report).toMatch(/\[FAIL\] credits: credits_out remaining=\d+/);
});

test('a grant narrower than asked fails the permissions row and names what is missing', async ({ context, extensionId, popup }) => {
  await sandbox.config({ signedInUserId: SEED.users.manager.id });
  const consent = await popup.startConnect();
  // As if Zoho (or an older version of the extension) left one permission out of the grant.
  await consent.locator('input[name="scope"]').evaluate((input: HTMLInputElement) => {
    input.value = input.value
      .split(',')
      .filter((scope) => scope !== 'ZohoCRM.modules.tasks.ALL')
      .join(',');
  });
  await consent.getByRole('button', { name: 'Accept' }).click();
  await expect(popup.state).toHaveText('Connected');
  const page = await optionsPage(context, extensionId);
  await runCheck(page);
  await expectOnlyFailing(page, 'scopes', /1 of \d+ permissions were not granted: ZohoCRM\.modules\.tasks\.ALL\./, /accept every permission/);
  await snap(row(page, 'scopes'), 'org-check-fail-scopes');
});

test('the popup leads to the check when something failed; the check runs and copies by keyboard alone', async ({ context, extensionId, popup }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await popup.connectAs('rep');
  const contact = Object.values(SEED.contacts)[0]!;
  await sandbox.fault({ match: { path: `/crm/v8/Contacts/${contact.id}` }, count: 5, status: 403, body: zohoRefusal('NO_PERMISSION', 'permission denied') });
  // A record read (the panel's request, sent from a panel's frame) that Zoho refuses.
  await (await openPanelFrame(context)).evaluate((id) => chrome.runtime.sendMessage({ type: 'getRecord', data: { module: 'Contacts', recordId: id } }), contact.id);
  await popup.open();
  const lastError = popup.page.getByTestId('last-error');
  await expect(lastError).toBeVisible();
  await snap(popup.page, 'org-check-popup-link');
  expect(await accessibilityViolations(popup.page)).toEqual([]);

  const opened = context.waitForEvent('page');
  await lastError.getByRole('button', { name: 'Check my Zoho org' }).focus();
  await popup.page.keyboard.press('Enter');
  const page = await opened;
  await page.setViewportSize({ width: 1000, height: 1600 });
  await expect(page).toHaveURL(new RegExp(`chrome-extension://${extensionId}/options\\.html#org-check$`));
  const run = section(page).getByRole('button', { name: 'Check my Zoho org' });
  await expect(run).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(section(page).getByRole('button', { name: 'Check again' })).toBeFocused({ timeout: 15_000 });
  await expect(section(page).getByRole('status').first()).toHaveText('8 passed, 0 with a warning, 0 failed.');
  await expect(row(page, 'user')).toContainText('stage changes you choose are sent to a manager for approval');
  await expect(row(page, 'user').locator('.org-check-advice')).toContainText('under Approvals on this page');
  await page.keyboard.press('Tab');
  await expect(section(page).getByRole('button', { name: 'Copy report' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(section(page).getByTestId('org-check-copy-status')).toHaveText(/^Report copied\./);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('[PASS] user: user_not_approver');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // opens the report's details
  await expect(section(page).getByTestId('org-check-report')).toBeVisible();
  expect(await accessibilityViolations(page)).toEqual([]);
  await snap(section(page), 'org-check-keyboard');
});

test('the check is cancellable: its calls are given up and the page says so', async ({ context, extensionId, popup }) => {
  await popup.connectAs('manager');
  const page = await optionsPage(context, extensionId);
  await sandbox.config({ latencyMs: 1500 });
  await sandbox.clearLog();
  await section(page).getByRole('button', { name: 'Check my Zoho org' }).click();
  const cancel = section(page).getByRole('button', { name: 'Cancel the check' });
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(section(page).getByRole('status').first()).toHaveText('The check was cancelled.');
  await expect(section(page).getByRole('button', { name: 'Check my Zoho org' })).toBeEnabled();
  await page.waitForTimeout(2000);
  const log = await sandbox.log();
  // At most the first few probes' calls were sent (three at a time), and those were abandoned.
  expect(log.entries.length).toBeLessThanOrEqual(3);
  expect(log.entries.filter((entry) => entry.clientAborted).length).toBe(log.entries.length);
});
