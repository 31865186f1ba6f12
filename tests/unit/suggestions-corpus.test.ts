// The budgets of issue 13, as a bar on the corpus's HELD-OUT part (tests/fixtures/deals/heldout.ts),
// for the rules alone with the default criteria, offline. The held-out deals were committed before
// any change to phrases, cues or criteria and are never tuned on: when this fails, fix the engine
// on the development part, never a held-out deal or label. `npm run eval:suggestions` prints the
// same figures with the confusion table and the false moves.
//
// Before (the engine as of the corpus commit): dev 45/90 (50.0%), 3 false moves; held-out 18/60
// (30.0%), 2 false moves. After: dev 90/90, 0 false moves; held-out 55/60 (91.7%), 0 false moves.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CRITERIA_TEXT, parseCriteria } from '../../lib/suggestions';
import { scoreRules, summarize } from '../eval/score';
import { STANDARD_STAGES } from '../fixtures/deals/corpus';
import { DEV_DEALS } from '../fixtures/deals/dev';
import { HELDOUT_DEALS } from '../fixtures/deals/heldout';

const MIN_AGREEMENT = 0.9;
const MAX_FALSE_MOVES_PER_30 = 1;

const parsed = parseCriteria(DEFAULT_CRITERIA_TEXT);
if (!parsed.ok) throw new Error('default criteria do not parse');

describe('the corpus', () => {
  it('has at least 150 labeled deals, ids unique, labels in the pipeline, histories ending in the current stage', () => {
    const all = [...DEV_DEALS, ...HELDOUT_DEALS];
    expect(all.length).toBeGreaterThanOrEqual(150);
    expect(new Set(all.map((deal) => deal.id)).size).toBe(all.length);
    const names = new Set<string | null>([null, ...STANDARD_STAGES.map((stage) => stage.name)]);
    for (const deal of all) {
      expect(deal.history.at(-1)?.[0], deal.id).toBe(deal.stage);
      for (const label of [deal.expected, ...(deal.also ?? [])]) expect(names.has(label), deal.id).toBe(true);
      expect(deal.expected, deal.id).not.toBe(deal.stage);
    }
    for (const language of ['en', 'es', 'de', 'fr', 'pt']) {
      expect(DEV_DEALS.some((deal) => deal.lang === language)).toBe(true);
      expect(HELDOUT_DEALS.some((deal) => deal.lang === language)).toBe(true);
    }
  });
});

describe('budgets on the held-out part (rules, default criteria)', () => {
  const rows = scoreRules(HELDOUT_DEALS, parsed.criteria);
  const s = summarize(rows);

  it(`agrees on at least ${MIN_AGREEMENT * 100}% (acceptable alternatives count)`, () => {
    expect(s.agreement, rows.filter((row) => !row.agrees).map((row) => `${row.deal.id}: ${row.suggested ?? 'stay'}`).join(', ')).toBeGreaterThanOrEqual(MIN_AGREEMENT);
  });
  it(`makes at most ${MAX_FALSE_MOVES_PER_30} false move per 30 deals`, () => {
    expect(s.falseMoves, rows.filter((row) => row.falseMove).map((row) => `${row.deal.id} → ${row.suggested}`).join(', ')).toBeLessThanOrEqual(Math.floor((MAX_FALSE_MOVES_PER_30 * s.deals) / 30));
  });
  it('cites evidence that exists for every suggestion, and never a stage outside the pipeline', () => {
    expect(s.withEvidence).toBe(s.suggestions);
    expect(s.outsidePipeline).toBe(0);
  });
});
