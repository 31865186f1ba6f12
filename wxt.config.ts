import { defineConfig } from 'wxt';
import { SANDBOX_HOST_PATTERNS, ZOHO_API_HOST_PATTERNS } from './lib/zoho/dataCentres';

// The production build knows only Zoho's hosts; `--mode sandbox` adds localhost, where the
// local Zoho stand-in (sandbox/) serves accounts, API and web pages.
// Every `wxt build`, whatever its mode, is a production build: Vite picks React's JSX transform
// from NODE_ENV, and WXT would otherwise leave it at the mode's name for `--mode sandbox`.
if (process.argv.includes('build')) process.env.NODE_ENV = 'production';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  hooks: {
    // WXT sets NODE_ENV to the mode name for content scripts; the sandbox build must still be a
    // production build (React's production bundle, no dev-only checks).
    'vite:build:extendConfig': (_entrypoints, config) => {
      config.define = { ...config.define, 'process.env.NODE_ENV': JSON.stringify('production') };
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
    storage: { managed_schema: 'managed_schema.json' },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'stagecoach@stagecoach.dev', strict_min_version: '128.0' } } }
      : {}),
  }),
});
