import { describe, expect, it } from 'vitest';
import type { AccessToken } from '../auth/tokens';
import { createZohoClient, type TokenSource } from './client';
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

function setup(answers: Answer[]) {
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
  return { client: createZohoClient({ fetch: fetchImpl, tokens }), seen, replaced: () => replaced };
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
    [500, 'oops', 'zoho_error', 'retry'],
    [200, { users: 'not an array' }, 'bad_response', 'retry'],
  ])('HTTP %s %j → %s (%s)', async (status, body, code, action) => {
    const { client } = setup([{ status, body }]);
    await expect(client.request('/users', currentUserResponse)).rejects.toMatchObject({ code, action });
  });

  it('keeps Zoho’s words for the person', async () => {
    const { client } = setup([{ status: 400, body: { code: 'INVALID_DATA', details: {}, message: 'the id given seems to be invalid', status: 'error' } }]);
    await expect(client.request('/Contacts/1', recordResponse)).rejects.toMatchObject({ detail: 'the id given seems to be invalid' });
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
