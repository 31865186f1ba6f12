// The metadata cache: read once per connection and kept a day, per user and org, wiped on
// disconnect, one read at a time per key.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDb, wipePersonalData, type ConnectionRow, type StagecoachDb } from '../storage/db';
import { createMetaCache, META_FRESH_MS } from './meta';

let db: StagecoachDb;
let now = Date.parse('2026-12-05T10:00:00Z');
let n = 0;

const connection = (userId: string, orgId = 'org-1') =>
  ({ id: 'current', state: 'connected', user: { id: userId, name: userId }, org: { id: orgId }, connectedAt: 0 }) as unknown as ConnectionRow;

beforeEach(async () => {
  db = openDb(`meta-test-${++n}`);
  now = Date.parse('2026-12-05T10:00:00Z');
});

function counting<T>(value: T) {
  let calls = 0;
  return { load: async () => ((calls += 1), value), calls: () => calls };
}

describe('metadata cache', () => {
  it('reads once, then answers from the cache until a day has passed', async () => {
    const ann = connection('u1');
    await db.connection.put(ann);
    const meta = createMetaCache({ db, now: () => now });
    const fields = counting({ stages: ['Qualification'] });
    expect(await meta.read(ann, 'Deals/pipeline', fields.load)).toEqual({ stages: ['Qualification'] });
    now += META_FRESH_MS - 1;
    await meta.read(ann, 'Deals/pipeline', fields.load);
    expect(fields.calls()).toBe(1);
    now += 1;
    await meta.read(ann, 'Deals/pipeline', fields.load);
    expect(fields.calls()).toBe(2);
  });

  it('a shorter freshness per key (out-of-office: ten minutes)', async () => {
    const ann = connection('u1');
    await db.connection.put(ann);
    const meta = createMetaCache({ db, now: () => now });
    const away = counting([]);
    await meta.read(ann, 'users_unavailability', away.load, { freshMs: 600_000 });
    now += 600_000;
    await meta.read(ann, 'users_unavailability', away.load, { freshMs: 600_000 });
    expect(away.calls()).toBe(2);
  });

  it('survives a stopped worker (a new cache over the same database)', async () => {
    const ann = connection('u1');
    await db.connection.put(ann);
    const first = counting('hours');
    await createMetaCache({ db, now: () => now }).read(ann, 'calendar/hours', first.load);
    await createMetaCache({ db, now: () => now }).read(ann, 'calendar/hours', first.load);
    expect(first.calls()).toBe(1);
  });

  it('is another account’s never: another user or org reads afresh', async () => {
    const ann = connection('u1');
    await db.connection.put(ann);
    const meta = createMetaCache({ db, now: () => now });
    await meta.read(ann, 'Deals/pipeline', async () => 'ann’s');
    const bob = connection('u2');
    await db.connection.put(bob);
    expect(await meta.read(bob, 'Deals/pipeline', async () => 'bob’s')).toBe('bob’s');
    const otherOrg = connection('u2', 'org-2');
    await db.connection.put(otherOrg);
    expect(await meta.read(otherOrg, 'Deals/pipeline', async () => 'org 2’s')).toBe('org 2’s');
  });

  it('is wiped on disconnect', async () => {
    const ann = connection('u1');
    await db.connection.put(ann);
    const meta = createMetaCache({ db, now: () => now });
    const fields = counting('fields');
    await meta.read(ann, 'Deals/pipeline', fields.load);
    await wipePersonalData(db);
    await db.connection.put(ann);
    await meta.read(ann, 'Deals/pipeline', fields.load);
    expect(fields.calls()).toBe(2);
  });

  it('an answer that lands after a disconnect is not kept', async () => {
    const ann = connection('u1');
    await db.connection.put(ann);
    const meta = createMetaCache({ db, now: () => now });
    await meta.read(ann, 'Deals/pipeline', async () => {
      await wipePersonalData(db);
      return 'late';
    });
    expect(await db.records.count()).toBe(0);
  });

  it('views opened together wait for one read', async () => {
    const ann = connection('u1');
    await db.connection.put(ann);
    const meta = createMetaCache({ db, now: () => now });
    const fields = counting('fields');
    await Promise.all([meta.read(ann, 'k', fields.load), meta.read(ann, 'k', fields.load), meta.read(ann, 'k', fields.load)]);
    expect(fields.calls()).toBe(1);
  });

  it('`keep` leaves a stand-in for a passing failure uncached', async () => {
    const ann = connection('u1');
    await db.connection.put(ann);
    const meta = createMetaCache({ db, now: () => now });
    const flaky = counting('unavailable');
    await meta.read(ann, 'calendar/hours', flaky.load, { keep: () => false });
    await meta.read(ann, 'calendar/hours', flaky.load, { keep: () => false });
    expect(flaky.calls()).toBe(2);
  });
});
