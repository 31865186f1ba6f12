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

  it('a meeting a colleague invited the rep to is busy time: not offered, and not booked over in the re-check', async () => {
    const { handlers } = await connected();
    const view = await handlers.freeSlots(ann, {});
    // The seeded one: the manager's, with the rep as a participant.
    const seeded = SEED.events.pipelineReviewWithRep;
    expect(seeded.Owner).toMatchObject({ id: SEED.users.manager.id });
    expect(view.slots.filter((slot) => overlaps(slot, { start: seeded.Start_DateTime as string, end: seeded.End_DateTime as string }))).toEqual([]);
    // One made now over the first free slot: gone from the free times, and refused at booking.
    const [slot] = view.slots;
    const invite = (status: string) => ({
      Event_Title: `Forecast with Daniel (${status})`,
      Start_DateTime: slot!.start,
      End_DateTime: slot!.end,
      Owner: { id: SEED.users.manager.id },
      Participants: [{ type: 'user', participant: SEED.users.rep.id, status }],
    });
    // (Zoho sets a participant's status, not the writer: it is 'not_known' here until answered.)
    await control('POST', `/__sandbox/records/Events?as=${SEED.users.manager.id}`, invite('accepted'));
    expect((await handlers.freeSlots(ann, {})).slots.some((s) => overlaps(s, slot!))).toBe(false);
    await expect(handlers.bookMeeting({ ...ann, ...slot!, title: 'Over the forecast', sendInvitation: false }, {})).rejects.toMatchObject({ code: 'slot_taken' });
  });

  it('the org’s business hours are the working hours by default, the user’s own win; a company holiday has no free time', async () => {
    const { handlers } = await connected();
    const view = await handlers.freeSlots(ann, {});
    const local = (iso: string) => iso.slice(11, 16);
    // The sandbox org works 09:00–18:00 (Mon–Fri); the settings' own default ends at 17:00.
    expect(view.calendar).toMatchObject({ hours: 'zoho', unavailable: false });
    expect(view.slots.some((slot) => local(slot.end) === '18:00')).toBe(true);
    expect(view.slots.every((slot) => local(slot.start) >= '09:00' && local(slot.end) <= '18:00')).toBe(true);
    const founders = view.calendar.holidays.find((holiday) => holiday.name === 'Founders’ Day'.replace('’', "'"));
    expect(founders).toBeTruthy();
    expect(view.slots.filter((slot) => slot.start.startsWith(founders!.date))).toEqual([]);
    // The day before and after have free times (Founders' Day is a Wednesday).
    expect(view.slots.some((slot) => slot.start.startsWith(new Date(Date.parse(founders!.date) - 86_400_000).toISOString().slice(0, 10)))).toBe(true);

    await handlers.saveSettings({ patch: { workingHoursSource: 'custom' } }, {});
    const own = await handlers.freeSlots(ann, {});
    expect(own.calendar.hours).toBe('settings');
    expect(own.slots.some((slot) => local(slot.end) > '17:00')).toBe(false);
    expect(own.slots.filter((slot) => slot.start.startsWith(founders!.date))).toEqual([]); // holidays still count
  });

  it('an org without business hours and holidays (refused): the settings’ hours, said in the view, and asked again only after an hour', async () => {
    const { handlers } = await connected();
    const refused = { code: 'NO_PERMISSION', details: {}, message: 'permission denied', status: 'error' };
    await control('POST', '/__sandbox/faults', { match: { path: '/settings/business_hours' }, count: 1, status: 403, body: refused });
    await control('POST', '/__sandbox/faults', { match: { path: '/settings/holidays' }, count: 5, status: 403, body: refused });
    const view = await handlers.freeSlots(ann, {});
    expect(view.calendar).toEqual({ hours: 'settings', holidays: [], unavailable: true });
    expect(view.slots.length).toBeGreaterThan(20);
    expect(view.slots.some((slot) => slot.end.slice(11, 16) > '17:00')).toBe(false);
    await control('DELETE', '/__sandbox/log');
    await handlers.freeSlots(ann, {});
    const { entries } = await control('GET', '/__sandbox/log');
    expect((entries as { path: string }[]).filter((entry) => /business_hours|holidays/.test(entry.path))).toEqual([]);
  });

  it('API cost of a free-times view: cold and warm (sandbox request log)', async () => {
    const { handlers } = await connected();
    /** The calls since the last look; a composite call counts once, its sub-requests listed after it. */
    const calls = async () => {
      const { entries } = await control('GET', '/__sandbox/log');
      await control('DELETE', '/__sandbox/log');
      const api = (entries as { method: string; path: string; subRequests?: string[] }[]).filter((entry) => entry.path.startsWith('/crm/v8/'));
      const named = (call: string) => call.replace(/\d{6,}/g, ':id');
      return { count: api.length, reads: api.flatMap((entry) => entry.subRequests ?? [`${entry.method} ${entry.path}`]).map(named) };
    };
    await calls();
    await handlers.freeSlots(ann, {});
    const cold = await calls();
    await handlers.freeSlots(ann, {});
    const warm = await calls();
    // Cold: the window's events (COQL, three pages of 25 asked at once while the calendar's size is
    // not known), the colleagues' events' participants (Get Records by ids), out-of-office, Ann's
    // address (her record), business hours, holidays of the window's year(s).
    expect(cold.reads.filter((call) => call === 'POST /crm/v8/coql')).toHaveLength(3);
    // The participants: up to 75 events in reads of 25 ids (a composite call carries them).
    expect(cold.reads.filter((call) => call === 'GET /crm/v8/Events').length).toBeGreaterThanOrEqual(1);
    expect(cold.reads.filter((call) => call === 'GET /crm/v8/Events').length).toBeLessThanOrEqual(3);
    for (const read of ['GET /crm/v8/settings/users_unavailability', 'GET /crm/v8/Contacts/:id', 'GET /crm/v8/settings/business_hours']) {
      expect(cold.reads.filter((call) => call === read), read).toHaveLength(1);
    }
    expect(cold.reads.filter((call) => call === 'GET /crm/v8/settings/holidays').length).toBeGreaterThanOrEqual(1);
    // Warm (issue 12): the org's facts, out-of-office (ten minutes), Ann's record (five), the
    // participants of events not modified since: all kept. Only the window's events are read
    // again: the pages of 25 its rows need, in one call.
    expect(warm.count).toBe(1);
    expect(warm.reads.length).toBeGreaterThanOrEqual(1);
    expect(warm.reads.every((call) => call === 'POST /crm/v8/coql')).toBe(true);
    console.info(`free-times view: cold ${cold.count} calls [${cold.reads.join(', ')}], warm ${warm.count} call`);
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

/** GET /crm/v8{path} with the connection's token, as Zoho answers it (status and body). */
async function zoho(background: Awaited<ReturnType<typeof connected>>, path: string) {
  const response = await fetch(new URL(`/crm/v8${path}`, server.url), { headers: { Authorization: `Zoho-oauthtoken ${(await background.tokens.get()).accessToken}` } });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe('invitations: Zoho’s $send_notification, not Send_Notification', () => {
  const invited = async (eventId: string) =>
    ((await control('GET', `/__sandbox/records/Events/${eventId}`)).Participants as { invited: boolean }[]).map((participant) => participant.invited);

  it('the sandbox invites the participants when the rep asks for it, and not otherwise', async () => {
    const { handlers } = await connected();
    const [first, , third] = (await handlers.freeSlots(ann, {})).slots;
    const asked = await handlers.bookMeeting({ ...ann, ...first!, title: 'With invitation', sendInvitation: true }, {});
    const notAsked = await handlers.bookMeeting({ ...ann, ...third!, title: 'Without invitation', sendInvitation: false }, {});
    expect(await invited(asked.resultId!)).toEqual([true]);
    expect(await invited(notAsked.resultId!)).toEqual([false]);
  });

  it('Send_Notification is no field of Events: the sandbox ignores it as Zoho ignores unknown keys', async () => {
    const created = await control('POST', `/__sandbox/records/Events?as=${SEED.users.rep.id}`, {
      Event_Title: 'Old key',
      Start_DateTime: '2030-01-07T10:00:00+05:30',
      End_DateTime: '2030-01-07T10:30:00+05:30',
      Participants: [{ type: 'contact', participant: ann.recordId }],
      Send_Notification: true,
    });
    expect(created.Participants.map((participant: { invited: boolean }) => participant.invited)).toEqual([false]);
    expect(created).not.toHaveProperty('Send_Notification');
  });
});

describe('finding a person despite search’s refusals and indexing lag', () => {
  it('the sandbox, like Zoho: a record created moments ago is not found by search yet, but by COQL and GET', async () => {
    const background = await connected();
    const email = `fresh.${Date.now()}@lagging.example`;
    const lead = await control('POST', `/__sandbox/records/Leads?as=${SEED.users.rep.id}`, { Last_Name: 'Fresh', Company: 'Lagging', Email: email });
    expect((await zoho(background, `/Leads/search?email=${encodeURIComponent(email)}`)).status).toBe(204);
    expect((await zoho(background, `/Leads/${lead.id}`)).status).toBe(200);
    await control('POST', '/__sandbox/config', { searchIndexLagSeconds: 0 });
    expect((await zoho(background, `/Leads/search?email=${encodeURIComponent(email)}`)).body.data[0].id).toBe(lead.id);
  });

  it.each([
    ['an email with +', 'email', 'ann+vip@acme.com'],
    ['an email with a quote', 'email', "o'brien@acme.com"],
    ['a phone with parentheses', 'phone', '(213) 555-0147'],
    ['a phone with a comma', 'phone', '213,555,0147'],
  ])('the sandbox, like Zoho: search refuses %s with INVALID_DATA', async (_name, param, value) => {
    const background = await connected();
    const answer = await zoho(background, `/Contacts/search?${param}=${encodeURIComponent(value)}`);
    expect(answer).toMatchObject({ status: 400, body: { code: 'INVALID_DATA', details: { api_name: param }, status: 'error' } });
  });

  it('finds a contact created moments ago (search lags) through COQL, and createPerson makes no second one', async () => {
    const { handlers } = await connected();
    const email = `Jordan.Reyes.${Date.now()}@Lagging.example`;
    const contact = await control('POST', `/__sandbox/records/Contacts?as=${SEED.users.rep.id}`, { First_Name: 'Jordan', Last_Name: 'Reyes', Email: email });
    expect(await handlers.findPerson({ email: email.toLowerCase() }, {})).toMatchObject({ module: 'Contacts', id: contact.id, name: 'Jordan Reyes' });
    await expect(handlers.createPerson({ email, lastName: 'Reyes' }, {})).rejects.toMatchObject({ code: 'already_exists', reason: 'person_exists' });
    expect((await control('GET', `/__sandbox/records/Leads?contains=${encodeURIComponent(email)}`)).count).toBe(0);
  });

  it.each([
    ['a + address', `kim+crm.${Date.now()}@acme.example`],
    ['a quote in the address', `o'hara.${Date.now()}@acme.example`],
  ])('an email search Zoho refuses (%s) does not abort: COQL finds the person', async (_name, email) => {
    await control('POST', '/__sandbox/config', { searchIndexLagSeconds: 0 });
    const { handlers } = await connected();
    const lead = await control('POST', `/__sandbox/records/Leads?as=${SEED.users.rep.id}`, { Last_Name: 'Kim', Company: 'Acme', Email: email });
    expect(await handlers.findPerson({ email }, {})).toMatchObject({ module: 'Leads', id: lead.id });
    expect(await handlers.findPerson({ email: `x${email}` }, {})).toBeNull();
    const log = (await control('GET', '/__sandbox/log')).entries as { path: string; status: number }[];
    expect(log.some((entry) => entry.path.includes('/search') && entry.status === 400)).toBe(true);
  });

  it('a create still waiting in the outbox is answered, not made twice (Zoho unreachable meanwhile)', async () => {
    const { handlers } = await connected();
    const email = `waiting.${Date.now()}@acme.example`;
    await control('POST', '/__sandbox/faults', { match: { method: 'POST', path: '/crm/v8/Leads' }, count: 1, status: 503 });
    const first = await handlers.createPerson({ email, lastName: 'Waiting' }, {});
    expect(first.status).toBe('pending');
    const second = await handlers.createPerson({ email: email.toUpperCase(), lastName: 'Waiting' }, {});
    expect(second.key).toBe(first.key);
    expect((await db.outbox.toArray()).filter((row) => row.op === 'create')).toHaveLength(1);
  });

  it('with the look-up switched off, a person this browser created moments ago is not created again', async () => {
    const { handlers } = await connected();
    await handlers.saveSettings({ patch: { features: { lookupBeforeBooking: false } } }, {});
    const email = `twice.${Date.now()}@acme.example`;
    const lead = await handlers.createPerson({ email, firstName: 'Sam', lastName: 'Twice' }, {});
    expect(lead.status).toBe('done');
    await expect(handlers.createPerson({ email, lastName: 'Twice' }, {})).rejects.toMatchObject({ code: 'already_exists', params: ['Sam Twice', email] });
    expect((await control('GET', `/__sandbox/records/Leads?contains=${encodeURIComponent(email)}`)).count).toBe(1);
  });
});

describe('out-of-office that cannot be read', () => {
  const dayOff = async (background: Awaited<ReturnType<typeof connected>>) =>
    ((await zoho(background, '/settings/users_unavailability')).body.users_unavailability as { from: string; to: string; user: { id: string } }[]).find(
      (row) => row.user.id === SEED.users.rep.id,
    )!;

  it('read: no notice, and the day off has no free time', async () => {
    const background = await connected();
    const view = await background.handlers.freeSlots(ann, {});
    expect(view.outOfOfficeUnread).toBe(false);
    const away = await dayOff(background);
    expect(view.slots.filter((slot) => overlaps(slot, { start: away.from, end: away.to }))).toEqual([]);
  });

  it.each([
    ['refused (400 INVALID_REQUEST)', { status: 400, body: { code: 'INVALID_REQUEST', details: {}, message: 'unable to process your request', status: 'error' } }, 1],
    ['refused (403 NO_PERMISSION)', { status: 403, body: { code: 'NO_PERMISSION', details: {}, message: 'permission denied', status: 'error' } }, 1],
    ['failing after the client’s retries (500)', { status: 500 }, 10],
  ])('%s: the free times are still shown, flagged as missing out-of-office', async (_name, fault, count) => {
    const background = await connected();
    const away = await dayOff(background);
    await control('POST', '/__sandbox/faults', { match: { path: '/settings/users_unavailability' }, count, ...fault });
    const view = await background.handlers.freeSlots(ann, {});
    expect(view.outOfOfficeUnread).toBe(true);
    expect(view.slots.length).toBeGreaterThan(20);
    // The day off is not known, so its working hours show as free.
    expect(view.slots.some((slot) => overlaps(slot, { start: away.from, end: away.to }))).toBe(true);
  });
});
