// Zoho's OAuth 2.0 authorization-code flow with PKCE (reference/zoho-api.md §2), as plain
// functions over an injected `fetch`. PKCE and `state` come from oauth4webapi; the token calls
// are written here because Zoho answers token errors in the body, often with HTTP 200, and adds
// `api_domain`, which must be checked against the allow-list before anything is sent to it.
import { calculatePKCECodeChallenge, generateRandomCodeVerifier, generateRandomState } from 'oauth4webapi';
import { StagecoachError } from '../errors';
import { tokenErrorBody, tokenResponse, type TokenResponse } from '../zoho/schemas';
import type { DataCentreId } from '../zoho/dataCentres';
import type { HostPolicy } from './hosts';

/** Least scopes for what the extension does (reference/zoho-api.md §3). */
export const ZOHO_SCOPES = [
  'ZohoCRM.users.READ',
  'ZohoCRM.org.READ',
  'ZohoCRM.modules.contacts.ALL',
  'ZohoCRM.modules.leads.ALL',
  'ZohoCRM.modules.deals.ALL',
  'ZohoCRM.modules.accounts.READ',
  'ZohoCRM.modules.events.ALL',
  'ZohoCRM.modules.tasks.ALL',
  'ZohoCRM.modules.notes.ALL',
  'ZohoCRM.settings.layouts.READ',
  'ZohoCRM.settings.fields.READ',
  'ZohoCRM.settings.pipeline.READ',
  'ZohoCRM.settings.users_unavailability.READ',
  // Business hours and holidays (Zoho's "Get Business Hours" and "Get the List of Holidays" pages).
  'ZohoCRM.settings.business_hours.READ',
  'ZohoCRM.coql.READ',
  // Team settings live in org variables: every member reads them; Zoho lets only administrators write.
  'ZohoCRM.settings.variables.READ',
  'ZohoCRM.settings.variables.CREATE',
  'ZohoCRM.settings.variables.UPDATE',
  'ZohoSearch.securesearch.READ',
] as const;

/**
 * Asked for too, but nothing depends on them (the org check does not ask for them): several reads
 * in one call (POST /__composite_requests; each sub-request needs its own scope as well). A grant
 * without it gets each read on its own (lib/zoho/client.ts).
 */
export const OPTIONAL_SCOPES = ['ZohoCRM.composite_requests.CUSTOM'] as const;

export interface AuthRequest {
  url: string;
  state: string;
  verifier: string;
}

export async function createAuthRequest(options: {
  authorizeOrigin: string;
  clientId: string;
  redirectUri: string;
  scopes?: readonly string[];
}): Promise<AuthRequest> {
  const verifier = generateRandomCodeVerifier();
  const state = generateRandomState();
  const url = new URL('/oauth/v2/auth', options.authorizeOrigin);
  url.search = new URLSearchParams({
    client_id: options.clientId,
    response_type: 'code',
    redirect_uri: options.redirectUri,
    scope: (options.scopes ?? [...ZOHO_SCOPES, ...OPTIONAL_SCOPES]).join(','),
    access_type: 'offline',
    prompt: 'consent',
    state,
    code_challenge: await calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  }).toString();
  return { url: url.toString(), state, verifier };
}

export interface AuthCallback {
  code: string;
  accountsServer: string;
  dataCentre: DataCentreId;
}

/** Reads the redirect Zoho sent back, refusing a wrong state or an untrusted accounts server. */
export function parseAuthCallback(redirect: string, expectedState: string, hosts: HostPolicy): AuthCallback {
  let url: URL;
  try {
    url = new URL(redirect);
  } catch {
    throw new StagecoachError('auth_failed', { reason: 'sign_in_address_unreadable' });
  }
  // Zoho may put the answer in the query or, for some clients, in the fragment.
  const params = url.search ? url.searchParams : new URLSearchParams(url.hash.slice(1));
  if (params.get('state') !== expectedState) throw new StagecoachError('auth_state_mismatch');
  const error = params.get('error');
  if (error) {
    if (error === 'access_denied') throw new StagecoachError('auth_denied');
    throw new StagecoachError('auth_failed', { zoho: error });
  }
  const code = params.get('code');
  if (!code) throw new StagecoachError('auth_failed', { reason: 'no_authorization_code' });
  const accountsParam = params.get('accounts-server');
  const location = params.get('location');
  // Without `accounts-server`, the code belongs to the server where authorization started.
  const trusted = hosts.accountsServer(accountsParam ?? hosts.authorizeOrigin(), location);
  if (!trusted) throw new StagecoachError('auth_untrusted_server', accountsParam ?? undefined);
  return { code, accountsServer: trusted.origin, dataCentre: trusted.dataCentre };
}

export interface ClientCredentials {
  clientId: string;
  clientSecret?: string | null;
}

export interface Tokens {
  accessToken: string;
  refreshToken?: string;
  apiDomain: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** The scopes Zoho says it granted, as it wrote them (its token answer may carry `scope`). */
  scope?: string;
}

type Fetch = typeof fetch;

async function postToken(fetchImpl: Fetch, accountsServer: string, fields: Record<string, string>): Promise<TokenResponse> {
  let response: Response;
  try {
    response = await fetchImpl(new URL('/oauth/v2/token', accountsServer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  } catch (cause) {
    throw new StagecoachError('network', cause instanceof Error ? cause.message : undefined, { cause });
  }
  const body: unknown = await response.json().catch(() => null);
  const failure = tokenErrorBody.safeParse(body);
  if (failure.success) {
    const { error, error_description: description } = failure.data;
    // A refused refresh (revoked, expired, deleted as the 21st token) means signing in again.
    if (fields.grant_type === 'refresh_token' && error === 'invalid_code') {
      throw new StagecoachError('reconnect_needed', { zoho: description ?? error });
    }
    if (/too many requests/i.test(description ?? '')) throw new StagecoachError('rate_limited', { zoho: description });
    throw new StagecoachError('auth_failed', { zoho: description ? `${error}: ${description}` : error });
  }
  if (!response.ok) throw new StagecoachError('auth_failed', `HTTP ${response.status}`);
  const parsed = tokenResponse.safeParse(body);
  if (!parsed.success) throw new StagecoachError('bad_response', { reason: 'token_answer_unreadable' });
  return parsed.data;
}

function withSecret(credentials: ClientCredentials, fields: Record<string, string>): Record<string, string> {
  return credentials.clientSecret ? { ...fields, client_secret: credentials.clientSecret } : fields;
}

function toTokens(body: TokenResponse, dataCentre: DataCentreId, hosts: HostPolicy, now: number): Tokens {
  const apiDomain = hosts.apiDomain(body.api_domain, dataCentre);
  if (!apiDomain) throw new StagecoachError('auth_untrusted_server', body.api_domain);
  return {
    accessToken: body.access_token,
    ...(body.refresh_token ? { refreshToken: body.refresh_token } : {}),
    apiDomain,
    expiresAt: now + body.expires_in * 1000,
    ...(body.scope ? { scope: body.scope } : {}),
  };
}

export async function exchangeCode(options: {
  fetch: Fetch;
  hosts: HostPolicy;
  credentials: ClientCredentials;
  callback: AuthCallback;
  redirectUri: string;
  verifier: string;
  now: () => number;
}): Promise<Tokens & { refreshToken: string }> {
  const { callback, credentials } = options;
  const body = await postToken(
    options.fetch,
    callback.accountsServer,
    withSecret(credentials, {
      grant_type: 'authorization_code',
      client_id: credentials.clientId,
      code: callback.code,
      redirect_uri: options.redirectUri,
      code_verifier: options.verifier,
    }),
  );
  const tokens = toTokens(body, callback.dataCentre, options.hosts, options.now());
  if (!tokens.refreshToken) {
    throw new StagecoachError('auth_failed', { reason: 'no_refresh_token' });
  }
  return { ...tokens, refreshToken: tokens.refreshToken };
}

export async function refreshTokens(options: {
  fetch: Fetch;
  hosts: HostPolicy;
  credentials: ClientCredentials;
  accountsServer: string;
  dataCentre: DataCentreId;
  refreshToken: string;
  now: () => number;
}): Promise<Tokens> {
  const { credentials } = options;
  const body = await postToken(
    options.fetch,
    options.accountsServer,
    withSecret(credentials, {
      grant_type: 'refresh_token',
      client_id: credentials.clientId,
      refresh_token: options.refreshToken,
    }),
  );
  return toTokens(body, options.dataCentre, options.hosts, options.now());
}

/** Revokes a refresh token (and so every access token made from it). Best effort: false on failure. */
export async function revokeToken(fetchImpl: Fetch, accountsServer: string, token: string): Promise<boolean> {
  try {
    const url = new URL('/oauth/v2/token/revoke', accountsServer);
    url.searchParams.set('token', token);
    const response = await fetchImpl(url, { method: 'POST' });
    return response.ok;
  } catch {
    return false;
  }
}
