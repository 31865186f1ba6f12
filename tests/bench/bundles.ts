// What a build makes the browser load, read from the built output whatever its layout: the
// manifest's content scripts (injected into every Zoho page, record or not), and the size of any
// extension file, raw and gzip -9.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
}

export function sizeOf(root: string, file: string): FileSize | null {
  const path = join(root, file);
  if (!existsSync(path) || !statSync(path).isFile()) return null;
  const raw = readFileSync(path);
  return { file, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
}

/** Every file a Zoho page gets from the manifest's `content_scripts` (JS and CSS), as built. */
export function contentScriptFiles(root: string): FileSize[] {
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as { content_scripts?: { js?: string[]; css?: string[] }[] };
  const files = new Set((manifest.content_scripts ?? []).flatMap((script) => [...(script.js ?? []), ...(script.css ?? [])]));
  return [...files].map((file) => sizeOf(root, file)).filter((size): size is FileSize => size !== null);
}

/** Every JS, CSS and HTML file of a build. */
export function allFiles(root: string): FileSize[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return walk(root)
    .filter((path) => /\.(js|css|html)$/.test(path))
    .sort()
    .map((path) => sizeOf(root, relative(root, path))!)
    .filter(Boolean);
}

export const kb = (bytes: number) => bytes / 1024;
export const total = (files: readonly FileSize[], key: 'raw' | 'gzip') => files.reduce((sum, file) => sum + file[key], 0);
