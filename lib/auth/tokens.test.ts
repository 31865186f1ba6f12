import { describe, expect, it } from 'vitest';
import { StagecoachError } from '../errors';
import { REFRESH_MARGIN_MS, TokenManager, type AccessToken } from './tokens';

function setup(options: { stored?: AccessToken | null; refresh?: () => Promise<AccessToken> } = {}) {
  let clock = 1_000_000;
  let saved: AccessToken | null = options.stored ?? null;
  let refreshes = 0;
  let reconnects = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const manager = new TokenManager({
    loadAccess: async () => saved,
    saveAccess: async (token) => {
      saved = token;
    },
    refresh:
      options.refresh ??
      (async () => {
        refreshes += 1;
        await gate;
        return { accessToken: `fresh-${refreshes}`, apiDomain: 'https://www.zohoapis.com', expiresAt: clock + 3_600_000 };
      }),
    onReconnectNeeded: async () => {
      reconnects += 1;
    },
    now: () => clock,
  });
  return {
    manager,
    release,
    get refreshes() {
      return refreshes;
    },
    get reconnects() {
      return reconnects;
    },
    get saved() {
      return saved;
    },
    advance: (ms: number) => (clock += ms),
    clock: () => clock,
  };
}

const token = (accessToken: string, expiresAt: number): AccessToken => ({ accessToken, apiDomain: 'https://www.zohoapis.com', expiresAt });

describe('TokenManager', () => {
  it('reuses a stored token that is not near expiry', async () => {
    const t = setup({ stored: token('stored', 1_000_000 + 3_600_000) });
    expect((await t.manager.get()).accessToken).toBe('stored');
    expect(t.refreshes).toBe(0);
  });

  it('refreshes proactively inside the margin before expiry', async () => {
    const t = setup({ stored: token('old', 1_000_000 + REFRESH_MARGIN_MS - 1) });
    const pending = t.manager.get();
    t.release();
    expect((await pending).accessToken).toBe('fresh-1');
    expect(t.saved?.accessToken).toBe('fresh-1');
  });

  it('any number of concurrent callers share one refresh', async () => {
    const t = setup();
    const callers = Array.from({ length: 25 }, () => t.manager.get());
    t.release();
    const tokens = await Promise.all(callers);
    expect(new Set(tokens.map((x) => x.accessToken))).toEqual(new Set(['fresh-1']));
    expect(t.refreshes).toBe(1);
  });

  it('a 401 on a token refreshes once for everybody, and a late 401 on the old token reuses the new one', async () => {
    const t = setup({ stored: token('old', 1_000_000 + 3_600_000) });
    await t.manager.get();
    const first = [t.manager.replace('old'), t.manager.replace('old'), t.manager.replace('old')];
    t.release();
    expect((await Promise.all(first)).map((x) => x.accessToken)).toEqual(['fresh-1', 'fresh-1', 'fresh-1']);
    // A slow call that left with the old token comes back 401 after the refresh finished.
    expect((await t.manager.replace('old')).accessToken).toBe('fresh-1');
    expect(t.refreshes).toBe(1);
    // But a 401 on the fresh token refreshes again.
    expect((await t.manager.replace('fresh-1')).accessToken).toBe('fresh-2');
    expect(t.refreshes).toBe(2);
  });

  it('a refused refresh forgets the token and reports reconnect once', async () => {
    const t = setup({
      stored: token('old', 0),
      refresh: async () => {
        throw new StagecoachError('reconnect_needed', 'invalid_code');
      },
    });
    const results = await Promise.allSettled([t.manager.get(), t.manager.get(), t.manager.get()]);
    expect(results.every((r) => r.status === 'rejected' && (r.reason as StagecoachError).code === 'reconnect_needed')).toBe(true);
    expect(t.reconnects).toBe(1);
    expect(t.saved).toBeNull();
  });

  it('a network failure during refresh is not a reconnect, and the next call tries again', async () => {
    let attempts = 0;
    const t = setup({
      refresh: async () => {
        attempts += 1;
        if (attempts === 1) throw new StagecoachError('network', 'Failed to fetch');
        return token('after-network', 1_000_000 + 3_600_000);
      },
    });
    await expect(t.manager.get()).rejects.toMatchObject({ code: 'network' });
    expect(t.reconnects).toBe(0);
    expect((await t.manager.get()).accessToken).toBe('after-network');
  });

  // Issue 11, finding 1: a refresh started before clear() (disconnect, another sign-in) belongs to a connection that is gone.
  it('a refresh in flight across clear() saves nothing, and its caller is told there is no connection', async () => {
    const t = setup();
    const pending = t.manager.get();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(t.refreshes).toBe(1); // on its way
    await t.manager.clear();
    t.release();
    await expect(pending).rejects.toMatchObject({ code: 'not_connected' });
    expect(t.saved).toBeNull();
    // The next caller refreshes anew rather than reusing the old connection's token.
    const next = t.manager.get();
    expect((await next).accessToken).toBe('fresh-2');
  });

  it('a refusal of a refresh started before clear() does not mark the new connection "reconnect needed"', async () => {
    let refuse!: (error: Error) => void;
    const t = setup({ refresh: () => new Promise<AccessToken>((_, reject) => (refuse = reject)) });
    const pending = t.manager.get();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await t.manager.clear();
    refuse(new StagecoachError('reconnect_needed', 'invalid_code'));
    await expect(pending).rejects.toMatchObject({ code: 'not_connected' });
    expect(t.reconnects).toBe(0);
  });

  it('a stored token loaded while clear() runs is not kept', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let stored: AccessToken | null = token('old-account', 1_000_000 + 3_600_000);
    const manager = new TokenManager({
      loadAccess: async () => {
        const value = stored;
        await gate;
        return value;
      },
      saveAccess: async (value) => void (stored = value),
      refresh: async () => token('new-account', 1_000_000 + 3_600_000),
      onReconnectNeeded: async () => {},
      now: () => 1_000_000,
    });
    const pending = manager.get();
    await manager.clear();
    release();
    await expect(pending).rejects.toMatchObject({ code: 'not_connected' });
    expect((await manager.get()).accessToken).toBe('new-account');
  });
});
