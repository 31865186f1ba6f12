// The team settings as the background knows them: read from the org's variables (one call lists
// them all), kept five minutes per connection, the last good answer kept in IndexedDB so a
// failed read (offline, an administrator mid-save, the scope not yet granted) keeps the last
// known values and says so. The panel's ask is stale-while-revalidate (issue 12): the kept copy
// at once, Zoho asked again behind it. Writing is an administrator's act from the options page: Zoho itself
// refuses anyone else.
import { z } from 'zod';
import { StagecoachError, type SerializedError } from '../errors';
import { ownerOf, sameOwner, whileSignedIn, type StagecoachDb } from '../storage/db';
import type { ZohoClient } from '../zoho/client';
import { createProfileReader } from './currentProfile';
import { decodeTeam, encodeTeam, TEAM_VARIABLE_GROUP, TEAM_VARIABLE_PREFIX, TEAM_VARIABLE_TYPE, teamVariableName, type PublishedTeam, type TeamSettings } from './team';

export const TEAM_FRESH_MS = 5 * 60_000;

/** What the background knows of the team settings. */
export type TeamState =
  /** Published in Zoho. `stale`: the last read failed (or found a half-written set); these are the last known. */
  | ({ kind: 'published'; readAt: number; stale: SerializedError | null } & PublishedTeam)
  /** Zoho has none: nobody published yet. */
  | { kind: 'none'; readAt: number }
  /** Never read successfully on this connection: the error of the last try. */
  | { kind: 'unavailable'; error: SerializedError }
  | { kind: 'disconnected' };

const variablesAnswer = z.object({ variables: z.array(z.object({ id: z.string(), api_name: z.string(), value: z.unknown().optional() }).passthrough()) });
const writeAnswer = z.object({ variables: z.array(z.object({ code: z.string(), status: z.string(), message: z.string().nullish(), details: z.unknown().optional() }).passthrough()) });

/** Where the last good answer is kept (cached records: wiped on disconnect, owned by the connection). */
export const TEAM_RECORD = { module: 'TeamSettings', id: 'current' } as const;

export interface TeamStoreConnection {
  user: { id: string; name: string };
  org: { id: string };
  connectedAt?: number;
}

export interface TeamStoreDeps {
  client: Pick<ZohoClient, 'request'>;
  now(): number;
  /** The usable connection, or null when there is none (nothing is read then). */
  connection(): Promise<TeamStoreConnection | null>;
  /** The last good answer per connection (userId/orgId in the key). */
  lastKnown: {
    get(key: string): Promise<PublishedTeam | 'none' | undefined>;
    put(key: string, value: PublishedTeam | 'none'): Promise<void>;
  };
  freshMs?: number;
}

export interface TeamStore {
  /**
   * The team settings, from memory while fresh, else from Zoho; never throws. `fresh` (the
   * settings pages' and the panel's ask) never waits on Zoho when a copy is kept: this
   * connection's, else the last good answer kept for this account (owner-checked) is answered at
   * once and, when older than the freshness, Zoho is asked in the background — the next request
   * sees its answer. Without `fresh` (the approver check, every service's settings) a copy older
   * than the freshness waits for Zoho as before.
   */
  current(options?: { fresh?: boolean; signal?: AbortSignal }): Promise<TeamState>;
  /** Writes the team settings to Zoho (creating the variables the first time) and reads them back. */
  publish(team: TeamSettings): Promise<TeamState>;
}

export function createTeamStore(deps: TeamStoreDeps): TeamStore {
  const freshMs = deps.freshMs ?? TEAM_FRESH_MS;
  // In memory per connection (a reconnect reads again); on disk per account (wiped on disconnect anyway).
  const memory = new Map<string, TeamState>();
  const memoryKey = (connection: TeamStoreConnection) => `${connection.org.id}/${connection.user.id}/${connection.connectedAt ?? ''}`;
  const keyOf = (connection: TeamStoreConnection) => `${connection.org.id}/${connection.user.id}`;

  async function readVariables(signal?: AbortSignal) {
    const answer = await deps.client.request('/settings/variables', variablesAnswer, { query: { group: TEAM_VARIABLE_GROUP }, ...(signal ? { signal } : {}) });
    return answer?.variables ?? [];
  }

  async function read(connection: TeamStoreConnection, signal?: AbortSignal): Promise<TeamState> {
    const key = keyOf(connection);
    const before = memory.get(memoryKey(connection)) ?? (await fromDisk(key));
    let state: TeamState;
    try {
      const decoded = decodeTeam(await readVariables(signal));
      if (decoded.kind === 'unreadable') throw new StagecoachError('bad_response', { detail: `team settings ${decoded.reason}` });
      const readAt = deps.now();
      state = decoded.kind === 'none' ? { kind: 'none', readAt } : { kind: 'published', readAt, stale: null, ...decoded.published };
      await deps.lastKnown.put(key, decoded.kind === 'none' ? 'none' : decoded.published).catch(() => undefined);
    } catch (error) {
      if (signal?.aborted) throw error;
      const failure = StagecoachError.from(error).toJSON();
      // The last known values stay in use, marked stale; they are tried again at the next request.
      state = before?.kind === 'published' ? { ...before, stale: failure, readAt: 0 } : before?.kind === 'none' ? { kind: 'none', readAt: 0 } : { kind: 'unavailable', error: failure };
    }
    memory.set(memoryKey(connection), state);
    return state;
  }

  async function fromDisk(key: string): Promise<TeamState | undefined> {
    const known = await deps.lastKnown.get(key).catch(() => undefined);
    if (known === undefined) return undefined;
    return known === 'none' ? { kind: 'none', readAt: 0 } : { kind: 'published', readAt: 0, stale: null, ...known };
  }

  const fresh = (state: TeamState | undefined) => (state?.kind === 'published' || state?.kind === 'none') && state.readAt > 0 && deps.now() - state.readAt < freshMs;

  /** Connections whose settings are being asked again in the background (one read at a time). */
  const revalidating = new Set<string>();
  function revalidate(connection: TeamStoreConnection): void {
    const key = memoryKey(connection);
    if (revalidating.has(key)) return;
    revalidating.add(key);
    void read(connection)
      .catch(() => undefined)
      .finally(() => revalidating.delete(key));
  }
  const usable = (state: TeamState | undefined) => (state?.kind === 'published' || state?.kind === 'none' ? state : undefined);

  return {
    async current(options = {}) {
      const connection = await deps.connection();
      if (!connection) return { kind: 'disconnected' };
      const known = memory.get(memoryKey(connection));
      if (known && fresh(known)) return known;
      if (options.fresh) {
        const kept = usable(known) ?? usable(await fromDisk(keyOf(connection)));
        if (kept) {
          revalidate(connection);
          return kept;
        }
      }
      return read(connection, options.signal);
    },

    async publish(team) {
      const connection = await deps.connection();
      if (!connection) throw new StagecoachError('not_connected');
      const parts = encodeTeam(team, connection.user.name, new Date(deps.now()).toISOString());
      const existing = new Map((await readVariables()).filter((v) => v.api_name.startsWith(TEAM_VARIABLE_PREFIX)).map((v) => [v.api_name, v]));
      const created: object[] = [];
      const updated: object[] = [];
      parts.forEach((value, index) => {
        const name = teamVariableName(index);
        const found = existing.get(name);
        if (found) updated.push({ id: found.id, value });
        else created.push({ name, api_name: name, type: TEAM_VARIABLE_TYPE, variable_group: { api_name: TEAM_VARIABLE_GROUP }, value, description: 'Stagecoach team settings (written by the extension’s options page)' });
      });
      // Parts left over from a longer version are emptied: the reader stops at the first empty one.
      for (const [name, variable] of existing) {
        if (!parts.some((_, index) => teamVariableName(index) === name) && variable.value) updated.push({ id: variable.id, value: '' });
      }
      // New parts first, then the ones already there: a reader between the two calls sees a set
      // that does not parse and keeps the last known values.
      if (created.length) checkWrite(await deps.client.request('/settings/variables', writeAnswer, { method: 'POST', body: { variables: created }, acceptStatuses: [400] }));
      if (updated.length) checkWrite(await deps.client.request('/settings/variables', writeAnswer, { method: 'PUT', body: { variables: updated }, acceptStatuses: [400] }));
      return read(connection);
    },
  };
}

/** Zoho's refusal of an entry, in Zoho's words. */
function checkWrite(answer: z.infer<typeof writeAnswer> | null): void {
  const refused = answer?.variables.find((entry) => entry.status !== 'success');
  if (refused) throw new StagecoachError('zoho_error', { zoho: refused.message ?? refused.code, action: 'none' });
}

/**
 * The team settings and the fresh profile over the background's database and Zoho client: the
 * last good answer among the cached records (owned by the connection, wiped on disconnect).
 */
export function createTeamSources(deps: { db: StagecoachDb; client: Pick<ZohoClient, 'request'>; now(): number }) {
  const { db, client, now } = deps;
  const connection = async () => {
    const row = await db.connection.get('current');
    return row?.state === 'connected' ? row : null;
  };
  const team = createTeamStore({
    client,
    now,
    connection,
    lastKnown: {
      // The key names the account that asked (`org/user`); a row is used and written only while
      // that account is the one signed in (an answer arriving after a disconnect is dropped).
      get: async (key) => {
        const row = await db.records.get([TEAM_RECORD.module, key]);
        return row && sameOwner(row, ownerOf(await connection())) ? (row.value as PublishedTeam | 'none') : undefined;
      },
      put: async (key, value) => {
        const [orgId = '', userId = ''] = key.split('/');
        const owner = { orgId, userId };
        await whileSignedIn(db, owner, [db.records], () => db.records.put({ module: TEAM_RECORD.module, id: key, value, fetchedAt: now(), ...owner }));
      },
    },
  });
  return { team, profiles: createProfileReader({ client, now }), connection };
}
