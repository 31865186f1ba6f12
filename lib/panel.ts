// The panel's shortcut and how it docks: the command's name (wxt.config.ts, the background), the
// one message the background sends a tab for it, checked at the content script, and whether a
// panel opens or starts as a tab at the edge. Pure: no browser API.
import { z } from 'zod';

/** The manifest's command; the user can change its keys in chrome://extensions/shortcuts. */
export const TOGGLE_PANEL_COMMAND = 'toggle-panel';
export const TOGGLE_PANEL_SUGGESTED_KEY = 'Alt+Shift+S';

const togglePanel = z.object({ type: z.literal('stagecoach:toggle-panel') }).strict();
export type TogglePanelMessage = z.infer<typeof togglePanel>;
export const TOGGLE_PANEL_MESSAGE: TogglePanelMessage = { type: 'stagecoach:toggle-panel' };

/**
 * The content script's door for the shortcut's message: from this extension (the browser sets
 * `sender.id`; a page cannot), and exactly this shape. Anything else is ignored.
 */
export function isTogglePanel(message: unknown, sender: { id?: string }, extensionId: string): boolean {
  return sender.id === extensionId && togglePanel.safeParse(message).success;
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
