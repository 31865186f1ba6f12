import { describe, expect, it } from 'vitest';
import type { DataCentreId } from './dataCentres';
import * as zohoUrl from './url';
import { getTests, moduleForTab, parseZohoUrl, recordPageUrl, tabForModule, type ZohoRecordPage } from './url';

const ORG = '20104578';
const ID = '5725767000000458001';

function page(module: string, recordId: string, orgId: string | null, dataCentre: DataCentreId | null): ZohoRecordPage {
  return { module, recordId, orgId, dataCentre };
}

// Record pages, with what they parse to.
const RECORD_PAGES: [url: string, expected: ZohoRecordPage][] = [
  // Every data centre, with the org segment…
  [`https://crm.zoho.com/crm/org${ORG}/tab/Contacts/${ID}`, page('Contacts', ID, ORG, 'us')],
  [`https://crm.zoho.eu/crm/org${ORG}/tab/Contacts/${ID}`, page('Contacts', ID, ORG, 'eu')],
  [`https://crm.zoho.in/crm/org60012345678/tab/Contacts/${ID}`, page('Contacts', ID, '60012345678', 'in')],
  [`https://crm.zoho.com.au/crm/org${ORG}/tab/Contacts/${ID}`, page('Contacts', ID, ORG, 'au')],
  [`https://crm.zoho.jp/crm/org${ORG}/tab/Contacts/${ID}`, page('Contacts', ID, ORG, 'jp')],
  [`https://crm.zohocloud.ca/crm/org700123456/tab/Contacts/${ID}`, page('Contacts', ID, '700123456', 'ca')],
  [`https://crm.zoho.sa/crm/org${ORG}/tab/Contacts/${ID}`, page('Contacts', ID, ORG, 'sa')],
  [`https://crm.zoho.com.cn/crm/org${ORG}/tab/Contacts/${ID}`, page('Contacts', ID, ORG, 'cn')],
  [`https://crm.zoho.uk/crm/org${ORG}/tab/Contacts/${ID}`, page('Contacts', ID, ORG, 'uk')],
  // …and without it.
  ['https://crm.zoho.com/crm/tab/Leads/4876876000000328011', page('Leads', '4876876000000328011', null, 'us')],
  ['https://crm.zoho.eu/crm/tab/Leads/4876876000000328012', page('Leads', '4876876000000328012', null, 'eu')],
  ['https://crm.zoho.in/crm/tab/Leads/4876876000000328013', page('Leads', '4876876000000328013', null, 'in')],
  ['https://crm.zoho.com.au/crm/tab/Leads/4876876000000328014', page('Leads', '4876876000000328014', null, 'au')],
  ['https://crm.zoho.jp/crm/tab/Leads/4876876000000328015', page('Leads', '4876876000000328015', null, 'jp')],
  ['https://crm.zohocloud.ca/crm/tab/Leads/4876876000000328016', page('Leads', '4876876000000328016', null, 'ca')],
  ['https://crm.zoho.sa/crm/tab/Leads/4876876000000328017', page('Leads', '4876876000000328017', null, 'sa')],
  ['https://crm.zoho.com.cn/crm/tab/Leads/4876876000000328018', page('Leads', '4876876000000328018', null, 'cn')],
  ['https://crm.zoho.uk/crm/tab/Leads/4876876000000328019', page('Leads', '4876876000000328019', null, 'uk')],
  // Every standard tab → API module.
  [`https://crm.zoho.com/crm/org${ORG}/tab/Potentials/${ID}`, page('Deals', ID, ORG, 'us')],
  [`https://crm.zoho.com/crm/org${ORG}/tab/Accounts/${ID}`, page('Accounts', ID, ORG, 'us')],
  [`https://crm.zoho.com/crm/org${ORG}/tab/Tasks/${ID}`, page('Tasks', ID, ORG, 'us')],
  [`https://crm.zoho.com/crm/org${ORG}/tab/Events/${ID}`, page('Events', ID, ORG, 'us')],
  [`https://crm.zoho.com/crm/org${ORG}/tab/Calls/${ID}`, page('Calls', ID, ORG, 'us')],
  [`https://crm.zoho.com/crm/org${ORG}/tab/Products/${ID}`, page('Products', ID, ORG, 'us')],
  [`https://crm.zoho.com/crm/org${ORG}/tab/Vendors/${ID}`, page('Vendors', ID, ORG, 'us')],
  [`https://crm.zoho.com/crm/org${ORG}/tab/Campaigns/${ID}`, page('Campaigns', ID, ORG, 'us')],
  [`https://crm.zoho.com/crm/org${ORG}/tab/Cases/${ID}`, page('Cases', ID, ORG, 'us')],
  [`https://crm.zoho.com/crm/org${ORG}/tab/Solutions/${ID}`, page('Solutions', ID, ORG, 'us')],
  [`https://crm.zoho.com/crm/org${ORG}/tab/Quotes/${ID}`, page('Quotes', ID, ORG, 'us')],
  [`https://crm.zoho.com/crm/org${ORG}/tab/Invoices/${ID}`, page('Invoices', ID, ORG, 'us')],
  [`https://crm.zoho.com/crm/org${ORG}/tab/SalesOrders/${ID}`, page('Sales_Orders', ID, ORG, 'us')],
  [`https://crm.zoho.com/crm/org${ORG}/tab/PurchaseOrders/${ID}`, page('Purchase_Orders', ID, ORG, 'us')],
  [`https://crm.zoho.com/crm/org${ORG}/tab/PriceBooks/${ID}`, page('Price_Books', ID, ORG, 'us')],
  [`https://crm.zoho.eu/crm/org${ORG}/tab/CustomModule1/${ID}`, page('CustomModule1', ID, ORG, 'eu')],
  [`https://crm.zoho.eu/crm/org${ORG}/tab/CustomModule12/${ID}`, page('CustomModule12', ID, ORG, 'eu')],
  [`https://crm.zoho.com.au/crm/tab/CustomModule3/${ID}`, page('CustomModule3', ID, null, 'au')],
  // Deals elsewhere.
  ['https://crm.zoho.in/crm/org60012345678/tab/Potentials/3652397000001234567', page('Deals', '3652397000001234567', '60012345678', 'in')],
  ['https://crm.zoho.jp/crm/tab/Potentials/3652397000001234568', page('Deals', '3652397000001234568', null, 'jp')],
  ['https://crm.zoho.com.cn/crm/org41234567/tab/Potentials/3652397000001234569', page('Deals', '3652397000001234569', '41234567', 'cn')],
  ['https://crm.zohocloud.ca/crm/tab/Potentials/3652397000001234570', page('Deals', '3652397000001234570', null, 'ca')],
  // Query strings, hashes, trailing slash.
  [`https://crm.zoho.com/crm/org${ORG}/tab/Contacts/${ID}/`, page('Contacts', ID, ORG, 'us')],
  [`https://crm.zoho.com/crm/org${ORG}/tab/Contacts/${ID}?sub_module=Notes`, page('Contacts', ID, ORG, 'us')],
  [`https://crm.zoho.com/crm/org${ORG}/tab/Potentials/${ID}?sub_module=Activities&layoutId=5725767000000091055`, page('Deals', ID, ORG, 'us')],
  [`https://crm.zoho.eu/crm/org${ORG}/tab/Leads/${ID}#`, page('Leads', ID, ORG, 'eu')],
  [`https://crm.zoho.eu/crm/org${ORG}/tab/Leads/${ID}#timeline`, page('Leads', ID, ORG, 'eu')],
  [`https://crm.zoho.in/crm/tab/Accounts/${ID}/?sub_module=Contacts#related`, page('Accounts', ID, null, 'in')],
  [`https://crm.zoho.com/crm/tab/Contacts/${ID}?`, page('Contacts', ID, null, 'us')],
  // Host case, the default port spelled out, record id lengths, org id lengths.
  [`https://CRM.ZOHO.EU/crm/org${ORG}/tab/Contacts/${ID}`, page('Contacts', ID, ORG, 'eu')],
  [`https://Crm.ZohoCloud.Ca/crm/tab/Contacts/${ID}`, page('Contacts', ID, null, 'ca')],
  [`https://crm.zoho.com:443/crm/org${ORG}/tab/Contacts/${ID}`, page('Contacts', ID, ORG, 'us')],
  ['https://crm.zoho.com/crm/org1/tab/Contacts/7', page('Contacts', '7', '1', 'us')],
  ['https://crm.zoho.com/crm/org7000000012345/tab/Contacts/572576700000045800', page('Contacts', '572576700000045800', '7000000012345', 'us')],
  ['https://crm.zoho.com/crm/tab/Contacts/1234567890123456789012345', page('Contacts', '1234567890123456789012345', null, 'us')],
  // The local sandbox: http, any port, org optional, no data centre.
  [`http://localhost:8787/crm/org${ORG}/tab/Contacts/${ID}`, page('Contacts', ID, ORG, null)],
  [`http://localhost:8787/crm/tab/Potentials/${ID}`, page('Deals', ID, null, null)],
  [`http://localhost/crm/org${ORG}/tab/Leads/${ID}?sub_module=Notes`, page('Leads', ID, ORG, null)],
  [`https://localhost:5173/crm/org${ORG}/tab/Accounts/${ID}/`, page('Accounts', ID, ORG, null)],
  [`http://127.0.0.1:8787/crm/org${ORG}/tab/Potentials/${ID}`, page('Deals', ID, ORG, null)],
  [`http://127.0.0.1:41234/crm/tab/Contacts/${ID}#x`, page('Contacts', ID, null, null)],
  [`http://LOCALHOST:8787/crm/tab/CustomModule2/${ID}`, page('CustomModule2', ID, null, null)],
  // Custom domains: https and the org segment, no data centre.
  [`https://crm.acme-corp.com/crm/org${ORG}/tab/Contacts/${ID}`, page('Contacts', ID, ORG, null)],
  [`https://crm.acme-corp.com/crm/org${ORG}/tab/Potentials/${ID}?sub_module=Notes`, page('Deals', ID, ORG, null)],
  [`https://sales.eu.example.co.uk/crm/org${ORG}/tab/Leads/${ID}/`, page('Leads', ID, ORG, null)],
  [`https://CRM.Acme-Corp.com:443/crm/org${ORG}/tab/SalesOrders/${ID}#top`, page('Sales_Orders', ID, ORG, null)],
  [`https://crm.xn--bcher-kva.example/crm/org${ORG}/tab/Accounts/${ID}`, page('Accounts', ID, ORG, null)],
  [`https://crm.bücher.example/crm/org${ORG}/tab/Accounts/${ID}`, page('Accounts', ID, ORG, null)],
];

// Everything else: each must give null, never throw.
const NOT_RECORD_PAGES: string[] = [
  // Other pages of Zoho CRM.
  `https://crm.zoho.com/crm/org${ORG}/tab/Contacts`,
  `https://crm.zoho.com/crm/org${ORG}/tab/Contacts/`,
  `https://crm.zoho.com/crm/org${ORG}/tab/Contacts?cvid=5725767000000087501`,
  `https://crm.zoho.com/crm/tab/Potentials?cvid=5725767000000087501&page=2`,
  `https://crm.zoho.com/crm/org${ORG}/tab/Potentials/custom-view/5725767000000087501/kanban`,
  `https://crm.zoho.com/crm/org${ORG}/tab/Contacts/create`,
  `https://crm.zoho.eu/crm/org${ORG}/tab/Leads/create?layoutId=5725767000000091055`,
  `https://crm.zoho.com/crm/org${ORG}/tab/Contacts/${ID}/edit`,
  `https://crm.zoho.com/crm/org${ORG}/tab/Contacts/${ID}/clone`,
  `https://crm.zoho.com/crm/org${ORG}/tab/Potentials/${ID}/edit?layoutId=5725767000000091055`,
  `https://crm.zoho.com/crm/tab/Leads/${ID}/convert`,
  `https://crm.zoho.com/crm/org${ORG}/settings/modules`,
  `https://crm.zoho.com/crm/org${ORG}/settings/users/${ID}`,
  `https://crm.zoho.com/crm/org${ORG}/tab/Home/begin`,
  `https://crm.zoho.com/crm/org${ORG}/tab/Home`,
  'https://crm.zoho.com/crm/',
  'https://crm.zoho.com/',
  `https://crm.zoho.com/crm/ShowEntityInfo.do?id=${ID}&module=Contacts`,
  // Tab names Zoho does not use, and malformed segments.
  `https://crm.zoho.com/crm/org${ORG}/tab/Deals/${ID}`,
  `https://crm.zoho.com/crm/org${ORG}/tab/contacts/${ID}`,
  `https://crm.zoho.com/crm/org${ORG}/tab/Sales_Orders/${ID}`,
  `https://crm.zoho.com/crm/org${ORG}/tab/Widgets/${ID}`,
  `https://crm.zoho.com/crm/org${ORG}/tab/CustomModule/${ID}`,
  `https://crm.zoho.com/crm/org${ORG}/tab/CustomModule0/${ID}`,
  `https://crm.zoho.com/crm/org${ORG}/tab/constructor/${ID}`,
  `https://crm.zoho.com/crm/org${ORG}/tab/__proto__/${ID}`,
  `https://crm.zoho.com/crm/org${ORG}/tab/Contacts/abc`,
  `https://crm.zoho.com/crm/org${ORG}/tab/Contacts/12345678901234567890123456`,
  `https://crm.zoho.com/crm/org${ORG}/tab/Contacts/%35%37%32%35`,
  `https://crm.zoho.com/crm/org${ORG}/tab/Contacts/${ID}%2Fedit`,
  `https://crm.zoho.com/crm/org${ORG}/tab/Contacts/-${ID}`,
  `https://crm.zoho.com/crm/orgacme/tab/Contacts/${ID}`,
  `https://crm.zoho.com/crm/org/tab/Contacts/${ID}`,
  `https://crm.zoho.com/crm//tab/Contacts/${ID}`,
  `https://crm.zoho.com/crm/org${ORG}/tab/Contacts/${ID}//`,
  `https://crm.zoho.com/org${ORG}/tab/Contacts/${ID}`,
  `https://crm.zoho.com/CRM/org${ORG}/tab/Contacts/${ID}`,
  `https://crm.zoho.com/crm/org${ORG}/Tab/Contacts/${ID}`,
  // Other Zoho apps and hosts.
  'https://mail.zoho.com/zm/#mail/folder/inbox',
  `https://mail.zoho.com/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://desk.zoho.com/agent/acme/acme/tickets/details/${ID}`,
  `https://books.zoho.com/app/60012345678#/contacts/${ID}`,
  `https://one.zoho.com/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://crmplus.zoho.com/acme/index.do/cxapp/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://www.zoho.com/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://zoho.com/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://accounts.zoho.com/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://www.zohoapis.com/crm/v8/Contacts/${ID}`,
  `https://crm.zoho.ca/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://crm.zohocloud.com/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://crm.zoho.co/crm/org${ORG}/tab/Contacts/${ID}`,
  // Look-alikes.
  `https://crm.zoho.com.evil.io/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://CRM.ZOHO.COM.EVIL.IO/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://crm-zoho.com/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://crmzoho.com/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://zoho.com.attacker.net/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://crm.zoho.eu.attacker.net/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://evil.com/crm.zoho.com/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://evil.com\\crm.zoho.com/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://crm.zoho.com./crm/org${ORG}/tab/Contacts/${ID}`,
  `https://crm.zoho.com:8443/crm/org${ORG}/tab/Contacts/${ID}`,
  `http://crm.zoho.com/crm/org${ORG}/tab/Contacts/${ID}`,
  // Userinfo tricks.
  `https://crm.zoho.com@evil.com/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://crm.zoho.com:443@evil.com/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://user:pass@crm.zoho.com/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://user@crm.zoho.com/crm/org${ORG}/tab/Contacts/${ID}`,
  // Custom domains need https, the org segment, a plain port and a domain name.
  `http://crm.acme-corp.com/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://crm.acme-corp.com/crm/tab/Contacts/${ID}`,
  `https://crm.acme-corp.com:8443/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://crm.acme-corp.com./crm/org${ORG}/tab/Contacts/${ID}`,
  `https://10.0.0.5/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://[2001:db8::1]/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://intranet/crm/org${ORG}/tab/Contacts/${ID}`,
  `http://localhost.evil.com:8787/crm/tab/Contacts/${ID}`,
  `http://[::1]:8787/crm/org${ORG}/tab/Contacts/${ID}`,
  `http://localhost:8787/crm/org${ORG}/tab/Contacts`,
  // Not http(s).
  `javascript:alert(1)//https://crm.zoho.com/crm/org${ORG}/tab/Contacts/${ID}`,
  `data:text/html,https://crm.zoho.com/crm/org${ORG}/tab/Contacts/${ID}`,
  `file:///crm/org${ORG}/tab/Contacts/${ID}`,
  `ftp://crm.zoho.com/crm/org${ORG}/tab/Contacts/${ID}`,
  `ws://localhost:8787/crm/tab/Contacts/${ID}`,
  'blob:https://crm.zoho.com/3f2a8c1e-1b7d-4c8e-9a55-0d7b3e2c1f00',
  `chrome-extension://abcdefghijklmnopabcdefghijklmnop/crm/org${ORG}/tab/Contacts/${ID}`,
  `view-source:https://crm.zoho.com/crm/org${ORG}/tab/Contacts/${ID}`,
  // Not URLs at all.
  '',
  ' ',
  'not a url',
  `/crm/org${ORG}/tab/Contacts/${ID}`,
  `//crm.zoho.com/crm/org${ORG}/tab/Contacts/${ID}`,
  `crm.zoho.com/crm/org${ORG}/tab/Contacts/${ID}`,
  'https://',
  'http://[::1',
  'https://crm.zoho.com:99999/crm/tab/Contacts/1',
];

describe('parseZohoUrl', () => {
  it.each(RECORD_PAGES)('%s', (url, expected) => {
    expect(parseZohoUrl(url)).toEqual(expected);
    expect(parseZohoUrl(new URL(url))).toEqual(expected);
  });

  it.each(NOT_RECORD_PAGES)('null for %j', (url) => {
    expect(parseZohoUrl(url)).toBeNull();
    if (URL.canParse(url)) expect(parseZohoUrl(new URL(url))).toBeNull();
  });

  it.each([undefined, null, 42, {}, [], Symbol('url'), { href: 7 }])('never throws on %s', (junk) => {
    expect(parseZohoUrl(junk as unknown as string)).toBeNull();
  });

  it('leaves the caller’s URL object alone', () => {
    const url = new URL(`https://crm.zoho.com/crm/org${ORG}/tab/Potentials/${ID}?sub_module=Notes`);
    parseZohoUrl(url);
    expect(url.href).toBe(`https://crm.zoho.com/crm/org${ORG}/tab/Potentials/${ID}?sub_module=Notes`);
  });
});

// refined-github style: every predicate against every URL. A URL listed in url.ts is true for
// the predicates it is listed under and false for all others; a table row above is true for
// the predicates its expected record satisfies. Where both speak, they must agree.
describe('predicates', () => {
  const predicates = Object.entries(zohoUrl).filter(
    ([name, fn]) => name.startsWith('is') && typeof fn === 'function',
  ) as [string, (url: string) => boolean][];
  const listed = getTests();
  const listedUrls = new Set([...listed.values()].flat());
  const tableRecord = new Map<string, ZohoRecordPage | null>([
    ...RECORD_PAGES,
    ...NOT_RECORD_PAGES.map((url): [string, null] => [url, null]),
  ]);
  const allUrls = [...new Set([...listedUrls, ...tableRecord.keys()])];

  const ofModule = (module: string) => (record: ZohoRecordPage | null) => record?.module === module;
  const meaning: Record<string, (record: ZohoRecordPage | null) => boolean> = {
    isRecordPage: (record) => record !== null,
    isDealPage: ofModule('Deals'),
    isContactPage: ofModule('Contacts'),
    isLeadPage: ofModule('Leads'),
  };

  it('every list in url.ts belongs to an exported predicate', () => {
    const names = new Set([...predicates.map(([name]) => name), 'notRecordPage']);
    expect([...listed.keys()].filter((name) => !names.has(name))).toEqual([]);
  });

  it('has enough URLs', () => {
    expect(RECORD_PAGES.length).toBeGreaterThanOrEqual(60);
    expect(NOT_RECORD_PAGES.length).toBeGreaterThanOrEqual(40);
  });

  describe.each(predicates)('%s', (name, predicate) => {
    const own = listed.get(name) ?? [];
    const means = meaning[name];

    it('has URLs beside it in url.ts and a meaning here', () => {
      expect(own.length).toBeGreaterThan(0);
      expect(means).toBeTypeOf('function');
    });

    it.each(allUrls)('%s', (url) => {
      const fromList = listedUrls.has(url) ? own.includes(url) : undefined;
      const fromTable = tableRecord.has(url) && means ? means(tableRecord.get(url) ?? null) : undefined;
      if (fromList !== undefined && fromTable !== undefined) expect(fromList).toBe(fromTable);
      expect(predicate(url)).toBe(fromList ?? fromTable);
    });
  });
});

describe('tabs and modules', () => {
  const pairs: [tab: string, module: string][] = [
    ['Potentials', 'Deals'],
    ['Contacts', 'Contacts'],
    ['Leads', 'Leads'],
    ['Accounts', 'Accounts'],
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
    ['CustomModule1', 'CustomModule1'],
    ['CustomModule27', 'CustomModule27'],
  ];

  it.each(pairs)('tab %s ↔ module %s', (tab, module) => {
    expect(moduleForTab(tab)).toBe(module);
    expect(tabForModule(module)).toBe(tab);
  });

  it.each(['Deals', 'Sales_Orders', 'Home', 'contacts', 'CustomModule', 'CustomModule0', 'constructor', '__proto__', 'toString', ''])(
    'no module for tab %j',
    (tab) => expect(moduleForTab(tab)).toBeNull(),
  );

  it.each(['Potentials', 'SalesOrders', 'Notes', 'Users', 'deals', 'constructor', 'hasOwnProperty', ''])(
    'no tab for module %j',
    (module) => expect(tabForModule(module)).toBeNull(),
  );
});

describe('recordPageUrl', () => {
  it.each(RECORD_PAGES)('round-trips %s', (url, expected) => {
    const link = recordPageUrl(new URL(url).origin, expected);
    expect(link).not.toBeNull();
    expect(parseZohoUrl(link ?? '')).toEqual(expected);
  });

  it('builds the link Zoho uses', () => {
    expect(recordPageUrl('https://crm.zoho.eu/', { module: 'Deals', recordId: ID, orgId: ORG })).toBe(
      `https://crm.zoho.eu/crm/org${ORG}/tab/Potentials/${ID}`,
    );
    expect(recordPageUrl('http://localhost:8787', { module: 'Contacts', recordId: ID, orgId: null })).toBe(
      `http://localhost:8787/crm/tab/Contacts/${ID}`,
    );
  });

  it.each([
    ['https://crm.zoho.com', { module: 'Notes', recordId: ID, orgId: ORG }],
    ['https://crm.zoho.com', { module: 'Deals', recordId: `${ID}/edit`, orgId: ORG }],
    ['https://crm.zoho.com', { module: 'Deals', recordId: '', orgId: ORG }],
    ['https://crm.zoho.com', { module: 'Deals', recordId: ID, orgId: 'acme' }],
    ['not a url', { module: 'Deals', recordId: ID, orgId: ORG }],
  ])('null from %s and %j', (origin, parts) => {
    expect(recordPageUrl(origin, parts)).toBeNull();
  });
});
