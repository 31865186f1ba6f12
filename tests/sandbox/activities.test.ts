// Seeded events, tasks and notes: laid out around "today" in each owner's zone, deterministic.
import { describe, expect, it } from 'vitest';
import { createSeedData, SEED, type ZohoRecord } from '../../sandbox/seed';
import { addDays, dateInZone, formatInZone, weekday } from '../../sandbox/time';
import { apiJson, control, login, useSandbox, WRITE_SCOPES } from './helpers';

const sandbox = useSandbox();
const KOLKATA = 'Asia/Kolkata';
// A fixed clock: Sunday 22 November 2026, 06:30 UTC (noon in Kolkata).
const NOW = Date.parse('2026-11-22T06:30:00Z');
const seed = createSeedData(NOW);
const events = seed.modules.Events as ZohoRecord[];
const tasks = seed.modules.Tasks as ZohoRecord[];
const notes = seed.modules.Notes as ZohoRecord[];
const ownedBy = (records: ZohoRecord[], userId: string) => records.filter((r) => (r.Owner as { id: string }).id === userId);
const local = (value: unknown) => formatInZone(Date.parse(String(value)), KOLKATA);

describe('seeded events', () => {
  const repEvents = ownedBy(events, SEED.users.rep.id);
  const today = dateInZone(NOW, KOLKATA);

  it('gives the rep 25 upcoming events over three weeks and 10 in the past two', () => {
    const upcoming = repEvents.filter((e) => local(e.Start_DateTime).slice(0, 10) >= today);
    const past = repEvents.filter((e) => local(e.Start_DateTime).slice(0, 10) < today);
    expect(upcoming).toHaveLength(25);
    expect(past).toHaveLength(10);
    expect(upcoming.every((e) => local(e.Start_DateTime).slice(0, 10) <= addDays(today, 21))).toBe(true);
    expect(past.every((e) => local(e.Start_DateTime).slice(0, 10) >= addDays(today, -14))).toBe(true);
    expect(ownedBy(events, SEED.users.manager.id).length).toBeGreaterThanOrEqual(20);
    expect(ownedBy(events, SEED.users.admin.id).length).toBeGreaterThanOrEqual(15);
  });

  it('keeps weekday meetings in Kolkata working hours, with a few exceptions on purpose', () => {
    const ordinary = repEvents.filter((e) => {
      const day = local(e.Start_DateTime).slice(0, 10);
      return !e.All_day && weekday(day) !== 0 && weekday(day) !== 6;
    });
    const inHours = ordinary.filter((e) => local(e.Start_DateTime).slice(11, 16) >= '09:30' && local(e.End_DateTime).slice(11, 16) <= '18:30' && local(e.End_DateTime).slice(0, 10) === local(e.Start_DateTime).slice(0, 10));
    expect(inHours.length).toBeGreaterThanOrEqual(ordinary.length - 2);
  });

  it('has an all-day event, a multi-hour one, weekend ones and one straddling midnight', () => {
    expect(repEvents.filter((e) => e.All_day)).toHaveLength(1);
    const hours = (e: ZohoRecord) => (Date.parse(String(e.End_DateTime)) - Date.parse(String(e.Start_DateTime))) / 3_600_000;
    expect(repEvents.some((e) => !e.All_day && hours(e) >= 3)).toBe(true);
    const weekend = repEvents.filter((e) => [0, 6].includes(weekday(local(e.Start_DateTime).slice(0, 10))));
    expect(weekend.length).toBeGreaterThanOrEqual(3);
    const straddling = repEvents.filter((e) => !e.All_day && local(e.Start_DateTime).slice(0, 10) !== local(e.End_DateTime).slice(0, 10));
    expect(straddling.map((e) => e.Event_Title)).toEqual(['Koala Bay loyalty pilot – check-in (Sydney morning)']);
  });

  it('never overlaps an owner’s events and always ends after it starts', () => {
    for (const owner of Object.values(SEED.users)) {
      const spans = ownedBy(events, owner.id)
        .map((e) => [Date.parse(String(e.Start_DateTime)), Date.parse(String(e.End_DateTime))] as const)
        .sort((a, b) => a[0] - b[0]);
      for (const [i, [start, end]] of spans.entries()) {
        expect(end).toBeGreaterThan(start);
        if (i > 0) expect(start).toBeGreaterThanOrEqual((spans[i - 1] as readonly [number, number])[1]);
      }
    }
  });

  it('invites seeded contacts, leads, users and outside addresses', () => {
    const types = new Set(repEvents.flatMap((e) => (e.Participants as Array<{ type: string }>).map((p) => p.type)));
    expect([...types].sort()).toEqual(['contact', 'email', 'lead', 'user']);
    const acme = events.find((e) => e.id === SEED.events.acmeDiscovery.id) as ZohoRecord;
    expect(acme.Participants).toEqual([
      expect.objectContaining({ type: 'contact', participant: SEED.primary.contactId, name: 'Ann Carter', Email: 'ann@acme.com', invited: true, status: 'accepted' }),
      expect.objectContaining({ type: 'contact', participant: SEED.contacts.joannWhitfield.id, name: 'JoAnn Whitfield' }),
    ]);
    expect(acme).toMatchObject({ Who_Id: { id: SEED.primary.contactId }, What_Id: { id: SEED.primary.dealId }, $se_module: 'Deals' });
  });

  it('is the same for the same clock, and follows the clock’s day', () => {
    expect(createSeedData(NOW)).toEqual(seed);
    const later = createSeedData(NOW + 7 * 86_400_000);
    const acme = (data: typeof seed) => (data.modules.Events as ZohoRecord[]).find((e) => e.id === SEED.events.acmeDiscovery.id) as ZohoRecord;
    expect(Date.parse(String(acme(later).Start_DateTime)) - Date.parse(String(acme(seed).Start_DateTime))).toBe(7 * 86_400_000);
    expect(local(acme(seed).Start_DateTime)).toBe('2026-11-23T10:00:00+05:30');
  });
});

describe('seeded tasks and notes', () => {
  it('has open and completed tasks linked to deals', () => {
    const completed = tasks.filter((t) => t.Status === 'Completed');
    expect(completed.length).toBeGreaterThanOrEqual(2);
    expect(completed.every((t) => typeof t.Closed_Time === 'string')).toBe(true);
    expect(tasks.filter((t) => t.Status !== 'Completed').every((t) => t.Closed_Time === null)).toBe(true);
    expect(tasks.filter((t) => t.$se_module === 'Deals').length).toBeGreaterThanOrEqual(8);
    const overdue = tasks.find((t) => t.id === SEED.tasks.overdueCallback.id) as ZohoRecord;
    expect(String(overdue.Due_Date) < dateInZone(NOW, KOLKATA)).toBe(true);
  });

  it('has several notes per active deal, with recognisable signals, spread over recent weeks', () => {
    const onDeal = (dealId: string) => notes.filter((n) => (n.Parent_Id as { id: string }).id === dealId);
    expect(onDeal(SEED.primary.dealId).length).toBeGreaterThanOrEqual(3);
    expect(onDeal(SEED.deals.sahyadriErp.id).length).toBeGreaterThanOrEqual(2);
    const text = (key: keyof typeof SEED.notes) => String(notes.find((n) => n.id === SEED.notes[key].id)?.Note_Content);
    expect(text('budgetApproved')).toContain('Budget approved');
    expect(text('proposalByFriday')).toContain('send the proposal by Friday');
    expect(text('legalReview')).toContain('legal review of the contract');
    expect(text('choseCompetitor')).toContain('they chose a competitor');
    expect(text('acmeTranscript')).toMatch(/^\[00:\d\d:\d\d\] Ann Carter:/);
    const created = notes.map((n) => Date.parse(String(n.Created_Time)));
    expect(Math.max(...created)).toBeLessThanOrEqual(NOW);
    expect((Math.max(...created) - Math.min(...created)) / 86_400_000).toBeGreaterThan(21);
  });
});

describe('reset with a pinned day', () => {
  it('lays the activities out around the given day and reports it', async () => {
    const reset = await control(sandbox.url, 'POST', '/__sandbox/reset', { today: '2026-11-23' });
    expect(reset.seededAt).toBe('2026-11-23T12:00:00.000Z');
    const info = await control(sandbox.url, 'GET', '/__sandbox/seed');
    expect(info.today[SEED.users.rep.id]).toBe('2026-11-23');
    expect(info.events.acmeDiscovery).toBe(SEED.events.acmeDiscovery.id);
    const tokens = await login(sandbox.url, { scope: WRITE_SCOPES });
    const { body } = await apiJson(sandbox.url, `/Events/${SEED.events.acmeDiscovery.id}`, tokens.access_token);
    // The next weekday after Monday the 23rd.
    expect(body.data[0].Start_DateTime).toBe('2026-11-24T10:00:00+05:30');
  });

  it('refuses a day that is not one', async () => {
    for (const today of ['2026-13-01', 'tomorrow', 20261123]) {
      const response = await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ today }) });
      expect(response.status).toBe(400);
      expect((await response.json()).reason).toContain('today');
    }
  });
});
