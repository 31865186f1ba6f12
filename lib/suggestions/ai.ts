// The optional AI provider, both ends of it and nothing in between (the background does the
// fetch): the exact OpenAI-compatible chat-completions body to send — shown to the user as "what
// is sent" — and the checks its answer must pass before it may stand beside the rules' result.
// An answer that is not JSON, has the wrong shape, names a stage this pipeline lacks, or cites
// evidence that does not exist is discarded with the reason; the rules result then stands.
import { z } from 'zod';
import { findStage, stageKey } from './facts';
import { clip } from './text';
import type { DealFacts, Pipeline, Signal, Suggestion } from './types';

export interface AiRequestInput {
  model: string;
  pipeline: Pipeline;
  deal: DealFacts;
  signals: Signal[];
  /** The admin's criteria as written (the model reads them as they are). */
  criteriaText: string;
  /** What the rules suggest, for the model to agree or disagree with; null when nothing. */
  rules: Suggestion | null;
}

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export interface ChatCompletionsBody {
  model: string;
  messages: ChatMessage[];
  temperature: 0;
  response_format: { type: 'json_object' };
}

export const AI_SYSTEM_PROMPT = [
  'You review the pipeline stage of one sales deal in Zoho CRM for a sales manager.',
  'The user message is a JSON document: the deal, its current stage, the pipeline stages in order, the stage criteria the admin wrote, what the rules engine suggests (if anything), and the evidence, each item with an id.',
  'Decide which stage the deal should be in now. Use only the evidence given; do not invent facts. Follow the criteria where they apply.',
  'If nothing justifies a move, answer the current stage.',
  'Answer only JSON, nothing else: {"stage": "<exactly one of stages>", "confidence": <number from 0 to 1>, "evidence": ["<id of each evidence item you relied on>"], "reason": "<one or two sentences>"}.',
].join('\n');

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const PHONE_CANDIDATE = /(?:\+|\b)\d[\d\s().-]{6,}\d\b/g;

/** Email addresses and phone numbers out of text that leaves the browser (amounts and dates stay). */
export function redact(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE_CANDIDATE, (candidate) => {
    const digits = candidate.replace(/\D/g, '');
    if (digits.length < 9 || /^\d{4}-\d{2}-\d{2}$/.test(candidate.trim())) return candidate;
    return '[phone]';
  });
}

const SOURCE_NAMES: Readonly<Record<Signal['source']['kind'], string>> = { note: 'note', event: 'meeting', task: 'task', field: 'deal field', history: 'stage history' };

/** The chat-completions body, exactly as it will be POSTed. */
export function buildAiRequest(input: AiRequestInput): { body: ChatCompletionsBody } {
  const document = {
    deal: { name: redact(input.deal.name), amount: input.deal.amount, closingDate: input.deal.closingDate },
    currentStage: input.deal.stage,
    stages: input.pipeline.stages.map((stage) => stage.name),
    criteria: input.criteriaText,
    rulesSuggestion: input.rules ? { stage: input.rules.target, confidence: input.rules.confidence, evidence: input.rules.evidence } : null,
    // Superseded signals are left out: a later opposite one says more, and the rules ignore them too.
    evidence: input.signals
      .filter((signal) => !signal.supersededBy)
      .map((signal) => ({
        id: signal.id,
        kind: signal.kind,
        text: redact(signal.text),
        at: signal.at,
        source: `${SOURCE_NAMES[signal.source.kind]}: ${redact(signal.sourceTitle)}`,
      })),
  };
  return {
    body: {
      model: input.model,
      messages: [
        { role: 'system', content: AI_SYSTEM_PROMPT },
        { role: 'user', content: JSON.stringify(document, null, 2) },
      ],
      temperature: 0,
      response_format: { type: 'json_object' },
    },
  };
}

export type AiFailureReason = 'bad_response' | 'not_json' | 'bad_shape' | 'unknown_stage' | 'unknown_evidence' | 'no_evidence' | 'same_stage';
export type AiAnswer = { ok: true; suggestion: Suggestion } | { ok: false; reason: AiFailureReason; detail: string };

const completion = z
  .object({
    choices: z
      .array(
        z
          .object({
            message: z
              .object({
                content: z.union([z.string(), z.array(z.object({ type: z.string().optional(), text: z.string().optional() }).passthrough())]).nullish(),
                refusal: z.string().nullish(),
              })
              .passthrough(),
          })
          .passthrough(),
      )
      .min(1),
  })
  .passthrough();

const answerSchema = z
  .object({
    stage: z.string().trim().min(1),
    confidence: z.number().min(0).max(1),
    evidence: z.array(z.string()),
    reason: z.string(),
  })
  .passthrough();

/** Reads `choices[0].message.content` of a chat-completions response, then checks it as parseModelText does. */
export function parseAiAnswer(response: unknown, pipeline: Pipeline, signals: Signal[], model: string, currentStage?: string): AiAnswer {
  const parsed = completion.safeParse(response);
  if (!parsed.success) return { ok: false, reason: 'bad_response', detail: 'The provider’s answer has no choices[0].message.content.' };
  const message = parsed.data.choices[0]!.message;
  const content = typeof message.content === 'string' ? message.content : (message.content ?? []).map((part) => part.text ?? '').join('');
  if (!content.trim()) {
    return { ok: false, reason: 'bad_response', detail: message.refusal ? `The model refused: ${clip(message.refusal, 300)}` : 'The model answered nothing.' };
  }
  return parseModelText(content, pipeline, signals, model, currentStage);
}

/** The JSON inside a ```json fence, or the text itself. */
function unfence(text: string): string {
  const fenced = /```[a-zA-Z]*\s*\n?([\s\S]*?)```/.exec(text);
  return (fenced ? fenced[1]! : text).trim();
}

/**
 * Checks a model's raw text answer (a chat completion's content, or the browser's built-in
 * model's reply): JSON {stage, confidence, evidence, reason}, the stage one of this pipeline's
 * (exactly, or ignoring case and spacing), every cited id one of `signals`, at least one cited.
 * With `currentStage`, an answer that keeps the deal where it is comes back as 'same_stage'.
 */
export function parseModelText(text: string, pipeline: Pipeline, signals: Signal[], model: string, currentStage?: string): AiAnswer {
  let json: unknown;
  try {
    json = JSON.parse(unfence(text));
  } catch {
    return { ok: false, reason: 'not_json', detail: `The model did not answer JSON: “${clip(text, 160)}”` };
  }
  const answer = answerSchema.safeParse(json);
  if (!answer.success) {
    const issue = answer.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : 'the answer';
    return { ok: false, reason: 'bad_shape', detail: `The model’s JSON is not {stage, confidence, evidence, reason}: ${where}: ${issue.message}` };
  }
  const { stage, confidence, evidence, reason } = answer.data;
  const target = findStage(pipeline, stage);
  if (!target) {
    return { ok: false, reason: 'unknown_stage', detail: `“${clip(stage, 80)}” is not a stage of this pipeline (${pipeline.stages.map((s) => s.name).join(', ')}).` };
  }
  if (currentStage !== undefined && stageKey(target.name) === stageKey(currentStage)) {
    return { ok: false, reason: 'same_stage', detail: `The model suggests keeping the deal in ${target.name}: ${clip(reason, 300)}` };
  }
  const cited = [...new Set(evidence)];
  if (cited.length === 0) return { ok: false, reason: 'no_evidence', detail: 'The model cited no evidence for its answer.' };
  const known = new Set(signals.map((signal) => signal.id));
  const unknown = cited.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    return { ok: false, reason: 'unknown_evidence', detail: `The model cited evidence that does not exist: ${unknown.slice(0, 5).map((id) => `“${clip(id, 60)}”`).join(', ')}.` };
  }
  return {
    ok: true,
    suggestion: {
      target: target.name,
      confidence: Math.round(confidence * 100) / 100,
      by: { kind: 'model', model, reason: clip(reason, 500) },
      evidence: cited,
    },
  };
}
