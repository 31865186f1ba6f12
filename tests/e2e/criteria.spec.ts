// The admin's side of stage suggestions on the options page: criteria checked as they are typed
// (errors with line and reason), a dry run over the deals in Zoho, and the AI provider's key kept
// encrypted and out of reach of the pages, then used from a deal page.
import { accessibilityViolations, expect, openOptions, RecordPanel, recordUrl, sandbox, SEED, snap, test } from './fixtures';

test('criteria errors name the line and the reason; the dry run judges open and closed deals', async ({ context, extensionId, popup }) => {
  await popup.connectAs('admin');
  const page = await context.newPage();
  await page.setViewportSize({ width: 1100, height: 2400 }); // the whole dry run in its screenshot
  await openOptions(page, extensionId);
  const criteria = page.getByRole('textbox', { name: 'Pipeline criteria' });
  const check = page.getByTestId('criteria-check');
  await criteria.fill('version: 1\ncriteria:\n  - id: signed\n    target: Closed Won\n    from: [Negotiation/Review]\n    when:\n      all:\n        - signal: contract_sined\n');
  await expect(check.getByRole('alert')).toContainText("Line 8, column 19: unknown signal 'contract_sined' (did you mean contract_signed?)");
  await snap(check, 'criteria-error');

  await check.getByRole('button', { name: 'Start from the default criteria' }).click();
  await expect(check).toContainText('The criteria are valid');

  const dryRun = page.getByTestId('dry-run');
  await dryRun.getByRole('button', { name: 'Dry run on recent deals' }).click();
  await expect(dryRun.getByTestId('dry-run-closed')).toContainText(/Closed deals: \d+ of \d+ would have been suggested the stage they reached/);
  const closedLine = (await dryRun.getByTestId('dry-run-closed').textContent()) ?? '';
  const [, matched, judged] = /(\d+) of (\d+)/.exec(closedLine) ?? [];
  expect(Number(judged)).toBeGreaterThan(2);
  expect(Number(matched)).toBeGreaterThan(0);
  console.log(`options dry run: ${closedLine}`);
  // A deal the labeled set says should move is flagged with its target.
  await expect(dryRun.getByRole('row').filter({ hasText: String(SEED.deals.acmeTelematics.Deal_Name) })).toContainText('Value Proposition');
  expect(await accessibilityViolations(page)).toEqual([]);
  await snap(dryRun, 'criteria-dry-run');
});

test('the AI key is stored encrypted, never shown again, and used from the deal page', async ({ context, extensionId, popup }) => {
  await popup.connectAs('manager');
  const page = await context.newPage();
  await page.setViewportSize({ width: 1100, height: 2400 }); // the whole dry run in its screenshot
  await openOptions(page, extensionId);
  await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'OpenAI-compatible endpoint' });
  await page.getByLabel('Base URL').fill(`${sandbox.origin}/ai/v1`);
  await page.getByLabel('Model').fill('sandbox-model');
  await page.getByLabel('API key').fill('sk-sandbox-test');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('API key')).toHaveValue('');
  await expect(page.getByLabel('API key')).toHaveAccessibleDescription(/A key is stored \(encrypted\)/);
  // Nowhere an extension page or Zoho's page could read it: not in settings, not in storage.
  const visible = await popup.page.evaluate(async () => JSON.stringify([await chrome.storage.local.get(null), await chrome.runtime.sendMessage({ type: 'getSettings', data: {} })]));
  expect(visible).not.toContain('sk-sandbox-test');

  const deal = await context.newPage();
  await deal.setViewportSize({ width: 1280, height: 2200 });
  await deal.goto(recordUrl('Deals', SEED.deals.acmeTelematics.id));
  const section = new RecordPanel(deal).root.getByTestId('stage-section');
  await section.getByRole('button', { name: 'Ask sandbox-model' }).click();
  await expect(section.getByTestId('suggestion-card')).toHaveAttribute('data-basis', 'model');
});
