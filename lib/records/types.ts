// What the UIs see of a Zoho record (zod-free: imported by the content script and popup bundles).

/** API module names a panel may ask for (the content script maps UI tabs to these). */
export const RECORD_MODULES = ['Contacts', 'Leads', 'Deals', 'Accounts'] as const;
export type RecordModule = (typeof RECORD_MODULES)[number];
export const isRecordModule = (module: string): module is RecordModule => (RECORD_MODULES as readonly string[]).includes(module);

export interface RecordSummary {
  module: RecordModule;
  id: string;
  name: string;
  owner: { id: string; name: string | null } | null;
  /** A deal's contact (`Contact_Name`): meetings booked from a deal are with this person. */
  contact?: { id: string; name: string | null } | null;
  /** A person's address as read with the record (their time zone comes from it; scheduling/zones.ts). */
  address?: { country: string | null; state: string | null; city: string | null };
}

export interface Cached<T> {
  value: T;
  fetchedAt: number;
  /** Older than its freshness: shown, but marked, and revalidated. */
  stale: boolean;
  /** Why it could not be revalidated (offline, rate limited). */
  error?: import('../errors').SerializedError;
}
