import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StagecoachError } from '../errors';
import { openDb, type StagecoachDb } from '../storage/db';
import type { ZohoClient, ZohoRequest } from '../zoho/client';
import { createOutbox, TWIN_CHECK_DELAY_MS } from './outbox';

type Call = { path: string; method: string; body: unknown; query?: Record<string, string> };
type Script = (call: Call) => unknown;
type Owner = { userId: string; orgId: string };
const ALICE: Owner = { userId: 'alice', orgId: 'org-1' };
const BOB: Owner = { userId: 'bob', orgId: 'org-2' };
/** `Created_By` of a record the connected user (Alice) made, as Zoho's related lists give it. */
const BY_ALICE = { id: ALICE.userId, name: 'Alice', email: 'alice@example.com' };

const CREATED = (id: string) => ({ data: [{ code: 'SUCCESS', details: { id, Created_Time: '2026-11-22T10:00:00+05:30' }, message: 'record added', status: 'success' }] });
const REFUSED = { data: [{ code: 'INVALID_DATA', details: { api_name: 'Parent_Id', json_path: '$.data[0].Parent_Id' }, message: 'the related id given seems to be invalid', status: 'error' }] };
const NONE = null; // 204: no notes on the record
const LOOKUP = '/Deals/4876876000000431001/Notes';
const isLookup = (call: Call) => call.path === LOOKUP && call.method === 'GET';
/** The first page of the parent's notes: no sort parameters, which related lists do not take. */
const FIRST_PAGE = { fields: 'Note_Content,Created_By', per_page: '200', page: '1' };
/** The parent's notes as Zoho lists them, one of them carrying the marker of outbox key `key`. */
const notesWith = (id: string, key: string) => ({
  data: [
    { id: '111', Note_Content: 'An older note.', Created_By: BY_ALICE },
    { id, Note_Content: `Budget approved.\n\nstagecoach:${key}`, Created_By: BY_ALICE },
  ],
});

let db: StagecoachDb;
let n = 0;
let clock = 1_000_000;
let keys = 0;

function setup(script: Script, connected = true, signedIn: { owner: Owner | null } = { owner: ALICE }) {
  const calls: Call[] = [];
  const wakes: number[] = [];
  const client: ZohoClient = {
    async request(path, schema, init: ZohoRequest = {}) {
      const call: Call = { path, method: init.method ?? 'GET', body: init.body };
      if (init.query) call.query = init.query;
      calls.push(call);
      const answer = await script(call);
      if (answer instanceof Error) throw answer;
      return answer === null ? null : schema.parse(answer);
    },
    setMaxConcurrent() {},
  };
  const outbox = createOutbox({ db, client, now: () => clock, random: () => 0.5, newKey: () => `key-${++keys}-0000`, connected: async () => connected, owner: async () => signedIn.owner, wakeAt: (at) => wakes.push(at) });
  return { outbox, calls, wakes };
}

const note = { op: 'create' as const, module: 'Notes' as const, data: { Note_Content: 'Budget approved.', Parent_Id: { module: { api_name: 'Deals' }, id: '4876876000000431001' } }, summary: 'Note on Acme' };

beforeEach(() => {
  db = openDb(`outbox-test-${++n}`);
  keys = 0;
  clock = 1_000_000;
});
afterEach(() => db.close());

describe('outbox', () => {
  it('stores the write before sending, with its marker in the record, and marks it done on Zoho’s answer: one call', async () => {
    const { outbox, calls, wakes } = setup((call) => (isLookup(call) ? notesWith('900', 'key-1-0000') : CREATED('900')));
    const row = await outbox.enqueue(note);
    expect(await db.outbox.get(row.key)).toMatchObject({ status: 'pending', attempts: 0 });
    const sent = await outbox.sendNow(row.key);
    expect(sent).toMatchObject({ status: 'done', resultId: '900', attempts: 1, twinCheckAt: clock + TWIN_CHECK_DELAY_MS });
    expect(calls).toEqual([{ path: '/Notes', method: 'POST', body: { data: [{ ...note.data, Note_Content: `Budget approved.\n\nstagecoach:${row.key}` }] } }]);
    expect(wakes).toEqual([clock + TWIN_CHECK_DELAY_MS]);
  });

  it('looks for a twin once, when the check is due (drain), and then never again', async () => {
    const { outbox, calls } = setup((call) => (isLookup(call) ? notesWith('900', 'key-1-0000') : CREATED('900')));
    const row = await outbox.enqueue(note);
    await outbox.sendNow(row.key);
    await outbox.drain(); // not due yet
    expect(calls).toHaveLength(1);
    clock += TWIN_CHECK_DELAY_MS;
    await outbox.drain();
    await outbox.drain();
    expect(calls.slice(1)).toEqual([{ path: LOOKUP, method: 'GET', body: undefined, query: FIRST_PAGE }]);
    const done = await db.outbox.get(row.key);
    expect(done).toMatchObject({ status: 'done', resultId: '900', attempts: 1 });
    expect(done?.twinCheckAt).toBeUndefined();
  });

  it('deletes a duplicate the browser made by resending on a dead connection, keeping Zoho’s answer', async () => {
    const twice = { data: [...notesWith('900', 'key-1-0000').data, { id: '899', Note_Content: 'Budget approved.\n\nstagecoach:key-1-0000', Created_By: BY_ALICE }] };
    const { outbox, calls } = setup((call) => (isLookup(call) ? twice : call.method === 'DELETE' ? { data: [{ code: 'SUCCESS', details: { id: '899' }, message: 'record deleted', status: 'success' }] } : CREATED('900')));
    const row = await outbox.enqueue(note);
    expect(await outbox.sendNow(row.key)).toMatchObject({ status: 'done', resultId: '900' });
    clock += TWIN_CHECK_DELAY_MS;
    await outbox.drain();
    expect(calls.at(-1)).toEqual({ path: '/Notes/899', method: 'DELETE', body: undefined });
    expect(await db.outbox.get(row.key)).toMatchObject({ status: 'done', resultId: '900' });
  });

  it('a record deleted before its check (a meeting cancelled at once): the twin a resend left is deleted all the same', async () => {
    const twinOnly = { data: [{ id: '899', Note_Content: 'Budget approved.\n\nstagecoach:key-1-0000', Created_By: BY_ALICE }] };
    const { outbox, calls } = setup((call) => (isLookup(call) ? twinOnly : call.method === 'DELETE' ? { data: [{ code: 'SUCCESS', details: { id: '899' }, message: 'record deleted', status: 'success' }] } : CREATED('900')));
    const row = await outbox.enqueue(note);
    await outbox.sendNow(row.key);
    clock += TWIN_CHECK_DELAY_MS;
    await outbox.drain();
    expect(calls.at(-1)).toEqual({ path: '/Notes/899', method: 'DELETE', body: undefined });
    expect(await db.outbox.get(row.key)).toMatchObject({ status: 'done', resultId: '900' });
  });

  it('a worker stopped before the check runs it on its next start (the check is stored, not a timer)', async () => {
    const twice = { data: [...notesWith('900', 'key-1-0000').data, { id: '899', Note_Content: 'Budget approved.\n\nstagecoach:key-1-0000', Created_By: BY_ALICE }] };
    const script: Script = (call) => (isLookup(call) ? twice : call.method === 'DELETE' ? { data: [{ code: 'SUCCESS', details: { id: '899' }, message: 'record deleted', status: 'success' }] } : CREATED('900'));
    const before = setup(script);
    const row = await before.outbox.enqueue(note);
    await before.outbox.sendNow(row.key);
    // The worker stops; a new one starts later with a new outbox over the same database.
    clock += 60_000;
    const after = setup(script);
    await after.outbox.drain();
    expect(after.calls.map((c) => `${c.method} ${c.path}`)).toEqual([`GET ${LOOKUP}`, 'DELETE /Notes/899']);
    expect(before.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('a check that meets a fault tries again with backoff; the item stays done and is never sent again', async () => {
    let lookups = 0;
    const { outbox, calls, wakes } = setup((call) => (isLookup(call) ? (++lookups <= 2 ? new StagecoachError('network') : notesWith('900', 'key-1-0000')) : CREATED('900')));
    const row = await outbox.enqueue(note);
    await outbox.sendNow(row.key);
    clock += TWIN_CHECK_DELAY_MS;
    await outbox.drain();
    const first = await db.outbox.get(row.key);
    expect(first).toMatchObject({ status: 'done', resultId: '900', twinChecks: 1, twinCheckAt: clock + 1_500 });
    expect(wakes.at(-1)).toBe(clock + 1_500);
    clock += 1_500;
    await outbox.drain();
    expect(await db.outbox.get(row.key)).toMatchObject({ twinChecks: 2, twinCheckAt: clock + 3_000 });
    // Retry (the popup's, the chaos run's) runs a check waiting on its backoff now.
    expect(await outbox.retry(row.key)).toMatchObject({ status: 'done', resultId: '900' });
    expect((await db.outbox.get(row.key))?.twinCheckAt).toBeUndefined();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    expect(lookups).toBe(3);
  });

  it('a done item whose check has not run is not pruned with the day’s sent items', async () => {
    const { outbox } = setup((call) => (isLookup(call) ? new StagecoachError('network') : CREATED('900')));
    const row = await outbox.enqueue(note);
    await outbox.sendNow(row.key);
    clock += 2 * 24 * 60 * 60_000;
    await outbox.drain();
    expect(await db.outbox.get(row.key)).toMatchObject({ status: 'done', twinChecks: 1 });
  });

  it('a check is made only as the account that made the item', async () => {
    const signedIn: { owner: Owner | null } = { owner: ALICE };
    const { outbox, calls } = setup((call) => (isLookup(call) ? notesWith('900', 'key-1-0000') : CREATED('900')), true, signedIn);
    const row = await outbox.enqueue(note);
    await outbox.sendNow(row.key);
    signedIn.owner = BOB;
    clock += TWIN_CHECK_DELAY_MS;
    await outbox.drain();
    expect(calls).toHaveLength(1);
    expect((await db.outbox.get(row.key))?.twinCheckAt).toBeDefined();
  });

  // Issue 11, finding 6: only a record whose line is exactly the marker and that the connected user
  // created is a duplicate of ours; look-alikes in the same list are left alone.
  it('deletes no look-alike: the marker in a sentence, with extra characters, or in another user’s record', async () => {
    const lookAlikes = [
      { id: '801', Note_Content: 'Pasted from the log: stagecoach:key-1-0000 (ignore)', Created_By: BY_ALICE },
      { id: '802', Note_Content: 'Budget approved.\n\nstagecoach:key-1-0000-copy', Created_By: BY_ALICE },
      { id: '803', Note_Content: 'Budget approved.\n\nstagecoach:key-1-0000', Created_By: { id: 'mallory', name: 'Mallory' } },
    ];
    const { outbox, calls } = setup((call) => (isLookup(call) ? { data: [...lookAlikes, ...notesWith('900', 'key-1-0000').data] } : CREATED('900')));
    const row = await outbox.enqueue(note);
    expect(await outbox.sendNow(row.key)).toMatchObject({ status: 'done', resultId: '900' });
    expect(calls.filter((call) => call.method === 'DELETE')).toEqual([]);
  });

  it('after an unknown outcome, a look-alike is not taken for the record: it is sent again', async () => {
    let posts = 0;
    const { outbox } = setup((call) => {
      if (isLookup(call)) return { data: [{ id: '803', Note_Content: 'Budget approved.\n\nstagecoach:key-1-0000', Created_By: { id: 'mallory' } }] };
      posts += 1;
      return posts === 1 ? new StagecoachError('network', 'connection reset') : CREATED('905');
    });
    const row = await outbox.enqueue(note);
    await outbox.sendNow(row.key);
    clock += 60_000;
    await outbox.drain();
    expect(await db.outbox.get(row.key)).toMatchObject({ status: 'done', resultId: '905' });
    expect(posts).toBe(2);
  });

  it('after an unknown outcome, finds the record by its marker and does not send it again', async () => {
    let posts = 0;
    const { outbox, calls } = setup((call) => {
      if (isLookup(call)) return notesWith('901', 'key-1-0000');
      posts += 1;
      return new StagecoachError('network', 'connection reset');
    });
    const row = await outbox.enqueue(note);
    expect(await outbox.sendNow(row.key)).toMatchObject({ status: 'pending', attempts: 1, lastError: { code: 'network' } });
    clock += 60_000;
    await outbox.drain();
    expect(await db.outbox.get(row.key)).toMatchObject({ status: 'done', resultId: '901' });
    expect(posts).toBe(1);
    expect(row.key).toBe('key-1-0000');
    expect(calls[1]).toEqual({ path: LOOKUP, method: 'GET', body: undefined, query: FIRST_PAGE });
  });

  it('after an unknown outcome with no record found, sends again once', async () => {
    let posts = 0;
    const { outbox } = setup((call) => {
      if (isLookup(call)) return { data: [{ id: '111', Note_Content: 'An older note.' }] };
      posts += 1;
      return posts === 1 ? new StagecoachError('rate_limited', 'too many requests', { status: 429 }) : CREATED('902');
    });
    const row = await outbox.enqueue(note);
    await outbox.sendNow(row.key);
    expect((await db.outbox.get(row.key))?.status).toBe('pending');
    await outbox.drain(); // not due yet: nothing happens
    expect(posts).toBe(1);
    clock += 60_000;
    await outbox.drain();
    expect(await db.outbox.get(row.key)).toMatchObject({ status: 'done', resultId: '902' });
    expect(posts).toBe(2);
  });

  it('a worker that died mid-send (status "sending") looks first on the next run', async () => {
    const { outbox, calls } = setup((call) => (isLookup(call) ? notesWith('903', 'key-1-0000') : CREATED('never')));
    const row = await outbox.enqueue(note);
    await db.outbox.update(row.key, { status: 'sending', attempts: 1 });
    await outbox.drain();
    expect(await db.outbox.get(row.key)).toMatchObject({ status: 'done', resultId: '903' });
    expect(calls.map((c) => c.path)).toEqual([LOOKUP]);
  });

  it('a refusal from Zoho fails with Zoho’s words and is not retried by itself; retry sends again', async () => {
    let answer: unknown = REFUSED;
    const { outbox, calls } = setup((call) => (isLookup(call) ? NONE : answer));
    const row = await outbox.enqueue(note);
    const failed = await outbox.sendNow(row.key);
    expect(failed).toMatchObject({ status: 'failed', lastError: { code: 'zoho_error', zoho: 'the related id given seems to be invalid (Parent_Id)' } });
    clock += 24 * 60 * 60_000;
    await outbox.drain();
    expect(calls).toHaveLength(1);
    answer = CREATED('904');
    expect(await outbox.retry(row.key)).toMatchObject({ status: 'done', resultId: '904' });
  });

  it('waits while not connected: nothing is sent, nothing is lost', async () => {
    const { outbox, calls } = setup(() => CREATED('x'), false);
    const row = await outbox.enqueue(note);
    await outbox.drain();
    expect(calls).toHaveLength(0);
    expect((await db.outbox.get(row.key))?.status).toBe('pending');
  });

  it('a delete retried after an unknown outcome that finds the record gone is done', async () => {
    let tries = 0;
    const { outbox } = setup(() => (++tries === 1 ? new StagecoachError('network') : REFUSED));
    const row = await outbox.enqueue({ op: 'delete', module: 'Events', recordId: '4876876000000500001', summary: 'Cancel meeting' });
    await outbox.sendNow(row.key);
    clock += 60_000;
    await outbox.drain();
    expect((await db.outbox.get(row.key))?.status).toBe('done');
  });

  it('backs off exponentially between tries', async () => {
    const { outbox } = setup((call) => (isLookup(call) ? NONE : new StagecoachError('network')));
    const row = await outbox.enqueue(note);
    const gaps: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const before = clock;
      await outbox.sendNow(row.key);
      const next = (await db.outbox.get(row.key))!.nextAttemptAt;
      gaps.push(next - before);
      clock = next;
    }
    expect(gaps).toEqual([1500, 3000, 6000, 12000]); // delay·(½ + random()/2) with random() = ½
  });

  it('finds a created Task through a creation-time window in COQL, confirming the marker itself', async () => {
    let posts = 0;
    const { outbox, calls } = setup((call) => {
      if (call.path === '/coql') return { data: [{ id: '7', Description: 'other' }, { id: '8', Description: 'Follow up\n\nstagecoach:key-1-0000', Created_By: { id: ALICE.userId } }] };
      posts += 1;
      return new StagecoachError('network');
    });
    const row = await outbox.enqueue({ op: 'create', module: 'Tasks', data: { Subject: 'Send proposal', Description: 'Follow up' }, summary: 'Task' });
    await outbox.sendNow(row.key);
    clock += 60_000;
    await outbox.drain();
    expect(await db.outbox.get(row.key)).toMatchObject({ status: 'done', resultId: '8' });
    expect(posts).toBe(1);
    // Ordered and narrowed by what COQL filters: the creation window and the task's own subject.
    expect(calls[1]?.body).toEqual({
      select_query: "select id, Description, Created_By from Tasks where (Created_Time >= '1970-01-01T00:06:40+00:00' and Subject = 'Send proposal') order by Created_Time asc, id asc limit 200 offset 0",
    });
  });

  it('pages a COQL look-up until the marker is found, narrowing by owner and start, never by a quoted value', async () => {
    const page = (offset: number, rows: Array<Record<string, unknown>>, more: boolean) => ({ data: rows, info: { count: rows.length, more_records: more }, offset });
    const others = (from: number) => Array.from({ length: 200 }, (_, i) => ({ id: String(from + i), Description: 'someone else’s meeting' }));
    const { outbox, calls } = setup((call) => {
      if (call.path !== '/coql') return new StagecoachError('network');
      const offset = Number(/offset (\d+)$/.exec((call.body as { select_query: string }).select_query)?.[1]);
      if (offset === 0) return page(0, others(1000), true);
      if (offset === 200) return page(200, [...others(2000).slice(0, 150), { id: '2999', Description: 'Agenda\n\nstagecoach:key-1-0000', Created_By: { id: ALICE.userId } }], true);
      return page(offset, others(3000), false);
    });
    const data = { Event_Title: 'Acme’s demo', Start_DateTime: '2026-11-25T10:00:00+05:30', End_DateTime: '2026-11-25T11:00:00+05:30', Owner: { id: '4876876000000225011' }, Description: 'Agenda' };
    const row = await outbox.enqueue({ op: 'create', module: 'Events', data, summary: 'Meeting' });
    await outbox.sendNow(row.key);
    clock += 60_000;
    await outbox.drain();
    expect(await db.outbox.get(row.key)).toMatchObject({ status: 'done', resultId: '2999' });
    const queries = calls.filter((c) => c.path === '/coql').map((c) => (c.body as { select_query: string }).select_query);
    // Pages 1 and 2, then one more after the hit (a resent twin would sit right after it).
    expect(queries.map((q) => /offset (\d+)$/.exec(q)?.[1])).toEqual(['0', '200', '400']);
    expect(queries[0]).toBe(
      "select id, Description, Created_By from Events where ((Created_Time >= '1970-01-01T00:06:40+00:00' and Owner = '4876876000000225011') and Start_DateTime = '2026-11-25T10:00:00+05:30') order by Created_Time asc, id asc limit 200 offset 0",
    );
    expect(calls.filter((c) => c.path === '/Events')).toHaveLength(1);
  });

  it('leaves a value with a quote out of the COQL criteria rather than risk a broken query', async () => {
    const { outbox, calls } = setup((call) => (call.path === '/coql' ? null : new StagecoachError('network')));
    const row = await outbox.enqueue({ op: 'create', module: 'Tasks', data: { Subject: 'Call O’Brien\'s office', Description: 'x' }, summary: 'Task' });
    await outbox.sendNow(row.key);
    clock += 60_000;
    await outbox.drain();
    const query = (calls.find((c) => c.path === '/coql')?.body as { select_query: string }).select_query;
    expect(query).toContain("where Created_Time >= '1970-01-01T00:06:40+00:00' order by");
  });

  it('pages the parent’s notes (no sort on related lists) until the marker is found', async () => {
    const fill = (page: number) => Array.from({ length: 200 }, (_, i) => ({ id: String(page * 1000 + i), Note_Content: 'Another note.' }));
    let posts = 0;
    const { outbox, calls } = setup((call) => {
      if (isLookup(call)) {
        const page = Number(call.query?.page);
        if (page < 3) return { data: fill(page), info: { per_page: 200, count: 200, page, more_records: true } };
        return { data: [...fill(page).slice(0, 20), { id: '900', Note_Content: 'Budget approved.\n\nstagecoach:key-1-0000', Created_By: BY_ALICE }], info: { per_page: 200, count: 21, page, more_records: false } };
      }
      posts += 1;
      return new StagecoachError('network');
    });
    const row = await outbox.enqueue(note);
    await outbox.sendNow(row.key);
    clock += 60_000;
    await outbox.drain();
    expect(await db.outbox.get(row.key)).toMatchObject({ status: 'done', resultId: '900' });
    expect(posts).toBe(1);
    const lookups = calls.filter(isLookup);
    expect(lookups.map((c) => c.query)).toEqual([1, 2, 3].map((page) => ({ fields: 'Note_Content,Created_By', per_page: '200', page: String(page) })));
  });

  it('past the look-up’s page cap with nothing found, stops for the person instead of sending again; their retry sends', async () => {
    const full = (page: number) => ({ data: Array.from({ length: 200 }, (_, i) => ({ id: String(page * 1000 + i), Note_Content: 'x' })), info: { more_records: true } });
    let posts = 0;
    const { outbox, calls } = setup((call) => {
      if (isLookup(call)) return full(Number(call.query?.page));
      posts += 1;
      return posts === 1 ? new StagecoachError('network') : CREATED('901');
    });
    const row = await outbox.enqueue(note);
    await outbox.sendNow(row.key);
    clock += 60_000;
    await outbox.drain();
    expect(await db.outbox.get(row.key)).toMatchObject({ status: 'failed', lastError: { code: 'conflict', reason: 'marker_lookup_exhausted' } });
    expect(calls.filter(isLookup)).toHaveLength(10);
    expect(posts).toBe(1);
    await outbox.retry(row.key);
    expect(posts).toBe(2);
    expect(await db.outbox.get(row.key)).toMatchObject({ status: 'done', resultId: '901' });
  });

  it('discard removes it', async () => {
    const { outbox } = setup(() => REFUSED);
    const row = await outbox.enqueue(note);
    await outbox.discard(row.key);
    expect(await db.outbox.count()).toBe(0);
  });

  describe('an item that waits for another (an approval’s audit note after its stage change)', () => {
    const stage = { op: 'update' as const, module: 'Deals' as const, recordId: '4876876000000431001', data: { Stage: 'Value Proposition' }, summary: 'Stage of Acme' };
    const UPDATED = { data: [{ code: 'SUCCESS', details: { id: '4876876000000431001' }, message: 'record updated', status: 'success' }] };

    it('an approval (stage change, then its note) is two calls; the look-up for a twin of the note comes later', async () => {
      const { outbox, calls } = setup((call) => (call.method === 'PUT' ? UPDATED : isLookup(call) ? notesWith('901', 'key-2-0000') : CREATED('901')));
      expect(await outbox.submit(stage, note)).toMatchObject({ status: 'done' });
      expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['PUT /Deals/4876876000000431001', 'POST /Notes']);
      expect(await db.outbox.get('key-2-0000')).toMatchObject({ status: 'done', resultId: '901' });
      clock += TWIN_CHECK_DELAY_MS;
      await outbox.drain();
      expect(calls.map((c) => `${c.method} ${c.path}`).slice(2)).toEqual([`GET ${LOOKUP}`]);
    });

    it('is held while the first is pending, then sent once the first is done', async () => {
      let online = false;
      const { outbox, calls } = setup((call) => {
        if (!online) return new StagecoachError('network', 'offline');
        return call.method === 'PUT' ? UPDATED : isLookup(call) ? notesWith('901', 'key-2-0000') : CREATED('901');
      });
      const first = await outbox.enqueue(stage);
      const second = await outbox.enqueue({ ...note, after: first.key });
      expect((await outbox.sendNow(first.key))?.status).toBe('pending');
      expect(await outbox.sendNow(second.key)).toMatchObject({ status: 'pending', attempts: 0 });
      expect(calls.filter((c) => c.path === '/Notes')).toEqual([]);
      online = true;
      clock += 60_000;
      await outbox.drain();
      expect(await db.outbox.get(first.key)).toMatchObject({ status: 'done' });
      expect(await db.outbox.get(second.key)).toMatchObject({ status: 'done', resultId: '901' });
      expect(calls.map((c) => `${c.method} ${c.path}`).filter((c) => c !== `GET ${LOOKUP}`)).toEqual(['PUT /Deals/4876876000000431001', 'PUT /Deals/4876876000000431001', 'POST /Notes']);
    });

    it('is not sent while the first is refused, goes again when the first is retried, and is discarded with it', async () => {
      const { outbox, calls } = setup((call) => (call.method === 'PUT' ? { data: [{ code: 'RECORD_IN_BLUEPRINT', details: { id: '4876876000000431001' }, message: 'the record is in blueprint', status: 'error' }] } : CREATED('902')));
      const first = await outbox.enqueue(stage);
      const second = await outbox.enqueue({ ...note, after: first.key });
      expect((await outbox.sendNow(first.key))?.lastError?.zoho).toBe('the record is in blueprint');
      // Our words, not Zoho's: the note itself was never sent.
      const gaveUp = await outbox.sendNow(second.key);
      expect(gaveUp).toMatchObject({ status: 'failed' });
      expect(gaveUp?.lastError).toEqual({ code: 'zoho_error', action: 'retry', reason: 'parent_refused' });
      expect(calls.some((c) => c.path === '/Notes')).toBe(false);
      // Retried (the admin fixed the Blueprint): the note that gave up goes again with it.
      const fixed = setup((call) => (call.method === 'PUT' ? UPDATED : isLookup(call) ? notesWith('903', second.key) : CREATED('903')));
      await fixed.outbox.retry(first.key);
      await fixed.outbox.drain();
      expect(await db.outbox.get(second.key)).toMatchObject({ status: 'done', resultId: '903' });
      await fixed.outbox.discard(first.key);
      expect(await db.outbox.count()).toBe(0);
    });
  });

  // Issue 11, finding 1 (disconnect races): every write belongs to the account that made it.
  describe('across a disconnect', () => {
    it('stamps each item with the user and org that made it, and refuses one with nobody signed in', async () => {
      const signedIn = { owner: ALICE as Owner | null };
      const { outbox } = setup(() => CREATED('x'), true, signedIn);
      const row = await outbox.enqueue(note);
      expect(await db.outbox.get(row.key)).toMatchObject({ userId: 'alice', orgId: 'org-1' });
      signedIn.owner = null;
      await expect(outbox.enqueue(note)).rejects.toMatchObject({ code: 'not_connected' });
      expect(await db.outbox.count()).toBe(1);
    });

    for (const [outcome, answer] of [
      ['a network failure', new StagecoachError('network')],
      ['a 503', new StagecoachError('zoho_error', { status: 503 })],
      ['success', CREATED('905')],
      ['a refusal', REFUSED],
    ] as const) {
      it(`an item wiped while it was being sent is not put back (${outcome})`, async () => {
        const { outbox } = setup(async (call) => {
          if (isLookup(call)) return NONE;
          await db.outbox.clear(); // the disconnect's wipe, while Zoho has the request
          return answer;
        });
        const row = await outbox.enqueue(note);
        await outbox.sendNow(row.key);
        expect(await db.outbox.get(row.key)).toBeUndefined();
        expect(await db.outbox.count()).toBe(0);
      });
    }

    it('a submit whose item was wiped meanwhile says so instead of answering "pending"', async () => {
      const { outbox } = setup(async () => {
        await db.outbox.clear();
        return new StagecoachError('network');
      });
      await expect(outbox.submit(note)).rejects.toMatchObject({ code: 'not_connected' });
      expect(await db.outbox.count()).toBe(0);
    });

    it('an item made by one account is never sent as another', async () => {
      const signedIn = { owner: ALICE as Owner | null };
      const { outbox, calls } = setup((call) => (isLookup(call) ? NONE : CREATED('906')), false, signedIn);
      const row = await outbox.enqueue(note);
      signedIn.owner = BOB;
      const bob = setup((call) => (isLookup(call) ? NONE : CREATED('907')), true, signedIn);
      await bob.outbox.drain();
      expect(await bob.outbox.sendNow(row.key)).toMatchObject({ status: 'pending', attempts: 0 });
      await bob.outbox.retry(row.key);
      expect([...calls, ...bob.calls]).toEqual([]);
      void outbox;
    });
  });

  describe('upgrade to v5 (rows from before they were stamped)', () => {
    async function v4(name: string, connection: { connectedAt: number } | null, rows: { key: string; createdAt: number }[]) {
      const old = new Dexie(name);
      old.version(4).stores({ secrets: 'name', connection: 'id', records: '[module+id], fetchedAt', outbox: 'key, status, nextAttemptAt, createdAt', sync: 'dataSet', apiCalls: '++id, at', settings: 'id', contactZones: '[module+id]', decisions: '[dealId+target], dealId', providerKeys: 'id' });
      if (connection) await old.table('connection').put({ id: 'current', state: 'connected', user: { id: 'alice' }, org: { id: 'org-1' }, ...connection });
      for (const row of rows) await old.table('outbox').put({ ...row, status: 'pending', nextAttemptAt: 0, updatedAt: row.createdAt });
      await old.table('records').put({ module: 'Contacts', id: '1', value: { name: 'Ann' }, fetchedAt: 0 });
      old.close();
      return openDb(name);
    }

    it('stamps items made under the connection of the moment, drops older ones and cached records', async () => {
      const upgraded = await v4(`outbox-upgrade-${n}-a`, { connectedAt: 500 }, [
        { key: 'before', createdAt: 400 },
        { key: 'after', createdAt: 600 },
      ]);
      expect(await upgraded.outbox.toArray()).toEqual([expect.objectContaining({ key: 'after', userId: 'alice', orgId: 'org-1' })]);
      expect(await upgraded.records.count()).toBe(0);
      upgraded.close();
    });

    it('with nobody signed in, drops every item (only a race with a disconnect leaves one)', async () => {
      const upgraded = await v4(`outbox-upgrade-${n}-b`, null, [{ key: 'orphan', createdAt: 600 }]);
      expect(await upgraded.outbox.count()).toBe(0);
      upgraded.close();
    });
  });
});
