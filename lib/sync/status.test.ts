import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { StagecoachError } from '../errors';
import { openDb } from '../storage/db';
import { dailyCreditLimit, logApiCall, recordFailure, recordSuccess, syncSummary } from './status';

describe('dailyCreditLimit (Zoho editions, strictest published figures)', () => {
  it.each([
    ['free', 3, 5_000],
    ['standard', 10, 52_500],
    ['professional', 10, 55_000],
    ['enterprise', 10, 60_000],
    ['Ultimate', 25, 75_000],
    ['enterprise', null, 50_000],
    ['trial', 10, null],
    [null, 10, null],
  ])('%s with %s users → %s', (edition, users, limit) => {
    expect(dailyCreditLimit(edition, users)).toBe(limit);
  });
});

describe('syncSummary', () => {
  it('reports last success per data set, calls in the last 24 h, and the last unresolved error', async () => {
    const db = openDb('status-test');
    const now = Date.UTC(2026, 10, 22, 12);
    await recordSuccess(db, 'identity', now - 3_600_000);
    await recordFailure(db, 'records', new StagecoachError('network', 'Failed to fetch'), now - 60_000);
    await logApiCall(db, { at: now - 25 * 3_600_000, status: 200, creditsRemaining: null }); // outside the window
    await logApiCall(db, { at: now - 10_000, status: 200, creditsRemaining: 40_000 });
    await logApiCall(db, { at: now - 5_000, status: 429, creditsRemaining: null });

    const summary = await syncSummary(db, now, 60_000);
    expect(summary.usage).toEqual({ calls24h: 2, limit: 60_000, creditsRemaining: 40_000 });
    expect(summary.lastError).toMatchObject({ code: 'network', dataSet: 'records', at: now - 60_000 });
    expect(summary.dataSets.find((d) => d.dataSet === 'identity')?.lastSuccessAt).toBe(now - 3_600_000);

    // A later success in the same data set resolves the error.
    await recordSuccess(db, 'records', now);
    expect((await syncSummary(db, now, null)).lastError).toBeNull();
    db.close();
  });
});
