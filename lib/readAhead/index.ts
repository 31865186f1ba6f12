// Read-ahead at connect (issue 12): what every first page would otherwise wait for — the team
// settings (org variables), the Deals fields, layouts and pipeline, the org's
// business hours and this year's holidays, the users' out-of-office periods — read in the background right after a connection is
// saved, into the same caches the services read (team store, profile reader, metadata cache), so
// the first record page costs only its own reads. Nothing waits on it: connecting has already
// answered, a failure is the first page's to meet again, and a disconnect aborts what is still
// out (the client's connection scope) and keeps nothing (the caches write only for the account
// signed in). The reads asked together go as one composite call where Zoho allows it (fields,
// layouts); the variables, business hours, holidays and out-of-office periods cannot be
// sub-requests, so on a page each would be a call of its own.
// Not the user's profile: it is the approver's authority, read when a deal card or a decision needs
// it (kept a minute), so a manager demoted right after connecting is not approved on a read taken
// ahead of time (team-settings.spec).
import { createMetaCache } from '../connection/meta';
import { createOrgCalendar, yearsOfWindow } from '../scheduling/calendar';
import { readUnavailability } from '../scheduling/unavailability';
import { requestContext, userTimeZone, type ServiceDeps } from '../service/context';
import { createDealReader } from '../suggestions/reads';

export type ReadAheadDeps = Pick<ServiceDeps, 'db' | 'client' | 'now' | 'settings' | 'connection'>;

/** Reads what a first page needs; resolves when every read has settled (never rejects). */
export async function readAhead(deps: ReadAheadDeps): Promise<void> {
  const connection = await deps.connection().catch(() => null);
  if (!connection) return;
  const meta = createMetaCache({ db: deps.db, now: deps.now });
  const deals = createDealReader({ client: deps.client, now: deps.now, meta });
  const calendar = createOrgCalendar({ client: deps.client, now: deps.now, meta });
  await Promise.allSettled([
    // The pipeline of no deal in particular: what is kept is the org's pipeline metadata.
    deals.pipeline(null, connection),
    // Kept ten minutes, as the free times read it (lib/scheduling/unavailability.ts).
    readUnavailability({ client: deps.client, meta }, connection),
    // The settings (team variables) first: they say whose working hours and how many days ahead.
    requestContext(deps).then((ctx) => {
      const start = deps.now();
      const years = yearsOfWindow(start, start + ctx.settings.daysAhead * 86_400_000, userTimeZone(ctx));
      return calendar.read(ctx.connection, years, ctx.settings.workingHoursSource === 'zoho');
    }),
  ]);
}
