// The criteria dry run: suggestions for open deals now, and closed deals replayed as they stood
// just before their closing stage change.
import { describe, expect, it } from 'vitest';
import { parseCriteria } from './criteria';
import { DEFAULT_CRITERIA_TEXT } from './defaults';
import { asOf, dryRun } from './dryRun';
import { deal, event, history, input, note, STANDARD_PIPELINE, task } from './testing';

const parsed = parseCriteria(DEFAULT_CRITERIA_TEXT);
if (!parsed.ok) throw new Error('defaults do not parse');
const criteria = parsed.criteria;

const won = input({
  deal: deal({ id: 'won', name: 'Brandt & Vogel – Annual Support Renewal', stage: 'Closed Won' }),
  notes: [
    note('Lukas signed the 2027 support renewal.', '2026-10-29T10:00:00+00:00', { id: 'signed' }),
    // After the close: must not count.
    note('They chose a competitor for the analytics add-on.', '2026-11-10T10:00:00+00:00'),
  ],
  stageHistory: history(['Qualification', '2026-08-25T09:10:00+01:00'], ['Negotiation/Review', '2026-10-09T14:00:00+01:00'], ['Closed Won', '2026-10-29T10:20:00+00:00']),
});
const lostUnnoticed = input({
  deal: deal({ id: 'lost', name: 'Granite Peak – Site Safety App', stage: 'Closed Lost' }),
  notes: [note('Kevin called: they were acquired; all evaluations are cancelled.', '2026-11-08T15:30:00-05:00')],
  // The note came after the stage change: before it, nothing said the deal was lost.
  stageHistory: history(['Qualification', '2026-08-27T11:30:00-04:00'], ['Value Proposition', '2026-10-14T11:00:00-04:00'], ['Closed Lost', '2026-11-08T15:20:00-05:00']),
});
const noHistory = input({ deal: deal({ id: 'old', name: 'Old deal', stage: 'Closed Lost' }), stageHistory: null });
const oneChange = input({ deal: deal({ id: 'one', name: 'Imported deal', stage: 'Closed Won' }), stageHistory: history(['Closed Won', '2026-01-01T00:00:00Z']) });
const reopened = input({ deal: deal({ id: 'odd', name: 'Odd history', stage: 'Closed Won' }), stageHistory: history(['Qualification', '2026-01-01T00:00:00Z'], ['Negotiation/Review', '2026-02-01T00:00:00Z']) });
const open = input({
  deal: deal({ id: 'open', name: 'Northgate – Yard Management', stage: 'Negotiation/Review' }),
  notes: [note('Contract signed: Ingrid countersigned the MSA this morning.', '2026-11-17T15:40:00-05:00')],
  stageHistory: history(['Negotiation/Review', '2026-10-29T11:00:00-04:00']),
});
const stays = input({ deal: deal({ id: 'stays', name: 'Koala Bay – Loyalty App', stage: 'Perception Analysis' }) });

describe('dry run', () => {
  const result = dryRun({ deals: [won, lostUnnoticed, noHistory, oneChange, reopened, open, stays], pipeline: STANDARD_PIPELINE, criteria });

  it('suggests for open deals now', () => {
    expect(result.open.map((row) => [row.dealId, row.stage, row.suggestion?.target ?? null])).toEqual([
      ['open', 'Negotiation/Review', 'Closed Won'],
      ['stays', 'Perception Analysis', null],
    ]);
  });

  it('replays closed deals just before they closed, and counts the matches', () => {
    expect(result.closed).toEqual({
      judged: 2,
      matched: 1,
      skipped: 3,
      rows: [
        { dealId: 'won', dealName: 'Brandt & Vogel – Annual Support Renewal', reached: 'Closed Won', before: 'Negotiation/Review', suggested: 'Closed Won', matched: true },
        { dealId: 'lost', dealName: 'Granite Peak – Site Safety App', reached: 'Closed Lost', before: 'Value Proposition', suggested: null, matched: false },
      ],
    });
  });
});

describe('a deal as it stood then', () => {
  const cutoff = Date.parse('2026-11-01T12:00:00Z');
  const then = asOf(
    input({
      deal: deal({ stage: 'Closed Won' }),
      notes: [note('before', '2026-10-30T10:00:00Z', { id: 'a' }), note('after', '2026-11-02T10:00:00Z', { id: 'b' })],
      events: [
        event('held before', '2026-10-20T10:00:00Z', '2026-10-20T11:00:00Z', ['accepted'], { id: 'e1' }),
        event('booked before, held after', '2026-11-05T10:00:00Z', '2026-11-05T11:00:00Z', ['accepted'], { id: 'e2', createdTime: '2026-10-25T10:00:00Z' }),
        event('booked after', '2026-11-06T10:00:00Z', '2026-11-06T11:00:00Z', ['accepted'], { id: 'e3', createdTime: '2026-11-03T10:00:00Z' }),
        event('unknown creation, after', '2026-11-07T10:00:00Z', '2026-11-07T11:00:00Z', ['accepted'], { id: 'e4' }),
      ],
      tasks: [
        task('done before', '2026-10-28', 'Completed', { id: 't1', closedTime: '2026-10-28T16:00:00Z' }),
        task('done after', '2026-11-03', 'Completed', { id: 't2', closedTime: '2026-11-03T16:00:00Z', createdTime: '2026-10-20T10:00:00Z' }),
        task('created after', '2026-11-10', 'Not Started', { id: 't3', createdTime: '2026-11-02T10:00:00Z' }),
      ],
      stageHistory: history(['Negotiation/Review', '2026-10-01T10:00:00Z'], ['Closed Won', '2026-11-01T12:00:00Z']),
      timeZone: 'UTC',
    }),
    'Negotiation/Review',
    cutoff,
  );

  it('has only what existed then, as it was then', () => {
    expect(then.deal.stage).toBe('Negotiation/Review');
    expect(then.now).toBe(cutoff - 1);
    expect(then.notes.map((n) => n.id)).toEqual(['a']);
    expect(then.events.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(then.tasks.map((t) => [t.id, t.status, t.closedTime])).toEqual([
      ['t1', 'Completed', '2026-10-28T16:00:00Z'],
      ['t2', 'Not Started', null],
    ]);
    expect(then.stageHistory).toEqual(history(['Negotiation/Review', '2026-10-01T10:00:00Z']));
  });
});

describe('dry run over several pipelines', () => {
  const RENEWALS: typeof STANDARD_PIPELINE = {
    name: 'Renewals (Standard)',
    stages: [
      { name: 'Renewal Due', label: 'Renewal Due', probability: 50, forecastType: 'Open' },
      { name: 'Renewed', label: 'Renewed', probability: 100, forecastType: 'Closed Won' },
    ],
  };
  const renewed = input({
    deal: deal({ id: 'renewed', name: 'Brandt & Vogel – 2027 Renewal', stage: 'Renewed' }),
    stageHistory: history(['Renewal Due', '2026-09-01T09:00:00+01:00'], ['Renewed', '2026-10-29T10:20:00+00:00']),
  });

  it('judges each deal by its own pipeline: a closed renewal is not taken for an open deal', () => {
    const alone = dryRun({ deals: [renewed, open], pipeline: STANDARD_PIPELINE, criteria });
    expect(alone.open.map((row) => row.dealId)).toContain('renewed');
    const each = dryRun({ deals: [renewed, open], pipeline: STANDARD_PIPELINE, criteria, pipelineOf: (deal) => (deal === renewed ? RENEWALS : STANDARD_PIPELINE) });
    expect(each.open.map((row) => row.dealId)).toEqual(['open']);
    expect(each.closed.judged + each.closed.skipped).toBe(1);
  });
});
