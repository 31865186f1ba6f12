import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { applyManagedPolicy, isLockedPath, POLICY_ALIASES } from './managed';
import { getAt, isPlainObject, leafPaths } from './paths';
import { defaultSettings, SETTINGS_PATHS, type Settings } from './schema';

const user: Settings = {
  ...defaultSettings(),
  slotMinutes: 45,
  features: { ...defaultSettings().features, cancellation: false },
  oauth: { clientId: '1000.USEROWN', clientSecret: null },
};

describe('applyManagedPolicy', () => {
  it('each valid leaf overrides and is locked', () => {
    const policy = { features: { booking: false }, oauth: { clientId: '1000.X' }, api: { maxConcurrent: 3 } };
    const { settings, locked, ignored } = applyManagedPolicy(user, policy);
    expect(settings).toEqual({
      ...user,
      features: { ...user.features, booking: false },
      oauth: { clientId: '1000.X', clientSecret: null },
      api: { maxConcurrent: 3 },
    });
    expect(locked).toEqual(['features.booking', 'oauth.clientId', 'api.maxConcurrent']);
    expect(ignored).toEqual([]);
    expect(user.features.booking).toBe(true);
  });

  it('locks a policy value even when it equals the user’s', () => {
    expect(applyManagedPolicy(user, { slotMinutes: 45 }).locked).toEqual(['slotMinutes']);
  });

  it('whole lists and days are single leaves', () => {
    const { settings, locked } = applyManagedPolicy(user, {
      workingHoursSource: 'custom',
      workingHours: { fri: [{ start: '09:00', end: '13:00' }] },
      approvers: { profiles: ['Administrator', 'Sales Director'] },
      customDomains: ['CRM.Example.com'],
    });
    expect(settings.workingHours.fri).toEqual([{ start: '09:00', end: '13:00' }]);
    expect(settings.workingHours.mon).toEqual(user.workingHours.mon);
    expect(settings.customDomains).toEqual(['crm.example.com']);
    expect(locked).toEqual(['workingHoursSource', 'workingHours.fri', 'approvers.profiles', 'customDomains']);
  });

  it('reads the older top-level clientId / clientSecret keys as oauth.*', () => {
    const { settings, locked, ignored } = applyManagedPolicy(user, { clientId: '1000.ALIAS', clientSecret: 'f00dcafe' });
    expect(settings.oauth).toEqual({ clientId: '1000.ALIAS', clientSecret: 'f00dcafe' });
    expect(locked).toEqual(['oauth.clientId', 'oauth.clientSecret']);
    expect(ignored).toEqual([]);
  });

  it('the nested key wins over a different alias value, which is reported', () => {
    const { settings, ignored } = applyManagedPolicy(user, { clientId: '1000.OLD', oauth: { clientId: '1000.NEW' } });
    expect(settings.oauth.clientId).toBe('1000.NEW');
    expect(ignored).toEqual(['clientId']);
    expect(applyManagedPolicy(user, { clientId: '1000.SAME', oauth: { clientId: '1000.SAME' } }).ignored).toEqual([]);
  });

  it('ignores invalid and unknown policy values, applies the valid ones beside them', () => {
    const { settings, locked, ignored } = applyManagedPolicy(user, {
      api: { maxConcurrent: 50 },
      features: { booking: 'no', stageSuggestions: false },
      slotMinutes: 7,
      timeZone: 'Mars/Base',
      colour: 'red',
      ai: 'openai',
      workingHours: { mon: [{ start: '10:00', end: '09:00' }], funday: [] },
      clientId: 'has spaces',
      daysAhead: 30,
    });
    expect(ignored.sort()).toEqual(
      ['ai', 'api.maxConcurrent', 'clientId', 'colour', 'features.booking', 'slotMinutes', 'timeZone', 'workingHours.funday', 'workingHours.mon'].sort(),
    );
    expect(locked).toEqual(['daysAhead', 'features.stageSuggestions']);
    expect(settings).toEqual({ ...user, daysAhead: 30, features: { ...user.features, stageSuggestions: false } });
  });

  it('values that only hold together are applied together, in any order', () => {
    const ai = { model: 'gpt-4o-mini', provider: 'openai-compatible', baseUrl: 'https://llm.example.com/v1' };
    const { settings, locked, ignored } = applyManagedPolicy(user, { ai });
    expect(settings.ai).toEqual({ provider: 'openai-compatible', baseUrl: 'https://llm.example.com/v1', model: 'gpt-4o-mini' });
    expect(locked).toEqual(['ai.provider', 'ai.baseUrl', 'ai.model']);
    expect(ignored).toEqual([]);
    // Without a URL the provider cannot be switched on: ignored, the model still applies.
    const partial = applyManagedPolicy(user, { ai: { provider: 'openai-compatible', model: 'gpt-4o-mini' } });
    expect([partial.settings.ai.provider, partial.locked, partial.ignored]).toEqual(['none', ['ai.model'], ['ai.provider']]);
  });

  it.each<[string, unknown, string[]]>([
    ['undefined (no policy)', undefined, []],
    ['null', null, []],
    ['an empty policy', {}, []],
    ['a string', 'booking=false', ['*']],
    ['a list', [{ features: { booking: false } }], ['*']],
  ])('a policy that is %s changes nothing', (_name, policy, ignored) => {
    expect(applyManagedPolicy(user, policy)).toEqual({ settings: user, locked: [], ignored });
  });

  it.each([
    ['workingHours.mon.0.start', true],
    ['workingHours.mon', true],
    ['workingHours.tue', false],
    ['features.booking', true],
    ['features', false],
  ])('isLockedPath(%s) = %s', (path, expected) => {
    expect(isLockedPath(['workingHours.mon', 'features.booking'], path)).toBe(expected);
  });
});

// The manifest's storage.managed_schema: Chrome refuses to load the extension when it is invalid.
describe('public/managed_schema.json', () => {
  type Node = Record<string, unknown>;
  const schema = JSON.parse(readFileSync(new URL('../../public/managed_schema.json', import.meta.url), 'utf8')) as Node;

  // The attributes Chrome's policy schema parser accepts per type (components/policy/core/common/
  // schema.cc, kAttributesAndTypesFor*); any other attribute is an error.
  const ALLOWED: Record<string, string[]> = {
    array: ['description', 'id', 'items', 'sensitiveValue', 'title', 'type'],
    boolean: ['description', 'id', 'sensitiveValue', 'title', 'type'],
    integer: ['description', 'enum', 'id', 'maximum', 'minimum', 'sensitiveValue', 'title', 'type'],
    number: ['description', 'id', 'sensitiveValue', 'title', 'type'],
    object: ['additionalProperties', 'description', 'id', 'patternProperties', 'properties', 'required', 'sensitiveValue', 'title', 'type'],
    string: ['description', 'enum', 'id', 'pattern', 'sensitiveValue', 'title', 'type'],
  };

  function walk(node: Node, path: string, visit: (node: Node, path: string) => void) {
    visit(node, path);
    if (isPlainObject(node.properties)) {
      for (const [key, child] of Object.entries(node.properties)) walk(child as Node, path ? `${path}.${key}` : key, visit);
    }
    if (isPlainObject(node.items)) walk(node.items, `${path}[]`, visit);
  }

  it('uses only what Chrome accepts', () => {
    expect(schema.type).toBe('object');
    expect(schema).not.toHaveProperty('additionalProperties');
    walk(schema, '', (node, path) => {
      const type = node.type as string;
      expect(Object.keys(ALLOWED), path).toContain(type);
      for (const key of Object.keys(node)) expect(ALLOWED[type], `${path}: ${key}`).toContain(key);
    });
  });

  it('declares every setting (and the older aliases) with a title and description, and nothing else', () => {
    const declared: string[] = [];
    walk(schema, '', (node, path) => {
      if (path === '' || path.includes('[]')) return;
      expect(typeof node.title, path).toBe('string');
      expect(typeof node.description, path).toBe('string');
      if (node.type !== 'object') declared.push(path);
    });
    expect(declared.sort()).toEqual([...SETTINGS_PATHS, ...Object.keys(POLICY_ALIASES)].sort());
  });

  it('gives each setting the type of its value', () => {
    const defaults = defaultSettings();
    // Settings whose default is null (policy cannot say null: leaving the key out is its null).
    const nullable: Record<string, string> = { timeZone: 'string', stepMinutes: 'integer', 'oauth.clientId': 'string', 'oauth.clientSecret': 'string' };
    const jsonType = (path: string, value: unknown) =>
      value === null ? nullable[path] : Array.isArray(value) ? 'array' : typeof value === 'number' ? 'integer' : typeof value;
    walk(schema, '', (node, path) => {
      if (SETTINGS_PATHS.includes(path)) expect(node.type, path).toBe(jsonType(path, getAt(defaults, path)));
    });
  });

  it('describes values applyManagedPolicy accepts, every enum value included', () => {
    const ajv = new Ajv({ strict: false });
    const validate = ajv.compile(schema);
    const policy = {
      timeZone: 'America/Chicago',
      workingHoursSource: 'custom',
      workingHours: { mon: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '24:00' }], sat: [] },
      slotMinutes: 20,
      stepMinutes: 10,
      bufferBeforeMinutes: 5,
      bufferAfterMinutes: 10,
      minNoticeMinutes: 1440,
      daysAhead: 30,
      meetingTitleTemplate: '{company}: {contact} and {user}',
      features: { slotCheck: true, booking: false, cancellation: false, lookupBeforeBooking: true, stageSuggestions: false },
      createMissingAs: 'Contacts',
      approvers: { profiles: ['Administrator'], roles: ['VP Sales'] },
      pipelineCriteria: '',
      criteriaEnabled: true,
      ai: { provider: 'openai-compatible', baseUrl: 'https://llm.example.com/v1', model: 'gpt-4o-mini' },
      oauth: { clientId: '1000.ORG', clientSecret: 'f00dcafe' },
      api: { maxConcurrent: 4 },
      customDomains: ['crm.example.com'],
    };
    expect(validate(policy), JSON.stringify(validate.errors)).toBe(true);
    const applied = applyManagedPolicy(defaultSettings(), policy);
    expect(applied.ignored).toEqual([]);
    expect(applied.locked.sort()).toEqual(leafPaths(policy).sort());

    // A provider that needs a URL and a model gets them from the user's settings here.
    const base: Settings = { ...defaultSettings(), ai: { provider: 'none', baseUrl: 'https://llm.example.com/v1', model: 'm' } };
    walk(schema, '', (node, path) => {
      if (!Array.isArray(node.enum)) return;
      for (const value of node.enum) {
        const one: Record<string, unknown> = {};
        let at = one;
        const parts = path.split('.');
        parts.slice(0, -1).forEach((key) => (at = at[key] = {}));
        at[parts[parts.length - 1] as string] = value;
        expect(applyManagedPolicy(base, one).ignored, `${path} = ${String(value)}`).toEqual([]);
      }
    });

    expect(validate({ slotMinutes: 1000 })).toBe(false);
    expect(validate({ workingHours: { mon: [{ start: '24:00', end: '24:00' }] } })).toBe(false);
    expect(validate({ createMissingAs: 'Deals' })).toBe(false);
  });
});
