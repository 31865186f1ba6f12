// Connecting and disconnecting from the toolbar popup, against the sandbox's accounts server.
import { accessibilityViolations, expect, RecordPanel, sandbox, SEED, snap, test } from './fixtures';

test('connects through Zoho consent (Accept) and shows who and where', async ({ popup }) => {
  await expect(popup.state).toHaveText('Not connected');
  await snap(popup.page, 'popup-disconnected');
  expect(await accessibilityViolations(popup.page)).toEqual([]);
  const consent = await popup.startConnect();
  await expect(consent.getByRole('button', { name: 'Deny' })).toBeVisible();
  await snap(consent, 'consent');
  await consent.getByRole('button', { name: 'Accept' }).click();

  await expect(popup.state).toHaveText('Connected');
  await expect(popup.page.getByTestId('user')).toContainText(SEED.users.rep.full_name);
  await expect(popup.page.getByTestId('org')).toHaveText(SEED.org.company_name as string);
  await expect(popup.page.getByTestId('data-centre')).toHaveText('United States (zoho.com)');
  await snap(popup.page, 'popup-connected');
  expect(await accessibilityViolations(popup.page)).toEqual([]);

  const log = await sandbox.log();
  expect(log.counts.authorizationCode).toBe(1);
  expect(log.counts.refresh).toBe(0);
});

test('Deny in Zoho leaves the extension disconnected and says why', async ({ popup }) => {
  const consent = await popup.startConnect();
  await consent.getByRole('button', { name: 'Deny' }).click();
  await expect(popup.alert).toContainText('You declined access in Zoho');
  await expect(popup.state).toHaveText('Not connected');
  expect((await sandbox.log()).counts.authorizationCode).toBe(0);
});

test('closing the sign-in window is reported, and Connect works again after', async ({ popup }) => {
  const consent = await popup.startConnect();
  await consent.close();
  await expect(popup.alert).toContainText('sign-in window was closed');
  await expect(popup.connectButton).toBeEnabled();
  await popup.connect();
});

test('finds the data centre from Zoho: the sandbox posing as EU', async ({ popup }) => {
  await sandbox.config({ dataCentre: 'eu' });
  await popup.connect();
  await expect(popup.page.getByTestId('data-centre')).toHaveText('Europe (zoho.eu)');
});

test('refuses a forged accounts-server in the redirect: no code is sent anywhere', async ({ popup }) => {
  await sandbox.config({ forgeAccountsServer: 'https://accounts.zoho.eu.attacker.example' });
  const consent = await popup.startConnect();
  await consent.getByRole('button', { name: 'Accept' }).click();
  await expect(popup.alert).toContainText('not a Zoho data centre');
  await expect(popup.alert).toContainText('attacker.example');
  await expect(popup.state).toHaveText('Not connected');
  expect((await sandbox.log()).counts.authorizationCode).toBe(0);
});

test('a dead network during sign-in is reported in plain words', async ({ popup }) => {
  await sandbox.fault({ match: { path: '/oauth/v2/token' }, count: 1, drop: 'before' });
  const consent = await popup.startConnect();
  await consent.getByRole('button', { name: 'Accept' }).click();
  await expect(popup.alert).toContainText('Zoho can’t be reached');
  await expect(popup.state).toHaveText('Not connected');
});

test('disconnect revokes at Zoho and leaves no token or record in the browser', async ({ context, popup }) => {
  await popup.connect();
  // The panel caches the record it shows: there is personal data to wipe.
  const page = await context.newPage();
  await page.goto(`${sandbox.origin}/crm/org${SEED.org.zgid}/tab/Contacts/${SEED.primary.contactId}`);
  await expect(new RecordPanel(page).name).toHaveText('Ann Carter');

  const before = await dumpExtensionStorage(popup.page);
  expect(before.indexedDb).toContain('Ann Carter');
  // Only storage.session (memory) may hold the access token; the refresh token is encrypted.
  expect(before.indexedDb).not.toMatch(/1000\.[0-9a-f]{32}/);
  expect(before.local).not.toMatch(/1000\.[0-9a-f]{32}/);

  await popup.page.bringToFront();
  await popup.page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(popup.page.getByRole('status')).toContainText('Zoho revoked');
  await expect(popup.state).toHaveText('Not connected');

  const state = await sandbox.state();
  expect(state.refreshTokens.length).toBeGreaterThan(0);
  expect(state.refreshTokens.every((token) => token.revoked)).toBe(true);
  expect(state.activeAccessTokens).toBe(0);
  expect((await sandbox.log()).counts.revoke).toBe(1);

  const after = await dumpExtensionStorage(popup.page);
  expect(after.rows).toBe(0);
  expect(after.indexedDb).not.toContain('Ann Carter');
  // Only the timestamp that tells open panels the connection changed.
  expect(Object.keys(JSON.parse(after.local))).toEqual(['statusChangedAt']);
  expect(after.session).toBe('{}');
});

/** Everything the extension keeps: storage areas as JSON, IndexedDB rows with bytes as text. */
async function dumpExtensionStorage(page: import('@playwright/test').Page) {
  return page.evaluate(async () => {
    const local = JSON.stringify(await chrome.storage.local.get(null));
    const session = JSON.stringify(await chrome.storage.session.get(null));
    const text = (value: unknown): string => {
      if (value instanceof ArrayBuffer) return new TextDecoder('latin1').decode(value);
      if (ArrayBuffer.isView(value)) return new TextDecoder('latin1').decode(value.buffer);
      if (value && typeof value === 'object') return Object.values(value).map(text).join('|');
      return String(value);
    };
    const chunks: string[] = [];
    let rows = 0;
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        rows += all.length;
        chunks.push(...all.map(text));
      }
      db.close();
    }
    return { local, session, indexedDb: chunks.join('\n'), rows };
  });
}
