// The AI provider's HTTP path against real local servers (issue 11, finding 5): a redirect is never
// followed — a 307/308 would post the deal's evidence to wherever it points — and the key goes only
// to the exact base URL it was entered for, not to another path on the same host.
import 'fake-indexeddb/auto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../settings/schema';
import { openDb, type StagecoachDb } from '../storage/db';
import { createAiProvider, normalizeBaseUrl } from './provider';

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

/** A local HTTP server that records every request and answers with `reply(request)`. */
async function server(reply: (request: IncomingMessage) => { status: number; headers?: Record<string, string>; body?: string }) {
  const seen: Seen[] = [];
  const http: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization, body });
      const answer = reply(request);
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return { origin, seen, close: () => new Promise<void>((resolve) => http.close(() => resolve())) };
}

const COMPLETION = JSON.stringify({ choices: [{ message: { content: '{"stage":"Closed Won","confidence":0.9,"evidence":["n1"],"reason":"signed"}' } }] });
const BODY = { model: 'm', messages: [{ role: 'system', content: 'judge' }, { role: 'user', content: '{"deal":{"name":"Acme — confidential"}}' }] };

let elsewhere: Awaited<ReturnType<typeof server>>;
let redirectStatus = 307;
let provider: Awaited<ReturnType<typeof server>>;
let db: StagecoachDb;
let n = 0;

function settingsFor(baseUrl: string): Settings {
  const settings = defaultSettings();
  return { ...settings, ai: { ...settings.ai, provider: 'openai-compatible', baseUrl, model: 'm' } };
}

const makeProvider = () => createAiProvider({ db, fetch: (input, init) => fetch(input, init), hasOrigin: async () => true });

beforeAll(async () => {
  elsewhere = await server(() => ({ status: 200, body: COMPLETION }));
  // /redirect/v1/… answers a redirect to the other server; every other path is a good provider.
  provider = await server((request) =>
    request.url?.startsWith('/redirect/') ? { status: redirectStatus, headers: { location: `${elsewhere.origin}/v1/chat/completions` } } : { status: 200, body: COMPLETION },
  );
});
afterAll(async () => {
  await elsewhere.close();
  await provider.close();
});
beforeEach(() => {
  db = openDb(`provider-test-${++n}`);
  elsewhere.seen.length = 0;
  provider.seen.length = 0;
});
afterEach(() => db.close());

describe('redirects are refused, never followed', () => {
  for (const status of [301, 302, 303, 307, 308]) {
    it(`HTTP ${status} to another origin: nothing reaches it, the answer says why`, async () => {
      redirectStatus = status;
      const ai = makeProvider();
      const settings = settingsFor(`${provider.origin}/redirect/v1`);
      await ai.saveKey('sk-test', settings);
      const answer = await ai.ask(settings, BODY);
      expect(answer).toMatchObject({ ok: false, reason: 'provider_error', detail: expect.stringContaining('redirect') });
      expect(provider.seen).toHaveLength(1);
      expect(provider.seen[0]).toMatchObject({ method: 'POST', url: '/redirect/v1/chat/completions', authorization: 'Bearer sk-test' });
      expect(elsewhere.seen).toEqual([]);
    });
  }

  it('a provider that answers directly is asked as before', async () => {
    const ai = makeProvider();
    const settings = settingsFor(`${provider.origin}/v1`);
    await ai.saveKey('sk-test', settings);
    expect(await ai.ask(settings, BODY)).toMatchObject({ ok: true, json: JSON.parse(COMPLETION) });
    expect(provider.seen).toEqual([{ method: 'POST', url: '/v1/chat/completions', authorization: 'Bearer sk-test', body: JSON.stringify(BODY) }]);
  });
});

describe('the key is bound to the exact base URL it was entered for', () => {
  it('another path on the same host does not get the key (and nothing is sent)', async () => {
    const ai = makeProvider();
    await ai.saveKey('sk-tenant-a', settingsFor(`${provider.origin}/tenant-a/v1`));
    const answer = await ai.ask(settingsFor(`${provider.origin}/tenant-b/v1`), BODY);
    expect(answer).toMatchObject({ ok: false, reason: 'not_configured', detail: expect.stringContaining(`${provider.origin}/tenant-a/v1`) });
    expect(provider.seen).toEqual([]);
  });

  it('another host does not get the key', async () => {
    const ai = makeProvider();
    await ai.saveKey('sk-tenant-a', settingsFor(`${provider.origin}/v1`));
    expect(await ai.ask(settingsFor(`${elsewhere.origin}/v1`), BODY)).toMatchObject({ ok: false, reason: 'not_configured' });
    expect(elsewhere.seen).toEqual([]);
  });

  it('the same base URL written differently (trailing slash, host case, default port) still gets it', async () => {
    const ai = makeProvider();
    await ai.saveKey('sk-tenant-a', settingsFor(`${provider.origin}/tenant-a/v1/`));
    const port = new URL(provider.origin).port;
    expect(await ai.ask(settingsFor(`HTTP://127.0.0.1:${port}/tenant-a/v1`), BODY)).toMatchObject({ ok: true });
    expect(provider.seen.map((seen) => [seen.url, seen.authorization])).toEqual([['/tenant-a/v1/chat/completions', 'Bearer sk-tenant-a']]);
  });

  it('a key stored before it was bound to a base URL (origin only) is not used', async () => {
    const ai = makeProvider();
    await ai.saveKey('sk-old', settingsFor(`${provider.origin}/v1`));
    const row = (await db.providerKeys.get('ai'))!;
    await db.providerKeys.put({ id: 'ai', value: row.value, origin: provider.origin });
    expect(await ai.ask(settingsFor(`${provider.origin}/v1`), BODY)).toMatchObject({ ok: false, reason: 'not_configured' });
    expect(provider.seen).toEqual([]);
  });
});

describe('keyStatus: what the options page says about the stored key', () => {
  it('none stored; stored for this address (written differently); stored for another path, named', async () => {
    const ai = makeProvider();
    expect(await ai.keyStatus(`${provider.origin}/v1`)).toEqual({ stored: false, baseUrl: null, matches: false });
    await ai.saveKey('sk-tenant-a', settingsFor(`${provider.origin}/tenant-a/v1/`));
    expect(await ai.keyStatus(`${provider.origin}/tenant-a/v1`)).toEqual({ stored: true, baseUrl: `${provider.origin}/tenant-a/v1`, matches: true });
    expect(await ai.keyStatus(`${provider.origin}/tenant-b/v1`)).toEqual({ stored: true, baseUrl: `${provider.origin}/tenant-a/v1`, matches: false });
    expect(await ai.keyStatus('not a url')).toMatchObject({ stored: true, matches: false });
  });

  it('a key stored with its origin only matches no address (it is not sent)', async () => {
    const ai = makeProvider();
    await ai.saveKey('sk-old', settingsFor(`${provider.origin}/v1`));
    const row = (await db.providerKeys.get('ai'))!;
    await db.providerKeys.put({ id: 'ai', value: row.value, origin: provider.origin });
    expect(await ai.keyStatus(`${provider.origin}/v1`)).toEqual({ stored: true, baseUrl: provider.origin, matches: false });
  });
});

describe('normalizeBaseUrl', () => {
  const table: Array<[string, string | null]> = [
    ['https://api.openai.com/v1', 'https://api.openai.com/v1'],
    ['https://API.OpenAI.com/v1/', 'https://api.openai.com/v1'],
    ['https://api.openai.com:443/v1//', 'https://api.openai.com/v1'],
    ['https://api.openai.com', 'https://api.openai.com'],
    ['https://api.openai.com/', 'https://api.openai.com'],
    ['https://proxy.example.com/openai/v1#frag', 'https://proxy.example.com/openai/v1'],
    ['https://proxy.example.com/tenant-a/v1', 'https://proxy.example.com/tenant-a/v1'],
    ['not a url', null],
  ];
  for (const [raw, normal] of table) it(`${raw} → ${normal}`, () => expect(normalizeBaseUrl(raw)).toBe(normal));
});
