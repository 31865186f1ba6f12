// The last known answer for a panel's slow reads (a contact's free times, a deal's card), kept per
// account so the next visit shows it at once while Zoho is asked again. Only a cache: stamped
// with the user and org it was read for, never shown to another, wiped with the account.
import { ownerOf, sameOwner, whileSignedIn, type LastKnownRow, type RowOwner, type StagecoachDb } from './db';

export type LastKnownKind = LastKnownRow['kind'];

export interface LastKnown<T> {
  value: T;
  savedAt: number;
}

export function createLastKnownStore(db: StagecoachDb, now: () => number) {
  return {
    /** Who is signed in now: read when a request starts, so its answer is kept for that account only. */
    owner: async (): Promise<RowOwner | null> => ownerOf(await db.connection.get('current')),

    /** Keeps `value` if `owner` is still the one signed in (an answer that outlived its connection is dropped). */
    async remember(kind: LastKnownKind, key: string, owner: RowOwner | null, value: unknown): Promise<void> {
      if (owner) await whileSignedIn(db, owner, [db.lastKnown], () => db.lastKnown.put({ kind, key, value, savedAt: now(), ...owner }));
    },

    /** The kept answer for this account, if there is one younger than `maxAgeMs`. */
    async recall<T>(kind: LastKnownKind, key: string, maxAgeMs: number): Promise<LastKnown<T> | null> {
      const [row, owner] = await Promise.all([db.lastKnown.get([kind, key]), db.connection.get('current').then(ownerOf)]);
      if (!row || !sameOwner(row, owner) || now() - row.savedAt > maxAgeMs) return null;
      return { value: row.value as T, savedAt: row.savedAt };
    },
  };
}

export type LastKnownStore = ReturnType<typeof createLastKnownStore>;
