// The UI follows the browser's language through the extension's i18n messages.
import { launchWithExtension } from '../browser';
import { expect, RecordPanel, recordUrl, sandbox, SEED, test } from './fixtures';

test('in a German browser the popup and the panel speak German', async () => {
  await sandbox.reset();
  const { context, extensionId } = await launchWithExtension({ language: 'de' });
  try {
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect(popup.getByRole('button', { name: 'Zoho-Konto verbinden' })).toBeVisible();
    await expect(popup.locator('html')).toHaveAttribute('lang', /^de/);

    const page = await context.newPage();
    await page.goto(recordUrl('Contacts', SEED.primary.contactId));
    const panel = new RecordPanel(page);
    await expect(panel.root).toContainText('Verbinden Sie Ihr Zoho-Konto');
    await expect(panel.root.locator('aside')).toHaveAttribute('lang', /^de/);
  } finally {
    await context.close();
  }
});
