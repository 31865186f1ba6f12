// How the panel looks and sits on Zoho's page: open or a tab at the edge (remembered per browser),
// light or dark (Zoho's theme when its page shows one, else the system's), the room it takes
// from the page, and where its frame sits. The content script owns one store per record page and
// wires it to the page; the panel's frame keeps a copy, fed over their private port. Everything
// that touches the page ends with the page's signal. Light on purpose (no storage library, no
// React): the content script on every Zoho page imports it.
import { browser } from 'wxt/browser';
import { DOCK_MIN_WINDOW } from '@/lib/panel';
import { pageTheme, panelTheme, THEME_ATTRIBUTES, type PageThemeSnapshot, type Theme } from '@/lib/zoho/theme';

export type { Theme } from '@/lib/zoho/theme';

/** storage.local key of the user's last open/collapse choice, for every tab of this browser. */
const COLLAPSED_KEY = 'panelCollapsed';

/** The user's last open/collapse choice; null until they make one. */
export async function readCollapsed(): Promise<boolean | null> {
  const value = (await browser.storage.local.get(COLLAPSED_KEY))[COLLAPSED_KEY];
  return typeof value === 'boolean' ? value : null;
}

export function saveCollapsed(collapsed: boolean): Promise<void> {
  return browser.storage.local.set({ [COLLAPSED_KEY]: collapsed });
}

export interface PanelLook {
  open: boolean;
  theme: Theme;
  /** Width of the page's own scrollbar at the right edge, which the docked panel leaves free. */
  scrollbar: number;
  /** Bumped when the shortcut shows the panel: focus goes to it. */
  focusRequest: number;
}

export interface LookStore {
  get(): PanelLook;
  subscribe(listener: () => void): () => void;
  set(patch: Partial<PanelLook>): void;
  /** The user opens or collapses it (button or shortcut): shown at once, remembered. */
  setOpen(open: boolean, via: 'button' | 'shortcut'): void;
}

export function createLookStore(initial: PanelLook, onOpenChange: (open: boolean) => void): LookStore {
  let look = initial;
  const listeners = new Set<() => void>();
  const store: LookStore = {
    get: () => look,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(patch) {
      if (Object.entries(patch).every(([key, value]) => look[key as keyof PanelLook] === value)) return;
      look = { ...look, ...patch };
      for (const listener of listeners) listener();
    },
    setOpen(open, via) {
      const focusRequest = via === 'shortcut' ? look.focusRequest + 1 : look.focusRequest;
      const changed = open !== look.open;
      store.set({ open, focusRequest });
      if (changed) onOpenChange(open);
    },
  };
  return store;
}

// ---- the page ------------------------------------------------------------------------------------

const DOCK_ATTRIBUTE = 'data-stagecoach-dock';
const DOCK_STYLE_ID = 'stagecoach-dock';

/**
 * The room the open panel takes: the page's root gets a right margin as wide as the panel, so
 * Zoho's record reflows beside it instead of under it. The same width and breakpoint as
 * panel.css. UNCONFIRMED: how much of Zoho's real layout follows <html>'s margin (elements it
 * positions `fixed` against the window would not).
 */
const DOCK_CSS = `@media (min-width: ${DOCK_MIN_WINDOW}px) {
  html[${DOCK_ATTRIBUTE}] { margin-right: clamp(320px, 26vw, 380px) !important; }
}`;

/** Takes room on the page while `open` (until the signal aborts). */
export function dockPage(doc: Document, open: boolean, signal: AbortSignal): void {
  if (signal.aborted) return;
  if (!doc.getElementById(DOCK_STYLE_ID)) {
    const style = doc.createElement('style');
    style.id = DOCK_STYLE_ID;
    style.textContent = DOCK_CSS;
    (doc.head ?? doc.documentElement).append(style);
  }
  doc.documentElement.toggleAttribute(DOCK_ATTRIBUTE, open);
}

/** The frame's id on Zoho's page. */
export const PANEL_FRAME_ID = 'stagecoach-panel';

/** The folded tab's size as the panel measured it (until it has, a tab's usual size). */
export interface TabSize {
  width: number;
  height: number;
}

/**
 * Where the panel's frame sits, as inline `!important` declarations (Zoho's style sheets cannot
 * move, hide or restyle it; `all: initial` first drops whatever they give iframes): open in a
 * window of 980 px or more, docked full height at the right edge as wide as the room `dockPage`
 * made, leaving the page's scrollbar free; open in a narrower window, over the page below Zoho's
 * top bar; folded, a tab at the edge as big as the panel's tab.
 */
export function frameStyle(look: Pick<PanelLook, 'open' | 'scrollbar'>, tab: TabSize, windowWidth: number): string {
  const right = look.scrollbar;
  const place: Record<string, string> = !look.open
    ? { top: '96px', right: `${right}px`, width: `${tab.width}px`, height: `${tab.height}px`, 'border-radius': '8px 0 0 8px', 'box-shadow': '-2px 4px 12px rgba(0, 0, 0, 0.2)' }
    : windowWidth >= DOCK_MIN_WINDOW
      ? { top: '0', right: `${right}px`, width: 'clamp(320px, 26vw, 380px)', height: '100vh' }
      : {
          top: '56px',
          right: `${right + 8}px`,
          width: `min(360px, calc(100vw - ${right + 16}px))`,
          height: 'calc(100vh - 64px)',
          'border-radius': '10px',
          'box-shadow': '0 8px 24px rgba(0, 0, 0, 0.25)',
        };
  const all: Record<string, string> = { all: 'initial', display: 'block', position: 'fixed', 'z-index': '2147483000', border: '0', margin: '0', padding: '0', visibility: 'visible', opacity: '1', 'color-scheme': 'normal', 'pointer-events': 'auto', ...place };
  return Object.entries(all)
    .map(([name, value]) => `${name}: ${value} !important;`)
    .join(' ');
}

/** Gives the page its full width back. */
export function undockPage(doc: Document): void {
  doc.documentElement.removeAttribute(DOCK_ATTRIBUTE);
}

function snapshotOf(doc: Document, win: Window): PageThemeSnapshot {
  const element = (node: Element) => ({
    className: typeof node.className === 'string' ? node.className : '',
    attributes: Object.fromEntries(THEME_ATTRIBUTES.flatMap((name) => (node.hasAttribute(name) ? [[name, node.getAttribute(name) ?? '']] : []))),
  });
  const html = doc.documentElement;
  const body = doc.body;
  const htmlStyle = win.getComputedStyle(html);
  return {
    html: element(html),
    body: body ? element(body) : null,
    colorScheme: htmlStyle.colorScheme ?? '',
    backgrounds: [htmlStyle.backgroundColor, ...(body ? [win.getComputedStyle(body).backgroundColor] : [])],
  };
}

/** The theme the panel should wear now. */
export function currentTheme(doc: Document, win: Window): Theme {
  return panelTheme(pageTheme(snapshotOf(doc, win)), win.matchMedia('(prefers-color-scheme: dark)').matches);
}

/**
 * Calls `onChange` with the panel's theme whenever Zoho switches its theme (a class or theme
 * attribute on <html> or <body> changes, or <body> is replaced) or the system's preference
 * changes, until the signal aborts.
 */
export function watchTheme(doc: Document, win: Window, signal: AbortSignal, onChange: (theme: Theme) => void): void {
  if (signal.aborted) return;
  const update = () => onChange(currentTheme(doc, win));
  const filter = ['class', 'style', ...THEME_ATTRIBUTES];
  const observer = new MutationObserver(() => {
    // A new <body> is watched too.
    if (doc.body && !watched.has(doc.body)) watch(doc.body);
    update();
  });
  const watched = new WeakSet<Element>();
  // One observe() per element: a second call on the same element replaces the first one's options.
  const watch = (element: Element) => {
    watched.add(element);
    observer.observe(element, { attributes: true, attributeFilter: filter, childList: element === doc.documentElement });
  };
  watch(doc.documentElement);
  if (doc.body) watch(doc.body);
  const system = win.matchMedia('(prefers-color-scheme: dark)');
  system.addEventListener('change', update, { signal });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}

/** Calls `onChange` with the page's scrollbar width when it appears, goes or the window resizes. */
export function watchScrollbar(doc: Document, win: Window, signal: AbortSignal, onChange: (width: number) => void): void {
  if (signal.aborted) return;
  const update = () => onChange(scrollbarWidth(doc, win));
  const observer = new ResizeObserver(update);
  observer.observe(doc.documentElement);
  win.addEventListener('resize', update, { signal });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  update();
}

/** The page's own vertical scrollbar (0 where scrollbars overlay the page or it does not scroll). */
export function scrollbarWidth(doc: Document, win: Window): number {
  return Math.max(0, win.innerWidth - doc.documentElement.clientWidth);
}
