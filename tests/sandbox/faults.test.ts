// The seeded fault plan of chaos runs: same seed, same faults; only API calls; Zoho's 429 shape;
// tokens_expired expires every access token at once; explicit faults still win.
import { describe, expect, it } from 'vitest';
import { FaultPlan, seededRandom } from '../../sandbox/faults';
import { api, apiJson, control, login, useSandbox } from './helpers';

const sandbox = useSandbox();

describe('fault plan (unit)', () => {
  it('replays the same kinds for the same seed and faults about the asked share', () => {
    const kinds = (seed: number) => {
      const plan = new FaultPlan({ seed, rate: 0.2 });
      return Array.from({ length: 2000 }, () => plan.draw('GET')?.kind ?? null);
    };
    expect(kinds(7)).toEqual(kinds(7));
    expect(kinds(7)).not.toEqual(kinds(8));
    const share = kinds(7).filter(Boolean).length / 2000;
    expect(share).toBeGreaterThan(0.16);
    expect(share).toBeLessThan(0.24);
    expect(new Set(kinds(7).filter(Boolean))).toEqual(new Set(['server_error', 'too_many_requests', 'drop_before', 'drop_after', 'tokens_expired']));
    expect(seededRandom(1)()).toBe(seededRandom(1)());
  });

  it('draws only the weighted kinds and methods asked for, nothing while paused', () => {
    const plan = new FaultPlan({ seed: 3, rate: 1, weights: { drop_after: 1 }, methods: ['POST'] });
    expect(plan.draw('GET')).toBeNull();
    expect(plan.draw('post')).toEqual({ kind: 'drop_after', drop: 'after' });
    plan.paused = true;
    expect(plan.draw('POST')).toBeNull();
    expect(plan.summary()).toMatchObject({ calls: 1, faulted: 1, counts: { drop_after: 1, server_error: 0 } });
  });
});

describe('fault plan (server)', () => {
  it('answers Zoho’s 429 and 500 on the API only, and counts them', async () => {
    const tokens = await login(sandbox.url);
    await control(sandbox.url, 'POST', '/__sandbox/fault-plan', { seed: 1, rate: 1, weights: { too_many_requests: 1 } });
    expect(await apiJson(sandbox.url, '/org', tokens.access_token)).toMatchObject({ status: 429, body: { code: 'TOO_MANY_REQUESTS', status: 'error' } });
    // The accounts server and the control API are never faulted by the plan.
    expect((await fetch(`${sandbox.url}/__sandbox/config`)).status).toBe(200);
    await control(sandbox.url, 'POST', '/__sandbox/fault-plan', { seed: 1, rate: 1, weights: { server_error: 1 } });
    expect(await apiJson(sandbox.url, '/org', tokens.access_token)).toMatchObject({ status: 500, body: { code: 'INTERNAL_ERROR' } });
    expect(await control(sandbox.url, 'GET', '/__sandbox/fault-plan')).toMatchObject({ calls: 1, faulted: 1, counts: { server_error: 1 } });
    const log = await control(sandbox.url, 'GET', '/__sandbox/log');
    expect(log.counts.tooManyRequests).toBe(1);
  });

  it('tokens_expired expires every access token: the call is refused as Zoho refuses an expired one', async () => {
    const tokens = await login(sandbox.url);
    await control(sandbox.url, 'POST', '/__sandbox/fault-plan', { seed: 1, rate: 1, weights: { tokens_expired: 1 } });
    expect((await api(sandbox.url, '/org', tokens.access_token)).status).toBe(401);
    await control(sandbox.url, 'POST', '/__sandbox/fault-plan/pause', { paused: true });
    expect((await api(sandbox.url, '/org', tokens.access_token)).status).toBe(401);
    expect((await control(sandbox.url, 'GET', '/__sandbox/state')).activeAccessTokens).toBe(0);
  });

  it('an explicit fault wins over the plan; reset and DELETE remove the plan', async () => {
    const tokens = await login(sandbox.url);
    await control(sandbox.url, 'POST', '/__sandbox/fault-plan', { seed: 1, rate: 1, weights: { server_error: 1 } });
    await control(sandbox.url, 'POST', '/__sandbox/faults', { match: { path: '/crm/v8/org' }, count: 1, status: 200, body: '<html>oops</html>', contentType: 'text/html' });
    const garbled = await api(sandbox.url, '/org', tokens.access_token);
    expect(garbled.headers.get('content-type')).toBe('text/html');
    expect(await garbled.text()).toBe('<html>oops</html>');
    expect(await control(sandbox.url, 'DELETE', '/__sandbox/fault-plan')).toMatchObject({ calls: 0 });
    expect((await api(sandbox.url, '/org', tokens.access_token)).status).toBe(200);
    await control(sandbox.url, 'POST', '/__sandbox/fault-plan', { seed: 1, rate: 1 });
    await control(sandbox.url, 'POST', '/__sandbox/reset');
    expect(await control(sandbox.url, 'GET', '/__sandbox/fault-plan')).toBeNull();
  });
});
