// Scheduling as the UIs see it (zod-free: imported by the panel bundle).
import type { Settings } from '../settings/schema';

export interface Interval {
  start: string;
  end: string;
}

export interface BusyEvent extends Interval {
  id: string;
  title: string;
}

export interface FreeSlotsView {
  timeZone: string;
  /** The contact's zone and where it came from, when known. */
  contact: { timeZone: string; source: 'address' | 'chosen' } | null;
  slots: Interval[];
  /**
   * The rep's out-of-office could not be read (refused, or failing after the client's retries):
   * the slots are from the calendar alone and may fall on days the rep is away.
   */
  outOfOfficeUnread: boolean;
  windowStart: string;
  windowEnd: string;
  /**
   * Zoho's own calendar facts: the working hours are the org's business hours ('zoho') or the
   * settings' ('settings': chosen, or Zoho has none); the org's holidays in the window, whole
   * days without free time; `unavailable` when Zoho refused to tell (edition, scope).
   */
  calendar: { hours: 'zoho' | 'settings'; holidays: { date: string; name: string }[]; unavailable: boolean };
  settings: Pick<Settings, 'slotMinutes' | 'meetingTitleTemplate' | 'features'>;
}

export interface Meeting extends Interval {
  id: string;
  title: string;
  venue: string | null;
  /** Still on its way to Zoho from this browser's outbox (id: the outbox key until Zoho gives one). */
  pending?: boolean;
}

export interface PersonMatch {
  module: 'Contacts' | 'Leads';
  id: string;
  name: string;
  email: string | null;
}
