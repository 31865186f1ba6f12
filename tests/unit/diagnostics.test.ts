// The org self-check in the background, in Node against the real sandbox over HTTP: every probe
// passes on the seeded org within its call budget; each capability switched off fails only its
// own row, with Zoho's code; the check is cancellable; and the report made from a real check holds
// none of the seeded personal values.
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ZOHO_SCOPES } from '@/lib/auth/oauth';
import { formatReport } from '@/lib/diagnostics/report';
import type { OrgCheckView, ProbeId } from '@/lib/diagnostics/types';
import { openDb, type StagecoachDb } from '@/lib/storage/db';
import { startSandbox } from '../../sandbox/server';
import { SEED } from '../../sandbox/seed';
import { sandboxBackground, sandboxControl } from './sandbox-helpers';

let server: { url: string; close(): Promise<void> };
const control = sandboxControl(() => server.url);
let db: StagecoachDb;
let dbCount = 0;

async function connectedAs(user: 'rep' | 'manager' | 'admin' = 'rep') {
  const background = sandboxBackground({ db, origin: server.url, userId: SEED.users[user].id });
  await background.handlers.connect({}, {});
  return background.handlers;
}

const EN = JSON.parse(readFileSync(new URL('../../public/_locales/en/messages.json', import.meta.url), 'utf8')) as Record<string, { message: string }>;
/** The page fills each finding's $1, $2… from the probe's params: as many as the message has. */
const placeholders = (key: string) => new Set(EN[key]?.message.match(/\$[A-Z]\$/g) ?? []).size;

const byId = (view: OrgCheckView) => Object.fromEntries(view.probes.map((probe) => [probe.id, probe]));
const zohoRefusal = (code: string, message: string) => ({ code, details: {}, message, status: 'error' });

beforeAll(async () => {
  server = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  await control('POST', '/__sandbox/reset');
  db = openDb(`stagecoach-diagnostics-${++dbCount}`);
});
afterEach(() => db.close());

describe('org check against the sandbox', () => {
  it('passes every probe on the seeded org, at most two calls each', async () => {
    const handlers = await connectedAs('manager');
    // The team settings (approvers) come from Zoho's org variables, read once per connection and
    // kept a few minutes, as any panel would have done by now: not a probe's call.
    await handlers.getSettings({}, {});
    await control('DELETE', '/__sandbox/log');
    const before = (await control('GET', '/__sandbox/log')).creditsUsed as number;
    const view = await handlers.orgCheck({}, {});
    expect(view.probes.map((probe) => probe.id)).toEqual(['scopes', 'user', 'pipeline', 'stageHistory', 'outOfOffice', 'coql', 'search', 'credits']);
    expect(view.probes.filter((probe) => probe.status !== 'pass')).toEqual([]);
    const probes = byId(view);
    expect(probes.scopes).toMatchObject({ outcome: 'scopes_all', calls: 0, figures: { asked: ZOHO_SCOPES.length, covered: ZOHO_SCOPES.length } });
    expect(probes.user).toMatchObject({ outcome: 'user_approver', params: ['Manager'], figures: { approver: true } });
    expect(probes.pipeline).toMatchObject({ outcome: 'pipeline_found', calls: 2 });
    expect(Number(probes.pipeline!.figures.stages)).toBeGreaterThan(3);
    expect(probes.stageHistory).toMatchObject({ outcome: 'history_read', calls: 2 });
    expect(String(probes.stageHistory!.figures.fields)).toContain('Stage');
    expect(probes.credits).toMatchObject({ outcome: 'credits_plenty', calls: 0, figures: { remaining: 'not reported' } });
    for (const probe of view.probes) {
      expect(probe.calls).toBeLessThanOrEqual(2);
      expect(probe.params, probe.id).toHaveLength(placeholders(`orgCheck_finding_${probe.outcome}`));
    }
    // What the probes cost, all told.
    const log = await control('GET', '/__sandbox/log');
    expect(log.counts.api).toBe(view.probes.reduce((sum, probe) => sum + probe.calls, 0));
    expect(log.creditsUsed - before).toBe(log.counts.api);
    expect(log.counts.api).toBeLessThanOrEqual(8);
    expect(view).toMatchObject({ dataCentre: 'us', edition: 'enterprise' });
  });

  it('a rep is told stage changes go to approval', async () => {
    const handlers = await connectedAs('rep');
    const view = await handlers.orgCheck({}, {});
    expect(byId(view).user).toMatchObject({ status: 'pass', outcome: 'user_not_approver', figures: { approver: false } });
  });

  const switchedOff: [ProbeId, string, { status: number; body: unknown }, string][] = [
    ['user', '/crm/v8/users?type=CurrentUser', { status: 401, body: zohoRefusal('OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL') }, 'scope'],
    ['pipeline', '/crm/v8/settings/pipeline', { status: 403, body: zohoRefusal('NO_PERMISSION', 'permission denied') }, 'permission'],
    ['stageHistory', '/Stage_History', { status: 403, body: zohoRefusal('NO_PERMISSION', 'permission denied') }, 'permission'],
    ['outOfOffice', '/crm/v8/settings/users_unavailability', { status: 400, body: zohoRefusal('FEATURE_NOT_SUPPORTED', 'not supported in this edition') }, 'unavailable'],
    ['coql', '/crm/v8/coql', { status: 400, body: zohoRefusal('SYNTAX_ERROR', 'invalid query formed') }, 'zoho_error'],
    ['search', '/crm/v8/Contacts/search', { status: 403, body: zohoRefusal('NO_PERMISSION', 'permission denied') }, 'permission'],
  ];
  it.each(switchedOff)('%s switched off fails that row alone, with Zoho’s code', async (id, path, fault, kind) => {
    const handlers = await connectedAs('manager');
    await control('POST', '/__sandbox/faults', { match: { path }, count: 50, ...fault });
    const view = await handlers.orgCheck({}, {});
    const probes = byId(view);
    expect(probes[id]).toMatchObject({ status: 'fail', failure: { kind, zohoCode: fault.body && (fault.body as { code: string }).code } });
    expect(view.probes.filter((probe) => probe.id !== id && probe.status !== 'pass')).toEqual([]);
  });

  it('a server error, an unreadable answer and a dropped connection are failures of their own kind', async () => {
    const handlers = await connectedAs('manager');
    await control('POST', '/__sandbox/faults', { match: { path: '/crm/v8/Contacts/search' }, count: 10, malformed: true });
    await control('POST', '/__sandbox/faults', { match: { path: '/crm/v8/settings/users_unavailability' }, count: 10, drop: 'before' });
    const probes = byId(await handlers.orgCheck({}, {}));
    expect(probes.search).toMatchObject({ status: 'fail', failure: { kind: 'bad_response' } });
    expect(probes.outOfOffice).toMatchObject({ status: 'fail', failure: { kind: 'network' } });
  });

  it('credits: the last figure Zoho sent; too few fail the row while the calls still work', async () => {
    const handlers = await connectedAs('manager');
    // A day's credits just above what connecting and the probes (8 calls) use: past half, Zoho reports what is left.
    const { creditsUsed } = await control('GET', '/__sandbox/log');
    await control('POST', '/__sandbox/config', { creditsPerDay: creditsUsed + 12 });
    const probes = byId(await handlers.orgCheck({}, {}));
    const after = (await control('GET', '/__sandbox/log')).creditsUsed as number;
    expect(probes.credits).toMatchObject({ status: 'fail', outcome: 'credits_out' });
    expect(probes.credits!.figures.remaining).toBe(creditsUsed + 12 - after);
    expect(Object.values(probes).filter((probe) => probe.id !== 'credits' && probe.status !== 'pass')).toEqual([]);
  });

  it('scopes: a grant narrower than asked names what is missing; an unknown grant is a warning', async () => {
    const handlers = await connectedAs('manager');
    const row = (await db.connection.get('current'))!;
    expect(row.grantedScopes).toContain('ZohoCRM.coql.READ');
    await db.connection.put({ ...row, grantedScopes: row.grantedScopes!.filter((scope) => scope !== 'ZohoCRM.modules.tasks.ALL') });
    expect(byId(await handlers.orgCheck({}, {})).scopes).toMatchObject({ status: 'fail', outcome: 'scopes_missing', figures: { missing: 'ZohoCRM.modules.tasks.ALL', covered: ZOHO_SCOPES.length - 1 } });
    await db.connection.put({ ...row, grantedScopes: ['ZohoCRM.modules.ALL', 'ZohoCRM.settings.ALL', 'ZohoCRM.users.ALL', 'ZohoCRM.org.ALL', 'ZohoCRM.coql.READ', 'ZohoSearch.securesearch.READ'] });
    expect(byId(await handlers.orgCheck({}, {})).scopes).toMatchObject({ status: 'pass', outcome: 'scopes_all' });
    const { grantedScopes: _dropped, ...older } = row;
    await db.connection.put(older);
    expect(byId(await handlers.orgCheck({}, {})).scopes).toMatchObject({ status: 'warn', outcome: 'scopes_unknown' });
  });

  it('is cancelled by its signal, and the calls in flight are given up', async () => {
    const handlers = await connectedAs('manager');
    await control('POST', '/__sandbox/config', { latencyMs: 300 });
    const controller = new AbortController();
    const check = handlers.orgCheck({}, { signal: controller.signal });
    setTimeout(() => controller.abort(new DOMException('left the page', 'AbortError')), 100);
    await expect(check).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const log = await control('GET', '/__sandbox/log');
    // Three probes were under way (the concurrency), the rest never started.
    expect(log.entries.filter((entry: { path: string }) => !entry.path.startsWith('/oauth')).length).toBeLessThanOrEqual(2 + 3);
  });

  it('the report holds no personal value of the seeded org', async () => {
    const handlers = await connectedAs('manager');
    await control('POST', '/__sandbox/faults', { match: { path: '/crm/v8/coql' }, count: 5, status: 400, body: zohoRefusal('SYNTAX_ERROR', `near '${SEED.users.manager.id}'`) });
    const view = await handlers.orgCheck({}, {});
    const report = formatReport(view, { version: '0.1.0' });
    const row = (await db.connection.get('current'))!;
    const personal = [
      ...Object.values(SEED.users).flatMap((user) => [user.id, user.full_name, user.email, user.first_name, user.last_name]),
      ...Object.values(SEED.contacts).flatMap((contact) => [contact.id, contact.Email, contact.Last_Name, contact.First_Name]),
      ...Object.values(SEED.leads).flatMap((lead) => [lead.id, lead.Email, lead.Last_Name]),
      ...Object.values(SEED.deals).flatMap((deal) => [deal.id, deal.Deal_Name]),
      SEED.org.id,
      SEED.org.company_name,
      SEED.org.zgid,
      row.org.name,
      row.user.profile,
      row.clientId,
      row.apiDomain,
    ].filter((value): value is string => typeof value === 'string' && value.length > 2);
    expect(personal.length).toBeGreaterThan(30);
    for (const value of personal) expect(report, `the report holds ${value}`).not.toContain(value);
    expect(report).toContain('[FAIL] coql: zoho_error code=zoho_error zoho=SYNTAX_ERROR');
    expect(report).toContain('Data centre: us');
    expect(report).toContain('Edition: enterprise');
  });
});
