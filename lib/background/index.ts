// The background's wiring: one settings store, token manager, Zoho client and outbox, shared by
// every domain's service, whose handlers are merged here for the router. No domain logic lives
// here; browser APIs arrive as arguments so tests run it in Node.
import { sealedSettingsRow } from '../auth/clientSecret';
import type { HostPolicy } from '../auth/hosts';
import type { AccessToken, TokenManager } from '../auth/tokens';
import { createConnection, createLifetime, createTokens } from '../connection/service';
import { createDiagnostics } from '../diagnostics/service';
import { createEarlyReads, signedIn, type EarlyReads } from '../earlyReads';
import { withLastKnown } from '../lastKnown/service';
import { readAhead } from '../readAhead';
import { createRecords } from '../records/service';
import type { AllHandlers } from '../requests';
import { createScheduling } from '../scheduling/service';
import type { ServiceDeps } from '../service/context';
import { createSettingsService } from '../settings/service';
import { createSettingsStore } from '../settings/store';
import { createTeamSources } from '../settings/teamStore';
import { ownerOf, type StagecoachDb } from '../storage/db';
import { createAiProvider, type BuiltInModel } from '../suggestions/provider';
import { createSuggestions } from '../suggestions/service';
import { createOutbox, type Outbox } from '../sync/outbox';
import { createSync } from '../sync/service';
import { logApiCall } from '../sync/status';
import { createZohoClient, type ZohoClient } from '../zoho/client';

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
  /** Whether connecting reads ahead what a first page needs (lib/readAhead); default yes. */
  readAhead?: boolean;
  now(): number;
}

export interface Background {
  handlers: AllHandlers;
  tokens: TokenManager;
  client: ZohoClient;
  outbox: Outbox;
  early: EarlyReads; // a record page's first reads, started when its content script says it opened
}

export function createBackground(deps: BackgroundDeps): Background {
  const { db, now } = deps;
  const store = createSettingsStore({ ...sealedSettingsRow(db), readPolicy: deps.readPolicy });
  /** The OAuth client: the policy's or the user's override, else the build's default (no team settings: they need a token). */
  const credentials = async () => {
    const { oauth } = (await store.load()).settings;
    const clientId = oauth.clientId ?? deps.buildClientId;
    return clientId ? { clientId, clientSecret: oauth.clientSecret } : null;
  };

  const tokens = createTokens({ ...deps, credentials });
  const lifetime = createLifetime();
  const client = createZohoClient({
    fetch: deps.fetch,
    tokens,
    now,
    scope: lifetime.signal,
    batch: { windowMs: 40 }, // reads asked within 40 ms share a composite call (lib/zoho/composite.ts)
    // The usage log is best effort: a call must not fail because it could not be counted.
    onCall: (call) => void logApiCall(db, { at: call.at, status: call.status, creditsRemaining: call.creditsRemaining }).catch(() => {}),
  });
  // Team settings (criteria, approvers, feature switches) from the org's variables in Zoho; the
  // profile read fresh for who may approve and publish (lib/settings/team.ts, currentProfile.ts).
  const { team, profiles, connection: connected } = createTeamSources({ db, client, now });
  const settings = async () => {
    const current = await team.current();
    return (await store.load(current.kind === 'published' ? current.team : null)).settings;
  };
  void (async () => client.setMaxConcurrent((await store.load()).settings.api.maxConcurrent))().catch(() => {});

  const outbox: Outbox = createOutbox({
    db,
    client,
    now,
    newKey: deps.newKey,
    connected: async () => (await db.connection.get('current'))?.state === 'connected',
    owner: async () => ownerOf(await db.connection.get('current')),
    onChange: () => void deps.outboxChanged?.(),
    wakeAt: (at) => deps.wakeAt?.(at, () => void outbox.drain()),
  });
  const onConnected = () => void Promise.all([outbox.drain(), deps.readAhead !== false && readAhead({ db, client, now, settings, connection: connection.requireConnection })]);
  const connection = createConnection({ ...deps, tokens, credentials, lifetime, onConnected });
  const services: ServiceDeps = { db, client, outbox, now, settings, connection: connection.requireConnection };
  const provider = createAiProvider({ db, fetch: deps.fetch, hasOrigin: deps.hasOrigin ?? (async () => false), ...(deps.builtInModel ? { builtInModel: deps.builtInModel } : {}) });
  const handlers: AllHandlers = withLastKnown({ db, now }, {
    ...connection.handlers,
    ...createRecords(services).handlers,
    ...createScheduling(services).handlers,
    ...createSuggestions({ ...services, provider, approval: { team, profiles } }).handlers,
    ...createSync(services).handlers,
    ...createDiagnostics(services).handlers,
    ...createSettingsService({
      store,
      buildClientId: deps.buildClientId,
      aiKeySet: provider.keySet,
      onLoaded: (loaded) => client.setMaxConcurrent(loaded.api.maxConcurrent),
      team,
      profiles,
      connection: connected,
    }).handlers,
  });
  return { handlers, tokens, client, outbox, early: createEarlyReads({ handlers, owner: signedIn(db) }) };
}
