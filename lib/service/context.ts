// What every domain's background service is given, and the one context a request works with:
// the settings in effect and the connection, read once per request.
import { StagecoachError } from '../errors';
import type { Settings } from '../settings/schema';
import type { ConnectionRow, StagecoachDb } from '../storage/db';
import type { Outbox } from '../sync/outbox';
import type { ZohoClient } from '../zoho/client';

export interface ServiceDeps {
  db: StagecoachDb;
  client: ZohoClient;
  outbox: Outbox;
  now(): number;
  /** The settings in effect (the user's, with enterprise policy applied). */
  settings(): Promise<Settings>;
  /** The connection; rejects with not_connected or reconnect_needed when there is none to use. */
  connection(): Promise<ConnectionRow>;
}

export interface RequestContext {
  settings: Settings;
  connection: ConnectionRow;
}

/** The settings and connection one request works with, read once. */
export async function requestContext(deps: Pick<ServiceDeps, 'settings' | 'connection'>): Promise<RequestContext> {
  const [settings, connection] = await Promise.all([deps.settings(), deps.connection()]);
  return { settings, connection };
}

export function requireFeature(settings: Settings, feature: keyof Settings['features']): void {
  if (!settings.features[feature]) throw new StagecoachError('feature_disabled', { reason: 'feature_off', params: [feature] });
}

/** The user's time zone: the settings' choice, else their Zoho profile's, else UTC. */
export const userTimeZone = ({ settings, connection }: RequestContext): string => settings.timeZone ?? connection.user.timeZone ?? 'UTC';
