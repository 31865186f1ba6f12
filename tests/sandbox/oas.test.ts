// The sandbox's answers checked against Zoho's own OpenAPI description of API v8.
import { describe, expect, it } from 'vitest';
import { SEED } from '../../sandbox/seed';
import { apiJson, login, useSandbox } from './helpers';
import { loadOas, validateAgainstOas, validateAgainstOasSchema } from './oas';

const sandbox = useSandbox();
const RECORD = '/crm/v8/{module_api_name}/{id}';

describe('responses validate against zoho-oas-v8', () => {
  it.each(Object.entries(SEED.users))('GET /users?type=CurrentUser as the %s (users.json)', async (_role, user) => {
    const tokens = await login(sandbox.url, { userId: user.id });
    const { status, body } = await apiJson(sandbox.url, '/users?type=CurrentUser', tokens.access_token);
    expect(status).toBe(200);
    expect(await validateAgainstOas('users.json', '/crm/v8/users', 'get', status, body)).toEqual([]);
  });

  it('GET /org (org.json)', async () => {
    const tokens = await login(sandbox.url);
    const { status, body } = await apiJson(sandbox.url, '/org', tokens.access_token);
    expect(await validateAgainstOas('org.json', '/crm/v8/org', 'get', status, body)).toEqual([]);
  });

  it.each([
    ['Contacts', SEED.primary.contactId],
    ['Contacts', SEED.hostileContactId],
    ['Deals', SEED.primary.dealId],
    ['Accounts', SEED.primary.accountId],
    ['Leads', SEED.primary.leadId],
  ])('GET /%s/{id} (record.json)', async (module, id) => {
    const tokens = await login(sandbox.url);
    const { status, body } = await apiJson(sandbox.url, `/${module}/${id}`, tokens.access_token);
    expect(status).toBe(200);
    expect(await validateAgainstOas('record.json', RECORD, 'get', status, body)).toEqual([]);
  });

  it('GET /Contacts/search hit and GET /Deals list (record.json)', async () => {
    const tokens = await login(sandbox.url);
    const hit = await apiJson(sandbox.url, '/Contacts/search?email=ann@acme.com', tokens.access_token);
    expect(hit.status).toBe(200);
    expect(await validateAgainstOas('record.json', '/crm/v8/{module_api_name}/search', 'get', hit.status, hit.body)).toEqual([]);
    const list = await apiJson(sandbox.url, '/Deals?fields=Deal_Name,Stage,Amount', tokens.access_token);
    expect(await validateAgainstOas('record.json', '/crm/v8/{module_api_name}', 'get', list.status, list.body)).toEqual([]);
  });

  // The OAS documents no 401 (nor 429) response anywhere; record.json's API_Exception is the error
  // shape, and it enumerates INVALID_TOKEN with "invalid oauth token".
  it('401 INVALID_TOKEN and AUTHENTICATION_FAILURE bodies match API_Exception', async () => {
    const invalid = await apiJson(sandbox.url, '/org', '1000.0.0');
    expect(invalid.status).toBe(401);
    expect(await validateAgainstOasSchema('record.json', 'API_Exception', invalid.body)).toEqual([]);
    const missing = await apiJson(sandbox.url, '/org', null);
    expect(await validateAgainstOasSchema('record.json', 'API_Exception', missing.body)).toEqual([]);
  });

  it('other error bodies match API_Exception', async () => {
    const tokens = await login(sandbox.url);
    for (const path of ['/Widgets/1', '/Contacts/search?criteria=junk', '/Contacts/search', '/Contacts/1/a/b', '/Contacts/abc']) {
      const { body } = await apiJson(sandbox.url, path, tokens.access_token);
      expect(await validateAgainstOasSchema('record.json', 'API_Exception', body), path).toEqual([]);
    }
    // OAUTH_SCOPE_MISMATCH keeps Zoho's real message, which record.json's message enum lacks;
    // it matches the generic API_Exception of common.json.
    const narrow = await login(sandbox.url, { scope: 'ZohoCRM.users.READ' });
    const mismatch = await apiJson(sandbox.url, '/org', narrow.access_token);
    expect(await validateAgainstOasSchema('common.json', 'API_Exception', mismatch.body)).toEqual([]);
  });

  it('the validator does reject wrong shapes', async () => {
    expect(await validateAgainstOas('users.json', '/crm/v8/users', 'get', 200, { users: [{ profile: { name: 'x' } }] })).not.toEqual([]);
    expect(await validateAgainstOas('org.json', '/crm/v8/org', 'get', 200, { org: [{ id: 1 }] })).not.toEqual([]);
    expect(await validateAgainstOas('record.json', RECORD, 'get', 200, { data: [{ id: 5 }] })).not.toEqual([]);
    expect(await validateAgainstOasSchema('record.json', 'API_Exception', { code: 'NOPE', details: {}, message: 'x', status: 'error' })).not.toEqual([]);
    expect(await validateAgainstOas('users.json', '/crm/v8/users', 'get', 401, {})).toEqual([
      'users.json: GET /crm/v8/users documents no 401 response',
    ]);
  });

  it('loads cross-file references from the local copy', async () => {
    const doc = await loadOas('record.json');
    const record = (doc.components as any).schemas.Record;
    expect(record.properties.Created_By.required).toEqual(['name', 'id']);
  });
});
