// The enterprise policy schema (public/managed_schema.json) as the settings schema implies it:
// its structure, types, bounds and enums. The committed file adds the English title and
// description an admin reads; policy.test.ts fails when the two disagree.
// Written by hand rather than with z.toJSONSchema: Chrome takes a small subset (no null, no
// default, no additionalProperties on the root, integer only from our own rule), so its output
// would need more undoing than this walk takes.
import { SETTINGS_TREE, type SettingNode } from './fields';
import { POLICY_ALIASES } from './managed';
import { getAt, splitPath } from './paths';

export type PolicyNode = {
  type: 'object' | 'array' | 'string' | 'integer' | 'boolean';
  properties?: Record<string, PolicyNode>;
  items?: PolicyNode;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  sensitiveValue?: true;
};

/** A settings node as policy: null is not written (leaving the key out means it). */
function toPolicy(node: SettingNode): PolicyNode {
  const extra = {
    ...(node.meta.pattern !== undefined ? { pattern: node.meta.pattern } : {}),
    ...(node.meta.sensitive ? { sensitiveValue: true as const } : {}),
  };
  switch (node.kind) {
    case 'object':
      return { type: 'object', properties: Object.fromEntries(Object.entries(node.properties).map(([key, child]) => [key, toPolicy(child)])) };
    case 'array':
      return { type: 'array', items: toPolicy(node.items), ...extra };
    case 'enum':
      return { type: 'string', enum: [...node.values], ...extra };
    case 'integer':
      return { type: 'integer', minimum: node.meta.min, maximum: node.meta.max, ...extra };
    default:
      return { type: node.kind, ...extra };
  }
}

/** The policy schema without titles and descriptions; the older alias keys take their target's shape. */
export function policySchema(): PolicyNode {
  const root = toPolicy(SETTINGS_TREE);
  for (const [alias, path] of Object.entries(POLICY_ALIASES)) {
    const target = splitPath(path).reduce<PolicyNode | undefined>((node, key) => node?.properties?.[key], root);
    if (target && root.properties) root.properties[alias] = target;
  }
  return root;
}

/** Attributes that only explain (checked for being there, not for their words). */
const PROSE = new Set(['title', 'description']);

/**
 * Where `actual` (the committed policy schema) differs from `expected`, in document order, each
 * naming the path and both values ('slotMinutes.maximum: the file has 400, the settings say 480').
 */
export function policyDisagreements(actual: unknown, expected: PolicyNode, path = ''): string[] {
  const at = (key: string) => (path ? `${path}.${key}` : key);
  const name = path || '(root)';
  if (typeof actual !== 'object' || actual === null) return [`${name}: missing from the file`];
  const node = actual as Record<string, unknown>;
  const out: string[] = [];
  for (const key of Object.keys(node)) {
    if (!PROSE.has(key) && !(key in expected)) out.push(`${at(key)}: in the file, not in the settings schema`);
  }
  for (const [key, want] of Object.entries(expected)) {
    const have = node[key];
    if (key === 'properties') {
      const props = (want ?? {}) as Record<string, PolicyNode>;
      const had = (typeof have === 'object' && have !== null ? have : {}) as Record<string, unknown>;
      for (const prop of Object.keys(had)) if (!(prop in props)) out.push(`${at(prop)}: in the file, not a setting`);
      for (const [prop, child] of Object.entries(props)) {
        out.push(...(prop in had ? policyDisagreements(had[prop], child, at(prop)) : [`${at(prop)}: missing from the file`]));
      }
    } else if (key === 'items') {
      out.push(...policyDisagreements(have, want as PolicyNode, `${path}[]`));
    } else if (JSON.stringify(have) !== JSON.stringify(want)) {
      out.push(`${name}.${key}: the file has ${JSON.stringify(have) ?? 'nothing'}, the settings say ${JSON.stringify(want)}`);
    }
  }
  return out;
}

/** The committed schema's node at a settings path (for checks on its prose). */
export function policyNodeAt(schema: unknown, path: string): Record<string, unknown> | undefined {
  const node = getAt(schema, splitPath(path).flatMap((key) => ['properties', key]).join('.'));
  return typeof node === 'object' && node !== null ? (node as Record<string, unknown>) : undefined;
}
