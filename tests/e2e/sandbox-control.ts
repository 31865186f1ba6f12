// The sandbox's control API, as the e2e tests use it.
import { SANDBOX_ORIGIN } from '../browser';

export interface SandboxLog {
  entries: { seq: number; method: string; path: string; status: number; grantType?: string; userId?: string; clientAborted?: true; subRequests?: string[] }[];
  counts: { authorizationCode: number; refresh: number; revoke: number; api: number; throttled: number; tooManyRequests: number };
  maxConcurrent: number;
  creditsUsed: number;
}

export interface SandboxState {
  refreshTokens: { userId: string; revoked: boolean; createdAt: string | number }[];
  activeAccessTokens: number;
}

export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(new URL(path, SANDBOX_ORIGIN), {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const sandbox = {
  origin: SANDBOX_ORIGIN,
  reset: () => call<unknown>('POST', '/__sandbox/reset'),
  config: (patch: Record<string, unknown>) => call<Record<string, unknown>>('POST', '/__sandbox/config', patch),
  fault: (fault: Record<string, unknown>) => call<unknown>('POST', '/__sandbox/faults', fault),
  expireTokens: () => call<unknown>('POST', '/__sandbox/expire-tokens'),
  log: () => call<SandboxLog>('GET', '/__sandbox/log'),
  clearLog: () => call<unknown>('DELETE', '/__sandbox/log'),
  state: () => call<SandboxState>('GET', '/__sandbox/state'),
  clearFaults: () => call<unknown>('DELETE', '/__sandbox/faults'),
  /** One stored record, as the sandbox keeps it. */
  record: (module: string, id: string) => call<Record<string, unknown>>('GET', `/__sandbox/records/${module}/${id}`),
  /** Creates a record as the API would, as `as` (a seeded user id) or the signed-in user. */
  createRecord: (module: string, body: Record<string, unknown>, as?: string) =>
    call<Record<string, unknown>>('POST', `/__sandbox/records/${module}${as ? `?as=${as}` : ''}`, body),
  /** The fake AI model: set its next answers (null: its default), or read what it received. */
  ai: (patch: { reply?: string | null; status?: number; key?: string }) => call<unknown>('POST', '/__sandbox/ai', patch),
  aiRequests: async () => (await call<{ requests: unknown[] }>('GET', '/__sandbox/ai/requests')).requests,
  /** Stored records of a module whose text contains `text` (e.g. a note's content). */
  recordsContaining: async (module: string, text: string) => {
    const answer = await call<{ count: number; records: Record<string, unknown>[] }>(
      'GET',
      `/__sandbox/records/${module}?contains=${encodeURIComponent(text)}`,
    );
    return answer.records;
  },
};

/** Waits until the sandbox has seen no new call for `quietMs` (the page has settled). */
export async function settle(quietMs: number, maxMs = 30_000): Promise<void> {
  const end = Date.now() + maxMs;
  let last = -1;
  let since = Date.now();
  while (Date.now() < end) {
    const log = await sandbox.log();
    const count = log.entries.length;
    if (count !== last) {
      last = count;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
