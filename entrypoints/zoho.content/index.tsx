// On Zoho CRM pages: find out which record this is, and mount the panel for it — again on every
// SPA navigation, tearing the previous one down first.
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { browser } from 'wxt/browser';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { createLookStore, currentTheme, dockPage, panelCollapsed, scrollbarWidth, undockPage, watchScrollbar, watchTheme, type LookStore } from '@/components/look';
import { Panel, type PanelPage } from '@/components/Panel';
import { panelPageFor } from '@/components/sections/define';
import { createQueryClient } from '@/components/queries';
import '@/components/theme.css';
import '@/components/panel.css';
import { isTogglePanel, startsOpen } from '@/lib/panel';
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
  cssInjectionMode: 'ui',
  main(ctx) {
    const ancestors = location.ancestorOrigins ? [...location.ancestorOrigins] : null;
    if (!frameShowsPanel({ top: window === window.top, ancestorOrigins: ancestors })) return;
    const queryClient = createQueryClient();
    // The page the panel is for; set at once on navigation, so a slow mount for an older page
    // can tell it is no longer wanted.
    let currentKey: string | null = null;
    let mounted: { ui: ShadowRootContentScriptUi<Root>; abort: AbortController; look: LookStore } | null = null;

    async function show(url: string | URL) {
      const page = panelPageFor(url);
      const key = page ? `${page.module}/${page.recordId}/${page.orgId}` : null;
      if (key === currentKey) return;
      currentKey = key;
      if (mounted) {
        mounted.abort.abort();
        mounted.ui.remove();
        mounted = null;
      }
      if (!page) {
        undockPage(document);
        return;
      }

      // One abort per page: every read the panel makes for it carries this signal, so leaving the
      // page cancels them here and in the background (their Zoho calls too); the theme and
      // scrollbar watchers end with it.
      const abort = new AbortController();
      // Open or a tab, and which theme, are known before the panel's first paint: no flash.
      const stored = await panelCollapsed.getValue();
      if (ctx.isInvalid || currentKey !== key) return;
      const look = createLookStore(
        {
          open: startsOpen(stored === null ? null : { collapsed: stored }, window.innerWidth),
          theme: currentTheme(document, window),
          scrollbar: scrollbarWidth(document, window),
          focusRequest: 0,
        },
        (open) => {
          dockPage(document, open, abort.signal);
          void panelCollapsed.setValue(!open);
        },
      );
      watchTheme(document, window, abort.signal, (theme) => look.set({ theme }));
      watchScrollbar(document, window, abort.signal, (scrollbar) => look.set({ scrollbar }));
      dockPage(document, look.get().open, abort.signal);
      const ui = await mountPanel(ctx, page, queryClient, abort.signal, look);
      if (ctx.isInvalid || currentKey !== key) {
        abort.abort();
        ui.remove();
        return;
      }
      mounted = { ui, abort, look };
    }

    // The shortcut (the manifest's command; the background sends this tab a message): shows or
    // hides this page's panel. Only this extension's message counts: a page cannot set sender.id.
    const onMessage = (message: unknown, sender: { id?: string }) => {
      if (!isTogglePanel(message, sender, browser.runtime.id) || !mounted) return;
      mounted.look.setOpen(!mounted.look.get().open, 'shortcut');
    };
    browser.runtime.onMessage.addListener(onMessage);

    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => void show(newUrl));
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onMessage);
      mounted?.abort.abort();
      undockPage(document);
    });
    void show(location.href);
  },
});

async function mountPanel(ctx: ContentScriptContext, page: PanelPage, queryClient: ReturnType<typeof createQueryClient>, signal: AbortSignal, look: LookStore) {
  const ui = await createShadowRootUi<Root>(ctx, {
    name: 'stagecoach-panel',
    position: 'inline',
    anchor: 'body',
    append: 'last',
    isolateEvents: true,
    onMount(container) {
      const wrapper = document.createElement('div');
      container.append(wrapper);
      const root = createRoot(wrapper);
      root.render(
        <StrictMode>
          <QueryClientProvider client={queryClient}>
            <Panel page={page} signal={signal} look={look} />
          </QueryClientProvider>
        </StrictMode>,
      );
      return root;
    },
    onRemove(root) {
      root?.unmount();
    },
  });
  ui.mount();
  return ui;
}
