// The toolbar icon's state: what the person should know at a glance, from the connection and
// the outbox. Shared by the build (modules/toolbar-icons.ts renders one PNG per state and size)
// and the background (which shows the one that is true now).

export const TOOLBAR_STATES = ['connected', 'attention', 'disconnected'] as const;
export type ToolbarState = (typeof TOOLBAR_STATES)[number];

/** The sizes the toolbar asks for (1× and 2× screens). */
export const TOOLBAR_SIZES = [16, 32] as const;
export type ToolbarSize = (typeof TOOLBAR_SIZES)[number];

/** Where the build puts a state's icon, relative to the extension's root. */
export const toolbarIconPath = (state: ToolbarState, size: ToolbarSize) => `icons/toolbar-${state}-${size}.png` as const;

/** `action.setIcon`'s `path`: every size of one state. */
export const toolbarIcons = (state: ToolbarState): Record<string, string> =>
  Object.fromEntries(TOOLBAR_SIZES.map((size) => [String(size), `/${toolbarIconPath(state, size)}`]));

/**
 * Attention when the person has something to do: reconnect, or writes Zoho refused (they stay in
 * the popup until retried or discarded). Writes still waiting are not a problem yet.
 */
export function toolbarState(connection: 'connected' | 'reconnect_needed' | null, failedWrites: number): ToolbarState {
  if (connection === null) return 'disconnected';
  if (connection === 'reconnect_needed' || failedWrites > 0) return 'attention';
  return 'connected';
}
