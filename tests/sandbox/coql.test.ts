// COQL: grammar, semantics, errors, limits and the "complex call" concurrency sub-limit.
import { describe, expect, it } from 'vitest';
import { CoqlError, parseCoql } from '../../sandbox/coql';
import { SEED } from '../../sandbox/seed';
import { apiSend, coql, control, login, useSandbox, WRITE_SCOPES } from './helpers';

const sandbox = useSandbox();
const { deals, contacts, leads, users } = SEED;

async function token(scope = WRITE_SCOPES, userId: string = users.rep.id): Promise<string> {
  return (await login(sandbox.url, { scope, userId })).access_token;
}

async function ids(query: string, accessToken?: string): Promise<string[]> {
  const { status, body } = await coql(sandbox.url, accessToken ?? (await token()), query);
  if (status === 204) return [];
  if (status !== 200) throw new Error(`${query}: ${status} ${JSON.stringify(body)}`);
  return body.data.map((row: { id: string }) => row.id);
}

describe('grammar and semantics: valid queries', () => {
  const sortedIds = (...records: Array<{ id: string }>) => records.map((r) => r.id).sort();
  // The labeled set's deals (the manager's, sandbox/labeled.ts), open and closed.
  const labeledOpen = [deals.lakeshoreInventory, deals.copperleafWifi, deals.redwoodScheduling, deals.northgateYard, deals.summitEcommerce, deals.meridianTimesheets, deals.kestrelPortal, deals.blueHeronLabels, deals.fairmontVisitors];
  const labeledClosed = [deals.silverlineFuelCards, deals.granitePeakSafety, deals.orchardLaneDelivery];
  const openDeals = [deals.acmeTelematics, deals.acmeTraining, deals.acmeScanners, deals.harrowgateSensors, deals.koalaBayPos, deals.koalaBayLoyalty, deals.sahyadriErp, ...labeledOpen];

  it.each([
    ['equality on text', "select Last_Name from Contacts where Last_Name = 'Carter'", [contacts.annCarter.id]],
    ['text equality ignores case; keywords any case', "SELECT Last_Name FROM Contacts WHERE Last_Name = 'carter'", [contacts.annCarter.id]],
    ["'' escapes a quote", "select Last_Name from Contacts where Last_Name = 'O''Neill'", [contacts.graceONeill.id]],
    ['like with a leading %', "select Full_Name from Contacts where Email like '%@acme.com'", sortedIds(contacts.annCarter, contacts.joannWhitfield)],
    ['like with % on both sides', "select Deal_Name from Deals where Deal_Name like '%koala%'", sortedIds(deals.koalaBayPos, deals.koalaBayLoyalty)],
    ['not like', "select Deal_Name from Deals where Deal_Name not like 'Acme%'", sortedIds(deals.harrowgateSensors, deals.harrowgatePilot, deals.koalaBayPos, deals.koalaBayLoyalty, deals.sahyadriErp, deals.sahyadriAnalytics, deals.brandtRenewal, ...labeledOpen, ...labeledClosed)],
    ['numbers', 'select Deal_Name from Deals where Amount > 40000', sortedIds(deals.acmeTelematics, deals.sahyadriErp, deals.copperleafWifi, deals.redwoodScheduling, deals.northgateYard, deals.kestrelPortal, deals.orchardLaneDelivery)],
    ['a bracketed pair with and', 'select Deal_Name from Deals where (Amount >= 15200 and Amount <= 23500)', sortedIds(deals.acmeTraining, deals.acmeScanners, deals.koalaBayPos, deals.meridianTimesheets, deals.fairmontVisitors, deals.silverlineFuelCards)],
    ['or', "select Deal_Name from Deals where Stage = 'Qualification' or Stage = 'Needs Analysis'", sortedIds(deals.acmeTelematics, deals.harrowgateSensors, deals.lakeshoreInventory, deals.blueHeronLabels)],
    ['three criteria grouped in pairs', `select Deal_Name from Deals where ((Amount > 20000 and Owner = '${users.rep.id}') and Stage != 'Closed Won')`, sortedIds(deals.acmeTelematics, deals.acmeScanners, deals.harrowgateSensors, deals.koalaBayLoyalty, deals.sahyadriErp)],
    ['in', "select Deal_Name from Deals where Stage in ('Closed Won', 'Closed Lost')", sortedIds(deals.harrowgatePilot, deals.brandtRenewal, deals.silverlineFuelCards, deals.granitePeakSafety)],
    ['not in', "select Deal_Name from Deals where Stage not in ('Closed Won', 'Closed Lost', 'Closed Lost to Competition')", sortedIds(...openDeals)],
    ['between (inclusive)', 'select Deal_Name from Deals where Amount between 12400 and 14000', sortedIds(deals.sahyadriAnalytics, deals.brandtRenewal)],
    ['is null', 'select Deal_Name from Deals where Next_Step is null', sortedIds(deals.harrowgatePilot, deals.sahyadriAnalytics, deals.brandtRenewal, ...labeledClosed)],
    ['is not null on a lookup', 'select Last_Name from Contacts where Account_Name is null', [SEED.hostileContactId]],
    ['a lookup compared by id', `select Deal_Name from Deals where Owner = '${users.manager.id}'`, sortedIds(deals.koalaBayPos, ...labeledOpen, ...labeledClosed)],
    ['Owner.id', `select Deal_Name from Deals where Owner.id = '${users.admin.id}'`, [deals.brandtRenewal.id]],
    ['a lookup id as a number', `select Deal_Name from Deals where Account_Name = ${SEED.accounts.koalaBay.id}`, sortedIds(deals.koalaBayPos, deals.koalaBayLoyalty)],
    ['a field of the looked-up record', "select Deal_Name from Deals where Account_Name.Account_Name = 'Acme Logistics'", sortedIds(deals.acmeTelematics, deals.acmeTraining, deals.acmeScanners)],
    ['a user field of the owner', `select Deal_Name from Deals where Owner.email = '${users.manager.email}'`, sortedIds(deals.koalaBayPos, ...labeledOpen, ...labeledClosed)],
    ['datetimes as instants (any offset)', "select Last_Name from Contacts where Created_Time = '2026-01-09T21:30:00+05:30'", [SEED.hostileContactId]],
    ['datetime ranges', "select Last_Name from Contacts where Created_Time >= '2026-01-01T00:00:00Z' and Created_Time < '2026-02-01T00:00:00+01:00'", [SEED.hostileContactId]],
    ['dates', "select Deal_Name from Deals where Closing_Date < '2026-11-01'", sortedIds(deals.harrowgatePilot, deals.sahyadriAnalytics, deals.brandtRenewal, deals.orchardLaneDelivery)],
    ['booleans', 'select Last_Name from Contacts where Email_Opt_Out = true', []],
    ['id', `select Last_Name from Leads where id = '${leads.marcusLee.id}'`, [leads.marcusLee.id]],
    ['double-quoted column names', `select "Last_Name" from Leads where "Lead_Status" = 'Contacted'`, [leads.marcusLee.id]],
    ['a trailing semicolon and newlines', "select Deal_Name\nfrom Deals\nwhere Amount > 90000;", [deals.sahyadriErp.id]],
    ['module names ignore case', "select Subject from tasks where Subject like 'Send revised%'", [SEED.tasks.sendProposalAcme.id]],
  ])('%s', async (_label, query, expected) => {
    expect((await ids(query)).sort()).toEqual(expected);
  });

  it('orders (nulls first ascending), defaults to ascending id, and pages with limit/offset both ways', async () => {
    expect(await ids('select Deal_Name from Deals where Amount > 0 order by Amount desc limit 3')).toEqual([deals.sahyadriErp.id, deals.northgateYard.id, deals.kestrelPortal.id]);
    const third = [deals.sahyadriAnalytics.id, deals.acmeTraining.id, deals.fairmontVisitors.id];
    expect(await ids('select Deal_Name from Deals where Amount > 0 order by Amount asc limit 2, 3')).toEqual(third);
    expect(await ids('select Deal_Name from Deals where Amount > 0 order by Amount limit 3 offset 2')).toEqual(third);
    const all = await ids('select Deal_Name from Deals where Amount > 0');
    expect(all).toEqual([...all].sort());
    expect((await ids('select Deal_Name from Deals where Amount > 0 order by Next_Step asc, Amount desc')).slice(0, 3)).toEqual([deals.orchardLaneDelivery.id, deals.granitePeakSafety.id, deals.silverlineFuelCards.id]);
  });

  it('answers the selected fields and id; lookups as {id}; dotted columns as flat keys; datetimes in the caller’s zone', async () => {
    const { status, body } = await coql(sandbox.url, await token(), `select Deal_Name, Owner, Owner.email, Account_Name.Account_Name, Created_Time from Deals where id = '${deals.koalaBayPos.id}'`);
    expect(status).toBe(200);
    expect(body).toEqual({
      data: [
        {
          id: deals.koalaBayPos.id,
          Deal_Name: 'Koala Bay – POS Upgrade',
          Owner: { id: users.manager.id },
          'Owner.email': users.manager.email,
          'Account_Name.Account_Name': 'Koala Bay Outfitters Pty Ltd',
          Created_Time: '2026-09-29T06:45:00+05:30',
        },
      ],
      info: { count: 1, more_records: false },
    });
  });

  it('answers 204 with no body when nothing matches', async () => {
    const { status, body } = await coql(sandbox.url, await token(), "select Last_Name from Contacts where Last_Name = 'Nobody'");
    expect([status, body]).toEqual([204, null]);
  });

  it('finds events in a window for an owner (the extension’s availability query)', async () => {
    const event = SEED.events.sahyadriWorkshop;
    const start = String(event.Start_DateTime);
    const end = String(event.End_DateTime);
    const query = `select id, Event_Title, Start_DateTime, End_DateTime, Owner from Events where (Owner = '${users.rep.id}' and (Start_DateTime < '${end}' and End_DateTime > '${start}')) limit 200`;
    const { body } = await coql(sandbox.url, await token(), query);
    expect(body.data.map((row: any) => row.id)).toContain(event.id);
    for (const row of body.data) {
      expect(Date.parse(row.Start_DateTime)).toBeLessThan(Date.parse(end));
      expect(Date.parse(row.End_DateTime)).toBeGreaterThan(Date.parse(start));
      expect(row.Owner).toEqual({ id: users.rep.id });
    }
  });
});

describe('idempotency markers with like', () => {
  it('finds an event and a note by a marker inside Description / Note_Content', async () => {
    const accessToken = await token();
    const marker = 'stagecoach-op:5b9e2c71';
    const event = await apiSend(sandbox.url, 'POST', '/Events', accessToken, {
      data: [{ Event_Title: 'Demo', Start_DateTime: '2026-12-03T10:00:00+05:30', End_DateTime: '2026-12-03T11:00:00+05:30', Description: `Agenda: demo.\n\n[${marker}]` }],
    });
    const note = await apiSend(sandbox.url, 'POST', '/Notes', accessToken, {
      data: [{ Note_Content: `Summary…\n${marker}`, Parent_Id: { module: { api_name: 'Deals' }, id: deals.acmeTelematics.id } }],
    });
    expect(await ids(`select id, Event_Title from Events where Description like '%${marker}%'`, accessToken)).toEqual([event.body.data[0].details.id]);
    expect(await ids(`select id from Notes where Note_Content like '%${marker}%'`, accessToken)).toEqual([note.body.data[0].details.id]);
    expect(await ids("select id from Events where Description like '%stagecoach-op:00000000%'", accessToken)).toEqual([]);
  });

  it('with coqlStrict, multi-line fields are refused in criteria and Notes need an administrator', async () => {
    await control(sandbox.url, 'POST', '/__sandbox/config', { coqlStrict: true });
    const rep = await token();
    const strict = await coql(sandbox.url, rep, "select id from Events where Description like '%x%'");
    expect(strict).toMatchObject({ status: 400, body: { code: 'INVALID_QUERY', message: 'data type not supported', details: { column_name: 'Description' } } });
    expect((await coql(sandbox.url, rep, "select id from Notes where Note_Title = 'x'")).status).toBe(403);
    const admin = await token(WRITE_SCOPES, users.admin.id);
    expect((await coql(sandbox.url, admin, "select id from Notes where Note_Title = 'Renewal signed'")).status).toBe(200);
  });
});

describe('errors', () => {
  it.each([
    ['no columns', 'select from Contacts where id is not null'],
    ['*', 'select * from Contacts where id is not null'],
    ['a missing from', "select Last_Name Contacts where Last_Name = 'x'"],
    ['a dangling comma', "select Last_Name, from Contacts where Last_Name = 'x'"],
    ['three criteria without brackets', "select Last_Name from Contacts where Last_Name = 'a' and First_Name = 'b' and Title = 'c'"],
    ['mixed and/or without brackets', "select Last_Name from Contacts where Last_Name = 'a' or First_Name = 'b' and Title = 'c'"],
    ['an unclosed bracket', "select Last_Name from Contacts where (Last_Name = 'x'"],
    ['an unterminated string', "select Last_Name from Contacts where Last_Name = 'x"],
    ['==', "select Last_Name from Contacts where Last_Name == 'x'"],
    ['like without a string', 'select Last_Name from Contacts where Last_Name like 5'],
    ['not between', 'select Deal_Name from Deals where Amount not between 1 and 2'],
    ['a negative limit', "select Last_Name from Contacts where Last_Name = 'x' limit -1"],
    ['trailing words', "select Last_Name from Contacts where Last_Name = 'x' please"],
    ['another statement', "delete from Contacts where id = '1'"],
    ['order without by', "select Last_Name from Contacts where Last_Name = 'x' order Last_Name"],
    ['an unknown character', "select Last_Name from Contacts where Last_Name = 'x' #"],
    ['a keyword as a column name', "select from from Contacts where Last_Name = 'x'"],
  ])('%s: 400 SYNTAX_ERROR with line, column and near', async (_label, query) => {
    const { status, body } = await coql(sandbox.url, await token(), query);
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'SYNTAX_ERROR', status: 'error', details: { line: expect.any(Number), column: expect.any(Number), near: expect.any(String) } });
  });

  it('reports where the parser stopped', () => {
    try {
      parseCoql("select Last_Name\nfrom Contacts where Last_Name = 'a' and Title = 'b' and City = 'c'");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CoqlError);
      expect((error as CoqlError).details).toEqual({ line: 2, column: 53, near: 'and' });
    }
  });

  it('WHERE is mandatory', async () => {
    const { status, body } = await coql(sandbox.url, await token(), 'select Last_Name from Contacts limit 5');
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'SYNTAX_ERROR', details: { clause: 'where' } });
  });

  it.each([
    ['an unknown column in select', "select Nickname from Contacts where Last_Name = 'x'", { column_name: 'Nickname', clause: 'select' }, 'column given seems to be invalid'],
    ['an unknown column in where', "select Last_Name from Contacts where Nickname = 'x'", { column_name: 'Nickname', clause: 'where' }, 'column given seems to be invalid'],
    ['an unknown column in order by', "select Last_Name from Contacts where Last_Name = 'x' order by Nickname", { column_name: 'Nickname' }, 'column given seems to be invalid'],
    ['Owner.name (users have full_name)', "select Owner.name from Contacts where Last_Name = 'x'", { column_name: 'Owner.name' }, 'column given seems to be invalid'],
    ['a datetime that is not one', "select Last_Name from Contacts where Created_Time > '2026-01-01'", { column_name: 'Created_Time' }, 'value given seems to be invalid for the column'],
    ['a word for a number', "select Deal_Name from Deals where Amount = 'lots'", { column_name: 'Amount' }, 'value given seems to be invalid for the column'],
    ['= null', 'select Deal_Name from Deals where Next_Step = null', { column_name: 'Next_Step' }, 'value given seems to be invalid for the column'],
    ['like on a number', "select Deal_Name from Deals where Amount like '1%'", { column_name: 'Amount', operator: 'like' }, 'invalid query formed'],
    ['Participants', "select Participants from Events where Event_Title = 'x'", { column_name: 'Participants' }, 'data type not supported'],
    ['an unknown module', "select Name from Widgets where Name = 'x'", { module: 'Widgets' }, 'invalid query formed'],
  ])('%s: 400 INVALID_QUERY', async (_label, query, details, message) => {
    const { status, body } = await coql(sandbox.url, await token(), query);
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'INVALID_QUERY', details, message, status: 'error' });
  });

  it('needs select_query, ZohoCRM.coql.READ and the module’s READ', async () => {
    const all = await token();
    expect((await apiSend(sandbox.url, 'POST', '/coql', all, { query: 'x' })).body).toMatchObject({ code: 'REQUIRED_PARAM_MISSING', details: { param: 'select_query' } });
    const noCoql = await token('ZohoCRM.modules.ALL');
    expect((await coql(sandbox.url, noCoql, "select Last_Name from Contacts where Last_Name = 'Carter'")).body.code).toBe('OAUTH_SCOPE_MISMATCH');
    const coqlAndDeals = await token('ZohoCRM.coql.READ,ZohoCRM.modules.deals.READ');
    expect((await coql(sandbox.url, coqlAndDeals, "select Last_Name from Contacts where Last_Name = 'Carter'")).body.code).toBe('OAUTH_SCOPE_MISMATCH');
    expect((await coql(sandbox.url, coqlAndDeals, 'select Deal_Name from Deals where Amount > 90000')).status).toBe(200);
    expect((await apiSend(sandbox.url, 'GET', '/coql', all)).body.code).toBe('INVALID_REQUEST_METHOD');
  });
});

describe('limits', () => {
  it('LIMIT defaults to 200, goes up to 2000 (three credits), and no further', async () => {
    const accessToken = await token();
    for (let batch = 0; batch < 3; batch++) {
      const data = Array.from({ length: 100 }, (_, i) => ({ Subject: `bulk-${batch}-${i}` }));
      expect((await apiSend(sandbox.url, 'POST', '/Tasks', accessToken, { data })).status).toBe(201);
    }
    const first = await coql(sandbox.url, accessToken, "select Subject from Tasks where Subject like 'bulk-%'");
    expect(first.body.info).toEqual({ count: 200, more_records: true });
    const before = (await control(sandbox.url, 'GET', '/__sandbox/log')).creditsUsed;
    const big = await coql(sandbox.url, accessToken, "select Subject from Tasks where Subject like 'bulk-%' limit 2000");
    expect(big.body.info).toEqual({ count: 300, more_records: false });
    expect((await control(sandbox.url, 'GET', '/__sandbox/log')).creditsUsed - before).toBe(3);
    const rest = await coql(sandbox.url, accessToken, "select Subject from Tasks where Subject like 'bulk-%' limit 200, 200");
    expect(rest.body.info).toEqual({ count: 100, more_records: false });
  });

  it.each([
    ['limit 2001', "select Last_Name from Contacts where Last_Name = 'x' limit 2001", { limit: 2000 }],
    ['limit 0', "select Last_Name from Contacts where Last_Name = 'x' limit 0", { limit: 2000 }],
    ['offset + limit past 100,000', "select Last_Name from Contacts where Last_Name = 'x' limit 99000, 2000", { limit: 100000 }],
    ['101 values in in()', `select Last_Name from Contacts where Last_Name in (${Array.from({ length: 101 }, (_, i) => `'n${i}'`).join(',')})`, { limit: 100 }],
    ['26 criteria', `select Last_Name from Contacts where ${nestCriteria(26)}`, { limit: 25 }],
  ])('%s: 400 LIMIT_EXCEEDED', async (_label, query, details) => {
    const { status, body } = await coql(sandbox.url, await token(), query);
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'LIMIT_EXCEEDED', details, status: 'error' });
  });

  it('accepts 25 criteria', async () => {
    expect((await coql(sandbox.url, await token(), `select Last_Name from Contacts where ${nestCriteria(25)}`)).status).toBe(204);
  });

  it('COQL calls beyond coqlConcurrencyLimit answer 429 while other calls go through', async () => {
    const accessToken = await token();
    await control(sandbox.url, 'POST', '/__sandbox/config', { coqlConcurrencyLimit: 2, latencyMs: 300 });
    const query = "select Last_Name from Contacts where Last_Name = 'Carter'";
    const [queries, reads] = await Promise.all([
      Promise.all(Array.from({ length: 4 }, () => coql(sandbox.url, accessToken, query))),
      Promise.all(Array.from({ length: 3 }, () => apiSend(sandbox.url, 'GET', `/Contacts/${contacts.annCarter.id}`, accessToken))),
    ]);
    expect(queries.map((r) => r.status).sort()).toEqual([200, 200, 429, 429]);
    expect(queries.find((r) => r.status === 429)?.body).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(reads.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await control(sandbox.url, 'GET', '/__sandbox/log')).counts.tooManyRequests).toBe(2);
    // The sub-limit frees up again.
    await control(sandbox.url, 'POST', '/__sandbox/config', { latencyMs: 0 });
    expect((await coql(sandbox.url, accessToken, query)).status).toBe(200);
  });
});

/** `n` criteria grouped in pairs: ((((c and c) and c) and c) …). */
function nestCriteria(n: number): string {
  let expression = "Last_Name = 'c0'";
  for (let i = 1; i < n; i++) expression = `(${expression} or Last_Name = 'c${i}')`;
  return expression;
}
