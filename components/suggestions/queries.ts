// Query options for stage suggestions; keys live with the others in components/queries.ts.
import { queryOptions } from '@tanstack/react-query';
import { request } from '../messenger';
import { queryKeys, readSignal } from '../queries';

export const dealSuggestionQuery = (dealId: string, page?: AbortSignal) =>
  queryOptions({ queryKey: queryKeys.dealSuggestion(dealId), queryFn: ({ signal }) => request('dealSuggestion', { dealId }, { signal: readSignal(signal, page) }) });

export const contactDealsQuery = (contactId: string, page?: AbortSignal) =>
  queryOptions({ queryKey: queryKeys.contactDeals(contactId), queryFn: ({ signal }) => request('contactDeals', { contactId }, { signal: readSignal(signal, page) }) });
