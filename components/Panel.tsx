// The panel docked beside a Zoho record: who this record is, and (later) scheduling and stage
// suggestions. Everything from Zoho is rendered as text.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { StagecoachError } from '@/lib/errors';
import type { RecordModule } from '@/lib/messaging/types';
import { ErrorNotice } from './ErrorNotice';
import { t, uiLocale, type MessageKey } from './i18n';
import { queryKeys, recordQuery, statusQuery } from './queries';
import { request } from './messenger';
import { useStatusSignal } from './useStatusSignal';

export interface PanelPage {
  module: RecordModule;
  recordId: string;
  orgId: string | null;
}

export function Panel({ page }: { page: PanelPage }) {
  const [open, setOpen] = useState(true);
  const bodyId = useId();
  return (
    <aside className={open ? 'sc-theme panel' : 'sc-theme panel panel-collapsed'} aria-label={t('panelRegion')} lang={uiLocale()}>
      <header className="panel-header">
        <h2 className="panel-title">{t('panelTitle')}</h2>
        <button
          type="button"
          className="icon-button"
          aria-expanded={open}
          aria-controls={bodyId}
          aria-label={open ? t('panelCollapse') : t('panelExpand')}
          title={open ? t('panelCollapse') : t('panelExpand')}
          onClick={() => setOpen(!open)}
        >
          <span aria-hidden="true">{open ? '›' : '‹'}</span>
        </button>
      </header>
      <div id={bodyId} className="panel-body" hidden={!open}>
        <PanelBody page={page} />
      </div>
    </aside>
  );
}

function PanelBody({ page }: { page: PanelPage }) {
  const queryClient = useQueryClient();
  useStatusSignal();
  const status = useQuery(statusQuery());
  const connected = status.data?.state === 'connected';
  const record = useQuery({ ...recordQuery(page.module, page.recordId), enabled: connected });
  const connect = useMutation({
    mutationFn: () => request('connect', {}),
    onSuccess: (value) => queryClient.setQueryData(queryKeys.status, value),
  });

  // A call that finds the sign-in refused changes the connection state: show it.
  const recordError = record.error;
  useEffect(() => {
    if (recordError instanceof StagecoachError && ['reconnect_needed', 'not_connected'].includes(recordError.code)) {
      void queryClient.invalidateQueries({ queryKey: queryKeys.status });
    }
  }, [recordError, queryClient]);

  if (status.isPending) return <p className="muted">{t('panelLoading')}</p>;
  if (status.isError) return <ErrorNotice error={status.error} onRetry={() => void status.refetch()} />;

  if (status.data.state !== 'connected') {
    const reconnect = status.data.state === 'reconnect_needed';
    return (
      <div className="connect-prompt">
        <p>{t(reconnect ? 'reconnectNeededIntro' : 'panelConnectPrompt')}</p>
        <button type="button" className="button button-primary" onClick={() => connect.mutate()} disabled={connect.isPending}>
          {connect.isPending ? t('connecting') : t(reconnect ? 'reconnect' : 'connect')}
        </button>
        {connect.isError ? <ErrorNotice error={connect.error} /> : null}
      </div>
    );
  }

  const connectedOrg = status.data.org.zgid;
  const orgMismatch = page.orgId !== null && connectedOrg !== null && page.orgId !== connectedOrg;
  return (
    <>
      {orgMismatch ? (
        <p className="notice notice-warn" role="status" data-testid="org-mismatch">
          {t('panelOrgMismatch', [page.orgId ?? '', status.data.org.name ?? connectedOrg ?? ''])}
        </p>
      ) : null}
      {record.isPending ? <p className="muted">{t('panelLoading')}</p> : null}
      {record.isError ? <ErrorNotice error={record.error} onRetry={() => void record.refetch()} /> : null}
      {record.data ? (
        <section className="record" aria-live="polite">
          <p className="record-module">{t(`panelModule_${record.data.module}` as MessageKey)}</p>
          <h3 className="record-name" data-testid="record-name">
            {record.data.name}
          </h3>
          <p className="record-owner">
            <span className="muted">{t('panelOwner')}: </span>
            <span data-testid="record-owner">{record.data.owner?.name ?? t('panelNoOwner')}</span>
          </p>
        </section>
      ) : null}
    </>
  );
}
