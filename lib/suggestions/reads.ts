// What the rules look at, read from Zoho: a deal with its notes, meetings (invitees' answers for
// the latest past ones), tasks and stage history, and the deal's pipeline (cached per org and
// connection for an hour).
import { z } from 'zod';
import { StagecoachError } from '../errors';
import type { ConnectionRow } from '../storage/db';
import type { ZohoClient } from '../zoho/client';
import { DEAL_FIELDS, NOTE_FIELDS, dealFacts, eventFacts, noteFacts, pipelineFromZoho, stageHistoryFacts, taskFacts } from './facts';
import type { DealEvidenceInput, Pipeline } from './types';

export const anyRows = z.object({ data: z.array(z.record(z.string(), z.unknown())) }).passthrough();
const layoutsAnswer = z.object({ layouts: z.array(z.object({ id: z.string(), name: z.string().nullish(), status: z.string().nullish() }).passthrough()) }).passthrough();
const fieldsAnswer = z.object({ fields: z.array(z.object({ api_name: z.string() }).passthrough()) }).passthrough();

/** Pipeline metadata changes rarely: read once an hour. */
const PIPELINE_FRESH_MS = 60 * 60_000;
/** Past meetings whose invitees' answers are read (one GET each) to tell held from no-show. */
const MEETINGS_CHECKED = 5;

export interface Gathered {
  input: DealEvidenceInput;
  pipelineName: string | null;
}

export function createDealReader(deps: { client: ZohoClient; now(): number }) {
  const { client } = deps;
  /** Per org and pipeline name; a new connection (another org, another user) starts afresh. */
  const pipelineCache = new Map<string, { at: number; value: Pipeline }>();

  async function coqlRows(query: string, signal?: AbortSignal) {
    const answer = await client.request('/coql', anyRows, { method: 'POST', body: { select_query: query }, idempotent: true, signal });
    return answer?.data ?? [];
  }

  /** The deal pipeline's stages in order; the Stage field's pick list when the org has no pipeline API. */
  async function pipeline(dealPipeline: string | null, connection: ConnectionRow, signal?: AbortSignal): Promise<Pipeline> {
    // A deal's `Pipeline` reads "Standard (Standard)": the pipeline's name, then its layout's.
    const name = dealPipeline?.replace(/\s*\([^()]*\)\s*$/, '').trim() || null;
    const cacheKey = `${connection.org.id}/${connection.connectedAt}/${name ?? ''}`;
    const cached = pipelineCache.get(cacheKey);
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
    const value = pipelineFromZoho(pipelines, stageField, name);
    if (value.stages.length === 0) throw new StagecoachError('bad_response', 'Zoho gave no deal stages.');
    pipelineCache.set(cacheKey, { at: deps.now(), value });
    return value;
  }

  /** Everything the rules look at for one deal, read fresh from Zoho. */
  async function gather(dealId: string, timeZone: string, signal?: AbortSignal): Promise<Gathered> {
    const now = deps.now();
    const [dealAnswer, notesAnswer, eventRows, taskRows, history] = await Promise.all([
      client.request(`/Deals/${dealId}`, anyRows, { query: { fields: DEAL_FIELDS }, signal }),
      client.request(`/Deals/${dealId}/Notes`, anyRows, { query: { fields: NOTE_FIELDS, per_page: '200', sort_by: 'Created_Time', sort_order: 'desc' }, signal }),
      coqlRows(`select id, Event_Title, Start_DateTime, End_DateTime from Events where What_Id = '${dealId}' order by Start_DateTime desc limit 200`, signal),
      coqlRows(`select id, Subject, Due_Date, Status, Closed_Time from Tasks where What_Id = '${dealId}' order by Due_Date desc limit 200`, signal),
      client
        .request(`/Deals/${dealId}/Stage_History`, anyRows, { query: { fields: 'Stage,Modified_Time,Duration_Days', per_page: '200' }, signal })
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
        notes: (notesAnswer?.data ?? []).map(noteFacts),
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
