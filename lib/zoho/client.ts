// The one way to call Zoho CRM's REST API v8. It adds the token, replaces an expired token once
// and retries once, keeps concurrent calls under a cap (Zoho counts concurrency per org), backs
// off with jitter on 429/5xx/network errors for reads (Zoho sends no Retry-After), shares
// identical reads already in flight, parses every answer with zod, and turns every failure into
// StagecoachError.
import type { z } from 'zod';
import { untilAborted } from '../abort';
import { StagecoachError } from '../errors';
import { batchable, COMPOSITE_MAX, COMPOSITE_PATH, compositeBody, compositeRefused, parseComposite, type SubRequest } from './composite';
import { zohoErrorBody } from './schemas';

export interface ZohoRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
  /**
   * Safe to send again after a failure. GETs are; a COQL POST is; a create is not (the outbox
   * owns retrying writes, because it can look up whether the first try landed).
   */
  idempotent?: boolean;
  /** Answers with these statuses are parsed with the schema instead of thrown (207, 400 per-record results). */
  acceptStatuses?: readonly number[];
  /** False: never in a composite call (a probe of the API itself). Batched when the client batches and Zoho allows it. */
  batch?: boolean;
}

export interface ZohoClient {
  /** Resolves to null when Zoho answers 204 (nothing found). */
  request<S extends z.ZodType>(path: string, schema: S, init?: ZohoRequest): Promise<z.infer<S> | null>;
  setMaxConcurrent(limit: number): void;
}

/** An OAuth access token and the API domain of the data centre it is for. */
export interface AccessToken {
  accessToken: string;
  apiDomain: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** Where the client gets tokens: the TokenManager, or one fixed token while connecting. */
export interface TokenSource {
  get(): Promise<AccessToken>;
  /** A replacement for a token Zoho refused. */
  replace(failed: string): Promise<AccessToken>;
}

export interface ApiCall {
  method: string;
  path: string;
  status: number;
  at: number;
  /** Zoho's `X-API-CREDITS-REMAINING`, sent once half the day's credits are used. */
  creditsRemaining: number | null;
}

export interface ClientOptions {
  fetch: typeof fetch;
  tokens: TokenSource;
  /** Concurrent calls at most (Zoho's per-org limit is 5–25 by edition; COQL 10). */
  maxConcurrent?: number;
  /** Extra attempts for an idempotent call that failed with 429, 5xx or a network error. */
  retries?: number;
  /** Backoff: full jitter over min(maxDelayMs, baseDelayMs · 2^attempt). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  onCall?: (call: ApiCall) => void;
  /**
   * The signal of the connection a call is made for, aborted when that connection ends
   * (disconnect, another account): every call carries it, so nothing it started lands after.
   */
  scope?: () => AbortSignal;
  /**
   * Batch independent reads Zoho allows as sub-requests (lib/zoho/composite.ts) into composite
   * calls: reads asked within `windowMs` of each other go out together, five at most a call. Off
   * when absent. A connection whose composite call Zoho refuses gets its reads one by one.
   */
  batch?: { windowMs: number };
}

/** A request as it travels inside the client: with the connection it was made for. */
type Internal = ZohoRequest & { scope?: AbortSignal | undefined };

interface Queued {
  path: string;
  init: Internal;
  sub: SubRequest;
  resolve(response: Response): void;
  reject(error: unknown): void;
}

export const DEFAULT_MAX_CONCURRENT = 5;
/** "Each composite API consumes five concurrency credits, irrespective of the number of sub-requests." */
const COMPOSITE_WEIGHT = 5;

/**
 * At most `concurrency` units at once, first come first served; a call takes `weight` units (a
 * composite call five, as Zoho counts it, or the whole cap when that is smaller).
 */
function weightedLimit(initial: number) {
  let capacity = initial;
  let used = 0;
  const waiting: { weight: number; start(): void }[] = [];
  const pump = () => {
    while (waiting.length > 0 && used + Math.min(waiting[0]!.weight, capacity) <= capacity) {
      const next = waiting.shift()!;
      used += Math.min(next.weight, capacity);
      next.start();
    }
  };
  const run = <T>(fn: () => Promise<T>, weight = 1): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      waiting.push({
        weight,
        start: () => {
          const taken = Math.min(weight, capacity);
          fn()
            .then(resolve, reject)
            .finally(() => {
              used -= taken;
              pump();
            });
        },
      });
      pump();
    });
  return Object.defineProperty(run, 'concurrency', {
    set(value: number) {
      capacity = value;
      pump();
    },
  }) as typeof run & { concurrency: number };
}

export function createZohoClient(options: ClientOptions): ZohoClient {
  const {
    tokens,
    retries = 3,
    baseDelayMs = 500,
    maxDelayMs = 8000,
    sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    random = Math.random,
    now = Date.now,
  } = options;
  const limit = weightedLimit(options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT);
  /** Reads in flight, shared by every caller that asks the same; aborted when every caller has given up. */
  const inflight = new Map<string, { response: Promise<Response>; controller: AbortController; waiting: number; scope: AbortSignal | undefined }>();

  async function send(url: URL, token: string, init: ZohoRequest): Promise<Response> {
    try {
      const response = await options.fetch(url, {
        method: init.method ?? 'GET',
        headers: {
          Authorization: `Zoho-oauthtoken ${token}`,
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: init.signal,
      });
      const credits = response.headers.get('x-api-credits-remaining');
      options.onCall?.({
        method: init.method ?? 'GET',
        path: url.pathname,
        status: response.status,
        at: now(),
        creditsRemaining: credits === null || Number.isNaN(Number(credits)) ? null : Number(credits),
      });
      return response;
    } catch (cause) {
      if (init.signal?.aborted) throw cause;
      // The browser's words ("Failed to fetch") stay in `cause`: no person reads them.
      throw new StagecoachError('network', { cause });
    }
  }

  /** One try, holding a concurrency slot (five for a composite call): token, call, and on 401 one replacement token. */
  function direct(path: string, init: ZohoRequest): Promise<Response> {
    return limit(async () => {
      // Given up while waiting for a slot: never sent.
      init.signal?.throwIfAborted();
      let token = await tokens.get();
      let response = await send(apiUrl(token.apiDomain, path, init.query), token.accessToken, init);
      if (response.status === 401 && (await errorCode(response.clone())) === 'INVALID_TOKEN') {
        token = await tokens.replace(token.accessToken);
        response = await send(apiUrl(token.apiDomain, path, init.query), token.accessToken, init);
      }
      return response;
    }, path === COMPOSITE_PATH ? COMPOSITE_WEIGHT : 1);
  }

  /** Connections (their scope signals) whose composite calls Zoho refused; `noScope` for a client without one. */
  const refused = new WeakSet<AbortSignal>();
  let refusedNoScope = false;
  const isRefused = (scope: AbortSignal | undefined) => (scope ? refused.has(scope) : refusedNoScope);
  const markRefused = (scope: AbortSignal | undefined) => (scope ? refused.add(scope) : (refusedNoScope = true));
  /** Composite answers in a row that were neither an answer nor a refusal (cut, malformed, an odd status), per connection. */
  const unreadable = new WeakMap<AbortSignal, number>();
  let unreadableNoScope = 0;
  /** Counts one more (or, with `reset`, none): how many in a row now. */
  const countUnreadable = (scope: AbortSignal | undefined, reset = false) => {
    const n = reset ? 0 : (scope ? (unreadable.get(scope) ?? 0) : unreadableNoScope) + 1;
    if (scope) unreadable.set(scope, n);
    else unreadableNoScope = n;
    return n;
  };
  /** After this many unreadable composite answers in a row, the connection's reads go one by one. */
  const UNREADABLE_MAX = 3;
  let queue: Queued[] = [];

  let timer: ReturnType<typeof setTimeout> | null = null;

  function attempt(path: string, init: Internal): Promise<Response> {
    const sub: SubRequest = { method: init.method === 'POST' ? 'POST' : 'GET', path, query: init.query, body: init.body };
    const eligible = options.batch && init.batch !== false && (init.method ?? 'GET') === sub.method && (sub.method === 'GET' || init.idempotent === true) && batchable(sub);
    if (!eligible || isRefused(init.scope)) return direct(path, init);
    init.signal?.throwIfAborted();
    return new Promise<Response>((resolve, reject) => {
      const item: Queued = { path, init, sub, resolve, reject };
      queue.push(item);
      init.signal?.addEventListener(
        'abort',
        () => {
          // Still waiting for the window: taken out, never sent.
          if (queue.includes(item)) {
            queue = queue.filter((other) => other !== item);
            reject(init.signal!.reason);
          }
        },
        { once: true },
      );
      if (queue.filter((other) => other.init.scope === init.scope).length >= COMPOSITE_MAX) flush();
      else timer ??= setTimeout(flush, options.batch!.windowMs);
    });
  }

  /** Sends what waited: five at most per composite call, one connection's reads per call; a lone read goes on its own. */
  function flush() {
    if (timer) clearTimeout(timer);
    timer = null;
    while (queue.length > 0) {
      const scope = queue[0]!.init.scope;
      const group = queue.filter((item) => item.init.scope === scope).slice(0, COMPOSITE_MAX);
      queue = queue.filter((item) => !group.includes(item));
      void sendGroup(group, scope);
    }
  }

  function settleDirect(item: Queued) {
    direct(item.path, item.init).then(item.resolve, item.reject);
  }

  async function sendGroup(group: Queued[], scope: AbortSignal | undefined) {
    if (group.length === 1) return settleDirect(group[0]!);
    const body = compositeBody(group.map((item) => item.sub));
    // The call is given up when the connection ends or when every read in it was given up (its
    // callers left the page): one read still wanted keeps it going.
    const call = new AbortController();
    const giveUpIfUnwanted = () => {
      if (group.every((item) => item.init.signal?.aborted)) call.abort(group[0]!.init.signal!.reason);
    };
    for (const item of group) item.init.signal?.addEventListener('abort', giveUpIfUnwanted, { once: true });
    if (scope) {
      if (scope.aborted) call.abort(scope.reason);
      else scope.addEventListener('abort', () => call.abort(scope.reason), { once: true });
    }
    let response: Response;
    try {
      response = await direct(COMPOSITE_PATH, { method: 'POST', body, signal: call.signal });
    } catch (error) {
      // A network failure (or the connection ending) is each read's failure: each retries as it would.
      for (const item of group) item.reject(error);
      return;
    }
    if (response.status === 429) {
      // Refused for concurrency (it counts five): its reads go one by one, each within the cap.
      for (const item of group) settleDirect(item);
      return;
    }
    if (response.status >= 500) {
      // Each read backs off and tries again as if it had been refused itself.
      for (const item of group) item.resolve(response.clone());
      return;
    }
    const answer: unknown = await response.clone().json().catch(() => null);
    // Every read in it was given up while its answer came in (their page was left): that says
    // nothing about Zoho's composite API, and nobody waits for the reads.
    if (call.signal.aborted) {
      for (const item of group) item.reject(call.signal.reason);
      return;
    }
    const outcomes = response.status === 200 || response.status === 207 ? parseComposite(answer, group.length) : null;
    if (!outcomes) {
      const code = zohoErrorBody.safeParse(answer);
      // Refused for this connection (scope, edition, permission): its reads go one by one from
      // then on. Any other answer that is not a composite answer (cut, malformed, an odd status):
      // one by one this time; after UNREADABLE_MAX of those in a row, from then on too.
      if (compositeRefused(response.status, code.success ? code.data.code : null) || (response.status !== 400 && countUnreadable(scope) >= UNREADABLE_MAX)) markRefused(scope);
      for (const item of group) settleDirect(item);
      return;
    }
    countUnreadable(scope, true);
    group.forEach((item, index) => {
      const outcome = outcomes[index]!;
      // Not run (NOT_SUPPORTED, LIMIT_EXCEEDED, not triggered): asked on its own instead.
      if (outcome.kind === 'answer') item.resolve(outcome.response);
      else settleDirect(item);
    });
  }

  async function withRetries(path: string, init: Internal): Promise<Response> {
    const method = init.method ?? 'GET';
    const idempotent = init.idempotent ?? method === 'GET';
    for (let tries = 0; ; tries += 1) {
      let response: Response | null = null;
      let failure: StagecoachError | null = null;
      try {
        response = await attempt(path, init);
      } catch (error) {
        if (init.signal?.aborted) throw error;
        failure = StagecoachError.from(error);
      }
      const retryable = failure ? failure.code === 'network' : response!.status === 429 || response!.status >= 500;
      if (!retryable || !idempotent || tries >= retries) {
        if (failure) throw failure;
        return response!;
      }
      await sleep(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** tries));
    }
  }

  /**
   * Identical reads in flight share one call; each caller reads its own clone of the answer. A
   * caller whose signal aborts stops waiting at once; the call itself is aborted only when every
   * caller has given up, so one page leaving never fails another's read.
   */
  async function shared(path: string, init: Internal, scope: AbortSignal | undefined): Promise<Response> {
    const method = init.method ?? 'GET';
    // GETs, and COQL queries (POSTs that only read), are shared while in flight.
    const reads = method === 'GET' || (method === 'POST' && path === '/coql' && init.idempotent === true);
    if (!reads) return withRetries(path, init);
    init.signal?.throwIfAborted();
    const key = `${method} ${path}?${new URLSearchParams(init.query).toString()}${init.body === undefined ? '' : ` ${JSON.stringify(init.body)}`}`;
    let entry = inflight.get(key);
    // Never shared across connections: an answer read with another account's token is not ours.
    if (!entry || entry.scope !== scope) {
      const controller = new AbortController();
      const created = { controller, waiting: 0, scope, response: withRetries(path, { ...init, signal: controller.signal }) };
      created.response.then(
        () => inflight.get(key) === created && inflight.delete(key),
        () => inflight.get(key) === created && inflight.delete(key),
      );
      inflight.set(key, created);
      entry = created;
    }
    const mine = entry;
    mine.waiting += 1;
    try {
      return (await (init.signal ? untilAborted(mine.response, init.signal) : mine.response)).clone();
    } finally {
      mine.waiting -= 1;
      if (mine.waiting === 0 && init.signal?.aborted) {
        if (inflight.get(key) === mine) inflight.delete(key);
        mine.controller.abort(init.signal.reason);
      }
    }
  }

  return {
    async request(path, schema, init = {}) {
      const scope = options.scope?.();
      const internal: Internal = scope ? { ...init, scope, signal: init.signal ? AbortSignal.any([init.signal, scope]) : scope } : init;
      const response = await shared(path, internal, scope);
      if (response.status === 204) return null;
      const body = await readBody(response);
      if (!response.ok && !init.acceptStatuses?.includes(response.status)) throw toError(response.status, body, response.headers, now());
      // A gateway's page or a body cut off on the way: Zoho did not really answer (a 200 too).
      if (body === UNREADABLE) throw new StagecoachError('unavailable', { detail: `HTTP ${response.status}`, status: response.status });
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        if (!response.ok) throw toError(response.status, body, response.headers, now());
        throw new StagecoachError('bad_response', `Zoho's answer to ${path} had an unexpected shape.`);
      }
      return parsed.data;
    },
    setMaxConcurrent(value) {
      limit.concurrency = Math.max(1, Math.floor(value));
    },
  };
}

function apiUrl(apiDomain: string, path: string, query: Record<string, string> | undefined): URL {
  const url = new URL(`/crm/v8${path}`, apiDomain);
  for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, value);
  return url;
}

async function errorCode(response: Response): Promise<string | null> {
  const parsed = zohoErrorBody.safeParse(await response.json().catch(() => null));
  return parsed.success ? parsed.data.code : null;
}

/** A body that is not JSON: a gateway's HTML page, an empty or cut-off answer. */
const UNREADABLE = Symbol('unreadable');

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => null);
  if (text === null || text.trim() === '') return UNREADABLE;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return UNREADABLE;
  }
}

/**
 * When Zoho's limit lifts, if its answer says: `X-RATELIMIT-RESET` (UNCONFIRMED: Zoho documents
 * no such header for CRM; read as epoch seconds, epoch ms, or seconds from now) or the standard
 * `Retry-After` (seconds or an HTTP date; Zoho documents none). Absent: undefined, and the UI
 * says when it tries again instead of when the limit lifts.
 */
export function limitResetAt(headers: Headers | undefined, now: number): number | undefined {
  const reset = headers?.get('x-ratelimit-reset')?.trim();
  if (reset && /^\d+(\.\d+)?$/.test(reset)) {
    const value = Number(reset);
    if (value > 1e12) return value;
    if (value > 1e9) return value * 1000;
    return now + value * 1000;
  }
  const after = headers?.get('retry-after')?.trim();
  if (after) {
    if (/^\d+$/.test(after)) return now + Number(after) * 1000;
    const date = Date.parse(after);
    if (!Number.isNaN(date)) return date;
  }
  return undefined;
}

/**
 * Zoho's answer as our error, by cause: Zoho not answering (5xx, a page that is not Zoho's JSON)
 * is `unavailable`, never a refusal; the API limit is `rate_limited` with when it lifts if Zoho
 * said; a refused sign-in asks to reconnect; a 4xx with Zoho's code is a refusal in Zoho's words.
 */
export function toError(status: number, body: unknown, headers?: Headers, now = Date.now()): StagecoachError {
  const parsed = zohoErrorBody.safeParse(body);
  const code = parsed.success ? parsed.data.code : null;
  // Zoho's words when its body says something; else only the status, which is nobody's sentence.
  const said = parsed.success ? { zoho: parsed.data.message ?? parsed.data.code, status } : { detail: `HTTP ${status}`, status };
  // 429 for concurrency (TOO_MANY_REQUESTS) and, UNCONFIRMED, for the day's credits (LIMIT_EXCEEDED).
  if (status === 429 || code === 'TOO_MANY_REQUESTS') return new StagecoachError('rate_limited', { ...said, resetAt: limitResetAt(headers, now) });
  if (code === 'INVALID_TOKEN' || code === 'AUTHENTICATION_FAILURE') return new StagecoachError('reconnect_needed', said);
  if (code === 'OAUTH_SCOPE_MISMATCH') return new StagecoachError('no_permission', { ...said, action: 'reconnect' });
  if (status === 403 || code === 'NO_PERMISSION') return new StagecoachError('no_permission', said);
  if (status === 404 || code === 'INVALID_URL_PATTERN') return new StagecoachError('not_found', said);
  // Zoho's servers or a gateway in front of them failing (a 5xx, a timeout): not a refusal.
  if (status >= 500 || status === 408) return new StagecoachError('unavailable', said);
  return new StagecoachError('zoho_error', said);
}
