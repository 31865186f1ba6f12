import { describe, expect, it } from 'vitest';
import { SEED } from '../../sandbox/seed';
import {
  ALL_SCOPES,
  api,
  approve,
  authorizeParams,
  CLIENT_ID,
  control,
  login,
  pkcePair,
  REDIRECT_URI,
  refresh,
  token,
  useSandbox,
} from './helpers';

const sandbox = useSandbox();
const TOKEN_SHAPE = /^1000\.[0-9a-f]{32}\.[0-9a-f]{32}$/;

async function authorizePage(params: URLSearchParams): Promise<{ status: number; text: string; location: string | null }> {
  const response = await fetch(`${sandbox.url}/oauth/v2/auth?${params}`, { redirect: 'manual' });
  return { status: response.status, text: await response.text(), location: response.headers.get('location') };
}

describe('consent page', () => {
  it('shows the app, the scopes in words, the signed-in user and Accept/Deny', async () => {
    const { status, text } = await authorizePage(authorizeParams({ challenge: pkcePair().challenge }));
    expect(status).toBe(200);
    expect(text).toContain('Stagecoach (sandbox client)');
    expect(text).toContain('<label for="user_id">Signed in as</label>');
    expect(text).toMatch(new RegExp(`<option value="${SEED.users.rep.id}" selected>Priya Raman`));
    expect(text).toContain('Daniel Brooks');
    expect(text).toContain('Sofia Keller');
    expect(text).toMatch(/<button[^>]*>Accept<\/button>/);
    expect(text).toMatch(/<button[^>]*>Deny<\/button>/);
    expect(text).toContain('Full access to all your records (every module) in Zoho CRM');
    expect(text).toContain('View the users of your organisation in Zoho CRM');
    expect(text).toContain('Search your Zoho CRM data');
  });

  it('preselects the configured signed-in user', async () => {
    await control(sandbox.url, 'POST', '/__sandbox/config', { signedInUserId: SEED.users.admin.id });
    const { text } = await authorizePage(authorizeParams());
    expect(text).toMatch(new RegExp(`<option value="${SEED.users.admin.id}" selected>Sofia Keller`));
  });

  it('escapes what it echoes', async () => {
    const params = authorizeParams({ state: '"><script>window.x=1</script>' });
    const { status, text } = await authorizePage(params);
    expect(status).toBe(200);
    expect(text).not.toContain('<script>window.x=1</script>');
    expect(text).toContain('&quot;&gt;&lt;script&gt;window.x=1&lt;/script&gt;');
  });

  it.each([
    ['plain http', 'http://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/'],
    ['another site', 'https://evil.example/'],
    ['a short extension id', 'https://abcdef.chromiumapp.org/'],
    ['letters outside a-p', 'https://abcdefghijklmnopqrstuvwxyzabcdef.chromiumapp.org/'],
    ['a look-alike host', 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org.evil.example/'],
    ['a port', 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org:8443/'],
  ])('refuses a redirect URI with %s, without redirecting', async (_label, redirectUri) => {
    const { status, text, location } = await authorizePage(authorizeParams({ redirectUri }));
    expect(status).toBe(400);
    expect(location).toBeNull();
    expect(text).toContain('Invalid Redirect Uri');
    expect(text).toContain('redirect URI is invalid');
  });

  it.each([
    ['Chrome, with a path', 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/callback'],
    ['Firefox', 'https://5f3c0b9e2a1d4c7b8e6f0a1b2c3d4e5f.extensions.allizom.org/'],
  ])('accepts the %s redirect URI', async (_label, redirectUri) => {
    expect((await authorizePage(authorizeParams({ redirectUri }))).status).toBe(200);
  });

  it('refuses a wrong client id, a response_type other than code, and a non-S256 challenge', async () => {
    const wrongClient = authorizeParams();
    wrongClient.set('client_id', '1000.SOMEONEELSE');
    expect((await authorizePage(wrongClient)).status).toBe(400);

    const implicit = authorizeParams();
    implicit.set('response_type', 'token');
    const implicitPage = await authorizePage(implicit);
    expect(implicitPage.status).toBe(400);
    expect(implicitPage.location).toBeNull();

    const plain = authorizeParams({ challenge: pkcePair().challenge });
    plain.set('code_challenge_method', 'plain');
    expect((await authorizePage(plain)).status).toBe(400);

    const noScope = authorizeParams();
    noScope.delete('scope');
    expect((await authorizePage(noScope)).status).toBe(400);
  });
});

describe('authorization redirect', () => {
  it('Accept redirects with code, location, accounts-server and state', async () => {
    const redirect = await approve(sandbox.url, { challenge: pkcePair().challenge, state: 'xyz' });
    expect(`${redirect.origin}${redirect.pathname}`).toBe(REDIRECT_URI);
    expect(redirect.searchParams.get('code')).toMatch(TOKEN_SHAPE);
    expect(redirect.searchParams.get('location')).toBe('us');
    expect(redirect.searchParams.get('accounts-server')).toBe(sandbox.url);
    expect(redirect.searchParams.get('state')).toBe('xyz');
  });

  it('the accounts-server is the origin the client used (Host header)', async () => {
    const port = new URL(sandbox.url).port;
    const form = authorizeParams({ challenge: pkcePair().challenge });
    form.set('decision', 'accept');
    const response = await fetch(`http://127.0.0.1:${port}/oauth/v2/auth/approve`, { method: 'POST', body: form, redirect: 'manual' });
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('accounts-server')).toBe(`http://127.0.0.1:${port}`);
  });

  it('sends the configured data centre and a forged accounts-server when asked', async () => {
    await control(sandbox.url, 'POST', '/__sandbox/config', { dataCentre: 'eu', forgeAccountsServer: 'https://accounts.evil.example' });
    const redirect = await approve(sandbox.url, { challenge: pkcePair().challenge });
    expect(redirect.searchParams.get('location')).toBe('eu');
    expect(redirect.searchParams.get('accounts-server')).toBe('https://accounts.evil.example');
  });

  it('Deny redirects with error=access_denied and the state', async () => {
    const redirect = await approve(sandbox.url, { decision: 'deny', state: 'st' });
    expect(redirect.searchParams.get('error')).toBe('access_denied');
    expect(redirect.searchParams.get('state')).toBe('st');
    expect(redirect.searchParams.has('code')).toBe(false);
  });

  it('re-checks the redirect URI when the form is posted', async () => {
    const form = authorizeParams({ redirectUri: 'https://evil.example/' });
    form.set('decision', 'accept');
    const response = await fetch(`${sandbox.url}/oauth/v2/auth/approve`, { method: 'POST', body: form, redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });
});

describe('token endpoint: authorization code', () => {
  async function codeFor(challenge: string | null, options: { redirectUri?: string } = {}): Promise<string> {
    const redirect = await approve(sandbox.url, { challenge, ...options });
    return redirect.searchParams.get('code') ?? '';
  }

  it('exchanges a code with the right PKCE verifier', async () => {
    const { verifier, challenge } = pkcePair();
    const code = await codeFor(challenge);
    const { status, body } = await token(sandbox.url, {
      grant_type: 'authorization_code',
      client_id: CLIENT_ID,
      client_secret: 'ignored',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      access_token: expect.stringMatching(TOKEN_SHAPE),
      refresh_token: expect.stringMatching(TOKEN_SHAPE),
      scope: ALL_SCOPES.split(',').join(' '),
      api_domain: sandbox.url,
      token_type: 'Bearer',
      expires_in: 3600,
    });
    expect((await api(sandbox.url, '/users?type=CurrentUser', body.access_token)).status).toBe(200);
  });

  it('refuses a wrong or missing verifier with invalid_code', async () => {
    const wrong = await token(sandbox.url, {
      grant_type: 'authorization_code',
      client_id: CLIENT_ID,
      code: await codeFor(pkcePair().challenge),
      redirect_uri: REDIRECT_URI,
      code_verifier: pkcePair().verifier,
    });
    expect(wrong).toEqual({ status: 200, body: { error: 'invalid_code' } });
    const missing = await token(sandbox.url, {
      grant_type: 'authorization_code',
      client_id: CLIENT_ID,
      code: await codeFor(pkcePair().challenge),
      redirect_uri: REDIRECT_URI,
    });
    expect(missing.body).toEqual({ error: 'invalid_code' });
  });

  it('a code works once', async () => {
    const { verifier, challenge } = pkcePair();
    const fields = { grant_type: 'authorization_code', client_id: CLIENT_ID, code: await codeFor(challenge), redirect_uri: REDIRECT_URI, code_verifier: verifier };
    expect((await token(sandbox.url, fields)).body.access_token).toBeTruthy();
    expect(await token(sandbox.url, fields)).toEqual({ status: 200, body: { error: 'invalid_code' } });
  });

  it('a code expires after codeTtlSeconds', async () => {
    await control(sandbox.url, 'POST', '/__sandbox/config', { codeTtlSeconds: 0 });
    const { verifier, challenge } = pkcePair();
    const result = await token(sandbox.url, {
      grant_type: 'authorization_code', client_id: CLIENT_ID, code: await codeFor(challenge), redirect_uri: REDIRECT_URI, code_verifier: verifier,
    });
    expect(result.body).toEqual({ error: 'invalid_code' });
  });

  it('refuses an unknown code, a wrong client, a different redirect URI and an unknown grant', async () => {
    const { verifier, challenge } = pkcePair();
    expect((await token(sandbox.url, { grant_type: 'authorization_code', client_id: CLIENT_ID, code: '1000.nope', redirect_uri: REDIRECT_URI })).body).toEqual({ error: 'invalid_code' });
    expect(
      (await token(sandbox.url, { grant_type: 'authorization_code', client_id: '1000.OTHER', code: await codeFor(challenge), redirect_uri: REDIRECT_URI, code_verifier: verifier })).body,
    ).toEqual({ error: 'invalid_client' });
    expect(
      (await token(sandbox.url, {
        grant_type: 'authorization_code', client_id: CLIENT_ID, code: await codeFor(challenge), redirect_uri: `${REDIRECT_URI}other`, code_verifier: verifier,
      })).body,
    ).toEqual({ error: 'invalid_redirect_uri' });
    expect((await token(sandbox.url, { grant_type: 'password', client_id: CLIENT_ID })).body).toEqual({ error: 'unsupported_grant_type' });
  });

  it('reads the fields from the query string too, like Zoho', async () => {
    const { verifier, challenge } = pkcePair();
    const query = new URLSearchParams({ grant_type: 'authorization_code', client_id: CLIENT_ID, code: await codeFor(challenge), redirect_uri: REDIRECT_URI, code_verifier: verifier });
    const response = await fetch(`${sandbox.url}/oauth/v2/token?${query}`, { method: 'POST' });
    expect((await response.json()).access_token).toMatch(TOKEN_SHAPE);
  });

  it('issues no refresh token for access_type=online', async () => {
    const tokens = await login(sandbox.url, { accessType: 'online' });
    expect(tokens.refresh_token).toBeUndefined();
  });

  it('binds the token to the user picked on the consent page', async () => {
    const tokens = await login(sandbox.url, { userId: SEED.users.manager.id });
    const body = await (await api(sandbox.url, '/users?type=CurrentUser', tokens.access_token)).json();
    expect(body.users[0].id).toBe(SEED.users.manager.id);
  });
});

describe('token endpoint: refresh', () => {
  it('mints access tokens without a new refresh token', async () => {
    const tokens = await login(sandbox.url);
    const { status, body } = await refresh(sandbox.url, tokens.refresh_token);
    expect(status).toBe(200);
    expect(body).toEqual({
      access_token: expect.stringMatching(TOKEN_SHAPE),
      scope: expect.any(String),
      api_domain: sandbox.url,
      token_type: 'Bearer',
      expires_in: 3600,
    });
    expect(body.access_token).not.toBe(tokens.access_token);
    expect((await api(sandbox.url, '/org', body.access_token)).status).toBe(200);
  });

  it('throttles the 11th refresh within 10 minutes', async () => {
    const tokens = await login(sandbox.url);
    for (let i = 0; i < 10; i++) expect((await refresh(sandbox.url, tokens.refresh_token)).status).toBe(200);
    const throttled = await refresh(sandbox.url, tokens.refresh_token);
    expect(throttled).toEqual({
      status: 400,
      body: {
        error: 'Access Denied',
        error_description: 'You have made too many requests continuously. Please try again after some time.',
      },
    });
    const log = await control(sandbox.url, 'GET', '/__sandbox/log');
    expect(log.counts).toMatchObject({ authorizationCode: 1, refresh: 11, throttled: 1 });
    // Another refresh token of the same user is not affected.
    const other = await login(sandbox.url);
    expect((await refresh(sandbox.url, other.refresh_token)).status).toBe(200);
  });

  it('refuses unknown refresh tokens and wrong clients', async () => {
    expect((await refresh(sandbox.url, '1000.unknown')).body).toEqual({ error: 'invalid_code' });
    const tokens = await login(sandbox.url);
    const wrongClient = await token(sandbox.url, { grant_type: 'refresh_token', client_id: '1000.OTHER', refresh_token: tokens.refresh_token });
    expect(wrongClient.body).toEqual({ error: 'invalid_client' });
  });

  it('keeps at most 20 refresh tokens per user: the 21st deletes the oldest', async () => {
    const first = await login(sandbox.url);
    for (let i = 0; i < 19; i++) await login(sandbox.url);
    let state = await control(sandbox.url, 'GET', '/__sandbox/state');
    expect(state.refreshTokens.filter((t: { revoked: boolean }) => !t.revoked)).toHaveLength(20);

    await login(sandbox.url);
    state = await control(sandbox.url, 'GET', '/__sandbox/state');
    expect(state.refreshTokens).toHaveLength(21);
    expect(state.refreshTokens[0]).toMatchObject({ userId: SEED.users.rep.id, revoked: true });
    expect(state.refreshTokens.filter((t: { revoked: boolean }) => !t.revoked)).toHaveLength(20);
    expect((await refresh(sandbox.url, first.refresh_token)).body).toEqual({ error: 'invalid_code' });
    expect((await api(sandbox.url, '/org', first.access_token)).status).toBe(401);

    // The cap is per user: another user's first token is unaffected.
    const manager = await login(sandbox.url, { userId: SEED.users.manager.id });
    expect((await refresh(sandbox.url, manager.refresh_token)).status).toBe(200);
  });
});

describe('revoke', () => {
  it('revoking a refresh token kills every access token it made', async () => {
    const tokens = await login(sandbox.url);
    const refreshed = (await refresh(sandbox.url, tokens.refresh_token)).body.access_token as string;
    const other = await login(sandbox.url);

    const response = await fetch(`${sandbox.url}/oauth/v2/token/revoke?token=${encodeURIComponent(tokens.refresh_token)}`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'success' });

    for (const accessToken of [tokens.access_token, refreshed]) {
      const denied = await api(sandbox.url, '/org', accessToken);
      expect(denied.status).toBe(401);
      expect((await denied.json()).code).toBe('INVALID_TOKEN');
    }
    expect((await refresh(sandbox.url, tokens.refresh_token)).body).toEqual({ error: 'invalid_code' });
    expect((await api(sandbox.url, '/org', other.access_token)).status).toBe(200);

    const state = await control(sandbox.url, 'GET', '/__sandbox/state');
    expect(state.refreshTokens.map((t: { revoked: boolean }) => t.revoked)).toEqual([true, false]);
    expect(state.activeAccessTokens).toBe(1);
    expect((await control(sandbox.url, 'GET', '/__sandbox/log')).counts.revoke).toBe(1);
  });

  it('answers success for an unknown token (idempotent)', async () => {
    const response = await fetch(`${sandbox.url}/oauth/v2/token/revoke?token=1000.nothing`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'success' });
  });
});
