// Issue 15, point 3 (meetings): state that never lies. Every meeting with the person is in their
// list wherever it was booked from; a booking Zoho refuses is answered as a refusal (nothing left
// waiting, Zoho's words and the field it named); a booking kept in this browser is shown where it
// will land and its time is not offered again, until it is sent — then once, as a normal meeting.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { SEED } from '../../sandbox/seed';
import { sandboxBackground, sandboxPerTest } from './sandbox-helpers';

const sandbox = sandboxPerTest('day-state');
const { control } = sandbox;

async function connected() {
  const background = sandboxBackground({ db: sandbox.db(), origin: sandbox.url() });
  await background.handlers.connect({}, {});
  await control('POST', '/__sandbox/config', { coqlStrict: true });
  return background;
}

const overlaps = (a: { start: string; end: string }, b: { start: string; end: string }) => Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end);
const marcus = { module: 'Leads' as const, recordId: SEED.leads.marcusLee.id };
const joann = { module: 'Contacts' as const, recordId: SEED.contacts.joannWhitfield.id };
const ann = { module: 'Contacts' as const, recordId: SEED.contacts.annCarter.id };
const deal = SEED.deals.acmeTelematics.id;

describe('every meeting with the person is in their list', () => {
  it('a lead booked from a deal (What_Id = the deal, the lead a participant) is in the lead’s upcoming meetings', async () => {
    const { handlers } = await connected();
    const [slot] = (await handlers.freeSlots(marcus, {})).slots;
    const item = await handlers.bookMeeting({ ...marcus, dealId: deal, ...slot!, title: 'Scoping with Marcus, from the deal', sendInvitation: false }, {});
    expect(item.status).toBe('done');
    const event = (await control('GET', `/__sandbox/records/Events/${item.resultId}`)) as Record<string, unknown>;
    // As Zoho stores it: the deal is the what, the lead only a participant.
    expect(event).toMatchObject({ What_Id: { id: deal }, $se_module: 'Deals' });
    expect(JSON.stringify(event.Participants)).toContain(marcus.recordId);
    const list = await handlers.upcomingMeetings(marcus, {});
    expect(list.map((meeting) => meeting.id)).toContain(item.resultId);
    // The lead's own meeting (What_Id = the lead) is still there, once, and the list is in order.
    expect(list.map((meeting) => meeting.id)).toContain(SEED.events.pinecrestIntro.id);
    expect(new Set(list.map((meeting) => meeting.id)).size).toBe(list.length);
    expect(list.map((meeting) => Date.parse(meeting.start))).toEqual(list.map((meeting) => Date.parse(meeting.start)).sort((a, b) => a - b));
  });

  it('a contact who is only a participant (Who_Id is someone else) sees the meeting too, at no extra call once read', async () => {
    const { handlers } = await connected();
    // The discovery call's Who_Id is Ann; JoAnn is among its participants (seed).
    const list = await handlers.upcomingMeetings(joann, {});
    expect(list.map((meeting) => meeting.id)).toContain(SEED.events.acmeDiscovery.id);
    // Ann (the Who_Id) has it once.
    expect((await handlers.upcomingMeetings(ann, {})).filter((meeting) => meeting.id === SEED.events.acmeDiscovery.id)).toHaveLength(1);
    // Participants already read for an unmodified event are not read again: one call, the window's
    // COQL pages (of 25, in one composite call when more than one), nothing else.
    await control('DELETE', '/__sandbox/log');
    await handlers.upcomingMeetings(joann, {});
    const calls = ((await control('GET', '/__sandbox/log')).entries as { method: string; path: string; subRequests?: string[] }[]).filter((entry) => entry.path.startsWith('/crm/v8'));
    expect(calls).toHaveLength(1);
    expect(new Set(calls.flatMap((entry) => entry.subRequests ?? [`${entry.method} ${entry.path}`]))).toEqual(new Set(['POST /crm/v8/coql']));
  });
});

describe('a booking Zoho refuses', () => {
  it('is answered as a refusal with Zoho’s words and the field it named; nothing waits in the outbox', async () => {
    const { handlers } = await connected();
    const [slot] = (await handlers.freeSlots(ann, {})).slots;
    const refusal = { data: [{ code: 'INVALID_DATA', details: { api_name: 'Venue', json_path: '$.data[0].Venue' }, message: 'invalid data', status: 'error' }] };
    await control('POST', '/__sandbox/faults', { match: { method: 'POST', path: '/crm/v8/Events' }, count: 1, status: 400, body: refusal });
    const before = (await control('GET', '/__sandbox/records/Events')).count;
    const answer = handlers.bookMeeting({ ...ann, ...slot!, title: 'Refused', venue: 'Room ☃', sendInvitation: false, note: 'Not to be written' }, {});
    await expect(answer).rejects.toMatchObject({ code: 'zoho_error', zoho: 'invalid data (Venue)', issues: [{ path: 'Venue', code: 'INVALID_DATA' }] });
    // No retry offered for what would be refused again.
    await expect(answer).rejects.toMatchObject({ action: 'none' });
    expect(await sandbox.db().outbox.count()).toBe(0);
    expect((await control('GET', '/__sandbox/records/Events')).count).toBe(before);
    expect((await control('GET', `/__sandbox/records/Notes?contains=${encodeURIComponent('Not to be written')}`)).count).toBe(0);
    // Booked again without the venue: one meeting.
    const item = await handlers.bookMeeting({ ...ann, ...slot!, title: 'Refused', sendInvitation: false }, {});
    expect(item.status).toBe('done');
  });
});

describe('a move or cancel Zoho refuses', () => {
  it('is answered as a refusal too: the meeting stays where it was, nothing waits in the outbox', async () => {
    const { handlers } = await connected();
    const slots = (await handlers.freeSlots(ann, {})).slots;
    const booked = await handlers.bookMeeting({ ...ann, ...slots[0]!, title: 'To move', sendInvitation: false }, {});
    const refusal = { data: [{ code: 'INVALID_DATA', details: { api_name: 'Start_DateTime' }, message: 'invalid data', status: 'error' }] };
    await control('POST', '/__sandbox/faults', { match: { method: 'PUT', path: `/crm/v8/Events/${booked.resultId}` }, count: 1, status: 400, body: refusal });
    await expect(handlers.rescheduleMeeting({ ...ann, eventId: booked.resultId!, title: 'To move', ...slots[4]! }, {})).rejects.toMatchObject({
      code: 'zoho_error',
      action: 'none',
      issues: [{ path: 'Start_DateTime' }],
    });
    expect(await sandbox.db().outbox.where('status').anyOf('pending', 'sending', 'failed').count()).toBe(0);
    const event = (await control('GET', `/__sandbox/records/Events/${booked.resultId}`)) as { Start_DateTime: string };
    expect(Date.parse(event.Start_DateTime)).toBe(Date.parse(slots[0]!.start));
  });
});

describe('a booking kept in this browser', () => {
  it('is in the upcoming list as sending, its time is not offered, and once sent it is one normal meeting', async () => {
    const { handlers } = await connected();
    const slots = (await handlers.freeSlots(ann, {})).slots;
    const slot = slots[1]!;
    // Zoho unreachable for the create only: the reads still answer.
    await control('POST', '/__sandbox/faults', { match: { method: 'POST', path: '/crm/v8/Events' }, count: 1000, drop: 'before' });
    const item = await handlers.bookMeeting({ ...ann, ...slot, title: 'Queued with Ann', sendInvitation: false }, {});
    expect(item.status).toBe('pending');

    const waiting = await handlers.upcomingMeetings(ann, {});
    const queued = waiting.filter((meeting) => meeting.title === 'Queued with Ann');
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ pending: true, start: slot.start, end: slot.end });
    expect((await handlers.freeSlots(ann, {})).slots.some((free) => overlaps(free, slot))).toBe(false);
    // Any person's free times: the rep is busy then whoever the page is about.
    expect((await handlers.freeSlots(joann, {})).slots.some((free) => overlaps(free, slot))).toBe(false);
    // What the panel shows before Zoho answers (the last known free times) does not offer it either.
    const kept = await handlers.lastKnownSlots(ann, {});
    expect(kept?.value.slots.some((free) => overlaps(free, slot))).toBe(false);

    await control('DELETE', '/__sandbox/faults');
    await sandbox.db().outbox.toCollection().modify({ nextAttemptAt: 0 });
    await handlers.outboxRetry({ key: item.key }, {});
    const sent = (await sandbox.db().outbox.get(item.key))!;
    expect(sent.status).toBe('done');
    const after = (await handlers.upcomingMeetings(ann, {})).filter((meeting) => meeting.title === 'Queued with Ann');
    expect(after).toEqual([expect.objectContaining({ id: sent.resultId, pending: false })]);
    expect((await control('GET', `/__sandbox/records/Events?contains=${encodeURIComponent('Queued with Ann')}`)).count).toBe(1);
  });
});
