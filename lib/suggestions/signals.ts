// Signals: the facts about a deal that stage criteria are written against, each with a stable id
// and a pointer to the record it came from. Read from the deal's fields and stage history, its
// meetings and tasks, and the phrases of its notes (meeting summaries, transcripts other tools
// attach). Deterministic: the same input always gives the same signals in the same order.
//
// THE VOCABULARY (what an admin may name in `signal:`; SIGNAL_KINDS below is the source of truth)
//
//   from notes (phrases in English, negation-aware: "no budget confirmed yet" is budget_missing,
//   never budget_approved; "did not discuss pricing" is nothing; "if the budget is approved" is
//   nothing; a question is not a fact)
//     pricing_discussed, proposal_requested, proposal_sent, budget_approved, budget_missing,
//     needs_identified, demo_done, decision_maker_identified, no_decision_maker, legal_review,
//     contract_signed, verbal_commit, deal_won, lost_to_competitor, lost_no_budget, deal_lost,
//     asked_to_pause, competitor_mentioned, positive_feedback, objection_raised, pilot_running,
//     disqualified, gone_silent, no_decision, revived
//   (one phrase pack per language — en, es, de, fr, pt — chosen by the note's language, English
//   read too; each pack's own negation and hedging cues; a sentence about another deal or
//   customer — "her deal closed won", "a case study: they signed in January" — gives nothing)
//   from meetings (Events linked to the deal)
//     meeting_held   started before now, and not every outside invitee declined
//     meeting_booked starts after now (and not every outside invitee declined)
//     no_show        started before now and every outside invitee declined, or the title or
//                    description says no-show
//     a held meeting's title also counts: "…demo…" demo_done, "MSA review" legal_review,
//     "discovery"/"requirements" needs_identified, "pricing"/"commercial" pricing_discussed
//   from tasks
//     task_done (Completed), task_overdue (due before today in the user's zone, not Completed),
//     task_open; a completed "Send the proposal" task is also proposal_sent, a task about the
//     MSA/contract/redlines legal_review, a completed demo task demo_done
//   from the deal's fields and stage history (no date: they are true now)
//     amount_set (value: the amount), closing_date_passed (value: days since),
//     closing_date_near (≤ 14 days ahead; value: days left), closing_date_future (value: days
//     left), next_step_set, days_in_stage (value: calendar days in the user's zone since the deal
//     entered its current stage; only from Zoho's stage history — Modified_Time changes with any
//     edit, so without history there is no such signal)
//
// Ids: note:<noteId>:<kind>, event:<eventId>:<kind>, task:<taskId>:<kind>, field:<Field>:<kind>,
// history:days_in_stage; phrases an admin's criteria ask for: note:<noteId>:phrase:<phrase>.
// A later signal of the opposite kind supersedes an earlier one (see SUPERSEDES): the budget
// approved five days ago outweighs "no budget yet" from last month.
import { Temporal } from 'temporal-polyfill';
import { stageKey } from './facts';
import { ENGLISH, PACKS, type Mood, type PhrasePack, type PhraseRule } from './phrases';
import { clip, detectLanguage, ENGLISH_CUES, isConditional, isModal, isNegated, isStagecoachNote, normalize, noteSentences, type Cues, type Language, type Sentence } from './text';
import type { DealEvidenceInput, EventFacts, NoteFacts, Signal, TaskFacts } from './types';

type Origin = 'notes' | 'meetings' | 'tasks' | 'deal';

/** Every signal kind, where it comes from, and what it means in plain words ("missing: …"). */
export const SIGNAL_KINDS = {
  pricing_discussed: { origin: 'notes', meaning: 'pricing discussed' },
  proposal_requested: { origin: 'notes', meaning: 'a proposal or quote requested' },
  proposal_sent: { origin: 'notes', meaning: 'a proposal or quote sent' },
  budget_approved: { origin: 'notes', meaning: 'budget approved' },
  budget_missing: { origin: 'notes', meaning: 'no budget yet' },
  needs_identified: { origin: 'notes', meaning: 'needs or pain points identified' },
  demo_done: { origin: 'notes', meaning: 'a demo given' },
  decision_maker_identified: { origin: 'notes', meaning: 'the decision maker identified' },
  no_decision_maker: { origin: 'notes', meaning: 'no decision maker identified' },
  legal_review: { origin: 'notes', meaning: 'contract or legal review under way' },
  contract_signed: { origin: 'notes', meaning: 'contract signed' },
  verbal_commit: { origin: 'notes', meaning: 'a verbal commitment or terms agreed' },
  deal_won: { origin: 'notes', meaning: 'the deal declared won' },
  lost_to_competitor: { origin: 'notes', meaning: 'lost to a competitor' },
  lost_no_budget: { origin: 'notes', meaning: 'budget cut or withdrawn' },
  deal_lost: { origin: 'notes', meaning: 'the deal declared lost or cancelled' },
  asked_to_pause: { origin: 'notes', meaning: 'the customer asked to pause or delay' },
  competitor_mentioned: { origin: 'notes', meaning: 'a competitor mentioned' },
  positive_feedback: { origin: 'notes', meaning: 'positive feedback' },
  objection_raised: { origin: 'notes', meaning: 'an objection or concern raised' },
  pilot_running: { origin: 'notes', meaning: 'a pilot or trial under way' },
  disqualified: { origin: 'notes', meaning: 'the deal disqualified (not a fit)' },
  gone_silent: { origin: 'notes', meaning: 'the customer gone silent' },
  no_decision: { origin: 'notes', meaning: 'no decision: the customer keeps the status quo' },
  revived: { origin: 'notes', meaning: 'the deal revived after a pause or a loss' },
  meeting_held: { origin: 'meetings', meaning: 'a meeting held' },
  meeting_booked: { origin: 'meetings', meaning: 'a meeting booked' },
  no_show: { origin: 'meetings', meaning: 'a no-show' },
  task_done: { origin: 'tasks', meaning: 'a task completed' },
  task_overdue: { origin: 'tasks', meaning: 'an overdue task' },
  task_open: { origin: 'tasks', meaning: 'an open task' },
  amount_set: { origin: 'deal', meaning: 'an amount on the deal' },
  closing_date_passed: { origin: 'deal', meaning: 'the closing date passed' },
  closing_date_near: { origin: 'deal', meaning: 'the closing date within 14 days' },
  closing_date_future: { origin: 'deal', meaning: 'a closing date more than 14 days ahead' },
  next_step_set: { origin: 'deal', meaning: 'a next step on the deal' },
  days_in_stage: { origin: 'deal', meaning: 'days in the current stage (from the stage history)' },
} as const satisfies Record<string, { origin: Origin; meaning: string }>;

export type SignalKind = keyof typeof SIGNAL_KINDS;
export const SIGNAL_KIND_NAMES = Object.keys(SIGNAL_KINDS) as SignalKind[];
export const isSignalKind = (value: string): value is SignalKind => Object.hasOwn(SIGNAL_KINDS, value);

/** The kind of a signal made for a criteria `phrase:` condition. */
export const PHRASE_KIND = 'phrase';

// ---- Phrases -------------------------------------------------------------------------------------
// The tables are in ./phrases.ts, one pack per language, with what each rule's mood lets cancel a
// match. Notes are read with their language's pack (and English's); meeting titles, task subjects
// and no-show words are short and read with every pack.
export const NOTE_PHRASES = ENGLISH.notes;
const ALL_PACKS = Object.values(PACKS);
export const MEETING_TITLE_PHRASES = ALL_PACKS.flatMap((pack) => pack.meetingTitles);
export const TASK_SUBJECT_PHRASES = ALL_PACKS.flatMap((pack) => pack.taskSubjects);
const NO_SHOWS = ALL_PACKS.map((pack) => pack.noShow);

/** Earlier `kind` is outweighed by a later signal of one of these kinds (the opposite fact). */
export const SUPERSEDES: Readonly<Partial<Record<SignalKind, readonly SignalKind[]>>> = {
  budget_missing: ['budget_approved', 'revived'],
  budget_approved: ['budget_missing', 'lost_no_budget'],
  no_decision_maker: ['decision_maker_identified'],
  decision_maker_identified: ['no_decision_maker'],
  // A meeting held after the customer asked to pause means the pause is over; so does a revival.
  asked_to_pause: ['meeting_held', 'revived'],
  // Lost, then back: a later revival outweighs the loss (and a later loss the revival).
  lost_to_competitor: ['revived'],
  lost_no_budget: ['revived'],
  deal_lost: ['revived'],
  gone_silent: ['revived', 'meeting_held'],
  no_decision: ['revived'],
  revived: ['lost_to_competitor', 'lost_no_budget', 'deal_lost', 'asked_to_pause'],
};

const SIGNAL_TEXT_MAX = 200;
const NEAR_DAYS = 14;

// ---- Reading -------------------------------------------------------------------------------------

export interface ExtractOptions {
  /** Phrases an admin's criteria ask for (`phrase:` conditions): matched in notes, negation-aware. */
  phrases?: readonly string[];
}

/**
 * Whether a rule's match at [index, end) in `sentence` stands, given the rule's mood. `cues` are
 * the rule's language's; `noteCues` the note's (a negation in either language cancels).
 */
function stands(sentence: Sentence, mood: Mood, index: number, end: number, cues: Cues = ENGLISH_CUES, noteCues: Cues = cues): boolean {
  if (mood !== 'topic' && sentence.question) return false;
  if (mood !== 'negative' && (isNegated(sentence.norm, index, end, cues) || (noteCues !== cues && isNegated(sentence.norm, index, end, noteCues)))) return false;
  // A sentence that opens with a condition ("If the budget is approved, they will ask for a quote") is conditional throughout.
  if (mood !== 'topic' && (isConditional(sentence.norm, index, cues) || opensWithCondition(sentence.norm, noteCues))) return false;
  if (mood === 'fact' && isModal(sentence.norm, index, cues)) return false;
  return true;
}

function opensWithCondition(norm: string, cues: Cues): boolean {
  const first = norm.split(/[,;:–—]/, 1)[0] ?? '';
  return first !== norm && cues.conditional.test(first.split(' ').slice(0, 2).join(' '));
}

type Scanner = { rule: PhraseRule; patterns: RegExp[]; cues: Cues };
/** Each pack's note rules with every pattern compiled once for scanning every match (`g`). */
const SCANNERS = Object.fromEntries(
  Object.entries(PACKS).map(([language, pack]: [string, PhrasePack]) => [language, pack.notes.map((rule) => ({ rule, patterns: rule.patterns.map((pattern) => new RegExp(pattern.source, 'g')), cues: pack.cues }))]),
) as Record<Language, Scanner[]>;

/** Whether any of a rule's patterns matches somewhere in the sentence and the match stands. */
function ruleMatches(sentence: Sentence, scanner: Scanner, noteCues: Cues): boolean {
  for (const pattern of scanner.patterns) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(sentence.norm); match; match = pattern.exec(sentence.norm)) {
      if (stands(sentence, scanner.rule.mood, match.index, match.index + match[0].length, scanner.cues, noteCues)) return true;
      if (match[0].length === 0) pattern.lastIndex++;
    }
  }
  return false;
}

/** Whether a sentence is about another deal or customer (then nothing in it is evidence for this one). */
export function aboutOtherParty(sentence: Sentence, language: Language = 'en'): boolean {
  return ENGLISH_CUES.otherParty.test(sentence.norm) || PACKS[language].cues.otherParty.test(sentence.norm);
}

/** The kinds the phrase packs find in one sentence of a note in `language` (its pack, then English's). */
export function sentenceKinds(sentence: Sentence, language: Language = 'en'): SignalKind[] {
  const kinds: SignalKind[] = [];
  if (aboutOtherParty(sentence, language)) return kinds;
  const noteCues = PACKS[language].cues;
  const scanners = language === 'en' ? SCANNERS.en : [...SCANNERS[language], ...SCANNERS.en];
  for (const scanner of scanners) {
    if (!kinds.includes(scanner.rule.kind) && ruleMatches(sentence, scanner, noteCues)) kinds.push(scanner.rule.kind);
  }
  return kinds;
}

const displayed = (sentence: Sentence) => clip(sentence.speaker ? `${sentence.speaker}: ${sentence.text}` : sentence.text, SIGNAL_TEXT_MAX);
const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function noteSignals(note: NoteFacts, dealId: string, phrases: readonly string[]): Signal[] {
  if (isStagecoachNote(note)) return [];
  const source = { kind: 'note', module: 'Notes', id: note.id, parentId: note.parentId ?? dealId } as const;
  const sourceTitle = note.title?.trim() || clip(note.content, 60) || 'Note';
  const found = new Map<string, Signal>();
  const wanted = phrases.map(normalize).filter(Boolean).map((phrase) => ({ phrase, pattern: new RegExp(`(?<![a-z0-9])${escapeRegExp(phrase)}(?![a-z0-9])`, 'g') }));
  const language = detectLanguage(`${note.title ?? ''}\n${note.content}`);
  // Content first, the title (the last sentence) only for what the content did not say.
  for (const sentence of noteSentences(note)) {
    for (const kind of sentenceKinds(sentence, language)) {
      const id = `note:${note.id}:${kind}`;
      if (!found.has(id)) found.set(id, { id, kind, text: displayed(sentence), at: note.createdTime, source, sourceTitle });
    }
    for (const { phrase, pattern } of wanted) {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(sentence.norm); match; match = pattern.exec(sentence.norm)) {
        if (!stands(sentence, 'topic', match.index, match.index + match[0].length, PACKS[language].cues)) continue;
        const id = `note:${note.id}:${PHRASE_KIND}:${phrase}`;
        if (!found.has(id)) found.set(id, { id, kind: PHRASE_KIND, text: displayed(sentence), at: note.createdTime, source, sourceTitle });
        break;
      }
    }
  }
  return [...found.values()];
}

function eventSignals(event: EventFacts, now: number): Signal[] {
  const source = { kind: 'event', module: 'Events', id: event.id } as const;
  const start = Temporal.Instant.from(event.start).epochMilliseconds;
  const outside = event.participantStatuses;
  const allDeclined = outside.length > 0 && outside.every((status) => status === 'declined');
  const base = { at: event.start, source, sourceTitle: event.title };
  const title = normalize(event.title);
  if (start > now) {
    return allDeclined ? [] : [{ ...base, id: `event:${event.id}:meeting_booked`, kind: 'meeting_booked', text: event.title }];
  }
  const said = normalize(`${event.title} ${event.description ?? ''}`);
  if (allDeclined || NO_SHOWS.some((pattern) => pattern.test(said))) {
    const text = allDeclined ? `${event.title} (every invitee declined)` : event.title;
    return [{ ...base, id: `event:${event.id}:no_show`, kind: 'no_show', text }];
  }
  const held: Signal[] = [{ ...base, id: `event:${event.id}:meeting_held`, kind: 'meeting_held', text: event.title }];
  for (const { kind, pattern } of MEETING_TITLE_PHRASES) {
    if (pattern.test(title) && !held.some((signal) => signal.kind === kind)) held.push({ ...base, id: `event:${event.id}:${kind}`, kind, text: event.title });
  }
  return held;
}

const isCompleted = (task: TaskFacts) => /^(?:completed|done|closed)$/i.test(task.status.trim());

function taskSignals(task: TaskFacts, today: Temporal.PlainDate): Signal[] {
  const source = { kind: 'task', module: 'Tasks', id: task.id } as const;
  const base = { source, sourceTitle: task.subject };
  const done = isCompleted(task);
  const out: Signal[] = [];
  if (done) {
    out.push({ ...base, id: `task:${task.id}:task_done`, kind: 'task_done', text: task.subject, at: task.closedTime ?? task.dueDate });
  } else if (task.dueDate && Temporal.PlainDate.compare(Temporal.PlainDate.from(task.dueDate), today) < 0) {
    const late = Temporal.PlainDate.from(task.dueDate).until(today).days;
    out.push({ ...base, id: `task:${task.id}:task_overdue`, kind: 'task_overdue', text: `${task.subject} (due ${task.dueDate}, ${late} day${late === 1 ? '' : 's'} overdue)`, at: task.dueDate, value: late });
  } else {
    out.push({ ...base, id: `task:${task.id}:task_open`, kind: 'task_open', text: task.subject, at: task.dueDate });
  }
  const subject = normalize(task.subject);
  for (const { kind, pattern, done: needsDone } of TASK_SUBJECT_PHRASES) {
    if ((done || !needsDone) && pattern.test(subject) && !out.some((signal) => signal.kind === kind)) {
      out.push({ ...base, id: `task:${task.id}:${kind}`, kind, text: task.subject, at: done ? (task.closedTime ?? task.dueDate) : task.dueDate });
    }
  }
  return out;
}

/** Calendar date of an instant in `timeZone`. */
export function dateIn(iso: string | number, timeZone: string): Temporal.PlainDate {
  const instant = typeof iso === 'number' ? Temporal.Instant.fromEpochMilliseconds(iso) : Temporal.Instant.from(iso);
  return instant.toZonedDateTimeISO(timeZone).toPlainDate();
}

function dealSignals(input: DealEvidenceInput, today: Temporal.PlainDate): Signal[] {
  const { deal } = input;
  const field = (name: string) => ({ kind: 'field', module: 'Deals', id: deal.id, field: name }) as const;
  const out: Signal[] = [];
  if (deal.amount !== null && deal.amount > 0) {
    out.push({ id: 'field:Amount:amount_set', kind: 'amount_set', text: `Amount: ${deal.amount}`, at: null, value: deal.amount, source: field('Amount'), sourceTitle: deal.name });
  }
  if (deal.closingDate) {
    const days = today.until(Temporal.PlainDate.from(deal.closingDate)).days;
    const [kind, text]: [SignalKind, string] =
      days < 0
        ? ['closing_date_passed', `Closing date ${deal.closingDate} passed ${-days} day${days === -1 ? '' : 's'} ago`]
        : days <= NEAR_DAYS
          ? ['closing_date_near', `Closing date ${deal.closingDate}, in ${days} day${days === 1 ? '' : 's'}`]
          : ['closing_date_future', `Closing date ${deal.closingDate}, in ${days} days`];
    out.push({ id: `field:Closing_Date:${kind}`, kind, text, at: null, value: Math.abs(days), source: field('Closing_Date'), sourceTitle: deal.name });
  }
  if (deal.nextStep) {
    out.push({ id: 'field:Next_Step:next_step_set', kind: 'next_step_set', text: `Next step: ${clip(deal.nextStep, SIGNAL_TEXT_MAX - 11)}`, at: null, source: field('Next_Step'), sourceTitle: deal.name });
  }
  const entered = enteredCurrentStage(input);
  if (entered) {
    const days = dateIn(entered, input.timeZone).until(today).days;
    out.push({
      id: 'history:days_in_stage',
      kind: 'days_in_stage',
      text: `In ${deal.stage} for ${days} day${days === 1 ? '' : 's'} (since ${dateIn(entered, input.timeZone).toString()})`,
      at: entered,
      value: Math.max(0, days),
      source: { kind: 'history', module: 'Deals', id: deal.id },
      sourceTitle: deal.name,
    });
  }
  return out;
}

/** When the deal entered its current stage, per the stage history (null without a consistent one). */
export function enteredCurrentStage(input: Pick<DealEvidenceInput, 'deal' | 'stageHistory'>): string | null {
  const last = input.stageHistory?.at(-1);
  return last && stageKey(last.stage) === stageKey(input.deal.stage) ? last.at : null;
}

const atMs = (signal: Signal) => (signal.at === null ? -Infinity : signal.at.length === 10 ? Temporal.PlainDate.from(signal.at).toZonedDateTime('UTC').epochMilliseconds : Temporal.Instant.from(signal.at).epochMilliseconds);

/** Marks each signal a later opposite one outweighs (`supersededBy`). */
function supersede(signals: Signal[]): void {
  for (const signal of signals) {
    const by = SUPERSEDES[signal.kind as SignalKind];
    if (!by || signal.at === null) continue;
    const mine = atMs(signal);
    let latest: Signal | null = null;
    for (const other of signals) {
      if (!by.includes(other.kind as SignalKind) || other.at === null) continue;
      const theirs = atMs(other);
      if (theirs > mine && (latest === null || theirs > atMs(latest))) latest = other;
    }
    if (latest) signal.supersededBy = latest.id;
  }
}

/**
 * Every signal of a deal as of `input.now`: dated ones newest first (ties by source record, then in
 * the order the record gives them), then the deal's
 * field and history facts.
 */
export function extractSignals(input: DealEvidenceInput, options: ExtractOptions = {}): Signal[] {
  const today = dateIn(input.now, input.timeZone);
  const phrases = options.phrases ?? [];
  const dated = [
    ...input.notes.flatMap((note) => noteSignals(note, input.deal.id, phrases)),
    ...input.events.flatMap((event) => eventSignals(event, input.now)),
    ...input.tasks.flatMap((task) => taskSignals(task, today)),
  ];
  // Newest first; a record's own signals stay in the order its text gives them (the sort is stable).
  dated.sort((a, b) => atMs(b) - atMs(a) || (a.source.id < b.source.id ? -1 : a.source.id > b.source.id ? 1 : 0));
  const all = [...dated, ...dealSignals(input, today)];
  supersede(all);
  return all;
}
