// Query options for stage suggestions; keys live with the others in components/queries.ts.
import { queryOptions } from '@tanstack/react-query';
import { request } from '../messenger';
import { queryKeys, readSignal } from '../queries';

export const dealSuggestionQuery = (dealId: string, page?: AbortSignal) =>
  queryOptions({ queryKey: queryKeys.dealSuggestion(dealId), queryFn: ({ signal }) => request('dealSuggestion', { dealId }, { signal: readSignal(signal, page) }) });

/** The card this browser last got for the deal, without asking Zoho: shown (marked as updating) until `dealSuggestionQuery` answers. */
export const lastKnownCardQuery = (dealId: string, page?: AbortSignal) =>
  queryOptions({
    queryKey: queryKeys.lastKnownCard(dealId),
    queryFn: ({ signal }) => request('lastKnownCard', { dealId }, { signal: readSignal(signal, page) }),
    staleTime: Infinity,
    retry: false,
  });

export const contactDealsQuery = (contactId: string, page?: AbortSignal) =>
  queryOptions({ queryKey: queryKeys.contactDeals(contactId), queryFn: ({ signal }) => request('contactDeals', { contactId }, { signal: readSignal(signal, page) }) });

/** Which of the contact's open deals have a suggestion: asked once the list is known, in one bulk read. */
export const contactDealMarksQuery = (contactId: string, dealIds: string[], page?: AbortSignal) =>
  queryOptions({
    queryKey: [...queryKeys.contactDeals(contactId), 'marks', dealIds] as const,
    queryFn: ({ signal }) => request('contactDealSuggestions', { dealIds }, { signal: readSignal(signal, page) }),
    enabled: dealIds.length > 0,
  });
