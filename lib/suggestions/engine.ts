// The rules engine: the deal's signals against the admin's criteria, one suggestion (or none) and
// the reasons. Deterministic and offline; everything it says points at signals by id.
//
// Which criteria apply: the deal is open (a closed deal is never moved); the criterion's target is
// in the pipeline and is not the current stage; `from` lists the current stage (or is `open`).
// A criterion is met when every `all` condition, at least `min_any` of the `any` conditions, no
// `none` condition and every field condition hold. Signals a later opposite signal superseded do
// not count; with `since: stage_change` (the default) only signals dated after the deal entered
// its current stage count (when Zoho gave the stage history) — what came before was the reason
// for the last move, not for the next one. Field facts (amount, closing date…) have no date and
// always count.
//
// Among met criteria: highest priority, then highest confidence, then the target earliest in the
// pipeline (the smaller step), then the criterion written first.
//
// Confidence = the criterion's base
//   + 0.03 for each supporting signal beyond the one needed per condition (at most +0.15)
//   − 0.10 when the newest dated evidence is more than 30 days old, − 0.20 past 90 days
// clamped to 0.05–0.99 and rounded to two decimals.
import { Temporal } from 'temporal-polyfill';
import { criteriaPhrases, type Condition, type Criteria, type Criterion, type FieldCondition, type Since } from './criteria';
import { findStage, stageKey } from './facts';
import { dateIn, enteredCurrentStage, extractSignals, PHRASE_KIND, SIGNAL_KINDS, type SignalKind } from './signals';
import { normalize } from './text';
import type { DealEvidenceInput, Pipeline, Signal, Suggestion, SuggestionResult } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;
const EXTRA_STEP = 0.03;
const EXTRA_MAX = 0.15;
const STALE_DAYS = 30;
const VERY_STALE_DAYS = 90;

export const CONFIDENCE_RULES = { extraStep: EXTRA_STEP, extraMax: EXTRA_MAX, staleDays: STALE_DAYS, veryStaleDays: VERY_STALE_DAYS, min: 0.05, max: 0.99 } as const;

const signalMs = (signal: Signal): number | null => {
  if (signal.at === null) return null;
  return signal.at.length === 10 ? Temporal.PlainDate.from(signal.at).toZonedDateTime('UTC').epochMilliseconds : Temporal.Instant.from(signal.at).epochMilliseconds;
};

interface Context {
  input: DealEvidenceInput;
  signals: Signal[];
  /** Epoch ms the deal entered its current stage, or null without stage history. */
  enteredMs: number | null;
  stageName: string;
}

function conditionLabel(condition: Condition): string {
  if (condition.phrase !== undefined) return `a note saying “${condition.phrase}”`;
  return SIGNAL_KINDS[condition.signal as SignalKind]?.meaning ?? condition.signal;
}

/** The live signals a condition matches (not superseded, recent enough, after the stage change). */
function matching(condition: Condition, criterionSince: Since, ctx: Context): Signal[] {
  const since = condition.since ?? criterionSince;
  const phraseSuffix = condition.phrase !== undefined ? `:${PHRASE_KIND}:${normalize(condition.phrase)}` : null;
  return ctx.signals.filter((signal) => {
    if (signal.supersededBy) return false;
    if (phraseSuffix !== null ? !(signal.kind === PHRASE_KIND && signal.id.endsWith(phraseSuffix)) : signal.kind !== condition.signal) return false;
    const at = signalMs(signal);
    if (at === null) return true;
    if (condition.withinDays !== null && ctx.input.now - at > condition.withinDays * DAY_MS) return false;
    if (since === 'stage_change' && ctx.enteredMs !== null && at < ctx.enteredMs) return false;
    return true;
  });
}

function qualifier(condition: Condition, criterionSince: Since, ctx: Context): string {
  const parts: string[] = [];
  if (condition.minCount > 1) parts.push(`${condition.minCount} needed`);
  if (condition.withinDays !== null) parts.push(`in the last ${condition.withinDays} days`);
  if ((condition.since ?? criterionSince) === 'stage_change' && ctx.enteredMs !== null) parts.push(`since the deal entered ${ctx.stageName}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

interface FieldResult {
  ok: boolean;
  evidence: string[];
  missing: string | null;
}

const OP_WORDS: Readonly<Record<string, string>> = { '>': 'above', '>=': 'at least', '<': 'below', '<=': 'at most', '=': 'equal to', '!=': 'other than' };

function compare(actual: number, op: FieldCondition['op'], expected: number): boolean {
  switch (op) {
    case '>': return actual > expected;
    case '>=': return actual >= expected;
    case '<': return actual < expected;
    case '<=': return actual <= expected;
    case '=': return actual === expected;
    case '!=': return actual !== expected;
    default: return false;
  }
}

function fieldCheck(condition: FieldCondition, ctx: Context): FieldResult {
  const { deal } = ctx.input;
  const byKind = (...kinds: string[]) => ctx.signals.filter((signal) => kinds.includes(signal.kind)).map((signal) => signal.id);
  const today = dateIn(ctx.input.now, ctx.input.timeZone);
  let actual: number | null;
  let evidence: string[];
  let label: string;
  switch (condition.field) {
    case 'Amount':
      actual = deal.amount;
      evidence = byKind('amount_set');
      label = 'Amount';
      break;
    case 'Closing_Date':
    case 'days_to_close':
      actual = deal.closingDate ? today.until(Temporal.PlainDate.from(deal.closingDate)).days : null;
      evidence = byKind('closing_date_passed', 'closing_date_near', 'closing_date_future');
      label = condition.field === 'Closing_Date' ? 'Closing date' : 'Days to close';
      break;
    case 'days_in_stage': {
      const signal = ctx.signals.find((s) => s.kind === 'days_in_stage');
      actual = signal?.value ?? null;
      evidence = signal ? [signal.id] : [];
      label = 'Days in stage';
      break;
    }
    case 'Next_Step':
      actual = deal.nextStep ? 1 : null;
      evidence = byKind('next_step_set');
      label = 'Next step';
      break;
  }
  if (condition.op === 'set' || condition.op === 'not_set') {
    const set = actual !== null && !(condition.field === 'Amount' && actual === 0);
    const ok = condition.op === 'set' ? set : !set;
    return { ok, evidence: ok && set ? evidence : [], missing: ok ? null : `${label} is ${set ? 'set' : 'not set'}` };
  }
  if (actual === null) {
    const why = condition.field === 'days_in_stage' ? 'days in stage unknown (no stage history from Zoho)' : `${label} is not set`;
    return { ok: false, evidence: [], missing: why };
  }
  let expected: number;
  let shown: string;
  if (condition.field === 'Closing_Date') {
    const date = condition.value === 'today' ? today : Temporal.PlainDate.from(String(condition.value));
    expected = today.until(date).days;
    shown = condition.value === 'today' ? 'today' : String(condition.value);
    // Compared as days from today, so "Closing_Date < today" reads as "the closing date has passed".
  } else {
    expected = Number(condition.value);
    shown = String(condition.value);
  }
  const ok = compare(actual, condition.op, expected);
  const actualShown = condition.field === 'Closing_Date' ? (deal.closingDate ?? '') : String(actual);
  return { ok, evidence: ok ? evidence : [], missing: ok ? null : `${label} is ${actualShown}, not ${OP_WORDS[condition.op] ?? condition.op} ${shown}` };
}

interface Evaluation {
  criterion: Criterion;
  matched: boolean;
  missing: string[];
  evidence: string[];
  /** Conditions that had to be satisfied (for the "extra signals" bonus). */
  needed: number;
}

function evaluate(criterion: Criterion, ctx: Context): Evaluation {
  const missing: string[] = [];
  const evidence = new Set<string>();
  let needed = 0;
  for (const condition of criterion.when.all) {
    const found = matching(condition, criterion.since, ctx);
    if (found.length >= condition.minCount) {
      needed += condition.minCount;
      for (const signal of found) evidence.add(signal.id);
    } else {
      missing.push(`missing: ${conditionLabel(condition)}${qualifier(condition, criterion.since, ctx)}`);
    }
  }
  if (criterion.when.any.length > 0) {
    const met = criterion.when.any.map((condition) => ({ condition, found: matching(condition, criterion.since, ctx) })).filter(({ condition, found }) => found.length >= condition.minCount);
    if (met.length >= criterion.when.minAny) {
      needed += criterion.when.minAny;
      for (const { found } of met) for (const signal of found) evidence.add(signal.id);
    } else {
      const options = criterion.when.any.map(conditionLabel).join(', ');
      const since = criterion.since === 'stage_change' && ctx.enteredMs !== null ? ` (since the deal entered ${ctx.stageName})` : '';
      missing.push(criterion.when.minAny > 1 ? `only ${met.length} of the ${criterion.when.minAny} needed: ${options}${since}` : `missing one of: ${options}${since}`);
    }
  }
  for (const condition of criterion.when.none) {
    const found = matching(condition, criterion.since, ctx);
    if (found.length >= condition.minCount) {
      const first = found[0]!;
      missing.push(`blocked by ${conditionLabel(condition)}: “${first.text}”`);
    }
  }
  for (const condition of criterion.fields) {
    const result = fieldCheck(condition, ctx);
    if (result.ok) {
      needed += 1;
      for (const id of result.evidence) evidence.add(id);
    } else if (result.missing) {
      missing.push(result.missing);
    }
  }
  // Evidence in the order of the signal list (newest first), not the order conditions were written.
  const ordered = ctx.signals.filter((signal) => evidence.has(signal.id)).map((signal) => signal.id);
  return { criterion, matched: missing.length === 0, missing, evidence: ordered, needed };
}

function confidenceOf(evaluation: Evaluation, ctx: Context): number {
  const extra = Math.max(0, evaluation.evidence.length - evaluation.needed);
  let confidence = evaluation.criterion.confidence + Math.min(EXTRA_MAX, extra * EXTRA_STEP);
  const dated = evaluation.evidence
    .map((id) => ctx.signals.find((signal) => signal.id === id))
    .map((signal) => (signal ? signalMs(signal) : null))
    .filter((ms): ms is number => ms !== null);
  if (dated.length > 0) {
    const ageDays = (ctx.input.now - Math.max(...dated)) / DAY_MS;
    if (ageDays > VERY_STALE_DAYS) confidence -= 0.2;
    else if (ageDays > STALE_DAYS) confidence -= 0.1;
  }
  return Math.round(Math.min(CONFIDENCE_RULES.max, Math.max(CONFIDENCE_RULES.min, confidence)) * 100) / 100;
}

/** Whether `criterion` is about this deal's current stage in this pipeline. */
function applies(criterion: Criterion, pipeline: Pipeline, current: string): boolean {
  const target = findStage(pipeline, criterion.target);
  if (!target || stageKey(target.name) === stageKey(current)) return false;
  if (criterion.from === 'open') return true;
  return criterion.from.some((name) => stageKey(name) === stageKey(current));
}

/** The suggestion for one deal, the signals read, and every applicable criterion with what it lacks. */
export function suggestStage(input: DealEvidenceInput, pipeline: Pipeline, criteria: Criteria): SuggestionResult {
  const signals = extractSignals(input, { phrases: criteriaPhrases(criteria) });
  const current = findStage(pipeline, input.deal.stage);
  // A closed deal is never moved; a stage the pipeline does not know is treated as open.
  if (current && current.forecastType !== 'Open') return { suggestion: null, signals, considered: [] };
  const entered = enteredCurrentStage(input);
  const ctx: Context = {
    input,
    signals,
    enteredMs: entered ? Temporal.Instant.from(entered).epochMilliseconds : null,
    stageName: current?.name ?? input.deal.stage,
  };
  const evaluations = criteria.criteria.filter((criterion) => applies(criterion, pipeline, input.deal.stage)).map((criterion) => evaluate(criterion, ctx));
  const considered = evaluations.map(({ criterion, matched, missing }) => ({ criterion: criterion.id, target: findStage(pipeline, criterion.target)?.name ?? criterion.target, matched, missing }));

  const order = (name: string) => pipeline.stages.findIndex((stage) => stageKey(stage.name) === stageKey(name));
  const met = evaluations
    .filter((evaluation) => evaluation.matched)
    .map((evaluation, index) => ({ evaluation, index, confidence: confidenceOf(evaluation, ctx) }))
    .sort(
      (a, b) =>
        b.evaluation.criterion.priority - a.evaluation.criterion.priority ||
        b.confidence - a.confidence ||
        order(a.evaluation.criterion.target) - order(b.evaluation.criterion.target) ||
        a.index - b.index,
    );
  const best = met[0];
  if (!best) return { suggestion: null, signals, considered };
  const { criterion } = best.evaluation;
  const suggestion: Suggestion = {
    target: findStage(pipeline, criterion.target)!.name,
    confidence: best.confidence,
    by: { kind: 'rules', criterion: criterion.id, description: criterion.description },
    evidence: best.evaluation.evidence,
  };
  return { suggestion, signals, considered };
}
