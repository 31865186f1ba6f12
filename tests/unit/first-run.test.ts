// The background opens the welcome page on a first install only (Playwright sees it open too:
// tests/e2e/welcome.spec.ts); an update or a browser update must not open it again.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openWelcomeOnInstall } from '@/entrypoints/background';

const welcomeTabs = async () => (await fakeBrowser.tabs.query({})).filter((tab) => tab.url === fakeBrowser.runtime.getURL('/welcome.html')).length;

describe('openWelcomeOnInstall', () => {
  beforeEach(() => fakeBrowser.reset());

  it('opens welcome.html on install', async () => {
    openWelcomeOnInstall({ reason: 'install' });
    await expect.poll(welcomeTabs).toBe(1);
  });

  it.each(['update', 'chrome_update', 'shared_module_update'])('opens nothing on %s', async (reason) => {
    openWelcomeOnInstall({ reason });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await welcomeTabs()).toBe(0);
  });
});
