// Zoho's composite API (POST /crm/v8/__composite_requests): up to five sub-requests in one HTTP
// call. Pure parts here — which reads Zoho lets be a sub-request, the body we send, and each
// sub-request's answer turned back into an ordinary Response — so the client can batch
// independent reads and the rest of its pipeline (401 replacement, retries, zod) stays the same.
//
// Source: Zoho's "Composite API" page (crm/developer/docs/api/v7/composite-api.html, same for v8)
// and zoho-oas-v8/composite_requests.json. Facts relied on:
// - at most 5 sub-requests (INVALID_DATA beyond);
// - "Allowed APIs": Get Org, Get Metadata, Get/Add/Update Pipeline, Get Profiles… without a record
//   cap; Get/Search Records, Get Related Records, Get Notes, Get Users and COQL with at most 25
//   records a sub-request (a COQL `limit 26` sub-request answers LIMIT_EXCEEDED in Zoho's own
//   sample); anything else answers NOT_SUPPORTED (users_unavailability, business_hours and
//   holidays are not listed: never batched);
// - one API credit when rollback_on_fail is false, whatever the sub-requests are;
// - "each composite API consumes five concurrency credits" (the client counts it as one slot;
//   UNCONFIRMED how Zoho's 429 then behaves at a cap of 5 — see sandbox/README.md);
// - the answer: `__composite_requests: [{ code, status, message, details: { response: {
//   status_code, body, headers } } }]`, in the order sent; 200 when every sub-request ran, 207
//   when only some did, 400 when none did.

/** Zoho's cap on sub-requests per composite call. */
export const COMPOSITE_MAX = 5;
/** Records a batched read may ask for (COQL `limit`, `per_page`, `ids`). */
export const COMPOSITE_RECORDS = 25;
export const COMPOSITE_PATH = '/__composite_requests';

export interface SubRequest {
  method: 'GET' | 'POST';
  /** Path under /crm/v8, as the client takes it: `/Contacts/123`, `/coql`. */
  path: string;
  query?: Record<string, string> | undefined;
  body?: unknown;
}

/** Metadata reads Zoho allows without a record cap ("Get Org, Get Metadata, Get Pipeline, Get Profiles, Get Currencies"). */
const UNCAPPED = [/^\/org$/, /^\/settings\/(fields|layouts|modules|pipeline|profiles|currencies)(\/[^/]+)?$/];
/** Paths that are not records though they look like `/{module}`. */
const NOT_RECORDS = /^\/(settings|users|org|coql|__composite_requests)(\/|$)/;

function capped(value: string | undefined, max: number): boolean {
  if (value === undefined) return false;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= max;
}

/** The `limit` of a COQL query (`limit n` or `limit offset, n`), or null when it has none. */
export function coqlLimit(query: string): number | null {
  const match = /\blimit\s+(\d+)(?:\s*,\s*(\d+))?\s*$/i.exec(query.trim());
  if (!match) return null;
  return Number(match[2] ?? match[1]);
}

/**
 * Whether Zoho lets this read be a sub-request, within the record cap. Reads only: writes go
 * through the outbox one by one (each must be looked up by its marker after a lost answer).
 */
export function batchable(request: SubRequest): boolean {
  const { method, path, query = {} } = request;
  if (method === 'POST') {
    if (path !== '/coql') return false;
    const select = (request.body as { select_query?: unknown } | undefined)?.select_query;
    if (typeof select !== 'string') return false;
    const limit = coqlLimit(select);
    return limit !== null && limit <= COMPOSITE_RECORDS;
  }
  if (UNCAPPED.some((pattern) => pattern.test(path))) return true;
  if (path === '/users') return capped(query.per_page, COMPOSITE_RECORDS) || query.type === 'CurrentUser';
  if (NOT_RECORDS.test(path)) return false;
  const segments = path.split('/').filter(Boolean);
  // GET /{module}/{id}: one record.
  if (segments.length === 2 && segments[1] !== 'search' && segments[1] !== 'actions' && segments[1] !== 'deleted') return true;
  // GET /{module}?ids= or ?per_page= (and search), related lists: at most 25 records.
  const ids = query.ids?.split(',').filter(Boolean).length ?? 0;
  if (segments.length === 1 || (segments.length === 2 && segments[1] === 'search') || segments.length === 3) {
    return (ids > 0 && ids <= COMPOSITE_RECORDS) || capped(query.per_page, COMPOSITE_RECORDS);
  }
  return false;
}

/** The composite body: independent reads, no rollback (so one credit), Zoho's default parallel execution. */
export function compositeBody(subs: readonly SubRequest[], version = 'v8') {
  if (subs.length === 0 || subs.length > COMPOSITE_MAX) throw new RangeError(`a composite call takes 1 to ${COMPOSITE_MAX} sub-requests`);
  return {
    rollback_on_fail: false,
    __composite_requests: subs.map((sub, index) => ({
      sub_request_id: String(index + 1),
      method: sub.method,
      uri: `/crm/${version}${sub.path}`,
      params: sub.query ?? {},
      body: sub.body ?? {},
      headers: {},
    })),
  };
}

/** One sub-request's outcome: its own answer, or why Zoho did not run it (then it is sent on its own). */
export type SubOutcome = { kind: 'answer'; response: Response } | { kind: 'not_run'; code: string };

/**
 * Each sub-request's answer as the Response a direct call would have given (status, body,
 * headers), or `not_run` with Zoho's code (NOT_SUPPORTED, LIMIT_EXCEEDED, a missing entry…).
 * Null when the body is not a composite answer at all.
 */
export function parseComposite(body: unknown, count: number): SubOutcome[] | null {
  const list = (body as { __composite_requests?: unknown } | null)?.__composite_requests;
  if (!Array.isArray(list)) return null;
  return Array.from({ length: count }, (_, index): SubOutcome => {
    const entry = list[index] as { code?: unknown; details?: { response?: { status_code?: unknown; body?: unknown; headers?: unknown } } } | undefined;
    const response = entry?.details?.response;
    if (!entry || entry.code !== 'SUCCESS' || !response || typeof response.status_code !== 'number') {
      return { kind: 'not_run', code: typeof entry?.code === 'string' ? entry.code : 'MISSING' };
    }
    const status = response.status_code;
    // Ran, but over the composite cap (Zoho's sample: `limit 26` → LIMIT_EXCEEDED, by limit 25): asked on its own instead.
    const refusal = response.body as { code?: unknown; details?: { by?: unknown } } | null;
    if (status === 400 && refusal?.code === 'LIMIT_EXCEEDED' && refusal.details?.by === 'limit') return { kind: 'not_run', code: 'LIMIT_EXCEEDED' };
    const headers = new Headers();
    for (const [key, value] of Object.entries((response.headers as Record<string, unknown> | null) ?? {})) if (typeof value === 'string') headers.set(key, value);
    const empty = status === 204 || response.body === null || response.body === undefined;
    if (!empty) headers.set('content-type', 'application/json');
    return { kind: 'answer', response: new Response(empty ? null : JSON.stringify(response.body), { status, headers }) };
  });
}

/**
 * A refusal of the composite call itself that means "not for this connection" (an edition or
 * version without it, a grant without ZohoCRM.composite_requests.CUSTOM, no permission): the
 * client stops batching for the connection and sends each read on its own.
 */
export function compositeRefused(status: number, code: string | null): boolean {
  if (status === 401) return code === 'OAUTH_SCOPE_MISMATCH';
  if (status === 403 || status === 404 || status === 405) return true;
  return status === 400 && code !== null && ['API_NOT_SUPPORTED', 'NOT_SUPPORTED', 'INVALID_URL_PATTERN', 'FEATURE_NOT_SUPPORTED', 'FEATURE_NOT_ENABLED', 'NOT_ALLOWED'].includes(code);
}
