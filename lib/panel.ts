// The panel's shortcut and how it docks: the command's name (wxt.config.ts, the background), the
// one message the background sends a tab for it, checked at the content script, and whether a
// panel opens or starts as a tab at the edge; the record page a URL is, and the panel frame's
// address and private channel. Pure and light (no zod, no React): the content script imports it.
import { isRecordModule, type RecordModule } from './records/types';
import { crmSiteOfHost } from './zoho/dataCentres';
import { parseZohoUrl } from './zoho/url';

/** The manifest's command; the user can change its keys in chrome://extensions/shortcuts. */
export const TOGGLE_PANEL_COMMAND = 'toggle-panel';
export const TOGGLE_PANEL_SUGGESTED_KEY = 'Alt+Shift+S';

export interface TogglePanelMessage {
  type: 'stagecoach:toggle-panel';
}
export const TOGGLE_PANEL_MESSAGE: TogglePanelMessage = { type: 'stagecoach:toggle-panel' };

/** Exactly `{ type }` with this type, nothing more. */
function isExactly(message: unknown, type: string): message is { type: string } {
  return typeof message === 'object' && message !== null && !Array.isArray(message) && Object.keys(message).length === 1 && (message as { type?: unknown }).type === type;
}

/**
 * The content script's door for the shortcut's message: from this extension (the browser sets
 * `sender.id`; a page cannot), and exactly this shape. Anything else is ignored.
 */
export function isTogglePanel(message: unknown, sender: { id?: string }, extensionId: string): boolean {
  return sender.id === extensionId && isExactly(message, TOGGLE_PANEL_MESSAGE.type);
}

/**
 * The narrowest window where the open panel takes its width from the page (the page is pushed
 * aside) and the record keeps 640 px or more. panel.css and the page's dock style
 * (components/look.ts) use the same breakpoint and width.
 */
export const DOCK_MIN_WINDOW = 980;

/**
 * Open or a tab at the edge? A panel never covers the record on its own: it opens only where it
 * can dock beside it, and not when the user last collapsed it (in any tab of this browser).
 * In a narrower window it waits as a tab; opened from there, it lies over the page until closed.
 */
export function startsOpen(stored: { collapsed: boolean } | null, windowWidth: number): boolean {
  return !stored?.collapsed && windowWidth >= DOCK_MIN_WINDOW;
}

/** The record page the panel is beside. */
export interface PanelPage {
  module: RecordModule;
  recordId: string;
  orgId: string | null;
  /**
   * A Zoho CRM sandbox org's page (crmsandbox.zoho.*). The connection is to the production org,
   * whose records may share ids with the sandbox's copies: the panel reads and writes nothing here.
   */
  sandboxOrg?: boolean;
}

/** The panel's page for a URL, or null where no panel belongs (lists, settings, other apps). */
export function panelPageFor(url: string | URL): PanelPage | null {
  const page = parseZohoUrl(url);
  if (!page || !isRecordModule(page.module)) return null;
  return { module: page.module, recordId: page.recordId, orgId: page.orgId, ...(page.sandboxOrg ? { sandboxOrg: true } : {}) };
}

// ---- the panel's frame ---------------------------------------------------------------------------
// The panel is an extension page (panel.html) in a frame the content script puts on Zoho's record
// page: Zoho's own scripts cannot read a cross-origin frame. Its address carries the Zoho page's
// URL (the record; the background reads the org from it) and, in the hash, a one-time secret.
// Page scripts cannot read a cross-origin frame's address but can post to it, so the frame takes
// only the first MessagePort whose message carries that secret: the content script's.

/** The extension page the frame shows, and the query parameter holding Zoho's page URL. */
export const PANEL_PAGE_PATH = '/panel.html';
const PAGE_PARAM = 'page';
export const PANEL_PORT_MESSAGE = 'stagecoach:panel-port';

/** `chrome-extension://<id>/panel.html?page=<Zoho page URL>#<secret>` */
export function panelFrameUrl(extensionUrl: string, pageUrl: string, secret: string): string {
  return `${extensionUrl.replace(/\/$/, '')}${PANEL_PAGE_PATH}?${new URLSearchParams({ [PAGE_PARAM]: pageUrl })}#${secret}`;
}

/**
 * The Zoho page a panel frame (or a request from it, by `sender.url`) is for, if `href` is this
 * extension's panel page; null for any other address.
 */
export function zohoPageOfPanel(href: string, extensionUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  const base = extensionUrl.replace(/\/$/, '');
  if (`${url.protocol}//${url.host}` !== base || url.pathname !== PANEL_PAGE_PATH) return null;
  return url.searchParams.get(PAGE_PARAM);
}

/**
 * Why the background refuses a record request from the panel at `senderUrl`, or null: its page
 * must be a record page, not a CRM sandbox org's (whose records are not in the connected
 * production org, even where ids match), and not another org's than `connectedOrg` (the zgid in
 * `/crm/org<zgid>/`; while none is known, the handler answers "not connected" itself).
 */
export function panelPageRefusal(senderUrl: string, extensionUrl: string, connectedOrg: string | null): string | null {
  return pageRefusal(zohoPageOfPanel(senderUrl, extensionUrl), connectedOrg);
}

function pageRefusal(pageUrl: string | null, connectedOrg: string | null): string | null {
  const page = pageUrl ? panelPageFor(pageUrl) : null;
  if (!page) return 'Not a record page.';
  if (page.sandboxOrg) return 'A Zoho CRM sandbox org’s page.';
  if (page.orgId !== null && connectedOrg !== null && page.orgId !== connectedOrg) return 'A page of another Zoho org than the connected one.';
  return null;
}

/** What the content script hands the frame with the port: the secret, and the look to paint first. */
export interface PanelPortMessage<L> {
  type: typeof PANEL_PORT_MESSAGE;
  secret: string;
  look: L;
}

/** Over the port: content script → frame. The look; the page is being left (cancel your reads). */
export type ToPanel<L> = { kind: 'look'; look: L } | { kind: 'leave' };
/**
 * Over the port: frame → content script. The fold button, the folded tab's size, reads cancelled;
 * reload Zoho's page (after a stage change, Zoho's record view shows the old stage until reloaded).
 */
export type FromPanel = { kind: 'open'; open: boolean } | { kind: 'tab'; width: number; height: number } | { kind: 'left' } | { kind: 'reload' };

/** The frame's door for the port: the first message with the secret wins; every other is ignored. */
export function isPanelPort(data: unknown, secret: string): data is PanelPortMessage<unknown> {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Partial<PanelPortMessage<unknown>>;
  return message.type === PANEL_PORT_MESSAGE && secret.length >= 32 && message.secret === secret && typeof message.look === 'object' && message.look !== null;
}

/** A frame → content script message, checked (the port is private, but the shape is still checked). */
export function fromPanel(data: unknown): FromPanel | null {
  if (typeof data !== 'object' || data === null) return null;
  const message = data as Record<string, unknown>;
  if (message.kind === 'open' && typeof message.open === 'boolean') return { kind: 'open', open: message.open };
  if (message.kind === 'left') return { kind: 'left' };
  if (message.kind === 'reload' && Object.keys(message).length === 1) return { kind: 'reload' };
  if (message.kind === 'tab' && typeof message.width === 'number' && typeof message.height === 'number') {
    const clamp = (n: number) => Math.max(0, Math.min(400, Math.ceil(n)));
    return { kind: 'tab', width: clamp(message.width), height: clamp(message.height) };
  }
  return null;
}

/**
 * Whether the panel may show in a frame whose parent is `parentOrigin` (the nearest of
 * `location.ancestorOrigins`, where the browser has it) for the Zoho page `pageUrl`: the parent is
 * that page's origin, and that is a Zoho CRM host (https, no port) — or, in the sandbox build,
 * the local sandbox. Anything else (another site framing panel.html, a page URL of another host)
 * shows nothing.
 */
export function panelMayShow(parentOrigin: string | null, pageUrl: string, sandbox: boolean): boolean {
  let page: URL;
  try {
    page = new URL(pageUrl);
  } catch {
    return false;
  }
  if (parentOrigin !== null && parentOrigin !== page.origin) return false;
  if (page.protocol === 'https:' && page.port === '' && crmSiteOfHost(page.hostname)) return true;
  return sandbox && page.protocol === 'http:' && (page.hostname === 'localhost' || page.hostname === '127.0.0.1');
}

// ---- early reads -------------------------------------------------------------------------------
// The one message a content script sends the background (issue 12): "this tab now shows this
// Zoho page". On a record page the background starts the reads the panel's frame will ask first,
// while the frame and its code are still loading; the panel's own requests then join them. It
// asks for nothing back and carries no data but the address, which the background checks again.

export const PAGE_OPENED_MESSAGE = 'stagecoach:page-opened';
export interface PageOpenedMessage {
  type: typeof PAGE_OPENED_MESSAGE;
  /** The Zoho page's address now (after an SPA navigation the browser's `sender.url` may be older). */
  page: string;
}

/** Where a page-opened message came from, as the browser tells it. */
export interface PageSender {
  id?: string;
  url?: string;
  tab?: { id?: number } | undefined;
  frameId?: number;
}

/**
 * The background's door for a page-opened message: from this extension's content script in a tab
 * (the browser sets `sender.id`, `sender.tab` and `sender.url`; a web page cannot send it), exactly
 * this shape, for a page of the same origin as the sender's, on a Zoho CRM host (or, in the
 * sandbox build, the local sandbox). Returns the tab's key and the record page, whose reads may
 * start when it is a record page of the connected org (`page` null: none to start, but the tab's
 * earlier page is left). Null: not such a message, ignored.
 */
export function openedPage(message: unknown, sender: PageSender, extensionId: string, connectedOrg: string | null, sandbox: boolean): { tab: string; page: PanelPage | null } | null {
  if (sender.id !== extensionId || typeof sender.tab?.id !== 'number' || typeof sender.url !== 'string') return null;
  if (typeof message !== 'object' || message === null || Array.isArray(message) || Object.keys(message).length !== 2) return null;
  const { type, page } = message as Partial<PageOpenedMessage>;
  if (type !== PAGE_OPENED_MESSAGE || typeof page !== 'string' || page.length > 4096) return null;
  let origin: string;
  try {
    origin = new URL(sender.url).origin;
    if (new URL(page).origin !== origin) return null;
  } catch {
    return null;
  }
  if (!panelMayShow(origin, page, sandbox)) return null;
  const tab = `${sender.tab.id}/${sender.frameId ?? 0}`;
  return { tab, page: pageRefusal(page, connectedOrg) === null ? panelPageFor(page) : null };
}
