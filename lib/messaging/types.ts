// The protocol's answer types, free of zod so the content script and popup bundles stay small.
import type { SerializedError } from '../errors';
import type { Settings } from '../settings/schema';
import type { FreeSlotsView, Meeting, PersonMatch } from '../scheduling/service';
import type { ConnectedOrg, ConnectedUser } from '../storage/db';
import type { DataCentreId } from '../zoho/dataCentres';
import type { ActionItem, Pipeline, Signal, Suggestion } from '../suggestions/types';

/**
 * storage.local key the background bumps whenever the connection changes, so every open panel
 * and popup refreshes at once. It holds a timestamp only: nothing personal, nothing secret.
 */
export const STATUS_SIGNAL_KEY = 'statusChangedAt';
/** Bumped whenever the outbox changes, so the popup's list of waiting writes stays current. */
export const OUTBOX_SIGNAL_KEY = 'outboxChangedAt';

/** API module names a panel may ask for (the content script maps UI tabs to these). */
export const RECORD_MODULES = ['Contacts', 'Leads', 'Deals', 'Accounts'] as const;
export type RecordModule = (typeof RECORD_MODULES)[number];

export type ConnectionStatus =
  | { state: 'disconnected'; sandbox: boolean }
  | {
      state: 'connected' | 'reconnect_needed';
      sandbox: boolean;
      user: ConnectedUser;
      org: ConnectedOrg;
      dataCentre: DataCentreId;
      connectedAt: number;
    };

export interface RecordSummary {
  module: RecordModule;
  id: string;
  name: string;
  owner: { id: string; name: string | null } | null;
  /** A deal's contact (`Contact_Name`): meetings booked from a deal are with this person. */
  contact?: { id: string; name: string | null } | null;
}

export interface ResponseMap {
  status: ConnectionStatus;
  getSettings: SettingsView;
  saveSettings: SettingsView;
  connect: ConnectionStatus;
  disconnect: { revoked: boolean };
  getRecord: Cached<RecordSummary> | null;
  freeSlots: FreeSlotsView;
  upcomingMeetings: Meeting[];
  bookMeeting: OutboxItem;
  cancelMeeting: OutboxItem;
  rescheduleMeeting: OutboxItem;
  setContactZone: { saved: true };
  findPerson: PersonMatch | null;
  createPerson: OutboxItem & { module: 'Leads' | 'Contacts' };
  addNote: OutboxItem;
  syncStatus: SyncStatus;
  outboxRetry: OutboxItem;
  outboxDiscard: { discarded: true };
  dealSuggestion: DealSuggestionView;
  askAi: AiOutcome;
  decideSuggestion: DecisionResult;
  requestApproval: RequestApprovalResult;
  createFollowUp: OutboxItem;
  contactDeals: ContactDeal[];
  criteriaDryRun: DryRunView;
  saveAiKey: { aiKeySet: boolean };
}

/** A deal with its pipeline, what the rules suggest and why, and what the user may do. */
export interface DealSuggestionView {
  deal: {
    id: string;
    name: string;
    stage: string;
    owner: { id: string; name: string | null } | null;
    amount: number | null;
    closingDate: string | null;
    closed: boolean;
  };
  pipeline: Pipeline;
  /** null: no criterion met, or `suppressed`. */
  suggestion: Suggestion | null;
  signals: Signal[];
  considered: Array<{ criterion: string; target: string; matched: boolean; missing: string[] }>;
  /** Rejected earlier, and no evidence has arrived since. */
  suppressed: { target: string; at: number } | null;
  actionItems: ActionItem[];
  canApprove: boolean;
  /** Which criteria ran: the admin's, or the defaults (also when the admin's do not parse). */
  criteria: { source: 'default' | 'custom'; invalid: boolean };
  /** The AI provider, and exactly what would be sent to it (no key in here). */
  ai: { provider: 'none' | 'openai-compatible' | 'browser'; model: string | null; request: unknown };
  checkedAt: number;
}

export type AiOutcome =
  | { ok: true; suggestion: Suggestion }
  | {
      ok: false;
      reason: 'not_configured' | 'unavailable' | 'permission_needed' | 'provider_error' | 'bad_response' | 'not_json' | 'bad_shape' | 'unknown_stage' | 'unknown_evidence' | 'no_evidence' | 'same_stage';
      detail: string;
    };

export interface DecisionResult {
  decision: 'approved' | 'rejected';
  stage: OutboxItem | null;
  note: OutboxItem | null;
}

export interface RequestApprovalResult {
  task: OutboxItem;
  assignee: { id: string; name: string | null };
  /** False when the owner has no manager in Zoho and the task went to the owner. */
  toManager: boolean;
}

export interface ContactDeal {
  id: string;
  name: string;
  stage: string;
  closingDate: string | null;
}

export type DryRunView =
  | { ok: false; errors: Array<{ line: number; column: number; path: string; message: string }> }
  | { ok: true; result: ReturnType<typeof import('../suggestions/dryRun').dryRun>; dealsRead: number; dealsFailed: number };

export interface Cached<T> {
  value: T;
  fetchedAt: number;
  /** Older than its freshness: shown, but marked, and revalidated. */
  stale: boolean;
  /** Why it could not be revalidated (offline, rate limited). */
  error?: SerializedError;
}

export interface OutboxItem {
  key: string;
  op: 'create' | 'update' | 'delete';
  module: string;
  summary: string;
  status: 'pending' | 'sending' | 'failed' | 'done';
  attempts: number;
  createdAt: number;
  updatedAt: number;
  lastError: SerializedError | null;
  resultId: string | null;
}

export interface SyncStatus {
  dataSets: { dataSet: string; lastSuccessAt: number | null; lastErrorAt: number | null; lastError: SerializedError | null }[];
  usage: { calls24h: number; limit: number | null; creditsRemaining: number | null };
  lastError: (SerializedError & { at: number; dataSet: string }) | null;
  outbox: OutboxItem[];
}

export interface SettingsView {
  /** In effect: the user's values with the policy applied. `oauth.clientSecret` is always null here. */
  settings: Settings;
  clientSecretSet: boolean;
  /** Dotted paths set by enterprise policy: shown, but not editable. */
  locked: string[];
  buildClientId: string | null;
  /** Whether an AI provider key is stored (the key itself never leaves the background). */
  aiKeySet: boolean;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: SerializedError };
