// The short chaos run inside `npm test`: one fixed seed, 36 operations, a fifth of the API calls
// faulted, a stopped worker, a browser restart, a reconnect and a switch of user on the way.
// The long runs are `npm run chaos` (3 seeds × 200 operations).
import { expect, test } from '@playwright/test';
import { runChaos } from '../chaos/harness';
import { formatFigures } from '../chaos/oracle';

test('chaos, seed 11, 36 operations: nothing lost, nothing doubled, no double booking, no cross-account write', async () => {
  test.setTimeout(240_000);
  const figures = await runChaos({ seed: 11, ops: 36, faultRate: 0.2 });
  console.log(formatFigures(figures));
  for (const problem of figures.problems) console.log(`  - ${problem}`);
  expect(figures.operations).toBe(36);
  expect(figures.faultedShare).toBeGreaterThanOrEqual(0.15);
  expect(figures.faults.browser_restarted).toBeGreaterThanOrEqual(1);
  expect(figures.faults.switched_user).toBeGreaterThanOrEqual(1);
  expect(figures.faults.all_tokens_expired).toBeGreaterThanOrEqual(1);
  expect(figures.faults.worker_stopped).toBeGreaterThanOrEqual(1);
  expect({
    lost: figures.lost,
    duplicated: figures.duplicated,
    doubleBookings: figures.doubleBookings,
    crossAccount: figures.crossAccount,
    discardedPresent: figures.discardedPresent,
    outboxWaiting: figures.outboxWaiting,
  }).toEqual({ lost: 0, duplicated: 0, doubleBookings: 0, crossAccount: 0, discardedPresent: 0, outboxWaiting: 0 });
  // Something the user was told saved is there to check at all.
  expect(figures.told.ok + figures.told.queued).toBeGreaterThan(10);
});
