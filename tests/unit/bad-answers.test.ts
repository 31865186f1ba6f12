// Bad answers from Zoho (issue 11): HTML error pages, empty bodies, wrong types, missing fields,
// 207 partial failures, a 200 with an error body, a cut-off body. Each read ends in a typed error
// with a sentence for the user (never a crash, never garbage shown); each write stays stored,
// either waiting to be looked up and sent again or refused in Zoho's words, and is never marked
// done unless Zoho confirmed it; what goes with a refused write is not sent behind the user's back.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeError, type MessageKey } from '../../components/i18n';
import { StagecoachError } from '../../lib/errors';
import { openDb, type StagecoachDb } from '../../lib/storage/db';
import { createOutbox } from '../../lib/sync/outbox';
import { createZohoClient, type ZohoClient } from '../../lib/zoho/client';
import { recordResponse } from '../../lib/zoho/schemas';

interface Bad {
  name: string;
  status: number;
  contentType?: string;
  body: string;
}

const json = (value: unknown) => JSON.stringify(value);
const BAD: Bad[] = [
  { name: 'HTML error page (502)', status: 502, contentType: 'text/html', body: '<!doctype html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>' },
  { name: 'HTML maintenance page with 200', status: 200, contentType: 'text/html', body: '<html><body><h1>Zoho CRM is under maintenance</h1></body></html>' },
  { name: 'empty body with 200', status: 200, body: '' },
  { name: 'empty body with 500', status: 500, body: '' },
  { name: 'wrong types: data is a string', status: 200, contentType: 'application/json', body: json({ data: 'oops' }) },
  { name: 'wrong types: numbers for strings', status: 200, contentType: 'application/json', body: json({ data: [{ id: 900, code: 1, status: true }] }) },
  { name: 'missing fields: empty data', status: 200, contentType: 'application/json', body: json({ data: [] }) },
  { name: 'missing fields: no data', status: 200, contentType: 'application/json', body: json({ info: { count: 1 } }) },
  { name: '200 with an error body', status: 200, contentType: 'application/json', body: json({ code: 'INTERNAL_ERROR', details: {}, message: 'Internal server error occurred.', status: 'error' }) },
  { name: '207 partial failure', status: 207, contentType: 'application/json', body: json({ data: [{ code: 'INVALID_DATA', details: { api_name: 'Event_Title' }, message: 'invalid data', status: 'error' }] }) },
  { name: 'cut-off JSON', status: 200, contentType: 'application/json', body: '{"data":[{"id":"9' },
  { name: 'JSON null', status: 200, contentType: 'application/json', body: 'null' },
];

const en: Record<string, { message: string }> = JSON.parse(readFileSync(new URL('../../public/_locales/en/messages.json', import.meta.url), 'utf8'));
const english = (key: MessageKey) => en[key]?.message.replace(/\$[A-Z_]+\$/g, '…') ?? key;

function clientAnswering(answer: (url: URL, method: string) => Bad | { status: number; json: unknown }): { client: ZohoClient; calls: string[] } {
  const calls: string[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    calls.push(`${method} ${url.pathname}`);
    const given = answer(url, method);
    if ('json' in given) return given.json === null ? new Response(null, { status: given.status }) : Response.json(given.json, { status: given.status });
    return new Response(given.status === 204 ? null : given.body, { status: given.status, headers: given.contentType ? { 'content-type': given.contentType } : {} });
  }) as typeof fetch;
  const client = createZohoClient({
    fetch: fetchImpl,
    tokens: { get: async () => ({ accessToken: 'T1', apiDomain: 'https://www.zohoapis.com', expiresAt: Infinity }), replace: async () => ({ accessToken: 'T2', apiDomain: 'https://www.zohoapis.com', expiresAt: Infinity }) },
    retries: 0,
    sleep: async () => {},
  });
  return { client, calls };
}

describe('a read that gets a bad answer', () => {
  it.each(BAD)('$name: a typed error with a sentence for the user, nothing parsed from it', async (bad) => {
    const { client } = clientAnswering(() => bad);
    const outcome = await client.request('/Contacts/4876876000000412001', recordResponse).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    expect(outcome, 'never an answer made of a bad body').not.toHaveProperty('value');
    const error = (outcome as { error: unknown }).error;
    expect(error).toBeInstanceOf(StagecoachError);
    const text = describeError((error as StagecoachError).toJSON(), english);
    expect(text.headline).not.toMatch(/^error_|^errorReason_/);
    expect(text.headline.length).toBeGreaterThan(15);
    // Zoho's words only where Zoho sent words; an HTML page's markup is never shown as Zoho's.
    if (text.zoho) expect(text.zoho).not.toMatch(/<[a-z!]/i);
  });
});

let db: StagecoachDb;
let n = 0;
let clock = 1_000_000;
beforeEach(() => {
  db = openDb(`bad-answers-${++n}`);
  clock = 1_000_000;
});
afterEach(() => db.close());

const OWNER = { userId: '4876876000000225013', orgId: 'org-1' };
const note = { op: 'create' as const, module: 'Notes' as const, data: { Note_Content: 'Budget approved.', Parent_Id: { module: { api_name: 'Contacts' }, id: '4876876000000412001' } }, summary: 'Note on Ann Carter' };

function outboxWith(client: ZohoClient) {
  let keys = 0;
  return createOutbox({ db, client, now: () => clock, random: () => 0.5, newKey: () => `key-${++keys}-0000`, connected: async () => true, owner: async () => OWNER });
}

describe('a write that gets a bad answer (nothing stored at Zoho)', () => {
  it.each(BAD)('$name: kept, never done unconfirmed; sent once when Zoho answers again', async (bad) => {
    let broken = true;
    let created = 0;
    const { client } = clientAnswering((url, method) => {
      // The marker look-up: the parent's notes, with the note once it was really created.
      if (method === 'GET') return created ? { status: 200, json: { data: [{ id: '900', Note_Content: 'Budget approved.\n\nstagecoach:key-1-0000', Created_By: { id: OWNER.userId } }] } } : { status: 204, json: null };
      if (broken) return bad;
      created += 1;
      return { status: 201, json: { data: [{ code: 'SUCCESS', details: { id: '900' }, message: 'record added', status: 'success' }] } };
    });
    const outbox = outboxWith(client);
    const row = await outbox.enqueue(note);
    const first = await outbox.sendNow(row.key);
    expect(first?.status, 'after the bad answer').toMatch(/^(pending|failed)$/);
    expect(first?.lastError).toBeTruthy();
    const text = describeError(first!.lastError!, english);
    expect(text.headline.length).toBeGreaterThan(15);
    // A refusal says Zoho's words (the 207's per-record error); anything else waits to be sent again.
    if (first?.status === 'failed') expect(first.lastError?.zoho).toContain('invalid data');

    broken = false;
    clock += 60 * 60_000;
    if (first?.status === 'failed') await outbox.retry(row.key);
    else await outbox.drain();
    expect(await db.outbox.get(row.key)).toMatchObject({ status: 'done', resultId: '900' });
    expect(created).toBe(1);
  });

  it('a refused meeting does not send the note and follow-up that went with it; a retry sends all', async () => {
    let refuse = true;
    const sent: string[] = [];
    const { client } = clientAnswering((url, method) => {
      if (method === 'GET' || url.pathname.endsWith('/coql')) return { status: 204, json: null };
      sent.push(url.pathname);
      if (url.pathname.endsWith('/Events') && refuse) return BAD.find((b) => b.status === 207)!;
      return { status: 201, json: { data: [{ code: 'SUCCESS', details: { id: String(900 + sent.length) }, message: 'record added', status: 'success' }] } };
    });
    const outbox = outboxWith(client);
    const event = { op: 'create' as const, module: 'Events' as const, data: { Event_Title: 'Demo', Start_DateTime: '2026-12-07T10:00:00+00:00', End_DateTime: '2026-12-07T10:30:00+00:00' }, summary: 'Meeting with Ann Carter: Demo' };
    const task = { op: 'create' as const, module: 'Tasks' as const, data: { Subject: 'Send the deck' }, summary: 'Task: Send the deck' };
    const answer = await outbox.submit(event, note, task);
    expect(answer.status).toBe('failed');
    expect(sent).toEqual(['/crm/v8/Events']);
    const rows = await db.outbox.toArray();
    expect(rows.filter((r) => r.module !== 'Events').map((r) => [r.module, r.status, r.lastError?.reason])).toEqual([
      ['Notes', 'failed', 'parent_refused'],
      ['Tasks', 'failed', 'parent_refused'],
    ]);
    refuse = false;
    await outbox.retry(answer.key);
    await outbox.drain();
    expect(sent.slice(1).sort()).toEqual(['/crm/v8/Events', '/crm/v8/Notes', '/crm/v8/Tasks']);
    expect((await db.outbox.toArray()).map((r) => r.status)).toEqual(['done', 'done', 'done']);
  });
});
