// Which reads may ride in a composite call, the body sent, and the answers read back — with the
// shapes of Zoho's "Composite API" page (v7/v8) and composite_requests.json.
import { describe, expect, it } from 'vitest';
import { batchable, coqlLimit, compositeBody, compositeRefused, parseComposite, type SubRequest } from './composite';

const coql = (query: string): SubRequest => ({ method: 'POST', path: '/coql', body: { select_query: query } });

describe('batchable: Zoho’s "Allowed APIs" and their 25-record cap', () => {
  it.each<[string, SubRequest, boolean]>([
    ['one record', { method: 'GET', path: '/Contacts/4876876000000412001', query: { fields: 'Full_Name' } }, true],
    ['fields metadata (no cap)', { method: 'GET', path: '/settings/fields', query: { module: 'Deals' } }, true],
    ['layouts metadata', { method: 'GET', path: '/settings/layouts', query: { module: 'Deals' } }, true],
    ['pipeline', { method: 'GET', path: '/settings/pipeline', query: { layout_id: '1' } }, true],
    ['org', { method: 'GET', path: '/org' }, true],
    ['the current user', { method: 'GET', path: '/users', query: { type: 'CurrentUser' } }, true],
    ['users, 200 a page', { method: 'GET', path: '/users', query: { per_page: '200' } }, false],
    ['related list of 25', { method: 'GET', path: '/Deals/1/Notes', query: { per_page: '25', page: '1' } }, true],
    ['related list of 200', { method: 'GET', path: '/Deals/1/Notes', query: { per_page: '200' } }, false],
    ['related list with Zoho’s default page size', { method: 'GET', path: '/Deals/1/Stage_History' }, false],
    ['records by 25 ids', { method: 'GET', path: '/Events', query: { ids: Array.from({ length: 25 }, (_, i) => String(i)).join(','), fields: 'Participants' } }, true],
    ['records by 26 ids', { method: 'GET', path: '/Events', query: { ids: Array.from({ length: 26 }, (_, i) => String(i)).join(','), fields: 'Participants' } }, false],
    ['search, 25 a page', { method: 'GET', path: '/Contacts/search', query: { email: 'a@b.c', per_page: '25' } }, true],
    ['search, default page', { method: 'GET', path: '/Contacts/search', query: { email: 'a@b.c' } }, false],
    ['COQL limit 25', coql('select id from Events where id is not null limit 25'), true],
    ['COQL limit offset, 25', coql('select id from Events where id is not null limit 50, 25'), true],
    ['COQL limit 26 (LIMIT_EXCEEDED in Zoho’s own sample)', coql('select id from Events where id is not null limit 26'), false],
    ['COQL without a limit (200 by default)', coql('select id from Events where id is not null'), false],
    ['users_unavailability (not in the list)', { method: 'GET', path: '/settings/users_unavailability' }, false],
    ['business hours (not in the list)', { method: 'GET', path: '/settings/business_hours' }, false],
    ['holidays (not in the list)', { method: 'GET', path: '/settings/holidays', query: { year: '2026' } }, false],
    ['a POST that is not COQL', { method: 'POST', path: '/Notes', body: { data: [{}] } }, false],
  ])('%s → %s', (_, request, expected) => {
    expect(batchable(request)).toBe(expected);
  });

  it('reads the limit of either COQL form', () => {
    expect(coqlLimit('select id from Deals where id is not null limit 40')).toBe(40);
    expect(coqlLimit('select id from Deals where id is not null LIMIT 200, 25')).toBe(25);
    expect(coqlLimit('select id from Deals where id is not null')).toBeNull();
  });
});

describe('the composite body', () => {
  it('numbers sub-requests, puts them under /crm/v8 with params and body, and asks for no rollback (one credit)', () => {
    expect(compositeBody([{ method: 'GET', path: '/Deals/1', query: { fields: 'Stage' } }, coql('select id from Tasks where id is not null limit 25')])).toEqual({
      rollback_on_fail: false,
      __composite_requests: [
        { sub_request_id: '1', method: 'GET', uri: '/crm/v8/Deals/1', params: { fields: 'Stage' }, body: {}, headers: {} },
        { sub_request_id: '2', method: 'POST', uri: '/crm/v8/coql', params: {}, body: { select_query: 'select id from Tasks where id is not null limit 25' }, headers: {} },
      ],
    });
  });

  it('takes one to five sub-requests', () => {
    expect(() => compositeBody([])).toThrow(RangeError);
    expect(() => compositeBody(Array.from({ length: 6 }, () => ({ method: 'GET' as const, path: '/org' })))).toThrow(RangeError);
  });
});

describe('reading the answer back', () => {
  const success = (status_code: number, body: unknown) => ({
    code: 'SUCCESS',
    details: { response: { headers: { 'content-type': 'application/json;charset=utf-8', 'X-ACCESSTOKEN-RESET': '2026-12-05T23:43:25-11:00' }, status_code, body } },
    message: 'composite sub request executed successfully',
    status: 'success',
  });

  it('gives each sub-request the Response a direct call would have: status, body, headers', async () => {
    const [record, none, refused] = parseComposite(
      { __composite_requests: [success(200, { data: [{ id: '1' }] }), success(204, null), success(400, { code: 'INVALID_QUERY', details: {}, message: 'bad', status: 'error' })] },
      3,
    )!;
    expect(record!.kind).toBe('answer');
    const answer = (record as { response: Response }).response;
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-accesstoken-reset')).toBe('2026-12-05T23:43:25-11:00');
    expect(await answer.json()).toEqual({ data: [{ id: '1' }] });
    expect((none as { response: Response }).response.status).toBe(204);
    expect(await (none as { response: Response }).response.text()).toBe('');
    expect((refused as { response: Response }).response.status).toBe(400);
  });

  it('says which sub-requests Zoho did not run, with its code; a missing entry is not run', () => {
    const outcomes = parseComposite(
      {
        __composite_requests: [
          { code: 'NOT_SUPPORTED', details: { api_name: 'uri', json_path: '$.__composite_requests[0].uri' }, message: 'not supported', status: 'error' },
          { code: 'PROCESSING_STOPPED', details: { rollbacked_by_sub_request_index: 0 }, message: 'stopped', status: 'error' },
        ],
      },
      3,
    );
    expect(outcomes).toEqual([
      { kind: 'not_run', code: 'NOT_SUPPORTED' },
      { kind: 'not_run', code: 'PROCESSING_STOPPED' },
      { kind: 'not_run', code: 'MISSING' },
    ]);
  });

  it('a sub-request that ran over the composite cap (LIMIT_EXCEEDED by limit, as in Zoho’s sample) is not run: it goes on its own', () => {
    expect(parseComposite({ __composite_requests: [success(400, { code: 'LIMIT_EXCEEDED', details: { by: 'limit', limit: 25 }, message: 'limit exceeded', status: 'error' })] }, 1)).toEqual([
      { kind: 'not_run', code: 'LIMIT_EXCEEDED' },
    ]);
  });

  it('is null for a body that is no composite answer', () => {
    expect(parseComposite({ code: 'INVALID_DATA', details: {}, message: 'invalid data', status: 'error' }, 2)).toBeNull();
    expect(parseComposite(null, 1)).toBeNull();
  });

  it.each<[number, string | null, boolean]>([
    [401, 'OAUTH_SCOPE_MISMATCH', true],
    [401, 'INVALID_TOKEN', false],
    [400, 'API_NOT_SUPPORTED', true],
    [400, 'INVALID_DATA', false],
    [403, 'NO_PERMISSION', true],
    [404, null, true],
    [429, 'TOO_MANY_REQUESTS', false],
    [500, 'INTERNAL_ERROR', false],
  ])('a composite refusal %i %s means "not for this connection": %s', (status, code, expected) => {
    expect(compositeRefused(status, code)).toBe(expected);
  });
});
