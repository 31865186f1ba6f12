// The panel as an extension page, framed by the content script on a Zoho CRM record page
// (entrypoints/zoho.content). Being of the extension's origin, Zoho's own scripts cannot read it,
// click in it or reach into it. It shows nothing until it knows it is where it should be: its
// parent is the Zoho CRM page its address names (where the browser lists `ancestorOrigins`), and
// the content script has handed it their private port with the secret from its address's hash.
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { uiLocale } from '@/components/i18n';
import { createLookStore, type PanelLook, type TabSize } from '@/components/look';
import { Panel } from '@/components/Panel';
import { request } from '@/components/messenger';
import { cachedRecordQuery, createQueryClient, recordQuery, settingsQuery, statusQuery } from '@/components/queries';
import { freeSlotsQuery, lastKnownSlotsQuery, upcomingMeetingsQuery } from '@/components/scheduling/queries';
import { contactDealsQuery, dealSuggestionQuery, lastKnownCardQuery } from '@/components/suggestions/queries';
import { setZohoPageReload, setZohoPageUrl } from '@/components/zohoPage';
import { isPanelPort, panelMayShow, panelPageFor, zohoPageOfPanel, type FromPanel, type ToPanel } from '@/lib/panel';
import '@/components/theme.css';
import '@/components/panel.css';

const secret = location.hash.slice(1);
// The secret is used once: it leaves the address at once (and never reaches the background in sender.url).
history.replaceState(null, '', `${location.pathname}${location.search}`);
const pageUrl = zohoPageOfPanel(location.href, browser.runtime.getURL('/'));
const page = pageUrl ? panelPageFor(pageUrl) : null;
const parentOrigin = location.ancestorOrigins?.[0] ?? null;
const framed = window.parent !== window;

if (page && pageUrl && framed && panelMayShow(parentOrigin, pageUrl, import.meta.env.MODE === 'sandbox')) {
  document.documentElement.lang = uiLocale();
  setZohoPageUrl(pageUrl);
  // The frame lives as long as the record page. Leaving it, the content script asks the panel to
  // cancel its reads (the cancel messages go to the background) before it removes the frame.
  const abort = new AbortController();
  window.addEventListener('pagehide', () => abort.abort(), { once: true });
  const queryClient = createQueryClient();
  if (!page.sandboxOrg) prefetch(queryClient, page, abort.signal);
  const onPort = (event: MessageEvent) => {
    const port = event.ports[0];
    if (event.source !== window.parent || !port || !isPanelPort(event.data, secret)) return;
    window.removeEventListener('message', onPort);
    start(port, event.data.look as PanelLook);
  };
  window.addEventListener('message', onPort);

  function start(port: MessagePort, initial: PanelLook) {
    const send = (message: FromPanel) => port.postMessage(message);
    setZohoPageReload(() => send({ kind: 'reload' }));
    const look = createLookStore(initial, (open) => send({ kind: 'open', open }));
    const onTabSize = (size: TabSize) => send({ kind: 'tab', ...size });
    port.onmessage = (event: MessageEvent<ToPanel<PanelLook>>) => {
      if (event.data?.kind === 'look' && typeof event.data.look === 'object') look.set(event.data.look);
      if (event.data?.kind === 'leave') {
        abort.abort();
        void request.cancelsDelivered().then(() => send({ kind: 'left' }));
      }
    };
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <Panel page={page!} signal={abort.signal} look={look} onTabSize={onTabSize} />
        </QueryClientProvider>
      </StrictMode>,
    );
  }
}

/**
 * The page's first reads, asked as soon as this script runs — before the content script's port
 * arrives, before React mounts and before the sections know the settings (issue 12: the first
 * request no longer waits for status → settings → section, one message after another). The
 * sections find them in the query cache, answered or under way, under the same keys. What a
 * section turns out not to show (a feature switched off: the background refuses before Zoho) is
 * never looked at; the background refuses another org's or a sandbox org's page as always.
 */
function prefetch(client: QueryClient, page: NonNullable<ReturnType<typeof panelPageFor>>, signal: AbortSignal) {
  void client.prefetchQuery(statusQuery());
  void client.prefetchQuery(settingsQuery());
  void client.prefetchQuery(cachedRecordQuery(page.module, page.recordId, signal));
  void client.prefetchQuery(recordQuery(page.module, page.recordId, signal));
  if (page.module === 'Contacts' || page.module === 'Leads') {
    const person = { module: page.module, id: page.recordId, name: '' };
    void client.prefetchQuery(lastKnownSlotsQuery(person, signal));
    void client.prefetchQuery(freeSlotsQuery(person, signal));
    void client.prefetchQuery(upcomingMeetingsQuery(person, signal));
    if (page.module === 'Contacts') void client.prefetchQuery(contactDealsQuery(page.recordId, signal));
  } else if (page.module === 'Deals') {
    void client.prefetchQuery(lastKnownCardQuery(page.recordId, signal));
    void client.prefetchQuery(dealSuggestionQuery(page.recordId, signal));
  }
}
