// Pure judgements of the org check: which asked-for scopes a grant covers, what kind of failure
// a refused call is, how many credits are too few, whether a profile or role may approve.
import { StagecoachError } from '../errors';
import type { FailureKind, Outcome, ProbeFailure, ProbeStatus } from './types';

interface Scope {
  service: string;
  path: string[];
  operation: string;
}

function parseScope(value: string): Scope | null {
  const parts = value.trim().split('.');
  if (parts.length < 2 || parts.some((part) => part === '')) return null;
  return { service: parts[0]!, path: parts.slice(1, -1).map((part) => part.toLowerCase()), operation: parts.at(-1)!.toUpperCase() };
}

/**
 * Whether a granted scope covers an asked one: same service, the granted path a prefix of the
 * asked one (`ZohoCRM.modules.ALL` covers `ZohoCRM.modules.contacts.READ`), the same operation or
 * ALL. Zoho's scope pages describe these parent scopes; that `.ALL` covers `.READ` is how its
 * consent page words them (UNCONFIRMED as a rule of its token check).
 */
export function scopeCovers(granted: string, asked: string): boolean {
  const have = parseScope(granted);
  const need = parseScope(asked);
  if (!have || !need || have.service !== need.service || have.path.length > need.path.length) return false;
  return have.path.every((part, i) => part === need.path[i]) && (have.operation === 'ALL' || have.operation === need.operation);
}

/** The asked-for scopes no granted scope covers, in the order they were asked. */
export function missingScopes(granted: readonly string[], asked: readonly string[]): string[] {
  return asked.filter((scope) => !granted.some((have) => scopeCovers(have, scope)));
}

/** Zoho's error codes as the report may carry them: an upper-case identifier, nothing else. */
export function safeZohoCode(code: string | undefined): string | undefined {
  if (!code) return undefined;
  return /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : 'OTHER';
}

/** Zoho's codes for a feature this org's edition or setup does not have. UNCONFIRMED which ones each endpoint uses. */
const UNAVAILABLE = new Set(['FEATURE_NOT_SUPPORTED', 'FEATURE_NOT_AVAILABLE', 'NOT_SUPPORTED', 'INVALID_URL_PATTERN', 'FEATURE_NOT_ENABLED', 'LICENSE_LIMIT_EXCEEDED']);

/** A refusal or failure as one of the kinds the page has advice for. */
export function classifyFailure(error: unknown, zoho?: { code: string; httpStatus?: number }): ProbeFailure {
  const failure = StagecoachError.from(error);
  const zohoCode = safeZohoCode(zoho?.code);
  const httpStatus = zoho?.httpStatus ?? failure.status;
  const kind = ((): FailureKind => {
    if (zohoCode === 'OAUTH_SCOPE_MISMATCH') return 'scope';
    if (zohoCode === 'INVALID_TOKEN' || zohoCode === 'AUTHENTICATION_FAILURE' || failure.code === 'reconnect_needed' || failure.code === 'not_connected') return 'reconnect';
    if (zohoCode === 'NO_PERMISSION' || httpStatus === 403 || failure.code === 'no_permission') return 'permission';
    if ((zohoCode && UNAVAILABLE.has(zohoCode)) || httpStatus === 404 || failure.code === 'not_found') return 'unavailable';
    if (zohoCode === 'TOO_MANY_REQUESTS' || zohoCode === 'LIMIT_EXCEEDED' || httpStatus === 429 || failure.code === 'rate_limited') return 'rate_limited';
    if (failure.code === 'network') return 'network';
    if (failure.code === 'bad_response') return 'bad_response';
    return 'zoho_error';
  })();
  return {
    kind,
    code: zohoCode ? codeFor(kind) : failure.code,
    ...(zohoCode ? { zohoCode } : {}),
    ...(httpStatus !== undefined ? { httpStatus } : {}),
  };
}

function codeFor(kind: FailureKind) {
  switch (kind) {
    case 'scope':
    case 'permission':
      return 'no_permission' as const;
    case 'reconnect':
      return 'reconnect_needed' as const;
    case 'unavailable':
      return 'not_found' as const;
    case 'rate_limited':
      return 'rate_limited' as const;
    case 'network':
      return 'network' as const;
    case 'bad_response':
      return 'bad_response' as const;
    default:
      return 'zoho_error' as const;
  }
}

/** Credits this low stop a working day within minutes: a panel view costs 5–10. */
export const CREDITS_FAIL_BELOW = 100;

/**
 * API credits left today. Zoho sends `X-API-CREDITS-REMAINING` only once half the day's credits are
 * used (reference/zoho-api.md §4), so no figure means more than half is left.
 */
export function judgeCredits(remaining: number | null, limit: number | null): { status: ProbeStatus; outcome: Outcome } {
  if (remaining === null) return { status: 'pass', outcome: 'credits_plenty' };
  if (remaining <= CREDITS_FAIL_BELOW) return { status: 'fail', outcome: 'credits_out' };
  const low = limit ? remaining < limit / 10 : remaining < 1_000;
  return low ? { status: 'warn', outcome: 'credits_low' } : { status: 'pass', outcome: 'credits_left' };
}

/** Whether a profile or role named in the approvers setting is this one (case-insensitive, as the suggestions service judges). */
export function mayApprove(approvers: { profiles: readonly string[]; roles: readonly string[] }, profile: string | null, role: string | null): boolean {
  const same = (list: readonly string[], value: string | null) => value !== null && list.some((name) => name.toLowerCase() === value.toLowerCase());
  return same(approvers.profiles, profile) || same(approvers.roles, role);
}
