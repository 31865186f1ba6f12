// The layout the code keeps (README "How it is built"): one home per domain, a generic messaging
// layer, a background that only wires, and no import circles among lib/'s folders.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { connectionRequests } from '@/lib/connection/requests';
import { diagnosticsRequests } from '@/lib/diagnostics/requests';
import { lastKnownRequests } from '@/lib/lastKnown/requests';
import { recordRequests } from '@/lib/records/requests';
import { REQUESTS } from '@/lib/requests';
import { schedulingRequests } from '@/lib/scheduling/requests';
import { settingsRequests } from '@/lib/settings/requests';
import { suggestionRequests } from '@/lib/suggestions/requests';
import { syncRequests } from '@/lib/sync/requests';

const LIB = resolve(dirname(fileURLToPath(import.meta.url)), '../../lib');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && name !== 'testing.ts' ? [path] : [];
  });
}

/** lib/zoho/url.ts → 'zoho'; lib/errors.ts → 'errors.ts'. */
const nodeOf = (path: string) => relative(LIB, path).split('/')[0]!;

/** Folder (or root file) → the folders and root files its code imports, with one example each. */
function graph(): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  for (const file of sources(LIB)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = resolve(dirname(file), match[1]!);
      if (!target.startsWith(LIB)) continue;
      const from = nodeOf(file);
      const to = nodeOf(target.endsWith('.ts') || target.endsWith('.tsx') ? target : `${target}.ts`);
      if (from === to) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      edges.get(from)!.set(to, `${relative(LIB, file)} → ${match[1]}`);
    }
  }
  return edges;
}

/** One import circle, as the chain of imports that makes it, or null. */
function findCircle(edges: Map<string, Map<string, string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, 'open');
    path.push(node);
    for (const next of edges.get(node)?.keys() ?? []) {
      if (state.get(next) === 'open') {
        const cycle = [...path.slice(path.indexOf(next)), next];
        return cycle.slice(1).map((to, i) => edges.get(cycle[i]!)!.get(to)!);
      }
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of edges.keys()) {
    if (state.has(node)) continue;
    const found = visit(node);
    if (found) return found;
  }
  return null;
}

describe('layout', () => {
  it('has no import circles among lib/ folders', () => {
    expect(findCircle(graph())).toBeNull();
  });

  it('finds a circle when there is one (the check can fail)', () => {
    const edges = new Map([
      ['a', new Map([['b', 'a/x.ts → ../b/y']])],
      ['b', new Map([['c', 'b/y.ts → ../c/z']])],
      ['c', new Map([['a', 'c/z.ts → ../a/x']])],
    ]);
    expect(findCircle(edges)).toEqual(['a/x.ts → ../b/y', 'b/y.ts → ../c/z', 'c/z.ts → ../a/x']);
  });

  it('keeps lib/messaging generic: it imports no domain', () => {
    const imported = [...(graph().get('messaging')?.keys() ?? [])];
    expect(imported.filter((to) => !['errors.ts', 'abort.ts'].includes(to))).toEqual([]);
  });

  it('keeps the background as wiring only', () => {
    const files = sources(join(LIB, 'background'));
    expect(files.map((file) => relative(LIB, file))).toEqual(['background/index.ts']);
    expect(readFileSync(files[0]!, 'utf8').split('\n').length).toBeLessThanOrEqual(130);
  });

  it('declares every request in exactly one domain', () => {
    const domains = [connectionRequests, recordRequests, schedulingRequests, suggestionRequests, syncRequests, settingsRequests, diagnosticsRequests, lastKnownRequests];
    const names = domains.flatMap((domain) => Object.keys(domain));
    expect(new Set(names).size).toBe(names.length);
    expect(names.sort()).toEqual(Object.keys(REQUESTS).sort());
  });
});
