// The toolbar popup: connect or disconnect, and who/where the extension is connected to.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { browser } from 'wxt/browser';
import type { ConnectionStatus } from '@/lib/connection/types';
import { formatDateTime } from '@/lib/format';
import type { MessageKey } from './i18n';
import { t, uiLocale } from './i18n';
import { ErrorNotice } from './ErrorNotice';
import { queryKeys, statusQuery, syncStatusQuery } from './queries';
import { SyncPanel } from './SyncPanel';
import { request } from './messenger';
import { useStatusSignal } from './useStatusSignal';

export function Popup() {
  const queryClient = useQueryClient();
  useStatusSignal();
  const status = useQuery(statusQuery());
  const setStatus = (value: ConnectionStatus) => queryClient.setQueryData(queryKeys.status, value);

  const connect = useMutation({ mutationFn: () => request('connect', {}), onSuccess: setStatus });
  const disconnect = useMutation({
    mutationFn: () => request('disconnect', {}),
    onSuccess: () => {
      connect.reset();
      queryClient.removeQueries();
      void queryClient.invalidateQueries({ queryKey: queryKeys.status });
    },
  });

  return (
    <main className="popup" aria-busy={status.isPending}>
      <header className="popup-header">
        <h1>{t('popupHeading')}</h1>
        {status.data?.sandbox ? (
          <span className="badge" title={t('sandboxHint')}>
            {t('sandboxBadge')}
          </span>
        ) : null}
      </header>

      {status.isError ? <ErrorNotice error={status.error} onRetry={() => void status.refetch()} /> : null}

      {status.data ? (
        <ConnectionView
          status={status.data}
          connecting={connect.isPending}
          disconnecting={disconnect.isPending}
          onConnect={() => connect.mutate()}
          onDisconnect={() => disconnect.mutate()}
        />
      ) : null}

      {connect.isError ? <ErrorNotice error={connect.error} /> : null}
      {disconnect.isError ? <ErrorNotice error={disconnect.error} /> : null}
      {disconnect.data ? (
        <p className="notice" role="status">
          {t(disconnect.data.revoked ? 'disconnectedRevoked' : 'disconnectedNotRevoked')}
        </p>
      ) : null}
    </main>
  );
}

function ConnectionView(props: {
  status: ConnectionStatus;
  connecting: boolean;
  disconnecting: boolean;
  onConnect(): void;
  onDisconnect(): void;
}) {
  const { status } = props;
  const connectButton = (label: MessageKey) => (
    <button type="button" className="button button-primary" onClick={props.onConnect} disabled={props.connecting}>
      {props.connecting ? t('connecting') : t(label)}
    </button>
  );

  if (status.state === 'disconnected') {
    return (
      <section aria-labelledby="state">
        <p id="state" className="state state-off">
          {t('stateDisconnected')}
        </p>
        <p>{t('disconnectedIntro')}</p>
        {connectButton('connect')}
      </section>
    );
  }

  // The UI's language, Zoho's clock (lib/format's rule): the same as the panel's, whatever Zoho's own locale.
  const locale = uiLocale();
  return (
    <section aria-labelledby="state">
      <p id="state" className={status.state === 'connected' ? 'state state-on' : 'state state-warn'}>
        {t(status.state === 'connected' ? 'stateConnected' : 'stateReconnectNeeded')}
      </p>
      {status.state === 'reconnect_needed' ? <p className="notice notice-warn">{t('reconnectNeededIntro')}</p> : null}
      <dl className="details">
        <dt>{t('labelUser')}</dt>
        <dd data-testid="user">
          {status.user.name}
          {status.user.email ? <span className="muted"> · {status.user.email}</span> : null}
        </dd>
        <dt>{t('labelOrg')}</dt>
        <dd data-testid="org">{status.org.name ?? status.org.id}</dd>
        <dt>{t('labelDataCentre')}</dt>
        <dd data-testid="data-centre">{t(`dc_${status.dataCentre}` as MessageKey)}</dd>
        <dt>{t('labelConnectedSince')}</dt>
        <dd>{formatDateTime(status.connectedAt, { locale, timeFormat: status.user.timeFormat, timeZone: status.user.timeZone })}</dd>
      </dl>
      <div className="actions">
        {status.state === 'reconnect_needed' ? connectButton('reconnect') : null}
        <DisconnectButton disconnecting={props.disconnecting} onDisconnect={props.onDisconnect} />
        <button type="button" className="button button-link" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('openOptions')}
        </button>
      </div>
      <SyncPanel format={{ locale, timeFormat: status.user.timeFormat, timeZone: status.user.timeZone }} />
    </section>
  );
}

/** Disconnecting wipes the outbox too: say so first if writes have not reached Zoho. */
function DisconnectButton({ disconnecting, onDisconnect }: { disconnecting: boolean; onDisconnect(): void }) {
  const [confirming, setConfirming] = useState(false);
  const sync = useQuery(syncStatusQuery());
  const waiting = sync.data?.outbox.filter((item) => item.status !== 'done').length ?? 0;
  if (confirming) {
    return (
      <div className="notice notice-warn" role="alertdialog" aria-labelledby="confirm-disconnect">
        <p id="confirm-disconnect">{t('confirmDisconnectPending', String(waiting))}</p>
        <div className="actions">
          <button type="button" className="button button-primary" onClick={onDisconnect} autoFocus>
            {t('disconnectAnyway')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
            {t('cancel')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <button type="button" className="button button-secondary" onClick={() => (waiting > 0 ? setConfirming(true) : onDisconnect())} disabled={disconnecting}>
      {disconnecting ? t('disconnecting') : t('disconnect')}
    </button>
  );
}
