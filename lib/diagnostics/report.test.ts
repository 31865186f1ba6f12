import { describe, expect, it } from 'vitest';
import { formatReport, maskPersonal, probeLine } from './report';
import type { OrgCheckView, ProbeResult } from './types';

const probe = (over: Partial<ProbeResult> & Pick<ProbeResult, 'id' | 'status'>): ProbeResult => ({ params: [], figures: {}, calls: 1, ms: 12.4, ...over });

describe('probeLine', () => {
  it.each([
    [probe({ id: 'scopes', status: 'pass', outcome: 'scopes_all', figures: { asked: 16, covered: 16 }, calls: 0, ms: 0 }), '[PASS] scopes: scopes_all asked=16 covered=16 (0 calls, 0 ms)'],
    [
      probe({ id: 'outOfOffice', status: 'fail', failure: { kind: 'permission', code: 'no_permission', zohoCode: 'NO_PERMISSION' } }),
      '[FAIL] outOfOffice: permission code=no_permission zoho=NO_PERMISSION (1 call, 12 ms)',
    ],
    [
      probe({ id: 'coql', status: 'fail', failure: { kind: 'rate_limited', code: 'rate_limited', httpStatus: 429 }, calls: 2 }),
      '[FAIL] coql: rate_limited code=rate_limited http=429 (2 calls, 12 ms)',
    ],
    [probe({ id: 'credits', status: 'warn', outcome: 'credits_low', figures: { remaining: 900, dailyLimit: 'unknown' }, calls: 0 }), '[WARN] credits: credits_low remaining=900 dailyLimit=unknown (0 calls, 12 ms)'],
    [probe({ id: 'credits', status: 'pass', outcome: 'credits_plenty', figures: { remaining: 'not reported' }, calls: 0 }), '[PASS] credits: credits_plenty remaining="not reported" (0 calls, 12 ms)'],
  ])('%#', (result, line) => {
    expect(probeLine(result)).toBe(line);
  });

  it('never uses the page’s parameters (they may name the profile)', () => {
    expect(probeLine(probe({ id: 'user', status: 'pass', outcome: 'user_approver', params: ['Sales Director Ann'], figures: { approver: true } }))).not.toContain('Ann');
  });
});

describe('maskPersonal', () => {
  it.each([
    ['Ann.Carter@acme.example wrote', '[email] wrote'],
    ['record 4876876000000321001', 'record [id]'],
    ['remaining=49988 dailyLimit=60000', 'remaining=49988 dailyLimit=60000'],
    ['zoho=NO_PERMISSION', 'zoho=NO_PERMISSION'],
  ])('%s', (text, masked) => {
    expect(maskPersonal(text)).toBe(masked);
  });
});

describe('formatReport', () => {
  const view: OrgCheckView = {
    checkedAt: Date.UTC(2026, 0, 5, 10, 0, 0),
    dataCentre: 'eu',
    edition: 'enterprise',
    probes: [
      probe({ id: 'scopes', status: 'pass', outcome: 'scopes_all', calls: 0 }),
      probe({ id: 'search', status: 'fail', failure: { kind: 'scope', code: 'no_permission', zohoCode: 'OAUTH_SCOPE_MISMATCH' }, figures: { missing: 'x@y.example' } }),
      probe({ id: 'credits', status: 'warn', outcome: 'credits_low', calls: 0 }),
    ],
  };
  it('heads with where and what, counts, then one line per probe', () => {
    expect(formatReport(view, { version: '1.2.3', sandbox: true }).split('\n')).toEqual([
      'Stagecoach for Zoho CRM: org check',
      'Extension version: 1.2.3',
      'Checked at: 2026-01-05T10:00:00.000Z',
      'Data centre: eu (sandbox build)',
      'Edition: enterprise',
      'Result: 1 pass, 1 warn, 1 fail',
      '',
      '[PASS] scopes: scopes_all (0 calls, 12 ms)',
      '[FAIL] search: scope code=no_permission zoho=OAUTH_SCOPE_MISMATCH missing=[email] (1 call, 12 ms)',
      '[WARN] credits: credits_low (0 calls, 12 ms)',
      '',
      'No names, email addresses, record ids or tokens are in this report.',
    ]);
  });
  it('says when the edition is unknown', () => {
    expect(formatReport({ ...view, edition: null }, { version: '1' })).toContain('Edition: unknown');
  });
});
