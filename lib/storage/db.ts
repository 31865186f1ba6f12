// The extension's IndexedDB (background and extension pages only: in a content script IndexedDB
// would belong to the Zoho page's origin). Versioned with dexie; later versions add tables.
import Dexie, { type EntityTable } from 'dexie';
import type { DataCentreId } from '../zoho/dataCentres';

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
}

export interface SecretKeyRow {
  name: string;
  key: CryptoKey;
}

export interface CachedRecordRow {
  module: string;
  id: string;
  value: unknown;
  fetchedAt: number;
}

export type StagecoachDb = Dexie & {
  secrets: EntityTable<SecretKeyRow, 'name'>;
  connection: EntityTable<ConnectionRow, 'id'>;
  records: Dexie.Table<CachedRecordRow, [string, string]>;
};

export function openDb(name = 'stagecoach'): StagecoachDb {
  const db = new Dexie(name) as StagecoachDb;
  db.version(1).stores({
    secrets: 'name',
    connection: 'id',
    records: '[module+id], fetchedAt',
  });
  return db;
}

/** Every table holding personal data: wiped on disconnect. */
export async function wipePersonalData(db: StagecoachDb): Promise<void> {
  await db.transaction('rw', [db.secrets, db.connection, db.records], async () => {
    await Promise.all([db.secrets.clear(), db.connection.clear(), db.records.clear()]);
  });
}
