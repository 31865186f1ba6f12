// The rep's free times, by day in the rep's zone, each with the person's local time beside it;
// the times inside both people's working days first (the contact's hours, a setting, in their
// zone: lib/scheduling/contactDay.ts), the rest behind "Show all times" and marked; when none
// falls in both days, the panel says so and shows the nearest first. The person's zone (shown,
// set, cleared); "Show more days"; and "Copy 3 times" from the good ones. Until Zoho answers,
// the times last known in this browser are shown, marked as updating; a time among them that Zoho
// no longer has free goes with a note, never silently.
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { ContactDays, DEFAULT_CONTACT_HOURS, planContactDay, type ContactDayPlan, type ContactHours, type SlotFit } from '@/lib/scheduling/contactDay';
import type { FreeSlotsView, Interval, Meeting } from '@/lib/scheduling/types';
import { ErrorNotice } from '../ErrorNotice';
import { isSharedTrouble } from '../trouble';
import { t } from '../i18n';
import { request } from '../messenger';
import { queryKeys, settingsQuery } from '../queries';
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
  const settings = useQuery(settingsQuery());
  const contactHours = settings.data?.settings.contactHours ?? DEFAULT_CONTACT_HOURS;
  const plan = useMemo(() => (data ? planContactDay(data.slots, view.contactZone, contactHours) : null), [data, view.contactZone, contactHours]);
  const [showAll, setShowAll] = useState(false);
  const listed = useMemo(() => (!data || !plan ? [] : showAll || plan.kind === 'unknown' ? data.slots : plan.first), [data, plan, showAll]);
  const fits = useMemo(() => new Map((plan?.fits ?? []).map((fit) => [fit.slot.start, fit])), [plan]);
  const daysId = useId();
  const days = useMemo(() => groupByDay(listed, view.repZone), [listed, view.repZone]);
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
          {plan ? <ContactDayNote view={view} data={data} plan={plan} hours={contactHours} showAll={showAll} /> : null}
          <div id={daysId} className={slots.isFetching || cached ? 'sched-days sched-refreshing' : 'sched-days'} aria-busy={slots.isFetching || cached !== null} data-source={cached ? 'last-known' : 'zoho'}>
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
                        <Slot view={view} slot={slot} dayKey={day.key} fit={fits.get(slot.start)} canBook={canBook} moving={moving !== null} onPick={onPick} />
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })}
          </div>
          <div className="sched-actions">
            {plan && plan.kind !== 'unknown' && plan.first.length < data.slots.length ? (
              <button type="button" className="button button-secondary" aria-expanded={showAll} aria-controls={daysId} data-testid="sched-show-all" onClick={() => setShowAll(!showAll)}>
                {showAll ? t('sched_showGoodOnly') : t('sched_showAllTimes', String(data.slots.length - plan.first.length))}
              </button>
            ) : null}
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
            <CopyTimes view={view} slots={plan && plan.kind !== 'unknown' ? plan.first : data.slots} good={plan?.kind !== 'unknown'} />
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

function Slot({
  view,
  slot,
  dayKey,
  fit,
  canBook,
  moving,
  onPick,
}: {
  view: SchedulingView;
  slot: Interval;
  dayKey: string;
  /** Where the slot lies against the contact's working day; undefined when that is not known. */
  fit: SlotFit<Interval> | undefined;
  canBook: boolean;
  moving: boolean;
  onPick: (slot: Interval) => void;
}) {
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
    ...(fit && !fit.inside ? [t(fit.side === 'before' ? 'sched_slotBeforeTheirDay' : 'sched_slotAfterTheirDay', view.person.name)] : []),
  ].join(', ');
  const outside = fit !== undefined && !fit.inside;
  const content = (
    <>
      <span className="slot-rep" data-testid="slot-rep-time">
        {repTime}
      </span>
      {theirTime ? (
        <span className="slot-theirs" data-testid="slot-contact-time">
          {outside ? (
            <span className="slot-outside-mark" aria-hidden="true" data-testid="slot-outside">
              ☾{' '}
            </span>
          ) : null}
          {theirTime}
          {theirDay ? <span className="slot-their-day"> {theirDay}</span> : null}
        </span>
      ) : null}
    </>
  );
  if (!canBook && !moving) {
    return (
      <span className={outside ? 'slot slot-static slot-outside' : 'slot slot-static'} data-testid="sched-slot" data-start={slot.start} data-end={slot.end} data-fit={fit ? fit.side : undefined}>
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
      className={outside ? 'slot slot-outside' : 'slot'}
      data-testid="sched-slot"
      data-start={slot.start}
      data-end={slot.end}
      data-fit={fit ? fit.side : undefined}
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

/**
 * Three proposed times as text for an email, in the person's zone (else the rep's), the rep's
 * own reading in brackets: from `slots`, the good ones (inside both days, or the nearest).
 */
function CopyTimes({ view, slots, good }: { view: SchedulingView; slots: readonly Interval[]; good: boolean }) {
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'copied' } | { kind: 'failed'; text: string }>({ kind: 'idle' });
  const picked = useMemo(() => proposeSlots(slots, view.contactZone ?? view.repZone, 3, good ? () => true : undefined), [slots, view.contactZone, view.repZone, good]);
  const textId = useId();
  useEffect(() => {
    if (state.kind !== 'copied') return;
    const timer = setTimeout(() => setState({ kind: 'idle' }), 6000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    const zone = view.contactZone ?? view.repZone;
    const both = view.contactZone !== null && view.repZone !== undefined && view.contactZone !== view.repZone;
    const text = [
      t(both ? 'sched_copyIntroBoth' : 'sched_copyIntro'),
      ...picked.map((slot) => `• ${formatForEmail(Date.parse(slot.start), zone, view.clock, both ? view.repZone : undefined)}`),
    ].join('\n');
    try {
      await navigator.clipboard.writeText(text);
      setState({ kind: 'copied' });
    } catch {
      setState({ kind: 'failed', text });
    }
  }

  return (
    <>
      <button type="button" className="button button-secondary" onClick={() => void copy()} data-testid="sched-copy" disabled={picked.length === 0}>
        {picked.length === 1 ? t('sched_copyOne') : t('sched_copyCount', String(picked.length))}
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

/**
 * What the order means, said plainly: the times inside both days come first (and how many more
 * are behind "Show all times"); or that none is, with the contact's day in the rep's own time and
 * the nearest shown first; or that the contact's zone is unknown, so nothing is marked.
 */
function ContactDayNote({ view, data, plan, hours, showAll }: { view: SchedulingView; data: FreeSlotsView; plan: ContactDayPlan<Interval>; hours: ContactHours; showAll: boolean }) {
  const zone = view.contactZone;
  const name = view.person.name;
  if (plan.kind === 'unknown' || !zone) {
    return (
      <p className="muted sched-legend" data-testid="sched-day-unknown">
        {t('sched_dayUnknown', name)}
      </p>
    );
  }
  const first = Date.parse(data.slots[0]!.start);
  // Their hours as they read them, and (for the no-overlap case) as the rep reads their next day.
  const wallTime = (time: string) => {
    const [h, m] = (time === '24:00' ? '00:00' : time).split(':').map(Number);
    return formatTime(Date.UTC(2000, 0, 3, h ?? 0, m ?? 0), 'UTC', view.clock);
  };
  const theirHours = `${wallTime(hours.start)}–${wallTime(hours.end)}`;
  const outsideMark = (
    <>
      <span aria-hidden="true">☾ </span>
      {t('sched_outsideLegend', name)}
    </>
  );
  if (plan.kind === 'overlap') {
    return (
      <p className="muted sched-legend sched-fit-note" data-testid="sched-fit-note">
        {showAll ? (
          <>
            {t('sched_allShown')} <span aria-hidden="true">☾ </span>
            {t('sched_outsideLegendHours', [name, theirHours, zoneCity(zone)])}
          </>
        ) : (
          t('sched_goodFirst', [name, theirHours, zoneCity(zone)])
        )}
      </p>
    );
  }
  // Their next working day from the first free time (a week always holds one), in the rep's time.
  const [window] = new ContactDays(zone, hours).windowsBetween(first, first + 8 * 86_400_000);
  const yours = window ? `${formatTime(window[0], view.repZone, view.clock)}–${formatTime(window[1], view.repZone, view.clock)}` : null;
  return (
    <div className="notice sched-no-overlap" data-testid="sched-no-overlap">
      <p>
        <strong>{t('sched_noOverlap', name)}</strong> {t('sched_theirDayIs', [theirHours, zoneCity(zone)])}
        {yours ? ` ${t('sched_theirDayYours', yours)}` : null}
      </p>
      <p className="sched-legend">
        {t('sched_nearestFirst')} {outsideMark}.
      </p>
    </div>
  );
}
