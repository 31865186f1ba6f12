// What the rules look at, read from Zoho: a deal with its notes, meetings (invitees' answers for
// the latest past ones), tasks and stage history, and the deal's pipeline (the org's pipeline
// metadata cached per org and connection for an hour).
import { z } from 'zod';
import { StagecoachError } from '../errors';
import type { ConnectionRow } from '../storage/db';
import type { ZohoClient } from '../zoho/client';
import { DEAL_FIELDS, NOTE_FIELDS, dealFacts, eventFacts, noteFacts, pipelineFromZoho, stageHistoryFacts, taskFacts } from './facts';
import type { DealEvidenceInput, NoteFacts, Pipeline } from './types';

export const anyRows = z.object({ data: z.array(z.record(z.string(), z.unknown())) }).passthrough();
const pagedRows = anyRows.extend({ info: z.object({ more_records: z.boolean().nullish() }).passthrough().nullish() });
const layoutsAnswer = z.object({ layouts: z.array(z.object({ id: z.string(), name: z.string().nullish(), status: z.string().nullish() }).passthrough()) }).passthrough();
const fieldsAnswer = z.object({ fields: z.array(z.object({ api_name: z.string() }).passthrough()) }).passthrough();

/** Pipeline metadata changes rarely: read once an hour. */
const PIPELINE_FRESH_MS = 60 * 60_000;
/** Zoho's largest page. */
const PER_PAGE = 200;
/** Pages of a deal's notes read: 1,000 notes, newest kept whatever order Zoho lists them in. */
const NOTE_PAGES = 5;
/** Past meetings whose invitees' answers are read (one GET each) to tell held from no-show. */
const MEETINGS_CHECKED = 5;

export interface Gathered {
  input: DealEvidenceInput;
  pipelineName: string | null;
}

export function createDealReader(deps: { client: ZohoClient; now(): number }) {
  const { client } = deps;
  /** Per org and connection; a new connection (another org, another user) starts afresh. */
  const metaCache = new Map<string, { at: number; value: { stageField: unknown; pipelines: unknown } }>();

  async function coqlRows(query: string, signal?: AbortSignal) {
    const answer = await client.request('/coql', anyRows, { method: 'POST', body: { select_query: query }, idempotent: true, signal });
    return answer?.data ?? [];
  }

  /**
   * The org's pipeline metadata (the Stage field, the Deals layout's pipelines), read once an hour
   * per org and connection. Each deal's pipeline is matched in it on every call, so the cache can
   * never hand one pipeline's stages to a deal of another.
   */
  async function pipelineMeta(connection: ConnectionRow, signal?: AbortSignal): Promise<{ stageField: unknown; pipelines: unknown }> {
    const cacheKey = `${connection.org.id}/${connection.connectedAt}`;
    const cached = metaCache.get(cacheKey);
    if (cached && deps.now() - cached.at < PIPELINE_FRESH_MS) return cached.value;
    const fields = await client.request('/settings/fields', fieldsAnswer, { query: { module: 'Deals' }, signal });
    const stageField = fields?.fields.find((field) => field.api_name === 'Stage');
    let pipelines: unknown = null;
    try {
      const layouts = await client.request('/settings/layouts', layoutsAnswer, { query: { module: 'Deals' }, signal });
      const layout = layouts?.layouts.find((l) => l.status !== 'inactive') ?? layouts?.layouts[0];
      if (layout) pipelines = await client.request('/settings/pipeline', z.unknown(), { query: { layout_id: layout.id }, signal });
    } catch (error) {
      // Orgs without pipelines (and connections without the pipeline scope) still have the pick list.
      if (signal?.aborted) throw error;
      const failure = StagecoachError.from(error);
      if (failure.transient) throw failure;
    }
    const value = { stageField, pipelines };
    metaCache.set(cacheKey, { at: deps.now(), value });
    return value;
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
    const rows: unknown[] = [];
    for (let page = 1; page <= NOTE_PAGES; page++) {
      const answer = await client.request(`/Deals/${dealId}/Notes`, pagedRows, { query: { fields: NOTE_FIELDS, per_page: String(PER_PAGE), page: String(page) }, signal });
      rows.push(...(answer?.data ?? []));
      if (!answer || answer.info?.more_records !== true) break;
    }
    return rows
      .map(noteFacts)
      .map((note, index) => ({ note, index, ms: Date.parse(note.createdTime) }))
      .sort((a, b) => b.ms - a.ms || a.index - b.index)
      .map(({ note }) => note);
  }

  /** Everything the rules look at for one deal, read fresh from Zoho. */
  async function gather(dealId: string, timeZone: string, signal?: AbortSignal): Promise<Gathered> {
    const now = deps.now();
    const [dealAnswer, notes, eventRows, taskRows, history] = await Promise.all([
      client.request(`/Deals/${dealId}`, anyRows, { query: { fields: DEAL_FIELDS }, signal }),
      dealNotes(dealId, signal),
      coqlRows(`select id, Event_Title, Start_DateTime, End_DateTime from Events where What_Id = '${dealId}' order by Start_DateTime desc limit 200`, signal),
      coqlRows(`select id, Subject, Due_Date, Status, Closed_Time from Tasks where What_Id = '${dealId}' order by Due_Date desc limit 200`, signal),
      client
        // No `fields=`: it is optional for related lists (related_records.json) and the time's name
        // is not confirmed (stageHistoryFacts), so Zoho's own columns come back and are read leniently.
        .request(`/Deals/${dealId}/Stage_History`, anyRows, { query: { per_page: String(PER_PAGE) }, signal })
        .then((answer) => (answer ? stageHistoryFacts(answer.data) : null))
        // Zoho may not serve the stage history to this user or edition: suggestions go on without it.
        .catch((error: unknown) => {
          if (signal?.aborted || StagecoachError.from(error).transient) throw error;
          return null;
        }),
    ]);
    const record = dealAnswer?.data[0];
    if (!record) throw new StagecoachError('not_found');
    const deal = dealFacts(record);

    // Invitees' answers are only in the full event: read them for the latest past meetings.
    const past = eventRows.filter((row) => typeof row.End_DateTime === 'string' && Date.parse(row.End_DateTime) < now).slice(0, MEETINGS_CHECKED);
    const full = await Promise.all(
      past.map((row) => client.request(`/Events/${String(row.id)}`, anyRows, { signal }).then((answer) => answer?.data[0] ?? row).catch(() => row)),
    );
    signal?.throwIfAborted();
    const byId = new Map(full.map((row) => [String(row.id), row]));
    const events = eventRows.map((row) => eventFacts(byId.get(String(row.id)) ?? row));

    return {
      input: {
        deal,
        notes,
        events,
        tasks: taskRows.map(taskFacts),
        stageHistory: history,
        now,
        timeZone,
      },
      pipelineName: deal.pipeline ?? null,
    };
  }

  return { coqlRows, pipeline, gather };
}
