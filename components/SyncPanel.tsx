// The popup's "is everything in sync" section: per data set, the outbox, API use, last error.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { browser } from 'wxt/browser';
import { StagecoachError } from '@/lib/errors';
import { formatDateTime, formatNumber } from '@/lib/format';
import type { OutboxItem, SyncStatus } from '@/lib/sync/types';
import { ErrorNotice } from './ErrorNotice';
import { errorLine, t, type MessageKey } from './i18n';
import { request } from './messenger';
import { queryKeys, syncStatusQuery } from './queries';
import { useOutboxSignal } from './useStatusSignal';

export interface TimeFormat {
  locale: string;
  timeFormat: string | null;
  timeZone: string | null;
}

export function SyncPanel({ format }: { format: TimeFormat }) {
  const queryClient = useQueryClient();
  const sync = useQuery(syncStatusQuery());
  useOutboxSignal();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.sync });
  const retry = useMutation({ mutationFn: (key: string) => request('outboxRetry', { key }), onSettled: refresh });
  const discard = useMutation({ mutationFn: (key: string) => request('outboxDiscard', { key }), onSettled: refresh });

  if (sync.isError) return <ErrorNotice error={sync.error} onRetry={() => void sync.refetch()} />;
  if (!sync.data) return null;
  const when = (at: number) => formatDateTime(at, format);
  const waiting = sync.data.outbox.filter((item) => item.status !== 'done');

  return (
    <>
      <section aria-labelledby="sync-heading" className="section">
        <h2 id="sync-heading">{t('syncHeading')}</h2>
        <ul className="plain" data-testid="data-sets">
          {sync.data.dataSets.map((row) => (
            <li key={row.dataSet}>
              {t(`dataSet_${row.dataSet}` as MessageKey)}: {row.lastSuccessAt ? t('lastSynced', when(row.lastSuccessAt)) : t('notSynced')}
            </li>
          ))}
        </ul>
        <p className="muted" data-testid="usage">
          {usageLine(sync.data.usage, format.locale)}
        </p>
        {sync.data.usage.creditsRemaining !== null ? <p className="muted">{t('usageRemaining', formatNumber(sync.data.usage.creditsRemaining, format.locale))}</p> : null}
      </section>

      <section aria-labelledby="outbox-heading" className="section">
        <h2 id="outbox-heading">{t('outboxHeading')}</h2>
        {waiting.length === 0 ? <p className="muted">{t('outboxEmpty')}</p> : null}
        <ul className="outbox" data-testid="outbox">
          {waiting.map((item) => (
            <OutboxRow key={item.key} item={item} onRetry={() => retry.mutate(item.key)} onDiscard={() => discard.mutate(item.key)} busy={retry.isPending || discard.isPending} />
          ))}
        </ul>
      </section>

      {sync.data.lastError ? (
        <section aria-labelledby="last-error-heading" className="section" data-testid="last-error">
          <h2 id="last-error-heading">{t('lastErrorHeading')}</h2>
          <p className="muted">{when(sync.data.lastError.at)}</p>
          <ErrorNotice error={StagecoachError.fromJSON(sync.data.lastError)} />
          <button type="button" className="button button-link" onClick={openOrgCheck}>
            {t('orgCheck_popupLink')}
          </button>
        </section>
      ) : null}
    </>
  );
}

/** The options page at its org check (components/options/OrgCheckSection), to find which capability fails and why. */
function openOrgCheck() {
  void browser.tabs.create({ url: `${browser.runtime.getURL('/options.html')}#org-check` });
}

function usageLine(usage: SyncStatus['usage'], locale: string): string {
  const calls = formatNumber(usage.calls24h, locale);
  return usage.limit ? t('usageOfLimit', [calls, formatNumber(usage.limit, locale)]) : t('usageCalls', calls);
}

/**
 * A refused write would be refused again as it is: it is fixed in Zoho (its record opened) or
 * discarded, not retried. Retry stays for what may go now: a write still waiting, and one whose
 * outcome could not be looked up (the person checked Zoho and chose to send it).
 */
export function canRetry(item: Pick<OutboxItem, 'status' | 'lastError'>): boolean {
  return item.status !== 'failed' || item.lastError?.reason === 'marker_lookup_exhausted';
}

function OutboxRow({ item, onRetry, onDiscard, busy }: { item: OutboxItem; onRetry(): void; onDiscard(): void; busy: boolean }) {
  const retry = canRetry(item);
  const recordUrl = item.status === 'failed' ? item.recordUrl : null;
  return (
    <li className={`outbox-item outbox-${item.status}`} data-status={item.status}>
      <p className="outbox-summary">
        <span>{item.summary}</span> <span className="muted">· {t(`outboxStatus_${item.status}` as MessageKey)}</span>
      </p>
      {item.lastError ? <p className="notice-detail">{errorLine(item.lastError)}</p> : null}
      <div className="actions">
        {retry ? (
          <button type="button" className="button button-secondary" onClick={onRetry} disabled={busy} aria-label={t('outboxRetryLabel', item.summary)}>
            {t('outboxRetry')}
          </button>
        ) : null}
        {!retry && recordUrl ? (
          <button type="button" className="button button-secondary" onClick={() => void browser.tabs.create({ url: recordUrl })} aria-label={t('outboxOpenRecordLabel', item.summary)}>
            {t('outboxOpenRecord')}
          </button>
        ) : null}
        <button type="button" className="button button-secondary" onClick={onDiscard} disabled={busy} aria-label={t('outboxDiscardLabel', item.summary)}>
          {t('outboxDiscard')}
        </button>
      </div>
    </li>
  );
}
