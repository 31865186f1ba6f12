// Secrets at rest (issue 11, finding 7): an own OAuth client's secret is stored encrypted like the
// refresh token — never in plain text in any IndexedDB table — is still what the token requests
// carry, and is wiped with the account on disconnect. In Node against the real sandbox.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sandboxBackground, sandboxPerTest } from './sandbox-helpers';

const { control, url, db } = sandboxPerTest('stagecoach-secrets');
/** The sandbox's client, as an own client (settings) with a secret. */
const OWN_CLIENT = { clientId: '1000.STAGECOACHSANDBOX', clientSecret: 'c0ffee5ecret-7f3a9b21d4e8' };

/** Every row of every table, bytes (ArrayBuffer, typed arrays) as latin1 text: what a look at the profile's IndexedDB would find. */
async function everythingStored(): Promise<string> {
  const bytes = (value: unknown) =>
    value instanceof ArrayBuffer ? new TextDecoder('latin1').decode(value) : ArrayBuffer.isView(value) ? new TextDecoder('latin1').decode(value as Uint8Array) : value;
  const tables = await Promise.all(db().tables.map(async (table) => [table.name, await table.toArray()] as const));
  return JSON.stringify(tables, (_key, value: unknown) => bytes(value));
}

/** The token endpoint's form fields, as the background posted them. */
function recordingFetch() {
  const tokenRequests: URLSearchParams[] = [];
  const fetchImpl: typeof fetch = (input, init) => {
    if (String(input).endsWith('/oauth/v2/token')) tokenRequests.push(new URLSearchParams(String(init?.body ?? '')));
    return fetch(input, init);
  };
  return { fetchImpl, tokenRequests };
}

describe('the OAuth client secret at rest', () => {
  it('is stored encrypted: no table holds it in plain text, and the UI is told only that one is set', async () => {
    const { handlers } = sandboxBackground({ db: db(), origin: url() });
    const view = await handlers.saveSettings({ patch: { oauth: OWN_CLIENT } }, {});
    expect(view.clientSecretSet).toBe(true);
    expect(view.settings.oauth).toEqual({ clientId: OWN_CLIENT.clientId, clientSecret: null });
    expect(await everythingStored()).not.toContain(OWN_CLIENT.clientSecret);
    // A later save of something else keeps it.
    expect((await handlers.saveSettings({ patch: { slotMinutes: 45 } }, {})).clientSecretSet).toBe(true);
    expect(await everythingStored()).not.toContain(OWN_CLIENT.clientSecret);
  });

  it('is still what the token requests carry (sign-in and refresh)', async () => {
    const { fetchImpl, tokenRequests } = recordingFetch();
    const { handlers, tokens } = sandboxBackground({ db: db(), origin: url(), fetch: fetchImpl });
    await handlers.saveSettings({ patch: { oauth: OWN_CLIENT } }, {});
    await handlers.connect({}, {});
    await control('POST', '/__sandbox/expire-tokens');
    await tokens.replace((await tokens.get()).accessToken);
    expect(tokenRequests.map((fields) => [fields.get('grant_type'), fields.get('client_secret')])).toEqual([
      ['authorization_code', OWN_CLIENT.clientSecret],
      ['refresh_token', OWN_CLIENT.clientSecret],
    ]);
  });

  it('is wiped with the account on disconnect; the client id (a setting) stays', async () => {
    const { handlers } = sandboxBackground({ db: db(), origin: url() });
    await handlers.saveSettings({ patch: { oauth: OWN_CLIENT } }, {});
    await handlers.connect({}, {});
    await handlers.disconnect({}, {});
    const view = await handlers.getSettings({}, {});
    expect(view.clientSecretSet).toBe(false);
    expect(view.settings.oauth.clientId).toBe(OWN_CLIENT.clientId);
    expect(await everythingStored()).not.toContain(OWN_CLIENT.clientSecret);
  });

  it('a secret stored in plain text by an earlier version is encrypted on the first read, and still used', async () => {
    const { fetchImpl, tokenRequests } = recordingFetch();
    const { handlers } = sandboxBackground({ db: db(), origin: url(), fetch: fetchImpl });
    await handlers.saveSettings({ patch: { slotMinutes: 45 } }, {});
    // The row as the earlier version wrote it: the secret among the settings' values.
    const row = (await db().settings.get('settings'))!;
    const values = row.values as { oauth: Record<string, unknown> };
    await db().settings.put({ ...row, values: { ...values, oauth: { ...values.oauth, ...OWN_CLIENT } } });
    expect(await everythingStored()).toContain(OWN_CLIENT.clientSecret);

    expect((await handlers.getSettings({}, {})).clientSecretSet).toBe(true);
    expect(await everythingStored()).not.toContain(OWN_CLIENT.clientSecret);
    await handlers.connect({}, {});
    expect(tokenRequests[0]?.get('client_secret')).toBe(OWN_CLIENT.clientSecret);
  });

  it('clearing it deletes it', async () => {
    const { handlers } = sandboxBackground({ db: db(), origin: url() });
    await handlers.saveSettings({ patch: { oauth: OWN_CLIENT } }, {});
    expect((await handlers.saveSettings({ patch: { oauth: { clientSecret: null } } }, {})).clientSecretSet).toBe(false);
    expect(await db().providerKeys.count()).toBe(0);
  });
});
