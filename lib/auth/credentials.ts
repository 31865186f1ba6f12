// Which Zoho API client to use: enterprise policy first, then the build's default.
// (The options page override arrives with the settings schema.)
import { z } from 'zod';
import type { ClientCredentials } from './oauth';

const managedClient = z.object({ clientId: z.string().min(1).optional(), clientSecret: z.string().min(1).optional() });

export async function loadCredentials(sources: {
  buildClientId: string | null;
  managed: () => Promise<unknown>;
}): Promise<ClientCredentials | null> {
  // storage.managed rejects where no policy schema or policy exists: that just means "no policy".
  const managed = managedClient.safeParse(await sources.managed().catch(() => ({})));
  const policy = managed.success ? managed.data : {};
  const clientId = policy.clientId ?? sources.buildClientId;
  if (!clientId) return null;
  return { clientId, clientSecret: policy.clientSecret ?? null };
}
