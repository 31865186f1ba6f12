// Playwright fixtures: a fresh Chromium profile with the sandbox build of the extension, a reset
// sandbox, and page objects for the popup, Zoho's consent page and the record panel.
import { test as base, expect, type BrowserContext, type Frame, type FrameLocator, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { recordPageUrl } from '../../lib/zoho/url';
import { SEED } from '../../sandbox/seed';
import { launchWithExtension } from '../browser';
import { sandbox, settle } from './sandbox-control';

export { expect, SEED, sandbox, settle };

export const ARTIFACTS = new URL('../artifacts/', import.meta.url);
mkdirSync(ARTIFACTS, { recursive: true });

export const ORG = SEED.org.zgid as string;

export function recordUrl(module: 'Contacts' | 'Leads' | 'Deals' | 'Accounts', recordId: string, orgId: string | null = ORG): string {
  const url = recordPageUrl(sandbox.origin, { module, recordId, orgId });
  if (!url) throw new Error(`No page URL for ${module}/${recordId}`);
  return url;
}

export class PopupPage {
  constructor(
    readonly page: Page,
    private readonly extensionId: string,
  ) {}
  async open() {
    await this.page.goto(`chrome-extension://${this.extensionId}/popup.html`);
    await expect(this.page.getByRole('heading', { name: 'Stagecoach' })).toBeVisible();
  }
  get connectButton(): Locator {
    return this.page.getByRole('button', { name: /Connect Zoho account|Reconnect/ });
  }
  get state(): Locator {
    return this.page.locator('#state');
  }
  get alert(): Locator {
    return this.page.getByRole('alert');
  }
  /** Clicks Connect and returns Zoho's consent window. */
  async startConnect(): Promise<Page> {
    const authWindow = this.page.context().waitForEvent('page');
    await this.connectButton.click();
    const consent = await authWindow;
    await consent.waitForLoadState('domcontentloaded');
    return consent;
  }
  async connect(): Promise<void> {
    const consent = await this.startConnect();
    await consent.getByRole('button', { name: 'Accept' }).click();
    await expect(this.state).toHaveText('Connected');
  }
  /** Connects as one of the seeded users (the consent page preselects the sandbox's signed-in user). */
  async connectAs(user: keyof typeof SEED.users): Promise<void> {
    await sandbox.config({ signedInUserId: SEED.users[user].id });
    await this.connect();
  }
  /** Reads a runtime message's answer as the popup would get it. */
  send(message: unknown): Promise<unknown> {
    return this.page.evaluate((m) => chrome.runtime.sendMessage(m), message);
  }
}

/**
 * Connects as a seeded user from the popup of a browser in any language (`connect` is the
 * button's name there, `connected` the state it then shows); returns the popup's page.
 */
export async function connectIn(context: BrowserContext, extensionId: string, words: { connect: string; connected: string }, user: keyof typeof SEED.users = 'rep'): Promise<Page> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await sandbox.config({ signedInUserId: SEED.users[user].id });
  const consentWindow = context.waitForEvent('page');
  await popup.getByRole('button', { name: words.connect }).click();
  const consent = await consentWindow;
  await consent.getByRole('button', { name: 'Accept' }).click();
  await expect(popup.locator('#state')).toHaveText(words.connected);
  return popup;
}

/** The panel's frame on a Zoho page (an extension page; entrypoints/zoho.content puts it there). */
export const PANEL_FRAME = 'iframe#stagecoach-panel';

/** Inside the panel's frame. */
export function panelFrame(page: Page): FrameLocator {
  return page.frameLocator(PANEL_FRAME);
}

export class RecordPanel {
  constructor(readonly page: Page) {}
  /** Everything the panel shows: its frame's document. */
  get root(): Locator {
    return panelFrame(this.page).locator('body');
  }
  get region(): Locator {
    return panelFrame(this.page).getByRole('complementary', { name: 'Stagecoach panel for this record' });
  }
  /** The frame element on Zoho's page. */
  get frame(): Locator {
    return this.page.locator(PANEL_FRAME);
  }
  /** The frame's document, to run code in (as only the extension's own code could). */
  async document(): Promise<Frame> {
    const frame = await (await this.frame.elementHandle())?.contentFrame();
    if (!frame) throw new Error('No panel frame.');
    return frame;
  }
  get name(): Locator {
    return this.root.getByTestId('record-name');
  }
  get owner(): Locator {
    return this.root.getByTestId('record-owner');
  }
}

/**
 * The panel's frame on a record page, to send requests from as only the panel may (record reads
 * and writes; the popup may not).
 */
export async function openPanelFrame(context: BrowserContext, url = recordUrl('Contacts', SEED.primary.contactId)): Promise<Frame> {
  const page = await context.newPage();
  await page.goto(url);
  const panel = new RecordPanel(page);
  await expect(panel.region).toBeVisible();
  return panel.document();
}

type Fixtures = {
  context: BrowserContext;
  extensionId: string;
  popup: PopupPage;
};

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  context: async ({}, use) => {
    await sandbox.reset();
    const { context, extensionId } = await launchWithExtension();
    (context as BrowserContext & { extensionId?: string }).extensionId = extensionId;
    await use(context);
    await context.close();
  },
  extensionId: async ({ context }, use) => {
    await use((context as BrowserContext & { extensionId?: string }).extensionId!);
  },
  popup: async ({ context, extensionId }, use) => {
    const popup = new PopupPage(await context.newPage(), extensionId);
    await popup.open();
    await use(popup);
  },
});

/** The options page, once its form is there. */
export async function openOptions(page: Page, extensionId: string): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.getByRole('heading', { level: 1, name: 'Stagecoach settings' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeVisible();
}

/** Saves a screenshot under tests/artifacts/ for a person to look at. */
export async function snap(target: Page | Locator, name: string): Promise<void> {
  await target.screenshot({ path: new URL(`${name}.png`, ARTIFACTS).pathname });
}

/**
 * WCAG A/AA violations axe finds in the page (or in `include`), as readable lines. `'stagecoach-panel'`
 * (the panel) is its frame: axe goes into it.
 */
export async function accessibilityViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (include) builder = builder.include(include === 'stagecoach-panel' ? PANEL_FRAME : include);
  const { violations } = await builder.analyze();
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
