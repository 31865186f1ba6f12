// The built manifests: least permissions, and localhost only in the sandbox build.
// `npm test` builds all three flavours before Vitest runs.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATA_CENTRES } from '@/lib/zoho/dataCentres';

function manifest(flavour: string) {
  const path = new URL(`../../.output/${flavour}/manifest.json`, import.meta.url);
  if (!existsSync(path)) throw new Error(`No ${flavour} build: run \`npm run build:all\` first.`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

describe.each(['chrome-mv3', 'firefox-mv3'])('production manifest (%s)', (flavour) => {
  const m = manifest(flavour);

  it('asks for the fewest permissions', () => {
    expect([...m.permissions].sort()).toEqual(['alarms', 'identity', 'storage']);
    expect(m.optional_permissions ?? []).toEqual([]);
    // Only the AI provider's host, asked for when it is configured: https, or a model on this machine.
    expect(m.optional_host_permissions).toEqual(['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*']);
  });

  it('reaches only Zoho: every DC’s accounts and API host, nothing local', () => {
    const hosts = m.host_permissions as string[];
    for (const dc of Object.values(DATA_CENTRES)) {
      expect(hosts).toContain(`${dc.accounts}/*`);
      expect(hosts).toContain(`${dc.api}/*`);
    }
    expect(hosts.every((h) => /^https:\/\/(accounts|www)\.zoho/.test(h))).toBe(true);
    const { optional_host_permissions: _optional, ...required } = m;
    expect(JSON.stringify(required)).not.toMatch(/localhost|127\.0\.0\.1|<all_urls>/);
  });

  it('runs its content script on Zoho CRM pages only', () => {
    const matches = m.content_scripts.flatMap((c: { matches: string[] }) => c.matches);
    expect([...matches].sort()).toEqual(Object.values(DATA_CENTRES).map((dc) => `https://${dc.crmHost}/*`).sort());
  });

  it('accepts no messages from web pages or other extensions', () => {
    expect(m.externally_connectable).toBeUndefined();
  });
});

describe('sandbox manifest', () => {
  it('adds localhost for the sandbox', () => {
    const m = manifest('chrome-mv3-sandbox');
    expect(m.host_permissions).toEqual(expect.arrayContaining(['http://localhost/*', 'http://127.0.0.1/*']));
    expect(m.content_scripts[0].matches).toEqual(expect.arrayContaining(['http://localhost/*']));
  });
});
