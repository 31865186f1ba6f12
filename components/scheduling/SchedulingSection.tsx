// The scheduling part of the record panel: the rep's free times (with the person's local time
// beside them), upcoming meetings with this person, and booking, cancelling, rescheduling and
// "copy times". On a deal page the person is the deal's contact; on any page the rep can book
// with someone else found (or created) by email or phone. Everything from Zoho is text.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { StagecoachError } from '@/lib/errors';
import type { ConnectionStatus } from '@/lib/connection/types';
import type { RecordSummary } from '@/lib/records/types';
import type { RequestData } from '@/lib/requests';
import type { Interval, Meeting } from '@/lib/scheduling/types';
import type { OutboxItem } from '@/lib/sync/types';
import { Disclosure } from '../Disclosure';
import { ErrorNotice } from '../ErrorNotice';
import { t, uiLocale } from '../i18n';
import { request } from '../messenger';
import { FreeTimesSkeleton, LoadingStatus, MeetingsSkeleton } from '../Skeleton';
import { usePageSignal, type PanelPage } from '../sections/define';
import { queryKeys, settingsQuery } from '../queries';
import { BookDialog, CancelDialog, MoveDialog, type BookDraft } from './dialogs';
import { FreeTimes } from './FreeTimes';
import { PersonFinder } from './PersonFinder';
import { freeSlotsQuery, lastKnownSlotsQuery, upcomingMeetingsQuery, type Person } from './queries';
import { clockFor, formatRange, isKnownZone, type Clock } from './time';
import { UpcomingMeetings } from './UpcomingMeetings';
import './scheduling.css';

type Connected = Extract<ConnectionStatus, { state: 'connected' | 'reconnect_needed' }>;

export function SchedulingSection({ page, record, status }: { page: PanelPage; record: RecordSummary | undefined; status: ConnectionStatus | undefined }) {
  if (!status || status.state !== 'connected' || page.module === 'Accounts') return null;
  // Until the record is read, the section keeps its room (the person is not known yet).
  const current = record?.id === page.recordId ? record : undefined;
  if (current?.module === 'Accounts') return null;
  let own: Person | null | undefined;
  if (current?.module === 'Deals') {
    const contact = current.contact;
    own = contact ? { module: 'Contacts', id: contact.id, name: contact.name ?? t('sched_unnamed') } : null;
  } else if (current) {
    own = { module: current.module, id: current.id, name: current.name };
  }
  const deal = current?.module === 'Deals' ? { id: current.id, name: current.name } : null;
  return <PersonSection key={`${page.module}/${page.recordId}`} own={own} onDeal={page.module === 'Deals'} deal={deal} user={status.user} />;
}

/**
 * Whom the section books with: the record's person (a deal's contact), or someone the rep found
 * or created by email or phone. The job first: free times, then upcoming meetings, then the
 * finder (open on a deal page, folded elsewhere until asked for).
 */
function PersonSection({
  own,
  onDeal,
  deal,
  user,
}: {
  /** undefined while the record is read; null: a deal without a contact. */
  own: Person | null | undefined;
  onDeal: boolean;
  deal: { id: string; name: string } | null;
  user: Connected['user'];
}) {
  const settings = useQuery(settingsQuery());
  const configured = settings.data?.settings;
  // Booking with someone else is booking: shown when booking is on (or the settings cannot be read).
  const canFind = configured ? configured.features.booking : settings.isError;
  const [other, setOther] = useState<Person | null>(null);
  const person = other ?? own;
  const headingId = useId();
  const backToOwn = useCallback(() => setOther(null), []);

  return (
    <section className="sched" aria-labelledby={headingId} aria-busy={own === undefined} data-testid="scheduling">
      <h3 id={headingId} className="sched-heading">
        {t('sched_region')}
        {person && (deal || other) ? <span className="sched-with muted" data-testid="sched-person"> · {person.name}</span> : null}
      </h3>
      {own === null ? (
        <p className="muted" data-testid="sched-no-contact">
          {t(canFind ? 'sched_dealNoContactFind' : 'sched_dealNoContact')}
        </p>
      ) : null}
      {person ? <Scheduler key={`${person.module}/${person.id}`} person={person} deal={deal} user={user} /> : null}
      {own === undefined ? (
        <>
          <FreeTimesPending />
          <UpcomingFold name={null} count={undefined}>
            <MeetingsSkeleton />
          </UpcomingFold>
        </>
      ) : null}
      {canFind ? (
        <PersonFinder
          variant={onDeal ? 'open' : 'disclosure'}
          lookup={configured?.features.lookupBeforeBooking ?? true}
          createAs={configured?.createMissingAs ?? 'Leads'}
          ownName={own?.name ?? null}
          onChoose={setOther}
          onBack={backToOwn}
        />
      ) : null}
    </section>
  );
}

/** The free times' place while they are found: their heading, and a skeleton of their size. */
function FreeTimesPending() {
  return (
    <div className="sched-block" data-testid="sched-free-times-pending">
      <h4 className="sched-subheading">{t('sched_freeHeading')}</h4>
      <LoadingStatus text={t('sched_loadingSlots')} />
      <FreeTimesSkeleton />
    </div>
  );
}

/** "Upcoming meetings with …", folded or open as the rep last left it, on every record page. */
function UpcomingFold({ name, count, children }: { name: string | null; count: number | undefined; children: ReactNode }) {
  return (
    <Disclosure
      id="upcoming"
      initiallyOpen
      className="sched-fold"
      testId="sched-upcoming-fold"
      label={name === null ? t('sched_upcomingPending') : t('sched_upcomingHeading', name)}
      after={count !== undefined ? <span className="disclosure-count">({count})</span> : null}
    >
      {children}
    </Disclosure>
  );
}

/** What the rep is doing: booking a slot, cancelling a meeting, or moving one to a slot. */
type DialogState = { kind: 'book'; slot: Interval } | { kind: 'cancel'; meeting: Meeting } | { kind: 'move'; meeting: Meeting; slot: Interval } | null;

/** The outcome of the last write, shown above the lists. */
interface Outcome {
  kind: 'booked' | 'cancelled' | 'moved';
  title: string;
  when: string;
  item: OutboxItem;
}

export interface SchedulingView {
  person: Person;
  deal: { id: string; name: string } | null;
  clock: Clock;
  locale: string;
  /** The rep's zone (the one the slots were computed in); undefined: the browser's. */
  repZone: string | undefined;
  /** The person's zone, when known. */
  contactZone: string | null;
}

const ALL_ON = { slotCheck: true, booking: true, cancellation: true };

function Scheduler({ person, deal, user }: { person: Person; deal: { id: string; name: string } | null; user: Connected['user'] }) {
  const queryClient = useQueryClient();
  const locale = uiLocale();
  const clock = clockFor(locale, user.timeFormat);
  const settings = useQuery(settingsQuery());
  const configured = settings.data?.settings.features;
  // Until the settings are known, nothing is asked for; if they cannot be read, the background decides.
  const pageSignal = usePageSignal();
  const slots = useQuery({ ...freeSlotsQuery(person, pageSignal), enabled: configured ? configured.slotCheck : settings.isError });
  const meetings = useQuery(upcomingMeetingsQuery(person, pageSignal));
  // The times kept from the last visit show at once (FreeTimes); with none, a skeleton until Zoho answers.
  const lastKnown = useQuery(lastKnownSlotsQuery(person, pageSignal));
  const freeTimesPending = !slots.data && !slots.isError && !lastKnown.data && (slots.isPending || lastKnown.isPending);

  const slotsRefused = slots.error instanceof StagecoachError && slots.error.code === 'feature_disabled';
  const features = slots.data?.settings.features ?? configured ?? ALL_ON;
  const slotCheck = features.slotCheck && !slotsRefused;
  const repZone = [slots.data?.timeZone, user.timeZone].find(isKnownZone);
  const contactZone = slots.data?.contact?.timeZone ?? null;
  const view: SchedulingView = { person, deal, clock, locale, repZone, contactZone: isKnownZone(contactZone) ? contactZone : null };
  const template = slots.data?.settings.meetingTitleTemplate ?? settings.data?.settings.meetingTitleTemplate ?? 'Meeting with {contact}';
  const slotMinutes = slots.data?.settings.slotMinutes ?? settings.data?.settings.slotMinutes ?? 30;

  const [dialog, setDialog] = useState<DialogState>(null);
  const [moving, setMoving] = useState<Meeting | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [taken, setTaken] = useState<StagecoachError | null>(null);
  /** The booking form as the rep left it when the slot turned out taken: offered again. */
  const [draft, setDraft] = useState<BookDraft | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const takenRef = useRef<HTMLDivElement>(null);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.meetings(person.module, person.id) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.freeSlots(person.module, person.id) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.sync });
  };
  const when = (start: string, end: string) => formatRange(Date.parse(start), Date.parse(end), repZone, clock);

  const book = useMutation({ mutationFn: (input: RequestData<'bookMeeting'>) => request('bookMeeting', input) });
  const cancel = useMutation({ mutationFn: (input: RequestData<'cancelMeeting'>) => request('cancelMeeting', input) });
  const move = useMutation({ mutationFn: (input: RequestData<'rescheduleMeeting'>) => request('rescheduleMeeting', input) });

  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);
  useEffect(() => {
    if (taken) takenRef.current?.focus();
  }, [taken]);

  function pickSlot(slot: Interval) {
    setTaken(null);
    setOutcome(null);
    if (moving) {
      move.reset();
      setDialog({ kind: 'move', meeting: moving, slot });
    } else {
      book.reset();
      setDialog({ kind: 'book', slot });
    }
  }

  function submitBooking(slot: Interval, form: BookDraft) {
    const end = form.end;
    const input: RequestData<'bookMeeting'> = {
      module: person.module,
      recordId: person.id,
      ...(deal ? { dealId: deal.id } : {}),
      start: slot.start,
      end,
      title: form.title.trim(),
      ...(form.venue.trim() ? { venue: form.venue.trim() } : {}),
      ...(form.description.trim() ? { description: form.description } : {}),
      sendInvitation: form.sendInvitation,
      ...(form.note.trim() ? { note: form.note.trim() } : {}),
      ...(form.followUp && form.followUpSubject.trim() && form.followUpDue ? { followUp: { subject: form.followUpSubject.trim(), dueDate: form.followUpDue } } : {}),
    };
    book.mutate(input, {
      onSuccess: (item) => {
        setDraft(null);
        setDialog(null);
        setOutcome({ kind: 'booked', title: input.title, when: when(input.start, input.end), item });
        refresh();
      },
      onError: (error) => {
        if (error instanceof StagecoachError && error.code === 'slot_taken') {
          // Nothing was written: keep what the rep typed, show why, and show the times as they are now.
          setDraft(form);
          setDialog(null);
          setTaken(error);
          void queryClient.invalidateQueries({ queryKey: queryKeys.freeSlots(person.module, person.id) });
        }
      },
    });
  }

  function submitCancel(meeting: Meeting, note: string) {
    cancel.mutate(
      { module: person.module, recordId: person.id, eventId: meeting.id, title: meeting.title, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: (item) => {
          setDialog(null);
          if (moving?.id === meeting.id) setMoving(null);
          setOutcome({ kind: 'cancelled', title: meeting.title, when: when(meeting.start, meeting.end), item });
          refresh();
        },
      },
    );
  }

  function submitMove(meeting: Meeting, slot: Interval, end: string) {
    move.mutate(
      { module: person.module, recordId: person.id, eventId: meeting.id, title: meeting.title, start: slot.start, end },
      {
        onSuccess: (item) => {
          setDialog(null);
          setMoving(null);
          setOutcome({ kind: 'moved', title: meeting.title, when: when(slot.start, end), item });
          refresh();
        },
        onError: (error) => {
          if (error instanceof StagecoachError && error.code === 'slot_taken') {
            setDialog(null);
            setTaken(error);
            void queryClient.invalidateQueries({ queryKey: queryKeys.freeSlots(person.module, person.id) });
          }
        },
      },
    );
  }

  return (
    <>
      {outcome ? (
        <div ref={outcomeRef} tabIndex={-1} className="sched-outcome" data-testid="sched-outcome">
          <OutcomeNotice outcome={outcome} />
        </div>
      ) : null}

      {slotCheck && freeTimesPending ? <FreeTimesPending /> : null}
      {slotCheck && !freeTimesPending ? (
        <FreeTimes
          view={view}
          slots={slots}
          canBook={features.booking}
          moving={moving}
          onStopMoving={() => setMoving(null)}
          onPick={pickSlot}
          taken={
            taken ? (
              <div ref={takenRef} tabIndex={-1} data-testid="sched-taken">
                <ErrorNotice error={taken} />
              </div>
            ) : null
          }
        />
      ) : null}

      <UpcomingFold name={person.name} count={meetings.data?.length}>
        {meetings.isPending ? (
          <>
            <LoadingStatus text={t('sched_loadingMeetings')} />
            <MeetingsSkeleton />
          </>
        ) : (
          <UpcomingMeetings
            view={view}
            meetings={meetings}
            canCancel={features.cancellation}
            canMove={features.booking && slotCheck}
            moving={moving}
            onCancel={(meeting) => {
              cancel.reset();
              setOutcome(null);
              setDialog({ kind: 'cancel', meeting });
            }}
            onMove={(meeting) => {
              setOutcome(null);
              setTaken(null);
              setMoving(meeting);
            }}
          />
        )}
      </UpcomingFold>

      {dialog?.kind === 'book' ? (
        <BookDialog
          view={view}
          slot={dialog.slot}
          initial={draft}
          template={template}
          slotMinutes={slotMinutes}
          userName={user.name}
          pending={book.isPending}
          error={book.isError && !(book.error instanceof StagecoachError && book.error.code === 'slot_taken') ? book.error : null}
          onSubmit={(form) => submitBooking(dialog.slot, form)}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'cancel' ? (
        <CancelDialog
          view={view}
          meeting={dialog.meeting}
          pending={cancel.isPending}
          error={cancel.isError ? cancel.error : null}
          onSubmit={(note) => submitCancel(dialog.meeting, note)}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'move' ? (
        <MoveDialog
          view={view}
          meeting={dialog.meeting}
          slot={dialog.slot}
          pending={move.isPending}
          error={move.isError && !(move.error instanceof StagecoachError && move.error.code === 'slot_taken') ? move.error : null}
          onSubmit={(end) => submitMove(dialog.meeting, dialog.slot, end)}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </>
  );
}

function OutcomeNotice({ outcome }: { outcome: Outcome }) {
  const { item } = outcome;
  const headline =
    outcome.kind === 'booked'
      ? t('sched_booked', [outcome.title, outcome.when])
      : outcome.kind === 'cancelled'
        ? t('sched_cancelled', [outcome.title, outcome.when])
        : t('sched_moved', [outcome.title, outcome.when]);
  if (item.status === 'failed') {
    return (
      <>
        <p className="notice notice-warn" role="status">
          {headline}
        </p>
        <ErrorNotice error={item.lastError ?? new StagecoachError('internal')} />
      </>
    );
  }
  const done = item.status === 'done';
  return (
    <div className={done ? 'notice notice-ok' : 'notice notice-warn'} role="status">
      <p className="sched-outcome-title">{headline}</p>
      <p>{done ? t(outcome.kind === 'cancelled' ? 'sched_deletedInZoho' : 'sched_savedInZoho') : t('sched_queued')}</p>
    </div>
  );
}
