// The protocol's answer types, free of zod so the content script and popup bundles stay small.
import type { SerializedError } from '../errors';
import type { ConnectedOrg, ConnectedUser } from '../storage/db';
import type { DataCentreId } from '../zoho/dataCentres';

/**
 * storage.local key the background bumps whenever the connection changes, so every open panel
 * and popup refreshes at once. It holds a timestamp only: nothing personal, nothing secret.
 */
export const STATUS_SIGNAL_KEY = 'statusChangedAt';

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
}

export interface ResponseMap {
  status: ConnectionStatus;
  connect: ConnectionStatus;
  disconnect: { revoked: boolean };
  getRecord: RecordSummary;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: SerializedError };
