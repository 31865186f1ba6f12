// Sync state per data set (last success, last error) and the API usage log: what the popup
// shows as "in sync", "last error" and "API calls today".
import { StagecoachError, type SerializedError } from '../errors';
import type { ApiCallRow, StagecoachDb, SyncRow } from '../storage/db';

export const DATA_SETS = ['identity', 'records'] as const;
export type DataSet = (typeof DATA_SETS)[number];

const DAY_MS = 24 * 60 * 60_000;

export async function recordSuccess(db: StagecoachDb, dataSet: DataSet, at: number): Promise<void> {
  const row = await db.sync.get(dataSet);
  await db.sync.put({ dataSet, lastSuccessAt: at, lastErrorAt: row?.lastErrorAt ?? null, lastError: row?.lastError ?? null });
}

export async function recordFailure(db: StagecoachDb, dataSet: DataSet, error: unknown, at: number): Promise<void> {
  const row = await db.sync.get(dataSet);
  await db.sync.put({ dataSet, lastSuccessAt: row?.lastSuccessAt ?? null, lastErrorAt: at, lastError: StagecoachError.from(error).toJSON() });
}

export async function logApiCall(db: StagecoachDb, call: Omit<ApiCallRow, 'id'>): Promise<void> {
  await db.apiCalls.add(call);
  // Zoho's credit window is a rolling 24 hours: older calls no longer count.
  await db.apiCalls.where('at').below(call.at - 2 * DAY_MS).delete();
}

/**
 * Zoho's daily credits by edition (reference/zoho-api.md §4, the strictest figures): Free 5,000;
 * Standard 50,000 + 250 per user; Professional + 500; Enterprise and above + 1,000.
 */
export function dailyCreditLimit(edition: string | null | undefined, users: number | null | undefined): number | null {
  const seats = Math.max(0, users ?? 0);
  switch ((edition ?? '').toLowerCase()) {
    case 'free':
      return 5_000;
    case 'standard':
    case 'starter':
      return 50_000 + 250 * seats;
    case 'professional':
      return 50_000 + 500 * seats;
    case 'enterprise':
    case 'ultimate':
    case 'zohoone':
    case 'crmplus':
      return 50_000 + 1_000 * seats;
    default:
      return null;
  }
}

export interface SyncSummary {
  dataSets: SyncRow[];
  usage: { calls24h: number; limit: number | null; creditsRemaining: number | null };
  lastError: (SerializedError & { at: number; dataSet: string }) | null;
}

export async function syncSummary(db: StagecoachDb, now: number, limit: number | null): Promise<SyncSummary> {
  const [dataSets, calls] = await Promise.all([db.sync.toArray(), db.apiCalls.where('at').above(now - DAY_MS).toArray()]);
  const latestWithCredits = calls.filter((call) => call.creditsRemaining !== null).at(-1);
  // The last error counts only if nothing in its data set has succeeded since.
  const failing = dataSets
    .filter((row) => row.lastError && row.lastErrorAt !== null && (row.lastSuccessAt ?? 0) < row.lastErrorAt)
    .sort((a, b) => (b.lastErrorAt ?? 0) - (a.lastErrorAt ?? 0))[0];
  return {
    dataSets,
    usage: { calls24h: calls.length, limit, creditsRemaining: latestWithCredits?.creditsRemaining ?? null },
    lastError: failing?.lastError ? { ...failing.lastError, at: failing.lastErrorAt!, dataSet: failing.dataSet } : null,
  };
}
