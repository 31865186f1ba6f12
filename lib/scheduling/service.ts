// The rep's scheduling, as the background does it: free slots from the user's Zoho Events and the
// settings, the contact's local time zone, and booking, cancelling and rescheduling through the
// outbox — checking Zoho again right before a booking so a slot taken meanwhile is never booked.
import { z } from 'zod';
import { StagecoachError } from '../errors';
import type { Handlers, RequestInput } from '../messaging/define';
import { createMetaCache, META_MODULE } from '../connection/meta';
import { readRecord, recordName } from '../records/service';
import type { RecordModule } from '../records/types';
import { isTimeZone, type Settings } from '../settings/schema';
import { requestContext, requireFeature, userTimeZone, type ServiceDeps } from '../service/context';
import { toOutboxItem } from '../sync/outbox';
import { overlapping, queuedEvents, type QueuedEvent } from '../sync/queued';
import type { OutboxItem } from '../sync/types';
import { COMPOSITE_RECORDS } from '../zoho/composite';
import { activityWhat, eventPayload, notePayload, personPayload, taskPayload } from '../zoho/payloads';
import { zohoDateTime } from '../zoho/writes';
import { createOrgCalendar, holidayIntervals, holidaysInWindow, yearsOfWindow } from './calendar';
import type { schedulingRequests } from './requests';
import { findFreeSlots, type WorkingHours } from './slots';
import { ownerOf, sameOwner, whileSignedIn, type ConnectionRow, type RowOwner } from '../storage/db';
import type { BusyEvent, FreeSlotsView, Interval, Meeting, PersonMatch } from './types';
import { readUnavailability } from './unavailability';
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
const link = z.object({ id: z.union([z.string(), z.number()]).transform(String) }).passthrough().nullish();
const windowRows = z.object({
  data: z.array(eventRow.extend({ Owner: z.object({ id: z.string() }).passthrough().nullish(), Who_Id: link, What_Id: link })),
  info: z.object({ more_records: z.boolean().optional() }).passthrough().optional(),
});
type WindowRow = z.infer<typeof windowRows>['data'][number];
const participantLists = z.object({
  data: z.array(
    z
      .object({
        id: z.string(),
        Participants: z
          .array(z.object({ type: z.string().nullish(), participant: z.string().nullish(), status: z.string().nullish() }).passthrough())
          .nullish(),
      })
      .passthrough(),
  ),
});
/** Get Records takes up to 100 `ids` (record.json's `ids`; 100 per call UNCONFIRMED for v8, it was the old API's cap). */
const IDS_PER_CALL = 100;

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

/** COQL answers at most 2,000 rows through offsets; more busy time than that in a window is not realistic. */
const COQL_PAGE = 200;
const COQL_MAX = 2000;
/** A view's window read in at most this many pages of 25 at once (what the last view's rows need). */
const WINDOW_PAGES = 3;
/** Colleagues' events' participants kept by id and Modified_Time (at most this many). */
const PARTICIPANTS_KEPT = 1000;
/** Participants read for an event are trusted this long at most (while its Modified_Time is the same). */
const PARTICIPANTS_FRESH_MS = 24 * 60 * 60_000;
/** Where the participants read are kept among the account's cached records. */
const PARTICIPANTS_KEY = 'Events/participants';
/** An event's participants as read: users (not declined), contacts and leads; its Modified_Time then; when read. */
interface SeenParticipants {
  modified: unknown;
  users: string[];
  people: string[];
  at: number;
}
/** Upcoming meetings shown with a person. */
const UPCOMING_MAX = 50;

/** Whose meetings a view also wants: the person's link field and id, from when. */
interface PersonLink {
  field: 'Who_Id' | 'What_Id';
  id: string;
  from: number;
}

export function createScheduling(deps: ServiceDeps) {
  const { client, db } = deps;

  const meta = createMetaCache({ db, now: deps.now });
  const orgCalendar = createOrgCalendar({ client, now: deps.now, meta });

  /**
   * Events' participants per account, by event id, with the Modified_Time they were read at: the
   * users invited who have not declined, and the contacts and leads among them. Kept in the
   * account's cached records too (a day at most per event), so a stopped service worker does not
   * read them again for events not modified since.
   */
  const participantsByAccount = new Map<string, Promise<Map<string, SeenParticipants>>>();
  function participantsOf(owner: RowOwner): Promise<Map<string, SeenParticipants>> {
    const key = `${owner.orgId}/${owner.userId}`;
    let kept = participantsByAccount.get(key);
    if (!kept) {
      kept = db.records.get([META_MODULE, PARTICIPANTS_KEY]).then(
        (row) => {
          const fresh = (entry: [string, SeenParticipants]) => deps.now() - entry[1].at < PARTICIPANTS_FRESH_MS;
          return new Map(row && sameOwner(row, owner) && Array.isArray(row.value) ? (row.value as [string, SeenParticipants][]).filter(fresh) : []);
        },
        () => new Map<string, SeenParticipants>(),
      );
      participantsByAccount.clear();
      participantsByAccount.set(key, kept);
    }
    return kept;
  }
  /**
   * Rows the last view's window query answered: a calendar that fits in 75 rows is read in pages
   * of 25 asked at once, which a composite call carries (with the page's other reads); a fuller
   * one in pages of 200 from the start. Unknown at first: three pages of 25.
   */
  let windowRowsLast = Infinity;

  /**
   * The user's events overlapping [start, end), straight from Zoho: those they own and those a
   * colleague invited them to — and, with `person`, the events linked to that person from
   * `person.from` on, in the same query (the free times and the meetings with the person are one
   * COQL query, issue 12). Zoho's COQL cannot filter (or select) Events' `Participants` ("Query
   * API - Limitations", zoho.com/crm/developer/docs/api/v7/COQL-Limitations.html and earlier:
   * "Participants field in Events module" is not supported), so the query reads every event in the
   * window the user can see, with its Owner; the colleagues' events' participants come from Get
   * Records by `ids` (record.json), 100 a call, and such an event counts when the user is among them
   * as type `user` and has not declined. With `person`, the participants of the user's own events
   * in the window are read in the same calls, and an event with the person among its participants
   * (a lead booked from a deal: What_Id is the deal) is one of theirs too — within the window only:
   * an event beyond it counts only by its Who_Id / What_Id (COQL cannot see its participants).
   * Participants already read for an event not modified since
   * are not read again (UNCONFIRMED: that an invitee's answer changes the event's Modified_Time).
   * Cost: up to 75 rows in pages of 25 that a composite call can carry (windowQuery), pages of 200
   * for more, plus one read per 100 events whose participants were not seen before (a composite
   * call carries up to 25). UNCONFIRMED: that COQL shows a user the
   * colleagues' events they were invited to when the org's sharing rules keep Events private.
   */
  async function eventsAround(userId: string, start: number, end: number, { signal, person }: Signal & { person?: PersonLink } = {}): Promise<{ busy: BusyEvent[]; withPerson: WindowRow[] }> {
    const events: BusyEvent[] = [];
    const withPerson: WindowRow[] = [];
    const others: { id: string; modified: unknown; event: BusyEvent }[] = [];
    /**
     * The window's rows, with whether Who_Id / What_Id links them to the person: the others may be
     * theirs by participants. All are read (once per modification), so the next person's view of
     * the same window costs no read of participants.
     */
    const maybeWith: { id: string; modified: unknown; row: WindowRow; linked: boolean }[] = [];
    const window = `(Start_DateTime < '${zohoDateTime(end)}' and End_DateTime > '${zohoDateTime(start)}')`;
    const where = person ? `(${window} or (${person.field} = '${person.id}' and End_DateTime > '${zohoDateTime(person.from)}'))` : window;
    const base = `select id, Event_Title, Start_DateTime, End_DateTime, Venue, Owner, Who_Id, What_Id, Modified_Time from Events where ${where} order by Start_DateTime, id`;
    // A view's window in pages of 25 asked at once (a composite call carries them with the page's
    // other reads): as many as the last view's rows need, three when not known yet; pages of 200
    // for a calendar fuller than that (issue 12).
    const pagesOf25 = !person ? 0 : windowRowsLast === Infinity ? WINDOW_PAGES : windowRowsLast < WINDOW_PAGES * COMPOSITE_RECORDS ? Math.floor(windowRowsLast / COMPOSITE_RECORDS) + 1 : 0;
    const answered = await windowQuery(base, pagesOf25, signal);
    const rows = answered.length;
    for (const row of answered) {
      const linked = person && row[person.field]?.id === person.id;
      if (linked && Date.parse(row.End_DateTime) > person.from) withPerson.push(row);
      if (!(Date.parse(row.Start_DateTime) < end && Date.parse(row.End_DateTime) > start)) continue;
      if (person && Date.parse(row.End_DateTime) > person.from) maybeWith.push({ id: row.id, modified: row.Modified_Time, row, linked: !!linked });
      const event = { id: row.id, title: row.Event_Title ?? '', start: row.Start_DateTime, end: row.End_DateTime };
      if (row.Owner?.id === userId) events.push(event);
      else others.push({ id: row.id, modified: row.Modified_Time, event });
    }
    // Views' queries only: a booking's re-check of one slot says nothing about a view's window.
    if (person) windowRowsLast = rows;
    const owner = ownerOf(await db.connection.get('current'));
    // Another account signed in meanwhile: what this one reads is not kept for it.
    const participantsSeen = owner && owner.userId === userId ? await participantsOf(owner) : new Map<string, SeenParticipants>();
    const unread = (other: { id: string; modified: unknown }) => {
      const seen = participantsSeen.get(other.id);
      return !seen || other.modified === undefined || seen.modified !== other.modified;
    };
    const unseen = [...others, ...maybeWith.filter((row) => !others.some((other) => other.id === row.id))].filter(unread);
    // Up to 75 in reads of 25 ids, which a composite call carries (with the page's other reads then: the marks of the contact's deals); more in reads of 100.
    const per = unseen.length <= WINDOW_PAGES * COMPOSITE_RECORDS ? COMPOSITE_RECORDS : IDS_PER_CALL;
    const batches = Array.from({ length: Math.ceil(unseen.length / per) }, (_, i) => unseen.slice(i * per, (i + 1) * per));
    const answers = await Promise.all(
      batches.map((batch) => client.request('/Events', participantLists, { query: { ids: batch.map((other) => other.id).join(','), fields: 'Participants,Modified_Time' }, signal })),
    );
    const read = answers.flatMap((answer) => answer?.data ?? []);
    for (const row of read) {
      const users = (row.Participants ?? []).filter((p) => p.type === 'user' && p.participant && p.status !== 'declined').map((p) => p.participant!);
      const people = (row.Participants ?? []).filter((p) => (p.type === 'contact' || p.type === 'lead') && p.participant).map((p) => p.participant!);
      participantsSeen.delete(row.id);
      participantsSeen.set(row.id, { modified: (row as { Modified_Time?: unknown }).Modified_Time ?? unseen.find((other) => other.id === row.id)?.modified, users, people, at: deps.now() });
      if (participantsSeen.size > PARTICIPANTS_KEPT) participantsSeen.delete(participantsSeen.keys().next().value!);
    }
    if (read.length > 0 && owner && owner.userId === userId) {
      // Kept for the next worker, only while the account that read them is still signed in; a failure to keep costs a read later, nothing else.
      const value = [...participantsSeen];
      void whileSignedIn(db, owner, [db.records], () => db.records.put({ module: META_MODULE, id: PARTICIPANTS_KEY, value, fetchedAt: deps.now(), ...owner })).catch(() => {});
    }
    for (const other of others) if (participantsSeen.get(other.id)?.users.includes(userId)) events.push(other.event);
    if (person) for (const { id, row, linked } of maybeWith) if (!linked && participantsSeen.get(id)?.people.includes(person.id)) withPerson.push(row);
    return {
      busy: events.sort((a, b) => Date.parse(a.start) - Date.parse(b.start)),
      withPerson: withPerson.sort((a, b) => Date.parse(a.Start_DateTime) - Date.parse(b.Start_DateTime)),
    };
  }

  /**
   * The rows of a window query (`base`, without `limit`): `pagesOf25` pages of 25 asked together
   * (each a read Zoho lets a composite call carry: COQL `limit` ≤ 25), then — only while the last
   * page read was full and Zoho says there are more — pages of 200 one after another, up to COQL's
   * 2,000. A row two pages both hold (a tie in the order) counts once.
   */
  async function windowQuery(base: string, pagesOf25: number, signal?: AbortSignal): Promise<WindowRow[]> {
    const rows: WindowRow[] = [];
    const seen = new Set<string>();
    const add = (page: z.infer<typeof windowRows> | null) => {
      for (const row of page?.data ?? []) {
        if (seen.has(row.id)) continue;
        seen.add(row.id);
        rows.push(row);
      }
    };
    const ask = (offset: number, size: number) =>
      client.request('/coql', windowRows, { method: 'POST', body: { select_query: `${base} limit ${offset === 0 ? size : `${offset}, ${size}`}` }, idempotent: true, signal });
    let offset = 0;
    let more = true;
    if (pagesOf25 > 0) {
      const pages = await Promise.all(Array.from({ length: pagesOf25 }, (_, i) => ask(i * COMPOSITE_RECORDS, COMPOSITE_RECORDS)));
      pages.forEach(add);
      offset = pagesOf25 * COMPOSITE_RECORDS;
      const last = pages[pages.length - 1];
      more = last?.info?.more_records === true && last.data.length === COMPOSITE_RECORDS;
    }
    while (more && offset < COQL_MAX) {
      const page = await ask(offset, COQL_PAGE);
      add(page);
      offset += COQL_PAGE;
      more = page?.info?.more_records === true && page.data.length > 0;
    }
    return rows;
  }

  async function busyEvents(userId: string, start: number, end: number, { signal }: Signal = {}): Promise<BusyEvent[]> {
    return (await eventsAround(userId, start, end, { signal })).busy;
  }

  /**
   * The user's out-of-office periods overlapping [start, end): busy time too. When they cannot be
   * read — a refusal of any kind (an edition without them, a connection made before this scope was
   * asked for, an error of Zoho's) or a failure that outlasted the client's retries — the free times
   * are still shown, with `unread` so the panel can say out-of-office may be missing.
   */
  async function unavailability(connection: ConnectionRow, start: number, end: number, { signal }: Signal): Promise<{ away: Interval[]; unread: boolean }> {
    const userId = connection.user.id;
    try {
      // Kept ten minutes per connection, read ahead at connect (Zoho does not let a composite call carry this read).
      const answer = await readUnavailability({ client, meta }, connection);
      const away = (answer?.users_unavailability ?? [])
        .filter((row) => row.user?.id === userId && Date.parse(row.from) < end && Date.parse(row.to) > start)
        .map((row) => ({ start: row.from, end: row.to }));
      return { away, unread: false };
    } catch (error) {
      // Leaving the page is not a failure to read: the whole view is given up.
      if (signal?.aborted || (error instanceof StagecoachError && error.code === 'cancelled')) throw error;
      return { away: [], unread: true };
    }
  }

  async function contactZone(module: RecordModule, recordId: string, { signal }: Signal): Promise<FreeSlotsView['contact']> {
    const [row, owner] = await Promise.all([db.contactZones.get([module, recordId]), db.connection.get('current').then(ownerOf)]);
    const chosen = row && sameOwner(row, owner) ? row : undefined;
    if (chosen) return { timeZone: chosen.timeZone, source: 'chosen' };
    if (module === 'Deals' || module === 'Accounts') return null;
    // The page's one read of the record (records/service.ts): cached, or shared with the panel's.
    let address = (await readRecord(deps, { module, recordId }, { signal }))?.value.address;
    if (!address) {
      // A copy cached before addresses were kept with it.
      const record = (await client.request(`/${module}/${recordId}`, addressRecord, { signal }))?.data[0];
      if (!record) return null;
      address = { country: record.Mailing_Country ?? record.Country ?? null, state: record.Mailing_State ?? record.State ?? null, city: record.Mailing_City ?? record.City ?? null };
    }
    const found = zoneForAddress(address);
    return found ? { timeZone: found.timeZone, source: 'address' } : null;
  }

  function slotInput(settings: Settings, timeZone: string, busy: Interval[], start: number, end: number, workingHours: WorkingHours = settings.workingHours) {
    return {
      window: { start: new Date(start).toISOString(), end: new Date(end).toISOString() },
      busy,
      timeZone,
      workingHours,
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
    const around = personEvents(connection.user.id, settings, module, recordId, signal);
    // The org's business hours are the default working hours; the user's own ('custom') win. The
    // org's holidays are busy whole days in the user's zone either way.
    const fromZoho = settings.workingHoursSource === 'zoho';
    const [events, outOfOffice, contact, org, queued] = await Promise.all([
      around.then(({ busy }) => busy),
      unavailability(connection, start, end, { signal }),
      contactZone(module, recordId, { signal }),
      orgCalendar.read(connection, yearsOfWindow(start, end, timeZone), fromZoho, signal),
      queuedEvents(db, ownerOf(connection)),
    ]);
    const holidays = holidaysInWindow(org.holidays, start, end, timeZone);
    const workingHours = (fromZoho && org.businessHours) || settings.workingHours;
    // Meetings still on their way to Zoho are busy time too: their slot is never offered twice.
    const busy = [...events, ...queued, ...outOfOffice.away, ...holidayIntervals(holidays, timeZone)];
    const slots = findFreeSlots(slotInput(settings, timeZone, busy, start, end, workingHours));
    return {
      timeZone,
      contact,
      slots,
      outOfOfficeUnread: outOfOffice.unread,
      windowStart: new Date(start).toISOString(),
      windowEnd: new Date(end).toISOString(),
      calendar: { hours: fromZoho && org.businessHours ? 'zoho' : 'settings', holidays, unavailable: org.unavailable },
      settings: { slotMinutes: settings.slotMinutes, meetingTitleTemplate: settings.meetingTitleTemplate, features: settings.features },
    };
  }

  /** Zoho's current view of [start, end) (buffers included) has no event but `except`, nor has this browser's outbox. */
  async function assertStillFree(settings: Settings, connection: ConnectionRow, slot: Interval, except?: string) {
    const buffer = Math.max(settings.bufferBeforeMinutes, settings.bufferAfterMinutes) * 60_000;
    const start = Date.parse(slot.start);
    const end = Date.parse(slot.end);
    if (!(end > start)) throw new StagecoachError('bad_message', { reason: 'meeting_ends_before_start' });
    const padded = { start: new Date(start - buffer).toISOString(), end: new Date(end + buffer).toISOString() };
    const queued = (await queuedEvents(db, ownerOf(connection))).filter((event) => !(except && event.eventId === except) && overlapping(event, padded));
    if (queued.length > 0) throw new StagecoachError('slot_taken');
    const clashes = (await busyEvents(connection.user.id, start - buffer, end + buffer)).filter((event) => event.id !== except);
    if (clashes.length > 0) throw new StagecoachError('slot_taken');
  }

  async function book(input: Input<'bookMeeting'>): Promise<OutboxItem> {
    const { settings, connection } = await requestContext(deps);
    requireFeature(settings, 'booking');
    await assertStillFree(settings, connection, input);
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
    const item = await deps.outbox.submit(
      { op: 'create', module: 'Events', data: eventPayload({ ...input, ownerId: connection.user.id, person }), summary: `Meeting with ${name}: ${input.title}` },
      ...(note ? [{ op: 'create' as const, module: 'Notes' as const, data: note, summary: `Note on ${name}` }] : []),
      ...(followUp ? [{ op: 'create' as const, module: 'Tasks' as const, data: followUp, summary: `Task: ${input.followUp!.subject}` }] : []),
    );
    return answerOrRefuse(item);
  }

  /**
   * A write Zoho refused while the rep is still in its dialog is answered as a refusal, so the
   * dialog stays open with Zoho's words and the field it named, and nothing is left in the outbox
   * (what went with it waited for it and was never sent): the rep fixes it and tries again.
   */
  async function answerOrRefuse(item: OutboxItem): Promise<OutboxItem> {
    if (item.status !== 'failed') return item;
    await deps.outbox.discard(item.key);
    const refused = StagecoachError.from(item.lastError ?? new StagecoachError('internal'));
    // The same write would be refused again: no "try again" (a lack of permission still says whom to ask).
    throw new StagecoachError(refused.code, {
      action: refused.code === 'zoho_error' ? 'none' : refused.action,
      ...(refused.reason ? { reason: refused.reason } : {}),
      ...(refused.params ? { params: refused.params } : {}),
      ...(refused.zoho ? { zoho: refused.zoho } : {}),
      ...(refused.detail ? { detail: refused.detail } : {}),
      ...(refused.issues ? { issues: refused.issues } : {}),
    });
  }

  /**
   * The view's one Events query (free times and the meetings with the person): from the start of
   * the current minute, so the free times and the meetings sections, asked together, send the same
   * query and the client reads it once.
   */
  function personEvents(userId: string, settings: Settings, module: RecordModule, recordId: string, signal?: AbortSignal) {
    const from = Math.floor(deps.now() / 60_000) * 60_000;
    const end = from + settings.daysAhead * 24 * 60 * 60_000;
    const person: PersonLink | undefined = module === 'Contacts' || module === 'Leads' ? { field: module === 'Contacts' ? 'Who_Id' : 'What_Id', id: recordId, from } : undefined;
    return eventsAround(userId, from, end, { signal, ...(person ? { person } : {}) });
  }

  /**
   * The meetings with the person from now on: Zoho's, and this browser's still on their way
   * (`pending`: a booking kept in the outbox shows where it will land; a move shows its new time).
   */
  async function upcoming({ module, recordId }: Input<'upcomingMeetings'>, { signal }: Signal = {}): Promise<Meeting[]> {
    if (module !== 'Contacts' && module !== 'Leads') return [];
    const { settings, connection } = await requestContext(deps);
    const now = deps.now();
    const [{ withPerson }, queued] = await Promise.all([personEvents(connection.user.id, settings, module, recordId, signal), queuedEvents(db, ownerOf(connection))]);
    return mergeQueued(
      withPerson.map((row) => ({ id: row.id, title: row.Event_Title ?? '', start: row.Start_DateTime, end: row.End_DateTime, venue: row.Venue ?? null, pending: false })),
      queued,
      recordId,
    )
      .filter((meeting) => Date.parse(meeting.end) > now)
      .slice(0, UPCOMING_MAX);
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
    return answerOrRefuse(
      await deps.outbox.submit(
        { op: 'delete', module: 'Events', recordId: input.eventId, summary: `Cancel: ${input.title} (${name})` },
        ...(note ? [{ op: 'create' as const, module: 'Notes' as const, data: note, summary: `Note on ${name}` }] : []),
      ),
    );
  }

  async function reschedule(input: Input<'rescheduleMeeting'>): Promise<OutboxItem> {
    const { settings, connection } = await requestContext(deps);
    requireFeature(settings, 'booking');
    await assertMeetingWith(input.eventId, input.recordId);
    await assertStillFree(settings, connection, input, input.eventId);
    const name = await recordName(db, input.module, input.recordId);
    return answerOrRefuse(
      await deps.outbox.submit({
        op: 'update',
        module: 'Events',
        recordId: input.eventId,
        data: { Start_DateTime: input.start, End_DateTime: input.end },
        summary: `Move: ${input.title} (${name})`,
      }),
    );
  }

  async function setContactZone({ module, recordId, timeZone }: Input<'setContactZone'>) {
    if (timeZone !== null && !isTimeZone(timeZone)) throw new StagecoachError('bad_message', { reason: 'unknown_time_zone', params: [timeZone] });
    // The rep's choice for the account signed in when it was made, kept only while it still is.
    const owner = ownerOf(await db.connection.get('current'));
    const saved = await whileSignedIn(db, owner, [db.contactZones], () =>
      timeZone === null ? db.contactZones.delete([module, recordId]) : db.contactZones.put({ module, id: recordId, timeZone, ...owner! }),
    );
    if (!saved) throw new StagecoachError('not_connected');
    return { saved: true as const };
  }

  /**
   * The person behind a typed email or phone: Contacts first, then Leads. Zoho's search `equals`
   * matches loosely (like "contains"), so every hit is confirmed here before it counts.
   * Costs per module: an email found by search 1 call; not found, or refused, 2 (search + COQL); a
   * phone 1 (search only).
   */
  async function findPerson({ email, phone }: { email?: string | undefined; phone?: string | undefined }, { signal }: Signal = {}): Promise<PersonMatch | null> {
    for (const module of ['Contacts', 'Leads'] as const) {
      if (email) {
        const found = await personByEmail(module, email, { signal });
        if (found) return found;
      }
      if (phone && phoneDigits(phone).length >= 7) {
        // Stored numbers are formatted any which way: search by the national digits (UNCONFIRMED
        // how Zoho's phone search treats formatting), then compare digits here. Digits only, so
        // nothing in the value needs escaping; a refusal still only means "not found by phone".
        const hits = await searchRefusable(module, { phone: phoneDigits(phone).slice(-10) }, { signal });
        const match = hits?.find((row) => samePhone(row.Phone, phone) || samePhone(row.Mobile, phone));
        if (match) return toPerson(module, match);
      }
    }
    return null;
  }

  /**
   * Search first (every email field, case-insensitive); then COQL's exact `Email =`, which reads the
   * records themselves: Zoho's search refuses some characters with INVALID_DATA (a `+`, a quote…)
   * and does not find a record created moments ago until its index catches up (UNCONFIRMED: how
   * long), and a miss here would let createPerson make a second Lead.
   */
  async function personByEmail(module: 'Contacts' | 'Leads', email: string, { signal }: Signal): Promise<PersonMatch | null> {
    const hits = await searchRefusable(module, { email }, { signal });
    const hit = hits?.find((row) => sameEmail(row.Email, email) || sameEmail(row.Secondary_Email, email));
    if (hit) return toPerson(module, hit);
    const rows = await client.request('/coql', personHits, {
      method: 'POST',
      body: { select_query: personByEmailQuery(module, email) },
      idempotent: true,
      signal,
    });
    const row = rows?.data.find((candidate) => sameEmail(candidate.Email, email) || sameEmail(candidate.Secondary_Email, email));
    return row ? toPerson(module, row) : null;
  }

  /** `/{module}/search` rows; null when none, or when Zoho refused the value (answered with COQL or not at all). */
  async function searchRefusable(module: 'Contacts' | 'Leads', query: Record<string, string>, { signal }: Signal): Promise<PersonHit[] | null> {
    try {
      // The client URL-encodes the value (`+` → %2B, `@` → %40), as Zoho's search docs ask.
      return (await client.request(`/${module}/search`, personHits, { query, signal }))?.data ?? null;
    } catch (error) {
      // INVALID_DATA / INVALID_QUERY (400) for the value, or search not allowed to this connection.
      if (error instanceof StagecoachError && (error.code === 'zoho_error' || error.code === 'no_permission') && !signal?.aborted) return null;
      throw error;
    }
  }

  /**
   * Creates the Lead (or Contact, per settings) for someone not in Zoho yet, so a meeting can be
   * booked with them. Never twice for one person: a create of the same email still waiting in the
   * outbox is answered instead of a new one, and one already sent is found in Zoho (findPerson's
   * COQL, or — with the look-up switched off — a GET by the id it got; neither has search's lag).
   */
  async function createPerson(input: Input<'createPerson'>): Promise<OutboxItem & { module: 'Leads' | 'Contacts' }> {
    const settings = await deps.settings();
    requireFeature(settings, 'booking');
    const ours = await outboxCreates(input.email);
    const waiting = ours.find((row) => row.status === 'pending' || row.status === 'sending');
    if (waiting) return { ...toOutboxItem(waiting), module: waiting.module as 'Leads' | 'Contacts' };
    const existing = settings.features.lookupBeforeBooking
      ? await findPerson({ email: input.email, phone: input.phone })
      : await createdHere(ours.filter((row) => row.status === 'done'));
    if (existing) throw new StagecoachError('already_exists', { reason: 'person_exists', params: [existing.name, existing.email ?? input.email] });
    const module = settings.createMissingAs;
    const item = await deps.outbox.submit({ op: 'create', module, data: personPayload(module, input), summary: `New ${module === 'Leads' ? 'lead' : 'contact'}: ${input.email}` });
    return { ...item, module };
  }

  /**
   * This browser's creates of a Lead or Contact with this email, newest first (done ones are kept a
   * day). A refused (failed) create does not count: sending another is the rep's way to try again.
   */
  async function outboxCreates(email: string) {
    const rows = await db.outbox
      .filter((row) => row.op === 'create' && (row.module === 'Leads' || row.module === 'Contacts') && row.status !== 'failed' && sameEmail(row.data?.Email as string | undefined, email))
      .toArray();
    return rows.sort((a, b) => b.createdAt - a.createdAt);
  }

  /** The first of these sent creates whose record is still in Zoho (one GET by id each). */
  async function createdHere(done: Awaited<ReturnType<typeof outboxCreates>>): Promise<PersonMatch | null> {
    for (const row of done) {
      if (!row.resultId) continue;
      const module = row.module as 'Leads' | 'Contacts';
      const answer = await client.request(`/${module}/${row.resultId}`, personHits).catch((error: unknown) => {
        // Deleted since (Zoho answers 204 or a refusal for an unknown id): not there any more.
        if (error instanceof StagecoachError && (error.code === 'not_found' || error.code === 'zoho_error')) return null;
        throw error;
      });
      const record = answer?.data.find((candidate) => candidate.id === row.resultId);
      if (record) return toPerson(module, record);
    }
    return null;
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

/**
 * Zoho's meetings with the person and this browser's queued ones: a queued create with the person
 * that Zoho does not list yet is added (its id the outbox key until Zoho gives one), a queued move
 * of a listed meeting shows its new time; both marked `pending`. In start order.
 */
export function mergeQueued(meetings: Meeting[], queued: QueuedEvent[], personId: string): Meeting[] {
  const merged = meetings.map((meeting) => {
    const moves = queued.filter((event) => event.op === 'update' && event.eventId === meeting.id);
    const last = moves[moves.length - 1];
    return last ? { ...meeting, start: last.start, end: last.end, pending: true } : meeting;
  });
  for (const event of queued) {
    if (event.op !== 'create' || !event.people.includes(personId)) continue;
    if (event.eventId && merged.some((meeting) => meeting.id === event.eventId)) continue;
    merged.push({ id: event.eventId ?? event.key, title: event.title, start: event.start, end: event.end, venue: event.venue, pending: true });
  }
  return merged.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
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

/**
 * COQL for a person by email: exact, on the records (no search index). A quote in the value is
 * doubled, COQL's escape (Zoho's "Kaizen #171: FAQs on COQL API"); COQL's limits are far off (two
 * criteria in one bracket level, LIMIT ≤ 2000). UNCONFIRMED: whether COQL's `=` on an email field
 * ignores case; the address is asked as typed and lower-cased, and hits are compared ignoring case.
 */
export function personByEmailQuery(module: 'Contacts' | 'Leads', email: string): string {
  const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;
  const variants = [...new Set([email.trim(), email.trim().toLowerCase()])].map(quote).join(', ');
  return `select id, First_Name, Last_Name, Email, Secondary_Email from ${module} where (Email in (${variants}) or Secondary_Email in (${variants})) limit 10`;
}

export const phoneDigits = (value: string) => value.replace(/\D/g, '');

/** Same number when the digits agree, allowing a country code on one side only (last 10 digits). */
export function samePhone(a: string | null | undefined, b: string): boolean {
  if (!a) return false;
  const x = phoneDigits(a);
  const y = phoneDigits(b);
  if (x.length < 7 || y.length < 7) return false;
  return x === y || x.slice(-10) === y.slice(-10);
}
