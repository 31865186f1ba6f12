// Team settings in Zoho and approvals on Zoho's word (issue 11, finding 2), in Node against the
// real sandbox over HTTP: a rep cannot make themselves an approver, an administrator publishes
// the criteria, approvers and switches as org variables that every member reads, and the
// approver's profile is read from Zoho when deciding (a demotion counts within a minute).
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { StagecoachError } from '@/lib/errors';
import { PROFILE_FRESH_MS } from '@/lib/settings/currentProfile';
import { TEAM_CHUNK_LENGTH } from '@/lib/settings/team';
import { TEAM_FRESH_MS } from '@/lib/settings/teamStore';
import { openDb } from '@/lib/storage/db';
import { startSandbox } from '../../sandbox/server';
import { SEED } from '../../sandbox/seed';
import { sandboxBackground, sandboxControl } from './sandbox-helpers';

let server: { url: string; close(): Promise<void> };
const control = sandboxControl(() => server.url);
let dbCount = 0;
let clock = Date.now();

async function connectedAs(user: 'rep' | 'manager' | 'admin') {
  const db = openDb(`stagecoach-team-${++dbCount}`);
  const background = sandboxBackground({ db, origin: server.url, userId: SEED.users[user].id, now: () => clock });
  await background.handlers.connect({}, {});
  return background.handlers;
}

const deal = SEED.deals.acmeTelematics;
const stageOf = async (id: string) => (await control('GET', `/__sandbox/records/Deals/${id}`)).Stage as string;
const notesContaining = async (text: string) => (await control('GET', `/__sandbox/records/Notes?contains=${encodeURIComponent(text)}`)).records as Record<string, unknown>[];

async function refusal(promise: Promise<unknown>): Promise<StagecoachError> {
  try {
    await promise;
  } catch (error) {
    return StagecoachError.from(error);
  }
  throw new Error('expected a refusal');
}

beforeAll(async () => {
  server = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  await control('POST', '/__sandbox/reset');
  clock = Date.now();
});

describe('who may approve rests on Zoho', () => {
  it('a rep who adds their own profile to the approver list in the options page still cannot approve', async () => {
    const rep = await connectedAs('rep');
    await rep.saveSettings({ patch: { approvers: { profiles: ['Administrator', 'Manager', 'Standard'], roles: [] } } }, {});
    expect((await rep.getSettings({}, {})).team).toMatchObject({ state: 'none', canPublish: false, ownDiffers: true });
    const view = await rep.dealSuggestion({ dealId: deal.id }, {});
    expect(view.canApprove).toBe(false);
    const target = view.suggestion?.target ?? 'Closed Won';
    const error = await refusal(rep.decideSuggestion({ dealId: deal.id, decision: 'approve', target, basis: 'edited', evidence: [] }, {}));
    expect(error.code).toBe('not_approver');
    expect(await stageOf(deal.id)).toBe(deal.Stage);
    expect(await notesContaining('Approved by')).toEqual([]);
  });

  it('an administrator publishes team settings; a rep reads them, may not publish', async () => {
    const admin = await connectedAs('admin');
    const before = await admin.getSettings({}, {});
    expect(before.team).toMatchObject({ state: 'none', canPublish: true, profile: 'Administrator' });
    // Long criteria: more than one variable's worth.
    const criteria = `# Team criteria\n${'# a long comment line to fill the variable\n'.repeat(80)}`;
    expect(criteria.length).toBeGreaterThan(TEAM_CHUNK_LENGTH);
    const published = await admin.publishTeamSettings({ team: { approvers: { profiles: ['Administrator'], roles: ['Sales Manager'] }, pipelineCriteria: criteria, criteriaEnabled: false, features: { booking: false } } }, {});
    // What the admin typed went to Zoho; the browser has nothing of its own to offer.
    expect(published.team).toMatchObject({ state: 'published', by: SEED.users.admin.full_name, ownDiffers: false });
    expect(published.settings.features.booking).toBe(false);
    const stored = (await control('GET', '/__sandbox/variables')).variables as { api_name: string; type: string; value: string }[];
    expect(stored.map((v) => v.api_name)).toEqual(['Stagecoach_Team_01', 'Stagecoach_Team_02']);
    expect(stored.every((v) => v.type === 'textarea' && v.value.length <= TEAM_CHUNK_LENGTH)).toBe(true);

    const rep = await connectedAs('rep');
    const seen = await rep.getSettings({}, {});
    expect(seen.team).toMatchObject({ state: 'published', canPublish: false, profile: 'Standard' });
    expect(seen.settings.approvers).toEqual({ profiles: ['Administrator'], roles: ['Sales Manager'] });
    expect(seen.settings.pipelineCriteria).toBe(criteria);
    expect(seen.settings.features.booking).toBe(false);
    // The rep's own copy is ignored once the team's exist, and saving does not change it.
    await rep.saveSettings({ patch: { approvers: { profiles: ['Standard'], roles: [] }, slotMinutes: 45 } }, {});
    const after = await rep.getSettings({}, {});
    expect(after.settings.approvers.profiles).toEqual(['Administrator']);
    expect(after.settings.slotMinutes).toBe(45);
    const denied = await refusal(rep.publishTeamSettings({ team: { approvers: { profiles: ['Standard'], roles: [] } } }, {}));
    expect(denied).toMatchObject({ code: 'no_permission', reason: 'team_settings_admin_only' });
    expect(((await control('GET', '/__sandbox/variables')).variables as unknown[]).length).toBe(2);
  });

  it('a manager approves with the profile Zoho names now; demoted in Zoho, refused once the minute is over', async () => {
    const manager = await connectedAs('manager');
    const view = await manager.dealSuggestion({ dealId: deal.id }, {});
    expect(view).toMatchObject({ canApprove: true, approval: null });
    const target = view.suggestion!.target;
    await manager.decideSuggestion({ dealId: deal.id, decision: 'approve', target, basis: 'rules', evidence: view.suggestion!.evidence }, {});
    expect(await stageOf(deal.id)).toBe(target);
    const [note] = await notesContaining('Approved by');
    expect(String(note!.Note_Content)).toContain(`Approved by: ${SEED.users.manager.full_name} (profile Manager, role Sales Manager, as Zoho said at approval)`);

    await control('POST', `/__sandbox/users/${SEED.users.manager.id}/profile`, { profile: 'Standard' });
    clock += PROFILE_FRESH_MS + 1;
    const demoted = await manager.dealSuggestion({ dealId: deal.id }, {});
    expect(demoted).toMatchObject({ canApprove: false, approval: { reason: 'not_listed', profile: 'Standard', role: 'Sales Manager' } });
    const error = await refusal(manager.decideSuggestion({ dealId: deal.id, decision: 'approve', target: 'Closed Won', basis: 'edited', evidence: [] }, {}));
    expect(error).toMatchObject({ code: 'not_approver', reason: 'approver_not_listed', params: ['Standard', 'Sales Manager'] });
    expect(await stageOf(deal.id)).toBe(target);
  });

  it('a role on the team list approves; the audit note says the role as Zoho named it', async () => {
    const admin = await connectedAs('admin');
    await admin.publishTeamSettings({ team: { approvers: { profiles: [], roles: ['Sales Manager'] } } }, {});
    await control('POST', `/__sandbox/users/${SEED.users.manager.id}/profile`, { profile: 'Standard' });
    const manager = await connectedAs('manager');
    const view = await manager.dealSuggestion({ dealId: deal.id }, {});
    expect(view.canApprove).toBe(true);
    await manager.decideSuggestion({ dealId: deal.id, decision: 'approve', target: view.suggestion!.target, basis: 'rules', evidence: [] }, {});
    const [note] = await notesContaining('Approved by');
    expect(String(note!.Note_Content)).toContain('(profile Standard, role Sales Manager, as Zoho said at approval)');
  });

  it('team settings that cannot be read: the last known stay in use and say so; never read: nobody approves', async () => {
    const admin = await connectedAs('admin');
    await admin.publishTeamSettings({ team: { approvers: { profiles: ['Manager'], roles: [] } } }, {});
    const manager = await connectedAs('manager');
    expect((await manager.getSettings({}, {})).team).toMatchObject({ state: 'published', error: null });
    await control('POST', '/__sandbox/faults', { match: { path: '/settings/variables' }, count: 20, status: 401, body: { code: 'OAUTH_SCOPE_MISMATCH', details: {}, message: 'invalid oauth scope to access this URL', status: 'error' } });
    // Past the five minutes: the settings' ask answers the kept copy at once and asks Zoho behind it
    // (stale-while-revalidate); once that read is refused, the kept copy says so.
    clock += TEAM_FRESH_MS + 1;
    const stale = await vi.waitFor(async () => {
      const settings = await manager.getSettings({}, {});
      expect(settings.team.error).not.toBeNull();
      return settings;
    });
    expect(stale.team.state).toBe('published');
    expect(stale.settings.approvers.profiles).toEqual(['Manager']);
    expect((await manager.dealSuggestion({ dealId: deal.id }, {})).canApprove).toBe(true);

    const other = await connectedAs('admin');
    const unread = await other.getSettings({}, {});
    expect(unread.team).toMatchObject({ state: 'unavailable', error: { code: 'no_permission', zoho: 'invalid oauth scope to access this URL' } });
    expect((await other.dealSuggestion({ dealId: deal.id }, {})).approval).toEqual({ reason: 'team_unread' });
    const error = await refusal(other.decideSuggestion({ dealId: deal.id, decision: 'approve', target: 'Closed Won', basis: 'edited', evidence: [] }, {}));
    expect(error).toMatchObject({ code: 'not_approver', reason: 'team_settings_unread' });
    await control('DELETE', '/__sandbox/faults');
  });
});
