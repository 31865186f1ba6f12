import { defineConfig } from '@playwright/test';

// One worker: every test shares the one sandbox on :8787 (the sandbox build points there) and
// resets it first. The extension must be built (`npm test` does it) before this runs.
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  webServer: {
    command: 'npx tsx sandbox/main.ts --port 8787',
    url: 'http://localhost:8787/__sandbox/config',
    reuseExistingServer: !process.env.CI,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
