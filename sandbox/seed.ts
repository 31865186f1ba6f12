// Deterministic seed: one org, three users, accounts, contacts, leads and deals, as Zoho's API
// JSON (API field names, 19-digit string ids, datetimes with offsets). Tests import SEED for
// well-known ids; the store takes a fresh deep copy from createSeedData() on every reset.
import { addDays, dateInZone, formatInZone, weekday, zonedTimeToEpoch, zoneOffsetMs } from './time';

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

// ---- Activities: events, tasks and notes ------------------------------------------------------
// Laid out around "today" (the clock at reset) in each owner's time zone, so the demo calendar
// always has upcoming meetings. Deterministic for a given day: a seeded PRNG, fixed ids.

/** A stage change of a deal: the store keeps a list per deal, oldest first. */
export interface StageChange {
  stage: string;
  /** ISO datetime with offset. */
  changedAt: string;
  by: { id: string; name: string };
}

const MODULE_ID = {
  Leads: '4876876000000002175',
  Accounts: '4876876000000002177',
  Contacts: '4876876000000002179',
  Deals: '4876876000000002181',
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/** mulberry32: small, fast and the same on every machine. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** First date on or after `date` that is a weekday (Mon–Fri). */
function nextWeekday(date: string): string {
  let day = date;
  while (weekday(day) === 0 || weekday(day) === 6) day = addDays(day, 1);
  return day;
}

/** Last date on or before `date` that is a weekday. */
function previousWeekday(date: string): string {
  let day = date;
  while (weekday(day) === 0 || weekday(day) === 6) day = addDays(day, -1);
  return day;
}

function nextDayOfWeek(date: string, dow: number): string {
  let day = addDays(date, 1);
  while (weekday(day) !== dow) day = addDays(day, 1);
  return day;
}

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const timeOf = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

type ParticipantSpec =
  | { kind: 'contact'; record: ZohoRecord; status?: string }
  | { kind: 'lead'; record: ZohoRecord; status?: string }
  | { kind: 'user'; user: UserSpec; status?: string }
  | { kind: 'email'; email: string; status?: string };

interface EventSpec {
  owner: UserSpec;
  title: string;
  date: string;
  /** Local `HH:mm` in the owner's zone; ignored for all-day events. */
  start: string;
  minutes: number;
  allDay?: boolean;
  venue?: string | null;
  description?: string | null;
  who?: ZohoRecord;
  what?: { module: 'Deals' | 'Accounts' | 'Leads'; record: ZohoRecord };
  participants?: ParticipantSpec[];
}

interface ActivityContext {
  now: number;
  nextParticipantId: () => string;
}

const nameOf = (record: ZohoRecord): string =>
  String(record.Full_Name ?? record.Deal_Name ?? record.Account_Name ?? record.Subject ?? record.id);

function participantJson(spec: ParticipantSpec, ctx: ActivityContext): Record<string, unknown> {
  const status = spec.status ?? 'not_known';
  switch (spec.kind) {
    case 'contact':
    case 'lead':
      return { Email: spec.record.Email ?? null, name: nameOf(spec.record), invited: true, type: spec.kind, participant: spec.record.id, status, id: ctx.nextParticipantId() };
    case 'user':
      return { Email: spec.user.email, name: `${spec.user.first} ${spec.user.last}`, invited: true, type: 'user', participant: spec.user.id, status, id: ctx.nextParticipantId() };
    case 'email':
      return { Email: spec.email, name: spec.email, invited: true, type: 'email', participant: spec.email, status, id: ctx.nextParticipantId() };
  }
}

/** Audit fields for an activity created `createdMs` (never after the seed clock). */
function activityAudit(owner: UserSpec, createdMs: number, modifiedMs: number) {
  return {
    Owner: minifiedUser(owner),
    Created_By: minifiedUser(owner),
    Modified_By: minifiedUser(owner),
    Created_Time: formatInZone(createdMs, owner.timeZone),
    Modified_Time: formatInZone(Math.max(createdMs, modifiedMs), owner.timeZone),
    Tag: [],
    $approved: true,
    $editable: true,
  };
}

function eventRecord(tail: string, spec: EventSpec, ctx: ActivityContext): ZohoRecord {
  const zone = spec.owner.timeZone;
  // UNCONFIRMED: Zoho's stored span for all-day events; 00:00 to 23:59 of the day in the owner's zone.
  const startMs = zonedTimeToEpoch(spec.date, spec.allDay ? '00:00' : spec.start, zone);
  const endMs = spec.allDay ? zonedTimeToEpoch(spec.date, '23:59', zone) : startMs + spec.minutes * 60_000;
  const createdMs = Math.min(startMs - 6 * DAY_MS, ctx.now - 3 * 60 * 60 * 1000);
  return {
    id: id(tail),
    Event_Title: spec.title,
    Start_DateTime: formatInZone(startMs, zone),
    End_DateTime: formatInZone(endMs, zone),
    All_day: spec.allDay ?? false,
    Venue: spec.venue ?? null,
    Description: spec.description ?? null,
    Who_Id: spec.who ? lookup(spec.who, 'Full_Name') : null,
    What_Id: spec.what ? { id: spec.what.record.id, name: nameOf(spec.what.record) } : null,
    $se_module: spec.what?.module ?? null,
    Participants: (spec.participants ?? []).map((participant) => participantJson(participant, ctx)),
    Remind_At: null,
    Recurring_Activity: null,
    ...activityAudit(spec.owner, createdMs, createdMs),
  };
}

interface CalendarPlan {
  owner: UserSpec;
  seed: number;
  upcoming: number;
  past: number;
  /** Working hours, local to the owner. */
  dayStart: string;
  dayEnd: string;
  named: Array<{ key: string; spec: EventSpec }>;
  /** Shapes of the everyday meetings, dealt from a shuffled deck so they vary. */
  filler: ReadonlyArray<Omit<EventSpec, 'owner' | 'date' | 'start'>>;
}

function deck<T>(items: readonly T[], random: () => number): () => T {
  let pile: T[] = [];
  return () => {
    if (pile.length === 0) {
      pile = [...items];
      for (let i = pile.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [pile[i], pile[j]] = [pile[j] as T, pile[i] as T];
      }
    }
    return pile.pop() as T;
  };
}

/** Places the named events, then filler on weekdays (one per day per pass) without overlaps. */
function calendar(plan: CalendarPlan, today: string, ctx: ActivityContext, nextTail: () => string) {
  const random = prng(plan.seed);
  const busy = new Map<string, Array<[number, number]>>();
  const overlaps = (date: string, from: number, to: number) => (busy.get(date) ?? []).some(([a, b]) => from < b && a < to);
  const book = (date: string, from: number, to: number) => busy.set(date, [...(busy.get(date) ?? []), [from, to]]);
  const named: Record<string, ZohoRecord> = {};
  const events: ZohoRecord[] = [];
  let upcoming = 0;
  let past = 0;
  const count = (date: string) => (date >= today ? (upcoming += 1) : (past += 1));

  for (const { key, spec } of plan.named) {
    const from = spec.allDay ? 0 : minutesOf(spec.start);
    book(spec.date, from, spec.allDay ? 24 * 60 : from + spec.minutes);
    const record = eventRecord(nextTail(), spec, ctx);
    named[key] = record;
    events.push(record);
    count(spec.date);
  }

  const nextShape = deck(plan.filler, random);
  const fill = (dates: string[], target: () => number, wanted: number) => {
    for (let attempt = 0; target() < wanted && attempt < dates.length * 6; attempt++) {
      const date = dates[attempt % dates.length] as string;
      const shape = nextShape();
      const first = minutesOf(plan.dayStart);
      const last = minutesOf(plan.dayEnd) - shape.minutes;
      const slots = Math.floor((last - first) / 30) + 1;
      const from = first + Math.floor(random() * slots) * 30;
      if (overlaps(date, from, from + shape.minutes)) continue;
      book(date, from, from + shape.minutes);
      events.push(eventRecord(nextTail(), { ...shape, owner: plan.owner, date, start: timeOf(from) }, ctx));
      count(date);
    }
  };
  const weekdays = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => addDays(today, from + i)).filter((date) => weekday(date) !== 0 && weekday(date) !== 6);
  fill(weekdays(0, 20), () => upcoming, plan.upcoming);
  fill(weekdays(-14, -1), () => past, plan.past);
  // Sorted by start, as a calendar lists them.
  events.sort((a, b) => Date.parse(String(a.Start_DateTime)) - Date.parse(String(b.Start_DateTime)));
  return { events, named };
}

interface TaskSpec {
  owner: UserSpec;
  subject: string;
  due: string;
  status: (typeof TASK_STATUS_VALUES)[number];
  priority: 'Highest' | 'High' | 'Normal' | 'Low' | 'Lowest';
  description?: string;
  who?: ZohoRecord;
  what?: { module: 'Deals' | 'Accounts' | 'Leads'; record: ZohoRecord };
  /** Days before `due` the task was created. */
  leadDays: number;
}

const TASK_STATUS_VALUES = ['Not Started', 'Deferred', 'In Progress', 'Completed', 'Waiting for input'] as const;

function taskRecord(tail: string, spec: TaskSpec, ctx: ActivityContext): ZohoRecord {
  const zone = spec.owner.timeZone;
  const createdMs = Math.min(zonedTimeToEpoch(addDays(spec.due, -spec.leadDays), '10:15', zone), ctx.now - 2 * 60 * 60 * 1000);
  const closedMs = spec.status === 'Completed' ? Math.min(zonedTimeToEpoch(spec.due, '16:40', zone), ctx.now - 60 * 60 * 1000) : null;
  return {
    id: id(tail),
    Subject: spec.subject,
    Due_Date: spec.due,
    Status: spec.status,
    Priority: spec.priority,
    Description: spec.description ?? null,
    Who_Id: spec.who ? lookup(spec.who, 'Full_Name') : null,
    What_Id: spec.what ? { id: spec.what.record.id, name: nameOf(spec.what.record) } : null,
    $se_module: spec.what?.module ?? null,
    Closed_Time: closedMs === null ? null : formatInZone(closedMs, zone),
    Remind_At: null,
    Recurring_Activity: null,
    Send_Notification_Email: false,
    ...activityAudit(spec.owner, createdMs, closedMs ?? createdMs),
  };
}

interface NoteSpec {
  owner: UserSpec;
  parent: { module: 'Deals' | 'Contacts' | 'Leads' | 'Accounts'; record: ZohoRecord };
  title: string | null;
  /** Days before today, and local time, of creation. */
  daysAgo: number;
  time: string;
  content: string;
}

function noteRecord(tail: string, spec: NoteSpec, today: string, ctx: ActivityContext): ZohoRecord {
  const zone = spec.owner.timeZone;
  const createdMs = Math.min(zonedTimeToEpoch(addDays(today, -spec.daysAgo), spec.time, zone), ctx.now - 30 * 60 * 1000);
  const audit = activityAudit(spec.owner, createdMs, createdMs);
  return {
    id: id(tail),
    Note_Title: spec.title,
    Note_Content: spec.content,
    Parent_Id: { module: { api_name: spec.parent.module, id: MODULE_ID[spec.parent.module] }, id: spec.parent.record.id, name: nameOf(spec.parent.record) },
    Owner: audit.Owner,
    Created_By: audit.Created_By,
    Modified_By: audit.Modified_By,
    Created_Time: audit.Created_Time,
    Modified_Time: audit.Modified_Time,
    $attachments: [],
    $editable: true,
    $is_shared_to_client: false,
    $sharing_permission: 'full_access',
    // The OAS types $size as a string; a text note has no attachment size.
    $size: '0',
    $state: 'save',
    $voice_note: false,
  };
}

const dealRef = (record: ZohoRecord) => ({ module: 'Deals' as const, record });

/** Events, tasks and notes around `now`, plus the well-known ones by name. */
export function createActivities(now: number) {
  let participantCounter = 0;
  const ctx: ActivityContext = { now, nextParticipantId: () => id(String(554000 + ++participantCounter)) };
  let eventCounter = 0;
  const nextEventTail = () => String(551000 + ++eventCounter);
  const repToday = dateInZone(now, repSpec.timeZone);
  const managerToday = dateInZone(now, managerSpec.timeZone);
  const adminToday = dateInZone(now, adminSpec.timeZone);
  const { annCarter, joannWhitfield, oliverBennett, graceONeill, chloeNguyen, arjunMehta, lukasBrandt } = contacts;
  const d = deals;

  // ---- the rep (Asia/Kolkata) ----
  const r = (offset: number) => nextWeekday(addDays(repToday, offset));
  const rep = calendar(
    {
      owner: repSpec,
      seed: 0x5eed01,
      upcoming: 25,
      past: 10,
      dayStart: '09:30',
      dayEnd: '18:30',
      named: [
        { key: 'acmeDiscovery', spec: { owner: repSpec, title: 'Discovery call – Acme fleet telematics', date: r(1), start: '10:00', minutes: 45, venue: 'Zoom',
          description: 'Walk through their current GPS vendor, fleet size by depot, and the March contract end date.',
          who: annCarter, what: dealRef(d.acmeTelematics), participants: [{ kind: 'contact', record: annCarter, status: 'accepted' }, { kind: 'contact', record: joannWhitfield }] } },
        { key: 'offsiteAllDay', spec: { owner: repSpec, title: 'Quarterly sales offsite', date: r(2), start: '00:00', minutes: 0, allDay: true, venue: 'Taj West End, Bengaluru',
          participants: [{ kind: 'user', user: managerSpec, status: 'accepted' }] } },
        { key: 'sahyadriWorkshop', spec: { owner: repSpec, title: 'ERP integration workshop – Sahyadri Textiles', date: r(4), start: '13:30', minutes: 210, venue: 'Sahyadri HQ, Lower Parel, Mumbai',
          description: 'Half-day working session with their IT team: SAP order flows, EDI mapping, cut-over plan.',
          who: arjunMehta, what: dealRef(d.sahyadriErp), participants: [{ kind: 'contact', record: arjunMehta, status: 'accepted' }, { kind: 'email', email: 'it-team@sahyadritextiles.in' }] } },
        { key: 'weekendTradeShow', spec: { owner: repSpec, title: 'Logistics Tech Expo – booth duty', date: nextDayOfWeek(repToday, 6), start: '10:00', minutes: 360, venue: 'BIEC, Bengaluru',
          description: 'Booth B14. Bring demo tablets and the telematics one-pager.' } },
        { key: 'sundayQbrPrep', spec: { owner: repSpec, title: 'QBR deck prep (Sunday)', date: nextDayOfWeek(repToday, 0), start: '17:00', minutes: 60, venue: null,
          description: 'Finish the Acme QBR deck before the Monday review.', what: { module: 'Accounts', record: accounts.acme } } },
        { key: 'saturdayRehearsalPast', spec: { owner: repSpec, title: 'Go-live rehearsal – Sahyadri (weekend window)', date: addDays(nextDayOfWeek(repToday, 6), -7), start: '09:00', minutes: 240, venue: 'Remote',
          who: arjunMehta, what: dealRef(d.sahyadriErp), participants: [{ kind: 'contact', record: arjunMehta, status: 'accepted' }, { kind: 'email', email: 'it-team@sahyadritextiles.in', status: 'accepted' }] } },
        { key: 'midnightSydneyCall', spec: { owner: repSpec, title: 'Koala Bay loyalty pilot – check-in (Sydney morning)', date: r(3), start: '23:30', minutes: 60, venue: 'Microsoft Teams',
          who: chloeNguyen, what: dealRef(d.koalaBayLoyalty), participants: [{ kind: 'contact', record: chloeNguyen, status: 'tentative' }] } },
        { key: 'pinecrestIntro', spec: { owner: repSpec, title: 'Intro call – Pinecrest Dental Group', date: r(6), start: '20:30', minutes: 30, venue: 'Phone',
          description: 'Evening IST = morning in Seattle. Qualify: number of clinics, current scheduling tool.',
          what: { module: 'Leads', record: leads.marcusLee }, participants: [{ kind: 'lead', record: leads.marcusLee }] } },
        { key: 'harrowgateDemoPast', spec: { owner: repSpec, title: 'Cold-chain sensor demo – Harrowgate Foods', date: previousWeekday(addDays(repToday, -3)), start: '15:00', minutes: 60, venue: 'Zoom',
          who: oliverBennett, what: dealRef(d.harrowgateSensors), participants: [{ kind: 'contact', record: oliverBennett, status: 'accepted' }, { kind: 'contact', record: graceONeill, status: 'declined' }] } },
        { key: 'sahyadriLegalPast', spec: { owner: repSpec, title: 'MSA review call – Sahyadri legal', date: previousWeekday(addDays(repToday, -6)), start: '11:00', minutes: 60, venue: 'Google Meet',
          who: arjunMehta, what: dealRef(d.sahyadriErp), participants: [{ kind: 'contact', record: arjunMehta, status: 'accepted' }, { kind: 'email', email: 'legal@sahyadritextiles.in', status: 'accepted' }] } },
      ],
      filler: [
          { title: 'Follow-up call – Acme driver training portal', minutes: 30, venue: 'Zoom', who: annCarter, what: dealRef(d.acmeTraining), participants: [{ kind: 'contact', record: annCarter }] },
          { title: 'Scanner pricing review with JoAnn', minutes: 45, venue: 'Zoom', who: joannWhitfield, what: dealRef(d.acmeScanners), participants: [{ kind: 'contact', record: joannWhitfield }] },
          { title: 'Harrowgate – pilot scoping', minutes: 60, venue: 'Microsoft Teams', who: oliverBennett, what: dealRef(d.harrowgateSensors), participants: [{ kind: 'contact', record: oliverBennett }] },
          { title: 'Sahyadri – data migration sync', minutes: 60, venue: 'Google Meet', who: arjunMehta, what: dealRef(d.sahyadriErp), participants: [{ kind: 'contact', record: arjunMehta }] },
          { title: 'Deal review with Daniel', minutes: 30, venue: 'Zoom', participants: [{ kind: 'user', user: managerSpec }] },
          { title: 'Proposal prep – Acme scanners', minutes: 90, venue: null },
          { title: 'Pipeline forecast call', minutes: 45, venue: 'Zoom', participants: [{ kind: 'user', user: managerSpec }, { kind: 'user', user: adminSpec }] },
          { title: 'Plant visit – Sahyadri Textiles, Bhiwandi', minutes: 120, venue: 'Sahyadri plant, Bhiwandi', who: arjunMehta, what: dealRef(d.sahyadriErp), participants: [{ kind: 'contact', record: arjunMehta }] },
          { title: 'Solution engineering handover', minutes: 30, venue: 'Zoom', participants: [{ kind: 'email', email: 'presales@nwind.com' }] },
          { title: 'Koala Bay – loyalty roadmap review', minutes: 45, venue: 'Microsoft Teams', who: chloeNguyen, what: dealRef(d.koalaBayLoyalty), participants: [{ kind: 'contact', record: chloeNguyen }] },
          { title: 'Account planning – Acme Logistics', minutes: 60, venue: null, what: { module: 'Accounts', record: accounts.acme } },
          { title: 'Reference call for Harrowgate (with Acme)', minutes: 30, venue: 'Zoom', who: annCarter, participants: [{ kind: 'contact', record: annCarter }, { kind: 'contact', record: oliverBennett }] },
        ],
    },
    repToday,
    ctx,
    nextEventTail,
  );

  // ---- the manager (America/New_York) ----
  const m = (offset: number) => nextWeekday(addDays(managerToday, offset));
  const manager = calendar(
    {
      owner: managerSpec,
      seed: 0x5eed02,
      upcoming: 20,
      past: 8,
      dayStart: '09:00',
      dayEnd: '17:00',
      named: [
        { key: 'koalaBayPosDemo', spec: { owner: managerSpec, title: 'POS upgrade demo for store managers', date: m(2), start: '17:30', minutes: 90, venue: 'Zoom',
          who: chloeNguyen, what: dealRef(d.koalaBayPos), participants: [{ kind: 'contact', record: chloeNguyen, status: 'accepted' }] } },
      ],
      filler: [
          { title: '1:1 with Priya Raman', minutes: 30, venue: 'Zoom', participants: [{ kind: 'user' as const, user: repSpec }] },
          { title: 'Forecast call with Sofia', minutes: 45, venue: 'Zoom', participants: [{ kind: 'user' as const, user: adminSpec }] },
          { title: 'Hiring loop – AE candidate', minutes: 60, venue: 'Room 12B', participants: [{ kind: 'email' as const, email: 'recruiting@nwind.com' }] },
          { title: 'Koala Bay – commercial terms', minutes: 60, venue: 'Microsoft Teams', who: chloeNguyen, what: dealRef(d.koalaBayPos), participants: [{ kind: 'contact' as const, record: chloeNguyen }] },
          { title: 'Sales ops weekly', minutes: 30, venue: 'Room 12B' },
          { title: 'Territory planning', minutes: 90, venue: null },
        ],
    },
    managerToday,
    ctx,
    nextEventTail,
  );

  // ---- the admin (Europe/London) ----
  const admin = calendar(
    {
      owner: adminSpec,
      seed: 0x5eed03,
      upcoming: 15,
      past: 6,
      dayStart: '09:00',
      dayEnd: '17:30',
      named: [],
      filler: [
          { title: 'Board prep', minutes: 90, venue: 'Boardroom' },
          { title: 'Brandt & Vogel – renewal kickoff', minutes: 45, venue: 'Zoom', who: lukasBrandt, what: dealRef(d.brandtRenewal), participants: [{ kind: 'contact' as const, record: lukasBrandt }] },
          { title: 'Leadership sync', minutes: 60, venue: 'Zoom', participants: [{ kind: 'user' as const, user: managerSpec }] },
          { title: 'Finance review', minutes: 60, venue: 'Boardroom', participants: [{ kind: 'email' as const, email: 'finance@nwind.com' }] },
          { title: 'CRM admin office hours', minutes: 30, venue: 'Zoom' },
        ],
    },
    adminToday,
    ctx,
    nextEventTail,
  );

  // ---- tasks ----
  let taskCounter = 0;
  const nextTaskTail = () => String(552000 + ++taskCounter);
  const friday = weekday(repToday) === 5 ? repToday : nextDayOfWeek(repToday, 5);
  const taskSpecs: Array<{ key: string; spec: TaskSpec }> = [
    { key: 'sendProposalAcme', spec: { owner: repSpec, subject: 'Send revised scanner proposal to JoAnn', due: friday, status: 'Not Started', priority: 'High', leadDays: 3,
      description: 'She needs it before the Monday procurement meeting. Include the 3-year support option.', who: joannWhitfield, what: dealRef(d.acmeScanners) } },
    { key: 'budgetSignOff', spec: { owner: repSpec, subject: 'Confirm budget sign-off with Ann', due: previousWeekday(addDays(repToday, -4)), status: 'Completed', priority: 'Normal', leadDays: 5,
      who: annCarter, what: dealRef(d.acmeTelematics) } },
    { key: 'msaRedlines', spec: { owner: repSpec, subject: 'Return MSA redlines to Sahyadri legal', due: r(2), status: 'In Progress', priority: 'Highest', leadDays: 4,
      description: 'Open points: liability cap, data residency clause, payment terms (net 45 vs net 30).', who: arjunMehta, what: dealRef(d.sahyadriErp) } },
    { key: 'overdueCallback', spec: { owner: repSpec, subject: 'Call Oliver back about sensor pricing', due: previousWeekday(addDays(repToday, -2)), status: 'Not Started', priority: 'High', leadDays: 2,
      who: oliverBennett, what: dealRef(d.harrowgateSensors) } },
    { key: 'trainingPortalDemo', spec: { owner: repSpec, subject: 'Book HR director demo for the training portal', due: r(8), status: 'Waiting for input', priority: 'Normal', leadDays: 6,
      who: annCarter, what: dealRef(d.acmeTraining) } },
    { key: 'loyaltyFeedback', spec: { owner: repSpec, subject: 'Collect pilot feedback from three Koala Bay stores', due: r(5), status: 'Not Started', priority: 'Normal', leadDays: 7,
      who: chloeNguyen, what: dealRef(d.koalaBayLoyalty) } },
    { key: 'lossReview', spec: { owner: repSpec, subject: 'Loss review: Sahyadri analytics add-on', due: previousWeekday(addDays(repToday, -10)), status: 'Completed', priority: 'Low', leadDays: 3,
      what: dealRef(d.sahyadriAnalytics) } },
    { key: 'pinecrestCaseStudy', spec: { owner: repSpec, subject: 'Email Marcus the dental group case study', due: r(1), status: 'Not Started', priority: 'Normal', leadDays: 2,
      what: { module: 'Leads', record: leads.marcusLee } } },
    { key: 'posDemoPrep', spec: { owner: managerSpec, subject: 'Prepare POS demo environment', due: m(1), status: 'In Progress', priority: 'High', leadDays: 4,
      who: chloeNguyen, what: dealRef(d.koalaBayPos) } },
    { key: 'renewalInvoice', spec: { owner: adminSpec, subject: 'Send renewal invoice to Brandt & Vogel', due: previousWeekday(addDays(adminToday, -12)), status: 'Completed', priority: 'Normal', leadDays: 3,
      who: lukasBrandt, what: dealRef(d.brandtRenewal) } },
  ];
  const namedTasks: Record<string, ZohoRecord> = {};
  const tasks = taskSpecs.map(({ key, spec }) => (namedTasks[key] = taskRecord(nextTaskTail(), spec, ctx)));

  // ---- notes ----
  let noteCounter = 0;
  const nextNoteTail = () => String(553000 + ++noteCounter);
  const noteSpecs: Array<{ key: string; spec: NoteSpec }> = [
    { key: 'acmeDiscoverySummary', spec: { owner: repSpec, parent: dealRef(d.acmeTelematics), title: 'Discovery call – summary', daysAgo: 19, time: '19:10', content:
      'Spoke with Ann Carter (VP Ops) and JoAnn Whitfield (procurement). 240 trucks across 6 depots in SoCal and Arizona. ' +
      'Current GPS vendor contract ends in March; they are unhappy with the 15-minute ping interval and the lack of driver scoring. ' +
      'Ann wants a pilot on the Long Beach depot first. No budget confirmed yet – she will raise it with the CFO at the quarterly review.' } },
    { key: 'budgetApproved', spec: { owner: repSpec, parent: dealRef(d.acmeTelematics), title: 'Call with Ann – budget', daysAgo: 5, time: '20:05', content:
      'Good news: Ann confirmed the CFO signed off last Tuesday. Budget approved for the full rollout at $48k for year one, ' +
      'hardware included. She still wants the Long Beach pilot to start in January, with the other depots following in Q2. ' +
      'Next step: discovery session with the ops leads to size the installation schedule.' } },
    { key: 'acmeTranscript', spec: { owner: repSpec, parent: dealRef(d.acmeTelematics), title: 'Transcript excerpt – ops team call', daysAgo: 2, time: '21:40', content:
      '[00:02:14] Ann Carter: Before we go further – is the driver app in Spanish? About a third of our drivers prefer it.\n' +
      '[00:02:31] Priya Raman: Yes, Spanish and English today, French Canadian next quarter.\n' +
      '[00:03:05] Ann Carter: Good. Then the question is installation. We cannot take more than ten trucks off the road per day.\n' +
      '[00:03:40] Priya Raman: Our installers do twelve a day per crew; we can send one crew and stay under your limit.\n' +
      '[00:04:12] JoAnn Whitfield: And pricing is per vehicle per month, fixed for three years?\n' +
      '[00:04:20] Priya Raman: Fixed for three years, yes. I will put that in writing.' } },
    { key: 'proposalByFriday', spec: { owner: repSpec, parent: dealRef(d.acmeScanners), title: 'Pricing call with JoAnn', daysAgo: 3, time: '22:15', content:
      'JoAnn pushed back on the per-unit price of the ruggedised scanners (we are ~8% above the Zebra quote). ' +
      'She asked us to send the proposal by Friday so she can take it to the Monday procurement meeting. ' +
      'Plan: revised quote with the 3-year support bundle and a volume tier at 150 units.' } },
    { key: 'legalReview', spec: { owner: repSpec, parent: dealRef(d.sahyadriErp), title: 'Negotiation status', daysAgo: 6, time: '16:30', content:
      'Commercials are agreed with Arjun: ₹76 lakh for the integration plus annual support. ' +
      'The deal is now with their legal team for legal review of the contract (MSA and DPA). ' +
      'Their counsel flagged the liability cap (they want 2× fees) and a data residency clause. Expect redlines within the week.' } },
    { key: 'sahyadriTranscript', spec: { owner: repSpec, parent: dealRef(d.sahyadriErp), title: 'Transcript – MSA review call', daysAgo: 6, time: '12:20', content:
      '[00:11:02] Legal (Sahyadri): Clause 9.2 – we need the liability cap at twice the annual fees, not one times.\n' +
      '[00:11:30] Priya Raman: I will take that back; one and a half times is something we have agreed before.\n' +
      '[00:12:45] Arjun Mehta: From our side the timeline matters more. If legal closes this month we can start the cut-over in January.\n' +
      '[00:13:10] Legal (Sahyadri): Then send us the revised MSA by Thursday and we will turn it around in two days.' } },
    { key: 'choseCompetitor', spec: { owner: repSpec, parent: dealRef(d.sahyadriAnalytics), title: 'Lost – analytics add-on', daysAgo: 24, time: '18:00', content:
      'Arjun called: they chose a competitor. Their ERP vendor bundled a BI module at almost no extra cost, ' +
      'and the CFO would not approve a separate analytics contract this year. ' +
      'Relationship is fine – the ERP integration deal is not affected. Revisit analytics in FY27 planning.' } },
    { key: 'harrowgateIntro', spec: { owner: repSpec, parent: dealRef(d.harrowgateSensors), title: 'Intro call – cold chain', daysAgo: 12, time: '15:45', content:
      'Oliver Bennett runs supply chain for 4 warehouses and 60 refrigerated trailers. ' +
      'They lost two loads to temperature excursions last summer. He wants a pilot in two warehouses. ' +
      'No budget yet for this financial year; Grace O\'Neill (Finance Director) decides on anything above £20k.' } },
    { key: 'harrowgateDemoNotes', spec: { owner: repSpec, parent: dealRef(d.harrowgateSensors), title: 'Demo follow-up', daysAgo: 3, time: '17:05', content:
      'Demo went well; Oliver liked the excursion alerts and the audit export for their food-safety inspector. ' +
      'Grace declined the invite. Oliver asked for sensor pricing for 120 units and a 60-day pilot. Call him back this week.' } },
    { key: 'pilotLost', spec: { owner: repSpec, parent: dealRef(d.harrowgatePilot), title: null, daysAgo: 28, time: '14:10', content:
      'Pilot extension closed lost: budget was cut after the Q3 reforecast. Grace was clear it is a timing issue, not a product issue.' } },
    { key: 'loyaltyPilotFeedback', spec: { owner: repSpec, parent: dealRef(d.koalaBayLoyalty), title: 'Pilot feedback', daysAgo: 7, time: '06:30', content:
      'Chloe reports store managers like the app; sign-ups at the Bondi store are 30% above target. ' +
      'She needs the CFO\'s sign-off before committing to all 14 stores and expects a decision after the Christmas trading period.' } },
    { key: 'posDemoPrepNote', spec: { owner: managerSpec, parent: dealRef(d.koalaBayPos), title: 'Demo prep', daysAgo: 9, time: '11:20', content:
      'Chloe wants the demo focused on end-of-day reconciliation and offline mode. Three store managers will attend. ' +
      'They are also talking to Square; price will matter.' } },
    { key: 'renewalSigned', spec: { owner: adminSpec, parent: dealRef(d.brandtRenewal), title: 'Renewal signed', daysAgo: 20, time: '10:00', content:
      'Lukas signed the 2027 support renewal. Budget approved at the same rate as last year; he asked about adding the analytics module mid-year.' } },
    { key: 'annPreferences', spec: { owner: repSpec, parent: { module: 'Contacts', record: annCarter }, title: 'Working with Ann', daysAgo: 15, time: '20:45', content:
      'Prefers short calls before 9am Pacific. Decides quickly once the numbers are clear; copy JoAnn on anything about pricing.' } },
    { key: 'pinecrestInbound', spec: { owner: repSpec, parent: { module: 'Leads', record: leads.marcusLee }, title: 'Inbound from webinar', daysAgo: 8, time: '21:00', content:
      'Marcus attended the patient-scheduling webinar and asked for a case study. 9 clinics around Seattle, using paper sign-in sheets today.' } },
  ];
  const namedNotes: Record<string, ZohoRecord> = {};
  const notes = noteSpecs.map(({ key, spec }) => (namedNotes[key] = noteRecord(nextNoteTail(), spec, spec.owner === repSpec ? repToday : spec.owner === managerSpec ? managerToday : adminToday, ctx)));

  return {
    events: [...rep.events, ...manager.events, ...admin.events],
    tasks,
    notes,
    named: {
      events: { ...rep.named, ...manager.named },
      tasks: namedTasks,
      notes: namedNotes,
    },
  };
}

/** One change per seeded deal: it reached its current stage when last modified. */
function seedStageHistory(): Record<string, StageChange[]> {
  const history: Record<string, StageChange[]> = {};
  for (const record of Object.values(deals)) {
    const owner = record.Owner as { id: string; name: string };
    history[record.id] = [{ stage: String(record.Stage), changedAt: String(record.Modified_Time), by: { id: owner.id, name: owner.name } }];
  }
  return history;
}

// Activities as of loading this module: what SEED names (same ids on every reset; times move
// with the day the store is reset on).
const activities = createActivities(Date.now());

const EVENT_KEYS = [
  'acmeDiscovery', 'offsiteAllDay', 'sahyadriWorkshop', 'weekendTradeShow', 'sundayQbrPrep', 'saturdayRehearsalPast',
  'midnightSydneyCall', 'pinecrestIntro', 'harrowgateDemoPast', 'sahyadriLegalPast', 'koalaBayPosDemo',
] as const;
const TASK_KEYS = [
  'sendProposalAcme', 'budgetSignOff', 'msaRedlines', 'overdueCallback', 'trainingPortalDemo', 'loyaltyFeedback',
  'lossReview', 'pinecrestCaseStudy', 'posDemoPrep', 'renewalInvoice',
] as const;
const NOTE_KEYS = [
  'acmeDiscoverySummary', 'budgetApproved', 'acmeTranscript', 'proposalByFriday', 'legalReview', 'sahyadriTranscript',
  'choseCompetitor', 'harrowgateIntro', 'harrowgateDemoNotes', 'pilotLost', 'loyaltyPilotFeedback', 'posDemoPrepNote',
  'renewalSigned', 'annPreferences', 'pinecrestInbound',
] as const;

/** The named records with their names as a type (and a loud failure if one goes missing). */
function named<K extends string>(records: Record<string, ZohoRecord>, keys: readonly K[]): Record<K, ZohoRecord> {
  const picked = {} as Record<K, ZohoRecord>;
  for (const key of keys) {
    const record = records[key];
    if (!record) throw new Error(`seed: no activity named ${key}`);
    picked[key] = record;
  }
  return picked;
}

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
  /**
   * Well-known activities, laid out around the day this module was loaded (see createActivities).
   * Ids never change; after a reset on another day their times move with the day.
   */
  events: named(activities.named.events, EVENT_KEYS),
  tasks: named(activities.named.tasks, TASK_KEYS),
  notes: named(activities.named.notes, NOTE_KEYS),
  /** Every seeded activity, in store order. */
  activities: { events: activities.events, tasks: activities.tasks, notes: activities.notes },
} as const;

export interface SeedData {
  org: Record<string, unknown> & { id: string; zgid: string };
  users: ZohoUserJson[];
  modules: Record<string, ZohoRecord[]>;
  stageHistory: Record<string, StageChange[]>;
}

/** A fresh deep copy of everything, for the store; activities are laid out around `now`. */
export function createSeedData(now: number = Date.now()): SeedData {
  const fresh = createActivities(now);
  return structuredClone({
    org: SEED.org,
    users: [SEED.users.rep, SEED.users.manager, SEED.users.admin],
    modules: {
      Accounts: Object.values(accounts),
      Contacts: Object.values(contacts),
      Leads: Object.values(leads),
      Deals: Object.values(deals),
      Events: fresh.events,
      Tasks: fresh.tasks,
      Notes: fresh.notes,
    },
    stageHistory: seedStageHistory(),
  });
}
