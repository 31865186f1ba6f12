// The shapes stage suggestions work on: a deal with its pipeline, notes, events, tasks and
// stage history (as the background fetched them from Zoho), the signals read from them, and the
// suggestion the rules engine (or a model) makes. Pure data: no zod, no browser APIs, so the
// panel bundle can import these types for free.

/** One stage of the deal's pipeline, in pipeline order. */
export interface PipelineStage {
  /** Zoho's value (`actual_value`), what `Stage` holds and what a write sends. */
  name: string;
  /** What Zoho shows (`display_value`); usually the same as `name`. */
  label: string;
  /** 0–100, from the Stage field's pick list; null when Zoho gave none. */
  probability: number | null;
  forecastType: 'Open' | 'Closed Won' | 'Closed Lost';
}

export interface Pipeline {
  /** The pipeline's name ("Standard (Standard)"), or null for orgs without pipelines. */
  name: string | null;
  stages: PipelineStage[];
  /**
   * Set when the org has pipelines but none is the deal's (`pipeline`: its `Pipeline` value, null
   * when it has none): the stages are then the Stage field's whole pick list, not a pipeline's.
   */
  unmatched?: { pipeline: string | null };
}

/** The deal fields suggestions look at (Zoho field values, already read with zod). */
export interface DealFacts {
  id: string;
  name: string;
  stage: string;
  amount: number | null;
  /** yyyy-MM-dd */
  closingDate: string | null;
  ownerId: string | null;
  ownerName: string | null;
  contactId: string | null;
  /** ISO datetime with offset. */
  modifiedTime: string | null;
  createdTime: string | null;
  nextStep: string | null;
  /** The deal's `Pipeline` (picklist value, e.g. "Standard (Standard)"); absent or null when Zoho gave none. */
  pipeline?: string | null;
}

export interface NoteFacts {
  id: string;
  title: string | null;
  content: string;
  createdTime: string;
  /** Whose note it is (notes Stagecoach itself wrote are skipped as evidence). */
  ownerName: string | null;
  /** The record the note is attached to (`Parent_Id.id`), when Zoho gave it. */
  parentId?: string | null;
}

export interface EventFacts {
  id: string;
  title: string;
  start: string;
  end: string;
  /** Participant statuses Zoho keeps per invitee ('accepted', 'declined', 'not_known', …), non-users only. */
  participantStatuses: string[];
  /** The event's description, when read (a "no-show" written there counts). */
  description?: string | null;
  /** ISO datetime with offset, when read (the dry run replays only what existed then). */
  createdTime?: string | null;
}

export interface TaskFacts {
  id: string;
  subject: string;
  /** yyyy-MM-dd or null */
  dueDate: string | null;
  status: string;
  closedTime: string | null;
  /** ISO datetime with offset, when read (the dry run replays only what existed then). */
  createdTime?: string | null;
}

export interface StageChangeFacts {
  stage: string;
  /** ISO datetime with offset: when the deal entered `stage`. */
  at: string;
}

/** Everything known about one deal, as of `now`. */
export interface DealEvidenceInput {
  deal: DealFacts;
  notes: NoteFacts[];
  events: EventFacts[];
  tasks: TaskFacts[];
  /** Oldest first; null when Zoho did not give a stage history. */
  stageHistory: StageChangeFacts[] | null;
  /** Epoch ms. */
  now: number;
  /** The user's time zone (IANA), for "overdue" and day counts. */
  timeZone: string;
}

/** Where a signal came from: a link target in Zoho. */
export type SignalSource =
  | { kind: 'note'; module: 'Notes'; id: string; parentId: string }
  | { kind: 'event'; module: 'Events'; id: string }
  | { kind: 'task'; module: 'Tasks'; id: string }
  | { kind: 'field'; module: 'Deals'; id: string; field: string }
  | { kind: 'history'; module: 'Deals'; id: string };

/** One fact about the deal, with a pointer to its source. */
export interface Signal {
  /** Stable across runs for the same source and kind ("note:123:budget_approved"): rejections are remembered by it. */
  id: string;
  /** Signal kind, e.g. 'budget_approved', 'meeting_held', 'task_overdue', 'days_in_stage'. */
  kind: string;
  /** Human-readable, in the source's words where there are some (the phrase that matched). */
  text: string;
  /** ISO datetime (or date) the fact is from; null for timeless field facts. */
  at: string | null;
  /** A number when the signal has one (days in stage, amount). */
  value?: number;
  source: SignalSource;
  /** The title of the source record, for the evidence list. */
  sourceTitle: string;
  /**
   * Set when a later signal says the opposite (a budget approved after "no budget yet"): the id of
   * that signal. The rules engine does not count superseded signals; the panel may show them struck.
   */
  supersededBy?: string;
}

/** An action item found in a note, offered as a Zoho Task. */
export interface ActionItem {
  /** note id + index */
  id: string;
  subject: string;
  /** yyyy-MM-dd, resolved from "by Friday", "next week", "within the week", else a default. */
  dueDate: string;
  priority: 'Highest' | 'High' | 'Normal' | 'Low' | 'Lowest';
  /** The sentence it came from. */
  sentence: string;
  noteId: string;
}

export interface Suggestion {
  /** The stage to move to (a name in the pipeline). */
  target: string;
  /** 0–1 */
  confidence: number;
  /** How it was reached. */
  by: { kind: 'rules'; criterion: string; description: string } | { kind: 'model'; model: string; reason: string };
  /** Signal ids that support it (all are in `signals`). */
  evidence: string[];
}

export interface SuggestionResult {
  /** null: nothing to suggest (the rules found no criterion met). */
  suggestion: Suggestion | null;
  /** All signals read from the deal (evidence ids point here). */
  signals: Signal[];
  /** Criteria that were considered for the current stage and why each did not match (for "why not"). */
  considered: Array<{ criterion: string; target: string; matched: boolean; missing: string[] }>;
}
