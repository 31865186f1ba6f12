// `npm run eval:suggestions`: how well stage suggestions agree with the labeled corpus
// (tests/fixtures/deals) — the rules engine with the default criteria, or, with
// `--provider <base URL> --model <name> [--key-env VAR]`, any OpenAI-compatible model through the
// product's own AI path, so an admin can measure a model before turning it on.
//   --criteria <file>   score your own criteria (YAML or JSON) instead of the defaults
//   --misses            also list the missed moves
//   --part dev|heldout  one part only
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_CRITERIA_TEXT, parseCriteria } from '../../lib/suggestions';
import { DEV_DEALS } from '../fixtures/deals/dev';
import { HELDOUT_DEALS } from '../fixtures/deals/heldout';
import { corpusPipeline, report, scoreModel, scoreRules, type Row } from './score';

const { values } = parseArgs({
  options: {
    provider: { type: 'string' },
    model: { type: 'string' },
    'key-env': { type: 'string' },
    criteria: { type: 'string' },
    misses: { type: 'boolean', default: false },
    part: { type: 'string' },
  },
});

const criteriaText = values.criteria ? readFileSync(values.criteria, 'utf8') : DEFAULT_CRITERIA_TEXT;
const parsed = parseCriteria(criteriaText);
if (!parsed.ok) {
  console.error(`The criteria do not parse:\n${parsed.errors.map((error) => `  ${error.line}:${error.column} ${error.message}`).join('\n')}`);
  process.exit(2);
}
if (values.provider && !values.model) {
  console.error('--provider needs --model <name>');
  process.exit(2);
}

const parts = [
  { name: 'development part', deals: DEV_DEALS },
  { name: 'held-out part', deals: HELDOUT_DEALS },
].filter((part) => !values.part || part.name.startsWith(values.part === 'heldout' ? 'held' : values.part));

const pipeline = corpusPipeline();
const key = values['key-env'] ? process.env[values['key-env']] : null;
if (values['key-env'] && !key) console.error(`(no ${values['key-env']} in the environment: asking without a key)`);

for (const part of parts) {
  let rows: Row[];
  let what: string;
  if (values.provider) {
    what = `model ${values.model} at ${values.provider}`;
    rows = await scoreModel(part.deals, { baseUrl: values.provider, model: values.model!, key, criteriaText, criteria: parsed.criteria, log: (line) => console.error(`  ${line}`) });
  } else {
    what = `rules, ${values.criteria ? values.criteria : 'default criteria'}`;
    rows = scoreRules(part.deals, parsed.criteria);
  }
  console.log(report(`${part.name} — ${what}`, rows, pipeline, { listMisses: values.misses }));
  console.log('');
}
