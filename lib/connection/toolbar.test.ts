import { describe, expect, it } from 'vitest';
import { toolbarIcons, toolbarState } from './toolbar';

describe('toolbarState', () => {
  it.each([
    [null, 0, 'disconnected'],
    [null, 3, 'disconnected'],
    ['connected', 0, 'connected'],
    ['connected', 1, 'attention'],
    ['reconnect_needed', 0, 'attention'],
  ] as const)('%s with %i refused writes → %s', (connection, failed, expected) => {
    expect(toolbarState(connection, failed)).toBe(expected);
  });

  it('names the icon of every size for action.setIcon', () => {
    expect(toolbarIcons('attention')).toEqual({ 16: '/icons/toolbar-attention-16.png', 32: '/icons/toolbar-attention-32.png' });
  });
});
