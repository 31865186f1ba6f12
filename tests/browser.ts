// Finding Chromium and launching it with the built extension: shared by the e2e tests and the
// `npm start` tour. Playwright cannot download its own browsers here, so Debian's is preferred.
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SANDBOX_EXTENSION = fileURLToPath(new URL('../.output/chrome-mv3-sandbox', import.meta.url));
export const SANDBOX_ORIGIN = 'http://localhost:8787';

export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH points to ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(candidate)) return candidate;
  try {
    const own = chromium.executablePath();
    if (existsSync(own)) return own;
  } catch {
    // Playwright's own browser is not installed: fall through to the message below.
  }
  throw new Error(
    'No Chromium found. Install one (Debian: `apt-get install -y chromium`), or set CHROMIUM_PATH to a Chromium binary.',
  );
}

export async function launchWithExtension(
  options: { headless?: boolean; extensionPath?: string; language?: string; userDataDir?: string; keepWelcome?: boolean } = {},
): Promise<{
  context: BrowserContext;
  extensionId: string;
  /** The welcome page the extension opened on install, when `keepWelcome` asked to keep it. */
  welcome: Page | null;
}> {
  const extension = options.extensionPath ?? SANDBOX_EXTENSION;
  if (!existsSync(`${extension}/manifest.json`)) {
    throw new Error(`No built extension at ${extension}: run \`npx wxt build --mode sandbox\` first.`);
  }
  // An empty userDataDir is a fresh throwaway profile; a path keeps the profile across restarts.
  const freshProfile = !options.userDataDir || !existsSync(join(options.userDataDir, 'Default'));
  const context = await chromium.launchPersistentContext(options.userDataDir ?? '', {
    executablePath: findChromium(),
    headless: options.headless ?? true,
    viewport: { width: 1280, height: 800 },
    // Chromium on Linux takes its UI language (and so the extension's i18n) from the environment.
    env: { ...process.env, LANGUAGE: options.language ?? 'en-US' },
    args: [
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-dev-shm-usage',
      `--lang=${options.language ?? 'en-US'}`,
    ],
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker');
  // A fresh profile is a first install, and the extension opens its welcome page. Wait for it here,
  // so it cannot pass for a window a test waits for later; close it unless the caller wants it.
  const welcome = freshProfile ? await installWelcomePage(context) : null;
  if (welcome && !options.keepWelcome) await welcome.close();
  return { context, extensionId: new URL(worker.url()).host, welcome: options.keepWelcome ? welcome : null };
}

async function installWelcomePage(context: BrowserContext, timeoutMs = 5_000): Promise<Page | null> {
  // A tab opened by the extension may show about:blank for a moment: look at the pages' URLs.
  for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    const page = context.pages().find((p) => p.url().endsWith('/welcome.html'));
    if (page) {
      // Closed half-loaded, the page can leave the extension's next page without its messages.
      await page.waitForLoadState('load');
      return page;
    }
  }
  return null;
}
