// The built manifests: least permissions, localhost only in the sandbox build, icons at every
// size, and the version from package.json.
// `npm test` builds all three flavours before Vitest runs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TOOLBAR_STATES, toolbarIcons } from '@/lib/connection/toolbar';
import { localTrust } from '@/lib/manifestGuard';
import { CRM_SITES, DATA_CENTRES, crmSiteHost, SANDBOX_HOST_PATTERNS, ZOHO_CRM_PAGE_PATTERNS } from '@/lib/zoho/dataCentres';

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

  it('lets only Zoho CRM pages load the panel’s page, and nothing else of ours', () => {
    expect(m.web_accessible_resources).toEqual([{ resources: ['panel.html'], matches: ZOHO_CRM_PAGE_PATTERNS }]);
  });

  it('runs only its own scripts in its pages (the CSP, written out)', () => {
    expect(m.content_security_policy).toEqual({ extension_pages: "script-src 'self'; object-src 'self'" });
  });

  it('trusts nothing local anywhere (the build fails before this could)', () => {
    expect(localTrust(m)).toEqual([]);
  });
});

describe('the content script on every Zoho page (issue 12: nothing heavy where no panel is)', () => {
  const dir = new URL('../../.output/chrome-mv3/', import.meta.url);
  const scripts = readdirSync(new URL('content-scripts/', dir)).filter((name) => name.endsWith('.js'));
  const code = scripts.map((name) => readFileSync(new URL(`content-scripts/${name}`, dir))).join('\n');

  it('is at most 15 KB gzipped, with no style sheet of its own', () => {
    expect(scripts).toEqual(['zoho.js']);
    expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(15 * 1024);
    expect(readdirSync(new URL('content-scripts/', dir)).filter((name) => name.endsWith('.css'))).toEqual([]);
  });

  it('carries no React, query cache, Temporal or zod: those load with the panel’s page', () => {
    expect(code).not.toMatch(/react\.dev|__SECRET_INTERNALS|QueryClient|Temporal\.|ZodError/);
    const panelPage = readFileSync(new URL('panel.html', dir), 'utf8');
    const chunks = [...panelPage.matchAll(/src="\/?([^"]+\.js)"|href="\/?([^"]+\.js)"/g)].map((match) => match[1] ?? match[2]);
    const panelCode = chunks.map((chunk) => readFileSync(new URL(chunk!, dir), 'utf8')).join('\n');
    expect(panelCode).toMatch(/react\.dev/);
  });
});

describe('localTrust', () => {
  it('finds localhost in host permissions, content script and web-accessible matches, and the CSP', () => {
    expect(
      localTrust({
        host_permissions: ['https://www.zohoapis.com/*', 'http://localhost/*'],
        content_scripts: [{ matches: ['http://127.0.0.1/*'] }],
        web_accessible_resources: [{ matches: ['http://localhost/*'] }],
        content_security_policy: { extension_pages: "script-src 'self' http://localhost:3000; object-src 'self'" },
      }),
    ).toEqual([
      'host_permissions: http://localhost/*',
      'content_scripts.matches: http://127.0.0.1/*',
      'web_accessible_resources.matches: http://localhost/*',
      "content_security_policy: script-src 'self' http://localhost:3000; object-src 'self'",
    ]);
    expect(localTrust({ host_permissions: ['https://www.zohoapis.com/*'], content_security_policy: { extension_pages: "script-src 'self'" } })).toEqual([]);
  });
});

describe('sandbox manifest', () => {
  it('adds localhost for the sandbox', () => {
    const m = manifest('chrome-mv3-sandbox');
    expect(m.host_permissions).toEqual(expect.arrayContaining(['http://localhost/*', 'http://127.0.0.1/*']));
    expect(m.content_scripts[0].matches).toEqual(expect.arrayContaining(['http://localhost/*']));
    expect(m.web_accessible_resources).toEqual([{ resources: ['panel.html'], matches: [...ZOHO_CRM_PAGE_PATTERNS, ...SANDBOX_HOST_PATTERNS] }]);
  });
});

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(path: URL): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe.each(['chrome-mv3', 'firefox-mv3', 'chrome-mv3-sandbox'])('identity and version (%s)', (flavour) => {
  const m = manifest(flavour);
  const file = (path: string) => new URL(`../../.output/${flavour}/${path.replace(/^\//, '')}`, import.meta.url);
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

  it('has its icon at 16, 32, 48 and 128 px, each a PNG of that size', () => {
    expect(Object.keys(m.icons).sort()).toEqual(['128', '16', '32', '48']);
    for (const [size, path] of Object.entries(m.icons as Record<string, string>)) {
      expect(pngSize(file(path)), path).toEqual({ width: Number(size), height: Number(size) });
    }
  });

  it('has a toolbar icon for every state at 16 and 32 px, and starts as not connected', () => {
    for (const state of TOOLBAR_STATES) {
      for (const [size, path] of Object.entries(toolbarIcons(state))) {
        expect(pngSize(file(path)), path).toEqual({ width: Number(size), height: Number(size) });
      }
    }
    expect(m.action.default_icon).toEqual({ 16: 'icons/toolbar-disconnected-16.png', 32: 'icons/toolbar-disconnected-32.png' });
  });

  it('takes its version from package.json', () => {
    expect(m.version).toBe(pkg.version);
  });

  it('has the welcome page that opens on install', () => {
    expect(existsSync(file('welcome.html'))).toBe(true);
  });
});

describe('Firefox consent to data leaving the browser', () => {
  it('declares what goes to Zoho (or a configured AI provider), as README "Privacy" lists it', () => {
    expect(manifest('firefox-mv3').browser_specific_settings.gecko.data_collection_permissions).toEqual({
      required: ['personallyIdentifyingInfo', 'personalCommunications', 'authenticationInfo'],
    });
  });
});
