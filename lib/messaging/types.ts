// The protocol's answer types, free of zod so the content script and popup bundles stay small.
import type { SerializedError } from '../errors';
import type { Settings } from '../settings/schema';
import type { FreeSlotsView, Meeting, PersonMatch } from '../scheduling/service';
import type { ConnectedOrg, ConnectedUser } from '../storage/db';
import type { DataCentreId } from '../zoho/dataCentres';

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
}

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
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: SerializedError };
