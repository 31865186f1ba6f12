import { describe, expect, it } from 'vitest';
import { StagecoachError } from '../errors';
import { PANEL_PAGE_PATH, panelPageRefusal } from '../panel';
import { REQUESTS, type AllHandlers as Handlers } from '../requests';
import { CANCEL } from './define';
import { createRouter } from './router';

const ORG = '20104578';
let connectedOrg: string | null = ORG;
const self = {
  extensionId: 'ours',
  extensionUrl: 'chrome-extension://ours/',
  panelPath: PANEL_PAGE_PATH,
  panelPageRefusal: async (url: string) => panelPageRefusal(url, 'chrome-extension://ours/', connectedOrg),
};
const popup = { id: 'ours', url: 'chrome-extension://ours/popup.html' };
const options = { id: 'ours', url: 'chrome-extension://ours/options.html#connection' };
const welcome = { id: 'ours', url: 'chrome-extension://ours/welcome.html' };
const zohoPage = (org: string, host = 'crm.zoho.com') => `https://${host}/crm/${org}/tab/Contacts/5725767000000458001`;
/** The panel: panel.html framed on a Zoho record page, its address naming that page. */
const panelOn = (pageUrl: string) => ({ id: 'ours', url: `chrome-extension://ours/panel.html?${new URLSearchParams({ page: pageUrl })}`, tab: { id: 3 }, frameId: 7 });
const panel = panelOn(zohoPage(`org${ORG}`));
const contentScript = { id: 'ours', url: zohoPage(`org${ORG}`), tab: { id: 3 }, frameId: 0 };

const calls: string[] = [];
const unused = async () => {
  throw new StagecoachError('internal', 'unused');
};
// The handlers these tests reach; any other answers "unused" (the router is what is tested).
const partial: Partial<Handlers> = {
  status: async () => (calls.push('status'), { state: 'disconnected', sandbox: false }),
  connect: async () => {
    throw new StagecoachError('auth_denied');
  },
  disconnect: async () => (calls.push('disconnect'), { revoked: true }),
  getRecord: async ({ module, recordId }) => (calls.push('getRecord'), { value: { module, id: recordId, name: 'Ann', owner: null }, fetchedAt: 1, stale: false }),
  askAi: async () => {
    calls.push('askAi');
    return unused();
  },
  getSettings: async () => {
    calls.push('getSettings');
    return unused();
  },
  syncStatus: async () => {
    calls.push('syncStatus');
    return unused();
  },
  outboxDiscard: async () => (calls.push('discard'), { discarded: true }),
  saveSettings: async () => {
    calls.push('saveSettings');
    return unused();
  },
};
const handlers = new Proxy(partial, { get: (target, key: string) => target[key as keyof Handlers] ?? unused }) as Handlers;
const route = createRouter(REQUESTS, handlers, self);

describe('router', () => {
  it('answers a valid request', async () => {
    expect(await route({ type: 'getRecord', data: { module: 'Deals', recordId: '4876876000000431001' } }, panel)).toEqual({
      ok: true,
      value: { value: { module: 'Deals', id: '4876876000000431001', name: 'Ann', owner: null }, fetchedAt: 1, stale: false },
    });
  });

  it.each([
    ['another extension', { type: 'status', data: {} }, { id: 'other', url: 'chrome-extension://other/x.html' }, 'forbidden_sender'],
    ['no sender id', { type: 'status', data: {} }, { url: 'https://evil.example' }, 'forbidden_sender'],
    ['a content script asking to disconnect', { type: 'disconnect', data: {} }, contentScript, 'forbidden_sender'],
    ['a spoofed-looking page url', { type: 'disconnect', data: {} }, { id: 'ours', url: 'chrome-extension://ours.evil/' }, 'forbidden_sender'],
    ['not an object', 'disconnect', popup, 'bad_message'],
    ['null', null, popup, 'bad_message'],
    ['extra envelope keys', { type: 'status', data: {}, token: 'x' }, popup, 'bad_message'],
    ['unknown type', { type: 'getAccessToken', data: {} }, popup, 'bad_message'],
    ['prototype key as type', { type: 'constructor', data: {} }, popup, 'bad_message'],
    ['bad module', { type: 'getRecord', data: { module: 'Users', recordId: '1' } }, panel, 'bad_message'],
    ['bad id', { type: 'getRecord', data: { module: 'Contacts', recordId: '1; DROP' } }, panel, 'bad_message'],
    ['extra payload keys', { type: 'status', data: { x: 1 } }, popup, 'bad_message'],
    ['a content script discarding a queued write', { type: 'outboxDiscard', data: { key: 'abcdef12-0000' } }, contentScript, 'forbidden_sender'],
    ['a content script changing settings', { type: 'saveSettings', data: { patch: { features: { booking: true } } } }, contentScript, 'forbidden_sender'],
    ['settings that are not an object', { type: 'saveSettings', data: { patch: 'booking=true' } }, popup, 'bad_message'],
    ['an empty note', { type: 'addNote', data: { module: 'Contacts', recordId: '1', content: '   ' } }, panel, 'bad_message'],
    // Issue 11 finding 4: a content script runs inside Zoho's page and needs nothing from here.
    ['a content script connecting (re-runs the sign-in, replaces the grant)', { type: 'connect', data: {} }, contentScript, 'forbidden_sender'],
    ['a content script asking the AI about any deal', { type: 'askAi', data: { dealId: '4876876000000431001', requestHash: 'a'.repeat(64) } }, contentScript, 'forbidden_sender'],
    ['a content script reading the settings', { type: 'getSettings', data: {} }, contentScript, 'forbidden_sender'],
    ['a content script reading the sync state (names and emails)', { type: 'syncStatus', data: {} }, contentScript, 'forbidden_sender'],
    ['a content script reading a cached record', { type: 'getRecord', data: { module: 'Contacts', recordId: '1', cacheOnly: true } }, contentScript, 'forbidden_sender'],
    ['a content script asking the status', { type: 'status', data: {} }, contentScript, 'forbidden_sender'],
    ['a content script cancelling a request', { type: CANCEL, data: { id: 'req-00000001' } }, contentScript, 'forbidden_sender'],
    // The panel, framed in Zoho: never the connection or the settings.
    ['the panel connecting', { type: 'connect', data: {} }, panel, 'forbidden_sender'],
    ['the panel disconnecting', { type: 'disconnect', data: {} }, panel, 'forbidden_sender'],
    ['the panel changing settings', { type: 'saveSettings', data: { patch: {} } }, panel, 'forbidden_sender'],
    ['the panel discarding a queued write', { type: 'outboxDiscard', data: { key: 'abcdef12-0000' } }, panel, 'forbidden_sender'],
    // Its record requests: only for a record page of the connected org.
    ['the panel on another org’s page', { type: 'getRecord', data: { module: 'Contacts', recordId: '1' } }, panelOn(zohoPage('org99999999')), 'forbidden_sender'],
    ['the panel on a CRM sandbox org’s page', { type: 'getRecord', data: { module: 'Contacts', recordId: '1' } }, panelOn(zohoPage('acmesandbox', 'crmsandbox.zoho.com')), 'forbidden_sender'],
    ['the panel for no record page', { type: 'getRecord', data: { module: 'Contacts', recordId: '1' } }, panelOn('https://crm.zoho.com/crm/org1/settings'), 'forbidden_sender'],
    ['the panel with no page', { type: 'getRecord', data: { module: 'Contacts', recordId: '1' } }, { ...panel, url: 'chrome-extension://ours/panel.html' }, 'forbidden_sender'],
    ['panel.html as a tab’s top page', { type: 'getRecord', data: { module: 'Contacts', recordId: '1' } }, { ...panel, frameId: 0 }, 'forbidden_sender'],
    ['the panel asking the AI on another org’s deal', { type: 'askAi', data: { dealId: '1', requestHash: 'a'.repeat(64) } }, panelOn(zohoPage('org99999999')), 'forbidden_sender'],
    ['the settings pages reading a record (no panel there)', { type: 'getRecord', data: { module: 'Contacts', recordId: '1' } }, popup, 'forbidden_sender'],
    ['another extension page of ours', { type: 'status', data: {} }, { id: 'ours', url: 'chrome-extension://ours/other.html' }, 'forbidden_sender'],
  ])('refuses %s', async (_name, message, sender, code) => {
    calls.length = 0;
    const reply = await route(message, sender);
    expect(reply).toEqual({ ok: false, error: expect.objectContaining({ code }) });
    expect(calls).toEqual([]);
  });

  it('lets an extension page disconnect', async () => {
    expect(await route({ type: 'disconnect', data: {} }, popup)).toEqual({ ok: true, value: { revoked: true } });
  });

  it.each([['popup', popup], ['options', options], ['welcome', welcome], ['panel', panel]])('answers the status to the %s', async (_name, sender) => {
    expect(await route({ type: 'status', data: {} }, sender)).toEqual({ ok: true, value: { state: 'disconnected', sandbox: false } });
  });

  it('lets the panel read its record on a page of the connected org, in any data centre and in Zoho One, and where the page names no org', async () => {
    for (const sender of [panel, panelOn(zohoPage(`org${ORG}`, 'crm.zoho.eu')), panelOn(`https://one.zoho.com/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Leads/1`), panelOn('https://crm.zoho.com/crm/tab/Contacts/1')]) {
      calls.length = 0;
      expect(await route({ type: 'getRecord', data: { module: 'Contacts', recordId: '1' } }, sender), sender.url).toEqual(expect.objectContaining({ ok: true }));
      expect(calls).toEqual(['getRecord']);
    }
  });

  it('leaves a panel’s record request to its handler while no org is connected (it answers not connected)', async () => {
    connectedOrg = null;
    try {
      expect(await route({ type: 'getRecord', data: { module: 'Contacts', recordId: '1' } }, panelOn(zohoPage('org99999999')))).toEqual(expect.objectContaining({ ok: true }));
    } finally {
      connectedOrg = ORG;
    }
  });

  it('turns a handler failure into a typed error with its action', async () => {
    expect(await route({ type: 'connect', data: {} }, popup)).toEqual({ ok: false, error: { code: 'auth_denied', action: 'retry' } });
  });

  it('aborts a running request when its sender cancels it, and ignores a cancel for nothing', async () => {
    let seen: AbortSignal | undefined;
    const slow = createRouter(REQUESTS, new Proxy({ ...partial, freeSlots: (_data, { signal }) => {
      seen = signal;
      return new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
    } } as Partial<Handlers>, { get: (target, key: string) => target[key as keyof Handlers] ?? unused }) as Handlers, self);
    const reply = slow({ type: 'freeSlots', data: { module: 'Contacts', recordId: '1' }, id: 'req-00000001' }, panel);
    expect(await slow({ type: CANCEL, data: { id: 'req-00000002' } }, panel)).toEqual({ ok: true, value: null });
    await Promise.resolve();
    expect(seen?.aborted).toBe(false);
    expect(await slow({ type: CANCEL, data: { id: 'req-00000001' } }, panel)).toEqual({ ok: true, value: null });
    expect(seen?.aborted).toBe(true);
    expect(await reply).toEqual({ ok: false, error: expect.objectContaining({ code: 'cancelled' }) });
  });

  it('answers a panel’s record request with the read started early for its page, only after the panel’s checks', async () => {
    const asked: string[] = [];
    const early = async (type: string, data: unknown) => (asked.push(`${type} ${JSON.stringify(data)}`), type === 'freeSlots' ? { value: 'early answer' } : null);
    const withEarly = createRouter(REQUESTS, handlers, { ...self, early });
    calls.length = 0;
    expect(await withEarly({ type: 'freeSlots', data: { module: 'Contacts', recordId: '1' } }, panel)).toEqual({ ok: true, value: 'early answer' });
    // None started: the handler runs.
    expect(await withEarly({ type: 'getRecord', data: { module: 'Contacts', recordId: '1' } }, panel)).toEqual(expect.objectContaining({ ok: true }));
    expect(calls).toEqual(['getRecord']);
    // Refused senders and bad input never reach it; nor does a request that is not a record read's.
    expect(await withEarly({ type: 'freeSlots', data: { module: 'Contacts', recordId: '1' } }, panelOn(zohoPage('org99999999')))).toEqual(expect.objectContaining({ ok: false }));
    expect(await withEarly({ type: 'freeSlots', data: { module: 'Contacts', recordId: '1' } }, contentScript)).toEqual(expect.objectContaining({ ok: false }));
    expect(await withEarly({ type: 'freeSlots', data: { module: 'Contacts', recordId: 'x' } }, panel)).toEqual(expect.objectContaining({ ok: false }));
    await withEarly({ type: 'status', data: {} }, panel);
    expect(asked).toEqual(['freeSlots {"module":"Contacts","recordId":"1"}', 'getRecord {"module":"Contacts","recordId":"1"}']);
  });

  it('tells the handler which of our pages sent the request', async () => {
    const seen: unknown[] = [];
    const telling = createRouter(REQUESTS, { ...handlers, getSettings: async (_data: unknown, context: { from?: string }) => (seen.push(context.from), null) } as unknown as Handlers, self);
    await telling({ type: 'getSettings', data: {} }, panel);
    await telling({ type: 'getSettings', data: {} }, options);
    expect(seen).toEqual(['panel', 'settingsPage']);
  });

  it('refuses a cancel from another extension', async () => {
    expect(await route({ type: CANCEL, data: { id: 'req-00000001' } }, { id: 'other' })).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden_sender' }) });
  });
});
