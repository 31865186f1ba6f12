import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toSettingsIssues } from './issues';
import { SETTING_FIELDS, settingField } from './fields';
import type { MessageKey } from './meta';
import { setAt, type PlainObject } from './paths';
import { defaultSettings, settingsSchema, SETTINGS_PATHS, timeToMinutes } from './schema';

const messages = (lang: string) =>
  JSON.parse(readFileSync(new URL(`../../public/_locales/${lang}/messages.json`, import.meta.url), 'utf8')) as Record<string, { message: string }>;
const LOCALES = { en: messages('en'), de: messages('de') };

/** The issues of the defaults with `value` at `path`. */
function issuesWith(path: string, value: unknown) {
  const settings = defaultSettings() as unknown as PlainObject;
  setAt(settings, path, value);
  const result = settingsSchema.safeParse(settings);
  return result.success ? [] : toSettingsIssues(result.error.issues);
}

describe('settings metadata', () => {
  it('describes every setting, in the schema’s order', () => {
    expect(SETTING_FIELDS.map((f) => f.path)).toEqual(SETTINGS_PATHS);
    expect(() => settingField('features')).toThrow('not a setting: features');
  });

  it.each(SETTING_FIELDS.map((f) => [f.path, f] as const))('%s has a label, and every key it names is in both locales', (_path, field) => {
    expect(field.meta.label, 'no label: register one with the setting in lib/settings/schema.ts').toBeDefined();
    const keys: MessageKey[] = [field.meta.label, field.meta.hint, ...Object.values(field.meta.options ?? {})].filter((k) => k !== undefined);
    for (const [lang, table] of Object.entries(LOCALES)) {
      for (const key of keys) expect(table[key]?.message, `${key} in public/_locales/${lang}/messages.json`).toBeTruthy();
    }
  });

  it.each(SETTING_FIELDS.filter((f) => f.kind === 'enum').map((f) => [f.path, f] as const))('%s labels each of its values', (_path, field) => {
    expect(field.kind === 'enum' && Object.keys(field.meta.options ?? {})).toEqual(field.kind === 'enum' && field.values);
  });

  it('gives each setting its default', () => {
    expect(settingField('slotMinutes').default).toBe(30);
    expect(settingField('stepMinutes')).toMatchObject({ default: null, nullable: true });
    expect(settingField('approvers.profiles').default).toEqual(['Administrator', 'Manager']);
    expect(settingField('workingHours.sat').default).toEqual([]);
  });

  it.each(SETTING_FIELDS.filter((f) => f.kind === 'integer').map((f) => [f.path, f] as const))(
    '%s: the bounds the form shows are the ones the rule applies',
    (path, { meta, default: fallback }) => {
      const { min, max, step } = meta;
      if (min === undefined || max === undefined || step === undefined) throw new Error(`${path}: a number needs min, max and step`);
      if (fallback !== null) expect(fallback as number).toBeGreaterThanOrEqual(min);
      if (fallback !== null) expect(fallback as number).toBeLessThanOrEqual(max);
      expect(issuesWith(path, min)).toEqual([]);
      expect(issuesWith(path, max)).toEqual([]);
      for (const outside of [min - step, max + step]) expect(issuesWith(path, outside)).toEqual([{ path, code: 'outOfRange', params: [String(min), String(max)] }]);
      if (step > 1) expect(issuesWith(path, min + 1).map((i) => i.code)).toEqual(['notMultipleOf5']);
    },
  );

  it.each(SETTING_FIELDS.filter((f) => f.kind === 'string' && f.meta.maxLength !== undefined).map((f) => [f.path, f.meta.maxLength ?? 0] as const))(
    '%s: text up to %i characters',
    (path, max) => {
      expect(issuesWith(path, 'a'.repeat(max))).toEqual([]);
      expect(issuesWith(path, 'a'.repeat(max + 1))).toEqual([{ path, code: 'tooLong', params: [String(max)] }]);
    },
  );

  it('the policy’s time patterns accept exactly the times the rule does', () => {
    const day = settingField('workingHours.mon');
    const period = day.kind === 'array' && day.items.kind === 'object' ? day.items.properties : {};
    const start = new RegExp(period.start?.meta.pattern ?? '$^');
    const end = new RegExp(period.end?.meta.pattern ?? '$^');
    for (let h = 0; h < 30; h++) {
      for (let m = 0; m < 70; m += 1) {
        const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
        expect(start.test(time), time).toBe(timeToMinutes(time) !== null);
        expect(end.test(time), time).toBe(timeToMinutes(time, true) !== null);
      }
    }
    expect(start.test('9:00')).toBe(false);
  });
});
