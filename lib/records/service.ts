// Records and notes as the background serves them: a record summary cache first (fresh copies
// answer at once, stale ones are shown marked when Zoho cannot be reached), and notes through
// the outbox.
import { StagecoachError } from '../errors';
import type { Handlers } from '../messaging/define';
import type { ServiceDeps } from '../service/context';
import { ownerOf, sameOwner, whileSignedIn } from '../storage/db';
import { recordFailure, recordSuccess } from '../sync/status';
import { notePayload } from '../zoho/payloads';
import { recordReadQuery } from '../zoho/recordReads';
import { recordDisplayName, recordResponse } from '../zoho/schemas';
import type { recordRequests } from './requests';
import type { Cached, RecordModule, RecordSummary } from './types';

/** A cached record stays fresh this long; after that it is revalidated before use. */
export const RECORD_FRESH_MS = 5 * 60_000;

/** The cached name of a record, for outbox summaries ("Note on Ann Carter"); its id when not cached. */
export async function recordName(db: ServiceDeps['db'], module: string, recordId: string): Promise<string> {
  const cached = await db.records.get([module, recordId]);
  return (cached?.value as { name?: string } | undefined)?.name ?? recordId;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : null);

/**
 * A record summary, cache first: a fresh cached copy answers at once; otherwise Zoho is asked,
 * and if Zoho cannot be reached the cached copy is returned marked stale. `cacheOnly` answers
 * from the cache alone (null if none), so a panel can show something before Zoho answers. The one
 * read of a record per page (lib/zoho/recordReads.ts): the scheduling service reads a person's
 * address through here too, so a page reads the record once.
 */
export async function readRecord(
  deps: Pick<ServiceDeps, 'db' | 'client' | 'now' | 'connection'>,
  { module, recordId, cacheOnly }: { module: RecordModule; recordId: string; cacheOnly?: boolean | undefined },
  { signal }: { signal?: AbortSignal | undefined } = {},
): Promise<Cached<RecordSummary> | null> {
  const { db, client } = deps;
  const owner = ownerOf(await db.connection.get('current'));
  const stored = await db.records.get([module, recordId]);
  // Another account's copy (only a race could leave one) is not this account's to see.
  const cached = stored && sameOwner(stored, owner) ? stored : undefined;
  const fromCache = (stale: boolean, error?: StagecoachError): Cached<RecordSummary> => ({
    value: cached!.value as RecordSummary,
    fetchedAt: cached!.fetchedAt,
    stale,
    ...(error ? { error: error.toJSON() } : {}),
  });
  if (cacheOnly) return cached ? fromCache(deps.now() - cached.fetchedAt > RECORD_FRESH_MS) : null;
  if (cached && deps.now() - cached.fetchedAt <= RECORD_FRESH_MS) return fromCache(false);

  await deps.connection();
  try {
    const answer = await client.request(`/${module}/${recordId}`, recordResponse, { query: recordReadQuery(module), signal });
    const record = answer?.data[0];
    if (!record) throw new StagecoachError('not_found');
    const person = module === 'Contacts' || module === 'Leads';
    const value: RecordSummary = {
      module,
      id: record.id,
      name: recordDisplayName(record),
      owner: record.Owner ? { id: record.Owner.id, name: record.Owner.name ?? null } : null,
      ...(module === 'Deals' ? { contact: record.Contact_Name ? { id: record.Contact_Name.id, name: record.Contact_Name.name ?? null } : null } : {}),
      ...(person
        ? {
            address: {
              country: text(record.Mailing_Country) ?? text(record.Country),
              state: text(record.Mailing_State) ?? text(record.State),
              city: text(record.Mailing_City) ?? text(record.City),
            },
          }
        : {}),
    };
    const fetchedAt = deps.now();
    const kept = await whileSignedIn(db, owner, [db.records, db.sync], async () => {
      await db.records.put({ module, id: record.id, value, fetchedAt, ...owner });
      await recordSuccess(db, 'records', fetchedAt);
    });
    if (!kept) throw new StagecoachError('not_connected');
    return { value, fetchedAt, stale: false };
  } catch (error) {
    // Abandoned by the page that asked: nothing failed.
    if (signal?.aborted) throw error;
    const failure = StagecoachError.from(error);
    if (!(await whileSignedIn(db, owner, [db.records, db.sync], () => recordFailure(db, 'records', failure, deps.now())))) throw failure;
    if (cached && failure.transient) return fromCache(true, failure);
    throw failure;
  }
}

export function createRecords(deps: ServiceDeps) {
  const { db } = deps;
  /** The panel's record: the summary without the address kept for the scheduling service. */
  async function getRecord(input: { module: RecordModule; recordId: string; cacheOnly?: boolean | undefined }, options: { signal?: AbortSignal | undefined } = {}) {
    const read = await readRecord(deps, input, options);
    if (!read) return null;
    const { address: _kept, ...value } = read.value;
    return { ...read, value };
  }

  const handlers: Handlers<typeof recordRequests> = {
    getRecord,
    async addNote({ module, recordId, content }) {
      await deps.connection();
      const name = await recordName(db, module, recordId);
      return deps.outbox.submit({ op: 'create', module: 'Notes', data: notePayload({ module, id: recordId }, content), summary: `Note on ${name}` });
    },
  };
  return { handlers };
}
