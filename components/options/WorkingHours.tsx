// Working periods per weekday: each a start and an end time, added and removed per day. A
// day's fields are named with the weekday, so each is clear on its own to a screen reader.
import { useEffect, useState, type ReactNode } from 'react';
import { MAX_PERIODS_PER_DAY, WEEKDAYS, type Weekday } from '@/lib/settings/schema';
import { t } from '../i18n';
import { newPeriod, type DraftPeriod } from './draft';
import { dayKey, fieldId, issueId, lockedNoteId, periodKey, weekdayName } from './fields';
import { controlProps, FieldNotes, settingLabel, useField } from './form';
import { TextField } from '../fields/Field';
import type { SectionProps } from './SettingsForm';

export function WorkingHours({ draft, set }: SectionProps) {
  // After adding or removing a period, focus goes to the new period or to the day's add button.
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  useEffect(() => {
    if (focusTarget) document.getElementById(focusTarget)?.focus();
  }, [focusTarget]);

  const setDay = (day: Weekday, periods: DraftPeriod[]) => set({ workingHours: { ...draft.workingHours, [day]: periods } });
  return (
    <Group id="working-hours" label={t('options_workingHours')} hint={t('options_workingHoursHint')}>
      {WEEKDAYS.map((day) => (
        <Day
          key={day}
          day={day}
          periods={draft.workingHours[day]}
          onChange={(periods) => setDay(day, periods)}
          onFocus={(key) => setFocusTarget(key)}
        />
      ))}
    </Group>
  );
}

/** A labelled, described group of fields; `id` is its class and the prefix of its label's and hint's ids. */
function Group({ id, label, hint, children }: { id: string; label: string; hint: string; children: ReactNode }) {
  return (
    <div className={id} role="group" aria-labelledby={`${id}-label`} aria-describedby={`${id}-hint`} data-testid={id}>
      <p className="field-label" id={`${id}-label`}>
        {label}
      </p>
      <p className="field-hint" id={`${id}-hint`}>
        {hint}
      </p>
      {children}
    </div>
  );
}

function Day(props: { day: Weekday; periods: DraftPeriod[]; onChange(periods: DraftPeriod[]): void; onFocus(id: string): void }) {
  const { day, periods } = props;
  const key = dayKey(day);
  const field = useField(key);
  const labelId = `${field.id}-label`;
  const addId = `${field.id}-add`;
  const full = periods.length >= MAX_PERIODS_PER_DAY;

  const add = () => {
    const last = periods[periods.length - 1];
    // A new period starts where the last one ended, for an hour (or 09:00–17:00 on an empty day).
    const period = last ? nextPeriod(last.end) : newPeriod();
    props.onChange([...periods, period]);
    props.onFocus(fieldId(`${periodKey(day, period.id)}.start`));
  };
  const remove = (id: number) => {
    props.onChange(periods.filter((p) => p.id !== id));
    props.onFocus(addId);
  };
  const update = (id: number, change: Partial<DraftPeriod>) => props.onChange(periods.map((p) => (p.id === id ? { ...p, ...change } : p)));

  return (
    <div
      className={field.issues.length > 0 ? 'day day-invalid' : 'day'}
      role="group"
      id={field.id}
      tabIndex={-1}
      aria-labelledby={labelId}
      aria-describedby={controlProps(field)['aria-describedby']}
      data-testid={`day-${day}`}
    >
      <p className="day-name" id={labelId}>
        {weekdayName(day)}
      </p>
      <div className="day-periods">
        {periods.length === 0 ? <p className="muted day-off">{t('options_dayOff')}</p> : null}
        {periods.map((period, index) => (
          <Period
            key={period.id}
            day={day}
            period={period}
            n={index + 1}
            onChange={(change) => update(period.id, change)}
            onRemove={() => remove(period.id)}
          />
        ))}
        <FieldNotes id={field.id} locked={field.locked} issues={field.issues} />
      </div>
      <div className="day-add">
        <button type="button" className="button button-secondary" id={addId} onClick={add} disabled={field.locked || full}>
          {t('options_addPeriod')}
          <span className="visually-hidden"> {t('options_addPeriodDay', weekdayName(day))}</span>
        </button>
      </div>
    </div>
  );
}

function Period(props: { day: Weekday; period: DraftPeriod; n: number; onChange(change: Partial<DraftPeriod>): void; onRemove(): void }) {
  const { day, period } = props;
  const key = periodKey(day, period.id);
  const path = dayKey(day);
  const row = useField(key, path);
  const start = useField(`${key}.start`, path);
  const end = useField(`${key}.end`, path);
  const n = String(props.n);
  // An overlap is about the whole period: both times point to its message; a lock is the day's.
  const control = (field: ReturnType<typeof useField>, fieldKey: string) => {
    const describedBy = [
      field.issues.length > 0 ? issueId(fieldKey) : null,
      row.issues.length > 0 ? issueId(key) : null,
      field.locked ? lockedNoteId(path) : null,
    ].filter((id) => id !== null);
    return {
      id: field.id,
      disabled: field.locked,
      'aria-invalid': field.issues.length > 0 || row.issues.length > 0 ? (true as const) : undefined,
      'aria-describedby': describedBy.length > 0 ? describedBy.join(' ') : undefined,
    };
  };
  const invalid = row.issues.length > 0 || start.issues.length > 0 || end.issues.length > 0;
  return (
    <div className={invalid ? 'period period-invalid' : 'period'} data-testid={`period-${day}-${props.n}`}>
      <div className="period-times">
        <label className="visually-hidden" htmlFor={start.id}>
          {t('options_periodStart', [weekdayName(day), n])}
        </label>
        <input {...control(start, `${key}.start`)} className="input input-time" type="time" value={period.start} onChange={(e) => props.onChange({ start: e.target.value })} />
        <span aria-hidden="true" className="period-dash">
          –
        </span>
        <label className="visually-hidden" htmlFor={end.id}>
          {t('options_periodEnd', [weekdayName(day), n])}
        </label>
        <input {...control(end, `${key}.end`)} className="input input-time" type="time" value={period.end} onChange={(e) => props.onChange({ end: e.target.value })} />
        <button type="button" className="button button-link" onClick={props.onRemove} disabled={start.locked}>
          {t('options_removePeriod')}
          <span className="visually-hidden"> {t('options_period', [weekdayName(day), n])}</span>
        </button>
      </div>
      {/* The row's own problems (an overlap) carry the row's ids; the lock note is the day's. */}
      <FieldNotes id={row.id} issues={row.issues} />
      <FieldNotes id={start.id} issues={start.issues} />
      <FieldNotes id={end.id} issues={end.issues} />
    </div>
  );
}

/** The period after one ending at `end`: an hour long, within the day. */
function nextPeriod(end: string): DraftPeriod {
  const [h, m] = end.split(':').map(Number);
  if (h === undefined || m === undefined || Number.isNaN(h) || Number.isNaN(m) || end === '00:00' || h >= 23) return newPeriod();
  const pad = (n: number) => String(n).padStart(2, '0');
  return newPeriod(end, `${pad(h + 1)}:${pad(m)}`);
}

/**
 * The contact's working day (D1): one start and end in the contact's own zone, Monday to Friday.
 * The panel puts the free times inside both days first; see lib/scheduling/contactDay.ts.
 */
export function ContactHours({ draft, set }: SectionProps) {
  const start = useField('contactHours.start');
  const end = useField('contactHours.end');
  const change = (part: 'start' | 'end', value: string) => set({ contactHours: { ...draft.contactHours, [part]: value } });
  return (
    <Group id="contact-hours" label={t('options_contactHours')} hint={t('options_contactHoursHint')}>
      <div className="field-row">
        {(['start', 'end'] as const).map((part) => (
          <TextField
            key={part}
            {...(part === 'start' ? start : end)}
            label={settingLabel(`contactHours.${part}`)}
            wrapper="field"
            className="input input-time"
            type="time"
            value={draft.contactHours[part]}
            onChange={(event) => change(part, event.target.value)}
          />
        ))}
      </div>
    </Group>
  );
}
