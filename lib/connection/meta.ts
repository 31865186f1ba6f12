// The org's metadata as this connection has read it — the Deals fields, layouts and pipelines,
// business hours, holidays, out-of-office periods — kept with a freshness instead of read per view
// (issue 12). Rows live among the cached records (module `$meta`), stamped with the user and org
// that read them: a disconnect wipes them with every record, another account never sees them, and
// a stopped service worker finds them again. One read at a time per key: views opened together
// wait for the same answer.
import { ownerOf, sameOwner, type ConnectionRow, type StagecoachDb } from '../storage/db';

/** Metadata changes rarely: read once a day per connection. */
export const META_FRESH_MS = 24 * 60 * 60_000;
export const META_MODULE = '$meta';

export interface MetaCache {
  /**
   * The value under `key` for this connection's user and org: cached while fresh (`freshMs`,
   * default a day), else `load`ed and kept. `keep` says whether a loaded value is kept (a passing
   * failure stood in for by a fallback is not).
   */
  read<T>(connection: ConnectionRow, key: string, load: () => Promise<T>, options?: { freshMs?: number; keep?: (value: T) => boolean }): Promise<T>;
  /** Forgets `key` (all keys when absent) for every account. */
  forget(key?: string): Promise<void>;
}

/** Reads in flight per database, shared by every cache over it (the read-ahead at connect and the services' own). */
const inFlight = new WeakMap<StagecoachDb, Map<string, Promise<unknown>>>();

export function createMetaCache(deps: { db: StagecoachDb; now(): number }): MetaCache {
  const { db } = deps;
  const loading = inFlight.get(db) ?? new Map<string, Promise<unknown>>();
  inFlight.set(db, loading);

  return {
    async read<T>(connection: ConnectionRow, key: string, load: () => Promise<T>, options: { freshMs?: number; keep?: (value: T) => boolean } = {}) {
      const owner = ownerOf(connection)!;
      const row = await db.records.get([META_MODULE, key]);
      if (row && sameOwner(row, owner) && deps.now() - row.fetchedAt < (options.freshMs ?? META_FRESH_MS)) return row.value as T;
      const flight = `${owner.userId}/${owner.orgId}/${key}`;
      let pending = loading.get(flight) as Promise<T> | undefined;
      if (!pending) {
        pending = (async () => {
          const value = await load();
          if (options.keep?.(value) ?? true) {
            const fetchedAt = deps.now();
            // Kept only while the account that read it is still the one signed in.
            await db.transaction('rw', db.connection, db.records, async () => {
              if (sameOwner(owner, ownerOf(await db.connection.get('current')))) await db.records.put({ module: META_MODULE, id: key, value, fetchedAt, ...owner });
            });
          }
          return value;
        })().finally(() => loading.delete(flight));
        loading.set(flight, pending);
      }
      return pending;
    },
    async forget(key) {
      if (key === undefined) await db.records.where('[module+id]').between([META_MODULE, ''], [META_MODULE, '\uffff']).delete();
      else await db.records.delete([META_MODULE, key]);
    },
  };
}
