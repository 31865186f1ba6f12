// The fake OpenAI-compatible model at /ai/v1: OpenAI's shapes, the key check, CORS, the default
// "next stage" answer, and the control API (verbatim replies, error statuses, what was sent).
import { describe, expect, it } from 'vitest';
import { control, useSandbox } from './helpers';

const sandbox = useSandbox();
const KEY = 'sk-sandbox-test';
const STAGES = ['Qualification', 'Needs Analysis', 'Value Proposition', 'Id. Decision Makers', 'Closed Won', 'Closed Lost'];

async function ai(method: string, path: string, body?: unknown, key: string | null = KEY, headers: Record<string, string> = {}) {
  const response = await fetch(`${sandbox.url}/ai/v1${path}`, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as any) : null };
}

const deal = { currentStage: 'Needs Analysis', stages: STAGES, evidence: [{ id: 'note:1:budget_approved', text: 'Budget approved' }, { id: 'event:2:meeting_held' }, { id: 'task:3:task_done' }] };
const chat = (content: unknown, extra: Record<string, unknown> = {}) => ({
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'You suggest the next pipeline stage. Answer JSON only.' },
    { role: 'user', content },
  ],
  ...extra,
});

describe('chat completions', () => {
  it('answers OpenAI’s chat.completion with the next stage in order and the first two evidence ids', async () => {
    const { status, headers, body } = await ai('POST', '/chat/completions', chat(JSON.stringify(deal)));
    expect(status).toBe(200);
    expect(headers.get('access-control-allow-origin')).toBe('*');
    expect(body).toEqual({
      id: expect.stringMatching(/^chatcmpl-/),
      object: 'chat.completion',
      created: expect.any(Number),
      model: 'gpt-4o-mini',
      choices: [{ index: 0, message: { role: 'assistant', content: expect.any(String), refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number), total_tokens: expect.any(Number) },
      system_fingerprint: expect.any(String),
    });
    expect(Math.abs(body.created - Date.now() / 1000)).toBeLessThan(60);
    expect(JSON.parse(body.choices[0].message.content)).toEqual({
      stage: 'Value Proposition',
      confidence: 0.6,
      evidence: ['note:1:budget_approved', 'event:2:meeting_held'],
      reason: 'Sandbox model: next stage in order.',
    });
  });

  it('reads the LAST user message, as text parts too, and JSON wrapped in prose', async () => {
    const body = {
      model: 'm',
      messages: [
        { role: 'user', content: JSON.stringify({ ...deal, currentStage: 'Qualification' }) },
        { role: 'assistant', content: '{"stage": null}' },
        { role: 'user', content: [{ type: 'text', text: `Here is the deal:\n\`\`\`json\n${JSON.stringify({ ...deal, currentStage: 'Value Proposition' })}\n\`\`\`` }] },
      ],
    };
    const answer = await ai('POST', '/chat/completions', body);
    expect(JSON.parse(answer.body.choices[0].message.content).stage).toBe('Id. Decision Makers');
  });

  it('answers stage null when the message holds no deal data, or there is no next stage', async () => {
    for (const content of ['What stage should this deal be in?', JSON.stringify({ currentStage: 'Nope', stages: STAGES, evidence: [] }), JSON.stringify({ ...deal, currentStage: 'Closed Lost' })]) {
      const answer = await ai('POST', '/chat/completions', chat(content));
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body.choices[0].message.content)).toMatchObject({ stage: null, confidence: 0, evidence: expect.any(Array) });
    }
  });

  it('refuses a missing or wrong key with OpenAI’s 401, CORS headers included', async () => {
    for (const key of [null, 'sk-wrong-key-123456']) {
      const { status, headers, body } = await ai('POST', '/chat/completions', chat('{}'), key);
      expect(status).toBe(401);
      expect(headers.get('access-control-allow-origin')).toBe('*');
      expect(body).toEqual({ error: { message: expect.any(String), type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
    }
    expect((await ai('GET', '/models', undefined, 'sk-nope')).status).toBe(401);
  });

  it('refuses bodies that are not chat requests with OpenAI’s 400', async () => {
    expect((await ai('POST', '/chat/completions', 'not json')).body.error).toMatchObject({ type: 'invalid_request_error' });
    expect((await ai('POST', '/chat/completions', { model: 'm' })).body.error).toMatchObject({ param: 'messages', code: 'missing_required_parameter' });
    expect((await ai('POST', '/chat/completions', { messages: [{ role: 'user', content: 'x' }] })).body.error).toMatchObject({ param: 'model' });
    const unknown = await ai('POST', '/completions', { model: 'm' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.type).toBe('invalid_request_error');
  });
});

describe('models and CORS', () => {
  it('lists the model', async () => {
    const { status, body } = await ai('GET', '/models');
    expect(status).toBe(200);
    expect(body).toEqual({ object: 'list', data: [{ id: 'sandbox-stage-model', object: 'model', created: expect.any(Number), owned_by: expect.any(String) }] });
  });

  it('answers a CORS preflight without a key, and does not log it', async () => {
    const response = await fetch(`${sandbox.url}/ai/v1/chat/completions`, {
      method: 'OPTIONS',
      headers: { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect((await control(sandbox.url, 'GET', '/__sandbox/log')).entries).toEqual([]);
  });
});

describe('control API: /__sandbox/ai', () => {
  it('records exactly what was sent, oldest first; reset forgets it', async () => {
    const first = chat(JSON.stringify(deal), { temperature: 0, response_format: { type: 'json_object' } });
    await ai('POST', '/chat/completions', first);
    await ai('POST', '/chat/completions', 'not json');
    await ai('GET', '/models');
    expect((await control(sandbox.url, 'GET', '/__sandbox/ai/requests')).requests).toEqual([first, 'not json']);
    await control(sandbox.url, 'POST', '/__sandbox/reset');
    expect((await control(sandbox.url, 'GET', '/__sandbox/ai/requests')).requests).toEqual([]);
  });

  it('answers a verbatim reply until told otherwise (null = the default again)', async () => {
    await control(sandbox.url, 'POST', '/__sandbox/ai', { reply: 'Sure! The deal should move to "Won". ```json {"stage": "Won"}```' });
    for (let i = 0; i < 2; i++) {
      expect((await ai('POST', '/chat/completions', chat(JSON.stringify(deal)))).body.choices[0].message.content).toBe('Sure! The deal should move to "Won". ```json {"stage": "Won"}```');
    }
    await control(sandbox.url, 'POST', '/__sandbox/ai', { reply: null });
    expect(JSON.parse((await ai('POST', '/chat/completions', chat(JSON.stringify(deal)))).body.choices[0].message.content).stage).toBe('Value Proposition');
  });

  it.each([
    [429, 'rate_limit_exceeded'],
    [500, null],
    [503, null],
  ])('answers status %i with an OpenAI error body', async (status, code) => {
    await control(sandbox.url, 'POST', '/__sandbox/ai', { status });
    const answer = await ai('POST', '/chat/completions', chat(JSON.stringify(deal)));
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({ error: { message: expect.any(String), type: expect.any(String), param: null, code } });
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    await control(sandbox.url, 'POST', '/__sandbox/ai', { status: null });
    expect((await ai('POST', '/chat/completions', chat(JSON.stringify(deal)))).status).toBe(200);
  });

  it('changes the key and adds latency; refuses junk; reset restores the defaults', async () => {
    expect(await control(sandbox.url, 'POST', '/__sandbox/ai', { key: 'sk-other', latencyMs: 150 })).toEqual({ reply: null, status: null, key: 'sk-other', latencyMs: 150 });
    expect((await ai('GET', '/models')).status).toBe(401);
    const started = performance.now();
    expect((await ai('GET', '/models', undefined, 'sk-other')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    for (const junk of [{ status: 200 }, { key: '' }, { latencyMs: -1 }, { model: 'x' }, { reply: 5 }]) {
      const response = await fetch(`${sandbox.url}/__sandbox/ai`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(junk) });
      expect(response.status, JSON.stringify(junk)).toBe(400);
    }
    await control(sandbox.url, 'POST', '/__sandbox/reset');
    expect(await control(sandbox.url, 'GET', '/__sandbox/ai')).toEqual({ reply: null, status: null, key: KEY, latencyMs: 0 });
  });
});

describe('request log and faults', () => {
  it('logs /ai requests like the API’s, with their own counter', async () => {
    await ai('GET', '/models');
    await ai('POST', '/chat/completions', chat(JSON.stringify(deal)), 'sk-wrong');
    const log = await control(sandbox.url, 'GET', '/__sandbox/log');
    expect(log.entries.map((entry: { method: string; path: string; status: number }) => [entry.method, entry.path, entry.status])).toEqual([
      ['GET', '/ai/v1/models', 200],
      ['POST', '/ai/v1/chat/completions', 401],
    ]);
    expect(log.counts).toMatchObject({ ai: 2, api: 0 });
  });

  it('applies faults to /ai: a status (with OpenAI’s body), a dropped connection, a malformed answer', async () => {
    await control(sandbox.url, 'POST', '/__sandbox/faults', { match: { path: '/ai/v1/chat' }, count: 1, status: 500 });
    const failed = await ai('POST', '/chat/completions', chat(JSON.stringify(deal)));
    expect(failed.status).toBe(500);
    expect(failed.body.error.type).toBe('server_error');

    await control(sandbox.url, 'POST', '/__sandbox/faults', { match: { path: '/ai/' }, count: 1, drop: 'after' });
    await expect(ai('POST', '/chat/completions', chat(JSON.stringify(deal)))).rejects.toThrow();
    // A status fault answers instead of the model; a drop after lets the model receive it first.
    expect((await control(sandbox.url, 'GET', '/__sandbox/ai/requests')).requests).toHaveLength(1);

    await control(sandbox.url, 'POST', '/__sandbox/faults', { match: { method: 'POST', path: '/ai/' }, count: 1, malformed: true });
    expect((await ai('POST', '/chat/completions', chat(JSON.stringify(deal)))).body).toEqual({ data: 'oops' });

    const log = await control(sandbox.url, 'GET', '/__sandbox/log');
    expect(log.entries.map((entry: { fault?: string }) => entry.fault)).toEqual(['status', 'after', 'malformed']);
  });
});
