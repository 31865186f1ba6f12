// The labeled set (sandbox/labeled.ts) and the seed it describes: every deal labeled once, stage
// histories that walk the pipeline, and the evidence laid out so each label stays true on any day.
import { describe, expect, it } from 'vitest';
import { STAGE_NAMES } from '../../sandbox/fields';
import { LABELED_DEALS } from '../../sandbox/labeled';
import { createSeedData, SEED, type ZohoRecord } from '../../sandbox/seed';

const CLOSED = ['Closed Won', 'Closed Lost', 'Closed Lost to Competition'];
const parentId = (note: ZohoRecord) => (note.Parent_Id as { id: string }).id;
const whatId = (record: ZohoRecord) => (record.What_Id as { id: string } | null)?.id;

// A week of clocks, so weekends and month ends fall on every offset the seed uses.
const CLOCKS = Array.from({ length: 7 }, (_, i) => Date.parse('2026-11-22T06:30:00Z') + i * 86_400_000 + i * 3_700_000);

describe('LABELED_DEALS', () => {
  it('labels every seeded deal exactly once, with a stage of the pipeline or null, and says why', () => {
    expect(LABELED_DEALS.map((entry) => entry.key).sort()).toEqual(Object.keys(SEED.deals).sort());
    for (const entry of LABELED_DEALS) {
      const deal = SEED.deals[entry.key as keyof typeof SEED.deals];
      expect(entry.dealId).toBe(deal.id);
      if (entry.expected !== null) {
        expect(STAGE_NAMES).toContain(entry.expected);
        expect(entry.expected, entry.key).not.toBe(deal.Stage);
      }
      // Closed deals stay closed.
      if (CLOSED.includes(String(deal.Stage))) expect(entry.expected, entry.key).toBeNull();
      expect(entry.why.length).toBeGreaterThan(40);
    }
  });

  it('covers moves forward, to each closed outcome, and deals that stay', () => {
    const expected = LABELED_DEALS.map((entry) => entry.expected);
    for (const stage of ['Needs Analysis', 'Value Proposition', 'Id. Decision Makers', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost to Competition']) {
      expect(expected).toContain(stage);
    }
    const openStaying = LABELED_DEALS.filter((entry) => entry.expected === null && !CLOSED.includes(String(SEED.deals[entry.key as keyof typeof SEED.deals].Stage)));
    expect(openStaying.length).toBeGreaterThanOrEqual(6);
    const closed = Object.values(SEED.deals).filter((deal) => CLOSED.includes(String(deal.Stage)));
    expect(new Set(closed.map((deal) => deal.Stage))).toEqual(new Set(CLOSED));
    expect(closed.length).toBeGreaterThanOrEqual(6);
  });

  it('puts the labeled set under accounts of their own (the Acme, Koala Bay and Sahyadri deals are the original ones)', () => {
    const original = ['acmeTelematics', 'acmeTraining', 'acmeScanners', 'harrowgateSensors', 'harrowgatePilot', 'koalaBayPos', 'koalaBayLoyalty', 'sahyadriErp', 'sahyadriAnalytics', 'brandtRenewal'];
    const originalAccounts = new Set(original.map((key) => (SEED.deals[key as keyof typeof SEED.deals].Account_Name as { id: string }).id));
    for (const [key, deal] of Object.entries(SEED.deals)) {
      if (original.includes(key)) continue;
      expect(originalAccounts.has((deal.Account_Name as { id: string }).id), key).toBe(false);
      expect((deal.Owner as { id: string }).id).toBe(SEED.users.manager.id);
    }
  });
});

describe.each(CLOCKS.map((clock) => [new Date(clock).toISOString(), clock] as const))('the seed as of %s', (_label, now) => {
  const seed = createSeedData(now);
  const deals = seed.modules.Deals as ZohoRecord[];
  const notes = seed.modules.Notes as ZohoRecord[];
  const events = seed.modules.Events as ZohoRecord[];
  const tasks = seed.modules.Tasks as ZohoRecord[];
  const lastChange = (dealId: string) => Date.parse((seed.stageHistory[dealId]?.at(-1) as { changedAt: string }).changedAt);

  it('gives every deal a stage history from Qualification at its creation to its stage, in order, in the past', () => {
    for (const deal of deals) {
      const history = seed.stageHistory[deal.id] ?? [];
      expect(history[0]?.stage, String(deal.Deal_Name)).toBe('Qualification');
      expect(Date.parse(String(history[0]?.changedAt))).toBe(Date.parse(String(deal.Created_Time)));
      expect(history.at(-1)?.stage).toBe(deal.Stage);
      const times = history.map((change) => Date.parse(change.changedAt));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(Math.max(...times)).toBeLessThanOrEqual(now);
      expect(new Set(history.map((change) => change.stage)).size).toBe(history.length);
      // Stages only move forward through the pipeline.
      const order = history.map((change) => STAGE_NAMES.indexOf(change.stage as (typeof STAGE_NAMES)[number]));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(Date.parse(String(deal.Modified_Time))).toBeGreaterThanOrEqual(Math.max(...times));
      if (CLOSED.includes(String(deal.Stage))) expect(history.length, String(deal.Deal_Name)).toBeGreaterThanOrEqual(4);
    }
  });

  it('has evidence after the last stage change for every deal labeled to move', () => {
    for (const entry of LABELED_DEALS.filter((e) => e.expected !== null)) {
      const since = lastChange(entry.dealId);
      const newNotes = notes.filter((note) => parentId(note) === entry.dealId && Date.parse(String(note.Created_Time)) > since);
      expect(newNotes.length, entry.key).toBeGreaterThan(0);
      expect(Math.max(...newNotes.map((note) => Date.parse(String(note.Created_Time))))).toBeLessThanOrEqual(now);
    }
  });

  it('lays out each designed story in order: meeting, then its note; nothing new for the deal without news', () => {
    const note = (key: keyof typeof SEED.notes) => notes.find((n) => n.id === SEED.notes[key].id) as ZohoRecord;
    const event = (key: keyof typeof SEED.events) => events.find((e) => e.id === SEED.events[key].id) as ZohoRecord;
    for (const [meeting, summary] of [
      ['lakeshoreNeedsAssessment', 'lakeshoreAssessmentSummary'],
      ['copperleafCfoMeeting', 'copperleafCfoMet'],
      ['redwoodProposalWalkthrough', 'redwoodLegalReview'],
      ['meridianCheckIn', 'meridianPaused'],
      ['kestrelDecisionMakers', 'kestrelDecisionMakersMet'],
      ['blueHeronPricingCall', 'blueHeronPricingTranscript'],
      ['fairmontNoShow', 'fairmontNoShowNote'],
    ] as const) {
      const held = event(meeting);
      expect(Date.parse(String(held.End_DateTime)), meeting).toBeLessThanOrEqual(Date.parse(String(note(summary).Created_Time)));
      expect(Date.parse(String(held.End_DateTime))).toBeLessThan(now);
      expect(String(held.Start_DateTime).slice(0, 10)).toBe(String(note(summary).Created_Time).slice(0, 10));
    }
    // The no-show: every outside participant declined.
    const noShow = event('fairmontNoShow').Participants as Array<{ type: string; status: string }>;
    expect(noShow.filter((p) => p.type !== 'user').every((p) => p.status === 'declined')).toBe(true);
    // Booked, not held.
    for (const key of ['summitProposalQa', 'kestrelSecurityReview'] as const) expect(Date.parse(String(event(key).Start_DateTime))).toBeGreaterThan(now);
    // No news for Kestrel since its last stage change: no later note, no meeting held since.
    const kestrel = SEED.deals.kestrelPortal.id;
    const since = lastChange(kestrel);
    expect(notes.filter((n) => parentId(n) === kestrel && Date.parse(String(n.Created_Time)) > since)).toEqual([]);
    expect(events.filter((e) => whatId(e) === kestrel && Date.parse(String(e.Start_DateTime)) > since && Date.parse(String(e.Start_DateTime)) < now)).toEqual([]);
    expect(tasks.filter((t) => whatId(t) === kestrel && t.Status === 'Completed')).toEqual([]);
    // Fairmont's reschedule task is overdue.
    const reschedule = tasks.find((t) => t.id === SEED.tasks.fairmontReschedule.id) as ZohoRecord;
    expect(Date.parse(`${String(reschedule.Due_Date)}T23:59:59-05:00`)).toBeLessThan(now);
  });

  it('never overlaps the manager’s meetings', () => {
    const spans = events
      .filter((e) => (e.Owner as { id: string }).id === SEED.users.manager.id)
      .map((e) => [Date.parse(String(e.Start_DateTime)), Date.parse(String(e.End_DateTime))] as const)
      .sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
  });
});
