// Issue 15, point 4: one voice for trouble. Zoho not answering (a 500 on every read, an HTML 502
// from a gateway) or its API limit reached shows ONE banner at the top of the panel, in words
// that match the cause (never "refused"), over what the panel last knew (record, free times,
// meetings); the banner goes when Zoho answers again. With the network down the popup shows no
// browser words ("Failed to fetch").
// One browser per language; screenshots at 1024×768 and 1440×900.
import { launchWithExtension } from '../browser';
import { connectIn, expect, RecordPanel, recordUrl, sandbox, SEED, snap, test } from './fixtures';

const ann = { id: SEED.contacts.annCarter.id, name: 'Ann Carter' };
const SIZES = [
  { width: 1024, height: 768 },
  { width: 1440, height: 900 },
] as const;
const HTML_502 = '<!doctype html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>nginx</p></body></html>';
const INTERNAL_ERROR = { code: 'INTERNAL_ERROR', details: {}, message: 'Internal server error occurred.', status: 'error' };

const WORDS = {
  en: {
    connect: 'Connect Zoho account',
    connected: 'Connected',
    retry: 'Try again',
    unreachable: /^Zoho isn’t answering — retrying (at \d{1,2}:\d{2}( [AP]M)?|now…)/,
    limit: /^API limit reached until \d{1,2}:\d{2}( [AP]M)?\.$/,
    refused: 'Zoho refused the request',
    network: 'Zoho can’t be reached',
  },
  de: {
    connect: 'Zoho-Konto verbinden',
    connected: 'Verbunden',
    retry: 'Erneut versuchen',
    unreachable: /^Zoho antwortet nicht – neuer Versuch (um \d{1,2}:\d{2}( [AP]M)?|läuft …)/,
    limit: /^API-Limit erreicht bis \d{1,2}:\d{2}( [AP]M)?\.$/,
    refused: 'Zoho hat die Anfrage abgelehnt',
    network: 'Zoho ist nicht erreichbar',
  },
} as const;

/** ICU writes narrow no-break spaces before AM/PM. */
const spaces = (text: string | null) => (text ?? '').replace(/[\u202f\u00a0\u2009]/g, ' ').trim();

test.setTimeout(85_000);

for (const [language, words] of Object.entries(WORDS)) {
  test(`${language}: one banner per cause over the last known data, words that match the cause, no browser words`, async () => {
    await sandbox.reset();
    const { context, extensionId } = await launchWithExtension({ language });
    try {
      const popup = await connectIn(context, extensionId, words);

      // A good visit first: the record, the free times and the meetings, kept as last known.
      const page = await context.newPage();
      await page.setViewportSize(SIZES[0]);
      await page.goto(recordUrl('Contacts', ann.id));
      const panel = new RecordPanel(page);
      const slot = panel.root.getByTestId('sched-slot').first();
      await expect(slot).toBeVisible({ timeout: 20_000 });
      await expect(panel.root.getByTestId('sched-meeting').first()).toBeVisible();
      const banner = panel.root.getByTestId('trouble-banner');

      // Zoho not answering: a gateway's HTML 502 on the record, a 500 on every other read.
      await sandbox.fault({ match: { path: `/crm/v8/Contacts/${ann.id}` }, count: 1000, status: 502, body: HTML_502, contentType: 'text/html' });
      await sandbox.fault({ match: { path: '/crm/v8/' }, count: 1000, status: 500, body: INTERNAL_ERROR });
      await page.reload();
      await expect(banner).toHaveCount(1, { timeout: 30_000 });
      await expect(banner).toHaveAttribute('data-cause', 'unreachable');
      await expect(banner).toHaveAttribute('role', 'status');
      expect(spaces(await banner.locator('.notice-title').textContent())).toMatch(words.unreachable);
      await expect(banner.getByRole('button', { name: words.retry })).toBeVisible();
      // Nothing else in the panel speaks of it: no box per section, never a refusal, no markup.
      await expect(panel.root.getByRole('alert')).toHaveCount(0);
      await expect(panel.root).not.toContainText(words.refused);
      await expect(panel.root).not.toContainText('<');
      // What was last known stays: the record from its copy, the free times marked as updating,
      // the meetings last read from Zoho (without Reschedule or Cancel).
      await expect(panel.name).toHaveText(ann.name);
      await expect(panel.root.getByTestId('sched-updating')).toBeVisible();
      await expect(slot).toBeVisible();
      const meeting = panel.root.getByTestId('sched-meeting').first();
      await expect(meeting).toBeVisible();
      await expect(meeting.getByRole('button')).toHaveCount(0);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await snap(page, `day-trouble-unreachable-${language}-${size.width}`);
      }
      await meeting.scrollIntoViewIfNeeded();
      await snap(page, `day-trouble-meetings-${language}-1440`);
      await page.setViewportSize(SIZES[0]);

      // Zoho answers again: "Try again" now, and the banner goes.
      await sandbox.clearFaults();
      await banner.getByRole('button', { name: words.retry }).click();
      await expect(banner).toHaveCount(0, { timeout: 30_000 });
      await expect(panel.root.getByTestId('sched-meeting').first()).toBeVisible();
      await expect(panel.root.getByTestId('sched-updating')).toHaveCount(0);

      if (language === 'en') {
        // The network down (every call's connection dropped) while a note is written: it waits in
        // this browser, and the popup says why in our words only.
        await sandbox.fault({ match: { path: '/crm/v8/' }, count: 1000, drop: 'before' });
        await panel.root.getByLabel('Add a note to this record').fill('Called about the rollout');
        await panel.root.getByRole('button', { name: 'Add note' }).click();
        await expect(async () => {
          await popup.reload();
          await expect(popup.getByTestId('outbox')).toContainText(words.network, { timeout: 2_000 });
        }).toPass({ timeout: 30_000 });
        const shown = [await popup.locator('body').innerText(), await panel.root.innerText()];
        for (const text of shown) expect(text).not.toMatch(/Failed to fetch|NetworkError|TypeError|net::ERR/);
        for (const size of SIZES) {
          await popup.setViewportSize(size);
          await snap(popup, `day-trouble-popup-offline-${language}-${size.width}`);
        }
        await sandbox.clearFaults();
      }

      // The day's API credits spent: one banner, until when Zoho says they come back.
      const { creditsUsed } = await sandbox.log();
      await sandbox.config({ creditsPerDay: creditsUsed });
      await page.reload();
      await expect(banner).toHaveCount(1, { timeout: 30_000 });
      await expect(banner).toHaveAttribute('data-cause', 'limit');
      expect(spaces(await banner.locator('.notice-title').textContent())).toMatch(words.limit);
      await expect(panel.root.getByRole('alert')).toHaveCount(0);
      await expect(panel.name).toHaveText(ann.name);
      await expect(slot).toBeVisible();
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await snap(page, `day-trouble-limit-${language}-${size.width}`);
      }
      await sandbox.config({ creditsPerDay: 50_000 });
    } finally {
      await context.close();
    }
  });
}
