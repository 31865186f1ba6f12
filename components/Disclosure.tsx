// A part of the panel the rep folds or opens (upcoming meetings, booking with someone else): a
// button with aria-expanded over its body, each part's choice remembered for every record page and
// across reloads. Kept in the extension's storage.local, which the panel's frame reads directly: it
// outlives reloads and tabs, is not partitioned by the Zoho site the frame sits in (the frame's
// localStorage may be), and needs no round trip through the background.
import { useEffect, useId, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { browser } from 'wxt/browser';

/** storage.local key: { [part id]: open }. */
const FOLDS_KEY = 'panelFolds';

let folds: Record<string, boolean> = {};
let loaded = false;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((listener) => listener());
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Reads the remembered choices once per frame; true once they are known (or could not be read). */
export function useFoldsLoaded(): boolean {
  loading ??= browser.storage.local
    .get(FOLDS_KEY)
    .then((stored) => {
      const value: unknown = stored[FOLDS_KEY];
      if (value && typeof value === 'object') {
        folds = Object.fromEntries(Object.entries(value).filter((entry): entry is [string, boolean] => typeof entry[1] === 'boolean'));
      }
    })
    .catch(() => undefined)
    .finally(() => {
      loaded = true;
      emit();
    });
  return useSyncExternalStore(subscribe, () => loaded);
}

/** The part's open state as the rep last left it, else `initial`. */
export function useFold(id: string, initial: boolean): [boolean, (open: boolean) => void] {
  const open = useSyncExternalStore(subscribe, () => folds[id] ?? initial);
  const set = (next: boolean) => {
    folds = { ...folds, [id]: next };
    emit();
    void browser.storage.local.set({ [FOLDS_KEY]: folds }).catch(() => undefined);
  };
  return [open, set];
}

export function Disclosure({
  id,
  label,
  after,
  initiallyOpen,
  className,
  testId,
  bodyLabel,
  onOpened,
  children,
}: {
  /** Which part: its choice is remembered under this id. */
  id: string;
  /** The label, cut with an ellipsis when the panel is narrow. */
  label: string;
  /** Shown whole after the label (a count). */
  after?: ReactNode;
  initiallyOpen: boolean;
  className?: string;
  testId?: string;
  /** The body's group name, when the label alone does not say it. */
  bodyLabel?: string;
  /** After the rep opened it (not when it opens as remembered): e.g. focus its first field. */
  onOpened?: () => void;
  children: ReactNode;
}) {
  const [open, setOpen] = useFold(id, initiallyOpen);
  const bodyId = useId();
  const openedByRep = useRef(false);
  useEffect(() => {
    if (open && openedByRep.current) onOpened?.();
    openedByRep.current = false;
  }, [open, onOpened]);
  return (
    <div className={className ? `disclosure ${className}` : 'disclosure'} data-testid={testId} data-fold={id}>
      <h4 className="disclosure-heading">
        <button
          type="button"
          className="disclosure-toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => {
            openedByRep.current = !open;
            setOpen(!open);
          }}
        >
          <span className="disclosure-icon" aria-hidden="true" />
          <span className="disclosure-label" title={label}>
            {label}
          </span>
          {after}
        </button>
      </h4>
      <div id={bodyId} className="disclosure-body" hidden={!open} role={bodyLabel ? 'group' : undefined} aria-label={bodyLabel}>
        {children}
      </div>
    </div>
  );
}
