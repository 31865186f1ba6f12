// The panel's look and place: docked beside the record without covering it down to 1024 px,
// light and dark (Zoho's night mode, else the system's), folded to a tab and remembered, shown
// and hidden by the keyboard shortcut. Screenshots of both themes at 1024 and 1440 px go to
// tests/screenshots/ for the README.
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { accessibilityViolations, expect, RecordPanel, recordUrl, SEED, test } from './fixtures';

const ann = SEED.contacts.annCarter;
const deal = SEED.deals.acmeTelematics;
const SHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

const DARK_BG = 'rgb(27, 31, 39)';
const LIGHT_BG = 'rgb(255, 255, 255)';

type Box = { x: number; y: number; width: number; height: number };

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The record's field on Zoho's page (the value, where the eye looks). */
function field(page: Page, apiName: string): Locator {
  return page.locator(`[data-zcrm-field="${apiName}"] dd`);
}

/** The panel's visible box: the open panel, or the tab it folds to. */
async function panelBox(panel: RecordPanel): Promise<Box> {
  const box = await panel.region.boundingBox();
  if (!box) throw new Error('The panel has no box.');
  return box;
}

/** Each field is on screen, inside the window, and clear of the panel. */
async function expectClearOfPanel(page: Page, panel: RecordPanel, apiNames: string[]): Promise<void> {
  const viewport = page.viewportSize()!;
  const panelAt = await panelBox(panel);
  for (const apiName of apiNames) {
    const value = field(page, apiName);
    await expect(value, apiName).toBeVisible();
    const box = (await value.boundingBox())!;
    expect(box.x, `${apiName} starts on screen`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${apiName} ends inside the window`).toBeLessThanOrEqual(viewport.width);
    expect(overlaps(box, panelAt), `${apiName} ${JSON.stringify(box)} is clear of the panel ${JSON.stringify(panelAt)}`).toBe(false);
  }
}

async function panelBackground(panel: RecordPanel): Promise<string> {
  return panel.region.evaluate((aside) => getComputedStyle(aside).backgroundColor);
}

/** Switches the sandbox's Zoho page to night mode (or back) from its top bar, without a reload. */
async function setNightMode(page: Page, night: boolean): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Night mode' });
  if ((await toggle.getAttribute('aria-pressed')) !== String(night)) await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', String(night));
}

async function openRecord(context: BrowserContext, url: string, size: { width: number; height: number }): Promise<{ page: Page; panel: RecordPanel }> {
  const page = await context.newPage();
  await page.setViewportSize(size);
  await page.goto(url);
  return { page, panel: new RecordPanel(page) };
}

test('at 1024 px the docked panel leaves the record readable: Email, Mobile, Account on a contact, Amount on a deal', async ({ context, popup }) => {
  await popup.connect();
  const { page, panel } = await openRecord(context, recordUrl('Contacts', ann.id), { width: 1024, height: 768 });
  await expect(panel.name).toHaveText('Ann Carter');
  await expect(panel.root.getByRole('button', { name: 'Collapse Stagecoach panel' })).toHaveAttribute('aria-expanded', 'true');
  // Docked: full height at the right edge, and the page gave it the room.
  const docked = await panelBox(panel);
  expect(docked.width).toBeGreaterThanOrEqual(300);
  expect(docked.y).toBe(0);
  await expectClearOfPanel(page, panel, ['Email', 'Mobile', 'Account_Name']);

  await page.locator(`a[data-zcrm-link][href*="/tab/Potentials/${deal.id}"]`).first().click();
  await expect(panel.root.getByTestId('stage-section')).toBeVisible();
  await expectClearOfPanel(page, panel, ['Amount', 'Stage', 'Expected_Revenue', 'Account_Name']);

  // Folded to a tab, the page has its full width back and the tab covers none of it either.
  await panel.root.getByRole('button', { name: 'Collapse Stagecoach panel' }).click();
  const tab = await panelBox(panel);
  expect(tab.width).toBeLessThan(48);
  expect(await page.evaluate(() => document.documentElement.hasAttribute('data-stagecoach-dock'))).toBe(false);
  await expectClearOfPanel(page, panel, ['Amount', 'Stage', 'Expected_Revenue', 'Account_Name']);
  expect(await accessibilityViolations(page, 'stagecoach-panel')).toEqual([]);
});

test('follows Zoho’s night mode without a reload, else the system’s theme; axe is clean in both', async ({ context, popup }) => {
  await popup.connect();
  const { page, panel } = await openRecord(context, recordUrl('Contacts', ann.id), { width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(panel.name).toHaveText('Ann Carter');
  await expect(panel.root.getByTestId('scheduling')).toBeVisible();
  await expect(panel.region).toHaveAttribute('data-theme', 'light');
  expect(await panelBackground(panel)).toBe(LIGHT_BG);
  expect(await accessibilityViolations(page, 'stagecoach-panel')).toEqual([]);

  await setNightMode(page, true);
  await expect(panel.region).toHaveAttribute('data-theme', 'dark');
  expect(await panelBackground(panel)).toBe(DARK_BG);
  expect(await accessibilityViolations(page, 'stagecoach-panel')).toEqual([]);

  // On a deal too (pipeline, suggestion card), in the dark.
  await page.locator(`a[data-zcrm-link][href*="/tab/Potentials/${deal.id}"]`).first().click();
  await expect(panel.root.getByTestId('stage-section')).toBeVisible();
  await expect(panel.region).toHaveAttribute('data-theme', 'dark');
  expect(await accessibilityViolations(page, 'stagecoach-panel')).toEqual([]);

  // Zoho back in its light theme: the page says nothing, so the system decides.
  await setNightMode(page, false);
  await expect(panel.region).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(panel.region).toHaveAttribute('data-theme', 'dark');
  expect(await accessibilityViolations(page, 'stagecoach-panel')).toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(panel.region).toHaveAttribute('data-theme', 'light');
  expect(await accessibilityViolations(page, 'stagecoach-panel')).toEqual([]);
});

test('a folded panel stays folded after a reload and in a new tab, drawn folded from its first frame', async ({ context, popup }) => {
  await popup.connect();
  // Records what the panel looked like in the first frame it was painted in (the init script runs
  // in every frame; the panel's is the extension page).
  await context.addInitScript(() => {
    if (location.protocol !== 'chrome-extension:') return;
    const seen = (window as unknown as { __firstPanel?: string }).__firstPanel;
    if (seen !== undefined) return;
    const look = () => {
      const aside = document.querySelector('aside');
      if (aside) (window as unknown as { __firstPanel?: string }).__firstPanel = aside.className;
      else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  const firstPanel = async (page: Page) => {
    const frame = page.frames().find((f) => f.url().includes('/panel.html'));
    return frame?.evaluate(() => (window as unknown as { __firstPanel?: string }).__firstPanel);
  };

  const { page, panel } = await openRecord(context, recordUrl('Contacts', ann.id), { width: 1280, height: 800 });
  await expect(panel.name).toHaveText('Ann Carter');
  expect(await firstPanel(page)).toBe('sc-theme panel');
  await panel.root.getByRole('button', { name: 'Collapse Stagecoach panel' }).click();
  await expect(panel.name).toBeHidden();

  await page.reload();
  const opener = panel.root.getByRole('button', { name: 'Open Stagecoach panel' });
  await expect(opener).toHaveAttribute('aria-expanded', 'false');
  await expect.poll(() => firstPanel(page)).toBe('sc-theme panel panel-collapsed');
  expect(await page.evaluate(() => document.documentElement.hasAttribute('data-stagecoach-dock'))).toBe(false);

  const other = await openRecord(context, recordUrl('Deals', deal.id), { width: 1280, height: 800 });
  await expect(other.panel.root.getByRole('button', { name: 'Open Stagecoach panel' })).toHaveAttribute('aria-expanded', 'false');
  await expect.poll(() => firstPanel(other.page)).toBe('sc-theme panel panel-collapsed');

  // Opened again, it is remembered open.
  await opener.click();
  await expect(panel.name).toHaveText('Ann Carter');
  await page.reload();
  await expect(panel.name).toHaveText('Ann Carter');
  await expect.poll(() => firstPanel(page)).toBe('sc-theme panel');
  expect(await page.evaluate(() => document.documentElement.hasAttribute('data-stagecoach-dock'))).toBe(true);
});

test('the keyboard shortcut shows and hides the panel (the background’s command handler, run in its service worker)', async ({ context, popup }) => {
  await popup.connect();
  const { page, panel } = await openRecord(context, recordUrl('Contacts', ann.id), { width: 1280, height: 800 });
  await expect(panel.name).toHaveText('Ann Carter');
  const [worker] = context.serviceWorkers();
  if (!worker) throw new Error('No service worker.');

  // The manifest declares the command with its suggested key; the user may change it.
  const commands = await worker.evaluate(() => chrome.commands.getAll());
  expect(commands).toContainEqual(expect.objectContaining({ name: 'toggle-panel', shortcut: 'Alt+Shift+S' }));

  // Playwright's key presses reach the page, not the browser's own shortcut handling, so the
  // test calls the handler the background registered with commands.onCommand, with the tab
  // Chrome would pass: it messages that tab's content script, which toggles the panel.
  const runCommand = () =>
    worker.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ url });
      await (globalThis as unknown as { stagecoachCommand: (command: string, tab?: chrome.tabs.Tab) => Promise<void> }).stagecoachCommand('toggle-panel', tab);
    }, page.url());

  await runCommand();
  const opener = panel.root.getByRole('button', { name: 'Open Stagecoach panel' });
  await expect(opener).toHaveAttribute('aria-expanded', 'false');
  await expect(panel.name).toBeHidden();
  // Focus goes to the panel's tab, so Enter opens it again from the keyboard.
  await expect(opener).toBeFocused();

  await runCommand();
  await expect(panel.name).toBeVisible();
  await expect(panel.root.getByRole('button', { name: 'Collapse Stagecoach panel' })).toBeFocused();

  // The shortcut's choice is remembered like the button's.
  await runCommand();
  await page.reload();
  await expect(panel.root.getByRole('button', { name: 'Open Stagecoach panel' })).toHaveAttribute('aria-expanded', 'false');

  // On a tab without the content script (no Zoho page), the command does nothing and fails nothing.
  await popup.page.bringToFront();
  await worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ url: `chrome-extension://${chrome.runtime.id}/popup.html` });
    await (globalThis as unknown as { stagecoachCommand: (command: string, tab?: chrome.tabs.Tab) => Promise<void> }).stagecoachCommand('toggle-panel', tab);
  });
});

for (const width of [1024, 1440]) {
  test(`screenshots: the panel in both themes at ${width} px`, async ({ context, popup }) => {
    await popup.connect();
    const { page, panel } = await openRecord(context, recordUrl('Contacts', ann.id), { width, height: 820 });
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(panel.name).toHaveText('Ann Carter');
    await expect(panel.root.getByTestId('scheduling').locator('.slot').first()).toBeVisible();
    await expectClearOfPanel(page, panel, ['Email', 'Mobile', 'Account_Name']);
    await page.screenshot({ path: `${SHOTS}look-light-${width}.png` });

    await setNightMode(page, true);
    await expect(panel.region).toHaveAttribute('data-theme', 'dark');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${SHOTS}look-dark-${width}.png` });
  });
}
