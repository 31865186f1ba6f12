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

export const PROFILES = {
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

/**
 * The org's pipelines, the default first: Zoho's standard one, and one for renewals and extensions
 * of existing business with fewer stages (a subset of the Stage pick list, as every pipeline's
 * stages are). A deal's `Pipeline` holds the name as the pipeline API gives it (meta.ts pipelines).
 */
export const PIPELINES: ReadonlyArray<{ name: string; stages: readonly Stage[] }> = [
  { name: 'Standard (Standard)', stages: STAGES.map((stage) => stage.name) },
  { name: 'Renewals (Standard)', stages: ['Qualification', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost'] },
];
export const RENEWALS_PIPELINE = PIPELINES[1]!.name;

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
  // The manager's book: one account per deal of the labeled set (sandbox/labeled.ts), so tests
  // that count the deals of Acme, Koala Bay or Sahyadri are not disturbed by them.
  lakeshore: account('398051', 'Lakeshore Medical Supply', managerSpec, {
    phone: '+1 312 555 0188', website: 'www.lakeshoremedsupply.com', industry: 'Healthcare', city: 'Chicago', state: 'IL', country: 'United States', employees: 410,
  }, '2026-10-29T15:00:00Z'),
  copperleaf: account('398061', 'Copperleaf Hotels & Resorts', managerSpec, {
    phone: '+1 303 555 0122', website: 'www.copperleafhotels.com', industry: 'Hospitality', city: 'Denver', state: 'CO', country: 'United States', employees: 2300,
  }, '2026-09-08T13:40:00Z'),
  redwoodValley: account('398071', 'Redwood Valley Credit Union', managerSpec, {
    phone: '+1 707 555 0161', website: 'www.redwoodvalleycu.org', industry: 'Finance', city: 'Santa Rosa', state: 'CA', country: 'United States', employees: 380,
  }, '2026-08-18T16:10:00Z'),
  northgate: account('398081', 'Northgate Logistics Park', managerSpec, {
    phone: '+1 614 555 0139', website: 'www.northgatepark.com', industry: 'Transportation', city: 'Columbus', state: 'OH', country: 'United States', employees: 260,
  }, '2026-07-06T13:00:00Z'),
  summitRidge: account('398091', 'Summit Ridge Outdoor Co.', managerSpec, {
    phone: '+1 720 555 0176', website: 'www.summitridgeoutdoor.com', industry: 'Retail', city: 'Boulder', state: 'CO', country: 'United States', employees: 190,
  }, '2026-09-21T17:30:00Z'),
  meridian: account('398101', 'Meridian Architecture LLP', managerSpec, {
    phone: '+1 617 555 0128', website: 'www.meridian-arch.com', industry: 'Architecture', city: 'Boston', state: 'MA', country: 'United States', employees: 75,
  }, '2026-09-14T15:20:00Z'),
  kestrel: account('398111', 'Kestrel Aviation Services', managerSpec, {
    phone: '+1 316 555 0115', website: 'www.kestrelaviation.com', industry: 'Aerospace', city: 'Wichita', state: 'KS', country: 'United States', employees: 640,
  }, '2026-10-05T14:00:00Z'),
  blueHeron: account('398121', 'Blue Heron Grocers', managerSpec, {
    phone: '+1 503 555 0193', website: 'www.blueherongrocers.com', industry: 'Retail', city: 'Portland', state: 'OR', country: 'United States', employees: 1500,
  }, '2026-10-19T16:30:00Z'),
  fairmont: account('398131', 'Fairmont Public Schools', managerSpec, {
    phone: '+1 507 555 0107', website: 'www.fairmontschools.org', industry: 'Education', city: 'Fairmont', state: 'MN', country: 'United States', employees: 900,
  }, '2026-10-01T14:30:00Z'),
  silverline: account('398141', 'Silverline Dairy Co-op', managerSpec, {
    phone: '+1 608 555 0150', website: 'www.silverlinedairy.coop', industry: 'Agriculture', city: 'Madison', state: 'WI', country: 'United States', employees: 520,
  }, '2026-08-10T13:30:00Z'),
  granitePeak: account('398151', 'Granite Peak Builders', managerSpec, {
    phone: '+1 801 555 0144', website: 'www.granitepeakbuilders.com', industry: 'Construction', city: 'Salt Lake City', state: 'UT', country: 'United States', employees: 310,
  }, '2026-08-27T15:30:00Z'),
  orchardLane: account('398161', 'Orchard Lane Pharmacies', managerSpec, {
    phone: '+1 919 555 0172', website: 'www.orchardlanerx.com', industry: 'Healthcare', city: 'Raleigh', state: 'NC', country: 'United States', employees: 870,
  }, '2026-06-15T12:30:00Z'),
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
  // Contacts of the labeled set's accounts (the manager's).
  deniseHolloway: contact('412081', 'Denise', 'Holloway', managerSpec, accounts.lakeshore, {
    email: 'denise.holloway@lakeshoremedsupply.com', phone: '+1 312 555 0181', mobile: null, title: 'COO', city: 'Chicago', state: 'IL', country: 'United States', source: 'Web Download',
  }, '2026-10-29T15:05:00Z'),
  marcoBianchi: contact('412091', 'Marco', 'Bianchi', managerSpec, accounts.copperleaf, {
    email: 'marco.bianchi@copperleafhotels.com', phone: '+1 303 555 0129', mobile: '+1 303 555 0191', title: 'IT Director', city: 'Denver', state: 'CO', country: 'United States', source: 'Trade Show',
  }, '2026-09-08T13:45:00Z'),
  helenPark: contact('412101', 'Helen', 'Park', managerSpec, accounts.copperleaf, {
    email: 'helen.park@copperleafhotels.com', phone: '+1 303 555 0124', mobile: null, title: 'Chief Financial Officer', city: 'Denver', state: 'CO', country: 'United States', source: 'Trade Show',
  }, '2026-11-12T16:00:00Z'),
  samuelOkafor: contact('412111', 'Samuel', 'Okafor', managerSpec, accounts.redwoodValley, {
    email: 'sokafor@redwoodvalleycu.org', phone: '+1 707 555 0168', mobile: null, title: 'VP Member Services', city: 'Santa Rosa', state: 'CA', country: 'United States', source: 'Partner',
  }, '2026-08-18T16:15:00Z'),
  ingridLarsen: contact('412121', 'Ingrid', 'Larsen', managerSpec, accounts.northgate, {
    email: 'ingrid.larsen@northgatepark.com', phone: '+1 614 555 0133', mobile: '+1 614 555 0190', title: 'Operations Director', city: 'Columbus', state: 'OH', country: 'United States', source: 'Cold Call',
  }, '2026-07-06T13:05:00Z'),
  tylerGrant: contact('412131', 'Tyler', 'Grant', managerSpec, accounts.summitRidge, {
    email: 'tyler@summitridgeoutdoor.com', phone: '+1 720 555 0170', mobile: null, title: 'Head of E-commerce', city: 'Boulder', state: 'CO', country: 'United States', source: 'Web Download',
  }, '2026-09-21T17:35:00Z'),
  lauraChen: contact('412141', 'Laura', 'Chen', managerSpec, accounts.meridian, {
    email: 'lchen@meridian-arch.com', phone: '+1 617 555 0121', mobile: null, title: 'Managing Partner', city: 'Boston', state: 'MA', country: 'United States', source: 'Employee Referral',
  }, '2026-09-14T15:25:00Z'),
  omarHaddad: contact('412151', 'Omar', 'Haddad', managerSpec, accounts.kestrel, {
    email: 'omar.haddad@kestrelaviation.com', phone: '+1 316 555 0119', mobile: null, title: 'VP Maintenance', city: 'Wichita', state: 'KS', country: 'United States', source: 'Trade Show',
  }, '2026-10-05T14:05:00Z'),
  nadiaRahman: contact('412161', 'Nadia', 'Rahman', managerSpec, accounts.blueHeron, {
    email: 'nadia.rahman@blueherongrocers.com', phone: '+1 503 555 0197', mobile: null, title: 'Director of Store Operations', city: 'Portland', state: 'OR', country: 'United States', source: 'Advertisement',
  }, '2026-10-19T16:35:00Z'),
  gregOlsen: contact('412171', 'Greg', 'Olsen', managerSpec, accounts.fairmont, {
    email: 'golsen@fairmontschools.org', phone: '+1 507 555 0103', mobile: null, title: 'Director of Facilities', city: 'Fairmont', state: 'MN', country: 'United States', source: 'Cold Call',
  }, '2026-10-01T14:35:00Z'),
  beaMorales: contact('412181', 'Bea', 'Morales', managerSpec, accounts.silverline, {
    email: 'bea.morales@silverlinedairy.coop', phone: '+1 608 555 0157', mobile: null, title: 'Fleet Manager', city: 'Madison', state: 'WI', country: 'United States', source: 'Partner',
  }, '2026-08-10T13:35:00Z'),
  kevinWalsh: contact('412191', 'Kevin', 'Walsh', managerSpec, accounts.granitePeak, {
    email: 'kwalsh@granitepeakbuilders.com', phone: '+1 801 555 0148', mobile: null, title: 'Safety Director', city: 'Salt Lake City', state: 'UT', country: 'United States', source: 'Trade Show',
  }, '2026-08-27T15:35:00Z'),
  rachelStein: contact('412201', 'Rachel', 'Stein', managerSpec, accounts.orchardLane, {
    email: 'rstein@orchardlanerx.com', phone: '+1 919 555 0176', mobile: null, title: 'VP Operations', city: 'Raleigh', state: 'NC', country: 'United States', source: 'Web Download',
  }, '2026-06-15T12:35:00Z'),
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
  fields: { stage: Stage; amount: number; closing: string; type: 'New Business' | 'Existing Business'; source: string; nextStep: string | null; pipeline?: string },
  created: string,
): ZohoRecord {
  const probability = STAGES.find((stage) => stage.name === fields.stage)?.probability ?? 0;
  return {
    id: id(tail),
    Deal_Name: name,
    Stage: fields.stage,
    Pipeline: fields.pipeline ?? PIPELINES[0]!.name,
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
    stage: 'Closed Lost', amount: 8600, closing: '2026-09-30', type: 'Existing Business', source: 'Employee Referral', nextStep: null, pipeline: RENEWALS_PIPELINE,
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
    stage: 'Closed Won', amount: 12400, closing: '2026-10-15', type: 'Existing Business', source: 'Partner', nextStep: null, pipeline: RENEWALS_PIPELINE,
  }, '2026-08-25T08:10:00Z'),
  // The labeled set (sandbox/labeled.ts): the manager's deals, each with notes, meetings and tasks
  // that make the right next stage plain to a person. Their activities are in createActivities.
  lakeshoreInventory: deal('431101', 'Lakeshore Medical Supply – Inventory Tracking', managerSpec, contacts.deniseHolloway, accounts.lakeshore, {
    stage: 'Qualification', amount: 36500, closing: '2027-02-26', type: 'New Business', source: 'Web Download', nextStep: 'Confirm budget and needs',
  }, '2026-11-02T15:10:00Z'),
  copperleafWifi: deal('431111', 'Copperleaf Hotels – Guest Wi-Fi Analytics', managerSpec, contacts.marcoBianchi, accounts.copperleaf, {
    stage: 'Value Proposition', amount: 54000, closing: '2027-01-29', type: 'New Business', source: 'Trade Show', nextStep: 'Meet the economic buyer',
  }, '2026-09-08T14:00:00Z'),
  redwoodScheduling: deal('431121', 'Redwood Valley CU – Branch Appointment Scheduling', managerSpec, contacts.samuelOkafor, accounts.redwoodValley, {
    stage: 'Proposal/Price Quote', amount: 41200, closing: '2026-12-30', type: 'New Business', source: 'Partner', nextStep: 'Follow up on the proposal',
  }, '2026-08-18T16:30:00Z'),
  northgateYard: deal('431131', 'Northgate Logistics Park – Yard Management System', managerSpec, contacts.ingridLarsen, accounts.northgate, {
    stage: 'Negotiation/Review', amount: 67800, closing: '2026-11-30', type: 'New Business', source: 'Cold Call', nextStep: 'Countersignature and PO',
  }, '2026-07-06T13:20:00Z'),
  summitEcommerce: deal('431141', 'Summit Ridge Outdoor – E-commerce Replatform', managerSpec, contacts.tylerGrant, accounts.summitRidge, {
    stage: 'Proposal/Price Quote', amount: 38900, closing: '2026-12-19', type: 'New Business', source: 'Web Download', nextStep: 'Proposal Q&A with Tyler',
  }, '2026-09-21T18:00:00Z'),
  meridianTimesheets: deal('431151', 'Meridian Architecture – Project Time Tracking', managerSpec, contacts.lauraChen, accounts.meridian, {
    stage: 'Perception Analysis', amount: 22400, closing: '2026-12-15', type: 'New Business', source: 'Employee Referral', nextStep: 'Rollout plan review with the partners',
  }, '2026-09-14T15:45:00Z'),
  kestrelPortal: deal('431161', 'Kestrel Aviation – Maintenance Records Portal', managerSpec, contacts.omarHaddad, accounts.kestrel, {
    stage: 'Id. Decision Makers', amount: 58000, closing: '2027-03-31', type: 'New Business', source: 'Trade Show', nextStep: 'Security review with Kestrel IT',
  }, '2026-10-05T14:30:00Z'),
  blueHeronLabels: deal('431171', 'Blue Heron Grocers – Electronic Shelf Labels', managerSpec, contacts.nadiaRahman, accounts.blueHeron, {
    stage: 'Needs Analysis', amount: 29700, closing: '2027-01-22', type: 'New Business', source: 'Advertisement', nextStep: 'Pricing discussion',
  }, '2026-10-19T17:00:00Z'),
  fairmontVisitors: deal('431181', 'Fairmont Public Schools – Visitor Management', managerSpec, contacts.gregOlsen, accounts.fairmont, {
    stage: 'Value Proposition', amount: 17600, closing: '2027-01-08', type: 'New Business', source: 'Cold Call', nextStep: 'Value demo for the district office',
  }, '2026-10-01T15:00:00Z'),
  silverlineFuelCards: deal('431191', 'Silverline Dairy Co-op – Fleet Fuel Cards', managerSpec, contacts.beaMorales, accounts.silverline, {
    stage: 'Closed Won', amount: 19300, closing: '2026-11-06', type: 'New Business', source: 'Partner', nextStep: null,
  }, '2026-08-10T14:00:00Z'),
  granitePeakSafety: deal('431201', 'Granite Peak Builders – Site Safety App', managerSpec, contacts.kevinWalsh, accounts.granitePeak, {
    stage: 'Closed Lost', amount: 26000, closing: '2026-11-12', type: 'New Business', source: 'Trade Show', nextStep: null,
  }, '2026-08-27T16:00:00Z'),
  orchardLaneDelivery: deal('431211', 'Orchard Lane Pharmacies – Prescription Delivery', managerSpec, contacts.rachelStein, accounts.orchardLane, {
    stage: 'Closed Lost to Competition', amount: 44500, closing: '2026-10-23', type: 'New Business', source: 'Web Download', nextStep: null,
  }, '2026-06-15T13:00:00Z'),
};

// ---- Activities: events, tasks and notes ------------------------------------------------------
// Laid out around "today" (the clock at reset) in each owner's time zone, so the demo calendar
// always has upcoming meetings. Deterministic for a given day: a seeded PRNG, fixed ids.

/** A stage change of a deal: the store keeps a list per deal, oldest first. */
export interface StageChange {
  /** The row's id in the Stage_History related list. */
  id: string;
  stage: string;
  /** ISO datetime with offset. */
  changedAt: string;
  by: { id: string; name: string };
  /** The deal's Amount, Probability and Closing_Date as they were after the change. */
  amount: number | null;
  probability: number | null;
  closingDate: string | null;
}

const MODULE_ID = {
  Leads: '4876876000000002175',
  Accounts: '4876876000000002177',
  Contacts: '4876876000000002179',
  Deals: '4876876000000002181',
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/** mulberry32: small, fast and the same on every machine. */
export function prng(seed: number): () => number {
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
  /** Local `HH:mm` in the owner's zone (or `zone`); ignored for all-day events. */
  start: string;
  /** The zone `date` and `start` are given in, when not the owner's (a colleague's time). */
  zone?: string;
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
  const startMs = zonedTimeToEpoch(spec.date, spec.allDay ? '00:00' : spec.start, spec.zone ?? zone);
  const endMs = spec.allDay ? zonedTimeToEpoch(spec.date, '23:59', spec.zone ?? zone) : startMs + spec.minutes * 60_000;
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
  /** The day of creation, when it must match a meeting's (overrides daysAgo). */
  date?: string;
  time: string;
  content: string;
}

function noteRecord(tail: string, spec: NoteSpec, today: string, ctx: ActivityContext): ZohoRecord {
  const zone = spec.owner.timeZone;
  const createdMs = Math.min(zonedTimeToEpoch(spec.date ?? addDays(today, -spec.daysAgo), spec.time, zone), ctx.now - 30 * 60 * 1000);
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
  /** The weekday `days` (or a little more) before the manager's today. */
  const mPast = (days: number) => previousWeekday(addDays(managerToday, -days));
  const { deniseHolloway, marcoBianchi, helenPark, samuelOkafor, tylerGrant, lauraChen, omarHaddad, nadiaRahman, gregOlsen } = contacts;
  // Days of the labeled set's meetings; notes and stage changes of the same day refer to them.
  const day = {
    lakeshoreAssessment: mPast(4),
    copperleafCfo: mPast(3),
    redwoodWalkthrough: mPast(2),
    meridianCheckIn: mPast(5),
    kestrelDecisionMakers: mPast(6),
    blueHeronPricing: mPast(1),
    fairmontDemo: mPast(2),
    redwoodProposalSent: mPast(14),
  };
  const manager = calendar(
    {
      owner: managerSpec,
      seed: 0x5eed02,
      upcoming: 20,
      past: 12,
      dayStart: '09:00',
      dayEnd: '17:00',
      named: [
        { key: 'koalaBayPosDemo', spec: { owner: managerSpec, title: 'POS upgrade demo for store managers', date: m(2), start: '17:30', minutes: 90, venue: 'Zoom',
          who: chloeNguyen, what: dealRef(d.koalaBayPos), participants: [{ kind: 'contact', record: chloeNguyen, status: 'accepted' }] } },
        // The labeled set's meetings. Past ones each have their own hour, so they never overlap
        // whichever weekdays the offsets land on.
        { key: 'lakeshoreNeedsAssessment', spec: { owner: managerSpec, title: 'Needs assessment – Lakeshore Medical Supply', date: day.lakeshoreAssessment, start: '10:00', minutes: 60, venue: 'Zoom',
          description: 'Budget status, lot and expiry tracking, receiving workflow at the three DCs.',
          who: deniseHolloway, what: dealRef(d.lakeshoreInventory), participants: [{ kind: 'contact', record: deniseHolloway, status: 'accepted' }, { kind: 'email', email: 'warehouse.ops@lakeshoremedsupply.com', status: 'accepted' }] } },
        { key: 'copperleafCfoMeeting', spec: { owner: managerSpec, title: 'Business case review with Helen Park (CFO)', date: day.copperleafCfo, start: '13:00', minutes: 60, venue: 'Copperleaf HQ, Denver',
          who: helenPark, what: dealRef(d.copperleafWifi), participants: [{ kind: 'contact', record: marcoBianchi, status: 'accepted' }, { kind: 'contact', record: helenPark, status: 'accepted' }] } },
        { key: 'redwoodProposalWalkthrough', spec: { owner: managerSpec, title: 'Proposal walkthrough – Redwood Valley CU', date: day.redwoodWalkthrough, start: '11:00', minutes: 45, venue: 'Zoom',
          who: samuelOkafor, what: dealRef(d.redwoodScheduling), participants: [{ kind: 'contact', record: samuelOkafor, status: 'accepted' }] } },
        { key: 'meridianCheckIn', spec: { owner: managerSpec, title: 'Check-in call with Laura Chen', date: day.meridianCheckIn, start: '09:00', minutes: 30, venue: 'Phone',
          who: lauraChen, what: dealRef(d.meridianTimesheets), participants: [{ kind: 'contact', record: lauraChen, status: 'accepted' }] } },
        { key: 'kestrelDecisionMakers', spec: { owner: managerSpec, title: 'Kestrel Aviation – sponsor and CFO meeting', date: day.kestrelDecisionMakers, start: '14:00', minutes: 60, venue: 'Microsoft Teams',
          who: omarHaddad, what: dealRef(d.kestrelPortal), participants: [{ kind: 'contact', record: omarHaddad, status: 'accepted' }, { kind: 'email', email: 'cfo.office@kestrelaviation.com', status: 'accepted' }] } },
        { key: 'blueHeronPricingCall', spec: { owner: managerSpec, title: 'Pricing discussion – Blue Heron Grocers', date: day.blueHeronPricing, start: '15:00', minutes: 60, venue: 'Zoom',
          who: nadiaRahman, what: dealRef(d.blueHeronLabels), participants: [{ kind: 'contact', record: nadiaRahman, status: 'accepted' }, { kind: 'email', email: 'buying.committee@blueherongrocers.com', status: 'accepted' }] } },
        // The no-show: every outside participant declined, and nobody joined.
        { key: 'fairmontNoShow', spec: { owner: managerSpec, title: 'Value demo for the Fairmont district office', date: day.fairmontDemo, start: '16:00', minutes: 60, venue: 'Zoom',
          who: gregOlsen, what: dealRef(d.fairmontVisitors), participants: [{ kind: 'contact', record: gregOlsen, status: 'declined' }, { kind: 'email', email: 'district.office@fairmontschools.org', status: 'declined' }] } },
        { key: 'summitProposalQa', spec: { owner: managerSpec, title: 'Proposal Q&A – Summit Ridge Outdoor', date: m(3), start: '10:00', minutes: 45, venue: 'Zoom',
          who: tylerGrant, what: dealRef(d.summitEcommerce), participants: [{ kind: 'contact', record: tylerGrant, status: 'declined' }] } },
        { key: 'kestrelSecurityReview', spec: { owner: managerSpec, title: 'Security review – Kestrel IT', date: m(5), start: '14:00', minutes: 60, venue: 'Microsoft Teams',
          who: omarHaddad, what: dealRef(d.kestrelPortal), participants: [{ kind: 'contact', record: omarHaddad, status: 'accepted' }, { kind: 'email', email: 'it-security@kestrelaviation.com', status: 'accepted' }] } },
        // The manager's meeting the rep was invited to (a participant, not the owner): busy time
        // for the rep, in the rep's afternoon of the next weekday after today.
        { key: 'pipelineReviewWithRep', spec: { owner: managerSpec, zone: repSpec.timeZone, title: 'Pipeline review – India territory', date: r(1), start: '15:00', minutes: 60, venue: 'Zoom',
          participants: [{ kind: 'user', user: repSpec, status: 'accepted' }] } },
      ],
      filler: [
          { title: '1:1 with Priya Raman', minutes: 30, venue: 'Zoom', participants: [{ kind: 'user' as const, user: repSpec }] },
          { title: 'Forecast call with Sofia', minutes: 45, venue: 'Zoom', participants: [{ kind: 'user' as const, user: adminSpec }] },
          { title: 'Hiring loop – AE candidate', minutes: 60, venue: 'Room 12B', participants: [{ kind: 'email' as const, email: 'recruiting@nwind.com' }] },
          { title: 'Koala Bay – POS rollout questions', minutes: 60, venue: 'Microsoft Teams', who: chloeNguyen, what: dealRef(d.koalaBayPos), participants: [{ kind: 'contact' as const, record: chloeNguyen }] },
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
    // The labeled set's tasks (the manager's).
    { key: 'lakeshoreBookAssessment', spec: { owner: managerSpec, subject: 'Book a needs assessment with Denise', due: mPast(7), status: 'Completed', priority: 'Normal', leadDays: 3,
      who: deniseHolloway, what: dealRef(d.lakeshoreInventory) } },
    { key: 'redwoodSendProposal', spec: { owner: managerSpec, subject: 'Send the branch scheduling proposal to Samuel', due: day.redwoodProposalSent, status: 'Completed', priority: 'High', leadDays: 4,
      who: samuelOkafor, what: dealRef(d.redwoodScheduling) } },
    { key: 'northgateFinalContract', spec: { owner: managerSpec, subject: 'Send the final contract to Ingrid for signature', due: mPast(3), status: 'Completed', priority: 'Highest', leadDays: 5,
      who: contacts.ingridLarsen, what: dealRef(d.northgateYard) } },
    { key: 'meridianRestartCall', spec: { owner: managerSpec, subject: 'Call Laura Chen to restart the rollout plan', due: m(50), status: 'Not Started', priority: 'Normal', leadDays: 46,
      description: 'She asked for a call in the second week of January, after their office move.', who: lauraChen, what: dealRef(d.meridianTimesheets) } },
    { key: 'kestrelQuestionnaire', spec: { owner: managerSpec, subject: 'Return the security questionnaire to Kestrel IT', due: m(3), status: 'In Progress', priority: 'High', leadDays: 6,
      who: omarHaddad, what: dealRef(d.kestrelPortal) } },
    { key: 'fairmontReschedule', spec: { owner: managerSpec, subject: 'Reschedule the demo with Greg Olsen', due: mPast(1), status: 'Not Started', priority: 'High', leadDays: 1,
      who: gregOlsen, what: dealRef(d.fairmontVisitors) } },
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
    // The labeled set's notes (the manager's, New York time). Each deal's story is told in the
    // order it happened; sandbox/labeled.ts says what a careful manager would do with it.
    { key: 'lakeshoreInbound', spec: { owner: managerSpec, parent: dealRef(d.lakeshoreInventory), title: 'Inbound – lot tracking', daysAgo: 15, time: '14:20', content:
      'Denise Holloway (COO) came in through the cold-chain webinar. They track lots and expiry dates in spreadsheets across three distribution centres. ' +
      'No budget confirmed yet – she has to check what is left in the FY27 operations plan. Booked a needs assessment with her and the warehouse leads.' } },
    { key: 'lakeshoreAssessmentSummary', spec: { owner: managerSpec, parent: dealRef(d.lakeshoreInventory), title: 'Needs assessment – summary', daysAgo: 4, date: day.lakeshoreAssessment, time: '11:25', content:
      'Met Denise Holloway and two warehouse leads. Budget confirmed: $40k is approved in their FY27 operations plan – their CFO signed it off last week, so the project is funded. ' +
      'We discussed their needs in detail: three DCs (Chicago, Milwaukee, Indianapolis), about 18,000 SKUs, lot and expiry tracking for FDA audits, barcode scanning at receiving. ' +
      'Biggest pain: expired stock found only at cycle counts – about $60k written off last year. Denise wants the Chicago DC first. ' +
      'Next step: detailed requirements workshop with the warehouse leads.' } },
    { key: 'copperleafValueCase', spec: { owner: managerSpec, parent: dealRef(d.copperleafWifi), title: 'Value proposition presented', daysAgo: 16, time: '11:00', content:
      'Presented the business case to Marco Bianchi (IT Director): guest Wi-Fi analytics pay back in about 11 months through premium Wi-Fi upsell and fewer helpdesk tickets across 14 properties. ' +
      'Marco is convinced but does not own the budget – anything above $25k needs the CFO. He will try to get us in front of her.' } },
    { key: 'copperleafCfoMet', spec: { owner: managerSpec, parent: dealRef(d.copperleafWifi), title: 'Meeting with the CFO', daysAgo: 3, date: day.copperleafCfo, time: '14:30', content:
      'Marco brought in Helen Park, their CFO. She is the economic buyer: she signs off anything above $25k and confirmed she owns the decision on this budget line. ' +
      'She told us the VP of Operations, Ravi Shah, has to agree on the rollout plan for the properties. ' +
      'So the decision makers are identified: Helen (budget), Ravi (operations), Marco (technical). Helen wants a one-page ROI summary before she decides.' } },
    { key: 'redwoodProposalSent', spec: { owner: managerSpec, parent: dealRef(d.redwoodScheduling), title: 'Proposal sent', daysAgo: 14, date: day.redwoodProposalSent, time: '16:30', content:
      'Sent the proposal to Samuel Okafor: $41,200 for year one (12 branches, appointment scheduling and SMS reminders), three-year term, price fixed for the term.' } },
    { key: 'redwoodLegalReview', spec: { owner: managerSpec, parent: dealRef(d.redwoodScheduling), title: 'Proposal accepted – contract with their legal', daysAgo: 2, date: day.redwoodWalkthrough, time: '12:10', content:
      'Walked Samuel through the proposal. He confirmed they accept the proposal and the pricing as quoted, and he has sent our contract (MSA and order form) to their legal team for review. ' +
      'Their counsel, Dana Whitaker, expects to return redlines within ten business days. ' +
      'Points Samuel expects legal to raise: retention of member SMS data, and a termination-for-convenience clause.' } },
    { key: 'northgateRedlines', spec: { owner: managerSpec, parent: dealRef(d.northgateYard), title: 'Redlines received', daysAgo: 20, time: '10:45', content:
      'Ingrid Larsen’s legal team returned redlines on the MSA: liability cap at 1.5× fees and SLA credits for gate downtime. We can accept both with a cap on credits. Negotiating.' } },
    { key: 'northgateSigned', spec: { owner: managerSpec, parent: dealRef(d.northgateYard), title: 'Contract signed', daysAgo: 1, time: '15:40', content:
      'Contract signed: Ingrid Larsen countersigned the MSA and the order form this morning (DocuSign envelope completed), and their purchase order NLP-4471 for $67,800 arrived this afternoon. ' +
      'Kickoff with our implementation team to be scheduled for the first week of December.' } },
    { key: 'summitProposalSent', spec: { owner: managerSpec, parent: dealRef(d.summitEcommerce), title: 'Proposal sent', daysAgo: 18, time: '16:00', content:
      'Proposal sent to Tyler Grant: $38,900 for the replatform and the migration of 4,200 products. Tyler mentioned they are also talking to a Shopify agency.' } },
    { key: 'summitChoseCompetitor', spec: { owner: managerSpec, parent: dealRef(d.summitEcommerce), title: 'Lost to Brightcart', daysAgo: 2, time: '09:15', content:
      'Tyler emailed: they chose a competitor. Brightcart, a Shopify Plus agency, came in about 30% lower and can go live before the spring season. ' +
      'The decision is final – their board approved the Brightcart contract on Monday. He declined our proposal Q&A. ' +
      'He asked to stay in touch about a wholesale portal next year.' } },
    { key: 'meridianPartnerReview', spec: { owner: managerSpec, parent: dealRef(d.meridianTimesheets), title: 'Partner review of the trial', daysAgo: 19, time: '15:30', content:
      'Laura Chen and the two other partners reviewed the trial: they like the mobile timesheets; the billing export needs a tweak for their QuickBooks setup. Overall positive.' } },
    { key: 'meridianPaused', spec: { owner: managerSpec, parent: dealRef(d.meridianTimesheets), title: 'Paused until next year', daysAgo: 5, date: day.meridianCheckIn, time: '10:00', content:
      'Laura Chen (managing partner) asked to pause until next year. They are moving offices in December and cannot take on a rollout before February. ' +
      'She was explicit that this is not a no: the budget stays in their 2027 plan, the partners still want the product, and she asked us to call her in the second week of January to restart. ' +
      'We agreed to move the expected close to March.' } },
    { key: 'kestrelNoPricing', spec: { owner: managerSpec, parent: dealRef(d.kestrelPortal), title: 'Follow-up with Omar', daysAgo: 12, time: '13:30', content:
      'Walked Omar Haddad (VP Maintenance) through the records portal again with two of his planners. They want it. ' +
      'We did not discuss pricing: Omar wants their IT security review done before any proposal, and he will bring in their CFO, who approves the spend.' } },
    { key: 'kestrelDecisionMakersMet', spec: { owner: managerSpec, parent: dealRef(d.kestrelPortal), title: 'Decision makers met', daysAgo: 6, date: day.kestrelDecisionMakers, time: '15:20', content:
      'Met Omar Haddad (sponsor) and Janet Cole, their CFO, who approves the spend. Both back the project; Janet will decide once IT has signed off the security review. ' +
      'Security review with Kestrel IT is booked; questionnaire answers are in progress.' } },
    { key: 'blueHeronDiscovery', spec: { owner: managerSpec, parent: dealRef(d.blueHeronLabels), title: 'Discovery summary', daysAgo: 15, time: '11:45', content:
      'Nadia Rahman (Director of Store Operations): 40 stores, paper shelf labels re-printed twice a week, pricing errors at the shelf are their top customer complaint. ' +
      'Budget approved for a 2027 rollout. Next: go through volumes per store and talk pricing.' } },
    { key: 'blueHeronPricingTranscript', spec: { owner: managerSpec, parent: dealRef(d.blueHeronLabels), title: 'Transcript – pricing call', daysAgo: 1, date: day.blueHeronPricing, time: '16:10', content:
      '[00:12:40] Nadia Rahman: Let’s talk numbers. What does it cost for all 40 stores?\n' +
      '[00:13:05] Daniel Brooks: At about 9,000 labels per store it comes to $29,700 a year, hardware leased, installation included.\n' +
      '[00:13:48] Nadia Rahman: That is within what we planned. Can you do a pilot price for the first five stores?\n' +
      '[00:14:10] Daniel Brooks: Yes – the first five stores at half price for three months.\n' +
      '[00:14:32] Nadia Rahman: Good. Please send us a formal proposal with that pricing by next Wednesday; I will take it to our buying committee.' } },
    { key: 'fairmontNeeds', spec: { owner: managerSpec, parent: dealRef(d.fairmontVisitors), title: 'Needs summary', daysAgo: 12, time: '10:30', content:
      'Greg Olsen (Director of Facilities) wants ID scanning and badge printing at the front desks of 11 schools, with a watch-list check. ' +
      'Value demo for the district office is booked.' } },
    { key: 'fairmontNoShowNote', spec: { owner: managerSpec, parent: dealRef(d.fairmontVisitors), title: 'No-show', daysAgo: 2, date: day.fairmontDemo, time: '17:20', content:
      'No-show: nobody from the district joined the demo; we waited 15 minutes on the bridge. ' +
      'Greg had declined the invite late last night without a message, and the district office address declined too. Two follow-up emails so far, no answer.' } },
    { key: 'silverlineBudget', spec: { owner: managerSpec, parent: dealRef(d.silverlineFuelCards), title: 'Budget confirmed', daysAgo: 81, time: '14:00', content:
      'Bea Morales (Fleet Manager) confirmed the budget for fuel cards across 85 tankers and vans. Needs: per-driver limits, IFTA reporting, a monthly statement per depot.' } },
    { key: 'silverlineProposalRequested', spec: { owner: managerSpec, parent: dealRef(d.silverlineFuelCards), title: 'Pricing call', daysAgo: 41, time: '11:30', content:
      'Price discussed: $19,300 a year for 85 cards including the reporting module. Bea asked for a formal proposal she can put to the co-op board.' } },
    { key: 'silverlineLegal', spec: { owner: managerSpec, parent: dealRef(d.silverlineFuelCards), title: 'Board approved – contract to legal', daysAgo: 29, time: '16:15', content:
      'The co-op board approved our proposal; the contract went to their legal review. Only change requested so far: net 45 payment terms.' } },
    { key: 'silverlineWon', spec: { owner: managerSpec, parent: dealRef(d.silverlineFuelCards), title: 'Won – order form signed', daysAgo: 16, time: '12:00', content:
      'Signed order form received from Bea; the co-op’s general manager countersigned the contract. Cards ship next week. Closed won.' } },
    { key: 'granitePeakNeeds', spec: { owner: managerSpec, parent: dealRef(d.granitePeakSafety), title: 'Needs analysis', daysAgo: 70, time: '13:00', content:
      'Kevin Walsh (Safety Director) needs incident reporting and toolbox-talk sign-offs across 30 sites. Budget is in their 2026 safety plan.' } },
    { key: 'granitePeakCancelled', spec: { owner: managerSpec, parent: dealRef(d.granitePeakSafety), title: 'Closed lost – acquisition', daysAgo: 10, time: '15:00', content:
      'Kevin called: Granite Peak has been acquired by Holt Construction, and Holt mandates its own in-house safety system across all subsidiaries. ' +
      'All open software evaluations are cancelled. Not about our product or price, and no competitor involved. Kevin will introduce us to Holt’s safety team in the new year.' } },
    { key: 'orchardLaneProposal', spec: { owner: managerSpec, parent: dealRef(d.orchardLaneDelivery), title: 'Proposal sent', daysAgo: 50, time: '10:00', content:
      'Proposal sent to Rachel Stein (VP Operations): $44,500 a year for route planning and proof of delivery across 22 pharmacies.' } },
    { key: 'orchardLaneLost', spec: { owner: managerSpec, parent: dealRef(d.orchardLaneDelivery), title: 'Lost to MedRoute', daysAgo: 30, time: '14:45', content:
      'Rachel told us they signed with a competitor, MedRoute, who bundle contract drivers with the software at a lower total cost. We were second on price; the product scored higher.' } },
  ];
  const namedNotes: Record<string, ZohoRecord> = {};
  const notes = noteSpecs.map(({ key, spec }) => (namedNotes[key] = noteRecord(nextNoteTail(), spec, spec.owner === repSpec ? repToday : spec.owner === managerSpec ? managerToday : adminToday, ctx)));

  // ---- stage history ----
  // Every deal was created in Qualification (its fixed Created_Time) and moved on some days before
  // today, so "days in stage" and "evidence since the last change" read the same on any day.
  // Closed deals walk the pipeline to their outcome, so a dry run can judge them step by step.
  const ago = (owner: UserSpec, days: number) => addDays(dateInZone(now, owner.timeZone), -days);
  const R = (days: number) => ago(repSpec, days);
  const M = (days: number) => ago(managerSpec, days);
  const A = (days: number) => ago(adminSpec, days);
  const paths: Record<keyof typeof deals, StageStep[]> = {
    acmeTelematics: [['Needs Analysis', R(20), '17:00']],
    acmeTraining: [['Needs Analysis', R(26), '15:00'], ['Value Proposition', R(18), '16:30'], ['Id. Decision Makers', R(9), '12:00']],
    acmeScanners: [['Needs Analysis', R(95), '14:00'], ['Value Proposition', R(70), '15:00'], ['Id. Decision Makers', R(45), '11:30'], ['Proposal/Price Quote', R(12), '18:00']],
    harrowgateSensors: [],
    // In the renewals pipeline (no Needs Analysis there).
    harrowgatePilot: [['Proposal/Price Quote', R(95), '16:00'], ['Negotiation/Review', R(60), '12:30'], ['Closed Lost', R(28), '14:30']],
    koalaBayPos: [['Needs Analysis', M(40), '10:00'], ['Value Proposition', M(10), '09:30']],
    koalaBayLoyalty: [['Needs Analysis', R(38), '07:00'], ['Value Proposition', R(30), '06:45'], ['Id. Decision Makers', R(22), '07:15'], ['Perception Analysis', R(14), '06:50']],
    sahyadriErp: [['Needs Analysis', R(110), '12:00'], ['Value Proposition', R(85), '15:00'], ['Id. Decision Makers', R(66), '11:00'], ['Proposal/Price Quote', R(35), '17:30'], ['Negotiation/Review', R(9), '16:00']],
    sahyadriAnalytics: [['Needs Analysis', R(170), '11:00'], ['Value Proposition', R(120), '14:00'], ['Proposal/Price Quote', R(60), '16:30'], ['Closed Lost to Competition', R(24), '18:20']],
    brandtRenewal: [['Proposal/Price Quote', A(70), '09:30'], ['Negotiation/Review', A(40), '14:00'], ['Closed Won', A(20), '10:20']],
    lakeshoreInventory: [],
    copperleafWifi: [['Needs Analysis', M(60), '11:00'], ['Value Proposition', M(16), '12:00']],
    redwoodScheduling: [['Needs Analysis', M(80), '10:30'], ['Value Proposition', M(55), '14:00'], ['Id. Decision Makers', M(40), '15:30'], ['Proposal/Price Quote', day.redwoodProposalSent, '16:40']],
    northgateYard: [['Needs Analysis', M(110), '09:30'], ['Value Proposition', M(85), '13:00'], ['Id. Decision Makers', M(70), '11:00'], ['Proposal/Price Quote', M(45), '16:00'], ['Negotiation/Review', M(20), '11:00']],
    summitEcommerce: [['Needs Analysis', M(50), '10:00'], ['Value Proposition', M(38), '15:00'], ['Proposal/Price Quote', M(18), '16:10']],
    meridianTimesheets: [['Needs Analysis', M(55), '09:45'], ['Value Proposition', M(42), '14:30'], ['Id. Decision Makers', M(30), '11:15'], ['Perception Analysis', M(19), '15:45']],
    kestrelPortal: [['Needs Analysis', M(40), '10:15'], ['Value Proposition', M(26), '13:45'], ['Id. Decision Makers', day.kestrelDecisionMakers, '15:40']],
    blueHeronLabels: [['Needs Analysis', M(15), '12:00']],
    fairmontVisitors: [['Needs Analysis', M(33), '11:00'], ['Value Proposition', M(12), '10:45']],
    silverlineFuelCards: [['Needs Analysis', M(80), '10:00'], ['Proposal/Price Quote', M(40), '09:30'], ['Negotiation/Review', M(29), '16:30'], ['Closed Won', M(16), '12:15']],
    granitePeakSafety: [['Needs Analysis', M(70), '13:30'], ['Value Proposition', M(35), '11:00'], ['Closed Lost', M(10), '15:20']],
    orchardLaneDelivery: [['Needs Analysis', M(120), '10:00'], ['Value Proposition', M(90), '14:00'], ['Id. Decision Makers', M(70), '11:30'], ['Proposal/Price Quote', M(50), '10:15'], ['Closed Lost to Competition', M(30), '15:00']],
  };
  const stageHistory: Record<string, StageChange[]> = {};
  for (const [key, steps] of Object.entries(paths) as Array<[keyof typeof deals, StageStep[]]>) {
    stageHistory[deals[key].id] = stagePath(deals[key], steps, now);
  }

  return {
    events: [...rep.events, ...manager.events, ...admin.events],
    tasks,
    notes,
    stageHistory,
    named: {
      events: { ...rep.named, ...manager.named },
      tasks: namedTasks,
      notes: namedNotes,
    },
  };
}

/** A move to `stage` on a day (`yyyy-MM-dd`) at a local time (`HH:mm`) of the deal owner's zone. */
type StageStep = [stage: Stage, date: string, time: string];

const USER_SPECS = [repSpec, managerSpec, adminSpec];

/**
 * A deal's stage changes, oldest first: Qualification at its creation, then `steps` by its owner.
 * Changes never lie in the future nor before the previous one (a reset on a day before the
 * deal was created squeezes them together rather than reordering them).
 */
function stagePath(record: ZohoRecord, steps: StageStep[], now: number): StageChange[] {
  const ownerId = (record.Owner as { id: string }).id;
  const owner = USER_SPECS.find((spec) => spec.id === ownerId) as UserSpec;
  const by = { id: owner.id, name: `${owner.first} ${owner.last}` };
  const created = Date.parse(String(record.Created_Time));
  // Row ids: the deal's id tail (431xx1) made 5xx, plus the step; never a seeded id.
  const change = (stage: Stage, at: number, step: number): StageChange => ({
    id: id(`5${String(record.id).slice(-5, -1)}${step}`),
    stage,
    changedAt: formatInZone(at, owner.timeZone),
    by,
    amount: typeof record.Amount === 'number' ? record.Amount : null,
    probability: STAGES.find((candidate) => candidate.name === stage)?.probability ?? null,
    closingDate: typeof record.Closing_Date === 'string' ? record.Closing_Date : null,
  });
  const changes: StageChange[] = [change('Qualification', created, 0)];
  let previous = created;
  for (const [i, [stage, date, time]] of steps.entries()) {
    const at = Math.max(previous + 60_000, Math.min(zonedTimeToEpoch(date, time, owner.timeZone), now - 10 * 60 * 1000));
    changes.push(change(stage, at, i + 1));
    previous = at;
  }
  const last = changes[changes.length - 1] as StageChange;
  if (last.stage !== record.Stage) throw new Error(`seed: the stage path of ${String(record.Deal_Name)} ends in ${last.stage}, not ${String(record.Stage)}`);
  return changes;
}

// Activities as of loading this module: what SEED names (same ids on every reset; times move
// with the day the store is reset on).
const activities = createActivities(Date.now());

const EVENT_KEYS = [
  'acmeDiscovery', 'offsiteAllDay', 'sahyadriWorkshop', 'weekendTradeShow', 'sundayQbrPrep', 'saturdayRehearsalPast',
  'midnightSydneyCall', 'pinecrestIntro', 'harrowgateDemoPast', 'sahyadriLegalPast', 'koalaBayPosDemo',
  'lakeshoreNeedsAssessment', 'copperleafCfoMeeting', 'redwoodProposalWalkthrough', 'meridianCheckIn', 'kestrelDecisionMakers',
  'blueHeronPricingCall', 'fairmontNoShow', 'summitProposalQa', 'kestrelSecurityReview', 'pipelineReviewWithRep',
] as const;
const TASK_KEYS = [
  'sendProposalAcme', 'budgetSignOff', 'msaRedlines', 'overdueCallback', 'trainingPortalDemo', 'loyaltyFeedback',
  'lossReview', 'pinecrestCaseStudy', 'posDemoPrep', 'renewalInvoice',
  'lakeshoreBookAssessment', 'redwoodSendProposal', 'northgateFinalContract', 'meridianRestartCall', 'kestrelQuestionnaire', 'fairmontReschedule',
] as const;
const NOTE_KEYS = [
  'acmeDiscoverySummary', 'budgetApproved', 'acmeTranscript', 'proposalByFriday', 'legalReview', 'sahyadriTranscript',
  'choseCompetitor', 'harrowgateIntro', 'harrowgateDemoNotes', 'pilotLost', 'loyaltyPilotFeedback', 'posDemoPrepNote',
  'renewalSigned', 'annPreferences', 'pinecrestInbound',
  'lakeshoreInbound', 'lakeshoreAssessmentSummary', 'copperleafValueCase', 'copperleafCfoMet', 'redwoodProposalSent', 'redwoodLegalReview',
  'northgateRedlines', 'northgateSigned', 'summitProposalSent', 'summitChoseCompetitor', 'meridianPartnerReview', 'meridianPaused',
  'kestrelNoPricing', 'kestrelDecisionMakersMet', 'blueHeronDiscovery', 'blueHeronPricingTranscript', 'fairmontNeeds', 'fairmontNoShowNote',
  'silverlineBudget', 'silverlineProposalRequested', 'silverlineLegal', 'silverlineWon', 'granitePeakNeeds', 'granitePeakCancelled',
  'orchardLaneProposal', 'orchardLaneLost',
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

/** A deal is modified when its stage changes: Modified_Time is never before its last change. */
function touchedByStageChange(record: ZohoRecord, history: StageChange[]): ZohoRecord {
  const last = history[history.length - 1];
  if (!last || Date.parse(last.changedAt) <= Date.parse(String(record.Modified_Time))) return record;
  return { ...record, Modified_Time: formatInZone(Date.parse(last.changedAt), ORG_TIME_ZONE) };
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
      Deals: Object.values(deals).map((record) => touchedByStageChange(record, fresh.stageHistory[record.id] ?? [])),
      Events: fresh.events,
      Tasks: fresh.tasks,
      Notes: fresh.notes,
    },
    stageHistory: fresh.stageHistory,
  });
}
