// The sandbox's answers checked against Zoho's own OpenAPI description of API v8.
import { describe, expect, it } from 'vitest';
import { SEED } from '../../sandbox/seed';
import { apiJson, apiSend, coql, control, login, useSandbox, WRITE_SCOPES } from './helpers';
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

  it('GET /settings/users_unavailability (users_unavailability.json)', async () => {
    const tokens = await login(sandbox.url, { scope: 'ZohoCRM.settings.users_unavailability.READ' });
    const { status, body } = await apiJson(sandbox.url, '/settings/users_unavailability', tokens.access_token);
    expect(status).toBe(200);
    expect((body as { users_unavailability: unknown[] }).users_unavailability).toHaveLength(1);
    expect(await validateAgainstOas('users_unavailability.json', '/crm/v8/settings/users_unavailability', 'get', status, body)).toEqual([]);
  });

  it('GET /settings/business_hours (business_hours.json) and GET /settings/holidays (holidays.json)', async () => {
    const tokens = await login(sandbox.url, { scope: 'ZohoCRM.settings.business_hours.READ' });
    const hours = await apiJson(sandbox.url, '/settings/business_hours', tokens.access_token);
    expect(hours.status).toBe(200);
    expect(await validateAgainstOas('business_hours.json', '/crm/v8/settings/business_hours', 'get', hours.status, hours.body)).toEqual([]);
    const year = new Date().getUTCFullYear();
    for (const query of ['', `?year=${year}`, `?year=${year}&type=business_holiday`, '?type=shift_holiday']) {
      const list = await apiJson(sandbox.url, `/settings/holidays${query}`, tokens.access_token);
      expect(list.status, query).toBe(200);
      expect(await validateAgainstOas('holidays.json', '/crm/v8/settings/holidays', 'get', list.status, list.body), query).toEqual([]);
    }
    const shift = await apiJson(sandbox.url, '/settings/holidays?type=shift_holiday', tokens.access_token);
    expect((shift.body as { holidays: { type: string }[] }).holidays.every((row) => row.type === 'shift_holiday')).toBe(true);
    const bad = await apiJson(sandbox.url, '/settings/holidays?year=twenty', tokens.access_token);
    expect(bad.status).toBe(400);
    expect(await validateAgainstOas('holidays.json', '/crm/v8/settings/holidays', 'get', bad.status, bad.body)).toEqual([]);
    expect((await apiJson(sandbox.url, '/settings/holidays?year=1999', tokens.access_token)).status).toBe(204);
    // Without the scope: OAUTH_SCOPE_MISMATCH, as for every settings call.
    const narrow = await login(sandbox.url, { scope: 'ZohoCRM.users.READ' });
    expect((await apiJson(sandbox.url, '/settings/business_hours', narrow.access_token)).status).toBe(401);
  });

  it('GET /Events?ids=…&fields=Participants (record.json): those records, in the order given', async () => {
    const tokens = await login(sandbox.url);
    const ids = [SEED.events.pipelineReviewWithRep.id, SEED.events.acmeDiscovery.id];
    const list = await apiJson(sandbox.url, `/Events?ids=${ids.join(',')}&fields=Participants`, tokens.access_token);
    expect(list.status).toBe(200);
    expect((list.body as { data: { id: string }[] }).data.map((row) => row.id)).toEqual(ids);
    expect(await validateAgainstOas('record.json', '/crm/v8/{module_api_name}', 'get', list.status, list.body)).toEqual([]);
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

  describe('writes (record.json, notes.json)', () => {
    const MODULE = '/crm/v8/{module_api_name}';
    const event = { Event_Title: 'x', Start_DateTime: '2026-12-01T10:00:00+05:30', End_DateTime: '2026-12-01T11:00:00+05:30' };

    it('POST 201, 207 and 400', async () => {
      const { access_token: token } = await login(sandbox.url, { scope: WRITE_SCOPES });
      const created = await apiSend(sandbox.url, 'POST', '/Events', token, { data: [{ ...event, Participants: [{ type: 'contact', participant: SEED.primary.contactId }] }] });
      expect(created.status).toBe(201);
      expect(await validateAgainstOas('record.json', MODULE, 'post', 201, created.body)).toEqual([]);
      const mixed = await apiSend(sandbox.url, 'POST', '/Leads', token, { data: [{ Last_Name: 'a', Company: 'b' }, { Last_Name: 'a' }, { Last_Name: 'c', Company: 'd', Owner: { id: '1' } }] });
      expect(mixed.status).toBe(207);
      expect(await validateAgainstOas('record.json', MODULE, 'post', 207, mixed.body)).toEqual([]);
      const failed = await apiSend(sandbox.url, 'POST', '/Contacts', token, { data: [{ First_Name: 'x' }, { Last_Name: 'y', Email: 'ann@acme.com' }] });
      expect(failed.status).toBe(400);
      expect(await validateAgainstOas('record.json', MODULE, 'post', 400, failed.body)).toEqual([]);
      // The whole-request errors are API_Exception bodies.
      const tooMany = await apiSend(sandbox.url, 'POST', '/Tasks', token, { data: Array.from({ length: 101 }, () => ({ Subject: 's' })) });
      expect(await validateAgainstOasSchema('record.json', 'API_Exception', tooMany.body)).toEqual([]);
    });

    it('PUT and DELETE, one and many', async () => {
      const { access_token: token } = await login(sandbox.url, { scope: WRITE_SCOPES });
      const one = await apiSend(sandbox.url, 'PUT', `/Deals/${SEED.primary.dealId}`, token, { data: [{ Stage: 'Closed Won' }] });
      expect(await validateAgainstOas('record.json', RECORD, 'put', one.status, one.body)).toEqual([]);
      const many = await apiSend(sandbox.url, 'PUT', '/Deals', token, { data: [{ id: SEED.primary.dealId, Amount: 1 }, { id: '4876876000000999999', Amount: 2 }] });
      expect(many.status).toBe(207);
      expect(await validateAgainstOas('record.json', MODULE, 'put', many.status, many.body)).toEqual([]);
      const removed = await apiSend(sandbox.url, 'DELETE', `/Events/${SEED.events.acmeDiscovery.id}`, token);
      expect(await validateAgainstOas('record.json', RECORD, 'delete', removed.status, removed.body)).toEqual([]);
      const bulk = await apiSend(sandbox.url, 'DELETE', `/Tasks?ids=${SEED.tasks.msaRedlines.id},4876876000000999999`, token);
      expect(await validateAgainstOas('record.json', MODULE, 'delete', bulk.status, bulk.body)).toEqual([]);
    });

    it('Notes: POST 201 and 207, DELETE 200 and 207', async () => {
      const { access_token: token } = await login(sandbox.url, { scope: WRITE_SCOPES });
      const parent = { module: { api_name: 'Deals' }, id: SEED.primary.dealId };
      const created = await apiSend(sandbox.url, 'POST', '/Notes', token, { data: [{ Note_Title: 't', Note_Content: 'c', Parent_Id: parent }] });
      expect(created.status).toBe(201);
      expect(await validateAgainstOas('notes.json', '/crm/v8/Notes', 'post', 201, created.body)).toEqual([]);
      const mixed = await apiSend(sandbox.url, 'POST', '/Notes', token, { data: [{ Note_Content: 'c', Parent_Id: parent }, { Note_Content: 'c' }] });
      expect(mixed.status).toBe(207);
      expect(await validateAgainstOas('notes.json', '/crm/v8/Notes', 'post', 207, mixed.body)).toEqual([]);
      const removed = await apiSend(sandbox.url, 'DELETE', `/Notes?ids=${created.body.data[0].details.id}`, token);
      expect(await validateAgainstOas('notes.json', '/crm/v8/Notes', 'delete', removed.status, removed.body)).toEqual([]);
      const partly = await apiSend(sandbox.url, 'DELETE', `/Notes?ids=${SEED.notes.budgetApproved.id},4876876000000999999`, token);
      expect(partly.status).toBe(207);
      expect(await validateAgainstOas('notes.json', '/crm/v8/Notes', 'delete', 207, partly.body)).toEqual([]);
    });
  });

  describe('notes (notes.json, related_records.json)', () => {
    it('GET /{Module}/{id}/Notes: every note a full Note', async () => {
      const { access_token: token } = await login(sandbox.url, { scope: WRITE_SCOPES });
      const { status, body } = await apiJson(sandbox.url, `/Deals/${SEED.primary.dealId}/Notes`, token);
      expect(status).toBe(200);
      expect(await validateAgainstOas('related_records.json', '/crm/v8/{module_api_name}/{record_id}/{related_list_api_name}', 'get', 200, body)).toEqual([]);
      for (const note of body.data) expect(await validateAgainstOasSchema('notes.json', 'Note', note)).toEqual([]);
      // A note without a title (Note_Title: null, see the erratum).
      const untitled = await apiJson(sandbox.url, `/Deals/${SEED.deals.harrowgatePilot.id}/Notes`, token);
      expect(untitled.body.data[0].Note_Title).toBeNull();
      expect(await validateAgainstOasSchema('notes.json', 'Note', untitled.body.data[0])).toEqual([]);
    });

    it('GET /Notes?fields=…', async () => {
      const { access_token: token } = await login(sandbox.url, { scope: WRITE_SCOPES });
      const { status, body } = await apiJson(sandbox.url, '/Notes?fields=Note_Title,Note_Content,Parent_Id,Created_Time', token);
      expect(status).toBe(200);
      expect(await validateAgainstOas('notes.json', '/crm/v8/Notes', 'get', 200, body)).toEqual([]);
    });
  });

  describe('COQL (coql.json)', () => {
    it('200 rows, 400 syntax, invalid query and limit errors', async () => {
      const { access_token: token } = await login(sandbox.url, { scope: WRITE_SCOPES });
      const rows = await coql(sandbox.url, token, "select Deal_Name, Owner, Owner.email, Created_Time, Amount from Deals where Amount > 0 limit 5");
      expect(rows.status).toBe(200);
      expect(await validateAgainstOas('coql.json', '/crm/v8/coql', 'post', 200, rows.body)).toEqual([]);
      for (const query of [
        "select Last_Name from Contacts where Last_Name = 'a' and Title = 'b' and City = 'c'",
        'select Last_Name from Contacts',
        "select Nickname from Contacts where Last_Name = 'x'",
        "select Deal_Name from Deals where Amount = 'lots'",
        "select Last_Name from Contacts where Last_Name = 'x' limit 5000",
      ]) {
        const error = await coql(sandbox.url, token, query);
        expect(error.status, query).toBe(400);
        expect(await validateAgainstOas('coql.json', '/crm/v8/coql', 'post', 400, error.body), query).toEqual([]);
      }
    });

    // TOO_MANY_REQUESTS is not in record.json's code enum (nor is 429 documented anywhere): the
    // generic API_Exception of common.json is what it matches.
    it('429 from the COQL sub-limit is an API_Exception', async () => {
      const { access_token: token } = await login(sandbox.url, { scope: WRITE_SCOPES });
      await control(sandbox.url, 'POST', '/__sandbox/config', { coqlConcurrencyLimit: 1, latencyMs: 200 });
      const answers = await Promise.all([1, 2].map(() => coql(sandbox.url, token, "select Last_Name from Contacts where Last_Name = 'Carter'")));
      const limited = answers.find((answer) => answer.status === 429);
      expect(limited?.body.code).toBe('TOO_MANY_REQUESTS');
      expect(await validateAgainstOasSchema('common.json', 'API_Exception', limited?.body)).toEqual([]);
    });
  });

  it('the write errata do not let wrong shapes through', async () => {
    const MODULE = '/crm/v8/{module_api_name}';
    expect(await validateAgainstOas('record.json', MODULE, 'post', 201, { data: [{ code: 'SUCCESS', details: { id: 5 }, message: 'record added', status: 'success' }] })).not.toEqual([]);
    expect(await validateAgainstOas('record.json', MODULE, 'post', 207, { data: [{ code: 'OOPS', details: {}, message: 'invalid data', status: 'error' }] })).not.toEqual([]);
    expect(await validateAgainstOas('notes.json', '/crm/v8/Notes', 'post', 201, { data: [{ code: 'SUCCESS', details: { id: '1' }, message: 'record added', status: 'success' }] })).not.toEqual([]);
    expect(await validateAgainstOas('coql.json', '/crm/v8/coql', 'post', 400, { code: 'SYNTAX_ERROR', details: { line: 1 }, message: 'x', status: 'error' })).not.toEqual([]);
  });

  it('loads cross-file references from the local copy', async () => {
    const doc = await loadOas('record.json');
    const record = (doc.components as any).schemas.Record;
    expect(record.properties.Created_By.required).toEqual(['name', 'id']);
  });
});

describe('org variables validate against variables.json', () => {
  const VARIABLES = '/crm/v8/settings/variables';
  it('GET (none: 204), POST refused to a rep, POST/PUT/GET as an administrator, and their errors', async () => {
    const scope = 'ZohoCRM.settings.variables.ALL';
    const rep = (await login(sandbox.url, { scope, userId: SEED.users.rep.id })).access_token;
    const admin = (await login(sandbox.url, { scope, userId: SEED.users.admin.id })).access_token;
    expect((await apiJson(sandbox.url, '/settings/variables', admin)).status).toBe(204);
    const entry = { name: 'Stagecoach_Team_01', api_name: 'Stagecoach_Team_01', type: 'textarea', variable_group: { api_name: 'General' }, value: '{"v":1}' };
    const denied = await apiSend(sandbox.url, 'POST', '/settings/variables', rep, { variables: [entry] });
    expect([denied.status, denied.body.code]).toEqual([403, 'NO_PERMISSION']);

    const created = await apiSend(sandbox.url, 'POST', '/settings/variables', admin, { variables: [entry] });
    expect(await validateAgainstOas('variables.json', VARIABLES, 'post', created.status, created.body)).toEqual([]);
    const id = created.body.variables[0].details.id as string;
    const updated = await apiSend(sandbox.url, 'PUT', '/settings/variables', admin, { variables: [{ id, value: '{"v":2}' }] });
    expect(await validateAgainstOas('variables.json', VARIABLES, 'put', updated.status, updated.body)).toEqual([]);
    const byName = await apiSend(sandbox.url, 'PUT', '/settings/variables/Stagecoach_Team_01?group=General', admin, { variables: [{ value: '{"v":3}' }] });
    expect(await validateAgainstOas('variables.json', `${VARIABLES}/{api_name}`, 'put', byName.status, byName.body)).toEqual([]);

    const list = await apiJson(sandbox.url, '/settings/variables?group=General', rep);
    expect(list.body.variables[0].value).toBe('{"v":3}');
    expect(await validateAgainstOas('variables.json', VARIABLES, 'get', list.status, list.body)).toEqual([]);
    const one = await apiJson(sandbox.url, `/settings/variables/${id}`, rep);
    expect(await validateAgainstOas('variables.json', `${VARIABLES}/{id}`, 'get', one.status, one.body)).toEqual([]);
    expect((await apiJson(sandbox.url, '/settings/variables/Nobody_Here', rep)).status).toBe(204);

    const errors = [
      await apiSend(sandbox.url, 'POST', '/settings/variables', admin, { variables: [entry] }),
      await apiSend(sandbox.url, 'POST', '/settings/variables', admin, { variables: [{ ...entry, name: 'Other', api_name: 'Other', value: 'x'.repeat(2001) }] }),
      await apiSend(sandbox.url, 'POST', '/settings/variables', admin, { variables: [{ name: 'NoType', variable_group: { api_name: 'General' } }] }),
    ];
    expect(errors.map((e) => [e.status, e.body.variables[0].code])).toEqual([[400, 'DUPLICATE_DATA'], [400, 'INVALID_DATA'], [400, 'MANDATORY_NOT_FOUND']]);
    for (const error of errors) expect(await validateAgainstOas('variables.json', VARIABLES, 'post', error.status, error.body)).toEqual([]);
    const badGroup = await apiJson(sandbox.url, '/settings/variables?group=Nope', rep);
    expect(await validateAgainstOas('variables.json', VARIABLES, 'get', badGroup.status, badGroup.body)).toEqual([]);
  });
});
