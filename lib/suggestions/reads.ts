// What the rules look at, read from Zoho: a deal with its notes, meetings (invitees' answers for
// the latest past ones), tasks and stage history, and the deal's pipeline (the org's pipeline
// metadata kept a day per connection: lib/connection/meta.ts).
//
// Calls (issue 12): a deal's five reads are independent and each within Zoho's composite cap
// (COQL `limit 25`, `per_page=25`), so the client sends them as one composite call; only a deal
// with more than 25 notes, meetings, tasks or stage changes costs a follow-up read for the rest.
// The latest past meetings' invitees come in one `GET /Events?ids=` (not one GET each), and not
// at all when the same meetings, unmodified since, were read before. The dry run reads its deals
// in bulk (gatherMany): one COQL for the deals, one per 100 deals for their meetings and tasks,
// and the notes and stage histories five deals a composite call.
import { z } from 'zod';
import { createMetaCache, type MetaCache } from '../connection/meta';
import { StagecoachError } from '../errors';
import type { ConnectionRow, StagecoachDb } from '../storage/db';
import type { ZohoClient } from '../zoho/client';
import { COMPOSITE_RECORDS } from '../zoho/composite';
import { recordReadQuery } from '../zoho/recordReads';
import { NOTE_FIELDS, dealFacts, eventFacts, noteFacts, pipelineFromZoho, stageHistoryFacts, taskFacts } from './facts';
import { pendingRequest } from './approvalTasks';
import type { DealEvidenceInput, NoteFacts, Pipeline } from './types';
import type { ApprovalRequestView } from './views';

export const anyRows = z.object({ data: z.array(z.record(z.string(), z.unknown())) }).passthrough();
const pagedRows = anyRows.extend({ info: z.object({ more_records: z.boolean().nullish() }).passthrough().nullish() });
const layoutsAnswer = z.object({ layouts: z.array(z.object({ id: z.string(), name: z.string().nullish(), status: z.string().nullish() }).passthrough()) }).passthrough();
const fieldsAnswer = z.object({ fields: z.array(z.object({ api_name: z.string() }).passthrough()) }).passthrough();

/** Zoho's largest page. */
const PER_PAGE = 200;
/** Pages of a deal's notes read: 1,000 notes, newest kept whatever order Zoho lists them in. */
const NOTE_PAGES = 5;
/** Past meetings whose invitees' answers are read to tell held from no-show. */
const MEETINGS_CHECKED = 5;
/** A deal's meetings and tasks read (newest first). */
const ACTIVITIES = 200;
/** COQL `in (…)` takes 100 values at most; Get Records' `ids` 100 (UNCONFIRMED for v8). */
const IN_VALUES = 100;
const EVENT_COLUMNS = 'id, Event_Title, Start_DateTime, End_DateTime, Modified_Time';
const TASK_COLUMNS = 'id, Subject, Due_Date, Status, Closed_Time';
/**
 * A deal's own tasks read with what an approval request shows (who asked, when, for whom): the
 * pending requests come from the same read, no call of their own (approvalTasks.ts).
 */
const DEAL_TASK_COLUMNS = `${TASK_COLUMNS}, Created_Time, Created_By, Owner, Description`;
/** What a full meeting adds to its COQL row (Participants are only read this way). */
const FULL_EVENT_FIELDS = 'Event_Title,Start_DateTime,End_DateTime,Description,Participants,Created_Time,Modified_Time';
/** Full meetings kept by id and Modified_Time (invitees' answers do not change what else is read). */
const FULL_EVENTS_KEPT = 500;

export interface Gathered {
  input: DealEvidenceInput;
  pipelineName: string | null;
  /** Open approval requests on the deal (read for one deal's card only, not in bulk). */
  approvalRequests?: ApprovalRequestView[];
}

type Row = Record<string, unknown>;
type GatherOptions = { signal?: AbortSignal | undefined; onProgress?: ((read: number, total: number) => void) | undefined };
/** The deal an activity row belongs to (COQL gives lookups as `{ id }`). */
const whatId = (row: Row) => String((row.What_Id as { id?: unknown } | null | undefined)?.id ?? row.What_Id ?? '');

export function createDealReader(deps: { client: ZohoClient; now(): number; db?: StagecoachDb; meta?: MetaCache }) {
  const { client } = deps;
  const meta = deps.meta ?? (deps.db ? createMetaCache({ db: deps.db, now: deps.now }) : null);
  /** Full meetings read before, by id, with the Modified_Time they had: read again only once modified. */
  const fullEvents = new Map<string, { modified: unknown; row: Row }>();

  async function coqlRows(query: string, signal?: AbortSignal) {
    const answer = await client.request('/coql', anyRows, { method: 'POST', body: { select_query: query }, idempotent: true, signal });
    return answer?.data ?? [];
  }

  /**
   * A COQL query's rows up to `max`: the first 25 in a read Zoho lets a composite call carry, the
   * rest (only when there are more) in pages of 200. `base` is the query without `limit`.
   */
  async function coqlUpTo(base: string, max: number, signal?: AbortSignal): Promise<Row[]> {
    const first = await client.request('/coql', pagedRows, { method: 'POST', body: { select_query: `${base} limit ${COMPOSITE_RECORDS}` }, idempotent: true, signal });
    const rows: Row[] = [...(first?.data ?? [])];
    let more = first?.info?.more_records === true && rows.length === COMPOSITE_RECORDS;
    while (more && rows.length < max) {
      const page = await client.request('/coql', pagedRows, {
        method: 'POST',
        body: { select_query: `${base} limit ${rows.length}, ${Math.min(PER_PAGE, max - rows.length)}` },
        idempotent: true,
        signal,
      });
      rows.push(...(page?.data ?? []));
      more = page?.info?.more_records === true && (page?.data.length ?? 0) > 0;
    }
    return rows.slice(0, max);
  }

  /**
   * A related list's rows, up to `pages` pages of 200: page one of 25 first (a read Zoho lets a
   * composite call carry), and only when there are more, the list again in pages of 200.
   */
  async function relatedUpTo(path: string, query: Record<string, string>, pages: number, signal?: AbortSignal): Promise<Row[] | null> {
    const first = await client.request(path, pagedRows, { query: { ...query, per_page: String(COMPOSITE_RECORDS), page: '1' }, signal });
    if (!first) return null;
    if (first.info?.more_records !== true) return first.data;
    const rows: Row[] = [];
    for (let page = 1; page <= pages; page++) {
      const answer = await client.request(path, pagedRows, { query: { ...query, per_page: String(PER_PAGE), page: String(page) }, signal });
      rows.push(...(answer?.data ?? []));
      if (!answer || answer.info?.more_records !== true) break;
    }
    return rows;
  }

  /**
   * The org's pipeline metadata (the Stage field, the Deals layout's pipelines), read once a day
   * per connection (fields and layouts in one round trip, then the active layout's pipeline). Each
   * deal's pipeline is matched in it on every call, so the cache can never hand one pipeline's
   * stages to a deal of another.
   */
  async function pipelineMeta(connection: ConnectionRow, signal?: AbortSignal): Promise<{ stageField: unknown; pipelines: unknown }> {
    let complete = true;
    const load = async () => {
      const [fields, layoutsRead] = await Promise.allSettled([
        client.request('/settings/fields', fieldsAnswer, { query: { module: 'Deals' }, signal }),
        client.request('/settings/layouts', layoutsAnswer, { query: { module: 'Deals' }, signal }),
      ]);
      if (fields.status === 'rejected') throw fields.reason;
      const stageField = fields.value?.fields.find((field) => field.api_name === 'Stage');
      let pipelines: unknown = null;
      try {
        if (layoutsRead.status === 'rejected') throw layoutsRead.reason;
        const layouts = layoutsRead.value;
        const layout = layouts?.layouts.find((l) => l.status !== 'inactive') ?? layouts?.layouts[0];
        if (layout) pipelines = await client.request('/settings/pipeline', z.unknown(), { query: { layout_id: layout.id }, signal });
      } catch (error) {
        // Orgs without pipelines (and connections without the pipeline scope) still have the pick list.
        if (signal?.aborted) throw error;
        const failure = StagecoachError.from(error);
        if (failure.transient) throw failure;
        complete = failure.code === 'no_permission' || failure.code === 'not_found' || failure.code === 'zoho_error';
      }
      return { stageField, pipelines };
    };
    if (!meta) return load();
    return meta.read(connection, 'Deals/pipeline', load, { keep: () => complete });
  }

  /**
   * The stages of the deal's pipeline (`dealPipeline`: the deal's `Pipeline` value, e.g.
   * "Standard (Standard)"), in order; the Stage field's pick list when the org has no pipeline
   * API, or when no pipeline matches (then `unmatched` says so; pipelineFromZoho).
   */
  async function pipeline(dealPipeline: string | null, connection: ConnectionRow, signal?: AbortSignal): Promise<Pipeline> {
    const meta = await pipelineMeta(connection, signal);
    const value = pipelineFromZoho(meta.pipelines, meta.stageField, dealPipeline);
    if (value.stages.length === 0) throw new StagecoachError('bad_response', 'Zoho gave no deal stages.');
    return value;
  }

  /**
   * A deal's notes, newest first. Zoho's related-list read takes page, per_page, fields and ids
   * only (SDK GetRelatedRecordsParam; related_records.json), no sort: its order is Zoho's own, so
   * pages are read until none are left (at most NOTE_PAGES) and sorted here.
   */
  async function dealNotes(dealId: string, signal?: AbortSignal): Promise<NoteFacts[]> {
    const rows = (await relatedUpTo(`/Deals/${dealId}/Notes`, { fields: NOTE_FIELDS }, NOTE_PAGES, signal)) ?? [];
    return rows
      .map(noteFacts)
      .map((note, index) => ({ note, index, ms: Date.parse(note.createdTime) }))
      .sort((a, b) => b.ms - a.ms || a.index - b.index)
      .map(({ note }) => note);
  }

  /** A deal's stage history, or null when Zoho does not serve it to this user or edition. */
  async function stageHistory(dealId: string, signal?: AbortSignal) {
    // No `fields=`: it is optional for related lists (related_records.json) and the time's name
    // is not confirmed (stageHistoryFacts), so Zoho's own columns come back and are read leniently.
    return relatedUpTo(`/Deals/${dealId}/Stage_History`, {}, 1, signal)
      .then((rows) => (rows ? stageHistoryFacts(rows) : null))
      .catch((error: unknown) => {
        if (signal?.aborted || StagecoachError.from(error).transient) throw error;
        return null;
      });
  }

  /**
   * The latest past meetings of these COQL rows read in full (invitees' answers are only in the
   * full record): one `GET /Events?ids=` for those not read before or modified since.
   */
  async function withInvitees(eventRows: Row[], now: number, signal?: AbortSignal): Promise<Map<string, Row>> {
    const past = eventRows.filter((row) => typeof row.End_DateTime === 'string' && Date.parse(row.End_DateTime) < now);
    const byDeal = new Map<string, Row[]>();
    for (const row of past) byDeal.set(whatId(row), [...(byDeal.get(whatId(row)) ?? []), row]);
    const latest = [...byDeal.values()].flatMap((rows) => rows.sort((a, b) => Date.parse(String(b.End_DateTime)) - Date.parse(String(a.End_DateTime))).slice(0, MEETINGS_CHECKED));
    const known = new Map<string, Row>();
    const wanted: string[] = [];
    for (const row of latest) {
      const kept = fullEvents.get(String(row.id));
      if (kept && row.Modified_Time !== undefined && kept.modified === row.Modified_Time) known.set(String(row.id), kept.row);
      else wanted.push(String(row.id));
    }
    for (let i = 0; i < wanted.length; i += IN_VALUES) {
      const ids = wanted.slice(i, i + IN_VALUES);
      const answer = await client.request('/Events', anyRows, { query: { ids: ids.join(','), fields: FULL_EVENT_FIELDS }, signal }).catch((error: unknown) => {
        // Without invitees' answers a meeting still counts by its times.
        if (signal?.aborted) throw error;
        return null;
      });
      for (const full of answer?.data ?? []) {
        const id = String(full.id);
        known.set(id, full);
        fullEvents.delete(id);
        fullEvents.set(id, { modified: full.Modified_Time, row: full });
        if (fullEvents.size > FULL_EVENTS_KEPT) fullEvents.delete(fullEvents.keys().next().value!);
      }
    }
    signal?.throwIfAborted();
    return known;
  }

  /** The last gathering per deal, for a decision on the card just shown (`maxAgeMs`). */
  const recent = new Map<string, { at: number; gathered: Gathered }>();

  /**
   * Everything the rules look at for one deal, read fresh from Zoho (one composite call,
   * normally) — or, with `maxAgeMs`, what was read for the card shown within that time: an approval
   * decides on what the approver saw, and costs only its writes.
   */
  async function gather(dealId: string, timeZone: string, signal?: AbortSignal, { maxAgeMs }: { maxAgeMs?: number } = {}): Promise<Gathered> {
    const kept = recent.get(dealId);
    if (maxAgeMs !== undefined && kept && deps.now() - kept.at <= maxAgeMs && kept.gathered.input.timeZone === timeZone) return kept.gathered;
    const gathered = await gatherFresh(dealId, timeZone, signal);
    recent.delete(dealId);
    recent.set(dealId, { at: deps.now(), gathered });
    if (recent.size > 50) recent.delete(recent.keys().next().value!);
    return gathered;
  }

  /** Forgets what was read for a deal (after a write to it). */
  const forget = (dealId: string) => void recent.delete(dealId);

  async function gatherFresh(dealId: string, timeZone: string, signal?: AbortSignal): Promise<Gathered> {
    const now = deps.now();
    const [dealAnswer, notes, eventRows, taskRows, history] = await Promise.all([
      // The same read as the panel's record (lib/zoho/recordReads.ts): asked together, read once.
      client.request(`/Deals/${dealId}`, anyRows, { query: recordReadQuery('Deals'), signal }),
      dealNotes(dealId, signal),
      coqlUpTo(`select ${EVENT_COLUMNS}, What_Id from Events where What_Id = '${dealId}' order by Start_DateTime desc`, ACTIVITIES, signal),
      coqlUpTo(`select ${DEAL_TASK_COLUMNS} from Tasks where What_Id = '${dealId}' order by Due_Date desc`, ACTIVITIES, signal),
      stageHistory(dealId, signal),
    ]);
    const record = dealAnswer?.data[0];
    if (!record) throw new StagecoachError('not_found');
    const deal = dealFacts(record);
    const full = await withInvitees(eventRows, now, signal);
    return {
      input: { deal, notes, events: eventRows.map((row) => eventFacts(full.get(String(row.id)) ?? row)), tasks: taskRows.map(taskFacts), stageHistory: history, now, timeZone },
      pipelineName: deal.pipeline ?? null,
      approvalRequests: taskRows.map(pendingRequest).filter((request) => request !== null),
    };
  }

  /**
   * Many deals at once, for the dry run: their records from one COQL query (`select`, with the
   * deal's fields: DEAL_FIELDS), then gatherRows.
   */
  async function gatherMany(select: string, timeZone: string, options: GatherOptions = {}): Promise<{ gathered: Gathered[]; failed: number }> {
    return gatherRows(await coqlRows(select, options.signal), timeZone, options);
  }

  /**
   * Many deals from their rows (COQL rows with the deal's fields): their meetings and tasks from
   * one query per 100 deals, and — asked in the same moment, since none waits on another (issue
   * 12) — each deal's notes and stage history, five reads a composite call; then the latest past
   * meetings' invitees. `onProgress` hears how many deals are read so far. A deal whose notes
   * cannot be read is counted in `failed`, not fatal.
   */
  async function gatherRows(dealRows: Row[], timeZone: string, { signal, onProgress }: GatherOptions = {}): Promise<{ gathered: Gathered[]; failed: number }> {
    const now = deps.now();
    const ids = dealRows.map((row) => String(row.id));
    onProgress?.(0, ids.length);
    let read = 0;
    // Settled here: a failure of the activities' read must not leave these rejected and unheard.
    const perDealReads = dealRows.map((record) =>
      Promise.all([dealNotes(String(record.id), signal), stageHistory(String(record.id), signal)])
        .then(
          ([notes, history]) => ({ ok: true as const, notes, history }),
          (error: unknown) => ({ ok: false as const, error }),
        )
        .finally(() => onProgress?.(++read, ids.length)),
    );
    const activities = async (module: 'Events' | 'Tasks') => {
      const rows: Row[] = [];
      for (let i = 0; i < ids.length; i += IN_VALUES) {
        const list = ids.slice(i, i + IN_VALUES).map((id) => `'${id}'`).join(', ');
        const columns = module === 'Events' ? EVENT_COLUMNS : TASK_COLUMNS;
        const order = module === 'Events' ? 'Start_DateTime' : 'Due_Date';
        rows.push(...(await coqlUpTo(`select ${columns}, What_Id from ${module} where What_Id in (${list}) order by ${order} desc`, 2000, signal)));
      }
      const byDeal = new Map<string, Row[]>();
      for (const row of rows) byDeal.set(whatId(row), [...(byDeal.get(whatId(row)) ?? []), row]);
      return byDeal;
    };
    const [events, tasks] = ids.length > 0 ? await Promise.all([activities('Events'), activities('Tasks')]) : [new Map<string, Row[]>(), new Map<string, Row[]>()];
    const full = await withInvitees([...events.values()].flat(), now, signal);
    let failed = 0;
    const gathered: Gathered[] = [];
    for (const [index, record] of dealRows.entries()) {
      const id = String(record.id);
      const reads = await perDealReads[index]!;
      try {
        if (!reads.ok) throw reads.error;
        const deal = dealFacts(record);
        gathered.push({
          input: {
            deal,
            notes: reads.notes,
            events: (events.get(id) ?? []).map((row) => eventFacts(full.get(String(row.id)) ?? row)),
            tasks: (tasks.get(id) ?? []).map(taskFacts),
            stageHistory: reads.history,
            now,
            timeZone,
          },
          pipelineName: deal.pipeline ?? null,
        });
      } catch (error) {
        if (signal?.aborted) throw error;
        const failure = StagecoachError.from(error);
        if (['reconnect_needed', 'not_connected', 'rate_limited'].includes(failure.code)) throw failure;
        failed += 1;
      }
    }
    return { gathered, failed };
  }

  return { coqlRows, coqlUpTo, pipeline, gather, gatherMany, gatherRows, forget };
}
