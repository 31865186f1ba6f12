// The view's window query in pages of 25 (issue 12): as many pages as the last view's rows need,
// asked together (a composite call carries them), and pages of 200 after a full last page — with
// Zoho's COQL answer shape (`data`, `info.more_records`) and its `limit offset, count`.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDb } from '../storage/db';
import { defaultSettings } from '../settings/schema';
import type { ServiceDeps } from '../service/context';
import type { ZohoClient } from '../zoho/client';
import { createScheduling } from './service';

const NOW = Date.parse('2026-12-07T09:00:00Z');
const USER = '4876876000000300001';
const PERSON = '4876876000000412001';
const connection = {
  id: 'current' as const,
  state: 'connected' as const,
  user: { id: USER, name: 'Rep', email: 'rep@example.com', timeZone: 'UTC' },
  org: { id: '900', name: 'Org' },
  connectedAt: 1,
} as unknown as Awaited<ReturnType<ServiceDeps['connection']>>;

/** `count` of the rep's events in the window, one an hour from tomorrow on, as COQL rows. */
function calendar(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const start = NOW + 86_400_000 + i * 3_600_000;
    return {
      id: `48768760000005${String(i).padStart(5, '0')}`,
      Event_Title: `Meeting ${i}`,
      Start_DateTime: new Date(start).toISOString().replace('.000Z', '+00:00'),
      End_DateTime: new Date(start + 1_800_000).toISOString().replace('.000Z', '+00:00'),
      Venue: null,
      Owner: { id: USER, name: 'Rep' },
      Who_Id: i === 3 ? { id: PERSON, name: 'Ann' } : null,
      What_Id: null,
      Modified_Time: '2026-12-01T10:00:00+00:00',
    };
  });
}

/** A client answering the window's COQL from `rows` by its limit (`n` or `offset, n`), as Zoho pages them; the participants' read with none. */
function fakeClient(rows: ReturnType<typeof calendar>) {
  const limits: string[] = [];
  const participantReads: string[][] = [];
  const client = {
    async request(path: string, schema: { parse(value: unknown): unknown }, init: { body?: { select_query?: string }; query?: Record<string, string> } = {}) {
      if (path === '/coql') {
        const match = /limit (\d+)(?:, (\d+))?$/.exec(init.body!.select_query!)!;
        const [offset, size] = match[2] === undefined ? [0, Number(match[1])] : [Number(match[1]), Number(match[2])];
        limits.push(match[2] === undefined ? match[1]! : `${match[1]}, ${match[2]}`);
        const data = rows.slice(offset, offset + size);
        return schema.parse({ data, info: { count: data.length, more_records: offset + size < rows.length } });
      }
      if (path === '/Events') {
        const ids = init.query!.ids!.split(',');
        participantReads.push(ids);
        // Zoho's Get Records answer with `fields=Participants,Modified_Time`: the rep invited to a colleague's meeting.
        const participants = [{ type: 'user', participant: USER, name: 'Rep', status: 'accepted', Email: 'rep@example.com', invited: true }];
        return schema.parse({ data: ids.map((id) => ({ id, Participants: participants, Modified_Time: rows.find((row) => row.id === id)?.Modified_Time })) });
      }
      throw new Error(`not expected here: ${path}`);
    },
  } as unknown as ZohoClient;
  return { client, limits, participantReads };
}

let n = 0;
function scheduling(rows: ReturnType<typeof calendar>, { db = openDb(`window-pages-${++n}`), now = () => NOW } = {}) {
  const { client, limits, participantReads } = fakeClient(rows);
  const settings = { ...defaultSettings(), daysAhead: 14 };
  const deps = { db, client, now, settings: async () => settings, connection: async () => connection, outbox: {} } as unknown as ServiceDeps;
  return { ...createScheduling(deps), limits, participantReads, db };
}

const ann = { module: 'Contacts' as const, recordId: PERSON };

describe('the window query of a view', () => {
  it('asks three pages of 25 at once while the calendar is unknown, then only the pages the last rows need', async () => {
    const rows = calendar(30);
    const { handlers, limits } = scheduling(rows);
    const first = await handlers.upcomingMeetings(ann, {});
    expect(limits).toEqual(['25', '25, 25', '50, 25']);
    expect(first.map((meeting) => meeting.title)).toEqual(['Meeting 3']);
    limits.length = 0;
    await handlers.upcomingMeetings(ann, {});
    // 30 rows last time: two pages of 25.
    expect(limits).toEqual(['25', '25, 25']);
  });

  it('reads on in pages of 200 after a full last page, every row once, and then pages of 200 from the start', async () => {
    const rows = calendar(300);
    rows[250]!.Who_Id = { id: PERSON, name: 'Ann' };
    const { handlers, limits } = scheduling(rows);
    const meetings = await handlers.upcomingMeetings(ann, {});
    expect(limits).toEqual(['25', '25, 25', '50, 25', '75, 200', '275, 200']);
    // The person's meetings from every page, the 251st row's too (beyond the first 75).
    expect(meetings.map((meeting) => meeting.title)).toEqual(['Meeting 3', 'Meeting 250']);
    limits.length = 0;
    await handlers.upcomingMeetings(ann, {});
    // A calendar of 300 rows: pages of 200 from the start, not twelve of 25.
    expect(limits).toEqual(['200', '200, 200']);
  });

  it('a booking’s re-check of one slot is one query of 200, not pages of 25', async () => {
    const { busyEvents, limits } = scheduling(calendar(5));
    await busyEvents(USER, NOW + 86_400_000, NOW + 86_400_000 + 3_600_000);
    expect(limits).toEqual(['200']);
  });

  it('participants read once per modification survive a stopped worker (a day at most), for the account that read them', async () => {
    const rows = calendar(4);
    // A colleague's meeting the rep was invited to: busy only by its participants.
    rows[1]!.Owner = { id: '4876876000000300009', name: 'Colleague' };
    const first = scheduling(rows);
    await first.db.connection.put({ ...connection, id: 'current' } as never);
    const busyIds = async (s: ReturnType<typeof scheduling>) => (await s.busyEvents(USER, NOW, NOW + 14 * 86_400_000)).map((event) => event.id);
    const before = await busyIds(first);
    expect(before).toContain(rows[1]!.id);
    expect(first.participantReads).toEqual([[rows[1]!.id]]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // A new worker over the same database: the same busy time, no read of participants.
    const restarted = scheduling(rows, { db: first.db });
    expect(await busyIds(restarted)).toEqual(before);
    expect(restarted.participantReads).toEqual([]);
    // Modified since: read again.
    rows[1]!.Modified_Time = '2026-12-06T10:00:00+00:00';
    expect(await busyIds(restarted)).toEqual(before);
    expect(restarted.participantReads).toEqual([[rows[1]!.id]]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // A day later, in another new worker: not trusted any more.
    const dayLater = scheduling(rows, { db: first.db, now: () => NOW + 25 * 3_600_000 });
    await busyIds(dayLater);
    expect(dayLater.participantReads).toEqual([[rows[1]!.id]]);
    // Another account signed in: nothing of the rep's is used or kept for it.
    await first.db.connection.put({ ...connection, id: 'current', user: { ...connection.user, id: '4876876000000300002' } } as never);
    const other = scheduling(rows, { db: first.db });
    await busyIds(other);
    expect(other.participantReads).toEqual([[rows[1]!.id]]);
  });

  it('reads participants in reads of 25 ids up to 75 events (a composite call carries them), of 100 beyond', async () => {
    const colleagues = (count: number) => calendar(count).map((row) => ({ ...row, Owner: { id: '4876876000000300009', name: 'Colleague' } }));
    const some = scheduling(colleagues(30));
    await some.busyEvents(USER, NOW, NOW + 14 * 86_400_000);
    expect(some.participantReads.map((ids) => ids.length)).toEqual([25, 5]);
    const many = scheduling(colleagues(130));
    await many.busyEvents(USER, NOW, NOW + 14 * 86_400_000);
    expect(many.participantReads.map((ids) => ids.length)).toEqual([100, 30]);
  });
});
