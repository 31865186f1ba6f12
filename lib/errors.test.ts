import { describe, expect, it } from 'vitest';
import { StagecoachError, troubleOf, type SerializedError } from './errors';
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
    expect(new StagecoachError('bad_response', 'Zoho gave no deal stages.').toJSON()).toEqual({ code: 'bad_response', action: 'retry', detail: 'Zoho gave no deal stages.' });
    expect(StagecoachError.from(new Error('a sentence of ours'))).toMatchObject({ code: 'internal', detail: 'a sentence of ours', zoho: undefined, reason: undefined });
  });

  it('never carries the browser’s or the runtime’s words: a failed fetch is the network, a TypeError’s message stays in its cause', () => {
    expect(new StagecoachError('network', 'Failed to fetch').toJSON()).toEqual({ code: 'network', action: 'retry' });
    expect(StagecoachError.from(new TypeError('Failed to fetch')).toJSON()).toEqual({ code: 'network', action: 'retry' });
    expect(StagecoachError.from(new TypeError('NetworkError when attempting to fetch resource.')).code).toBe('network');
    expect(StagecoachError.from(new TypeError('Load failed')).code).toBe('network');
    const internal = StagecoachError.from(new TypeError('x is undefined'));
    expect(internal).toMatchObject({ code: 'internal', detail: undefined });
    expect((internal.cause as Error).message).toBe('x is undefined');
    // Stored before this rule (an outbox item's last error): cleaned when read back.
    expect(StagecoachError.fromJSON({ code: 'network', action: 'retry', detail: 'net::ERR_INTERNET_DISCONNECTED' }).toJSON()).toEqual({ code: 'network', action: 'retry' });
  });

  it('says which shared cause a failure is: Zoho not answering, its limit, the sign-in; a refusal is nobody’s banner', () => {
    expect(troubleOf(toError(500, { code: 'INTERNAL_ERROR', message: 'Internal server error occurred.', status: 'error' }))).toBe('unreachable');
    expect(troubleOf(toError(502, '<html>Bad gateway</html>'))).toBe('unreachable');
    expect(troubleOf(new StagecoachError('network'))).toBe('unreachable');
    expect(troubleOf(toError(429, { code: 'TOO_MANY_REQUESTS', message: 'too many requests', status: 'error' }))).toBe('limit');
    expect(troubleOf(toError(429, { code: 'LIMIT_EXCEEDED', message: 'API credits exhausted for the day', status: 'error' }))).toBe('limit');
    expect(troubleOf(toError(401, { code: 'INVALID_TOKEN', message: 'invalid oauth token', status: 'error' }))).toBe('reconnect');
    expect(troubleOf(toError(400, { code: 'INVALID_DATA', message: 'invalid data', status: 'error' }))).toBeNull();
    expect(troubleOf(new StagecoachError('conflict'))).toBeNull();
  });

  it('carries when Zoho said its limit lifts, across the message boundary', () => {
    const now = Date.UTC(2026, 11, 6, 12, 0);
    const limited = toError(429, { code: 'LIMIT_EXCEEDED', message: 'API credits exhausted for the day', status: 'error' }, new Headers({ 'X-RATELIMIT-RESET': String(now / 1000 + 7200) }), now);
    expect(limited.resetAt).toBe(now + 7_200_000);
    expect(StagecoachError.from(JSON.parse(JSON.stringify(limited))).resetAt).toBe(now + 7_200_000);
    expect(toError(429, {}, new Headers(), now).resetAt).toBeUndefined();
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
    expect(outcome.ok ? null : outcome.error.toJSON()).toMatchObject({ code: 'zoho_error', action: 'retry', zoho: 'invalid data (Note_Content)' });
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
    // A gateway's page is Zoho not answering, not a refusal.
    expect(toError(502, '<html>Bad gateway</html>')).toMatchObject({ code: 'unavailable', zoho: undefined, detail: 'HTTP 502' });
    expect(toError(500, { code: 'INTERNAL_ERROR', message: 'Internal server error occurred.', status: 'error' })).toMatchObject({ code: 'unavailable', transient: true });
  });
});
