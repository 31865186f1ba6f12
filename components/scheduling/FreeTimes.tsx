// The rep's free times, by day in the rep's zone, each with the person's local time beside it;
// the person's zone (shown, set, cleared); "Show more days"; and "Copy times". Until Zoho answers,
// the times last known in this browser are shown, marked as updating; a time among them that Zoho
// no longer has free goes with a note, never silently.
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { FreeSlotsView, Interval, Meeting } from '@/lib/scheduling/types';
import { ErrorNotice } from '../ErrorNotice';
import { isSharedTrouble } from '../trouble';
import { t } from '../i18n';
import { request } from '../messenger';
import { queryKeys } from '../queries';
import { usePageSignal } from '../sections/define';
import { lastKnownSlotsQuery } from './queries';
import type { SchedulingView } from './SchedulingSection';
import {
  allTimeZones,
  clockChanges,
  dateKey,
  formatDay,
  formatForEmail,
  formatRange,
  formatTime,
  formatWeekday,
  groupByDay,
  isKnownZone,
  proposeSlots,
  zoneAbbreviation,
  zoneCity,
  type ClockChange,
} from './time';

const DAYS_AT_FIRST = 3;
const MORE_DAYS = 3;

export function FreeTimes({
  view: given,
  slots,
  canBook,
  moving,
  onStopMoving,
  onPick,
  taken,
}: {
  view: SchedulingView;
  slots: UseQueryResult<FreeSlotsView>;
  canBook: boolean;
  moving: Meeting | null;
  onStopMoving: () => void;
  onPick: (slot: Interval) => void;
  taken: ReactNode;
}) {
  const headingId = useId();
  const [shownDays, setShownDays] = useState(DAYS_AT_FIRST);
  const firstNewDay = useRef<string | null>(null);
  const dayHeadings = useRef(new Map<string, HTMLElement>());
  const movingRef = useRef<HTMLDivElement>(null);
  const lastKnown = useQuery(lastKnownSlotsQuery(given.person, usePageSignal()));
  // Zoho's answer replaces the kept one; a refusal shows without old times, while Zoho not answering keeps them (the panel's banner says why).
  const cached = !slots.data && (!slots.isError || isSharedTrouble(slots.error)) ? (lastKnown.data ?? null) : null;
  const data = slots.data ?? cached?.value;
  const view: SchedulingView = cached
    ? {
        ...given,
        repZone: [cached.value.timeZone, given.repZone].find(isKnownZone),
        contactZone: isKnownZone(cached.value.contact?.timeZone) ? cached.value.contact.timeZone : null,
      }
    : given;
  const days = useMemo(() => (data ? groupByDay(data.slots, view.repZone) : []), [data, view.repZone]);
  const visible = days.slice(0, shownDays);
  const changes = useMemo(() => clockChanges(visible, view.repZone, view.contactZone ? [view.contactZone] : []), [visible, view.repZone, view.contactZone]);
  /** The kept times the rep has on screen, compared with Zoho's answer when it comes. */
  const shownFromCache = useRef<string[]>([]);
  const [vanished, setVanished] = useState(0);
  useEffect(() => {
    if (cached) shownFromCache.current = visible.flatMap((day) => day.slots.map((slot) => slot.start));
  });
  const fresh = slots.data;
  useEffect(() => {
    if (!fresh || shownFromCache.current.length === 0) return;
    const now = Date.now();
    const still = new Set(fresh.slots.map((slot) => slot.start));
    // A time that has begun meanwhile is not "no longer free": it is simply past.
    setVanished(shownFromCache.current.filter((start) => !still.has(start) && Date.parse(start) > now).length);
    shownFromCache.current = [];
  }, [fresh]);

  useEffect(() => {
    // After "Show more days", the keyboard continues at the first new day.
    const key = firstNewDay.current;
    if (!key) return;
    firstNewDay.current = null;
    dayHeadings.current.get(key)?.focus();
  }, [shownDays]);
  useEffect(() => {
    if (moving) movingRef.current?.focus();
  }, [moving]);

  return (
    <div className="sched-block" data-testid="sched-free-times">
      <h4 id={headingId} className="sched-subheading">
        {t('sched_freeHeading')}
      </h4>
      {data ? <ZoneLine view={view} data={data} /> : null}
      {taken}
      {moving ? (
        <div ref={movingRef} tabIndex={-1} className="notice sched-moving" data-testid="sched-moving">
          <p>{t('sched_movingPrompt', [moving.title || t('sched_untitled'), formatRange(Date.parse(moving.start), Date.parse(moving.end), view.repZone, view.clock)])}</p>
          <button type="button" className="button button-secondary" onClick={onStopMoving}>
            {t('sched_stopMoving')}
          </button>
        </div>
      ) : null}
      {slots.isPending && slots.fetchStatus !== 'idle' && !cached ? <p className="muted">{t('sched_loadingSlots')}</p> : null}
      {cached ? (
        <p className="muted sched-legend sched-updating" role="status" data-testid="sched-updating">
          {t('sched_updating', dateKey(cached.savedAt, view.repZone) === dateKey(Date.now(), view.repZone) ? formatTime(cached.savedAt, view.repZone, view.clock) : `${formatDay(cached.savedAt, view.repZone, view.locale)} ${formatTime(cached.savedAt, view.repZone, view.clock)}`)}
        </p>
      ) : null}
      {vanished > 0 ? (
        <p className="notice" role="status" data-testid="sched-vanished">
          {vanished === 1 ? t('sched_vanishedOne') : t('sched_vanishedMany', String(vanished))}
        </p>
      ) : null}
      {slots.isError ? <ErrorNotice error={slots.error} onRetry={() => void slots.refetch()} /> : null}
      {data?.outOfOfficeUnread ? (
        <p className="notice" role="status" data-testid="sched-ooo-unread">
          {t('sched_outOfOfficeUnread')}
        </p>
      ) : null}
      {data && data.calendar.holidays.length > 0 ? (
        <p className="muted sched-legend" data-testid="sched-holidays">
          {t('sched_holidays', data.calendar.holidays.map((holiday) => `${holiday.name} (${formatDay(Date.parse(`${holiday.date}T12:00:00Z`), 'UTC', view.locale)})`).join(', '))}
        </p>
      ) : null}
      {data && data.slots.length === 0 ? (
        <p className="muted" data-testid="sched-no-slots">
          {t('sched_noSlots', String(Math.round((Date.parse(data.windowEnd) - Date.parse(data.windowStart)) / 86_400_000)))}
        </p>
      ) : null}
      {data && data.slots.length > 0 ? (
        <>
          {view.contactZone ? (
            <p className="sched-legend muted">
              {t('sched_legend', [
                zoneAbbreviation(Date.parse(data.slots[0]!.start), view.repZone, view.locale),
                view.person.name,
                zoneAbbreviation(Date.parse(data.slots[0]!.start), view.contactZone, view.locale),
              ])}
            </p>
          ) : null}
          <div className={slots.isFetching || cached ? 'sched-days sched-refreshing' : 'sched-days'} aria-busy={slots.isFetching || cached !== null} data-source={cached ? 'last-known' : 'zoho'}>
            {visible.map((day) => {
              const first = Date.parse(day.slots[0]!.start);
              const changed = changes.get(day.key);
              return (
                <section key={day.key} className="sched-day" aria-labelledby={`${headingId}-${day.key}`} data-testid="sched-day" data-day={day.key}>
                  <h5
                    id={`${headingId}-${day.key}`}
                    className="sched-day-heading"
                    tabIndex={-1}
                    ref={(element) => {
                      if (element) dayHeadings.current.set(day.key, element);
                      else dayHeadings.current.delete(day.key);
                    }}
                  >
                    {formatDay(first, view.repZone, view.locale)}
                    {changed ? (
                      <span className="sched-dst" data-testid="sched-dst" title={describeChanges(changed, view.locale)}>
                        <span aria-hidden="true">⟳ </span>
                        {t('sched_clockChange')}
                        <span className="visually-hidden">. {describeChanges(changed, view.locale)}</span>
                      </span>
                    ) : null}
                  </h5>
                  <ul className="sched-slots" role="list">
                    {day.slots.map((slot) => (
                      <li key={slot.start}>
                        <Slot view={view} slot={slot} dayKey={day.key} canBook={canBook} moving={moving !== null} onPick={onPick} />
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })}
          </div>
          <div className="sched-actions">
            {days.length > shownDays ? (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  firstNewDay.current = days[shownDays]?.key ?? null;
                  setShownDays(shownDays + MORE_DAYS);
                }}
              >
                {t('sched_showMore')}
              </button>
            ) : null}
            <CopyTimes view={view} slots={data.slots} />
          </div>
        </>
      ) : null}
    </div>
  );
}

/** "Clocks change: Los Angeles on Sun, Nov 1." */
function describeChanges(changes: readonly ClockChange[], locale: string): string {
  return t('sched_clockChangeIn', changes.map((change) => t('sched_clockChangeAt', [zoneCity(change.zone), formatDay(change.epochMs, change.zone, locale)])).join('; '));
}

function Slot({ view, slot, dayKey, canBook, moving, onPick }: { view: SchedulingView; slot: Interval; dayKey: string; canBook: boolean; moving: boolean; onPick: (slot: Interval) => void }) {
  const start = Date.parse(slot.start);
  const repTime = formatTime(start, view.repZone, view.clock);
  const zone = view.contactZone;
  const theirTime = zone ? formatTime(start, zone, view.clock) : null;
  // Their date differs from the rep's (Kolkata morning is the evening before in Los Angeles).
  const theirDay = zone && dateKey(start, zone) !== dayKey ? formatWeekday(start, zone, view.locale) : null;
  const spoken = [
    t('sched_slotYours', [formatDay(start, view.repZone, view.locale), repTime]),
    ...(zone && theirTime
      ? [t('sched_slotTheirs', [theirDay ? `${theirDay} ${theirTime}` : theirTime, view.person.name, zoneAbbreviation(start, zone, view.locale)])]
      : []),
  ].join(', ');
  const content = (
    <>
      <span className="slot-rep" data-testid="slot-rep-time">
        {repTime}
      </span>
      {theirTime ? (
        <span className="slot-theirs" data-testid="slot-contact-time">
          {theirTime}
          {theirDay ? <span className="slot-their-day"> {theirDay}</span> : null}
        </span>
      ) : null}
    </>
  );
  if (!canBook && !moving) {
    return (
      <span className="slot slot-static" data-testid="sched-slot" data-start={slot.start} data-end={slot.end}>
        <span aria-hidden="true" className="slot-face">
          {content}
        </span>
        <span className="visually-hidden">{spoken}</span>
      </span>
    );
  }
  return (
    <button
      type="button"
      className="slot"
      data-testid="sched-slot"
      data-start={slot.start}
      data-end={slot.end}
      aria-label={t(moving ? 'sched_slotMove' : 'sched_slotBook', spoken)}
      onClick={() => onPick(slot)}
    >
      {content}
    </button>
  );
}

/** The person's zone: shown, and set or cleared by the rep (remembered for this record). */
function ZoneLine({ view, data }: { view: SchedulingView; data: FreeSlotsView }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [choice, setChoice] = useState(data.contact?.source === 'chosen' ? data.contact.timeZone : '');
  const selectId = useId();
  const zones = useMemo(() => (editing ? allTimeZones() : []), [editing]);
  const now = Date.parse(data.slots[0]?.start ?? data.windowStart);
  const save = useMutation({
    mutationFn: (timeZone: string | null) => request('setContactZone', { module: view.person.module, recordId: view.person.id, timeZone }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.freeSlots(view.person.module, view.person.id) });
      setEditing(false);
    },
  });
  const yours = `${zoneCity(data.timeZone)} (${zoneAbbreviation(now, data.timeZone, view.locale)})`;
  const theirs = data.contact ? `${zoneCity(data.contact.timeZone)} (${zoneAbbreviation(now, data.contact.timeZone, view.locale)})` : null;

  return (
    <div className="sched-zones" data-testid="sched-zones">
      <p>{t('sched_yourZone', yours)}</p>
      <p data-testid="sched-contact-zone">
        {theirs ? t('sched_theirZone', [view.person.name, theirs]) : t('sched_theirZoneUnknown', view.person.name)}
        {data.contact ? <span className="muted"> {t(data.contact.source === 'chosen' ? 'sched_zoneChosen' : 'sched_zoneFromAddress')}</span> : null}{' '}
        {!editing ? (
          <button type="button" className="button-link" aria-label={t(theirs ? 'sched_changeZoneLabel' : 'sched_setZoneLabel', view.person.name)} onClick={() => setEditing(true)}>
            {t(theirs ? 'sched_changeZone' : 'sched_setZone')}
          </button>
        ) : null}
      </p>
      {editing ? (
        <form
          className="sched-zone-form"
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate(choice === '' ? null : choice);
          }}
        >
          <label htmlFor={selectId}>{t('sched_zoneLabel', view.person.name)}</label>
          <select id={selectId} value={choice} onChange={(event) => setChoice(event.target.value)}>
            <option value="">{t('sched_zoneAutomatic')}</option>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
          <div className="sched-form-actions">
            <button type="submit" className="button button-primary" disabled={save.isPending}>
              {t('sched_save')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setEditing(false)}>
              {t('sched_close')}
            </button>
          </div>
          {save.isError ? <ErrorNotice error={save.error} /> : null}
        </form>
      ) : null}
    </div>
  );
}

/** Three proposed times as text for an email, in the person's zone (else the rep's). */
function CopyTimes({ view, slots }: { view: SchedulingView; slots: readonly Interval[] }) {
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'copied' } | { kind: 'failed'; text: string }>({ kind: 'idle' });
  const textId = useId();
  useEffect(() => {
    if (state.kind !== 'copied') return;
    const timer = setTimeout(() => setState({ kind: 'idle' }), 6000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    const zone = view.contactZone ?? view.repZone;
    const picked = proposeSlots(slots, zone);
    const text = [t('sched_copyIntro'), ...picked.map((slot) => `• ${formatForEmail(Date.parse(slot.start), zone, view.clock)}`)].join('\n');
    try {
      await navigator.clipboard.writeText(text);
      setState({ kind: 'copied' });
    } catch {
      setState({ kind: 'failed', text });
    }
  }

  return (
    <>
      <button type="button" className="button button-secondary" onClick={() => void copy()} data-testid="sched-copy">
        {t('sched_copy')}
      </button>
      {state.kind === 'copied' ? (
        <p role="status" className="sched-copy-status" data-testid="sched-copy-status">
          {view.contactZone ? t('sched_copied', view.person.name) : t('sched_copiedYours')}
        </p>
      ) : null}
      {state.kind === 'failed' ? (
        <div className="sched-copy-failed">
          <label htmlFor={textId}>{t('sched_copyFailed')}</label>
          <textarea id={textId} readOnly rows={4} value={state.text} onFocus={(event) => event.currentTarget.select()} />
        </div>
      ) : null}
    </>
  );
}
