// Reading Zoho API v8 records (shapes as Zoho's OpenAPI description and the sandbox give them)
// into facts: nullish optional fields tolerated, unusable records refused with a clear error.
import { describe, expect, it } from 'vitest';
import { StagecoachError } from '../errors';
import { DEAL_FIELDS, dealFacts, eventFacts, findStage, NOTE_FIELDS, noteFacts, pipelineFromZoho, stageHistoryFacts, taskFacts } from './facts';
import { enteredCurrentStage } from './signals';
import { STANDARD_PIPELINE } from './testing';

const user = { id: '4876876000000225011', name: 'Priya Raman', email: 'priyaraman@nwind.com' };

const dealRecord = {
  id: '4876876000000431001',
  Deal_Name: 'Acme Logistics – Fleet Telematics Rollout',
  Stage: 'Needs Analysis',
  Pipeline: 'Standard (Standard)',
  Amount: 48000,
  Probability: 20,
  Closing_Date: '2026-12-18',
  Next_Step: 'Discovery call with the ops team',
  Contact_Name: { id: '4876876000000412001', name: 'Ann Carter' },
  Account_Name: { id: '4876876000000398001', name: 'Acme Logistics' },
  Owner: user,
  Created_Time: '2026-09-15T10:22:31-04:00',
  Modified_Time: '2026-11-18T11:45:12-05:00',
  $currency_symbol: '$',
};

/** Expects a StagecoachError('bad_response') whose detail contains `text`. */
const refuses = (read: () => unknown, text: string) => {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(StagecoachError);
    expect((error as StagecoachError).code).toBe('bad_response');
    expect((error as StagecoachError).detail).toContain(text);
    return;
  }
  throw new Error('expected a bad_response error');
};

describe('deals', () => {
  it('reads the fields suggestions use', () => {
    expect(dealFacts(dealRecord)).toEqual({
      id: '4876876000000431001',
      name: 'Acme Logistics – Fleet Telematics Rollout',
      stage: 'Needs Analysis',
      amount: 48000,
      closingDate: '2026-12-18',
      ownerId: user.id,
      ownerName: 'Priya Raman',
      contactId: '4876876000000412001',
      modifiedTime: '2026-11-18T11:45:12-05:00',
      createdTime: '2026-09-15T10:22:31-04:00',
      nextStep: 'Discovery call with the ops team',
      pipeline: 'Standard (Standard)',
    });
  });

  it('tolerates missing and empty optional fields', () => {
    expect(dealFacts({ id: '1', Stage: 'Qualification', Amount: null, Closing_Date: null, Next_Step: '', Owner: null, Pipeline: { name: 'Field Sales', id: '9' } })).toEqual({
      id: '1', name: '1', stage: 'Qualification', amount: null, closingDate: null, ownerId: null, ownerName: null, contactId: null,
      modifiedTime: null, createdTime: null, nextStep: null, pipeline: 'Field Sales',
    });
  });

  it('reads an amount written as a numeric string', () => {
    expect(dealFacts({ ...dealRecord, Amount: '48000.50' }).amount).toBe(48000.5);
  });

  it.each([
    ['no stage', { ...dealRecord, Stage: undefined }, 'Stage'],
    ['a closing date that is not a date', { ...dealRecord, Closing_Date: '18/12/2026' }, 'Closing_Date'],
    ['a modified time without an offset', { ...dealRecord, Modified_Time: '2026-11-18 11:45' }, 'Modified_Time'],
    ['not a record', 'Acme', 'deal'],
  ])('refuses %s', (_, record, text) => refuses(() => dealFacts(record), text));

  it('asks Zoho for the fields it reads', () => {
    expect(DEAL_FIELDS.split(',')).toEqual(expect.arrayContaining(['Deal_Name', 'Stage', 'Pipeline', 'Amount', 'Closing_Date', 'Owner', 'Contact_Name', 'Next_Step', 'Modified_Time', 'Created_Time']));
    expect(NOTE_FIELDS).toBe('Note_Title,Note_Content,Parent_Id,Owner,Created_Time');
  });
});

describe('notes, meetings, tasks', () => {
  it('reads a note (GET /Deals/{id}/Notes)', () => {
    const record = {
      id: '4876876000000553001',
      Note_Title: null,
      Note_Content: 'Pilot extension closed lost.',
      Parent_Id: { module: { api_name: 'Deals', id: '4876876000000002181' }, id: '4876876000000431041', name: 'Harrowgate Foods – Pilot Extension' },
      Owner: user,
      Created_Time: '2026-10-21T14:10:00+05:30',
      $attachments: [],
    };
    expect(noteFacts(record)).toEqual({ id: '4876876000000553001', title: null, content: 'Pilot extension closed lost.', createdTime: '2026-10-21T14:10:00+05:30', ownerName: 'Priya Raman', parentId: '4876876000000431041' });
    refuses(() => noteFacts({ ...record, Created_Time: undefined }), 'Created_Time');
  });

  it('reads the answers of outside invitees only', () => {
    const record = {
      id: '4876876000000551009',
      Event_Title: 'Cold-chain sensor demo – Harrowgate Foods',
      Start_DateTime: '2026-11-13T15:00:00+05:30',
      End_DateTime: '2026-11-13T16:00:00+05:30',
      Description: null,
      Participants: [
        { Email: 'oliver.bennett@harrowgatefoods.co.uk', name: 'Oliver Bennett', invited: true, type: 'contact', participant: '1', status: 'accepted' },
        { Email: 'grace.oneill@harrowgatefoods.co.uk', name: "Grace O'Neill", invited: true, type: 'contact', participant: '2', status: 'declined' },
        { Email: 'danielokafor@nwind.com', name: 'Daniel', invited: true, type: 'user', participant: '3', status: 'declined' },
        { Email: 'it@harrowgatefoods.co.uk', name: 'it@harrowgatefoods.co.uk', invited: true, type: 'email', participant: 'it@harrowgatefoods.co.uk' },
      ],
      Created_Time: '2026-11-07T10:00:00+05:30',
    };
    expect(eventFacts(record)).toEqual({
      id: '4876876000000551009',
      title: 'Cold-chain sensor demo – Harrowgate Foods',
      start: '2026-11-13T15:00:00+05:30',
      end: '2026-11-13T16:00:00+05:30',
      participantStatuses: ['accepted', 'declined', 'not_known'],
      description: null,
      createdTime: '2026-11-07T10:00:00+05:30',
    });
  });

  it('reads a COQL event row (no participants)', () => {
    expect(eventFacts({ id: 42, Event_Title: null, Start_DateTime: '2026-11-20T10:00:00Z', End_DateTime: '2026-11-20T10:30:00Z' })).toMatchObject({ id: '42', title: '(untitled meeting)', participantStatuses: [] });
  });

  it('reads a task', () => {
    expect(taskFacts({ id: '7', Subject: 'Confirm budget sign-off with Ann', Due_Date: '2026-11-10', Status: 'Completed', Closed_Time: '2026-11-10T16:40:00+05:30' })).toEqual({
      id: '7', subject: 'Confirm budget sign-off with Ann', dueDate: '2026-11-10', status: 'Completed', closedTime: '2026-11-10T16:40:00+05:30', createdTime: null,
    });
    refuses(() => taskFacts({ id: '7', Subject: 'x', Due_Date: '2026-13-01' }), 'Due_Date');
  });
});

describe('stage history', () => {
  it('turns Zoho’s newest-first rows into changes oldest first', () => {
    const rows = [
      { id: '3', Stage: 'Proposal/Price Quote', Modified_Time: '2026-11-06T18:00:00+05:30', Duration_Days: null, Amount: 23500 },
      { id: '2', Stage: 'Id. Decision Makers', Modified_Time: '2026-10-04T11:30:00+05:30', Duration_Days: 33 },
      { id: '1', Stage: 'Qualification', Modified_Time: '2026-08-04T14:05:00-04:00', Duration_Days: 61 },
    ];
    expect(stageHistoryFacts(rows)).toEqual([
      { stage: 'Qualification', at: '2026-08-04T14:05:00-04:00' },
      { stage: 'Id. Decision Makers', at: '2026-10-04T11:30:00+05:30' },
      { stage: 'Proposal/Price Quote', at: '2026-11-06T18:00:00+05:30' },
    ]);
    // Same answer whatever order the page came in.
    expect(stageHistoryFacts([...rows].reverse())).toEqual(stageHistoryFacts(rows));
  });

  // Shapes the evidence allows (facts.ts stageHistoryFacts): Modified_Time (an API v6 client's
  // fields=), Last_Modified_Time (an API v2 Deluge script), the stage as a string.
  const at = (stage: unknown, time: Record<string, unknown>) => ({ id: '9', Stage: stage, ...time });
  it.each([
    ['Modified_Time', [at('Negotiation/Review', { Modified_Time: '2026-11-10T09:00:00+01:00' }), at('Qualification', { Modified_Time: '2026-10-01T09:00:00+01:00' })],
      [{ stage: 'Qualification', at: '2026-10-01T09:00:00+01:00' }, { stage: 'Negotiation/Review', at: '2026-11-10T09:00:00+01:00' }]],
    ['Last_Modified_Time', [at('Negotiation/Review', { Last_Modified_Time: '2026-11-10T09:00:00+01:00' }), at('Qualification', { Last_Modified_Time: '2026-10-01T09:00:00+01:00' })],
      [{ stage: 'Qualification', at: '2026-10-01T09:00:00+01:00' }, { stage: 'Negotiation/Review', at: '2026-11-10T09:00:00+01:00' }]],
    ['a readable Modified_Time before an unreadable one', [at('Closed Won', { Modified_Time: 'yesterday', Last_Modified_Time: '2026-11-10T09:00:00Z' })],
      [{ stage: 'Closed Won', at: '2026-11-10T09:00:00Z' }]],
    ['the stage as a picklist object', [at({ display_value: 'Closed Won', actual_value: 'Closed Won' }, { Modified_Time: '2026-11-10T09:00:00Z' })],
      [{ stage: 'Closed Won', at: '2026-11-10T09:00:00Z' }]],
    ['rows it cannot place left out', [at('Closed Won', { Modified_Time: '2026-11-10T09:00:00Z' }), at('Proposal/Price Quote', {}), at(null, { Modified_Time: '2026-10-10T09:00:00Z' }), at('', { Modified_Time: '2026-10-11T09:00:00Z' }), 'junk', at('Qualification', { Modified_Time: '2026-11-01 09:00' })],
      [{ stage: 'Closed Won', at: '2026-11-10T09:00:00Z' }]],
    ['no placeable row at all: no history rather than a wrong one', [at('Qualification', { Created_Time: '2026-10-01T09:00:00Z' })], null],
    ['an empty list', [], []],
  ])('reads %s', (_, rows, expected) => {
    expect(stageHistoryFacts(rows)).toEqual(expected);
  });

  it('never gives days in a stage from a history whose last row is not the deal’s stage', () => {
    // Rows meaning "left this stage" would end with the previous stage: the signal is dropped,
    // not shifted by one stage.
    const history = stageHistoryFacts([at('Needs Analysis', { Modified_Time: '2026-11-10T09:00:00Z' }), at('Qualification', { Modified_Time: '2026-10-01T09:00:00Z' })]);
    const deal = dealFacts({ ...dealRecord, Stage: 'Value Proposition' });
    expect(enteredCurrentStage({ deal, stageHistory: history })).toBeNull();
    expect(enteredCurrentStage({ deal: { ...deal, stage: 'Needs Analysis' }, stageHistory: history })).toBe('2026-11-10T09:00:00Z');
  });

  it('refuses a history that is not a list', () => {
    refuses(() => stageHistoryFacts({ data: [] } as unknown as unknown[]), 'not a list');
  });
});

describe('pipelines', () => {
  const map = (actual: string, sequence: number, forecast: string, display = actual) => ({
    display_value: display, actual_value: actual, sequence_number: sequence, forecast_type: forecast,
    forecast_category: { name: forecast === 'Open' ? 'Pipeline' : forecast, id: '1' }, id: `${sequence}`, colour_code: null,
  });
  // GET /settings/pipeline?layout_id=… (pipeline.json: pipeline[].maps[]), maps deliberately out of order.
  const pipelines = {
    pipeline: [
      {
        // Zoho's shape: the pipeline's name, then its layout's, in both values (get-pipelines.html v6 sample).
        display_value: 'Standard (Standard)', actual_value: 'Standard (Standard)', default: true, id: '111', child_available: false,
        maps: [
          map('Closed Won', 8, 'Closed Won'), map('Qualification', 1, 'Open'), map('Needs Analysis', 2, 'Open'), map('Value Proposition', 3, 'Open'),
          map('Id. Decision Makers', 4, 'Open'), map('Perception Analysis', 5, 'Open'), map('Proposal/Price Quote', 6, 'Open'), map('Negotiation/Review', 7, 'Open'),
          map('Closed Lost', 9, 'Closed Lost'), map('Closed Lost to Competition', 10, 'Closed Lost'),
        ],
      },
      { display_value: 'Renewals (Standard)', actual_value: 'Renewals (Standard)', default: false, id: '222', child_available: false, maps: [map('Renewal Due', 1, 'Open', 'Renewal due'), map('Renewed', 2, 'Closed Won'), map('Churned', 3, 'Closed Lost')] },
    ],
  };
  // GET /settings/fields?module=Deals (fields.json): the Stage field's pick list carries probabilities.
  const fields = {
    fields: [
      { api_name: 'Deal_Name', data_type: 'text' },
      {
        api_name: 'Stage',
        data_type: 'picklist',
        pick_list_values: STANDARD_PIPELINE.stages.map((stage, index) => ({
          display_value: stage.name, actual_value: stage.name, sequence_number: index + 1, probability: stage.probability, forecast_type: stage.forecastType, type: 'used', id: `${index}`, colour_code: null,
        })).concat([{ display_value: 'Renewal Due', actual_value: 'Renewal Due', sequence_number: 11, probability: 50, forecast_type: 'Open', type: 'used', id: '11', colour_code: null }]),
      },
    ],
  };

  it('reads the deal’s pipeline in sequence order, with the pick list’s probabilities', () => {
    expect(pipelineFromZoho(pipelines, fields, 'Standard (Standard)')).toEqual(STANDARD_PIPELINE);
  });

  it('takes the Stage field alone as well as the whole fields answer', () => {
    expect(pipelineFromZoho(pipelines, fields.fields[1], 'Standard (Standard)')).toEqual(STANDARD_PIPELINE);
  });

  it('reads the pipeline the deal names', () => {
    expect(pipelineFromZoho(pipelines, fields, 'Renewals (Standard)')).toEqual({
      name: 'Renewals (Standard)',
      stages: [
        { name: 'Renewal Due', label: 'Renewal due', probability: 50, forecastType: 'Open' },
        { name: 'Renewed', label: 'Renewed', probability: null, forecastType: 'Closed Won' },
        { name: 'Churned', label: 'Churned', probability: null, forecastType: 'Closed Lost' },
      ],
    });
  });

  // The deal's `Pipeline` value (Field.Deals.PIPELINE, a picklist) against the pipelines as Zoho
  // answers them; null = no pipeline matches, so the Stage field's pick list, flagged.
  const older = { pipeline: [{ ...pipelines.pipeline[0]!, actual_value: 'Standard' }, { ...pipelines.pipeline[1]!, display_value: 'Renewals (Standard)', actual_value: 'Renewals' }] };
  const twoLayouts = { pipeline: [pipelines.pipeline[0]!, { ...pipelines.pipeline[1]!, display_value: 'Standard (Enterprise)', actual_value: 'Standard (Enterprise)' }] };
  it.each([
    ['Zoho’s value, exact', pipelines, 'Standard (Standard)', 'Standard (Standard)'],
    ['the second pipeline, exact', pipelines, 'Renewals (Standard)', 'Renewals (Standard)'],
    ['case and spaces', pipelines, '  renewals   (standard) ', 'Renewals (Standard)'],
    ['the name without the layout', pipelines, 'Renewals', 'Renewals (Standard)'],
    ['actual_value without the layout, display_value with it', older, 'Renewals', 'Renewals (Standard)'],
    ['display_value when actual_value differs', older, 'Standard (Standard)', 'Standard (Standard)'],
    ['exact beats the bare name across layouts', twoLayouts, 'Standard (Enterprise)', 'Standard (Enterprise)'],
    ['a bare name two layouts share: no guess', twoLayouts, 'Standard', null],
    ['a pipeline the org does not have', pipelines, 'Partners (Standard)', null],
    ['no value in an org with several pipelines', pipelines, null, null],
    ['no value in an org with one pipeline', { pipeline: [pipelines.pipeline[1]!] }, null, 'Renewals (Standard)'],
  ])('matches %s', (_, pipelineJson, dealPipeline, expected) => {
    const result = pipelineFromZoho(pipelineJson, fields, dealPipeline);
    expect(result.name).toBe(expected);
    if (expected === null) {
      // Never another pipeline's stages: the whole pick list, and it says why.
      expect(result.unmatched).toEqual({ pipeline: dealPipeline });
      expect(result.stages.map((stage) => stage.name)).toEqual(fields.fields[1]!.pick_list_values!.map((value) => value.actual_value));
    } else {
      expect(result.unmatched).toBeUndefined();
    }
  });

  it('refuses an unmatched pipeline when there is no pick list to fall back on', () => {
    refuses(() => pipelineFromZoho(pipelines, undefined, 'Partners (Standard)'), 'no pipeline “Partners (Standard)”');
  });

  it('falls back to the pick list for orgs without pipelines', () => {
    const stages = pipelineFromZoho(null, { fields: [{ api_name: 'Stage', pick_list_values: [{ actual_value: '-None-', sequence_number: 0 }, ...fields.fields[1]!.pick_list_values!.slice(0, 10)] }] });
    expect(stages).toEqual({ ...STANDARD_PIPELINE, name: null });
  });

  it('tells forecast types from stage names when the pick list has none', () => {
    const bare = { api_name: 'Stage', pick_list_values: ['Prospect', 'Won', 'Closed (Lost)'].map((name, i) => ({ actual_value: name, sequence_number: i })) };
    expect(pipelineFromZoho({ pipeline: [] }, bare).stages.map((s) => s.forecastType)).toEqual(['Open', 'Closed Won', 'Closed Lost']);
  });

  it.each([
    ['an unknown forecast type', { pipeline: [{ display_value: 'P', default: true, maps: [map('A', 1, 'Maybe')] }] }, fields, 'forecast type'],
    ['a pipeline without maps', { pipeline: [{ display_value: 'P', default: true }] }, fields, 'maps'],
    ['neither pipeline nor pick list', null, undefined, 'neither'],
    ['fields without a Stage field', null, { fields: [{ api_name: 'Deal_Name' }] }, 'no Stage field'],
  ])('refuses %s', (_, pipelineJson, stageJson, text) => refuses(() => pipelineFromZoho(pipelineJson, stageJson), text));

  it('finds stages by exact name, then ignoring case and spaces', () => {
    expect(findStage(STANDARD_PIPELINE, 'Proposal/Price Quote')?.name).toBe('Proposal/Price Quote');
    expect(findStage(STANDARD_PIPELINE, '  proposal/price   quote ')?.name).toBe('Proposal/Price Quote');
    expect(findStage(STANDARD_PIPELINE, 'Proposal')).toBeUndefined();
  });
});
