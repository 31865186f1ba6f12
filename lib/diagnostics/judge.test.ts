import { describe, expect, it } from 'vitest';
import { StagecoachError } from '../errors';
import { classifyFailure, judgeCredits, mayApprove, missingScopes, safeZohoCode, scopeCovers } from './judge';

describe('scopeCovers', () => {
  it.each([
    ['ZohoCRM.coql.READ', 'ZohoCRM.coql.READ', true],
    ['ZohoCRM.modules.contacts.ALL', 'ZohoCRM.modules.contacts.READ', true],
    ['ZohoCRM.modules.ALL', 'ZohoCRM.modules.contacts.ALL', true],
    ['ZohoCRM.settings.ALL', 'ZohoCRM.settings.users_unavailability.READ', true],
    ['zohocrm.MODULES.contacts.all', 'ZohoCRM.modules.contacts.READ', false], // the service name is case-sensitive
    ['ZohoCRM.modules.contacts.READ', 'ZohoCRM.modules.contacts.ALL', false],
    ['ZohoCRM.modules.leads.ALL', 'ZohoCRM.modules.contacts.READ', false],
    ['ZohoCRM.modules.contacts.ALL', 'ZohoCRM.modules.READ', false],
    ['ZohoSearch.securesearch.READ', 'ZohoCRM.coql.READ', false],
    ['', 'ZohoCRM.coql.READ', false],
  ])('%s covers %s: %s', (granted, asked, covers) => {
    expect(scopeCovers(granted, asked)).toBe(covers);
  });

  it('lists what no granted scope covers, in the order asked', () => {
    expect(missingScopes(['ZohoCRM.modules.ALL'], ['ZohoCRM.users.READ', 'ZohoCRM.modules.deals.ALL', 'ZohoCRM.coql.READ'])).toEqual(['ZohoCRM.users.READ', 'ZohoCRM.coql.READ']);
    expect(missingScopes([], [])).toEqual([]);
  });
});

describe('classifyFailure', () => {
  const zoho = (code: string) => classifyFailure(new StagecoachError('zoho_error'), { code });
  it.each([
    ['OAUTH_SCOPE_MISMATCH', 'scope'],
    ['NO_PERMISSION', 'permission'],
    ['INVALID_TOKEN', 'reconnect'],
    ['FEATURE_NOT_SUPPORTED', 'unavailable'],
    ['INVALID_URL_PATTERN', 'unavailable'],
    ['TOO_MANY_REQUESTS', 'rate_limited'],
    ['SYNTAX_ERROR', 'zoho_error'],
    ['INVALID_DATA', 'zoho_error'],
  ])('Zoho’s %s is %s', (code, kind) => {
    expect(zoho(code)).toMatchObject({ kind, zohoCode: code });
  });

  it.each([
    [new StagecoachError('network', 'Failed to fetch'), 'network', undefined],
    [new StagecoachError('bad_response'), 'bad_response', undefined],
    [new StagecoachError('rate_limited', { status: 429 }), 'rate_limited', 429],
    [new StagecoachError('zoho_error', { status: 500 }), 'zoho_error', 500],
    [new StagecoachError('no_permission', { status: 403 }), 'permission', 403],
    [new StagecoachError('reconnect_needed'), 'reconnect', undefined],
    [new Error('boom'), 'zoho_error', undefined],
  ])('%s is %s', (error, kind, httpStatus) => {
    const failure = classifyFailure(error);
    expect(failure.kind).toBe(kind);
    expect(failure.httpStatus).toBe(httpStatus);
    expect(failure.zohoCode).toBeUndefined();
  });

  it('keeps only code-shaped words from Zoho', () => {
    expect(safeZohoCode('NO_PERMISSION')).toBe('NO_PERMISSION');
    expect(safeZohoCode('ann@example.com')).toBe('OTHER');
    expect(safeZohoCode('permission denied')).toBe('OTHER');
    expect(safeZohoCode(undefined)).toBeUndefined();
  });
});

describe('judgeCredits', () => {
  it.each([
    [null, 60_000, 'pass', 'credits_plenty'],
    [null, null, 'pass', 'credits_plenty'],
    [25_000, 60_000, 'pass', 'credits_left'],
    [5_999, 60_000, 'warn', 'credits_low'],
    [6_000, 60_000, 'pass', 'credits_left'],
    [999, null, 'warn', 'credits_low'],
    [1_000, null, 'pass', 'credits_left'],
    [101, 60_000, 'warn', 'credits_low'],
    [100, 60_000, 'fail', 'credits_out'],
    [0, null, 'fail', 'credits_out'],
  ] as const)('%s left of %s: %s', (remaining, limit, status, outcome) => {
    expect(judgeCredits(remaining, limit)).toEqual({ status, outcome });
  });
});

describe('mayApprove', () => {
  const approvers = { profiles: ['Administrator', 'Manager'], roles: ['CEO'] };
  it.each([
    ['manager', null, true],
    ['Standard', 'ceo', true],
    ['Standard', 'Sales Rep', false],
    [null, null, false],
  ])('profile %s, role %s: %s', (profile, role, may) => {
    expect(mayApprove(approvers, profile, role)).toBe(may);
  });
});
