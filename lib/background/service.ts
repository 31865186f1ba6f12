// What the background does for the UIs: connect, disconnect, report status, read records.
// Browser APIs arrive as arguments (auth window, session storage, fetch) so tests run it in Node.
import { decryptText, encryptText } from '../auth/crypto';
import type { HostPolicy } from '../auth/hosts';
import { createAuthRequest, exchangeCode, parseAuthCallback, refreshTokens, revokeToken, type ClientCredentials } from '../auth/oauth';
import { TokenManager, type AccessToken } from '../auth/tokens';
import { StagecoachError } from '../errors';
import type { Handlers } from '../messaging/router';
import type { Cached, ConnectionStatus, RecordModule, RecordSummary, SettingsView, SyncStatus } from '../messaging/protocol';
import { wipePersonalData, type ConnectionRow, type StagecoachDb } from '../storage/db';
import { createScheduling } from '../scheduling/service';
import { createSuggestions, type BuiltInModel } from './suggestions';
import { isTimeZone } from '../settings/schema';
import { createSettingsStore } from '../settings/store';
import { createOutbox, toOutboxItem, type Outbox } from '../sync/outbox';
import { dailyCreditLimit, logApiCall, recordFailure, recordSuccess, syncSummary } from '../sync/status';
import { createZohoClient, type TokenSource, type ZohoClient } from '../zoho/client';
import { currentUserResponse, orgResponse, recordDisplayName, recordResponse } from '../zoho/schemas';

export interface BackgroundDeps {
  db: StagecoachDb;
  fetch: typeof fetch;
  hosts: HostPolicy;
  /** The build's default Zoho API client id (`WXT_ZOHO_CLIENT_ID`); settings or policy override it. */
  buildClientId: string | null;
  /** The enterprise policy (`storage.managed.get()`); may reject where there is none. */
  readPolicy(): Promise<unknown>;
  redirectUri: string;
  /** Opens Zoho's consent page; resolves with the redirect URL, rejects when the window closes. */
  launchAuthFlow(url: string): Promise<string>;
  /** Storage that lives only while the browser runs (storage.session). */
  session: { load(): Promise<AccessToken | null>; save(token: AccessToken | null): Promise<void> };
  /** Wipes extension storage that may hold personal data. */
  clearStorage(): Promise<void>;
  /** Tells open UIs the connection changed (connected, disconnected, reconnect needed). */
  statusChanged(): Promise<void>;
  /** Tells open UIs the outbox changed. */
  outboxChanged?(): Promise<void>;
  /** A new idempotency key for the outbox (crypto.randomUUID()). */
  newKey(): string;
  /** Runs `then` at about `at` if this worker is still alive (setTimeout). */
  wakeAt?(at: number, then: () => void): void;
  /** Whether the extension holds a host permission for this origin (permissions.contains). */
  hasOrigin?(origin: string): Promise<boolean>;
  /** The browser's built-in language model, where there is one. */
  builtInModel?: BuiltInModel;
  now(): number;
}

export interface Background {
  handlers: Handlers;
  tokens: TokenManager;
  client: ZohoClient;
  outbox: Outbox;
}

/** A cached record stays fresh this long; after that it is revalidated before use. */
export const RECORD_FRESH_MS = 5 * 60_000;

export function createBackground(deps: BackgroundDeps): Background {
  const { db } = deps;

  const settingsStore = createSettingsStore({
    read: async () => (await db.settings.get('settings')) ?? null,
    write: async (row) => void (await db.settings.put({ id: 'settings', ...row })),
    readPolicy: deps.readPolicy,
  });

  /** The OAuth client: the policy's or the user's override, else the build's default. */
  async function credentials(): Promise<ClientCredentials | null> {
    const { settings } = await settingsStore.load();
    const clientId = settings.oauth.clientId ?? deps.buildClientId;
    return clientId ? { clientId, clientSecret: settings.oauth.clientSecret } : null;
  }

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
      const creds = await credentials();
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

  const client = createZohoClient({
    fetch: deps.fetch,
    tokens,
    now: deps.now,
    // The usage log is best effort: a call must not fail because it could not be counted.
    onCall: (call) => void logApiCall(db, { at: call.at, status: call.status, creditsRemaining: call.creditsRemaining }).catch(() => {}),
  });

  void settingsStore.load().then(({ settings }) => client.setMaxConcurrent(settings.api.maxConcurrent), () => {});

  const outbox = createOutbox({
    db,
    client,
    now: deps.now,
    newKey: deps.newKey,
    connected: async () => (await db.connection.get('current'))?.state === 'connected',
    onChange: () => void deps.outboxChanged?.(),
    wakeAt: (at) => deps.wakeAt?.(at, () => void outbox.drain()),
  });

  const status = async (): Promise<ConnectionStatus> => {
    const connection = await db.connection.get('current');
    if (!connection) return { state: 'disconnected', sandbox: deps.hosts.sandbox };
    const { state, user, org, dataCentre, connectedAt } = connection;
    return { state, sandbox: deps.hosts.sandbox, user, org, dataCentre, connectedAt };
  };

  let connecting: Promise<ConnectionStatus> | null = null;

  async function connect(): Promise<ConnectionStatus> {
    const creds = await credentials();
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
      if (!user || !org) throw new StagecoachError('bad_response', 'Zoho did not say who is signed in.');
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
        await Promise.all([db.records.clear(), db.outbox.clear(), db.contactZones.clear(), db.sync.clear(), db.apiCalls.clear(), db.decisions.clear()]);
      }
    }
    await db.connection.put(row);
    await tokens.clear();
    await deps.session.save(access);
    await recordSuccess(db, 'identity', deps.now());
    await deps.statusChanged();
    void outbox.drain();
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

  /**
   * A record summary, cache first: a fresh cached copy answers at once; otherwise Zoho is asked,
   * and if Zoho cannot be reached the cached copy is returned marked stale. `cacheOnly` answers
   * from the cache alone (null if none), so a panel can show something before Zoho answers.
   */
  async function getRecord({ module, recordId, cacheOnly }: { module: RecordModule; recordId: string; cacheOnly?: boolean }): Promise<Cached<RecordSummary> | null> {
    const cached = await db.records.get([module, recordId]);
    const fromCache = (stale: boolean, error?: StagecoachError): Cached<RecordSummary> => ({
      value: cached!.value as RecordSummary,
      fetchedAt: cached!.fetchedAt,
      stale,
      ...(error ? { error: error.toJSON() } : {}),
    });
    if (cacheOnly) return cached ? fromCache(deps.now() - cached.fetchedAt > RECORD_FRESH_MS) : null;
    if (cached && deps.now() - cached.fetchedAt <= RECORD_FRESH_MS) return fromCache(false);

    await requireConnection();
    try {
      const answer = await client.request(`/${module}/${recordId}`, recordResponse);
      const record = answer?.data[0];
      if (!record) throw new StagecoachError('not_found');
      const value: RecordSummary = {
        module,
        id: record.id,
        name: recordDisplayName(record),
        owner: record.Owner ? { id: record.Owner.id, name: record.Owner.name ?? null } : null,
        ...(module === 'Deals' ? { contact: record.Contact_Name ? { id: record.Contact_Name.id, name: record.Contact_Name.name ?? null } : null } : {}),
      };
      const fetchedAt = deps.now();
      await db.records.put({ module, id: record.id, value, fetchedAt });
      await recordSuccess(db, 'records', fetchedAt);
      return { value, fetchedAt, stale: false };
    } catch (error) {
      const failure = StagecoachError.from(error);
      await recordFailure(db, 'records', failure, deps.now());
      if (cached && failure.transient) return fromCache(true, failure);
      throw failure;
    }
  }

  async function addNote({ module, recordId, content }: { module: RecordModule; recordId: string; content: string }) {
    await requireConnection();
    const summary = await db.records.get([module, recordId]);
    const name = (summary?.value as RecordSummary | undefined)?.name ?? recordId;
    const row = await outbox.enqueue({
      op: 'create',
      module: 'Notes',
      data: { Note_Content: content, Parent_Id: { module: { api_name: module }, id: recordId } },
      summary: `Note on ${name}`,
    });
    return toOutboxItem((await outbox.sendNow(row.key)) ?? row);
  }

  async function syncStatus(): Promise<SyncStatus> {
    const connection = await db.connection.get('current');
    const limit = dailyCreditLimit(connection?.org.edition, connection?.org.users);
    const [summary, items] = await Promise.all([syncSummary(db, deps.now(), limit), outbox.list()]);
    return { ...summary, outbox: items.map(toOutboxItem) };
  }

  /** The settings in effect, as the UIs may see them: a client secret is never sent out. */
  async function getSettings(): Promise<SettingsView> {
    const loaded = await settingsStore.load();
    client.setMaxConcurrent(loaded.settings.api.maxConcurrent);
    return {
      settings: { ...loaded.settings, oauth: { ...loaded.settings.oauth, clientSecret: null } },
      clientSecretSet: loaded.settings.oauth.clientSecret !== null,
      locked: loaded.locked,
      buildClientId: deps.buildClientId,
      aiKeySet: await suggestions.aiKeySet(),
    };
  }

  async function saveSettings({ patch }: { patch: unknown }): Promise<SettingsView> {
    const result = await settingsStore.save(patch);
    if (!result.ok) throw new StagecoachError('invalid_settings', undefined, { issues: result.issues });
    return getSettings();
  }

  const currentSettings = async () => (await settingsStore.load()).settings;

  const scheduling = createScheduling({
    db,
    client,
    outbox,
    now: deps.now,
    settings: currentSettings,
    connection: requireConnection,
  });

  const suggestions = createSuggestions({
    db,
    client,
    outbox,
    fetch: deps.fetch,
    now: deps.now,
    settings: currentSettings,
    connection: requireConnection,
    hasOrigin: deps.hasOrigin ?? (async () => false),
    ...(deps.builtInModel ? { builtInModel: deps.builtInModel } : {}),
  });

  const handlers: Handlers = {
    dealSuggestion: suggestions.dealSuggestion,
    askAi: suggestions.askAi,
    decideSuggestion: suggestions.decide,
    requestApproval: suggestions.requestApproval,
    createFollowUp: suggestions.createFollowUp,
    contactDeals: suggestions.contactDeals,
    criteriaDryRun: suggestions.dryRun,
    saveAiKey: suggestions.saveAiKey,
    status,
    freeSlots: scheduling.freeSlots,
    upcomingMeetings: scheduling.upcoming,
    bookMeeting: scheduling.book,
    cancelMeeting: scheduling.cancel,
    rescheduleMeeting: scheduling.reschedule,
    findPerson: scheduling.findPerson,
    createPerson: scheduling.createPerson,
    setContactZone: async (input) => {
      if (input.timeZone !== null && !isTimeZone(input.timeZone)) throw new StagecoachError('bad_message', 'Unknown time zone.');
      return scheduling.setContactZone(input);
    },
    getSettings,
    saveSettings,
    connect: () => (connecting ??= connect().finally(() => (connecting = null))),
    disconnect,
    getRecord,
    addNote,
    syncStatus,
    outboxRetry: async ({ key }) => {
      const row = await outbox.retry(key);
      if (!row) throw new StagecoachError('not_found');
      return toOutboxItem(row);
    },
    outboxDiscard: async ({ key }) => {
      await outbox.discard(key);
      return { discarded: true };
    },
  };
  return { handlers, tokens, client, outbox };
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
