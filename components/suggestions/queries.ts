// Query options for stage suggestions; keys live with the others in components/queries.ts.
import { queryOptions } from '@tanstack/react-query';
import { request } from '../messenger';
import { queryKeys } from '../queries';

export const dealSuggestionQuery = (dealId: string) =>
  queryOptions({ queryKey: queryKeys.dealSuggestion(dealId), queryFn: () => request('dealSuggestion', { dealId }) });

export const contactDealsQuery = (contactId: string) =>
  queryOptions({ queryKey: queryKeys.contactDeals(contactId), queryFn: () => request('contactDeals', { contactId }) });
