// Which Zoho CRM record is this page? URL in, record out (or null): pure, so the content script
// re-runs it on every SPA navigation and Node tests table-test it (reference/zoho-api.md §5).
// CRM shows its record pages on its own hosts, on its sandbox orgs' hosts, and inside Zoho One
// and CRM Plus, each with its own path before CRM's `/crm/…/tab/<Tab>/<id>`.
import { crmSiteOfHost, type CrmSite, type DataCentreId } from './dataCentres';

export interface ZohoRecordPage {
  /** API module name (`Deals`, `Sales_Orders`, `CustomModule3`), not the UI tab name. */
  module: string;
  /** Digit string, usually 19 digits. */
  recordId: string;
  /**
   * Digits after `org` in the path. Null when the segment is missing, or is a name (sandbox orgs
   * and some CRM Plus orgs put a name there: `/crm/acmesandbox/tab/…`).
   */
  orgId: string | null;
  /**
   * From the host through the data-centre table; null on the local sandbox and on a custom
   * domain, where the caller (not this parser) decides whether the domain is trusted.
   */
  dataCentre: DataCentreId | null;
  /**
   * A Zoho CRM sandbox org (`crmsandbox.zoho.*`): a separate org whose API lives elsewhere
   * (`sandbox.zohoapis.*`, UNCONFIRMED), so the connected production org does not hold its records.
   */
  sandboxOrg: boolean;
}

// Real URLs sit beside each predicate, as in refined-github's github-url-detection, and the
// test checks every predicate against every URL listed anywhere in this file. The calls are
// marked pure so the bundler drops them, strings and all, from the extension.
const examples = /* @__PURE__ */ new Map<string, readonly string[]>();
function addTests(predicate: string, urls: readonly string[]): void {
  examples.set(predicate, urls);
}
/** For the tests only: the URLs that each `is…` predicate must accept (and no others). */
export function getTests(): ReadonlyMap<string, readonly string[]> {
  return examples;
}

// UI tab in the URL → API module, one row per standard module Zoho shows as a tab.
// `CustomModuleN` is the same on both sides and is handled by pattern, not listed.
const TAB_MODULES = [
  ['Leads', 'Leads'],
  ['Contacts', 'Contacts'],
  ['Accounts', 'Accounts'],
  ['Potentials', 'Deals'],
  ['Tasks', 'Tasks'],
  ['Events', 'Events'],
  ['Calls', 'Calls'],
  ['Products', 'Products'],
  ['Vendors', 'Vendors'],
  ['Campaigns', 'Campaigns'],
  ['Cases', 'Cases'],
  ['Solutions', 'Solutions'],
  ['Quotes', 'Quotes'],
  ['Invoices', 'Invoices'],
  ['SalesOrders', 'Sales_Orders'],
  ['PurchaseOrders', 'Purchase_Orders'],
  ['PriceBooks', 'Price_Books'],
] as const;

// Maps, not object lookups, so `constructor` or `__proto__` in a URL is never a module.
const MODULE_OF_TAB: ReadonlyMap<string, string> = new Map(TAB_MODULES);
const TAB_OF_MODULE: ReadonlyMap<string, string> = new Map(TAB_MODULES.map(([tab, module]) => [module, tab]));
const CUSTOM_MODULE = /^CustomModule[1-9]\d{0,5}$/;

/** `Potentials` → `Deals`, `CustomModule2` → `CustomModule2`; null for any other tab. */
export function moduleForTab(tab: string): string | null {
  if (CUSTOM_MODULE.test(tab)) return tab;
  return MODULE_OF_TAB.get(tab) ?? null;
}

/** The inverse, for building record links: `Deals` → `Potentials`; null if unknown. */
export function tabForModule(module: string): string | null {
  if (CUSTOM_MODULE.test(module)) return module;
  return TAB_OF_MODULE.get(module) ?? null;
}

const ORG_ID = /^\d{1,20}$/;
const RECORD_ID = /^\d{1,25}$/;

// Where CRM's own path starts, per kind of site (regex sources, matched from the path's start):
// - CRM, its sandbox orgs, custom domains, the local sandbox: `/crm`.
// - Zoho One: `/zohoone/<org>/home/cxapp/crm`, or inside a space `/zohoone/<org>/home/cxapp-spaces/<space>/crm`.
// - CRM Plus: `/<portal>/index.do/cxapp/crm`.
// The suites are also allowed the bare `/crm` (CRM Plus serves CRM's own files there; whether a
// record page is ever shown so is UNCONFIRMED, and the shape is CRM's either way).
const NAME = '[A-Za-z0-9_-]{1,100}';
const CRM_ROOT = String.raw`\/crm`;
const ONE_ROOT = String.raw`\/zohoone\/${NAME}\/home\/(?:cxapp|cxapp-spaces\/${NAME})\/crm`;
const CRMPLUS_ROOT = String.raw`\/${NAME}\/index\.do\/cxapp\/crm`;
const ROOTS: Record<CrmSite | 'local' | 'custom', readonly string[]> = {
  crm: [CRM_ROOT],
  crmsandbox: [CRM_ROOT],
  one: [ONE_ROOT, CRM_ROOT],
  crmplus: [CRMPLUS_ROOT, CRM_ROOT],
  // The local sandbox serves the Zoho One shape too, for the e2e test of it.
  local: [CRM_ROOT, ONE_ROOT, CRMPLUS_ROOT],
  custom: [CRM_ROOT],
};

// After the root: an optional org segment — `org<ID>`, or a name (sandbox orgs, some CRM Plus
// orgs; a name starting with `org` is taken for a malformed id and refused) — then
// `tab/<Tab>/<recordId>`, one trailing slash allowed. Create, edit, clone, list and settings
// pages all fail it.
const AFTER_ROOT = String.raw`\/(?:(?:org(\d{1,20})|((?!org)[a-z0-9][a-z0-9_-]{0,62}))\/)?tab\/([A-Za-z][A-Za-z0-9_]*)\/(\d{1,25})\/?$`;
const recordPath = (root: string) => new RegExp(`^(${root})${AFTER_ROOT}`);
const ROOT_PATHS = new Map([CRM_ROOT, ONE_ROOT, CRMPLUS_ROOT].map((root) => [root, recordPath(root)]));
const ROOT_PREFIXES = new Map([CRM_ROOT, ONE_ROOT, CRMPLUS_ROOT].map((root) => [root, new RegExp(`^${root}(?=\\/|$)`)]));

// The sandbox runs here (dataCentres.ts SANDBOX_HOST_PATTERNS), on any port, http allowed.
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1']);

// A registrable-looking name: dotted, no trailing dot, last label not numeric (so no IP).
const DOMAIN_NAME = /^(?:[a-z0-9-]+\.)+[a-z0-9-]*[a-z][a-z0-9-]*$/;

interface Site {
  kind: CrmSite | 'local' | 'custom';
  dataCentre: DataCentreId | null;
}

function siteOf(url: URL): Site | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  // `https://crm.zoho.com@evil.com/` puts the Zoho name in the userinfo; Zoho never uses one.
  if (url.username !== '' || url.password !== '') return null;
  const host = url.hostname; // already lower-case and punycode; brackets kept on IPv6

  const zoho = crmSiteOfHost(host);
  if (zoho) return url.protocol === 'https:' && url.port === '' ? { kind: zoho.site, dataCentre: zoho.dataCentre.id } : null;
  // Anything else naming Zoho (`crm.zoho.com.evil.io`, `one.zoho.com.evil.example`, `crm.zoho.com.`) is a look-alike.
  if (host.includes('zoho')) return null;
  if (LOOPBACK_HOSTS.has(host)) return { kind: 'local', dataCentre: null };
  if (url.protocol !== 'https:' || url.port !== '' || !DOMAIN_NAME.test(host)) return null;
  return { kind: 'custom', dataCentre: null };
}

function parse(url: string | URL): URL | null {
  try {
    // Re-parse a URL object too: the caller keeps theirs, and odd input fails here, not later.
    return new URL(typeof url === 'string' ? url : url.href);
  } catch {
    return null;
  }
}

/**
 * The record a Zoho CRM page shows, or null for every other page (lists, create/edit pages,
 * settings, other Zoho apps, look-alike hosts, malformed input). Never throws.
 */
export function parseZohoUrl(url: string | URL): ZohoRecordPage | null {
  const parsed = parse(url);
  if (!parsed) return null;
  const site = siteOf(parsed);
  if (!site) return null;
  for (const root of ROOTS[site.kind]) {
    const match = ROOT_PATHS.get(root)?.exec(parsed.pathname);
    if (!match) continue;
    const [, , orgId, orgName, tab, recordId] = match;
    if (tab === undefined || recordId === undefined) return null;
    // Custom domains always keep `org<ID>` in the path: without it the shape is not Zoho's.
    if (site.kind === 'custom' && orgId === undefined) return null;
    if (orgName !== undefined && site.kind === 'custom') return null;
    const module = moduleForTab(tab);
    if (!module) return null;
    return { module, recordId, orgId: orgId ?? null, dataCentre: site.dataCentre, sandboxOrg: site.kind === 'crmsandbox' };
  }
  return null;
}

/**
 * Where CRM's paths start on the page at `from` (a page URL, or an origin for the hosts where
 * that is enough): `https://crm.zoho.eu/crm`, `https://one.zoho.com/zohoone/acme/home/cxapp/crm`.
 * Null for a suite's bare origin (the org or portal is in the path) and for anything not a CRM site.
 */
export function crmRootOf(from: string | URL): string | null {
  const parsed = parse(from);
  if (!parsed) return null;
  const site = siteOf(parsed);
  if (!site) return null;
  for (const root of ROOTS[site.kind]) {
    const prefix = ROOT_PREFIXES.get(root)?.exec(parsed.pathname)?.[0];
    if (prefix !== undefined) return `${parsed.origin}${prefix}`;
  }
  return ROOTS[site.kind][0] === CRM_ROOT ? `${parsed.origin}/crm` : null;
}

/**
 * Link to a record page beside the page at `from` (`location.href`; an origin does for CRM's own
 * hosts); null if the parts cannot make one.
 */
export function recordPageUrl(from: string | URL, page: Pick<ZohoRecordPage, 'module' | 'recordId' | 'orgId'>): string | null {
  const tab = tabForModule(page.module);
  if (!tab || !RECORD_ID.test(page.recordId)) return null;
  if (page.orgId !== null && !ORG_ID.test(page.orgId)) return null;
  const root = crmRootOf(from);
  if (!root) return null;
  const org = page.orgId === null ? '' : `/org${page.orgId}`;
  return `${root}${org}/tab/${tab}/${page.recordId}`;
}

/**
 * Whether the content script in this frame shows the panel: one panel per tab. The top frame
 * does, whenever its URL is a record page — Zoho One and CRM Plus keep CRM's route in their own
 * address (`…/cxapp/crm/org…/tab/Leads/<id>`, as in links people share), so it carries the record
 * even if CRM draws inside a frame of theirs (UNCONFIRMED: how, and whether every in-CRM
 * navigation updates it). A sub-frame does only inside a page the script does not run on (CRM
 * framed by some other site), judged by its top origin, Chromium's `location.ancestorOrigins`
 * (nearest first); without that list (Firefox) a sub-frame stays quiet rather than risk a second panel.
 */
export function frameShowsPanel(frame: { top: boolean; ancestorOrigins: readonly string[] | null }): boolean {
  if (frame.top) return true;
  const topOrigin = frame.ancestorOrigins?.at(-1);
  if (topOrigin === undefined) return false;
  const parsed = parse(topOrigin);
  if (!parsed) return false;
  const site = siteOf(parsed);
  return site === null || site.kind === 'custom';
}

export function isRecordPage(url: string | URL): boolean {
  return parseZohoUrl(url) !== null;
}
/* @__PURE__ */ addTests('isRecordPage', [
  'https://crm.zoho.com/crm/org20104578/tab/Contacts/5725767000000458001',
  'https://crm.zoho.eu/crm/tab/Leads/5725767000000458002',
  'https://crm.zoho.in/crm/org60012345678/tab/Potentials/5725767000000458003?sub_module=Notes',
  'https://crm.zohocloud.ca/crm/org700123456/tab/Accounts/5725767000000458004/',
  'https://crm.zoho.com.cn/crm/org20104578/tab/SalesOrders/5725767000000458005#related',
  'https://crm.zoho.com.au/crm/org20104578/tab/CustomModule3/5725767000000458006',
  'http://localhost:8787/crm/org20104578/tab/Contacts/5725767000000458007',
  'http://127.0.0.1:8787/crm/tab/Potentials/5725767000000458008',
  'https://crm.acme-corp.com/crm/org20104578/tab/Leads/5725767000000458009',
  'https://crm.zoho.ae/crm/org20104578/tab/Contacts/5725767000000458010',
  // Zoho One: CRM inside the suite, the suite's org name first; also inside a space.
  'https://one.zoho.com/zohoone/acme/home/cxapp/crm/org749642405/tab/Leads/5725767000000458011',
  'https://one.zoho.eu/zohoone/acme-gmbh/home/cxapp/crm/org20104578/tab/Potentials/5725767000000458012',
  'https://one.zoho.com/zohoone/acme/home/cxapp-spaces/sales/crm/org899488274/tab/Contacts/5725767000000458013',
  // CRM Plus: the portal name, then `index.do/cxapp`; some orgs have a name for a segment.
  'https://crmplus.zoho.com/acme/index.do/cxapp/crm/org768815691/tab/Potentials/5725767000000458014',
  'https://crmplus.zoho.in/acme22101/index.do/cxapp/crm/org60057545957/tab/Leads/5725767000000458015',
  'https://crmplus.zoho.com/zoho10446/index.do/cxapp/crm/eshopbox/tab/Potentials/5725767000000458016',
  // CRM sandbox orgs: the sandbox's name (its "access URL") in place of `org<ID>`.
  'https://crmsandbox.zoho.com/crm/acmesandbox/tab/Contacts/5725767000000458017',
  'https://crmsandbox.zoho.eu/crm/org20104578/tab/Leads/5725767000000458018',
  // The local sandbox's Zoho One-shaped page.
  'http://localhost:8787/zohoone/sandbox/home/cxapp/crm/org20104578/tab/Contacts/5725767000000458019',
]);

export function isDealPage(url: string | URL): boolean {
  return parseZohoUrl(url)?.module === 'Deals';
}
/* @__PURE__ */ addTests('isDealPage', [
  'https://crm.zoho.in/crm/org60012345678/tab/Potentials/5725767000000458003?sub_module=Notes',
  'http://127.0.0.1:8787/crm/tab/Potentials/5725767000000458008',
  'https://one.zoho.eu/zohoone/acme-gmbh/home/cxapp/crm/org20104578/tab/Potentials/5725767000000458012',
  'https://crmplus.zoho.com/acme/index.do/cxapp/crm/org768815691/tab/Potentials/5725767000000458014',
  'https://crmplus.zoho.com/zoho10446/index.do/cxapp/crm/eshopbox/tab/Potentials/5725767000000458016',
]);

export function isContactPage(url: string | URL): boolean {
  return parseZohoUrl(url)?.module === 'Contacts';
}
/* @__PURE__ */ addTests('isContactPage', [
  'https://crm.zoho.com/crm/org20104578/tab/Contacts/5725767000000458001',
  'http://localhost:8787/crm/org20104578/tab/Contacts/5725767000000458007',
  'https://crm.zoho.ae/crm/org20104578/tab/Contacts/5725767000000458010',
  'https://one.zoho.com/zohoone/acme/home/cxapp-spaces/sales/crm/org899488274/tab/Contacts/5725767000000458013',
  'https://crmsandbox.zoho.com/crm/acmesandbox/tab/Contacts/5725767000000458017',
  'http://localhost:8787/zohoone/sandbox/home/cxapp/crm/org20104578/tab/Contacts/5725767000000458019',
]);

export function isLeadPage(url: string | URL): boolean {
  return parseZohoUrl(url)?.module === 'Leads';
}
/* @__PURE__ */ addTests('isLeadPage', [
  'https://crm.zoho.eu/crm/tab/Leads/5725767000000458002',
  'https://crm.acme-corp.com/crm/org20104578/tab/Leads/5725767000000458009',
  'https://one.zoho.com/zohoone/acme/home/cxapp/crm/org749642405/tab/Leads/5725767000000458011',
  'https://crmplus.zoho.in/acme22101/index.do/cxapp/crm/org60057545957/tab/Leads/5725767000000458015',
  'https://crmsandbox.zoho.eu/crm/org20104578/tab/Leads/5725767000000458018',
]);

// Pages every predicate above must reject: the shapes next to a record page that are not one.
/* @__PURE__ */ addTests('notRecordPage', [
  'https://crm.zoho.com/crm/org20104578/tab/Contacts',
  'https://crm.zoho.com/crm/org20104578/tab/Potentials?cvid=5725767000000087501',
  'https://crm.zoho.com/crm/org20104578/tab/Leads/create',
  'https://crm.zoho.com/crm/org20104578/tab/Contacts/5725767000000458001/edit',
  'https://crm.zoho.com/crm/org20104578/settings/modules',
  'https://crm.zoho.com/crm/org20104578/tab/Home/begin',
  'https://crm.zoho.com.evil.io/crm/org20104578/tab/Contacts/5725767000000458001',
  'https://crm.zoho.com@evil.com/crm/org20104578/tab/Contacts/5725767000000458001',
  'https://crm.acme-corp.com/crm/tab/Contacts/5725767000000458001',
  'https://one.zoho.com/zohoone/acme/home',
  'https://one.zoho.com/zohoone/acme/home/cxapp/crm/org749642405/tab/Home/begin',
  'https://one.zoho.com/zohoone/acme/home/cxapp/crm/org749642405/tab/Leads',
  'https://one.zoho.com/zohoone/acme/home/cxapp/desk/agent/acme/acme/tickets/details/5725767000000458001',
  'https://one.zoho.com/zohoone/acme/home/cxapp/people/zpeoplehr/zp#home/user/profile-id:5725767000000458001',
  'https://one.zoho.com/zohoone/acme/adminhome#/users/new',
  'https://one.zoho.com.evil.example/zohoone/acme/home/cxapp/crm/org749642405/tab/Leads/5725767000000458011',
  'https://crmplus.zoho.com/acme/index.do/cxapp/crm/org768815691/settings/connections',
  'https://crmplus.zoho.com/acme/index.do/cxapp/projects/acme#taskdetail/403027000003095123',
  'https://crmsandbox.zoho.com/crm/acmesandbox/tab/Contacts',
  'https://crmsandbox.zoho.com.evil.example/crm/acmesandbox/tab/Contacts/5725767000000458017',
]);
