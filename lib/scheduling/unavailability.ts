// The users' out-of-office periods (GET /settings/users_unavailability), as the free times read
// them: kept ten minutes per connection in the metadata cache. One function for the scheduling
// service and the read-ahead at connect, so the first record page finds them read (issue 12: Zoho
// lets no composite call carry this read, so on a page it would always be a call of its own).
import { z } from 'zod';
import type { MetaCache } from '../connection/meta';
import type { ConnectionRow } from '../storage/db';
import type { ZohoClient } from '../zoho/client';

export const unavailabilityList = z.object({
  users_unavailability: z.array(
    z.object({ id: z.string().nullish(), from: z.string(), to: z.string(), user: z.object({ id: z.string() }).passthrough().nullish() }).passthrough(),
  ),
});
export type UnavailabilityList = z.infer<typeof unavailabilityList>;

/** Out-of-office periods change rarely: read at most every ten minutes. */
export const UNAVAILABILITY_FRESH_MS = 10 * 60_000;
export const UNAVAILABILITY_KEY = 'users_unavailability';

/** The org's out-of-office list for this connection: the kept copy while fresh, else Zoho's answer (kept). Rejects as the read does. */
export function readUnavailability(deps: { client: Pick<ZohoClient, 'request'>; meta: MetaCache }, connection: ConnectionRow): Promise<UnavailabilityList | null> {
  return deps.meta.read(connection, UNAVAILABILITY_KEY, () => deps.client.request('/settings/users_unavailability', unavailabilityList), { freshMs: UNAVAILABILITY_FRESH_MS });
}
