// Stage suggestions as the UIs see them (zod-free: imported by the panel and options bundles).
import type { DryRunResult } from './dryRun';
import type { OutboxItem } from '../sync/types';
import type { ActionItem, Pipeline, Signal, Suggestion } from './types';

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
  /** Why Approve is not offered (null when it is): the profile and role as Zoho says them now, or what could not be read. */
  approval: { reason: 'not_listed'; profile: string | null; role: string | null } | { reason: 'team_unread' | 'profile_unread' } | null;
  /** Which criteria ran: the admin's, or the defaults (also when the admin's do not parse). */
  criteria: { source: 'default' | 'custom'; invalid: boolean };
  /**
   * The AI provider, and exactly what would be sent to it (no key in here), with that body's
   * SHA-256 (hex): the panel asks with it, and only that body is sent (askAi).
   */
  ai: { provider: 'none' | 'openai-compatible' | 'browser'; model: string | null; request: unknown; requestHash: string | null };
  /** Open approval requests on the deal, read back from Zoho (its Tasks), and any still in this browser's outbox. */
  approvalRequests: ApprovalRequestView[];
  /** The approval this user made just now, while it may still be undone (until `until`, epoch ms). */
  undo: { from: string; to: string; until: number } | null;
  checkedAt: number;
}

/** How long after an approval Undo is offered (the background allows a few seconds more for the click in flight). */
export const UNDO_WINDOW_MS = 30_000;

/** A pending approval request: an open Zoho Task on the deal (lib/suggestions/approvalTasks.ts). */
export interface ApprovalRequestView {
  /** The Task in Zoho; null while the request waits in this browser's outbox. */
  taskId: string | null;
  target: string;
  requestedBy: { id: string | null; name: string | null };
  /** When it was asked (epoch ms); null when Zoho gave no time. */
  at: number | null;
  assignee: { id: string; name: string | null } | null;
  queued: boolean;
}

export interface UndoResult {
  stage: OutboxItem;
  note: OutboxItem;
}

export type AiOutcome =
  | { ok: true; suggestion: Suggestion }
  | {
      ok: false;
      reason: 'not_configured' | 'unavailable' | 'permission_needed' | 'provider_error' | 'bad_response' | 'not_json' | 'bad_shape' | 'unknown_stage' | 'unknown_evidence' | 'no_evidence' | 'same_stage';
      detail: string;
    }
  /** Nothing was sent: what would be sent now (the deal changed in Zoho) is not the body shown; show this one and ask again. */
  | { ok: false; reason: 'request_changed'; detail: string; request: unknown; requestHash: string };

/** The stored AI key and the base URL it is sent to (null: none stored); `matches`: that is the address asked about. */
export interface AiKeyStatus {
  stored: boolean;
  baseUrl: string | null;
  matches: boolean;
}

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

/** Which of a contact's open deals the rules suggest a stage change for (the list marks them). */
export interface ContactDealSuggestion {
  dealId: string;
  /** The suggested stage; null: none. */
  target: string | null;
}

export type DryRunView =
  | { ok: false; errors: Array<{ line: number; column: number; path: string; message: string }> }
  | { ok: true; result: DryRunResult; dealsRead: number; dealsFailed: number };
