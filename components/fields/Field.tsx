// The form field kit of the options page and the panel's forms: a labelled control with its
// hint, its problems and its lock note, tied to it by ids (aria-describedby) and marked
// aria-invalid while it has a problem. Layout stays the caller's: `wrapper` names the box's
// class, and without one the pieces go straight into the parent's grid.
import type { ComponentProps, ReactNode } from 'react';
import { t } from '../i18n';

export const hintId = (id: string) => `${id}-hint`;
export const issueId = (id: string) => `${id}-issue`;
export const lockedNoteId = (id: string) => `${id}-locked`;

export interface FieldState {
  /** The control's id; the hint, problem and lock note ids derive from it. */
  id: string;
  hint?: ReactNode;
  /** What is wrong with the value, in plain words ([] or none: nothing). */
  issues?: readonly string[];
  /** Set by policy: the control is disabled and a note says why. */
  locked?: boolean;
  /** Ids of text shown elsewhere that also describes the control (one problem under a row of fields). */
  describedBy?: string;
  /** Invalid without a problem of its own here (the problem is the `describedBy` text). */
  invalid?: boolean;
}

/** Class names of the notes, for a form styled apart from the options page (the panel's). */
export interface NoteClasses {
  hintClassName?: string;
  issueClassName?: string;
}

/** What a field's control carries: its id, disabled when locked, invalid and described when it has problems. */
export function controlProps(field: FieldState) {
  const issues = field.issues ?? [];
  const describedBy = [
    issues.length > 0 ? issueId(field.id) : null,
    field.locked ? lockedNoteId(field.id) : null,
    field.hint !== undefined ? hintId(field.id) : null,
    field.describedBy ?? null,
  ].filter((id) => id !== null);
  return {
    id: field.id,
    disabled: field.locked ?? false,
    'aria-invalid': issues.length > 0 || field.invalid ? (true as const) : undefined,
    'aria-describedby': describedBy.length > 0 ? describedBy.join(' ') : undefined,
  };
}

export function Hint({ id, className = 'field-hint', children }: { id: string; className?: string; children: ReactNode }) {
  return (
    <p className={className} id={hintId(id)}>
      {children}
    </p>
  );
}

/** The lock note and the problems under a field (`id`: the field's control id). */
export function FieldNotes({ id, locked, issues = [], issueClassName = 'field-issue' }: { id: string; locked?: boolean; issues?: readonly string[]; issueClassName?: string }) {
  return (
    <>
      {locked ? (
        <p className="field-locked" id={lockedNoteId(id)}>
          <LockIcon />
          {t('options_locked')}
        </p>
      ) : null}
      {issues.length > 0 ? (
        <p className={issueClassName} id={issueId(id)}>
          {issues.join(' ')}
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

/** The hint and notes after a control. */
function After({ field, classes }: { field: FieldState; classes: NoteClasses }) {
  return (
    <>
      {field.hint !== undefined ? (
        <Hint id={field.id} className={classes.hintClassName}>
          {field.hint}
        </Hint>
      ) : null}
      <FieldNotes id={field.id} locked={field.locked} issues={field.issues} issueClassName={classes.issueClassName} />
    </>
  );
}

function Box({ wrapper, children }: { wrapper: string | undefined; children: ReactNode }) {
  return wrapper === undefined ? <>{children}</> : <div className={wrapper}>{children}</div>;
}

type Own = FieldState & NoteClasses & { label: ReactNode; wrapper?: string };
type Native<E extends 'input' | 'textarea' | 'select'> = Omit<ComponentProps<E>, 'id' | 'disabled' | 'aria-invalid' | 'aria-describedby'>;

function split<P extends Own>(props: P) {
  const { id, hint, issues, locked, describedBy, invalid, hintClassName, issueClassName, label, wrapper, ...native } = props;
  return {
    field: { id, hint, issues, locked, describedBy, invalid },
    classes: { hintClassName, issueClassName },
    label,
    wrapper,
    native,
  };
}

/** A labelled single-line input; every other prop goes to the `<input>`. */
export function TextField(props: Own & Native<'input'>) {
  const { field, classes, label, wrapper, native } = split(props);
  return (
    <Box wrapper={wrapper}>
      <label htmlFor={field.id}>{label}</label>
      <input {...native} {...controlProps(field)} />
      <After field={field} classes={classes} />
    </Box>
  );
}

/** A labelled multi-line input; every other prop goes to the `<textarea>`. */
export function TextAreaField(props: Own & Native<'textarea'>) {
  const { field, classes, label, wrapper, native } = split(props);
  return (
    <Box wrapper={wrapper}>
      <label htmlFor={field.id}>{label}</label>
      <textarea {...native} {...controlProps(field)} />
      <After field={field} classes={classes} />
    </Box>
  );
}

export interface Choice<T extends string> {
  value: T;
  label: string;
}

/** A labelled drop-down of `choices`; every other prop goes to the `<select>`. */
export function SelectField<T extends string>(props: Own & Omit<Native<'select'>, 'value' | 'onChange'> & { value: T; choices: readonly Choice<T>[]; onChange(value: T): void }) {
  const { choices, onChange, ...rest } = props;
  const { field, classes, label, wrapper, native } = split(rest);
  return (
    <Box wrapper={wrapper}>
      <label htmlFor={field.id}>{label}</label>
      <select {...native} {...controlProps(field)} onChange={(event) => onChange(event.target.value as T)}>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
      <After field={field} classes={classes} />
    </Box>
  );
}

/** A switch with its label, hint and notes beside it. */
export function CheckboxField(props: Own & Omit<Native<'input'>, 'type'>) {
  const { field, classes, label, wrapper = 'field field-check', native } = split(props);
  return (
    <div className={wrapper}>
      <input {...native} {...controlProps(field)} type="checkbox" />
      <div>
        <label htmlFor={field.id}>{label}</label>
        <After field={field} classes={classes} />
      </div>
    </div>
  );
}

/** Radio buttons under a legend; the first carries the field's id, the group its description. */
export function RadioGroupField<T extends string>(props: FieldState & NoteClasses & { legend: ReactNode; wrapper?: string; value: T; choices: readonly Choice<T>[]; onChange(value: T): void }) {
  const { field, classes } = split({ ...props, label: props.legend });
  // A fieldset is not a control: it carries the description, each radio the lock.
  const control = controlProps(field);
  return (
    <fieldset className={props.wrapper ?? 'field field-radios'} aria-describedby={control['aria-describedby']}>
      <legend>{props.legend}</legend>
      {props.choices.map((choice, index) => {
        const id = index === 0 ? field.id : `${field.id}-${choice.value}`;
        return (
          <div className="radio" key={choice.value}>
            <input type="radio" id={id} name={field.id} value={choice.value} checked={props.value === choice.value} disabled={control.disabled} onChange={() => props.onChange(choice.value)} />
            <label htmlFor={id}>{choice.label}</label>
          </div>
        );
      })}
      <After field={field} classes={classes} />
    </fieldset>
  );
}
