// Shared helpers for the sandbox tests: a server per test file, the OAuth dance, API calls.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../sandbox/server';

export const CLIENT_ID = '1000.STAGECOACHSANDBOX';
/** Chrome's identity redirect for a made-up extension id (32 letters a-p). */
export const REDIRECT_URI = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
export const ALL_SCOPES = 'ZohoCRM.modules.ALL,ZohoCRM.users.READ,ZohoCRM.org.READ,ZohoSearch.securesearch.READ';

/** Starts one sandbox for the file and resets it before every test. */
export function useSandbox(): { readonly url: string } {
  let handle: SandboxHandle | undefined;
  const view = {
    get url(): string {
      if (!handle) throw new Error('sandbox not started');
      return handle.url;
    },
  };
  beforeAll(async () => {
    handle = await startSandbox({ port: 0 });
  });
  afterAll(async () => {
    await handle?.close();
  });
  beforeEach(async () => {
    await control(view.url, 'POST', '/__sandbox/reset');
  });
  return view;
}

export async function control<T = any>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface AuthorizeOptions {
  scope?: string;
  state?: string;
  challenge?: string | null;
  redirectUri?: string;
  userId?: string;
  decision?: 'accept' | 'deny';
  accessType?: 'offline' | 'online';
}

export function authorizeParams(options: AuthorizeOptions = {}): URLSearchParams {
  const params = new URLSearchParams({
    client_id: CLIENT_ID,
    response_type: 'code',
    redirect_uri: options.redirectUri ?? REDIRECT_URI,
    scope: options.scope ?? ALL_SCOPES,
    access_type: options.accessType ?? 'offline',
    prompt: 'consent',
    state: options.state ?? 'state-123',
  });
  if (options.challenge !== null && options.challenge !== undefined) {
    params.set('code_challenge', options.challenge);
    params.set('code_challenge_method', 'S256');
  }
  return params;
}

/** Submits the consent form as the browser would; returns the redirect Location. */
export async function approve(base: string, options: AuthorizeOptions = {}): Promise<URL> {
  const form = authorizeParams(options);
  form.set('decision', options.decision ?? 'accept');
  if (options.userId) form.set('user_id', options.userId);
  const response = await fetch(`${base}/oauth/v2/auth/approve`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
    redirect: 'manual',
  });
  if (response.status !== 302) throw new Error(`approve: ${response.status} ${await response.text()}`);
  return new URL(response.headers.get('location') ?? '');
}

export async function token(base: string, fields: Record<string, string>): Promise<{ status: number; body: any }> {
  const response = await fetch(`${base}/oauth/v2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
  return { status: response.status, body: await response.json() };
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
  api_domain: string;
  expires_in: number;
  token_type: string;
  scope: string;
}

/** The whole code + PKCE flow; returns the token response. */
export async function login(base: string, options: AuthorizeOptions = {}): Promise<Tokens> {
  const { verifier, challenge } = pkcePair();
  const redirect = await approve(base, { ...options, challenge });
  const { body } = await token(base, {
    grant_type: 'authorization_code',
    client_id: CLIENT_ID,
    code: redirect.searchParams.get('code') ?? '',
    redirect_uri: options.redirectUri ?? REDIRECT_URI,
    code_verifier: verifier,
  });
  if (!body.access_token) throw new Error(`login failed: ${JSON.stringify(body)}`);
  return body as Tokens;
}

export async function refresh(base: string, refreshToken: string): Promise<{ status: number; body: any }> {
  return token(base, { grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: refreshToken });
}

export async function api(base: string, path: string, accessToken: string | null, init: RequestInit = {}): Promise<Response> {
  return fetch(`${base}/crm/v8${path}`, {
    ...init,
    headers: { ...(accessToken ? { authorization: `Zoho-oauthtoken ${accessToken}` } : {}), ...(init.headers as Record<string, string>) },
  });
}

export async function apiJson(base: string, path: string, accessToken: string | null): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await api(base, path, accessToken);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

/** Every scope the write and COQL tests need. */
export const WRITE_SCOPES = `${ALL_SCOPES},ZohoCRM.coql.READ`;

/** A JSON request to the API; the body is parsed when there is one. */
export async function apiSend(
  base: string,
  method: string,
  path: string,
  accessToken: string | null,
  body?: unknown,
): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await api(base, path, accessToken, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

/** A COQL query. */
export function coql(base: string, accessToken: string, query: string) {
  return apiSend(base, 'POST', '/coql', accessToken, { select_query: query });
}
