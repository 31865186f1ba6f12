// The words Stagecoach writes into Zoho about a decision: the audit note on the deal and the
// approval request's task. They stay in English whatever the UI's language (the rule is in
// lib/format.ts): every user of the org reads them in Zoho, and code reads them back (the
// request's subject prefix, lib/suggestions/approvalTasks.ts), so they are not UI strings.
import { Temporal } from 'temporal-polyfill';
import type { DealEvidenceInput, Signal, Suggestion } from './types';
import type { ActionItem } from './types';
import type { DealSuggestionView } from './views';

/** The next Monday–Friday after `now`'s date in `timeZone`, as yyyy-MM-dd. */
export function nextWorkingDay(now: number, timeZone: string): string {
  let day = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(timeZone).toPlainDate().add({ days: 1 });
  while (day.dayOfWeek > 5) day = day.add({ days: 1 });
  return day.toString();
}

/** Action items whose subject is already one of the deal's tasks are not offered again. */
export function notYetTasks(items: ActionItem[], input: DealEvidenceInput): ActionItem[] {
  const existing = new Set(input.tasks.map((task) => task.subject.trim().toLowerCase()));
  return items.filter((item) => !existing.has(item.subject.trim().toLowerCase()));
}

/** One line per cited signal: where it came from, when, what it said. */
export function evidenceLines(signals: Signal[], ids: string[]): string[] {
  return ids
    .map((id) => signals.find((signal) => signal.id === id))
    .filter((signal): signal is Signal => signal !== undefined)
    .map((signal) => `- ${signal.sourceTitle}${signal.at ? ` (${signal.at.slice(0, 10)})` : ''}: ${signal.text}`);
}

/** Why this stage: the criterion met, the model's reason, or the approver's own choice. */
export function basisLine(input: { basis: 'rules' | 'model' | 'edited'; target: string }, shown: DealSuggestionView, modelAnswer: Suggestion | undefined): string {
  if (input.basis === 'model') {
    if (modelAnswer?.by.kind === 'model' && modelAnswer.target === input.target) return `Suggested by model ${modelAnswer.by.model}: ${modelAnswer.by.reason}`;
    return 'Stage chosen by the approver (edited suggestion)';
  }
  if (input.basis === 'rules' && shown.suggestion?.by.kind === 'rules' && shown.suggestion.target === input.target) {
    return `Criterion: ${shown.suggestion.by.criterion} – ${shown.suggestion.by.description}`;
  }
  return 'Stage chosen by the approver (edited suggestion)';
}

export interface DecisionNote {
  decision: 'approved' | 'rejected';
  from: string;
  to: string;
  basis: string;
  who: string;
  when: string;
  comment?: string | undefined;
  evidence: string[];
}

/** The audit note's title and text. */
export function decisionNote(note: DecisionNote): { title: string; content: string } {
  const comment = note.comment?.trim() ? [`Comment: ${note.comment.trim()}`] : [];
  if (note.decision === 'rejected') {
    return {
      title: `Stagecoach: suggestion rejected (${note.from} → ${note.to})`,
      content: [`Suggested stage change rejected: ${note.from} → ${note.to}`, note.basis, `Rejected by: ${note.who}`, `When: ${note.when}`, ...comment, 'Evidence:', ...note.evidence].join('\n'),
    };
  }
  return {
    title: `Stagecoach: stage ${note.from} → ${note.to}`,
    content: [`Stage changed: ${note.from} → ${note.to}`, note.basis, `Approved by: ${note.who}`, `When: ${note.when}`, ...comment, 'Evidence:', ...(note.evidence.length ? note.evidence : ['- none cited'])].join('\n'),
  };
}

/** The audit note of an Undo: its own note, saying what was undone, by whom and when. */
export function undoNote(note: { from: string; to: string; who: string; when: string; approvedAt: string }): { title: string; content: string } {
  return {
    title: `Stagecoach: stage ${note.from} → ${note.to} (undo)`,
    content: [`Stage change undone: ${note.from} → ${note.to}`, `The change to ${note.from} approved at ${note.approvedAt} was undone.`, `Undone by: ${note.who}`, `When: ${note.when}`].join('\n'),
  };
}
