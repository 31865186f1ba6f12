// "Upcoming meetings with <name>": each with Reschedule and Cancel, as the settings allow.
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import type { Meeting } from '@/lib/scheduling/types';
import { ErrorNotice } from '../ErrorNotice';
import { t } from '../i18n';
import { usePageSignal } from '../sections/define';
import { isSharedTrouble } from '../trouble';
import { lastKnownMeetingsQuery } from './queries';
import type { SchedulingView } from './SchedulingSection';
import { formatRange, formatTime, formatWeekday, zoneAbbreviation } from './time';

const FIRST_MEETINGS = 3;

export function UpcomingMeetings({
  view,
  meetings,
  canCancel,
  canMove,
  moving,
  onCancel,
  onMove,
}: {
  view: SchedulingView;
  meetings: UseQueryResult<Meeting[]>;
  canCancel: boolean;
  canMove: boolean;
  moving: Meeting | null;
  onCancel: (meeting: Meeting) => void;
  onMove: (meeting: Meeting) => void;
}) {
  const [showAll, setShowAll] = useState(false);
  // Zoho not answering: the meetings last read from Zoho stay, under the panel's banner (no actions on them).
  const lastKnown = useQuery({ ...lastKnownMeetingsQuery(view.person, usePageSignal()), enabled: isSharedTrouble(meetings.error) });
  const kept = !meetings.data && isSharedTrouble(meetings.error) ? (lastKnown.data?.value ?? null) : null;
  const data = meetings.data ?? kept ?? undefined;
  const all = data ?? [];
  // A few at first, so the free times stay in reach; the one being moved is always shown.
  const shown = showAll ? all : all.filter((meeting, index) => index < FIRST_MEETINGS || meeting.id === moving?.id);
  return (
    <div className="sched-block" data-testid="sched-upcoming">
      <h4 className="sched-subheading">{t('sched_upcomingHeading', view.person.name)}</h4>
      {meetings.isPending ? <p className="muted">{t('sched_loadingMeetings')}</p> : null}
      {meetings.isError ? <ErrorNotice error={meetings.error} onRetry={() => void meetings.refetch()} /> : null}
      {data?.length === 0 ? <p className="muted">{t('sched_upcomingNone')}</p> : null}
      {data && data.length > 0 ? (
        <ul className="sched-meetings" role="list">
          {shown.map((meeting) => {
            const start = Date.parse(meeting.start);
            const title = meeting.title || t('sched_untitled');
            const zone = view.contactZone;
            return (
              <li
                key={meeting.id}
                className={moving?.id === meeting.id ? 'sched-meeting sched-meeting-moving' : 'sched-meeting'}
                data-testid="sched-meeting"
                data-event-id={meeting.id}
                data-pending={meeting.pending ? 'true' : undefined}
              >
                <p className="sched-meeting-title">
                  {title}
                  {meeting.pending ? (
                    // Still in this browser's outbox: shown where it will land, not yet changeable.
                    <span className="muted sched-meeting-sending" title={t('sched_sendingHint')} data-testid="sched-sending">
                      {' · '}
                      {t('sched_sending')}
                    </span>
                  ) : null}
                </p>
                <p className="sched-meeting-when">{formatRange(start, Date.parse(meeting.end), view.repZone, view.clock)}</p>
                {zone || meeting.venue ? (
                  <p className="muted sched-meeting-more">
                    {zone ? t('sched_theirTime', [`${formatWeekday(start, zone, view.locale)} ${formatTime(start, zone, view.clock)}`, view.person.name, zoneAbbreviation(start, zone, view.locale)]) : null}
                    {zone && meeting.venue ? ' · ' : null}
                    {meeting.venue ? t('sched_venue', meeting.venue) : null}
                  </p>
                ) : null}
                {(canMove || canCancel) && !meeting.pending && !kept ? (
                  <div className="sched-meeting-actions">
                    {canMove ? (
                      <button type="button" className="button-link" aria-label={t('sched_rescheduleLabel', title)} aria-pressed={moving?.id === meeting.id} onClick={() => onMove(meeting)}>
                        {t('sched_reschedule')}
                      </button>
                    ) : null}
                    {canCancel ? (
                      <button type="button" className="button-link" aria-label={t('sched_cancelMeetingLabel', title)} onClick={() => onCancel(meeting)}>
                        {t('sched_cancelMeeting')}
                      </button>
                    ) : null}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {all.length > FIRST_MEETINGS ? (
        <button type="button" className="button-link sched-more-meetings" aria-expanded={showAll} onClick={() => setShowAll(!showAll)}>
          {showAll ? t('sched_showFewerMeetings') : t('sched_showAllMeetings', String(all.length))}
        </button>
      ) : null}
    </div>
  );
}
