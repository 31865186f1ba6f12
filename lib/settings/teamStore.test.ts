// The team settings' last good answer belongs to the account that asked: an answer arriving after
// a disconnect (and someone else's sign-in) is not written, and a row of another account is not read.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDb, type ConnectionRow, type StagecoachDb } from '../storage/db';
import { defaultSettings } from './schema';
import { encodeTeam, teamOf, teamVariableName } from './team';
import { createTeamSources, TEAM_FRESH_MS, TEAM_RECORD } from './teamStore';

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

  it('answers the panel from the kept copy at once and asks Zoho again behind it (stale-while-revalidate)', async () => {
    const db = openDb(`stagecoach-teamstore-${++dbCount}`);
    await signIn(db, 'alice', 'org1');
    const published = (by: string) => ({ variables: encodeTeam(teamOf(defaultSettings()), by, '2026-12-06T00:00:00Z').map((value, index) => ({ id: String(index), api_name: teamVariableName(index), value })) });
    let clock = 1_000;
    let answer = published('Ada');
    let gate: Promise<void> = Promise.resolve();
    let calls = 0;
    const client = {
      request: async () => {
        calls += 1;
        const now = answer;
        await gate;
        return now;
      },
    };
    const { team } = createTeamSources({ db, client: client as never, now: () => clock });
    expect(await team.current({ fresh: true })).toMatchObject({ kind: 'published', by: 'Ada' });
    expect(calls).toBe(1);
    // Within the freshness: no call at all.
    expect(await team.current({ fresh: true })).toMatchObject({ by: 'Ada' });
    expect(calls).toBe(1);

    // Older than the freshness, Zoho slow and changed: the kept copy is the answer, before Zoho's.
    clock += TEAM_FRESH_MS + 1;
    answer = published('Grace');
    let release!: () => void;
    gate = new Promise<void>((resolve) => (release = resolve));
    expect(await team.current({ fresh: true })).toMatchObject({ kind: 'published', by: 'Ada' });
    expect(calls).toBe(2);
    // Asked again while that read is out: still at once, and no second read.
    expect(await team.current({ fresh: true })).toMatchObject({ by: 'Ada' });
    expect(calls).toBe(2);
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await team.current({ fresh: true })).toMatchObject({ by: 'Grace' });
    expect(calls).toBe(2);

    // A service worker restarted (nothing in memory): the account's last good answer at once.
    const restarted = createTeamSources({ db, client: client as never, now: () => clock }).team;
    answer = published('Linus');
    gate = new Promise<void>((resolve) => (release = resolve));
    expect(await restarted.current({ fresh: true })).toMatchObject({ by: 'Grace' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toBe(3);
    release();
    // Without `fresh` (the approver check) an old copy waits for Zoho.
    expect(await restarted.current()).toMatchObject({ by: 'Linus' });
  });

  it('serves no kept copy of another account at once: it waits for Zoho', async () => {
    const db = openDb(`stagecoach-teamstore-${++dbCount}`);
    await signIn(db, 'bob', 'org2');
    await db.records.put({ module: TEAM_RECORD.module, id: 'org2/bob', value: 'none', fetchedAt: 1, userId: 'alice', orgId: 'org1' });
    let calls = 0;
    const client = { request: async () => (calls++, { variables: [] }) };
    const { team } = createTeamSources({ db, client: client as never, now: () => 1_000 });
    expect(await team.current({ fresh: true })).toMatchObject({ kind: 'none', readAt: 1_000 });
    expect(calls).toBe(1);
  });
});
