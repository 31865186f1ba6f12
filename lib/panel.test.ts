import { describe, expect, it } from 'vitest';
import { DOCK_MIN_WINDOW, isTogglePanel, startsOpen, TOGGLE_PANEL_MESSAGE } from './panel';

const SELF = 'abcdefghijklmnopabcdefghijklmnop';

describe('isTogglePanel', () => {
  it('takes the message from this extension', () => {
    expect(isTogglePanel(TOGGLE_PANEL_MESSAGE, { id: SELF }, SELF)).toBe(true);
  });
  it.each([
    ['another extension', TOGGLE_PANEL_MESSAGE, { id: 'ponmlkjihgfedcbaponmlkjihgfedcba' }],
    ['no sender id (a page)', TOGGLE_PANEL_MESSAGE, {}],
    ['another message', { type: 'stagecoach:open-everything' }, { id: SELF }],
    ['extra keys', { ...TOGGLE_PANEL_MESSAGE, open: true }, { id: SELF }],
    ['not an object', 'stagecoach:toggle-panel', { id: SELF }],
  ])('ignores %s', (_what, message, sender) => {
    expect(isTogglePanel(message, sender, SELF)).toBe(false);
  });
});

describe('startsOpen', () => {
  it('opens where it docks beside the record, unless the user folded it', () => {
    expect(startsOpen(null, 1024)).toBe(true);
    expect(startsOpen({ collapsed: false }, 1440)).toBe(true);
    expect(startsOpen({ collapsed: true }, 1440)).toBe(false);
  });
  it('waits as a tab where it would cover the record', () => {
    expect(startsOpen(null, DOCK_MIN_WINDOW - 1)).toBe(false);
    expect(startsOpen({ collapsed: false }, 800)).toBe(false);
    expect(startsOpen(null, DOCK_MIN_WINDOW)).toBe(true);
  });
});
