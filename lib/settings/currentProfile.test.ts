import { describe, expect, it } from 'vitest';
import { createProfileReader, PROFILE_FRESH_MS } from './currentProfile';

function zoho(profiles: string[]) {
  const calls: string[] = [];
  return {
    calls,
    client: {
      request: async (path: string, schema: { parse(v: unknown): unknown }, init?: { query?: Record<string, string> }) => {
        calls.push(`${path}?type=${init?.query?.type}`);
        return schema.parse({ users: [{ id: 'u1', profile: { name: profiles[calls.length - 1] ?? profiles.at(-1) }, role: { name: 'Sales Manager' } }] }) as never;
      },
    },
  };
}

describe('the profile as Zoho says it now', () => {
  const connection = { user: { id: 'u1' }, org: { id: 'o1' } };
  it('read with type=CurrentUser, kept a minute, read again after', async () => {
    let now = 1_000;
    const { client, calls } = zoho(['Manager', 'Standard']);
    const reader = createProfileReader({ client, now: () => now });
    expect((await reader.current(connection)).profile).toBe('Manager');
    now += PROFILE_FRESH_MS - 1;
    expect((await reader.current(connection)).profile).toBe('Manager');
    now += 2;
    expect((await reader.current(connection)).profile).toBe('Standard');
    expect(calls).toEqual(['/users?type=CurrentUser', '/users?type=CurrentUser']);
  });

  it('another user’s answer is not this connection’s', async () => {
    const { client } = zoho(['Manager']);
    const reader = createProfileReader({ client, now: () => 0 });
    await expect(reader.current({ user: { id: 'u2' }, org: { id: 'o1' } })).rejects.toMatchObject({ code: 'reconnect_needed' });
  });
});
