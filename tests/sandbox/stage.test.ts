// A deal's stage over time: the Stage_History related list, and the refusals Zoho can answer when
// a deal's Stage is changed (validation rule, Blueprint, permission), validated against record.json.
import { describe, expect, it } from 'vitest';
import { SEED } from '../../sandbox/seed';
import { apiJson, apiSend, control, login, useSandbox, WRITE_SCOPES } from './helpers';
import { validateAgainstOas } from './oas';

const sandbox = useSandbox();
const { deals, users } = SEED;
const DEAL = deals.acmeTelematics;

async function repToken(scope = WRITE_SCOPES): Promise<string> {
  return (await login(sandbox.url, { scope, userId: users.rep.id })).access_token;
}

describe('GET /Deals/{id}/Stage_History', () => {
  it('lists the stage changes newest first, as related records with the deal’s figures then', async () => {
    const { status, body } = await apiJson(sandbox.url, `/Deals/${deals.orchardLaneDelivery.id}/Stage_History`, await repToken());
    expect(status).toBe(200);
    expect(body.data.map((row: { Stage: string }) => row.Stage)).toEqual([
      'Closed Lost to Competition', 'Proposal/Price Quote', 'Id. Decision Makers', 'Value Proposition', 'Needs Analysis', 'Qualification',
    ]);
    expect(body.info).toEqual({ per_page: 200, count: 6, page: 1, more_records: false });
    expect(body.data[1]).toEqual({
      id: expect.stringMatching(/^\d{19}$/),
      Stage: 'Proposal/Price Quote',
      Amount: 44500,
      Probability: 75,
      Expected_Revenue: 33375,
      Closing_Date: '2026-10-23',
      // In the caller's zone (the rep's).
      Modified_Time: expect.stringMatching(/\+05:30$/),
      Modified_By: { name: 'Daniel Brooks', id: users.manager.id, email: users.manager.email },
      Duration_Days: 20,
    });
    // The stage the deal is in has no duration yet.
    expect(body.data[0].Duration_Days).toBeNull();
    const times = body.data.map((row: { Modified_Time: string }) => Date.parse(row.Modified_Time));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const control_ = await control(sandbox.url, 'GET', `/__sandbox/deals/${deals.orchardLaneDelivery.id}/stage-history`);
    expect(control_.history.map((change: { stage: string }) => change.stage).reverse()).toEqual(body.data.map((row: { Stage: string }) => row.Stage));
  });

  it('honours fields, per_page and page like the other related lists', async () => {
    const tokenValue = await repToken();
    const picked = await apiJson(sandbox.url, `/Deals/${deals.northgateYard.id}/Stage_History?fields=Stage,Duration_Days&per_page=2&page=2`, tokenValue);
    expect(picked.body.data).toEqual([
      { id: expect.any(String), Stage: 'Id. Decision Makers', Duration_Days: expect.any(Number) },
      { id: expect.any(String), Stage: 'Value Proposition', Duration_Days: expect.any(Number) },
    ]);
    expect(picked.body.info).toEqual({ per_page: 2, count: 2, page: 2, more_records: true });
  });

  it('gets a row for every stage change made through the API, and none for other edits', async () => {
    const tokenValue = await repToken();
    await apiSend(sandbox.url, 'PUT', `/Deals/${DEAL.id}`, tokenValue, { data: [{ Stage: 'Value Proposition', Amount: 50000 }] });
    await apiSend(sandbox.url, 'PUT', `/Deals/${DEAL.id}`, tokenValue, { data: [{ Next_Step: 'ROI summary' }] });
    const { body } = await apiJson(sandbox.url, `/Deals/${DEAL.id}/Stage_History`, tokenValue);
    expect(body.data.map((row: { Stage: string }) => row.Stage)).toEqual(['Value Proposition', 'Needs Analysis', 'Qualification']);
    expect(body.data[0]).toMatchObject({ Amount: 50000, Probability: 40, Expected_Revenue: 20000, Modified_By: { id: users.rep.id, name: 'Priya Raman' }, Duration_Days: null });
    expect(body.data[1].Duration_Days).toBeGreaterThanOrEqual(18);
  });

  it('answers 204 for a deal that does not exist, 400 for a malformed id, and is Deals only', async () => {
    const tokenValue = await repToken();
    expect((await apiJson(sandbox.url, '/Deals/4876876000000999999/Stage_History', tokenValue)).status).toBe(204);
    expect((await apiJson(sandbox.url, '/Deals/abc/Stage_History', tokenValue)).body).toMatchObject({ code: 'INVALID_DATA' });
    expect((await apiJson(sandbox.url, `/Contacts/${SEED.primary.contactId}/Stage_History`, tokenValue)).body).toMatchObject({ code: 'INVALID_URL_PATTERN' });
    // Related lists are case-insensitive like the Notes list.
    expect((await apiJson(sandbox.url, `/Deals/${DEAL.id}/stage_history`, tokenValue)).status).toBe(200);
  });

  it('needs the deals READ scope', async () => {
    const contactsOnly = await repToken('ZohoCRM.modules.contacts.READ');
    expect((await apiJson(sandbox.url, `/Deals/${DEAL.id}/Stage_History`, contactsOnly)).body).toMatchObject({ code: 'OAUTH_SCOPE_MISMATCH' });
    const dealsRead = await repToken('ZohoCRM.modules.deals.READ');
    expect((await apiJson(sandbox.url, `/Deals/${DEAL.id}/Stage_History`, dealsRead)).status).toBe(200);
  });
});

describe('refusals of a stage change (config stageRefusal)', () => {
  const RECORD_PUT = '/crm/v8/{module_api_name}/{id}';
  const BULK_PUT = '/crm/v8/{module_api_name}';

  async function unchanged(): Promise<void> {
    const deal = await control(sandbox.url, 'GET', `/__sandbox/records/Deals/${DEAL.id}`);
    expect(deal).toMatchObject({ Stage: 'Needs Analysis', Probability: 20, Next_Step: DEAL.Next_Step });
    const { history } = await control(sandbox.url, 'GET', `/__sandbox/deals/${DEAL.id}/stage-history`);
    expect(history.map((change: { stage: string }) => change.stage)).toEqual(['Qualification', 'Needs Analysis']);
  }

  it('is off by default, and refuses junk', async () => {
    expect((await control(sandbox.url, 'GET', '/__sandbox/config')).stageRefusal).toBeNull();
    for (const stageRefusal of [{ kind: 'validation_rule' }, { kind: 'validation_rule', message: '' }, { kind: 'workflow' }, { kind: 'blueprint', message: 'x' }, 'blueprint']) {
      const response = await fetch(`${sandbox.url}/__sandbox/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ stageRefusal }) });
      expect(response.status, JSON.stringify(stageRefusal)).toBe(400);
    }
  });

  it.each([
    [
      'a validation rule: INVALID_DATA on Stage with the rule’s alert message',
      { kind: 'validation_rule', message: 'A deal cannot move past Needs Analysis without a signed NDA.' },
      { code: 'INVALID_DATA', details: { api_name: 'Stage', json_path: '$.data[0].Stage' }, message: 'A deal cannot move past Needs Analysis without a signed NDA.', status: 'error' },
    ],
    ['a Blueprint: RECORD_IN_BLUEPRINT', { kind: 'blueprint' }, { code: 'RECORD_IN_BLUEPRINT', details: { id: DEAL.id }, message: 'The record is in blue print', status: 'error' }],
    ['no permission: NO_PERMISSION', { kind: 'permission' }, { code: 'NO_PERMISSION', details: { permissions: ['Crm_Implied_Edit_Deals'] }, message: 'permission denied', status: 'error' }],
  ])('%s; nothing changes (record.json)', async (_label, stageRefusal, expected) => {
    await control(sandbox.url, 'POST', '/__sandbox/config', { stageRefusal });
    const tokenValue = await repToken();
    const { status, body } = await apiSend(sandbox.url, 'PUT', `/Deals/${DEAL.id}`, tokenValue, { data: [{ Stage: 'Value Proposition', Next_Step: 'Present the ROI' }] });
    expect(status).toBe(400);
    expect(body).toEqual({ data: [expected] });
    expect(await validateAgainstOas('record.json', RECORD_PUT, 'put', status, body)).toEqual([]);
    await unchanged();
    // Edits that leave the Stage alone go through (the same Stage too).
    const other = await apiSend(sandbox.url, 'PUT', `/Deals/${DEAL.id}`, tokenValue, { data: [{ Stage: 'Needs Analysis', Next_Step: 'Call Ann' }] });
    expect(other.status).toBe(200);
    expect((await control(sandbox.url, 'GET', `/__sandbox/records/Deals/${DEAL.id}`)).Next_Step).toBe('Call Ann');
  });

  it('answers per record in a bulk update: 207 with the refusal beside the successes (record.json)', async () => {
    await control(sandbox.url, 'POST', '/__sandbox/config', { stageRefusal: { kind: 'validation_rule', message: 'Closing date must be set before Proposal.' } });
    const tokenValue = await repToken();
    const { status, body } = await apiSend(sandbox.url, 'PUT', '/Deals', tokenValue, {
      data: [
        { id: deals.acmeScanners.id, Next_Step: 'Send the revised quote' },
        { id: DEAL.id, Stage: 'Proposal/Price Quote' },
      ],
    });
    expect(status).toBe(207);
    expect(body.data[0]).toMatchObject({ code: 'SUCCESS', status: 'success' });
    expect(body.data[1]).toEqual({ code: 'INVALID_DATA', details: { api_name: 'Stage', json_path: '$.data[1].Stage' }, message: 'Closing date must be set before Proposal.', status: 'error' });
    expect(await validateAgainstOas('record.json', BULK_PUT, 'put', status, body)).toEqual([]);
    await unchanged();
  });

  it('checks the input first (an unknown stage is still INVALID_DATA picklist), and goes away with reset or null', async () => {
    await control(sandbox.url, 'POST', '/__sandbox/config', { stageRefusal: { kind: 'blueprint' } });
    const tokenValue = await repToken();
    const junk = await apiSend(sandbox.url, 'PUT', `/Deals/${DEAL.id}`, tokenValue, { data: [{ Stage: 'Won-ish' }] });
    expect(junk.body.data[0]).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'Stage', expected_data_type: 'picklist' } });
    await control(sandbox.url, 'POST', '/__sandbox/config', { stageRefusal: null });
    expect((await apiSend(sandbox.url, 'PUT', `/Deals/${DEAL.id}`, tokenValue, { data: [{ Stage: 'Value Proposition' }] })).status).toBe(200);
    await control(sandbox.url, 'POST', '/__sandbox/config', { stageRefusal: { kind: 'permission' } });
    await control(sandbox.url, 'POST', '/__sandbox/reset');
    expect((await control(sandbox.url, 'GET', '/__sandbox/config')).stageRefusal).toBeNull();
  });

  it('does not touch creates: a new deal gets its first stage', async () => {
    await control(sandbox.url, 'POST', '/__sandbox/config', { stageRefusal: { kind: 'blueprint' } });
    const created = await apiSend(sandbox.url, 'POST', '/Deals', await repToken(), { data: [{ Deal_Name: 'New one', Stage: 'Qualification' }] });
    expect(created.status).toBe(201);
  });
});
