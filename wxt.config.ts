import { defineConfig } from 'wxt';
import { localTrust } from './lib/manifestGuard';
import { PANEL_PAGE_PATH, TOGGLE_PANEL_COMMAND, TOGGLE_PANEL_SUGGESTED_KEY } from './lib/panel';
import { SANDBOX_HOST_PATTERNS, ZOHO_API_HOST_PATTERNS, ZOHO_CRM_PAGE_PATTERNS } from './lib/zoho/dataCentres';

/** The extension pages' CSP, written out (and pinned by tests/unit/manifest.test.ts): our own scripts only. */
export const EXTENSION_PAGES_CSP = "script-src 'self'; object-src 'self'";

// The production build knows only Zoho's hosts; `--mode sandbox` adds localhost, where the
// local Zoho stand-in (sandbox/) serves accounts, API and web pages.
// Every `wxt build`, whatever its mode, is a production build: Vite picks React's JSX transform
// from NODE_ENV, and WXT would otherwise leave it at the mode's name for `--mode sandbox`.
if (process.argv.includes('build')) process.env.NODE_ENV = 'production';

export default defineConfig({
  // auto-icons renders assets/icon.svg at 16/32/48/128 into the manifest's `icons`; the toolbar's
  // state icons come from modules/toolbar-icons.ts.
  modules: ['@wxt-dev/module-react', '@wxt-dev/auto-icons'],
  autoIcons: { baseIconPath: 'assets/icon.svg', sizes: [128, 48, 32, 16] },
  // Firefox reviewers rebuild from the sources zip: what is built or fetched again stays out.
  zip: { excludeSources: ['.output/**', 'test-results/**', 'tests/artifacts/**', 'tests/screenshots/**', 'store/screenshots/**', '.env.local', '**/*.log'] },
  hooks: {
    // WXT sets NODE_ENV to the mode name for content scripts; the sandbox build must still be a
    // production build (React's production bundle, no dev-only checks).
    'vite:build:extendConfig': (_entrypoints, config) => {
      config.define = { ...config.define, 'process.env.NODE_ENV': JSON.stringify('production') };
    },
    // A production build that would trust this machine (host permissions, content script or
    // web-accessible matches, the CSP) fails here; only `--mode sandbox` may.
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.mode === 'sandbox' || wxt.config.command !== 'build') return;
      const local = localTrust(manifest as Parameters<typeof localTrust>[0]);
      if (local.length > 0) throw new Error(`A production build must not trust localhost:\n${local.join('\n')}`);
    },
  },
  manifest: ({ mode, browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['identity', 'storage', 'alarms'],
    host_permissions: [...ZOHO_API_HOST_PATTERNS, ...(mode === 'sandbox' ? SANDBOX_HOST_PATTERNS : [])],
    // The AI provider's host, asked for only when an admin configures one (https, or a model on this machine).
    optional_host_permissions: ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'],
    action: { default_title: '__MSG_extName__' },
    // The panel is an extension page the content script frames on Zoho CRM's record pages: only
    // those pages (and the local sandbox in its build) may load it; its scripts and styles load
    // from inside the extension and need no listing.
    web_accessible_resources: [{ resources: [PANEL_PAGE_PATH.slice(1)], matches: [...ZOHO_CRM_PAGE_PATTERNS, ...(mode === 'sandbox' ? SANDBOX_HOST_PATTERNS : [])] }],
    content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
    // Shows and hides the panel; the user can change the keys in chrome://extensions/shortcuts
    // (Firefox: about:addons → Manage Extension Shortcuts). The description is plain English on
    // purpose: with a `__MSG_…__` description here, Chromium 156 in our e2e intermittently gave the
    // extension's pages no i18n messages at all (2–3 fresh profiles in 6; rarely without it).
    commands: {
      [TOGGLE_PANEL_COMMAND]: { suggested_key: { default: TOGGLE_PANEL_SUGGESTED_KEY }, description: 'Show or hide the Stagecoach panel' },
    },
    storage: { managed_schema: 'managed_schema.json' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'stagecoach@stagecoach.dev',
              // 140 (the ESR) and 142 on Android are the first that read data_collection_permissions.
              strict_min_version: '140.0',
              // Firefox's install-time consent: what leaves this browser, for Zoho (the person's own
              // CRM) or an AI provider an admin configured: contacts' names, emails and phones,
              // notes and meeting text, and the Zoho sign-in. README "Privacy" says which and why.
              data_collection_permissions: { required: ['personallyIdentifyingInfo', 'personalCommunications', 'authenticationInfo'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
