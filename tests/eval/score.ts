// Scores stage suggestions against the labeled corpus (tests/fixtures/deals): the rules engine
// with any criteria, or an OpenAI-compatible model through the product's own AI path
// (buildAiRequest → POST /chat/completions → parseAiAnswer). Shared by `npm run eval:suggestions`
// and the budget test, so the figures printed and the figures enforced are the same computation.
import {
  buildAiRequest,
  dealFacts,
  eventFacts,
  findStage,
  noteFacts,
  parseAiAnswer,
  pipelineFromZoho,
  stageHistoryFacts,
  suggestStage,
  taskFacts,
  type Criteria,
  type DealEvidenceInput,
  type Pipeline,
  type Signal,
  type Suggestion,
} from '../../lib/suggestions';
import { CORPUS_NOW, CORPUS_TIME_ZONE, stageFieldJson, standardPipelineJson, toZoho, type CorpusDeal } from '../fixtures/deals/corpus';

export const STAY = '(stay)';

export function corpusPipeline(): Pipeline {
  return pipelineFromZoho(standardPipelineJson(), stageFieldJson(), 'Standard (Standard)');
}

/** One corpus deal read as the background reads Zoho: through facts.ts's readers. */
export function corpusInput(deal: CorpusDeal, now = CORPUS_NOW): DealEvidenceInput {
  const zoho = toZoho(deal, now);
  return {
    deal: dealFacts(zoho.deal),
    notes: zoho.notes.map(noteFacts),
    events: zoho.events.map(eventFacts),
    tasks: zoho.tasks.map(taskFacts),
    stageHistory: stageHistoryFacts(zoho.stageHistory),
    now,
    timeZone: CORPUS_TIME_ZONE,
  };
}

export interface Row {
  deal: CorpusDeal;
  /** The suggested stage, or null for none. */
  suggested: string | null;
  suggestion: Suggestion | null;
  signals: Signal[];
  agrees: boolean;
  /** A move that is neither the label nor an acceptable alternative. */
  falseMove: boolean;
  /** Every evidence id names a signal of this deal whose source record exists. */
  evidenceExists: boolean;
  /** The suggested stage is a stage of the pipeline. */
  inPipeline: boolean;
  /** For model scoring: why the model's answer was discarded (then the deal counts as "stay"). */
  discarded?: string;
}

const acceptable = (deal: CorpusDeal): Array<string | null> => [deal.expected, ...(deal.also ?? [])];

function judge(deal: CorpusDeal, input: DealEvidenceInput, pipeline: Pipeline, suggestion: Suggestion | null, signals: Signal[]): Omit<Row, 'discarded'> {
  const suggested = suggestion?.target ?? null;
  const agrees = acceptable(deal).includes(suggested as CorpusDeal['expected']);
  const sources = new Set<string>([input.deal.id, ...input.notes.map((n) => n.id), ...input.events.map((e) => e.id), ...input.tasks.map((t) => t.id)]);
  const byId = new Map(signals.map((signal) => [signal.id, signal]));
  const evidenceExists =
    suggestion === null ||
    (suggestion.evidence.length > 0 &&
      suggestion.evidence.every((id) => {
        const signal = byId.get(id);
        return signal !== undefined && sources.has(signal.source.id);
      }));
  const inPipeline = suggested === null || findStage(pipeline, suggested) !== undefined;
  return { deal, suggested, suggestion, signals, agrees, falseMove: suggested !== null && !agrees, evidenceExists, inPipeline };
}

export function scoreRules(deals: readonly CorpusDeal[], criteria: Criteria, now = CORPUS_NOW): Row[] {
  const pipeline = corpusPipeline();
  return deals.map((deal) => {
    const input = corpusInput(deal, now);
    const result = suggestStage(input, pipeline, criteria);
    return judge(deal, input, pipeline, result.suggestion, result.signals);
  });
}

export interface Summary {
  deals: number;
  agree: number;
  agreement: number;
  falseMoves: number;
  missedMoves: number;
  suggestions: number;
  withEvidence: number;
  outsidePipeline: number;
  discarded: number;
}

export function summarize(rows: readonly Row[]): Summary {
  const agree = rows.filter((row) => row.agrees).length;
  const suggestions = rows.filter((row) => row.suggested !== null);
  return {
    deals: rows.length,
    agree,
    agreement: rows.length ? agree / rows.length : 0,
    falseMoves: rows.filter((row) => row.falseMove).length,
    missedMoves: rows.filter((row) => row.suggested === null && !row.agrees).length,
    suggestions: suggestions.length,
    withEvidence: suggestions.filter((row) => row.evidenceExists).length,
    outsidePipeline: rows.filter((row) => !row.inPipeline).length,
    discarded: rows.filter((row) => row.discarded !== undefined).length,
  };
}

const short = (stage: string | null) =>
  stage === null
    ? STAY
    : ({ 'Needs Analysis': 'NeedsAn', 'Value Proposition': 'ValueProp', 'Id. Decision Makers': 'IdDM', 'Perception Analysis': 'Percept', 'Proposal/Price Quote': 'Proposal', 'Negotiation/Review': 'Negot', 'Closed Won': 'Won', 'Closed Lost': 'Lost', 'Closed Lost to Competition': 'LostComp', Qualification: 'Qualif' } as Record<string, string>)[stage] ?? stage;

/** Rows: the label; columns: the suggestion. */
export function confusionTable(rows: readonly Row[], pipeline: Pipeline): string {
  const names: Array<string | null> = [null, ...pipeline.stages.map((stage) => stage.name)];
  const count = (expected: string | null, suggested: string | null) => rows.filter((row) => row.deal.expected === expected && row.suggested === suggested).length;
  const used = names.filter((name) => rows.some((row) => row.deal.expected === name || row.suggested === name));
  const width = 10;
  const cell = (text: string) => text.padStart(width);
  const lines = [`${'expected \\ suggested'.padEnd(21)}${used.map((name) => cell(short(name))).join('')}`];
  for (const expected of used) {
    if (!rows.some((row) => row.deal.expected === expected)) continue;
    lines.push(`${short(expected).padEnd(21)}${used.map((suggested) => cell(String(count(expected, suggested) || '.'))).join('')}`);
  }
  return lines.join('\n');
}

const pct = (part: number, whole: number) => (whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`);

export function report(title: string, rows: readonly Row[], pipeline: Pipeline, opts: { listMisses?: boolean } = {}): string {
  const s = summarize(rows);
  const lines = [
    `== ${title}: ${s.deals} deals`,
    `agreement (acceptable alternatives count): ${s.agree}/${s.deals} = ${pct(s.agree, s.deals)}`,
    `false moves: ${s.falseMoves} (${(s.falseMoves / Math.max(1, s.deals / 30)).toFixed(2)} per 30 deals); missed moves: ${s.missedMoves}`,
    `suggestions with evidence that exists: ${s.withEvidence}/${s.suggestions} = ${pct(s.withEvidence, s.suggestions)}`,
    `stages outside the pipeline: ${s.outsidePipeline}`,
  ];
  if (s.discarded) lines.push(`model answers discarded (counted as "stay"): ${s.discarded}`);
  lines.push('', 'confusion (rows: expected, columns: suggested)', confusionTable(rows, pipeline));
  const falseMoves = rows.filter((row) => row.falseMove);
  if (falseMoves.length) {
    lines.push('', 'false moves, with their evidence:');
    for (const row of falseMoves) {
      const by = row.suggestion?.by.kind === 'rules' ? row.suggestion.by.criterion : row.suggestion?.by.kind === 'model' ? `model: ${row.suggestion.by.reason}` : '';
      lines.push(`  ${row.deal.id} ${row.deal.name} [${row.deal.stage}] expected ${short(row.deal.expected)}, suggested ${short(row.suggested)} (${by})`);
      for (const id of row.suggestion?.evidence ?? []) {
        const signal = row.signals.find((candidate) => candidate.id === id);
        lines.push(`      ${signal ? `${signal.kind}: “${signal.text}” (${signal.source.kind} ${signal.at ?? ''})` : `${id} (no such signal)`}`);
      }
    }
  }
  if (opts.listMisses) {
    const missed = rows.filter((row) => !row.agrees && !row.falseMove);
    if (missed.length) {
      lines.push('', 'missed moves:');
      for (const row of missed) lines.push(`  ${row.deal.id} ${row.deal.name} [${row.deal.stage}] expected ${short(row.deal.expected)}${row.discarded ? ` — model answer discarded: ${row.discarded}` : ''}`);
    }
  }
  return lines.join('\n');
}

// ---- an OpenAI-compatible model, through the product's AI path --------------------------------

export interface ModelOptions {
  baseUrl: string;
  model: string;
  key?: string | null;
  criteriaText: string;
  criteria: Criteria;
  fetch?: typeof fetch;
  /** Told once per parameter dropped, and about every failure. */
  log?: (line: string) => void;
  now?: number;
}

/** Parameters the server refused once; left out of every later request. */
type Optional = 'temperature' | 'response_format';

function refusedParams(status: number, text: string): Optional[] | null {
  if (status !== 400 && status !== 422) return null;
  const named = (['temperature', 'response_format'] as const).filter((name) => text.includes(name));
  return named.length ? [...named] : null;
}

/**
 * Asks the model about every deal. The rules' suggestion goes along (as in the panel). A server
 * or reasoning model that refuses `temperature` or `response_format` is asked again without it,
 * and so are the later deals; `log` says so.
 */
export async function scoreModel(deals: readonly CorpusDeal[], options: ModelOptions): Promise<Row[]> {
  const pipeline = corpusPipeline();
  const doFetch = options.fetch ?? fetch;
  const log = options.log ?? (() => {});
  const dropped = new Set<Optional>();
  const base = options.baseUrl.replace(/\/+$/, '');
  const rows: Row[] = [];
  for (const deal of deals) {
    const input = corpusInput(deal, options.now);
    const rules = suggestStage(input, pipeline, options.criteria);
    const { body } = buildAiRequest({ model: options.model, pipeline, deal: input.deal, signals: rules.signals, criteriaText: options.criteriaText, rules: rules.suggestion });
    let answer: unknown = null;
    let failure: string | null = null;
    for (let attempt = 0; attempt < 3; attempt++) {
      const sent: Record<string, unknown> = { ...body };
      for (const name of dropped) delete sent[name];
      const response = await doFetch(`${base}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(options.key ? { authorization: `Bearer ${options.key}` } : {}) },
        body: JSON.stringify(sent),
      });
      const text = await response.text();
      if (response.ok) {
        try {
          answer = JSON.parse(text);
        } catch {
          failure = 'the provider did not answer JSON';
        }
        break;
      }
      const refused = refusedParams(response.status, text)?.filter((name) => !dropped.has(name)) ?? [];
      if (refused.length === 0) {
        failure = `HTTP ${response.status}: ${text.slice(0, 200)}`;
        break;
      }
      for (const name of refused) {
        dropped.add(name);
        log(`the server refused \`${name}\` (HTTP ${response.status}); asking again without it, for this and every later deal`);
      }
    }
    if (failure !== null) {
      log(`${deal.id}: ${failure}`);
      rows.push({ ...judge(deal, input, pipeline, null, rules.signals), discarded: failure });
      continue;
    }
    const parsed = parseAiAnswer(answer, pipeline, rules.signals, options.model, input.deal.stage);
    if (parsed.ok) {
      rows.push(judge(deal, input, pipeline, parsed.suggestion, rules.signals));
    } else if (parsed.reason === 'same_stage') {
      rows.push(judge(deal, input, pipeline, null, rules.signals));
    } else {
      rows.push({ ...judge(deal, input, pipeline, null, rules.signals), discarded: `${parsed.reason}: ${parsed.detail}` });
    }
  }
  return rows;
}
