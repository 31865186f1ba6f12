// Zoho's observable behaviour that the sandbox imitates, in one place: error bodies and their HTTP
// statuses, limits, client registration. Items marked UNCONFIRMED follow reference/zoho-api.md or
// the brief rather than Zoho's own pages; change them here and nowhere else.
import { json, type SandboxResponse } from './http';

export const DATA_CENTRE_IDS = ['us', 'eu', 'in', 'au', 'jp', 'ca', 'sa', 'cn', 'uk', 'ae'] as const;
export type DataCentreId = (typeof DATA_CENTRE_IDS)[number];

/** The one registered client: a "mobile/desktop" type, so PKCE and no secret. */
export const CLIENT = {
  id: '1000.STAGECOACHSANDBOX',
  name: 'Stagecoach (sandbox client)',
} as const;

/**
 * Redirect URIs the client may use: Chrome's identity redirect (`https://<extension id>.chromiumapp.org/…`,
 * the id being 32 letters a-p) and Firefox's (`https://<uuid-ish>.extensions.allizom.org/…`).
 */
export function isAllowedRedirectUri(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.port !== '' || url.username !== '' || url.password !== '' || url.hash !== '') {
    return false;
  }
  return /^[a-p]{32}\.chromiumapp\.org$/.test(url.hostname) || /^[a-z0-9-]+\.extensions\.allizom\.org$/.test(url.hostname);
}

export const LIMITS = {
  /** Access tokens one refresh token may mint per window (Zoho: 10 per 10 minutes). */
  accessTokensPerRefreshToken: 10,
  refreshWindowMs: 10 * 60 * 1000,
  /** Refresh tokens per user and client; the next one deletes the oldest. */
  refreshTokensPerUser: 20,
  /** Search and list paging. */
  maxPerPage: 200,
  /** Records per insert, update or delete call. */
  maxRecordsPerWrite: 100,
  /** COQL: LIMIT default and maximum per call, and how deep OFFSET + LIMIT may reach (v8 docs). */
  coqlDefaultLimit: 200,
  coqlMaxLimit: 2000,
  coqlMaxRows: 100_000,
  /** COQL: criteria in WHERE, values in IN, columns in SELECT (v8 docs). */
  coqlMaxCriteria: 25,
  coqlMaxInValues: 100,
  coqlMaxColumns: 50,
} as const;

/** COQL credits by LIMIT: 1-200 one credit, 201-1000 two, 1001-2000 three (Zoho's docs). */
export function coqlCredits(limit: number): number {
  return limit <= 200 ? 1 : limit <= 1000 ? 2 : 3;
}

// ---- Accounts server (token endpoint) errors -------------------------------------------------
// UNCONFIRMED: Zoho's HTTP statuses for these. Zoho is known to answer several of them with HTTP 200
// and the error in the body, which is what clients must cope with; the throttle answers 400.

export type TokenErrorKind =
  | 'invalid_code'
  | 'invalid_client'
  | 'invalid_redirect_uri'
  | 'unsupported_grant_type'
  | 'throttled';

const TOKEN_ERRORS: Record<TokenErrorKind, { status: number; body: Record<string, string> }> = {
  invalid_code: { status: 200, body: { error: 'invalid_code' } },
  invalid_client: { status: 200, body: { error: 'invalid_client' } },
  invalid_redirect_uri: { status: 200, body: { error: 'invalid_redirect_uri' } },
  unsupported_grant_type: { status: 200, body: { error: 'unsupported_grant_type' } },
  throttled: {
    status: 400,
    body: {
      error: 'Access Denied',
      error_description: 'You have made too many requests continuously. Please try again after some time.',
    },
  },
};

export function tokenError(kind: TokenErrorKind): SandboxResponse {
  const { status, body } = TOKEN_ERRORS[kind];
  return json(status, body, { 'cache-control': 'no-store' });
}

// ---- CRM API errors ---------------------------------------------------------------------------
// Bodies are `{code, details, message, status:"error"}`. Messages are the ones the OAS
// (record.json, API_Exception) enumerates where it has one.

export type ApiErrorKind =
  | 'AUTHENTICATION_FAILURE'
  | 'INVALID_TOKEN'
  | 'OAUTH_SCOPE_MISMATCH'
  | 'INVALID_MODULE'
  | 'INVALID_URL_PATTERN'
  | 'INVALID_REQUEST_METHOD'
  | 'INVALID_QUERY'
  | 'SYNTAX_ERROR'
  | 'INVALID_DATA'
  | 'REQUIRED_PARAM_MISSING'
  | 'TOO_MANY_REQUESTS'
  | 'LIMIT_EXCEEDED'
  | 'INTERNAL_ERROR';

const API_ERRORS: Record<ApiErrorKind, { status: number; message: string }> = {
  // Missing Authorization header (or one without a Zoho-oauthtoken credential).
  AUTHENTICATION_FAILURE: { status: 401, message: 'Authentication failed' },
  INVALID_TOKEN: { status: 401, message: 'invalid oauth token' },
  // Zoho's message; the OAS's message enum does not list it (see the report). Zoho sometimes uses 403.
  OAUTH_SCOPE_MISMATCH: { status: 401, message: 'invalid oauth scope to access this URL' },
  INVALID_MODULE: { status: 400, message: 'The module name given seems to be invalid' },
  INVALID_URL_PATTERN: { status: 404, message: 'Please check if the URL trying to access is a correct one' },
  INVALID_REQUEST_METHOD: { status: 400, message: 'The http request method type is not a valid one' },
  INVALID_QUERY: { status: 400, message: 'invalid query formed' },
  // COQL parse errors; the message is UNCONFIRMED (coql.json leaves it free).
  SYNTAX_ERROR: { status: 400, message: 'invalid query formed' },
  INVALID_DATA: { status: 400, message: 'invalid data' },
  REQUIRED_PARAM_MISSING: { status: 400, message: 'One of the expected parameter is missing' },
  // No Retry-After header, like Zoho.
  TOO_MANY_REQUESTS: { status: 429, message: 'You have made too many requests. Please try again after some time.' },
  // UNCONFIRMED: the code and status Zoho uses once the day's credits are spent.
  LIMIT_EXCEEDED: { status: 429, message: 'API credits exhausted for the day' },
  INTERNAL_ERROR: { status: 500, message: 'Internal server error occurred.' },
};

export function apiError(kind: ApiErrorKind, details: Record<string, unknown> = {}, message?: string, status?: number): SandboxResponse {
  const known = API_ERRORS[kind];
  return json(status ?? known.status, { code: kind, details, message: message ?? known.message, status: 'error' });
}

/**
 * Too many records in one write, or a COQL limit passed. UNCONFIRMED: Zoho's status (400 here,
 * unlike the 429 of spent credits) and message ("Record count exceeded" is in record.json's enum).
 */
export function limitExceeded(details: Record<string, unknown>, message = 'Record count exceeded'): SandboxResponse {
  return json(400, { code: 'LIMIT_EXCEEDED', details, message, status: 'error' });
}

// ---- Per-record write answers -------------------------------------------------------------------
// Inserts, updates and deletes answer `{data: [...]}` with one entry per record, in order.

export type RecordErrorCode = 'MANDATORY_NOT_FOUND' | 'INVALID_DATA' | 'DUPLICATE_DATA' | 'RECORD_IN_BLUEPRINT' | 'NO_PERMISSION';

export interface RecordError {
  code: RecordErrorCode;
  details: Record<string, unknown>;
  message: string;
  status: 'error';
}

export const RECORD_MESSAGES = {
  MANDATORY_NOT_FOUND: 'required field not found',
  INVALID_DATA: 'invalid data',
  DUPLICATE_DATA: 'duplicate data',
  // UNCONFIRMED: update or delete of an id that matches nothing (record.json lists both).
  unknownId: 'the id given seems to be invalid',
  // notes.json documents this one for deletes of notes.
  noteNotDeleted: 'record not deleted',
  // record.json's message enum has both (its spelling of "blue print").
  RECORD_IN_BLUEPRINT: 'The record is in blue print',
  NO_PERMISSION: 'permission denied',
} as const;

export function recordError(code: RecordErrorCode, details: Record<string, unknown>, message: string = RECORD_MESSAGES[code]): RecordError {
  return { code, details, message, status: 'error' };
}

/** What an org can have that refuses a change of a deal's Stage (`stageRefusal` in the config). */
export type StageRefusal = { kind: 'validation_rule'; message: string } | { kind: 'blueprint' } | { kind: 'permission' };

/**
 * Zoho's per-record answer when a stage change is refused: a validation rule answers its own alert
 * message on the field; a record in a Blueprint cannot have its blueprint field edited directly;
 * a profile without edit permission is told which permission is missing.
 * UNCONFIRMED: the details of RECORD_IN_BLUEPRINT (`{id}`) and NO_PERMISSION (`permissions`).
 */
export function stageRefusalError(refusal: StageRefusal, index: number, id: string): RecordError {
  switch (refusal.kind) {
    case 'validation_rule':
      return recordError('INVALID_DATA', { api_name: 'Stage', json_path: `$.data[${index}].Stage` }, refusal.message);
    case 'blueprint':
      return recordError('RECORD_IN_BLUEPRINT', { id });
    case 'permission':
      return recordError('NO_PERMISSION', { permissions: ['Crm_Implied_Edit_Deals'] });
  }
}

export type WriteKind = 'create' | 'update' | 'delete';

export const SUCCESS_MESSAGES: Record<WriteKind, string> = {
  create: 'record added',
  update: 'record updated',
  delete: 'record deleted',
};

/**
 * HTTP status of a write: 201 (inserts) or 200 when every record succeeded, 207 Multi-Status when
 * some failed, 400 when all failed (zoho-api.md §3). The OAS documents only 200 for these; see
 * the errata in tests/sandbox/oas.ts.
 */
export function writeStatus(kind: WriteKind, results: ReadonlyArray<{ status: string }>): number {
  const failed = results.filter((result) => result.status !== 'success').length;
  if (failed === 0) return kind === 'create' ? 201 : 200;
  return failed === results.length ? 400 : 207;
}

/**
 * Scopes that allow a write, any one of them (besides `.ALL`, which scopeCovers handles).
 * UNCONFIRMED: Zoho's pages list WRITE among the operation types for insert, update and delete.
 */
export function writeScopes(scopeName: string, kind: WriteKind): string[] {
  const operation = kind === 'create' ? 'CREATE' : kind === 'update' ? 'UPDATE' : 'DELETE';
  return [`ZohoCRM.modules.${scopeName}.${operation}`, `ZohoCRM.modules.${scopeName}.WRITE`];
}

// ---- Scopes -----------------------------------------------------------------------------------

/** A scope like `ZohoCRM.modules.contacts.READ`: service, path, operation. */
export interface Scope {
  service: string;
  path: string[];
  operation: string;
}

export function parseScope(value: string): Scope | null {
  const parts = value.trim().split('.');
  if (parts.length < 2 || parts.some((part) => !/^[A-Za-z0-9_{}]+$/.test(part))) return null;
  const service = parts[0] as string;
  if (!/^Zoho[A-Za-z]+$/.test(service)) return null;
  const operation = (parts[parts.length - 1] as string).toUpperCase();
  return { service, path: parts.slice(1, -1).map((part) => part.toLowerCase()), operation };
}

/** Zoho sends scopes comma separated; accept spaces too. */
export function splitScopes(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((scope) => scope.trim())
    .filter((scope) => scope.length > 0);
}

/**
 * Whether `granted` covers `required`: same service, the granted path is a prefix of the required
 * one (`ZohoCRM.modules` covers `ZohoCRM.modules.contacts`), and the same operation or `ALL`.
 */
export function scopeCovers(granted: Scope, required: Scope): boolean {
  if (granted.service !== required.service) return false;
  if (granted.path.length > required.path.length) return false;
  if (!granted.path.every((part, i) => part === required.path[i])) return false;
  return granted.operation === 'ALL' || granted.operation === required.operation;
}

export function hasScope(grantedScopes: readonly string[], required: string): boolean {
  const need = parseScope(required);
  if (!need) return false;
  return grantedScopes.some((value) => {
    const scope = parseScope(value);
    return scope !== null && scopeCovers(scope, need);
  });
}

const OPERATION_WORDS: Record<string, string> = {
  READ: 'View',
  CREATE: 'Create',
  UPDATE: 'Update',
  DELETE: 'Delete',
  WRITE: 'Create and update',
  ALL: 'Full access to',
};

/** Plain words for the consent page, e.g. "View your contacts in Zoho CRM". */
export function describeScope(value: string): string {
  const scope = parseScope(value);
  if (!scope) return value;
  if (scope.service === 'ZohoSearch') return 'Search your Zoho CRM data';
  const verb = OPERATION_WORDS[scope.operation] ?? scope.operation;
  const [group, resource] = scope.path;
  const product = scope.service.replace(/^Zoho/, 'Zoho ');
  let what: string;
  if (group === 'modules') what = resource ? `your ${resource.replace(/_/g, ' ')}` : 'all your records (every module)';
  else if (group === 'users') what = 'the users of your organisation';
  else if (group === 'org') what = 'your organisation details';
  else if (group === 'settings') what = resource ? `the ${resource.replace(/_/g, ' ')} settings` : 'your settings';
  else if (group === 'coql') what = 'your records through queries (COQL)';
  else what = scope.path.join(' ').replace(/_/g, ' ') || 'your data';
  return `${verb} ${what} in ${product}`;
}
