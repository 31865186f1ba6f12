// `npm run bench`: figures for the budgets in the issues, printed rather than asserted (this
// machine is shared and noisy): the slot engine against its floor (issue 4: ratio ≤ 3), and
// the size of each production bundle, raw and gzip -9.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { main as benchSlots } from './bench/slots';


benchSlots();
console.log('');

const out = fileURLToPath(new URL('../.output/chrome-mv3', import.meta.url));
if (!existsSync(out)) {
  console.error('No production build: run `npm run build` first.');
  process.exit(1);
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
console.log('Bundle sizes (production build, .output/chrome-mv3):');
let total = 0;
for (const path of files(out).filter((p) => /\.(js|css|html)$/.test(p)).sort()) {
  const raw = readFileSync(path);
  total += raw.length;
  console.log(`  ${path.slice(out.length + 1).padEnd(48)} ${kb(raw.length).padStart(10)}  gzip ${kb(gzipSync(raw, { level: 9 }).length).padStart(9)}`);
}
console.log(`  ${'total'.padEnd(48)} ${kb(total).padStart(10)}`);
