// The panel docked beside a Zoho record (or folded to a tab at the edge): who this record is, then
// the sections that declare this page theirs (components/sections). Everything from Zoho is
// rendered as text.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { browser } from 'wxt/browser';
import { useEffect, useId, useRef, useSyncExternalStore } from 'react';
import { StagecoachError } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { useFoldsLoaded } from './Disclosure';
import { ErrorNotice } from './ErrorNotice';
import { t, uiLocale, type MessageKey } from './i18n';
import type { LookStore, TabSize } from './look';
import { cachedRecordQuery, queryKeys, recordQuery, settingsQuery, statusQuery } from './queries';
import { PANEL_SECTIONS } from './sections';
import { PageSignalProvider, sectionsFor, type PanelPage } from './sections/define';
import { LoadingStatus, SkeletonLine } from './Skeleton';
import { TroubleBanner, TroubleProvider } from './trouble';
import { useStatusSignal } from './useStatusSignal';

export type { PanelPage } from './sections/define';

/**
 * `signal` aborts when the page is left (SPA navigation, the extension reloaded); `look` is open
 * or collapsed, light or dark (components/look.ts, kept by the content script, fed to the panel's
 * frame over their port). Folded, the panel tells `onTabSize` how big its tab is: the frame is
 * sized to it.
 */
export function Panel({ page, signal, look, onTabSize }: { page: PanelPage; signal: AbortSignal; look: LookStore; onTabSize?: (size: TabSize) => void }) {
  const { open, theme, focusRequest } = useSyncExternalStore(look.subscribe, look.get);
  const bodyId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const aside = useRef<HTMLElement>(null);
  // The shortcut shows or hides the panel: focus goes to it, and stays in it when it folds away.
  useEffect(() => {
    if (focusRequest > 0) toggle.current?.focus();
  }, [focusRequest]);
  useEffect(() => {
    const element = aside.current;
    if (open || !element || !onTabSize) return;
    const report = () => onTabSize({ width: element.offsetWidth, height: element.offsetHeight });
    const observer = new ResizeObserver(report);
    observer.observe(element);
    report();
    return () => observer.disconnect();
  }, [open, onTabSize]);
  const label = open ? t('panelCollapse') : t('panelExpand');
  return (
    <aside
      ref={aside}
      className={open ? 'sc-theme panel' : 'sc-theme panel panel-collapsed'}
      data-theme={theme}
      aria-label={t('panelRegion')}
      lang={uiLocale()}
    >
      <header className="panel-header">
        <h2 className="panel-title">{t('panelTitle')}</h2>
        <button
          ref={toggle}
          type="button"
          className="panel-toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          aria-label={label}
          title={label}
          onClick={() => look.setOpen(!open, 'button')}
        >
          <span className="panel-toggle-icon" aria-hidden="true">
            {open ? '›' : '‹'}
          </span>
          <span className="panel-tab-label" aria-hidden="true">
            {t('panelTitle')}
          </span>
        </button>
      </header>
      <div id={bodyId} className="panel-body" hidden={!open}>
        <PageSignalProvider value={signal}>
          <TroubleProvider>
            <TroubleBanner />
            <PanelBody page={page} signal={signal} />
          </TroubleProvider>
        </PageSignalProvider>
      </div>
    </aside>
  );
}

function PanelBody({ page, signal }: { page: PanelPage; signal: AbortSignal }) {
  const queryClient = useQueryClient();
  useStatusSignal();
  // Folded parts are drawn folded from the first frame: nothing opens, then shuts.
  const foldsLoaded = useFoldsLoaded();
  const status = useQuery(statusQuery());
  const connected = status.data?.state === 'connected';
  const settings = useQuery({ ...settingsQuery(), enabled: connected });
  const connectedOrg = status.data?.state === 'connected' ? status.data.org.zgid : null;
  const orgMismatch = page.orgId !== null && connectedOrg !== null && page.orgId !== connectedOrg;
  // On a CRM sandbox org's page, or another org's, the ids may be the connected org's too: read
  // nothing, write nothing (the background refuses such a page's record requests anyway).
  const readable = connected && !page.sandboxOrg && !orgMismatch;
  const cached = useQuery({ ...cachedRecordQuery(page.module, page.recordId, signal), enabled: readable });
  const record = useQuery({ ...recordQuery(page.module, page.recordId, signal), enabled: readable });

  // A call that finds the sign-in refused changes the connection state: show it.
  const recordError = record.error;
  useEffect(() => {
    if (recordError instanceof StagecoachError && ['reconnect_needed', 'not_connected'].includes(recordError.code)) {
      void queryClient.invalidateQueries({ queryKey: queryKeys.status });
    }
  }, [recordError, queryClient]);

  if (status.isPending || !foldsLoaded) return <RecordLinePending />;
  if (status.isError) return <ErrorNotice error={status.error} onRetry={() => void status.refetch()} />;

  if (status.data.state !== 'connected') {
    const reconnect = status.data.state === 'reconnect_needed';
    return (
      <div className="connect-prompt">
        <p>{t(reconnect ? 'reconnectNeededIntro' : 'panelConnectPrompt')}</p>
        {/* Connecting is the extension's own pages' (the welcome page, the popup): never a page framed in Zoho's. */}
        <a className="button button-primary" href={browser.runtime.getURL('/welcome.html')} target="_blank" rel="noopener">
          {t(reconnect ? 'reconnect' : 'connect')}
        </a>
      </div>
    );
  }

  const current = status.data;
  if (page.sandboxOrg) {
    return (
      <p className="notice notice-warn" role="status" data-testid="sandbox-org">
        {t('panelSandboxOrg', current.org.name ?? current.org.zgid ?? '')}
      </p>
    );
  }
  if (orgMismatch) {
    return (
      <p className="notice notice-warn" role="status" data-testid="org-mismatch">
        {t('panelOrgMismatch', [page.orgId ?? '', current.org.name ?? connectedOrg ?? ''])}
      </p>
    );
  }
  const shown = record.data ?? cached.data;
  return (
    <>
      {record.isError ? <ErrorNotice error={record.error} onRetry={() => void record.refetch()} /> : null}
      {shown?.stale && record.data ? (
        <p className="notice notice-warn" role="status" data-testid="stale">
          {t('panelStale', formatDateTime(shown.fetchedAt, { locale: uiLocale(), timeFormat: status.data.user.timeFormat, timeZone: status.data.user.timeZone }))}
        </p>
      ) : null}
      {/* One compact line: Zoho shows the record beside the panel. Its room is kept while it loads. */}
      {shown ? (
        <section className="record" aria-live="polite" data-testid="record-line">
          <span className="visually-hidden">{t(`panelModule_${shown.value.module}` as MessageKey)}: </span>
          <h3 className="record-name" data-testid="record-name" title={shown.value.name}>
            {shown.value.name}
          </h3>
          <p className="record-owner muted">
            <span className="record-owner-label">{t('panelOwner')}:</span>
            <span className="record-owner-name" data-testid="record-owner">
              {shown.value.owner?.name ?? t('panelNoOwner')}
            </span>
          </p>
        </section>
      ) : record.isPending ? (
        <RecordLinePending />
      ) : null}
      {sectionsFor(PANEL_SECTIONS, page.module, settings.data?.settings.features, settings.isError).map(({ id, component: Section }) => (
        <Section key={id} page={page} status={current} record={shown?.value} signal={signal} />
      ))}
    </>
  );
}

/** The record's line while it loads: as tall as the line it becomes. */
function RecordLinePending() {
  return (
    <div className="record">
      <LoadingStatus text={t('panelLoading')} />
      <p className="record-name record-pending" aria-hidden="true">
        <SkeletonLine width="45%" />
      </p>
    </div>
  );
}
