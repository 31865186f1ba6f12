// The outbox and sync state as the UIs see them (zod-free: imported by the popup and panel bundles).
import type { SerializedError } from '../errors';

/** Bumped whenever the outbox changes, so the popup's list of waiting writes stays current. */
export const OUTBOX_SIGNAL_KEY = 'outboxChangedAt';

/** What the UIs see of an outbox item: no record data, just what it is and how it went. */
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
  /** A done create whose look-up for a twin is still to run (at this time): the chaos oracle waits for it. */
  twinCheckAt?: number;
  /** A refused (failed) write: the Zoho page of the record it was about, where it can be fixed; null if none. */
  recordUrl?: string | null;
}

export interface SyncStatus {
  dataSets: { dataSet: string; lastSuccessAt: number | null; lastErrorAt: number | null; lastError: SerializedError | null }[];
  usage: { calls24h: number; limit: number | null; creditsRemaining: number | null };
  lastError: (SerializedError & { at: number; dataSet: string }) | null;
  outbox: OutboxItem[];
}
