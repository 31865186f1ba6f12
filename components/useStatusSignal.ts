import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { browser } from 'wxt/browser';
import { STATUS_SIGNAL_KEY } from '@/lib/connection/types';
import { OUTBOX_SIGNAL_KEY } from '@/lib/sync/types';
import { queryKeys } from './queries';

/** Refreshes this UI when the connection changes elsewhere (popup, another tab, a refused refresh). */
export function useStatusSignal(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const listener = (changes: Record<string, unknown>, area: string) => {
      if (area !== 'local' || !(STATUS_SIGNAL_KEY in changes)) return;
      // Records read under the old connection may belong to another user or org.
      queryClient.removeQueries({ queryKey: queryKeys.records });
      void queryClient.invalidateQueries({ queryKey: queryKeys.status });
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, [queryClient]);
}

/** Keeps what is shown of the outbox current: the background bumps a key on every change. */
export function useOutboxSignal(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const listener = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && OUTBOX_SIGNAL_KEY in changes) void queryClient.invalidateQueries({ queryKey: queryKeys.sync });
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, [queryClient]);
}
