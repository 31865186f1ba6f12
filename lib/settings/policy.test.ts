import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SETTING_FIELDS } from './fields';
import { clonePlain, getAt } from './paths';
import { policyDisagreements, policyNodeAt, policySchema } from './policy';

// The committed file Chrome reads (public/managed_schema.json): its structure must be the one
// the settings schema implies; only its titles and descriptions are written by hand.
const file = JSON.parse(readFileSync(new URL('../../public/managed_schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('public/managed_schema.json agrees with the settings schema', () => {
  it('has every setting with its type, bounds and enum, and nothing else', () => {
    expect(policyDisagreements(file, policySchema())).toEqual([]);
  });

  it('names the first disagreement', () => {
    const broken = clonePlain(file);
    const props = getAt(broken, 'properties') as Record<string, Record<string, unknown>>;
    delete props.daysAhead;
    (props.slotMinutes as Record<string, unknown>).maximum = 400;
    (props.createMissingAs as Record<string, unknown>).enum = ['Leads'];
    (getAt(broken, 'properties.features.properties.booking') as Record<string, unknown>).type = 'string';
    props.colour = { type: 'string', title: 'Colour', description: 'Not a setting.' };
    (getAt(broken, 'properties.workingHours.properties.mon.items.properties.end') as Record<string, unknown>).pattern = '^.*$';
    expect(policyDisagreements(broken, policySchema())).toEqual([
      'colour: in the file, not a setting',
      'workingHours.mon[].end.pattern: the file has "^.*$", the settings say "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$"',
      'slotMinutes.maximum: the file has 400, the settings say 480',
      'daysAhead: missing from the file',
      'features.booking.type: the file has "string", the settings say "boolean"',
      'createMissingAs.enum: the file has ["Leads"], the settings say ["Leads","Contacts"]',
    ]);
  });

  it('says each number’s bounds and each list’s size in its description', () => {
    for (const field of SETTING_FIELDS) {
      const description = String(policyNodeAt(file, field.path)?.description ?? '');
      if (field.kind === 'integer') expect(description, field.path).toContain(`${field.meta.min} to ${field.meta.max}`);
      if (field.kind === 'array') expect(description, field.path).toContain(String(field.meta.maxItems));
    }
  });
});
