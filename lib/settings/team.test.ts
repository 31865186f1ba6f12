import { describe, expect, it } from 'vitest';
import { defaultSettings } from './schema';
import { decodeTeam, encodeTeam, MAX_TEAM_CHUNKS, TEAM_CHUNK_LENGTH, teamOf, teamVariableName, withTeam } from './team';

const team = teamOf(defaultSettings());
const asVariables = (parts: string[]) => parts.map((value, index) => ({ api_name: teamVariableName(index), value }));

describe('team settings as org variables', () => {
  it('round trip, in one variable or many, each no longer than a variable holds', () => {
    for (const criteria of ['', 'x'.repeat(TEAM_CHUNK_LENGTH), '# ü\n"quoted"\n'.repeat(3000)]) {
      const parts = encodeTeam({ ...team, pipelineCriteria: criteria }, 'Sofia Keller', '2026-12-05T10:00:00.000Z');
      expect(parts.every((part) => part.length <= TEAM_CHUNK_LENGTH)).toBe(true);
      expect(decodeTeam(asVariables(parts))).toEqual({ kind: 'published', published: { team: { ...team, pipelineCriteria: criteria }, by: 'Sofia Keller', at: '2026-12-05T10:00:00.000Z' } });
    }
  });

  it('names sort as numbers: _01 … _99; more than 99 parts is refused', () => {
    expect([teamVariableName(0), teamVariableName(9), teamVariableName(98)]).toEqual(['Stagecoach_Team_01', 'Stagecoach_Team_10', 'Stagecoach_Team_99']);
    // The longest criteria allowed, all characters JSON escapes: twice as long written.
    expect(() => encodeTeam({ ...team, pipelineCriteria: '"'.repeat(100_000) }, null, 'now')).toThrow(RangeError);
    expect(encodeTeam({ ...team, pipelineCriteria: 'x'.repeat(100_000) }, null, 'now').length).toBeLessThan(MAX_TEAM_CHUNKS);
  });

  const parts = encodeTeam({ ...team, pipelineCriteria: 'y'.repeat(3 * TEAM_CHUNK_LENGTH) }, null, 'now');
  it.each([
    ['no variables at all', 'none', []],
    ['only other variables', 'none', [{ api_name: 'Company_Motto', value: 'hi' }]],
    ['ours emptied', 'none', asVariables(['', ''])],
    ['a part missing in the middle (half written)', 'unreadable', asVariables(parts).filter((_, i) => i !== 1)],
    ['parts in any order', 'published', asVariables(parts).reverse()],
    ['a left-over part after an empty one', 'published', [...asVariables(parts), { api_name: teamVariableName(parts.length), value: '' }, { api_name: teamVariableName(parts.length + 1), value: 'junk' }]],
    ['not our JSON', 'unreadable', asVariables(['{"v":1,"by":null,"at":null,"settings":{"approvers":"everyone"}}'])],
    ['not JSON', 'unreadable', asVariables(['{'])],
    ['a value that is not text', 'none', [{ api_name: teamVariableName(0), value: 42 }]],
  ] as const)('%s → %s', (_name, kind, variables) => {
    expect(decodeTeam(variables as never).kind).toBe(kind);
  });

  it.each([
    ['no team settings: own criteria and switches, default approvers', null, { criteria: 'mine', approvers: ['Administrator', 'Manager'], booking: false }],
    ['team settings: the team’s throughout', { ...team, pipelineCriteria: 'team', approvers: { profiles: ['Director'], roles: [] } }, { criteria: 'team', approvers: ['Director'], booking: true }],
  ] as const)('%s', (_name, published, expected) => {
    const own = { ...defaultSettings(), pipelineCriteria: 'mine', approvers: { profiles: ['Standard'], roles: [] }, features: { ...defaultSettings().features, booking: false }, slotMinutes: 45 };
    const merged = withTeam(own, published as never);
    expect({ criteria: merged.pipelineCriteria, approvers: merged.approvers.profiles, booking: merged.features.booking }).toEqual(expected);
    expect(merged.slotMinutes).toBe(45);
  });
});
