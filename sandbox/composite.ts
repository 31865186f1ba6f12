// POST /crm/v8/__composite_requests as Zoho documents it (composite_requests.json of zoho-oas-v8,
// and Zoho's "Composite API" page, v7 = v8): up to five sub-requests in one call, each answered in
// its own entry, in the order sent.
//
// - Body: `rollback_on_fail` and `parallel_execution` (the page's name; the OAS says
//   `concurrent_execution`: both are read) are optional booleans, never both true
//   (AMBIGUITY_DURING_PROCESSING); `__composite_requests` is mandatory (MANDATORY_NOT_FOUND), an
//   array (INVALID_DATA) of 1–5 (INVALID_DATA, maximum_length 5).
// - Each sub-request: `method` GET/POST/PUT/PATCH/DELETE, `uri` matching
//   /crm(/.*)?/v[0-9]+([.][0-9]+)?/.*, at a version no higher than the composite call's
//   (NOT_ALLOWED), `sub_request_id` [a-zA-Z0-9][a-zA-Z0-9_]* and unique (DUPLICATE_DATA),
//   `headers` without authorization or x-crm-org, `params`, `body`. References
//   `@{sub_request_id:$.json.path}` in uri, params or body take a value from an earlier answer
//   (INVALID_REFERENCE when it is not there or its sub-request failed).
// - "Allowed APIs" only (NOT_SUPPORTED otherwise); record caps: writes one record, reads 25
//   (a COQL `limit` above 25 answers LIMIT_EXCEEDED inside its entry, as in Zoho's sample).
// - Status: 200 when every sub-request ran, 207 when some did, 400 when none did. With
//   rollback_on_fail, sub-requests run in order and the first failure undoes the earlier ones
//   (ROLLBACK_PERFORMED, PROCESSING_STOPPED for those not run, 400).
// - Credits: one (handle() took it); two when rollback_on_fail is true and nothing was rolled
//   back. Concurrency: five per composite call (server.ts).
import type { RouteContext, SandboxResponse } from './http';
import { json } from './http';
import type { SandboxState } from './state';

export const COMPOSITE_MAX = 5;
const RECORD_CAP = 25;
const URI = /^\/crm(\/.*)?\/v([0-9]+)([.][0-9]+)?\/(.*)$/;
const SUB_ID = /^[a-zA-Z0-9][a-zA-Z0-9_]*$/;
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const COMPOSITE_VERSION = 8;

type Entry = { code: string; details: Record<string, unknown>; message: string; status: 'success' | 'error' };

const error = (code: string, message: string, details: Record<string, unknown> = {}): Entry => ({ code, details, message, status: 'error' });
const whole = (status: number, entry: Entry) => json(status, entry);

/** Which API a sub-request is, by Zoho's "Allowed APIs" table: null when it is not allowed. */
export function allowedApi(method: string, path: string): { cap: number | null; reads: boolean } | null {
  const segments = path.split('/').filter(Boolean);
  const [first, second] = segments;
  if (method === 'GET' && path === '/org') return { cap: null, reads: true };
  if (method === 'GET' && first === 'settings' && ['fields', 'layouts', 'modules', 'pipeline', 'profiles', 'currencies'].includes(second ?? '')) return { cap: null, reads: true };
  if (method === 'POST' && path === '/coql') return { cap: RECORD_CAP, reads: true };
  if (first === 'users') return method === 'GET' ? { cap: RECORD_CAP, reads: true } : ['POST', 'PUT', 'DELETE'].includes(method) ? { cap: 1, reads: false } : null;
  if (!first || first === 'settings' || first === 'org' || first === 'coql' || first.startsWith('__')) return null;
  if (method === 'GET') return segments.length <= 3 ? { cap: RECORD_CAP, reads: true } : null;
  // Create/Update/Upsert/Delete records, notes, related records: one record; bulk delete is not.
  if (method === 'DELETE' && segments.length < 2) return null;
  return { cap: 1, reads: false };
}

/** `$.a.b[0].c` on a value. */
function jsonPath(value: unknown, path: string): unknown {
  if (!path.startsWith('$')) return undefined;
  const steps = path.slice(1).match(/\.[^.[\]]+|\[\d+\]/g) ?? [];
  let current = value;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    current = step.startsWith('[') ? (current as unknown[])[Number(step.slice(1, -1))] : (current as Record<string, unknown>)[step.slice(1)];
  }
  return current;
}

class ReferenceError_ extends Error {}

/** Replaces `@{id:$.path}` in every string of `value` from the answers so far. */
function resolve(value: unknown, answers: Map<string, { ok: boolean; body: unknown }>): unknown {
  if (typeof value === 'string') {
    return value.replace(/@\{([^:}]+):([^}]+)\}/g, (_, id: string, path: string) => {
      const answer = answers.get(id);
      if (!answer || !answer.ok) throw new ReferenceError_(id);
      const found = jsonPath(answer.body, path);
      if (found === undefined || found === null || typeof found === 'object') throw new ReferenceError_(id);
      return String(found);
    });
  }
  if (Array.isArray(value)) return value.map((item) => resolve(item, answers));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item, answers)]));
  return value;
}

function recordCount(method: string, query: URLSearchParams, body: unknown): number {
  if (method === 'POST' && typeof (body as { select_query?: unknown })?.select_query === 'string') {
    const match = /\blimit\s+(\d+)(?:\s*,\s*(\d+))?\s*$/i.exec(((body as { select_query: string }).select_query).trim());
    return match ? Number(match[2] ?? match[1]) : 200;
  }
  if (method === 'GET') {
    const ids = query.get('ids');
    if (ids) return ids.split(',').filter(Boolean).length;
    return Number(query.get('per_page') ?? 1);
  }
  const data = (body as { data?: unknown })?.data;
  return Array.isArray(data) ? data.length : 1;
}

/**
 * The composite call. `run` serves one sub-request as a direct call would (scopes included), with
 * no credit of its own.
 */
export function composite(ctx: RouteContext, sandbox: SandboxState, run: (sub: RouteContext) => SandboxResponse): SandboxResponse {
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(ctx.req.body || 'null') as Record<string, unknown>;
  } catch {
    return whole(400, error('INVALID_DATA', 'body is not a valid JSON', {}));
  }
  if (!input || typeof input !== 'object' || Array.isArray(input)) return whole(400, error('INVALID_DATA', 'invalid data', {}));
  const flag = (key: string): boolean | 'invalid' | undefined => {
    const value = input[key];
    return value === undefined || value === null ? undefined : typeof value === 'boolean' ? value : 'invalid';
  };
  const rollback = flag('rollback_on_fail');
  const parallelKey = input.parallel_execution !== undefined ? 'parallel_execution' : 'concurrent_execution';
  const parallel = flag(parallelKey);
  for (const [key, value] of [['rollback_on_fail', rollback], [parallelKey, parallel]] as const) {
    if (value === 'invalid') return whole(400, error('INVALID_DATA', 'invalid data', { api_name: key, json_path: `$.${key}`, expected_data_type: 'boolean' }));
  }
  if (rollback === true && parallel === true) {
    return whole(400, error('AMBIGUITY_DURING_PROCESSING', 'rollback_on_fail and parallel_execution cannot both be true', {
      ambiguity_due_to: [
        { api_name: 'rollback_on_fail', json_path: '$.rollback_on_fail' },
        { api_name: parallelKey, json_path: `$.${parallelKey}` },
      ],
    }));
  }
  const list = input.__composite_requests;
  if (list === undefined || list === null) return whole(400, error('MANDATORY_NOT_FOUND', 'required field not found', { api_name: '__composite_requests', json_path: '$.__composite_requests' }));
  if (!Array.isArray(list) || list.length === 0) return whole(400, error('INVALID_DATA', 'invalid data', { api_name: '__composite_requests', json_path: '$.__composite_requests', expected_data_type: 'jsonarray' }));
  if (list.length > COMPOSITE_MAX) {
    return whole(400, error('INVALID_DATA', 'the number of sub requests exceeds the limit', { api_name: '__composite_requests', json_path: '$.__composite_requests', maximum_length: COMPOSITE_MAX }));
  }

  const ids = list.map((sub, index) => {
    const id = (sub as { sub_request_id?: unknown } | null)?.sub_request_id;
    return typeof id === 'string' ? id : String(index);
  });
  const entries: Entry[] = [];
  const answers = new Map<string, { ok: boolean; body: unknown }>();
  const atomic = rollback === true;
  const snapshot = atomic ? sandbox.store.snapshot() : null;
  let failedAt: number | null = null;
  let ran = 0;
  const subRequests: string[] = [];

  for (const [index, raw] of list.entries()) {
    const path = (key: string) => `$.__composite_requests[${index}].${key}`;
    if (failedAt !== null) {
      entries.push(error('PROCESSING_STOPPED', 'the transaction was rolled back since another sub request in the same transaction failed.', { rollbacked_by_sub_request_index: failedAt }));
      continue;
    }
    const entry = runOne(raw, index, path);
    entries.push(entry);
    const ok = entry.status === 'success' && ((entry.details.response as { status_code: number } | undefined)?.status_code ?? 500) < 400;
    if (entry.status === 'success') ran += 1;
    answers.set(ids[index]!, { ok, body: (entry.details.response as { body?: unknown } | undefined)?.body });
    if (atomic && !ok) failedAt = index;
  }

  ctx.meta.subRequests = subRequests;
  if (atomic && failedAt !== null) {
    sandbox.store.restore(snapshot!);
    const rolled = entries.map((entry, index) =>
      index < failedAt! ? error('ROLLBACK_PERFORMED', 'the transaction was rolled back since another sub request in the same transaction failed.', { rollbacked_by_sub_request_index: failedAt }) : entry,
    );
    return json(400, { __composite_requests: rolled });
  }
  // Kept (rollback_on_fail and nothing undone): a second credit.
  if (atomic) sandbox.creditsUsed += 1;
  const status = ran === list.length ? 200 : ran === 0 ? 400 : 207;
  return json(status, { __composite_requests: entries });

  function runOne(raw: unknown, index: number, path: (key: string) => string): Entry {
    const sub = (raw ?? {}) as { sub_request_id?: unknown; method?: unknown; uri?: unknown; params?: unknown; body?: unknown; headers?: unknown };
    if (sub.sub_request_id !== undefined && sub.sub_request_id !== null && (typeof sub.sub_request_id !== 'string' || !SUB_ID.test(sub.sub_request_id))) {
      return error('INVALID_DATA', 'invalid data', { api_name: 'sub_request_id', json_path: path('sub_request_id'), regex: SUB_ID.source });
    }
    const twins = ids.map((id, i) => (id === ids[index] ? i : -1)).filter((i) => i >= 0);
    if (typeof sub.sub_request_id === 'string' && twins.length > 1) {
      return error('DUPLICATE_DATA', 'duplicate data', { api_name: 'sub_request_id', json_path: path('sub_request_id'), sub_request_indexes: twins });
    }
    if (sub.method === undefined || sub.method === null) return error('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'method', json_path: path('method') });
    const method = typeof sub.method === 'string' ? sub.method.toUpperCase() : '';
    if (!METHODS.has(method)) return error('INVALID_DATA', 'invalid data', { api_name: 'method', json_path: path('method') });
    if (sub.uri === undefined || sub.uri === null) return error('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'uri', json_path: path('uri') });
    if (typeof sub.uri !== 'string') return error('INVALID_DATA', 'invalid data', { api_name: 'uri', json_path: path('uri'), expected_data_type: 'string' });
    const uri = URI.exec(sub.uri.split('?')[0]!);
    if (!uri) return error('INVALID_DATA', 'invalid data', { api_name: 'uri', json_path: path('uri'), regex: URI.source });
    if (Number(uri[2]) > COMPOSITE_VERSION) {
      return error('NOT_ALLOWED', 'sub request version is higher than the composite request version', { sub_request_version: Number(uri[2]), composite_request_version: COMPOSITE_VERSION });
    }
    const headers = (sub.headers && typeof sub.headers === 'object' ? sub.headers : {}) as Record<string, unknown>;
    const restricted = Object.keys(headers).filter((name) => ['authorization', 'x-crm-org'].includes(name.toLowerCase()));
    if (restricted.length > 0) return error('INVALID_DATA', 'invalid data', { api_name: 'headers', json_path: path('headers'), restricted_headers: restricted });

    let resolved: { uri: string; params: unknown; body: unknown };
    try {
      resolved = resolve({ uri: `/${uri[4]}`, params: sub.params ?? {}, body: sub.body ?? null }, answers) as typeof resolved;
    } catch (failure) {
      if (failure instanceof ReferenceError_) return error('INVALID_REFERENCE', 'invalid reference', { api_name: 'uri', json_path: path('uri'), reference: failure.message });
      throw failure;
    }
    const apiPath = resolved.uri.replace(/\/+$/, '') || '/';
    const api = allowedApi(method, apiPath);
    if (!api) return error('NOT_SUPPORTED', 'the given API is not supported in composite request', { api_name: 'uri', json_path: path('uri') });
    const url = new URL(`/crm/v8${apiPath}`, ctx.req.url);
    for (const [key, value] of Object.entries((resolved.params ?? {}) as Record<string, unknown>)) url.searchParams.set(key, String(value));
    const body = resolved.body && typeof resolved.body === 'object' && Object.keys(resolved.body).length > 0 ? resolved.body : null;
    subRequests.push(`${method} ${url.pathname}`);
    let response: SandboxResponse;
    // Faults planned for this path (POST /__sandbox/faults) hit the sub-request as they would the
    // direct call: its status and body, or a malformed body, in its entry; a dropped or cut-off
    // answer spoils the whole composite call's answer.
    const fault = sandbox.takeFault(method, url.pathname + url.search);
    if (fault && (fault.drop || fault.truncated)) ctx.meta.compositeFault = fault.drop ? 'drop' : 'truncated';
    if (fault && (fault.status !== undefined || fault.body !== undefined)) {
      const status = fault.status ?? 500;
      response =
        fault.body === undefined
          ? json(status, { code: status === 500 ? 'INTERNAL_ERROR' : 'SANDBOX_FAULT', details: {}, message: 'injected by the sandbox', status: 'error' })
          : typeof fault.body === 'string'
            ? { status, headers: { 'content-type': fault.contentType ?? 'text/plain; charset=utf-8' }, body: fault.body }
            : json(status, fault.body);
    } else if (fault?.malformed) {
      response = json(200, { data: 'oops' });
    } else if (api.cap !== null && recordCount(method, url.searchParams, body) > api.cap) {
      // As in Zoho's own sample: the sub-request ran and answered LIMIT_EXCEEDED.
      response = json(400, { code: 'LIMIT_EXCEEDED', details: { by: 'limit', limit: api.cap }, message: 'limit exceeded', status: 'error' });
    } else {
      const subHeaders = Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), String(value)]));
      response = run({
        req: { method, url, headers: { ...subHeaders, authorization: ctx.req.headers.authorization }, origin: ctx.req.origin, body: body ? JSON.stringify(body) : '' },
        params: {},
        meta: {},
      });
    }
    const text = response.body === undefined ? '' : String(response.body);
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return {
      code: 'SUCCESS',
      details: { response: { headers: { 'content-type': 'application/json;charset=utf-8', ...(response.headers ?? {}) }, body: parsed, status_code: response.status } },
      message: 'composite sub request executed successfully',
      status: 'success',
    };
  }
}
