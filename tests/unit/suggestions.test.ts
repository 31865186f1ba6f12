// Stage suggestions in the background, in Node against the real sandbox over HTTP: the pipeline
// read from Zoho's metadata, the rules' suggestion with its evidence, the approver rule enforced
// here (not only in the panel), the stage write and its audit note, refusals, the rejection
// memory, approval requests, the AI provider's answers, and the criteria dry run.
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nextWorkingDay } from '@/lib/suggestions/audit';
import { StagecoachError } from '@/lib/errors';
import { openDb, type StagecoachDb } from '@/lib/storage/db';
import { startSandbox } from '../../sandbox/server';
import { SEED } from '../../sandbox/seed';
import { sandboxBackground, sandboxControl } from './sandbox-helpers';

let server: { url: string; close(): Promise<void> };
const control = sandboxControl(() => server.url);
let db: StagecoachDb;
let dbCount = 0;
let granted = true;

async function connectedAs(user: 'rep' | 'manager' | 'admin') {
  const background = sandboxBackground({ db, origin: server.url, userId: SEED.users[user].id, hasOrigin: async () => granted });
  await background.handlers.connect({}, {});
  return background.handlers;
}

const deal = SEED.deals.acmeTelematics;
const stageOf = async (id: string) => (await control('GET', `/__sandbox/records/Deals/${id}`)).Stage as string;
const notesContaining = async (text: string) => (await control('GET', `/__sandbox/records/Notes?contains=${encodeURIComponent(text)}`)).records as Record<string, unknown>[];

beforeAll(async () => {
  server = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  await control('POST', '/__sandbox/reset');
  db = openDb(`stagecoach-suggestions-${++dbCount}`);
  granted = true;
});
afterEach(() => db.close());

async function refusal(promise: Promise<unknown>): Promise<StagecoachError> {
  try {
    await promise;
  } catch (error) {
    return StagecoachError.from(error);
  }
  throw new Error('expected a refusal');
}

describe('stage suggestions against the sandbox', () => {
  it('reads the pipeline from Zoho’s metadata and suggests with evidence that points at real records', async () => {
    const handlers = await connectedAs('manager');
    const view = await handlers.dealSuggestion({ dealId: deal.id }, {});
    expect(view.pipeline.stages.map((stage) => stage.name).slice(0, 3)).toEqual(['Qualification', 'Needs Analysis', 'Value Proposition']);
    expect(view.pipeline.stages.find((stage) => stage.name === 'Negotiation/Review')).toMatchObject({ probability: 90, forecastType: 'Open' });
    expect(view.pipeline.stages.find((stage) => stage.name === 'Closed Won')).toMatchObject({ forecastType: 'Closed Won' });
    expect(view.deal).toMatchObject({ id: deal.id, stage: deal.Stage, closed: false });
    expect(view.canApprove).toBe(true);
    expect(view.suggestion).not.toBeNull();
    const suggestion = view.suggestion!;
    expect(suggestion.by.kind).toBe('rules');
    expect(suggestion.evidence.length).toBeGreaterThan(0);
    for (const id of suggestion.evidence) {
      const signal = view.signals.find((s) => s.id === id)!;
      expect(signal).toBeDefined();
      if (signal.source.kind === 'note') expect((await control('GET', `/__sandbox/records/Notes/${signal.source.id}`)).Parent_Id.id).toBe(deal.id);
      if (signal.source.kind === 'task') expect((await control('GET', `/__sandbox/records/Tasks/${signal.source.id}`)).What_Id.id).toBe(deal.id);
      if (signal.source.kind === 'event') expect((await control('GET', `/__sandbox/records/Events/${signal.source.id}`)).What_Id.id).toBe(deal.id);
    }
  });

  it('approves: the stage is written, then one audit note with from → to, criterion, approver, evidence', async () => {
    const handlers = await connectedAs('manager');
    const view = await handlers.dealSuggestion({ dealId: deal.id }, {});
    const target = view.suggestion!.target;
    const result = await handlers.decideSuggestion({ dealId: deal.id, decision: 'approve', target, basis: 'rules', evidence: view.suggestion!.evidence }, {});
    expect(result).toMatchObject({ decision: 'approved', stage: { status: 'done' }, note: { status: 'done' } });
    expect(await stageOf(deal.id)).toBe(target);
    const notes = await notesContaining(`Stage changed: ${String(deal.Stage)} → ${target}`);
    expect(notes).toHaveLength(1);
    const content = String(notes[0]!.Note_Content);
    expect(content).toContain(`Criterion: ${(view.suggestion!.by as { criterion: string }).criterion}`);
    expect(content).toContain(`Approved by: ${SEED.users.manager.full_name} (profile Manager, role Sales Manager, as Zoho said at approval)`);
    const firstEvidence = view.signals.find((s) => s.id === view.suggestion!.evidence[0])!;
    expect(content).toContain(firstEvidence.text);
    // The stage history Zoho keeps now ends with the new stage.
    const history = await control('GET', `/__sandbox/deals/${deal.id}/stage-history`);
    expect(history.history.at(-1).stage).toBe(target);
  });

  it('an approval that cannot reach Zoho waits in the outbox, and is not approved a second time meanwhile', async () => {
    const handlers = await connectedAs('manager');
    const view = await handlers.dealSuggestion({ dealId: deal.id }, {});
    const target = view.suggestion!.target;
    await control('POST', '/__sandbox/faults', { match: { method: 'PUT', path: `/crm/v8/Deals/${deal.id}` }, count: 1000, drop: 'before' });
    const first = await handlers.decideSuggestion({ dealId: deal.id, decision: 'approve', target, basis: 'rules', evidence: view.suggestion!.evidence }, {});
    expect(first).toMatchObject({ decision: 'approved', stage: { status: 'pending' }, note: { status: 'pending' } });
    const again = await refusal(handlers.decideSuggestion({ dealId: deal.id, decision: 'approve', target, basis: 'rules', evidence: [] }, {}));
    expect(again).toMatchObject({ code: 'conflict', reason: 'stage_change_waiting', zoho: undefined });
    expect(await db.outbox.filter((row) => row.module === 'Deals').count()).toBe(1);
    expect(await stageOf(deal.id)).toBe(deal.Stage);
    expect(await notesContaining('Stage changed:')).toHaveLength(0);
  });

  it('refuses a forged approve from someone whose profile may not approve, and changes nothing', async () => {
    const handlers = await connectedAs('rep');
    const view = await handlers.dealSuggestion({ dealId: deal.id }, {});
    expect(view.canApprove).toBe(false);
    const error = await refusal(handlers.decideSuggestion({ dealId: deal.id, decision: 'approve', target: 'Closed Won', basis: 'edited', evidence: [] }, {}));
    expect(error.code).toBe('not_approver');
    expect(await stageOf(deal.id)).toBe(deal.Stage);
    expect(await db.outbox.count()).toBe(0);
  });

  it('a stage gone from the pipeline, or the one the deal is at, is a conflict in our words, not Zoho’s', async () => {
    const handlers = await connectedAs('manager');
    const gone = await refusal(handlers.decideSuggestion({ dealId: deal.id, decision: 'approve', target: 'Retired Stage', basis: 'edited', evidence: [] }, {}));
    expect(gone).toMatchObject({ code: 'conflict', reason: 'stage_not_in_pipeline', params: ['Retired Stage'], zoho: undefined });
    const same = await refusal(handlers.decideSuggestion({ dealId: deal.id, decision: 'approve', target: String(deal.Stage), basis: 'edited', evidence: [] }, {}));
    expect(same).toMatchObject({ code: 'conflict', reason: 'already_at_stage', params: [String(deal.Stage)], zoho: undefined });
    expect(await db.outbox.count()).toBe(0);
  });

  it.each([
    [{ kind: 'validation_rule', message: 'Closing date must be in the future for open deals.' }, 'Closing date must be in the future for open deals.'],
    [{ kind: 'blueprint' }, 'blue'],
    [{ kind: 'permission' }, 'permission denied'],
  ])('shows Zoho’s refusal %j verbatim; no stage, no note, nothing left in the outbox', async (stageRefusal, words) => {
    const handlers = await connectedAs('manager');
    await control('POST', '/__sandbox/config', { stageRefusal });
    const view = await handlers.dealSuggestion({ dealId: deal.id }, {});
    const error = await refusal(handlers.decideSuggestion({ dealId: deal.id, decision: 'approve', target: view.suggestion!.target, basis: 'rules', evidence: [] }, {}));
    // Zoho's words, kept as Zoho's through the outbox and the rethrow; nothing else claims to be.
    expect(error.zoho).toContain(words);
    expect(error.reason).toBeUndefined();
    expect(await stageOf(deal.id)).toBe(deal.Stage);
    expect(await notesContaining('Stage changed:')).toHaveLength(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.decisions.count()).toBe(0);
  });

  it('remembers a rejection until a signal it has not seen arrives', async () => {
    const handlers = await connectedAs('admin');
    const before = await handlers.dealSuggestion({ dealId: deal.id }, {});
    const target = before.suggestion!.target;
    await handlers.decideSuggestion({ dealId: deal.id, decision: 'reject', target, basis: 'rules', evidence: before.suggestion!.evidence }, {});
    const after = await handlers.dealSuggestion({ dealId: deal.id }, {});
    expect(after.suggestion).toBeNull();
    expect(after.suppressed).toMatchObject({ target });
    await control('POST', `/__sandbox/records/Notes?as=${SEED.users.rep.id}`, {
      Note_Title: 'Follow-up call',
      Note_Content: 'Ann said the budget is approved for the rollout and wants the value case for the board.',
      Parent_Id: { module: { api_name: 'Deals' }, id: deal.id },
    });
    const again = await handlers.dealSuggestion({ dealId: deal.id }, {});
    expect(again.suppressed).toBeNull();
    expect(again.suggestion?.target).toBe(target);
  });

  it('an approval request is a Task for the owner’s manager, linked to the deal', async () => {
    const handlers = await connectedAs('rep');
    const result = await handlers.requestApproval({ dealId: deal.id, target: 'Value Proposition', evidence: [], comment: 'Budget is approved.' }, {});
    expect(result).toMatchObject({ toManager: true, assignee: { id: SEED.users.manager.id }, task: { status: 'done' } });
    const task = await control('GET', `/__sandbox/records/Tasks/${result.task.resultId}`);
    expect(task).toMatchObject({ Owner: { id: SEED.users.manager.id }, What_Id: { id: deal.id }, $se_module: 'Deals', Status: 'Not Started', Priority: 'High' });
  });

  it('uses the model’s answer only when it holds up; says why otherwise', async () => {
    const handlers = await connectedAs('manager');
    await handlers.saveSettings({ patch: { ai: { provider: 'openai-compatible', baseUrl: `${server.url}/ai/v1`, model: 'sandbox-model' } } }, {});
    await handlers.saveAiKey({ key: 'sk-sandbox-test' }, {});
    // Asked as the panel asks: with the digest of the body it shows.
    const ask = async () => handlers.askAi({ dealId: deal.id, requestHash: (await handlers.dealSuggestion({ dealId: deal.id }, {})).ai.requestHash! }, {});
    const good = await ask();
    expect(good).toMatchObject({ ok: true, suggestion: { by: { kind: 'model', model: 'sandbox-model' } } });

    const cases: Array<[string | null, number | undefined, string]> = [
      ['not json at all', undefined, 'not_json'],
      [JSON.stringify({ stage: 'Won-ish', confidence: 0.9, evidence: ['x'], reason: 'r' }), undefined, 'unknown_stage'],
      [JSON.stringify({ stage: 'Closed Won', confidence: 0.9, evidence: ['note:0:made_up'], reason: 'r' }), undefined, 'unknown_evidence'],
      [JSON.stringify({ stage: 'Closed Won', confidence: 'high', evidence: [], reason: 'r' }), undefined, 'bad_shape'],
      [null, 500, 'provider_error'],
    ];
    const view = await handlers.dealSuggestion({ dealId: deal.id }, {});
    cases.splice(cases.length - 1, 0, [JSON.stringify({ stage: deal.Stage, confidence: 0.5, evidence: [view.signals[0]!.id], reason: 'stay' }), undefined, 'same_stage']);
    for (const [reply, status, reason] of cases) {
      await control('POST', '/__sandbox/ai', { reply, ...(status ? { status } : {}) });
      expect(await ask(), reason).toMatchObject({ ok: false, reason });
    }
    await control('POST', '/__sandbox/ai', { reply: null, status: null });
    await handlers.saveAiKey({ key: 'sk-wrong' }, {});
    expect(await ask()).toMatchObject({ ok: false, reason: 'provider_error', detail: expect.stringContaining('401') });
    granted = false;
    expect(await ask()).toMatchObject({ ok: false, reason: 'permission_needed' });
  });

  it('a dry run judges open deals now and replays closed ones', async () => {
    const handlers = await connectedAs('admin');
    const run = await handlers.criteriaDryRun({ criteria: '' }, {});
    if (!run.ok) throw new Error('default criteria should parse');
    expect(run.result.open.length).toBeGreaterThan(5);
    expect(run.result.closed.judged).toBeGreaterThan(2);
    console.log(`dry run (default criteria): ${run.result.open.filter((r) => r.suggestion).length}/${run.result.open.length} open deals flagged; closed deals ${run.result.closed.matched}/${run.result.closed.judged} matched the stage reached (${run.result.closed.skipped} skipped)`);
    const broken = await handlers.criteriaDryRun({ criteria: 'version: 1\ncriteria:\n  - id: x\n    target: Closed Won\n    from: [Negotiation/Review]\n    when:\n      all:\n        - signal: contract_sined\n' }, {});
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.errors[0]).toMatchObject({ line: 8 });
  });
});

describe('several pipelines, note order and look-ups that cannot miss (issue 10)', () => {
  const renewalStages = ['Qualification', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost'];
  const manager = SEED.users.manager;
  /** A deal created in Zoho behind the extension's back, as `as`. */
  const createDeal = async (fields: Record<string, unknown>) =>
    (await control('POST', `/__sandbox/records/Deals?as=${manager.id}`, { Deal_Name: `Deal ${Math.random()}`, Closing_Date: '2027-01-29', Amount: 9000, ...fields })) as { id: string };

  it('a deal in the second pipeline gets that pipeline’s stages, and the next deal of the first pipeline its own', async () => {
    const handlers = await connectedAs('manager');
    // Seeded in "Renewals (Standard)", as Zoho names a pipeline: its name, then its layout's.
    const seeded = await handlers.dealSuggestion({ dealId: SEED.deals.brandtRenewal.id }, {});
    expect(seeded.pipeline).toMatchObject({ name: 'Renewals (Standard)' });
    expect(seeded.pipeline.stages.map((stage) => stage.name)).toEqual(renewalStages);
    const open = await createDeal({ Stage: 'Proposal/Price Quote', Pipeline: 'Renewals (Standard)' });
    const view = await handlers.dealSuggestion({ dealId: open.id }, {});
    expect(view.pipeline.stages.map((stage) => stage.name)).toEqual(renewalStages);
    expect(view.pipeline.stages.find((stage) => stage.name === 'Negotiation/Review')).toMatchObject({ probability: 90, forecastType: 'Open' });
    // Read right after, on the same connection (the pipeline metadata cached): the standard one.
    const standard = await handlers.dealSuggestion({ dealId: deal.id }, {});
    expect(standard.pipeline.name).toBe('Standard (Standard)');
    expect(standard.pipeline.stages).toHaveLength(10);
    expect((await handlers.dealSuggestion({ dealId: open.id }, {})).pipeline.stages.map((stage) => stage.name)).toEqual(renewalStages);
  });

  it('a deal whose pipeline the org does not have gets the Stage field’s pick list, flagged, not another pipeline’s stages', async () => {
    const handlers = await connectedAs('manager');
    const stray = await createDeal({ Stage: 'Qualification', Pipeline: 'Partners (Standard)' });
    const view = await handlers.dealSuggestion({ dealId: stray.id }, {});
    expect(view.pipeline).toMatchObject({ name: null, unmatched: { pipeline: 'Partners (Standard)' } });
    expect(view.pipeline.stages).toHaveLength(10);
  });

  it('reads the newest note of a deal with more notes than a page, whatever order Zoho lists them in', async () => {
    const handlers = await connectedAs('manager');
    const target = SEED.deals.harrowgateSensors;
    for (let i = 0; i < 205; i++) {
      await control('POST', `/__sandbox/records/Notes?as=${manager.id}`, { Note_Content: `Weekly check-in ${i}: nothing new.`, Parent_Id: { module: { api_name: 'Deals' }, id: target.id } });
    }
    const newest = (await control('POST', `/__sandbox/records/Notes?as=${manager.id}`, {
      Note_Title: 'CFO call',
      Note_Content: 'The CFO signed off: budget approved for this financial year after all.',
      Parent_Id: { module: { api_name: 'Deals' }, id: target.id },
    })) as { id: string };
    const view = await handlers.dealSuggestion({ dealId: target.id }, {});
    expect(view.signals.some((signal) => signal.source.kind === 'note' && signal.source.id === newest.id && signal.kind === 'budget_approved')).toBe(true);
  });

  it('a follow-up task whose answer was lost is found among more than 200 tasks created in its window: never posted twice', async () => {
    const background = sandboxBackground({ db, origin: server.url, userId: manager.id });
    await background.handlers.connect({}, {});
    const subject = 'Send the renewal quote';
    // A busy org: 250 tasks with the same subject and owner, created in the same minutes.
    for (let i = 0; i < 250; i++) {
      await control('POST', `/__sandbox/records/Tasks?as=${manager.id}`, { Subject: subject, Owner: { id: manager.id }, Due_Date: '2026-12-01', Description: `Bulk task ${i}` });
    }
    await control('POST', '/__sandbox/faults', { match: { method: 'POST', path: '/crm/v8/Tasks' }, count: 1, drop: 'after' });
    const first = await background.handlers.createFollowUp({ dealId: deal.id, subject, dueDate: '2026-12-01', priority: 'High' }, {});
    expect(first).toMatchObject({ status: 'pending', lastError: { code: 'network' } });
    await control('DELETE', '/__sandbox/log');
    expect(await background.outbox.retry(first.key)).toMatchObject({ status: 'done', resultId: expect.any(String) });
    expect((await control('GET', `/__sandbox/records/Tasks?contains=${first.key}`)).count).toBe(1);
    const entries = (await control('GET', '/__sandbox/log')).entries as Array<{ method: string; path: string }>;
    expect(entries.filter((e) => e.method === 'POST' && e.path === '/crm/v8/Tasks')).toHaveLength(0);
    // The cost: one COQL page per 200 candidates (251 here), and no more.
    expect(entries.filter((e) => e.path === '/crm/v8/coql')).toHaveLength(2);
  });
});

describe('an approval request is due the next working day, in the requester’s time zone', () => {
  it.each([
    // Friday 21:30 in Kolkata is Friday 16:00 UTC: due Monday.
    ['2026-11-20T16:00:00Z', 'Asia/Kolkata', '2026-11-23'],
    // Friday 17:00 in Los Angeles is already Saturday in UTC: still due Monday.
    ['2026-11-21T01:00:00Z', 'America/Los_Angeles', '2026-11-23'],
    // Sunday 08:00 in Auckland is Saturday 19:00 UTC: due Monday.
    ['2026-11-21T19:00:00Z', 'Pacific/Auckland', '2026-11-23'],
    // Wednesday in London: Thursday.
    ['2026-11-18T09:00:00Z', 'Europe/London', '2026-11-19'],
  ])('%s in %s → %s', (at, zone, due) => {
    expect(nextWorkingDay(Date.parse(at), zone)).toBe(due);
  });
});
