// What every field of the options form needs: whether its setting is locked by policy, the
// problems the last save found with it, and the ids that tie its label, hint and messages to it.
import { createContext, useContext, type ReactNode } from 'react';
import { isLockedPath } from '@/lib/settings/managed';
import { t } from '../i18n';
import { fieldId, hintId, issueId, lockedNoteId, type ResolvedIssue } from './fields';

export interface FormState {
  locked: readonly string[];
  issues: readonly ResolvedIssue[];
}

export const FormContext = createContext<FormState>({ locked: [], issues: [] });

export interface FieldState {
  id: string;
  locked: boolean;
  issues: string[];
  /** Spread on the control: disabled when locked, invalid and described when it has problems. */
  control: {
    id: string;
    disabled: boolean;
    'aria-invalid': true | undefined;
    'aria-describedby': string | undefined;
  };
}

/**
 * `key`: the field (see ./fields); `path`: the setting it edits, for the lock (a locked
 * parent locks its children); `hint`: whether a hint is shown under it.
 */
export function useField(key: string, path: string = key, options: { hint?: boolean; invalid?: boolean } = {}): FieldState {
  const form = useContext(FormContext);
  const locked = isLockedPath(form.locked, path);
  const issues = form.issues.filter((i) => i.key === key).map((i) => i.message);
  const describedBy = [
    issues.length > 0 ? issueId(key) : null,
    locked ? lockedNoteId(key) : null,
    options.hint ? hintId(key) : null,
  ].filter((id) => id !== null);
  const id = fieldId(key);
  return {
    id,
    locked,
    issues,
    control: {
      id,
      disabled: locked,
      'aria-invalid': issues.length > 0 && options.invalid !== false ? true : undefined,
      'aria-describedby': describedBy.length > 0 ? describedBy.join(' ') : undefined,
    },
  };
}

/** The lock note and the problems under a field (the hint is the caller's, with `hintId`). */
export function FieldNotes({ field, fieldKey }: { field: FieldState; fieldKey: string }) {
  return (
    <>
      {field.locked ? (
        <p className="field-locked" id={lockedNoteId(fieldKey)}>
          <LockIcon />
          {t('options_locked')}
        </p>
      ) : null}
      {field.issues.length > 0 ? (
        <p className="field-issue" id={issueId(fieldKey)}>
          {field.issues.join(' ')}
        </p>
      ) : null}
    </>
  );
}

/** A padlock drawn inline: emoji fonts are not everywhere. */
function LockIcon() {
  return (
    <svg className="lock-icon" aria-hidden="true" focusable="false" viewBox="0 0 16 16" width="12" height="12">
      <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
    </svg>
  );
}

export function Hint({ fieldKey, children }: { fieldKey: string; children: ReactNode }) {
  return (
    <p className="field-hint" id={hintId(fieldKey)}>
      {children}
    </p>
  );
}

interface InputFieldProps {
  fieldKey: string;
  path?: string;
  label: string;
  hint?: ReactNode;
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'number' | 'url' | 'password';
  min?: number;
  max?: number;
  step?: number;
  placeholder?: string;
  autoComplete?: string;
  className?: string;
}

/** A labelled single-line input. */
export function InputField(props: InputFieldProps) {
  const field = useField(props.fieldKey, props.path, { hint: props.hint !== undefined });
  return (
    <div className="field">
      <label htmlFor={field.id}>{props.label}</label>
      <input
        {...field.control}
        className={props.className ? `input ${props.className}` : 'input'}
        type={props.type ?? 'text'}
        inputMode={props.type === 'number' ? 'numeric' : undefined}
        min={props.min}
        max={props.max}
        step={props.step}
        value={props.value}
        placeholder={props.placeholder}
        autoComplete={props.autoComplete ?? 'off'}
        spellCheck={false}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {props.hint !== undefined ? <Hint fieldKey={props.fieldKey}>{props.hint}</Hint> : null}
      <FieldNotes field={field} fieldKey={props.fieldKey} />
    </div>
  );
}

/** A labelled multi-line input. */
export function TextAreaField(props: Omit<InputFieldProps, 'type' | 'min' | 'max' | 'step'> & { rows?: number }) {
  const field = useField(props.fieldKey, props.path, { hint: props.hint !== undefined });
  return (
    <div className="field">
      <label htmlFor={field.id}>{props.label}</label>
      <textarea
        {...field.control}
        className={props.className ? `input ${props.className}` : 'input'}
        rows={props.rows ?? 3}
        value={props.value}
        placeholder={props.placeholder}
        spellCheck={false}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {props.hint !== undefined ? <Hint fieldKey={props.fieldKey}>{props.hint}</Hint> : null}
      <FieldNotes field={field} fieldKey={props.fieldKey} />
    </div>
  );
}

/** A labelled switch. */
export function CheckboxField(props: { fieldKey: string; label: string; hint?: ReactNode; checked: boolean; onChange(checked: boolean): void }) {
  const field = useField(props.fieldKey, props.fieldKey, { hint: props.hint !== undefined });
  return (
    <div className="field field-check">
      <input {...field.control} type="checkbox" checked={props.checked} onChange={(event) => props.onChange(event.target.checked)} />
      <div>
        <label htmlFor={field.id}>{props.label}</label>
        {props.hint !== undefined ? <Hint fieldKey={props.fieldKey}>{props.hint}</Hint> : null}
        <FieldNotes field={field} fieldKey={props.fieldKey} />
      </div>
    </div>
  );
}

/** A group of radio buttons under a legend; the first radio carries the field's id. */
export function RadioField<T extends string>(props: {
  fieldKey: string;
  legend: string;
  hint?: ReactNode;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange(value: T): void;
}) {
  const field = useField(props.fieldKey, props.fieldKey, { hint: props.hint !== undefined, invalid: false });
  return (
    <fieldset className="field field-radios" aria-describedby={field.control['aria-describedby']}>
      <legend>{props.legend}</legend>
      {props.options.map((option, index) => {
        const id = index === 0 ? field.id : `${field.id}-${option.value}`;
        return (
          <div className="radio" key={option.value}>
            <input
              type="radio"
              id={id}
              name={field.id}
              value={option.value}
              checked={props.value === option.value}
              disabled={field.locked}
              onChange={() => props.onChange(option.value)}
            />
            <label htmlFor={id}>{option.label}</label>
          </div>
        );
      })}
      {props.hint !== undefined ? <Hint fieldKey={props.fieldKey}>{props.hint}</Hint> : null}
      <FieldNotes field={field} fieldKey={props.fieldKey} />
    </fieldset>
  );
}

/** A labelled drop-down. */
export function SelectField<T extends string>(props: {
  fieldKey: string;
  label: string;
  hint?: ReactNode;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange(value: T): void;
}) {
  const field = useField(props.fieldKey, props.fieldKey, { hint: props.hint !== undefined });
  return (
    <div className="field">
      <label htmlFor={field.id}>{props.label}</label>
      <select {...field.control} className="input" value={props.value} onChange={(event) => props.onChange(event.target.value as T)}>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {props.hint !== undefined ? <Hint fieldKey={props.fieldKey}>{props.hint}</Hint> : null}
      <FieldNotes field={field} fieldKey={props.fieldKey} />
    </div>
  );
}

/** A section of the form with its heading. */
export function Section({ id, title, intro, children }: { id: string; title: string; intro?: string; children: ReactNode }) {
  return (
    <section className="options-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {intro ? <p className="section-intro">{intro}</p> : null}
      {children}
    </section>
  );
}
