// Zoho data centres and their hosts (reference/zoho-api.md §1): the one allow-list every
// host that comes from the network (redirect, token response, page URL) is checked against.

export const DATA_CENTRE_IDS = ['us', 'eu', 'in', 'au', 'jp', 'ca', 'sa', 'cn', 'uk', 'ae'] as const;
export type DataCentreId = (typeof DATA_CENTRE_IDS)[number];

export interface DataCentre {
  id: DataCentreId;
  /** Origin of the accounts (OAuth) server. */
  accounts: string;
  /** Origin of the REST API (`api_domain`). */
  api: string;
  /** Host of the CRM web UI. */
  crmHost: string;
  /** The DC's domain for Zoho's web apps (`zoho.eu`, `zohocloud.ca`): the suites' hosts hang off it. */
  webDomain: string;
}

// Sources: Zoho Accounts' multi-DC page (zoho.com/accounts/protocol/oauth/multi-dc.html) lists
// US, EU, IN, AU, JP, CA, SA, UK; Zoho CRM's (crm/developer/docs/api/v8/multi-dc.html) lists US,
// AU, EU, IN, CN, JP, CA. UAE: Zoho WorkDrive's multi-DC page gives `zoho.ae` and
// `www.zohoapis.ae`; `accounts.zoho.ae` and `crm.zoho.ae` follow the other DCs' pattern
// (UNCONFIRMED on a Zoho CRM page). UK API and CRM hosts are UNCONFIRMED likewise. Kept here so
// one edit fixes them.
export const DATA_CENTRES: Record<DataCentreId, DataCentre> = {
  us: { id: 'us', accounts: 'https://accounts.zoho.com', api: 'https://www.zohoapis.com', crmHost: 'crm.zoho.com', webDomain: 'zoho.com' },
  eu: { id: 'eu', accounts: 'https://accounts.zoho.eu', api: 'https://www.zohoapis.eu', crmHost: 'crm.zoho.eu', webDomain: 'zoho.eu' },
  in: { id: 'in', accounts: 'https://accounts.zoho.in', api: 'https://www.zohoapis.in', crmHost: 'crm.zoho.in', webDomain: 'zoho.in' },
  au: { id: 'au', accounts: 'https://accounts.zoho.com.au', api: 'https://www.zohoapis.com.au', crmHost: 'crm.zoho.com.au', webDomain: 'zoho.com.au' },
  jp: { id: 'jp', accounts: 'https://accounts.zoho.jp', api: 'https://www.zohoapis.jp', crmHost: 'crm.zoho.jp', webDomain: 'zoho.jp' },
  ca: { id: 'ca', accounts: 'https://accounts.zohocloud.ca', api: 'https://www.zohoapis.ca', crmHost: 'crm.zohocloud.ca', webDomain: 'zohocloud.ca' },
  sa: { id: 'sa', accounts: 'https://accounts.zoho.sa', api: 'https://www.zohoapis.sa', crmHost: 'crm.zoho.sa', webDomain: 'zoho.sa' },
  cn: { id: 'cn', accounts: 'https://accounts.zoho.com.cn', api: 'https://www.zohoapis.com.cn', crmHost: 'crm.zoho.com.cn', webDomain: 'zoho.com.cn' },
  uk: { id: 'uk', accounts: 'https://accounts.zoho.uk', api: 'https://www.zohoapis.uk', crmHost: 'crm.zoho.uk', webDomain: 'zoho.uk' },
  ae: { id: 'ae', accounts: 'https://accounts.zoho.ae', api: 'https://www.zohoapis.ae', crmHost: 'crm.zoho.ae', webDomain: 'zoho.ae' },
};

/**
 * Where a DC serves Zoho CRM's record pages: CRM itself, its sandbox orgs, and the two suites
 * that show CRM inside their own pages (Zoho One, CRM Plus). Each has its own path shape
 * (lib/zoho/url.ts). Real URLs seen: `one.zoho.com/zohoone/<org>/home/cxapp/crm/…`,
 * `crmplus.zoho.com/<portal>/index.do/cxapp/crm/…`, `crmplus.zoho.in/…`, `crmsandbox.zoho.com/crm/…`.
 * The sub-domain names outside .com/.in/.eu/.jp are the same pattern, UNCONFIRMED per DC.
 */
export const CRM_SITES = ['crm', 'crmsandbox', 'one', 'crmplus'] as const;
export type CrmSite = (typeof CRM_SITES)[number];

/** `crmsandbox` + `zoho.eu` → `crmsandbox.zoho.eu`; `crm` is the DC's `crmHost`. */
export function crmSiteHost(dc: DataCentre, site: CrmSite): string {
  return site === 'crm' ? dc.crmHost : `${site}.${dc.webDomain}`;
}

export function isDataCentreId(value: unknown): value is DataCentreId {
  return typeof value === 'string' && (DATA_CENTRE_IDS as readonly string[]).includes(value);
}

/** Normalises `https://accounts.zoho.eu/` and friends to an origin, or null if not a URL. */
export function toOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.username || url.password) return null;
    return url.origin;
  } catch {
    return null;
  }
}

export function dataCentreOfAccountsServer(value: string): DataCentre | null {
  const origin = toOrigin(value);
  return Object.values(DATA_CENTRES).find((dc) => dc.accounts === origin) ?? null;
}

export function dataCentreOfApiDomain(value: string): DataCentre | null {
  const origin = toOrigin(value);
  return Object.values(DATA_CENTRES).find((dc) => dc.api === origin) ?? null;
}

export function dataCentreOfCrmHost(hostname: string): DataCentre | null {
  const found = crmSiteOfHost(hostname);
  return found?.site === 'crm' ? found.dataCentre : null;
}

/** Which DC and which kind of CRM page a host serves (exact match, case-insensitive); null for any other host. */
export function crmSiteOfHost(hostname: string): { dataCentre: DataCentre; site: CrmSite } | null {
  const host = hostname.toLowerCase();
  for (const dc of Object.values(DATA_CENTRES)) {
    for (const site of CRM_SITES) if (crmSiteHost(dc, site) === host) return { dataCentre: dc, site };
  }
  return null;
}

/** Match patterns for the production manifest. */
export const ZOHO_API_HOST_PATTERNS = Object.values(DATA_CENTRES).flatMap((dc) => [`${dc.accounts}/*`, `${dc.api}/*`]);
export const ZOHO_CRM_PAGE_PATTERNS = Object.values(DATA_CENTRES).flatMap((dc) => CRM_SITES.map((site) => `https://${crmSiteHost(dc, site)}/*`));
/** Content-script match patterns ignore ports, so these cover a sandbox on any local port. */
export const SANDBOX_HOST_PATTERNS = ['http://localhost/*', 'http://127.0.0.1/*'];
