// The built manifests: least permissions, and localhost only in the sandbox build.
// `npm test` builds all three flavours before Vitest runs.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CRM_SITES, DATA_CENTRES, crmSiteHost } from '@/lib/zoho/dataCentres';

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

  it('runs its content script on Zoho CRM pages only: CRM, its sandbox orgs, Zoho One and CRM Plus, every DC', () => {
    const matches = m.content_scripts.flatMap((c: { matches: string[] }) => c.matches);
    const expected = Object.values(DATA_CENTRES).flatMap((dc) => CRM_SITES.map((site) => `https://${crmSiteHost(dc, site)}/*`));
    expect([...matches].sort()).toEqual(expected.sort());
    // Written out, so a slip in the table's derivation cannot pass unseen.
    expect(matches).toEqual(
      expect.arrayContaining([
        'https://crm.zoho.ae/*',
        'https://one.zoho.com/*',
        'https://one.zoho.eu/*',
        'https://crmplus.zoho.com/*',
        'https://crmplus.zoho.in/*',
        'https://crmsandbox.zoho.com/*',
        'https://crmsandbox.zohocloud.ca/*',
      ]),
    );
    expect(matches.every((pattern: string) => /^https:\/\/(crm|crmsandbox|one|crmplus)\.zoho(cloud)?\.[a-z.]+\/\*$/.test(pattern))).toBe(true);
  });

  it('runs in frames too (CRM framed by another page), with no about:blank frames', () => {
    expect(m.content_scripts.every((c: { all_frames?: boolean }) => c.all_frames === true)).toBe(true);
    expect(m.content_scripts.some((c: { match_about_blank?: boolean }) => c.match_about_blank)).toBe(false);
  });

  it('reaches the UAE data centre', () => {
    expect(m.host_permissions).toEqual(expect.arrayContaining(['https://accounts.zoho.ae/*', 'https://www.zohoapis.ae/*']));
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
