import { describe, expect, it } from 'vitest';
import { SEED } from '../../sandbox/seed';
import { api, apiJson, control, login, useSandbox } from './helpers';

const sandbox = useSandbox();

const INVALID_TOKEN = { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' };

describe('authentication', () => {
  it('a missing header is AUTHENTICATION_FAILURE, an unknown token INVALID_TOKEN (401)', async () => {
    const missing = await apiJson(sandbox.url, '/org', null);
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ code: 'AUTHENTICATION_FAILURE', details: {}, message: 'Authentication failed', status: 'error' });

    const bearer = await fetch(`${sandbox.url}/crm/v8/org`, { headers: { authorization: 'Bearer 1000.abc.def' } });
    expect(bearer.status).toBe(401);

    const unknown = await apiJson(sandbox.url, '/org', '1000.00000000000000000000000000000000.00000000000000000000000000000000');
    expect(unknown).toMatchObject({ status: 401, body: INVALID_TOKEN });
  });

  it('expire-tokens makes every access token answer 401 INVALID_TOKEN', async () => {
    const tokens = await login(sandbox.url);
    expect((await api(sandbox.url, '/org', tokens.access_token)).status).toBe(200);
    await control(sandbox.url, 'POST', '/__sandbox/expire-tokens');
    expect(await apiJson(sandbox.url, '/org', tokens.access_token)).toMatchObject({ status: 401, body: INVALID_TOKEN });
    expect((await control(sandbox.url, 'GET', '/__sandbox/state')).activeAccessTokens).toBe(0);
  });

  it('access tokens live accessTokenTtlSeconds', async () => {
    await control(sandbox.url, 'POST', '/__sandbox/config', { accessTokenTtlSeconds: 0 });
    const tokens = await login(sandbox.url);
    expect(tokens.expires_in).toBe(0);
    expect((await api(sandbox.url, '/org', tokens.access_token)).status).toBe(401);
  });
});

describe('scopes', () => {
  const MISMATCH = { status: 401, body: { code: 'OAUTH_SCOPE_MISMATCH', status: 'error' } };

  it('refuses calls the token scopes do not cover', async () => {
    const usersOnly = await login(sandbox.url, { scope: 'ZohoCRM.users.READ' });
    expect((await api(sandbox.url, '/users?type=CurrentUser', usersOnly.access_token)).status).toBe(200);
    expect(await apiJson(sandbox.url, '/org', usersOnly.access_token)).toMatchObject(MISMATCH);
    expect(await apiJson(sandbox.url, `/Contacts/${SEED.primary.contactId}`, usersOnly.access_token)).toMatchObject(MISMATCH);
  });

  it('matches module scopes, operations and ALL supersets', async () => {
    const contactsRead = await login(sandbox.url, { scope: 'ZohoCRM.modules.contacts.READ' });
    expect((await api(sandbox.url, `/Contacts/${SEED.primary.contactId}`, contactsRead.access_token)).status).toBe(200);
    expect(await apiJson(sandbox.url, `/Deals/${SEED.primary.dealId}`, contactsRead.access_token)).toMatchObject(MISMATCH);
    // Search also needs ZohoSearch.securesearch.READ.
    expect(await apiJson(sandbox.url, '/Contacts/search?email=ann@acme.com', contactsRead.access_token)).toMatchObject(MISMATCH);

    const contactsCreate = await login(sandbox.url, { scope: 'ZohoCRM.modules.contacts.CREATE' });
    expect(await apiJson(sandbox.url, `/Contacts/${SEED.primary.contactId}`, contactsCreate.access_token)).toMatchObject(MISMATCH);

    const supersets = await login(sandbox.url, { scope: 'ZohoCRM.modules.deals.ALL,ZohoCRM.users.ALL,ZohoCRM.org.ALL,ZohoCRM.modules.contacts.ALL,ZohoSearch.securesearch.ALL' });
    expect((await api(sandbox.url, `/Deals/${SEED.primary.dealId}`, supersets.access_token)).status).toBe(200);
    expect((await api(sandbox.url, '/users?type=CurrentUser', supersets.access_token)).status).toBe(200);
    expect((await api(sandbox.url, '/org', supersets.access_token)).status).toBe(200);
    expect((await api(sandbox.url, '/Contacts/search?email=ann@acme.com', supersets.access_token)).status).toBe(200);
  });
});

describe('users and org', () => {
  it('returns the current user with profile, role and time settings', async () => {
    const tokens = await login(sandbox.url);
    const { status, body } = await apiJson(sandbox.url, '/users?type=CurrentUser', tokens.access_token);
    expect(status).toBe(200);
    expect(body.info).toEqual({ per_page: 200, count: 1, page: 1, more_records: false });
    expect(body.users).toHaveLength(1);
    expect(body.users[0]).toMatchObject({
      id: SEED.users.rep.id,
      full_name: 'Priya Raman',
      first_name: 'Priya',
      last_name: 'Raman',
      email: SEED.users.rep.email,
      profile: { name: 'Standard' },
      role: { name: 'Sales Representative' },
      time_zone: 'Asia/Kolkata',
      time_format: 'hh:mm a',
      locale: 'en_IN',
      country_locale: 'en_IN',
      status: 'active',
      confirm: true,
      Reporting_To: { id: SEED.users.manager.id, name: 'Daniel Brooks' },
    });
    // Datetimes are in the caller's zone.
    expect(body.users[0].created_time).toMatch(/\+05:30$/);
  });

  it('lists all users', async () => {
    const tokens = await login(sandbox.url);
    const { body } = await apiJson(sandbox.url, '/users?type=AllUsers', tokens.access_token);
    expect(body.users.map((u: { full_name: string }) => u.full_name)).toEqual(['Priya Raman', 'Daniel Brooks', 'Sofia Keller']);
    const admins = await apiJson(sandbox.url, '/users?type=AdminUsers', tokens.access_token);
    expect(admins.body.users.map((u: { id: string }) => u.id)).toEqual([SEED.users.admin.id]);
    expect((await apiJson(sandbox.url, `/users/${SEED.users.manager.id}`, tokens.access_token)).body.users[0].time_zone).toBe('America/New_York');
  });

  it('returns the org', async () => {
    const tokens = await login(sandbox.url);
    const { status, body } = await apiJson(sandbox.url, '/org', tokens.access_token);
    expect(status).toBe(200);
    expect(body.org[0]).toMatchObject({
      id: SEED.org.id,
      company_name: 'Northwind Traders (Sandbox)',
      domain_name: 'org20104578',
      zgid: '20104578',
      time_zone: 'America/New_York',
      currency: 'USD',
      country_code: 'US',
    });
  });
});

describe('records', () => {
  it('gets a contact and a deal with Zoho field names, in the caller’s time zone', async () => {
    const tokens = await login(sandbox.url);
    const contact = await apiJson(sandbox.url, `/Contacts/${SEED.primary.contactId}`, tokens.access_token);
    expect(contact.status).toBe(200);
    expect(contact.body.data).toHaveLength(1);
    expect(contact.body.data[0]).toMatchObject({
      id: SEED.primary.contactId,
      First_Name: 'Ann',
      Last_Name: 'Carter',
      Full_Name: 'Ann Carter',
      Email: 'ann@acme.com',
      Account_Name: { id: SEED.primary.accountId, name: 'Acme Logistics' },
      Owner: { id: SEED.users.rep.id, name: 'Priya Raman', email: SEED.users.rep.email },
      Mailing_City: 'Los Angeles',
    });
    expect(contact.body.data[0].Created_Time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+05:30$/);

    const deal = await apiJson(sandbox.url, `/Deals/${SEED.primary.dealId}`, tokens.access_token);
    expect(deal.body.data[0]).toMatchObject({
      Deal_Name: 'Acme Logistics – Fleet Telematics Rollout',
      Stage: 'Needs Analysis',
      Amount: 48000,
      Probability: 20,
      Closing_Date: '2026-12-18',
      Pipeline: 'Standard (Standard)',
      Contact_Name: { id: SEED.primary.contactId, name: 'Ann Carter' },
      Account_Name: { id: SEED.primary.accountId, name: 'Acme Logistics' },
    });
  });

  it('an unknown id answers 204; a malformed one 400', async () => {
    const tokens = await login(sandbox.url);
    const response = await api(sandbox.url, '/Contacts/4876876000009999999', tokens.access_token);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect((await apiJson(sandbox.url, '/Contacts/abc', tokens.access_token)).body.code).toBe('INVALID_DATA');
  });

  it('an unknown module is INVALID_MODULE; an unknown path INVALID_URL_PATTERN', async () => {
    const tokens = await login(sandbox.url);
    expect(await apiJson(sandbox.url, '/Widgets/4876876000000412001', tokens.access_token)).toMatchObject({
      status: 400,
      body: { code: 'INVALID_MODULE', details: { resource_path_index: 0 }, status: 'error' },
    });
    expect(await apiJson(sandbox.url, '/Contacts/4876876000000412001/too/deep', tokens.access_token)).toMatchObject({
      status: 404,
      body: { code: 'INVALID_URL_PATTERN', status: 'error' },
    });
    const post = await api(sandbox.url, '/org', tokens.access_token, { method: 'DELETE' });
    expect(post.status).toBe(400);
    expect((await post.json()).code).toBe('INVALID_REQUEST_METHOD');
  });

  it('lists records with fields (required), paged', async () => {
    const tokens = await login(sandbox.url);
    expect((await apiJson(sandbox.url, '/Deals', tokens.access_token)).body.code).toBe('REQUIRED_PARAM_MISSING');
    const page = await apiJson(sandbox.url, '/Deals?fields=Deal_Name,Stage&per_page=3&page=2', tokens.access_token);
    expect(page.body.info).toEqual({ per_page: 3, count: 3, page: 2, more_records: true });
    expect(Object.keys(page.body.data[0]).sort()).toEqual(['Deal_Name', 'Stage', 'id']);
  });
});

describe('search', () => {
  async function search(module: string, query: string): Promise<{ status: number; names: string[]; body: any }> {
    const tokens = await login(sandbox.url);
    const { status, body } = await apiJson(sandbox.url, `/${module}/search?${query}`, tokens.access_token);
    return { status, body, names: body?.data?.map((r: { Full_Name?: string; Deal_Name?: string }) => r.Full_Name ?? r.Deal_Name) ?? [] };
  }

  it('email equals is fuzzy (contains, any case)', async () => {
    const result = await search('Contacts', 'email=ANN@acme.com');
    expect(result.status).toBe(200);
    expect(result.names).toEqual(['Ann Carter', 'JoAnn Whitfield']);
    expect(result.body.info).toMatchObject({ count: 2, page: 1, more_records: false });
    expect((await search('Contacts', 'email=joann@acme.com')).names).toEqual(['JoAnn Whitfield']);
  });

  it('phone compares digits only', async () => {
    expect((await search('Contacts', 'phone=213.555.0147')).names).toEqual(['Ann Carter']);
    expect((await search('Contacts', `phone=${encodeURIComponent('+91 98200 12345')}`)).names).toEqual(['Arjun Mehta']);
    expect((await search('Leads', 'phone=2065550110')).names).toEqual(['Marcus Lee']);
  });

  it('criteria with or/and, equals and starts_with', async () => {
    const either = encodeURIComponent('((Email:equals:oliver.bennett@harrowgatefoods.co.uk)or(Phone:equals:213-555-0173))');
    expect((await search('Contacts', `criteria=${either}`)).names).toEqual(['JoAnn Whitfield', 'Oliver Bennett']);
    const both = encodeURIComponent('((Mailing_City:equals:london)and(Last_Name:starts_with:O))');
    expect((await search('Contacts', `criteria=${both}`)).names).toEqual(["Grace O'Neill"]);
    const lookup = encodeURIComponent('(Account_Name:equals:Sahyadri)');
    expect((await search('Deals', `criteria=${lookup}`)).names).toHaveLength(2);
  });

  it('criteria values honour Zoho escapes', async () => {
    const escaped = encodeURIComponent(String.raw`(Phone:equals:\(213\) 555-0147)`);
    expect((await search('Contacts', `criteria=${escaped}`)).names).toEqual(['Ann Carter']);
    const alternatives = encodeURIComponent(String.raw`(Last_Name:equals:Carter,Mehta)`);
    expect((await search('Contacts', `criteria=${alternatives}`)).names).toEqual(['Ann Carter', 'Arjun Mehta']);
    const comma = encodeURIComponent(String.raw`(Company:equals:Rivera & Hijos\, nope)`);
    expect((await search('Leads', `criteria=${comma}`)).status).toBe(204);
  });

  it('word search looks through text fields and lookups', async () => {
    expect((await search('Contacts', 'word=sahyadri')).names).toEqual(['Arjun Mehta']);
  });

  it('nothing found is HTTP 204 with an empty body', async () => {
    const tokens = await login(sandbox.url);
    const response = await api(sandbox.url, '/Contacts/search?email=nobody@nowhere.example', tokens.access_token);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it.each([
    ['unbalanced', '((Email:equals:x)'],
    ['no parentheses', 'Email:equals:x'],
    ['unknown operator', '(Email:like:x)'],
    ['unknown field', '(Shoe_Size:equals:42)'],
    ['trailing junk', '(Email:equals:x)garbage'],
    ['bad joiner', '(Email:equals:x)xor(Phone:equals:1)'],
  ])('junk criteria (%s) is 400 INVALID_QUERY', async (_label, criteria) => {
    const result = await search('Contacts', `criteria=${encodeURIComponent(criteria)}`);
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ code: 'INVALID_QUERY', message: 'invalid query formed', status: 'error' });
  });

  it('no search parameter is REQUIRED_PARAM_MISSING', async () => {
    const result = await search('Contacts', '');
    expect(result.status).toBe(400);
    expect(result.body.code).toBe('REQUIRED_PARAM_MISSING');
  });
});

describe('limits', () => {
  it('answers 429 TOO_MANY_REQUESTS past the concurrency limit, without Retry-After', async () => {
    const tokens = await login(sandbox.url);
    await control(sandbox.url, 'POST', '/__sandbox/config', { latencyMs: 300, concurrencyLimit: 10 });
    await control(sandbox.url, 'DELETE', '/__sandbox/log');
    const responses = await Promise.all(Array.from({ length: 15 }, () => api(sandbox.url, '/org', tokens.access_token)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(5);
    const rejected = responses.find((response) => response.status === 429);
    expect(rejected?.headers.get('retry-after')).toBeNull();
    expect(await rejected?.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS', details: {}, status: 'error' });
    const log = await control(sandbox.url, 'GET', '/__sandbox/log');
    expect(log.maxConcurrent).toBe(10);
    expect(log.counts).toMatchObject({ api: 15, tooManyRequests: 5 });
  });

  it('adds latencyMs to accounts and API responses', async () => {
    await control(sandbox.url, 'POST', '/__sandbox/config', { latencyMs: 150 });
    const started = performance.now();
    const tokens = await login(sandbox.url); // two accounts-server round trips
    await api(sandbox.url, '/org', tokens.access_token);
    expect(performance.now() - started).toBeGreaterThanOrEqual(3 * 150 - 10);
  });

  it('counts credits and reports what is left once half is used', async () => {
    await control(sandbox.url, 'POST', '/__sandbox/config', { creditsPerDay: 4 });
    const tokens = await login(sandbox.url);
    const first = await api(sandbox.url, '/org', tokens.access_token);
    expect(first.headers.get('x-api-credits-remaining')).toBeNull();
    const second = await api(sandbox.url, '/org', tokens.access_token);
    expect(second.headers.get('x-api-credits-remaining')).toBe('2');
    await api(sandbox.url, '/org', tokens.access_token);
    expect((await api(sandbox.url, '/org', tokens.access_token)).headers.get('x-api-credits-remaining')).toBe('0');
    const over = await api(sandbox.url, '/org', tokens.access_token);
    expect(over.status).toBe(429);
    expect((await over.json()).code).toBe('LIMIT_EXCEEDED');
    expect((await control(sandbox.url, 'GET', '/__sandbox/log')).creditsUsed).toBe(5);
  });
});
