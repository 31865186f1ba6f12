// Wiring only: the browser's APIs handed to lib/background (which merges the domains' services),
// the outbox's alarm, and the router at the door.
import { browser } from 'wxt/browser';
import { createHostPolicy } from '@/lib/auth/hosts';
import type { AccessToken } from '@/lib/auth/tokens';
import { createBackground } from '@/lib/background';
import { toolbarIcons, toolbarState } from '@/lib/connection/toolbar';
import { STATUS_SIGNAL_KEY } from '@/lib/connection/types';
import { createRouter } from '@/lib/messaging/router';
import { openedPage, PAGE_OPENED_MESSAGE, PANEL_PAGE_PATH, panelPageRefusal, TOGGLE_PANEL_COMMAND, TOGGLE_PANEL_MESSAGE } from '@/lib/panel';
import { REQUESTS } from '@/lib/requests';
import { OUTBOX_SIGNAL_KEY } from '@/lib/sync/types';
import { openDb, type StagecoachDb } from '@/lib/storage/db';

const ACCESS_TOKEN_KEY = 'accessToken';
const OUTBOX_ALARM = 'outbox';

export default defineBackground({
  type: 'module',
  main() {
    const db = openDb();
    const showToolbar = () => void showToolbarState(db).catch(() => {});
    const background = createBackground({
      db,
      fetch: (input, init) => fetch(input, init),
      hosts: createHostPolicy({ sandboxOrigin: import.meta.env.WXT_SANDBOX_ORIGIN || null }),
      buildClientId: import.meta.env.WXT_ZOHO_CLIENT_ID || null,
      readPolicy: () => browser.storage.managed.get(),
      redirectUri: browser.identity.getRedirectURL(),
      launchAuthFlow: async (url) => {
        const redirect = await browser.identity.launchWebAuthFlow({ url, interactive: true });
        if (!redirect) throw new Error('The user did not approve access.');
        return redirect;
      },
      session: {
        async load() {
          const stored = await browser.storage.session.get(ACCESS_TOKEN_KEY);
          return (stored[ACCESS_TOKEN_KEY] as AccessToken | undefined) ?? null;
        },
        async save(token) {
          if (token) await browser.storage.session.set({ [ACCESS_TOKEN_KEY]: token });
          else await browser.storage.session.remove(ACCESS_TOKEN_KEY);
        },
      },
      async clearStorage() {
        await Promise.all([browser.storage.session.clear(), browser.storage.local.clear()]);
      },
      statusChanged: () => (showToolbar(), browser.storage.local.set({ [STATUS_SIGNAL_KEY]: Date.now() })),
      outboxChanged: () => (showToolbar(), browser.storage.local.set({ [OUTBOX_SIGNAL_KEY]: Date.now() })),
      hasOrigin: (origin) => browser.permissions.contains({ origins: [`${origin}/*`] }),
      builtInModel: chromeBuiltInModel(),
      newKey: () => crypto.randomUUID(),
      wakeAt: (at, then) => void setTimeout(then, Math.max(0, at - Date.now())),
      now: () => Date.now(),
    });

    // Writes waiting in the outbox go out at start-up, after a browser restart, and on an alarm
    // (the backstop when this worker was stopped between tries).
    void browser.alarms.create(OUTBOX_ALARM, { periodInMinutes: 1 });
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === OUTBOX_ALARM) void background.outbox.drain();
    });
    browser.runtime.onStartup.addListener(() => void background.outbox.drain());
    void background.outbox.drain();
    showToolbar();
    browser.runtime.onInstalled.addListener(openWelcomeOnInstall);

    const connectedOrg = async () => (await db.connection.get('current'))?.org.zgid ?? null;
    const route = createRouter(REQUESTS, background.handlers, {
      extensionId: browser.runtime.id,
      extensionUrl: browser.runtime.getURL('/'),
      panelPath: PANEL_PAGE_PATH,
      // A panel's record requests are for a record page of the connected org only.
      panelPageRefusal: async (url) => panelPageRefusal(url, browser.runtime.getURL('/'), await connectedOrg()),
      early: background.early.claim,
    });
    browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
      // The content script's one message (a record page opened: its first reads start now), checked
      // at this door; it gets no answer. Everything else goes to the router.
      if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === PAGE_OPENED_MESSAGE) {
        void (async () => {
          const opened = openedPage(message, sender, browser.runtime.id, await connectedOrg(), import.meta.env.MODE === 'sandbox');
          if (opened) await background.early.opened(opened.tab, opened.page);
        })().catch(() => {});
        return false;
      }
      void route(message, sender).then(sendResponse);
      return true;
    });

    // The shortcut that shows and hides the panel: the tab's content script toggles it.
    const onCommand = async (command: string, tab?: { id?: number }) => {
      if (command !== TOGGLE_PANEL_COMMAND) return;
      const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
      // A tab without our content script (not a Zoho page) has no receiver: nothing to toggle.
      if (tabId !== undefined) await browser.tabs.sendMessage(tabId, TOGGLE_PANEL_MESSAGE).catch(() => undefined);
    };
    browser.commands.onCommand.addListener((command, tab) => void onCommand(command, tab));
    // Playwright cannot press a browser-level shortcut: the sandbox build lets the e2e run the
    // same handler from the service worker.
    if (import.meta.env.MODE === 'sandbox') Object.assign(globalThis, { stagecoachCommand: onCommand });
  },
});

/** A first install opens the welcome page (connect, settings, what data goes where); updates do not. */
export function openWelcomeOnInstall(details: { reason: string }) {
  if (details.reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
}

/** The toolbar icon and its tooltip say whether Stagecoach is connected or needs the person. */
async function showToolbarState(db: StagecoachDb) {
  const [connection, failed] = await Promise.all([db.connection.get('current'), db.outbox.where('status').equals('failed').count()]);
  const state = toolbarState(connection?.state ?? null, failed);
  await browser.action.setIcon({ path: toolbarIcons(state) });
  await browser.action.setTitle({ title: `${browser.i18n.getMessage('extName')} — ${browser.i18n.getMessage(`toolbar_${state}`)}` });
}

/** Chrome's Prompt API (`LanguageModel`), where this browser has it; other browsers have none. */
interface PromptApi {
  availability(): Promise<string>;
  create(options: { initialPrompts: Array<{ role: 'system'; content: string }>; signal?: AbortSignal }): Promise<{
    prompt(text: string, options?: { signal?: AbortSignal }): Promise<string>;
    destroy(): void;
  }>;
}

function chromeBuiltInModel() {
  const api = (globalThis as { LanguageModel?: PromptApi }).LanguageModel;
  return {
    available: async () => (api ? (await api.availability()) === 'available' : false),
    async prompt(system: string, user: string, signal: AbortSignal) {
      if (!api) throw new Error('This browser has no built-in model.');
      const session = await api.create({ initialPrompts: [{ role: 'system', content: system }], signal });
      try {
        return await session.prompt(user, { signal });
      } finally {
        session.destroy();
      }
    },
  };
}
