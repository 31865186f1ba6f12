// The signed-in user's profile and role as Zoho says them now, not as they were at connect: who
// may approve and who may publish team settings rest on this. Read with
// GET /users?type=CurrentUser (reference/zoho-api.md §3), kept a minute in memory per connection,
// so a demotion in Zoho takes effect within that minute. Its own module, apart from the cached
// identity the rest of the background uses.
import { z } from 'zod';
import { StagecoachError } from '../errors';
import type { ZohoClient } from '../zoho/client';

export const PROFILE_FRESH_MS = 60_000;

/** The profile that may write org variables, hence team settings (sandbox/variables.ts). UNCONFIRMED: a custom profile with "Manage variables" may too. */
export const ADMIN_PROFILE = 'Administrator';

export interface CurrentProfile {
  userId: string;
  profile: string | null;
  role: string | null;
  /** When Zoho said so (epoch ms). */
  readAt: number;
}

const currentUserAnswer = z.object({
  users: z
    .array(
      z
        .object({
          id: z.string(),
          profile: z.object({ name: z.string().nullish() }).passthrough().nullish(),
          role: z.object({ name: z.string().nullish() }).passthrough().nullish(),
        })
        .passthrough(),
    )
    .min(1),
});

export interface ProfileReaderDeps {
  client: Pick<ZohoClient, 'request'>;
  now(): number;
  freshMs?: number;
}

export interface ProfileReader {
  /** The profile of the connection's user; each connection (user, org, when it was made) has its own minute. */
  current(connection: { user: { id: string }; org: { id: string }; connectedAt?: number }, signal?: AbortSignal): Promise<CurrentProfile>;
  /** Forgets every cached answer (disconnect). */
  clear(): void;
}

export function createProfileReader(deps: ProfileReaderDeps): ProfileReader {
  const freshMs = deps.freshMs ?? PROFILE_FRESH_MS;
  const cache = new Map<string, CurrentProfile>();
  const inFlight = new Map<string, Promise<CurrentProfile>>();
  return {
    async current(connection, signal) {
      const key = `${connection.org.id}/${connection.user.id}/${connection.connectedAt ?? ''}`;
      const known = cache.get(key);
      if (known && deps.now() - known.readAt < freshMs) return known;
      const pending =
        inFlight.get(key) ??
        (async () => {
          const answer = await deps.client.request('/users', currentUserAnswer, { query: { type: 'CurrentUser' }, ...(signal ? { signal } : {}) });
          const user = answer?.users[0];
          // Another account's answer (a token swapped under us) says nothing about this connection.
          if (!user || user.id !== connection.user.id) throw new StagecoachError('reconnect_needed');
          const read: CurrentProfile = { userId: user.id, profile: user.profile?.name ?? null, role: user.role?.name ?? null, readAt: deps.now() };
          cache.set(key, read);
          return read;
        })().finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
      return pending;
    },
    clear() {
      cache.clear();
    },
  };
}
