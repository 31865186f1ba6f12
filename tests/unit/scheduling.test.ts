// The scheduling service in Node against the real sandbox: slots from the rep's Zoho calendar,
// booking with a fresh check, cancel and reschedule through the outbox, feature switches.
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type StagecoachDb } from '@/lib/storage/db';
import { startSandbox } from '../../sandbox/server';
import { SEED } from '../../sandbox/seed';
import { sandboxBackground, sandboxControl } from './sandbox-helpers';

let server: { url: string; close(): Promise<void> };
let db: StagecoachDb;
let n = 0;

const control = sandboxControl(() => server.url);

async function connected() {
  const background = sandboxBackground({ db, origin: server.url });
  await background.handlers.connect({}, {});
  return background;
}

beforeAll(async () => {
  server = await startSandbox({ port: 0 });
});
afterAll(() => server.close());
beforeEach(async () => {
  await control('POST', '/__sandbox/reset');
  await control('POST', '/__sandbox/config', { coqlStrict: true }); // Zoho's own COQL limits
  db = openDb(`scheduling-test-${++n}`);
});
afterEach(() => db.close());

const ann = { module: 'Contacts' as const, recordId: SEED.contacts.annCarter.id };
const overlaps = (a: { start: string; end: string }, b: { start: string; end: string }) =>
  Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end);

describe('scheduling against the sandbox', () => {
  it('free slots avoid every event of the rep in the window, in the rep’s zone, with Ann’s zone from her address', async () => {
    const { handlers, tokens } = await connected();
    const view = await handlers.freeSlots(ann, {});
    expect(view.timeZone).toBe('Asia/Kolkata');
    expect(view.contact).toEqual({ timeZone: 'America/Los_Angeles', source: 'address' });
    expect(view.slots.length).toBeGreaterThan(20);
    expect(view.slots[0]!.start).toMatch(/\+05:30$/);
    const events = (await control('GET', `/__sandbox/records/Events?where=Owner:${SEED.users.rep.id}`)).records as { Start_DateTime: string; End_DateTime: string }[];
    for (const slot of view.slots) {
      for (const event of events) expect(overlaps(slot, { start: event.Start_DateTime, end: event.End_DateTime })).toBe(false);
    }
    // The rep's day off (users_unavailability) has no free time at all.
    const away = (await (await fetch(new URL('/crm/v8/settings/users_unavailability', server.url), { headers: { Authorization: `Zoho-oauthtoken ${(await tokens.get()).accessToken}` } })).json()) as {
      users_unavailability: { from: string; to: string; user: { id: string } }[];
    };
    const dayOff = away.users_unavailability.find((row) => row.user.id === SEED.users.rep.id)!;
    expect(dayOff).toBeTruthy();
    expect(view.slots.filter((slot) => overlaps(slot, { start: dayOff.from, end: dayOff.to }))).toEqual([]);
    expect(view.slots.some((slot) => slot.start.slice(0, 10) === dayOff.from.slice(0, 10))).toBe(false);
  });

  it('books: Owner = rep, Participants and Who_Id = the contact, the deal as What_Id, exactly the slot; note and task too', async () => {
    const { handlers } = await connected();
    const [slot] = (await handlers.freeSlots(ann, {})).slots;
    const item = await handlers.bookMeeting(
      { ...ann, dealId: SEED.deals.acmeTelematics.id, ...slot!, title: 'Intro with Ann', sendInvitation: true, note: 'Booked after the webinar.', followUp: { subject: 'Send agenda to Ann', dueDate: '2026-12-01' } },
      {},
    );
    expect((await control('GET', `/__sandbox/records/Notes?contains=${encodeURIComponent('Booked after the webinar.')}`)).count).toBe(1);
    expect((await control('GET', `/__sandbox/records/Tasks?contains=${encodeURIComponent('Send agenda to Ann')}`)).records[0]).toMatchObject({ What_Id: { id: SEED.deals.acmeTelematics.id }, Who_Id: { id: ann.recordId } });
    expect(item.status).toBe('done');
    const event = (await control('GET', `/__sandbox/records/Events/${item.resultId}`)) as Record<string, unknown>;
    expect(event).toMatchObject({
      Event_Title: 'Intro with Ann',
      Owner: { id: SEED.users.rep.id },
      Who_Id: { id: ann.recordId },
      What_Id: { id: SEED.deals.acmeTelematics.id },
      $se_module: 'Deals',
    });
    expect(Date.parse(event.Start_DateTime as string)).toBe(Date.parse(slot!.start));
    expect(Date.parse(event.End_DateTime as string)).toBe(Date.parse(slot!.end));
    expect(JSON.stringify(event.Participants)).toContain(ann.recordId);
    expect((await handlers.upcomingMeetings(ann, {})).map((m) => m.id)).toContain(item.resultId);
    // The booked time is no longer free.
    expect((await handlers.freeSlots(ann, {})).slots.some((s) => overlaps(s, slot!))).toBe(false);
  });

  it('the race: a slot taken in Zoho after it was shown is not booked, and nothing is written', async () => {
    const { handlers } = await connected();
    const [slot] = (await handlers.freeSlots(ann, {})).slots;
    await control('POST', `/__sandbox/records/Events?as=${SEED.users.rep.id}`, { Event_Title: 'Booked by a colleague', Start_DateTime: slot!.start, End_DateTime: slot!.end });
    const before = (await control('GET', '/__sandbox/records/Events')).count;
    await expect(handlers.bookMeeting({ ...ann, ...slot!, title: 'Too late', sendInvitation: false }, {})).rejects.toMatchObject({ code: 'slot_taken' });
    expect((await control('GET', '/__sandbox/records/Events')).count).toBe(before);
    expect(await db.outbox.count()).toBe(0);
  });

  it('reschedules the same event to another free slot, and cancels it', async () => {
    const { handlers } = await connected();
    const slots = (await handlers.freeSlots(ann, {})).slots;
    const booked = await handlers.bookMeeting({ ...ann, ...slots[0]!, title: 'Demo', sendInvitation: false }, {});
    const target = slots[5]!;
    const moved = await handlers.rescheduleMeeting({ ...ann, eventId: booked.resultId!, title: 'Demo', ...target }, {});
    expect(moved.status).toBe('done');
    const event = (await control('GET', `/__sandbox/records/Events/${booked.resultId}`)) as Record<string, string>;
    expect(Date.parse(event.Start_DateTime!)).toBe(Date.parse(target.start));

    const cancelled = await handlers.cancelMeeting({ ...ann, eventId: booked.resultId!, title: 'Demo', note: 'Ann asked to postpone to January.' }, {});
    expect(cancelled.status).toBe('done');
    expect((await fetch(new URL(`/__sandbox/records/Events/${booked.resultId}`, server.url))).status).toBe(404);
    expect((await control('GET', `/__sandbox/records/Notes?contains=${encodeURIComponent('postpone to January')}`)).count).toBe(1);
  });

  it('refuses to cancel or move a meeting that is not with the person named', async () => {
    const { handlers } = await connected();
    const other = SEED.events.sahyadriWorkshop.id;
    await expect(handlers.cancelMeeting({ ...ann, eventId: other, title: 'x' }, {})).rejects.toMatchObject({ code: 'bad_message' });
    expect((await fetch(new URL(`/__sandbox/records/Events/${other}`, server.url))).status).toBe(200);
  });

  it('a switched-off feature is refused by the background, not only hidden', async () => {
    const { handlers } = await connected();
    const [slot] = (await handlers.freeSlots(ann, {})).slots;
    await handlers.saveSettings({ patch: { features: { booking: false } } }, {});
    await expect(handlers.bookMeeting({ ...ann, ...slot!, title: 'x', sendInvitation: false }, {})).rejects.toMatchObject({
      code: 'feature_disabled',
      reason: 'feature_off',
      params: ['booking'],
      zoho: undefined,
    });
    await handlers.saveSettings({ patch: { features: { slotCheck: false } } }, {});
    await expect(handlers.freeSlots(ann, {})).rejects.toMatchObject({ code: 'feature_disabled' });
  });

  it('a time zone chosen for a contact wins over the address and is remembered', async () => {
    const { handlers } = await connected();
    await handlers.setContactZone({ ...ann, timeZone: 'Europe/Berlin' }, {});
    expect((await handlers.freeSlots(ann, {})).contact).toEqual({ timeZone: 'Europe/Berlin', source: 'chosen' });
    await handlers.setContactZone({ ...ann, timeZone: null }, {});
    expect((await handlers.freeSlots(ann, {})).contact).toEqual({ timeZone: 'America/Los_Angeles', source: 'address' });
  });

  it('finds a person by email exactly, although Zoho’s search matches loosely (ann@ vs joann@)', async () => {
    const { handlers } = await connected();
    expect(await handlers.findPerson({ email: 'ANN@acme.com' }, {})).toMatchObject({ module: 'Contacts', id: ann.recordId, name: 'Ann Carter' });
    expect(await handlers.findPerson({ email: 'joann@acme.com' }, {})).toMatchObject({ id: SEED.contacts.joannWhitfield.id });
    expect(await handlers.findPerson({ email: 'nn@acme.com' }, {})).toBeNull();
    expect(await handlers.findPerson({ phone: '+1 (213) 555-0147' }, {})).toMatchObject({ id: ann.recordId });
  });

  it('booking from a deal for an email that matches no one: creates a Lead, then books it with the deal', async () => {
    const { handlers } = await connected();
    const email = `maria.lopez.${Date.now()}@brightpath.example`;
    expect(await handlers.findPerson({ email }, {})).toBeNull();
    const lead = await handlers.createPerson({ email, firstName: 'Maria', lastName: 'Lopez' }, {});
    expect(lead).toMatchObject({ module: 'Leads', status: 'done' });
    expect(await handlers.findPerson({ email }, {})).toMatchObject({ module: 'Leads', id: lead.resultId });
    const [slot] = (await handlers.freeSlots({ module: 'Leads', recordId: lead.resultId! }, {})).slots;
    const booked = await handlers.bookMeeting({ module: 'Leads', recordId: lead.resultId!, dealId: SEED.deals.acmeTelematics.id, ...slot!, title: 'Intro', sendInvitation: false }, {});
    const event = (await control('GET', `/__sandbox/records/Events/${booked.resultId}`)) as Record<string, unknown>;
    expect(event).toMatchObject({ What_Id: { id: SEED.deals.acmeTelematics.id } });
    expect(JSON.stringify(event.Participants)).toContain(lead.resultId!);
    const stored = (await control('GET', `/__sandbox/records/Leads/${lead.resultId}`)) as Record<string, unknown>;
    expect(stored).toMatchObject({ Email: email, Last_Name: 'Lopez', Company: 'brightpath.example' });
    // A second attempt for the same email finds the lead instead of making another.
    // Our own finding, not Zoho's refusal: nothing of it is Zoho's words.
    await expect(handlers.createPerson({ email, lastName: 'Lopez' }, {})).rejects.toMatchObject({
      code: 'already_exists',
      reason: 'person_exists',
      params: ['Maria Lopez', email],
      zoho: undefined,
    });
  });
});

