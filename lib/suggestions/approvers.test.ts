import { describe, expect, it } from 'vitest';
import type { TeamState } from '../settings/teamStore';
import { approverLine, checkApprover } from './approvers';

const published: TeamState = { kind: 'published', readAt: 1, stale: null, by: null, at: null, team: {} as never };
const none: TeamState = { kind: 'none', readAt: 1 };
const unavailable: TeamState = { kind: 'unavailable', error: { code: 'network', action: 'retry' } };
const list = { profiles: ['Administrator', 'Manager'], roles: ['Sales Director'] };

describe('checkApprover', () => {
  it.each([
    ['a listed profile', published, 'Manager', 'Sales Manager', { ok: true, as: 'Manager' }],
    ['letter case and spaces do not matter', published, ' manager ', null, { ok: true }],
    ['a listed role', published, 'Standard', 'Sales Director', { ok: true, as: 'Sales Director' }],
    ['neither listed', published, 'Standard', 'Sales Representative', { ok: false, reason: 'not_listed', profile: 'Standard', role: 'Sales Representative' }],
    ['no profile, no role', published, null, null, { ok: false, reason: 'not_listed' }],
    ['none published: the list in effect (the defaults) decides', none, 'Manager', null, { ok: true }],
    ['team settings never read: nobody', unavailable, 'Administrator', null, { ok: false, reason: 'team_unread' }],
    ['stale but known: the last known list decides', { ...published, stale: { code: 'network', action: 'retry' } } as TeamState, 'Administrator', null, { ok: true }],
  ] as const)('%s', (_name, team, profile, role, expected) => {
    expect(checkApprover(list, team, { profile, role })).toMatchObject(expected);
  });

  it('the audit line names what Zoho said', () => {
    expect(approverLine('Daniel Brooks', { ok: true, profile: 'Manager', role: 'Sales Manager', as: 'Manager' })).toBe('Daniel Brooks (profile Manager, role Sales Manager, as Zoho said at approval)');
    expect(approverLine('Daniel Brooks', { ok: true, profile: null, role: 'Sales Director', as: 'Sales Director' })).toBe('Daniel Brooks (role Sales Director, as Zoho said at approval)');
  });
});
