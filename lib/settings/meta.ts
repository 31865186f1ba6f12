// What the UI and the policy schema need to know about a setting beyond its rule: its label and
// hint, its bounds, its options' labels. Attached to the schema's own nodes (a zod registry), so
// a setting is declared once, in ./schema; ./fields reads it back per settings path.
import { z } from 'zod';

/** A key of the extension's messages (public/_locales/<lang>/messages.json). */
export type MessageKey = keyof typeof import('../../public/_locales/en/messages.json');

export interface SettingMeta {
  /** The setting's name on the options page (and in the summary of problems). */
  label?: MessageKey;
  /** The line under it, when it has one that needs nothing filled in. */
  hint?: MessageKey;
  /** What an empty field stands for, shown in it (the default title in the UI's language). */
  placeholder?: MessageKey;
  /** Each allowed value's label, for an enum. */
  options?: Readonly<Record<string, MessageKey>>;
  /** A whole number's bounds (inclusive) and the step it moves by. */
  min?: number;
  max?: number;
  step?: number;
  /** Longest text allowed. */
  maxLength?: number;
  /** Most entries a list may have. */
  maxItems?: number;
  /** A JSON-Schema regex a string must match (written for Chrome's policy parser: no \d). */
  pattern?: string;
  /** A secret: the browser's policy pages do not show it. */
  sensitive?: boolean;
}

/**
 * The metadata of every settings node. zod's `.check()` family (superRefine, overwrite, trim)
 * keeps a node's entry; wrappers (`.default()`, `.nullable()`) are new nodes, each with its own.
 */
export const settingsMeta = z.registry<SettingMeta>();
