// The one error type that crosses from the background to the UIs. It carries a code (the UI
// turns it into a localised sentence), what the person can do about it, and, when Zoho said
// something, Zoho's own words verbatim.
import type { SettingsIssue } from './settings/issues';

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
  'rate_limited',
  'no_permission',
  'not_found',
  'zoho_error',
  'bad_response',
  'bad_message',
  'invalid_settings',
  'feature_disabled',
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
  rate_limited: 'wait',
  no_permission: 'ask_admin',
  not_found: 'none',
  zoho_error: 'retry',
  bad_response: 'retry',
  bad_message: 'none',
  invalid_settings: 'none',
  feature_disabled: 'ask_admin',
  slot_taken: 'none',
  forbidden_sender: 'none',
  not_approver: 'none',
  cancelled: 'none',
  internal: 'retry',
};

export interface SerializedError {
  code: ErrorCode;
  action: ErrorAction;
  /** Zoho's or the browser's own words, shown verbatim (as text) under the localised message. */
  detail?: string;
  /** Field-level problems (invalid settings): the UI shows each beside its field. */
  issues?: SettingsIssue[];
}

export class StagecoachError extends Error {
  readonly code: ErrorCode;
  readonly action: ErrorAction;
  readonly detail?: string;
  /** Zoho's HTTP status, when Zoho answered. */
  readonly status?: number;
  readonly issues?: SettingsIssue[];

  constructor(
    code: ErrorCode,
    detail?: string,
    options?: { action?: ErrorAction; cause?: unknown; status?: number; issues?: SettingsIssue[] },
  ) {
    super(detail ? `${code}: ${detail}` : code, { cause: options?.cause });
    this.name = 'StagecoachError';
    this.code = code;
    this.action = options?.action ?? DEFAULT_ACTION[code];
    this.detail = detail;
    this.status = options?.status;
    this.issues = options?.issues;
  }

  /** Another try may work: the network, Zoho's rate limit, or Zoho's own server error. */
  get transient(): boolean {
    return this.code === 'network' || this.code === 'rate_limited' || (this.status !== undefined && this.status >= 500);
  }

  toJSON(): SerializedError {
    return {
      code: this.code,
      action: this.action,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(this.issues ? { issues: this.issues } : {}),
    };
  }

  /** The error again, from what crossed the message boundary or was stored (an outbox item's last error). */
  static fromJSON(value: SerializedError): StagecoachError {
    return new StagecoachError(value.code, value.detail, { action: value.action, issues: value.issues });
  }

  static from(error: unknown): StagecoachError {
    if (error instanceof StagecoachError) return error;
    const detail = error instanceof Error ? error.message : String(error);
    return new StagecoachError('internal', detail, { cause: error });
  }
}
