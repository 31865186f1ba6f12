// The criteria switch means what the options page says (issue 15): "Use these criteria instead of
// the built-in ones" — off, the built-in criteria run whatever is written; on, the written ones.
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../settings/schema';
import { DEFAULT_CRITERIA_TEXT } from './defaults';
import { criteriaInUse } from './service';

const OWN = `version: 1
criteria:
  - id: own-only
    target: Proposal/Price Quote
    from: [Needs Analysis]
    priority: 10
    confidence: 0.6
    description: Our own criterion
    when:
      all: [budget_approved]
`;

const settings = (criteriaEnabled: boolean, pipelineCriteria: string) => ({ ...defaultSettings(), criteriaEnabled, pipelineCriteria });

describe('criteriaInUse', () => {
  it('off: the built-in criteria, even with criteria written', () => {
    const used = criteriaInUse(settings(false, OWN));
    expect(used).toMatchObject({ source: 'default', invalid: false, text: DEFAULT_CRITERIA_TEXT });
    expect(used.criteria.criteria.map((c) => c.id)).not.toContain('own-only');
  });
  it('on: the written criteria, and only they', () => {
    const used = criteriaInUse(settings(true, OWN));
    expect(used).toMatchObject({ source: 'custom', invalid: false });
    expect(used.criteria.criteria.map((c) => c.id)).toEqual(['own-only']);
  });
  it('on with nothing written: the built-in ones; with errors: the built-in ones, flagged', () => {
    expect(criteriaInUse(settings(true, '  '))).toMatchObject({ source: 'default', invalid: false });
    expect(criteriaInUse(settings(true, 'version: 1\ncriteria: [oops'))).toMatchObject({ source: 'default', invalid: true });
  });
});
