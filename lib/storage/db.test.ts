import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDb } from './db';

let n = 0;

describe('upgrade to v7 (chosen zones, decisions and model answers stamped with their account)', () => {
  async function v6(connection: { connectedAt: number } | null, decisions: { target: string; at: number; by: string }[]) {
    const name = `db-upgrade-v7-${++n}`;
    const old = new Dexie(name);
    old.version(6).stores({ secrets: 'name', connection: 'id', records: '[module+id], fetchedAt', outbox: 'key, status, nextAttemptAt, createdAt', sync: 'dataSet', apiCalls: '++id, at', settings: 'id', contactZones: '[module+id]', decisions: '[dealId+target], dealId', providerKeys: 'id', lastKnown: '[kind+key], savedAt' });
    if (connection) await old.table('connection').put({ id: 'current', state: 'connected', user: { id: 'alice' }, org: { id: 'org-1' }, ...connection });
    for (const row of decisions) await old.table('decisions').put({ dealId: 'd1', decision: 'rejected', signalIds: [], ...row });
    await old.table('contactZones').put({ module: 'Contacts', id: 'c1', timeZone: 'Europe/Berlin' });
    await old.table('records').put({ module: 'ModelAnswer', id: 'd1', value: { target: 'Won' }, fetchedAt: 0 });
    old.close();
    return openDb(name);
  }

  it('keeps a decision the connected user made after connecting, stamped; drops the others, every zone and unstamped answer', async () => {
    const db = await v6({ connectedAt: 500 }, [
      { target: 'before', at: 400, by: 'alice' },
      { target: 'mine', at: 600, by: 'alice' },
      { target: 'someone else', at: 700, by: 'bob' },
    ]);
    expect(await db.decisions.toArray()).toEqual([expect.objectContaining({ target: 'mine', userId: 'alice', orgId: 'org-1' })]);
    expect(await db.contactZones.count()).toBe(0);
    expect(await db.records.count()).toBe(0);
    db.close();
  });

  it('with nobody signed in, drops every decision (only a race with a disconnect leaves one)', async () => {
    const db = await v6(null, [{ target: 'orphan', at: 600, by: 'alice' }]);
    expect(await db.decisions.count()).toBe(0);
    db.close();
  });
});
