// The rep's scheduling, as the background does it: free slots from the user's Zoho Events and the
// settings, the contact's local time zone, and booking, cancelling and rescheduling through the
// outbox — checking Zoho again right before a booking so a slot taken meanwhile is never booked.
import { z } from 'zod';
import { StagecoachError } from '../errors';
import type { Handlers, RequestInput } from '../messaging/define';
import { recordName } from '../records/service';
import type { RecordModule } from '../records/types';
import { isTimeZone, type Settings } from '../settings/schema';
import { requestContext, requireFeature, userTimeZone, type ServiceDeps } from '../service/context';
import type { OutboxItem } from '../sync/types';
import { activityWhat, eventPayload, notePayload, personPayload, taskPayload } from '../zoho/payloads';
import { zohoDateTime } from '../zoho/writes';
import type { schedulingRequests } from './requests';
import { findFreeSlots } from './slots';
import type { BusyEvent, FreeSlotsView, Interval, Meeting, PersonMatch } from './types';
import { zoneForAddress } from './zones';

export type { BusyEvent, FreeSlotsView, Interval, Meeting, PersonMatch } from './types';

type Input<K extends keyof typeof schedulingRequests> = RequestInput<typeof schedulingRequests, K>;
type Signal = { signal?: AbortSignal | undefined };

const eventRow = z
  .object({
    id: z.string(),
    Event_Title: z.string().nullish(),
    Start_DateTime: z.string(),
    End_DateTime: z.string(),
    Venue: z.string().nullish(),
  })
  .passthrough();
const coqlEvents = z.object({ data: z.array(eventRow), info: z.object({ more_records: z.boolean().optional() }).passthrough().optional() });

const addressRecord = z.object({
  data: z
    .array(
      z
        .object({
          id: z.string(),
          Mailing_Country: z.string().nullish(),
          Mailing_State: z.string().nullish(),
          Mailing_City: z.string().nullish(),
          Country: z.string().nullish(),
          State: z.string().nullish(),
          City: z.string().nullish(),
        })
        .passthrough(),
    )
    .min(1),
});

const unavailabilityList = z.object({
  users_unavailability: z.array(
    z.object({ id: z.string().nullish(), from: z.string(), to: z.string(), user: z.object({ id: z.string() }).passthrough().nullish() }).passthrough(),
  ),
});

/** COQL answers at most 2,000 rows through offsets; more busy time than that in a window is not realistic. */
const COQL_PAGE = 200;
const COQL_MAX = 2000;

export function createScheduling(deps: ServiceDeps) {
  const { client, db } = deps;

  /** The user's events overlapping [start, end), straight from Zoho (COQL, paged). */
  async function busyEvents(userId: string, start: number, end: number, { signal }: Signal = {}): Promise<BusyEvent[]> {
    const events: BusyEvent[] = [];
    for (let offset = 0; offset < COQL_MAX; offset += COQL_PAGE) {
      const query =
        `select id, Event_Title, Start_DateTime, End_DateTime from Events ` +
        `where (Owner = '${userId}' and (Start_DateTime < '${zohoDateTime(end)}' and End_DateTime > '${zohoDateTime(start)}')) ` +
        `order by Start_DateTime limit ${offset}, ${COQL_PAGE}`;
      const page = await client.request('/coql', coqlEvents, { method: 'POST', body: { select_query: query }, idempotent: true, signal });
      for (const row of page?.data ?? []) {
        events.push({ id: row.id, title: row.Event_Title ?? '', start: row.Start_DateTime, end: row.End_DateTime });
      }
      if (!page?.info?.more_records) break;
    }
    return events;
  }

  /**
   * The user's out-of-office periods overlapping [start, end). Busy time too; a connection made
   * before this scope was asked for cannot read them, which must not take the free times away.
   */
  async function unavailability(userId: string, start: number, end: number, { signal }: Signal): Promise<Interval[]> {
    try {
      const answer = await client.request('/settings/users_unavailability', unavailabilityList, { signal });
      return (answer?.users_unavailability ?? [])
        .filter((row) => row.user?.id === userId && Date.parse(row.from) < end && Date.parse(row.to) > start)
        .map((row) => ({ start: row.from, end: row.to }));
    } catch (error) {
      if (error instanceof StagecoachError && error.code === 'no_permission') return [];
      throw error;
    }
  }

  async function contactZone(module: RecordModule, recordId: string, { signal }: Signal): Promise<FreeSlotsView['contact']> {
    const chosen = await db.contactZones.get([module, recordId]);
    if (chosen) return { timeZone: chosen.timeZone, source: 'chosen' };
    if (module === 'Deals' || module === 'Accounts') return null;
    const answer = await client.request(`/${module}/${recordId}`, addressRecord, { signal });
    const record = answer?.data[0];
    if (!record) return null;
    const found = zoneForAddress({
      country: record.Mailing_Country ?? record.Country,
      state: record.Mailing_State ?? record.State,
      city: record.Mailing_City ?? record.City,
    });
    return found ? { timeZone: found.timeZone, source: 'address' } : null;
  }

  function slotInput(settings: Settings, timeZone: string, busy: Interval[], start: number, end: number) {
    return {
      window: { start: new Date(start).toISOString(), end: new Date(end).toISOString() },
      busy,
      timeZone,
      workingHours: settings.workingHours,
      durationMinutes: settings.slotMinutes,
      stepMinutes: settings.stepMinutes ?? settings.slotMinutes,
      bufferMinutes: Math.max(settings.bufferBeforeMinutes, settings.bufferAfterMinutes),
      minNoticeMinutes: settings.minNoticeMinutes,
      now: new Date(deps.now()).toISOString(),
    };
  }

  async function freeSlots({ module, recordId }: Input<'freeSlots'>, { signal }: Signal = {}): Promise<FreeSlotsView> {
    const ctx = await requestContext(deps);
    const { settings, connection } = ctx;
    requireFeature(settings, 'slotCheck');
    const timeZone = userTimeZone(ctx);
    const start = deps.now();
    const end = start + settings.daysAhead * 24 * 60 * 60_000;
    const [events, away, contact] = await Promise.all([
      busyEvents(connection.user.id, start, end, { signal }),
      unavailability(connection.user.id, start, end, { signal }),
      contactZone(module, recordId, { signal }),
    ]);
    const slots = findFreeSlots(slotInput(settings, timeZone, [...events, ...away], start, end));
    return {
      timeZone,
      contact,
      slots,
      windowStart: new Date(start).toISOString(),
      windowEnd: new Date(end).toISOString(),
      settings: { slotMinutes: settings.slotMinutes, meetingTitleTemplate: settings.meetingTitleTemplate, features: settings.features },
    };
  }

  /** Zoho's current view of [start, end) (buffers included) has no event but `except`. */
  async function assertStillFree(settings: Settings, userId: string, slot: Interval, except?: string) {
    const buffer = Math.max(settings.bufferBeforeMinutes, settings.bufferAfterMinutes) * 60_000;
    const start = Date.parse(slot.start);
    const end = Date.parse(slot.end);
    if (!(end > start)) throw new StagecoachError('bad_message', { reason: 'meeting_ends_before_start' });
    const clashes = (await busyEvents(userId, start - buffer, end + buffer)).filter((event) => event.id !== except);
    if (clashes.length > 0) throw new StagecoachError('slot_taken');
  }

  async function book(input: Input<'bookMeeting'>): Promise<OutboxItem> {
    const { settings, connection } = await requestContext(deps);
    requireFeature(settings, 'booking');
    await assertStillFree(settings, connection.user.id, input);
    const person = { module: input.module, id: input.recordId };
    const name = await recordName(db, input.module, input.recordId);
    const note = input.note ? notePayload(person, input.note) : null;
    const followUp = input.followUp
      ? taskPayload({
          subject: input.followUp.subject,
          dueDate: input.followUp.dueDate,
          ownerId: connection.user.id,
          contactId: input.module === 'Contacts' ? input.recordId : null,
          what: activityWhat(person, input.dealId),
        })
      : null;
    // All stored before any is sent: a dead network keeps the whole booking, not half of it.
    return deps.outbox.submit(
      { op: 'create', module: 'Events', data: eventPayload({ ...input, ownerId: connection.user.id, person }), summary: `Meeting with ${name}: ${input.title}` },
      ...(note ? [{ op: 'create' as const, module: 'Notes' as const, data: note, summary: `Note on ${name}` }] : []),
      ...(followUp ? [{ op: 'create' as const, module: 'Tasks' as const, data: followUp, summary: `Task: ${input.followUp!.subject}` }] : []),
    );
  }

  async function upcoming({ module, recordId }: Input<'upcomingMeetings'>, { signal }: Signal = {}): Promise<Meeting[]> {
    if (module !== 'Contacts' && module !== 'Leads') return [];
    const field = module === 'Contacts' ? 'Who_Id' : 'What_Id';
    const query =
      `select id, Event_Title, Start_DateTime, End_DateTime, Venue from Events ` +
      `where (${field} = '${recordId}' and End_DateTime > '${zohoDateTime(deps.now())}') order by Start_DateTime limit 50`;
    const answer = await client.request('/coql', coqlEvents, { method: 'POST', body: { select_query: query }, idempotent: true, signal });
    return (answer?.data ?? []).map((row) => ({ id: row.id, title: row.Event_Title ?? '', start: row.Start_DateTime, end: row.End_DateTime, venue: row.Venue ?? null }));
  }

  /** The panel may only change meetings with the person it shows: checked against Zoho, not trusted. */
  async function assertMeetingWith(eventId: string, recordId: string) {
    const answer = await client.request(`/Events/${eventId}`, z.object({ data: z.array(eventRow).min(1) }));
    const event = answer?.data[0];
    if (!event) throw new StagecoachError('not_found');
    const ids = [event.Who_Id, event.What_Id].map((link) => (link as { id?: string } | null | undefined)?.id);
    const participants = Array.isArray(event.Participants) ? (event.Participants as { participant?: unknown }[]).map((p) => p.participant) : [];
    if (!ids.includes(recordId) && !participants.includes(recordId)) throw new StagecoachError('bad_message', { reason: 'meeting_not_with_person' });
  }

  async function cancel(input: Input<'cancelMeeting'>): Promise<OutboxItem> {
    requireFeature(await deps.settings(), 'cancellation');
    await assertMeetingWith(input.eventId, input.recordId);
    const name = await recordName(db, input.module, input.recordId);
    const note = input.note ? notePayload({ module: input.module, id: input.recordId }, input.note) : null;
    return deps.outbox.submit(
      { op: 'delete', module: 'Events', recordId: input.eventId, summary: `Cancel: ${input.title} (${name})` },
      ...(note ? [{ op: 'create' as const, module: 'Notes' as const, data: note, summary: `Note on ${name}` }] : []),
    );
  }

  async function reschedule(input: Input<'rescheduleMeeting'>): Promise<OutboxItem> {
    const { settings, connection } = await requestContext(deps);
    requireFeature(settings, 'booking');
    await assertMeetingWith(input.eventId, input.recordId);
    await assertStillFree(settings, connection.user.id, input, input.eventId);
    const name = await recordName(db, input.module, input.recordId);
    return deps.outbox.submit({
      op: 'update',
      module: 'Events',
      recordId: input.eventId,
      data: { Start_DateTime: input.start, End_DateTime: input.end },
      summary: `Move: ${input.title} (${name})`,
    });
  }

  async function setContactZone({ module, recordId, timeZone }: Input<'setContactZone'>) {
    if (timeZone !== null && !isTimeZone(timeZone)) throw new StagecoachError('bad_message', { reason: 'unknown_time_zone', params: [timeZone] });
    if (timeZone === null) await db.contactZones.delete([module, recordId]);
    else await db.contactZones.put({ module, id: recordId, timeZone });
    return { saved: true as const };
  }

  /**
   * The person behind a typed email or phone: Contacts first, then Leads. Zoho's search `equals`
   * matches loosely (like "contains"), so every hit is confirmed here before it counts.
   */
  async function findPerson({ email, phone }: { email?: string | undefined; phone?: string | undefined }, { signal }: Signal = {}): Promise<PersonMatch | null> {
    for (const module of ['Contacts', 'Leads'] as const) {
      if (email) {
        const hits = await client.request(`/${module}/search`, personHits, { query: { email }, signal });
        const match = hits?.data.find((row) => sameEmail(row.Email, email) || sameEmail(row.Secondary_Email, email));
        if (match) return toPerson(module, match);
      }
      if (phone && phoneDigits(phone).length >= 7) {
        // Stored numbers are formatted any which way: search by the national digits (UNCONFIRMED
        // how Zoho's phone search treats formatting), then compare digits here.
        const hits = await client.request(`/${module}/search`, personHits, { query: { phone: phoneDigits(phone).slice(-10) }, signal });
        const match = hits?.data.find((row) => samePhone(row.Phone, phone) || samePhone(row.Mobile, phone));
        if (match) return toPerson(module, match);
      }
    }
    return null;
  }

  /** Creates the Lead (or Contact, per settings) for someone not in Zoho yet, so a meeting can be booked with them. */
  async function createPerson(input: Input<'createPerson'>): Promise<OutboxItem & { module: 'Leads' | 'Contacts' }> {
    const settings = await deps.settings();
    requireFeature(settings, 'booking');
    const existing = settings.features.lookupBeforeBooking ? await findPerson({ email: input.email, phone: input.phone }) : null;
    if (existing) throw new StagecoachError('already_exists', { reason: 'person_exists', params: [existing.name, existing.email ?? input.email] });
    const module = settings.createMissingAs;
    const item = await deps.outbox.submit({ op: 'create', module, data: personPayload(module, input), summary: `New ${module === 'Leads' ? 'lead' : 'contact'}: ${input.email}` });
    return { ...item, module };
  }

  const handlers: Handlers<typeof schedulingRequests> = {
    freeSlots: (input, { signal }) => freeSlots(input, { signal }),
    upcomingMeetings: (input, { signal }) => upcoming(input, { signal }),
    bookMeeting: book,
    cancelMeeting: cancel,
    rescheduleMeeting: reschedule,
    findPerson: (input, { signal }) => findPerson(input, { signal }),
    createPerson,
    setContactZone,
  };
  return { handlers, busyEvents };
}

const personHits = z.object({
  data: z.array(
    z
      .object({
        id: z.string(),
        Full_Name: z.string().nullish(),
        First_Name: z.string().nullish(),
        Last_Name: z.string().nullish(),
        Email: z.string().nullish(),
        Secondary_Email: z.string().nullish(),
        Phone: z.string().nullish(),
        Mobile: z.string().nullish(),
      })
      .passthrough(),
  ),
});
type PersonHit = z.infer<typeof personHits>['data'][number];

function toPerson(module: 'Contacts' | 'Leads', row: PersonHit): PersonMatch {
  const name = row.Full_Name ?? [row.First_Name, row.Last_Name].filter(Boolean).join(' ');
  return { module, id: row.id, name: name || row.id, email: row.Email ?? null };
}

const sameEmail = (a: string | null | undefined, b: string) => !!a && a.trim().toLowerCase() === b.trim().toLowerCase();

export const phoneDigits = (value: string) => value.replace(/\D/g, '');

/** Same number when the digits agree, allowing a country code on one side only (last 10 digits). */
export function samePhone(a: string | null | undefined, b: string): boolean {
  if (!a) return false;
  const x = phoneDigits(a);
  const y = phoneDigits(b);
  if (x.length < 7 || y.length < 7) return false;
  return x === y || x.slice(-10) === y.slice(-10);
}
