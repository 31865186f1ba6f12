// `npm run chaos [-- --seed N | --seeds N] [--ops N] [--rate 0.2]`: seeded chaos runs against the
// sandbox (started here on :8787 unless one answers there), each printing its figures and the seed
// to replay it. Exits non-zero when any run lost, doubled, double-booked or wrote as the wrong account.
import { parseArgs } from 'node:util';
import { startSandbox, type SandboxHandle } from '../../sandbox/server';
import { SANDBOX_ORIGIN } from '../browser';
import { runChaos } from './harness';
import { formatFigures, passed, type Figures } from './oracle';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    seeds: { type: 'string', default: '3' },
    ops: { type: 'string', default: '200' },
    rate: { type: 'string', default: '0.2' },
    verbose: { type: 'boolean', default: false },
  },
});
const ops = Number(values.ops);
const rate = Number(values.rate);
const seeds = values.seed !== undefined ? [Number(values.seed)] : Array.from({ length: Number(values.seeds) }, (_, i) => i + 1);
if (!Number.isInteger(ops) || ops < 1 || !(rate >= 0 && rate <= 1) || seeds.some((s) => !Number.isInteger(s) || s < 0)) {
  console.error('usage: npm run chaos -- [--seed N | --seeds N] [--ops N] [--rate 0..1] [--verbose]');
  process.exit(2);
}

async function sandboxUp(): Promise<boolean> {
  try {
    return (await fetch(`${SANDBOX_ORIGIN}/__sandbox/config`)).ok;
  } catch {
    return false;
  }
}

let own: SandboxHandle | null = null;
if (!(await sandboxUp())) own = await startSandbox({ port: Number(new URL(SANDBOX_ORIGIN).port) });
const results: Figures[] = [];
try {
  for (const seed of seeds) {
    const started = Date.now();
    console.log(`chaos: seed ${seed}, ${ops} operations, ${Math.round(rate * 100)}% of API calls faulted`);
    const figures = await runChaos({ seed, ops, faultRate: rate, log: values.verbose ? (line) => console.log(`  ${line}`) : undefined });
    results.push(figures);
    console.log(formatFigures(figures));
    console.log(`  took ${Math.round((Date.now() - started) / 1000)} s`);
    for (const problem of figures.problems) console.log(`  - ${problem}`);
  }
} finally {
  await own?.close();
}
const failed = results.filter((f) => !passed(f));
console.log(
  `chaos: ${results.length} seeds, ${results.reduce((s, f) => s + f.operations, 0)} operations; ` +
    `lost ${sum('lost')}, duplicated ${sum('duplicated')}, double bookings ${sum('doubleBookings')}, cross-account ${sum('crossAccount')}` +
    (failed.length ? `; FAILED seeds ${failed.map((f) => f.seed).join(', ')}` : '; all held'),
);
process.exit(failed.length ? 1 : 0);

function sum(key: 'lost' | 'duplicated' | 'doubleBookings' | 'crossAccount'): number {
  return results.reduce((s, f) => s + f[key], 0);
}
