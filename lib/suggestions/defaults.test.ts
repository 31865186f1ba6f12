// The shipped criteria parse, fit Zoho's standard pipeline, and cover every forward step and
// every closing stage.
import { describe, expect, it } from 'vitest';
import { checkAgainstPipeline, parseCriteria } from './criteria';
import { DEFAULT_CRITERIA_TEXT } from './defaults';
import { STANDARD_PIPELINE } from './testing';

const parsed = parseCriteria(DEFAULT_CRITERIA_TEXT);
const criteria = parsed.ok ? parsed.criteria.criteria : [];
const open = STANDARD_PIPELINE.stages.filter((stage) => stage.forecastType === 'Open').map((stage) => stage.name);
const closed = STANDARD_PIPELINE.stages.filter((stage) => stage.forecastType !== 'Open').map((stage) => stage.name);
const leadsFrom = (from: string, target: string) =>
  criteria.some((criterion) => criterion.target === target && (criterion.from === 'open' || criterion.from.includes(from)));

describe('the default criteria', () => {
  it('parse', () => {
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
  });

  it('name only stages of the standard pipeline', () => {
    expect(parsed.ok && checkAgainstPipeline(parsed.criteria, STANDARD_PIPELINE)).toEqual([]);
  });

  it.each(open.slice(0, -1).map((stage, index) => [stage, open[index + 1]!]))('lead from %s to %s', (from, to) => {
    expect(leadsFrom(from, to)).toBe(true);
  });

  it.each(closed)('reach %s from every open stage', (stage) => {
    for (const from of open) expect(leadsFrom(from, stage), from).toBe(true);
  });

  it('fit in the settings field, comments included', () => {
    expect(DEFAULT_CRITERIA_TEXT.length).toBeLessThan(100_000);
    expect(DEFAULT_CRITERIA_TEXT).toMatch(/^# /);
  });
});
