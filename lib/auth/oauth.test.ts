import { describe, expect, it } from 'vitest';
import { StagecoachError } from '../errors';
import { createHostPolicy } from './hosts';
import { createAuthRequest, exchangeCode, parseAuthCallback, refreshTokens } from './oauth';

const hosts = createHostPolicy();
const redirectUri = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof StagecoachError ? error.code : 'not a StagecoachError';
  }
  return undefined;
}

describe('createAuthRequest', () => {
  it('asks for a code with PKCE S256, offline access and consent', async () => {
    const request = await createAuthRequest({ authorizeOrigin: 'https://accounts.zoho.com', clientId: '1000.ABC', redirectUri });
    const url = new URL(request.url);
    expect(url.origin + url.pathname).toBe('https://accounts.zoho.com/oauth/v2/auth');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: '1000.ABC',
      response_type: 'code',
      redirect_uri: redirectUri,
      access_type: 'offline',
      prompt: 'consent',
      code_challenge_method: 'S256',
      state: request.state,
    });
    expect(url.searchParams.get('scope')).toContain('ZohoCRM.users.READ,');
    // base64url(sha256(verifier)) is 43 characters and never the verifier itself.
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('code_challenge')).not.toBe(request.verifier);
    expect(request.verifier.length).toBeGreaterThanOrEqual(43);
  });

  it('never repeats a state or verifier', async () => {
    const a = await createAuthRequest({ authorizeOrigin: 'https://accounts.zoho.com', clientId: 'x', redirectUri });
    const b = await createAuthRequest({ authorizeOrigin: 'https://accounts.zoho.com', clientId: 'x', redirectUri });
    expect(a.state).not.toBe(b.state);
    expect(a.verifier).not.toBe(b.verifier);
  });
});

describe('parseAuthCallback', () => {
  const ok = (query: string) => `${redirectUri}?${query}`;
  it('reads Zoho’s EU redirect', () => {
    expect(
      parseAuthCallback(ok('code=1000.abc.def&location=eu&accounts-server=https%3A%2F%2Faccounts.zoho.eu&state=S1'), 'S1', hosts),
    ).toEqual({ code: '1000.abc.def', accountsServer: 'https://accounts.zoho.eu', dataCentre: 'eu' });
  });
  it('without accounts-server, the code belongs to where authorization started', () => {
    expect(parseAuthCallback(ok('code=c&state=S1'), 'S1', hosts)).toMatchObject({ accountsServer: 'https://accounts.zoho.com', dataCentre: 'us' });
  });
  it.each([
    ['code=c&location=us&accounts-server=https%3A%2F%2Faccounts.zoho.com&state=OTHER', 'auth_state_mismatch'],
    ['code=c&location=us&accounts-server=https%3A%2F%2Faccounts.zoho.com', 'auth_state_mismatch'],
    ['error=access_denied&state=S1', 'auth_denied'],
    ['error=invalid_client&state=S1', 'auth_failed'],
    ['state=S1', 'auth_failed'],
    ['code=c&location=eu&accounts-server=https%3A%2F%2Faccounts.zoho.eu.attacker.example&state=S1', 'auth_untrusted_server'],
    ['code=c&location=us&accounts-server=https%3A%2F%2Faccounts.zoho.eu&state=S1', 'auth_untrusted_server'],
  ])('%s → %s', (query, code) => {
    expect(codeOf(() => parseAuthCallback(ok(query), 'S1', hosts))).toBe(code);
  });
  it('an unreadable redirect is an auth failure, not a crash', () => {
    expect(codeOf(() => parseAuthCallback('not a url', 'S1', hosts))).toBe('auth_failed');
  });
});

/** A fetch that answers once with a JSON body and records what it was sent. */
function fakeFetch(status: number, body: unknown) {
  const calls: { url: string; body: URLSearchParams }[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), body: new URLSearchParams(String(init?.body ?? '')) });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fetchImpl, calls };
}

const callback = { code: '1000.code', accountsServer: 'https://accounts.zoho.eu', dataCentre: 'eu' as const };
const now = () => 1_700_000_000_000;

describe('exchangeCode', () => {
  it('posts the code with the verifier to the DC’s accounts server and keeps api_domain', async () => {
    const { fetchImpl, calls } = fakeFetch(200, {
      access_token: '1000.a1',
      refresh_token: '1000.r1',
      scope: 'ZohoCRM.users.READ',
      api_domain: 'https://www.zohoapis.eu',
      token_type: 'Bearer',
      expires_in: 3600,
    });
    const tokens = await exchangeCode({ fetch: fetchImpl, hosts, credentials: { clientId: '1000.C' }, callback, redirectUri, verifier: 'V', now });
    expect(tokens).toEqual({ accessToken: '1000.a1', refreshToken: '1000.r1', apiDomain: 'https://www.zohoapis.eu', expiresAt: now() + 3_600_000, scope: 'ZohoCRM.users.READ' });
    expect(calls[0]!.url).toBe('https://accounts.zoho.eu/oauth/v2/token');
    expect(Object.fromEntries(calls[0]!.body)).toEqual({
      grant_type: 'authorization_code',
      client_id: '1000.C',
      code: '1000.code',
      redirect_uri: redirectUri,
      code_verifier: 'V',
    });
  });

  it('sends the client secret only when one is configured', async () => {
    const { fetchImpl, calls } = fakeFetch(200, { access_token: 'a', refresh_token: 'r', api_domain: 'https://www.zohoapis.eu', expires_in: 3600 });
    await exchangeCode({ fetch: fetchImpl, hosts, credentials: { clientId: 'C', clientSecret: 'S' }, callback, redirectUri, verifier: 'V', now });
    expect(calls[0]!.body.get('client_secret')).toBe('S');
  });

  it.each([
    [200, { error: 'invalid_code' }, 'auth_failed'],
    [400, { error: 'invalid_client' }, 'auth_failed'],
    [200, { access_token: 'a', refresh_token: 'r', api_domain: 'https://www.zohoapis.com', expires_in: 3600 }, 'auth_untrusted_server'],
    [200, { access_token: 'a', api_domain: 'https://www.zohoapis.eu', expires_in: 3600 }, 'auth_failed'],
    [200, { unexpected: true }, 'bad_response'],
    [502, 'Bad gateway', 'auth_failed'],
  ])('HTTP %s %j → %s', async (status, body, code) => {
    const { fetchImpl } = fakeFetch(status, body);
    const result = exchangeCode({ fetch: fetchImpl, hosts, credentials: { clientId: 'C' }, callback, redirectUri, verifier: 'V', now });
    await expect(result).rejects.toMatchObject({ code });
  });

  it('a dead network is a network error', async () => {
    const fetchImpl = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    await expect(
      exchangeCode({ fetch: fetchImpl, hosts, credentials: { clientId: 'C' }, callback, redirectUri, verifier: 'V', now }),
    ).rejects.toMatchObject({ code: 'network' });
  });
});

describe('refreshTokens', () => {
  const refresh = (fetchImpl: typeof fetch) =>
    refreshTokens({ fetch: fetchImpl, hosts, credentials: { clientId: 'C' }, accountsServer: 'https://accounts.zoho.eu', dataCentre: 'eu', refreshToken: 'R', now });

  it('gets a new access token, no new refresh token', async () => {
    const { fetchImpl, calls } = fakeFetch(200, { access_token: '1000.a2', api_domain: 'https://www.zohoapis.eu', token_type: 'Bearer', expires_in: 3600 });
    expect(await refresh(fetchImpl)).toEqual({ accessToken: '1000.a2', apiDomain: 'https://www.zohoapis.eu', expiresAt: now() + 3_600_000 });
    expect(Object.fromEntries(calls[0]!.body)).toEqual({ grant_type: 'refresh_token', client_id: 'C', refresh_token: 'R' });
  });
  it('a refused refresh token means reconnect', async () => {
    await expect(refresh(fakeFetch(200, { error: 'invalid_code' }).fetchImpl)).rejects.toMatchObject({ code: 'reconnect_needed' });
  });
  it('Zoho’s refresh throttle is "wait", not "reconnect"', async () => {
    const body = { error: 'Access Denied', error_description: 'You have made too many requests continuously. Please try again after some time.' };
    await expect(refresh(fakeFetch(400, body).fetchImpl)).rejects.toMatchObject({ code: 'rate_limited', action: 'wait' });
  });
});
