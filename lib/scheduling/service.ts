// The rep's scheduling, as the background does it: free slots from the user's Zoho Events and the
// settings, the contact's local time zone, and booking, cancelling and rescheduling through the
// outbox — checking Zoho again right before a booking so a slot taken meanwhile is never booked.
import { z } from 'zod';
import { StagecoachError } from '../errors';
import type { OutboxItem, RecordModule } from '../messaging/types';
import type { Settings } from '../settings/schema';
import type { ConnectionRow, OutboxRow, StagecoachDb } from '../storage/db';
import { toOutboxItem, type Outbox } from '../sync/outbox';
import type { ZohoClient } from '../zoho/client';
import { zohoDateTime } from '../zoho/writes';
import { findFreeSlots } from './slots';
import { zoneForAddress } from './zones';

export interface Interval {
  start: string;
  end: string;
}

export interface BusyEvent extends Interval {
  id: string;
  title: string;
}

export interface FreeSlotsView {
  timeZone: string;
  /** The contact's zone and where it came from, when known. */
  contact: { timeZone: string; source: 'address' | 'chosen' } | null;
  slots: Interval[];
  windowStart: string;
  windowEnd: string;
  settings: Pick<Settings, 'slotMinutes' | 'meetingTitleTemplate' | 'features'>;
}

export interface Meeting extends Interval {
  id: string;
  title: string;
  venue: string | null;
}

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

export interface SchedulingDeps {
  db: StagecoachDb;
  client: ZohoClient;
  outbox: Outbox;
  now(): number;
  settings(): Promise<Settings>;
  connection(): Promise<ConnectionRow>;
}

export function createScheduling(deps: SchedulingDeps) {
  const { client } = deps;

  function require(settings: Settings, feature: keyof Settings['features']) {
    if (!settings.features[feature]) throw new StagecoachError('feature_disabled', feature);
  }

  /** The user's events overlapping [start, end), straight from Zoho (COQL, paged). */
  async function busyEvents(userId: string, start: number, end: number): Promise<BusyEvent[]> {
    const events: BusyEvent[] = [];
    for (let offset = 0; offset < COQL_MAX; offset += COQL_PAGE) {
      const query =
        `select id, Event_Title, Start_DateTime, End_DateTime from Events ` +
        `where (Owner = '${userId}' and (Start_DateTime < '${zohoDateTime(end)}' and End_DateTime > '${zohoDateTime(start)}')) ` +
        `order by Start_DateTime limit ${offset}, ${COQL_PAGE}`;
      const page = await client.request('/coql', coqlEvents, { method: 'POST', body: { select_query: query }, idempotent: true });
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
  async function unavailability(userId: string, start: number, end: number): Promise<Interval[]> {
    try {
      const answer = await client.request('/settings/users_unavailability', unavailabilityList);
      return (answer?.users_unavailability ?? [])
        .filter((row) => row.user?.id === userId && Date.parse(row.from) < end && Date.parse(row.to) > start)
        .map((row) => ({ start: row.from, end: row.to }));
    } catch (error) {
      if (error instanceof StagecoachError && error.code === 'no_permission') return [];
      throw error;
    }
  }

  async function contactZone(module: RecordModule, recordId: string): Promise<FreeSlotsView['contact']> {
    const chosen = await deps.db.contactZones.get([module, recordId]);
    if (chosen) return { timeZone: chosen.timeZone, source: 'chosen' };
    if (module === 'Deals' || module === 'Accounts') return null;
    const answer = await client.request(`/${module}/${recordId}`, addressRecord);
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

  async function freeSlots({ module, recordId }: { module: RecordModule; recordId: string }): Promise<FreeSlotsView> {
    const [settings, connection] = await Promise.all([deps.settings(), deps.connection()]);
    require(settings, 'slotCheck');
    const timeZone = settings.timeZone ?? connection.user.timeZone ?? 'UTC';
    const start = deps.now();
    const end = start + settings.daysAhead * 24 * 60 * 60_000;
    const [events, away, contact] = await Promise.all([
      busyEvents(connection.user.id, start, end),
      unavailability(connection.user.id, start, end),
      contactZone(module, recordId),
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
    if (!(end > start)) throw new StagecoachError('bad_message', 'The meeting must end after it starts.');
    const clashes = (await busyEvents(userId, start - buffer, end + buffer)).filter((event) => event.id !== except);
    if (clashes.length > 0) throw new StagecoachError('slot_taken');
  }

  async function recordName(module: RecordModule, recordId: string): Promise<string> {
    const cached = await deps.db.records.get([module, recordId]);
    return (cached?.value as { name?: string } | undefined)?.name ?? recordId;
  }

  async function send(row: OutboxRow): Promise<OutboxItem> {
    return toOutboxItem((await deps.outbox.sendNow(row.key)) ?? row);
  }

  async function book(input: BookInput): Promise<OutboxItem> {
    const [settings, connection] = await Promise.all([deps.settings(), deps.connection()]);
    require(settings, 'booking');
    await assertStillFree(settings, connection.user.id, input);
    const participant = input.module === 'Leads' ? 'lead' : 'contact';
    const data: Record<string, unknown> = {
      Event_Title: input.title,
      Start_DateTime: input.start,
      End_DateTime: input.end,
      Owner: { id: connection.user.id },
      Participants: [{ type: participant, participant: input.recordId }],
      Send_Notification: input.sendInvitation,
      ...(input.venue ? { Venue: input.venue } : {}),
      ...(input.description ? { Description: input.description } : {}),
    };
    if (input.module === 'Contacts') data.Who_Id = { id: input.recordId };
    // A meeting belongs to one "what": the deal it was booked from, else the lead itself.
    if (input.dealId) Object.assign(data, { What_Id: { id: input.dealId }, $se_module: 'Deals' });
    else if (input.module === 'Leads') Object.assign(data, { What_Id: { id: input.recordId }, $se_module: 'Leads' });

    const name = await recordName(input.module, input.recordId);
    // All stored before any is sent: a dead network keeps the whole booking, not half of it.
    const event = await deps.outbox.enqueue({ op: 'create', module: 'Events', data, summary: `Meeting with ${name}: ${input.title}` });
    const extras: OutboxRow[] = [];
    if (input.note) {
      extras.push(await deps.outbox.enqueue({
        op: 'create',
        module: 'Notes',
        data: { Note_Content: input.note, Parent_Id: { module: { api_name: input.module }, id: input.recordId } },
        summary: `Note on ${name}`,
      }));
    }
    if (input.followUp) {
      extras.push(await deps.outbox.enqueue({
        op: 'create',
        module: 'Tasks',
        data: {
          Subject: input.followUp.subject,
          Due_Date: input.followUp.dueDate,
          Status: 'Not Started',
          Owner: { id: connection.user.id },
          ...(input.module === 'Contacts' ? { Who_Id: { id: input.recordId } } : {}),
          ...(input.dealId ? { What_Id: { id: input.dealId }, $se_module: 'Deals' } : input.module === 'Leads' ? { What_Id: { id: input.recordId }, $se_module: 'Leads' } : {}),
        },
        summary: `Task: ${input.followUp.subject}`,
      }));
    }
    const item = await send(event);
    for (const extra of extras) await deps.outbox.sendNow(extra.key);
    return item;
  }

  async function upcoming({ module, recordId }: { module: RecordModule; recordId: string }): Promise<Meeting[]> {
    if (module !== 'Contacts' && module !== 'Leads') return [];
    const field = module === 'Contacts' ? 'Who_Id' : 'What_Id';
    const query =
      `select id, Event_Title, Start_DateTime, End_DateTime, Venue from Events ` +
      `where (${field} = '${recordId}' and End_DateTime > '${zohoDateTime(deps.now())}') order by Start_DateTime limit 50`;
    const answer = await client.request('/coql', coqlEvents, { method: 'POST', body: { select_query: query }, idempotent: true });
    return (answer?.data ?? []).map((row) => ({ id: row.id, title: row.Event_Title ?? '', start: row.Start_DateTime, end: row.End_DateTime, venue: row.Venue ?? null }));
  }

  /** The panel may only change meetings with the person it shows: checked against Zoho, not trusted. */
  async function assertMeetingWith(eventId: string, recordId: string) {
    const answer = await client.request(`/Events/${eventId}`, z.object({ data: z.array(eventRow).min(1) }));
    const event = answer?.data[0];
    if (!event) throw new StagecoachError('not_found');
    const ids = [event.Who_Id, event.What_Id].map((link) => (link as { id?: string } | null | undefined)?.id);
    const participants = Array.isArray(event.Participants) ? (event.Participants as { participant?: unknown }[]).map((p) => p.participant) : [];
    if (!ids.includes(recordId) && !participants.includes(recordId)) throw new StagecoachError('bad_message', 'That meeting is not with this person.');
  }

  async function cancel(input: { module: RecordModule; recordId: string; eventId: string; title: string; note?: string }): Promise<OutboxItem> {
    const settings = await deps.settings();
    require(settings, 'cancellation');
    await assertMeetingWith(input.eventId, input.recordId);
    const name = await recordName(input.module, input.recordId);
    const row = await deps.outbox.enqueue({ op: 'delete', module: 'Events', recordId: input.eventId, summary: `Cancel: ${input.title} (${name})` });
    const note = input.note
      ? await deps.outbox.enqueue({
          op: 'create',
          module: 'Notes',
          data: { Note_Content: input.note, Parent_Id: { module: { api_name: input.module }, id: input.recordId } },
          summary: `Note on ${name}`,
        })
      : null;
    const item = await send(row);
    if (note) await deps.outbox.sendNow(note.key);
    return item;
  }

  async function reschedule(input: { module: RecordModule; recordId: string; eventId: string; title: string; start: string; end: string }): Promise<OutboxItem> {
    const [settings, connection] = await Promise.all([deps.settings(), deps.connection()]);
    require(settings, 'booking');
    await assertMeetingWith(input.eventId, input.recordId);
    await assertStillFree(settings, connection.user.id, input, input.eventId);
    const name = await recordName(input.module, input.recordId);
    const row = await deps.outbox.enqueue({
      op: 'update',
      module: 'Events',
      recordId: input.eventId,
      data: { Start_DateTime: input.start, End_DateTime: input.end },
      summary: `Move: ${input.title} (${name})`,
    });
    return send(row);
  }

  async function setContactZone({ module, recordId, timeZone }: { module: RecordModule; recordId: string; timeZone: string | null }) {
    if (timeZone === null) await deps.db.contactZones.delete([module, recordId]);
    else await deps.db.contactZones.put({ module, id: recordId, timeZone });
    return { saved: true as const };
  }

  /**
   * The person behind a typed email or phone: Contacts first, then Leads. Zoho's search `equals`
   * matches loosely (like "contains"), so every hit is confirmed here before it counts.
   */
  async function findPerson({ email, phone }: { email?: string; phone?: string }): Promise<PersonMatch | null> {
    for (const module of ['Contacts', 'Leads'] as const) {
      if (email) {
        const hits = await client.request(`/${module}/search`, personHits, { query: { email } });
        const match = hits?.data.find((row) => sameEmail(row.Email, email) || sameEmail(row.Secondary_Email, email));
        if (match) return toPerson(module, match);
      }
      if (phone && phoneDigits(phone).length >= 7) {
        // Stored numbers are formatted any which way: search by the national digits (UNCONFIRMED
        // how Zoho's phone search treats formatting), then compare digits here.
        const hits = await client.request(`/${module}/search`, personHits, { query: { phone: phoneDigits(phone).slice(-10) } });
        const match = hits?.data.find((row) => samePhone(row.Phone, phone) || samePhone(row.Mobile, phone));
        if (match) return toPerson(module, match);
      }
    }
    return null;
  }

  /** Creates the Lead (or Contact, per settings) for someone not in Zoho yet, so a meeting can be booked with them. */
  async function createPerson(input: { email: string; firstName?: string; lastName: string; company?: string; phone?: string }): Promise<OutboxItem & { module: 'Leads' | 'Contacts' }> {
    const settings = await deps.settings();
    require(settings, 'booking');
    const existing = settings.features.lookupBeforeBooking ? await findPerson({ email: input.email, phone: input.phone }) : null;
    if (existing) throw new StagecoachError('zoho_error', `${existing.name} <${existing.email ?? input.email}> is already in Zoho.`);
    const module = settings.createMissingAs;
    const data: Record<string, unknown> = {
      Last_Name: input.lastName,
      Email: input.email,
      ...(input.firstName ? { First_Name: input.firstName } : {}),
      ...(input.phone ? { Phone: input.phone } : {}),
      // Zoho requires a company on Leads; the email's domain is the honest best guess.
      ...(module === 'Leads' ? { Company: input.company || input.email.split('@')[1] || input.lastName } : {}),
    };
    const row = await deps.outbox.enqueue({ op: 'create', module, data, summary: `New ${module === 'Leads' ? 'lead' : 'contact'}: ${input.email}` });
    return { ...(await send(row)), module };
  }

  return { freeSlots, book, upcoming, cancel, reschedule, setContactZone, busyEvents, findPerson, createPerson };
}

export interface PersonMatch {
  module: 'Contacts' | 'Leads';
  id: string;
  name: string;
  email: string | null;
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

export interface BookInput extends Interval {
  module: RecordModule;
  recordId: string;
  dealId?: string;
  title: string;
  venue?: string;
  description?: string;
  sendInvitation: boolean;
  note?: string;
  followUp?: { subject: string; dueDate: string };
}
