// Stage suggestions, pure: Zoho JSON → facts → signals → the rules (or a model's checked answer),
// plus follow-up tasks from notes and the criteria dry run. No browser APIs in here.
export * from './types';
export { DEAL_FIELDS, EVENT_FIELDS, NOTE_FIELDS, STAGE_HISTORY_FIELDS, TASK_FIELDS, dealFacts, eventFacts, findStage, noteFacts, pipelineFromZoho, stageHistoryFacts, taskFacts } from './facts';
export { NOTE_PHRASES, PHRASE_KIND, SIGNAL_KINDS, SIGNAL_KIND_NAMES, extractSignals, isSignalKind, type ExtractOptions, type SignalKind } from './signals';
export {
  FIELD_NAMES,
  FIELD_OPS,
  checkAgainstPipeline,
  criteriaPhrases,
  parseCriteria,
  type Condition,
  type Criteria,
  type CriteriaError,
  type CriteriaWarning,
  type Criterion,
  type FieldCondition,
  type ParseCriteriaResult,
} from './criteria';
export { DEFAULT_CRITERIA_TEXT } from './defaults';
export { CONFIDENCE_RULES, suggestStage } from './engine';
export { findActionItems, resolveDue } from './actions';
export { AI_SYSTEM_PROMPT, buildAiRequest, parseAiAnswer, parseModelText, redact, type AiAnswer, type AiFailureReason, type AiRequestInput, type ChatCompletionsBody, type ChatMessage } from './ai';
export { asOf, dryRun, type DryRunClosedRow, type DryRunOpenRow, type DryRunResult } from './dryRun';
