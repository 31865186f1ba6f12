import { describe, expect, it } from 'vitest';
import { CURRENT_SETTINGS_VERSION, MIGRATIONS, migrateSettings, repairSettings } from './migrations';
import { defaultSettings, settingsSchema, type Settings } from './schema';

const period = (start: string, end: string) => [{ start, end }];

/** A row as a pilot build (0.0.x, 2026-11) wrote it. */
const pilotRow = {
  version: 1,
  values: {
    timeZone: 'Europe/Berlin',
    workingDays: ['mon', 'tue', 'wed', 'thu'],
    workStart: '08:30',
    workEnd: '16:00',
    slotLength: 45,
    buffer: 10,
    minNoticeMinutes: 120,
    daysAhead: 21,
    meetingTitleTemplate: 'Intro call: {contact} ({company})',
    features: { slotCheck: true, booking: true, cancellation: false, checkExisting: false, stageSuggestions: true },
    createMissingAs: 'Contacts',
    approvers: { profiles: ['Administrator', 'Sales Manager'], roles: ['CEO'] },
  },
};

describe('migrateSettings', () => {
  it('has one step per version', () => {
    expect(CURRENT_SETTINGS_VERSION).toBe(3);
    expect(MIGRATIONS).toHaveLength(CURRENT_SETTINGS_VERSION - 1);
  });

  it('no row: the defaults', () => {
    expect(migrateSettings(null)).toEqual({ values: defaultSettings(), version: CURRENT_SETTINGS_VERSION, dropped: [] });
  });

  it("version 1 → current keeps every one of the pilot user's values", () => {
    const defaults = defaultSettings();
    expect(migrateSettings(pilotRow)).toEqual({
      version: CURRENT_SETTINGS_VERSION,
      dropped: [],
      values: {
        ...defaults,
        timeZone: 'Europe/Berlin',
        workingHoursSource: 'custom',
        workingHours: {
          mon: period('08:30', '16:00'),
          tue: period('08:30', '16:00'),
          wed: period('08:30', '16:00'),
          thu: period('08:30', '16:00'),
          fri: [],
          sat: [],
          sun: [],
        },
        slotMinutes: 45,
        bufferBeforeMinutes: 10,
        bufferAfterMinutes: 10,
        minNoticeMinutes: 120,
        daysAhead: 21,
        meetingTitleTemplate: 'Intro call: {contact} ({company})',
        features: { slotCheck: true, booking: true, cancellation: false, lookupBeforeBooking: false, stageSuggestions: true },
        createMissingAs: 'Contacts',
        approvers: { profiles: ['Administrator', 'Sales Manager'], roles: ['CEO'] },
      } satisfies Settings,
    });
  });

  it('version 1: full day names, and working times without days', () => {
    const { values, dropped } = migrateSettings({ version: 1, values: { workingDays: ['Monday', 'FRIDAY', 'sat'] } });
    expect(dropped).toEqual([]);
    expect(values.workingHours).toEqual({ mon: period('09:00', '17:00'), tue: [], wed: [], thu: [], fri: period('09:00', '17:00'), sat: period('09:00', '17:00'), sun: [] });

    const timesOnly = migrateSettings({ version: 1, values: { workStart: '07:00', workEnd: '15:30' } }).values.workingHours;
    expect(timesOnly.fri).toEqual(period('07:00', '15:30'));
    expect(timesOnly.sat).toEqual([]);
  });

  it('version 1 with no working-hours keys keeps Zoho business hours as the source', () => {
    const { values } = migrateSettings({ version: 1, values: { slotLength: 60 } });
    expect([values.slotMinutes, values.workingHoursSource, values.workingHours]).toEqual([60, 'zoho', defaultSettings().workingHours]);
  });

  it('version 1 junk: each bad value falls back to its default and is listed, the rest stays', () => {
    const { values, dropped } = migrateSettings({
      version: 1,
      values: {
        timeZone: 'Mars/Base',
        workingDays: ['mon', 'Funday', 3, 'wed'],
        workStart: '9am',
        workEnd: '18:00',
        slotLength: 7,
        buffer: 15,
        daysAhead: 30,
        features: { booking: false, checkExisting: 'no' },
        approvers: { profiles: ['Manager', ''], roles: 'CEO' },
        theme: 'dark',
      },
    });
    expect(dropped.sort()).toEqual(
      [
        'workingDays.1',
        'workingDays.2',
        'workStart',
        'timeZone',
        'slotMinutes',
        'features.lookupBeforeBooking',
        'approvers.profiles.1',
        'approvers.roles',
        'theme',
      ].sort(),
    );
    expect(values).toEqual({
      ...defaultSettings(),
      workingHoursSource: 'custom',
      workingHours: { mon: period('09:00', '18:00'), tue: [], wed: period('09:00', '18:00'), thu: [], fri: [], sat: [], sun: [] },
      bufferBeforeMinutes: 15,
      bufferAfterMinutes: 15,
      daysAhead: 30,
      features: { ...defaultSettings().features, booking: false },
      approvers: { profiles: ['Manager'], roles: [] },
    } satisfies Settings);
  });

  it('version 1 with the end before the start: office hours on the listed days', () => {
    const { values, dropped } = migrateSettings({ version: 1, values: { workingDays: 'weekdays', workStart: '17:00', workEnd: '09:00' } });
    expect(dropped).toEqual(['workingDays', 'workStart', 'workEnd']);
    expect(values.workingHours).toEqual(defaultSettings().workingHours);
  });

  it('a current row comes back unchanged', () => {
    const own: Settings = {
      ...defaultSettings(),
      timeZone: 'Asia/Kolkata',
      workingHoursSource: 'custom',
      workingHours: { ...defaultSettings().workingHours, mon: [...period('09:00', '12:30'), ...period('13:30', '18:00')] },
      customDomains: ['crm.example.com'],
      ai: { provider: 'openai-compatible', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini' },
    };
    expect(migrateSettings({ version: 2, values: own })).toEqual({ values: own, version: CURRENT_SETTINGS_VERSION, dropped: [] });
  });

  it('version 2 → 3: the old English default title becomes the UI language\'s default; a written title stays', () => {
    const old = { ...defaultSettings(), meetingTitleTemplate: 'Meeting with {contact}' };
    expect(migrateSettings({ version: 2, values: old }).values.meetingTitleTemplate).toBe('');
    const own = { ...defaultSettings(), meetingTitleTemplate: 'Meeting with {contact} ({company})' };
    expect(migrateSettings({ version: 2, values: own }).values.meetingTitleTemplate).toBe('Meeting with {contact} ({company})');
    // A current row that says it in English on purpose keeps it.
    expect(migrateSettings({ version: 3, values: old }).values.meetingTitleTemplate).toBe('Meeting with {contact}');
  });

  it('a current row with junk: bad values go, valid neighbours stay', () => {
    const { values, dropped } = migrateSettings({
      version: 2,
      values: {
        slotMinutes: 'thirty',
        daysAhead: 10,
        workingHours: { mon: [...period('09:00', '12:00'), ...period('11:00', '13:00')], tue: period('10:00', '16:00') },
        customDomains: ['crm.example.com', 'not a host', 'crm.example.org'],
        ai: { provider: 'openai-compatible', model: 'gpt-4o-mini' },
        oauth: { clientId: '1000.ABC', clientSecret: 42 },
      },
    });
    expect(dropped.sort()).toEqual(['ai', 'customDomains.1', 'oauth.clientSecret', 'slotMinutes', 'workingHours.mon']);
    expect(values).toMatchObject({
      slotMinutes: 30,
      daysAhead: 10,
      workingHours: { mon: period('09:00', '17:00'), tue: period('10:00', '16:00') },
      customDomains: ['crm.example.com', 'crm.example.org'],
      ai: { provider: 'none', baseUrl: '', model: '' },
      oauth: { clientId: '1000.ABC', clientSecret: null },
    });
  });

  it('a row from a newer build: read as current, unknown keys listed', () => {
    const { values, version, dropped } = migrateSettings({
      version: 7,
      values: { ...defaultSettings(), slotMinutes: 50, videoLinks: { provider: 'zoom' }, features: { ...defaultSettings().features, notes: true } },
    });
    expect(version).toBe(CURRENT_SETTINGS_VERSION);
    expect(dropped.sort()).toEqual(['features.notes', 'videoLinks']);
    expect(values).toEqual({ ...defaultSettings(), slotMinutes: 50 });
  });

  it.each<[string, unknown]>([
    ['values a string', { version: 2, values: 'garbage' }],
    ['values a list', { version: 2, values: [1, 2] }],
    ['values null', { version: 1, values: null }],
  ])('nothing usable (%s): the defaults, listed as *', (_name, row) => {
    expect(migrateSettings(row as never)).toEqual({ values: defaultSettings(), version: CURRENT_SETTINGS_VERSION, dropped: ['*'] });
  });

  it('a row without a usable version is read as version 1', () => {
    for (const version of [0, -3, 1.5, Number.NaN, '2', undefined]) {
      const row = { version, values: pilotRow.values } as never;
      expect(migrateSettings(row).values.slotMinutes).toBe(45);
    }
    // Current values in such a row pass through the version-1 step untouched.
    const current = { ...defaultSettings(), slotMinutes: 20 };
    expect(migrateSettings({ version: Number.NaN, values: current })).toEqual({ values: current, version: CURRENT_SETTINGS_VERSION, dropped: [] });
  });

  it('is idempotent: migrating the result again changes nothing', () => {
    const once = migrateSettings(pilotRow);
    expect(migrateSettings({ version: once.version, values: once.values })).toEqual({ ...once, dropped: [] });
  });

  it.each<[string, unknown]>([
    ['nested nulls', { version: 1, values: { features: null, workingHours: null, approvers: { profiles: null }, ai: { provider: null } } }],
    ['numbers everywhere', { version: 2, values: { timeZone: 1, workingHours: { mon: [1, 2] }, meetingTitleTemplate: 5, customDomains: 7 } }],
    ['deep junk in periods', { version: 2, values: { workingHours: { mon: [{ start: null }, { end: {} }, 'x'], sun: { 0: 1 } } } }],
    ['v1 lists of junk', { version: 1, values: { workingDays: [null, {}, []], workStart: 900, workEnd: ['17:00'], buffer: 'x', slotLength: null } }],
    ['a prototype key', { version: 2, values: JSON.parse('{"__proto__": {"slotMinutes": 5}, "slotMinutes": 40}') }],
  ])('never throws, always valid settings (%s)', (_name, row) => {
    const { values } = migrateSettings(row as never);
    expect(settingsSchema.safeParse(values).success).toBe(true);
  });
});

describe('repairSettings', () => {
  it('keeps a valid whole and drops only what is wrong', () => {
    expect(repairSettings({ daysAhead: 500, createMissingAs: 'Contacts' })).toEqual({
      settings: { ...defaultSettings(), createMissingAs: 'Contacts' },
      dropped: ['daysAhead'],
    });
  });
});
