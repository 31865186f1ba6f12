import { describe, expect, it } from 'vitest';
import { StagecoachError, type SerializedError } from './errors';
import { requireFeature } from './service/context';
import type { Settings } from './settings/schema';
import { writeOutcome } from './zoho/writes';
import { toError } from './zoho/client';

describe('StagecoachError', () => {
  it('round-trips every field through toJSON and fromJSON', () => {
    const all: SerializedError = {
      code: 'already_exists',
      action: 'none',
      reason: 'person_exists',
      params: ['Maria Lopez', 'maria@example.com'],
      zoho: 'duplicate data',
      detail: 'HTTP 400',
      issues: [{ path: 'daysAhead', code: 'outOfRange', params: ['1', '90'] }],
    };
    expect(StagecoachError.fromJSON(all).toJSON()).toEqual(all);
    // Through the message boundary as JSON, and back from a plain object (an outbox item's last error).
    expect(StagecoachError.from(JSON.parse(JSON.stringify(StagecoachError.fromJSON(all)))).toJSON()).toEqual(all);
    expect(new StagecoachError('conflict').toJSON()).toEqual({ code: 'conflict', action: 'none' });
  });

  it('keeps a technical detail apart from Zoho’s words and from our reasons', () => {
    expect(new StagecoachError('network', 'Failed to fetch').toJSON()).toEqual({ code: 'network', action: 'retry', detail: 'Failed to fetch' });
    const internal = StagecoachError.from(new TypeError('x is undefined'));
    expect(internal).toMatchObject({ code: 'internal', detail: 'x is undefined', zoho: undefined, reason: undefined });
  });

  it('is transient for the network, Zoho’s rate limit and Zoho’s server errors only', () => {
    expect(new StagecoachError('network', 'Failed to fetch').transient).toBe(true);
    expect(new StagecoachError('rate_limited', { zoho: 'too many requests', status: 429 }).transient).toBe(true);
    expect(toError(503, { code: 'INTERNAL_ERROR', message: 'internal error', status: 'error' }).transient).toBe(true);
    expect(toError(400, { code: 'INVALID_DATA', message: 'invalid data', status: 'error' }).transient).toBe(false);
    expect(new StagecoachError('conflict', { reason: 'stage_change_waiting' }).transient).toBe(false);
  });
});

describe('whose words an error carries', () => {
  it('a switched-off feature names the feature, and nothing in it is Zoho’s', () => {
    const settings = { features: { stageSuggestions: false } } as unknown as Settings;
    let thrown: unknown;
    try {
      requireFeature(settings, 'stageSuggestions');
    } catch (error) {
      thrown = error;
    }
    expect((thrown as StagecoachError).toJSON()).toEqual({ code: 'feature_disabled', action: 'ask_admin', reason: 'feature_off', params: ['stageSuggestions'] });
  });

  it('Zoho’s refusal of a write carries Zoho’s words (and the field it names) as Zoho’s', () => {
    const outcome = writeOutcome({ code: 'INVALID_DATA', status: 'error', message: 'invalid data', details: { api_name: 'Note_Content' } });
    expect(outcome.ok ? null : outcome.error.toJSON()).toEqual({ code: 'zoho_error', action: 'retry', zoho: 'invalid data (Note_Content)' });
    const denied = writeOutcome({ code: 'NO_PERMISSION', status: 'error', message: 'permission denied', details: {} });
    expect(denied.ok ? null : denied.error).toMatchObject({ code: 'no_permission', zoho: 'permission denied' });
  });

  it('an answer with no result is our finding, not Zoho’s words', () => {
    const outcome = writeOutcome(undefined);
    expect(outcome.ok ? null : outcome.error.toJSON()).toEqual({ code: 'bad_response', action: 'retry', reason: 'write_without_result' });
  });

  it('Zoho’s error answer is quoted as Zoho’s; a bare status is only a technical detail', () => {
    expect(toError(400, { code: 'INVALID_DATA', message: 'the id given seems to be invalid', status: 'error' })).toMatchObject({
      code: 'zoho_error',
      zoho: 'the id given seems to be invalid',
      detail: undefined,
    });
    expect(toError(502, '<html>Bad gateway</html>')).toMatchObject({ code: 'zoho_error', zoho: undefined, detail: 'HTTP 502' });
  });
});
