// Issue 15, points 5 and 6: one locale everywhere (lib/format: the UI's language, Zoho's clock)
// and the options in the order people need them. One browser per language, each walking the
// popup, a contact's panel and the options page, with screenshots at 1024×768 and 1440×900.
import type { Page } from '@playwright/test';
import { launchWithExtension } from '../browser';
import { accessibilityViolations, expect, RecordPanel, recordUrl, sandbox, SEED, snap, test } from './fixtures';

const ann = { id: SEED.contacts.annCarter.id, name: 'Ann Carter' };
const SIZES = [
  { width: 1024, height: 768 },
  { width: 1440, height: 900 },
] as const;

/** ICU writes narrow no-break spaces before AM/PM and around dashes; Chromium's and Node's may differ. */
const spaces = (text: string | null) => (text ?? '').replace(/[\u202f\u00a0\u2009]/g, ' ').trim();

const LANGUAGES = {
  en: {
    connect: 'Connect Zoho account',
    connected: 'Connected',
    connectedSince: 'Connected since',
    // "Dec 6, 2026, 1:55 AM": the rep's Zoho clock is 12-hour (hh:mm a).
    dateTime: /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M$/,
    // "Mon, Dec 7"
    day: /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [A-Z][a-z]{2} \d{1,2}\b/,
    grouped: /\d{1,3}(,\d{3})+/,
    title: `Meeting with ${ann.name}`,
    headings: ['Scheduling', 'Booking with someone new', 'Team settings', 'AI provider', 'Connection', 'Advanced', 'Zoho org check'],
    team: ['Features', 'Approvals', 'Stage suggestions'],
    criteria: 'Use these criteria instead of the built-in ones',
    inUse: 'In use now: the built-in criteria.',
  },
  de: {
    connect: 'Zoho-Konto verbinden',
    connected: 'Verbunden',
    connectedSince: 'Verbunden seit',
    // "6. Dez. 2026, 1:55 AM": German words, Zoho's 12-hour clock.
    dateTime: /^\d{1,2}\. [A-ZÄÖÜ][a-zäöü]+\.? \d{4}, \d{1,2}:\d{2} [AP]M$/,
    // "Mo., 7. Dez."
    day: /^(Mo|Di|Mi|Do|Fr|Sa|So)\., \d{1,2}\. /,
    grouped: /\d{1,3}(\.\d{3})+/,
    title: `Termin mit ${ann.name}`,
    headings: ['Terminplanung', 'Termin mit jemand Neuem', 'Teameinstellungen', 'KI-Anbieter', 'Verbindung', 'Erweitert', 'Zoho-Org prüfen'],
    team: ['Funktionen', 'Freigaben', 'Phasenvorschläge'],
    criteria: 'Diese Kriterien statt der eingebauten verwenden',
    inUse: 'Jetzt in Gebrauch: die eingebauten Kriterien.',
  },
} as const;

/** The page's headings in document order, as "2 Scheduling". */
const outline = (page: Page) =>
  page.locator('h1, h2, h3').evaluateAll((nodes) => nodes.map((node) => `${node.tagName.slice(1)} ${node.textContent?.trim() ?? ''}`));

test.setTimeout(80_000);

for (const [language, words] of Object.entries(LANGUAGES)) {
  test(`${language}: popup, panel and options in one locale with Zoho's clock; options start with what a rep changes`, async () => {
    await sandbox.reset();
    const { context, extensionId } = await launchWithExtension({ language });
    try {
      // The popup: the connected user's date in the UI's language and Zoho's clock, numbers grouped the language's way.
      const popupPage = await context.newPage();
      await popupPage.goto(`chrome-extension://${extensionId}/popup.html`);
      await sandbox.config({ signedInUserId: SEED.users.rep.id });
      const consentWindow = context.waitForEvent('page');
      await popupPage.getByRole('button', { name: words.connect }).click();
      const consent = await consentWindow;
      await consent.getByRole('button', { name: 'Accept' }).click();
      await expect(popupPage.locator('#state')).toHaveText(words.connected);
      const since = popupPage.locator('dt', { hasText: words.connectedSince }).locator('xpath=following-sibling::dd[1]');
      expect(spaces(await since.textContent())).toMatch(words.dateTime);
      await expect(popupPage.getByTestId('usage')).toHaveText(words.grouped);
      for (const size of SIZES) {
        await popupPage.setViewportSize(size);
        await snap(popupPage, `day-locale-popup-${language}-${size.width}`);
      }

      // The panel on Ann's page: day headings and times as the popup writes them; the default title in the UI's language.
      const page = await context.newPage();
      await page.setViewportSize(SIZES[0]);
      await page.goto(recordUrl('Contacts', ann.id));
      const panel = new RecordPanel(page);
      await expect(panel.name).toHaveText(ann.name);
      const scheduling = panel.root.getByTestId('scheduling');
      const slot = scheduling.getByTestId('sched-slot').first();
      await expect(slot).toBeVisible({ timeout: 20_000 });
      const day = scheduling.getByTestId('sched-day').first().getByRole('heading').first();
      expect(spaces(await day.textContent())).toMatch(words.day);
      // Zoho's hh:mm a: a 12-hour time in either language.
      expect(spaces(await slot.textContent())).toMatch(/\d{1,2}:\d{2} [AP]M/);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await snap(page, `day-locale-panel-${language}-${size.width}`);
      }
      await slot.click();
      const dialog = panel.root.getByRole('dialog');
      await expect(dialog.getByRole('textbox').first()).toHaveValue(words.title);
      await page.keyboard.press('Escape');

      // The options page: headings in the order people need them, a proper outline, true words on the criteria switch.
      const options = await context.newPage();
      await options.goto(`chrome-extension://${extensionId}/options.html`);
      const form = options.locator('form.options-form');
      await expect(form).toBeVisible();
      await expect(options.getByRole('heading', { level: 2, name: words.headings.at(-1) })).toBeVisible();
      const levels = await outline(options);
      const h2 = levels.filter((h) => h.startsWith('2 ')).map((h) => h.slice(2));
      expect(h2).toEqual(words.headings);
      const team = levels.slice(levels.indexOf(`2 ${words.headings[2]}`) + 1, levels.indexOf(`2 ${words.headings[3]}`));
      expect(team.filter((h) => h.startsWith('3 ')).map((h) => h.slice(2))).toEqual(words.team);
      await expect(options.getByRole('checkbox', { name: words.criteria })).not.toBeChecked();
      await expect(options.getByTestId('criteria-in-use')).toHaveText(words.inUse);
      // Keyboard order is the visual order: the first field Tab reaches is in the first section.
      await options.locator('body').focus();
      await options.keyboard.press('Tab');
      await expect(options.locator('#scheduling-heading ~ * :focus, section:has(#scheduling-heading) :focus')).toHaveCount(1);
      expect(await accessibilityViolations(options)).toEqual([]);
      for (const size of SIZES) {
        await options.setViewportSize(size);
        await options.evaluate(() => window.scrollTo(0, 0));
        await snap(options, `day-locale-options-${language}-${size.width}`);
      }

      if (language === 'de') {
        // Zoho's 24-hour clock (the administrator's "HH:mm"): the same German words, the other clock.
        await popupPage.bringToFront();
        await popupPage.getByRole('button', { name: 'Trennen' }).click();
        await sandbox.config({ signedInUserId: SEED.users.admin.id });
        const again = context.waitForEvent('page');
        await popupPage.getByRole('button', { name: words.connect }).click();
        await (await again).getByRole('button', { name: 'Accept' }).click();
        await expect(popupPage.locator('#state')).toHaveText(words.connected);
        expect(spaces(await since.textContent())).toMatch(/^\d{1,2}\. [A-ZÄÖÜ][a-zäöü]+\.? \d{4}, \d{2}:\d{2}$/);
        await page.bringToFront();
        await page.reload();
        await expect(slot).toBeVisible({ timeout: 20_000 });
        const time = spaces(await slot.textContent());
        expect(time).toMatch(/^\d{2}:\d{2}/);
        expect(time).not.toMatch(/[AP]M/);
        await snap(page, 'day-locale-panel-de-24h-1440');
      }
    } finally {
      await context.close();
    }
  });
}
