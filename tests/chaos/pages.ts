// How the chaos harness reaches the extension: one small adapter, so where requests come from
// changes in one place. Panel requests go from the panel itself when the build frames it as an
// extension page (panel.html, on a Zoho record page of the connected org: the background accepts
// record requests only from there), else from the popup; requests only the extension's own pages
// may send (disconnect, outbox retry/discard) go from the popup, as its buttons would send them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Frame, Page } from '@playwright/test';
import { recordPageUrl } from '../../lib/zoho/url';
import { SEED } from '../../sandbox/seed';
import { SANDBOX_EXTENSION, SANDBOX_ORIGIN } from '../browser';

export interface Reply {
  ok: boolean;
  value?: unknown;
  error?: { code: string; reason?: string; zoho?: string; detail?: string };
}

/** Whether this build frames the panel as its own extension page. */
export function framedPanel(extensionPath = SANDBOX_EXTENSION): boolean {
  return existsSync(join(extensionPath, 'panel.html'));
}

/** The Zoho record page whose panel sends the harness's requests. */
const HOME = recordPageUrl(SANDBOX_ORIGIN, { module: 'Contacts', recordId: SEED.contacts.annCarter.id, orgId: String(SEED.org.zgid) })!;

export class ExtensionPages {
  private panelPage: Page | null = null;
  private zohoPage: Page | null = null;
  private popupPage: Page | null = null;

  constructor(
    private readonly context: BrowserContext,
    readonly extensionId: string,
    private readonly extensionPath = SANDBOX_EXTENSION,
  ) {}

  private async open(path: string): Promise<Page> {
    const page = await this.context.newPage();
    await page.goto(`chrome-extension://${this.extensionId}/${path}`);
    return page;
  }

  /** Where panel requests are sent from: the panel's frame on a Zoho record page, or the popup. */
  async panel(): Promise<Frame> {
    if (!framedPanel(this.extensionPath)) {
      if (!this.panelPage || this.panelPage.isClosed()) this.panelPage = await this.open('popup.html');
      return this.panelPage.mainFrame();
    }
    if (!this.zohoPage || this.zohoPage.isClosed()) {
      this.zohoPage = await this.context.newPage();
      await this.zohoPage.goto(HOME);
    }
    for (const end = Date.now() + 20_000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
      const frame = this.zohoPage.frames().find((f) => f.url().startsWith(`chrome-extension://${this.extensionId}/panel.html`) && !f.isDetached());
      if (frame) return frame;
    }
    throw new Error('The panel did not appear on the Zoho page.');
  }

  async popup(): Promise<Page> {
    if (!this.popupPage || this.popupPage.isClosed()) this.popupPage = await this.open('popup.html');
    return this.popupPage;
  }

  /** A request as the panel sends it; `undefined` when no answer came (the worker was stopped under it). */
  async send(type: string, data: unknown): Promise<Reply | undefined> {
    return sendFrom(await this.panel(), type, data);
  }

  /** A request only extension pages may send (the popup's buttons). */
  async sendFromPopup(type: string, data: unknown): Promise<Reply | undefined> {
    return sendFrom(await this.popup(), type, data);
  }

  /** Stops every service worker, as Chrome does an idle one (CDP on an extension page). */
  async stopServiceWorker(): Promise<void> {
    const page = await this.popup();
    const cdp = await this.context.newCDPSession(page);
    try {
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
    } finally {
      await cdp.detach().catch(() => {});
    }
  }

  /** Connects as the sandbox's signed-in user the way a person does: the popup's button, Zoho's consent page. */
  async connect(): Promise<void> {
    const popup = await this.popup();
    await popup.reload();
    const button = popup.getByRole('button', { name: /Connect Zoho account|Reconnect/ });
    await button.waitFor({ timeout: 15_000 });
    const consentOpened = this.context.waitForEvent('page', { timeout: 15_000 });
    await button.click();
    const consent = await consentOpened;
    await consent.waitForLoadState('domcontentloaded');
    await consent.getByRole('button', { name: 'Accept' }).click();
    await popup.locator('#state').filter({ hasText: 'Connected' }).waitFor({ timeout: 20_000 });
  }
}

async function sendFrom(page: Page | Frame, type: string, data: unknown): Promise<Reply | undefined> {
  try {
    return (await page.evaluate((message) => chrome.runtime.sendMessage(message), { type, data })) as Reply | undefined;
  } catch {
    // The message channel closed before an answer: the worker stopped under the request.
    return undefined;
  }
}
