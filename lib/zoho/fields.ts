// Every Zoho module field the product reads or writes, per module, in one registry: what
// lib/zoho/fields.test.ts checks against Zoho's own SDK (`Field.<Module>` of
// @zohocrm/typescript-sdk-8.0) and a short list of documented special keys. Adding a field to a
// payload, a zod schema, a `fields=` list or a COQL select means adding it here.

export type FieldUse = 'read' | 'write' | 'read-write';

export interface FieldEntry {
  use: FieldUse;
  /** Where the product reads or writes it. */
  where: string;
}

export type ModuleFields = Readonly<Record<string, FieldEntry>>;

const r = (where: string): FieldEntry => ({ use: 'read', where });
const w = (where: string): FieldEntry => ({ use: 'write', where });
const rw = (where: string): FieldEntry => ({ use: 'read-write', where });

/** Read with the marker: a marked record is ours only if the connected user created it. */
const MARKER_CREATOR = r('zoho/writes.ts markerLookup and findMarked');

/** A person's fields, the same on Contacts and Leads (found, created and matched alike). */
const PERSON_FIELDS = {
  id: r('schemas.ts zohoRecord; scheduling/service.ts'),
  First_Name: rw('zoho/payloads.ts personPayload; scheduling/service.ts personHits; schemas.ts'),
  Last_Name: rw('zoho/payloads.ts personPayload; scheduling/service.ts personHits; schemas.ts'),
  Full_Name: r('scheduling/service.ts personHits; schemas.ts zohoRecord'),
  Email: rw('zoho/payloads.ts personPayload; scheduling/service.ts findPerson; schemas.ts'),
  Secondary_Email: r('scheduling/service.ts findPerson'),
  Phone: rw('zoho/payloads.ts personPayload; scheduling/service.ts findPerson'),
  Mobile: r('scheduling/service.ts findPerson'),
} as const satisfies ModuleFields;

/** Record modules (`/crm/v8/{Module}`). `$`-prefixed keys are special keys, not fields. */
export const ZOHO_FIELDS = {
  Events: {
    id: r('scheduling/service.ts COQL, suggestions/reads.ts COQL'),
    Event_Title: rw('zoho/payloads.ts eventPayload; COQL selects; schemas.ts zohoRecord'),
    Start_DateTime: rw('zoho/payloads.ts eventPayload; reschedule update; COQL selects and criteria'),
    End_DateTime: rw('zoho/payloads.ts eventPayload; reschedule update; COQL selects and criteria'),
    Owner: rw('zoho/payloads.ts eventPayload; COQL select in scheduling/service.ts busyEvents (own or a colleague\'s)'),
    Participants: rw('zoho/payloads.ts eventPayload; scheduling/service.ts assertMeetingWith and busyEvents (GET /Events?ids, fields=Participants); suggestions/facts.ts eventFacts'),
    Who_Id: rw('zoho/payloads.ts eventPayload; scheduling/service.ts upcoming (COQL) and assertMeetingWith'),
    What_Id: rw('zoho/payloads.ts whatFields; COQL criteria in scheduling/service.ts and suggestions/reads.ts'),
    $se_module: w('zoho/payloads.ts whatFields'),
    $send_notification: w('zoho/payloads.ts eventPayload (invitations)'),
    Venue: rw('zoho/payloads.ts eventPayload; scheduling/service.ts upcoming'),
    Description: rw('zoho/payloads.ts eventPayload; zoho/writes.ts MARKER_FIELD; suggestions/facts.ts'),
    Created_Time: r('zoho/writes.ts markerLookup; suggestions/facts.ts EVENT_FIELDS'),
    Modified_Time: r('scheduling/service.ts eventsAround and suggestions/reads.ts COQL: participants and invitees read again only for a modified event'),
    Created_By: MARKER_CREATOR,
  },
  Tasks: {
    id: r('suggestions/reads.ts COQL'),
    Subject: rw('zoho/payloads.ts taskPayload; suggestions/reads.ts COQL; schemas.ts zohoRecord'),
    Due_Date: rw('zoho/payloads.ts taskPayload; suggestions/reads.ts COQL'),
    Status: rw('zoho/payloads.ts taskPayload; suggestions/reads.ts COQL'),
    Priority: w('zoho/payloads.ts taskPayload'),
    Owner: w('zoho/payloads.ts taskPayload'),
    Description: rw('zoho/payloads.ts taskPayload; zoho/writes.ts MARKER_FIELD'),
    Who_Id: w('zoho/payloads.ts taskPayload'),
    What_Id: rw('zoho/payloads.ts whatFields; suggestions/reads.ts COQL criterion'),
    $se_module: w('zoho/payloads.ts whatFields'),
    Closed_Time: r('suggestions/reads.ts COQL; suggestions/facts.ts taskFacts'),
    Created_Time: r('zoho/writes.ts markerLookup; suggestions/facts.ts TASK_FIELDS'),
    Created_By: MARKER_CREATOR,
  },
  Notes: {
    id: r('zoho/writes.ts findMarked; suggestions/facts.ts noteFacts'),
    Note_Title: rw('zoho/payloads.ts notePayload; suggestions/facts.ts NOTE_FIELDS'),
    Note_Content: rw('zoho/payloads.ts notePayload; zoho/writes.ts MARKER_FIELD and markerLookup'),
    Parent_Id: rw('zoho/payloads.ts notePayload; suggestions/facts.ts NOTE_FIELDS'),
    Owner: r('suggestions/facts.ts NOTE_FIELDS'),
    Created_Time: r('suggestions/facts.ts NOTE_FIELDS (the engine orders notes by it)'),
    Created_By: MARKER_CREATOR,
  },
  Deals: {
    id: r('suggestions/service.ts COQL'),
    Deal_Name: r('suggestions/facts.ts DEAL_FIELDS; suggestions/service.ts COQL; schemas.ts zohoRecord'),
    Stage: rw('suggestions/service.ts approve (update); suggestions/facts.ts DEAL_FIELDS; COQL'),
    Pipeline: r('suggestions/facts.ts DEAL_FIELDS; suggestions/service.ts COQL'),
    Amount: r('suggestions/facts.ts DEAL_FIELDS'),
    Closing_Date: r('suggestions/facts.ts DEAL_FIELDS; suggestions/service.ts COQL'),
    Owner: r('suggestions/facts.ts DEAL_FIELDS; schemas.ts zohoRecord'),
    Contact_Name: r('suggestions/facts.ts DEAL_FIELDS; suggestions/service.ts COQL criterion; schemas.ts zohoRecord'),
    Account_Name: r('schemas.ts zohoRecord'),
    Next_Step: r('suggestions/facts.ts DEAL_FIELDS'),
    Created_Time: r('suggestions/facts.ts DEAL_FIELDS; zoho/writes.ts markerLookup'),
    Modified_Time: r('suggestions/facts.ts DEAL_FIELDS; suggestions/service.ts dryRun COQL'),
    Description: rw('zoho/writes.ts MARKER_FIELD: written, read back by markerLookup'),
    Created_By: MARKER_CREATOR,
  },
  Contacts: {
    ...PERSON_FIELDS,
    Owner: r('schemas.ts zohoRecord'),
    Account_Name: r('schemas.ts zohoRecord'),
    Mailing_Country: r('scheduling/service.ts contactZone'),
    Mailing_State: r('scheduling/service.ts contactZone'),
    Mailing_City: r('scheduling/service.ts contactZone'),
    Description: rw('zoho/writes.ts MARKER_FIELD: written, read back by markerLookup'),
    Created_Time: r('zoho/writes.ts markerLookup'),
    Created_By: MARKER_CREATOR,
  },
  Leads: {
    ...PERSON_FIELDS,
    Company: w('zoho/payloads.ts personPayload'),
    Owner: r('schemas.ts zohoRecord'),
    Country: r('scheduling/service.ts contactZone'),
    State: r('scheduling/service.ts contactZone'),
    City: r('scheduling/service.ts contactZone'),
    Description: rw('zoho/writes.ts MARKER_FIELD: written, read back by markerLookup'),
    Created_Time: r('zoho/writes.ts markerLookup'),
    Created_By: MARKER_CREATOR,
  },
  Accounts: {
    id: r('schemas.ts zohoRecord'),
    Account_Name: r('schemas.ts zohoRecord recordDisplayName'),
    Owner: r('schemas.ts zohoRecord'),
  },
} as const satisfies Record<string, ModuleFields>;

/**
 * The Deals `Stage_History` related list (`GET /Deals/{id}/Stage_History`): not a module, and the
 * SDK has no `Field.Stage_History`; its shape is UNCONFIRMED (sandbox/README.md).
 */
export const STAGE_HISTORY_FIELDS = {
  id: r('suggestions/facts.ts stageHistoryFacts (row order)'),
  Stage: r('suggestions/facts.ts stageHistoryFacts'),
  // The entry time under either name the evidence shows (v6 Modified_Time, v2 Last_Modified_Time).
  Modified_Time: r('suggestions/facts.ts stageHistoryFacts'),
  Last_Modified_Time: r('suggestions/facts.ts stageHistoryFacts'),
} as const satisfies ModuleFields;

/**
 * Keys of the settings and users answers the product reads (users.json, org.json, layouts.json,
 * fields.json, pipeline.json, users_unavailability.json; the SDK's json_details.json), by the
 * SDK structure that describes them. Dotted keys are nested (`profile.name`).
 */
export const ZOHO_META_KEYS = {
  'users/users': ['id', 'full_name', 'email', 'profile.id', 'profile.name', 'role.id', 'role.name', 'time_zone', 'locale', 'time_format', 'Reporting_To.id', 'Reporting_To.name'],
  'org/org': ['id', 'company_name', 'domain_name', 'zgid', 'time_zone', 'license_details.paid_type', 'license_details.users_license_purchased'],
  'layouts/layouts': ['id', 'name', 'status'],
  'fields/fields': ['api_name', 'pick_list_values'],
  'fields/pick_list_value': ['actual_value', 'display_value', 'sequence_number', 'probability', 'forecast_type', 'type'],
  'pipeline/pipeline': ['display_value', 'actual_value', 'default', 'maps'],
  'pipeline/maps': ['display_value', 'actual_value', 'sequence_number', 'forecast_type', '_delete'],
  'users_unavailability/users_unavailability': ['id', 'from', 'to', 'user.id'],
  // Org variables holding the team settings (settings/teamStore.ts reads and writes them).
  'variables/variable': ['id', 'api_name', 'name', 'type', 'value', 'description', 'variable_group.api_name'],
} as const;
