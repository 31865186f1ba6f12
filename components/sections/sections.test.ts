import { describe, expect, it } from 'vitest';
import { settingsSchema } from '@/lib/settings/schema';
import { sectionsFor } from './define';
import { PANEL_SECTIONS } from './index';

const features = settingsSchema.parse({}).features;
const ids = (...args: Parameters<typeof sectionsFor> extends [unknown, ...infer Rest] ? Rest : never) => sectionsFor(PANEL_SECTIONS, ...args).map((s) => s.id);

describe('panel sections', () => {
  it.each([
    ['Deals', ['stage', 'scheduling', 'note']],
    ['Contacts', ['scheduling', 'contact-deals', 'note']],
    ['Leads', ['scheduling', 'note']],
    ['Accounts', ['scheduling', 'note']],
  ] as const)('on a %s page: %o, in order', (module, expected) => {
    expect(ids(module, features, false)).toEqual(expected);
  });

  it('hides a section whose switch is off, and while the settings are still unknown', () => {
    expect(ids('Deals', { ...features, stageSuggestions: false }, false)).toEqual(['scheduling', 'note']);
    expect(ids('Deals', undefined, false)).toEqual(['scheduling', 'note']);
  });

  it('shows it when the settings cannot be read (the background still refuses what is off)', () => {
    expect(ids('Deals', undefined, true)).toEqual(['stage', 'scheduling', 'note']);
  });

  it('has unique ids', () => {
    expect(new Set(PANEL_SECTIONS.map((s) => s.id)).size).toBe(PANEL_SECTIONS.length);
  });
});
