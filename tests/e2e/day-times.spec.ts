// Issue 15, point 1: times that suit both people. The rep Priya works in Asia/Kolkata; Oliver
// Bennett is in London (their days overlap in Priya's afternoon) and Ann Carter in Los Angeles
// (no overlap at all: Priya's day is Ann's night). Free times inside both working days come first,
// the rest are behind "Show all times" (keyboard, aria-expanded) and marked; for Ann the panel
// says plainly that none fits and shows the nearest first; "Copy 3 times" takes the good ones and
// names the contact's time and zone with the rep's beside it. The contact's hours are a setting.
// One browser per language; screenshots at 1024×768 and 1440×900.
import type { Locator, Page } from '@playwright/test';
import { launchWithExtension } from '../browser';
import { accessibilityViolations, expect, openOptions, PopupPage, RecordPanel, recordUrl, sandbox, SEED, snap, test } from './fixtures';

const rep = SEED.users.rep;
const oliver = { id: SEED.contacts.oliverBennett.id, name: String(SEED.contacts.oliverBennett.Full_Name) };
const ann = { id: SEED.contacts.annCarter.id, name: String(SEED.contacts.annCarter.Full_Name) };
const SIZES = [
  { width: 1024, height: 768 },
  { width: 1440, height: 900 },
] as const;

const WORDS = {
  en: {
    connect: 'Connect Zoho account',
    connected: 'Connected',
    copy3: 'Copy 3 times',
    copied: 'Copied',
    showAll: /^Show all times \(\d+ more\)$/,
    showGood: 'Show only times that suit both',
    introBoth: 'Would any of these times work for you? (Your time first, mine in brackets.)',
    noOverlap: `None of your free times falls in ${ann.name}’s working day`,
    outside: `outside ${ann.name}’s working day`,
    goodFirst: `Shown: times inside your working day and ${oliver.name}’s`,
  },
  de: {
    connect: 'Zoho-Konto verbinden',
    connected: 'Verbunden',
    copy3: '3 Zeiten kopieren',
    copied: 'Kopiert',
    showAll: /^Alle Zeiten zeigen \(\d+ weitere\)$/,
    showGood: 'Nur Zeiten zeigen, die beiden passen',
    introBoth: 'Passt Ihnen einer dieser Termine? (Zuerst Ihre Zeit, in Klammern meine.)',
    noOverlap: `Keine Ihrer freien Zeiten liegt im Arbeitstag von ${ann.name}`,
    outside: `außerhalb des Arbeitstags von ${ann.name}`,
    goodFirst: `Gezeigt: Zeiten in Ihrem Arbeitstag und dem von ${oliver.name}`,
  },
} as const;

/** ICU writes narrow no-break spaces before AM/PM and around dashes; Chromium's and Node's may differ. */
const spaces = (text: string | null) => (text ?? '').replace(/[\u202f\u00a0\u2009]/g, ' ').trim();

/** Minutes after midnight of an instant's wall time in `timeZone` (read by Intl, as a person would). */
function wallMinutes(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return get('hour') * 60 + get('minute');
}
const weekday = (ms: number, timeZone: string) => new Intl.DateTimeFormat('en', { weekday: 'short', timeZone }).format(ms);

interface ShownSlot {
  start: number;
  end: number;
  fit: string | null;
  rep: string;
  theirs: string;
  outsideMark: boolean;
}

async function shownSlots(scheduling: Locator): Promise<ShownSlot[]> {
  return scheduling.getByTestId('sched-slot').evaluateAll((nodes) =>
    nodes.map((node) => ({
      start: Date.parse(node.getAttribute('data-start')!),
      end: Date.parse(node.getAttribute('data-end')!),
      fit: node.getAttribute('data-fit'),
      rep: node.querySelector('[data-testid="slot-rep-time"]')?.textContent ?? '',
      // The contact's time alone: the element's own text, without the mark and the weekday.
      theirs: [...(node.querySelector('[data-testid="slot-contact-time"]')?.childNodes ?? [])]
        .filter((child) => child.nodeType === Node.TEXT_NODE)
        .map((child) => child.textContent)
        .join(''),
      outsideMark: node.querySelector('[data-testid="slot-outside"]') !== null,
    })),
  );
}

/** Inside the contact's day: Monday to Friday, [09:00, 17:00] in their zone. */
const insideDay = (slot: ShownSlot, timeZone: string) =>
  !['Sat', 'Sun'].includes(weekday(slot.start, timeZone)) && wallMinutes(slot.start, timeZone) >= 9 * 60 && wallMinutes(slot.end, timeZone) <= 17 * 60 && wallMinutes(slot.end, timeZone) > wallMinutes(slot.start, timeZone);

/** Resizes the page and waits for the panel's frame to be docked to the new size before a screenshot. */
async function resize(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  await expect
    .poll(async () => {
      const box = await new RecordPanel(page).frame.boundingBox();
      return box ? Math.round(box.x + box.width) === size.width && Math.round(box.y + box.height) >= size.height - 1 : false;
    })
    .toBe(true);
}

async function copyThree(page: Page, scheduling: Locator, words: (typeof WORDS)[keyof typeof WORDS]): Promise<string[]> {
  await scheduling.getByRole('button', { name: words.copy3 }).click();
  await expect(scheduling.getByTestId('sched-copy-status')).toContainText(words.copied);
  const lines = spaces(await page.evaluate(() => navigator.clipboard.readText())).split('\n');
  expect(lines[0]).toBe(words.introBoth);
  expect(lines.slice(1)).toHaveLength(3);
  return lines.slice(1);
}

/** Each copied line names a shown good slot: the contact's time with their zone, the rep's in brackets. */
function expectLinesFrom(lines: string[], good: ShownSlot[], theirZone: RegExp) {
  const used = new Set<number>();
  for (const line of lines) {
    const slot = good.find((candidate) => !used.has(candidate.start) && line.includes(`${spaces(candidate.theirs)} `) && line.includes(`${spaces(candidate.rep)} GMT+5:30)`));
    expect(slot, `${line} is one of the good times`).toBeDefined();
    used.add(slot!.start);
    expect(line).toMatch(theirZone);
    expect(line).toMatch(/^• .+ \(.+GMT\+5:30\)$/);
  }
  // Three different days where there are three.
  expect(new Set([...used].map((ms) => new Date(ms).toISOString().slice(0, 10))).size).toBe(3);
}

test.setTimeout(85_000);

for (const [language, words] of Object.entries(WORDS)) {
  test(`${language}: Kolkata rep — London contact first inside both days, Los Angeles contact told there is no overlap; copy 3 names both times`, async () => {
    await sandbox.reset();
    const { context, extensionId } = await launchWithExtension({ language });
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      const popupPage = await context.newPage();
      const popup = new PopupPage(popupPage, extensionId);
      await popupPage.goto(`chrome-extension://${extensionId}/popup.html`);
      await sandbox.config({ signedInUserId: rep.id });
      const consentOpened = context.waitForEvent('page');
      await popupPage.getByRole('button', { name: words.connect }).click();
      const consent = await consentOpened;
      await consent.getByRole('button', { name: 'Accept' }).click();
      await expect(popup.state).toHaveText(words.connected);
      expect(rep.time_zone).toBe('Asia/Kolkata');

      // Oliver in London: his 9:00–17:00 is 14:30–22:30 in Kolkata, the end of Priya's working day.
      const page = await context.newPage();
      await page.setViewportSize(SIZES[0]);
      await page.goto(recordUrl('Contacts', oliver.id));
      const scheduling = new RecordPanel(page).root.getByTestId('scheduling');
      await expect(scheduling.getByTestId('sched-slot').first()).toBeVisible({ timeout: 20_000 });
      await expect(scheduling.getByTestId('sched-fit-note')).toContainText(words.goodFirst);
      await expect(scheduling.getByTestId('sched-no-overlap')).toHaveCount(0);
      const good = await shownSlots(scheduling);
      expect(good.length).toBeGreaterThan(2);
      for (const slot of good) {
        expect(slot.fit).toBe('inside');
        expect(slot.outsideMark).toBe(false);
        expect(insideDay(slot, 'Europe/London'), new Date(slot.start).toISOString()).toBe(true);
      }
      expect(good.map((slot) => slot.start)).toEqual([...good.map((slot) => slot.start)].sort((a, b) => a - b));
      for (const size of SIZES) {
        await resize(page, size);
        await snap(page, `day-times-${language}-${size.width}`);
      }

      // "Show all times", by keyboard: the rest appear, marked, in time order; and back.
      const toggle = scheduling.getByTestId('sched-show-all');
      await expect(toggle).toHaveText(words.showAll);
      await expect(toggle).toHaveAttribute('aria-expanded', 'false');
      await toggle.focus();
      await page.keyboard.press('Enter');
      await expect(toggle).toHaveAttribute('aria-expanded', 'true');
      await expect(toggle).toHaveText(words.showGood);
      await expect(toggle).toBeFocused();
      const all = await shownSlots(scheduling);
      expect(all.length).toBeGreaterThan(good.length);
      for (const slot of all) {
        expect(slot.fit === 'inside', new Date(slot.start).toISOString()).toBe(insideDay(slot, 'Europe/London'));
        expect(slot.outsideMark).toBe(slot.fit !== 'inside');
      }
      const before = all.find((slot) => slot.fit === 'before');
      expect(before, 'a morning slot before London wakes up').toBeDefined();
      const label = spaces(await scheduling.locator(`[data-testid="sched-slot"][data-start]`).filter({ has: page.getByTestId('slot-outside') }).first().getAttribute('aria-label'));
      expect(label).toContain(language === 'en' ? `before ${oliver.name}’s working day` : `vor dem Arbeitstag von ${oliver.name}`);
      await resize(page, SIZES[0]);
      await snap(page, `day-times-all-${language}-1024`);
      expect(await accessibilityViolations(page, 'stagecoach-panel')).toEqual([]);
      await page.keyboard.press('Space');
      await expect(toggle).toHaveAttribute('aria-expanded', 'false');
      await expect(scheduling.getByTestId('sched-slot')).toHaveCount(good.length);

      // Copy 3: from the good ones, one a day, London time and zone first, Kolkata's in brackets.
      expectLinesFrom(await copyThree(page, scheduling, words), good, /GMT|BST|MEZ|WEZ|UTC/);

      // Ann in Los Angeles: no overlap; the panel says so and puts the nearest first (her evening,
      // never her small hours), marked; copy 3 takes those and names both times.
      await page.goto(recordUrl('Contacts', ann.id));
      await expect(scheduling.getByTestId('sched-no-overlap')).toBeVisible({ timeout: 20_000 });
      await expect(scheduling.getByTestId('sched-no-overlap')).toContainText(words.noOverlap);
      await expect(scheduling.getByTestId('sched-no-overlap')).toContainText(words.outside);
      await expect(scheduling.getByTestId('sched-slot').first()).toBeVisible();
      const nearest = await shownSlots(scheduling);
      expect(nearest.length).toBeGreaterThan(2);
      expect(nearest.length).toBeLessThanOrEqual(6);
      for (const slot of nearest) {
        expect(slot.fit).not.toBe('inside');
        expect(slot.outsideMark).toBe(true);
        // Kolkata 9:00–10:00 is 7:30–9:30 PM in Los Angeles (PST), the evening after her day.
        const theirs = wallMinutes(slot.start, 'America/Los_Angeles');
        expect(theirs, new Date(slot.start).toISOString()).toBeGreaterThanOrEqual(17 * 60);
        expect(theirs).toBeLessThan(22 * 60);
      }
      for (const size of SIZES) {
        await resize(page, size);
        await snap(page, `day-times-none-${language}-${size.width}`);
      }
      const lines = await copyThree(page, scheduling, words);
      expectLinesFrom(lines, nearest, /PST|PDT|GMT-8|GMT-7/);
      for (const line of lines) expect(line).not.toMatch(/\b(12|1|2|3|4|5):\d\d AM P[SD]T\b/);
      expect(await accessibilityViolations(page, 'stagecoach-panel')).toEqual([]);

      if (language === 'en') {
        // The contact's hours are a setting (options, "The contact's hours"): with 07:00–19:00
        // Oliver's day starts at 12:30 in Kolkata, so more of Priya's free times fit.
        const options = await context.newPage();
        await openOptions(options, extensionId);
        const hours = options.getByTestId('contact-hours');
        await hours.getByLabel('The contact’s day starts').fill('07:00');
        await hours.getByLabel('The contact’s day ends').fill('19:00');
        await snap(hours, 'day-times-options-en');
        await options.getByRole('button', { name: 'Save', exact: true }).click();
        await expect(options.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
        await options.close();
        await page.goto(recordUrl('Contacts', oliver.id));
        await expect(scheduling.getByTestId('sched-slot').first()).toBeVisible({ timeout: 20_000 });
        await expect(scheduling.getByTestId('sched-fit-note')).toContainText('(7:00 AM–7:00 PM, Mon–Fri, London time)');
        await scheduling.getByTestId('sched-show-all').click();
        const wider = await shownSlots(scheduling);
        // The same free times; more of them inside his day now, among them ones before 9:00 his time.
        expect(wider.map((slot) => slot.start)).toEqual(all.map((slot) => slot.start));
        expect(wider.filter((slot) => slot.fit === 'inside').length).toBeGreaterThan(all.filter((slot) => slot.fit === 'inside').length);
        expect(wider.some((slot) => slot.fit === 'inside' && wallMinutes(slot.start, 'Europe/London') < 9 * 60)).toBe(true);
      }
    } finally {
      await context.close();
    }
  });
}
