// The options form's fields: the field kit (components/fields) bound to a setting. A field's key
// (see ./fields) finds its lock, the problems the last save found and, for a setting, its label,
// hint, bounds and options from the settings schema (lib/settings/fields).
import { createContext, useContext, type ReactNode } from 'react';
import { findSetting, settingField, type SettingField } from '@/lib/settings/fields';
import { isLockedPath } from '@/lib/settings/managed';
import {
  CheckboxField as KitCheckbox,
  RadioGroupField,
  SelectField as KitSelect,
  TextAreaField as KitTextArea,
  TextField,
  type Choice,
  type FieldState,
} from '../fields/Field';
import { t } from '../i18n';
import { fieldId, type ResolvedIssue } from './fields';

export { FieldNotes, Hint, controlProps, type FieldState } from '../fields/Field';

export interface FormState {
  locked: readonly string[];
  issues: readonly ResolvedIssue[];
}

export const FormContext = createContext<FormState>({ locked: [], issues: [] });

/** `key`: the field (see ./fields); `path`: the setting it edits, for the lock (a locked parent locks its children). */
export function useField(key: string, path: string = key): Required<Pick<FieldState, 'id' | 'locked' | 'issues'>> {
  const form = useContext(FormContext);
  return {
    id: fieldId(key),
    locked: isLockedPath(form.locked, path),
    issues: form.issues.filter((i) => i.key === key).map((i) => i.message),
  };
}

/** The setting's label and hint, unless the caller says otherwise (a field that is no setting must). */
function described(key: string, own: { label?: string; hint?: ReactNode }): { setting: SettingField | undefined; label: string; hint: ReactNode } {
  const setting = own.label === undefined || own.hint === undefined ? findSetting(key) : undefined;
  const hintKey = setting?.meta.hint;
  return {
    setting,
    label: own.label ?? (setting?.meta.label ? t(setting.meta.label) : key),
    hint: own.hint ?? (hintKey ? t(hintKey) : undefined),
  };
}

/** A setting's label, for a field drawn by hand (the client secret). */
export function settingLabel(path: string): string {
  const label = settingField(path).meta.label;
  return label ? t(label) : path;
}

/** What the setting's empty field stands for, when it says (the default title in the UI's language). */
function settingPlaceholder(key: string): string | undefined {
  const placeholder = findSetting(key)?.meta.placeholder;
  return placeholder ? t(placeholder) : undefined;
}

/** The setting's values with their labels. */
function choicesOf<T extends string>(key: string): Choice<T>[] {
  const setting = settingField(key);
  return Object.entries(setting.meta.options ?? {}).map(([value, label]) => ({ value: value as T, label: t(label) }));
}

interface InputFieldProps {
  fieldKey: string;
  path?: string;
  label?: string;
  hint?: ReactNode;
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'number' | 'url' | 'password';
  placeholder?: string;
  autoComplete?: string;
  className?: string;
}

/** A labelled single-line input; a whole-number setting is a number input with the setting's bounds. */
export function InputField(props: InputFieldProps) {
  const { setting, label, hint } = described(props.fieldKey, props);
  const field = useField(props.fieldKey, props.path);
  const type = props.type ?? (setting?.kind === 'integer' ? 'number' : 'text');
  const number = type === 'number';
  return (
    <TextField
      {...field}
      hint={hint}
      label={label}
      wrapper="field"
      className={props.className ? `input ${props.className}` : 'input'}
      type={type}
      inputMode={number ? 'numeric' : undefined}
      min={number ? setting?.meta.min : undefined}
      max={number ? setting?.meta.max : undefined}
      step={number && setting?.meta.step !== 1 ? setting?.meta.step : undefined}
      value={props.value}
      placeholder={props.placeholder ?? settingPlaceholder(props.fieldKey)}
      autoComplete={props.autoComplete ?? 'off'}
      spellCheck={false}
      onChange={(event) => props.onChange(event.target.value)}
    />
  );
}

/** A labelled multi-line input. */
export function TextAreaField(props: Omit<InputFieldProps, 'type' | 'autoComplete'> & { rows?: number }) {
  const { label, hint } = described(props.fieldKey, props);
  const field = useField(props.fieldKey, props.path);
  return (
    <KitTextArea
      {...field}
      hint={hint}
      label={label}
      wrapper="field"
      className={props.className ? `input ${props.className}` : 'input'}
      rows={props.rows ?? 3}
      value={props.value}
      placeholder={props.placeholder}
      spellCheck={false}
      onChange={(event) => props.onChange(event.target.value)}
    />
  );
}

/** A labelled switch. */
export function CheckboxField(props: { fieldKey: string; label?: string; hint?: ReactNode; checked: boolean; onChange(checked: boolean): void }) {
  const { label, hint } = described(props.fieldKey, props);
  const field = useField(props.fieldKey);
  return <KitCheckbox {...field} hint={hint} label={label} checked={props.checked} onChange={(event) => props.onChange(event.target.checked)} />;
}

/** The setting's values as radio buttons under its label. */
export function RadioField<T extends string>(props: { fieldKey: string; value: T; onChange(value: T): void }) {
  const { label, hint } = described(props.fieldKey, {});
  const field = useField(props.fieldKey);
  return <RadioGroupField {...field} hint={hint} legend={label} value={props.value} choices={choicesOf<T>(props.fieldKey)} onChange={props.onChange} />;
}

/** A labelled drop-down: the setting's values, or `options` for one whose values are open (a time zone). */
export function SelectField<T extends string>(props: { fieldKey: string; value: T; options?: readonly Choice<T>[]; onChange(value: T): void }) {
  const { label, hint } = described(props.fieldKey, {});
  const field = useField(props.fieldKey);
  return (
    <KitSelect
      {...field}
      hint={hint}
      label={label}
      wrapper="field"
      className="input"
      value={props.value}
      choices={props.options ?? choicesOf<T>(props.fieldKey)}
      onChange={props.onChange}
    />
  );
}

/** A section of the form with its heading. */
/** The heading level of the sections inside: 2 on the page, 3 inside the team settings' group (its heading is the 2). */
export const SectionLevel = createContext<2 | 3>(2);

export function Section({ id, title, intro, children }: { id: string; title: string; intro?: string; children: ReactNode }) {
  const Heading = useContext(SectionLevel) === 3 ? 'h3' : 'h2';
  return (
    <section className="options-section" aria-labelledby={`${id}-heading`}>
      <Heading id={`${id}-heading`}>{title}</Heading>
      {intro ? <p className="section-intro">{intro}</p> : null}
      {children}
    </section>
  );
}
