// Zoho API v8 JSON → the facts stage suggestions work on. Every reader is a zod schema that
// accepts what Zoho's OpenAPI description allows (nullish optional fields, extra fields passed
// over) and turns an unusable record into a StagecoachError('bad_response') naming the record and
// the field, never a crash later. The field lists below are what the background asks Zoho for, so
// what is requested and what is read cannot drift apart.
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { StagecoachError } from '../errors';
import type { DealFacts, EventFacts, NoteFacts, Pipeline, PipelineStage, StageChangeFacts, TaskFacts } from './types';

/** `GET /Deals/{id}?fields=` */
export const DEAL_FIELDS = ['Deal_Name', 'Stage', 'Pipeline', 'Amount', 'Closing_Date', 'Owner', 'Contact_Name', 'Next_Step', 'Created_Time', 'Modified_Time'].join(',');
/** `GET /Deals/{id}/Notes?fields=` */
export const NOTE_FIELDS = ['Note_Title', 'Note_Content', 'Parent_Id', 'Owner', 'Created_Time'].join(',');
/** Events of a deal (COQL columns or `fields=`); Participants only come with `GET /Events/{id}`. */
export const EVENT_FIELDS = ['Event_Title', 'Start_DateTime', 'End_DateTime', 'Description', 'Participants', 'Created_Time'].join(',');
/** Tasks of a deal (COQL columns or `fields=`). */
export const TASK_FIELDS = ['Subject', 'Due_Date', 'Status', 'Closed_Time', 'Created_Time'].join(',');
/** `GET /Deals/{id}/Stage_History?fields=` */
/** `GET /Deals/{id}/Stage_History?fields=`: both time names the evidence shows (see stageHistoryFacts). */
export const STAGE_HISTORY_FIELDS = ['Stage', 'Modified_Time', 'Last_Modified_Time'].join(',');

const isoDateTime = z.string().refine((value) => {
  try {
    Temporal.Instant.from(value);
    return true;
  } catch {
    return false;
  }
}, 'not an ISO 8601 date-time with an offset');
const isoDate = z.string().refine((value) => {
  try {
    return Temporal.PlainDate.from(value).toString() === value;
  } catch {
    return false;
  }
}, 'not a yyyy-MM-dd date');
/** Zoho sends "" as well as null for an empty text field. */
const text = z
  .string()
  .nullish()
  .transform((value) => (value && value.trim() ? value : null));
/** A lookup (`{id, name}`), or null. */
const lookup = z.object({ id: z.union([z.string(), z.number()]).transform(String), name: z.string().nullish() }).passthrough().nullish();
/** Zoho ids are digit strings; COQL rows sometimes carry them as numbers. */
const recordId = z.union([z.string().min(1), z.number()]).transform(String);
/** Currency fields are numbers; some integrations write them as numeric strings. */
const amount = z
  .union([z.number(), z.string().regex(/^-?\d+(?:\.\d+)?$/).transform(Number)])
  .nullish()
  .transform((value) => value ?? null);

function read<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length ? ` (${issue.path.join('.')}: ${issue.message})` : issue ? ` (${issue.message})` : '';
  const id = typeof value === 'object' && value !== null && 'id' in value ? ` ${String((value as { id: unknown }).id)}` : '';
  throw new StagecoachError('bad_response', `Zoho sent a ${what}${id} Stagecoach cannot read${where}.`);
}

const dealSchema = z
  .object({
    id: recordId,
    Deal_Name: text,
    Stage: z.string().min(1),
    Pipeline: z.union([z.string(), z.object({ name: z.string().nullish(), display_value: z.string().nullish() }).passthrough()]).nullish(),
    Amount: amount,
    Closing_Date: isoDate.nullish(),
    Owner: lookup,
    Contact_Name: lookup,
    Next_Step: text,
    Modified_Time: isoDateTime.nullish(),
    Created_Time: isoDateTime.nullish(),
  })
  .passthrough();

/** A Deals record (`GET /Deals/{id}` → `data[0]`). */
export function dealFacts(record: unknown): DealFacts {
  const deal = read(dealSchema, record, 'deal');
  const pipeline = typeof deal.Pipeline === 'string' ? deal.Pipeline : (deal.Pipeline?.display_value ?? deal.Pipeline?.name ?? null);
  return {
    id: deal.id,
    name: deal.Deal_Name ?? deal.id,
    stage: deal.Stage,
    amount: deal.Amount,
    closingDate: deal.Closing_Date ?? null,
    ownerId: deal.Owner?.id ?? null,
    ownerName: deal.Owner?.name ?? null,
    contactId: deal.Contact_Name?.id ?? null,
    modifiedTime: deal.Modified_Time ?? null,
    createdTime: deal.Created_Time ?? null,
    nextStep: deal.Next_Step,
    pipeline: pipeline || null,
  };
}

const noteSchema = z
  .object({
    id: recordId,
    Note_Title: text,
    Note_Content: z.string().nullish(),
    Created_Time: isoDateTime,
    Owner: lookup,
    Parent_Id: lookup,
  })
  .passthrough();

/** A Notes record (`GET /Deals/{id}/Notes` → `data[i]`). */
export function noteFacts(record: unknown): NoteFacts {
  const note = read(noteSchema, record, 'note');
  return {
    id: note.id,
    title: note.Note_Title,
    content: note.Note_Content ?? '',
    createdTime: note.Created_Time,
    ownerName: note.Owner?.name ?? null,
    parentId: note.Parent_Id?.id ?? null,
  };
}

const participantSchema = z
  .object({
    type: z.string().nullish(),
    status: z.string().nullish(),
  })
  .passthrough();

const eventSchema = z
  .object({
    id: recordId,
    Event_Title: text,
    Start_DateTime: isoDateTime,
    End_DateTime: isoDateTime,
    Description: text,
    Participants: z.array(participantSchema).nullish(),
    Created_Time: isoDateTime.nullish(),
  })
  .passthrough();

/**
 * An Events record. Participant statuses are kept for invitees who are not users of the org
 * (contacts, leads, plain email addresses): only their answers tell a meeting held from a no-show.
 */
export function eventFacts(record: unknown): EventFacts {
  const event = read(eventSchema, record, 'meeting');
  return {
    id: event.id,
    title: event.Event_Title ?? '(untitled meeting)',
    start: event.Start_DateTime,
    end: event.End_DateTime,
    participantStatuses: (event.Participants ?? []).filter((p) => p.type !== 'user').map((p) => (p.status ?? 'not_known').toLowerCase()),
    description: event.Description,
    createdTime: event.Created_Time ?? null,
  };
}

const taskSchema = z
  .object({
    id: recordId,
    Subject: text,
    Due_Date: isoDate.nullish(),
    Status: text,
    Closed_Time: isoDateTime.nullish(),
    Created_Time: isoDateTime.nullish(),
  })
  .passthrough();

/** A Tasks record. */
export function taskFacts(record: unknown): TaskFacts {
  const task = read(taskSchema, record, 'task');
  return {
    id: task.id,
    subject: task.Subject ?? '(no subject)',
    dueDate: task.Due_Date ?? null,
    status: task.Status ?? 'Not Started',
    closedTime: task.Closed_Time ?? null,
    createdTime: task.Created_Time ?? null,
  };
}

/**
 * One row of the Stage_History related list, read leniently: a row that cannot be placed (no
 * stage, no readable time) is left out rather than failing the whole history.
 *
 * Evidence for the shape (none of it from Zoho's SDK or OpenAPI files: json_details.json has no
 * Stage_History class, related_records.json describes related lists generically, and
 * `Field.Deals` has no history fields):
 * - Zoho's Stage History related list shows Stage, Amount, Probability, Expected Revenue,
 *   Closing Date, Modified Time and Modified By per change (the CRM UI; the sandbox follows it).
 * - A public integration on API v6 asks `GET /Deals/{id}/Stage_History?fields=Stage,Close_Date,Modified_Time,Modified_By`
 *   (search corpus "code": a C# Zoho client's GetSalesPersonNotesAsync).
 * - A public Deluge script on API v2 reads `data[0].Last_Modified_Time` as "the time stamp of when
 *   the Deal enters its current stage", the first row being the current stage
 *   (github.com/TheWorkflowAcademy/ZohoCRM-Current-Deal-Stage-Duration-Updater, README and script.dg).
 * So: a row means the deal ENTERED `Stage` at its time, newest first. The time is `Modified_Time`
 * (v6) or `Last_Modified_Time` (v2): both are accepted, the first that reads wins.
 * UNCONFIRMED against Zoho itself; enteredCurrentStage (signals.ts) only trusts a history whose
 * latest row is the deal's current stage, so rows meaning "left" would drop the signal rather than
 * shift "days in stage" by one stage.
 */
const STAGE_TIME_KEYS = ['Modified_Time', 'Last_Modified_Time'] as const;
const stageHistoryRow = z
  .object({
    Stage: z.union([z.string(), z.object({ name: z.string().nullish(), display_value: z.string().nullish(), actual_value: z.string().nullish() }).passthrough()]).nullish(),
  })
  .passthrough();

/** The stage a row names: Zoho's picklist value as a string, or (defensively) as an object. */
function rowStage(row: z.infer<typeof stageHistoryRow>): string | null {
  const stage = typeof row.Stage === 'string' ? row.Stage : (row.Stage?.actual_value ?? row.Stage?.display_value ?? row.Stage?.name ?? null);
  return stage && stage.trim() ? stage : null;
}

function rowTime(row: Record<string, unknown>): { at: string; ms: number } | null {
  for (const key of STAGE_TIME_KEYS) {
    const value = row[key];
    if (typeof value !== 'string') continue;
    try {
      return { at: value, ms: Temporal.Instant.from(value).epochMilliseconds };
    } catch {
      // Not an instant: try the next name.
    }
  }
  return null;
}

/**
 * Rows of the Stage_History related list (newest first, each the deal entering `Stage` at its time;
 * evidence above) → changes oldest first. Sorted by time rather than reversed, so a page in any
 * order gives the same answer. Rows it cannot place are skipped; null when rows came but none could
 * be placed (no history is better than a wrong one).
 */
export function stageHistoryFacts(rows: unknown[]): StageChangeFacts[] | null {
  if (!Array.isArray(rows)) throw new StagecoachError('bad_response', 'Zoho sent a stage history that is not a list.');
  const placed = rows.flatMap((value, index) => {
    const parsed = stageHistoryRow.safeParse(value);
    if (!parsed.success) return [];
    const stage = rowStage(parsed.data);
    const time = rowTime(parsed.data);
    return stage && time ? [{ stage, ...time, index }] : [];
  });
  if (rows.length > 0 && placed.length === 0) return null;
  return placed.sort((a, b) => a.ms - b.ms || b.index - a.index).map(({ stage, at }) => ({ stage, at }));
}

// ---- Pipeline ------------------------------------------------------------------------------------

const stageMap = z
  .object({
    display_value: z.string().nullish(),
    actual_value: z.string().min(1),
    sequence_number: z.number().nullish(),
    forecast_type: z.string().nullish(),
    _delete: z.boolean().nullish(),
  })
  .passthrough();
const pipelineSchema = z
  .object({
    display_value: z.string().nullish(),
    actual_value: z.string().nullish(),
    default: z.boolean().nullish(),
    maps: z.array(stageMap),
  })
  .passthrough();
const pipelinesAnswer = z.object({ pipeline: z.array(pipelineSchema) }).passthrough();
const pickListValue = z
  .object({
    actual_value: z.string(),
    display_value: z.string().nullish(),
    sequence_number: z.number().nullish(),
    probability: z.number().nullish(),
    forecast_type: z.string().nullish(),
    type: z.string().nullish(),
  })
  .passthrough();
const stageField = z.object({ api_name: z.string().nullish(), pick_list_values: z.array(pickListValue) }).passthrough();
const fieldsAnswer = z.object({ fields: z.array(z.object({ api_name: z.string() }).passthrough()) }).passthrough();

/** Zoho's forecast types: "Open", "Closed Won", "Closed Lost" (older orgs: "Won", "Lost"). */
function forecastType(value: string | null | undefined, stage: string): PipelineStage['forecastType'] {
  const lower = (value ?? '').trim().toLowerCase();
  if (lower === 'open' || lower === 'pipeline') return 'Open';
  if (lower === 'closed won' || lower === 'won' || lower === 'closed_won') return 'Closed Won';
  if (lower === 'closed lost' || lower === 'lost' || lower === 'closed_lost') return 'Closed Lost';
  // Not given (a bare pick list): the stage's own name is the only hint, as in Zoho's standard names.
  if (!lower) {
    const name = stage.toLowerCase();
    if (/\bclosed\b.*\bwon\b|^won$/.test(name)) return 'Closed Won';
    if (/\bclosed\b.*\blost\b|^lost$/.test(name)) return 'Closed Lost';
    return 'Open';
  }
  throw new StagecoachError('bad_response', `Zoho sent an unknown forecast type “${value}” for the stage “${stage}”.`);
}

/** The Stage field: given itself, or the whole `GET /settings/fields?module=Deals` answer. */
function readStageField(json: unknown): z.infer<typeof stageField> | null {
  if (json === undefined || json === null) return null;
  const all = fieldsAnswer.safeParse(json);
  const field = all.success ? all.data.fields.find((f) => f.api_name === 'Stage') : json;
  if (field === undefined) throw new StagecoachError('bad_response', 'Zoho’s Deals fields have no Stage field.');
  return read(stageField, field, 'Stage field');
}

/** "Standard (Standard)" → "standard": the pipeline's own name without its layout's, for the last match. */
const bareName = (name: string) => name.replace(/\s*\([^()]*\)\s*$/, '').trim().toLowerCase();

/**
 * The pipeline a deal's `Pipeline` value names. Zoho answers pipelines as
 * `display_value: "Standard (Standard)"` — the pipeline's name, then its layout's in brackets
 * (zoho.com/crm/developer/docs/api/v6/get-pipelines.html, sample response; the same in v3) — and
 * `actual_value` alike, and a Deals record's `Pipeline` picklist (SDK `Field.Deals.PIPELINE`,
 * `Choice<string>`) holds one of those values. Matched by the exact actual_value, then the exact
 * display_value, then either ignoring case and spaces, then the name without the layout suffix —
 * each step only when exactly one pipeline fits, so two layouts' "Standard" never get mixed up.
 */
export function matchPipeline<P extends { display_value?: string | null; actual_value?: string | null }>(pipelines: readonly P[], name: string): P | undefined {
  const steps: Array<(p: P) => boolean> = [
    (p) => p.actual_value === name,
    (p) => p.display_value === name,
    (p) => [p.actual_value, p.display_value].some((value) => value != null && stageKey(value) === stageKey(name)),
    (p) => [p.actual_value, p.display_value].some((value) => value != null && bareName(value) === bareName(name)),
  ];
  for (const step of steps) {
    const found = pipelines.filter(step);
    if (found.length === 1) return found[0];
    if (found.length > 1) return undefined;
  }
  return undefined;
}

/**
 * The deal's pipeline, in stage order: `GET /settings/pipeline?layout_id=` (`pipeline[].maps[]`),
 * with probabilities from the Stage field's pick list (`GET /settings/fields?module=Deals`, the
 * whole answer or the Stage field alone). `pipelineName` (the deal's `Pipeline` value) picks the
 * pipeline (matchPipeline); a deal without one gets the org's only pipeline. Never another
 * pipeline's stages: when the name matches none (or the deal names none in an org with several),
 * the stages are the Stage field's whole pick list and `unmatched` says so. Orgs without pipelines
 * (no pipeline answer, or an empty one) get their stages from the pick list alone.
 */
export function pipelineFromZoho(pipelineJson: unknown, stageFieldJson?: unknown, pipelineName?: string | null): Pipeline {
  const field = readStageField(stageFieldJson);
  const picks = new Map((field?.pick_list_values ?? []).map((value) => [value.actual_value, value]));
  const probability = (name: string) => picks.get(name)?.probability ?? null;
  const inOrder = <T extends { sequence_number?: number | null | undefined }>(items: T[]) =>
    items
      .map((item, index) => ({ item, index }))
      .sort((a, b) => (a.item.sequence_number ?? Infinity) - (b.item.sequence_number ?? Infinity) || a.index - b.index)
      .map(({ item }) => item);

  const pipelines = pipelineJson === undefined || pipelineJson === null ? [] : read(pipelinesAnswer, pipelineJson, 'pipeline list').pipeline;
  const wanted = pipelineName?.trim() || null;
  const chosen = pipelines.length === 0 ? undefined : wanted ? matchPipeline(pipelines, wanted) : pipelines.length === 1 ? pipelines[0] : undefined;
  if (chosen) {
    const stages = inOrder(chosen.maps.filter((map) => map._delete !== true)).map(
      (map): PipelineStage => ({
        name: map.actual_value,
        label: map.display_value || map.actual_value,
        probability: probability(map.actual_value),
        forecastType: forecastType(map.forecast_type ?? picks.get(map.actual_value)?.forecast_type, map.actual_value),
      }),
    );
    return { name: chosen.display_value ?? chosen.actual_value ?? null, stages };
  }
  if (!field) {
    if (pipelines.length > 0) throw new StagecoachError('bad_response', `Zoho has no pipeline “${wanted ?? ''}” and gave no Stage field’s values.`);
    throw new StagecoachError('bad_response', 'Zoho gave neither a pipeline nor the Stage field’s values.');
  }
  const stages = inOrder(field.pick_list_values.filter((value) => value.actual_value !== '-None-' && value.type !== 'unused')).map(
    (value): PipelineStage => ({
      name: value.actual_value,
      label: value.display_value || value.actual_value,
      probability: value.probability ?? null,
      forecastType: forecastType(value.forecast_type, value.actual_value),
    }),
  );
  return pipelines.length > 0 ? { name: null, stages, unmatched: { pipeline: wanted } } : { name: null, stages };
}

/** The stage of `pipeline` a name refers to: exact first, then ignoring case and extra spaces. */
export function findStage(pipeline: Pipeline, name: string): PipelineStage | undefined {
  const exact = pipeline.stages.find((stage) => stage.name === name);
  if (exact) return exact;
  const key = stageKey(name);
  return pipeline.stages.find((stage) => stageKey(stage.name) === key) ?? pipeline.stages.find((stage) => stageKey(stage.label) === key);
}

export const stageKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();
