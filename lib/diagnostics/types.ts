// The org self-check as the options page sees it (zod-free: imported by the page bundle).
import type { ErrorCode } from '../errors';
import type { DataCentreId } from '../zoho/dataCentres';

/** Every capability the product relies on, in the order the page lists them. */
export const PROBES = ['scopes', 'user', 'pipeline', 'stageHistory', 'outOfOffice', 'coql', 'search', 'credits'] as const;
export type ProbeId = (typeof PROBES)[number];

export type ProbeStatus = 'pass' | 'warn' | 'fail';

/** Why a call failed, in kinds that each have one piece of advice (`orgCheck_fail_<kind>`, `orgCheck_advice_<kind>`). */
export const FAILURE_KINDS = ['scope', 'permission', 'unavailable', 'reconnect', 'rate_limited', 'network', 'bad_response', 'zoho_error'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** What a probe found when it did not fail: `orgCheck_finding_<outcome>`, with `params` as $1, $2… */
export const OUTCOMES = [
  'scopes_all',
  'scopes_missing',
  'scopes_unknown',
  'user_approver',
  'user_not_approver',
  'user_no_profile',
  'pipeline_found',
  'pipeline_none',
  'history_read',
  'history_shape',
  'history_no_deals',
  'ooo_read',
  'coql_works',
  'search_works',
  'credits_plenty',
  'credits_left',
  'credits_low',
  'credits_out',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Outcomes that come with advice of their own (`orgCheck_advice_<outcome>`). */
export const ADVISED_OUTCOMES = ['scopes_missing', 'scopes_unknown', 'user_not_approver', 'user_no_profile', 'pipeline_none', 'history_shape', 'history_no_deals', 'credits_low', 'credits_out'] as const satisfies readonly Outcome[];

export interface ProbeFailure {
  kind: FailureKind;
  /** Our error code. */
  code: ErrorCode;
  /** Zoho's error code (`NO_PERMISSION`, `OAUTH_SCOPE_MISMATCH`…), when Zoho answered with one. */
  zohoCode?: string;
  /** Zoho's HTTP status, when known. */
  httpStatus?: number;
}

export interface ProbeResult {
  id: ProbeId;
  status: ProbeStatus;
  /** What was found; absent when the probe failed (then `failure` says why). */
  outcome?: Outcome;
  failure?: ProbeFailure;
  /** The finding's parameters for the page ($1, $2…). May name the person's profile: never in the report. */
  params: string[];
  /**
   * Measured figures for the report: counts, scope and field names, credits. Nothing personal —
   * no names, emails, record ids or tokens — because the report is made from these alone.
   */
  figures: Record<string, string | number | boolean>;
  /** Calls made to Zoho, and how long the probe took (milliseconds). */
  calls: number;
  ms: number;
}

export interface OrgCheckView {
  checkedAt: number;
  dataCentre: DataCentreId;
  /** Zoho's edition name (`paid_type`), when Zoho gave one. */
  edition: string | null;
  probes: ProbeResult[];
}
