// Every write to Zoho goes through here: stored in IndexedDB before it is sent, sent with an
// idempotency marker in the record, retried with backoff on transient failures, processed at
// start-up and on an alarm, so a killed service worker or a browser restart loses nothing. A
// create whose outcome is unknown is looked up by its marker before it is sent again, so a retry
// never makes a second record. Zoho's refusals stay visible until retried or discarded.
import { StagecoachError } from '../errors';
import type { OutboxItem } from './types';
import { sameOwner, type OutboxRow, type RowOwner, type StagecoachDb } from '../storage/db';
import type { ZohoClient } from '../zoho/client';
import { findMarked, markerCandidates, markerLookup, moreCandidates, withMarker, writeOutcome, writeResponse, WRITE_STATUSES, type WriteModule } from '../zoho/writes';

export interface OutboxInput {
  op: OutboxRow['op'];
  module: WriteModule;
  recordId?: string;
  data?: Record<string, unknown>;
  summary: string;
  /** Send only after this item is done; never if it fails or is discarded. */
  after?: string;
}

export interface OutboxDeps {
  db: StagecoachDb;
  client: ZohoClient;
  now(): number;
  random?: () => number;
  /** A new idempotency key: lowercase letters, digits and dashes (crypto.randomUUID()). */
  newKey(): string;
  /** False while there is no usable connection: items wait rather than fail. */
  connected(): Promise<boolean>;
  /**
   * Who is signed in (usable or not), null when nobody is. Items are stamped with it and sent
   * only while the same user and org are signed in.
   */
  owner(): Promise<RowOwner | null>;
  onChange?: () => void;
  /** Asks to be drained again at this time (a timer while the worker lives; the alarm is the backstop). */
  wakeAt?: (at: number) => void;
}

const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 30 * 60_000;
/** Done items are kept this long for the popup's "sent" list, then pruned. */
const KEEP_DONE_MS = 24 * 60 * 60_000;
/**
 * How long after a create its look-up for a twin runs. Off the write's path (an approval is its
 * update and its note, two calls, not three), and late enough for a request the browser resent
 * to have landed: the look-up right after the answer could miss a twin still being made.
 */
export const TWIN_CHECK_DELAY_MS = 3_000;

export function createOutbox(deps: OutboxDeps) {
  const { db, client, now } = deps;
  const random = deps.random ?? Math.random;
  const busy = new Set<string>();
  let draining: Promise<void> | null = null;

  const changed = () => deps.onChange?.();

  async function enqueue(input: OutboxInput): Promise<OutboxRow> {
    const at = now();
    const key = deps.newKey();
    // Who and the add in one transaction: a disconnect's wipe comes wholly before or after it.
    const row = await db.transaction('rw', db.outbox, db.connection, async () => {
      const owner = await deps.owner();
      if (!owner) throw new StagecoachError('not_connected');
      // A change of a record waits for the earlier changes of it still on their way: sent out of
      // order, an older move of a meeting that lands late puts the meeting back.
      const earlier = input.op !== 'create' && input.recordId && !input.after ? await waitingFor(input.module, input.recordId) : undefined;
      const made = newRow(earlier ? { ...input, after: earlier } : input, key, at, owner);
      await db.outbox.add(made);
      return made;
    });
    changed();
    return row;
  }

  /** The newest item still waiting to change this record, if any. */
  async function waitingFor(module: string, recordId: string): Promise<string | undefined> {
    const rows = await db.outbox.where('status').anyOf('pending', 'sending').filter((row) => row.module === module && row.recordId === recordId).sortBy('createdAt');
    return rows[rows.length - 1]?.key;
  }

  function newRow(input: OutboxInput, key: string, at: number, owner: RowOwner): OutboxRow {
    return {
      key,
      userId: owner.userId,
      orgId: owner.orgId,
      op: input.op,
      module: input.module,
      recordId: input.recordId ?? null,
      data: input.op === 'create' && input.data ? withMarker(input.module, input.data, key) : (input.data ?? null),
      summary: input.summary,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      createdAt: at,
      updatedAt: at,
      lastError: null,
      resultId: null,
      ...(input.after ? { after: input.after } : {}),
    };
  }

  /**
   * Every record this create made (normally none: not landed, or one), looked up by the marker
   * written into it. Pages are read until the candidates run out; after the first hit one more
   * page, as a resent request's twin is created moments later. Past the look-up's page cap with
   * nothing found, nobody can tell whether the create landed: the item stops for the person to
   * check in Zoho (retry or discard) rather than risk a second record.
   */
  async function findCreated(row: OutboxRow): Promise<string[]> {
    const lookup = markerLookup(row.module, row.data, row.createdAt);
    const found: string[] = [];
    for (let n = 1; n <= lookup.maxPages; n++) {
      const { path, init } = lookup.page(n);
      const candidates = await client.request(path, markerCandidates, init);
      const hadHit = found.length > 0;
      found.push(...findMarked(row.module, row.key, row.userId, candidates).filter((id) => !found.includes(id)));
      if (!moreCandidates(candidates) || hadHit) return found;
    }
    if (found.length > 0) return found;
    throw new StagecoachError('conflict', { reason: 'marker_lookup_exhausted' });
  }

  /**
   * Make sure a create exists once. A browser resends a request by itself when a kept-alive
   * connection dies before the answer (Chromium does, even for POST), so a dropped connection can
   * leave two records though we sent one. The extra ones are deleted: with Zoho's answer (`id`),
   * every other record with the marker, even when that one is gone (cancelled before the look-up).
   */
  async function keepOne(row: OutboxRow, id: string | null, found: string[]): Promise<string | null> {
    const keep = id ?? [...found].sort()[0] ?? null;
    for (const extra of found.filter((other) => other !== keep)) {
      await client.request(`/${row.module}/${extra}`, writeResponse, { method: 'DELETE', acceptStatuses: WRITE_STATUSES }).catch((error: unknown) => {
        // The twin is still there: the item waits, and its next try (which never sends) deletes it.
        if (passing(StagecoachError.from(error))) throw error;
        return null;
      });
    }
    return keep;
  }

  async function write(row: OutboxRow) {
    const path = row.op === 'create' ? `/${row.module}` : `/${row.module}/${row.recordId}`;
    const method = row.op === 'create' ? 'POST' : row.op === 'update' ? 'PUT' : 'DELETE';
    const body = row.op === 'delete' ? undefined : { data: [row.data ?? {}] };
    const answer = await client.request(path, writeResponse, { method, body, acceptStatuses: WRITE_STATUSES });
    return { ...writeOutcome(answer?.data[0]), code: answer?.data[0]?.code };
  }

  /**
   * Records how an item went, only if it is still there: one discarded, or wiped by a disconnect,
   * while its call was out is never made again (undefined then). update() never creates a row.
   */
  async function settle(row: OutboxRow, patch: Partial<OutboxRow>): Promise<OutboxRow | undefined> {
    const next = { ...row, ...patch, updatedAt: now() };
    const { key, ...changes } = next;
    const kept = (await db.outbox.update(key, changes)) > 0;
    changed();
    return kept ? next : undefined;
  }

  /** Whether the item this one waits for allows it to go: 'wait' while that one is still on its way. */
  async function dependency(row: OutboxRow): Promise<'go' | 'wait' | 'failed'> {
    if (!row.after) return 'go';
    const before = await db.outbox.get(row.after);
    // Gone: done and pruned long ago (discarding an item discards what waits for it).
    if (!before || before.status === 'done') return 'go';
    return before.status === 'failed' ? 'failed' : 'wait';
  }

  /** When a done create's look-up for a twin is due: a moment from now, with a wake-up asked for. */
  function twinCheckDue(): number {
    const at = now() + TWIN_CHECK_DELAY_MS;
    deps.wakeAt?.(at);
    return at;
  }

  /**
   * The look-up for a twin of a done create, run by drain() once due (persisted, so a stopped
   * worker runs it on its next start). A fault of its own tries again with backoff; the item stays
   * done throughout and is never sent again.
   */
  async function checkTwins(row: OutboxRow): Promise<OutboxRow | undefined> {
    try {
      const resultId = await keepOne(row, row.resultId, await findCreated(row));
      return settle(row, { resultId, twinCheckAt: undefined, twinChecks: undefined });
    } catch (error) {
      const tries = (row.twinChecks ?? 0) + 1;
      if (passing(StagecoachError.from(error))) return settle(row, { twinChecks: tries, twinCheckAt: retryAt(tries) });
      // Refused, or past the look-up's page cap: nothing more to learn; Zoho's answer named one record.
      return settle(row, { twinCheckAt: undefined, twinChecks: undefined });
    }
  }

  async function process(row: OutboxRow): Promise<OutboxRow | undefined> {
    const gate = await dependency(row);
    if (gate === 'wait') return row;
    if (gate === 'failed') {
      return settle(row, { status: 'failed', lastError: new StagecoachError('zoho_error', { reason: 'parent_refused' }).toJSON() });
    }
    try {
      // After a look-up that could not finish, the person checked Zoho and chose to retry: send.
      if (row.op === 'create' && row.attempts > 0 && row.lastError?.reason !== 'marker_lookup_exhausted') {
        const existing = await findCreated(row);
        if (existing.length > 0) return settle(row, { status: 'done', resultId: await keepOne(row, row.resultId, existing), lastError: null });
        // Zoho answered with its id before (an item left by a build that looked for a twin before
        // calling it done): it is there, and the look-up just made was that check. Done.
        if (row.resultId) return settle(row, { status: 'done', lastError: null });
      }
      // Recorded before sending: if the worker dies mid-call, the next run knows to look first.
      const sending = await settle(row, { status: 'sending', attempts: row.attempts + 1 });
      if (!sending) return undefined;
      row = sending;
      const outcome = await write(row);
      if (outcome.ok) {
        if (row.op !== 'create') return settle(row, { status: 'done', resultId: outcome.id ?? row.recordId, lastError: null });
        // Done with Zoho's id: what waits for it goes now. The look-up for a twin comes later.
        return settle(row, { status: 'done', resultId: outcome.id, lastError: null, twinCheckAt: twinCheckDue(), twinChecks: 0 });
      }
      // Refused as a duplicate: maybe of itself, when the browser resent a create that had landed
      // (a dropped kept-alive connection) and a unique field refused the twin. Ours is there: done.
      if (row.op === 'create' && outcome.code === 'DUPLICATE_DATA') {
        const landed = await findCreated(row).catch(() => []);
        if (landed.length > 0) return settle(row, { status: 'done', resultId: await keepOne(row, null, landed), lastError: null });
      }
      // A delete retried after an unknown outcome finds the record gone: the first try worked. So
      // does one the browser resent by itself on a dropped connection (Zoho: the id is invalid).
      if (row.op === 'delete' && (row.attempts > 1 || outcome.code === 'INVALID_DATA')) return settle(row, { status: 'done', lastError: null });
      return settle(row, { status: 'failed', lastError: outcome.error.toJSON() });
    } catch (error) {
      const failure = StagecoachError.from(error);
      // Unknown outcome or no connection: try again later; a create will be looked up first.
      if (passing(failure)) {
        return settle(row, { status: 'pending', nextAttemptAt: retryAt(row.attempts), lastError: failure.toJSON() });
      }
      return settle(row, { status: 'failed', lastError: failure.toJSON() });
    }
  }

  /** A failure that may pass (the network, Zoho's load, no connection just now): try again later. */
  function passing(failure: StagecoachError): boolean {
    return failure.transient || ['bad_response', 'reconnect_needed', 'not_connected'].includes(failure.code);
  }

  /** When to try an item again after `attempts` tries (backoff with jitter); asks to be woken then. */
  function retryAt(attempts: number): number {
    const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
    const at = now() + delay / 2 + random() * (delay / 2);
    deps.wakeAt?.(at);
    return at;
  }

  /** Sends one item now if nobody else is sending it. */
  async function sendNow(key: string): Promise<OutboxRow | undefined> {
    const row = await db.outbox.get(key);
    const checkDue = row?.status === 'done' && row.twinCheckAt !== undefined;
    if (!row || (row.status === 'done' && !checkDue) || row.status === 'failed' || busy.has(key)) return row;
    // Claimed before any await: a drain and a caller that enqueued it must not both send it.
    busy.add(key);
    try {
      if (!(await deps.connected())) return row;
      // Made by another account (left by a sign-in that raced a disconnect): never sent as this one.
      if (!sameOwner(row, await deps.owner())) return row;
      return await (checkDue ? checkTwins(row) : process(row));
    } finally {
      busy.delete(key);
    }
  }

  /** Everything due, oldest first. One drain at a time; never rejects. Call it at start-up, on the alarm, after enqueue. */
  function drain(): Promise<void> {
    draining ??= (async () => {
      try {
        await db.outbox.where('status').equals('done').and((row) => row.twinCheckAt === undefined && row.updatedAt < now() - KEEP_DONE_MS).delete();
        const due = await db.outbox
          .where('status')
          .anyOf('pending', 'sending')
          .and((row) => row.nextAttemptAt <= now())
          .sortBy('createdAt');
        for (const row of due) await sendNow(row.key);
        // Then the look-ups for twins that are due: nobody waits on them.
        const checks = () => db.outbox.where('status').equals('done').and((row) => row.twinCheckAt !== undefined);
        for (const row of await checks().and((row) => row.twinCheckAt! <= now()).sortBy('createdAt')) await sendNow(row.key);
        // Not due yet: wake up when the first one is, rather than waiting for the alarm.
        const waiting = await db.outbox.where('status').anyOf('pending', 'sending').toArray();
        const times = [...waiting.map((row) => row.nextAttemptAt), ...(await checks().toArray()).map((row) => row.twinCheckAt!)].filter((at) => at > now());
        if (times.length > 0) deps.wakeAt?.(Math.min(...times));
      } catch (error) {
        // Runs from timers and alarms with nobody to answer: the items stay stored for the next run.
        console.warn('Stagecoach outbox: drain failed', error);
      } finally {
        draining = null;
      }
    })();
    return draining;
  }

  /**
   * Stores a write — and any that go with it, before sending any, so a dead network keeps the
   * whole change and not half of it — sends it now, then the others in order, and answers what
   * the UI shows of the first.
   */
  async function submit(input: OutboxInput, ...alongside: OutboxInput[]): Promise<OutboxItem> {
    const row = await enqueue(input);
    const extras: OutboxRow[] = [];
    // What goes with a write waits for it: a meeting Zoho refused sends no note or task of its own.
    for (const extra of alongside) extras.push(await enqueue({ ...extra, after: extra.after ?? row.key }));
    const sent = await sendNow(row.key);
    // Gone while it was out: the person disconnected (or discarded it) meanwhile.
    if (!sent) throw new StagecoachError('not_connected');
    for (const extra of extras) await sendNow(extra.key);
    return toOutboxItem(sent);
  }

  return {
    enqueue,
    submit,
    sendNow,
    drain,
    list: () => db.outbox.orderBy('createdAt').reverse().toArray(),
    async retry(key: string) {
      const row = await db.outbox.get(key);
      if (!row) return row;
      // A done create's look-up for a twin, due or waiting on its backoff, runs now.
      if (row.status === 'done') return row.twinCheckAt === undefined ? row : sendNow(key);
      await settle(row, { status: 'pending', nextAttemptAt: now() });
      // What waited for it and gave up when it was refused goes again with it.
      for (const waiting of await db.outbox.filter((other) => other.after === key && other.status === 'failed').toArray()) {
        await settle(waiting, { status: 'pending', nextAttemptAt: now() });
      }
      return sendNow(key);
    },
    async discard(key: string) {
      const waiting = await db.outbox.filter((row) => row.after === key).primaryKeys();
      await db.outbox.bulkDelete([key, ...waiting]);
      changed();
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;

/** What the UIs see of an outbox item: no record data, just what it is and how it went. */
export function toOutboxItem(row: OutboxRow): OutboxItem {
  const { key, op, module, summary, status, attempts, createdAt, updatedAt, lastError, resultId, twinCheckAt } = row;
  return { key, op, module, summary, status, attempts, createdAt, updatedAt, lastError, resultId, ...(twinCheckAt !== undefined ? { twinCheckAt } : {}) };
}
