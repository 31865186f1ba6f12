// An own OAuth client's secret at rest: kept out of the settings row (plain values) and stored
// encrypted beside the AI key (`providerKeys`, AES-GCM like the refresh token), so disconnect's
// wipe of every table but settings erases it with the account. The settings store reads and writes
// through this as if the secret were one of its values.
import type { SettingsRow as StoredRow } from '../settings/store';
import type { StoredSettingsRow } from '../settings/migrations';
import type { StagecoachDb } from '../storage/db';
import { decryptText, encryptText } from './crypto';

const SECRET_ID = 'oauthClientSecret';

type Oauth = { clientSecret?: unknown };

const oauthOf = (values: unknown): Oauth | null => {
  const oauth = (values as { oauth?: unknown } | null)?.oauth;
  return typeof oauth === 'object' && oauth !== null ? (oauth as Oauth) : null;
};

/** `values` with `oauth.clientSecret` set to `secret` (a copy; other values untouched). */
function withSecret<T>(values: T, secret: string | null): T {
  const oauth = oauthOf(values);
  return oauth ? { ...values, oauth: { ...oauth, clientSecret: secret } } : values;
}

/** The settings row's read and write for `createSettingsStore`, the client secret sealed. */
export function sealedSettingsRow(db: StagecoachDb) {
  /** Stores the secret encrypted (or deletes it) and the row without it. */
  async function write(row: StoredRow): Promise<void> {
    const secret = oauthOf(row.values)?.clientSecret;
    // Encrypted before the transaction: IndexedDB transactions end at a WebCrypto await.
    const sealed = typeof secret === 'string' && secret !== '' ? await encryptText(db, secret) : null;
    await db.transaction('rw', db.settings, db.providerKeys, async () => {
      if (sealed) await db.providerKeys.put({ id: SECRET_ID, value: sealed, origin: null });
      else await db.providerKeys.delete(SECRET_ID);
      await db.settings.put({ id: 'settings', version: row.version, values: withSecret(row.values, null) });
    });
  }

  /** The row with the secret decrypted into it; a secret an earlier version left in plain text is sealed first. */
  async function read(): Promise<StoredSettingsRow | null> {
    const row = await db.settings.get('settings');
    if (!row) return null;
    const plain = oauthOf(row.values)?.clientSecret;
    if (typeof plain === 'string' && plain !== '') {
      await write({ version: row.version, values: row.values as StoredRow['values'] });
      return { version: row.version, values: row.values };
    }
    const stored = await db.providerKeys.get(SECRET_ID);
    // Gone with the account (disconnect), or undecryptable (the key is gone): no secret.
    const secret = stored ? await decryptText(db, stored.value) : null;
    return { version: row.version, values: secret ? withSecret(row.values, secret) : row.values };
  }

  return { read, write };
}
