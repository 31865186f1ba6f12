import { describe, expect, it } from 'vitest';
import {
  defaultSettings,
  isHostname,
  isProviderUrl,
  isTimeZone,
  settingsSchema,
  SETTINGS_PATHS,
  timeToMinutes,
} from './schema';

describe('settings defaults', () => {
  it('parse({}) gives every default', () => {
    expect(settingsSchema.parse({})).toEqual({
      timeZone: null,
      workingHoursSource: 'zoho',
      workingHours: {
        mon: [{ start: '09:00', end: '17:00' }],
        tue: [{ start: '09:00', end: '17:00' }],
        wed: [{ start: '09:00', end: '17:00' }],
        thu: [{ start: '09:00', end: '17:00' }],
        fri: [{ start: '09:00', end: '17:00' }],
        sat: [],
        sun: [],
      },
      contactHours: { start: '09:00', end: '17:00' },
      slotMinutes: 30,
      stepMinutes: null,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      minNoticeMinutes: 60,
      daysAhead: 14,
      meetingTitleTemplate: '',
      features: { slotCheck: true, booking: true, cancellation: true, lookupBeforeBooking: true, stageSuggestions: true },
      createMissingAs: 'Leads',
      approvers: { profiles: ['Administrator', 'Manager'], roles: [] },
      pipelineCriteria: '',
      criteriaEnabled: false,
      ai: { provider: 'none', baseUrl: '', model: '' },
      oauth: { clientId: null, clientSecret: null },
      api: { maxConcurrent: 5 },
      customDomains: [],
    });
  });

  it('a partial group gets the rest of its defaults', () => {
    const s = settingsSchema.parse({ features: { booking: false }, workingHours: { sat: [{ start: '10:00', end: '14:00' }] } });
    expect(s.features).toEqual({ slotCheck: true, booking: false, cancellation: true, lookupBeforeBooking: true, stageSuggestions: true });
    expect(s.workingHours.mon).toEqual([{ start: '09:00', end: '17:00' }]);
    expect(s.workingHours.sat).toEqual([{ start: '10:00', end: '14:00' }]);
  });

  it('hands out fresh copies: changing one does not change the next', () => {
    const a = defaultSettings();
    a.workingHours.mon.push({ start: '18:00', end: '19:00' });
    a.approvers.profiles.push('Sales');
    expect(defaultSettings().workingHours.mon).toHaveLength(1);
    expect(defaultSettings().approvers.profiles).toEqual(['Administrator', 'Manager']);
  });

  it('lists every setting path down to the policy leaves', () => {
    expect(SETTINGS_PATHS).toContain('workingHours.mon');
    expect(SETTINGS_PATHS).toContain('features.lookupBeforeBooking');
    expect(SETTINGS_PATHS).toContain('oauth.clientId');
    expect(SETTINGS_PATHS).toContain('api.maxConcurrent');
    expect(SETTINGS_PATHS).not.toContain('features');
    expect(SETTINGS_PATHS).toContain('contactHours.start');
    expect(SETTINGS_PATHS).toHaveLength(35);
  });
});

describe('value rules', () => {
  it.each([
    ['00:00', false, 0],
    ['09:30', false, 570],
    ['23:59', false, 1439],
    ['24:00', true, 1440],
    ['24:00', false, null],
    ['9:00', false, null],
    ['23:60', false, null],
    ['12:00pm', false, null],
    ['', false, null],
  ])('timeToMinutes(%j, asEnd %s) = %j', (time, asEnd, expected) => {
    expect(timeToMinutes(time, asEnd)).toBe(expected);
  });

  it.each([
    ['America/New_York', true],
    ['Europe/Berlin', true],
    ['Asia/Kolkata', true],
    ['Asia/Calcutta', true],
    ['UTC', true],
    ['Etc/GMT+5', true],
    ['Mars/Base', false],
    ['+05:00', false],
    ['', false],
    ['Europe/Berlin; DROP', false],
  ])('isTimeZone(%j) = %s', (zone, expected) => {
    expect(isTimeZone(zone)).toBe(expected);
  });

  it.each([
    ['crm.example.com', true],
    ['crm-eu.example.co.uk', true],
    ['xn--bcher-kva.example', true],
    ['crm', false],
    ['crm.example.com:8443', false],
    ['https://crm.example.com', false],
    ['*.example.com', false],
    ['-crm.example.com', false],
    ['10.0.0.1', false],
    ['crm..example.com', false],
  ])('isHostname(%j) = %s', (host, expected) => {
    expect(isHostname(host)).toBe(expected);
  });

  it.each([
    ['https://api.openai.com/v1', true],
    ['https://llm.internal.example.com:8443/openai/v1', true],
    ['http://localhost:11434/v1', true],
    ['http://127.0.0.1:8787/v1', true],
    ['http://api.example.com/v1', false],
    ['https://user:secret@api.example.com/v1', false],
    ['ftp://api.example.com', false],
    ['api.openai.com/v1', false],
  ])('isProviderUrl(%j) = %s', (url, expected) => {
    expect(isProviderUrl(url)).toBe(expected);
  });
});
