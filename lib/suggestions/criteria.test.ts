// The criteria language: what parses (YAML and JSON, shorthands, defaults), every error with its
// exact line, column and reason, and the warnings against a pipeline.
import { describe, expect, it } from 'vitest';
import { checkAgainstPipeline, parseCriteria, type Criteria } from './criteria';
import { STANDARD_PIPELINE } from './testing';

const ok = (text: string): Criteria => {
  const result = parseCriteria(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.criteria;
};
const errors = (text: string) => {
  const result = parseCriteria(text);
  if (result.ok) throw new Error('expected errors');
  return result.errors.map((e) => `${e.line}:${e.column} ${e.path} – ${e.message}`);
};

describe('parsing', () => {
  it('reads the full language, with defaults and shorthands', () => {
    const criteria = ok(`version: 1
criteria:
  - id: budget-and-needs
    target: Needs Analysis
    from: [Qualification]
    priority: 10
    confidence: 0.7
    description: Budget confirmed and needs discussed in a meeting
    when:
      all:
        - signal: budget_approved
          within_days: 60
        - meeting_held
      any: [needs_identified, {phrase: "pain point", min_count: 2}]
      none:
        - signal: asked_to_pause
          since: ever
    fields:
      - field: Amount
        op: ">"
        value: 0
      - {field: Next_Step, op: set}
  - id: won
    target: Closed Won
    from: open
    when:
      any: [contract_signed]
`);
    expect(criteria.criteria[0]).toEqual({
      id: 'budget-and-needs',
      target: 'Needs Analysis',
      from: ['Qualification'],
      priority: 10,
      confidence: 0.7,
      description: 'Budget confirmed and needs discussed in a meeting',
      since: 'stage_change',
      when: {
        all: [
          { signal: 'budget_approved', withinDays: 60, minCount: 1, since: null, line: 11 },
          { signal: 'meeting_held', withinDays: null, minCount: 1, since: null, line: 13 },
        ],
        any: [
          { signal: 'needs_identified', withinDays: null, minCount: 1, since: null, line: 14 },
          { phrase: 'pain point', withinDays: null, minCount: 2, since: null, line: 14 },
        ],
        none: [{ signal: 'asked_to_pause', withinDays: null, minCount: 1, since: 'ever', line: 16 }],
        minAny: 1,
      },
      fields: [
        { field: 'Amount', op: '>', value: 0, line: 19 },
        { field: 'Next_Step', op: 'set', value: null, line: 22 },
      ],
      lines: { item: 3, target: 4, from: [5] },
    });
    expect(criteria.criteria[1]).toMatchObject({ id: 'won', from: 'open', priority: 0, confidence: 0.6, description: '', lines: { item: 23, target: 24, from: [25] } });
  });

  it('reads JSON (YAML’s subset) with positions too', () => {
    const criteria = ok('{"version": 1,\n "criteria": [\n  {"id": "won", "target": "Closed Won", "from": "open",\n   "when": {"any": ["contract_signed"]}}]}');
    expect(criteria.criteria[0]).toMatchObject({ id: 'won', from: 'open', lines: { item: 3, target: 3 } });
  });

  it('takes a single stage name in from: as a list of one', () => {
    expect(ok('version: 1\ncriteria:\n  - {id: a, target: Needs Analysis, from: Qualification, when: {all: [meeting_held]}}').criteria[0]!.from).toEqual(['Qualification']);
  });
});

describe('errors: line, column, path and reason', () => {
  it.each([
    [
      'an unknown signal, with the likely one',
      `version: 1
criteria:
  - id: a
    target: Needs Analysis
    from: [Qualification]
    when:
      all:
        - signal: budget_aproved
        - meeting_hled
`,
      [
        "8:19 criteria[0].when.all[0].signal – unknown signal 'budget_aproved' (did you mean budget_approved?)",
        "9:11 criteria[0].when.all[1].signal – unknown signal 'meeting_hled' (did you mean meeting_held?)",
      ],
    ],
    [
      'a signal too far from any to guess',
      'version: 1\ncriteria:\n  - {id: a, target: X, from: open, when: {any: [weather_is_nice]}}\n',
      ["3:49 criteria[0].when.any[0].signal – unknown signal 'weather_is_nice'"],
    ],
    [
      'an unknown key, and a wrong type',
      `version: 1
criteria:
  - id: a
    target: Needs Analysis
    from: Qualification
    priority: high
    whne:
      all: [meeting_held]
`,
      [
        "6:15 criteria[0].priority – expected a number, got text 'high'",
        "7:5 criteria[0].whne – unknown key 'whne' (did you mean when?)",
      ],
    ],
    [
      'a missing target and bad field conditions',
      `version: 1
criteria:
  - id: a
    from: [Qualification]
    when:
      all: [meeting_held]
    fields:
      - field: Amount
        op: ">"
      - field: Closing_Date
        op: "<"
        value: 5
      - field: Ammount
        op: set
      - {field: Next_Step, op: "=", value: 1}
      - {field: Amount, op: not_set, value: 0}
`,
      [
        "3:5 criteria[0].target – missing 'target'",
        "8:9 criteria[0].fields[0] – '>' needs a value",
        "12:16 criteria[0].fields[1].value – Closing_Date is compared with a date (yyyy-MM-dd) or 'today'",
        "13:16 criteria[0].fields[2].field – expected one of the fields Amount, Closing_Date, days_to_close, days_in_stage, Next_Step, got text 'Ammount'",
        "15:32 criteria[0].fields[3].op – Next_Step can only be tested with 'set' or 'not_set'",
        "16:45 criteria[0].fields[4].value – 'not_set' takes no value",
      ],
    ],
    [
      'values out of range',
      'version: 1\ncriteria:\n  - id: a b\n    target: X\n    from: []\n    confidence: 1.5\n    when:\n      any: [meeting_held]\n      min_any: 2\n',
      [
        '3:9 criteria[0].id – an id is 1–64 letters, digits, - or _ (starting with a letter or digit)',
        '5:11 criteria[0].from – list at least one stage, or write open',
        '6:17 criteria[0].confidence – confidence is from 0 to 1',
        '9:16 criteria[0].when.min_any – min_any is 2 but any: has 1 condition(s)',
      ],
    ],
    [
      'a criterion without conditions; a condition with both a signal and a phrase',
      'version: 1\ncriteria:\n  - id: a\n    target: X\n    from: open\n    when:\n      none: [asked_to_pause]\n  - id: b\n    target: X\n    from: open\n    when:\n      all: [{signal: demo_done, phrase: demo}]\n',
      [
        '3:5 criteria[0] – a criterion needs at least one condition: when: all: / any: or fields:',
        '12:13 criteria[1].when.all[0] – a condition names either a signal or a phrase (one of them)',
      ],
    ],
    [
      'the same id twice',
      'version: 1\ncriteria:\n  - {id: won, target: Closed Won, from: open, when: {any: [contract_signed]}}\n  - {id: won, target: Closed Won, from: open, when: {any: [deal_won]}}\n',
      ["4:10 criteria[1].id – the id 'won' is used twice"],
    ],
    [
      'JSON with a misspelt key',
      '{"version": 1, "criteria": [{"id": "x", "target": "Closed Won", "from": "open", "when": {"any": ["contract_signed"]}, "confidance": 0.5}]}',
      ["1:119 criteria[0].confidance – unknown key 'confidance' (did you mean confidence?)"],
    ],
    ['another version, criteria not a list', 'version: 2\ncriteria: {}\n', ['1:10 version – version must be 1, got the number 2', '2:11 criteria – expected a list of criteria, got a map']],
    ['a list at the top', '- a\n- b\n', ['1:1  – expected version: 1 and a criteria: list, got a list']],
    ['a key twice (YAML)', 'version: 1\nversion: 1\ncriteria: []\n', ['2:1  – this key appears twice in the same map']],
    ['bad indentation (YAML)', 'version: 1\ncriteria:\n  - id: a\n    target: X\n     from: open\n', ['4:13  – Nested mappings are not allowed in compact mappings', '4:13  – Implicit keys need to be on a single line']],
    ['nothing at all', '   \n', ['1:1  – the criteria are empty: write version: 1 and a criteria: list']],
  ])('%s', (_, text, expected) => {
    expect(errors(text)).toEqual(expected);
  });
});

describe('checked against a pipeline', () => {
  it('warns about stages the pipeline lacks, closed stages in from:, and criteria that can never apply', () => {
    const criteria = ok(`version: 1
criteria:
  - id: a
    target: Needs Analysys
    from: [Qualification, Closed Won, Prospecting]
    when: {all: [meeting_held]}
  - id: b
    target: needs analysis
    from: [Needs Analysis]
    when: {all: [meeting_held]}
  - id: c
    target: Closed Won
    from: open
    when: {any: [contract_signed]}
`);
    expect(checkAgainstPipeline(criteria, STANDARD_PIPELINE)).toEqual([
      { criterion: 'a', line: 4, message: "target: the pipeline “Standard (Standard)” has no stage 'Needs Analysys' (did you mean Needs Analysis?)" },
      { criterion: 'a', line: 5, message: "from: 'Closed Won' is a closed stage; closed deals are never moved" },
      { criterion: 'a', line: 5, message: "from: the pipeline “Standard (Standard)” has no stage 'Prospecting'" },
      { criterion: 'b', line: 8, message: "target: 'needs analysis' is written 'Needs Analysis' in the pipeline" },
      { criterion: 'b', line: 7, message: 'from: only lists the target itself, so this criterion can never apply' },
    ]);
  });
});

describe('the guide (CRITERIA.md)', () => {
  it('has examples that parse', async () => {
    const { readFileSync } = await import('node:fs');
    const guide = readFileSync(new URL('./CRITERIA.md', import.meta.url), 'utf8');
    const blocks = [...guide.matchAll(/```(yaml|json)\n([\s\S]*?)```/g)].map(([, , body]) => body!);
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    for (const block of blocks) {
      const text = block.startsWith('  - id:') ? `version: 1\ncriteria:\n${block}` : block;
      const result = parseCriteria(text);
      expect(result.ok ? [] : result.errors, block).toEqual([]);
    }
  });
});
