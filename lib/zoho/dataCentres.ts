// Zoho data centres and their hosts (reference/zoho-api.md §1): the one allow-list every
// host that comes from the network (redirect, token response, page URL) is checked against.

export const DATA_CENTRE_IDS = ['us', 'eu', 'in', 'au', 'jp', 'ca', 'sa', 'cn', 'uk'] as const;
export type DataCentreId = (typeof DATA_CENTRE_IDS)[number];

export interface DataCentre {
  id: DataCentreId;
  /** Origin of the accounts (OAuth) server. */
  accounts: string;
  /** Origin of the REST API (`api_domain`). */
  api: string;
  /** Host of the CRM web UI. */
  crmHost: string;
}

// UK figures are UNCONFIRMED in the reference: kept here so one edit fixes them.
export const DATA_CENTRES: Record<DataCentreId, DataCentre> = {
  us: { id: 'us', accounts: 'https://accounts.zoho.com', api: 'https://www.zohoapis.com', crmHost: 'crm.zoho.com' },
  eu: { id: 'eu', accounts: 'https://accounts.zoho.eu', api: 'https://www.zohoapis.eu', crmHost: 'crm.zoho.eu' },
  in: { id: 'in', accounts: 'https://accounts.zoho.in', api: 'https://www.zohoapis.in', crmHost: 'crm.zoho.in' },
  au: { id: 'au', accounts: 'https://accounts.zoho.com.au', api: 'https://www.zohoapis.com.au', crmHost: 'crm.zoho.com.au' },
  jp: { id: 'jp', accounts: 'https://accounts.zoho.jp', api: 'https://www.zohoapis.jp', crmHost: 'crm.zoho.jp' },
  ca: { id: 'ca', accounts: 'https://accounts.zohocloud.ca', api: 'https://www.zohoapis.ca', crmHost: 'crm.zohocloud.ca' },
  sa: { id: 'sa', accounts: 'https://accounts.zoho.sa', api: 'https://www.zohoapis.sa', crmHost: 'crm.zoho.sa' },
  cn: { id: 'cn', accounts: 'https://accounts.zoho.com.cn', api: 'https://www.zohoapis.com.cn', crmHost: 'crm.zoho.com.cn' },
  uk: { id: 'uk', accounts: 'https://accounts.zoho.uk', api: 'https://www.zohoapis.uk', crmHost: 'crm.zoho.uk' },
};

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
  const host = hostname.toLowerCase();
  return Object.values(DATA_CENTRES).find((dc) => dc.crmHost === host) ?? null;
}

/** Match patterns for the production manifest. */
export const ZOHO_API_HOST_PATTERNS = Object.values(DATA_CENTRES).flatMap((dc) => [`${dc.accounts}/*`, `${dc.api}/*`]);
export const ZOHO_CRM_PAGE_PATTERNS = Object.values(DATA_CENTRES).map((dc) => `https://${dc.crmHost}/*`);
/** Content-script match patterns ignore ports, so these cover a sandbox on any local port. */
export const SANDBOX_HOST_PATTERNS = ['http://localhost/*', 'http://127.0.0.1/*'];
