// Every setting as the UI and the policy schema see it, read off the schema: its kind, default,
// bounds and labels per settings path ('slotMinutes', 'features.booking', 'workingHours.mon').
import { z } from 'zod';
import { settingsMeta, type SettingMeta } from './meta';
import { getAt } from './paths';
import { defaultSettings, settingsSchema } from './schema';

/** The kind of value a settings node holds, as far as a form or a JSON schema cares. */
export type SettingShape =
  | { kind: 'object'; properties: Record<string, SettingNode> }
  | { kind: 'array'; items: SettingNode }
  | { kind: 'string' | 'integer' | 'boolean' }
  | { kind: 'enum'; values: readonly string[] };

export type SettingNode = SettingShape & {
  /** null is a valid value (it means "not set": the policy says it by leaving the key out). */
  nullable: boolean;
  meta: SettingMeta;
};

export type SettingField = SettingNode & { path: string; default: unknown };

/** A node's shape and metadata: wrappers are looked through, their metadata merged (outer wins). */
export function describeNode(schema: z.ZodType): SettingNode {
  let node: z.ZodType = schema;
  let nullable = false;
  const layers: SettingMeta[] = [];
  for (;;) {
    layers.unshift(settingsMeta.get(node) ?? {});
    if (node instanceof z.ZodDefault || node instanceof z.ZodPrefault) node = node.unwrap() as z.ZodType;
    else if (node instanceof z.ZodNullable) {
      nullable = true;
      node = node.unwrap() as z.ZodType;
    } else break;
  }
  const meta: SettingMeta = Object.assign({}, ...layers);
  const shape = (): SettingShape => {
    if (node instanceof z.ZodObject) {
      const shape = node.shape as Record<string, z.ZodType>;
      return { kind: 'object', properties: Object.fromEntries(Object.entries(shape).map(([key, child]) => [key, describeNode(child)])) };
    }
    if (node instanceof z.ZodArray) return { kind: 'array', items: describeNode(node.element as z.ZodType) };
    if (node instanceof z.ZodEnum) return { kind: 'enum', values: node.options.map(String) };
    // Every number in the settings is whole (minutes, counts): wholeNumber checks it.
    if (node instanceof z.ZodNumber) return { kind: 'integer' };
    if (node instanceof z.ZodString) return { kind: 'string' };
    if (node instanceof z.ZodBoolean) return { kind: 'boolean' };
    throw new Error(`settings schema: no description for a ${node.constructor.name}`);
  };
  return { ...shape(), nullable, meta };
}

/** The whole settings schema described (an object node). */
export const SETTINGS_TREE = describeNode(settingsSchema);

function leaves(node: SettingNode, prefix: string, defaults: unknown): SettingField[] {
  if (node.kind === 'object') {
    return Object.entries(node.properties).flatMap(([key, child]) => leaves(child, prefix ? `${prefix}.${key}` : key, defaults));
  }
  return [{ ...node, path: prefix, default: getAt(defaults, prefix) }];
}

/** Every setting down to the leaves the policy and the lock work on, in the schema's order. */
export const SETTING_FIELDS: readonly SettingField[] = Object.freeze(leaves(SETTINGS_TREE, '', defaultSettings()));

const byPath = new Map(SETTING_FIELDS.map((field) => [field.path, field]));

/** The setting at `path`, if it is one. */
export const findSetting = (path: string): SettingField | undefined => byPath.get(path);

/** The setting at `path`; throws for a path that is not a setting (a typo in the UI, caught by its first render). */
export function settingField(path: string): SettingField {
  const field = byPath.get(path);
  if (!field) throw new Error(`not a setting: ${path}`);
  return field;
}
