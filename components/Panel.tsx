// The panel docked beside a Zoho record: who this record is, and (later) scheduling and stage
// suggestions. Everything from Zoho is rendered as text.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { StagecoachError } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import type { RecordModule } from '@/lib/records/types';
import { ErrorNotice } from './ErrorNotice';
import { t, uiLocale, type MessageKey } from './i18n';
import { cachedRecordQuery, queryKeys, recordQuery, settingsQuery, statusQuery } from './queries';
import { request } from './messenger';
import { SchedulingSection } from './scheduling/SchedulingSection';
import { ContactDeals } from './suggestions/ContactDeals';
import { StageSection } from './suggestions/StageSection';
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
  const settings = useQuery({ ...settingsQuery(), enabled: connected });
  // Shown unless switched off (the background refuses it then anyway).
  const stageSuggestions = settings.data ? settings.data.settings.features.stageSuggestions : settings.isError;
  const cached = useQuery({ ...cachedRecordQuery(page.module, page.recordId), enabled: connected });
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
  const shown = record.data ?? cached.data;
  return (
    <>
      {orgMismatch ? (
        <p className="notice notice-warn" role="status" data-testid="org-mismatch">
          {t('panelOrgMismatch', [page.orgId ?? '', status.data.org.name ?? connectedOrg ?? ''])}
        </p>
      ) : null}
      {!shown && record.isPending ? <p className="muted">{t('panelLoading')}</p> : null}
      {record.isError ? <ErrorNotice error={record.error} onRetry={() => void record.refetch()} /> : null}
      {shown?.stale && record.data ? (
        <p className="notice notice-warn" role="status" data-testid="stale">
          {t('panelStale', formatDateTime(shown.fetchedAt, { locale: uiLocale(), timeFormat: status.data.user.timeFormat, timeZone: status.data.user.timeZone }))}
        </p>
      ) : null}
      {shown ? (
        <section className="record" aria-live="polite">
          <p className="record-module">{t(`panelModule_${shown.value.module}` as MessageKey)}</p>
          <h3 className="record-name" data-testid="record-name">
            {shown.value.name}
          </h3>
          <p className="record-owner">
            <span className="muted">{t('panelOwner')}: </span>
            <span data-testid="record-owner">{shown.value.owner?.name ?? t('panelNoOwner')}</span>
          </p>
        </section>
      ) : null}
      {/* On a deal, the stage comes first: it is what a manager opens the deal for. */}
      {stageSuggestions && page.module === 'Deals' ? <StageSection key={page.recordId} dealId={page.recordId} orgId={page.orgId} user={status.data.user} /> : null}
      <SchedulingSection page={page} record={shown?.value} status={status.data} />
      {stageSuggestions && page.module === 'Contacts' ? <ContactDeals key={page.recordId} contactId={page.recordId} orgId={page.orgId} user={status.data.user} /> : null}
      <NoteForm page={page} />
    </>
  );
}

/** A note on this record, written through the outbox: kept even when Zoho cannot be reached. */
function NoteForm({ page }: { page: PanelPage }) {
  const [content, setContent] = useState('');
  const id = useId();
  const queryClient = useQueryClient();
  const add = useMutation({
    mutationFn: (text: string) => request('addNote', { module: page.module, recordId: page.recordId, content: text }),
    onSuccess: (item) => {
      // Stored in the outbox either way: the text is safe to clear unless Zoho refused it.
      if (item.status !== 'failed') setContent('');
      void queryClient.invalidateQueries({ queryKey: queryKeys.sync });
    },
  });
  return (
    <form
      className="note-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (content.trim()) add.mutate(content);
      }}
    >
      <label htmlFor={id}>{t('noteLabel')}</label>
      <textarea id={id} rows={3} value={content} onChange={(event) => setContent(event.target.value)} maxLength={32000} />
      <button type="submit" className="button button-secondary" disabled={add.isPending || !content.trim()}>
        {add.isPending ? t('noteSending') : t('noteSubmit')}
      </button>
      {add.data?.status === 'done' ? <p role="status" className="muted">{t('noteSaved')}</p> : null}
      {add.data && (add.data.status === 'pending' || add.data.status === 'sending') ? (
        <p role="status" className="notice notice-warn">{t('noteQueued')}</p>
      ) : null}
      {add.data?.status === 'failed' && add.data.lastError ? <ErrorNotice error={StagecoachError.fromJSON(add.data.lastError)} /> : null}
      {add.isError ? <ErrorNotice error={add.error} /> : null}
    </form>
  );
}
