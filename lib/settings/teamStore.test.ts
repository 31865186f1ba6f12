// The team settings' last good answer belongs to the account that asked: an answer arriving after
// a disconnect (and someone else's sign-in) is not written, and a row of another account is not read.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDb, type ConnectionRow, type StagecoachDb } from '../storage/db';
import { createTeamSources, TEAM_RECORD } from './teamStore';

let dbCount = 0;
const signIn = (db: StagecoachDb, user: string, org: string) =>
  db.connection.put({ id: 'current', state: 'connected', user: { id: user, name: user }, org: { id: org }, connectedAt: 1 } as unknown as ConnectionRow);

describe('team settings sources', () => {
  it('drops an answer that arrives after the asking account signed out and another signed in', async () => {
    const db = openDb(`stagecoach-teamstore-${++dbCount}`);
    await signIn(db, 'alice', 'org1');
    let release!: () => void;
    const answered = new Promise<void>((resolve) => (release = resolve));
    const client = {
      request: async () => {
        await answered;
        return { variables: [] };
      },
    };
    const { team } = createTeamSources({ db, client: client as never, now: () => 1_000 });
    const reading = team.current();
    await db.connection.clear();
    await signIn(db, 'bob', 'org2');
    release();
    await reading;
    expect(await db.records.where('module').equals(TEAM_RECORD.module).count()).toBe(0);
  });

  it('reads no last known answer kept for another account', async () => {
    const db = openDb(`stagecoach-teamstore-${++dbCount}`);
    await signIn(db, 'bob', 'org2');
    // A row under Bob's key but written for another account (as a late answer once could).
    await db.records.put({ module: TEAM_RECORD.module, id: 'org2/bob', value: 'none', fetchedAt: 1, userId: 'alice', orgId: 'org1' });
    const client = { request: async () => Promise.reject(new Error('offline')) };
    const { team } = createTeamSources({ db, client: client as never, now: () => 1_000 });
    expect(await team.current()).toMatchObject({ kind: 'unavailable' });
  });
});
