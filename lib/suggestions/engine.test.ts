// The rules engine: which criteria apply, which one wins, what counts as evidence, the confidence
// formula, and the plain-words reasons for the criteria that were not met.
import { describe, expect, it } from 'vitest';
import { parseCriteria, type Criteria } from './criteria';
import { DEFAULT_CRITERIA_TEXT } from './defaults';
import { suggestStage } from './engine';
import { deal, event, history, input, note, STANDARD_PIPELINE, task } from './testing';

const criteriaOf = (text: string): Criteria => {
  const parsed = parseCriteria(`version: 1\ncriteria:\n${text}`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.criteria;
};
const defaults = (() => {
  const parsed = parseCriteria(DEFAULT_CRITERIA_TEXT);
  if (!parsed.ok) throw new Error('defaults do not parse');
  return parsed.criteria;
})();

// now = 2026-11-18 12:00 UTC (07:00 in New York).
const DAYS_AGO = (days: number, time = '10:00:00') => {
  const date = new Date(Date.parse('2026-11-18T00:00:00Z') - days * 86_400_000).toISOString().slice(0, 10);
  return `${date}T${time}-05:00`;
};

describe('with the default criteria', () => {
  it('moves a qualified deal to Needs Analysis and says why', () => {
    const result = suggestStage(
      input({
        deal: deal({ stage: 'Qualification', amount: 36500 }),
        notes: [
          note('No budget confirmed yet – she has to check the FY27 plan.', DAYS_AGO(15), { id: 'n1' }),
          note('Met Denise and two warehouse leads. Budget confirmed: $40k is approved in their FY27 operations plan.', DAYS_AGO(4), { id: 'n2' }),
        ],
        events: [event('Needs assessment – Lakeshore', DAYS_AGO(4, '09:00:00'), DAYS_AGO(4, '10:00:00'), ['accepted', 'accepted'], { id: 'e1' })],
        stageHistory: history(['Qualification', DAYS_AGO(20)]),
      }),
      STANDARD_PIPELINE,
      defaults,
    );
    expect(result.suggestion).toEqual({
      target: 'Needs Analysis',
      confidence: 0.73,
      by: { kind: 'rules', criterion: 'qualified', description: 'Budget confirmed, and a meeting held or needs written down' },
      evidence: ['note:n2:budget_approved', 'event:e1:meeting_held', 'event:e1:needs_identified'],
    });
    // The older "no budget" is superseded by the approval, so it does not block.
    expect(result.considered.find((c) => c.criterion === 'qualified')).toEqual({ criterion: 'qualified', target: 'Needs Analysis', matched: true, missing: [] });
    expect(result.considered.find((c) => c.criterion === 'won')).toEqual({
      criterion: 'won',
      target: 'Closed Won',
      matched: false,
      missing: ['missing one of: contract signed, the deal declared won (since the deal entered Qualification)'],
    });
  });

  it('keeps a deal without budget where it is, and says what blocks it', () => {
    const result = suggestStage(
      input({
        deal: deal({ stage: 'Qualification' }),
        notes: [note("No budget yet for this financial year; Grace O'Neill (Finance Director) decides on anything above £20k.", DAYS_AGO(12))],
        events: [event('Cold-chain sensor demo', DAYS_AGO(3), DAYS_AGO(3, '11:00:00'), ['accepted', 'declined'])],
      }),
      STANDARD_PIPELINE,
      defaults,
    );
    expect(result.suggestion).toBeNull();
    expect(result.considered.find((c) => c.criterion === 'qualified')?.missing).toEqual([
      'missing: budget approved',
      "blocked by no budget yet: “No budget yet for this financial year; Grace O'Neill (Finance Director) decides on anything above £20k.”",
    ]);
  });

  it('prefers the higher-priority criterion: a requested quote over a value proposition', () => {
    const result = suggestStage(
      input({
        deal: deal({ stage: 'Needs Analysis' }),
        notes: [
          note('Pain points: pricing errors at the shelf. Budget approved for a 2027 rollout.', DAYS_AGO(10)),
          note('[00:14:32] Nadia Rahman: Please send us a formal proposal with that pricing by next Wednesday.', DAYS_AGO(1)),
        ],
        stageHistory: history(['Qualification', DAYS_AGO(30)], ['Needs Analysis', DAYS_AGO(15)]),
      }),
      STANDARD_PIPELINE,
      defaults,
    );
    expect(result.suggestion?.target).toBe('Proposal/Price Quote');
    expect(result.considered.filter((c) => c.matched).map((c) => c.criterion)).toEqual(['needs-and-budget', 'proposal']);
  });

  it('never moves a closed deal', () => {
    const result = suggestStage(input({ deal: deal({ stage: 'Closed Won' }), notes: [note('They chose a competitor.', DAYS_AGO(1))] }), STANDARD_PIPELINE, defaults);
    expect(result).toMatchObject({ suggestion: null, considered: [] });
    expect(result.signals.map((s) => s.kind)).toContain('lost_to_competitor');
  });

  it('does not count evidence from before the deal entered its stage', () => {
    const notes = [note('Met Janet Cole, their CFO, who approves the spend. Janet will decide once IT has signed off.', DAYS_AGO(6, '15:20:00'))];
    const events = [event('Sponsor and CFO meeting', DAYS_AGO(6, '14:00:00'), DAYS_AGO(6, '15:00:00'), ['accepted'])];
    const before = input({ deal: deal({ stage: 'Value Proposition' }), notes, events, stageHistory: history(['Value Proposition', DAYS_AGO(26)]) });
    expect(suggestStage(before, STANDARD_PIPELINE, defaults).suggestion?.target).toBe('Id. Decision Makers');
    // The same evidence was the reason for the move to Id. Decision Makers 20 minutes later: nothing new since.
    const after = { ...before, deal: deal({ stage: 'Id. Decision Makers' }), stageHistory: history(['Value Proposition', DAYS_AGO(26)], ['Id. Decision Makers', DAYS_AGO(6, '15:40:00')]) };
    const result = suggestStage(after, STANDARD_PIPELINE, defaults);
    expect(result.suggestion).toBeNull();
    expect(result.considered.find((c) => c.criterion === 'perception')?.missing).toEqual([
      'missing: a meeting held (since the deal entered Id. Decision Makers)',
      'missing one of: a pilot or trial under way, positive feedback (since the deal entered Id. Decision Makers)',
    ]);
  });

  it('does not close a paused deal, and does not advance it', () => {
    const result = suggestStage(
      input({
        deal: deal({ stage: 'Perception Analysis' }),
        notes: [note('Laura Chen asked to pause until next year. She asked us to send the proposal in January.', DAYS_AGO(5))],
        stageHistory: history(['Perception Analysis', DAYS_AGO(19)]),
      }),
      STANDARD_PIPELINE,
      defaults,
    );
    expect(result.suggestion).toBeNull();
    expect(result.considered.find((c) => c.criterion === 'proposal')?.missing).toEqual([
      'blocked by the customer asked to pause or delay: “Laura Chen asked to pause until next year.”',
    ]);
  });
});

describe('which criteria apply', () => {
  const criteria = criteriaOf(`
  - {id: to-needs, target: needs analysis, from: [qualification], when: {all: [meeting_held]}}
  - {id: to-unknown, target: Discovery, from: open, when: {all: [meeting_held]}}
  - {id: to-self, target: Qualification, from: open, when: {all: [meeting_held]}}
  - {id: from-elsewhere, target: Closed Won, from: [Negotiation/Review], when: {all: [meeting_held]}}
`);
  const held = [event('Intro call', DAYS_AGO(2), DAYS_AGO(2, '11:00:00'))];

  it('only those from the current stage, to another stage of the pipeline (names in any case)', () => {
    const result = suggestStage(input({ events: held }), STANDARD_PIPELINE, criteria);
    expect(result.considered.map((c) => c.criterion)).toEqual(['to-needs']);
    expect(result.suggestion?.target).toBe('Needs Analysis');
  });

  it('treats a stage the pipeline does not know as open (only `from: open` criteria apply)', () => {
    const result = suggestStage(input({ deal: deal({ stage: 'Prospecting' }), events: held }), STANDARD_PIPELINE, criteria);
    expect(result.considered.map((c) => c.criterion)).toEqual(['to-self']);
  });
});

describe('choosing among met criteria', () => {
  const signedAndLost = [note('They signed the contract.', DAYS_AGO(1)), note('Later: they chose a competitor.', DAYS_AGO(1, '11:00:00'))];
  it.each([
    [
      'higher priority first',
      `
  - {id: won, target: Closed Won, from: open, priority: 10, confidence: 0.5, when: {any: [contract_signed]}}
  - {id: lost, target: Closed Lost to Competition, from: open, priority: 20, confidence: 0.5, when: {any: [lost_to_competitor]}}`,
      'lost',
    ],
    [
      'then higher confidence',
      `
  - {id: won, target: Closed Won, from: open, confidence: 0.9, when: {any: [contract_signed]}}
  - {id: lost, target: Closed Lost to Competition, from: open, confidence: 0.5, when: {any: [lost_to_competitor]}}`,
      'won',
    ],
    [
      'then the target earlier in the pipeline',
      `
  - {id: lost, target: Closed Lost to Competition, from: open, when: {any: [lost_to_competitor]}}
  - {id: won, target: Closed Won, from: open, when: {any: [contract_signed]}}`,
      'won',
    ],
    [
      'then the criterion written first',
      `
  - {id: first, target: Closed Won, from: open, when: {any: [contract_signed]}}
  - {id: second, target: Closed Won, from: open, when: {any: [lost_to_competitor]}}`,
      'first',
    ],
  ])('%s', (_, text, expected) => {
    const result = suggestStage(input({ notes: signedAndLost }), STANDARD_PIPELINE, criteriaOf(text));
    expect(result.suggestion?.by).toMatchObject({ kind: 'rules', criterion: expected });
  });
});

describe('conditions', () => {
  const base = input({
    deal: deal({ stage: 'Proposal/Price Quote', amount: 23500, closingDate: '2026-11-30', nextStep: 'Send revised quote' }),
    notes: [
      note('The contract is with their legal team for review.', DAYS_AGO(40), { id: 'old' }),
      note('Redlines came back on the MSA.', DAYS_AGO(3), { id: 'new' }),
      note('The security questionnaire is done.', DAYS_AGO(2), { id: 'q' }),
    ],
    tasks: [task('Return MSA redlines', '2026-11-16', 'Not Started', { id: 't' })],
    stageHistory: history(['Qualification', DAYS_AGO(120)], ['Proposal/Price Quote', DAYS_AGO(60)]),
  });
  const run = (when: string, extra = '') => {
    const result = suggestStage(base, STANDARD_PIPELINE, criteriaOf(`  - id: c\n    target: Negotiation/Review\n    from: open\n${extra}    when: ${when}\n`));
    const considered = result.considered[0]!;
    return { matched: considered.matched, missing: considered.missing, evidence: result.suggestion?.evidence ?? [] };
  };

  it.each([
    ['all, every match is evidence', '{all: [legal_review]}', '', { matched: true, missing: [], evidence: ['task:t:legal_review', 'note:new:legal_review', 'note:old:legal_review'] }],
    ['within_days', '{all: [{signal: legal_review, within_days: 7}]}', '', { matched: true, missing: [], evidence: ['task:t:legal_review', 'note:new:legal_review'] }],
    ['min_count', '{all: [{signal: legal_review, min_count: 3, within_days: 7}]}', '', { matched: false, missing: ['missing: contract or legal review under way (3 needed, in the last 7 days, since the deal entered Proposal/Price Quote)'], evidence: [] }],
    ['any, with min_any', '{any: [legal_review, task_overdue, demo_done], min_any: 2}', '', { matched: true, missing: [], evidence: ['task:t:task_overdue', 'task:t:legal_review', 'note:new:legal_review', 'note:old:legal_review'] }],
    ['any unmet', '{any: [demo_done, verbal_commit], min_any: 2}', '', { matched: false, missing: ['only 0 of the 2 needed: a demo given, a verbal commitment or terms agreed (since the deal entered Proposal/Price Quote)'], evidence: [] }],
    ['none blocks', '{all: [legal_review], none: [task_overdue]}', '', { matched: false, missing: ['blocked by an overdue task: “Return MSA redlines (due 2026-11-16, 2 days overdue)”'], evidence: [] }],
    ['a phrase', '{all: [{phrase: security questionnaire}]}', '', { matched: true, missing: [], evidence: ['note:q:phrase:security questionnaire'] }],
    ['a phrase not there', '{all: [{phrase: purchase order}]}', '', { matched: false, missing: ['missing: a note saying “purchase order” (since the deal entered Proposal/Price Quote)'], evidence: [] }],
  ])('%s', (_, when, extra, expected) => {
    expect(run(when, extra)).toEqual(expected);
  });

  it.each([
    ['Amount > 20000', { field: 'Amount', op: '>', value: 20000 }, true, null, ['field:Amount:amount_set']],
    ['Amount > 50000', { field: 'Amount', op: '>', value: 50000 }, false, 'Amount is 23500, not above 50000', []],
    ['Closing_Date < 2026-11-25', { field: 'Closing_Date', op: '<', value: '2026-11-25' }, false, 'Closing date is 2026-11-30, not below 2026-11-25', []],
    ['Closing_Date >= today', { field: 'Closing_Date', op: '>=', value: 'today' }, true, null, ['field:Closing_Date:closing_date_near']],
    ['days_to_close <= 30', { field: 'days_to_close', op: '<=', value: 30 }, true, null, ['field:Closing_Date:closing_date_near']],
    ['days_in_stage >= 60', { field: 'days_in_stage', op: '>=', value: 60 }, true, null, ['history:days_in_stage']],
    ['days_in_stage < 30', { field: 'days_in_stage', op: '<', value: 30 }, false, 'Days in stage is 60, not below 30', []],
    ['Next_Step set', { field: 'Next_Step', op: 'set' }, true, null, ['field:Next_Step:next_step_set']],
    ['Next_Step not_set', { field: 'Next_Step', op: 'not_set' }, false, 'Next step is set', []],
  ] as const)('field %s', (_, condition, matched, missing, evidence) => {
    const fields = `    fields: [${JSON.stringify(condition)}]\n`;
    const result = suggestStage(base, STANDARD_PIPELINE, criteriaOf(`  - id: c\n    target: Negotiation/Review\n    from: open\n${fields}`));
    expect(result.considered[0]).toMatchObject({ matched, missing: missing ? [missing] : [] });
    expect(result.suggestion?.evidence ?? []).toEqual(evidence);
  });

  it('says days in stage are unknown without a stage history', () => {
    const result = suggestStage({ ...base, stageHistory: null }, STANDARD_PIPELINE, criteriaOf('  - {id: c, target: Closed Lost, from: open, fields: [{field: days_in_stage, op: ">", value: 90}]}\n'));
    expect(result.considered[0]!.missing).toEqual(['days in stage unknown (no stage history from Zoho)']);
  });

  it('counts evidence from before the stage change with since: ever', () => {
    const recent = input({ ...base, stageHistory: history(['Proposal/Price Quote', DAYS_AGO(10)]) });
    const evidence = (since: string) =>
      suggestStage(recent, STANDARD_PIPELINE, criteriaOf(`  - {id: c, target: Negotiation/Review, from: open, when: {all: [{signal: legal_review, since: ${since}}]}}\n`)).suggestion?.evidence;
    expect(evidence('stage_change')).toEqual(['task:t:legal_review', 'note:new:legal_review']);
    expect(evidence('ever')).toEqual(['task:t:legal_review', 'note:new:legal_review', 'note:old:legal_review']);
  });
});

describe('confidence', () => {
  const criteria = criteriaOf('  - {id: c, target: Closed Won, from: open, confidence: 0.8, when: {any: [contract_signed, deal_won, verbal_commit]}}\n');
  const noteAt = (days: number, text: string) => note(text, DAYS_AGO(days));
  it.each([
    ['the base, for one fresh signal', [noteAt(1, 'They signed the contract.')], 0.8],
    ['+0.03 for each extra supporting signal', [noteAt(1, 'They signed the contract.'), noteAt(2, 'Closed won.'), noteAt(3, 'They gave us the go-ahead.')], 0.86],
    ['at most +0.15', Array.from({ length: 9 }, (_, i) => noteAt(i + 1, 'They signed the contract.')), 0.95],
    ['−0.10 when the newest evidence is over 30 days old', [noteAt(45, 'They signed the contract.')], 0.7],
    ['−0.20 past 90 days', [noteAt(100, 'They signed the contract.')], 0.6],
  ])('%s', (_, notes, expected) => {
    expect(suggestStage(input({ notes }), STANDARD_PIPELINE, criteria).suggestion?.confidence).toBe(expected);
  });

  it('is clamped to 0.05–0.99', () => {
    const high = criteriaOf('  - {id: c, target: Closed Won, from: open, confidence: 1, when: {any: [contract_signed, deal_won]}}\n');
    expect(suggestStage(input({ notes: [noteAt(1, 'They signed the contract. Closed won.')] }), STANDARD_PIPELINE, high).suggestion?.confidence).toBe(0.99);
    const low = criteriaOf('  - {id: c, target: Closed Won, from: open, confidence: 0.1, when: {any: [contract_signed]}}\n');
    expect(suggestStage(input({ notes: [noteAt(200, 'They signed the contract.')] }), STANDARD_PIPELINE, low).suggestion?.confidence).toBe(0.05);
  });

  it('is the same on every run', () => {
    const deal = input({ notes: [noteAt(1, 'They signed the contract.')] });
    expect(suggestStage(deal, STANDARD_PIPELINE, defaults)).toEqual(suggestStage(deal, STANDARD_PIPELINE, defaults));
  });
});
