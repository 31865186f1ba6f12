// The client's batching (ClientOptions.batch): independent reads asked together go out as one
// composite call, each caller gets its own answer as a direct call would give it, and a
// connection whose composite call Zoho refuses gets its reads one by one from then on.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AccessToken } from '../auth/tokens';
import { createZohoClient, type ClientOptions, type TokenSource } from './client';

type Seen = { method: string; path: string; body: unknown };
type Answer = { status: number; body?: unknown };

const record = (id: string) => ({ data: [{ id }] });
const sub = (status_code: number, body: unknown) => ({
  code: 'SUCCESS',
  details: { response: { headers: { 'content-type': 'application/json;charset=utf-8' }, status_code, body } },
  message: 'composite sub request executed successfully',
  status: 'success',
});
const rows = z.object({ data: z.array(z.object({ id: z.string() }).passthrough()) });

/** A fake Zoho: `answer` decides each call's answer from what was sent. */
function setup(answer: (seen: Seen) => Answer, options: Partial<ClientOptions> = {}) {
  const seen: Seen[] = [];
  const tokens: TokenSource = {
    get: async (): Promise<AccessToken> => ({ accessToken: 'T1', apiDomain: 'https://www.zohoapis.com', expiresAt: Infinity }),
    replace: async () => ({ accessToken: 'T2', apiDomain: 'https://www.zohoapis.com', expiresAt: Infinity }),
  };
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const call = { method: init?.method ?? 'GET', path: `${url.pathname}${url.search}`, body: init?.body ? JSON.parse(String(init.body)) : undefined };
    seen.push(call);
    const { status, body } = answer(call);
    return body === undefined ? new Response(null, { status }) : Response.json(body, { status });
  }) as typeof fetch;
  const client = createZohoClient({ fetch: fetchImpl, tokens, retries: 1, sleep: async () => {}, random: () => 0, batch: { windowMs: 5 }, ...options });
  return { client, seen };
}

/** Answers each sub-request of a composite call as `each` says, in order. */
const composite = (each: (uri: string, params: Record<string, string>) => unknown) => (call: Seen): Answer => {
  if (!call.path.startsWith('/crm/v8/__composite_requests')) return { status: 200, body: record(`direct ${call.path}`) };
  const subs = (call.body as { __composite_requests: { uri: string; params: Record<string, string> }[] }).__composite_requests;
  return { status: 200, body: { __composite_requests: subs.map((s) => each(s.uri, s.params)) } };
};

describe('batching reads into composite calls', () => {
  it('reads asked together are one call; each caller gets its own answer', async () => {
    const { client, seen } = setup(composite((uri) => sub(200, record(uri))));
    const answers = await Promise.all([
      client.request('/Contacts/1', rows, { query: { fields: 'Full_Name' } }),
      client.request('/settings/fields', z.unknown(), { query: { module: 'Deals' } }),
      client.request('/coql', rows, { method: 'POST', idempotent: true, body: { select_query: 'select id from Deals where id is not null limit 25' } }),
    ]);
    expect(seen.map((s) => s.path)).toEqual(['/crm/v8/__composite_requests']);
    expect(seen[0]!.body).toMatchObject({ rollback_on_fail: false });
    expect(answers).toEqual([record('/crm/v8/Contacts/1'), record('/crm/v8/settings/fields'), record('/crm/v8/coql')]);
  });

  it('five at most a call', async () => {
    const { client, seen } = setup(composite((uri) => sub(200, record(uri))));
    await Promise.all(Array.from({ length: 7 }, (_, i) => client.request(`/Deals/${i}`, rows)));
    const sizes = seen.map((s) => (s.body as { __composite_requests?: unknown[] } | undefined)?.__composite_requests?.length ?? 1);
    expect(sizes.sort()).toEqual([2, 5]);
  });

  it('a lone read, and reads Zoho does not allow in a composite call, go on their own', async () => {
    const { client, seen } = setup(composite((uri) => sub(200, record(uri))));
    await client.request('/Contacts/1', rows);
    await Promise.all([client.request('/settings/users_unavailability', z.unknown()), client.request('/settings/business_hours', z.unknown())]);
    expect(seen.map((s) => s.path).sort()).toEqual(['/crm/v8/Contacts/1', '/crm/v8/settings/business_hours', '/crm/v8/settings/users_unavailability']);
  });

  it('a sub-request’s refusal is that caller’s error, in Zoho’s words; the others still get theirs', async () => {
    const { client } = setup(
      composite((uri) => (uri.endsWith('/2') ? sub(400, { code: 'INVALID_URL_PATTERN', details: {}, message: 'Please check if the URL trying to access is a correct one', status: 'error' }) : sub(200, record(uri)))),
    );
    const [one, two] = await Promise.allSettled([client.request('/Deals/1', rows), client.request('/Deals/2', rows)]);
    expect(one).toMatchObject({ status: 'fulfilled', value: record('/crm/v8/Deals/1') });
    expect(two).toMatchObject({ status: 'rejected', reason: { code: 'not_found' } });
  });

  it('a 204 sub-answer is null, as a direct 204 is', async () => {
    const { client } = setup(composite((uri) => (uri.endsWith('/2') ? sub(204, null) : sub(200, record(uri)))));
    const answers = await Promise.all([client.request('/Deals/1', rows), client.request('/Deals/2', rows)]);
    expect(answers).toEqual([record('/crm/v8/Deals/1'), null]);
  });

  it('a sub-request Zoho did not run (NOT_SUPPORTED, over the cap) is asked on its own', async () => {
    const { client, seen } = setup(
      composite((uri) =>
        uri.endsWith('/2')
          ? { code: 'NOT_SUPPORTED', details: { api_name: 'uri', json_path: '$.__composite_requests[1].uri' }, message: 'the given API is not supported', status: 'error' }
          : sub(400, { code: 'LIMIT_EXCEEDED', details: { by: 'limit', limit: 25 }, message: 'limit exceeded', status: 'error' }),
      ),
    );
    const answers = await Promise.all([client.request('/Deals/1', rows), client.request('/Deals/2', rows)]);
    expect(answers).toEqual([record('direct /crm/v8/Deals/1'), record('direct /crm/v8/Deals/2')]);
    expect(seen.map((s) => s.path).sort()).toEqual(['/crm/v8/Deals/1', '/crm/v8/Deals/2', '/crm/v8/__composite_requests']);
  });

  it.each([
    ['a grant without the composite scope', 401, { code: 'OAUTH_SCOPE_MISMATCH', details: {}, message: 'invalid oauth scope to access this URL', status: 'error' }],
    ['an edition or version without it', 400, { code: 'API_NOT_SUPPORTED', details: {}, message: 'composite API is not supported', status: 'error' }],
    ['no permission', 403, { code: 'NO_PERMISSION', details: {}, message: 'permission denied', status: 'error' }],
  ])('Zoho refusing the composite call itself (%s): each read on its own, now and from then on', async (_, status, body) => {
    const { client, seen } = setup((call) => (call.path.startsWith('/crm/v8/__composite_requests') ? { status, body } : { status: 200, body: record(call.path) }));
    const first = await Promise.all([client.request('/Deals/1', rows), client.request('/Deals/2', rows)]);
    expect(first).toEqual([record('/crm/v8/Deals/1'), record('/crm/v8/Deals/2')]);
    await Promise.all([client.request('/Deals/3', rows), client.request('/Deals/4', rows)]);
    expect(seen.filter((s) => s.path.startsWith('/crm/v8/__composite_requests'))).toHaveLength(1);
    expect(seen.map((s) => s.path).filter((p) => p.startsWith('/crm/v8/Deals')).sort()).toEqual(['/crm/v8/Deals/1', '/crm/v8/Deals/2', '/crm/v8/Deals/3', '/crm/v8/Deals/4']);
  });

  /** A client whose composite calls answer 200 with a body that `body` gives (a stream may break off), and direct reads their path. */
  function withCompositeBody(body: (signal: AbortSignal | null | undefined, n: number) => ReadableStream<Uint8Array> | string) {
    const seen: string[] = [];
    let composites = 0;
    const tokens: TokenSource = {
      get: async (): Promise<AccessToken> => ({ accessToken: 'T1', apiDomain: 'https://www.zohoapis.com', expiresAt: Infinity }),
      replace: async () => ({ accessToken: 'T2', apiDomain: 'https://www.zohoapis.com', expiresAt: Infinity }),
    };
    const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = new URL(String(input)).pathname;
      seen.push(path);
      if (!path.endsWith('__composite_requests')) return Response.json(record(path));
      return new Response(body(init?.signal, ++composites), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    const client = createZohoClient({ fetch: fetchImpl, tokens, retries: 1, sleep: async () => {}, random: () => 0, batch: { windowMs: 5 } });
    const pair = (n: number, signal?: AbortSignal) => Promise.allSettled([client.request(`/Deals/${n}`, rows, signal ? { signal } : {}), client.request(`/Deals/${n + 1}`, rows, signal ? { signal } : {})]);
    return { seen, pair, composites: () => seen.filter((path) => path.endsWith('__composite_requests')).length };
  }
  const cut = () =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"__composite_requests":[{"code":"SUCC'));
        controller.error(new TypeError('network error'));
      },
    });

  it('a composite answer cut off mid-body: its reads go one by one, and the next reads are batched again (three in a row: one by one from then on)', async () => {
    const { pair, composites, seen } = withCompositeBody(cut);
    expect((await pair(1)).map((r) => r.status === 'fulfilled' && r.value)).toEqual([record('/crm/v8/Deals/1'), record('/crm/v8/Deals/2')]);
    await pair(3);
    expect(composites()).toBe(2);
    await pair(5);
    await pair(7);
    await pair(9);
    // The third cut answer in a row marked the connection: pairs 7 and 9 went without one.
    expect(composites()).toBe(3);
    expect(seen.filter((path) => path.startsWith('/crm/v8/Deals/')).length).toBe(10);
  });

  it('every reader of a composite call gives up while its answer comes in (the page was left): its reads end, and the connection still batches', async () => {
    let n = 0;
    const { pair, composites, seen } = withCompositeBody((signal) => {
      n += 1;
      if (n > 1) return JSON.stringify({ __composite_requests: [sub(200, record('a')), sub(200, record('b'))] });
      // The first answer's body waits, then breaks off when the call is given up.
      return new ReadableStream<Uint8Array>({ start: (controller) => signal?.addEventListener('abort', () => controller.error(signal.reason), { once: true }) });
    });
    const left = new AbortController();
    const leaving = pair(1, left.signal);
    await new Promise((resolve) => setTimeout(resolve, 30));
    left.abort(new DOMException('left', 'AbortError'));
    expect((await leaving).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    // Not sent again one by one for nobody, and the next pair is one composite call again.
    expect(seen.filter((path) => path.startsWith('/crm/v8/Deals/'))).toEqual([]);
    expect((await pair(3)).map((r) => r.status === 'fulfilled' && r.value)).toEqual([record('a'), record('b')]);
    expect(composites()).toBe(2);
  });

  it('429 on the composite call (it counts five toward Zoho’s concurrency): its reads go one by one', async () => {
    const { client, seen } = setup((call) =>
      call.path.startsWith('/crm/v8/__composite_requests')
        ? { status: 429, body: { code: 'TOO_MANY_REQUESTS', details: {}, message: 'too many requests', status: 'error' } }
        : { status: 200, body: record(call.path) },
    );
    const answers = await Promise.all([client.request('/Deals/1', rows), client.request('/Deals/2', rows)]);
    expect(answers).toEqual([record('/crm/v8/Deals/1'), record('/crm/v8/Deals/2')]);
    expect(seen.map((s) => s.path).sort()).toEqual(['/crm/v8/Deals/1', '/crm/v8/Deals/2', '/crm/v8/__composite_requests']);
  });

  it('a composite call takes five of the concurrency cap, as Zoho counts it: with a cap of 5 it runs alone', async () => {
    let inFlight = 0;
    let peak = 0;
    const weights: Record<string, number> = {};
    const seen: string[] = [];
    const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = new URL(String(input)).pathname;
      const weight = path.endsWith('__composite_requests') ? 5 : 1;
      weights[path] = weight;
      inFlight += weight;
      peak = Math.max(peak, inFlight);
      seen.push(path);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inFlight -= weight;
      if (!path.endsWith('__composite_requests')) return Response.json(record(path));
      const subs = (JSON.parse(String(init!.body)) as { __composite_requests: { uri: string }[] }).__composite_requests;
      return Response.json({ __composite_requests: subs.map((s) => sub(200, record(s.uri))) });
    }) as typeof fetch;
    const client = createZohoClient({
      fetch: fetchImpl,
      tokens: { get: async () => ({ accessToken: 'T', apiDomain: 'https://www.zohoapis.com', expiresAt: Infinity }), replace: async () => ({ accessToken: 'T', apiDomain: 'https://www.zohoapis.com', expiresAt: Infinity }) },
      maxConcurrent: 5,
      batch: { windowMs: 5 },
    });
    await Promise.all([
      client.request('/Deals/1', rows),
      client.request('/Deals/2', rows),
      client.request('/settings/users_unavailability', z.unknown()),
      client.request('/settings/business_hours', z.unknown()),
    ]);
    expect(seen).toContain('/crm/v8/__composite_requests');
    expect(peak).toBeLessThanOrEqual(5);
  });

  it('a read given up while waiting for the window is never sent', async () => {
    const { client, seen } = setup(composite((uri) => sub(200, record(uri))));
    const leaving = new AbortController();
    const gone = client.request('/Deals/1', rows, { signal: leaving.signal });
    const kept = client.request('/Deals/2', rows);
    leaving.abort(new Error('page left'));
    await expect(gone).rejects.toThrow('page left');
    expect(await kept).toEqual(record('direct /crm/v8/Deals/2'));
    expect(seen.map((s) => s.path)).toEqual(['/crm/v8/Deals/2']);
  });

  it('identical COQL queries in flight are one read', async () => {
    const { client, seen } = setup((call) => ({ status: 200, body: record(call.path) }), { batch: undefined });
    const body = { select_query: 'select id from Events where id is not null limit 200' };
    await Promise.all([client.request('/coql', rows, { method: 'POST', idempotent: true, body }), client.request('/coql', rows, { method: 'POST', idempotent: true, body })]);
    expect(seen).toHaveLength(1);
  });

  it('without `batch`, nothing is batched', async () => {
    const { client, seen } = setup((call) => ({ status: 200, body: record(call.path) }), { batch: undefined });
    await Promise.all([client.request('/Deals/1', rows), client.request('/Deals/2', rows)]);
    expect(seen.map((s) => s.path).sort()).toEqual(['/crm/v8/Deals/1', '/crm/v8/Deals/2']);
  });
});
