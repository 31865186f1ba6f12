// One voice for trouble (issue 15): when Zoho as a whole is in trouble (not answering, its API
// limit reached, the sign-in refused), every read that meets it says so in ONE banner at the top
// of the panel, one per cause, instead of a box in each section; the sections keep what they
// last knew. A read's ErrorNotice registers its failure here (with its "try again") and shows
// nothing itself; the banner tries every registered read again on a backoff, says when the next
// try is, and offers "Try again" now. When the reads succeed their notices go, and so does the
// banner. A refusal of one request (Zoho's words about this write) stays in its section.
import { QueryClientContext } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { browser } from 'wxt/browser';
import type { ConnectionStatus } from '@/lib/connection/types';
import { StagecoachError, troubleOf, type TroubleCause } from '@/lib/errors';
import { clockFor, formatTime } from '@/lib/format';
import { t, uiLocale } from './i18n';
import { queryKeys } from './queries';
import './trouble.css';

interface Entry {
  cause: TroubleCause;
  /** When Zoho said its limit lifts (epoch ms). */
  resetAt: number | undefined;
  retry(): void;
}

function createTroubleStore() {
  const entries = new Map<number, Entry>();
  const listeners = new Set<() => void>();
  let snapshot: readonly Entry[] = [];
  let ids = 0;
  const changed = () => {
    snapshot = [...entries.values()];
    for (const listener of listeners) listener();
  };
  return {
    add(entry: Entry): () => void {
      const id = ++ids;
      entries.set(id, entry);
      changed();
      return () => {
        entries.delete(id);
        changed();
      };
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    get: () => snapshot,
  };
}

type TroubleStore = ReturnType<typeof createTroubleStore>;
const TroubleContext = createContext<TroubleStore | null>(null);

/** Where reads' shared trouble gathers: the panel wraps its body in it and puts a TroubleBanner on top. */
export function TroubleProvider({ children }: { children: ReactNode }) {
  const [store] = useState(createTroubleStore);
  return <TroubleContext.Provider value={store}>{children}</TroubleContext.Provider>;
}

/**
 * For ErrorNotice: true when this failure is shown by the banner instead (inside a TroubleProvider,
 * a cause shared by the whole panel, and a read that can be tried again). Registered while mounted.
 */
export function useSharedTrouble(failure: StagecoachError, retry: (() => void) | undefined): boolean {
  const store = useContext(TroubleContext);
  const cause = troubleOf(failure);
  const shared = store !== null && cause !== null && retry !== undefined;
  const latest = useRef(retry);
  useLayoutEffect(() => {
    latest.current = retry;
  });
  const resetAt = failure.resetAt;
  useLayoutEffect(() => {
    if (!shared || !store || !cause) return;
    return store.add({ cause, resetAt, retry: () => latest.current?.() });
  }, [shared, store, cause, resetAt]);
  return shared;
}

/** A read failed for a cause the banner shows (Zoho not answering, its limit): keep showing what was last known. */
export const isSharedTrouble = (error: unknown): boolean => error != null && troubleOf(StagecoachError.from(error)) !== null;

/** The connected user's clock and zone, if this page has read the status (no read of its own). */
export function useUserTime(): { clock: ReturnType<typeof clockFor>; timeZone: string | undefined } {
  const client = useContext(QueryClientContext);
  const status = client?.getQueryData<ConnectionStatus>(queryKeys.status);
  const user = status?.state === 'connected' ? status.user : undefined;
  return { clock: clockFor(uiLocale(), user?.timeFormat), timeZone: user?.timeZone ?? undefined };
}

/** "14:00" in the user's zone and Zoho's clock; an unknown zone falls back to the browser's. */
export function useTimeText(): (ms: number) => string {
  const { clock, timeZone } = useUserTime();
  return (ms) => formatTime(ms, timeZone, clock);
}

const ORDER: readonly TroubleCause[] = ['reconnect', 'limit', 'unreachable'];
/** Waits between the banner's tries; the last repeats. TanStack's own retry (components/queries.ts) comes first. */
export const TROUBLE_BACKOFF_MS = [10_000, 20_000, 40_000, 80_000, 120_000] as const;
const NONE: readonly Entry[] = [];
const noSubscription = () => () => {};

export function TroubleBanner() {
  const store = useContext(TroubleContext);
  const entries = useSyncExternalStore(store?.subscribe ?? noSubscription, store?.get ?? (() => NONE));
  const causes = ORDER.filter((cause) => entries.some((entry) => entry.cause === cause));
  if (causes.length === 0) return null;
  return (
    <div className="trouble" data-testid="trouble">
      {causes.map((cause) => (
        <TroubleLine key={cause} cause={cause} entries={entries.filter((entry) => entry.cause === cause)} />
      ))}
    </div>
  );
}

function TroubleLine({ cause, entries }: { cause: TroubleCause; entries: readonly Entry[] }) {
  const time = useTimeText();
  const current = useRef(entries);
  useLayoutEffect(() => {
    current.current = entries;
  });
  const resets = entries.map((entry) => entry.resetAt ?? 0);
  const resetAt = Math.max(0, ...resets) > 0 ? Math.max(...resets) : undefined;
  const [nextAt, setNextAt] = useState<number | null>(null);
  const [trying, setTrying] = useState(false);
  const attempt = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const settle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const schedule = useCallback(() => {
    clearTimeout(timer.current);
    const now = Date.now();
    const backoff = TROUBLE_BACKOFF_MS[Math.min(attempt.current, TROUBLE_BACKOFF_MS.length - 1)]!;
    // Zoho said when its limit lifts: the next try is then, not before.
    const at = resetAt !== undefined && resetAt > now ? resetAt + 1_000 : now + backoff;
    setNextAt(at);
    timer.current = setTimeout(() => tryAgain(), at - now);
  }, [resetAt]);

  const tryAgain = useCallback(() => {
    attempt.current += 1;
    setTrying(true);
    clearTimeout(settle.current);
    settle.current = setTimeout(() => setTrying(false), 2_500);
    for (const entry of current.current) entry.retry();
    schedule();
  }, [schedule]);

  useEffect(() => {
    if (cause === 'reconnect') return;
    schedule();
    return () => {
      clearTimeout(timer.current);
      clearTimeout(settle.current);
    };
  }, [cause, schedule]);

  if (cause === 'reconnect') {
    return (
      <div className="notice notice-error trouble-line" role="alert" data-testid="trouble-banner" data-cause={cause}>
        <p className="notice-title">{t('error_reconnect_needed')}</p>
        <a className="button button-primary" href={browser.runtime.getURL('/welcome.html')} target="_blank" rel="noopener">
          {t('reconnect')}
        </a>
      </div>
    );
  }
  const lifts = cause === 'limit' && resetAt !== undefined && resetAt > Date.now() ? resetAt : null;
  const words = trying
    ? t(cause === 'limit' ? 'trouble_limitNow' : 'trouble_unreachableNow')
    : lifts !== null
      ? t('trouble_limitUntil', time(lifts))
      : nextAt !== null
        ? t(cause === 'limit' ? 'trouble_limitNext' : 'trouble_unreachableNext', time(nextAt))
        : t(cause === 'limit' ? 'trouble_limitNow' : 'trouble_unreachableNow');
  return (
    <div className="notice notice-warn trouble-line" role="status" data-testid="trouble-banner" data-cause={cause}>
      <p className="notice-title">{words}</p>
      <button type="button" className="button button-secondary" onClick={tryAgain}>
        {t('retry')}
      </button>
    </div>
  );
}
