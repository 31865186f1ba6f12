// The extension's IndexedDB (background and extension pages only: in a content script IndexedDB
// would belong to the Zoho page's origin). Versioned with dexie; later versions add tables.
import Dexie, { type EntityTable } from 'dexie';
import type { SerializedError } from '../errors';
import type { DataCentreId } from '../zoho/dataCentres';
import type { WriteModule } from '../zoho/writes';

export interface EncryptedValue {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

export interface ConnectedUser {
  id: string;
  name: string;
  email: string | null;
  profile: string | null;
  role: string | null;
  timeZone: string | null;
  timeFormat: string | null;
  locale: string | null;
}

export interface ConnectedOrg {
  id: string;
  name: string | null;
  /** The number in `/crm/org<zgid>/` page URLs. */
  zgid: string | null;
  /** Zoho edition (`paid_type`) and seats, for the daily credit limit. */
  edition?: string | null;
  users?: number | null;
}

export interface ConnectionRow {
  id: 'current';
  state: 'connected' | 'reconnect_needed';
  dataCentre: DataCentreId;
  accountsServer: string;
  apiDomain: string;
  clientId: string;
  refreshToken: EncryptedValue;
  user: ConnectedUser;
  org: ConnectedOrg;
  connectedAt: number;
  /** The scopes Zoho's token answer said it granted; null when it did not say (absent: connected before this was kept). */
  grantedScopes?: string[] | null;
}

export interface SecretKeyRow {
  name: string;
  key: CryptoKey;
}

/** The Zoho account a row belongs to: results of one connection are never used by another. */
export interface RowOwner {
  userId: string;
  orgId: string;
}

export function ownerOf(connection: Pick<ConnectionRow, 'user' | 'org'> | undefined | null): RowOwner | null {
  return connection ? { userId: connection.user.id, orgId: connection.org.id } : null;
}

export function sameOwner(a: Partial<RowOwner> | null | undefined, b: RowOwner | null | undefined): boolean {
  return !!a && !!b && a.userId === b.userId && a.orgId === b.orgId;
}

/**
 * Runs `write` only while `owner` (read when the operation started) is still the one signed in,
 * in one transaction with the connection row and `tables`: a result that comes back after a
 * disconnect, or a sign-in as somebody else, belongs to a connection that is gone and is dropped.
 * Answers whether it ran.
 */
export async function whileSignedIn(db: StagecoachDb, owner: RowOwner | null, tables: Dexie.Table[], write: () => Promise<unknown>): Promise<boolean> {
  if (!owner) return false;
  return db.transaction('rw', [db.connection, ...tables], async () => {
    if (!sameOwner(owner, ownerOf(await db.connection.get('current')))) return false;
    await write();
    return true;
  });
}

export interface CachedRecordRow extends Partial<RowOwner> {
  module: string;
  id: string;
  value: unknown;
  fetchedAt: number;
}

export interface OutboxRow extends RowOwner {
  /** Idempotency key, also written into the created record as its marker. */
  key: string;
  op: 'create' | 'update' | 'delete';
  module: WriteModule;
  recordId: string | null;
  data: Record<string, unknown> | null;
  /** What the person sees in the popup, e.g. "Note on Ann Carter". */
  summary: string;
  status: 'pending' | 'sending' | 'failed' | 'done';
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
  updatedAt: number;
  lastError: SerializedError | null;
  resultId: string | null;
  /** Sent only once this other item is done (an approval's audit note after its stage change). */
  after?: string;
  /** A done create's look-up for a twin (a request the browser resent) is still due at this time. */
  twinCheckAt?: number;
  /** Look-ups for a twin tried so far (their backoff). */
  twinChecks?: number;
}

export interface SyncRow {
  /** A data set: 'identity', 'records', … */
  dataSet: string;
  lastSuccessAt: number | null;
  lastErrorAt: number | null;
  lastError: SerializedError | null;
}

export interface ApiCallRow {
  id?: number;
  at: number;
  status: number;
  creditsRemaining: number | null;
}

export interface SettingsRow {
  id: 'settings';
  version: number;
  values: unknown;
}

/** A time zone the rep chose for a contact or lead, remembered per record. */
export interface ContactZoneRow extends RowOwner {
  module: string;
  id: string;
  timeZone: string;
}

/** A manager's decision on a suggested stage, remembered so a rejected suggestion stays away until new evidence. */
export interface DecisionRow extends RowOwner {
  dealId: string;
  target: string;
  decision: 'approved' | 'rejected';
  /** The stage the deal was at: a rejection holds only while the deal stays there. */
  from?: string;
  /** Every signal id known when deciding: a suggestion comes back only with a signal not in here. */
  signalIds: string[];
  at: number;
  by: string;
}

/** A secret for a third-party service (the AI provider's key, an own OAuth client's secret), encrypted like the refresh token. */
export interface ProviderKeyRow {
  id: 'ai' | 'oauthClientSecret';
  value: EncryptedValue;
  /** The provider's origin when the key was entered. */
  origin: string | null;
  /** The provider's base URL when the key was entered (normalized): the key is sent there and nowhere else. */
  baseUrl?: string;
}

/**
 * The last answer a panel was shown for a contact's free times or a deal's card, shown again at
 * once the next time (marked as updating) while Zoho is asked (lib/storage/lastKnown.ts).
 */
export interface LastKnownRow extends RowOwner {
  kind: 'freeSlots' | 'meetings' | 'dealSuggestion';
  /** `Contacts/<id>`, `Leads/<id>` or a deal's id. */
  key: string;
  value: unknown;
  savedAt: number;
}

export type StagecoachDb = Dexie & {
  secrets: EntityTable<SecretKeyRow, 'name'>;
  connection: EntityTable<ConnectionRow, 'id'>;
  records: Dexie.Table<CachedRecordRow, [string, string]>;
  outbox: EntityTable<OutboxRow, 'key'>;
  sync: EntityTable<SyncRow, 'dataSet'>;
  apiCalls: EntityTable<ApiCallRow, 'id'>;
  settings: EntityTable<SettingsRow, 'id'>;
  contactZones: Dexie.Table<ContactZoneRow, [string, string]>;
  decisions: Dexie.Table<DecisionRow, [string, string]>;
  providerKeys: EntityTable<ProviderKeyRow, 'id'>;
  lastKnown: Dexie.Table<LastKnownRow, [string, string]>;
};

export function openDb(name = 'stagecoach'): StagecoachDb {
  const db = new Dexie(name) as StagecoachDb;
  db.version(1).stores({
    secrets: 'name',
    connection: 'id',
    records: '[module+id], fetchedAt',
  });
  // v2: the outbox of writes, sync state per data set, the API usage log, settings.
  db.version(2).stores({
    outbox: 'key, status, nextAttemptAt, createdAt',
    sync: 'dataSet',
    apiCalls: '++id, at',
    settings: 'id',
  });
  // v3: time zones chosen per contact.
  db.version(3).stores({ contactZones: '[module+id]' });
  // v4: decisions on stage suggestions; the AI provider's key.
  db.version(4).stores({ decisions: '[dealId+target], dealId', providerKeys: 'id' });
  // v5: outbox items and cached records carry the user and org they belong to (issue 11). Rows
  // from before cannot say whose they are. Cached records are only a cache: dropped, read again.
  // An outbox item is stamped with the connection of the moment if it was made after that
  // connection was (connect used to drop the outbox on any change of user or org, so it is that
  // account's); every other one is dropped: with nobody signed in it can only be a write put back
  // after a disconnect's wipe, and one older than the connection cannot be told apart from such
  // a write that a sign-in as somebody else would send under the wrong name.
  db.version(5)
    .stores({ outbox: 'key, status, nextAttemptAt, createdAt' })
    .upgrade(async (tx) => {
      await tx.table<CachedRecordRow>('records').filter((row) => row.userId === undefined).delete();
      const connection = await tx.table<ConnectionRow>('connection').get('current');
      await stampOrDrop(tx.table<OutboxRow>('outbox'), connection, (row, current) => row.createdAt >= current.connectedAt);
    });
  // v6: the last known free times and deal cards, for cache-first panels (issue 12).
  db.version(6).stores({ lastKnown: '[kind+key], savedAt' });
  // v7: chosen contact zones, decisions on suggestions and the model's last answer per deal carry
  // the user and org they belong to (issue 11). A decision from before is kept for the connection
  // of the moment only if that user made it (`by`) after connecting — the outbox's rule of v5;
  // any other can be one put back after a disconnect's wipe, and goes. A chosen zone has no time
  // or author to tell whose it is: dropped (the rep picks it again in one click; the address's
  // zone answers until then). The model's answer (records 'ModelAnswer') went with v5's sweep of
  // unstamped cached records, and is unstamped again only from builds before this one: dropped.
  db.version(7)
    .stores({ contactZones: '[module+id]', decisions: '[dealId+target], dealId' })
    .upgrade(async (tx) => {
      await tx.table<ContactZoneRow>('contactZones').filter((row) => row.userId === undefined).delete();
      await tx.table<CachedRecordRow>('records').filter((row) => row.userId === undefined).delete();
      const connection = await tx.table<ConnectionRow>('connection').get('current');
      await stampOrDrop(tx.table<DecisionRow>('decisions'), connection, (row, current) => row.by === current.user.id && row.at >= current.connectedAt);
    });
  return db;
}

/**
 * An upgrade's rule for rows from before they carried their account: a row the connection of the
 * moment made (`madeBy`) is stamped with it; any other is dropped (with nobody signed in, or older
 * than the connection, it cannot be told apart from one put back after a disconnect's wipe).
 */
async function stampOrDrop<T extends Partial<RowOwner>>(table: Dexie.Table<T>, connection: ConnectionRow | undefined, madeBy: (row: T, connection: ConnectionRow) => boolean): Promise<void> {
  const owner = ownerOf(connection);
  await table.toCollection().modify((row, ref) => {
    if (row.userId !== undefined) return;
    if (owner && connection && madeBy(row, connection)) Object.assign(row, owner);
    else delete (ref as { value?: T }).value;
  });
}

/**
 * Every table holding personal data or tokens, wiped on disconnect: everything but settings,
 * which are preferences (working hours, switches), not Zoho data.
 */
export async function wipePersonalData(db: StagecoachDb): Promise<void> {
  const tables = db.tables.filter((table) => table.name !== 'settings');
  await db.transaction('rw', tables, async () => {
    await Promise.all(tables.map((table) => table.clear()));
  });
}
