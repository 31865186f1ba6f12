import { describe, expect, it } from 'vitest';
import { settingsSchema } from '@/lib/settings/schema';
import { panelPageFor, sectionsFor } from './define';
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

describe('panelPageFor', () => {
  const ID = '4876876000000333001';
  it.each([
    [`https://crm.zoho.com/crm/org20104578/tab/Contacts/${ID}`, { module: 'Contacts', recordId: ID, orgId: '20104578' }],
    [`https://crm.zoho.eu/crm/org20104578/tab/Potentials/${ID}`, { module: 'Deals', recordId: ID, orgId: '20104578' }],
    [`https://one.zoho.com/zohoone/acme/home/cxapp/crm/org20104578/tab/Leads/${ID}`, { module: 'Leads', recordId: ID, orgId: '20104578' }],
    // A CRM sandbox org: marked, so the panel reads and writes nothing in the production org from it.
    [`https://crmsandbox.zoho.com/crm/org20104578/tab/Contacts/${ID}`, { module: 'Contacts', recordId: ID, orgId: '20104578', sandboxOrg: true }],
    [`https://crmsandbox.zoho.com/crm/boostedcrmsandbox/tab/Potentials/${ID}`, { module: 'Deals', recordId: ID, orgId: null, sandboxOrg: true }],
  ])('%s', (url, expected) => {
    expect(panelPageFor(url)).toEqual(expected);
  });

  it.each([
    'https://crm.zoho.com/crm/org20104578/tab/Contacts',
    `https://crm.zoho.com/crm/org20104578/tab/Tasks/${ID}`,
    `https://desk.zoho.com/agent/acme/tickets/${ID}`,
  ])('no panel on %s', (url) => {
    expect(panelPageFor(url)).toBeNull();
  });
});
