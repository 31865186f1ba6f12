import { describe, expect, it } from 'vitest';
import { frameStyle } from './look';

const style = (look: { open: boolean; scrollbar: number }, width: number) =>
  Object.fromEntries(
    frameStyle(look, { width: 34, height: 130 }, width)
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name, ...value] = part.split(':');
        return [name!.trim(), value.join(':').trim()];
      }),
  );

describe('frameStyle: where the panel’s frame sits on Zoho’s page', () => {
  it('resets whatever Zoho’s style sheets give iframes first, every declaration !important', () => {
    const declarations = frameStyle({ open: true, scrollbar: 0 }, { width: 34, height: 130 }, 1280).split(';').filter((part) => part.trim());
    expect(declarations[0]).toBe('all: initial !important');
    expect(declarations.every((part) => part.trim().endsWith('!important'))).toBe(true);
  });

  it('docks full height at the right edge from 980 px, leaving the scrollbar free', () => {
    expect(style({ open: true, scrollbar: 15 }, 980)).toMatchObject({ position: 'fixed !important', top: '0 !important', right: '15px !important', height: '100vh !important', width: 'clamp(320px, 26vw, 380px) !important' });
  });

  it('lies over the page below Zoho’s top bar in a narrower window', () => {
    expect(style({ open: true, scrollbar: 0 }, 979)).toMatchObject({ top: '56px !important', right: '8px !important', height: 'calc(100vh - 64px) !important' });
  });

  it('is the tab’s size when folded', () => {
    expect(style({ open: false, scrollbar: 0 }, 1440)).toMatchObject({ top: '96px !important', width: '34px !important', height: '130px !important' });
  });
});
