// What the background does for the UIs: connect, disconnect, report status, read records.
// Browser APIs arrive as arguments (auth window, session storage, fetch) so tests run it in Node.
import { decryptText, encryptText } from '../auth/crypto';
import type { HostPolicy } from '../auth/hosts';
import { createAuthRequest, exchangeCode, parseAuthCallback, refreshTokens, revokeToken, type ClientCredentials } from '../auth/oauth';
import { TokenManager, type AccessToken } from '../auth/tokens';
import { StagecoachError } from '../errors';
import type { Handlers } from '../messaging/router';
import type { ConnectionStatus, RecordModule, RecordSummary } from '../messaging/protocol';
import { wipePersonalData, type ConnectionRow, type StagecoachDb } from '../storage/db';
import { createZohoClient, type TokenSource, type ZohoClient } from '../zoho/client';
import { currentUserResponse, orgResponse, recordDisplayName, recordResponse } from '../zoho/schemas';

export interface BackgroundDeps {
  db: StagecoachDb;
  fetch: typeof fetch;
  hosts: HostPolicy;
  /** The OAuth client to use (build default, options page or managed policy); null if none. */
  credentials(): Promise<ClientCredentials | null>;
  redirectUri: string;
  /** Opens Zoho's consent page; resolves with the redirect URL, rejects when the window closes. */
  launchAuthFlow(url: string): Promise<string>;
  /** Storage that lives only while the browser runs (storage.session). */
  session: { load(): Promise<AccessToken | null>; save(token: AccessToken | null): Promise<void> };
  /** Wipes extension storage that may hold personal data. */
  clearStorage(): Promise<void>;
  /** Tells open UIs the connection changed (connected, disconnected, reconnect needed). */
  statusChanged(): Promise<void>;
  now(): number;
}

export interface Background {
  handlers: Handlers;
  tokens: TokenManager;
  client: ZohoClient;
}

export function createBackground(deps: BackgroundDeps): Background {
  const { db } = deps;

  const tokens = new TokenManager({
    loadAccess: () => deps.session.load(),
    saveAccess: (token) => deps.session.save(token),
    now: deps.now,
    async refresh() {
      const connection = await db.connection.get('current');
      if (!connection) throw new StagecoachError('not_connected');
      if (connection.state === 'reconnect_needed') throw new StagecoachError('reconnect_needed');
      const refreshToken = await decryptText(db, connection.refreshToken);
      if (!refreshToken) throw new StagecoachError('reconnect_needed', 'The stored sign-in could not be read.');
      const credentials = await deps.credentials();
      if (!credentials) throw new StagecoachError('no_client_id');
      return refreshTokens({
        fetch: deps.fetch,
        hosts: deps.hosts,
        credentials,
        accountsServer: connection.accountsServer,
        dataCentre: connection.dataCentre,
        refreshToken,
        now: deps.now,
      });
    },
    async onReconnectNeeded() {
      await db.connection.update('current', { state: 'reconnect_needed' });
      await deps.statusChanged();
    },
  });

  const client = createZohoClient({ fetch: deps.fetch, tokens });

  const status = async (): Promise<ConnectionStatus> => {
    const connection = await db.connection.get('current');
    if (!connection) return { state: 'disconnected', sandbox: deps.hosts.sandbox };
    const { state, user, org, dataCentre, connectedAt } = connection;
    return { state, sandbox: deps.hosts.sandbox, user, org, dataCentre, connectedAt };
  };

  let connecting: Promise<ConnectionStatus> | null = null;

  async function connect(): Promise<ConnectionStatus> {
    const credentials = await deps.credentials();
    if (!credentials?.clientId) throw new StagecoachError('no_client_id');
    const request = await createAuthRequest({
      authorizeOrigin: deps.hosts.authorizeOrigin(),
      clientId: credentials.clientId,
      redirectUri: deps.redirectUri,
    });

    let redirect: string;
    try {
      redirect = await deps.launchAuthFlow(request.url);
    } catch (error) {
      throw authWindowError(error);
    }
    const callback = parseAuthCallback(redirect, request.state, deps.hosts);
    const issued = await exchangeCode({
      fetch: deps.fetch,
      hosts: deps.hosts,
      credentials,
      callback,
      redirectUri: deps.redirectUri,
      verifier: request.verifier,
      now: deps.now,
    });

    // Who and where, read with the new token before anything is stored: a half-made connection
    // is never saved, and a token we cannot use is revoked at once.
    const previous = await db.connection.get('current');
    const access: AccessToken = { accessToken: issued.accessToken, apiDomain: issued.apiDomain, expiresAt: issued.expiresAt };
    const probe = createZohoClient({ fetch: deps.fetch, tokens: fixedToken(access) });
    let row: ConnectionRow;
    try {
      const [users, orgs] = await Promise.all([
        probe.request('/users', currentUserResponse, { query: { type: 'CurrentUser' } }),
        probe.request('/org', orgResponse),
      ]);
      const user = users?.users[0];
      const org = orgs?.org[0];
      if (!user || !org) throw new StagecoachError('bad_response', 'Zoho did not say who is signed in.');
      row = {
        id: 'current',
        state: 'connected',
        dataCentre: callback.dataCentre,
        accountsServer: callback.accountsServer,
        apiDomain: issued.apiDomain,
        clientId: credentials.clientId,
        refreshToken: await encryptText(db, issued.refreshToken),
        user: {
          id: user.id,
          name: user.full_name,
          email: user.email ?? null,
          profile: user.profile?.name ?? null,
          role: user.role?.name ?? null,
          timeZone: user.time_zone ?? null,
          timeFormat: user.time_format ?? null,
          locale: user.locale ?? null,
        },
        org: { id: org.id, name: org.company_name ?? null, zgid: org.zgid ?? org.domain_name?.replace(/^org/, '') ?? null },
        connectedAt: deps.now(),
      };
    } catch (error) {
      await revokeToken(deps.fetch, callback.accountsServer, issued.refreshToken);
      throw error;
    }

    // Signing in again replaces the old grant: revoke it so it does not count against Zoho's
    // 20-refresh-token cap. Records cached for another user or org are dropped.
    if (previous) {
      const old = await decryptText(db, previous.refreshToken);
      if (old && old !== issued.refreshToken) await revokeToken(deps.fetch, previous.accountsServer, old);
      if (previous.user.id !== row.user.id || previous.org.id !== row.org.id) await db.records.clear();
    }
    await db.connection.put(row);
    await tokens.clear();
    await deps.session.save(access);
    await deps.statusChanged();
    return status();
  }

  async function disconnect(): Promise<{ revoked: boolean }> {
    const connection = await db.connection.get('current');
    let revoked = false;
    if (connection) {
      const refreshToken = await decryptText(db, connection.refreshToken);
      if (refreshToken) revoked = await revokeToken(deps.fetch, connection.accountsServer, refreshToken);
    }
    await tokens.clear();
    await wipePersonalData(db);
    await deps.clearStorage();
    await deps.statusChanged();
    return { revoked };
  }

  async function requireConnection(): Promise<ConnectionRow> {
    const connection = await db.connection.get('current');
    if (!connection) throw new StagecoachError('not_connected');
    if (connection.state === 'reconnect_needed') throw new StagecoachError('reconnect_needed');
    return connection;
  }

  async function getRecord({ module, recordId }: { module: RecordModule; recordId: string }): Promise<RecordSummary> {
    await requireConnection();
    const answer = await client.request(`/${module}/${recordId}`, recordResponse);
    const record = answer?.data[0];
    if (!record) throw new StagecoachError('not_found');
    const summary: RecordSummary = {
      module,
      id: record.id,
      name: recordDisplayName(record),
      owner: record.Owner ? { id: record.Owner.id, name: record.Owner.name ?? null } : null,
    };
    await db.records.put({ module, id: record.id, value: summary, fetchedAt: deps.now() });
    return summary;
  }

  const handlers: Handlers = {
    status,
    connect: () => (connecting ??= connect().finally(() => (connecting = null))),
    disconnect,
    getRecord,
  };
  return { handlers, tokens, client };
}

/** One fixed token, used before the connection is saved: nothing to refresh it from yet. */
function fixedToken(token: AccessToken): TokenSource {
  return {
    get: async () => token,
    replace: async () => {
      throw new StagecoachError('auth_failed', 'Zoho refused the token it had just issued.');
    },
  };
}

/** chrome.identity rejects with English sentences; these are the ones it uses. */
function authWindowError(error: unknown): StagecoachError {
  const message = error instanceof Error ? error.message : String(error);
  if (/did not approve|closed|cancel/i.test(message)) return new StagecoachError('auth_cancelled', message);
  if (/could not be loaded|network|ERR_/i.test(message)) return new StagecoachError('network', message);
  return new StagecoachError('auth_failed', message);
}
