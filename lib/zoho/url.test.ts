import { describe, expect, it } from 'vitest';
import type { DataCentreId } from './dataCentres';
import * as zohoUrl from './url';
import { crmRootOf, frameShowsPanel, getTests, moduleForTab, parseZohoUrl, recordPageUrl, tabForModule, type ZohoRecordPage } from './url';

const ORG = '20104578';
const ID = '5725767000000458001';

function page(module: string, recordId: string, orgId: string | null, dataCentre: DataCentreId | null, sandboxOrg = false): ZohoRecordPage {
  return { module, recordId, orgId, dataCentre, sandboxOrg };
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
  [`https://crm.zoho.ae/crm/org${ORG}/tab/Contacts/${ID}`, page('Contacts', ID, ORG, 'ae')],
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
  ['https://crm.zoho.ae/crm/tab/Leads/4876876000000328020', page('Leads', '4876876000000328020', null, 'ae')],
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
  // Zoho One: `/zohoone/<org>/home/cxapp/crm/…` (links people share: one.zoho.com/zohoone/zestyio/home/cxapp/crm/org749642405/tab/Leads/…),
  // in every data centre, and inside a space (`cxapp-spaces/<space>`).
  [`https://one.zoho.com/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Contacts/${ID}`, page('Contacts', ID, ORG, 'us')],
  [`https://one.zoho.com/zohoone/zestyio/home/cxapp/crm/org749642405/tab/Leads/${ID}`, page('Leads', ID, '749642405', 'us')],
  [`https://one.zoho.com/zohoone/ajacomosejafosse/home/cxapp/crm/org836031329/tab/Potentials/${ID}`, page('Deals', ID, '836031329', 'us')],
  [`https://one.zoho.com/zohoone/timionnpc/home/cxapp/crm/org878871386/tab/CustomModule4/${ID}`, page('CustomModule4', ID, '878871386', 'us')],
  [`https://one.zoho.com/zohoone/exponentstudios/home/cxapp-spaces/sales/crm/org899488274/tab/Leads/${ID}`, page('Leads', ID, '899488274', 'us')],
  [`https://one.zoho.eu/zohoone/acme-gmbh/home/cxapp/crm/org${ORG}/tab/Accounts/${ID}?sub_module=Notes`, page('Accounts', ID, ORG, 'eu')],
  [`https://one.zoho.in/zohoone/acme_in/home/cxapp/crm/org60012345678/tab/Contacts/${ID}/`, page('Contacts', ID, '60012345678', 'in')],
  [`https://one.zoho.com.au/zohoone/acme/home/cxapp/crm/tab/Leads/${ID}`, page('Leads', ID, null, 'au')],
  [`https://one.zoho.jp/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Contacts/${ID}`, page('Contacts', ID, ORG, 'jp')],
  [`https://one.zohocloud.ca/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Contacts/${ID}`, page('Contacts', ID, ORG, 'ca')],
  [`https://one.zoho.sa/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Contacts/${ID}`, page('Contacts', ID, ORG, 'sa')],
  [`https://one.zoho.com.cn/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Contacts/${ID}`, page('Contacts', ID, ORG, 'cn')],
  [`https://one.zoho.uk/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Contacts/${ID}`, page('Contacts', ID, ORG, 'uk')],
  [`https://one.zoho.ae/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Contacts/${ID}`, page('Contacts', ID, ORG, 'ae')],
  [`https://ONE.ZOHO.COM/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Contacts/${ID}#timeline`, page('Contacts', ID, ORG, 'us')],
  // The suites may serve CRM's own path too (CRM Plus serves CRM's files under /crm): same shape as CRM's.
  [`https://one.zoho.com/crm/org${ORG}/tab/Contacts/${ID}`, page('Contacts', ID, ORG, 'us')],
  // CRM Plus: `/<portal>/index.do/cxapp/crm/…` (crmplus.zoho.com/realestate2326/index.do/cxapp/crm/org768815691/tab/Leads/…),
  // and an org with a name for a segment (crmplus.zoho.com/zoho10446/index.do/cxapp/crm/eshopbox/tab/Potentials/…).
  [`https://crmplus.zoho.com/acme/index.do/cxapp/crm/org${ORG}/tab/Contacts/${ID}`, page('Contacts', ID, ORG, 'us')],
  [`https://crmplus.zoho.com/realestate2326/index.do/cxapp/crm/org768815691/tab/Leads/${ID}`, page('Leads', ID, '768815691', 'us')],
  [`https://crmplus.zoho.com/zoho10446/index.do/cxapp/crm/eshopbox/tab/Potentials/${ID}`, page('Deals', ID, null, 'us')],
  [`https://crmplus.zoho.in/starpowerzlatur22101/index.do/cxapp/crm/org60057545957/tab/Potentials/${ID}?sub_module=Activities`, page('Deals', ID, '60057545957', 'in')],
  [`https://crmplus.zoho.eu/acme/index.do/cxapp/crm/org${ORG}/tab/Contacts/${ID}`, page('Contacts', ID, ORG, 'eu')],
  [`https://crmplus.zohocloud.ca/acme/index.do/cxapp/crm/org${ORG}/tab/Contacts/${ID}`, page('Contacts', ID, ORG, 'ca')],
  [`https://crmplus.zoho.ae/acme/index.do/cxapp/crm/org${ORG}/tab/Contacts/${ID}`, page('Contacts', ID, ORG, 'ae')],
  // CRM sandbox orgs: crmsandbox.<DC domain>, the sandbox's name or `org<ID>` in the segment (crmsandbox.zoho.com/crm/boostedcrmsandbox/tab/…).
  [`https://crmsandbox.zoho.com/crm/boostedcrmsandbox/tab/Potentials/${ID}`, page('Deals', ID, null, 'us', true)],
  [`https://crmsandbox.zoho.com/crm/org${ORG}/tab/Contacts/${ID}`, page('Contacts', ID, ORG, 'us', true)],
  [`https://crmsandbox.zoho.eu/crm/acme-test/tab/Leads/${ID}`, page('Leads', ID, null, 'eu', true)],
  [`https://crmsandbox.zoho.in/crm/tab/Contacts/${ID}`, page('Contacts', ID, null, 'in', true)],
  [`https://crmsandbox.zoho.com.au/crm/acmesandbox/tab/Accounts/${ID}`, page('Accounts', ID, null, 'au', true)],
  [`https://crmsandbox.zoho.jp/crm/acmesandbox/tab/Contacts/${ID}`, page('Contacts', ID, null, 'jp', true)],
  [`https://crmsandbox.zohocloud.ca/crm/acmesandbox/tab/Contacts/${ID}`, page('Contacts', ID, null, 'ca', true)],
  [`https://crmsandbox.zoho.sa/crm/acmesandbox/tab/Contacts/${ID}`, page('Contacts', ID, null, 'sa', true)],
  [`https://crmsandbox.zoho.com.cn/crm/acmesandbox/tab/Contacts/${ID}`, page('Contacts', ID, null, 'cn', true)],
  [`https://crmsandbox.zoho.uk/crm/acmesandbox/tab/Contacts/${ID}`, page('Contacts', ID, null, 'uk', true)],
  [`https://crmsandbox.zoho.ae/crm/acmesandbox/tab/Contacts/${ID}`, page('Contacts', ID, null, 'ae', true)],
  // A name for the segment on CRM's own hosts too.
  [`https://crm.zoho.com/crm/acme/tab/Contacts/${ID}`, page('Contacts', ID, null, 'us')],
  // The local sandbox's Zoho One- and CRM Plus-shaped pages.
  [`http://localhost:8787/zohoone/sandbox/home/cxapp/crm/org${ORG}/tab/Contacts/${ID}`, page('Contacts', ID, ORG, null)],
  [`http://localhost:8787/sandbox/index.do/cxapp/crm/org${ORG}/tab/Potentials/${ID}`, page('Deals', ID, ORG, null)],
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
  // Zoho One and CRM Plus off a record: home, lists, settings, other apps, a missing piece of the path.
  'https://one.zoho.com/zohoone/acme/home',
  'https://one.zoho.com/zohoone/acme/home/',
  'https://one.zoho.com/',
  'https://one.zoho.com/zohoone/acme/adminhome#/users/new',
  `https://one.zoho.com/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Home/begin`,
  `https://one.zoho.com/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Leads`,
  `https://one.zoho.com/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Leads/custom-view/6992263000006188321/list`,
  `https://one.zoho.com/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Contacts/create`,
  `https://one.zoho.com/zohoone/acme/home/cxapp/crm/org${ORG}/settings/modules`,
  `https://one.zoho.com/zohoone/acme/home/cxapp/crm/org${ORG}/search?searchword=acme`,
  'https://one.zoho.com/zohoone/acme/home/cxapp/people/zpeoplehr/zp#home/user/profile-id:2803000812685670',
  `https://one.zoho.com/zohoone/acme/home/cxapp/desk/agent/acme/acme/tickets/details/${ID}`,
  'https://one.zoho.com/zohoone/acme/home/cxapp/inventory/app/878382704',
  `https://one.zoho.com/zohoone/acme/home/cxapp/cliq/company/64396901/chats/${ID}`,
  `https://one.zoho.com/zohoone/acme/home/cxapp/bigin/org${ORG}/tab/Contacts/${ID}`,
  `https://one.zoho.com/zohoone/home/cxapp/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://one.zoho.com/zohoone/acme/cxapp/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://one.zoho.com/zohoone/acme/home/cxapp-spaces/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://one.zoho.com/acme/home/cxapp/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://one.zoho.com/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Contacts/${ID}/edit`,
  `https://one.zoho.com/zohoone/a/c/home/cxapp/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://crmplus.zoho.com/acme/index.do/cxapp/crm/org${ORG}/tab/Home/begin`,
  `https://crmplus.zoho.com/acme/index.do/cxapp/crm/org${ORG}/settings/connections`,
  `https://crmplus.zoho.com/acme/index.do/cxapp/crm/org${ORG}/search`,
  'https://crmplus.zoho.com/acme/index.do/cxapp/projects/acme#taskdetail/403027000003095123/403027000003770191/403027000005621382',
  `https://crmplus.zoho.com/acme/index.do/cxapp/agent/acme/acme/requests/details/${ID}`,
  `https://crmplus.zoho.com/index.do/cxapp/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://crmplus.zoho.com/acme/cxapp/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://crmplus.zoho.com/acme/index.do/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://crmplus.zoho.com/reports/open-view/3119678000005933745`,
  `https://crmsandbox.zoho.com/crm/acmesandbox/tab/Contacts`,
  `https://crmsandbox.zoho.com/crm/acmesandbox/tab/Contacts/create`,
  `https://crmsandbox.zoho.com/crm/v2/Contacts/${ID}`,
  // A suite's path on CRM's own host, and a sandbox path on a host that is not the sandbox's.
  `https://crm.zoho.com/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://crm.zoho.com/acme/index.do/cxapp/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://crm.acme-corp.com/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://crm.acme-corp.com/crm/acme/tab/Contacts/${ID}`,
  `https://sandbox.zohoapis.com/crm/v8/Contacts/${ID}`,
  `https://one.zoho.co/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://one.zohocloud.com/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://crm.zoho.ae.attacker.net/crm/org${ORG}/tab/Contacts/${ID}`,
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
  `https://one.zoho.com.evil.example/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://crmplus.zoho.com.evil.example/acme/index.do/cxapp/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://crmsandbox.zoho.com.evil.example/crm/acmesandbox/tab/Contacts/${ID}`,
  `https://one-zoho.com/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://evil.example/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://one.zoho.com@evil.example/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Contacts/${ID}`,
  `http://one.zoho.com/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://one.zoho.com:8443/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://crmplus.zoho.com./acme/index.do/cxapp/crm/org${ORG}/tab/Contacts/${ID}`,
  `https://sandbox.crm.zoho.com/crm/acmesandbox/tab/Contacts/${ID}`,
  `https://crmsandbox.crm.zoho.com/crm/acmesandbox/tab/Contacts/${ID}`,
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
    const link = recordPageUrl(url, expected);
    expect(link).not.toBeNull();
    expect(parseZohoUrl(link ?? '')).toEqual(expected);
  });

  it('links stay inside Zoho One and CRM Plus', () => {
    const one = `https://one.zoho.com/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Contacts/${ID}?sub_module=Notes`;
    expect(recordPageUrl(one, { module: 'Deals', recordId: '42', orgId: ORG })).toBe(
      `https://one.zoho.com/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Potentials/42`,
    );
    const spaced = `https://one.zoho.com/zohoone/acme/home/cxapp-spaces/sales/crm/org${ORG}/tab/Contacts/${ID}`;
    expect(recordPageUrl(spaced, { module: 'Tasks', recordId: '42', orgId: ORG })).toBe(
      `https://one.zoho.com/zohoone/acme/home/cxapp-spaces/sales/crm/org${ORG}/tab/Tasks/42`,
    );
    const plus = `https://crmplus.zoho.in/acme/index.do/cxapp/crm/org${ORG}/tab/Leads/${ID}`;
    expect(recordPageUrl(plus, { module: 'Contacts', recordId: '42', orgId: null })).toBe(
      'https://crmplus.zoho.in/acme/index.do/cxapp/crm/tab/Contacts/42',
    );
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
    // A suite's origin alone does not say which org or portal.
    ['https://one.zoho.com', { module: 'Deals', recordId: ID, orgId: ORG }],
    ['https://crmplus.zoho.com/', { module: 'Deals', recordId: ID, orgId: ORG }],
    ['https://one.zoho.com.evil.example/zohoone/acme/home/cxapp/crm', { module: 'Deals', recordId: ID, orgId: ORG }],
  ])('null from %s and %j', (origin, parts) => {
    expect(recordPageUrl(origin, parts)).toBeNull();
  });
});

describe('crmRootOf', () => {
  it.each([
    ['https://crm.zoho.eu', 'https://crm.zoho.eu/crm'],
    [`https://crm.zoho.ae/crm/org${ORG}/tab/Contacts/${ID}`, 'https://crm.zoho.ae/crm'],
    ['https://crmsandbox.zoho.com/crm/acmesandbox/tab/Contacts', 'https://crmsandbox.zoho.com/crm'],
    ['https://one.zoho.com/zohoone/acme/home/cxapp/crm', 'https://one.zoho.com/zohoone/acme/home/cxapp/crm'],
    [`https://one.zoho.eu/zohoone/acme/home/cxapp/crm/org${ORG}/tab/Leads`, 'https://one.zoho.eu/zohoone/acme/home/cxapp/crm'],
    ['https://crmplus.zoho.com/acme/index.do/cxapp/crm/org1/settings/connections', 'https://crmplus.zoho.com/acme/index.do/cxapp/crm'],
    ['http://localhost:8787/zohoone/sandbox/home/cxapp/crm/org1/tab/Contacts/1', 'http://localhost:8787/zohoone/sandbox/home/cxapp/crm'],
    ['http://localhost:8787', 'http://localhost:8787/crm'],
  ])('%s → %s', (from, root) => {
    expect(crmRootOf(from)).toBe(root);
  });

  it.each([
    'https://one.zoho.com',
    'https://one.zoho.com/zohoone/acme/home',
    'https://one.zoho.com/zohoone/acme/home/cxapp/crmx',
    'https://crmplus.zoho.com/acme/index.do/cxapp/desk',
    'https://one.zoho.com.evil.example/zohoone/acme/home/cxapp/crm',
    'https://crm.zoho.com:8443',
    'not a url',
  ])('null for %s', (from) => {
    expect(crmRootOf(from)).toBeNull();
  });
});

describe('frameShowsPanel: one panel per tab', () => {
  it('the top frame always decides by its own URL', () => {
    expect(frameShowsPanel({ top: true, ancestorOrigins: null })).toBe(true);
    expect(frameShowsPanel({ top: true, ancestorOrigins: [] })).toBe(true);
  });

  it.each([
    // CRM framed by a page the script also runs on: that page shows the panel.
    [['https://one.zoho.com'], false],
    [['https://crm.zoho.com', 'https://one.zoho.eu'], false],
    [['https://crmplus.zoho.in'], false],
    [['https://crm.zoho.com'], false],
    [['https://crmsandbox.zoho.com'], false],
    [['http://localhost:8787'], false],
    // CRM framed by a page the script does not run on: the CRM frame shows it.
    [['https://intranet.acme-corp.com'], true],
    [['https://one.zoho.com', 'https://portal.acme-corp.com'], true],
    [['https://one.zoho.com.evil.example'], true],
    // Unknown ancestry (Firefox has no ancestorOrigins): stay quiet rather than risk two panels.
    [null, false],
    [[], false],
    [['null'], false],
  ] as const)('sub-frame under %j → %s', (ancestorOrigins, shows) => {
    expect(frameShowsPanel({ top: false, ancestorOrigins })).toBe(shows);
  });
});
