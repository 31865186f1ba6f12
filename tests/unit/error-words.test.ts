// Issue 15, one voice for trouble: words that match the cause, and no raw browser error anywhere.
// 1. Zoho's answers by cause: not answering (5xx, a gateway's HTML page, a cut-off body, the
//    network) is never called a refusal; the API limit says until when if Zoho said; a 4xx with
//    Zoho's code is a refusal in Zoho's words.
// 2. Every way an error reaches a screen (the Zoho client, the background's serialisation, the
//    messenger, an outbox item's stored last error, our own constructors given the browser's
//    message), rendered by ErrorNotice and the popup's one-line form in every locale, with every
//    raw browser failure we know: none of the browser's words reach the text.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { ErrorNotice } from '@/components/ErrorNotice';
import { describeError, errorLine, type MessageKey } from '@/components/i18n';
import { retryRead } from '@/components/queries';
import { isRawBrowserText, StagecoachError, troubleOf, type SerializedError } from '@/lib/errors';
import { createMessenger } from '@/lib/messaging/client';
import { createRouter } from '@/lib/messaging/router';
import { PANEL_PAGE_PATH } from '@/lib/panel';
import { REQUESTS, type AllHandlers } from '@/lib/requests';
import { createZohoClient } from '@/lib/zoho/client';
import { recordResponse } from '@/lib/zoho/schemas';
import { LANGS, messageTable, translator } from '../fixtures/translator';

// The UI's language falls back to the browser's (none in Node 20).
vi.stubGlobal('navigator', { language: 'en-US' });
afterEach(() => vi.restoreAllMocks());

/** What ErrorNotice shows in `lang`, as text. */
function rendered(error: unknown, lang: string): string {
  const translate = translator(lang);
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((key: string, substitutions?: string | string[]) => translate(key as MessageKey, substitutions)) as typeof browser.i18n.getMessage);
  return renderToStaticMarkup(createElement(ErrorNotice, { error, onRetry: () => {} })).replace(/<[^>]+>/g, ' ');
}

function answering(status: number, body: string, headers: Record<string, string> = {}) {
  return createZohoClient({
    fetch: (async () => new Response(status === 204 ? null : body, { status, headers })) as typeof fetch,
    tokens: { get: async () => ({ accessToken: 'T1', apiDomain: 'https://www.zohoapis.com', expiresAt: Infinity }), replace: async () => ({ accessToken: 'T2', apiDomain: 'https://www.zohoapis.com', expiresAt: Infinity }) },
    retries: 0,
    sleep: async () => {},
  });
}

const failureOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => StagecoachError.from(error));
const zohoError = (code: string, message: string) => JSON.stringify({ code, details: {}, message, status: 'error' });
const en = translator('en');

describe('Zoho’s answers in words that match their cause', () => {
  it.each([
    ['an HTML 502 from a gateway', 502, '<!doctype html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>'],
    ['a 500 with Zoho’s INTERNAL_ERROR', 500, zohoError('INTERNAL_ERROR', 'Internal server error occurred.')],
    ['an empty 503', 503, ''],
    ['a 504 gateway timeout', 504, 'upstream request timeout'],
    ['a body cut off on the way (200)', 200, '{"data":[{"id":"48768760000004'],
    ['a maintenance page with 200', 200, '<html><body><h1>Zoho CRM is under maintenance</h1></body></html>'],
  ])('%s: Zoho is not answering, retried, never “refused”', async (_name, status, body) => {
    const failure = await failureOf(answering(status, body).request('/Contacts/1', recordResponse));
    expect(failure?.code).toBe('unavailable');
    expect(failure?.transient).toBe(true);
    expect(troubleOf(failure!)).toBe('unreachable');
    expect(retryRead(0, failure)).toBe(true);
    expect(retryRead(1, failure)).toBe(false);
    const text = describeError(failure!.toJSON(), en);
    expect(text.headline).toBe('Zoho isn’t answering right now — try again in a moment.');
    expect(Object.values(text).join(' ')).not.toMatch(/refused|<[a-z!]/i);
  });

  it('a dead network: Zoho can’t be reached, in our words only', async () => {
    const client = createZohoClient({
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof fetch,
      tokens: { get: async () => ({ accessToken: 'T1', apiDomain: 'https://www.zohoapis.com', expiresAt: Infinity }), replace: async () => ({ accessToken: 'T2', apiDomain: 'https://www.zohoapis.com', expiresAt: Infinity }) },
      retries: 0,
      sleep: async () => {},
    });
    const failure = await failureOf(client.request('/Contacts/1', recordResponse));
    expect(failure?.toJSON()).toEqual({ code: 'network', action: 'retry' });
    expect(troubleOf(failure!)).toBe('unreachable');
  });

  it('the API limit: “until” Zoho’s reset time when its answer gives one, else no time made up', async () => {
    const reset = Math.floor(Date.now() / 1000) + 3 * 3600;
    const told = await failureOf(answering(429, zohoError('LIMIT_EXCEEDED', 'API credits exhausted for the day'), { 'X-RATELIMIT-RESET': String(reset) }).request('/Contacts/1', recordResponse));
    expect(told).toMatchObject({ code: 'rate_limited', resetAt: reset * 1000, zoho: 'API credits exhausted for the day' });
    expect(troubleOf(told!)).toBe('limit');
    // Not tried again before Zoho said it lifts.
    expect(retryRead(0, told)).toBe(false);
    expect(rendered(told, 'en')).toMatch(/API limit reached until \d{1,2}:\d{2}/);
    const untold = await failureOf(answering(429, zohoError('TOO_MANY_REQUESTS', 'too many requests')).request('/Contacts/1', recordResponse));
    expect(untold).toMatchObject({ code: 'rate_limited', resetAt: undefined });
    expect(retryRead(0, untold)).toBe(true);
    expect(rendered(untold, 'en')).toContain('Zoho’s API limit is reached for now.');
    expect(rendered(untold, 'en')).not.toContain('until');
  });

  it('a 4xx with Zoho’s code is a refusal in Zoho’s words, and is its section’s own', async () => {
    const failure = await failureOf(answering(400, zohoError('INVALID_DATA', 'invalid data')).request('/Contacts/1', recordResponse));
    expect(failure).toMatchObject({ code: 'zoho_error', zoho: 'invalid data' });
    expect(troubleOf(failure!)).toBeNull();
    expect(retryRead(0, failure)).toBe(false);
    expect(describeError(failure!.toJSON(), en).headline).toBe('Zoho refused the request.');
  });

  it('a refused sign-in asks to reconnect', async () => {
    const failure = await failureOf(answering(401, zohoError('AUTHENTICATION_FAILURE', 'Authentication failed')).request('/Contacts/1', recordResponse));
    expect(failure?.code).toBe('reconnect_needed');
    expect(troubleOf(failure!)).toBe('reconnect');
  });
});

/** Every raw failure a browser or runtime gives us that we know of. */
const RAW: Error[] = [
  new TypeError('Failed to fetch'),
  new TypeError('NetworkError when attempting to fetch resource.'),
  new TypeError('Load failed'),
  new TypeError('Network request failed'),
  new Error('net::ERR_INTERNET_DISCONNECTED'),
  new Error('Authorization page could not be loaded.'),
  new TypeError("Cannot read properties of undefined (reading 'data')"),
  new TypeError('x is undefined'),
  new Error('Could not establish connection. Receiving end does not exist.'),
  new Error('The message port closed before a response was received.'),
  new Error('Extension context invalidated.'),
];

const self = { extensionId: 'ours', extensionUrl: 'chrome-extension://ours/', panelPath: PANEL_PAGE_PATH, panelPageRefusal: async () => null };
const popup = { id: 'ours', url: 'chrome-extension://ours/popup.html' };

/** Each way an error travels to a screen, given the raw failure. */
const PATHS: [string, (raw: Error) => Promise<unknown>][] = [
  [
    'the Zoho client (fetch threw)',
    (raw) =>
      failureOf(
        createZohoClient({
          fetch: (async () => {
            throw raw;
          }) as typeof fetch,
          tokens: { get: async () => ({ accessToken: 'T1', apiDomain: 'https://www.zohoapis.com', expiresAt: Infinity }), replace: async () => ({ accessToken: 'T2', apiDomain: 'https://www.zohoapis.com', expiresAt: Infinity }) },
          retries: 0,
        }).request('/org', recordResponse),
      ),
  ],
  [
    'the background’s serialisation (a handler threw)',
    async (raw) => {
      const handlers = {
        status: async () => {
          throw raw;
        },
      } as unknown as AllHandlers;
      const reply = (await createRouter(REQUESTS, handlers, self)({ type: 'status', data: {} }, popup)) as { ok: false; error: SerializedError };
      // As it crosses to the UI: JSON.
      return JSON.parse(JSON.stringify(reply.error)) as SerializedError;
    },
  ],
  [
    'the messenger (the background could not be reached)',
    (raw) =>
      failureOf(
        createMessenger<typeof REQUESTS>(async () => {
          throw raw;
        })('status', {}),
      ),
  ],
  ['ours, given the browser’s words (oauth, chrome.identity)', async (raw) => new StagecoachError('network', raw.message, { cause: raw })],
  ['ours, internal', async (raw) => new StagecoachError('internal', raw.message)],
  ['an outbox item’s stored last error (written before this rule)', async (raw) => ({ code: 'network', action: 'retry', detail: raw.message }) satisfies SerializedError],
  ['anything thrown, as ErrorNotice takes it', async (raw) => raw],
];

describe('no raw browser error reaches a screen', () => {
  it('the rule knows the raw words, and none of our sentences trips it', () => {
    for (const raw of RAW) expect(isRawBrowserText(raw.message), raw.message).toBe(true);
    for (const lang of LANGS) {
      for (const [key, { message }] of Object.entries(messageTable(lang))) expect(isRawBrowserText(message), `${lang} ${key}`).toBe(false);
    }
  });

  for (const [path, travel] of PATHS) {
    it.each(RAW.map((raw) => [raw.message, raw] as const))(`${path}: %s`, async (_message, raw) => {
      const arrived = await travel(raw);
      for (const lang of LANGS) {
        const screen = rendered(arrived, lang);
        const line = errorLine(StagecoachError.from(arrived).toJSON(), translator(lang));
        for (const text of [screen, line]) {
          expect(text).not.toContain(raw.message);
          expect(isRawBrowserText(text), `${lang}: ${text}`).toBe(false);
        }
        expect(screen.trim().length).toBeGreaterThan(15);
      }
    });
  }
});
