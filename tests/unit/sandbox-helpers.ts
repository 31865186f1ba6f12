// Shared by the Node tests that drive the background against the real sandbox over HTTP.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createHostPolicy } from '@/lib/auth/hosts';
import { createBackground } from '@/lib/background';
import { StagecoachError } from '@/lib/errors';
import { openDb, type StagecoachDb } from '@/lib/storage/db';
import { startSandbox } from '../../sandbox/server';
import { SEED } from '../../sandbox/seed';

export const REDIRECT_URI = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

/**
 * The usual set-up of a file of such tests: one sandbox for the file (a free port), reset before
 * each test, and a fresh IndexedDB per test named `<dbPrefix>-<n>` (import 'fake-indexeddb/auto' first).
 */
export function sandboxPerTest(dbPrefix: string) {
  let server: { url: string; close(): Promise<void> } | null = null;
  let db: StagecoachDb | null = null;
  let count = 0;
  const url = () => {
    if (!server) throw new Error('The sandbox starts in beforeAll.');
    return server.url;
  };
  const control = sandboxControl(url);
  beforeAll(async () => {
    server = await startSandbox({ port: 0 });
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(async () => {
    await control('POST', '/__sandbox/reset');
    db = openDb(`${dbPrefix}-${++count}`);
  });
  afterEach(() => db?.close());
  return {
    control,
    url,
    db: () => {
      if (!db) throw new Error('The database opens in beforeEach.');
      return db;
    },
  };
}

/** The sandbox's control API (JSON in, JSON out), for a sandbox at `origin()`. */
export function sandboxControl(origin: () => string) {
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(new URL(path, origin()), {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
  };
}

/** Zoho's consent page, answered as a person would: Accept (or Deny) as the given user. */
export function consent(decision: 'accept' | 'deny', userId: string = SEED.users.rep.id) {
  return async (url: string) => {
    const form = new URLSearchParams(new URL(url).searchParams);
    form.set('decision', decision);
    form.set('user_id', userId);
    const response = await fetch(new URL('/oauth/v2/auth/approve', url), { method: 'POST', body: form, redirect: 'manual' });
    const location = response.headers.get('location');
    if (!location) throw new Error(`No redirect from consent: HTTP ${response.status}`);
    return location;
  };
}

/**
 * A background wired to the sandbox at `origin` as the browser would wire it, with a session kept
 * in a variable; connect it with `handlers.connect` (consent answered as `userId`).
 */
export function sandboxBackground(options: {
  db: import('@/lib/storage/db').StagecoachDb;
  origin: string;
  userId?: string;
  hasOrigin?: (origin: string) => Promise<boolean>;
  now?: () => number;
  /** The background's fetch (default: Node's), e.g. one that records what is sent. */
  fetch?: typeof fetch;
  /** Read ahead at connect as the extension does (default off: most tests count calls right after connecting). */
  readAhead?: boolean;
}) {
  let session: import('@/lib/auth/tokens').AccessToken | null = null;
  return createBackground({
    db: options.db,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    hosts: createHostPolicy({ sandboxOrigin: options.origin }),
    buildClientId: '1000.STAGECOACHSANDBOX',
    readPolicy: async () => undefined,
    redirectUri: REDIRECT_URI,
    launchAuthFlow: consent('accept', options.userId),
    session: { load: async () => session, save: async (token) => void (session = token) },
    clearStorage: async () => void (session = null),
    statusChanged: async () => {},
    ...(options.hasOrigin ? { hasOrigin: options.hasOrigin } : {}),
    newKey: () => crypto.randomUUID(),
    now: options.now ?? (() => Date.now()),
    readAhead: options.readAhead ?? false,
  });
}

/** The error a promise is refused with, as the panel gets it; fails the test when it is not refused. */
export async function refusal(promise: Promise<unknown>): Promise<StagecoachError> {
  try {
    await promise;
  } catch (error) {
    return StagecoachError.from(error);
  }
  throw new Error('expected a refusal');
}
