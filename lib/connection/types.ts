// The connection as the UIs see it (zod-free: imported by the content script and popup bundles).
import type { ConnectedOrg, ConnectedUser } from '../storage/db';
import type { DataCentreId } from '../zoho/dataCentres';

/**
 * storage.local key the background bumps whenever the connection changes, so every open panel
 * and popup refreshes at once. It holds a timestamp only: nothing personal, nothing secret.
 */
export const STATUS_SIGNAL_KEY = 'statusChangedAt';

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
