// A modal dialog for the panel: a real <dialog> shown with showModal() (the rest of the page is
// inert, Escape closes), with Tab kept inside it and focus given back to whatever had it before.
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function Dialog({
  titleId,
  onClose,
  children,
  testId,
}: {
  titleId: string;
  /** Called when Escape closes it; the owner unmounts the dialog (its own buttons do the same). */
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // In the panel's shadow root the focused element is the root's, not the document's.
    const root = dialog.getRootNode() as Document | ShadowRoot;
    const previous = root.activeElement instanceof HTMLElement ? root.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // showModal() focuses the first focusable element, which may be a heading kept focusable
    // (tabIndex -1) only so a later "Not booked" can move focus to it: start on the first control.
    const landed = root.activeElement;
    if (landed instanceof HTMLElement && landed.tabIndex < 0) dialog.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  function keepTabInside(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== 'Tab') return;
    const dialog = ref.current;
    if (!dialog) return;
    const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((item) => item.offsetParent !== null || item === document.activeElement);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    const active = (dialog.getRootNode() as Document | ShadowRoot).activeElement;
    if (event.shiftKey && (active === first || active === dialog)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <dialog
      ref={ref}
      className="sched-dialog"
      aria-labelledby={titleId}
      data-testid={testId}
      onKeyDown={keepTabInside}
      onClose={() => {
        // Escape closed it (the browser's own cancel): tell the owner, which unmounts it and so
        // gives focus back. A close queued by a remount (StrictMode) finds it open again: ignored.
        if (!ref.current?.open) onClose();
      }}
    >
      {children}
    </dialog>
  );
}
