// The background's door: messages not from this extension, malformed ones, and privileged ones
// from a content script are refused with a typed error, and nothing changes.
import { expect, recordUrl, SEED, test } from './fixtures';

test('a web page cannot reach the background, and a malformed message gets a typed error', async ({ context, popup, extensionId }) => {
  await popup.connect();
  const page = await context.newPage();
  await page.goto(recordUrl('Contacts', SEED.primary.contactId));
  await expect(page.locator('stagecoach-panel').getByTestId('record-name')).toHaveText('Ann Carter');

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
  expect(await popup.send({ type: 'getRecord', data: { module: 'Contacts', recordId: '1 OR 1=1' } })).toEqual({
    ok: false,
    error: expect.objectContaining({ code: 'bad_message', detail: expect.stringContaining('recordId') }),
  });

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

  await popup.page.reload();
  await expect(popup.state).toHaveText('Connected');
});
