// Control API additions: records behind the extension's back, listing by field or text, deals'
// stage history, and the malformed / truncated fault variants' validation.
import { describe, expect, it } from 'vitest';
import { SEED } from '../../sandbox/seed';
import { apiJson, control, login, useSandbox, WRITE_SCOPES } from './helpers';

const sandbox = useSandbox();

async function send(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const slot = {
  Event_Title: 'Slot taken meanwhile',
  Start_DateTime: '2026-12-01T10:00:00+05:30',
  End_DateTime: '2026-12-01T11:00:00+05:30',
  Participants: [{ type: 'contact', participant: SEED.primary.contactId }],
};

describe('POST /__sandbox/records/:module', () => {
  it('creates a record the API then serves, owned by the signed-in user', async () => {
    const { status, body } = await send('POST', '/__sandbox/records/Events', slot);
    expect(status).toBe(201);
    expect(body).toMatchObject({ Event_Title: 'Slot taken meanwhile', Owner: { id: SEED.users.rep.id }, Participants: [{ name: 'Ann Carter', type: 'contact' }] });
    const tokens = await login(sandbox.url, { scope: WRITE_SCOPES });
    expect((await apiJson(sandbox.url, `/Events/${body.id}`, tokens.access_token)).body.data[0].Event_Title).toBe('Slot taken meanwhile');
  });

  it('creates as another seeded user with ?as=', async () => {
    const { body } = await send('POST', `/__sandbox/records/Tasks?as=${SEED.users.manager.id}`, { Subject: 'Behind your back' });
    expect(body).toMatchObject({ Owner: { id: SEED.users.manager.id }, Created_By: { id: SEED.users.manager.id } });
  });

  it('validates like the API: 400 with the reason and Zoho’s per-record error', async () => {
    const { status, body } = await send('POST', '/__sandbox/records/Events', { ...slot, End_DateTime: slot.Start_DateTime });
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'bad_request', reason: expect.stringContaining('INVALID_DATA'), zoho: { code: 'INVALID_DATA', details: { api_name: 'End_DateTime' } } });
    expect((await send('POST', '/__sandbox/records/Leads', { Last_Name: 'x' })).body.zoho).toMatchObject({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Company' } });
  });

  it.each([
    ['a body that is not an object', '[1,2]', 400],
    ['a body that is not JSON', '{', 400],
    ['an unknown user', { Subject: 'x' }, 400, '?as=123'],
    ['an unknown query parameter', { Subject: 'x' }, 400, '?owner=1'],
  ])('refuses %s', async (_label, body, status, query = '') => {
    expect((await send('POST', `/__sandbox/records/Tasks${query}`, body)).status).toBe(status);
  });

  it('answers 404 for an unknown module', async () => {
    expect((await send('POST', '/__sandbox/records/Widgets', { x: 1 })).status).toBe(404);
  });
});

describe('GET /__sandbox/records/:module', () => {
  it('lists everything, or by Field:value (lookups by id or name), or by text anywhere', async () => {
    const all = await control(sandbox.url, 'GET', '/__sandbox/records/Deals');
    expect(all.count).toBe(Object.keys(SEED.deals).length);
    const mine = await control(sandbox.url, 'GET', `/__sandbox/records/Potentials?where=Owner:${SEED.users.admin.id}`);
    expect(mine.records.map((r: any) => r.id)).toEqual([SEED.deals.brandtRenewal.id]);
    const byName = await control(sandbox.url, 'GET', `/__sandbox/records/Deals?where=${encodeURIComponent('Account_Name:Acme Logistics')}&where=${encodeURIComponent('Stage:Needs Analysis')}`);
    expect(byName.records.map((r: any) => r.id)).toEqual([SEED.primary.dealId]);
    const text = await control(sandbox.url, 'GET', '/__sandbox/records/Notes?contains=legal%20review%20of%20the%20contract');
    expect(text.records.map((r: any) => r.id)).toEqual([SEED.notes.legalReview.id]);
    // Nested strings count too (participants' names).
    expect((await control(sandbox.url, 'GET', '/__sandbox/records/Events?contains=JoAnn%20Whitfield')).count).toBeGreaterThan(0);
  });

  it('counts what a marker finds after a create', async () => {
    await send('POST', '/__sandbox/records/Notes', { Note_Content: 'op:abc123', Parent_Id: { module: { api_name: 'Deals' }, id: SEED.primary.dealId } });
    expect((await control(sandbox.url, 'GET', '/__sandbox/records/Notes?contains=op:abc123')).count).toBe(1);
  });

  it.each([
    ['a where without a colon', '?where=Owner'],
    ['an unknown parameter', '?search=x'],
    ['an empty contains', '?contains='],
    ['contains twice', '?contains=a&contains=b'],
  ])('refuses %s with 400 and the reason', async (_label, query) => {
    const { status, body } = await send('GET', `/__sandbox/records/Deals${query}`);
    expect(status).toBe(400);
    expect(body.reason).toEqual(expect.any(String));
  });
});

describe('DELETE /__sandbox/records/:module/:id', () => {
  it('deletes once, then 404', async () => {
    const id = SEED.events.acmeDiscovery.id;
    expect(await send('DELETE', `/__sandbox/records/Events/${id}`)).toEqual({ status: 200, body: { status: 'deleted', id } });
    expect((await send('GET', `/__sandbox/records/Events/${id}`)).status).toBe(404);
    expect((await send('DELETE', `/__sandbox/records/Events/${id}`)).status).toBe(404);
  });
});

describe('stage history', () => {
  it('serves a deal’s history and 404 for anything else', async () => {
    const { body } = await send('GET', `/__sandbox/deals/${SEED.primary.dealId}/stage-history`);
    const by = { id: SEED.users.rep.id, name: 'Priya Raman' };
    expect(body).toEqual({
      dealId: SEED.primary.dealId,
      history: [
        { stage: 'Qualification', changedAt: expect.stringMatching(/\+05:30$/), by },
        { stage: 'Needs Analysis', changedAt: expect.stringMatching(/\+05:30$/), by },
      ],
    });
    // Created in Qualification; in Needs Analysis since some days before the reset.
    expect(Date.parse(body.history[0].changedAt)).toBe(Date.parse(String(SEED.deals.acmeTelematics.Created_Time)));
    const daysInStage = (Date.now() - Date.parse(body.history[1].changedAt)) / 86_400_000;
    expect(daysInStage).toBeGreaterThan(18);
    expect(daysInStage).toBeLessThan(22);
    expect((await send('GET', `/__sandbox/deals/${SEED.primary.contactId}/stage-history`)).status).toBe(404);
  });
});

describe('fault variants', () => {
  it.each([
    ['malformed with a status', { count: 1, malformed: true, status: 500 }],
    ['truncated with a drop', { count: 1, truncated: true, drop: 'after' }],
    ['malformed: false', { count: 1, malformed: false }],
    ['a body without a status', { count: 1, body: { x: 1 } }],
    ['no effect at all', { count: 1 }],
  ])('refuses %s', async (_label, fault) => {
    const { status, body } = await send('POST', '/__sandbox/faults', fault);
    expect(status).toBe(400);
    expect(body.reason).toEqual(expect.any(String));
  });

  it('malformed applies to reads too', async () => {
    const tokens = await login(sandbox.url, { scope: WRITE_SCOPES });
    await control(sandbox.url, 'POST', '/__sandbox/faults', { match: { path: '/crm/v8/users' }, count: 1, malformed: true });
    expect(await apiJson(sandbox.url, '/users?type=CurrentUser', tokens.access_token)).toMatchObject({ status: 200, body: { data: 'oops' } });
    expect((await apiJson(sandbox.url, '/users?type=CurrentUser', tokens.access_token)).body.users).toHaveLength(1);
  });
});
