// `web-ext lint` on the Firefox build, as addons.mozilla.org runs it. Clean means no error, no
// warning and no notice, except those in ACCEPTED, each with the reason it is accepted and a check
// that the reason still holds. (web-ext has no per-rule switch, and ignoring whole files would hide
// our own code in the same bundle, so the findings are read here one by one.)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILD = join(ROOT, '.output/firefox-mv3');

interface Finding {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** The code around a finding: enough to tell whose code it is. */
function around(finding: Finding, reach = 400): string {
  if (!finding.file || !finding.line) return '';
  const line = readFileSync(join(BUILD, finding.file), 'utf8').split('\n')[finding.line - 1] ?? '';
  const at = finding.column ?? 0;
  return line.slice(Math.max(0, at - reach), at + reach);
}

/** Our own sources never write HTML: then every innerHTML in the bundle is React DOM's. */
function ourSourcesWriteNoHtml(): boolean {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
    });
  const files = ['components', 'entrypoints', 'lib'].flatMap((dir) => walk(join(ROOT, dir)));
  return files.every((file) => !/dangerouslySetInnerHTML|\.innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML/.test(readFileSync(file, 'utf8')));
}

const ACCEPTED: Array<{ code: string; why: string; holds(finding: Finding): boolean }> = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    why: "React DOM's own code (dangerouslySetInnerHTML, and its `<script>` element made from a constant), which Stagecoach never uses: its sources write no HTML, and record text is rendered as text",
    holds: (finding) => /__html|innerHTML="<script><\\\/script>"/.test(around(finding)) && ourSourcesWriteNoHtml(),
  },
];

// web-ext ships no type declarations: its lint command, as far as this script uses it.
type Lint = (options: Record<string, unknown>, deps: { shouldExitProgram: boolean }) => Promise<Record<'errors' | 'warnings' | 'notices', Finding[]>>;
const webExt = (await import('web-ext' as string)) as { default: { cmd: { lint: Lint } } };
const result = await webExt.default.cmd.lint({ sourceDir: BUILD, output: 'none', boring: true }, { shouldExitProgram: false });

const findings = [...result.errors, ...result.warnings, ...result.notices];
const unexplained = findings.filter((finding) => !ACCEPTED.some((rule) => rule.code === finding.code && rule.holds(finding)));
for (const finding of findings) {
  const rule = ACCEPTED.find((r) => r.code === finding.code && r.holds(finding));
  const where = finding.file ? ` (${finding.file}${finding.line ? `:${finding.line}` : ''})` : '';
  console.log(`${rule ? 'accepted' : 'FAILED  '} ${finding.code}${where}: ${rule ? rule.why : finding.message}`);
}
console.log(`web-ext lint: ${result.errors.length} errors, ${result.warnings.length} warnings, ${result.notices.length} notices; ${unexplained.length} not accepted.`);
if (unexplained.length > 0) process.exit(1);
