// The connection as the background keeps it: the OAuth code flow and who/where is signed in,
// the token manager that refreshes from the encrypted refresh token, and disconnecting (revoke
// at Zoho, wipe every personal row). Browser APIs arrive as arguments so tests run it in Node.
import { decryptText, encryptText } from '../auth/crypto';
import type { HostPolicy } from '../auth/hosts';
import { createAuthRequest, exchangeCode, parseAuthCallback, refreshTokens, revokeToken, type ClientCredentials } from '../auth/oauth';
import { TokenManager, type AccessToken } from '../auth/tokens';
import { StagecoachError } from '../errors';
import type { Handlers } from '../messaging/define';
import { ownerOf, sameOwner, wipePersonalData, type ConnectionRow, type RowOwner, type StagecoachDb } from '../storage/db';
import { recordSuccess } from '../sync/status';
import { createZohoClient, type TokenSource } from '../zoho/client';
import { currentUserResponse, orgResponse } from '../zoho/schemas';
import type { connectionRequests } from './requests';
import type { ConnectionStatus } from './types';

export interface ConnectionDeps {
  db: StagecoachDb;
  fetch: typeof fetch;
  hosts: HostPolicy;
  redirectUri: string;
  /** Opens Zoho's consent page; resolves with the redirect URL, rejects when the window closes. */
  launchAuthFlow(url: string): Promise<string>;
  /** Storage that lives only while the browser runs (storage.session). */
  session: { load(): Promise<AccessToken | null>; save(token: AccessToken | null): Promise<void> };
  /** Wipes extension storage that may hold personal data. */
  clearStorage(): Promise<void>;
  /** Tells open UIs the connection changed (connected, disconnected, reconnect needed). */
  statusChanged(): Promise<void>;
  /** The OAuth client: the policy's or the user's override, else the build's default. */
  credentials(): Promise<ClientCredentials | null>;
  /** Called once a connection is saved (the outbox drains what waited for it). */
  onConnected?(): void;
  /** Ended on disconnect and on signing in as somebody else: aborts every call still out. */
  lifetime?: ConnectionLifetime;
  now(): number;
}

/**
 * One AbortController per connection, whose signal the Zoho client puts on every call: ending
 * it aborts whatever the connection still has in flight (a disconnect, another account).
 */
export function createLifetime() {
  let controller = new AbortController();
  return {
    signal: () => controller.signal,
    end() {
      controller.abort(new StagecoachError('not_connected'));
      controller = new AbortController();
    },
  };
}
export type ConnectionLifetime = ReturnType<typeof createLifetime>;

/**
 * Rows of any account but `owner`: what a write or read that raced a disconnect may have left
 * (a sign-in as somebody else must never send or show them).
 */
async function dropOthers(db: StagecoachDb, owner: RowOwner): Promise<void> {
  await db.transaction('rw', ownedTables(db), async () => {
    await db.outbox.filter((row) => !sameOwner(row, owner)).delete();
    await db.records.filter((row) => row.userId !== undefined && !sameOwner(row, owner)).delete();
    await Promise.all([db.contactZones, db.decisions, db.lastKnown].map((table) => table.filter((row) => !sameOwner(row, owner)).delete()));
  });
}

/** The tables whose rows carry the account they belong to. */
function ownedTables(db: StagecoachDb) {
  return [db.outbox, db.records, db.contactZones, db.decisions, db.lastKnown];
}

/** The single-flight token manager; refreshes with the stored (encrypted) refresh token. */
export function createTokens(deps: Pick<ConnectionDeps, 'db' | 'fetch' | 'hosts' | 'session' | 'statusChanged' | 'credentials' | 'now'>): TokenManager {
  const { db } = deps;
  return new TokenManager({
    loadAccess: () => deps.session.load(),
    saveAccess: (token) => deps.session.save(token),
    now: deps.now,
    async refresh() {
      const connection = await db.connection.get('current');
      if (!connection) throw new StagecoachError('not_connected');
      if (connection.state === 'reconnect_needed') throw new StagecoachError('reconnect_needed');
      const refreshToken = await decryptText(db, connection.refreshToken);
      if (!refreshToken) throw new StagecoachError('reconnect_needed', { reason: 'sign_in_unreadable' });
      const creds = await deps.credentials();
      if (!creds) throw new StagecoachError('no_client_id');
      return refreshTokens({
        fetch: deps.fetch,
        hosts: deps.hosts,
        credentials: creds,
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
}

export function createConnection(deps: ConnectionDeps & { tokens: TokenManager }) {
  const { db, tokens } = deps;

  const status = async (): Promise<ConnectionStatus> => {
    const connection = await db.connection.get('current');
    if (!connection) return { state: 'disconnected', sandbox: deps.hosts.sandbox };
    const { state, user, org, dataCentre, connectedAt } = connection;
    return { state, sandbox: deps.hosts.sandbox, user, org, dataCentre, connectedAt };
  };

  let connecting: Promise<ConnectionStatus> | null = null;

  async function connect(): Promise<ConnectionStatus> {
    const creds = await deps.credentials();
    if (!creds?.clientId) throw new StagecoachError('no_client_id');
    const request = await createAuthRequest({
      authorizeOrigin: deps.hosts.authorizeOrigin(),
      clientId: creds.clientId,
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
      credentials: creds,
      callback,
      redirectUri: deps.redirectUri,
      verifier: request.verifier,
      now: deps.now,
    });

    // Who and where, read with the new token before anything is stored: a half-made connection
    // is never saved, and a token we cannot use is revoked at once.
    const previous = await db.connection.get('current');
    const access: AccessToken = { accessToken: issued.accessToken, apiDomain: issued.apiDomain, expiresAt: issued.expiresAt };
    const probe = createZohoClient({ fetch: deps.fetch, tokens: fixedToken(access), now: deps.now });
    let row: ConnectionRow;
    try {
      const [users, orgs] = await Promise.all([
        probe.request('/users', currentUserResponse, { query: { type: 'CurrentUser' } }),
        probe.request('/org', orgResponse),
      ]);
      const user = users?.users[0];
      const org = orgs?.org[0];
      if (!user || !org) throw new StagecoachError('bad_response', { reason: 'no_signed_in_user' });
      row = {
        id: 'current',
        state: 'connected',
        dataCentre: callback.dataCentre,
        accountsServer: callback.accountsServer,
        apiDomain: issued.apiDomain,
        clientId: creds.clientId,
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
        org: {
          id: org.id,
          name: org.company_name ?? null,
          zgid: org.zgid ?? org.domain_name?.replace(/^org/, '') ?? null,
          edition: org.license_details?.paid_type ?? null,
          users: org.license_details?.users_license_purchased ?? null,
        },
        connectedAt: deps.now(),
        // For the org check: what was granted, against what was asked (Zoho separates them by spaces or commas).
        grantedScopes: issued.scope ? issued.scope.split(/[\s,]+/).filter(Boolean) : null,
      };
    } catch (error) {
      await revokeToken(deps.fetch, callback.accountsServer, issued.refreshToken);
      throw error;
    }

    // Signing in again replaces the old grant: revoke it so it does not count against Zoho's
    // 20-refresh-token cap. Signing in as another user or org drops what belonged to the old
    // one — cached records, and writes that must not be sent under the new account's name.
    if (previous) {
      const old = await decryptText(db, previous.refreshToken);
      if (old && old !== issued.refreshToken) await revokeToken(deps.fetch, previous.accountsServer, old);
      if (previous.user.id !== row.user.id || previous.org.id !== row.org.id) {
        deps.lifetime?.end();
        await tokens.clear();
        await Promise.all([db.records.clear(), db.outbox.clear(), db.contactZones.clear(), db.sync.clear(), db.apiCalls.clear(), db.decisions.clear()]);
      }
    }
    // One transaction: no write of the old account can be stored between the sweep and the switch.
    await db.transaction('rw', [db.connection, ...ownedTables(db)], async () => {
      await dropOthers(db, ownerOf(row)!);
      await db.connection.put(row);
    });
    await tokens.clear();
    await deps.session.save(access);
    await recordSuccess(db, 'identity', deps.now());
    await deps.statusChanged();
    deps.onConnected?.();
    return status();
  }

  async function disconnect(): Promise<{ revoked: boolean }> {
    const connection = await db.connection.get('current');
    let revoked = false;
    if (connection) {
      const refreshToken = await decryptText(db, connection.refreshToken);
      if (refreshToken) revoked = await revokeToken(deps.fetch, connection.accountsServer, refreshToken);
    }
    // Before the wipe: what is still out is aborted, and a refresh on its way saves nothing.
    deps.lifetime?.end();
    await tokens.clear();
    await wipePersonalData(db);
    await deps.clearStorage();
    await deps.statusChanged();
    return { revoked };
  }

  /** The connection to work with; refuses when there is none or Zoho no longer accepts it. */
  async function requireConnection(): Promise<ConnectionRow> {
    const connection = await db.connection.get('current');
    if (!connection) throw new StagecoachError('not_connected');
    if (connection.state === 'reconnect_needed') throw new StagecoachError('reconnect_needed');
    return connection;
  }

  const handlers: Handlers<typeof connectionRequests> = {
    status,
    connect: () => (connecting ??= connect().finally(() => (connecting = null))),
    disconnect,
  };
  return { handlers, requireConnection };
}

/** One fixed token, used before the connection is saved: nothing to refresh it from yet. */
function fixedToken(token: AccessToken): TokenSource {
  return {
    get: async () => token,
    replace: async () => {
      throw new StagecoachError('auth_failed', { reason: 'fresh_token_refused' });
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
