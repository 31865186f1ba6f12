// What the sandbox knows of each module's fields: type, whether mandatory or read-only, lookup
// targets and restricted picklists. Writes validate against it, COQL types its columns by it.
// It is a subset of Zoho's standard layouts (only fields the seed or the extension use); Zoho
// ignores keys that are not fields of the module, and so do the sandbox's writes.

export type FieldType =
  | 'id'
  | 'text'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'website'
  | 'picklist'
  | 'integer'
  | 'currency'
  | 'boolean'
  | 'date'
  | 'datetime'
  /** `{id, name}` pointing at a record of `lookup`. */
  | 'lookup'
  /** `{id, name, email}` pointing at a user (Owner is writable; Created_By and Modified_By are not). */
  | 'user'
  /** Events/Tasks `What_Id`: a lookup whose module is in the sibling `$se_module`. */
  | 'what'
  /** Notes `Parent_Id`: `{module: {api_name, id}, id, name}`. */
  | 'parent'
  | 'participants'
  /** Structured values stored as given (Remind_At, Recurring_Activity, Meeting_Details). */
  | 'json'
  /** `$`-prefixed and other system values, never written by clients. */
  | 'system';

export interface FieldDef {
  type: FieldType;
  mandatory?: boolean;
  readOnly?: boolean;
  /** Target module of a `lookup`. */
  lookup?: string;
  /** A restricted picklist's values (others are refused); unrestricted picklists omit it. */
  values?: readonly string[];
  /** Not stored (e.g. `$send_notification`, a request flag). */
  writeOnly?: boolean;
}

export type FieldMap = Readonly<Record<string, FieldDef>>;

const text: FieldDef = { type: 'text' };
const textarea: FieldDef = { type: 'textarea' };
const email: FieldDef = { type: 'email' };
const phone: FieldDef = { type: 'phone' };
const picklist: FieldDef = { type: 'picklist' };
const boolean: FieldDef = { type: 'boolean' };

/** Zoho's standard pipeline, in order (probability and forecast type for each stage). */
export const STAGE_NAMES = [
  'Qualification',
  'Needs Analysis',
  'Value Proposition',
  'Id. Decision Makers',
  'Perception Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
  'Closed Won',
  'Closed Lost',
  'Closed Lost to Competition',
] as const;

export const STAGE_PROBABILITY: Readonly<Record<(typeof STAGE_NAMES)[number], number>> = {
  Qualification: 10,
  'Needs Analysis': 20,
  'Value Proposition': 40,
  'Id. Decision Makers': 60,
  'Perception Analysis': 70,
  'Proposal/Price Quote': 75,
  'Negotiation/Review': 90,
  'Closed Won': 100,
  'Closed Lost': 0,
  'Closed Lost to Competition': 0,
};

export const TASK_STATUSES = ['Not Started', 'Deferred', 'In Progress', 'Completed', 'Waiting for input'] as const;
export const TASK_PRIORITIES = ['Highest', 'High', 'Normal', 'Low', 'Lowest'] as const;

/** Modules a What_Id ("Related To") may point at, named by `$se_module`. */
export const WHAT_MODULES = ['Accounts', 'Deals', 'Leads'] as const;
/** Modules a note may be attached to. */
export const NOTE_PARENT_MODULES = ['Accounts', 'Contacts', 'Deals', 'Leads', 'Events', 'Tasks'] as const;

const SYSTEM: FieldMap = {
  id: { type: 'id', readOnly: true },
  Owner: { type: 'user' },
  Created_By: { type: 'user', readOnly: true },
  Modified_By: { type: 'user', readOnly: true },
  Created_Time: { type: 'datetime', readOnly: true },
  Modified_Time: { type: 'datetime', readOnly: true },
  Tag: { type: 'system', readOnly: true },
};

export const FIELDS: Readonly<Record<string, FieldMap>> = {
  Contacts: {
    ...SYSTEM,
    Salutation: picklist,
    First_Name: text,
    Last_Name: { type: 'text', mandatory: true },
    Full_Name: { type: 'text', readOnly: true },
    Email: email,
    Secondary_Email: email,
    Phone: phone,
    Mobile: phone,
    Home_Phone: phone,
    Other_Phone: phone,
    Asst_Phone: phone,
    Title: text,
    Department: text,
    Account_Name: { type: 'lookup', lookup: 'Accounts' },
    Mailing_City: text,
    Mailing_State: text,
    Mailing_Country: text,
    Lead_Source: picklist,
    Email_Opt_Out: boolean,
    Description: textarea,
  },
  Leads: {
    ...SYSTEM,
    Salutation: picklist,
    First_Name: text,
    Last_Name: { type: 'text', mandatory: true },
    Full_Name: { type: 'text', readOnly: true },
    // Zoho's standard Leads layout makes Company mandatory (zoho-api.md §3).
    Company: { type: 'text', mandatory: true },
    Designation: text,
    Email: email,
    Secondary_Email: email,
    Phone: phone,
    Mobile: phone,
    Lead_Status: picklist,
    Lead_Source: picklist,
    City: text,
    State: text,
    Country: text,
    Email_Opt_Out: boolean,
    Description: textarea,
  },
  Accounts: {
    ...SYSTEM,
    Account_Name: { type: 'text', mandatory: true },
    Phone: phone,
    Website: { type: 'website' },
    Industry: picklist,
    Employees: { type: 'integer' },
    Account_Type: picklist,
    Billing_City: text,
    Billing_State: text,
    Billing_Country: text,
    Description: textarea,
  },
  Deals: {
    ...SYSTEM,
    Deal_Name: { type: 'text', mandatory: true },
    Stage: { type: 'picklist', mandatory: true, values: STAGE_NAMES },
    Pipeline: picklist,
    Amount: { type: 'currency' },
    Probability: { type: 'integer' },
    Expected_Revenue: { type: 'currency', readOnly: true },
    Closing_Date: { type: 'date' },
    Type: picklist,
    Lead_Source: picklist,
    Next_Step: text,
    Contact_Name: { type: 'lookup', lookup: 'Contacts' },
    Account_Name: { type: 'lookup', lookup: 'Accounts' },
    Description: textarea,
  },
  Events: {
    ...SYSTEM,
    Event_Title: { type: 'text', mandatory: true },
    Start_DateTime: { type: 'datetime', mandatory: true },
    End_DateTime: { type: 'datetime', mandatory: true },
    All_day: boolean,
    Venue: text,
    Description: textarea,
    Who_Id: { type: 'lookup', lookup: 'Contacts' },
    What_Id: { type: 'what' },
    $se_module: { type: 'system' },
    Participants: { type: 'participants' },
    Remind_At: { type: 'json' },
    Recurring_Activity: { type: 'json' },
    Meeting_Details: { type: 'json' },
    // Zoho's "send the invitation" key (its SDK samples on Events), not a field: Events has no
    // Send_Notification (the SDK's Field.Events), so that key is unknown and ignored like any other.
    $send_notification: { type: 'boolean', writeOnly: true },
  },
  Tasks: {
    ...SYSTEM,
    Subject: { type: 'text', mandatory: true },
    Due_Date: { type: 'date' },
    Status: { type: 'picklist', values: TASK_STATUSES },
    Priority: { type: 'picklist', values: TASK_PRIORITIES },
    Description: textarea,
    Who_Id: { type: 'lookup', lookup: 'Contacts' },
    What_Id: { type: 'what' },
    $se_module: { type: 'system' },
    Closed_Time: { type: 'datetime', readOnly: true },
    Remind_At: { type: 'json' },
    Recurring_Activity: { type: 'json' },
    Send_Notification_Email: boolean,
  },
  Notes: {
    ...SYSTEM,
    Note_Title: text,
    Note_Content: { type: 'textarea', mandatory: true },
    Parent_Id: { type: 'parent', mandatory: true },
    $attachments: { type: 'system', readOnly: true },
    $editable: { type: 'system', readOnly: true },
    $is_shared_to_client: { type: 'system', readOnly: true },
    $sharing_permission: { type: 'system', readOnly: true },
    $size: { type: 'system', readOnly: true },
    $state: { type: 'system', readOnly: true },
    $voice_note: { type: 'system', readOnly: true },
  },
};

/** Zoho's limits on text lengths (single line 255, multi-line 32,000 by default). */
export const MAX_LENGTH: Partial<Record<FieldType, number>> = {
  text: 255,
  email: 100,
  phone: 50,
  website: 255,
  picklist: 255,
  textarea: 32_000,
};

export function fieldDef(module: string, field: string): FieldDef | undefined {
  return FIELDS[module]?.[field];
}

/** The fields of users that a COQL `Owner.<field>` may name. */
export const USER_FIELDS = ['id', 'first_name', 'last_name', 'full_name', 'email'] as const;

/** Zoho's module ids (they appear in Notes' `Parent_Id.module`). */
export const MODULE_IDS: Readonly<Record<string, string>> = {
  Leads: '4876876000000002175',
  Accounts: '4876876000000002177',
  Contacts: '4876876000000002179',
  Deals: '4876876000000002181',
  Tasks: '4876876000000002183',
  Events: '4876876000000002185',
  Notes: '4876876000000002187',
};
