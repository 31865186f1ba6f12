// Every error the background can send has words in every locale, and the words keep their
// sources apart: "Zoho said" only for what Zoho said.
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_REASONS, StagecoachError, type ErrorAction } from '@/lib/errors';
import { defaultSettings } from '@/lib/settings/schema';
import { LANGS, messageTable as table, translator } from '@/tests/fixtures/translator';
import { describeError, errorLine } from './i18n';

const ACTIONS: ErrorAction[] = ['reconnect', 'retry', 'wait', 'ask_admin', 'configure'];
// The features a feature_off reason can name.
const FEATURES = Object.keys(defaultSettings().features);

describe('locale files', () => {
  it('are English and German, with the same keys and the same placeholders', () => {
    expect(LANGS.sort()).toEqual(['de', 'en']);
    const [en, de] = [table('en'), table('de')];
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) {
      expect(Object.keys(de[key]?.placeholders ?? {}).sort(), key).toEqual(Object.keys(en[key]!.placeholders ?? {}).sort());
    }
  });

  it.each(LANGS)('%s has a message for every error code, reason, action and feature an error names', (lang) => {
    const messages = table(lang);
    const keys = [
      ...ERROR_CODES.map((code) => `error_${code}`),
      ...ERROR_REASONS.map((reason) => `errorReason_${reason}`),
      ...ACTIONS.map((action) => `action_${action}`),
      ...FEATURES.map((feature) => `options_feature_${feature}`),
      'errorZohoSaid',
      'errorTechnical',
    ];
    for (const key of keys) expect(messages[key]?.message, `${key} in ${lang}`).toBeTruthy();
  });

  it.each(LANGS)('%s: every placeholder of a message is declared', (lang) => {
    for (const [key, entry] of Object.entries(table(lang))) {
      for (const [, name] of entry.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)) expect(entry.placeholders?.[name!.toLowerCase()], `${key}: $${name}$`).toBeDefined();
    }
  });
});

describe('describeError', () => {
  const en = translator('en');
  const de = translator('de');

  it('says a switched-off feature in our words, with the feature’s localised name, and never as Zoho’s', () => {
    const off = new StagecoachError('feature_disabled', { reason: 'feature_off', params: ['stageSuggestions'] });
    expect(describeError(off, en)).toEqual({
      headline: '“Stage suggestions” is switched off in Stagecoach’s settings.',
      zoho: null,
      technical: null,
      action: 'Ask your Zoho administrator.',
    });
    expect(describeError(off, de).headline).toBe(`„${table('de').options_feature_stageSuggestions!.message}“ ist in den Stagecoach-Einstellungen ausgeschaltet.`);
    expect(JSON.stringify(describeError(off, de))).not.toMatch(/Zoho said|Meldung von Zoho|stageSuggestions/);
  });

  it('quotes Zoho only for Zoho’s words', () => {
    const refused = StagecoachError.fromJSON({ code: 'zoho_error', action: 'none', zoho: 'the record is in blueprint' });
    expect(describeError(refused, en)).toMatchObject({ headline: 'Zoho refused the request.', zoho: 'Zoho said: the record is in blueprint', technical: null });
    expect(describeError(refused, de).zoho).toBe('Meldung von Zoho: the record is in blueprint');
    expect(errorLine(refused, en)).toBe('Zoho said: the record is in blueprint');
  });

  it('says conflicts and what is already there in the UI’s language, with their names', () => {
    const waiting = new StagecoachError('conflict', { reason: 'stage_change_waiting' });
    expect(describeError(waiting, en)).toMatchObject({ headline: 'A stage change for this deal is already waiting to be sent to Zoho.', zoho: null });
    const at = new StagecoachError('conflict', { reason: 'already_at_stage', params: ['Negotiation/Review'] });
    expect(describeError(at, de).headline).toBe('Der Deal steht bereits in der Phase „Negotiation/Review“.');
    const exists = new StagecoachError('already_exists', { reason: 'person_exists', params: ['Maria Lopez', 'maria@example.com'] });
    expect(describeError(exists, en)).toMatchObject({ headline: 'Maria Lopez (maria@example.com) is already in Zoho, so nobody new was created.', zoho: null });
    expect(errorLine(exists, en)).toBe(describeError(exists, en).headline);
  });

  it('never shows the browser’s own words, not even as a technical detail (issue 15)', () => {
    const offline = new StagecoachError('network', 'Failed to fetch');
    expect(describeError(offline, en)).toEqual({
      headline: 'Zoho can’t be reached — check your connection, then try again in a moment.',
      zoho: null,
      technical: null,
      action: 'Try again.',
    });
    expect(describeError(new StagecoachError('bad_response', 'HTTP 418'), de).technical).toBe('Technisches Detail: HTTP 418');
  });

  it.each(LANGS)('%s: every code and every reason reads as a sentence, no key left showing', (lang) => {
    const translate = translator(lang);
    for (const code of ERROR_CODES) expect(describeError(new StagecoachError(code), translate).headline).not.toMatch(/^error_/);
    for (const reason of ERROR_REASONS) {
      const headline = describeError(new StagecoachError('conflict', { reason, params: ['booking', 'b'] }), translate).headline;
      expect(headline, reason).not.toMatch(/^errorReason_|\$/);
    }
  });
});
