// POST /crm/v8/__composite_requests as Zoho documents it (composite_requests.json; the "Composite
// API" page, v7 = v8): up to five sub-requests, each answered in its own entry; the allowed APIs
// and their 25-record cap; 200/207/400; rollback; credits; five concurrency credits a call.
import { describe, expect, it } from 'vitest';
import { SEED } from '../../sandbox/seed';
import { apiSend, control, login, useSandbox, WRITE_SCOPES } from './helpers';

const sandbox = useSandbox();
const SCOPES = `${WRITE_SCOPES},ZohoCRM.settings.ALL,ZohoCRM.composite_requests.CUSTOM`;
const ann = SEED.contacts.annCarter.id;

const get = (uri: string, params: Record<string, string> = {}, id?: string) => ({ ...(id ? { sub_request_id: id } : {}), method: 'GET', uri, params, headers: {}, body: {} });
const coql = (query: string) => ({ method: 'POST', uri: '/crm/v8/coql', params: {}, headers: {}, body: { select_query: query } });

async function send(body: unknown, scope = SCOPES) {
  const { access_token: accessToken } = await login(sandbox.url, { scope });
  return apiSend(sandbox.url, 'POST', '/__composite_requests', accessToken, body);
}

describe('composite requests', () => {
  it('answers each sub-request in its own entry, in order, with its status, body and headers (200: all ran)', async () => {
    const { status, body } = await send({
      __composite_requests: [get(`/crm/v8/Contacts/${ann}`, { fields: 'Full_Name' }), get('/crm/v8/settings/fields', { module: 'Deals' }), coql(`select id, Event_Title from Events where Who_Id = '${ann}' limit 25`)],
    });
    expect(status).toBe(200);
    expect(body.__composite_requests).toHaveLength(3);
    for (const entry of body.__composite_requests) {
      expect(entry).toMatchObject({ code: 'SUCCESS', status: 'success', message: 'composite sub request executed successfully', details: { response: { status_code: 200 } } });
      expect(entry.details.response.headers['content-type']).toMatch(/application\/json/);
    }
    expect(body.__composite_requests[0].details.response.body.data[0]).toMatchObject({ id: ann, Full_Name: 'Ann Carter' });
    expect(body.__composite_requests[1].details.response.body.fields.some((f: { api_name: string }) => f.api_name === 'Stage')).toBe(true);
    expect(body.__composite_requests[2].details.response.body.data.length).toBeGreaterThan(0);
  });

  it('costs one credit, logs one call (its sub-requests listed with it)', async () => {
    const { access_token: accessToken } = await login(sandbox.url, { scope: SCOPES });
    const before = (await control(sandbox.url, 'GET', '/__sandbox/log')).counts.api;
    const answer = await apiSend(sandbox.url, 'POST', '/__composite_requests', accessToken, { __composite_requests: [get('/crm/v8/org'), get(`/crm/v8/Contacts/${ann}`)] });
    expect(answer.status).toBe(200);
    const log = await control(sandbox.url, 'GET', '/__sandbox/log');
    expect(log.counts.api - before).toBe(1);
    expect(log.entries.at(-1)).toMatchObject({ path: '/crm/v8/__composite_requests', subRequests: ['GET /crm/v8/org', `GET /crm/v8/Contacts/${ann}`] });
  });

  it('needs ZohoCRM.composite_requests.CUSTOM, and each sub-request its own scope', async () => {
    const without = await send({ __composite_requests: [get('/crm/v8/org')] }, WRITE_SCOPES);
    expect(without).toMatchObject({ status: 401, body: { code: 'OAUTH_SCOPE_MISMATCH' } });
    const { body } = await send({ __composite_requests: [get('/crm/v8/org'), get('/crm/v8/settings/fields', { module: 'Deals' })] }, 'ZohoCRM.composite_requests.CUSTOM,ZohoCRM.org.READ');
    expect(body.__composite_requests[0].details.response.status_code).toBe(200);
    expect(body.__composite_requests[1].details.response).toMatchObject({ status_code: 401, body: { code: 'OAUTH_SCOPE_MISMATCH' } });
  });

  it('five sub-requests at most; the array is mandatory', async () => {
    const six = await send({ __composite_requests: Array.from({ length: 6 }, () => get('/crm/v8/org')) });
    expect(six).toMatchObject({ status: 400, body: { code: 'INVALID_DATA', details: { maximum_length: 5, json_path: '$.__composite_requests' } } });
    expect(await send({ rollback_on_fail: false })).toMatchObject({ status: 400, body: { code: 'MANDATORY_NOT_FOUND', details: { api_name: '__composite_requests' } } });
    expect(await send({ __composite_requests: {} })).toMatchObject({ status: 400, body: { code: 'INVALID_DATA' } });
  });

  it('rollback_on_fail and parallel_execution cannot both be true', async () => {
    const { status, body } = await send({ rollback_on_fail: true, parallel_execution: true, __composite_requests: [get('/crm/v8/org')] });
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'AMBIGUITY_DURING_PROCESSING', details: { ambiguity_due_to: [{ api_name: 'rollback_on_fail' }, { api_name: 'parallel_execution' }] } });
    expect(await send({ rollback_on_fail: 'yes', __composite_requests: [get('/crm/v8/org')] })).toMatchObject({ status: 400, body: { code: 'INVALID_DATA', details: { api_name: 'rollback_on_fail' } } });
  });

  it('APIs outside Zoho’s list are NOT_SUPPORTED; 207 when only some ran, 400 when none did', async () => {
    const some = await send({ __composite_requests: [get('/crm/v8/settings/users_unavailability'), get('/crm/v8/org')] });
    expect(some.status).toBe(207);
    expect(some.body.__composite_requests[0]).toMatchObject({ code: 'NOT_SUPPORTED', status: 'error' });
    expect(some.body.__composite_requests[1]).toMatchObject({ code: 'SUCCESS' });
    const none = await send({ __composite_requests: [get('/crm/v8/settings/business_hours'), get('/crm/v8/settings/holidays', { year: '2026' })] });
    expect(none.status).toBe(400);
    expect(none.body.__composite_requests.map((e: { code: string }) => e.code)).toEqual(['NOT_SUPPORTED', 'NOT_SUPPORTED']);
  });

  it('reads are capped at 25 records: a COQL limit of 26 answers LIMIT_EXCEEDED in its entry, as in Zoho’s sample', async () => {
    const { status, body } = await send({ __composite_requests: [coql('select id from Events where id is not null limit 26'), get('/crm/v8/Deals', { per_page: '200', fields: 'Deal_Name' })] });
    expect(status).toBe(200);
    for (const entry of body.__composite_requests) {
      expect(entry).toMatchObject({ code: 'SUCCESS', details: { response: { status_code: 400, body: { code: 'LIMIT_EXCEEDED', details: { by: 'limit', limit: 25 } } } } });
    }
  });

  it('checks each sub-request: uri, method, version, ids, headers', async () => {
    const { body } = await send({
      __composite_requests: [
        { ...get('/crm/v9/org'), sub_request_id: 'a' },
        { ...get('/crm/v8/org'), sub_request_id: 'b', method: 'FETCH' },
        { ...get('/api/org'), sub_request_id: 'c' },
        { ...get('/crm/v8/org'), sub_request_id: 'd', headers: { Authorization: 'Zoho-oauthtoken x' } },
        { ...get('/crm/v8/org'), sub_request_id: 'a' },
      ],
    });
    expect(body.__composite_requests.map((e: { code: string }) => e.code)).toEqual(['DUPLICATE_DATA', 'INVALID_DATA', 'INVALID_DATA', 'INVALID_DATA', 'DUPLICATE_DATA']);
    const versions = await send({ __composite_requests: [get('/crm/v9/org')] });
    expect(versions.body.__composite_requests[0]).toMatchObject({ code: 'NOT_ALLOWED', details: { sub_request_version: 9, composite_request_version: 8 } });
    const headers = await send({ __composite_requests: [{ ...get('/crm/v8/org'), headers: { 'X-CRM-ORG': '1' } }] });
    expect(headers.body.__composite_requests[0]).toMatchObject({ code: 'INVALID_DATA', details: { restricted_headers: ['X-CRM-ORG'] } });
  });

  it('a sub-request takes a value from an earlier answer (@{id:$.path})', async () => {
    const { body } = await send({
      parallel_execution: false,
      __composite_requests: [
        { sub_request_id: 'one', ...coql(`select id from Contacts where id = '${ann}' limit 1`) },
        get('/crm/v8/Contacts/@{one:$.data[0].id}', { fields: 'Full_Name' }, 'two'),
        get('/crm/v8/Contacts/@{nobody:$.data[0].id}', {}, 'three'),
      ],
    });
    expect(body.__composite_requests[1].details.response.body.data[0]).toMatchObject({ id: ann, Full_Name: 'Ann Carter' });
    expect(body.__composite_requests[2]).toMatchObject({ code: 'INVALID_REFERENCE' });
  });

  it('rollback_on_fail: a failure undoes the earlier writes (ROLLBACK_PERFORMED, PROCESSING_STOPPED, 400); success costs two credits', async () => {
    const note = (content: string) => ({ method: 'POST', uri: '/crm/v8/Notes', params: {}, headers: {}, body: { data: [{ Note_Content: content, Parent_Id: { module: { api_name: 'Contacts' }, id: ann } }] } });
    const failed = await send({
      rollback_on_fail: true,
      __composite_requests: [note('kept only if all pass'), get('/crm/v8/Nowhere/1'), note('never written')],
    });
    expect(failed.status).toBe(400);
    expect(failed.body.__composite_requests.map((e: { code: string }) => e.code)).toEqual(['ROLLBACK_PERFORMED', 'SUCCESS', 'PROCESSING_STOPPED']);
    expect(failed.body.__composite_requests[0].details).toEqual({ rollbacked_by_sub_request_index: 1 });
    expect((await control(sandbox.url, 'GET', '/__sandbox/records/Notes?contains=kept only if all pass')).records).toEqual([]);

    const before = (await control(sandbox.url, 'GET', '/__sandbox/config')).creditsPerDay;
    await control(sandbox.url, 'POST', '/__sandbox/config', { creditsPerDay: 8 });
    const { access_token: accessToken } = await login(sandbox.url, { scope: SCOPES });
    const kept = await apiSend(sandbox.url, 'POST', '/__composite_requests', accessToken, { rollback_on_fail: true, __composite_requests: [note('composite-kept-7Q')] });
    expect(kept.status).toBe(200);
    expect((await control(sandbox.url, 'GET', '/__sandbox/records/Notes?contains=composite-kept-7Q')).records).toHaveLength(1);
    // 1 (the rolled-back call) + 2 (kept) + 1: half of eight used, so Zoho reports what is left; one credit for the kept call would leave it silent.
    const after = await apiSend(sandbox.url, 'POST', '/__composite_requests', accessToken, { __composite_requests: [get('/crm/v8/org')] });
    expect(after.headers.get('x-api-credits-remaining')).toBe('4');
    await control(sandbox.url, 'POST', '/__sandbox/config', { creditsPerDay: before });
  });

  it('takes five concurrency credits: two at once fill a limit of 10, a third is refused', async () => {
    await control(sandbox.url, 'POST', '/__sandbox/config', { concurrencyLimit: 10, latencyMs: 200 });
    const { access_token: accessToken } = await login(sandbox.url, { scope: SCOPES });
    const call = () => apiSend(sandbox.url, 'POST', '/__composite_requests', accessToken, { __composite_requests: [get('/crm/v8/org')] });
    const statuses = (await Promise.all([call(), call(), call()])).map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 200, 429]);
  });
});
