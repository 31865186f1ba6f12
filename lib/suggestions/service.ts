// Stage suggestions as the background serves them: runs the rules (and, when asked, the AI
// provider) on what `reads.ts` gathers, and carries out the manager's decision — the Stage write
// and its audit note through the outbox, a rejection remembered, a Task for the manager when the
// user may not approve. Who may approve is checked here, not only in the panel.
import { z } from 'zod';
import { StagecoachError } from '../errors';
import type { Handlers, RequestInput } from '../messaging/define';
import { RECORD_FRESH_MS } from '../records/service';
import type { ProfileReader } from '../settings/currentProfile';
import type { Settings } from '../settings/schema';
import type { TeamStore } from '../settings/teamStore';
import { requestContext, requireFeature, userTimeZone, type RequestContext, type ServiceDeps } from '../service/context';
import { ownerOf, sameOwner, whileSignedIn, type DecisionRow } from '../storage/db';
import type { OutboxItem } from '../sync/types';
import { notePayload, taskPayload } from '../zoho/payloads';
import { zohoDateTime } from '../zoho/writes';
import { buildAiRequest, parseAiAnswer, parseModelText } from './ai';
import { approverLine, checkApprover, type ApprovalCheck } from './approvers';
import { approvalFirstLine, approvalSubject, queuedRequest } from './approvalTasks';
import { basisLine, decisionNote, evidenceLines, nextWorkingDay, notYetTasks, undoNote } from './audit';
import { parseCriteria, type Criteria } from './criteria';
import { DEFAULT_CRITERIA_TEXT } from './defaults';
import { dryRun as runDryRun } from './dryRun';
import { findActionItems } from './actions';
import { suggestStage } from './engine';
import { DEAL_FIELDS, dealFacts } from './facts';
import { aiModelName, requestDigest, type AiProvider } from './provider';
import { anyRows, createDealReader, type Gathered } from './reads';
import type { suggestionRequests } from './requests';
import type { Pipeline, Suggestion, SuggestionResult } from './types';
import { UNDO_WINDOW_MS, type AiOutcome, type ContactDeal, type ContactDealSuggestion, type DealSuggestionView, type DecisionResult, type DryRunView, type RequestApprovalResult, type UndoResult } from './views';

export { nextWorkingDay } from './audit';

type Input<K extends keyof typeof suggestionRequests> = RequestInput<typeof suggestionRequests, K>;

const userAnswer = z.object({
  users: z.array(z.object({ id: z.string(), full_name: z.string().nullish(), Reporting_To: z.object({ id: z.string(), name: z.string().nullish() }).nullish() }).passthrough()).min(1),
});

/** The deal's fields as COQL columns (the dry run reads its deals with them in one query). */
const DEAL_COLUMNS = DEAL_FIELDS.split(',').join(', ');

/** Seconds past the Undo the panel offers that the background still accepts it (the click in flight). */
const UNDO_GRACE_MS = 10_000;

/** A contact's deal list and its marks' reads are kept as long as a record (records/service.ts). */
const CONTACT_DEALS_FRESH_MS = RECORD_FRESH_MS;
/** Contacts' lists (and marks' reads) kept in memory. */
const KEPT_LISTS = 50;
/** The open deals a contact page marks (components/suggestions/ContactDeals.tsx asks for the first 25). */
const MARKED_DEALS = 25;

/** `promise`, or the signal's reason once it aborts first (what was read stays kept for the next page). */
function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return Promise.race([promise, new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }))]);
}

/** Where the model's last valid answer per deal is kept, among the cached records. */
const MODEL_ANSWER = 'ModelAnswer';

/** What the approval check reads from Zoho: the team settings and the user's profile now. */
export interface ApprovalSources {
  team: Pick<TeamStore, 'current'>;
  profiles: Pick<ProfileReader, 'current'>;
}

/** Refused, with why in our words and Zoho's names. */
function notApprover(check: Exclude<ApprovalCheck, { ok: true }>): StagecoachError {
  return check.reason === 'team_unread'
    ? new StagecoachError('not_approver', { reason: 'team_settings_unread' })
    : new StagecoachError('not_approver', { reason: 'approver_not_listed', params: [check.profile ?? '', check.role ?? ''] });
}

/**
 * The criteria suggestions come from: the team's written criteria when "Use these criteria instead
 * of the built-in ones" is on and they parse; otherwise the built-in ones (switched off, nothing
 * written, or — flagged `invalid` for the panel's notice — written with errors). Off never means
 * "no suggestions": that is the stageSuggestions feature switch.
 */
export function criteriaInUse(settings: Settings): { criteria: Criteria; text: string; source: 'default' | 'custom'; invalid: boolean } {
  const defaults = () => {
    const parsed = parseCriteria(DEFAULT_CRITERIA_TEXT);
    if (!parsed.ok) throw new StagecoachError('internal', 'The default criteria do not parse.');
    return parsed.criteria;
  };
  if (settings.criteriaEnabled && settings.pipelineCriteria.trim()) {
    const parsed = parseCriteria(settings.pipelineCriteria);
    if (parsed.ok) return { criteria: parsed.criteria, text: settings.pipelineCriteria, source: 'custom', invalid: false };
    return { criteria: defaults(), text: DEFAULT_CRITERIA_TEXT, source: 'default', invalid: true };
  }
  return { criteria: defaults(), text: DEFAULT_CRITERIA_TEXT, source: 'default', invalid: false };
}

/** The rejection that still holds for this suggestion (same stage, no new evidence since), or null. */
function rejectedBefore(decisions: DecisionRow[], result: SuggestionResult, stage: string): DealSuggestionView['suppressed'] {
  const suggestion = result.suggestion;
  if (!suggestion) return null;
  const rejected = decisions.find((row) => row.decision === 'rejected' && row.target === suggestion.target);
  const known = new Set(rejected?.signalIds ?? []);
  if (rejected && (rejected.from ?? stage) === stage && result.signals.every((signal) => known.has(signal.id))) return { target: rejected.target, at: rejected.at };
  return null;
}

export function createSuggestions(deps: ServiceDeps & { provider: AiProvider; approval: ApprovalSources }) {
  const { client, db, outbox, provider } = deps;
  const reader = createDealReader(deps);

  /** May this user approve now: the team's list against the profile and role Zoho answers now (cached a minute). */
  async function approvalCheck({ settings, connection }: RequestContext, signal?: AbortSignal): Promise<ApprovalCheck> {
    const [team, zoho] = await Promise.all([deps.approval.team.current(signal ? { signal } : {}), deps.approval.profiles.current(connection, signal)]);
    return checkApprover(settings.approvers, team, zoho);
  }

  /** The panel's view of the check: a read failure hides Approve and says so, it does not break the card. */
  async function approvalView(ctx: RequestContext, signal?: AbortSignal): Promise<DealSuggestionView['approval']> {
    const check = await approvalCheck(ctx, signal).catch((error: unknown) => {
      if (signal?.aborted) throw error;
      return null;
    });
    if (!check) return { reason: 'profile_unread' };
    if (check.ok) return null;
    return check.reason === 'team_unread' ? { reason: 'team_unread' } : { reason: 'not_listed', profile: check.profile, role: check.role };
  }

  async function view(dealId: string, ctx: RequestContext, signal?: AbortSignal, reuse?: { maxAgeMs: number }): Promise<DealSuggestionView> {
    const { settings, connection } = ctx;
    requireFeature(settings, 'stageSuggestions');
    const gathering = reader.gather(dealId, userTimeZone(ctx), signal, reuse);
    // The approver check's reads (the profile, kept a minute) asked in the same moment as the
    // deal's: no round trip of their own after them.
    const approving = approvalView(ctx, signal);
    approving.catch(() => {});
    const { input, pipelineName, approvalRequests: inZoho = [] } = await gathering;
    const stages = await reader.pipeline(pipelineName, connection, signal);
    const used = criteriaInUse(settings);
    const result = suggestStage(input, stages, used.criteria);
    const owner = ownerOf(connection);
    const decisions = (await db.decisions.where('dealId').equals(dealId).toArray()).filter((row) => sameOwner(row, owner));
    const suppressed = rejectedBefore(decisions, result, input.deal.stage);
    const suggestion = suppressed ? null : result.suggestion;
    const ai = settings.ai.provider;
    const aiRequest = ai === 'none' ? null : buildAiRequest({ model: aiModelName(settings), pipeline: stages, deal: input.deal, signals: result.signals, criteriaText: used.text, rules: result.suggestion });
    const forecastType = stages.stages.find((s) => s.name === input.deal.stage)?.forecastType;
    const approval = await approving;
    // Requests made in this browser and not yet in Zoho count as made (they survive a reload).
    const waiting = (await db.outbox.where('status').anyOf('pending', 'sending').toArray()).filter((row) => sameOwner(row, owner));
    const queued = waiting.map((row) => queuedRequest(row, dealId, { id: connection.user.id, name: connection.user.name })).filter((request) => request !== null);
    // Undo is offered once the approved change is in Zoho (not while it waits to be sent).
    const stageWaiting = waiting.some((row) => row.module === 'Deals' && row.recordId === dealId);
    const approved = stageWaiting ? undefined : decisions.find((row) => row.decision === 'approved' && row.target === input.deal.stage && row.from !== undefined && row.by === connection.user.id);
    const undoUntil = approved ? approved.at + UNDO_WINDOW_MS : 0;
    return {
      deal: {
        id: input.deal.id,
        name: input.deal.name,
        stage: input.deal.stage,
        owner: input.deal.ownerId ? { id: input.deal.ownerId, name: input.deal.ownerName } : null,
        amount: input.deal.amount,
        closingDate: input.deal.closingDate,
        closed: forecastType !== undefined && forecastType !== 'Open',
      },
      pipeline: stages,
      suggestion,
      signals: result.signals,
      considered: result.considered,
      suppressed,
      actionItems: notYetTasks(findActionItems(input), input),
      canApprove: approval === null,
      approval,
      criteria: { source: used.source, invalid: used.invalid },
      ai: { provider: ai, model: ai === 'none' ? null : aiModelName(settings), request: aiRequest?.body ?? null, requestHash: aiRequest ? await requestDigest(aiRequest.body) : null },
      approvalRequests: [...inZoho, ...queued],
      undo: approved && undoUntil > deps.now() ? { from: approved.target, to: approved.from!, until: undoUntil } : null,
      checkedAt: input.now,
    };
  }

  /**
   * Asks the configured model with the body the panel showed (`requestHash`, its digest), rebuilt
   * from a fresh read: if the deal changed meanwhile, that is not the body shown, and nothing is
   * sent — the new body comes back for the panel to show and ask again. Anything the model answers
   * that does not hold up is discarded with the reason.
   */
  async function askAi({ dealId, requestHash }: Input<'askAi'>, signal?: AbortSignal): Promise<AiOutcome> {
    const ctx = await requestContext(deps);
    const shown = await view(dealId, ctx, signal);
    if (shown.ai.requestHash !== null && shown.ai.requestHash !== requestHash) {
      return { ok: false, reason: 'request_changed', detail: '', request: shown.ai.request, requestHash: shown.ai.requestHash };
    }
    const answer = await provider.ask(ctx.settings, shown.ai.request);
    if (!answer.ok) return answer;
    const model = aiModelName(ctx.settings);
    const parsed =
      'text' in answer
        ? parseModelText(answer.text, shown.pipeline, shown.signals, model, shown.deal.stage)
        : parseAiAnswer(answer.json, shown.pipeline, shown.signals, model, shown.deal.stage);
    if (!parsed.ok) return { ok: false, reason: parsed.reason, detail: parsed.detail };
    // Kept with the cached records (wiped on disconnect), so the approval's note can name the model
    // even when this worker was stopped in between; only for the account that asked, if still signed in.
    const owner = ownerOf(ctx.connection);
    await whileSignedIn(db, owner, [db.records], () => db.records.put({ module: MODEL_ANSWER, id: dealId, value: parsed.suggestion, fetchedAt: deps.now(), ...owner! }));
    return { ok: true, suggestion: parsed.suggestion };
  }

  /**
   * The context of a stage change, for approvers only: the panel hides Approve and Undo from
   * others; a forged message is refused here all the same. The profile is Zoho's answer now (a
   * minute old at most), the list the team's from Zoho.
   */
  async function asApprover() {
    const ctx = await requestContext(deps);
    requireFeature(ctx.settings, 'stageSuggestions');
    const check = await approvalCheck(ctx);
    if (!check.ok) throw notApprover(check);
    return { ctx, connection: ctx.connection, check };
  }

  /** The Stage write through the outbox; Zoho's refusal (validation rule, Blueprint, permission) rethrown as stored, nothing kept. */
  async function writeStage(dealId: string, stage: string, summary: string): Promise<OutboxItem> {
    const item = await outbox.submit({ op: 'update', module: 'Deals', recordId: dealId, data: { Stage: stage }, summary });
    if (item.status !== 'failed') return item;
    await outbox.discard(item.key);
    // Zoho's words in `zoho` still; retrying would meet the same refusal.
    throw StagecoachError.fromJSON({ ...(item.lastError ?? { code: 'zoho_error' }), action: 'none' });
  }

  async function decide(input: Input<'decideSuggestion'>): Promise<DecisionResult> {
    const { ctx, connection, check } = await asApprover();
    // The card the approver just saw (read at most ten minutes ago), not a second read (issue 12).
    const shown = await view(input.dealId, ctx, undefined, { maxAgeMs: 10 * 60_000 });
    if (!shown.pipeline.stages.some((stage) => stage.name === input.target)) throw new StagecoachError('conflict', { reason: 'stage_not_in_pipeline', params: [input.target] });
    const from = shown.deal.stage;
    const deal = { module: 'Deals', id: input.dealId };
    const owner = ownerOf(connection);
    const kept = input.basis === 'model' ? await db.records.get([MODEL_ANSWER, input.dealId]) : undefined;
    const modelAnswer = kept && sameOwner(kept, owner) ? (kept.value as Suggestion) : undefined;
    const note = (decision: 'approved' | 'rejected', evidence: string[]) =>
      decisionNote({
        decision,
        from,
        to: input.target,
        basis: basisLine(input, shown, modelAnswer),
        who: approverLine(connection.user.name, check),
        when: new Date(deps.now()).toISOString(),
        comment: input.comment,
        evidence,
      });
    // Kept only while the account that decided is still signed in: a decision that outlived its
    // connection (a disconnect, a sign-in as somebody else meanwhile) is never shown to the next.
    const remember = async (decision: 'approved' | 'rejected') => {
      const row = { dealId: input.dealId, target: input.target, decision, from, signalIds: shown.signals.map((s) => s.id), at: deps.now(), by: connection.user.id, ...owner! };
      if (!(await whileSignedIn(db, owner, [db.decisions], () => db.decisions.put(row)))) throw new StagecoachError('not_connected');
    };

    if (input.decision === 'reject') {
      await remember('rejected');
      let item: OutboxItem | null = null;
      if (input.addNote) {
        const { title, content } = note('rejected', evidenceLines(shown.signals, input.evidence));
        item = await outbox.submit({ op: 'create', module: 'Notes', data: notePayload(deal, content, title), summary: `Note on ${shown.deal.name}: suggestion rejected` });
      }
      await closeRequests(shown, input.target);
      return { decision: 'rejected', stage: null, note: item };
    }

    if (from === input.target) throw new StagecoachError('conflict', { reason: 'already_at_stage', params: [from] });
    // An approval still waiting in the outbox is not approved twice (a second click, a second panel).
    const waiting = await db.outbox.where('status').anyOf('pending', 'sending').filter((row) => row.module === 'Deals' && row.recordId === input.dealId).count();
    if (waiting > 0) throw new StagecoachError('conflict', { reason: 'stage_change_waiting' });
    const stage = await writeStage(input.dealId, input.target, `Stage of ${shown.deal.name}: ${from} → ${input.target}`);
    await remember('approved');
    const { title, content } = note('approved', evidenceLines(shown.signals, input.evidence));
    const audit = await outbox.submit({ op: 'create', module: 'Notes', data: notePayload(deal, content, title), summary: `Note on ${shown.deal.name}: stage change`, after: stage.key });
    // Every open request on the deal is answered by the decision (one for another stage too: the deal has moved).
    await closeRequests(shown, null, stage.key);
    void db.records.delete(['Deals', input.dealId]);
    forgetDeal(input.dealId);
    return { decision: 'approved', stage, note: audit };
  }

  /**
   * The approval requests a decision answers, completed in Zoho (Status "Completed") so they stop
   * showing: after a rejection those for the rejected stage, after an approval all of them.
   */
  async function closeRequests(shown: DealSuggestionView, target: string | null, after?: string) {
    for (const request of shown.approvalRequests) {
      if (!request.taskId || (target !== null && request.target !== target)) continue;
      await outbox.submit({
        op: 'update',
        module: 'Tasks',
        recordId: request.taskId,
        data: { Status: 'Completed' },
        summary: `Approval request for ${shown.deal.name} → ${request.target}: answered`,
        ...(after ? { after } : {}),
      });
    }
  }

  /**
   * Undo of an approval this user made moments ago (UNDO_WINDOW_MS, a few seconds' grace for the
   * click in flight): a second stage change back, with its own audit note, through the same outbox
   * and approver check; refused once the window has passed or the deal has moved on since.
   */
  async function undoStageChange(input: Input<'undoStageChange'>): Promise<UndoResult> {
    const { ctx, connection, check } = await asApprover();
    const owner = ownerOf(connection);
    const row = await db.decisions.get([input.dealId, input.from]);
    const mine = row !== undefined && sameOwner(row, owner) && row.by === connection.user.id && row.decision === 'approved' && row.from === input.to;
    if (!row || !mine || deps.now() - row.at > UNDO_WINDOW_MS + UNDO_GRACE_MS) throw new StagecoachError('conflict', { reason: 'undo_expired' });
    const waiting = await db.outbox.where('status').anyOf('pending', 'sending').filter((r) => r.module === 'Deals' && r.recordId === input.dealId).count();
    if (waiting > 0) throw new StagecoachError('conflict', { reason: 'stage_change_waiting' });
    // Read fresh: only a deal still at the approved stage is moved back.
    forgetDeal(input.dealId);
    const shown = await view(input.dealId, ctx);
    if (shown.deal.stage !== input.from) throw new StagecoachError('conflict', { reason: 'stage_changed_since', params: [shown.deal.stage] });
    if (!shown.pipeline.stages.some((stage) => stage.name === input.to)) throw new StagecoachError('conflict', { reason: 'stage_not_in_pipeline', params: [input.to] });
    const stage = await writeStage(input.dealId, input.to, `Stage of ${shown.deal.name}: ${input.from} → ${input.to} (undo)`);
    await db.decisions.delete([input.dealId, input.from]);
    const { title, content } = undoNote({ from: input.from, to: input.to, who: approverLine(connection.user.name, check), when: new Date(deps.now()).toISOString(), approvedAt: new Date(row.at).toISOString() });
    const note = await outbox.submit({ op: 'create', module: 'Notes', data: notePayload({ module: 'Deals', id: input.dealId }, content, title), summary: `Note on ${shown.deal.name}: stage change undone`, after: stage.key });
    void db.records.delete(['Deals', input.dealId]);
    forgetDeal(input.dealId);
    return { stage, note };
  }

  /** One request per deal at a time in this worker: two clicks (two tabs) cannot both find none and both ask. */
  const asking = new Map<string, Promise<unknown>>();
  function requestApproval(input: Input<'requestApproval'>): Promise<RequestApprovalResult> {
    const before = asking.get(input.dealId) ?? Promise.resolve();
    const mine = before.catch(() => {}).then(() => requestApprovalNow(input));
    asking.set(input.dealId, mine);
    void mine.finally(() => asking.get(input.dealId) === mine && asking.delete(input.dealId)).catch(() => {});
    return mine;
  }

  async function requestApprovalNow(input: Input<'requestApproval'>): Promise<RequestApprovalResult> {
    const ctx = await requestContext(deps);
    // Read fresh (the deal's tasks come in the same composite read): a request already open in
    // Zoho, or waiting in this browser's outbox, for this stage is not made twice.
    forgetDeal(input.dealId);
    const shown = await view(input.dealId, ctx);
    if (!shown.pipeline.stages.some((stage) => stage.name === input.target)) throw new StagecoachError('conflict', { reason: 'stage_not_in_pipeline', params: [input.target] });
    const open = shown.approvalRequests.find((request) => request.target === input.target);
    if (open) throw new StagecoachError('conflict', { reason: 'approval_already_requested', params: [open.requestedBy.name ?? '', input.target] });
    const ownerId = shown.deal.owner?.id;
    if (!ownerId) throw new StagecoachError('not_found', { reason: 'deal_has_no_owner' });
    const owner = (await client.request(`/users/${ownerId}`, userAnswer))?.users[0];
    // The top of the hierarchy has no manager: the request goes to the owner then, and says so.
    const manager = owner?.Reporting_To ?? null;
    const assignee = manager ? { id: manager.id, name: manager.name ?? null } : { id: ownerId, name: shown.deal.owner?.name ?? null };
    const task = await outbox.submit({
      op: 'create',
      module: 'Tasks',
      data: taskPayload({
        subject: approvalSubject(shown.deal.name, input.target),
        dueDate: nextWorkingDay(deps.now(), userTimeZone(ctx)),
        ownerId: assignee.id,
        priority: 'High',
        what: { module: 'Deals', id: input.dealId },
        description: [
          approvalFirstLine(ctx.connection.user.name, shown.deal.name, shown.deal.stage, input.target),
          ...(input.comment?.trim() ? [`Comment: ${input.comment.trim()}`] : []),
          'Evidence:',
          ...evidenceLines(shown.signals, input.evidence),
        ].join('\n'),
      }),
      summary: `Approval request for ${shown.deal.name} → ${input.target}`,
    });
    return { task, assignee, toManager: manager !== null };
  }

  async function createFollowUp(input: Input<'createFollowUp'>): Promise<OutboxItem> {
    // The deal gains a task: what its marks rest on has changed.
    forgetDeal(input.dealId);
    const { settings, connection } = await requestContext(deps);
    requireFeature(settings, 'stageSuggestions');
    const record = (await client.request(`/Deals/${input.dealId}`, anyRows, { query: { fields: DEAL_FIELDS } }))?.data[0];
    if (!record) throw new StagecoachError('not_found');
    const deal = dealFacts(record);
    return outbox.submit({
      op: 'create',
      module: 'Tasks',
      data: taskPayload({
        subject: input.subject,
        dueDate: input.dueDate,
        priority: input.priority,
        ownerId: connection.user.id,
        what: { module: 'Deals', id: input.dealId },
        contactId: deal.contactId,
      }),
      summary: `Task: ${input.subject}`,
    });
  }

  /**
   * What a contact page read of the contact's deals, per account: the open deals listed (by
   * contact) and the bulk read of their suggestions' evidence (by the deal ids the panel asks
   * marks for), kept CONTACT_DEALS_FRESH_MS like the page's record, so the same page again within
   * minutes costs only its free times (issue 12: warm page). A write through this extension to one
   * of the deals forgets both (forgetDeal); a change made in Zoho's own pages shows once kept
   * ones are older than that.
   */
  const contactLists = new Map<string, { at: number; rows: Record<string, unknown>[]; open: ContactDeal[] }>();
  const marksRead = new Map<string, { at: number; dealIds: string[]; read: Promise<{ gathered: Gathered[] } | null> }>();
  const accountKey = (connection: RequestContext['connection']) => `${connection.org.id}/${connection.user.id}/${connection.connectedAt ?? ''}`;
  const keepBounded = <V>(map: Map<string, V>, key: string, value: V) => {
    map.delete(key);
    map.set(key, value);
    if (map.size > KEPT_LISTS) map.delete(map.keys().next().value!);
  };

  /** Forgets what was read for a deal (after a write to it): its card's reads, and every contact list and marks with it. */
  function forgetDeal(dealId: string) {
    reader.forget(dealId);
    for (const [key, list] of contactLists) if (list.rows.some((row) => String(row.id) === dealId)) contactLists.delete(key);
    for (const [key, marks] of marksRead) if (marks.dealIds.includes(dealId)) marksRead.delete(key);
  }

  /**
   * The open deals a contact is the contact of, for the contact page's list. Read with the deal's
   * fields, so the marks the panel asks next (contactDealSuggestions, the first 25 open deals) need
   * no read of the deals again: their evidence is asked right here, as soon as the list is known,
   * not after the panel's next message (one round trip less, and no second COQL of the same deals).
   */
  async function contactDeals({ contactId }: Input<'contactDeals'>, signal?: AbortSignal): Promise<ContactDeal[]> {
    const ctx = await requestContext(deps);
    const { settings, connection } = ctx;
    requireFeature(settings, 'stageSuggestions');
    const account = accountKey(connection);
    const listKey = `${account}/${contactId}`;
    const kept = contactLists.get(listKey);
    if (kept && deps.now() - kept.at <= CONTACT_DEALS_FRESH_MS) return kept.open;
    // The first 25 in a read a composite call can carry (with the page's other reads); more only when there are.
    const rows = await reader.coqlUpTo(`select id, ${DEAL_COLUMNS} from Deals where Contact_Name = '${contactId}' order by Closing_Date desc`, 200, signal);
    // Each deal by its own pipeline's stages: the org's pipeline metadata is read once and cached.
    const open: ContactDeal[] = [];
    const openRows: Record<string, unknown>[] = [];
    // Looked up together: the marks' reads below start the sooner (with the page's other reads, where they meet in time).
    const pipelines = await Promise.all(rows.map((row) => reader.pipeline(typeof row.Pipeline === 'string' ? row.Pipeline : null, connection, signal)));
    for (const [index, row] of rows.entries()) {
      const stages = pipelines[index]!;
      const stage = String(row.Stage ?? '');
      if (stages.stages.some((s) => s.name === stage && s.forecastType === 'Open')) {
        open.push({ id: String(row.id), name: String(row.Deal_Name ?? ''), stage, closingDate: typeof row.Closing_Date === 'string' ? row.Closing_Date : null });
        openRows.push(row);
      }
    }
    const at = deps.now();
    keepBounded(contactLists, listKey, { at, rows, open });
    // The marks' reads for the deals the panel will ask about (ContactDeals.tsx: the first 25), not
    // tied to this request: the panel asks for them as soon as it has the list.
    const first = openRows.slice(0, MARKED_DEALS);
    if (first.length > 0) {
      const dealIds = first.map((row) => String(row.id));
      const read = reader.gatherRows(first, userTimeZone(ctx)).catch(() => null);
      keepBounded(marksRead, `${account}/${dealIds.join(',')}`, { at, dealIds, read });
    }
    return open;
  }

  /**
   * Which of a contact's open deals the rules suggest a change for, read in bulk as the dry run
   * reads (their meetings and tasks in one query each, notes and stage histories five deals a
   * composite call, all asked at once), not each deal's card one at a time. The deals' own rows
   * and often the whole read come from the contact's list just read (contactDeals).
   */
  async function contactDealSuggestions({ dealIds }: Input<'contactDealSuggestions'>, signal?: AbortSignal): Promise<ContactDealSuggestion[]> {
    const ctx = await requestContext(deps);
    requireFeature(ctx.settings, 'stageSuggestions');
    const used = criteriaInUse(ctx.settings);
    const account = accountKey(ctx.connection);
    const key = `${account}/${dealIds.join(',')}`;
    const kept = marksRead.get(key);
    const fresh = kept && deps.now() - kept.at <= CONTACT_DEALS_FRESH_MS ? await abortable(kept.read, signal) : null;
    if (!fresh && kept) marksRead.delete(key);
    const { gathered } =
      fresh ??
      (await reader.gatherMany(`select id, ${DEAL_COLUMNS} from Deals where id in (${dealIds.map((id) => `'${id}'`).join(', ')}) limit ${dealIds.length}`, userTimeZone(ctx), { signal }));
    const owner = ownerOf(ctx.connection);
    const answer: ContactDealSuggestion[] = [];
    for (const { input, pipelineName } of gathered) {
      const result = suggestStage(input, await reader.pipeline(pipelineName, ctx.connection, signal), used.criteria);
      const decisions = (await db.decisions.where('dealId').equals(input.deal.id).toArray()).filter((row) => sameOwner(row, owner));
      answer.push({ dealId: input.deal.id, target: rejectedBefore(decisions, result, input.deal.stage) ? null : (result.suggestion?.target ?? null) });
    }
    return answer;
  }

  /** How far the dry run running now has read (the options page shows "n of 40"). */
  let dryRunProgress: { read: number; total: number } | null = null;

  /** What the criteria (as typed in the options page, not yet saved) would do to recent deals. */
  async function dryRun({ criteria: text }: Input<'criteriaDryRun'>, signal?: AbortSignal): Promise<DryRunView> {
    const ctx = await requestContext(deps);
    const parsed = parseCriteria(text.trim() ? text : DEFAULT_CRITERIA_TEXT);
    if (!parsed.ok) return { ok: false, errors: parsed.errors };
    // In bulk (reads.ts gatherMany): one COQL for the deals with their fields, their meetings and
    // tasks in one query each, notes and stage histories five deals a composite call — not each
    // deal's reads one at a time. A deal that cannot be read is counted, not fatal.
    const { gathered, failed: dealsFailed } = await reader.gatherMany(
      `select id, ${DEAL_COLUMNS} from Deals where Modified_Time > '${zohoDateTime(deps.now() - 365 * 24 * 60 * 60_000)}' order by Modified_Time desc limit 40`,
      userTimeZone(ctx),
      { signal, onProgress: (read, total) => (dryRunProgress = { read, total }) },
    );
    // Each deal is judged by its own pipeline's stages (read once per org, cached).
    const pipelines = new Map<Gathered['input'], Pipeline>();
    for (const { input, pipelineName } of gathered) pipelines.set(input, await reader.pipeline(pipelineName, ctx.connection, signal));
    const fallback = pipelines.values().next().value ?? (await reader.pipeline(null, ctx.connection, signal));
    const pipelineOf = (input: Gathered['input']) => pipelines.get(input) ?? fallback;
    return { ok: true, result: runDryRun({ deals: gathered.map((g) => g.input), pipeline: fallback, criteria: parsed.criteria, pipelineOf }), dealsRead: gathered.length, dealsFailed };
  }

  const handlers: Handlers<typeof suggestionRequests> = {
    dealSuggestion: async ({ dealId }, { signal }) => view(dealId, await requestContext(deps), signal),
    askAi: (input, { signal }) => askAi(input, signal),
    decideSuggestion: decide,
    undoStageChange,
    requestApproval,
    createFollowUp,
    contactDeals: (input, { signal }) => contactDeals(input, signal),
    contactDealSuggestions: (input, { signal }) => contactDealSuggestions(input, signal),
    criteriaDryRun: (input, { signal }) => dryRun(input, signal).finally(() => (dryRunProgress = null)),
    criteriaDryRunProgress: async () => dryRunProgress,
    aiKeyStatus: ({ baseUrl }) => provider.keyStatus(baseUrl),
    saveAiKey: async ({ key }) => provider.saveKey(key, await deps.settings()),
  };
  return { handlers };
}
