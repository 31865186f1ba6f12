import { describe, expect, it } from 'vitest';
import { StagecoachError } from '../errors';
import { REQUESTS, type AllHandlers as Handlers } from '../requests';
import { CANCEL } from './define';
import { createRouter } from './router';

const self = { extensionId: 'ours', extensionUrl: 'chrome-extension://ours/' };
const popup = { id: 'ours', url: 'chrome-extension://ours/popup.html' };
const contentScript = { id: 'ours', url: 'https://crm.zoho.com/crm/org1/tab/Contacts/1', tab: { id: 3 } };

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
  getRecord: async ({ module, recordId }) => ({ value: { module, id: recordId, name: 'Ann', owner: null }, fetchedAt: 1, stale: false }),
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
    expect(await route({ type: 'getRecord', data: { module: 'Deals', recordId: '4876876000000431001' } }, contentScript)).toEqual({
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
    ['bad module', { type: 'getRecord', data: { module: 'Users', recordId: '1' } }, popup, 'bad_message'],
    ['bad id', { type: 'getRecord', data: { module: 'Contacts', recordId: '1; DROP' } }, popup, 'bad_message'],
    ['extra payload keys', { type: 'status', data: { x: 1 } }, popup, 'bad_message'],
    ['a content script discarding a queued write', { type: 'outboxDiscard', data: { key: 'abcdef12-0000' } }, contentScript, 'forbidden_sender'],
    ['a content script changing settings', { type: 'saveSettings', data: { patch: { features: { booking: true } } } }, contentScript, 'forbidden_sender'],
    ['settings that are not an object', { type: 'saveSettings', data: { patch: 'booking=true' } }, popup, 'bad_message'],
    ['an empty note', { type: 'addNote', data: { module: 'Contacts', recordId: '1', content: '   ' } }, popup, 'bad_message'],
  ])('refuses %s', async (_name, message, sender, code) => {
    calls.length = 0;
    const reply = await route(message, sender);
    expect(reply).toEqual({ ok: false, error: expect.objectContaining({ code }) });
    expect(calls).toEqual([]);
  });

  it('lets an extension page disconnect', async () => {
    expect(await route({ type: 'disconnect', data: {} }, popup)).toEqual({ ok: true, value: { revoked: true } });
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
    const reply = slow({ type: 'freeSlots', data: { module: 'Contacts', recordId: '1' }, id: 'req-00000001' }, contentScript);
    expect(await slow({ type: CANCEL, data: { id: 'req-00000002' } }, contentScript)).toEqual({ ok: true, value: null });
    expect(seen?.aborted).toBe(false);
    expect(await slow({ type: CANCEL, data: { id: 'req-00000001' } }, contentScript)).toEqual({ ok: true, value: null });
    expect(seen?.aborted).toBe(true);
    expect(await reply).toEqual({ ok: false, error: expect.objectContaining({ code: 'cancelled' }) });
  });

  it('refuses a cancel from another extension', async () => {
    expect(await route({ type: CANCEL, data: { id: 'req-00000001' } }, { id: 'other' })).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden_sender' }) });
  });
});
