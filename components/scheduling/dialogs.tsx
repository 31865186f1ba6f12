// The three confirmations: book a slot, cancel a meeting, move a meeting to another slot.
import { useEffect, useId, useRef, useState } from 'react';
import { StagecoachError } from '@/lib/errors';
import type { Interval, Meeting } from '@/lib/scheduling/types';
import { ErrorNotice } from '../ErrorNotice';
import { TextAreaField, TextField } from '../fields/Field';
import { t } from '../i18n';
import { byPerson } from '../trusted';
import { Dialog } from './Dialog';
import type { SchedulingView } from './SchedulingSection';
import { addMinutes, dateKey, fillTitle, formatRange, minutesBetween, nextDate, zoneAbbreviation } from './time';

export interface BookDraft {
  title: string;
  minutes: number;
  /** The end instant the length gives, written with the slot's offset. */
  end: string;
  venue: string;
  description: string;
  sendInvitation: boolean;
  note: string;
  followUp: boolean;
  followUpSubject: string;
  /** yyyy-mm-dd */
  followUpDue: string;
}

const MIN_MINUTES = 5;
const MAX_MINUTES = 480;

/** The dialog's fields by the Zoho field a refusal names (`details.api_name`): the field to fix. */
const FIELD_OF_ZOHO: Record<string, { key: 'title' | 'minutes' | 'venue' | 'description'; id: string }> = {
  Event_Title: { key: 'title', id: 'name' },
  Venue: { key: 'venue', id: 'venue' },
  Description: { key: 'description', id: 'description' },
  Start_DateTime: { key: 'minutes', id: 'minutes' },
  End_DateTime: { key: 'minutes', id: 'minutes' },
};

/** Zoho refused the booking (its words, maybe a field): nothing was written, the rep can fix it here. */
export function refusalOf(error: unknown): StagecoachError | null {
  if (!error) return null;
  const failure = StagecoachError.from(error);
  return (failure.code === 'zoho_error' || failure.code === 'no_permission') && (failure.zoho || failure.issues?.length) ? failure : null;
}

/** When the meeting is, for the rep and (when known) for the person. */
function When({ view, start, end }: { view: SchedulingView; start: string; end: string }) {
  const from = Date.parse(start);
  const to = Date.parse(end);
  const zone = view.contactZone;
  return (
    <div className="sched-dialog-when">
      <p>
        <strong>{formatRange(from, to, view.repZone, view.clock)}</strong>{' '}
        <span className="muted">{t('sched_yourTimeShort', zoneAbbreviation(from, view.repZone, view.locale))}</span>
      </p>
      {zone ? (
        <p data-testid="dialog-contact-time">
          {formatRange(from, to, zone, view.clock)} <span className="muted">{t('sched_theirTimeShort', [view.person.name, zoneAbbreviation(from, zone, view.locale)])}</span>
        </p>
      ) : null}
    </div>
  );
}

export function BookDialog({
  view,
  slot,
  initial,
  template,
  slotMinutes,
  userName,
  pending,
  error,
  onSubmit,
  onClose,
}: {
  view: SchedulingView;
  slot: Interval;
  initial: BookDraft | null;
  template: string;
  slotMinutes: number;
  userName: string;
  pending: boolean;
  error: unknown;
  onSubmit: (draft: BookDraft) => void;
  onClose: () => void;
}) {
  const ids = useId();
  const id = (name: string) => `${ids}-${name}`;
  const slotLength = minutesBetween(slot.start, slot.end) || slotMinutes;
  const [form, setForm] = useState(() => {
    const title =
      fillTitle(template, { contact: view.person.name, user: userName, deal: view.deal?.name, company: null }) || t('sched_defaultTitle', view.person.name);
    const fresh: Omit<BookDraft, 'end'> = {
      title,
      minutes: slotLength,
      venue: '',
      description: '',
      sendInvitation: true,
      note: '',
      followUp: false,
      followUpSubject: t('sched_followUpDefault', view.person.name),
      followUpDue: nextDate(dateKey(Date.parse(slot.start), view.repZone)),
    };
    // After a slot turned out taken, what the rep typed comes back; the length follows the new slot.
    return initial ? { ...initial, minutes: slotLength, followUpDue: fresh.followUpDue } : fresh;
  });
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => setForm((current) => ({ ...current, [key]: value }));
  const refusal = refusalOf(error);
  const refusedField = refusal ? (FIELD_OF_ZOHO[refusal.issues?.[0]?.path ?? ''] ?? null) : null;
  /** The value Zoho refused: the field stays marked until the rep changes it. */
  const [refusedValue, setRefusedValue] = useState<{ error: unknown; value: unknown } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!refusal) return;
    // Focus goes where the fix is: the field Zoho named, else the "Not booked" heading.
    if (refusedField) setRefusedValue({ error, value: form[refusedField.key] });
    const root = formRef.current?.getRootNode() as Document | ShadowRoot | undefined;
    const target = refusedField ? root?.getElementById(id(refusedField.id)) : headingRef.current;
    target?.focus();
    // Only when a new answer arrives: the rep's typing must not move the focus.
  }, [error]);
  /** A field's marks while Zoho's refusal of its value stands (aria-invalid and the note under it). */
  const refusable = (key: (typeof FIELD_OF_ZOHO)[string]['key']) => ({
    issues: refusedField?.key === key && refusedValue?.error === error && form[key] === refusedValue?.value ? [t('sched_fieldRefused')] : undefined,
    issueClassName: 'sched-hint sched-field-refused',
  });
  const minutesValid = Number.isInteger(form.minutes) && form.minutes >= MIN_MINUTES && form.minutes <= MAX_MINUTES;
  const end = minutesValid ? (form.minutes === slotLength ? slot.end : addMinutes(slot.start, form.minutes)) : slot.end;

  return (
    <Dialog titleId={id('title')} onClose={onClose} testId="sched-book-dialog">
      <form
        ref={formRef}
        className="sched-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!byPerson(event) || !form.title.trim() || !minutesValid || pending) return;
          onSubmit({ ...form, end });
        }}
      >
        <h2 id={id('title')} ref={headingRef} tabIndex={-1} className="sched-dialog-title" data-testid="sched-book-heading">
          {refusal ? t('sched_notBooked') : t('sched_bookTitle', view.person.name)}
        </h2>
        {refusal ? (
          <div data-testid="sched-refused">
            <p className="muted">{t('sched_bookTitle', view.person.name)}</p>
            <ErrorNotice error={refusal} />
            <p>{t(refusedField ? 'sched_notBookedBody' : 'sched_notBookedAny')}</p>
          </div>
        ) : null}
        <When view={view} start={slot.start} end={end} />
        {view.deal ? <p className="muted sched-dialog-deal">{t('sched_forDeal', view.deal.name)}</p> : null}

        <TextField id={id('name')} label={t('sched_fieldTitle')} {...refusable('title')} type="text" required maxLength={255} value={form.title} onChange={(event) => set('title', event.target.value)} />

        <TextField
          id={id('minutes')}
          label={t('sched_fieldMinutes')}
          hint={form.minutes > slotLength ? t('sched_longerThanSlot') : undefined}
          hintClassName="sched-hint muted"
          {...refusable('minutes')}
          type="number"
          inputMode="numeric"
          required
          min={MIN_MINUTES}
          max={MAX_MINUTES}
          step={5}
          value={Number.isNaN(form.minutes) ? '' : form.minutes}
          onChange={(event) => set('minutes', event.target.valueAsNumber)}
        />

        <TextField id={id('venue')} label={t('sched_fieldVenue')} {...refusable('venue')} type="text" maxLength={255} value={form.venue} onChange={(event) => set('venue', event.target.value)} />

        <TextAreaField
          id={id('description')}
          label={t('sched_fieldDescription')}
          {...refusable('description')}
          rows={2}
          maxLength={32000}
          value={form.description}
          onChange={(event) => set('description', event.target.value)}
        />

        <label className="sched-check">
          <input type="checkbox" checked={form.sendInvitation} onChange={(event) => set('sendInvitation', event.target.checked)} />
          {t('sched_fieldInvite', view.person.name)}
        </label>

        <TextAreaField id={id('note')} label={t('sched_fieldNote')} rows={2} maxLength={32000} value={form.note} onChange={(event) => set('note', event.target.value)} />

        <label className="sched-check">
          <input type="checkbox" checked={form.followUp} aria-controls={id('followup')} onChange={(event) => set('followUp', event.target.checked)} />
          {t('sched_fieldFollowUp')}
        </label>
        {form.followUp ? (
          <fieldset id={id('followup')} className="sched-followup">
            <legend className="visually-hidden">{t('sched_fieldFollowUp')}</legend>
            <TextField
              id={id('subject')}
              label={t('sched_fieldFollowUpSubject')}
              type="text"
              required
              maxLength={255}
              value={form.followUpSubject}
              onChange={(event) => set('followUpSubject', event.target.value)}
            />
            <TextField id={id('due')} label={t('sched_fieldFollowUpDue')} type="date" required value={form.followUpDue} onChange={(event) => set('followUpDue', event.target.value)} />
          </fieldset>
        ) : null}

        {error && !refusal ? <ErrorNotice error={error} /> : null}
        <div className="sched-form-actions">
          <button type="submit" className="button button-primary" disabled={pending}>
            {pending ? t('sched_booking') : refusal ? t('sched_tryAgain') : t('sched_confirmBook')}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('sched_close')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function CancelDialog({
  view,
  meeting,
  pending,
  error,
  onSubmit,
  onClose,
}: {
  view: SchedulingView;
  meeting: Meeting;
  pending: boolean;
  error: unknown;
  onSubmit: (note: string) => void;
  onClose: () => void;
}) {
  const ids = useId();
  const [note, setNote] = useState('');
  return (
    <Dialog titleId={`${ids}-title`} onClose={onClose} testId="sched-cancel-dialog">
      <form
        className="sched-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!pending) onSubmit(note);
        }}
      >
        <h2 id={`${ids}-title`} className="sched-dialog-title">
          {t('sched_cancelTitle')}
        </h2>
        <p className="sched-meeting-title">{meeting.title || t('sched_untitled')}</p>
        <When view={view} start={meeting.start} end={meeting.end} />
        <p className="muted">{t('sched_cancelBody')}</p>
        <TextAreaField id={`${ids}-note`} label={t('sched_fieldNote')} rows={2} maxLength={32000} value={note} onChange={(event) => setNote(event.target.value)} />
        {error ? <ErrorNotice error={error} /> : null}
        <div className="sched-form-actions">
          <button type="submit" className="button button-danger" disabled={pending}>
            {pending ? t('sched_cancelling') : t('sched_confirmCancel')}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('sched_keep')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function MoveDialog({
  view,
  meeting,
  slot,
  pending,
  error,
  onSubmit,
  onClose,
}: {
  view: SchedulingView;
  meeting: Meeting;
  slot: Interval;
  pending: boolean;
  error: unknown;
  onSubmit: (end: string) => void;
  onClose: () => void;
}) {
  const ids = useId();
  // The meeting keeps its length.
  const end = addMinutes(slot.start, Math.max(minutesBetween(meeting.start, meeting.end), MIN_MINUTES));
  return (
    <Dialog titleId={`${ids}-title`} onClose={onClose} testId="sched-move-dialog">
      <form
        className="sched-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!pending) onSubmit(end);
        }}
      >
        <h2 id={`${ids}-title`} className="sched-dialog-title">
          {t('sched_moveTitle')}
        </h2>
        <p className="sched-meeting-title">{meeting.title || t('sched_untitled')}</p>
        <p className="muted sched-from">{t('sched_moveFrom', formatRange(Date.parse(meeting.start), Date.parse(meeting.end), view.repZone, view.clock))}</p>
        <p className="sched-to-label">{t('sched_moveTo')}</p>
        <When view={view} start={slot.start} end={end} />
        {error ? <ErrorNotice error={error} /> : null}
        <div className="sched-form-actions">
          <button type="submit" className="button button-primary" disabled={pending}>
            {pending ? t('sched_movingProgress') : t('sched_confirmMove')}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('sched_keepTime')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
