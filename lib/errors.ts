// The one error type that crosses from the background to the UIs. It carries a code (the UI
// turns it into a localised sentence), what the person can do about it, and keeps its sources
// apart: our own words as a reason key with parameters (localised by the UI), Zoho's own words
// verbatim in `zoho` (set only from Zoho's answers), and a technical detail in nobody's sentence.

/**
 * A problem with one field of a request (settings that do not validate): its dotted path, a code
 * the UI translates, and the code's values. The settings domain narrows these to its own codes.
 */
export interface FieldIssue {
  path: string;
  code: string;
  params?: string[];
}

export const ERROR_CODES = [
  'not_connected',
  'reconnect_needed',
  'auth_denied',
  'auth_cancelled',
  'auth_state_mismatch',
  'auth_untrusted_server',
  'auth_failed',
  'no_client_id',
  'network',
  /** Zoho answered, but not as Zoho: a 5xx, a gateway's HTML page, a cut-off body. Another try may work. */
  'unavailable',
  'rate_limited',
  'no_permission',
  'not_found',
  'zoho_error',
  'bad_response',
  /** The request does not parse, or asks what no panel would (forged or stale input). */
  'bad_message',
  'invalid_settings',
  'feature_disabled',
  /** The request clashes with the state it finds: a change already waiting, already done, a stage gone. */
  'conflict',
  /** What was to be created is already there (in Zoho). */
  'already_exists',
  'slot_taken',
  'forbidden_sender',
  'not_approver',
  'cancelled',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** What the person can do: the UI shows a matching hint or button. */
export type ErrorAction = 'reconnect' | 'retry' | 'wait' | 'ask_admin' | 'configure' | 'none';

const DEFAULT_ACTION: Record<ErrorCode, ErrorAction> = {
  not_connected: 'reconnect',
  reconnect_needed: 'reconnect',
  auth_denied: 'retry',
  auth_cancelled: 'retry',
  auth_state_mismatch: 'retry',
  auth_untrusted_server: 'ask_admin',
  auth_failed: 'retry',
  no_client_id: 'configure',
  network: 'retry',
  unavailable: 'retry',
  rate_limited: 'wait',
  no_permission: 'ask_admin',
  not_found: 'none',
  zoho_error: 'retry',
  bad_response: 'retry',
  bad_message: 'none',
  invalid_settings: 'none',
  feature_disabled: 'ask_admin',
  conflict: 'none',
  already_exists: 'none',
  slot_taken: 'none',
  forbidden_sender: 'none',
  not_approver: 'none',
  cancelled: 'none',
  internal: 'retry',
};

/**
 * Our own words for what happened, beyond the code's sentence: each is a message
 * `errorReason_<reason>` in every locale, its parameters (names, stages: Zoho's data, never our
 * sentences) put in as $1, $2.
 */
export const ERROR_REASONS = [
  /** conflict: [stage] */
  'stage_not_in_pipeline',
  /** conflict: [stage] */
  'already_at_stage',
  /** conflict */
  'stage_change_waiting',
  /** conflict: [who asked, stage] — an approval request for that stage is already open in Zoho */
  'approval_already_requested',
  /** conflict: Undo is offered for a short time only, to the approver who approved */
  'undo_expired',
  /** conflict: [stage] — the deal has moved to another stage since (Undo) */
  'stage_changed_since',
  /** already_exists: [name, email] */
  'person_exists',
  /** feature_disabled: [feature], a key of settings.features (the UI shows its localised name) */
  'feature_off',
  /** an outbox item that waited for another one that Zoho refused */
  'parent_refused',
  /** conflict: a create with an unknown outcome whose marker could not be looked up to the end (zoho/writes.ts markerLookup) */
  'marker_lookup_exhausted',
  /** bad_message */
  'meeting_ends_before_start',
  /** bad_message */
  'meeting_not_with_person',
  /** bad_message: [time zone] */
  'unknown_time_zone',
  /** not_found */
  'deal_has_no_owner',
  /** bad_response */
  'write_without_result',
  /** bad_response */
  'no_signed_in_user',
  /** reconnect_needed */
  'sign_in_unreadable',
  /** auth_failed */
  'fresh_token_refused',
  /** invalid_settings */
  'ai_base_url_first',
  /** auth_failed */
  'sign_in_address_unreadable',
  /** auth_failed */
  'no_authorization_code',
  /** auth_failed: the API client does not allow offline access */
  'no_refresh_token',
  /** bad_response */
  'token_answer_unreadable',
  /** not_approver: [profile, role] as Zoho says them now, either may be '' */
  'approver_not_listed',
  /** not_approver: the team settings (who may approve) could not be read from Zoho */
  'team_settings_unread',
  /** no_permission: only a Zoho administrator may change team settings */
  'team_settings_admin_only',
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

export interface SerializedError {
  code: ErrorCode;
  action: ErrorAction;
  /** Which of our own sentences says more than the code's (see ERROR_REASONS). */
  reason?: ErrorReason;
  /** The reason's parameters, in order. */
  params?: string[];
  /** Zoho's own words, verbatim: shown as "Zoho said: …", and only ever set from Zoho's answer. */
  zoho?: string;
  /** A technical detail in nobody's sentence (the browser's "Failed to fetch", an HTTP status, an internal failure). */
  detail?: string;
  /** Field-level problems (invalid settings): the UI shows each beside its field. */
  issues?: FieldIssue[];
  /** rate_limited: when Zoho said its limit lifts (epoch ms), only when Zoho's answer said so. */
  resetAt?: number;
}

export interface ErrorOptions {
  action?: ErrorAction;
  cause?: unknown;
  /** Zoho's HTTP status, when Zoho answered. */
  status?: number;
  issues?: FieldIssue[];
  reason?: ErrorReason;
  params?: string[];
  zoho?: string;
  detail?: string;
  resetAt?: number;
}

export class StagecoachError extends Error {
  readonly code: ErrorCode;
  readonly action: ErrorAction;
  readonly reason?: ErrorReason;
  readonly params?: string[];
  /** Zoho's own words, verbatim. */
  readonly zoho?: string;
  /** A technical detail in nobody's sentence. */
  readonly detail?: string;
  /** Zoho's HTTP status, when Zoho answered. */
  readonly status?: number;
  readonly issues?: FieldIssue[];
  /** rate_limited: when Zoho said its limit lifts (epoch ms). */
  readonly resetAt?: number;

  /** `new StagecoachError(code, { reason, params })`, `(code, { zoho, status })`, or `(code, technicalDetail, options)`. */
  constructor(code: ErrorCode, detailOrOptions?: string | ErrorOptions, more?: ErrorOptions) {
    const given = typeof detailOrOptions === 'object' ? detailOrOptions : { ...more, detail: detailOrOptions ?? more?.detail };
    // The browser's own words ("Failed to fetch", a TypeError's message) are nobody's sentence for
    // a person: dropped here, so no UI can show them, whichever way the error travelled.
    const options = given.detail !== undefined && isRawBrowserText(given.detail) ? { ...given, detail: undefined } : given;
    const said = [options.reason && [options.reason, ...(options.params ?? [])].join(' '), options.zoho && `Zoho: ${options.zoho}`, options.detail]
      .filter(Boolean)
      .join('; ');
    super(said ? `${code}: ${said}` : code, { cause: options.cause });
    this.name = 'StagecoachError';
    this.code = code;
    this.action = options.action ?? DEFAULT_ACTION[code];
    if (options.reason) this.reason = options.reason;
    if (options.params?.length) this.params = options.params;
    if (options.zoho) this.zoho = options.zoho;
    if (options.detail) this.detail = options.detail;
    if (options.status !== undefined) this.status = options.status;
    if (options.issues) this.issues = options.issues;
    if (options.resetAt !== undefined && Number.isFinite(options.resetAt)) this.resetAt = options.resetAt;
  }

  /** Another try may work: the network, Zoho's rate limit, or Zoho's own server error. */
  get transient(): boolean {
    return this.code === 'network' || this.code === 'unavailable' || this.code === 'rate_limited' || (this.status !== undefined && this.status >= 500);
  }

  toJSON(): SerializedError {
    return {
      code: this.code,
      action: this.action,
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.params ? { params: this.params } : {}),
      ...(this.zoho ? { zoho: this.zoho } : {}),
      ...(this.detail ? { detail: this.detail } : {}),
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.resetAt !== undefined ? { resetAt: this.resetAt } : {}),
    };
  }

  /** The error again, from what crossed the message boundary or was stored (an outbox item's last error). */
  static fromJSON(value: SerializedError): StagecoachError {
    const { code, action, reason, params, zoho, detail, issues, resetAt } = value;
    return new StagecoachError(code, { action, reason, params, zoho, detail, issues, resetAt });
  }

  /**
   * Any failure as ours. The browser's fetch failure is the network's; any other thrown value is
   * an internal failure whose message (the runtime's words) stays in `cause`, never on a screen.
   */
  static from(error: unknown): StagecoachError {
    if (error instanceof StagecoachError) return error;
    if (isSerializedError(error)) return StagecoachError.fromJSON(error);
    if (isFetchFailure(error)) return new StagecoachError('network', { cause: error });
    // A runtime error's message (a TypeError's) is the runtime's words: kept in `cause` only.
    const runtime = error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError || error instanceof SyntaxError;
    const detail = runtime ? undefined : error instanceof Error ? error.message : String(error);
    return new StagecoachError('internal', detail, { cause: error });
  }
}

/**
 * Words only a browser or a JavaScript runtime writes: a failed fetch in Chromium, Firefox and
 * Safari, Chromium's net:: codes, the runtime's type errors, a closed extension channel.
 */
const RAW_BROWSER_TEXT = [
  /failed to fetch/i,
  /networkerror/i,
  /network ?request failed/i,
  /^load failed$/i,
  /net::err_|\berr_[a-z_]+\b/i,
  /\b(type|reference|syntax|range)error\b/i,
  /cannot read propert|\bis (undefined|null)\b|is not a function|is not defined|undefined is not|null is not|is not iterable|cannot convert undefined/i,
  /could not establish connection|receiving end does not exist|message port closed|extension context invalidated/i,
  // chrome.identity's own sentences
  /authorization page could not be loaded|user did not approve access/i,
  /the (operation|user) (was )?abort/i,
];

/** True for words a person must never be shown (see RAW_BROWSER_TEXT). */
export function isRawBrowserText(text: string): boolean {
  return RAW_BROWSER_TEXT.some((pattern) => pattern.test(text));
}

/** fetch()'s own failure: a TypeError (Chromium "Failed to fetch", Firefox "NetworkError…", Safari "Load failed"). */
function isFetchFailure(error: unknown): boolean {
  return error instanceof TypeError && /failed to fetch|networkerror|load failed|network ?request failed/i.test(error.message);
}

/**
 * What a failure says about Zoho as a whole, not about one request: shown once for the whole
 * panel however many reads met it. Everything else (a refusal of this request) is the section's.
 * - `unreachable`: the network, or Zoho answering with a server error, a gateway page, a cut-off body
 * - `limit`: Zoho's API limit (concurrency or the day's credits)
 * - `reconnect`: Zoho no longer accepts the sign-in
 */
export type TroubleCause = 'unreachable' | 'limit' | 'reconnect';

export function troubleOf(error: Pick<SerializedError, 'code'>): TroubleCause | null {
  switch (error.code) {
    case 'network':
    case 'unavailable':
      return 'unreachable';
    case 'rate_limited':
      return 'limit';
    case 'reconnect_needed':
    case 'not_connected':
      return 'reconnect';
    default:
      return null;
  }
}

/** What `toJSON` made, as it crossed the message boundary or came out of IndexedDB. */
function isSerializedError(value: unknown): value is SerializedError {
  return typeof value === 'object' && value !== null && !(value instanceof Error) && ERROR_CODES.includes((value as { code?: unknown }).code as ErrorCode);
}
