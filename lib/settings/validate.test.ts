import { describe, expect, it } from 'vitest';
import { defaultSettings } from './schema';
import { SETTINGS_ISSUE_CODES, validateSettingsPatch, type SettingsIssue } from './validate';

const nine = (start: string, end: string) => ({ start, end });

// Each row: a patch an options page could send, and exactly the issues it must get.
const refused: [string, unknown, SettingsIssue[]][] = [
  ['end before start', { workingHours: { mon: [nine('09:00', '08:00')] } }, [{ path: 'workingHours.mon.0.end', code: 'endNotAfterStart' }]],
  ['empty period', { workingHours: { mon: [nine('09:00', '09:00')] } }, [{ path: 'workingHours.mon.0.end', code: 'endNotAfterStart' }]],
  [
    'overlapping periods',
    { workingHours: { tue: [nine('09:00', '12:00'), nine('11:30', '14:00')] } },
    [{ path: 'workingHours.tue.1', code: 'overlap', params: ['0'] }],
  ],
  [
    'a period inside another, listed first',
    { workingHours: { wed: [nine('10:00', '11:00'), nine('08:00', '18:00')] } },
    [{ path: 'workingHours.wed.0', code: 'overlap', params: ['1'] }],
  ],
  [
    'seven periods in a day',
    { workingHours: { thu: ['08', '09', '10', '11', '12', '13', '14'].map((h) => nine(`${h}:00`, `${h}:30`)) } },
    [{ path: 'workingHours.thu', code: 'tooMany', params: ['6'] }],
  ],
  ['24:00 as a start', { workingHours: { fri: [nine('24:00', '24:00')] } }, [{ path: 'workingHours.fri.0.start', code: 'invalidTime' }]],
  ['time without leading zero', { workingHours: { mon: [nine('9:00', '17:00')] } }, [{ path: 'workingHours.mon.0.start', code: 'invalidTime' }]],
  ['minute 60', { workingHours: { mon: [nine('09:00', '17:60')] } }, [{ path: 'workingHours.mon.0.end', code: 'invalidTime' }]],
  ['a period with an extra key', { workingHours: { mon: [{ start: '09:00', end: '17:00', tz: 'UTC' }] } }, [{ path: 'workingHours.mon.0.tz', code: 'unknownKey' }]],
  ['a day that is not a list', { workingHours: { sat: 'closed' } }, [{ path: 'workingHours.sat', code: 'invalidType', params: ['array'] }]],
  ['slot not a multiple of 5', { slotMinutes: 7 }, [{ path: 'slotMinutes', code: 'notMultipleOf5' }]],
  ['slot too short', { slotMinutes: 0 }, [{ path: 'slotMinutes', code: 'outOfRange', params: ['5', '480'] }]],
  ['slot too long', { slotMinutes: 485 }, [{ path: 'slotMinutes', code: 'outOfRange', params: ['5', '480'] }]],
  ['slot with a fraction', { slotMinutes: 30.5 }, [{ path: 'slotMinutes', code: 'notInteger' }]],
  ['slot as text', { slotMinutes: '30' }, [{ path: 'slotMinutes', code: 'invalidType', params: ['number'] }]],
  ['step not a multiple of 5', { stepMinutes: 12 }, [{ path: 'stepMinutes', code: 'notMultipleOf5' }]],
  ['negative buffer', { bufferBeforeMinutes: -5 }, [{ path: 'bufferBeforeMinutes', code: 'outOfRange', params: ['0', '240'] }]],
  ['buffer over four hours', { bufferAfterMinutes: 241 }, [{ path: 'bufferAfterMinutes', code: 'outOfRange', params: ['0', '240'] }]],
  ['notice over a week', { minNoticeMinutes: 10_081 }, [{ path: 'minNoticeMinutes', code: 'outOfRange', params: ['0', '10080'] }]],
  ['zero days ahead', { daysAhead: 0 }, [{ path: 'daysAhead', code: 'outOfRange', params: ['1', '90'] }]],
  ['infinite days ahead', { daysAhead: Number.POSITIVE_INFINITY }, [{ path: 'daysAhead', code: 'invalidType', params: ['number'] }]],
  ['unknown time zone', { timeZone: 'Mars/Base' }, [{ path: 'timeZone', code: 'invalidTimeZone' }]],
  ['an offset for a time zone', { timeZone: '+05:00' }, [{ path: 'timeZone', code: 'invalidTimeZone' }]],
  ['unknown placeholder', { meetingTitleTemplate: 'Call with {foo}' }, [{ path: 'meetingTitleTemplate', code: 'unknownPlaceholder', params: ['{foo}'] }]],
  [
    'unclosed placeholder',
    { meetingTitleTemplate: 'Call with {contact' },
    [{ path: 'meetingTitleTemplate', code: 'unknownPlaceholder', params: ['{contact'] }],
  ],
  [
    'placeholder in the wrong case, and a stray brace',
    { meetingTitleTemplate: '{Contact} } demo' },
    [
      { path: 'meetingTitleTemplate', code: 'unknownPlaceholder', params: ['{Contact}'] },
      { path: 'meetingTitleTemplate', code: 'unknownPlaceholder', params: ['}'] },
    ],
  ],
  ['title too long', { meetingTitleTemplate: 'x'.repeat(201) }, [{ path: 'meetingTitleTemplate', code: 'tooLong', params: ['200'] }]],
  ['feature switch as text', { features: { booking: 'yes' } }, [{ path: 'features.booking', code: 'invalidType', params: ['boolean'] }]],
  ['version-1 feature name', { features: { checkExisting: false } }, [{ path: 'features.checkExisting', code: 'unknownKey' }]],
  ['version-1 setting name', { slotLength: 30 }, [{ path: 'slotLength', code: 'unknownKey' }]],
  ['create missing as Deals', { createMissingAs: 'Deals' }, [{ path: 'createMissingAs', code: 'invalidValue', params: ['Leads', 'Contacts'] }]],
  ['blank approver profile', { approvers: { profiles: ['Manager', ' '] } }, [{ path: 'approvers.profiles.1', code: 'required' }]],
  [
    'too many approver roles',
    { approvers: { roles: Array.from({ length: 51 }, (_, i) => `Role ${i}`) } },
    [{ path: 'approvers.roles', code: 'tooMany', params: ['50'] }],
  ],
  ['criteria too long', { pipelineCriteria: 'x'.repeat(100_001) }, [{ path: 'pipelineCriteria', code: 'tooLong', params: ['100000'] }]],
  [
    'unknown AI provider',
    { ai: { provider: 'claude' } },
    [{ path: 'ai.provider', code: 'invalidValue', params: ['none', 'openai-compatible', 'browser'] }],
  ],
  [
    'OpenAI-compatible without URL and model',
    { ai: { provider: 'openai-compatible' } },
    [
      { path: 'ai.baseUrl', code: 'required' },
      { path: 'ai.model', code: 'required' },
    ],
  ],
  [
    'plain http to a remote host',
    { ai: { provider: 'openai-compatible', baseUrl: 'http://llm.example.com/v1', model: 'gpt-4o-mini' } },
    [{ path: 'ai.baseUrl', code: 'invalidUrl' }],
  ],
  [
    'credentials in the URL',
    { ai: { baseUrl: 'https://me:secret@llm.example.com/v1' } },
    [{ path: 'ai.baseUrl', code: 'invalidUrl' }],
  ],
  ['client id with a space', { oauth: { clientId: '1000.ABC DEF' } }, [{ path: 'oauth.clientId', code: 'invalidFormat' }]],
  ['empty client id', { oauth: { clientId: '' } }, [{ path: 'oauth.clientId', code: 'required' }]],
  ['too many concurrent calls', { api: { maxConcurrent: 21 } }, [{ path: 'api.maxConcurrent', code: 'outOfRange', params: ['1', '20'] }]],
  [
    'custom domains that are not host names',
    { customDomains: ['crm.example.com', 'crm', 'https://crm.example.org', '*.example.net'] },
    [
      { path: 'customDomains.1', code: 'invalidHostname' },
      { path: 'customDomains.2', code: 'invalidHostname' },
      { path: 'customDomains.3', code: 'invalidHostname' },
    ],
  ],
  ['a whole group as null', { features: null }, [{ path: 'features', code: 'invalidType', params: ['object'] }]],
  ['a patch that is a list', [{ slotMinutes: 30 }], [{ path: '', code: 'invalidType', params: ['object'] }]],
  ['no patch at all', null, [{ path: '', code: 'invalidType', params: ['object'] }]],
];

describe('validateSettingsPatch refuses', () => {
  it.each(refused)('%s', (_name, patch, issues) => {
    expect(validateSettingsPatch(defaultSettings(), patch)).toEqual({ ok: false, issues });
  });
});

describe('validateSettingsPatch accepts', () => {
  it.each<[string, unknown, (s: ReturnType<typeof defaultSettings>) => unknown, unknown]>([
    ['a valid IANA zone', { timeZone: 'America/New_York' }, (s) => s.timeZone, 'America/New_York'],
    ['UTC', { timeZone: 'UTC' }, (s) => s.timeZone, 'UTC'],
    ["the Zoho user's zone", { timeZone: null }, (s) => s.timeZone, null],
    ['a zone in the wrong case, spelled right', { timeZone: 'europe/berlin' }, (s) => s.timeZone, 'Europe/Berlin'],
    ['every placeholder', { meetingTitleTemplate: '{contact} – {deal}' }, (s) => s.meetingTitleTemplate, '{contact} – {deal}'],
    ["an empty title: the UI language's default", { meetingTitleTemplate: '' }, (s) => s.meetingTitleTemplate, ''],
    ['24:00 as an end', { workingHours: { sat: [nine('20:00', '24:00')] } }, (s) => s.workingHours.sat, [nine('20:00', '24:00')]],
    [
      'touching periods',
      { workingHours: { mon: [nine('13:00', '17:00'), nine('09:00', '13:00')] } },
      (s) => s.workingHours.mon,
      [nine('13:00', '17:00'), nine('09:00', '13:00')],
    ],
    ['no hours on a day', { workingHours: { fri: [] } }, (s) => s.workingHours.fri, []],
    ['step as long as two slots', { stepMinutes: 60 }, (s) => s.stepMinutes, 60],
    ['a local model server', { ai: { provider: 'openai-compatible', baseUrl: 'http://localhost:11434/v1', model: 'llama3.1:8b' } }, (s) => s.ai.provider, 'openai-compatible'],
    ['custom domains, normalised', { customDomains: [' CRM.Example.com', 'crm.example.com'] }, (s) => s.customDomains, ['crm.example.com']],
    ['a Zoho client id', { oauth: { clientId: '1000.Z9Y8X7W6V5U4T3S2R1' } }, (s) => s.oauth.clientId, '1000.Z9Y8X7W6V5U4T3S2R1'],
    ['an empty patch', {}, (s) => s, defaultSettings()],
  ])('%s', (_name, patch, pick, expected) => {
    const result = validateSettingsPatch(defaultSettings(), patch);
    expect(result.ok).toBe(true);
    if (result.ok) expect(pick(result.settings)).toEqual(expected);
  });

  it('merges objects deeply and replaces lists', () => {
    const current = defaultSettings();
    const result = validateSettingsPatch(current, { features: { booking: false }, approvers: { roles: ['CEO'] } });
    expect(result).toEqual({
      ok: true,
      settings: {
        ...current,
        features: { ...current.features, booking: false },
        approvers: { profiles: ['Administrator', 'Manager'], roles: ['CEO'] },
      },
    });
    expect(current.features.booking).toBe(true);
  });

  it('refuses a __proto__ key without touching Object.prototype', () => {
    const patch: unknown = JSON.parse('{"__proto__": {"polluted": true}, "features": {"__proto__": {"booking": false}}}');
    expect(validateSettingsPatch(defaultSettings(), patch)).toEqual({
      ok: false,
      issues: [
        { path: 'features.__proto__', code: 'unknownKey' },
        { path: '__proto__', code: 'unknownKey' },
      ],
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('validateSettingsPatch with locked paths', () => {
  const locked = ['features.booking', 'workingHours.mon', 'oauth.clientId'];
  const current = { ...defaultSettings(), features: { ...defaultSettings().features, booking: false } };

  it.each<[string, unknown, SettingsIssue[]]>([
    ['switching a locked feature', { features: { booking: true } }, [{ path: 'features.booking', code: 'locked' }]],
    ['replacing a locked day', { workingHours: { mon: [nine('08:00', '12:00')] } }, [{ path: 'workingHours.mon', code: 'locked' }]],
    ['an invalid value at a locked path: only "locked"', { oauth: { clientId: 'has space' } }, [{ path: 'oauth.clientId', code: 'locked' }]],
    [
      'a locked change beside an invalid one',
      { features: { booking: true }, slotMinutes: 7 },
      [
        { path: 'features.booking', code: 'locked' },
        { path: 'slotMinutes', code: 'notMultipleOf5' },
      ],
    ],
  ])('refuses %s', (_name, patch, issues) => {
    expect(validateSettingsPatch(current, patch, locked)).toEqual({ ok: false, issues });
  });

  it('accepts a patch that repeats the locked values and changes others', () => {
    const result = validateSettingsPatch(current, { features: { ...current.features, cancellation: false }, slotMinutes: 45 }, locked);
    expect(result.ok).toBe(true);
    if (result.ok) expect([result.settings.features.booking, result.settings.features.cancellation, result.settings.slotMinutes]).toEqual([false, false, 45]);
  });
});

it('every issue code is exercised by a test above', () => {
  const seen = new Set([...refused.flatMap(([, , issues]) => issues.map((i) => i.code)), 'locked']);
  expect([...seen].sort()).toEqual([...SETTINGS_ISSUE_CODES].sort());
});
