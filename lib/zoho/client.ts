// The one way to call Zoho CRM's REST API v8. It adds the token, replaces an expired token once
// and retries once, parses every answer with zod, and turns every failure into StagecoachError.
import type { z } from 'zod';
import { StagecoachError } from '../errors';
import type { AccessToken } from '../auth/tokens';
import { zohoErrorBody } from './schemas';

export interface ZohoRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
}

export interface ZohoClient {
  /** Resolves to null when Zoho answers 204 (nothing found). */
  request<S extends z.ZodType>(path: string, schema: S, init?: ZohoRequest): Promise<z.infer<S> | null>;
}

/** Where the client gets tokens: the TokenManager, or one fixed token while connecting. */
export interface TokenSource {
  get(): Promise<AccessToken>;
  /** A replacement for a token Zoho refused. */
  replace(failed: string): Promise<AccessToken>;
}

export function createZohoClient(deps: { fetch: typeof fetch; tokens: TokenSource }): ZohoClient {
  async function send(path: string, token: string, apiDomain: string, init: ZohoRequest): Promise<Response> {
    const url = new URL(`/crm/v8${path}`, apiDomain);
    for (const [key, value] of Object.entries(init.query ?? {})) url.searchParams.set(key, value);
    try {
      return await deps.fetch(url, {
        method: init.method ?? 'GET',
        headers: {
          Authorization: `Zoho-oauthtoken ${token}`,
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: init.signal,
      });
    } catch (cause) {
      if (init.signal?.aborted) throw cause;
      throw new StagecoachError('network', cause instanceof Error ? cause.message : undefined, { cause });
    }
  }

  return {
    async request(path, schema, init = {}) {
      let token = await deps.tokens.get();
      let response = await send(path, token.accessToken, token.apiDomain, init);
      if (response.status === 401 && (await errorCode(response.clone())) === 'INVALID_TOKEN') {
        token = await deps.tokens.replace(token.accessToken);
        response = await send(path, token.accessToken, token.apiDomain, init);
      }
      if (response.status === 204) return null;
      const body: unknown = await response.json().catch(() => undefined);
      if (!response.ok) throw toError(response.status, body);
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        throw new StagecoachError('bad_response', `Zoho's answer to ${path} had an unexpected shape.`);
      }
      return parsed.data;
    },
  };
}

async function errorCode(response: Response): Promise<string | null> {
  const parsed = zohoErrorBody.safeParse(await response.json().catch(() => null));
  return parsed.success ? parsed.data.code : null;
}

function toError(status: number, body: unknown): StagecoachError {
  const parsed = zohoErrorBody.safeParse(body);
  const code = parsed.success ? parsed.data.code : null;
  const detail = parsed.success ? (parsed.data.message ?? parsed.data.code) : `HTTP ${status}`;
  if (status === 429 || code === 'TOO_MANY_REQUESTS') return new StagecoachError('rate_limited', detail);
  if (code === 'INVALID_TOKEN' || code === 'AUTHENTICATION_FAILURE') return new StagecoachError('reconnect_needed', detail);
  if (code === 'OAUTH_SCOPE_MISMATCH') return new StagecoachError('no_permission', detail, { action: 'reconnect' });
  if (status === 403 || code === 'NO_PERMISSION') return new StagecoachError('no_permission', detail);
  if (status === 404 || code === 'INVALID_URL_PATTERN') return new StagecoachError('not_found', detail);
  return new StagecoachError('zoho_error', detail);
}
