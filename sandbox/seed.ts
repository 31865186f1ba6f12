// Deterministic seed: one org, three users, accounts, contacts, leads and deals, as Zoho's API
// JSON (API field names, 19-digit string ids, datetimes with offsets). Tests import SEED for
// well-known ids; the store takes a fresh deep copy from createSeedData() on every reset.
import { formatInZone, zoneOffsetMs } from './time';

export type ZohoRecord = { id: string } & Record<string, unknown>;
export type ZohoUserJson = { id: string; full_name: string; email: string } & Record<string, unknown>;

export const ORG_TIME_ZONE = 'America/New_York';
const ZGID = '20104578';

/** Zoho ids in one org share a prefix; the tail tells records apart. */
const id = (tail: string): string => `4876876000000${tail}`;

/** A UTC instant written the way Zoho stores it for this org (New York offset). */
const at = (utc: string): string => formatInZone(Date.parse(utc), ORG_TIME_ZONE);

// ---- Users ------------------------------------------------------------------------------------

interface UserSpec {
  id: string;
  first: string;
  last: string;
  // The OAS (users.json) gives `email` the pattern `[a-z0-9]{9}[@][a-z0-9]{5}[.]com`, so these
  // addresses are shaped to satisfy it.
  email: string;
  profile: { name: string; id: string };
  role: { name: string; id: string };
  timeZone: string;
  timeFormat: 'hh:mm a' | 'HH:mm';
  locale: string;
  country: string;
  city: string;
  state: string | null;
  phone: string;
  reportsTo?: () => UserSpec;
  created: string;
}

const PROFILES = {
  administrator: { name: 'Administrator', id: id('026011') },
  standard: { name: 'Standard', id: id('026014') },
  manager: { name: 'Manager', id: id('026017') },
};
const ROLES = {
  ceo: { name: 'CEO', id: id('026005') },
  salesManager: { name: 'Sales Manager', id: id('026008') },
  salesRep: { name: 'Sales Representative', id: id('231001') },
};

const adminSpec: UserSpec = {
  id: id('225001'),
  first: 'Sofia',
  last: 'Keller',
  email: 'sofiakeller@nwind.com',
  profile: PROFILES.administrator,
  role: ROLES.ceo,
  timeZone: 'Europe/London',
  timeFormat: 'HH:mm',
  locale: 'en_GB',
  country: 'GB',
  city: 'London',
  state: null,
  phone: '+44 20 7946 0102',
  created: at('2024-03-04T09:12:44Z'),
};
const managerSpec: UserSpec = {
  id: id('225027'),
  first: 'Daniel',
  last: 'Brooks',
  email: 'danielbrooks@nwind.com',
  profile: PROFILES.manager,
  role: ROLES.salesManager,
  timeZone: 'America/New_York',
  timeFormat: 'hh:mm a',
  locale: 'en_US',
  country: 'US',
  city: 'New York',
  state: 'NY',
  phone: '+1 212 555 0134',
  reportsTo: () => adminSpec,
  created: at('2024-03-06T14:30:02Z'),
};
const repSpec: UserSpec = {
  id: id('225013'),
  first: 'Priya',
  last: 'Raman',
  email: 'priyaraman@nwind.com',
  profile: PROFILES.standard,
  role: ROLES.salesRep,
  timeZone: 'Asia/Kolkata',
  timeFormat: 'hh:mm a',
  locale: 'en_IN',
  country: 'IN',
  city: 'Bengaluru',
  state: 'Karnataka',
  phone: '+91 80 4719 2200',
  reportsTo: () => managerSpec,
  created: at('2024-05-20T05:41:19Z'),
};

const minifiedUser = (spec: UserSpec) => ({ name: `${spec.first} ${spec.last}`, id: spec.id, email: spec.email });

function userJson(spec: UserSpec): ZohoUserJson {
  const manager = spec.reportsTo?.();
  return {
    id: spec.id,
    zuid: `6${spec.id.slice(-8)}`,
    first_name: spec.first,
    last_name: spec.last,
    full_name: `${spec.first} ${spec.last}`,
    email: spec.email,
    alias: null,
    phone: spec.phone,
    mobile: null,
    fax: null,
    website: null,
    dob: null,
    street: null,
    city: spec.city,
    state: spec.state,
    zip: null,
    country: spec.country,
    profile: { ...spec.profile },
    role: { ...spec.role },
    // Zoho answers the IANA name; the OAS says "object" (an erratum, see tests/sandbox/oas.ts).
    time_zone: spec.timeZone,
    offset: zoneOffsetMs(spec.timeZone, Date.parse('2026-11-22T00:00:00Z')),
    time_format: spec.timeFormat,
    // The OAS enumerates only this value for date_format.
    date_format: 'MMM d, yyyy',
    locale: spec.locale,
    country_locale: spec.locale,
    language: 'en_US',
    decimal_separator: 'Period',
    name_format__s: 'Salutation,First Name,Last Name',
    sort_order_preference__s: 'First Name,Last Name',
    status: 'active',
    status_reason__s: null,
    confirm: true,
    category: 'regular_user',
    Isonline: false,
    microsoft: false,
    personal_account: false,
    sandboxDeveloper: false,
    default_tab_group: '0',
    signature: null,
    Currency: 'USD',
    // Zoho's name for the manager link; absent (rather than null) for the top of the hierarchy,
    // because the OAS's Minified_User is not nullable.
    ...(manager ? { Reporting_To: minifiedUser(manager) } : {}),
    customize_info: {
      notes_desc: null,
      show_right_panel: null,
      bc_view: null,
      unpin_recent_item: null,
      show_home: false,
      show_detail_view: true,
    },
    theme: {
      normal_tab: { font_color: '#FFFFFF', background: '#222222' },
      selected_tab: { font_color: '#FFFFFF', background: '#222222' },
      new_background: null,
      background: '#F3F0EB',
      screen: 'fixed',
      type: 'default',
    },
    created_by: minifiedUser(adminSpec),
    created_time: spec.created,
    Modified_By: { name: 'Sofia Keller', id: adminSpec.id, first_name: 'Sofia', last_name: 'Keller' },
    Modified_Time: at('2026-10-02T11:05:37Z'),
  };
}

// ---- Org --------------------------------------------------------------------------------------

function orgJson(): Record<string, unknown> & { id: string; zgid: string } {
  return {
    id: id('012001'),
    company_name: 'Northwind Traders (Sandbox)',
    alias: null,
    domain_name: `org${ZGID}`,
    zgid: ZGID,
    ezgid: 'b8d2c7a51f0e4e6c9a3f1d2e7b6c5a40',
    zia_zgid: Number(ZGID),
    zia_portal_id: null,
    primary_zuid: `6${adminSpec.id.slice(-8)}`,
    primary_email: adminSpec.email,
    phone: '+1 212 555 0100',
    mobile: null,
    fax: null,
    website: 'www.northwind-traders.example',
    street: '350 Fifth Avenue',
    city: 'New York',
    state: 'NY',
    zip: '10118',
    country: 'United States',
    country_code: 'US',
    description: null,
    employee_count: '120',
    time_zone: ORG_TIME_ZONE,
    currency: 'USD',
    currency_symbol: '$',
    currency_locale: 'en_US',
    iso_code: 'USD',
    mc_status: false,
    gapps_enabled: false,
    translation_enabled: false,
    privacy_settings: false,
    hipaa_compliance_enabled: false,
    lite_users_enabled: false,
    deletable_org_account: false,
    oauth_presence: true,
    photo_id: null,
    call_icon: '',
    max_per_page: 200,
    type: 'Production',
    license_details: {
      paid: true,
      paid_type: 'enterprise',
      paid_expiry: at('2027-03-31T23:59:59Z'),
      users_license_purchased: 10,
      trial_type: null,
      trial_expiry: null,
      trial_action: '',
    },
    hierarchy_preferences: { type: 'Role_Hierarchy', strictly_reporting: false },
    checkin_preferences: { restricted_event_types: null },
    created_time: at('2024-03-04T09:10:00Z'),
  };
}

// ---- Records ----------------------------------------------------------------------------------

type Stage =
  | 'Qualification'
  | 'Needs Analysis'
  | 'Value Proposition'
  | 'Id. Decision Makers'
  | 'Perception Analysis'
  | 'Proposal/Price Quote'
  | 'Negotiation/Review'
  | 'Closed Won'
  | 'Closed Lost'
  | 'Closed Lost to Competition';

/** Zoho's standard pipeline with its default probabilities, in order. */
export const STAGES: ReadonlyArray<{ name: Stage; probability: number; forecastType: 'Open' | 'Closed Won' | 'Closed Lost' }> = [
  { name: 'Qualification', probability: 10, forecastType: 'Open' },
  { name: 'Needs Analysis', probability: 20, forecastType: 'Open' },
  { name: 'Value Proposition', probability: 40, forecastType: 'Open' },
  { name: 'Id. Decision Makers', probability: 60, forecastType: 'Open' },
  { name: 'Perception Analysis', probability: 70, forecastType: 'Open' },
  { name: 'Proposal/Price Quote', probability: 75, forecastType: 'Open' },
  { name: 'Negotiation/Review', probability: 90, forecastType: 'Open' },
  { name: 'Closed Won', probability: 100, forecastType: 'Closed Won' },
  { name: 'Closed Lost', probability: 0, forecastType: 'Closed Lost' },
  { name: 'Closed Lost to Competition', probability: 0, forecastType: 'Closed Lost' },
];

function audit(owner: UserSpec, created: string, modified: string) {
  return {
    Owner: minifiedUser(owner),
    Created_By: minifiedUser(owner),
    Modified_By: minifiedUser(owner),
    Created_Time: at(created),
    Modified_Time: at(modified),
    Tag: [],
    $approved: true,
    $editable: true,
    $currency_symbol: '$',
  };
}

function account(
  tail: string,
  name: string,
  owner: UserSpec,
  fields: { phone: string; website: string; industry: string; city: string; state: string | null; country: string; employees: number },
  created: string,
): ZohoRecord {
  return {
    id: id(tail),
    Account_Name: name,
    Phone: fields.phone,
    Website: fields.website,
    Industry: fields.industry,
    Employees: fields.employees,
    Account_Type: 'Customer',
    Billing_City: fields.city,
    Billing_State: fields.state,
    Billing_Country: fields.country,
    ...audit(owner, created, '2026-11-02T15:20:00Z'),
  };
}

const accounts = {
  acme: account('398001', 'Acme Logistics', repSpec, {
    phone: '+1 (213) 555-0100', website: 'www.acme.com', industry: 'Transportation', city: 'Los Angeles', state: 'CA', country: 'United States', employees: 850,
  }, '2025-02-11T17:03:12Z'),
  harrowgate: account('398011', 'Harrowgate Foods Ltd', repSpec, {
    phone: '+44 20 7946 0300', website: 'www.harrowgatefoods.co.uk', industry: 'Food & Beverage', city: 'London', state: 'England', country: 'United Kingdom', employees: 320,
  }, '2025-04-03T10:45:00Z'),
  koalaBay: account('398021', 'Koala Bay Outfitters Pty Ltd', managerSpec, {
    phone: '+61 2 9374 4000', website: 'www.koalabay.com.au', industry: 'Retail', city: 'Sydney', state: 'NSW', country: 'Australia', employees: 140,
  }, '2025-06-19T23:30:00Z'),
  sahyadri: account('398031', 'Sahyadri Textiles Pvt Ltd', repSpec, {
    phone: '+91 22 4001 7700', website: 'www.sahyadritextiles.in', industry: 'Manufacturing', city: 'Mumbai', state: 'Maharashtra', country: 'India', employees: 1200,
  }, '2025-08-07T06:15:00Z'),
  brandtVogel: account('398041', 'Brandt & Vogel GmbH', adminSpec, {
    phone: '+49 30 901820', website: 'www.brandt-vogel.de', industry: 'Engineering', city: 'Berlin', state: 'Berlin', country: 'Germany', employees: 95,
  }, '2025-01-22T08:00:00Z'),
};

type AccountRef = ZohoRecord;
const lookup = (record: ZohoRecord, nameField: string) => ({ id: record.id, name: String(record[nameField]) });

function contact(
  tail: string,
  first: string,
  last: string,
  owner: UserSpec,
  acct: AccountRef | null,
  fields: { email: string; phone: string; mobile: string | null; title: string; city: string; state: string | null; country: string; source: string },
  created: string,
): ZohoRecord {
  return {
    id: id(tail),
    Salutation: null,
    First_Name: first,
    Last_Name: last,
    Full_Name: `${first} ${last}`,
    Email: fields.email,
    Secondary_Email: null,
    Phone: fields.phone,
    Mobile: fields.mobile,
    Title: fields.title,
    Department: null,
    Account_Name: acct ? lookup(acct, 'Account_Name') : null,
    Mailing_City: fields.city,
    Mailing_State: fields.state,
    Mailing_Country: fields.country,
    Lead_Source: fields.source,
    Email_Opt_Out: false,
    ...audit(owner, created, '2026-11-10T14:02:51Z'),
  };
}

const contacts = {
  // The "primary" contact: has deals, a US phone in a formatted style, and an email that is a
  // substring of another contact's (ann@ / joann@) for fuzzy-search tests.
  annCarter: contact('412001', 'Ann', 'Carter', repSpec, accounts.acme, {
    email: 'ann@acme.com', phone: '(213) 555-0147', mobile: '+1 213 555 0142', title: 'VP Operations', city: 'Los Angeles', state: 'CA', country: 'United States', source: 'Trade Show',
  }, '2025-02-11T17:10:40Z'),
  joannWhitfield: contact('412011', 'JoAnn', 'Whitfield', repSpec, accounts.acme, {
    email: 'joann@acme.com', phone: '213-555-0173', mobile: null, title: 'Procurement Lead', city: 'Los Angeles', state: 'CA', country: 'United States', source: 'Trade Show',
  }, '2025-03-02T19:44:05Z'),
  oliverBennett: contact('412021', 'Oliver', 'Bennett', repSpec, accounts.harrowgate, {
    email: 'oliver.bennett@harrowgatefoods.co.uk', phone: '+44 20 7946 0321', mobile: '+44 7700 900123', title: 'Head of Supply Chain', city: 'London', state: 'England', country: 'United Kingdom', source: 'Web Download',
  }, '2025-04-03T10:52:31Z'),
  graceONeill: contact('412031', 'Grace', "O'Neill", repSpec, accounts.harrowgate, {
    email: 'grace.oneill@harrowgatefoods.co.uk', phone: '020 7946 0958', mobile: null, title: 'Finance Director', city: 'London', state: 'England', country: 'United Kingdom', source: 'Employee Referral',
  }, '2025-05-14T13:20:00Z'),
  chloeNguyen: contact('412041', 'Chloe', 'Nguyen', managerSpec, accounts.koalaBay, {
    email: 'chloe.nguyen@koalabay.com.au', phone: '+61 2 9374 4012', mobile: '0412 345 678', title: 'Store Operations Manager', city: 'Sydney', state: 'NSW', country: 'Australia', source: 'Cold Call',
  }, '2025-06-20T00:05:00Z'),
  arjunMehta: contact('412051', 'Arjun', 'Mehta', repSpec, accounts.sahyadri, {
    email: 'arjun.mehta@sahyadritextiles.in', phone: '+91 22 4001 7788', mobile: '+91 98200 12345', title: 'CIO', city: 'Mumbai', state: 'Maharashtra', country: 'India', source: 'Partner',
  }, '2025-08-07T06:30:00Z'),
  lukasBrandt: contact('412061', 'Lukas', 'Brandt', adminSpec, accounts.brandtVogel, {
    email: 'l.brandt@brandt-vogel.de', phone: '+49 30 9018 2044', mobile: '+49 151 23456789', title: 'Geschäftsführer', city: 'Berlin', state: 'Berlin', country: 'Germany', source: 'Partner',
  }, '2025-01-22T08:20:00Z'),
  // Hostile on purpose: every UI must render this as text.
  hostile: contact('412071', 'Robert', '<img src=x onerror="window.__pwned=1">Hacker', repSpec, null, {
    email: 'robert.hacker@example.net', phone: '+1 512 555 0199', mobile: null, title: 'Security Researcher', city: 'Austin', state: 'TX', country: 'United States', source: 'Web Download',
  }, '2026-01-09T16:00:00Z'),
};

function lead(
  tail: string,
  first: string,
  last: string,
  owner: UserSpec,
  fields: { company: string; email: string; phone: string; status: string; source: string; city: string; state: string | null; country: string; title: string },
  created: string,
): ZohoRecord {
  return {
    id: id(tail),
    Salutation: null,
    First_Name: first,
    Last_Name: last,
    Full_Name: `${first} ${last}`,
    Company: fields.company,
    Designation: fields.title,
    Email: fields.email,
    Phone: fields.phone,
    Mobile: null,
    Lead_Status: fields.status,
    Lead_Source: fields.source,
    City: fields.city,
    State: fields.state,
    Country: fields.country,
    Email_Opt_Out: false,
    ...audit(owner, created, '2026-11-12T09:31:00Z'),
  };
}

const leads = {
  marcusLee: lead('377001', 'Marcus', 'Lee', repSpec, {
    company: 'Pinecrest Dental Group', email: 'marcus@pinecrestdental.com', phone: '(206) 555-0110', status: 'Contacted', source: 'Web Download', city: 'Seattle', state: 'WA', country: 'United States', title: 'Practice Manager',
  }, '2026-10-01T15:00:00Z'),
  fatimaAlSayed: lead('377011', 'Fatima', 'Al-Sayed', repSpec, {
    company: 'Desert Rose Hospitality', email: 'f.alsayed@desertrose.ae', phone: '+971 4 555 0190', status: 'Not Contacted', source: 'Advertisement', city: 'Dubai', state: null, country: 'United Arab Emirates', title: 'Director of Operations',
  }, '2026-10-18T07:40:00Z'),
  annLowry: lead('377021', 'Ann', 'Lowry', repSpec, {
    company: 'BrightPath Learning', email: 'ann.lowry@brightpath.io', phone: '+1 416 555 0175', status: 'Attempted to Contact', source: 'Cold Call', city: 'Toronto', state: 'ON', country: 'Canada', title: 'COO',
  }, '2026-10-25T18:12:00Z'),
  tomasRivera: lead('377031', 'Tomás', 'Rivera', repSpec, {
    company: 'Rivera & Hijos Construcciones', email: 'tomas@riverahijos.es', phone: '+34 91 555 0123', status: 'Pre-Qualified', source: 'Partner', city: 'Madrid', state: null, country: 'Spain', title: 'Owner',
  }, '2026-11-03T10:00:00Z'),
  hannahSchmidt: lead('377041', 'Hannah', 'Schmidt', managerSpec, {
    company: 'Alpenblick Reisen GmbH', email: 'h.schmidt@alpenblick-reisen.de', phone: '+49 89 555 0147', status: 'Contact in Future', source: 'Trade Show', city: 'Munich', state: 'Bavaria', country: 'Germany', title: 'Head of Sales',
  }, '2026-11-08T12:25:00Z'),
};

function deal(
  tail: string,
  name: string,
  owner: UserSpec,
  who: ZohoRecord,
  acct: ZohoRecord,
  fields: { stage: Stage; amount: number; closing: string; type: 'New Business' | 'Existing Business'; source: string; nextStep: string | null },
  created: string,
): ZohoRecord {
  const probability = STAGES.find((stage) => stage.name === fields.stage)?.probability ?? 0;
  return {
    id: id(tail),
    Deal_Name: name,
    Stage: fields.stage,
    Pipeline: 'Standard (Standard)',
    Amount: fields.amount,
    Probability: probability,
    Expected_Revenue: Math.round((fields.amount * probability) / 100),
    Closing_Date: fields.closing,
    Type: fields.type,
    Lead_Source: fields.source,
    Next_Step: fields.nextStep,
    Contact_Name: lookup(who, 'Full_Name'),
    Account_Name: lookup(acct, 'Account_Name'),
    Description: null,
    ...audit(owner, created, '2026-11-18T16:45:12Z'),
  };
}

const deals = {
  // The primary contact's main deal.
  acmeTelematics: deal('431001', 'Acme Logistics – Fleet Telematics Rollout', repSpec, contacts.annCarter, accounts.acme, {
    stage: 'Needs Analysis', amount: 48000, closing: '2026-12-18', type: 'New Business', source: 'Trade Show', nextStep: 'Discovery call with the ops team',
  }, '2026-09-15T14:22:31Z'),
  acmeTraining: deal('431011', 'Acme Logistics – Driver Training Portal', repSpec, contacts.annCarter, accounts.acme, {
    stage: 'Id. Decision Makers', amount: 15200, closing: '2027-02-12', type: 'Existing Business', source: 'Trade Show', nextStep: 'Meet the HR director',
  }, '2026-10-20T16:00:00Z'),
  acmeScanners: deal('431021', 'Acme Logistics – Warehouse Scanners', repSpec, contacts.joannWhitfield, accounts.acme, {
    stage: 'Proposal/Price Quote', amount: 23500, closing: '2026-12-05', type: 'New Business', source: 'Trade Show', nextStep: 'Send revised quote',
  }, '2026-08-04T18:05:00Z'),
  harrowgateSensors: deal('431031', 'Harrowgate Foods – Cold Chain Sensors', repSpec, contacts.oliverBennett, accounts.harrowgate, {
    stage: 'Qualification', amount: 31000, closing: '2027-01-29', type: 'New Business', source: 'Web Download', nextStep: 'Qualify budget',
  }, '2026-11-05T11:30:00Z'),
  harrowgatePilot: deal('431041', 'Harrowgate Foods – Pilot Extension', repSpec, contacts.graceONeill, accounts.harrowgate, {
    stage: 'Closed Lost', amount: 8600, closing: '2026-09-30', type: 'Existing Business', source: 'Employee Referral', nextStep: null,
  }, '2026-06-12T09:00:00Z'),
  koalaBayPos: deal('431051', 'Koala Bay – POS Upgrade', managerSpec, contacts.chloeNguyen, accounts.koalaBay, {
    stage: 'Value Proposition', amount: 18750, closing: '2026-12-31', type: 'New Business', source: 'Cold Call', nextStep: 'Demo for store managers',
  }, '2026-09-29T01:15:00Z'),
  koalaBayLoyalty: deal('431061', 'Koala Bay – Loyalty App', repSpec, contacts.chloeNguyen, accounts.koalaBay, {
    stage: 'Perception Analysis', amount: 27300, closing: '2027-01-15', type: 'New Business', source: 'Cold Call', nextStep: 'Gather feedback on the pilot',
  }, '2026-10-08T22:40:00Z'),
  sahyadriErp: deal('431071', 'Sahyadri Textiles – ERP Integration', repSpec, contacts.arjunMehta, accounts.sahyadri, {
    stage: 'Negotiation/Review', amount: 92000, closing: '2026-11-30', type: 'New Business', source: 'Partner', nextStep: 'Legal review of the MSA',
  }, '2026-07-21T04:50:00Z'),
  sahyadriAnalytics: deal('431081', 'Sahyadri Textiles – Analytics Add-on', repSpec, contacts.arjunMehta, accounts.sahyadri, {
    stage: 'Closed Lost to Competition', amount: 14000, closing: '2026-10-10', type: 'Existing Business', source: 'Partner', nextStep: null,
  }, '2026-05-02T07:00:00Z'),
  brandtRenewal: deal('431091', 'Brandt & Vogel – Annual Support Renewal', adminSpec, contacts.lukasBrandt, accounts.brandtVogel, {
    stage: 'Closed Won', amount: 12400, closing: '2026-10-15', type: 'Existing Business', source: 'Partner', nextStep: null,
  }, '2026-08-25T08:10:00Z'),
};

/** Well-known seed objects and ids. Treat as read-only; the store works on copies. */
export const SEED = {
  org: orgJson(),
  users: {
    rep: userJson(repSpec),
    manager: userJson(managerSpec),
    admin: userJson(adminSpec),
  },
  accounts,
  contacts,
  leads,
  deals,
  /** The record most tests and demos start from. */
  primary: {
    contactId: contacts.annCarter.id,
    dealId: deals.acmeTelematics.id,
    accountId: accounts.acme.id,
    leadId: leads.marcusLee.id,
  },
  /** Contact whose Last_Name is an HTML payload. */
  hostileContactId: contacts.hostile.id,
} as const;

export interface SeedData {
  org: Record<string, unknown> & { id: string; zgid: string };
  users: ZohoUserJson[];
  modules: Record<string, ZohoRecord[]>;
}

/** A fresh deep copy of everything, for the store. */
export function createSeedData(): SeedData {
  return structuredClone({
    org: SEED.org,
    users: [SEED.users.rep, SEED.users.manager, SEED.users.admin],
    modules: {
      Accounts: Object.values(accounts),
      Contacts: Object.values(contacts),
      Leads: Object.values(leads),
      Deals: Object.values(deals),
    },
  });
}
