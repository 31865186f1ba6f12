// The one way to call Zoho CRM's REST API v8. It adds the token, replaces an expired token once
// and retries once, keeps concurrent calls under a cap (Zoho counts concurrency per org), backs
// off with jitter on 429/5xx/network errors for reads (Zoho sends no Retry-After), shares
// identical reads already in flight, parses every answer with zod, and turns every failure into
// StagecoachError.
import pLimit from 'p-limit';
import type { z } from 'zod';
import { untilAborted } from '../abort';
import { StagecoachError } from '../errors';
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
}

export const DEFAULT_MAX_CONCURRENT = 5;

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
  const limit = pLimit(options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT);
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
      throw new StagecoachError('network', cause instanceof Error ? cause.message : undefined, { cause });
    }
  }

  /** One try, holding a concurrency slot: token, call, and on 401 one replacement token. */
  function attempt(path: string, init: ZohoRequest): Promise<Response> {
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
    });
  }

  async function withRetries(path: string, init: ZohoRequest): Promise<Response> {
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
  async function shared(path: string, init: ZohoRequest, scope: AbortSignal | undefined): Promise<Response> {
    const method = init.method ?? 'GET';
    if (method !== 'GET') return withRetries(path, init);
    init.signal?.throwIfAborted();
    const key = `${path}?${new URLSearchParams(init.query).toString()}`;
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
      if (scope) init = { ...init, signal: init.signal ? AbortSignal.any([init.signal, scope]) : scope };
      const response = await shared(path, init, scope);
      if (response.status === 204) return null;
      const body: unknown = await response.json().catch(() => undefined);
      if (!response.ok && !init.acceptStatuses?.includes(response.status)) throw toError(response.status, body);
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        if (!response.ok) throw toError(response.status, body);
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

export function toError(status: number, body: unknown): StagecoachError {
  const parsed = zohoErrorBody.safeParse(body);
  const code = parsed.success ? parsed.data.code : null;
  // Zoho's words when its body says something; else only the status, which is nobody's sentence.
  const said = parsed.success ? { zoho: parsed.data.message ?? parsed.data.code, status } : { detail: `HTTP ${status}`, status };
  if (status === 429 || code === 'TOO_MANY_REQUESTS') return new StagecoachError('rate_limited', said);
  if (code === 'INVALID_TOKEN' || code === 'AUTHENTICATION_FAILURE') return new StagecoachError('reconnect_needed', said);
  if (code === 'OAUTH_SCOPE_MISMATCH') return new StagecoachError('no_permission', { ...said, action: 'reconnect' });
  if (status === 403 || code === 'NO_PERMISSION') return new StagecoachError('no_permission', said);
  if (status === 404 || code === 'INVALID_URL_PATTERN') return new StagecoachError('not_found', said);
  return new StagecoachError('zoho_error', said);
}
