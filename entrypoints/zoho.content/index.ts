// On Zoho CRM pages: find out from the URL which record this is, and on a record page put the
// panel's frame beside it — an extension page (entrypoints/panel), so Zoho's own scripts can
// neither read nor click it — again on every SPA navigation, tearing the previous one down first.
// Only this small detector runs on every Zoho page: no React, no query cache, no Temporal, no zod;
// the panel's code loads in its frame, on record pages only.
import { browser } from 'wxt/browser';
import { createLookStore, currentTheme, dockPage, frameStyle, PANEL_FRAME_ID, readCollapsed, saveCollapsed, scrollbarWidth, undockPage, watchScrollbar, watchTheme, type LookStore, type PanelLook, type TabSize } from '@/components/look';
import { fromPanel, isTogglePanel, PAGE_OPENED_MESSAGE, PANEL_PORT_MESSAGE, panelFrameUrl, panelPageFor, startsOpen, type PageOpenedMessage, type PanelPortMessage, type ToPanel } from '@/lib/panel';
import { SANDBOX_HOST_PATTERNS, ZOHO_CRM_PAGE_PATTERNS } from '@/lib/zoho/dataCentres';
import { frameShowsPanel } from '@/lib/zoho/url';

export default defineContentScript({
  // CRM's hosts, its sandbox orgs' hosts, and Zoho One's and CRM Plus's, in every data centre.
  matches: [...ZOHO_CRM_PAGE_PATTERNS, ...(import.meta.env.MODE === 'sandbox' ? SANDBOX_HOST_PATTERNS : [])],
  // Also in frames, for CRM framed by a page this script does not run on; frameShowsPanel keeps
  // it to one panel per tab. Zoho One / CRM Plus: how CRM is drawn inside them (a frame, and of
  // which origin) is UNCONFIRMED; their own address carries the record, so their top frame shows
  // the panel. No matchAboutBlank: an about:blank frame has no record URL to read.
  allFrames: true,
  // At the page's start, before Zoho's HTML is parsed: the background starts the record's first
  // reads at once, and the panel's frame goes in as soon as the page has a <body>, while Zoho's
  // page still loads (issue 12; tests/bench: "first call sent" and "frame in page" against "page
  // DOM").
  runAt: 'document_start',
  main(ctx) {
    const ancestors = location.ancestorOrigins ? [...location.ancestorOrigins] : null;
    if (!frameShowsPanel({ top: window === window.top, ancestorOrigins: ancestors })) return;
    const extensionUrl = browser.runtime.getURL('/');
    // postMessage's target: only our frame's document receives the port.
    const extensionOrigin = extensionUrl.replace(/\/$/, '');
    // The page the panel is for; set at once on navigation, so a slow mount for an older page
    // can tell it is no longer wanted.
    let currentKey: string | null = null;
    type Mounted = { frame: HTMLIFrameElement; abort: AbortController; look: LookStore; port: () => MessagePort | null };
    let mounted: Mounted | null = null;

    /**
     * Takes a page's panel away: hidden at once, removed once it has cancelled its reads in the
     * background (it answers `left`), or after a second at most.
     */
    function leave({ frame, abort, port }: Mounted) {
      // The next page's frame takes the id at once.
      frame.removeAttribute('id');
      frame.style.setProperty('display', 'none', 'important');
      const channel = port();
      const done = () => {
        clearTimeout(timer);
        abort.abort();
        frame.remove();
      };
      const timer = setTimeout(done, 1000);
      if (!channel) return done();
      channel.onmessage = (event) => {
        if (fromPanel(event.data)?.kind === 'left') done();
      };
      channel.postMessage({ kind: 'leave' } satisfies ToPanel<PanelLook>);
    }

    async function show(url: string) {
      const page = panelPageFor(url);
      const key = page ? `${page.module}/${page.recordId}/${page.orgId}` : null;
      if (key === currentKey) return;
      // The background starts this record's first reads now (and gives up the last page's). Only
      // on record pages, and when leaving one: a list page wakes nothing.
      if (page || currentKey) void browser.runtime.sendMessage({ type: PAGE_OPENED_MESSAGE, page: url } satisfies PageOpenedMessage).catch(() => {});
      currentKey = key;
      if (mounted) {
        leave(mounted);
        mounted = null;
      }
      if (!page) {
        undockPage(document);
        return;
      }

      // One abort per page: the frame, its port, and the theme and scrollbar watchers end with it
      // (the frame cancels its own reads when told to leave).
      const abort = new AbortController();
      // Open or a tab, and which theme, are known before the panel's first paint: no flash.
      const stored = await readCollapsed();
      // The frame waits for the page's <body> (at the page's start the parser has not reached it),
      // not for the page to load.
      await bodyReady(document);
      if (ctx.isInvalid || currentKey !== key) return;
      const frame = document.createElement('iframe');
      let port: MessagePort | null = null;
      let tab: TabSize = { width: 34, height: 120 };
      const look = createLookStore(
        {
          open: startsOpen(stored === null ? null : { collapsed: stored }, window.innerWidth),
          theme: currentTheme(document, window),
          scrollbar: scrollbarWidth(document, window),
          focusRequest: 0,
        },
        (open) => {
          dockPage(document, open, abort.signal);
          void saveCollapsed(!open);
        },
      );
      // Hidden (leaving), it stays hidden.
      const place = () => {
        if (frame.style.display !== 'none') frame.setAttribute('style', frameStyle(look.get(), tab, window.innerWidth));
      };
      look.subscribe(() => {
        place();
        port?.postMessage({ kind: 'look', look: look.get() } satisfies ToPanel<PanelLook>);
      });
      watchTheme(document, window, abort.signal, (theme) => look.set({ theme }));
      // Zoho's style sheets load after this script ran: the theme is read again once they have.
      for (const event of ['DOMContentLoaded', 'load'] as const) {
        if (document.readyState !== 'complete') window.addEventListener(event, () => look.set({ theme: currentTheme(document, window) }), { once: true, signal: abort.signal });
      }
      // Also on every resize: the window may cross the docking breakpoint.
      watchScrollbar(document, window, abort.signal, (scrollbar) => (look.set({ scrollbar }), place()));
      dockPage(document, look.get().open, abort.signal);

      // The one-time secret goes in the frame's hash, which page scripts cannot read; the frame
      // takes only the port whose message carries it.
      const secret = randomSecret();
      frame.id = PANEL_FRAME_ID;
      frame.title = browser.i18n.getMessage('panelRegion');
      // "Copy times" writes to the clipboard from inside the frame.
      frame.allow = 'clipboard-write';
      frame.src = panelFrameUrl(extensionUrl, url, secret);
      place();
      frame.addEventListener(
        'load',
        () => {
          // Once: a frame navigated away and back gets no second port (its panel then waits, empty).
          if (port || !frame.contentWindow) return;
          const channel = new MessageChannel();
          port = channel.port1;
          port.onmessage = (event) => {
            const message = fromPanel(event.data);
            if (message?.kind === 'open') look.setOpen(message.open, 'button');
            else if (message?.kind === 'tab') (tab = message), place();
            // The panel's "Reload Zoho's page" (a person's click in the frame): the record view shows what Zoho has now.
            else if (message?.kind === 'reload') location.reload();
          };
          const hello: PanelPortMessage<PanelLook> = { type: PANEL_PORT_MESSAGE, secret, look: look.get() };
          frame.contentWindow.postMessage(hello, extensionOrigin, [channel.port2]);
        },
        { signal: abort.signal },
      );
      abort.signal.addEventListener('abort', () => port?.close(), { once: true });
      document.body.append(frame);
      mounted = { frame, abort, look, port: () => port };
    }

    // The shortcut (the manifest's command; the background sends this tab a message): shows or
    // hides this page's panel, and focus goes into its frame. Only this extension's message
    // counts: a page cannot set sender.id.
    const onMessage = (message: unknown, sender: { id?: string }) => {
      if (!isTogglePanel(message, sender, browser.runtime.id) || !mounted) return;
      mounted.frame.focus();
      mounted.look.setOpen(!mounted.look.get().open, 'shortcut');
    };
    browser.runtime.onMessage.addListener(onMessage);

    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => void show(newUrl.href));
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onMessage);
      if (mounted) leave(mounted);
      undockPage(document);
    });
    void show(location.href);
  },
});

/** Resolves once the page has a <body>. */
function bodyReady(doc: Document): Promise<void> {
  if (doc.body) return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!doc.body) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(doc.documentElement, { childList: true });
  });
}

/** 128 random bits, hex. */
function randomSecret(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
