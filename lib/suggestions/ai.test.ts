// The AI provider's request (exactly what is sent, nothing personal beyond the evidence) and the
// checks on its answer: valid, fenced, not JSON, wrong shape, unknown stage, unknown or no evidence.
import { describe, expect, it } from 'vitest';
import { AI_SYSTEM_PROMPT, buildAiRequest, parseAiAnswer, parseModelText, redact } from './ai';
import { extractSignals } from './signals';
import { deal, input, note, STANDARD_PIPELINE } from './testing';

const facts = deal({ stage: 'Proposal/Price Quote', amount: 23500, closingDate: '2026-12-05', contactId: '4876876000000412011' });
const signals = extractSignals(
  input({
    deal: facts,
    notes: [
      note('No budget confirmed yet.', '2026-10-01T10:00:00-04:00', { id: '1', title: 'Intro' }),
      note('Budget approved. Call JoAnn on +1 (213) 555-0173 or joann@acme.com about pricing.', '2026-11-12T10:00:00-05:00', { id: '2', title: 'Call with JoAnn' }),
      note('The MSA is with their legal team.', '2026-11-16T10:00:00-05:00', { id: '3', title: 'Legal' }),
    ],
  }),
);

describe('the request', () => {
  const { body } = buildAiRequest({
    model: 'gpt-4o-mini',
    pipeline: STANDARD_PIPELINE,
    deal: facts,
    signals,
    criteriaText: 'version: 1\ncriteria: []\n',
    rules: { target: 'Negotiation/Review', confidence: 0.7, by: { kind: 'rules', criterion: 'negotiation', description: 'x' }, evidence: ['note:3:legal_review'] },
  });

  it('is a chat-completions body that asks for JSON, deterministically', () => {
    expect(body.model).toBe('gpt-4o-mini');
    expect(body.temperature).toBe(0);
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect(body.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(body.messages[0]!.content).toBe(AI_SYSTEM_PROMPT);
    expect(AI_SYSTEM_PROMPT).toContain('Answer only JSON');
    expect(AI_SYSTEM_PROMPT).toContain('{"stage"');
  });

  it('sends the stages, the current stage, the criteria as written, the rules’ view and the live evidence', () => {
    const sent = JSON.parse(body.messages[1]!.content);
    expect(Object.keys(sent).sort()).toEqual(['criteria', 'currentStage', 'deal', 'evidence', 'rulesSuggestion', 'stages']);
    expect(sent.currentStage).toBe('Proposal/Price Quote');
    expect(sent.stages).toEqual(STANDARD_PIPELINE.stages.map((s) => s.name));
    expect(sent.criteria).toBe('version: 1\ncriteria: []\n');
    expect(sent.deal).toEqual({ name: 'Acme Logistics – Fleet Telematics Rollout', amount: 23500, closingDate: '2026-12-05' });
    expect(sent.rulesSuggestion).toEqual({ stage: 'Negotiation/Review', confidence: 0.7, evidence: ['note:3:legal_review'] });
    expect(sent.evidence.map((e: { id: string }) => e.id)).toEqual(['note:3:legal_review', 'note:2:budget_approved', 'note:2:pricing_discussed', 'field:Amount:amount_set', 'field:Closing_Date:closing_date_future']);
    expect(sent.evidence[0]).toEqual({ id: 'note:3:legal_review', kind: 'legal_review', text: 'The MSA is with their legal team.', at: '2026-11-16T10:00:00-05:00', source: 'note: Legal' });
  });

  it('holds no email address, phone number or record owner', () => {
    const text = JSON.stringify(body);
    expect(text).not.toContain('joann@acme.com');
    expect(text).not.toContain('555-0173');
    expect(text).toContain('Call JoAnn on [phone] or [email] about pricing.');
    expect(text).not.toContain('Priya');
    expect(text).not.toContain('4876876000000412011');
  });

  it.each([
    ['ann@acme.com wrote', '[email] wrote'],
    ['call +44 20 7946 0321 today', 'call [phone] today'],
    ['$29,700 for 9,000 labels by 2026-11-25', '$29,700 for 9,000 labels by 2026-11-25'],
    ['PO NLP-4471 for $67,800', 'PO NLP-4471 for $67,800'],
  ])('redacts %s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });
});

const completion = (content: unknown) => ({ id: 'chatcmpl-1', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] });
const answer = (value: unknown) => completion(JSON.stringify(value));
const valid = { stage: 'Negotiation/Review', confidence: 0.82, evidence: ['note:3:legal_review', 'note:2:budget_approved'], reason: 'The contract is with legal.' };

describe('the answer', () => {
  it('stands when it names a stage of the pipeline and cites known evidence', () => {
    expect(parseAiAnswer(answer(valid), STANDARD_PIPELINE, signals, 'gpt-4o-mini', 'Proposal/Price Quote')).toEqual({
      ok: true,
      suggestion: { target: 'Negotiation/Review', confidence: 0.82, by: { kind: 'model', model: 'gpt-4o-mini', reason: 'The contract is with legal.' }, evidence: ['note:3:legal_review', 'note:2:budget_approved'] },
    });
  });

  it.each([
    ['a ```json fence', '```json\n' + JSON.stringify(valid) + '\n```'],
    ['a bare ``` fence with words around it', 'Here you go:\n```\n' + JSON.stringify(valid) + '\n```\nHope this helps.'],
    ['content given as parts', [{ type: 'text', text: JSON.stringify(valid) }]],
  ])('is read through %s', (_, content) => {
    expect(parseAiAnswer(completion(content), STANDARD_PIPELINE, signals, 'm')).toMatchObject({ ok: true, suggestion: { target: 'Negotiation/Review' } });
  });

  it('maps a stage written in another case to the pipeline’s name', () => {
    expect(parseAiAnswer(answer({ ...valid, stage: 'negotiation/review' }), STANDARD_PIPELINE, signals, 'm')).toMatchObject({ ok: true, suggestion: { target: 'Negotiation/Review' } });
  });

  it.each([
    ['no choices', { error: { message: 'quota' } }, 'bad_response'],
    ['an empty answer', completion(''), 'bad_response'],
    ['a refusal', { choices: [{ message: { role: 'assistant', content: null, refusal: 'I cannot help with that.' } }] }, 'bad_response'],
    ['prose', completion('I think the deal should move to Negotiation.'), 'not_json'],
    ['truncated JSON', completion('{"stage": "Negotiation/Review", "confid'), 'not_json'],
    ['confidence as text', answer({ ...valid, confidence: 'high' }), 'bad_shape'],
    ['confidence above 1', answer({ ...valid, confidence: 82 }), 'bad_shape'],
    ['evidence not a list', answer({ ...valid, evidence: 'note:3:legal_review' }), 'bad_shape'],
    ['no reason', answer({ stage: valid.stage, confidence: 0.5, evidence: valid.evidence }), 'bad_shape'],
    ['a list instead of an object', answer([valid]), 'bad_shape'],
    ['a stage of another pipeline', answer({ ...valid, stage: 'Contract Sent' }), 'unknown_stage'],
    ['the current stage', answer({ ...valid, stage: 'Proposal/Price Quote' }), 'same_stage'],
    ['no evidence', answer({ ...valid, evidence: [] }), 'no_evidence'],
    ['evidence that does not exist', answer({ ...valid, evidence: ['note:3:legal_review', 'note:999:contract_signed'] }), 'unknown_evidence'],
  ])('is discarded for %s', (_, response, reason) => {
    const result = parseAiAnswer(response, STANDARD_PIPELINE, signals, 'm', 'Proposal/Price Quote');
    expect(result).toMatchObject({ ok: false, reason });
    expect(result.ok ? '' : result.detail).not.toBe('');
  });

  it('says which stage and which evidence were wrong', () => {
    expect(parseModelText(JSON.stringify({ ...valid, stage: 'Contract Sent' }), STANDARD_PIPELINE, signals, 'm')).toMatchObject({ detail: expect.stringContaining('“Contract Sent” is not a stage of this pipeline') });
    expect(parseModelText(JSON.stringify({ ...valid, evidence: ['note:999:contract_signed'] }), STANDARD_PIPELINE, signals, 'm')).toMatchObject({ detail: 'The model cited evidence that does not exist: “note:999:contract_signed”.' });
  });

  it('reads the browser model’s raw text the same way', () => {
    expect(parseModelText(` ${JSON.stringify(valid)} `, STANDARD_PIPELINE, signals, 'browser built-in model')).toMatchObject({ ok: true, suggestion: { by: { kind: 'model', model: 'browser built-in model' } } });
    expect(parseModelText('Negotiation/Review', STANDARD_PIPELINE, signals, 'm')).toMatchObject({ ok: false, reason: 'not_json' });
  });
});
