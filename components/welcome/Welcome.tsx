// The first-run page, opened once after install: connect Zoho (or register an API client first
// when this copy has none), where the settings are, and what data goes where.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { browser } from 'wxt/browser';
import { TOOLBAR_STATES, toolbarIconPath } from '@/lib/connection/toolbar';
import type { ConnectionStatus } from '@/lib/connection/types';
import { ErrorNotice } from '../ErrorNotice';
import type { MessageKey } from '../i18n';
import { t } from '../i18n';
import { request } from '../messenger';
import { queryKeys, settingsQuery, statusQuery } from '../queries';
import { useStatusSignal } from '../useStatusSignal';

const openOptions = () => void browser.runtime.openOptionsPage();

export function Welcome() {
  const queryClient = useQueryClient();
  useStatusSignal();
  const status = useQuery(statusQuery());
  const settings = useQuery(settingsQuery());
  // The same request as the popup's Connect: the background runs Zoho's consent flow.
  const connect = useMutation({
    mutationFn: () => request('connect', {}),
    onSuccess: (value: ConnectionStatus) => queryClient.setQueryData(queryKeys.status, value),
  });
  const clientId = settings.data ? (settings.data.settings.oauth.clientId ?? settings.data.buildClientId) : undefined;

  return (
    <main className="welcome">
      <header className="welcome-header">
        <img src={browser.runtime.getURL('/icons/48.png')} alt="" width={48} height={48} />
        <div>
          <h1>{t('welcome_heading')}</h1>
          <p className="welcome-lead">{t('welcome_intro')}</p>
        </div>
      </header>

      <section className="welcome-step" aria-labelledby="step-connect" aria-busy={status.isPending || settings.isPending}>
        <h2 id="step-connect">{t('welcome_connectHeading')}</h2>
        {status.isError ? <ErrorNotice error={status.error} onRetry={() => void status.refetch()} /> : null}
        {settings.isError ? <ErrorNotice error={settings.error} onRetry={() => void settings.refetch()} /> : null}
        {status.data && clientId !== undefined ? (
          <ConnectStep status={status.data} hasClient={clientId !== null} connecting={connect.isPending} onConnect={() => connect.mutate()} />
        ) : null}
        {connect.isError ? <ErrorNotice error={connect.error} /> : null}
        {clientId !== null && clientId !== undefined ? (
          <details className="welcome-own-client">
            <summary>{t('welcome_ownClientSummary')}</summary>
            <RegisterClient />
          </details>
        ) : null}
      </section>

      <section className="welcome-step" aria-labelledby="step-settings">
        <h2 id="step-settings">{t('welcome_settingsHeading')}</h2>
        <p>{t('welcome_settingsText')}</p>
        <button type="button" className="button button-secondary" onClick={openOptions}>
          {t('openOptions')}
        </button>
      </section>

      <section className="welcome-step" aria-labelledby="step-use">
        <h2 id="step-use">{t('welcome_useHeading')}</h2>
        <p>{t('welcome_useText')}</p>
        <ul className="welcome-icons">
          {TOOLBAR_STATES.map((state) => (
            <li key={state}>
              <img src={browser.runtime.getURL(`/${toolbarIconPath(state, 32)}`)} alt="" width={24} height={24} />
              {t(`welcome_icon_${state}` as MessageKey)}
            </li>
          ))}
        </ul>
      </section>

      <section className="welcome-step" aria-labelledby="step-data">
        <h2 id="step-data">{t('welcome_dataHeading')}</h2>
        <dl className="welcome-data">
          <dt>{t('welcome_dataBrowserTitle')}</dt>
          <dd>{t('welcome_dataBrowser')}</dd>
          <dt>{t('welcome_dataZohoTitle')}</dt>
          <dd>{t('welcome_dataZoho')}</dd>
          <dt>{t('welcome_dataOthersTitle')}</dt>
          <dd>{t('welcome_dataOthers')}</dd>
          <dt>{t('welcome_dataDisconnectTitle')}</dt>
          <dd>{t('welcome_dataDisconnect')}</dd>
        </dl>
      </section>
    </main>
  );
}

function ConnectStep(props: { status: ConnectionStatus; hasClient: boolean; connecting: boolean; onConnect(): void }) {
  const { status } = props;
  if (status.state === 'connected') {
    return (
      <div className="notice notice-ok" role="status">
        <p className="state state-on">{t('stateConnected')}</p>
        <p data-testid="welcome-connected">
          {t('welcome_connectedAs', [status.user.name, status.org.name ?? status.org.id, t(`dc_${status.dataCentre}` as MessageKey)])}
        </p>
        <p>{t('welcome_connectedNext')}</p>
      </div>
    );
  }
  if (!props.hasClient) {
    return (
      <div className="notice notice-warn">
        <p>
          <strong>{t('welcome_noClient')}</strong>
        </p>
        <RegisterClient />
      </div>
    );
  }
  return (
    <>
      {status.state === 'reconnect_needed' ? <p className="notice notice-warn">{t('reconnectNeededIntro')}</p> : <p>{t('welcome_connectText')}</p>}
      <button type="button" className="button button-primary" onClick={props.onConnect} disabled={props.connecting}>
        {props.connecting ? t('connecting') : t(status.state === 'reconnect_needed' ? 'reconnect' : 'connect')}
      </button>
    </>
  );
}

/** README "Using it with your own Zoho account", with this browser's own redirect URI. */
function RegisterClient() {
  const redirect = browser.identity.getRedirectURL();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(redirect);
    setCopied(true);
  };
  return (
    <ol className="welcome-register">
      <li>{t('welcome_register1')}</li>
      <li>
        {t('welcome_register2')}
        <span className="welcome-redirect">
          <code data-testid="redirect-uri">{redirect}</code>
          <button type="button" className="button button-secondary" onClick={() => void copy()}>
            {t('welcome_copy')}
          </button>
          <span role="status">{copied ? t('welcome_copied') : ''}</span>
        </span>
      </li>
      <li>
        {t('welcome_register3')}{' '}
        <button type="button" className="button button-link" onClick={openOptions}>
          {t('openOptions')}
        </button>
      </li>
    </ol>
  );
}
