// Cache-first panels: every free-times and deal-card answer is kept for the account that asked and
// read back without Zoho; times already begun are dropped; another account, an old answer, a
// failed read or a disconnect's wipe leave nothing to show.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FreeSlotsView, Meeting } from '../scheduling/types';
import { openDb, wipePersonalData, type ConnectionRow, type StagecoachDb } from '../storage/db';
import type { DealSuggestionView } from '../suggestions/views';
import { LAST_KNOWN_MAX_AGE_MS, withLastKnown, type Remembered } from './service';

let db: StagecoachDb;
let now = Date.parse('2026-12-07T10:00:00Z');
let n = 0;

const connection = (userId: string, orgId = 'org-1') =>
  ({ id: 'current', state: 'connected', user: { id: userId, name: userId }, org: { id: orgId }, connectedAt: 0 }) as unknown as ConnectionRow;

const slots = (...starts: string[]) =>
  ({ timeZone: 'Europe/Berlin', contact: null, slots: starts.map((start) => ({ start, end: start.replace(':00:00', ':30:00') })) }) as unknown as FreeSlotsView;
const card = (stage: string) => ({ deal: { id: '42', stage } }) as unknown as DealSuggestionView;

const meeting = (id: string, start: string, pending = false): Meeting => ({ id, title: `M${id}`, start, end: start.replace(':00:00', ':30:00'), venue: null, pending });

function service(answers: { slots?: FreeSlotsView | Error; card?: DealSuggestionView; meetings?: Meeting[] } = {}) {
  const handlers: Remembered = {
    freeSlots: async () => {
      if (answers.slots instanceof Error) throw answers.slots;
      return answers.slots ?? slots();
    },
    upcomingMeetings: async () => answers.meetings ?? [],
    dealSuggestion: async () => answers.card ?? card('Qualification'),
  };
  return withLastKnown({ db, now: () => now }, handlers);
}

const ann = { module: 'Contacts' as const, recordId: '1001' };

beforeEach(async () => {
  db = openDb(`last-known-test-${++n}`);
  now = Date.parse('2026-12-07T10:00:00Z');
  await db.connection.put(connection('u1'));
});

describe('last known answers', () => {
  it('has nothing before the first answer, then the last answer per person and per deal', async () => {
    const first = service({ slots: slots('2026-12-07T12:00:00Z', '2026-12-08T09:00:00Z'), card: card('Qualification') });
    expect(await first.lastKnownSlots(ann, {})).toBeNull();
    expect(await first.lastKnownCard({ dealId: '42' }, {})).toBeNull();

    await first.freeSlots(ann, {});
    await first.dealSuggestion({ dealId: '42' }, {});
    const kept = await first.lastKnownSlots(ann, {});
    expect(kept?.value.slots.map((slot) => slot.start)).toEqual(['2026-12-07T12:00:00Z', '2026-12-08T09:00:00Z']);
    expect(kept?.savedAt).toBe(now);
    expect((await first.lastKnownCard({ dealId: '42' }, {}))?.value.deal.stage).toBe('Qualification');
    expect(await first.lastKnownSlots({ module: 'Leads', recordId: '1001' }, {})).toBeNull();

    // A newer answer replaces it.
    await service({ slots: slots('2026-12-09T09:00:00Z') }).freeSlots(ann, {});
    expect((await first.lastKnownSlots(ann, {}))?.value.slots.map((slot) => slot.start)).toEqual(['2026-12-09T09:00:00Z']);
  });

  it('keeps Zoho’s meetings with the person (issue 15: shown while Zoho is not answering), not those over or still on their way', async () => {
    const s = service({ meetings: [meeting('1', '2026-12-07T09:00:00Z'), meeting('2', '2026-12-08T09:00:00Z'), meeting('3', '2026-12-09T09:00:00Z', true)] });
    expect(await s.lastKnownMeetings(ann, {})).toBeNull();
    await s.upcomingMeetings(ann, {});
    expect((await s.lastKnownMeetings(ann, {}))?.value.map((m) => m.id)).toEqual(['2']);
    expect(await s.lastKnownMeetings({ module: 'Leads', recordId: '1001' }, {})).toBeNull();
    await db.connection.put(connection('u2'));
    expect(await s.lastKnownMeetings(ann, {})).toBeNull();
  });

  it('drops times that have begun, and the whole answer once it is too old', async () => {
    const s = service({ slots: slots('2026-12-07T12:00:00Z', '2026-12-08T09:00:00Z') });
    await s.freeSlots(ann, {});
    now = Date.parse('2026-12-07T12:00:00Z');
    expect((await s.lastKnownSlots(ann, {}))?.value.slots.map((slot) => slot.start)).toEqual(['2026-12-08T09:00:00Z']);
    now = Date.parse('2026-12-07T10:00:00Z') + LAST_KNOWN_MAX_AGE_MS + 1;
    expect(await s.lastKnownSlots(ann, {})).toBeNull();
  });

  it('keeps nothing when the read fails, and shows nothing to another account', async () => {
    await expect(service({ slots: new Error('offline') }).freeSlots(ann, {})).rejects.toThrow('offline');
    expect(await service().lastKnownSlots(ann, {})).toBeNull();

    await service({ slots: slots('2026-12-08T09:00:00Z') }).freeSlots(ann, {});
    await db.connection.put(connection('u2'));
    expect(await service().lastKnownSlots(ann, {})).toBeNull();
    await db.connection.put(connection('u1', 'org-2'));
    expect(await service().lastKnownSlots(ann, {})).toBeNull();
  });

  it('does not keep an answer that outlived its connection', async () => {
    let signedOut!: () => Promise<void>;
    const handlers: Remembered = {
      freeSlots: async () => (await signedOut(), slots('2026-12-08T09:00:00Z')),
      upcomingMeetings: async () => [],
      dealSuggestion: async () => card('Qualification'),
    };
    const s = withLastKnown({ db, now: () => now }, handlers);
    signedOut = async () => void (await db.connection.put(connection('u2')));
    await s.freeSlots(ann, {});
    expect(await db.lastKnown.count()).toBe(0);
  });

  it('is wiped with the account', async () => {
    const s = service({ slots: slots('2026-12-08T09:00:00Z') });
    await s.freeSlots(ann, {});
    await s.dealSuggestion({ dealId: '42' }, {});
    await wipePersonalData(db);
    await db.connection.put(connection('u1'));
    expect(await s.lastKnownSlots(ann, {})).toBeNull();
    expect(await s.lastKnownCard({ dealId: '42' }, {})).toBeNull();
  });
});
