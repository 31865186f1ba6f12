import { describe, expect, it } from 'vitest';
import { pageTheme, panelTheme, type ElementSnapshot, type PageThemeSnapshot, type Theme } from './theme';

const LIGHT_BG = ['rgba(0, 0, 0, 0)', 'rgb(242, 244, 247)'];

function el(className = '', attributes: Record<string, string> = {}): ElementSnapshot {
  return { className, attributes };
}

function snapshot(patch: Partial<PageThemeSnapshot> = {}): PageThemeSnapshot {
  return { html: el(), body: el(), colorScheme: 'normal', backgrounds: LIGHT_BG, ...patch };
}

// Page shapes, with the theme they show (null: the page says nothing, the system decides).
const PAGES: [what: string, page: PageThemeSnapshot, expected: Theme | null][] = [
  ['a plain page', snapshot(), null],
  ['no body yet', snapshot({ body: null, backgrounds: [] }), null],
  // Attributes: the sandbox's own marker first.
  ['<html data-theme="night"> (the sandbox)', snapshot({ html: el('', { 'data-theme': 'night' }) }), 'dark'],
  ['<html data-theme="dark">', snapshot({ html: el('', { 'data-theme': 'dark' }) }), 'dark'],
  ['<html data-theme="light">', snapshot({ html: el('', { 'data-theme': 'light' }) }), 'light'],
  ['<body data-mode="night-mode">', snapshot({ body: el('', { 'data-mode': 'night-mode' }) }), 'dark'],
  ['<html data-bs-theme="dark">', snapshot({ html: el('', { 'data-bs-theme': 'dark' }) }), 'dark'],
  ['<html data-color-mode="light">', snapshot({ html: el('', { 'data-color-mode': 'light' }) }), 'light'],
  ['<html data-theme="blue">: not a theme', snapshot({ html: el('', { 'data-theme': 'blue' }) }), null],
  ['attribute beats class', snapshot({ html: el('', { 'data-theme': 'light' }), body: el('night-mode') }), 'light'],
  // Classes.
  ['<body class="night-mode">', snapshot({ body: el('zcrm-app night-mode') }), 'dark'],
  ['<body class="nightmode">', snapshot({ body: el('nightmode') }), 'dark'],
  ['<html class="darkTheme">', snapshot({ html: el('darkTheme') }), 'dark'],
  ['<html class="zcrm_dark_theme">', snapshot({ html: el('zcrm_dark_theme') }), 'dark'],
  ['<body class="theme-light">', snapshot({ body: el('theme-light') }), 'light'],
  ['words inside other words do not count', snapshot({ body: el('lightbox-open darkroom nightly monday') }), null],
  // color-scheme.
  ['color-scheme: dark', snapshot({ colorScheme: 'dark' }), 'dark'],
  ['color-scheme: only light', snapshot({ colorScheme: 'only light' }), 'light'],
  ['color-scheme: light dark (both: the system decides)', snapshot({ colorScheme: 'light dark' }), null],
  // The canvas.
  ['a dark opaque canvas', snapshot({ backgrounds: ['rgba(0, 0, 0, 0)', 'rgb(22, 27, 34)'] }), 'dark'],
  ['a dark canvas on <html>', snapshot({ backgrounds: ['rgb(18, 18, 18)', 'rgb(255, 255, 255)'] }), 'dark'],
  ['a light canvas is no choice', snapshot({ backgrounds: ['rgb(255, 255, 255)'] }), null],
  ['a see-through dark layer is no canvas', snapshot({ backgrounds: ['rgba(0, 0, 0, 0.4)'] }), null],
  ['a mid-grey canvas is no choice', snapshot({ backgrounds: ['rgb(128, 128, 128)'] }), null],
];

describe('pageTheme', () => {
  it.each(PAGES)('%s', (_what, page, expected) => {
    expect(pageTheme(page)).toBe(expected);
  });
});

describe('panelTheme', () => {
  it('follows the page when it shows a theme, else the system', () => {
    expect(panelTheme('dark', false)).toBe('dark');
    expect(panelTheme('light', true)).toBe('light');
    expect(panelTheme(null, true)).toBe('dark');
    expect(panelTheme(null, false)).toBe('light');
  });
});
