// Stage suggestions as the background serves them: reads a deal and its notes, meetings, tasks
// and stage history from Zoho, runs the rules (and, when asked, the AI provider), and carries out
// the manager's decision — the Stage write and its audit note through the outbox, a rejection
// remembered, a Task for the manager when the user may not approve. Who may approve is checked
// here, not only in the panel.
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { StagecoachError } from '../errors';
import type { OutboxItem } from '../messaging/types';
import type {
  AiOutcome,
  ContactDeal,
  DealSuggestionView,
  DecisionResult,
  DryRunView,
  RequestApprovalResult,
} from '../messaging/types';
import type { Settings } from '../settings/schema';
import type { ConnectionRow, StagecoachDb } from '../storage/db';
import { decryptText, encryptText } from '../auth/crypto';
import {
  buildAiRequest,
  DEAL_FIELDS,
  DEFAULT_CRITERIA_TEXT,
  dealFacts,
  dryRun as runDryRun,
  eventFacts,
  findActionItems,
  noteFacts,
  NOTE_FIELDS,
  parseAiAnswer,
  parseCriteria,
  parseModelText,
  pipelineFromZoho,
  stageHistoryFacts,
  suggestStage,
  taskFacts,
  type ActionItem,
  type Criteria,
  type DealEvidenceInput,
  type Pipeline,
  type Signal,
  type Suggestion,
} from '../suggestions';
import { toOutboxItem, type Outbox } from '../sync/outbox';
import type { ZohoClient } from '../zoho/client';
import { zohoDateTime } from '../zoho/writes';

export interface BuiltInModel {
  /** Whether the browser has a usable built-in model now. */
  available(): Promise<boolean>;
  /** Gives up (rejects) when `signal` aborts, as a provider's fetch does. */
  prompt(system: string, user: string, signal: AbortSignal): Promise<string>;
}

export interface SuggestionDeps {
  db: StagecoachDb;
  client: ZohoClient;
  outbox: Outbox;
  fetch: typeof fetch;
  now(): number;
  settings(): Promise<Settings>;
  connection(): Promise<ConnectionRow>;
  /** Whether the extension may reach this origin (the provider's host is an optional permission). */
  hasOrigin(origin: string): Promise<boolean>;
  builtInModel?: BuiltInModel;
}

const anyRows = z.object({ data: z.array(z.record(z.string(), z.unknown())) }).passthrough();
const layoutsAnswer = z.object({ layouts: z.array(z.object({ id: z.string(), name: z.string().nullish(), status: z.string().nullish() }).passthrough()) }).passthrough();
const fieldsAnswer = z.object({ fields: z.array(z.object({ api_name: z.string() }).passthrough()) }).passthrough();
const userAnswer = z.object({
  users: z.array(z.object({ id: z.string(), full_name: z.string().nullish(), Reporting_To: z.object({ id: z.string(), name: z.string().nullish() }).nullish() }).passthrough()).min(1),
});

/** Pipeline metadata changes rarely: read once an hour. */
const PIPELINE_FRESH_MS = 60 * 60_000;
/** Past meetings whose invitees' answers are read (one GET each) to tell held from no-show. */
const MEETINGS_CHECKED = 5;
const AI_TIMEOUT_MS = 30_000;
const AI_ANSWER_MAX_CHARS = 20_000;

/** Where the model's last valid answer per deal is kept, among the cached records. */
const MODEL_ANSWER = 'ModelAnswer';

/** The next Monday–Friday after `now`'s date in `timeZone`, as yyyy-MM-dd. */
export function nextWorkingDay(now: number, timeZone: string): string {
  let day = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(timeZone).toPlainDate().add({ days: 1 });
  while (day.dayOfWeek > 5) day = day.add({ days: 1 });
  return day.toString();
}

/** Action items whose subject is already one of the deal's tasks are not offered again. */
function notYetTasks(items: ActionItem[], input: DealEvidenceInput): ActionItem[] {
  const existing = new Set(input.tasks.map((task) => task.subject.trim().toLowerCase()));
  return items.filter((item) => !existing.has(item.subject.trim().toLowerCase()));
}

export function createSuggestions(deps: SuggestionDeps) {
  const { client, db } = deps;
  /** Per org and pipeline name; a new connection (another org, another user) starts afresh. */
  const pipelineCache = new Map<string, { at: number; value: Pipeline }>();

  function requireFeature(settings: Settings) {
    if (!settings.features.stageSuggestions) throw new StagecoachError('feature_disabled', 'stageSuggestions');
  }

  function mayApprove(settings: Settings, connection: ConnectionRow): boolean {
    const same = (list: string[], value: string | null) => value !== null && list.some((name) => name.toLowerCase() === value.toLowerCase());
    return same(settings.approvers.profiles, connection.user.profile) || same(settings.approvers.roles, connection.user.role);
  }

  /** The admin's criteria when switched on and valid; otherwise the defaults, with the reason. */
  function criteriaInUse(settings: Settings): { criteria: Criteria; text: string; source: 'default' | 'custom'; invalid: boolean } {
    if (settings.criteriaEnabled && settings.pipelineCriteria.trim()) {
      const parsed = parseCriteria(settings.pipelineCriteria);
      if (parsed.ok) return { criteria: parsed.criteria, text: settings.pipelineCriteria, source: 'custom', invalid: false };
      const fallback = parseCriteria(DEFAULT_CRITERIA_TEXT);
      if (!fallback.ok) throw new StagecoachError('internal', 'The default criteria do not parse.');
      return { criteria: fallback.criteria, text: DEFAULT_CRITERIA_TEXT, source: 'default', invalid: true };
    }
    const parsed = parseCriteria(DEFAULT_CRITERIA_TEXT);
    if (!parsed.ok) throw new StagecoachError('internal', 'The default criteria do not parse.');
    return { criteria: parsed.criteria, text: DEFAULT_CRITERIA_TEXT, source: 'default', invalid: false };
  }

  /** The deal pipeline's stages in order; the Stage field's pick list when the org has no pipeline API. */
  async function pipeline(dealPipeline: string | null, connection: ConnectionRow): Promise<Pipeline> {
    // A deal's `Pipeline` reads "Standard (Standard)": the pipeline's name, then its layout's.
    const name = dealPipeline?.replace(/\s*\([^()]*\)\s*$/, '').trim() || null;
    const cacheKey = `${connection.org.id}/${connection.connectedAt}/${name ?? ''}`;
    const cached = pipelineCache.get(cacheKey);
    if (cached && deps.now() - cached.at < PIPELINE_FRESH_MS) return cached.value;
    const fields = await client.request('/settings/fields', fieldsAnswer, { query: { module: 'Deals' } });
    const stageField = fields?.fields.find((field) => field.api_name === 'Stage');
    let pipelines: unknown = null;
    try {
      const layouts = await client.request('/settings/layouts', layoutsAnswer, { query: { module: 'Deals' } });
      const layout = layouts?.layouts.find((l) => l.status !== 'inactive') ?? layouts?.layouts[0];
      if (layout) pipelines = await client.request('/settings/pipeline', z.unknown(), { query: { layout_id: layout.id } });
    } catch (error) {
      // Orgs without pipelines (and connections without the pipeline scope) still have the pick list.
      const failure = StagecoachError.from(error);
      if (failure.transient) throw failure;
    }
    const value = pipelineFromZoho(pipelines, stageField, name);
    if (value.stages.length === 0) throw new StagecoachError('bad_response', 'Zoho gave no deal stages.');
    pipelineCache.set(cacheKey, { at: deps.now(), value });
    return value;
  }

  async function coqlRows(query: string) {
    const answer = await client.request('/coql', anyRows, { method: 'POST', body: { select_query: query }, idempotent: true });
    return answer?.data ?? [];
  }

  /** Everything the rules look at for one deal, read fresh from Zoho. */
  async function gather(dealId: string, settings: Settings, connection: ConnectionRow): Promise<{ input: DealEvidenceInput; pipelineName: string | null }> {
    const now = deps.now();
    const [dealAnswer, notesAnswer, eventRows, taskRows, history] = await Promise.all([
      client.request(`/Deals/${dealId}`, anyRows, { query: { fields: DEAL_FIELDS } }),
      client.request(`/Deals/${dealId}/Notes`, anyRows, { query: { fields: NOTE_FIELDS, per_page: '200', sort_by: 'Created_Time', sort_order: 'desc' } }),
      coqlRows(`select id, Event_Title, Start_DateTime, End_DateTime from Events where What_Id = '${dealId}' order by Start_DateTime desc limit 200`),
      coqlRows(`select id, Subject, Due_Date, Status, Closed_Time from Tasks where What_Id = '${dealId}' order by Due_Date desc limit 200`),
      client
        .request(`/Deals/${dealId}/Stage_History`, anyRows, { query: { fields: 'Stage,Modified_Time,Duration_Days', per_page: '200' } })
        .then((answer) => (answer ? stageHistoryFacts(answer.data) : null))
        // Zoho may not serve the stage history to this user or edition: suggestions go on without it.
        .catch((error: unknown) => {
          if (StagecoachError.from(error).transient) throw error;
          return null;
        }),
    ]);
    const record = dealAnswer?.data[0];
    if (!record) throw new StagecoachError('not_found');
    const deal = dealFacts(record);

    // Invitees' answers are only in the full event: read them for the latest past meetings.
    const past = eventRows.filter((row) => typeof row.End_DateTime === 'string' && Date.parse(row.End_DateTime) < now).slice(0, MEETINGS_CHECKED);
    const full = await Promise.all(
      past.map((row) => client.request(`/Events/${String(row.id)}`, anyRows).then((answer) => answer?.data[0] ?? row).catch(() => row)),
    );
    const byId = new Map(full.map((row) => [String(row.id), row]));
    const events = eventRows.map((row) => eventFacts(byId.get(String(row.id)) ?? row));

    const timeZone = settings.timeZone ?? connection.user.timeZone ?? 'UTC';
    const pipelineName = deal.pipeline ?? null;
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
      pipelineName,
    };
  }

  /** The settings and connection one request works with, read once. */
  async function context(): Promise<{ settings: Settings; connection: ConnectionRow }> {
    const [settings, connection] = await Promise.all([deps.settings(), deps.connection()]);
    return { settings, connection };
  }

  async function view(dealId: string, { settings, connection }: { settings: Settings; connection: ConnectionRow }): Promise<DealSuggestionView> {
    requireFeature(settings);
    const { input, pipelineName } = await gather(dealId, settings, connection);
    const stages = await pipeline(pipelineName, connection);
    const used = criteriaInUse(settings);
    const result = suggestStage(input, stages, used.criteria);
    const decisions = await db.decisions.where('dealId').equals(dealId).toArray();
    let suppressed: DealSuggestionView['suppressed'] = null;
    let suggestion = result.suggestion;
    if (suggestion) {
      const rejected = decisions.find((row) => row.decision === 'rejected' && row.target === suggestion!.target);
      const known = new Set(rejected?.signalIds ?? []);
      if (rejected && (rejected.from ?? input.deal.stage) === input.deal.stage && result.signals.every((signal) => known.has(signal.id))) {
        suppressed = { target: rejected.target, at: rejected.at };
        suggestion = null;
      }
    }
    const ai = settings.ai.provider;
    const aiRequest = ai === 'none' ? null : buildAiRequest({ model: aiModelName(settings), pipeline: stages, deal: input.deal, signals: result.signals, criteriaText: used.text, rules: result.suggestion });
    const closedTypes = stages.stages.find((s) => s.name === input.deal.stage)?.forecastType;
    return {
      deal: {
        id: input.deal.id,
        name: input.deal.name,
        stage: input.deal.stage,
        owner: input.deal.ownerId ? { id: input.deal.ownerId, name: input.deal.ownerName } : null,
        amount: input.deal.amount,
        closingDate: input.deal.closingDate,
        closed: closedTypes !== undefined && closedTypes !== 'Open',
      },
      pipeline: stages,
      suggestion,
      signals: result.signals,
      considered: result.considered,
      suppressed,
      actionItems: notYetTasks(findActionItems(input), input),
      canApprove: mayApprove(settings, connection),
      criteria: { source: used.source, invalid: used.invalid },
      ai: { provider: ai, model: ai === 'none' ? null : aiModelName(settings), request: aiRequest?.body ?? null },
      checkedAt: input.now,
    };
  }

  function aiModelName(settings: Settings): string {
    return settings.ai.provider === 'browser' ? 'browser built-in model' : settings.ai.model;
  }

  /** Asks the configured model; anything it answers that does not hold up is discarded with the reason. */
  async function askAi({ dealId }: { dealId: string }): Promise<AiOutcome> {
    const ctx = await context();
    const { settings } = ctx;
    const shown = await view(dealId, ctx);
    const provider = settings.ai.provider;
    const body = shown.ai.request;
    if (provider === 'none' || !body) return { ok: false, reason: 'not_configured', detail: '' };
    let answer: unknown;
    if (provider === 'browser') {
      if (!deps.builtInModel || !(await deps.builtInModel.available().catch(() => false))) {
        return { ok: false, reason: 'unavailable', detail: 'This browser has no built-in model ready.' };
      }
      const messages = (body as { messages: Array<{ role: string; content: string }> }).messages;
      let text: string;
      try {
        text = await deps.builtInModel.prompt(
          messages.find((m) => m.role === 'system')?.content ?? '',
          messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n\n'),
          AbortSignal.timeout(AI_TIMEOUT_MS),
        );
      } catch (error) {
        return { ok: false, reason: 'provider_error', detail: error instanceof Error ? error.message : String(error) };
      }
      const parsed = parseModelText(text.slice(0, AI_ANSWER_MAX_CHARS), shown.pipeline, shown.signals, aiModelName(settings), shown.deal.stage);
      return await remember(dealId, parsed);
    }

    const base = settings.ai.baseUrl.replace(/\/+$/, '');
    let origin: string;
    try {
      origin = new URL(base).origin;
    } catch {
      return { ok: false, reason: 'not_configured', detail: base };
    }
    if (!(await deps.hasOrigin(origin))) return { ok: false, reason: 'permission_needed', detail: origin };
    const keyRow = await db.providerKeys.get('ai');
    // A key goes only to the host it was entered for: changing the base URL does not carry it along.
    if (keyRow && keyRow.origin !== origin) return { ok: false, reason: 'not_configured', detail: `The stored API key was entered for ${keyRow.origin ?? 'another provider'}; enter it again for ${origin}.` };
    const key = keyRow ? await decryptText(db, keyRow.value) : null;
    let response: Response;
    try {
      response = await deps.fetch(`${base}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(AI_TIMEOUT_MS),
        credentials: 'omit',
      });
    } catch (error) {
      return { ok: false, reason: 'provider_error', detail: error instanceof Error ? error.message : String(error) };
    }
    const text = await response.text().catch(() => '');
    if (text.length > AI_ANSWER_MAX_CHARS) return { ok: false, reason: 'bad_response', detail: `The answer was longer than ${AI_ANSWER_MAX_CHARS} characters.` };
    if (!response.ok) {
      let message = text;
      try {
        const parsed = JSON.parse(text) as { error?: { message?: unknown } };
        if (typeof parsed.error?.message === 'string') message = parsed.error.message;
      } catch {
        // not JSON: the text itself is the provider's words
      }
      return { ok: false, reason: 'provider_error', detail: `HTTP ${response.status}: ${message}`.slice(0, 500) };
    }
    try {
      answer = JSON.parse(text);
    } catch {
      return { ok: false, reason: 'bad_response', detail: 'The provider did not answer JSON.' };
    }
    return await remember(dealId, parseAiAnswer(answer, shown.pipeline, shown.signals, aiModelName(settings), shown.deal.stage));
  }

  async function remember(dealId: string, parsed: ReturnType<typeof parseAiAnswer>): Promise<AiOutcome> {
    if (!parsed.ok) return { ok: false, reason: parsed.reason, detail: parsed.detail };
    // Kept with the cached records (wiped on disconnect), so the approval's note can name the model
    // even when this worker was stopped in between.
    void db.records.put({ module: MODEL_ANSWER, id: dealId, value: parsed.suggestion, fetchedAt: deps.now() });
    return { ok: true, suggestion: parsed.suggestion };
  }

  function evidenceLines(signals: Signal[], ids: string[]): string[] {
    return ids
      .map((id) => signals.find((signal) => signal.id === id))
      .filter((signal): signal is Signal => signal !== undefined)
      .map((signal) => `- ${signal.sourceTitle}${signal.at ? ` (${signal.at.slice(0, 10)})` : ''}: ${signal.text}`);
  }

  interface DecideInput {
    dealId: string;
    decision: 'approve' | 'reject';
    target: string;
    basis: 'rules' | 'model' | 'edited';
    evidence: string[];
    comment?: string;
    addNote?: boolean;
  }

  async function decide(input: DecideInput): Promise<DecisionResult> {
    const ctx = await context();
    const { settings, connection } = ctx;
    requireFeature(settings);
    // The panel hides Approve from others; a forged message is refused here all the same.
    if (!mayApprove(settings, connection)) throw new StagecoachError('not_approver');
    const shown = await view(input.dealId, ctx);
    const stages = shown.pipeline;
    if (!stages.stages.some((stage) => stage.name === input.target)) throw new StagecoachError('bad_message', `“${input.target}” is not a stage of this pipeline.`);
    const from = shown.deal.stage;
    const who = `${connection.user.name}${connection.user.profile ? ` (${connection.user.profile})` : ''}`;
    const when = new Date(deps.now()).toISOString();
    const basis = await basisLine(input, shown);
    const evidence = evidenceLines(shown.signals, input.evidence);
    const comment = input.comment?.trim() ? [`Comment: ${input.comment.trim()}`] : [];

    if (input.decision === 'reject') {
      await db.decisions.put({ dealId: input.dealId, target: input.target, decision: 'rejected', from, signalIds: shown.signals.map((s) => s.id), at: deps.now(), by: connection.user.id });
      let note: OutboxItem | null = null;
      if (input.addNote) {
        const row = await deps.outbox.enqueue({
          op: 'create',
          module: 'Notes',
          data: {
            Note_Title: `Stagecoach: suggestion rejected (${from} → ${input.target})`,
            Note_Content: [`Suggested stage change rejected: ${from} → ${input.target}`, basis, `Rejected by: ${who}`, `When: ${when}`, ...comment, 'Evidence:', ...evidence].join('\n'),
            Parent_Id: { module: { api_name: 'Deals' }, id: input.dealId },
          },
          summary: `Note on ${shown.deal.name}: suggestion rejected`,
        });
        note = toOutboxItem((await deps.outbox.sendNow(row.key)) ?? row);
      }
      return { decision: 'rejected', stage: null, note };
    }

    if (from === input.target) throw new StagecoachError('bad_message', `The deal is already at “${from}”.`);
    // An approval still waiting in the outbox is not approved twice (a second click, a second panel).
    const waiting = await db.outbox.where('status').anyOf('pending', 'sending').filter((row) => row.module === 'Deals' && row.recordId === input.dealId).count();
    if (waiting > 0) throw new StagecoachError('bad_message', 'A stage change for this deal is already waiting to be sent to Zoho.');
    const stageRow = await deps.outbox.enqueue({
      op: 'update',
      module: 'Deals',
      recordId: input.dealId,
      data: { Stage: input.target },
      summary: `Stage of ${shown.deal.name}: ${from} → ${input.target}`,
    });
    const sent = (await deps.outbox.sendNow(stageRow.key)) ?? stageRow;
    if (sent.status === 'failed') {
      // Zoho refused (validation rule, Blueprint, permission): nothing changed, nothing to keep.
      await deps.outbox.discard(sent.key);
      const error = sent.lastError;
      throw new StagecoachError(error?.code ?? 'zoho_error', error?.detail, { action: 'none' });
    }
    await db.decisions.put({ dealId: input.dealId, target: input.target, decision: 'approved', from, signalIds: shown.signals.map((s) => s.id), at: deps.now(), by: connection.user.id });
    const noteRow = await deps.outbox.enqueue({
      op: 'create',
      module: 'Notes',
      data: {
        Note_Title: `Stagecoach: stage ${from} → ${input.target}`,
        Note_Content: [`Stage changed: ${from} → ${input.target}`, basis, `Approved by: ${who}`, `When: ${when}`, ...comment, 'Evidence:', ...(evidence.length ? evidence : ['- none cited'])].join('\n'),
        Parent_Id: { module: { api_name: 'Deals' }, id: input.dealId },
      },
      summary: `Note on ${shown.deal.name}: stage change`,
      after: sent.key,
    });
    const note = (await deps.outbox.sendNow(noteRow.key)) ?? noteRow;
    void deps.db.records.delete(['Deals', input.dealId]);
    return { decision: 'approved', stage: toOutboxItem(sent), note: toOutboxItem(note) };
  }

  async function basisLine(input: DecideInput, shown: DealSuggestionView): Promise<string> {
    if (input.basis === 'model') {
      const answer = (await db.records.get([MODEL_ANSWER, input.dealId]))?.value as Suggestion | undefined;
      if (answer?.by.kind === 'model' && answer.target === input.target) return `Suggested by model ${answer.by.model}: ${answer.by.reason}`;
      return 'Stage chosen by the approver (edited suggestion)';
    }
    if (input.basis === 'rules' && shown.suggestion?.by.kind === 'rules' && shown.suggestion.target === input.target) {
      return `Criterion: ${shown.suggestion.by.criterion} – ${shown.suggestion.by.description}`;
    }
    return 'Stage chosen by the approver (edited suggestion)';
  }

  async function requestApproval(input: { dealId: string; target: string; evidence: string[]; comment?: string }): Promise<RequestApprovalResult> {
    const ctx = await context();
    const { settings, connection } = ctx;
    const shown = await view(input.dealId, ctx);
    if (!shown.pipeline.stages.some((stage) => stage.name === input.target)) throw new StagecoachError('bad_message', `“${input.target}” is not a stage of this pipeline.`);
    const ownerId = shown.deal.owner?.id;
    if (!ownerId) throw new StagecoachError('not_found', 'The deal has no owner.');
    const owner = (await client.request(`/users/${ownerId}`, userAnswer))?.users[0];
    // The top of the hierarchy has no manager: the request goes to the owner then, and says so.
    const manager = owner?.Reporting_To ?? null;
    const assignee = manager ? { id: manager.id, name: manager.name ?? null } : { id: ownerId, name: shown.deal.owner?.name ?? null };
    const due = nextWorkingDay(deps.now(), settings.timeZone ?? connection.user.timeZone ?? 'UTC');
    const row = await deps.outbox.enqueue({
      op: 'create',
      module: 'Tasks',
      data: {
        Subject: `Approve stage change: ${shown.deal.name} → ${input.target}`.slice(0, 255),
        Owner: { id: assignee.id },
        What_Id: { id: input.dealId },
        $se_module: 'Deals',
        Due_Date: due,
        Status: 'Not Started',
        Priority: 'High',
        Description: [
          `${connection.user.name} asks to move “${shown.deal.name}” from ${shown.deal.stage} to ${input.target}.`,
          ...(input.comment?.trim() ? [`Comment: ${input.comment.trim()}`] : []),
          'Evidence:',
          ...evidenceLines(shown.signals, input.evidence),
        ].join('\n'),
      },
      summary: `Approval request for ${shown.deal.name} → ${input.target}`,
    });
    const item = toOutboxItem((await deps.outbox.sendNow(row.key)) ?? row);
    return { task: item, assignee, toManager: manager !== null };
  }

  async function createFollowUp(input: { dealId: string; subject: string; dueDate: string; priority: string; noteId?: string }): Promise<OutboxItem> {
    const [settings, connection] = await Promise.all([deps.settings(), deps.connection()]);
    requireFeature(settings);
    const answer = await client.request(`/Deals/${input.dealId}`, anyRows, { query: { fields: DEAL_FIELDS } });
    const record = answer?.data[0];
    if (!record) throw new StagecoachError('not_found');
    const deal = dealFacts(record);
    const row = await deps.outbox.enqueue({
      op: 'create',
      module: 'Tasks',
      data: {
        Subject: input.subject,
        Due_Date: input.dueDate,
        Priority: input.priority,
        Status: 'Not Started',
        Owner: { id: connection.user.id },
        What_Id: { id: input.dealId },
        $se_module: 'Deals',
        ...(deal.contactId ? { Who_Id: { id: deal.contactId } } : {}),
      },
      summary: `Task: ${input.subject}`,
    });
    return toOutboxItem((await deps.outbox.sendNow(row.key)) ?? row);
  }

  /** The open deals a contact is the contact of, for the contact page's list. */
  async function contactDeals({ contactId }: { contactId: string }): Promise<ContactDeal[]> {
    const { settings, connection } = await context();
    requireFeature(settings);
    const rows = await coqlRows(`select id, Deal_Name, Stage, Pipeline, Closing_Date from Deals where Contact_Name = '${contactId}' order by Closing_Date desc limit 200`);
    const stages = await pipeline(typeof rows[0]?.Pipeline === 'string' ? rows[0].Pipeline : null, connection);
    const open = new Set(stages.stages.filter((stage) => stage.forecastType === 'Open').map((stage) => stage.name));
    return rows
      .map((row) => ({ id: String(row.id), name: String(row.Deal_Name ?? ''), stage: String(row.Stage ?? ''), closingDate: typeof row.Closing_Date === 'string' ? row.Closing_Date : null }))
      .filter((deal) => open.has(deal.stage));
  }

  /** What the criteria (as typed in the options page, not yet saved) would do to recent deals. */
  async function dryRun({ criteria: text }: { criteria: string }): Promise<DryRunView> {
    const [settings, connection] = await Promise.all([deps.settings(), deps.connection()]);
    const parsed = parseCriteria(text.trim() ? text : DEFAULT_CRITERIA_TEXT);
    if (!parsed.ok) return { ok: false, errors: parsed.errors };
    const rows = await coqlRows(`select id from Deals where Modified_Time > '${zohoDateTime(deps.now() - 365 * 24 * 60 * 60_000)}' order by Modified_Time desc limit 40`);
    const gathered = [];
    let dealsFailed = 0;
    // One at a time, gently on the org's API limits; a deal that cannot be read is counted, not fatal.
    for (const row of rows) {
      try {
        gathered.push(await gather(String(row.id), settings, connection));
      } catch (error) {
        const failure = StagecoachError.from(error);
        if (['reconnect_needed', 'not_connected', 'rate_limited'].includes(failure.code)) throw failure;
        dealsFailed += 1;
      }
    }
    const stages = await pipeline(gathered[0]?.pipelineName ?? null, connection);
    return { ok: true, result: runDryRun({ deals: gathered.map((g) => g.input), pipeline: stages, criteria: parsed.criteria }), dealsRead: gathered.length, dealsFailed };
  }

  async function saveAiKey({ key }: { key: string | null }): Promise<{ aiKeySet: boolean }> {
    if (key === null || key === '') {
      await db.providerKeys.delete('ai');
    } else {
      const settings = await deps.settings();
      let origin: string | null = null;
      try {
        origin = new URL(settings.ai.baseUrl).origin;
      } catch {
        throw new StagecoachError('invalid_settings', 'Save the provider’s base URL before its key.');
      }
      await db.providerKeys.put({ id: 'ai', value: await encryptText(db, key), origin });
    }
    return { aiKeySet: key !== null && key !== '' };
  }

  return {
    dealSuggestion: async ({ dealId }: { dealId: string }) => view(dealId, await context()),
    askAi,
    decide,
    requestApproval,
    createFollowUp,
    contactDeals,
    dryRun,
    saveAiKey,
    aiKeySet: async () => (await db.providerKeys.get('ai')) !== undefined,
  };
}
