// Which Zoho CRM record is this page? URL in, record out (or null): pure, so the content script
// re-runs it on every SPA navigation and Node tests table-test it (reference/zoho-api.md §5).
import { dataCentreOfCrmHost, type DataCentreId } from './dataCentres';

export interface ZohoRecordPage {
  /** API module name (`Deals`, `Sales_Orders`, `CustomModule3`), not the UI tab name. */
  module: string;
  /** Digit string, usually 19 digits. */
  recordId: string;
  /** Digits after `org` in the path; Zoho hosts may leave the segment out. */
  orgId: string | null;
  /**
   * From the host through the data-centre table; null on the local sandbox and on a custom
   * domain, where the caller (not this parser) decides whether the domain is trusted.
   */
  dataCentre: DataCentreId | null;
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
// `/crm/org<ORGID>/tab/<Tab>/<recordId>`, org segment optional, one trailing slash allowed.
// Create, edit, clone, list and settings pages all fail it.
const RECORD_PATH = /^\/crm\/(?:org(\d{1,20})\/)?tab\/([A-Za-z][A-Za-z0-9_]*)\/(\d{1,25})\/?$/;

// The sandbox runs here (dataCentres.ts SANDBOX_HOST_PATTERNS), on any port, http allowed.
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1']);

// A registrable-looking name: dotted, no trailing dot, last label not numeric (so no IP).
const DOMAIN_NAME = /^(?:[a-z0-9-]+\.)+[a-z0-9-]*[a-z][a-z0-9-]*$/;

interface Site {
  dataCentre: DataCentreId | null;
  /** Custom domains always keep `org<ID>` in the path: without it the shape is not Zoho's. */
  needsOrg: boolean;
}

function siteOf(url: URL): Site | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  // `https://crm.zoho.com@evil.com/` puts the Zoho name in the userinfo; Zoho never uses one.
  if (url.username !== '' || url.password !== '') return null;
  const host = url.hostname; // already lower-case and punycode; brackets kept on IPv6

  const dc = dataCentreOfCrmHost(host);
  if (dc) return url.protocol === 'https:' && url.port === '' ? { dataCentre: dc.id, needsOrg: false } : null;
  // Anything else naming Zoho (`crm.zoho.com.evil.io`, `crm-zoho.com`, `crm.zoho.com.`) is a look-alike.
  if (host.includes('zoho')) return null;
  if (LOOPBACK_HOSTS.has(host)) return { dataCentre: null, needsOrg: false };
  if (url.protocol !== 'https:' || url.port !== '' || !DOMAIN_NAME.test(host)) return null;
  return { dataCentre: null, needsOrg: true };
}

/**
 * The record a Zoho CRM page shows, or null for every other page (lists, create/edit pages,
 * settings, other Zoho apps, look-alike hosts, malformed input). Never throws.
 */
export function parseZohoUrl(url: string | URL): ZohoRecordPage | null {
  let parsed: URL;
  try {
    // Re-parse a URL object too: the caller keeps theirs, and odd input fails here, not later.
    parsed = new URL(typeof url === 'string' ? url : url.href);
  } catch {
    return null;
  }
  const site = siteOf(parsed);
  if (!site) return null;
  const match = RECORD_PATH.exec(parsed.pathname);
  if (!match) return null;
  const [, orgId, tab, recordId] = match;
  if (tab === undefined || recordId === undefined) return null;
  if (site.needsOrg && orgId === undefined) return null;
  const module = moduleForTab(tab);
  if (!module) return null;
  return { module, recordId, orgId: orgId ?? null, dataCentre: site.dataCentre };
}

/** Link to a record page under `origin` (`https://crm.zoho.eu`, `location.origin`); null if the parts cannot make one. */
export function recordPageUrl(origin: string, page: Pick<ZohoRecordPage, 'module' | 'recordId' | 'orgId'>): string | null {
  const tab = tabForModule(page.module);
  if (!tab || !RECORD_ID.test(page.recordId)) return null;
  if (page.orgId !== null && !ORG_ID.test(page.orgId)) return null;
  let base: URL;
  try {
    base = new URL(origin);
  } catch {
    return null;
  }
  const org = page.orgId === null ? '' : `/org${page.orgId}`;
  return `${base.origin}/crm${org}/tab/${tab}/${page.recordId}`;
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
]);

export function isDealPage(url: string | URL): boolean {
  return parseZohoUrl(url)?.module === 'Deals';
}
/* @__PURE__ */ addTests('isDealPage', [
  'https://crm.zoho.in/crm/org60012345678/tab/Potentials/5725767000000458003?sub_module=Notes',
  'http://127.0.0.1:8787/crm/tab/Potentials/5725767000000458008',
]);

export function isContactPage(url: string | URL): boolean {
  return parseZohoUrl(url)?.module === 'Contacts';
}
/* @__PURE__ */ addTests('isContactPage', [
  'https://crm.zoho.com/crm/org20104578/tab/Contacts/5725767000000458001',
  'http://localhost:8787/crm/org20104578/tab/Contacts/5725767000000458007',
]);

export function isLeadPage(url: string | URL): boolean {
  return parseZohoUrl(url)?.module === 'Leads';
}
/* @__PURE__ */ addTests('isLeadPage', [
  'https://crm.zoho.eu/crm/tab/Leads/5725767000000458002',
  'https://crm.acme-corp.com/crm/org20104578/tab/Leads/5725767000000458009',
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
]);
