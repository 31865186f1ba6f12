// The eval's model path (`npm run eval:suggestions -- --provider … --model …`) against the
// sandbox's fake OpenAI-compatible model: the product's own request (buildAiRequest) goes out, the
// answer is checked by parseAiAnswer, and a server that refuses `temperature` /
// `response_format` (as reasoning models do) is asked again without them, and the eval says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CRITERIA_TEXT, parseCriteria } from '../../lib/suggestions';
import { startSandbox, type SandboxHandle } from '../../sandbox/server';
import { scoreModel, summarize } from '../eval/score';
import { DEV_DEALS } from '../fixtures/deals/dev';

const KEY = 'sk-sandbox-test';
let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await sandbox.close();
});

const parsed = parseCriteria(DEFAULT_CRITERIA_TEXT);
if (!parsed.ok) throw new Error('default criteria');
const deals = DEV_DEALS.slice(0, 6);

async function sentBodies(): Promise<Array<Record<string, unknown>>> {
  const answer = (await (await fetch(`${sandbox.url}/__sandbox/ai/requests`)).json()) as { requests: Array<Record<string, unknown>> };
  return answer.requests;
}

describe('scoring a model through the product’s AI path', () => {
  it('sends buildAiRequest’s body and scores the checked answers', async () => {
    await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
    const rows = await scoreModel(deals, { baseUrl: `${sandbox.url}/ai/v1`, model: 'sandbox-stage-model', key: KEY, criteriaText: DEFAULT_CRITERIA_TEXT, criteria: parsed.criteria });
    expect(rows).toHaveLength(deals.length);
    const bodies = await sentBodies();
    expect(bodies.length).toBeGreaterThanOrEqual(deals.length);
    expect(bodies[0]).toMatchObject({ model: 'sandbox-stage-model', temperature: 0, response_format: { type: 'json_object' } });
    // The fake model proposes the next stage with the first two evidence ids: what parseAiAnswer accepts stands.
    const s = summarize(rows);
    expect(s.withEvidence).toBe(s.suggestions);
    expect(s.outsidePipeline).toBe(0);
    for (const row of rows) if (row.suggestion) expect(row.suggestion.by.kind).toBe('model');
  });

  it('asks again without temperature and response_format when the server refuses them, and says so', async () => {
    const log: string[] = [];
    // A reasoning-model server in front of the sandbox: it refuses both parameters, as OpenAI's o-series answers.
    const strict: typeof fetch = async (url, init) => {
      const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
      for (const param of ['temperature', 'response_format']) {
        if (param in body) {
          return new Response(JSON.stringify({ error: { message: `Unsupported parameter: '${param}' is not supported with this model.`, type: 'invalid_request_error', param, code: 'unsupported_parameter' } }), { status: 400 });
        }
      }
      return fetch(url, init);
    };
    const rows = await scoreModel(deals, { baseUrl: `${sandbox.url}/ai/v1`, model: 'sandbox-stage-model', key: KEY, criteriaText: DEFAULT_CRITERIA_TEXT, criteria: parsed.criteria, fetch: strict, log: (line) => log.push(line) });
    expect(rows.filter((row) => row.discarded?.startsWith('HTTP'))).toEqual([]);
    expect(log.filter((line) => line.includes('refused `temperature`'))).toHaveLength(1);
    expect(log.filter((line) => line.includes('refused `response_format`'))).toHaveLength(1);
  });

  it('counts a model’s failures as discarded, with the provider’s words', async () => {
    await fetch(`${sandbox.url}/__sandbox/ai`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reply: '{"stage": "Closed Won!", "confidence": 0.9, "evidence": [], "reason": "x"}' }) });
    const rows = await scoreModel(deals.slice(0, 2), { baseUrl: `${sandbox.url}/ai/v1`, model: 'sandbox-stage-model', key: KEY, criteriaText: DEFAULT_CRITERIA_TEXT, criteria: parsed.criteria });
    expect(rows.every((row) => row.discarded?.startsWith('unknown_stage'))).toBe(true);
    const wrongKey = await scoreModel(deals.slice(0, 1), { baseUrl: `${sandbox.url}/ai/v1`, model: 'sandbox-stage-model', key: 'sk-wrong', criteriaText: DEFAULT_CRITERIA_TEXT, criteria: parsed.criteria });
    expect(wrongKey[0]!.discarded).toMatch(/^HTTP 401/);
  });
});
