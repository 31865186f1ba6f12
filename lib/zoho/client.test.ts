import { describe, expect, it } from 'vitest';
import type { AccessToken } from '../auth/tokens';
import { createZohoClient, type ClientOptions, type TokenSource } from './client';
import { currentUserResponse, recordResponse } from './schemas';

const INVALID_TOKEN = { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' };
const CURRENT_USER = {
  users: [
    {
      id: '4876876000000225013',
      full_name: 'Priya Raman',
      email: 'priya@northwind.example',
      profile: { name: 'Standard', id: '4876876000000026014' },
      role: { name: 'Sales Representative', id: '4876876000000026005' },
      time_zone: 'Asia/Kolkata',
      locale: 'en_IN',
      time_format: 'hh:mm a',
    },
  ],
  info: { per_page: 200, count: 1, page: 1, more_records: false },
};

type Answer = { status: number; body?: unknown };

function setup(answers: Answer[], options: Partial<ClientOptions> = {}) {
  const seen: { url: string; auth: string | null }[] = [];
  let replaced = 0;
  const tokens: TokenSource = {
    get: async (): Promise<AccessToken> => ({ accessToken: 'T1', apiDomain: 'https://www.zohoapis.eu', expiresAt: Infinity }),
    replace: async (failed) => {
      replaced += 1;
      expect(failed).toBe('T1');
      return { accessToken: 'T2', apiDomain: 'https://www.zohoapis.eu', expiresAt: Infinity };
    },
  };
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({ url: String(input), auth: new Headers(init?.headers).get('authorization') });
    const answer = answers.shift() ?? { status: 500, body: { code: 'INTERNAL_ERROR' } };
    return answer.body === undefined ? new Response(null, { status: answer.status }) : Response.json(answer.body, { status: answer.status });
  }) as typeof fetch;
  const sleeps: number[] = [];
  const client = createZohoClient({ fetch: fetchImpl, tokens, retries: 0, sleep: async (ms) => void sleeps.push(ms), random: () => 1, ...options });
  return { client, seen, sleeps, replaced: () => replaced };
}

describe('Zoho client', () => {
  it('calls the DC’s API domain with Zoho’s auth header and parses the answer', async () => {
    const { client, seen } = setup([{ status: 200, body: CURRENT_USER }]);
    const answer = await client.request('/users', currentUserResponse, { query: { type: 'CurrentUser' } });
    expect(answer?.users[0]?.full_name).toBe('Priya Raman');
    expect(seen).toEqual([{ url: 'https://www.zohoapis.eu/crm/v8/users?type=CurrentUser', auth: 'Zoho-oauthtoken T1' }]);
  });

  it('on 401 INVALID_TOKEN gets a replacement token once and retries once', async () => {
    const { client, seen, replaced } = setup([{ status: 401, body: INVALID_TOKEN }, { status: 200, body: CURRENT_USER }]);
    await client.request('/users', currentUserResponse);
    expect(seen.map((s) => s.auth)).toEqual(['Zoho-oauthtoken T1', 'Zoho-oauthtoken T2']);
    expect(replaced()).toBe(1);
  });

  it('a second 401 after the retry is "reconnect needed", not a loop', async () => {
    const { client, seen } = setup([{ status: 401, body: INVALID_TOKEN }, { status: 401, body: INVALID_TOKEN }]);
    await expect(client.request('/users', currentUserResponse)).rejects.toMatchObject({ code: 'reconnect_needed' });
    expect(seen).toHaveLength(2);
  });

  it('HTTP 204 (empty search) is null', async () => {
    const { client } = setup([{ status: 204 }]);
    expect(await client.request('/Contacts/search', recordResponse, { query: { email: 'nobody@example.com' } })).toBeNull();
  });

  it.each([
    [429, { code: 'TOO_MANY_REQUESTS', details: {}, message: 'too many requests', status: 'error' }, 'rate_limited', 'wait'],
    [401, { code: 'OAUTH_SCOPE_MISMATCH', details: {}, message: 'invalid oauth scope to access this URL', status: 'error' }, 'no_permission', 'reconnect'],
    [403, { code: 'NO_PERMISSION', details: {}, message: 'permission denied', status: 'error' }, 'no_permission', 'ask_admin'],
    [404, { code: 'INVALID_URL_PATTERN', details: {}, message: 'Please check if the URL trying to access is a correct one', status: 'error' }, 'not_found', 'none'],
    [400, { code: 'INVALID_DATA', details: { api_name: 'id' }, message: 'the id given seems to be invalid', status: 'error' }, 'zoho_error', 'retry'],
    // Zoho not answering (a 5xx, a gateway's page) is not a refusal.
    [500, 'oops', 'unavailable', 'retry'],
    [502, '<html><title>502 Bad Gateway</title></html>', 'unavailable', 'retry'],
    [500, { code: 'INTERNAL_ERROR', details: {}, message: 'Internal server error occurred.', status: 'error' }, 'unavailable', 'retry'],
    [200, { users: 'not an array' }, 'bad_response', 'retry'],
  ])('HTTP %s %j → %s (%s)', async (status, body, code, action) => {
    const { client } = setup([{ status, body }]);
    await expect(client.request('/users', currentUserResponse)).rejects.toMatchObject({ code, action });
  });

  it('keeps Zoho’s words for the person', async () => {
    const { client } = setup([{ status: 400, body: { code: 'INVALID_DATA', details: {}, message: 'the id given seems to be invalid', status: 'error' } }]);
    await expect(client.request('/Contacts/1', recordResponse)).rejects.toMatchObject({ zoho: 'the id given seems to be invalid', detail: undefined });
  });

  it('says only what Zoho said as Zoho’s: a status with no words is a technical detail', async () => {
    const { client } = setup([{ status: 400, body: 'Bad request' }]);
    await expect(client.request('/Contacts/1', recordResponse)).rejects.toMatchObject({ code: 'zoho_error', zoho: undefined, detail: 'HTTP 400' });
  });

  it('a dead network is a network error', async () => {
    const client = createZohoClient({
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof fetch,
      tokens: { get: async () => ({ accessToken: 'T', apiDomain: 'https://www.zohoapis.com', expiresAt: Infinity }), replace: async () => { throw new Error('unused'); } },
    });
    await expect(client.request('/org', currentUserResponse)).rejects.toMatchObject({ code: 'network' });
  });
});

describe('Zoho client under load and failure', () => {
  const INTERNAL = { code: 'INTERNAL_ERROR', details: {}, message: 'Internal Server Error', status: 'error' };
  const TOO_MANY = { code: 'TOO_MANY_REQUESTS', details: {}, message: 'too many requests', status: 'error' };

  it('retries a read on 429 and 5xx with exponential backoff, then succeeds', async () => {
    const { client, seen, sleeps } = setup(
      [{ status: 429, body: TOO_MANY }, { status: 500, body: INTERNAL }, { status: 200, body: CURRENT_USER }],
      { retries: 3, baseDelayMs: 500 },
    );
    expect((await client.request('/users', currentUserResponse))?.users[0]?.id).toBe('4876876000000225013');
    expect(seen).toHaveLength(3);
    expect(sleeps).toEqual([500, 1000]); // random() = 1: the top of each jitter window
  });

  it('gives up after the configured retries with the last error', async () => {
    const { client, seen } = setup(Array.from({ length: 5 }, () => ({ status: 429, body: TOO_MANY })), { retries: 2 });
    await expect(client.request('/users', currentUserResponse)).rejects.toMatchObject({ code: 'rate_limited' });
    expect(seen).toHaveLength(3);
  });

  it('never retries a create by itself (the outbox decides)', async () => {
    const { client, seen } = setup([{ status: 500, body: INTERNAL }], { retries: 3 });
    await expect(client.request('/Notes', currentUserResponse, { method: 'POST', body: { data: [] } })).rejects.toMatchObject({ code: 'unavailable' });
    expect(seen).toHaveLength(1);
  });

  it('shares identical reads in flight', async () => {
    const { client, seen } = setup([{ status: 200, body: CURRENT_USER }]);
    const answers = await Promise.all([1, 2, 3].map(() => client.request('/users', currentUserResponse, { query: { type: 'CurrentUser' } })));
    expect(answers.every((a) => a?.users[0]?.full_name === 'Priya Raman')).toBe(true);
    expect(seen).toHaveLength(1);
  });

  it('shares a read among callers with signals, and aborts the call only when every caller has given up', async () => {
    const calls: AbortSignal[] = [];
    let answer: () => void = () => {};
    const fetchImpl = ((_input: RequestInfo | URL, init?: RequestInit) => {
      calls.push(init!.signal!);
      return new Promise<Response>((resolve, reject) => {
        answer = () => resolve(Response.json(CURRENT_USER));
        init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason));
      });
    }) as typeof fetch;
    const client = createZohoClient({
      fetch: fetchImpl,
      tokens: { get: async () => ({ accessToken: 'T', apiDomain: 'https://www.zohoapis.com', expiresAt: Infinity }), replace: async () => { throw new Error('unused'); } },
    });
    const first = new AbortController();
    const second = new AbortController();
    const a = client.request('/users', currentUserResponse, { signal: first.signal });
    const b = client.request('/users', currentUserResponse, { signal: second.signal });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toHaveLength(1);
    first.abort();
    await expect(a).rejects.toBeDefined();
    expect(calls[0]!.aborted).toBe(false);
    answer();
    expect((await b)?.users[0]?.full_name).toBe('Priya Raman');

    // Everyone leaves: the call itself is aborted, and the next caller starts afresh.
    const third = new AbortController();
    const c = client.request('/users', currentUserResponse, { signal: third.signal });
    await new Promise((resolve) => setTimeout(resolve, 0));
    third.abort();
    await expect(c).rejects.toBeDefined();
    expect(calls[1]!.aborted).toBe(true);
    const d = client.request('/users', currentUserResponse);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toHaveLength(3);
    answer();
    expect((await d)?.users[0]?.id).toBe('4876876000000225013');
  });

  it('never sends a read whose caller gave up before it had a slot', async () => {
    const { client, seen } = setup([{ status: 200, body: CURRENT_USER }]);
    const gone = new AbortController();
    gone.abort();
    await expect(client.request('/users', currentUserResponse, { signal: gone.signal })).rejects.toBeDefined();
    expect(seen).toHaveLength(0);
  });

  it('keeps concurrent calls under the cap', async () => {
    let active = 0;
    let peak = 0;
    const fetchImpl = (async () => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      active -= 1;
      return Response.json(CURRENT_USER);
    }) as typeof fetch;
    const client = createZohoClient({
      fetch: fetchImpl,
      tokens: { get: async () => ({ accessToken: 'T', apiDomain: 'https://www.zohoapis.com', expiresAt: Infinity }), replace: async () => { throw new Error('unused'); } },
      maxConcurrent: 4,
    });
    await Promise.all(Array.from({ length: 30 }, (_, i) => client.request(`/Contacts/${i}`, currentUserResponse)));
    expect(peak).toBe(4);
    client.setMaxConcurrent(2);
    peak = 0;
    await Promise.all(Array.from({ length: 10 }, (_, i) => client.request(`/Leads/${i}`, currentUserResponse)));
    expect(peak).toBe(2);
  });

  it('reports every call with Zoho’s remaining credits', async () => {
    const calls: unknown[] = [];
    const fetchImpl = (async () =>
      new Response(JSON.stringify(CURRENT_USER), { status: 200, headers: { 'X-API-CREDITS-REMAINING': '24990' } })) as typeof fetch;
    const client = createZohoClient({
      fetch: fetchImpl,
      tokens: { get: async () => ({ accessToken: 'T', apiDomain: 'https://www.zohoapis.com', expiresAt: Infinity }), replace: async () => { throw new Error('unused'); } },
      onCall: (call) => calls.push(call),
      now: () => 42,
    });
    await client.request('/users', currentUserResponse);
    expect(calls).toEqual([{ method: 'GET', path: '/crm/v8/users', status: 200, at: 42, creditsRemaining: 24990 }]);
  });
});
