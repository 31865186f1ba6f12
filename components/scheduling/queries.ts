// The scheduling reads, as TanStack Query options (keys live in components/queries.ts).
import { queryOptions } from '@tanstack/react-query';
import { queryKeys, readSignal } from '../queries';
import { request } from '../messenger';

/** Whom the meetings are with: always a contact or a lead (a deal books with its contact). */
export interface Person {
  module: 'Contacts' | 'Leads';
  id: string;
  name: string;
}

/** Free slots move with the clock and with the rep's calendar: kept for a minute at most. */
export const freeSlotsQuery = (person: Person, page?: AbortSignal) =>
  queryOptions({
    queryKey: queryKeys.freeSlots(person.module, person.id),
    queryFn: ({ signal }) => request('freeSlots', { module: person.module, recordId: person.id }, { signal: readSignal(signal, page) }),
    staleTime: 60_000,
  });

export const upcomingMeetingsQuery = (person: Person, page?: AbortSignal) =>
  queryOptions({
    queryKey: queryKeys.meetings(person.module, person.id),
    queryFn: ({ signal }) => request('upcomingMeetings', { module: person.module, recordId: person.id }, { signal: readSignal(signal, page) }),
    staleTime: 60_000,
  });

/** The meetings this browser last got from Zoho for the person: shown while Zoho is not answering. */
export const lastKnownMeetingsQuery = (person: Person, page?: AbortSignal) =>
  queryOptions({
    queryKey: queryKeys.lastKnownMeetings(person.module, person.id),
    queryFn: ({ signal }) => request('lastKnownMeetings', { module: person.module, recordId: person.id }, { signal: readSignal(signal, page) }),
    staleTime: Infinity,
    retry: false,
  });

/**
 * The free times this browser last got for the person, read from its store without asking Zoho:
 * shown (marked as updating) until `freeSlotsQuery` answers. Read once per page.
 */
export const lastKnownSlotsQuery = (person: Person, page?: AbortSignal) =>
  queryOptions({
    queryKey: queryKeys.lastKnownSlots(person.module, person.id),
    queryFn: ({ signal }) => request('lastKnownSlots', { module: person.module, recordId: person.id }, { signal: readSignal(signal, page) }),
    staleTime: Infinity,
    retry: false,
  });
