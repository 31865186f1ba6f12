// Pipeline metadata under /settings: layouts, the Deals pipeline and field metadata with the Stage
// pick list, checked against Zoho's OpenAPI files (layouts.json, pipeline.json, fields.json).
import { describe, expect, it } from 'vitest';
import { STAGE_NAMES, STAGE_PROBABILITY } from '../../sandbox/fields';
import { SEED, STAGES } from '../../sandbox/seed';
import { apiJson, apiSend, login, useSandbox } from './helpers';
import { validateAgainstOas } from './oas';

const sandbox = useSandbox();
const SETTINGS = 'ZohoCRM.settings.layouts.READ,ZohoCRM.settings.pipeline.READ,ZohoCRM.settings.fields.READ';
const LAYOUTS = '/crm/v8/settings/layouts';
const PIPELINE = '/crm/v8/settings/pipeline';
const FIELDS = '/crm/v8/settings/fields';

async function token(scope = SETTINGS): Promise<string> {
  return (await login(sandbox.url, { scope })).access_token;
}

describe('GET /settings/layouts', () => {
  it('answers the one standard Deals layout, with its sections and fields (layouts.json)', async () => {
    const { status, body } = await apiJson(sandbox.url, '/settings/layouts?module=Deals', await token());
    expect(status).toBe(200);
    expect(await validateAgainstOas('layouts.json', LAYOUTS, 'get', status, body)).toEqual([]);
    expect(body.layouts).toHaveLength(1);
    const [layout] = body.layouts;
    expect(layout).toMatchObject({ id: expect.stringMatching(/^\d{19}$/), name: 'Standard', status: 'active' });
    const fields = layout.sections.flatMap((section: { fields: Array<{ api_name: string }> }) => section.fields.map((field) => field.api_name));
    expect(fields).toEqual(expect.arrayContaining(['Deal_Name', 'Stage', 'Amount', 'Closing_Date', 'Description']));
    const single = await apiJson(sandbox.url, `/settings/layouts/${layout.id}?module=Deals`, await token());
    expect(single.body).toEqual(body);
    expect(await validateAgainstOas('layouts.json', `${LAYOUTS}/{id}`, 'get', single.status, single.body)).toEqual([]);
  });

  it.each(['Contacts', 'Leads', 'Accounts', 'Events', 'Tasks'])('serves a layout for %s too, a different one', async (module) => {
    const tokenValue = await token();
    const { status, body } = await apiJson(sandbox.url, `/settings/layouts?module=${module}`, tokenValue);
    expect(await validateAgainstOas('layouts.json', LAYOUTS, 'get', status, body)).toEqual([]);
    const deals = await apiJson(sandbox.url, '/settings/layouts?module=Deals', tokenValue);
    expect(body.layouts[0].id).not.toBe(deals.body.layouts[0].id);
    // A layout id of another module is no layout of this one.
    expect((await apiJson(sandbox.url, `/settings/layouts/${deals.body.layouts[0].id}?module=${module}`, tokenValue)).status).toBe(204);
  });

  it.each([
    ['no module', '/settings/layouts', { code: 'REQUIRED_PARAM_MISSING', details: { param: 'module' } }],
    ['an unknown module', '/settings/layouts?module=Widgets', { code: 'INVALID_MODULE' }],
    ['Notes (no layouts)', '/settings/layouts?module=Notes', { code: 'INVALID_MODULE' }],
  ])('%s is a 400 Zoho error (layouts.json)', async (_label, path, expected) => {
    const { status, body } = await apiJson(sandbox.url, path, await token());
    expect(status).toBe(400);
    expect(body).toMatchObject({ ...expected, status: 'error' });
    expect(await validateAgainstOas('layouts.json', LAYOUTS, 'get', status, body)).toEqual([]);
  });
});

describe('GET /settings/pipeline', () => {
  it('answers the Deals layout’s pipelines, named as Zoho names them: the standard one with every stage in order, and the renewals one (pipeline.json)', async () => {
    const tokenValue = await token();
    const layout = (await apiJson(sandbox.url, '/settings/layouts?module=Deals', tokenValue)).body.layouts[0];
    const { status, body } = await apiJson(sandbox.url, `/settings/pipeline?layout_id=${layout.id}`, tokenValue);
    expect(status).toBe(200);
    expect(await validateAgainstOas('pipeline.json', PIPELINE, 'get', status, body)).toEqual([]);
    expect(body.pipeline).toHaveLength(2);
    const [pipeline, renewals] = body.pipeline;
    // "Standard (Standard)": the pipeline's name, then its layout's (get-pipelines.html v6 sample response).
    expect(pipeline).toMatchObject({ display_value: 'Standard (Standard)', actual_value: 'Standard (Standard)', default: true, child_available: false, id: expect.stringMatching(/^\d{19}$/) });
    expect(renewals).toMatchObject({ display_value: 'Renewals (Standard)', actual_value: 'Renewals (Standard)', default: false, child_available: false, id: expect.stringMatching(/^\d{19}$/) });
    expect(renewals.id).not.toBe(pipeline.id);
    expect(renewals.maps.map((map: { actual_value: string }) => map.actual_value)).toEqual(['Qualification', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost']);
    expect(renewals.maps.map((map: { sequence_number: number }) => map.sequence_number)).toEqual([1, 2, 3, 4, 5]);
    // The same stage is the same pick list value in every pipeline (maps[].id).
    expect(renewals.maps[1].id).toBe(pipeline.maps.find((map: { actual_value: string }) => map.actual_value === 'Proposal/Price Quote').id);
    // Every seeded deal names one of them in its Pipeline field.
    const names = body.pipeline.map((p: { actual_value: string }) => p.actual_value);
    const deals = Object.values(SEED.deals).map((deal) => deal.Pipeline);
    expect(deals.every((name) => names.includes(name))).toBe(true);
    expect(deals.filter((name) => name === 'Renewals (Standard)').length).toBeGreaterThanOrEqual(2);
    expect(pipeline.maps.map((map: { actual_value: string }) => map.actual_value)).toEqual([...STAGE_NAMES]);
    expect(pipeline.maps.map((map: { sequence_number: number }) => map.sequence_number)).toEqual(STAGE_NAMES.map((_, i) => i + 1));
    expect(pipeline.maps.map((map: { forecast_type: string }) => map.forecast_type)).toEqual(STAGES.map((stage) => stage.forecastType));
    expect(pipeline.maps[0]).toMatchObject({ display_value: 'Qualification', forecast_category: { name: 'Pipeline', id: expect.any(String) } });
    expect(pipeline.maps.at(-1)).toMatchObject({ display_value: 'Closed Lost to Competition', forecast_type: 'Closed Lost', forecast_category: { name: 'Omitted' } });
  });

  it.each([
    ['no layout_id', '/settings/pipeline', { code: 'REQUIRED_PARAM_MISSING', details: { param: 'layout_id' } }],
    ['an unknown layout_id', '/settings/pipeline?layout_id=4876876000000999999', { code: 'INVALID_DATA', details: { param_name: 'layout_id' } }],
  ])('%s is a 400 Zoho error (pipeline.json)', async (_label, path, expected) => {
    const { status, body } = await apiJson(sandbox.url, path, await token());
    expect(status).toBe(400);
    expect(body).toMatchObject({ ...expected, status: 'error' });
    expect(await validateAgainstOas('pipeline.json', PIPELINE, 'get', status, body)).toEqual([]);
  });

  it('has no pipeline for another module’s layout', async () => {
    const tokenValue = await token();
    const contacts = (await apiJson(sandbox.url, '/settings/layouts?module=Contacts', tokenValue)).body.layouts[0];
    expect((await apiJson(sandbox.url, `/settings/pipeline?layout_id=${contacts.id}`, tokenValue)).body).toMatchObject({ code: 'INVALID_DATA' });
  });
});

describe('GET /settings/fields', () => {
  it('describes the Stage field with its pick list: probability, forecast type and category (fields.json)', async () => {
    const tokenValue = await token();
    const { status, body } = await apiJson(sandbox.url, '/settings/fields?module=Deals', tokenValue);
    expect(status).toBe(200);
    expect(await validateAgainstOas('fields.json', FIELDS, 'get', status, body)).toEqual([]);
    const stage = body.fields.find((field: { api_name: string }) => field.api_name === 'Stage');
    expect(stage).toMatchObject({ data_type: 'picklist', system_mandatory: true, display_label: 'Stage', id: expect.stringMatching(/^\d{19}$/) });
    expect(stage.pick_list_values).toEqual(
      STAGE_NAMES.map((name, i) => ({
        display_value: name,
        actual_value: name,
        reference_value: name,
        sequence_number: i + 1,
        probability: STAGE_PROBABILITY[name],
        forecast_type: STAGES[i]?.forecastType,
        forecast_category: { name: expect.any(String), id: expect.any(String) },
        colour_code: null,
        id: expect.stringMatching(/^\d{19}$/),
        type: 'used',
      })),
    );
    // The pipeline's stages and the pick list's values are the same values, with the same ids.
    const layout = (await apiJson(sandbox.url, '/settings/layouts?module=Deals', tokenValue)).body.layouts[0];
    const maps = (await apiJson(sandbox.url, `/settings/pipeline?layout_id=${layout.id}`, tokenValue)).body.pipeline[0].maps;
    expect(maps.map((map: { id: string }) => map.id)).toEqual(stage.pick_list_values.map((value: { id: string }) => value.id));
    // Field ids are unique, and the same in the layout.
    const ids = body.fields.map((field: { id: string }) => field.id);
    expect(new Set(ids).size).toBe(ids.length);
    const inLayout = layout.sections.flatMap((section: { fields: Array<{ api_name: string; id: string }> }) => section.fields);
    expect(inLayout.find((field: { api_name: string }) => field.api_name === 'Stage').id).toBe(stage.id);
  });

  it.each(['Contacts', 'Leads', 'Accounts', 'Events', 'Tasks'])('answers %s fields too (fields.json)', async (module) => {
    const { status, body } = await apiJson(sandbox.url, `/settings/fields?module=${module}`, await token());
    expect(await validateAgainstOas('fields.json', FIELDS, 'get', status, body)).toEqual([]);
    expect(body.fields.length).toBeGreaterThan(5);
  });

  it('type=unused is empty (every field is in use); all and used are the same', async () => {
    const tokenValue = await token();
    expect((await apiJson(sandbox.url, '/settings/fields?module=Deals&type=unused', tokenValue)).status).toBe(204);
    const all = await apiJson(sandbox.url, '/settings/fields?module=Deals&type=all', tokenValue);
    expect(all.body).toEqual((await apiJson(sandbox.url, '/settings/fields?module=Deals', tokenValue)).body);
  });

  it.each([
    ['no module', '/settings/fields', { code: 'REQUIRED_PARAM_MISSING', details: { param_name: 'module' } }],
    ['an unknown module', '/settings/fields?module=Widgets', { code: 'INVALID_MODULE', details: { api_name: 'module' } }],
  ])('%s is a 400 Zoho error (fields.json)', async (_label, path, expected) => {
    const { status, body } = await apiJson(sandbox.url, path, await token());
    expect(status).toBe(400);
    expect(body).toMatchObject({ ...expected, status: 'error' });
    expect(await validateAgainstOas('fields.json', FIELDS, 'get', status, body)).toEqual([]);
  });
});

describe('scopes and methods', () => {
  it('needs the settings scope of each call; ZohoCRM.settings.ALL covers them all', async () => {
    const recordsOnly = await token('ZohoCRM.modules.ALL');
    for (const path of ['/settings/layouts?module=Deals', '/settings/fields?module=Deals', '/settings/pipeline?layout_id=1']) {
      expect((await apiJson(sandbox.url, path, recordsOnly)).body).toMatchObject({ code: 'OAUTH_SCOPE_MISMATCH' });
    }
    const layoutsOnly = await token('ZohoCRM.settings.layouts.READ');
    const layout = (await apiJson(sandbox.url, '/settings/layouts?module=Deals', layoutsOnly)).body.layouts[0];
    expect((await apiJson(sandbox.url, `/settings/pipeline?layout_id=${layout.id}`, layoutsOnly)).body).toMatchObject({ code: 'OAUTH_SCOPE_MISMATCH' });
    const all = await token('ZohoCRM.settings.ALL');
    expect((await apiJson(sandbox.url, `/settings/pipeline?layout_id=${layout.id}`, all)).status).toBe(200);
  });

  it('other methods are INVALID_REQUEST_METHOD, not module calls', async () => {
    const tokenValue = await token();
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const { body } = await apiSend(sandbox.url, method, '/settings/fields?module=Deals', tokenValue, { fields: [] });
      expect(body).toMatchObject({ code: 'INVALID_REQUEST_METHOD' });
    }
  });

  it('the validator does reject wrong shapes', async () => {
    const tokenValue = await token();
    const layout = (await apiJson(sandbox.url, '/settings/layouts?module=Deals', tokenValue)).body;
    delete layout.layouts[0].sections[0].fields[0].api_name;
    expect(await validateAgainstOas('layouts.json', LAYOUTS, 'get', 200, layout)).not.toEqual([]);
    const pipeline = (await apiJson(sandbox.url, `/settings/pipeline?layout_id=${layout.layouts[0].id}`, tokenValue)).body;
    delete pipeline.pipeline[0].maps[3].forecast_category;
    expect(await validateAgainstOas('pipeline.json', PIPELINE, 'get', 200, pipeline)).not.toEqual([]);
    const fields = (await apiJson(sandbox.url, '/settings/fields?module=Deals', tokenValue)).body;
    fields.fields[1].pick_list_values = [{ display_value: 'x' }];
    expect(await validateAgainstOas('fields.json', FIELDS, 'get', 200, fields)).not.toEqual([]);
  });
});
