// TanStack Query options for every read the UIs make, keys in one place.
import { QueryClient, queryOptions } from '@tanstack/react-query';
import { StagecoachError } from '@/lib/errors';
import type { RecordModule } from '@/lib/messaging/types';
import { request } from './messenger';

export const queryKeys = {
  status: ['status'] as const,
  records: ['record'] as const,
  record: (module: RecordModule, id: string) => ['record', module, id] as const,
};

export const statusQuery = () => queryOptions({ queryKey: queryKeys.status, queryFn: () => request('status', {}) });

export const recordQuery = (module: RecordModule, id: string) =>
  queryOptions({ queryKey: queryKeys.record(module, id), queryFn: () => request('getRecord', { module, recordId: id }) });

/** Only failures that another try can fix are retried, once. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (count, error) => count < 1 && error instanceof StagecoachError && ['network', 'rate_limited'].includes(error.code),
        refetchOnWindowFocus: false,
      },
    },
  });
}
