// TanStack Query options for every read the UIs make, keys in one place.
import { QueryClient, queryOptions } from '@tanstack/react-query';
import { StagecoachError } from '@/lib/errors';
import type { RecordModule } from '@/lib/records/types';
import { request } from './messenger';

export const queryKeys = {
  status: ['status'] as const,
  records: ['record'] as const,
  sync: ['sync'] as const,
  settings: ['settings'] as const,
  record: (module: RecordModule, id: string) => ['record', module, id] as const,
  freeSlots: (module: RecordModule, id: string) => ['scheduling', 'slots', module, id] as const,
  lastKnownSlots: (module: RecordModule, id: string) => ['lastKnown', 'slots', module, id] as const,
  lastKnownMeetings: (module: RecordModule, id: string) => ['lastKnown', 'meetings', module, id] as const,
  meetings: (module: RecordModule, id: string) => ['scheduling', 'meetings', module, id] as const,
  dealSuggestion: (dealId: string) => ['suggestions', 'deal', dealId] as const,
  lastKnownCard: (dealId: string) => ['lastKnown', 'card', dealId] as const,
  contactDeals: (contactId: string) => ['suggestions', 'contact', contactId] as const,
};

/** A read's signal: TanStack's own (aborted when nobody needs the answer) joined with the page's. */
export const readSignal = (query: AbortSignal, page: AbortSignal | undefined) => (page ? AbortSignal.any([query, page]) : query);

export const statusQuery = () => queryOptions({ queryKey: queryKeys.status, queryFn: () => request('status', {}) });

export const recordQuery = (module: RecordModule, id: string, page?: AbortSignal) =>
  queryOptions({ queryKey: queryKeys.record(module, id), queryFn: ({ signal }) => request('getRecord', { module, recordId: id }, { signal: readSignal(signal, page) }) });

/** The copy the background has saved, answered without asking Zoho: shown until Zoho answers. */
export const cachedRecordQuery = (module: RecordModule, id: string, page?: AbortSignal) =>
  queryOptions({
    queryKey: [...queryKeys.record(module, id), 'cached'] as const,
    queryFn: ({ signal }) => request('getRecord', { module, recordId: id, cacheOnly: true }, { signal: readSignal(signal, page) }),
    staleTime: Infinity,
  });

/** The settings with the policy applied and locks named; changed only by saving. */
export const settingsQuery = () => queryOptions({ queryKey: queryKeys.settings, queryFn: () => request('getSettings', {}), staleTime: Infinity });

export const syncStatusQuery = () => queryOptions({ queryKey: queryKeys.sync, queryFn: () => request('syncStatus', {}) });

/**
 * Only failures that another try can fix (Zoho not answering, its API limit) are retried here,
 * once, soon (the background's client has already backed off three times); a limit Zoho says
 * lifts later is not tried before then. Longer trouble is the panel's banner's: it tries again on
 * a backoff and says when (components/trouble.tsx).
 */
export function retryRead(count: number, error: unknown, now = Date.now()): boolean {
  if (count >= 1 || !(error instanceof StagecoachError)) return false;
  if (error.code === 'rate_limited') return error.resetAt === undefined || error.resetAt <= now;
  return error.code === 'network' || error.code === 'unavailable';
}

export const RETRY_DELAY_MS = 1_500;

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (count, error) => retryRead(count, error),
        retryDelay: RETRY_DELAY_MS,
        refetchOnWindowFocus: false,
      },
    },
  });
}
