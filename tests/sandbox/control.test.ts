import { describe, expect, it } from 'vitest';
import { SEED } from '../../sandbox/seed';
import { api, apiJson, control, login, refresh, useSandbox } from './helpers';

const sandbox = useSandbox();

async function post(path: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

describe('config', () => {
  it('reads the defaults and merges partial updates', async () => {
    expect(await control(sandbox.url, 'GET', '/__sandbox/config')).toEqual({
      latencyMs: 0,
      dataCentre: 'us',
      forgeAccountsServer: null,
      concurrencyLimit: 10,
      coqlConcurrencyLimit: 10,
      coqlStrict: false,
      accessTokenTtlSeconds: 3600,
      codeTtlSeconds: 120,
      signedInUserId: SEED.users.rep.id,
      creditsPerDay: 50000,
      stageRefusal: null,
      searchIndexLagSeconds: 5,
    });
    const updated = await control(sandbox.url, 'POST', '/__sandbox/config', { dataCentre: 'au', latencyMs: 5 });
    expect(updated).toMatchObject({ dataCentre: 'au', latencyMs: 5, concurrencyLimit: 10 });
    expect(await control(sandbox.url, 'GET', '/__sandbox/config')).toEqual(updated);
  });

  it.each([
    ['a negative latency', { latencyMs: -1 }, 'latencyMs'],
    ['an unknown data centre', { dataCentre: 'mars' }, 'dataCentre'],
    ['an unknown user', { signedInUserId: '123' }, 'signedInUserId'],
    ['an unknown key', { latency: 5 }, 'latency'],
    ['a string number', { concurrencyLimit: '10' }, 'concurrencyLimit'],
  ])('refuses %s with 400 and the reason', async (_label, body, field) => {
    const result = await post('/__sandbox/config', body);
    expect(result.status).toBe(400);
    expect(result.body.reason).toContain(field);
  });

  it('refuses a body that is not JSON', async () => {
    const response = await fetch(`${sandbox.url}/__sandbox/config`, { method: 'POST', body: '{nope' });
    expect(response.status).toBe(400);
  });
});

describe('reset', () => {
  it('restores config and clears tokens, faults and the log', async () => {
    const tokens = await login(sandbox.url);
    await control(sandbox.url, 'POST', '/__sandbox/config', { dataCentre: 'eu' });
    await control(sandbox.url, 'POST', '/__sandbox/faults', { count: 5, status: 500 });
    await control(sandbox.url, 'POST', '/__sandbox/reset');
    expect((await control(sandbox.url, 'GET', '/__sandbox/config')).dataCentre).toBe('us');
    expect(await control(sandbox.url, 'GET', '/__sandbox/faults')).toEqual({ faults: [] });
    expect(await control(sandbox.url, 'GET', '/__sandbox/state')).toEqual({ refreshTokens: [], activeAccessTokens: 0 });
    expect((await api(sandbox.url, '/org', tokens.access_token)).status).toBe(401);
    const log = await control(sandbox.url, 'GET', '/__sandbox/log');
    expect(log.entries.map((e: { path: string }) => e.path)).toEqual(['/crm/v8/org']);
  });
});

describe('faults', () => {
  it('answers the next matching requests with the given status and body', async () => {
    const tokens = await login(sandbox.url);
    await control(sandbox.url, 'POST', '/__sandbox/faults', { match: { method: 'get', path: '/crm/v8/org' }, count: 2, status: 503, body: { oops: true } });
    // Not matching: another path.
    expect((await api(sandbox.url, '/users?type=CurrentUser', tokens.access_token)).status).toBe(200);
    for (let i = 0; i < 2; i++) expect(await apiJson(sandbox.url, '/org', tokens.access_token)).toMatchObject({ status: 503, body: { oops: true } });
    expect((await api(sandbox.url, '/org', tokens.access_token)).status).toBe(200);
    const log = await control(sandbox.url, 'GET', '/__sandbox/log');
    expect(log.entries.filter((e: { fault?: string }) => e.fault === 'status')).toHaveLength(2);
  });

  it('a 500 without a body answers Zoho’s INTERNAL_ERROR on the API', async () => {
    const tokens = await login(sandbox.url);
    await control(sandbox.url, 'POST', '/__sandbox/faults', { match: { path: '/crm/v8/' }, count: 1, status: 500 });
    expect(await apiJson(sandbox.url, '/org', tokens.access_token)).toMatchObject({ status: 500, body: { code: 'INTERNAL_ERROR', status: 'error' } });
  });

  it('drop "before" destroys the socket without handling the request', async () => {
    const tokens = await login(sandbox.url);
    await control(sandbox.url, 'POST', '/__sandbox/faults', { match: { path: '/oauth/v2/token' }, count: 1, drop: 'before' });
    await expect(refresh(sandbox.url, tokens.refresh_token)).rejects.toThrow();
    const log = await control(sandbox.url, 'GET', '/__sandbox/log');
    expect(log.entries.at(-1)).toMatchObject({ path: '/oauth/v2/token', status: 0, fault: 'before' });
    // Nothing was minted: the refresh token still has its full allowance of 10.
    for (let i = 0; i < 10; i++) expect((await refresh(sandbox.url, tokens.refresh_token)).status).toBe(200);
  });

  it('drop "after" applies the effect, then destroys the socket', async () => {
    const tokens = await login(sandbox.url);
    await control(sandbox.url, 'POST', '/__sandbox/faults', { match: { method: 'POST', path: '/oauth/v2/token/revoke' }, count: 1, drop: 'after' });
    await expect(fetch(`${sandbox.url}/oauth/v2/token/revoke?token=${tokens.refresh_token}`, { method: 'POST' })).rejects.toThrow();
    // The revoke happened even though the client never heard back.
    expect((await control(sandbox.url, 'GET', '/__sandbox/state')).refreshTokens[0].revoked).toBe(true);
    expect((await api(sandbox.url, '/org', tokens.access_token)).status).toBe(401);
    const log = await control(sandbox.url, 'GET', '/__sandbox/log');
    const revoke = log.entries.find((e: { path: string }) => e.path === '/oauth/v2/token/revoke');
    expect(revoke).toMatchObject({ status: 0, fault: 'after', userId: SEED.users.rep.id });
  });

  it('DELETE clears faults; bad faults are refused', async () => {
    await control(sandbox.url, 'POST', '/__sandbox/faults', { count: 3, status: 502 });
    expect((await control(sandbox.url, 'GET', '/__sandbox/faults')).faults).toHaveLength(1);
    await control(sandbox.url, 'DELETE', '/__sandbox/faults');
    expect((await fetch(`${sandbox.url}/crm/org20104578/tab/Contacts`)).status).toBe(200);
    expect((await post('/__sandbox/faults', { count: 1 })).status).toBe(400);
    expect((await post('/__sandbox/faults', { count: 0, status: 500 })).status).toBe(400);
    expect((await post('/__sandbox/faults', { count: 1, drop: 'sideways' })).status).toBe(400);
  });

  it('never applies to the control API', async () => {
    await control(sandbox.url, 'POST', '/__sandbox/faults', { count: 1, status: 500 });
    expect((await fetch(`${sandbox.url}/__sandbox/config`)).status).toBe(200);
    expect((await control(sandbox.url, 'GET', '/__sandbox/faults')).faults).toHaveLength(1);
  });
});

describe('log', () => {
  it('records every request except the control API and UI assets, with counts', async () => {
    const tokens = await login(sandbox.url);
    await refresh(sandbox.url, tokens.refresh_token);
    await api(sandbox.url, '/org', tokens.access_token);
    await fetch(`${sandbox.url}/crm/org20104578/tab/Contacts`);
    await fetch(`${sandbox.url}/__sandbox/ui/app.js`);
    await fetch(`${sandbox.url}/oauth/v2/token/revoke?token=${tokens.refresh_token}`, { method: 'POST' });

    const log = await control(sandbox.url, 'GET', '/__sandbox/log');
    expect(log.entries.map((e: { method: string; path: string; status: number }) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      'POST /oauth/v2/auth/approve 302',
      'POST /oauth/v2/token 200',
      'POST /oauth/v2/token 200',
      'GET /crm/v8/org 200',
      'GET /crm/org20104578/tab/Contacts 200',
      'POST /oauth/v2/token/revoke 200',
    ]);
    expect(log.entries[1]).toMatchObject({ seq: 2, grantType: 'authorization_code', userId: SEED.users.rep.id });
    expect(log.entries[2]).toMatchObject({ grantType: 'refresh_token' });
    expect(log.entries[3]).toMatchObject({ userId: SEED.users.rep.id, durationMs: expect.any(Number), at: expect.any(String) });
    expect(log.counts).toEqual({ authorizationCode: 1, refresh: 1, revoke: 1, api: 1, ai: 0, throttled: 0, tooManyRequests: 0 });
    expect(log.creditsUsed).toBe(1);
    // Tokens never reach the log.
    expect(JSON.stringify(log)).not.toContain(tokens.refresh_token);

    await control(sandbox.url, 'DELETE', '/__sandbox/log');
    const cleared = await control(sandbox.url, 'GET', '/__sandbox/log');
    expect(cleared.entries).toEqual([]);
    expect(cleared.counts.authorizationCode).toBe(0);
  });
});

describe('records and state', () => {
  it('returns a stored record or 404', async () => {
    const record = await control(sandbox.url, 'GET', `/__sandbox/records/Deals/${SEED.primary.dealId}`);
    expect(record).toMatchObject({ id: SEED.primary.dealId, Stage: 'Needs Analysis' });
    expect((await fetch(`${sandbox.url}/__sandbox/records/Deals/1`)).status).toBe(404);
    expect((await fetch(`${sandbox.url}/__sandbox/records/Nope/${SEED.primary.dealId}`)).status).toBe(404);
  });

  it('shows refresh tokens and the number of live access tokens', async () => {
    await login(sandbox.url);
    await login(sandbox.url, { userId: SEED.users.admin.id });
    const state = await control(sandbox.url, 'GET', '/__sandbox/state');
    expect(state.activeAccessTokens).toBe(2);
    expect(state.refreshTokens).toEqual([
      expect.objectContaining({ userId: SEED.users.rep.id, revoked: false, createdAt: expect.any(String) }),
      expect.objectContaining({ userId: SEED.users.admin.id, revoked: false }),
    ]);
  });
});
