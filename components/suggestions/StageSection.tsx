// The deal-stage part of the panel: the pipeline with the current stage, the suggested stage with
// its evidence (each item a link to its source in Zoho), and the decision — Approve, Edit, Reject
// for approvers, "Request approval" for everyone else — plus the model's second opinion and the
// follow-up tasks found in meeting notes. Everything from Zoho or a model is rendered as text.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { StagecoachError } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import type { ConnectionStatus } from '@/lib/connection/types';
import { UNDO_WINDOW_MS, type AiOutcome, type ApprovalRequestView, type DealSuggestionView } from '@/lib/suggestions/views';
import type { OutboxItem } from '@/lib/sync/types';
import type { Signal, Suggestion } from '@/lib/suggestions/types';
import { recordPageUrl } from '@/lib/zoho/url';
import { ErrorNotice } from '../ErrorNotice';
import { isSharedTrouble } from '../trouble';
import { t, uiLocale, type MessageKey } from '../i18n';
import { request } from '../messenger';
import { queryKeys } from '../queries';
import { byPerson } from '../trusted';
import { reloadZohoPage, zohoPageHref } from '../zohoPage';
import { useFold } from '../Disclosure';
import { usePageSignal } from '../sections/define';
import { approvalWhy } from './approvalWhy';
import { FollowUps } from './FollowUps';
import { dealSuggestionQuery, lastKnownCardQuery } from './queries';
import { timeAgo } from './relativeTime';
import './suggestions.css';

type Connected = Extract<ConnectionStatus, { state: 'connected' | 'reconnect_needed' }>;

/** The deal page's section: the pipeline strip, then the suggestion. */
export function StageSection({ dealId, orgId, user }: { dealId: string; orgId: string | null; user: Connected['user'] }) {
  const headingId = useId();
  return (
    <section className="stage" aria-labelledby={headingId} data-testid="stage-section">
      <h3 id={headingId} className="stage-heading">
        {t('stage_region')}
      </h3>
      <DealSuggestion dealId={dealId} orgId={orgId} user={user} showPipeline />
    </section>
  );
}

export function DealSuggestion({ dealId, orgId, user, showPipeline }: { dealId: string; orgId: string | null; user: Connected['user']; showPipeline: boolean }) {
  const pageSignal = usePageSignal();
  const query = useQuery(dealSuggestionQuery(dealId, pageSignal));
  // Until Zoho answers, the card last known in this browser: shown as updating, not to be decided on.
  const lastKnown = useQuery(lastKnownCardQuery(dealId, pageSignal));
  // Kept here: the deal is re-read after a decision, and the card below is replaced by what follows.
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Zoho not answering (or its limit): the last known card stays under the panel's one banner.
  const cached = query.isPending || isSharedTrouble(query.error) ? (lastKnown.data ?? null) : null;
  if (query.isPending && !cached) return <p className="muted">{t('stage_loading')}</p>;
  const failed = query.isError ? <ErrorNotice error={query.error} onRetry={() => void query.refetch()} /> : null;
  if (failed && !cached) return failed;
  // A card kept by an older version may lack the newer fields: read as none.
  const kept = query.data ?? cached!.value;
  const view: DealSuggestionView = { ...kept, approvalRequests: kept.approvalRequests ?? [], undo: kept.undo ?? null };
  const clock = { locale: uiLocale(), timeFormat: user.timeFormat, timeZone: user.timeZone };
  return (
    <>
      {failed}
      {cached ? (
        <p className="muted stage-updating" role="status" data-testid="stage-updating">
          {t('stage_updating', formatDateTime(cached.savedAt, clock))}
        </p>
      ) : null}
      <div className="stage-view" inert={cached ? true : undefined} aria-busy={cached ? true : undefined}>
        {showPipeline ? <StageBar view={view} /> : null}
        {view.pipeline.unmatched ? (
          <p className="notice notice-warn" role="status" data-testid="pipeline-unmatched">
            {t('stage_pipelineUnmatched', view.pipeline.unmatched.pipeline ?? '—')}
          </p>
        ) : null}
        {view.criteria.invalid ? (
          <p className="notice notice-warn" role="status" data-testid="criteria-invalid">
            {t('stage_criteriaInvalid')}
          </p>
        ) : null}
        {outcome ? <DecisionOutcome {...outcome} /> : null}
        {view.undo && outcome?.outcome !== 'undone' ? <AfterApproval view={view} undo={view.undo} onUndone={setOutcome} /> : null}
        {view.deal.closed ? (
          <p className="muted" data-testid="stage-closed">
            {t('stage_closed', view.deal.stage)}
          </p>
        ) : (
          // A new block after each decision: the card decided on, and any model answer, are gone.
          <SuggestionBlock
            key={`${view.deal.stage}/${view.suggestion?.target ?? ''}/${outcome?.at ?? 0}`}
            view={view}
            orgId={orgId}
            clock={clock}
            onDecided={setOutcome}
            waitingFor={outcome?.outcome === 'approved' && outcome.stage?.status !== 'done' ? outcome.target : null}
          />
        )}
        {showPipeline ? <FullStageList view={view} /> : null}
        {view.actionItems.length > 0 ? <FollowUps view={view} /> : null}
      </div>
    </>
  );
}

/** The full stage list's fold, the same on every deal page and across reloads. */
const STAGE_LIST_FOLD = 'stage-list';

/**
 * One line: the pipeline's stages as small steps, the current one and the suggested one marked
 * (in words for screen readers, by shape and a glyph for the eye, not by colour alone), and the
 * button that opens the full list below the suggestion.
 */
function StageBar({ view }: { view: DealSuggestionView }) {
  const [open, setOpen] = useFold(STAGE_LIST_FOLD, false);
  const stages = view.pipeline.stages;
  const current = stages.findIndex((stage) => stage.name === view.deal.stage);
  const currentLabel = stages[current]?.label ?? view.deal.stage;
  const listId = `${STAGE_LIST_FOLD}-${view.deal.id}`;
  return (
    <div className="stage-bar-line">
      <ol className="stage-bar" aria-label={t('stage_barLabel', [currentLabel, String(current + 1), String(stages.length)])} data-testid="stage-bar">
        {stages.map((stage, index) => {
          const suggested = view.suggestion?.target === stage.name;
          const state = index === current ? 'current' : index < current && stage.forecastType === 'Open' ? 'done' : 'todo';
          return (
            <li key={stage.name} className="stage-bar-step" data-state={state} data-suggested={suggested ? 'true' : undefined} aria-current={index === current ? 'step' : undefined} title={stage.label}>
              <span aria-hidden="true">{index === current ? '●' : suggested ? '★' : ''}</span>
              <span className="visually-hidden">
                {stage.label}
                {index === current ? `, ${t('stage_barCurrent')}` : ''}
                {suggested ? `, ${t('stage_barSuggested')}` : ''}
              </span>
            </li>
          );
        })}
      </ol>
      <button type="button" className="button-link stage-bar-toggle" aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)} data-testid="stage-list-toggle">
        {t('stage_allStages', String(stages.length))}
      </button>
    </div>
  );
}

/** Today's full stage list, below the suggestion, when the bar's button has opened it. */
function FullStageList({ view }: { view: DealSuggestionView }) {
  const [open] = useFold(STAGE_LIST_FOLD, false);
  return (
    <div id={`${STAGE_LIST_FOLD}-${view.deal.id}`} hidden={!open}>
      {open ? <PipelineStrip view={view} /> : null}
    </div>
  );
}

function PipelineStrip({ view }: { view: DealSuggestionView }) {
  const current = view.pipeline.stages.findIndex((stage) => stage.name === view.deal.stage);
  return (
    <ol className="stage-pipeline" aria-label={t('stage_pipeline', view.pipeline.name ?? '')} data-testid="stage-pipeline">
      {view.pipeline.stages.map((stage, index) => (
        <li
          key={stage.name}
          className={index === current ? 'stage-step stage-current' : index < current && stage.forecastType === 'Open' ? 'stage-step stage-done' : 'stage-step'}
          aria-current={index === current ? 'step' : undefined}
          data-suggested={view.suggestion?.target === stage.name ? 'true' : undefined}
        >
          <span className="stage-name">
            {stage.label}
            {view.suggestion?.target === stage.name ? <span className="stage-tag"> {t('stage_suggestedTag')}</span> : null}
          </span>
          {stage.probability !== null ? <span className="stage-prob muted">{t('stage_probability', String(stage.probability))}</span> : null}
        </li>
      ))}
    </ol>
  );
}

type Clock = { locale: string; timeFormat: string | null; timeZone: string | null };
type Outcome = {
  outcome: 'approved' | 'rejected' | 'undone';
  stage: OutboxItem | null;
  note: OutboxItem | null;
  target: string;
  at: number;
  /** Undone after Zoho's page was reloaded: the stage its record view still shows. */
  shownInZoho?: string;
};
type OnDecided = (outcome: Outcome) => void;

function SuggestionBlock({
  view,
  orgId,
  clock,
  onDecided,
  waitingFor,
}: {
  view: DealSuggestionView;
  orgId: string | null;
  clock: Clock;
  onDecided: OnDecided;
  /** An approved change still on its way to Zoho: its card is not offered again meanwhile. */
  waitingFor: string | null;
}) {
  const [model, setModel] = useState<AiOutcome | null>(null);
  const candidate = model?.ok ? model.suggestion : view.suggestion;
  const shown = candidate && candidate.target === waitingFor ? null : candidate;
  if (waitingFor && !shown) return null;
  return (
    <>
      {view.suppressed && !model?.ok ? (
        <p className="notice" role="status" data-testid="suggestion-suppressed">
          {t('stage_suppressed', [view.suppressed.target, formatDateTime(view.suppressed.at, clock)])}
        </p>
      ) : null}
      {shown ? (
        <SuggestionCard view={view} suggestion={shown} basis={model?.ok ? 'model' : 'rules'} orgId={orgId} clock={clock} onDecided={onDecided} />
      ) : view.suppressed ? null : (
        <NoSuggestion view={view} />
      )}
      {view.ai.provider !== 'none' ? <AskModel view={view} outcome={model} onOutcome={setModel} /> : null}
    </>
  );
}

function NoSuggestion({ view }: { view: DealSuggestionView }) {
  const open = view.considered.filter((c) => !c.matched && c.missing.length > 0);
  return (
    <div className="stage-none" data-testid="no-suggestion">
      <p>{t('stage_noSuggestion', view.deal.stage)}</p>
      {open.length > 0 ? (
        <details className="stage-why">
          <summary>{t('stage_whyNot')}</summary>
          <ul>
            {open.map((c) => (
              <li key={c.criterion}>
                <strong>{c.target}</strong>: {c.missing.join('; ')}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function SuggestionCard({
  view,
  suggestion,
  basis,
  orgId,
  clock,
  onDecided,
}: {
  view: DealSuggestionView;
  suggestion: Suggestion;
  basis: 'rules' | 'model';
  orgId: string | null;
  clock: Clock;
  onDecided: OnDecided;
}) {
  const ids = useId();
  const evidence = suggestion.evidence.map((id) => view.signals.find((signal) => signal.id === id)).filter((s): s is Signal => s !== undefined);
  return (
    <article className="stage-card" aria-labelledby={`${ids}-title`} data-testid="suggestion-card" data-basis={basis}>
      <p className="stage-card-kicker muted">{t(basis === 'model' ? 'stage_suggestedByModel' : 'stage_suggested')}</p>
      <h4 id={`${ids}-title`} className="stage-card-title">
        <span className="muted">{view.deal.stage}</span> <span aria-hidden="true">→</span>
        <span className="visually-hidden"> {t('stage_to')} </span> <span data-testid="suggestion-target">{suggestion.target}</span>
      </h4>
      <p className="stage-confidence" data-testid="suggestion-confidence">
        {t('stage_confidence', new Intl.NumberFormat(clock.locale, { style: 'percent' }).format(suggestion.confidence))}
      </p>
      <p className="stage-basis" data-testid="suggestion-basis">
        {suggestion.by.kind === 'rules' ? t('stage_criterion', [suggestion.by.description, suggestion.by.criterion]) : t('stage_modelReason', [suggestion.by.model, suggestion.by.reason])}
      </p>
      <h5 className="stage-evidence-heading">{t('stage_evidence')}</h5>
      <ul className="stage-evidence" data-testid="evidence">
        {evidence.map((signal) => (
          <li key={signal.id}>
            <EvidenceItem signal={signal} dealId={view.deal.id} orgId={orgId} clock={clock} />
          </li>
        ))}
      </ul>
      {view.canApprove ? (
        <>
          <PendingRequests view={view} clock={clock} />
          <Decide view={view} suggestion={suggestion} basis={basis} onDecided={onDecided} />
        </>
      ) : (
        <RequestApproval view={view} suggestion={suggestion} clock={clock} />
      )}
    </article>
  );
}

const SOURCE_KIND: Record<Signal['source']['kind'], MessageKey> = {
  note: 'stage_sourceNote',
  event: 'stage_sourceEvent',
  task: 'stage_sourceTask',
  field: 'stage_sourceField',
  history: 'stage_sourceHistory',
};

function EvidenceItem({ signal, dealId, orgId, clock }: { signal: Signal; dealId: string; orgId: string | null; clock: Clock }) {
  // Notes, fields and the stage history live on the deal's page; meetings and tasks have their own.
  const target = signal.source.kind === 'event' || signal.source.kind === 'task' ? { module: signal.source.module, recordId: signal.source.id } : { module: 'Deals', recordId: dealId };
  const href = recordPageUrl(zohoPageHref(), { ...target, orgId });
  const when = signal.at ? formatWhen(signal.at, clock) : null;
  return (
    <>
      <span className="stage-source">{t(SOURCE_KIND[signal.source.kind])}</span>{' '}
      {href ? (
        <a href={href} target="_top" className="stage-source-link">
          {signal.sourceTitle}
        </a>
      ) : (
        <span>{signal.sourceTitle}</span>
      )}
      {when ? <span className="muted"> · {when}</span> : null}
      <q className="stage-quote">{signal.text}</q>
    </>
  );
}

function formatWhen(at: string, clock: Clock): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(at)) return new Intl.DateTimeFormat(clock.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.parse(`${at}T00:00:00Z`));
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? at : formatDateTime(ms, clock);
}

function useDecisionDone() {
  const queryClient = useQueryClient();
  return (dealId: string) => {
    // The deal's card, and the contact pages that list the deal with its stage.
    void queryClient.invalidateQueries({ queryKey: queryKeys.dealSuggestion(dealId) });
    void queryClient.invalidateQueries({ queryKey: ['suggestions', 'contact'] });
    void queryClient.invalidateQueries({ queryKey: queryKeys.records });
    void queryClient.invalidateQueries({ queryKey: queryKeys.sync });
  };
}

/** Approve the suggestion, approve another stage (Edit), or reject it, optionally with a note. */
function Decide({ view, suggestion, basis, onDecided }: { view: DealSuggestionView; suggestion: Suggestion; basis: 'rules' | 'model'; onDecided: OnDecided }) {
  const ids = useId();
  const done = useDecisionDone();
  const [mode, setMode] = useState<'idle' | 'edit' | 'reject'>('idle');
  const others = view.pipeline.stages.filter((stage) => stage.name !== view.deal.stage);
  const [edited, setEdited] = useState(suggestion.target);
  const [comment, setComment] = useState('');
  const [addNote, setAddNote] = useState(true);
  const decide = useMutation({
    mutationFn: (input: { decision: 'approve' | 'reject'; target: string; basis: 'rules' | 'model' | 'edited' }) =>
      request('decideSuggestion', {
        dealId: view.deal.id,
        ...input,
        evidence: suggestion.evidence,
        ...(comment.trim() ? { comment } : {}),
        ...(input.decision === 'reject' ? { addNote } : {}),
      }),
    onSuccess: (result, input) => {
      onDecided({ outcome: result.decision, stage: result.stage, note: result.note, target: input.target, at: Date.now() });
      done(view.deal.id);
    },
  });

  const busy = decide.isPending;
  return (
    <div className="stage-actions">
      {mode === 'idle' ? (
        <div className="stage-buttons">
          <button type="button" className="button button-primary" disabled={busy} onClick={(event) => byPerson(event) && decide.mutate({ decision: 'approve', target: suggestion.target, basis })}>
            {busy ? t('stage_saving') : t('stage_approve', suggestion.target)}
          </button>
          <button type="button" className="button button-secondary" disabled={busy} onClick={() => setMode('edit')}>
            {t('stage_edit')}
          </button>
          <button type="button" className="button button-secondary" disabled={busy} onClick={() => setMode('reject')}>
            {t('stage_reject')}
          </button>
        </div>
      ) : (
        <form
          className="stage-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!byPerson(event)) return;
            if (mode === 'edit') decide.mutate({ decision: 'approve', target: edited, basis: edited === suggestion.target ? basis : 'edited' });
            else decide.mutate({ decision: 'reject', target: suggestion.target, basis });
          }}
        >
          {mode === 'edit' ? (
            <>
              <label htmlFor={`${ids}-stage`}>{t('stage_editLabel')}</label>
              <select id={`${ids}-stage`} value={edited} onChange={(event) => setEdited(event.target.value)} data-testid="edit-stage" autoFocus>
                {others.map((stage) => (
                  <option key={stage.name} value={stage.name}>
                    {stage.label}
                  </option>
                ))}
              </select>
            </>
          ) : null}
          <label htmlFor={`${ids}-comment`}>{t('stage_comment')}</label>
          {/* The form replaces the button that opened it: focus moves into it, not to the page. */}
          <textarea id={`${ids}-comment`} rows={2} maxLength={2000} value={comment} onChange={(event) => setComment(event.target.value)} autoFocus={mode === 'reject'} />
          {mode === 'reject' ? (
            <label className="stage-check">
              <input type="checkbox" checked={addNote} onChange={(event) => setAddNote(event.target.checked)} /> {t('stage_rejectNote')}
            </label>
          ) : null}
          <div className="stage-buttons">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t('stage_saving') : mode === 'edit' ? t('stage_approve', edited) : t('stage_confirmReject')}
            </button>
            <button type="button" className="button button-secondary" disabled={busy} onClick={() => setMode('idle')}>
              {t('stage_back')}
            </button>
          </div>
        </form>
      )}
      {decide.isError ? <ErrorNotice error={decide.error} /> : null}
    </div>
  );
}

function DecisionOutcome({ outcome, stage, note, target, shownInZoho }: Outcome) {
  // The note is told as it stands: in Zoho, waiting in the outbox, or refused (with Zoho's words).
  const noteFailed = note?.status === 'failed' && note.lastError ? <ErrorNotice error={StagecoachError.fromJSON(note.lastError)} /> : null;
  if (outcome === 'undone') {
    const queued = stage?.status !== 'done' || (note && note.status !== 'done' && note.status !== 'failed');
    return (
      <div data-testid="decision-outcome">
        <p className={queued ? 'notice notice-warn' : 'notice notice-ok'} role="status" data-testid="undone">
          {t(queued ? 'stage_undoneQueued' : 'stage_undone', target)}
        </p>
        {shownInZoho && !queued ? <ReloadOffer shows={shownInZoho} /> : null}
        {noteFailed}
      </div>
    );
  }
  if (outcome === 'rejected') {
    return (
      <div data-testid="decision-outcome">
        <p className="notice" role="status">
          {t(!note ? 'stage_rejected' : note.status === 'done' ? 'stage_rejectedWithNote' : 'stage_rejectedNoteQueued')}
        </p>
        {noteFailed}
      </div>
    );
  }
  const queued = (stage && stage.status !== 'done') || (note && note.status !== 'done' && note.status !== 'failed');
  return (
    <div data-testid="decision-outcome">
      <p className={queued ? 'notice notice-warn' : 'notice notice-ok'} role="status">
        {t(stage && stage.status !== 'done' ? 'stage_approvedQueued' : note?.status === 'done' ? 'stage_approvedDone' : 'stage_approvedNoteQueued', target)}
      </p>
      {noteFailed}
    </div>
  );
}

/** When this panel's page was loaded: a Zoho page loaded after a change already shows it. */
const PAGE_LOADED_AT = performance.timeOrigin;

/**
 * Right after Approve: Zoho's record view beside the panel still shows the old stage until it is
 * reloaded (said plainly, with the reload offered), and Undo for UNDO_WINDOW_MS — a second stage
 * change back, with its own note, through the same outbox and approver check.
 */
function AfterApproval({ view, undo, onUndone }: { view: DealSuggestionView; undo: NonNullable<DealSuggestionView['undo']>; onUndone: OnDecided }) {
  const done = useDecisionDone();
  const [open, setOpen] = useState(() => undo.until > Date.now());
  useEffect(() => {
    const left = undo.until - Date.now();
    if (left <= 0) return setOpen(false);
    setOpen(true);
    const timer = setTimeout(() => setOpen(false), left);
    return () => clearTimeout(timer);
  }, [undo.until]);
  const back = useMutation({
    mutationFn: () => request('undoStageChange', { dealId: view.deal.id, from: undo.from, to: undo.to }),
    onSuccess: (result) => {
      onUndone({ outcome: 'undone', stage: result.stage, note: result.note, target: undo.to, at: Date.now(), ...(pageIsOld ? {} : { shownInZoho: undo.from }) });
      done(view.deal.id);
    },
  });
  const approvedAt = undo.until - UNDO_WINDOW_MS;
  // A Zoho page loaded before the approval still shows the stage it had then.
  const pageIsOld = PAGE_LOADED_AT < approvedAt;
  if (!open && !pageIsOld && !back.isError) return null;
  return (
    <div className="stage-after" data-testid="after-approval">
      {pageIsOld ? <ReloadOffer shows={undo.to} /> : null}
      {open ? (
        <p className="stage-after-row">
          <button type="button" className="button button-secondary" disabled={back.isPending} onClick={(event) => byPerson(event) && back.mutate()} data-testid="undo">
            {back.isPending ? t('stage_undoing') : t('stage_undo', undo.to)}
          </button>{' '}
          <span className="muted">{t('stage_undoHint', String(UNDO_WINDOW_MS / 1000))}</span>
        </p>
      ) : null}
      {back.isError ? <ErrorNotice error={back.error} /> : null}
    </div>
  );
}

/** Zoho's record view beside the panel shows `shows` until reloaded: said, and the reload offered. */
function ReloadOffer({ shows }: { shows: string }) {
  return (
    <p className="stage-after-row">
      <span data-testid="reload-hint">{t('stage_reloadHint', shows)}</span>{' '}
      <button type="button" className="button button-secondary" onClick={(event) => byPerson(event) && reloadZohoPage()} data-testid="reload-zoho">
        {t('stage_reloadZoho')}
      </button>
    </p>
  );
}

/** Who asked for approval and when ("Requested by Priya Shah, 2 h ago: move to Proposal"). */
function requestLine(request: ApprovalRequestView, clock: Clock): string {
  const who = request.requestedBy.name ?? t('stage_someone');
  return request.at !== null ? t('stage_requestedBy', [who, timeAgo(request.at, Date.now(), clock.locale), request.target]) : t('stage_requestedByNoTime', [who, request.target]);
}

/** For approvers: the open requests on the deal, above Approve. */
function PendingRequests({ view, clock }: { view: DealSuggestionView; clock: Clock }) {
  if (view.approvalRequests.length === 0) return null;
  return (
    <ul className="stage-requests" data-testid="requested-by">
      {view.approvalRequests.map((request, index) => (
        <li key={request.taskId ?? `queued-${index}`}>{requestLine(request, clock)}</li>
      ))}
    </ul>
  );
}

/** For those who may not approve: a Zoho Task for the deal owner's manager, linked to the deal. */
function RequestApproval({ view, suggestion, clock }: { view: DealSuggestionView; suggestion: Suggestion; clock: Clock }) {
  const id = useId();
  const [comment, setComment] = useState('');
  const queryClient = useQueryClient();
  const ask = useMutation({
    mutationFn: () => request('requestApproval', { dealId: view.deal.id, target: suggestion.target, evidence: suggestion.evidence, ...(comment.trim() ? { comment } : {}) }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.sync });
      void queryClient.invalidateQueries({ queryKey: queryKeys.dealSuggestion(view.deal.id) });
    },
  });
  // Asked before (here, in another tab, days ago): read back from Zoho, the button is not offered again.
  const pending = view.approvalRequests.find((request) => request.target === suggestion.target);
  if (pending && !ask.data) {
    const who = pending.requestedBy.name ?? t('stage_someone');
    const when = pending.at !== null ? ` (${timeAgo(pending.at, Date.now(), clock.locale)})` : '';
    return (
      <p className="notice notice-ok" role="status" data-testid="approval-requested">
        {pending.queued
          ? t('stage_approvalRequestedQueued', pending.target)
          : `${t('stage_approvalRequested', [who, pending.assignee?.name ?? t('stage_theManager'), pending.target])}${when}`}
      </p>
    );
  }
  if (ask.data) {
    const failed = ask.data.task.status === 'failed';
    if (failed && ask.data.task.lastError) return <ErrorNotice error={StagecoachError.fromJSON(ask.data.task.lastError)} />;
    return (
      <p className="notice notice-ok" role="status" data-testid="approval-requested">
        {ask.data.task.status === 'done' ? t(ask.data.toManager ? 'stage_requested' : 'stage_requestedOwner', ask.data.assignee.name ?? '') : t('stage_requestQueued', ask.data.assignee.name ?? '')}
      </p>
    );
  }
  return (
    <form
      className="stage-form"
      onSubmit={(event) => {
        event.preventDefault();
        ask.mutate();
      }}
    >
      <p className="muted stage-approval-why" data-testid="approval-why">{approvalWhy(view)}</p>
      <label htmlFor={id}>{t('stage_commentTask')}</label>
      <textarea id={id} rows={2} maxLength={2000} value={comment} onChange={(event) => setComment(event.target.value)} />
      <button type="submit" className="button button-primary" disabled={ask.isPending}>
        {ask.isPending ? t('stage_saving') : t('stage_requestApproval')}
      </button>
      {ask.isError ? <ErrorNotice error={ask.error} /> : null}
    </form>
  );
}

/** Reasons where no answer came at all (rather than an answer that was thrown away). */
const NO_ANSWER = new Set<string>(['not_configured', 'unavailable', 'permission_needed', 'provider_error']);
const AI_REASONS = ['not_configured', 'unavailable', 'permission_needed', 'provider_error', 'bad_response', 'not_json', 'bad_shape', 'unknown_stage', 'unknown_evidence', 'no_evidence', 'same_stage'] as const;

/**
 * The body shown as "what is sent", and its digest, which the ask carries: the background sends
 * only that body. When it answers that the deal changed meanwhile, its new body is shown instead
 * (until the card itself is read again, which brings the same or a newer one) and the card is re-read.
 */
function useSentRequest(view: DealSuggestionView) {
  const queryClient = useQueryClient();
  const [fresh, setFresh] = useState<{ over: string | null; request: unknown; requestHash: string } | null>(null);
  const current = fresh && fresh.over === view.ai.requestHash ? fresh : view.ai;
  return {
    current,
    changed(outcome: AiOutcome) {
      if (outcome.ok || outcome.reason !== 'request_changed') return;
      setFresh({ over: view.ai.requestHash, request: outcome.request, requestHash: outcome.requestHash });
      void queryClient.invalidateQueries({ queryKey: queryKeys.dealSuggestion(view.deal.id) });
    },
  };
}

/** The model's second opinion, on request, with exactly what is sent shown before it is sent. */
function AskModel({ view, outcome, onOutcome }: { view: DealSuggestionView; outcome: AiOutcome | null; onOutcome: (outcome: AiOutcome | null) => void }) {
  const sent = useSentRequest(view);
  const ask = useMutation({
    mutationFn: () => request('askAi', { dealId: view.deal.id, requestHash: sent.current.requestHash ?? '' }),
    onSuccess: (next) => {
      sent.changed(next);
      onOutcome(next);
    },
  });
  const model = view.ai.model ?? '';
  const changed = outcome?.ok === false && outcome.reason === 'request_changed';
  return (
    <div className="stage-ai" data-testid="ai">
      <details className="stage-sent" open={changed || undefined}>
        <summary>{t('stage_aiWhatIsSent', model)}</summary>
        <pre data-testid="ai-request">{JSON.stringify(sent.current.request, null, 2)}</pre>
      </details>
      <button type="button" className="button button-secondary" disabled={ask.isPending} onClick={(event) => byPerson(event) && ask.mutate()}>
        {ask.isPending ? t('stage_aiAsking') : outcome?.ok ? t('stage_aiAskAgain', model) : t('stage_aiAsk', model)}
      </button>
      {changed ? (
        <p className="notice notice-warn" role="status" data-testid="ai-request-changed">
          {t('stage_aiRequestChanged')}
        </p>
      ) : outcome && !outcome.ok && outcome.reason !== 'request_changed' ? (
        <div className="notice notice-warn" role="status" data-testid="ai-discarded" data-reason={outcome.reason}>
          <p>
            {t(
              NO_ANSWER.has(outcome.reason) ? 'stage_aiNoAnswer' : 'stage_aiDiscarded',
              t(`stage_ai_${AI_REASONS.includes(outcome.reason) ? outcome.reason : 'bad_response'}` as MessageKey),
            )}
          </p>
          {outcome.detail ? <p className="notice-detail">{t('stage_aiDetail', outcome.detail)}</p> : null}
          <p>{t('stage_aiRulesStand')}</p>
        </div>
      ) : null}
      {ask.isError ? <ErrorNotice error={ask.error} /> : null}
    </div>
  );
}
