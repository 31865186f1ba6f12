// Encryption at rest for the refresh token, the AI key and an own OAuth client's secret: AES-GCM
// with a non-extractable WebCrypto key kept in the same IndexedDB. Script cannot export the key,
// and no secret reaches the disk in plain text; but the browser keeps the key's bytes in the
// profile, so a copy of the profile (or code running in this extension) still yields the secrets.
// README "Secrets at rest" says what this does and does not protect against.
import type { EncryptedValue, StagecoachDb } from '../storage/db';

// The name it has had since it guarded only the refresh token: renaming it would orphan stored values.
const KEY_NAME = 'refresh-token-key';

async function getKey(db: StagecoachDb): Promise<CryptoKey> {
  const existing = await db.secrets.get(KEY_NAME);
  if (existing) return existing.key;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  await db.secrets.put({ name: KEY_NAME, key });
  return key;
}

export async function encryptText(db: StagecoachDb, text: string): Promise<EncryptedValue> {
  const key = await getKey(db);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(text));
  return { iv, data };
}

/** Null when the key is gone or the value was tampered with (GCM authenticates it). */
export async function decryptText(db: StagecoachDb, value: EncryptedValue): Promise<string | null> {
  const existing = await db.secrets.get(KEY_NAME);
  if (!existing) return null;
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: value.iv }, existing.key, value.data);
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}
