import { describe, expect, it } from 'vitest';
import { isUnderPath } from '@/lib/settings/paths';
import { defaultSettings, SETTINGS_PATHS } from '@/lib/settings/schema';
import { toDraft } from './draft';
import { FEATURE_KEYS, fieldKeys } from './fields';

describe('the options form', () => {
  const draft = toDraft({ settings: defaultSettings(), locked: [] } as unknown as Parameters<typeof toDraft>[0]);

  it('has a field for every setting', () => {
    const keys = fieldKeys(draft);
    const missing = SETTINGS_PATHS.filter((path) => !keys.some((key) => isUnderPath(path, key)));
    expect(missing, 'settings with no field: add them to fieldKeys and to a section').toEqual([]);
  });

  it('shows every feature switch of the schema', () => {
    expect(FEATURE_KEYS).toEqual(Object.keys(defaultSettings().features));
  });
});
