// The criteria language: what an admin writes (YAML, or JSON, which is YAML too) to say when a
// deal should move to a stage. Parsed with `yaml` (it keeps every node's position, so an error
// names its line and column), validated with zod, explained in plain words. CRITERIA.md beside
// this file is the admin's guide, with examples.
//
//   version: 1
//   criteria:
//     - id: budget-and-needs            # unique; letters, digits, - and _
//       target: Needs Analysis          # the stage to suggest
//       from: [Qualification]           # stages it may come from, or `open` (any open stage)
//       priority: 10                    # higher wins when several criteria are met (default 0)
//       confidence: 0.7                 # base confidence, 0–1 (default 0.6)
//       description: Budget confirmed and needs discussed
//       since: stage_change             # evidence since the deal entered its stage (default), or `ever`
//       when:
//         all:  [budget_approved, {signal: meeting_held, within_days: 30}]   # every one
//         any:  [needs_identified, {phrase: "pain point"}]                   # at least min_any (default 1)
//         none: [asked_to_pause]                                              # not one
//       fields:
//         - {field: Amount, op: ">", value: 0}
//
// A condition is a signal kind (shorthand), or {signal | phrase, within_days?, min_count?, since?}.
// Field conditions: Amount (number), Closing_Date (yyyy-MM-dd or `today`), days_to_close (days
// until the closing date, negative once passed), days_in_stage, Next_Step; ops > >= < <= = != and
// `set` / `not_set` (no value).
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { z } from 'zod';
import { findStage, stageKey } from './facts';
import { isSignalKind, SIGNAL_KIND_NAMES } from './signals';
import { closest } from './text';
import type { Pipeline } from './types';

// ---- The language ------------------------------------------------------------------------------

export const FIELD_NAMES = ['Amount', 'Closing_Date', 'days_to_close', 'days_in_stage', 'Next_Step'] as const;
export type FieldName = (typeof FIELD_NAMES)[number];
export const FIELD_OPS = ['>', '>=', '<', '<=', '=', '!=', 'set', 'not_set'] as const;
export type FieldOp = (typeof FIELD_OPS)[number];
export type Since = 'stage_change' | 'ever';

interface ConditionCommon {
  /** Only signals at most this many days old count. */
  withinDays: number | null;
  /** At least this many matching signals (default 1). */
  minCount: number;
  /** Overrides the criterion's `since`. */
  since: Since | null;
  /** 1-based line of the condition in the criteria text. */
  line: number;
}
export type Condition = ({ signal: string; phrase?: undefined } | { phrase: string; signal?: undefined }) & ConditionCommon;

export interface FieldCondition {
  field: FieldName;
  op: FieldOp;
  /** A number, or for Closing_Date a yyyy-MM-dd date or 'today'; absent for set / not_set. */
  value: number | string | null;
  line: number;
}

export interface Criterion {
  id: string;
  target: string;
  /** Stage names, or 'open' for every open stage. */
  from: 'open' | string[];
  priority: number;
  confidence: number;
  description: string;
  since: Since;
  when: { all: Condition[]; any: Condition[]; none: Condition[]; minAny: number };
  fields: FieldCondition[];
  /** 1-based lines in the criteria text: the item, its target, each `from` entry. */
  lines: { item: number; target: number; from: number[] };
}

export interface Criteria {
  version: 1;
  criteria: Criterion[];
}

export interface CriteriaError {
  line: number;
  column: number;
  /** Where in the document, e.g. `criteria[2].when.all[0].signal` ('' for the whole document). */
  path: string;
  message: string;
}

export type ParseCriteriaResult = { ok: true; criteria: Criteria } | { ok: false; errors: CriteriaError[] };

export interface CriteriaWarning {
  criterion: string;
  line: number;
  message: string;
}

// ---- Schema ------------------------------------------------------------------------------------

const TOP_KEYS = ['version', 'criteria'] as const;
const CRITERION_KEYS = ['id', 'target', 'from', 'priority', 'confidence', 'description', 'since', 'when', 'fields'] as const;
const WHEN_KEYS = ['all', 'any', 'none', 'min_any'] as const;
const CONDITION_KEYS = ['signal', 'phrase', 'within_days', 'min_count', 'since'] as const;
const FIELD_KEYS = ['field', 'op', 'value'] as const;

const sinceSchema = z.enum(['stage_change', 'ever'], { error: "expected 'stage_change' or 'ever'" });
const stageName = z.string({ error: 'expected a stage name' }).trim().min(1, 'a stage name cannot be empty');
const positiveInt = (what: string) => z.number({ error: `expected a whole number of ${what}` }).int(`expected a whole number of ${what}`).min(1, `${what} must be at least 1`);

const signalName = z.string({ error: 'expected a signal name' }).superRefine((value, ctx) => {
  if (isSignalKind(value)) return;
  const guess = closest(value, SIGNAL_KIND_NAMES);
  ctx.addIssue({ code: 'custom', message: `unknown signal '${value}'${guess ? ` (did you mean ${guess}?)` : ''}` });
});

const conditionObject = z
  .strictObject({
    signal: signalName.optional(),
    phrase: z.string({ error: 'expected the phrase as text' }).trim().min(2, 'a phrase needs at least two characters').max(200, 'a phrase can be at most 200 characters').optional(),
    within_days: positiveInt('days').optional(),
    min_count: positiveInt('signals').optional(),
    since: sinceSchema.optional(),
  })
  .superRefine((value, ctx) => {
    if ((value.signal === undefined) === (value.phrase === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'a condition names either a signal or a phrase (one of them)' });
    }
  });
/** `- budget_approved` is short for `- signal: budget_approved`. */
const condition = z.preprocess((value) => (typeof value === 'string' ? { signal: value } : value), conditionObject);
const conditionList = z.array(condition, { error: 'expected a list of conditions' });

const fieldCondition = z
  .strictObject({
    field: z.enum(FIELD_NAMES, { error: `expected one of the fields ${FIELD_NAMES.join(', ')}` }),
    op: z.enum(FIELD_OPS, { error: `expected one of the operators ${FIELD_OPS.join(' ')}` }),
    value: z.union([z.number(), z.string()], { error: 'expected a number or a date' }).optional(),
  })
  .superRefine((value, ctx) => {
    const needsValue = value.op !== 'set' && value.op !== 'not_set';
    if (!needsValue) {
      if (value.value !== undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: `'${value.op}' takes no value` });
      return;
    }
    if (value.value === undefined) {
      ctx.addIssue({ code: 'custom', message: `'${value.op}' needs a value` });
      return;
    }
    if (value.field === 'Next_Step') {
      ctx.addIssue({ code: 'custom', path: ['op'], message: "Next_Step can only be tested with 'set' or 'not_set'" });
    } else if (value.field === 'Closing_Date') {
      if (typeof value.value !== 'string' || !(value.value === 'today' || /^\d{4}-\d{2}-\d{2}$/.test(value.value))) {
        ctx.addIssue({ code: 'custom', path: ['value'], message: "Closing_Date is compared with a date (yyyy-MM-dd) or 'today'" });
      }
    } else if (typeof value.value !== 'number') {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `${value.field} is compared with a number` });
    }
  });

const whenSchema = z
  .strictObject(
    {
      all: conditionList.optional(),
      any: conditionList.optional(),
      none: conditionList.optional(),
      min_any: positiveInt('conditions').optional(),
    },
    { error: 'expected all:, any: and/or none: lists' },
  )
  .superRefine((value, ctx) => {
    if (value.min_any !== undefined && value.min_any > (value.any?.length ?? 0)) {
      ctx.addIssue({ code: 'custom', path: ['min_any'], message: `min_any is ${value.min_any} but any: has ${value.any?.length ?? 0} condition(s)` });
    }
  });

const criterionSchema = z
  .strictObject(
    {
      id: z
        .string({ error: 'expected an id (text)' })
        .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'an id is 1–64 letters, digits, - or _ (starting with a letter or digit)'),
      target: stageName,
      from: z.preprocess(
        (value) => (typeof value === 'string' && value.trim() !== 'open' ? [value] : value),
        z.union([z.literal('open'), z.array(stageName).min(1, 'list at least one stage, or write open')], { error: 'expected a list of stage names, or open' }),
      ),
      priority: z.number({ error: 'expected a number' }).int('expected a whole number').min(-1000, 'priority must be at least -1000').max(1000, 'priority must be at most 1000').default(0),
      confidence: z.number({ error: 'expected a number from 0 to 1' }).min(0, 'confidence is from 0 to 1').max(1, 'confidence is from 0 to 1').default(0.6),
      description: z.string({ error: 'expected a text' }).max(500, 'a description can be at most 500 characters').default(''),
      since: sinceSchema.default('stage_change'),
      when: whenSchema.optional(),
      fields: z.array(fieldCondition, { error: 'expected a list of field conditions' }).optional(),
    },
    { error: 'expected a criterion (id:, target:, from:, when: …)' },
  )
  .superRefine((value, ctx) => {
    const positive = (value.when?.all?.length ?? 0) + (value.when?.any?.length ?? 0) + (value.fields?.length ?? 0);
    if (positive === 0) ctx.addIssue({ code: 'custom', message: 'a criterion needs at least one condition: when: all: / any: or fields:' });
  });

const documentSchema = z
  .strictObject(
    {
      version: z.literal(1, { error: 'version must be 1' }),
      criteria: z.array(criterionSchema, { error: 'expected a list of criteria' }),
    },
    { error: 'expected version: 1 and a criteria: list' },
  )
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.criteria.forEach((criterion, index) => {
      if (seen.has(criterion.id)) ctx.addIssue({ code: 'custom', path: ['criteria', index, 'id'], message: `the id '${criterion.id}' is used twice` });
      seen.add(criterion.id);
    });
  });

// ---- Positions and messages --------------------------------------------------------------------

type PathKey = string | number;

/** The node at `path`, or the deepest node on the way (and whether the whole path was found). */
function nodeAt(doc: Document, path: readonly PathKey[]): { node: Node | null; complete: boolean; keyNode: Node | null } {
  let node: unknown = doc.contents;
  let keyNode: Node | null = null;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return { node: node as Node, complete: false, keyNode };
      keyNode = pair.key as Node;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
      keyNode = null;
      node = node.items[segment];
    } else {
      return { node: (node as Node | null) ?? null, complete: false, keyNode };
    }
  }
  return { node: (node as Node | null) ?? null, complete: true, keyNode };
}

function position(lineCounter: LineCounter, node: Node | null): { line: number; column: number } {
  const offset = node?.range?.[0];
  if (offset === undefined) return { line: 1, column: 1 };
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** The key node of `key` in the map at `path`. */
function keyNodeAt(doc: Document, path: readonly PathKey[], key: string): Node | null {
  const { node } = nodeAt(doc, path);
  if (!isMap(node)) return null;
  const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === key);
  return (pair?.key as Node | undefined) ?? null;
}

export function formatPath(path: readonly PathKey[]): string {
  return path.reduce<string>((out, segment) => (typeof segment === 'number' ? `${out}[${segment}]` : out ? `${out}.${segment}` : segment), '');
}

/** The keys an object at `path` may have, for "did you mean". */
function allowedKeys(path: readonly PathKey[]): readonly string[] {
  const names = path.filter((segment): segment is string => typeof segment === 'string');
  const last = path.at(-1);
  if (path.length === 0) return TOP_KEYS;
  if (names.length === 1 && typeof last === 'number') return CRITERION_KEYS;
  if (last === 'when') return WHEN_KEYS;
  if (typeof last === 'number' && names.at(-1) === 'fields') return FIELD_KEYS;
  if (typeof last === 'number' && ['all', 'any', 'none'].includes(names.at(-1) ?? '')) return CONDITION_KEYS;
  return [];
}

function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (typeof value === 'string') return `text '${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  if (Array.isArray(value)) return 'a list';
  return 'a map';
}

const ARTICLE: Readonly<Record<string, string>> = { number: 'a number', string: 'text', array: 'a list', object: 'a map', boolean: 'true or false', int: 'a whole number' };

function message(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const field = issue.path.at(-1);
      if (issue.input === undefined) return typeof field === 'string' ? `missing '${field}'` : 'missing value';
      // A custom message set on the schema says more than the generic one.
      if (!issue.message.startsWith('Invalid input')) return `${issue.message}, got ${describeValue(issue.input)}`;
      return `expected ${ARTICLE[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}`;
    }
    case 'invalid_union':
    case 'invalid_value':
      return issue.input === undefined ? `missing '${String(issue.path.at(-1) ?? 'value')}'` : `${issue.message}, got ${describeValue(issue.input)}`;
    default:
      return issue.message;
  }
}

function zodErrors(doc: Document, lineCounter: LineCounter, error: z.ZodError): CriteriaError[] {
  const out: CriteriaError[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((segment): segment is PathKey => typeof segment !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const guess = closest(key, allowedKeys(path));
        const at = position(lineCounter, keyNodeAt(doc, path, key));
        out.push({ ...at, path: formatPath([...path, key]), message: `unknown key '${key}'${guess ? ` (did you mean ${guess}?)` : ''}` });
      }
      continue;
    }
    const found = nodeAt(doc, path);
    // A missing key is reported where its map starts; a bad value where the value is.
    out.push({ ...position(lineCounter, found.node), path: formatPath(path), message: message(issue) });
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

// ---- Parsing -----------------------------------------------------------------------------------

type ParsedDocument = z.output<typeof documentSchema>;
type ParsedCondition = z.output<typeof conditionObject>;

/** Parses and checks criteria text (YAML or JSON). Errors carry 1-based line and column. */
export function parseCriteria(text: string): ParseCriteriaResult {
  if (!text.trim()) {
    return { ok: false, errors: [{ line: 1, column: 1, path: '', message: 'the criteria are empty: write version: 1 and a criteria: list' }] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, strict: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((error) => {
        const pos = error.linePos?.[0];
        return { line: pos?.line ?? 1, column: pos?.col ?? 1, path: '', message: yamlMessage(error.code, error.message) };
      }),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    return { ok: false, errors: [{ line: 1, column: 1, path: '', message: error instanceof Error ? error.message : String(error) }] };
  }
  const parsed = documentSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: zodErrors(doc, lineCounter, parsed.error) };
  return { ok: true, criteria: build(parsed.data, doc, lineCounter) };
}

function yamlMessage(code: string, raw: string): string {
  const first = raw.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'DUPLICATE_KEY') return 'this key appears twice in the same map';
  return first;
}

function build(parsed: ParsedDocument, doc: Document, lineCounter: LineCounter): Criteria {
  const lineOf = (path: PathKey[]) => position(lineCounter, nodeAt(doc, path).node).line;
  const conditions = (index: number, list: 'all' | 'any' | 'none', items: ParsedCondition[] | undefined): Condition[] =>
    (items ?? []).map((item, j) => {
      const common: ConditionCommon = { withinDays: item.within_days ?? null, minCount: item.min_count ?? 1, since: item.since ?? null, line: lineOf(['criteria', index, 'when', list, j]) };
      return item.signal !== undefined ? { signal: item.signal, ...common } : { phrase: item.phrase!, ...common };
    });
  return {
    version: 1,
    criteria: parsed.criteria.map((criterion, index) => ({
      id: criterion.id,
      target: criterion.target,
      from: criterion.from,
      priority: criterion.priority,
      confidence: criterion.confidence,
      description: criterion.description,
      since: criterion.since,
      when: {
        all: conditions(index, 'all', criterion.when?.all),
        any: conditions(index, 'any', criterion.when?.any),
        none: conditions(index, 'none', criterion.when?.none),
        minAny: criterion.when?.min_any ?? 1,
      },
      fields: (criterion.fields ?? []).map((field, j) => ({ field: field.field, op: field.op, value: field.value ?? null, line: lineOf(['criteria', index, 'fields', j]) })),
      lines: {
        item: lineOf(['criteria', index]),
        target: lineOf(['criteria', index, 'target']),
        from: criterion.from === 'open' ? [lineOf(['criteria', index, 'from'])] : criterion.from.map((_, j) => lineOf(['criteria', index, 'from', j])),
      },
    })),
  };
}

/** The phrases the criteria's `phrase:` conditions look for (signals extraction needs them). */
export function criteriaPhrases(criteria: Criteria): string[] {
  const phrases = new Set<string>();
  for (const criterion of criteria.criteria) {
    for (const condition of [...criterion.when.all, ...criterion.when.any, ...criterion.when.none]) {
      if (condition.phrase !== undefined) phrases.add(condition.phrase);
    }
  }
  return [...phrases];
}

/**
 * What the criteria name that this pipeline lacks: a target or `from` stage not in it (with the
 * closest name), a closed stage in `from` (a closed deal never moves), a target that is the only
 * stage in `from`. Warnings, not errors: criteria may be written for several pipelines.
 */
export function checkAgainstPipeline(criteria: Criteria, pipeline: Pipeline): CriteriaWarning[] {
  const warnings: CriteriaWarning[] = [];
  const names = pipeline.stages.map((stage) => stage.name);
  const unknown = (name: string) => {
    const guess = closest(name, names);
    return `the pipeline${pipeline.name ? ` “${pipeline.name}”` : ''} has no stage '${name}'${guess ? ` (did you mean ${guess}?)` : ''}`;
  };
  for (const criterion of criteria.criteria) {
    const target = findStage(pipeline, criterion.target);
    if (!target) warnings.push({ criterion: criterion.id, line: criterion.lines.target, message: `target: ${unknown(criterion.target)}` });
    else if (target.name !== criterion.target) {
      warnings.push({ criterion: criterion.id, line: criterion.lines.target, message: `target: '${criterion.target}' is written '${target.name}' in the pipeline` });
    }
    if (criterion.from === 'open') continue;
    criterion.from.forEach((name, index) => {
      const line = criterion.lines.from[index] ?? criterion.lines.item;
      const stage = findStage(pipeline, name);
      if (!stage) warnings.push({ criterion: criterion.id, line, message: `from: ${unknown(name)}` });
      else if (stage.forecastType !== 'Open') warnings.push({ criterion: criterion.id, line, message: `from: '${stage.name}' is a closed stage; closed deals are never moved` });
    });
    if (criterion.from.length > 0 && criterion.from.every((name) => stageKey(name) === stageKey(criterion.target))) {
      warnings.push({ criterion: criterion.id, line: criterion.lines.item, message: 'from: only lists the target itself, so this criterion can never apply' });
    }
  }
  return warnings;
}
