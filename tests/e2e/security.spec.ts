// The background's door: messages not from this extension, malformed ones, and any from a content
// script are refused with a typed error, and nothing changes. The panel's frame: Zoho's own page
// scripts cannot read it or click in it, and Approve, Book and Ask the model act only on what a
// person did.
import type { BrowserContext, Page } from '@playwright/test';
import { expect, type PopupPage, RecordPanel, recordUrl, sandbox, SEED, test } from './fixtures';

test('a web page cannot reach the background, and a malformed message gets a typed error', async ({ context, popup, extensionId }) => {
  await popup.connect();
  const page = await context.newPage();
  await page.goto(recordUrl('Contacts', SEED.primary.contactId));
  await expect(new RecordPanel(page).name).toHaveText('Ann Carter');

  // The Zoho page itself (main world) tries every way in: runtime messaging to our id, and
  // window messages a careless content script might relay.
  const attempt = await page.evaluate(async (id) => {
    const w = window as unknown as { chrome?: { runtime?: { sendMessage?: (...args: unknown[]) => Promise<unknown> } } };
    window.postMessage({ type: 'disconnect', data: {} }, '*');
    if (!w.chrome?.runtime?.sendMessage) return 'no runtime messaging for web pages';
    try {
      return JSON.stringify(await w.chrome.runtime.sendMessage(id, { type: 'disconnect', data: {} }));
    } catch (error) {
      return `refused: ${String(error)}`;
    }
  }, extensionId);
  expect(attempt).toMatch(/no runtime messaging|refused/);

  // From an extension page: junk and unknown requests are answered with typed errors.
  expect(await popup.send('hello')).toEqual({ ok: false, error: expect.objectContaining({ code: 'bad_message' }) });
  expect(await popup.send({ type: 'getToken', data: {} })).toEqual({ ok: false, error: expect.objectContaining({ code: 'bad_message' }) });
  expect(await popup.send({ type: 'saveSettings', data: { patch: 'booking=true' } })).toEqual({
    ok: false,
    error: expect.objectContaining({ code: 'bad_message', detail: expect.stringContaining('patch') }),
  });
  // A record request is the panel's alone: from the popup it is refused before it is read.
  expect(await popup.send({ type: 'getRecord', data: { module: 'Contacts', recordId: '1 OR 1=1' } })).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden_sender' }) });

  // A content script (the extension's own code, but running inside Zoho's page) may not
  // disconnect: evaluated in the content script's isolated world through CDP.
  const cdp = await context.newCDPSession(page);
  const contexts: { id: number; name: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context: created }) => contexts.push(created));
  await cdp.send('Runtime.enable');
  const isolated = contexts.find((c) => c.auxData?.type === 'isolated');
  expect(isolated, 'the content script world').toBeTruthy();
  const fromContentScript = await cdp.send('Runtime.evaluate', {
    contextId: isolated!.id,
    expression: `chrome.runtime.sendMessage({ type: 'disconnect', data: {} })`,
    awaitPromise: true,
    returnByValue: true,
  });
  expect(fromContentScript.result.value).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden_sender' }) });
  // Nor anything else (issue 11 finding 4): it needs nothing from the background.
  for (const message of [
    { type: 'connect', data: {} },
    { type: 'getSettings', data: {} },
    { type: 'syncStatus', data: {} },
    { type: 'getRecord', data: { module: 'Contacts', recordId: SEED.primary.contactId, cacheOnly: true } },
    { type: 'askAi', data: { dealId: SEED.deals.acmeTelematics.id, requestHash: 'a'.repeat(64) } },
  ]) {
    const answer = await cdp.send('Runtime.evaluate', {
      contextId: isolated!.id,
      expression: `chrome.runtime.sendMessage(${JSON.stringify(message)})`,
      awaitPromise: true,
      returnByValue: true,
    });
    expect(answer.result.value, message.type).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden_sender' }) });
  }

  await popup.page.reload();
  await expect(popup.state).toHaveText('Connected');
});

/** Everything a script of Zoho's page (its main world) can try on the panel, and what it got. */
function pageScriptTries(page: Page) {
  return page.evaluate(() => {
    const tries: Record<string, string> = {};
    const attempt = (name: string, run: () => unknown) => {
      try {
        const value = run();
        tries[name] = value === null || value === undefined ? 'nothing' : typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
      } catch (error) {
        tries[name] = `threw ${(error as Error).name}`;
      }
    };
    const frame = document.querySelector<HTMLIFrameElement>('iframe#stagecoach-panel');
    attempt('frame', () => (frame ? 'found' : null));
    attempt('querySelector', () => document.querySelector('[data-testid="record-name"], [data-testid="suggestion-card"], [aria-label="Stagecoach panel for this record"]')?.textContent);
    attempt('shadowRoot', () => [...document.querySelectorAll('*')].find((element) => element.shadowRoot)?.shadowRoot?.textContent);
    attempt('contentDocument', () => frame?.contentDocument?.body.textContent);
    attempt('contentWindow.document', () => frame?.contentWindow?.document.body.textContent);
    attempt('frames[i].document', () => Array.from({ length: window.frames.length }, (_, i) => window.frames[i]!.document.body.textContent).join(''));
    attempt('frame address', () => frame?.contentWindow?.location.href);
    attempt('click Approve', () => {
      const approve = frame?.contentWindow?.document.querySelector('button');
      approve?.click();
      return approve ? 'clicked' : null;
    });
    // What it can do: post to the frame, and dispatch events on the frame element. Neither reaches in.
    attempt('postMessage', () => {
      const channel = new MessageChannel();
      frame?.contentWindow?.postMessage({ type: 'stagecoach:panel-port', secret: '', look: { open: false, theme: 'dark', scrollbar: 0, focusRequest: 0 } }, '*', [channel.port2]);
      return 'posted';
    });
    attempt('click the frame', () => {
      const box = frame!.getBoundingClientRect();
      frame!.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: box.x + 40, clientY: box.y + 200 }));
      return 'dispatched';
    });
    return tries;
  });
}

/** A manager on a deal with a suggested stage, its Approve button ready. */
async function dealAsManager(context: BrowserContext, popup: PopupPage) {
  await popup.connectAs('manager');
  const deal = SEED.deals.acmeTelematics;
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 1600 });
  await page.goto(recordUrl('Deals', deal.id));
  const panel = new RecordPanel(page);
  const card = panel.root.getByTestId('suggestion-card');
  await expect(card).toBeVisible();
  const approve = card.getByRole('button', { name: /^Approve: / });
  await expect(approve).toBeEnabled();
  return { deal, page, panel, card, approve };
}

test('Zoho’s page scripts cannot read the panel or click Approve in it', async ({ context, popup }) => {
  const { deal, page, panel, approve } = await dealAsManager(context, popup);

  const tries = await pageScriptTries(page);
  expect(tries).toEqual({
    frame: 'found',
    querySelector: 'nothing',
    shadowRoot: 'nothing',
    contentDocument: 'nothing',
    'contentWindow.document': 'threw SecurityError',
    'frames[i].document': 'threw SecurityError',
    'frame address': 'threw SecurityError',
    'click Approve': 'threw SecurityError',
    postMessage: 'posted',
    'click the frame': 'dispatched',
  });
  // Nothing changed: the stage is Zoho's as before, the card still waits, the panel keeps its look.
  await page.waitForTimeout(500);
  expect(String((await sandbox.record('Deals', deal.id)).Stage)).toBe(String(deal.Stage));
  await expect(approve).toBeEnabled();
  await expect(panel.root.getByTestId('decision-outcome')).toHaveCount(0);
  await expect(panel.region).toHaveAttribute('data-theme', 'light');
});

test('Approve, Ask the model and Book act only on a person’s click or key, not on a script’s', async ({ context, popup }) => {
  const { deal, page, panel, card, approve } = await dealAsManager(context, popup);

  // Even a script inside the frame (only the extension's own code could run there) gets nowhere:
  // a dispatched click and click() are untrusted events.
  const inside = await panel.document();
  const scripted = await inside.evaluate(() => {
    const buttons = [...document.querySelectorAll('button')].filter((button) => /^(Approve: |Ask the model)/.test(button.textContent ?? ''));
    for (const button of buttons) {
      button.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
      button.click();
    }
    return buttons.map((button) => button.textContent);
  });
  expect(scripted.some((text) => text?.startsWith('Approve: '))).toBe(true);
  await page.waitForTimeout(500);
  expect(String((await sandbox.record('Deals', deal.id)).Stage)).toBe(String(deal.Stage));
  await expect(panel.root.getByTestId('decision-outcome')).toHaveCount(0);

  // A person's click does it.
  const target = (await card.getByTestId('suggestion-target').textContent())!.trim();
  await approve.click();
  await expect(panel.root.getByTestId('decision-outcome')).toContainText(`Stage changed to ${target}`);
  expect(String((await sandbox.record('Deals', deal.id)).Stage)).toBe(target);

  // Book: the dialog opened by a person, its confirmation clicked and its form submitted by script.
  const contact = await context.newPage();
  await contact.goto(recordUrl('Contacts', SEED.contacts.annCarter.id));
  const contactPanel = new RecordPanel(contact);
  const slot = contactPanel.root.getByTestId('scheduling').getByTestId('sched-slot').first();
  await slot.click();
  const dialog = contactPanel.root.getByRole('dialog');
  await expect(dialog).toBeVisible();
  const title = `Scripted ${Date.now()}`;
  await dialog.getByLabel('Title').fill(title);
  await (await contactPanel.document()).evaluate(() => {
    const form = document.querySelector<HTMLFormElement>('[role="dialog"] form');
    const book = [...(form?.querySelectorAll('button') ?? [])].find((button) => button.textContent === 'Book meeting');
    book?.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    book?.click();
    form?.requestSubmit();
  });
  await contact.waitForTimeout(500);
  await expect(dialog).toBeVisible();
  expect(await sandbox.recordsContaining('Events', title)).toHaveLength(0);
  await dialog.getByRole('button', { name: 'Book meeting' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await sandbox.recordsContaining('Events', title)).length).toBe(1);
});
