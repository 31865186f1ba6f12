// The criteria dry run (options page), before an admin switches criteria on: what they would
// suggest now for the open deals, and how they would have judged the closed ones — each closed
// deal replayed as it stood just before its closing stage change (its previous stage, only the
// notes, meetings and tasks that existed then, the stage history up to then), to see whether the
// criteria would have suggested the stage it actually reached.
import { Temporal } from 'temporal-polyfill';
import type { Criteria } from './criteria';
import { suggestStage } from './engine';
import { findStage, stageKey } from './facts';
import type { DealEvidenceInput, Pipeline, Suggestion, TaskFacts } from './types';

export interface DryRunOpenRow {
  dealId: string;
  dealName: string;
  stage: string;
  suggestion: Suggestion | null;
}

export interface DryRunClosedRow {
  dealId: string;
  dealName: string;
  /** The closing stage the deal reached. */
  reached: string;
  /** The stage it was in before. */
  before: string;
  /** What the criteria suggest as of just before the change (null: nothing). */
  suggested: string | null;
  matched: boolean;
}

export interface DryRunResult {
  open: DryRunOpenRow[];
  closed: {
    /** Closed deals replayed. */
    judged: number;
    /** Of those, how many the criteria would have sent to the stage they reached. */
    matched: number;
    /** Closed deals without a usable stage history (fewer than two changes, or not ending in their stage). */
    skipped: number;
    rows: DryRunClosedRow[];
  };
}

const ms = (iso: string) => Temporal.Instant.from(iso).epochMilliseconds;

/** The deal as it stood just before `cutoff` (epoch ms), in stage `before`. */
export function asOf(input: DealEvidenceInput, before: string, cutoff: number): DealEvidenceInput {
  const existed = (created: string | null | undefined, fallback: string | null) => {
    const when = created ?? fallback;
    return when === null || (when.length === 10 ? Temporal.PlainDate.compare(Temporal.PlainDate.from(when), Temporal.Instant.fromEpochMilliseconds(cutoff).toZonedDateTimeISO(input.timeZone).toPlainDate()) <= 0 : ms(when) < cutoff);
  };
  const taskThen = (task: TaskFacts): TaskFacts =>
    task.closedTime && ms(task.closedTime) >= cutoff ? { ...task, status: 'Not Started', closedTime: null } : task;
  return {
    ...input,
    deal: { ...input.deal, stage: before },
    notes: input.notes.filter((note) => ms(note.createdTime) < cutoff),
    // Without a creation time a meeting is only known to have existed if it had started by then.
    events: input.events.filter((event) => (event.createdTime ? ms(event.createdTime) < cutoff : ms(event.start) < cutoff)),
    tasks: input.tasks.filter((task) => existed(task.createdTime, task.closedTime ?? task.dueDate)).map(taskThen),
    stageHistory: input.stageHistory?.filter((change) => ms(change.at) < cutoff) ?? null,
    now: cutoff - 1,
  };
}

/** `pipelineOf` gives each deal its own pipeline's stages (an org may have several); `pipeline` otherwise. */
export function dryRun({ deals, pipeline: fallback, criteria, pipelineOf }: { deals: DealEvidenceInput[]; pipeline: Pipeline; criteria: Criteria; pipelineOf?: (input: DealEvidenceInput) => Pipeline }): DryRunResult {
  const result: DryRunResult = { open: [], closed: { judged: 0, matched: 0, skipped: 0, rows: [] } };
  for (const input of deals) {
    const pipeline = pipelineOf?.(input) ?? fallback;
    const stage = findStage(pipeline, input.deal.stage);
    if (!stage || stage.forecastType === 'Open') {
      result.open.push({ dealId: input.deal.id, dealName: input.deal.name, stage: input.deal.stage, suggestion: suggestStage(input, pipeline, criteria).suggestion });
      continue;
    }
    const history = input.stageHistory ?? [];
    const last = history.at(-1);
    const previous = history.at(-2);
    const previousStage = previous ? findStage(pipeline, previous.stage) : undefined;
    if (!last || !previous || stageKey(last.stage) !== stageKey(stage.name) || (previousStage && previousStage.forecastType !== 'Open')) {
      result.closed.skipped += 1;
      continue;
    }
    const suggested = suggestStage(asOf(input, previous.stage, ms(last.at)), pipeline, criteria).suggestion?.target ?? null;
    const matched = suggested !== null && stageKey(suggested) === stageKey(stage.name);
    result.closed.judged += 1;
    if (matched) result.closed.matched += 1;
    result.closed.rows.push({ dealId: input.deal.id, dealName: input.deal.name, reached: stage.name, before: previous.stage, suggested, matched });
  }
  return result;
}
