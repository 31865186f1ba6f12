// Which theme does Zoho's page show? A snapshot of <html> and <body> in, 'dark' / 'light' / null
// (the page says nothing) out: pure, so Node tests table-test it; the content script takes the
// snapshot again whenever either element's class or attributes change.
//
// UNCONFIRMED: how Zoho CRM's night mode marks the page. Zoho documents the setting, not the
// markup, and no public source we could find names the class or attribute it sets. So this reads
// the usual ways a web app announces its theme, in order of how explicit they are:
//   1. a theme attribute on <html> or <body> (`data-theme`, `data-mode`, `data-color-scheme`,
//      `data-color-mode`, `data-bs-theme`, `theme`) naming dark/night or light/day;
//   2. a class on <html> or <body> with a dark/night word (`night-mode`, `zcrm-dark-theme`,
//      `darkMode`, `nightmode`), or a light/day one;
//   3. the CSS `color-scheme` the page declares on <html> when it is only dark or only light;
//   4. a page background that is clearly dark (an opaque canvas darker than any light theme).
// A light canvas alone is not read as a choice: every page is light by default, and taking it as
// one would override the system's dark preference on any page. The sandbox's night mode
// (sandbox/ui/app.js) uses the first way, `<html data-theme="night">`.

export type Theme = 'dark' | 'light';

export interface PageThemeSnapshot {
  html: ElementSnapshot;
  body: ElementSnapshot | null;
  /** getComputedStyle(html).colorScheme, e.g. 'normal', 'light dark', 'dark'. */
  colorScheme: string;
  /** Computed background colours of <html> and <body>, e.g. 'rgb(20, 24, 31)', 'rgba(0, 0, 0, 0)'. */
  backgrounds: string[];
}

export interface ElementSnapshot {
  className: string;
  /** The theme attributes that are present (THEME_ATTRIBUTES), with their values. */
  attributes: Record<string, string>;
}

/** The attributes the content script watches and snapshots, besides `class`. */
export const THEME_ATTRIBUTES = ['data-theme', 'data-mode', 'data-color-scheme', 'data-color-mode', 'data-bs-theme', 'theme'] as const;

const DARK_WORDS = new Set(['dark', 'night', 'darkmode', 'nightmode', 'darktheme', 'nighttheme']);
const LIGHT_WORDS = new Set(['light', 'day', 'lightmode', 'daymode', 'lighttheme', 'daytheme']);

/** `zcrm-Night_mode darkTheme` → ['zcrm', 'night', 'mode', 'dark', 'theme'] (and the joined tokens). */
function words(text: string): string[] {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((token) => {
      const parts = token
        .replace(/([a-z])([A-Z])/g, '$1 $2')
        .toLowerCase()
        .split(/[\s\-_:.]+/)
        .filter(Boolean);
      return [token.toLowerCase().replace(/[-_:.]/g, ''), ...parts];
    });
}

function themeOfWords(list: string[]): Theme | null {
  if (list.some((word) => DARK_WORDS.has(word))) return 'dark';
  if (list.some((word) => LIGHT_WORDS.has(word))) return 'light';
  return null;
}

function fromAttributes(element: ElementSnapshot | null): Theme | null {
  if (!element) return null;
  for (const name of THEME_ATTRIBUTES) {
    const value = element.attributes[name];
    if (value === undefined) continue;
    const theme = themeOfWords(words(value));
    if (theme) return theme;
  }
  return null;
}

function fromClasses(element: ElementSnapshot | null): Theme | null {
  return element ? themeOfWords(words(element.className)) : null;
}

function fromColorScheme(value: string): Theme | null {
  const schemes = value.toLowerCase().split(/\s+/).filter((word) => word === 'dark' || word === 'light');
  return schemes.length === 1 ? (schemes[0] as Theme) : null;
}

/** Relative luminance (WCAG) of an opaque `rgb()`/`rgba()` colour; null when (nearly) transparent. */
function luminance(color: string): number | null {
  const match = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/.exec(color.trim());
  if (!match) return null;
  const alphaText = match[4];
  const alpha = alphaText === undefined ? 1 : alphaText.endsWith('%') ? Number.parseFloat(alphaText) / 100 : Number(alphaText);
  if (alpha < 0.9) return null;
  const [r, g, b] = [match[1], match[2], match[3]].map((part) => {
    const c = Number(part) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function pageTheme(page: PageThemeSnapshot): Theme | null {
  const explicit =
    fromAttributes(page.html) ?? fromAttributes(page.body) ?? fromClasses(page.html) ?? fromClasses(page.body) ?? fromColorScheme(page.colorScheme);
  if (explicit) return explicit;
  // The first opaque background, <html>'s then <body>'s, is what the page paints behind it.
  const canvas = page.backgrounds.map(luminance).find((value) => value !== null);
  return canvas !== undefined && canvas < 0.1 ? 'dark' : null;
}

/** The page's theme when it shows one, else the system's. */
export function panelTheme(page: Theme | null, systemDark: boolean): Theme {
  return page ?? (systemDark ? 'dark' : 'light');
}
