// Sandbox CRM web UI: a tiny single-page app that imitates how Zoho CRM's pages behave for the
// extension — Zoho's URL shapes, History API navigation without page loads, record names in an
// <h1>. Every value from the server is inserted as text (never as HTML): the seed contains a
// hostile record name on purpose.

const app = /** @type {HTMLElement} */ (document.getElementById('app'));
const tabsNav = /** @type {HTMLElement} */ (document.getElementById('tabs'));
const userBadge = /** @type {HTMLElement} */ (document.getElementById('user'));
const themeToggle = /** @type {HTMLButtonElement} */ (document.getElementById('theme-toggle'));

/** @type {Promise<any> | null} */
let metaPromise = null;
/** The org id, once meta has loaded (for links from pages whose URL has none). */
let orgZgid = '';
/** Increases on every navigation so a slow response cannot overwrite a newer page. */
let renderSeq = 0;

/**
 * Creates an element. Attributes are set with setAttribute; children are nodes or strings, and
 * strings become text nodes.
 * @param {string} tag
 * @param {Record<string, string | undefined>} [attrs]
 * @param {...(Node | string | null | undefined | (Node | string | null | undefined)[])} children
 */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined) node.setAttribute(name, value);
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
}

/** @param {string} pathname */
function parseRoute(pathname) {
  // `/crm/…`, or the same inside Zoho One: `/zohoone/<org>/home/cxapp/crm/…`.
  const match = /^((?:\/zohoone\/[^/]+\/home\/cxapp)?\/crm)(?:\/org(\d+))?\/tab\/([^/]+)(?:\/([^/]+))?\/?$/.exec(pathname);
  if (!match) return null;
  return {
    root: match[1] ?? '/crm',
    org: match[2] ?? null,
    tab: decodeURIComponent(match[3] ?? ''),
    id: match[4] ? decodeURIComponent(match[4]) : null,
  };
}

/** Links keep the `org<ZGID>` segment when the current URL has it, as Zoho does, and Zoho One's prefix. */
function basePath() {
  const route = parseRoute(location.pathname);
  const root = route?.root ?? '/crm';
  return route && route.org === null ? root : `${root}/org${route?.org ?? orgZgid}`;
}

/** @param {string} tab @param {string} [id] */
function href(tab, id) {
  return `${basePath()}/tab/${encodeURIComponent(tab)}${id ? `/${encodeURIComponent(id)}` : ''}`;
}

/** @param {string} tab @param {string} id @param {string} text */
function recordLink(tab, id, text) {
  return el('a', { href: href(tab, id), 'data-internal': '', 'data-zcrm-link': '', 'data-zcrm-tab': tab, 'data-zcrm-id': id }, text);
}

function loadMeta() {
  metaPromise ??= fetch('/__sandbox/ui/meta')
    .then((response) => response.json())
    .then((meta) => {
      orgZgid = meta.org.zgid;
      return meta;
    });
  return metaPromise;
}

/** @param {any} meta @param {string | null} activeTab */
function renderChrome(meta, activeTab) {
  tabsNav.replaceChildren(
    ...meta.tabs.map((/** @type {{tab: string, label: string}} */ tab) =>
      el(
        'a',
        {
          href: href(tab.tab),
          'data-internal': '',
          'data-zcrm-link': '',
          'data-zcrm-tab': tab.tab,
          class: tab.tab === activeTab ? 'tab active' : 'tab',
          'aria-current': tab.tab === activeTab ? 'page' : undefined,
        },
        tab.label,
      ),
    ),
  );
  userBadge.replaceChildren(meta.user ? el('span', { class: 'user-name', title: meta.user.email }, meta.user.full_name) : '');
}

function showNotFound() {
  document.title = 'Page not found';
  app.removeAttribute('data-zcrm-module');
  app.removeAttribute('data-zcrm-record-id');
  app.replaceChildren(el('section', { class: 'card not-found' }, el('h1', {}, 'Page not found'), el('p', {}, 'There is no such record or page.')));
  app.dataset.state = 'ready';
}

/** @param {any} view */
function renderList(view) {
  document.title = view.label;
  app.dataset.zcrmModule = view.module;
  app.removeAttribute('data-zcrm-record-id');
  const header = el('tr', {}, el('th', { scope: 'col' }, view.nameLabel), ...view.columns.map((/** @type {string} */ label) => el('th', { scope: 'col' }, label)));
  const rows = view.rows.map((/** @type {any} */ row) =>
    el(
      'tr',
      { 'data-zcrm-row': row.id },
      el('td', {}, recordLink(view.tab, row.id, row.name)),
      ...row.cells.map((/** @type {any} */ cell) => el('td', { 'data-zcrm-field': cell.apiName }, cell.link ? recordLink(cell.link.tab, cell.link.id, cell.value) : cell.value)),
    ),
  );
  app.replaceChildren(
    el('div', { class: 'page-header' }, el('h1', { 'data-zcrm': 'list-name' }, `All ${view.label}`), el('span', { class: 'count' }, `Total records ${view.rows.length}`)),
    el('section', { class: 'card' }, el('table', { class: 'list', 'data-zcrm': 'list' }, el('thead', {}, header), el('tbody', {}, rows))),
  );
}

/** @param {string} name */
function initials(name) {
  const letters = name.replace(/<[^>]*>/g, ' ').split(/\s+/).filter(Boolean).map((word) => word[0] ?? '');
  return (letters.slice(0, 2).join('') || '?').toUpperCase();
}

/** @param {any} view */
function renderRecord(view) {
  document.title = view.name;
  app.dataset.zcrmModule = view.module;
  app.dataset.zcrmRecordId = view.id;
  const sections = view.sections.map((/** @type {any} */ section) =>
    el(
      'section',
      { class: 'card' },
      el('h2', {}, section.title),
      el(
        'dl',
        { class: 'fields' },
        section.fields.map((/** @type {any} */ field) =>
          el(
            'div',
            { class: 'field', 'data-zcrm-field': field.apiName },
            el('dt', {}, field.label),
            el('dd', {}, field.link ? recordLink(field.link.tab, field.link.id, field.value) : field.value || '—'),
          ),
        ),
      ),
    ),
  );
  const related = view.related.map((/** @type {any} */ list) =>
    el(
      'section',
      { class: 'card related', 'data-zcrm-related': list.title },
      el('h2', {}, list.title, el('span', { class: 'count' }, String(list.items.length))),
      list.items.length === 0
        ? el('p', { class: 'empty' }, 'No records found')
        : el(
            'ul',
            {},
            list.items.map((/** @type {any} */ item) => el('li', {}, recordLink(item.tab, item.id, item.name), el('span', { class: 'detail' }, item.detail))),
          ),
    ),
  );
  app.replaceChildren(
    el('nav', { class: 'breadcrumb', 'aria-label': 'Breadcrumb' }, el('a', { href: href(view.tab), 'data-internal': '', 'data-zcrm-link': '', 'data-zcrm-tab': view.tab }, view.label), ' › ', view.name),
    el(
      'div',
      { class: 'record-header' },
      el('div', { class: 'avatar', 'aria-hidden': 'true' }, initials(view.name)),
      el('div', {}, el('h1', { 'data-zcrm': 'record-name' }, view.name), el('p', { class: 'subtitle' }, view.subtitle)),
    ),
    ...sections,
    ...related,
  );
}

async function render() {
  const seq = ++renderSeq;
  const route = parseRoute(location.pathname);
  app.dataset.state = 'loading';
  const meta = await loadMeta();
  if (seq !== renderSeq) return;
  renderChrome(meta, route?.tab ?? null);
  if (!route || !meta.tabs.some((/** @type {{tab: string}} */ tab) => tab.tab === route.tab)) {
    showNotFound();
    return;
  }
  app.replaceChildren(el('p', { class: 'loading' }, 'Loading…'));
  const url = route.id
    ? `/__sandbox/ui/record/${encodeURIComponent(route.tab)}/${encodeURIComponent(route.id)}`
    : `/__sandbox/ui/list/${encodeURIComponent(route.tab)}`;
  const response = await fetch(url);
  const view = response.ok ? await response.json() : null;
  if (seq !== renderSeq) return;
  if (!view) showNotFound();
  else if (route.id) renderRecord(view);
  else renderList(view);
  app.dataset.state = 'ready';
}

// Night mode, switched from the top bar without a page load and remembered in this browser, as
// Zoho CRM's own night mode is. How real Zoho marks its page in night mode is UNCONFIRMED; the
// sandbox uses an attribute on <html> (`data-theme="night"`), one of the markers the extension
// reads (lib/zoho/theme.ts).
const THEME_KEY = 'sandbox:theme';

/** @param {boolean} night */
function applyTheme(night) {
  if (night) document.documentElement.dataset.theme = 'night';
  else document.documentElement.removeAttribute('data-theme');
  themeToggle.setAttribute('aria-pressed', String(night));
}

themeToggle.addEventListener('click', () => {
  const night = document.documentElement.dataset.theme !== 'night';
  localStorage.setItem(THEME_KEY, night ? 'night' : 'day');
  applyTheme(night);
});
applyTheme(localStorage.getItem(THEME_KEY) === 'night');

// Internal links navigate through the History API, without a page load, like Zoho's SPA.
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest('a[data-internal]') : null;
  if (!(link instanceof HTMLAnchorElement) || link.target) return;
  const url = new URL(link.href);
  if (url.origin !== location.origin) return;
  event.preventDefault();
  if (url.pathname + url.search !== location.pathname + location.search) history.pushState(null, '', url);
  void render();
});

window.addEventListener('popstate', () => void render());

void render();
