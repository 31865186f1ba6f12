// Inserts, updates, deletes and notes through the API, with Zoho's per-record answers.
import { describe, expect, it } from 'vitest';
import { SEED } from '../../sandbox/seed';
import { apiJson, apiSend, control, login, useSandbox, WRITE_SCOPES } from './helpers';

const sandbox = useSandbox();
const rep = SEED.users.rep;

async function repToken(scope = WRITE_SCOPES): Promise<string> {
  return (await login(sandbox.url, { scope, userId: rep.id })).access_token;
}

const meeting = (extra: Record<string, unknown> = {}) => ({
  Event_Title: 'Pricing call',
  Start_DateTime: '2026-12-01T10:00:00+05:30',
  End_DateTime: '2026-12-01T10:30:00+05:30',
  ...extra,
});

describe('insert', () => {
  it('creates an event: 201, SUCCESS with audit details, lookups and participants resolved', async () => {
    const token = await repToken();
    const { status, body } = await apiSend(sandbox.url, 'POST', '/Events', token, {
      data: [
        meeting({
          Who_Id: { id: SEED.primary.contactId },
          What_Id: { id: SEED.primary.dealId },
          $se_module: 'Deals',
          Description: 'Agenda: volume tiers',
          Venue: 'Zoom',
          $send_notification: true,
          Participants: [
            { type: 'contact', participant: SEED.primary.contactId },
            { type: 'user', participant: SEED.users.manager.id },
            { type: 'email', participant: 'buyer@example.org' },
          ],
        }),
      ],
    });
    expect(status).toBe(201);
    expect(body.data).toHaveLength(1);
    const entry = body.data[0];
    expect(entry).toMatchObject({ code: 'SUCCESS', message: 'record added', status: 'success' });
    expect(entry.details).toMatchObject({ Created_By: { id: rep.id, name: 'Priya Raman' }, Modified_By: { id: rep.id, name: 'Priya Raman' } });
    expect(entry.details.id).toMatch(/^\d{19}$/);
    expect(entry.details.Created_Time).toMatch(/\+05:30$/);

    const stored = await apiJson(sandbox.url, `/Events/${entry.details.id}`, token);
    expect(stored.status).toBe(200);
    const event = stored.body.data[0];
    expect(event).toMatchObject({
      Event_Title: 'Pricing call',
      Start_DateTime: '2026-12-01T10:00:00+05:30',
      Owner: { id: rep.id, name: 'Priya Raman', email: rep.email },
      Who_Id: { id: SEED.primary.contactId, name: 'Ann Carter' },
      What_Id: { id: SEED.primary.dealId, name: 'Acme Logistics – Fleet Telematics Rollout' },
      $se_module: 'Deals',
      Venue: 'Zoom',
      Description: 'Agenda: volume tiers',
    });
    expect(event.Participants).toEqual([
      expect.objectContaining({ type: 'contact', participant: SEED.primary.contactId, name: 'Ann Carter', Email: 'ann@acme.com', invited: true, status: 'not_known' }),
      expect.objectContaining({ type: 'user', participant: SEED.users.manager.id, name: 'Daniel Brooks', Email: SEED.users.manager.email }),
      expect.objectContaining({ type: 'email', participant: 'buyer@example.org', name: 'buyer@example.org' }),
    ]);
    expect(event).not.toHaveProperty('$send_notification');
  });

  it('returns datetimes given with any offset in the caller’s time zone', async () => {
    const token = await repToken();
    const created = await apiSend(sandbox.url, 'POST', '/Events', token, {
      data: [meeting({ Start_DateTime: '2026-12-01T04:30:00Z', End_DateTime: '2026-12-01T00:00:00-05:00' })],
    });
    const id = created.body.data[0].details.id;
    const asRep = (await apiJson(sandbox.url, `/Events/${id}`, token)).body.data[0];
    expect([asRep.Start_DateTime, asRep.End_DateTime]).toEqual(['2026-12-01T10:00:00+05:30', '2026-12-01T10:30:00+05:30']);
    const manager = await login(sandbox.url, { scope: WRITE_SCOPES, userId: SEED.users.manager.id });
    const asManager = (await apiJson(sandbox.url, `/Events/${id}`, manager.access_token)).body.data[0];
    expect(asManager.Start_DateTime).toBe('2026-11-30T23:30:00-05:00');
  });

  it('Owner defaults to the token user and may name another user', async () => {
    const token = await repToken();
    const { body } = await apiSend(sandbox.url, 'POST', '/Tasks', token, {
      data: [{ Subject: 'Mine' }, { Subject: 'Daniel’s', Owner: { id: SEED.users.manager.id }, Due_Date: '2026-12-04', What_Id: { id: SEED.primary.dealId }, $se_module: 'Deals' }],
    });
    const [mine, his] = await Promise.all(body.data.map((entry: any) => apiJson(sandbox.url, `/Tasks/${entry.details.id}`, token)));
    expect(mine.body.data[0].Owner.id).toBe(rep.id);
    expect(his.body.data[0]).toMatchObject({ Owner: { id: SEED.users.manager.id, name: 'Daniel Brooks' }, Due_Date: '2026-12-04', What_Id: { name: 'Acme Logistics – Fleet Telematics Rollout' } });
  });

  it.each([
    ['Leads', { Last_Name: 'Ng' }, 'Company'],
    ['Leads', { Company: 'Acme' }, 'Last_Name'],
    ['Contacts', { First_Name: 'Ann' }, 'Last_Name'],
    ['Deals', { Deal_Name: 'X' }, 'Stage'],
    ['Deals', { Stage: 'Qualification' }, 'Deal_Name'],
    ['Events', { Event_Title: 'X', Start_DateTime: '2026-12-01T10:00:00+05:30' }, 'End_DateTime'],
    ['Tasks', { Subject: '  ' }, 'Subject'],
    ['Notes', { Note_Content: 'x' }, 'Parent_Id'],
    ['Notes', { Parent_Id: { module: { api_name: 'Deals' }, id: SEED.primary.dealId } }, 'Note_Content'],
    ['Accounts', { Website: 'x' }, 'Account_Name'],
  ])('%s without a mandatory field: 400 MANDATORY_NOT_FOUND (%j → %s)', async (module, record, field) => {
    const token = await repToken();
    const { status, body } = await apiSend(sandbox.url, 'POST', `/${module}`, token, { data: [record] });
    expect(status).toBe(400);
    expect(body.data).toEqual([
      { code: 'MANDATORY_NOT_FOUND', details: { api_name: field, json_path: `$.data[0].${field}` }, message: 'required field not found', status: 'error' },
    ]);
  });

  it.each([
    ['an end before the start', meeting({ End_DateTime: '2026-12-01T09:00:00+05:30' }), 'End_DateTime'],
    ['an end equal to the start', meeting({ End_DateTime: '2026-12-01T10:00:00+05:30' }), 'End_DateTime'],
    ['a datetime without offset', meeting({ Start_DateTime: '2026-12-01T10:00:00' }), 'Start_DateTime'],
    ['an unknown contact in Who_Id', meeting({ Who_Id: { id: '4876876000000999999' } }), 'Who_Id'],
    ['What_Id of the wrong module', meeting({ What_Id: { id: SEED.primary.contactId }, $se_module: 'Deals' }), 'What_Id'],
    ['an unknown $se_module', meeting({ What_Id: { id: SEED.primary.dealId }, $se_module: 'Widgets' }), '$se_module'],
    ['an unknown owner', meeting({ Owner: { id: '123' } }), 'Owner'],
    ['an unknown participant', meeting({ Participants: [{ type: 'lead', participant: SEED.primary.contactId }] }), 'Participants'],
    ['a non-boolean All_day', meeting({ All_day: 'yes' }), 'All_day'],
  ])('Events with %s: INVALID_DATA naming the field', async (_label, record, field) => {
    const token = await repToken();
    const { status, body } = await apiSend(sandbox.url, 'POST', '/Events', token, { data: [record] });
    expect(status).toBe(400);
    expect(body.data[0]).toMatchObject({ code: 'INVALID_DATA', details: { api_name: field }, message: 'invalid data', status: 'error' });
  });

  it('a wrong Parent_Id on a note is INVALID_DATA', async () => {
    const token = await repToken();
    const { status, body } = await apiSend(sandbox.url, 'POST', '/Notes', token, {
      data: [
        { Note_Content: 'x', Parent_Id: { module: { api_name: 'Deals' }, id: '4876876000000999999' } },
        { Note_Content: 'x', Parent_Id: { module: { api_name: 'Contacts' }, id: SEED.primary.dealId } },
      ],
    });
    expect(status).toBe(400);
    expect(body.data.map((entry: any) => [entry.code, entry.details.api_name])).toEqual([
      ['INVALID_DATA', 'Parent_Id'],
      ['INVALID_DATA', 'Parent_Id'],
    ]);
  });

  it('answers 207 when some records fail, in request order; only the good ones are stored', async () => {
    const token = await repToken();
    const before = await control(sandbox.url, 'GET', '/__sandbox/records/Leads');
    const { status, body } = await apiSend(sandbox.url, 'POST', '/Leads', token, {
      data: [{ Last_Name: 'One', Company: 'A' }, { Last_Name: 'Two' }, { Last_Name: 'Three', Company: 'C', Email: 'three@example.org' }],
    });
    expect(status).toBe(207);
    expect(body.data.map((entry: any) => entry.code)).toEqual(['SUCCESS', 'MANDATORY_NOT_FOUND', 'SUCCESS']);
    expect(body.data[1].details.json_path).toBe('$.data[1].Company');
    const after = await control(sandbox.url, 'GET', '/__sandbox/records/Leads');
    expect(after.count).toBe(before.count + 2);
    const three = after.records.find((lead: any) => lead.Last_Name === 'Three');
    expect(three).toMatchObject({ Full_Name: 'Three', Company: 'C', Email: 'three@example.org', First_Name: null });
  });

  it('refuses a second contact with the same email as DUPLICATE_DATA', async () => {
    const token = await repToken();
    const { status, body } = await apiSend(sandbox.url, 'POST', '/Contacts', token, { data: [{ Last_Name: 'Twin', Email: 'ANN@acme.com' }] });
    expect(status).toBe(400);
    expect(body.data[0]).toMatchObject({
      code: 'DUPLICATE_DATA',
      details: { api_name: 'Email', json_path: '$.data[0].Email', duplicate_record: { id: SEED.primary.contactId } },
      message: 'duplicate data',
    });
  });

  it('ignores fields the module does not have and read-only ones', async () => {
    const token = await repToken();
    const { body } = await apiSend(sandbox.url, 'POST', '/Contacts', token, {
      data: [{ Last_Name: 'Quiet', Nonsense: 1, Full_Name: 'Forged', Created_Time: '2001-01-01T00:00:00Z', id: '1' }],
    });
    const stored = await control(sandbox.url, 'GET', `/__sandbox/records/Contacts/${body.data[0].details.id}`);
    expect(stored).not.toHaveProperty('Nonsense');
    expect(stored.Full_Name).toBe('Quiet');
    expect(stored.Created_Time).not.toContain('2001');
    expect(stored.id).not.toBe('1');
  });

  it.each([
    ['no data', {}, 400, 'REQUIRED_PARAM_MISSING'],
    ['an empty data array', { data: [] }, 400, 'REQUIRED_PARAM_MISSING'],
    ['data that is not an array', { data: { Subject: 'x' } }, 400, 'INVALID_DATA'],
    ['a body that is not JSON', '{nope', 400, 'INVALID_DATA'],
    ['101 records', { data: Array.from({ length: 101 }, (_, i) => ({ Subject: `t${i}` })) }, 400, 'LIMIT_EXCEEDED'],
  ])('refuses %s as a whole', async (_label, payload, status, code) => {
    const token = await repToken();
    const response = await apiSend(sandbox.url, 'POST', '/Tasks', token, payload);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ code, status: 'error' });
  });

  it('accepts 100 records in one call', async () => {
    const token = await repToken();
    const { status, body } = await apiSend(sandbox.url, 'POST', '/Tasks', token, { data: Array.from({ length: 100 }, (_, i) => ({ Subject: `bulk ${i}` })) });
    expect(status).toBe(201);
    expect(new Set(body.data.map((entry: any) => entry.details.id)).size).toBe(100);
  });
});

describe('write scopes', () => {
  const MISMATCH = { status: 401, body: { code: 'OAUTH_SCOPE_MISMATCH' } };

  it('needs the module’s CREATE, UPDATE or DELETE (or WRITE, or ALL)', async () => {
    const create = await repToken('ZohoCRM.modules.events.CREATE,ZohoCRM.modules.events.READ');
    const created = await apiSend(sandbox.url, 'POST', '/Events', create, { data: [meeting()] });
    expect(created.status).toBe(201);
    const id = created.body.data[0].details.id;
    expect(await apiSend(sandbox.url, 'PUT', `/Events/${id}`, create, { data: [{ Venue: 'x' }] })).toMatchObject(MISMATCH);
    expect(await apiSend(sandbox.url, 'DELETE', `/Events/${id}`, create)).toMatchObject(MISMATCH);
    expect(await apiSend(sandbox.url, 'POST', '/Tasks', create, { data: [{ Subject: 'x' }] })).toMatchObject(MISMATCH);

    const update = await repToken('ZohoCRM.modules.events.UPDATE');
    expect((await apiSend(sandbox.url, 'PUT', `/Events/${id}`, update, { data: [{ Venue: 'x' }] })).status).toBe(200);
    const write = await repToken('ZohoCRM.modules.events.WRITE');
    expect((await apiSend(sandbox.url, 'PUT', `/Events/${id}`, write, { data: [{ Venue: 'y' }] })).status).toBe(200);
    const remove = await repToken('ZohoCRM.modules.events.DELETE');
    expect((await apiSend(sandbox.url, 'DELETE', `/Events/${id}`, remove)).status).toBe(200);
    const all = await repToken('ZohoCRM.modules.ALL');
    expect((await apiSend(sandbox.url, 'POST', '/Notes', all, { data: [{ Note_Content: 'x', Parent_Id: { module: { api_name: 'Deals' }, id: SEED.primary.dealId } }] })).status).toBe(201);
  });
});

describe('update', () => {
  it('PUT /{Module}/{id} answers "record updated" and bumps Modified_Time, keeping Created_Time', async () => {
    const token = await repToken();
    const id = SEED.events.acmeDiscovery.id;
    const before = await control(sandbox.url, 'GET', `/__sandbox/records/Events/${id}`);
    const { status, body } = await apiSend(sandbox.url, 'PUT', `/Events/${id}`, token, {
      data: [{ Start_DateTime: '2026-12-02T11:00:00+05:30', End_DateTime: '2026-12-02T12:00:00+05:30' }],
    });
    expect(status).toBe(200);
    expect(body.data[0]).toMatchObject({ code: 'SUCCESS', message: 'record updated', details: { id } });
    const after = await control(sandbox.url, 'GET', `/__sandbox/records/Events/${id}`);
    expect(Date.parse(after.Modified_Time)).toBeGreaterThan(Date.parse(before.Modified_Time));
    expect(after.Created_Time).toBe(before.Created_Time);
    expect(after.Participants).toEqual(before.Participants);
    expect(Date.parse(after.Start_DateTime)).toBe(Date.parse('2026-12-02T11:00:00+05:30'));
  });

  it('checks the merged record: moving only the end before the start is INVALID_DATA', async () => {
    const token = await repToken();
    const event = SEED.events.acmeDiscovery;
    const { status, body } = await apiSend(sandbox.url, 'PUT', `/Events/${event.id}`, token, { data: [{ End_DateTime: event.Start_DateTime }] });
    expect(status).toBe(400);
    expect(body.data[0]).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'End_DateTime' } });
  });

  it('clearing a mandatory field is MANDATORY_NOT_FOUND', async () => {
    const token = await repToken();
    const { body } = await apiSend(sandbox.url, 'PUT', `/Deals/${SEED.primary.dealId}`, token, { data: [{ Deal_Name: null }] });
    expect(body.data[0]).toMatchObject({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Deal_Name' } });
  });

  it('PUT /{Module} updates by data[i].id: 207 with an unknown id and a missing one', async () => {
    const token = await repToken();
    const { status, body } = await apiSend(sandbox.url, 'PUT', '/Deals', token, {
      data: [{ id: SEED.primary.dealId, Stage: 'Proposal/Price Quote' }, { id: '4876876000000999999', Stage: 'Closed Won' }, { Stage: 'Closed Won' }],
    });
    expect(status).toBe(207);
    expect(body.data).toEqual([
      expect.objectContaining({ code: 'SUCCESS', message: 'record updated' }),
      { code: 'INVALID_DATA', details: { id: '4876876000000999999' }, message: 'the id given seems to be invalid', status: 'error' },
      { code: 'MANDATORY_NOT_FOUND', details: { api_name: 'id', json_path: '$.data[2].id' }, message: 'required field not found', status: 'error' },
    ]);
    const deal = await control(sandbox.url, 'GET', `/__sandbox/records/Deals/${SEED.primary.dealId}`);
    expect(deal).toMatchObject({ Stage: 'Proposal/Price Quote', Probability: 75, Expected_Revenue: 36000 });
  });

  it('keeps a stage history per deal', async () => {
    const token = await repToken();
    const path = `/__sandbox/deals/${SEED.primary.dealId}/stage-history`;
    expect((await control(sandbox.url, 'GET', path)).history.map((change: any) => change.stage)).toEqual(['Qualification', 'Needs Analysis']);
    await apiSend(sandbox.url, 'PUT', `/Deals/${SEED.primary.dealId}`, token, { data: [{ Stage: 'Value Proposition' }] });
    await apiSend(sandbox.url, 'PUT', `/Deals/${SEED.primary.dealId}`, token, { data: [{ Next_Step: 'no stage change' }] });
    await apiSend(sandbox.url, 'PUT', `/Deals/${SEED.primary.dealId}`, token, { data: [{ Stage: 'Closed Won' }] });
    const { history } = await control(sandbox.url, 'GET', path);
    expect(history.map((change: any) => change.stage)).toEqual(['Qualification', 'Needs Analysis', 'Value Proposition', 'Closed Won']);
    expect(history[3]).toMatchObject({ by: { id: rep.id, name: 'Priya Raman' } });
    expect(history[3].changedAt).toMatch(/\+05:30$/);
    const created = await apiSend(sandbox.url, 'POST', '/Deals', token, { data: [{ Deal_Name: 'New', Stage: 'Qualification', Amount: 1000 }] });
    const fresh = await control(sandbox.url, 'GET', `/__sandbox/deals/${created.body.data[0].details.id}/stage-history`);
    expect(fresh.history.map((change: any) => change.stage)).toEqual(['Qualification']);
    expect(await control(sandbox.url, 'GET', `/__sandbox/records/Deals/${created.body.data[0].details.id}`)).toMatchObject({ Probability: 10, Expected_Revenue: 100 });
  });

  it('completing a task sets Closed_Time; an unknown picklist value is INVALID_DATA', async () => {
    const token = await repToken();
    const id = SEED.tasks.sendProposalAcme.id;
    await apiSend(sandbox.url, 'PUT', `/Tasks/${id}`, token, { data: [{ Status: 'Completed' }] });
    expect((await control(sandbox.url, 'GET', `/__sandbox/records/Tasks/${id}`)).Closed_Time).toMatch(/\+05:30$/);
    const bad = await apiSend(sandbox.url, 'PUT', `/Tasks/${id}`, token, { data: [{ Status: 'Done-ish' }] });
    expect(bad.body.data[0]).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'Status' } });
  });
});

describe('delete', () => {
  it('DELETE /{Module}/{id}: "record deleted", then the record is gone', async () => {
    const token = await repToken();
    const id = SEED.events.acmeDiscovery.id;
    const { status, body } = await apiSend(sandbox.url, 'DELETE', `/Events/${id}`, token);
    expect(status).toBe(200);
    expect(body).toEqual({ data: [{ code: 'SUCCESS', details: { id }, message: 'record deleted', status: 'success' }] });
    expect((await apiJson(sandbox.url, `/Events/${id}`, token)).status).toBe(204);
    const again = await apiSend(sandbox.url, 'DELETE', `/Events/${id}`, token);
    expect(again.status).toBe(400);
    expect(again.body.data[0]).toEqual({ code: 'INVALID_DATA', details: { id }, message: 'the id given seems to be invalid', status: 'error' });
  });

  it('DELETE /{Module}?ids=: per id, 207 when some are unknown; ids is required', async () => {
    const token = await repToken();
    const ids = [SEED.tasks.sendProposalAcme.id, '4876876000000999999', SEED.tasks.msaRedlines.id];
    const { status, body } = await apiSend(sandbox.url, 'DELETE', `/Tasks?ids=${ids.join(',')}`, token);
    expect(status).toBe(207);
    expect(body.data.map((entry: any) => [entry.code, entry.details.id])).toEqual([
      ['SUCCESS', ids[0]],
      ['INVALID_DATA', ids[1]],
      ['SUCCESS', ids[2]],
    ]);
    expect((await apiSend(sandbox.url, 'DELETE', '/Tasks', token)).body).toMatchObject({ code: 'REQUIRED_PARAM_MISSING', details: { param: 'ids' } });
  });

  it('deleting a note that does not exist says "record not deleted"', async () => {
    const token = await repToken();
    const { body } = await apiSend(sandbox.url, 'DELETE', '/Notes/4876876000000999999', token);
    expect(body.data[0]).toMatchObject({ code: 'INVALID_DATA', message: 'record not deleted', details: { id: '4876876000000999999' } });
  });

  it('deleting a deal deletes its notes', async () => {
    const token = await repToken();
    const dealId = SEED.deals.sahyadriErp.id;
    const notesBefore = await control(sandbox.url, 'GET', `/__sandbox/records/Notes?where=Parent_Id:${dealId}`);
    expect(notesBefore.count).toBeGreaterThan(0);
    await apiSend(sandbox.url, 'DELETE', `/Deals/${dealId}`, token);
    expect((await control(sandbox.url, 'GET', `/__sandbox/records/Notes?where=Parent_Id:${dealId}`)).count).toBe(0);
  });
});

describe('notes', () => {
  it('GET /{Module}/{id}/Notes lists a record’s notes in Zoho’s own order (sort parameters ignored), with Parent_Id expanded', async () => {
    const token = await repToken();
    const created = await apiSend(sandbox.url, 'POST', '/Notes', token, {
      data: [{ Note_Title: 'Call', Note_Content: 'They want it by Friday.', Parent_Id: { module: { api_name: 'Deals' }, id: SEED.primary.dealId } }],
    });
    expect(created.status).toBe(201);
    const { status, body } = await apiJson(sandbox.url, `/Deals/${SEED.primary.dealId}/Notes`, token);
    expect(status).toBe(200);
    const ids = body.data.map((note: any) => note.id);
    // Related lists take no sort (related_records.json, the SDK's GetRelatedRecordsParam): the
    // sandbox's own order is creation order, so the note just written comes last, not first.
    expect(ids.at(-1)).toBe(created.body.data[0].details.id);
    expect([...ids].sort((a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : 1))).toEqual(ids);
    expect(ids).toEqual(expect.arrayContaining([SEED.notes.budgetApproved.id, SEED.notes.acmeDiscoverySummary.id, SEED.notes.acmeTranscript.id]));
    expect(body.data.every((note: any) => note.Parent_Id.id === SEED.primary.dealId)).toBe(true);
    expect(body.data.at(-1)).toMatchObject({
      Note_Title: 'Call',
      Note_Content: 'They want it by Friday.',
      Parent_Id: { module: { api_name: 'Deals', id: expect.stringMatching(/^\d+$/) }, id: SEED.primary.dealId, name: 'Acme Logistics – Fleet Telematics Rollout' },
      Owner: { id: rep.id },
      $attachments: [],
      $voice_note: false,
    });
    expect(body.info).toMatchObject({ count: body.data.length, more_records: false });
    for (const query of ['sort_order=desc&sort_by=Created_Time', 'sort_order=asc&sort_by=Modified_Time', 'sort_by=nonsense']) {
      const sorted = await apiJson(sandbox.url, `/Deals/${SEED.primary.dealId}/Notes?${query}`, token);
      expect(sorted.body.data.map((note: any) => note.id), query).toEqual(ids);
    }
  });

  it('answers 204 for a record without notes; other related lists are not served', async () => {
    const token = await repToken();
    const none = await apiJson(sandbox.url, `/Leads/${SEED.leads.fatimaAlSayed.id}/Notes`, token);
    expect(none.status).toBe(204);
    expect((await apiJson(sandbox.url, `/Deals/${SEED.primary.dealId}/Attachments`, token)).body.code).toBe('INVALID_URL_PATTERN');
  });

  it('GET /Notes needs fields and pages through every note', async () => {
    const token = await repToken();
    expect((await apiJson(sandbox.url, '/Notes', token)).body.code).toBe('REQUIRED_PARAM_MISSING');
    const { status, body } = await apiJson(sandbox.url, '/Notes?fields=Note_Title,Parent_Id&per_page=5', token);
    expect(status).toBe(200);
    expect(body.data).toHaveLength(5);
    expect(Object.keys(body.data[0]).sort()).toEqual(['Note_Title', 'Parent_Id', 'id']);
    expect(body.info).toMatchObject({ per_page: 5, page: 1, more_records: true });
  });

  it('needs notes READ as well as the parent module’s READ', async () => {
    const dealsOnly = await repToken('ZohoCRM.modules.deals.READ');
    expect((await apiJson(sandbox.url, `/Deals/${SEED.primary.dealId}/Notes`, dealsOnly)).body.code).toBe('OAUTH_SCOPE_MISMATCH');
    const both = await repToken('ZohoCRM.modules.deals.READ,ZohoCRM.modules.notes.READ');
    expect((await apiJson(sandbox.url, `/Deals/${SEED.primary.dealId}/Notes`, both)).status).toBe(200);
  });
});

describe('faults on writes', () => {
  it('a connection dropped after a create leaves the record created exactly once', async () => {
    const token = await repToken();
    await control(sandbox.url, 'POST', '/__sandbox/faults', { match: { method: 'POST', path: '/crm/v8/Events' }, count: 1, drop: 'after' });
    const marker = 'stagecoach:op=7f3a9c';
    await expect(apiSend(sandbox.url, 'POST', '/Events', token, { data: [meeting({ Description: `Agenda\n\n${marker}` })] })).rejects.toThrow();
    const found = await control(sandbox.url, 'GET', `/__sandbox/records/Events?contains=${encodeURIComponent(marker)}`);
    expect(found.count).toBe(1);
    const log = await control(sandbox.url, 'GET', '/__sandbox/log');
    expect(log.entries.at(-1)).toMatchObject({ method: 'POST', path: '/crm/v8/Events', status: 0, fault: 'after' });
  });

  it('malformed: the write happens, the answer is 200 {"data":"oops"}', async () => {
    const token = await repToken();
    await control(sandbox.url, 'POST', '/__sandbox/faults', { match: { path: '/crm/v8/Tasks' }, count: 1, malformed: true });
    const response = await apiSend(sandbox.url, 'POST', '/Tasks', token, { data: [{ Subject: 'malformed-marker' }] });
    expect(response).toMatchObject({ status: 200, body: { data: 'oops' } });
    expect((await control(sandbox.url, 'GET', '/__sandbox/records/Tasks?contains=malformed-marker')).count).toBe(1);
    expect((await control(sandbox.url, 'GET', '/__sandbox/log')).entries.at(-1)).toMatchObject({ status: 200, fault: 'malformed' });
  });

  it('truncated: the write happens, the body stops after {"data":[{', async () => {
    const token = await repToken();
    await control(sandbox.url, 'POST', '/__sandbox/faults', { match: { path: '/crm/v8/Tasks' }, count: 1, truncated: true });
    const response = await fetch(`${sandbox.url}/crm/v8/Tasks`, {
      method: 'POST',
      headers: { authorization: `Zoho-oauthtoken ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ data: [{ Subject: 'truncated-marker' }] }),
    });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect((await control(sandbox.url, 'GET', '/__sandbox/records/Tasks?contains=truncated-marker')).count).toBe(1);
  });
});
