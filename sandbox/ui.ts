// Zoho-like web UI: record and list pages at Zoho's URL shapes (`/crm/org<ZGID>/tab/<Tab>/<id>`,
// also under Zoho One's `/zohoone/<org>/home/cxapp`),
// served as one HTML shell plus a small vanilla JS app (sandbox/ui/app.js). The app reads
// unauthenticated JSON under /__sandbox/ui/, standing in for Zoho's cookie-based private
// endpoints; the server shapes those view models so the browser code stays small.
import { readFileSync } from 'node:fs';
import { escapeHtml, html, json, redirect, type Router, type SandboxResponse } from './http';
import type { ZohoRecord } from './seed';
import type { SandboxState } from './state';
import { UI_MODULES, moduleByTab, type ModuleDef } from './store';

// ---- view models -----------------------------------------------------------------------------

type Kind = 'text' | 'lookup' | 'owner' | 'currency' | 'percent' | 'date' | 'datetime';

interface FieldSpec {
  label: string;
  field: string;
  kind?: Kind;
  /** Tab a lookup points to. */
  tab?: string;
}

interface ViewField {
  apiName: string;
  label: string;
  value: string;
  link?: { tab: string; id: string };
}

const DETAIL_FIELDS: Record<string, FieldSpec[]> = {
  Contacts: [
    { label: 'Contact Owner', field: 'Owner', kind: 'owner' },
    { label: 'Email', field: 'Email' },
    { label: 'Phone', field: 'Phone' },
    { label: 'Mobile', field: 'Mobile' },
    { label: 'Title', field: 'Title' },
    { label: 'Account Name', field: 'Account_Name', kind: 'lookup', tab: 'Accounts' },
    { label: 'Mailing City', field: 'Mailing_City' },
    { label: 'Mailing State', field: 'Mailing_State' },
    { label: 'Mailing Country', field: 'Mailing_Country' },
    { label: 'Lead Source', field: 'Lead_Source' },
    { label: 'Created Time', field: 'Created_Time', kind: 'datetime' },
    { label: 'Modified Time', field: 'Modified_Time', kind: 'datetime' },
  ],
  Leads: [
    { label: 'Lead Owner', field: 'Owner', kind: 'owner' },
    { label: 'Company', field: 'Company' },
    { label: 'Title', field: 'Designation' },
    { label: 'Email', field: 'Email' },
    { label: 'Phone', field: 'Phone' },
    { label: 'Lead Status', field: 'Lead_Status' },
    { label: 'Lead Source', field: 'Lead_Source' },
    { label: 'City', field: 'City' },
    { label: 'State', field: 'State' },
    { label: 'Country', field: 'Country' },
    { label: 'Created Time', field: 'Created_Time', kind: 'datetime' },
  ],
  Deals: [
    { label: 'Deal Owner', field: 'Owner', kind: 'owner' },
    { label: 'Amount', field: 'Amount', kind: 'currency' },
    { label: 'Stage', field: 'Stage' },
    { label: 'Probability (%)', field: 'Probability', kind: 'percent' },
    { label: 'Expected Revenue', field: 'Expected_Revenue', kind: 'currency' },
    { label: 'Closing Date', field: 'Closing_Date', kind: 'date' },
    { label: 'Pipeline', field: 'Pipeline' },
    { label: 'Type', field: 'Type' },
    { label: 'Next Step', field: 'Next_Step' },
    { label: 'Contact Name', field: 'Contact_Name', kind: 'lookup', tab: 'Contacts' },
    { label: 'Account Name', field: 'Account_Name', kind: 'lookup', tab: 'Accounts' },
    { label: 'Created Time', field: 'Created_Time', kind: 'datetime' },
  ],
  Accounts: [
    { label: 'Account Owner', field: 'Owner', kind: 'owner' },
    { label: 'Phone', field: 'Phone' },
    { label: 'Website', field: 'Website' },
    { label: 'Industry', field: 'Industry' },
    { label: 'Employees', field: 'Employees' },
    { label: 'Billing City', field: 'Billing_City' },
    { label: 'Billing State', field: 'Billing_State' },
    { label: 'Billing Country', field: 'Billing_Country' },
  ],
};

const LIST_COLUMNS: Record<string, FieldSpec[]> = {
  Contacts: [
    { label: 'Account Name', field: 'Account_Name', kind: 'lookup', tab: 'Accounts' },
    { label: 'Email', field: 'Email' },
    { label: 'Phone', field: 'Phone' },
    { label: 'Mailing City', field: 'Mailing_City' },
    { label: 'Contact Owner', field: 'Owner', kind: 'owner' },
  ],
  Leads: [
    { label: 'Company', field: 'Company' },
    { label: 'Email', field: 'Email' },
    { label: 'Phone', field: 'Phone' },
    { label: 'Lead Status', field: 'Lead_Status' },
    { label: 'Lead Owner', field: 'Owner', kind: 'owner' },
  ],
  Deals: [
    { label: 'Stage', field: 'Stage' },
    { label: 'Amount', field: 'Amount', kind: 'currency' },
    { label: 'Closing Date', field: 'Closing_Date', kind: 'date' },
    { label: 'Account Name', field: 'Account_Name', kind: 'lookup', tab: 'Accounts' },
    { label: 'Deal Owner', field: 'Owner', kind: 'owner' },
  ],
  Accounts: [
    { label: 'Phone', field: 'Phone' },
    { label: 'Website', field: 'Website' },
    { label: 'Billing City', field: 'Billing_City' },
    { label: 'Billing Country', field: 'Billing_Country' },
    { label: 'Account Owner', field: 'Owner', kind: 'owner' },
  ],
};

const currency = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const dateFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

function formatValue(value: unknown, kind: Kind, timeZone: string): string {
  if (value === null || value === undefined || value === '') return '';
  switch (kind) {
    case 'owner':
    case 'lookup':
      return typeof value === 'object' && value !== null && 'name' in value ? String((value as { name: unknown }).name ?? '') : String(value);
    case 'currency':
      return typeof value === 'number' ? currency.format(value) : String(value);
    case 'percent':
      return `${String(value)}`;
    case 'date': {
      const epoch = Date.parse(`${String(value)}T00:00:00Z`);
      return Number.isNaN(epoch) ? String(value) : dateFormat.format(epoch);
    }
    case 'datetime': {
      const epoch = Date.parse(String(value));
      return Number.isNaN(epoch)
        ? String(value)
        : new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(epoch);
    }
    default:
      return String(value);
  }
}

function viewField(record: ZohoRecord, spec: FieldSpec, timeZone: string): ViewField {
  const raw = record[spec.field];
  const field: ViewField = { apiName: spec.field, label: spec.label, value: formatValue(raw, spec.kind ?? 'text', timeZone) };
  if (spec.kind === 'lookup' && spec.tab && raw && typeof raw === 'object' && 'id' in raw) {
    field.link = { tab: spec.tab, id: String((raw as { id: unknown }).id) };
  }
  return field;
}

export function recordName(module: ModuleDef, record: ZohoRecord): string {
  const value = record[module.nameField];
  return typeof value === 'string' && value ? value : record.id;
}

function subtitle(module: ModuleDef, record: ZohoRecord): string {
  const parts: unknown[] =
    module.apiName === 'Contacts' ? [record.Title, (record.Account_Name as { name?: string } | null)?.name]
    : module.apiName === 'Leads' ? [record.Designation, record.Company]
    : module.apiName === 'Deals' ? [record.Stage, typeof record.Amount === 'number' ? currency.format(record.Amount) : null]
    : [record.Industry, record.Billing_City];
  return [module.singular, ...parts.filter((part): part is string => typeof part === 'string' && part.length > 0)].join(' · ');
}

interface RelatedItem {
  tab: string;
  id: string;
  name: string;
  detail: string;
}

function lookupId(record: ZohoRecord, field: string): string | null {
  const value = record[field];
  return value && typeof value === 'object' && 'id' in value ? String((value as { id: unknown }).id) : null;
}

function related(sandbox: SandboxState, module: ModuleDef, record: ZohoRecord): { title: string; items: RelatedItem[] }[] {
  const { store } = sandbox;
  const dealItem = (deal: ZohoRecord): RelatedItem => ({
    tab: 'Potentials',
    id: deal.id,
    name: String(deal.Deal_Name ?? deal.id),
    detail: [deal.Stage, typeof deal.Amount === 'number' ? currency.format(deal.Amount) : null].filter(Boolean).join(' · '),
  });
  const contactItem = (contact: ZohoRecord): RelatedItem => ({
    tab: 'Contacts',
    id: contact.id,
    name: String(contact.Full_Name ?? contact.id),
    detail: [contact.Title, contact.Email].filter(Boolean).join(' · '),
  });
  switch (module.apiName) {
    case 'Contacts':
      return [{ title: 'Deals', items: store.list('Deals').filter((deal) => lookupId(deal, 'Contact_Name') === record.id).map(dealItem) }];
    case 'Accounts':
      return [
        { title: 'Contacts', items: store.list('Contacts').filter((c) => lookupId(c, 'Account_Name') === record.id).map(contactItem) },
        { title: 'Deals', items: store.list('Deals').filter((d) => lookupId(d, 'Account_Name') === record.id).map(dealItem) },
      ];
    case 'Deals': {
      const contact = store.get('Contacts', lookupId(record, 'Contact_Name') ?? '');
      const account = store.get('Accounts', lookupId(record, 'Account_Name') ?? '');
      return [
        { title: 'Contact', items: contact ? [contactItem(contact)] : [] },
        {
          title: 'Account',
          items: account ? [{ tab: 'Accounts', id: account.id, name: String(account.Account_Name), detail: String(account.Billing_City ?? '') }] : [],
        },
      ];
    }
    default:
      return [];
  }
}

function signedInUser(sandbox: SandboxState) {
  return sandbox.store.user(sandbox.config.signedInUserId) ?? sandbox.store.users[0];
}

function viewerZone(sandbox: SandboxState): string {
  const zone = signedInUser(sandbox)?.time_zone;
  return typeof zone === 'string' ? zone : String(sandbox.store.org.time_zone);
}

function recordView(sandbox: SandboxState, module: ModuleDef, record: ZohoRecord) {
  const zone = viewerZone(sandbox);
  return {
    tab: module.tab,
    module: module.apiName,
    label: module.label,
    id: record.id,
    name: recordName(module, record),
    subtitle: subtitle(module, record),
    sections: [
      { title: `${module.singular} Information`, fields: (DETAIL_FIELDS[module.apiName] ?? []).map((spec) => viewField(record, spec, zone)) },
    ],
    related: related(sandbox, module, record),
  };
}

function listView(sandbox: SandboxState, module: ModuleDef) {
  const zone = viewerZone(sandbox);
  const columns = LIST_COLUMNS[module.apiName] ?? [];
  return {
    tab: module.tab,
    module: module.apiName,
    label: module.label,
    nameLabel: module.apiName === 'Deals' ? 'Deal Name' : module.apiName === 'Accounts' ? 'Account Name' : `${module.singular} Name`,
    columns: columns.map((column) => column.label),
    rows: sandbox.store.list(module.apiName).map((record) => ({
      id: record.id,
      name: recordName(module, record),
      cells: columns.map((column) => viewField(record, column, zone)),
    })),
  };
}

// ---- pages -----------------------------------------------------------------------------------

const UI_DIR = new URL('./ui/', import.meta.url);
const ASSETS: Record<string, { type: string; body: Buffer }> = {
  'app.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(new URL('app.js', UI_DIR)) },
  'app.css': { type: 'text/css; charset=utf-8', body: readFileSync(new URL('app.css', UI_DIR)) },
  'accounts.css': { type: 'text/css; charset=utf-8', body: readFileSync(new URL('accounts.css', UI_DIR)) },
  'favicon.svg': { type: 'image/svg+xml', body: readFileSync(new URL('favicon.svg', UI_DIR)) },
};

// A strict Content-Security-Policy, as Zoho's own pages likely have (UNCONFIRMED: its exact
// policy; sandbox/README.md): frames and scripts from this origin only. Chromium still shows the
// extension's panel frame (the extension's own pages are exempt from a page's frame-src), which
// the e2e suite checks on every record page. The page's scripts are inline-free; the seed's
// hostile markup is for the panel, which renders in its own frame under the extension's CSP.
export const ZOHO_PAGE_CSP = "frame-src 'self'; script-src 'self'; object-src 'none'";

function shell(title: string, status = 200): SandboxResponse {
  return html(
    status,
    `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <link rel="icon" href="/__sandbox/ui/favicon.svg">
  <link rel="stylesheet" href="/__sandbox/ui/app.css">
  <script type="module" src="/__sandbox/ui/app.js"></script>
</head>
<body>
  <header class="topbar">
    <a class="brand" href="/crm" data-internal-home>
      <span class="brand-mark" aria-hidden="true">Z</span><span class="brand-name">CRM</span>
    </a>
    <nav class="tabs" id="tabs" aria-label="Modules"></nav>
    <button type="button" class="theme-toggle" id="theme-toggle" aria-pressed="false">Night mode</button>
    <span class="user" id="user"></span>
  </header>
  <main id="app" data-state="loading"><p class="loading">Loading…</p></main>
</body>
</html>
`,
    { 'cache-control': 'no-store', 'content-security-policy': ZOHO_PAGE_CSP },
  );
}

export function notFoundPage(): SandboxResponse {
  return html(
    404,
    `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Page not found</title>
  <link rel="icon" href="/__sandbox/ui/favicon.svg">
  <link rel="stylesheet" href="/__sandbox/ui/app.css">
</head>
<body>
  <header class="topbar"><a class="brand" href="/crm"><span class="brand-mark" aria-hidden="true">Z</span><span class="brand-name">CRM</span></a></header>
  <main class="not-found"><h1>Page not found</h1><p>The page you are looking for does not exist. <a href="/crm">Go to Contacts</a></p></main>
</body>
</html>
`,
  );
}

export function registerUiPages(router: Router, sandbox: SandboxState): void {
  const home = (): SandboxResponse => redirect(`/crm/org${sandbox.store.org.zgid}/tab/Contacts`);
  router.add('GET', '/', home);
  router.add('GET', '/crm', home);

  const page = (org: string | undefined, tab: string | undefined, id: string | undefined): SandboxResponse => {
    // Any org id renders (with the one org's data), so a test can show the extension a page of
    // "another org" than the one it is connected to.
    if (org !== undefined && !/^org\d+$/.test(org)) return notFoundPage();
    const module = moduleByTab(tab ?? '');
    if (!module) return notFoundPage();
    if (id === undefined) return shell(module.label);
    const record = sandbox.store.get(module.apiName, id);
    return record ? shell(recordName(module, record)) : notFoundPage();
  };
  router.add('GET', '/crm/tab/:tab', ({ params }) => page(undefined, params.tab, undefined));
  router.add('GET', '/crm/tab/:tab/:id', ({ params }) => page(undefined, params.tab, params.id));
  router.add('GET', '/crm/:org/tab/:tab', ({ params }) => page(params.org, params.tab, undefined));
  router.add('GET', '/crm/:org/tab/:tab/:id', ({ params }) => page(params.org, params.tab, params.id));
  // The same pages at Zoho One's address (`/zohoone/<org>/home/cxapp/crm/…`), drawn in place: how
  // Zoho One really draws CRM (a frame of crm.zoho.*?) is UNCONFIRMED; this checks the extension
  // finds the record in Zoho One's address and shows one panel for it.
  const ONE = '/zohoone/:one/home/cxapp/crm';
  router.add('GET', `${ONE}/tab/:tab`, ({ params }) => page(undefined, params.tab, undefined));
  router.add('GET', `${ONE}/tab/:tab/:id`, ({ params }) => page(undefined, params.tab, params.id));
  router.add('GET', `${ONE}/:org/tab/:tab`, ({ params }) => page(params.org, params.tab, undefined));
  router.add('GET', `${ONE}/:org/tab/:tab/:id`, ({ params }) => page(params.org, params.tab, params.id));
}

/** Assets and JSON under /__sandbox/ui/ (not logged, no faults). */
export function registerUiInternals(router: Router, sandbox: SandboxState): void {
  router.add('GET', '/__sandbox/ui/meta', () => {
    const user = signedInUser(sandbox);
    return json(200, {
      org: { zgid: sandbox.store.org.zgid, company_name: sandbox.store.org.company_name },
      tabs: UI_MODULES.map((module) => ({ tab: module.tab, label: module.label, module: module.apiName })),
      user: user ? { id: user.id, full_name: user.full_name, email: user.email } : null,
    });
  });
  router.add('GET', '/__sandbox/ui/list/:tab', ({ params }) => {
    const module = moduleByTab(params.tab ?? '');
    return module ? json(200, listView(sandbox, module)) : json(404, { error: 'unknown tab' });
  });
  router.add('GET', '/__sandbox/ui/record/:tab/:id', ({ params }) => {
    const module = moduleByTab(params.tab ?? '');
    const record = module ? sandbox.store.get(module.apiName, params.id ?? '') : undefined;
    return module && record ? json(200, recordView(sandbox, module, record)) : json(404, { error: 'no such record' });
  });
  // Browsers ask for it on their own; answering here keeps it out of the request log.
  router.add('GET', '/favicon.ico', () => redirect('/__sandbox/ui/favicon.svg', 301));
  router.add('GET', '/__sandbox/ui/:asset', ({ params }) => {
    const asset = ASSETS[params.asset ?? ''];
    return asset
      ? { status: 200, headers: { 'content-type': asset.type, 'cache-control': 'no-cache' }, body: asset.body }
      : json(404, { error: 'no such asset' });
  });
}
