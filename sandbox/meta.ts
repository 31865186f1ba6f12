// Metadata the CRM API serves under /settings: each module's one standard layout, its fields
// (with the Stage pick list and its probabilities), and the Deals pipeline. Built from fields.ts
// and the seed's stages, with every key Zoho's OpenAPI files (layouts.json, fields.json,
// pipeline.json) require, so a client that reads them strictly can read ours.
import { FIELDS, MAX_LENGTH, MODULE_IDS, type FieldDef, type FieldType } from './fields';
import { PIPELINES, STAGES, type ZohoRecord, type ZohoUserJson } from './seed';
import { MODULES, type ModuleDef, type Store } from './store';
import { formatInZone } from './time';

const id = (tail: string): string => `4876876000000${tail}`;

/** Modules with layouts and field metadata here (Zoho serves neither for Notes). */
export const META_MODULES: readonly ModuleDef[] = MODULES.filter((module) => module.apiName !== 'Notes');

/** The one layout of each module ("Standard"), by module API name. */
export const LAYOUT_IDS: Readonly<Record<string, string>> = Object.fromEntries(
  META_MODULES.map((module, i) => [module.apiName, id(`0910${i}5`)]),
);

export const PIPELINE_ID = id('090101');

/**
 * Zoho's default forecast categories. UNCONFIRMED: which category each standard stage falls in
 * (open stages "Pipeline", won "Closed", lost "Omitted", as Zoho's pipeline samples show).
 */
const FORECAST_CATEGORIES = {
  Open: { name: 'Pipeline', id: id('093001') },
  'Closed Won': { name: 'Closed', id: id('093011') },
  'Closed Lost': { name: 'Omitted', id: id('093021') },
} as const;

/** One id per stage: the pipeline's `maps[].id` and the Stage pick list value's `id` are the same. */
const stageId = (index: number) => id(`0920${String(index + 1).padStart(2, '0')}`);

/** The layout's (and the fields') stamps: when the org was set up by its administrator. */
const SETUP_TIME = Date.parse('2024-03-04T09:20:00Z');

export function stagePickListValues(): Array<Record<string, unknown>> {
  return STAGES.map((stage, i) => ({
    display_value: stage.name,
    sequence_number: i + 1,
    reference_value: stage.name,
    colour_code: null,
    actual_value: stage.name,
    id: stageId(i),
    type: 'used',
    probability: stage.probability,
    forecast_category: { ...FORECAST_CATEGORIES[stage.forecastType] },
    forecast_type: stage.forecastType,
  }));
}

/**
 * `GET /settings/pipeline?layout_id=…` for the Deals layout: the org's two pipelines (PIPELINES in
 * seed.ts). Zoho names a pipeline with its layout's name in brackets, in `display_value` and
 * `actual_value` alike ("Standard (Standard)": zoho.com/crm/developer/docs/api/v6/get-pipelines.html,
 * sample response), and its `maps[].id` are the Stage pick list values' ids.
 */
export function pipelines(): Array<Record<string, unknown>> {
  return PIPELINES.map((pipeline, p) => ({
    display_value: pipeline.name,
    actual_value: pipeline.name,
    default: p === 0,
    id: p === 0 ? PIPELINE_ID : id(`09010${p + 1}`),
    child_available: false,
    maps: pipeline.stages.map((name, i) => {
      const index = STAGES.findIndex((stage) => stage.name === name);
      const stage = STAGES[index]!;
      return {
        display_value: stage.name,
        actual_value: stage.name,
        sequence_number: i + 1,
        forecast_type: stage.forecastType,
        id: stageId(index),
        forecast_category: { ...FORECAST_CATEGORIES[stage.forecastType] },
      };
    }),
  }));
}

// ---- fields ---------------------------------------------------------------------------------

const DATA_TYPES: Record<FieldType, string> = {
  id: 'bigint',
  text: 'text',
  textarea: 'textarea',
  email: 'email',
  phone: 'phone',
  website: 'website',
  picklist: 'picklist',
  integer: 'integer',
  currency: 'currency',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  lookup: 'lookup',
  user: 'ownerlookup',
  what: 'lookup',
  parent: 'lookup',
  participants: 'multiselectlookup',
  json: 'text',
  system: 'text',
};

const JSON_TYPES: Partial<Record<FieldType, string>> = {
  integer: 'integer',
  currency: 'double',
  boolean: 'boolean',
  lookup: 'jsonobject',
  user: 'jsonobject',
  what: 'jsonobject',
  parent: 'jsonobject',
  participants: 'jsonarray',
  json: 'jsonobject',
};

/** Field labels as Zoho shows them; the rest follow the API name. */
const LABELS: Record<string, string> = {
  Owner: 'Owner',
  Full_Name: 'Full Name',
  Email_Opt_Out: 'Email Opt Out',
  Account_Name: 'Account Name',
  Contact_Name: 'Contact Name',
  Closing_Date: 'Closing Date',
  Who_Id: 'Contact Name',
  What_Id: 'Related To',
  Event_Title: 'Title',
  Start_DateTime: 'From',
  End_DateTime: 'To',
  All_day: 'All day',
  Remind_At: 'Reminder',
  Recurring_Activity: 'Repeat',
  Due_Date: 'Due Date',
  Note_Title: 'Note Title',
  Note_Content: 'Note Content',
  Parent_Id: 'Parent Id',
};

const label = (apiName: string): string => LABELS[apiName] ?? apiName.replace(/_/g, ' ');

/** A field metadata's fields that are not fields of records (`$se_module`, `$attachments`, …). */
function listed(module: string): Array<[string, FieldDef]> {
  return Object.entries(FIELDS[module] ?? {}).filter(([name, def]) => name !== 'id' && !name.startsWith('$') && !def.writeOnly);
}

const noModule = () => ({ api_name: null, id: null });

/** Pick list values: the restricted list, or "-None-" and what the records hold. */
function pickListValues(module: string, name: string, def: FieldDef, store: Store, idPrefix: string): Array<Record<string, unknown>> {
  if (module === 'Deals' && name === 'Stage') return stagePickListValues();
  const values = def.values ?? ['-None-', ...new Set(store.list(module).map((record: ZohoRecord) => record[name]).filter((value): value is string => typeof value === 'string'))];
  return values.map((value, i) => ({
    display_value: value,
    sequence_number: i + 1,
    reference_value: value,
    colour_code: null,
    actual_value: value,
    id: id(`${idPrefix}${String(i + 1).padStart(2, '0')}`),
    type: 'used',
  }));
}

export interface FieldMetaOptions {
  store: Store;
  profiles: Array<{ name: string; id: string }>;
  /** Set for a field inside a layout's section: the layout-only keys are added. */
  sectionId?: number;
}

/**
 * One field's metadata. Zoho's OAS requires every key here (75 of them for /settings/fields, 82
 * inside layouts); those that do not apply to the field carry Zoho's empty values.
 */
export function fieldMeta(module: ModuleDef, name: string, def: FieldDef, sequence: number, options: FieldMetaOptions): Record<string, unknown> {
  const moduleIndex = META_MODULES.indexOf(module);
  const fieldId = id(`7${moduleIndex}${String(sequence).padStart(3, '0')}1`);
  const readOnly = def.readOnly === true;
  const mandatory = def.mandatory === true;
  const displayLabel = label(name);
  const lookupTarget = def.type === 'lookup' ? def.lookup : undefined;
  const meta: Record<string, unknown> = {
    associated_module: noModule(),
    data_type: DATA_TYPES[def.type],
    operation_type: { web_update: !readOnly, api_create: !readOnly, web_create: !readOnly, api_update: !readOnly },
    system_mandatory: mandatory,
    webhook: true,
    sequence_number: sequence,
    blueprint_supported: module.apiName === 'Deals' && name === 'Stage',
    virtual_field: false,
    field_read_only: readOnly,
    customizable_properties: [],
    read_only: readOnly,
    custom_field: false,
    businesscard_supported: !readOnly,
    filterable: def.type !== 'textarea',
    visible: true,
    available_in_user_layout: true,
    display_field: name === module.nameField,
    pick_list_values_sorted_lexically: false,
    sortable: def.type !== 'textarea',
    layout_associations: [{ api_name: 'Standard', name: 'Standard', id: LAYOUT_IDS[module.apiName] }],
    separator: false,
    searchable: def.type !== 'textarea',
    enable_colour_code: false,
    mass_update: !readOnly && !mandatory,
    json_type: JSON_TYPES[def.type] ?? 'string',
    created_source: 'default',
    type: 'used',
    display_label: displayLabel,
    column_name: name.toUpperCase(),
    api_name: name,
    display_type: -1,
    ui_type: 1,
    colour_code_enabled_by_system: false,
    length: MAX_LENGTH[def.type] ?? (def.type === 'currency' ? 16 : def.type === 'integer' ? 9 : 120),
    decimal_place: def.type === 'currency' ? 2 : null,
    quick_sequence_number: String(sequence),
    email_parser: { fields_update_supported: false, record_operations_supported: false },
    rollup_summary: null,
    refer_from_field: { id: null, api_name: null },
    created_time: null,
    modified_time: null,
    show_type: 7,
    category: 0,
    id: fieldId,
    multi_module_lookup: null,
    sharing_properties: {},
    currency: def.type === 'currency' ? { rounding_option: 'normal', precision: 2 } : null,
    file_upolad_optionlist: [],
    lookup: lookupTarget
      ? { display_label: label(lookupTarget), api_name: name, module: { api_name: lookupTarget, id: MODULE_IDS[lookupTarget] ?? null }, id: fieldId }
      : null,
    profiles: options.profiles.map((profile) => ({ name: profile.name, id: profile.id, permission_type: readOnly ? 'read_only' : 'read_write' })),
    view_type: { view: true, edit: !readOnly, quick_create: mandatory, create: !readOnly },
    unique: null,
    sub_module: noModule(),
    subform: null,
    external: { show: false, type: null },
    formula: null,
    convert_mapping: {},
    multiselectlookup: null,
    multiuserlookup: {
      display_label: null, linking_module: noModule(), connected_module: noModule(), lookup_apiname: null, api_name: null,
      connectedfield_apiname: null, connectedlookup_apiname: null, id: null, record_access: null,
    },
    autonumber: { starting_number_length: 0, prefix: null, suffix: null, start_number: null },
    auto_number: null,
    pick_list_values: def.type === 'picklist' ? pickListValues(module.apiName, name, def, options.store, `8${moduleIndex}${String(sequence).padStart(2, '0')}`) : [],
    crypt: { mode: null, status: null },
    tooltip: { name: '', value: '' },
    history_tracking: { module: {}, duration_configured_field: noModule() },
    association_details: { related_field: noModule(), lookup_field: noModule() },
    allowed_modules: def.type === 'what' ? ['Accounts', 'Deals', 'Leads'].map((target) => ({ api_name: target, id: MODULE_IDS[target] ?? null })) : [],
    additional_column: null,
    field_label: displayLabel,
    'common.picklist': null,
    hipaa_compliance_enabled: false,
    hipaa_compliance: { restricted_in_export: null, restricted: null },
    _update_existing_records: false,
    number_separator: def.type === 'integer' || def.type === 'currency',
    textarea: def.type === 'textarea' ? { type: 'large' } : {},
    static_field: false,
  };
  if (options.sectionId !== undefined) {
    Object.assign(meta, {
      required: mandatory,
      section_id: options.sectionId,
      validation_rule: null,
      static_values: [],
      default_value: null,
      _delete: { permanent: null },
    });
  }
  return meta;
}

/** The profiles of the org, as the users hold them. */
function orgProfiles(store: Store): Array<{ name: string; id: string }> {
  const profiles = new Map<string, string>();
  for (const user of store.users) {
    const profile = user.profile as { name?: string; id?: string } | undefined;
    if (profile?.name && profile.id) profiles.set(profile.id, profile.name);
  }
  return [...profiles].map(([profileId, name]) => ({ name, id: profileId }));
}

/** `GET /settings/fields?module=…`: every field of the module, in layout order. */
export function moduleFields(module: ModuleDef, store: Store): Array<Record<string, unknown>> {
  const profiles = orgProfiles(store);
  return listed(module.apiName).map(([name, def], i) => fieldMeta(module, name, def, i + 1, { store, profiles }));
}

/** `GET /settings/layouts?module=…`: the module's standard layout, its sections and their fields. */
export function moduleLayout(module: ModuleDef, store: Store, viewer: ZohoUserJson): Record<string, unknown> {
  const zone = typeof viewer.time_zone === 'string' ? viewer.time_zone : 'UTC';
  const profiles = orgProfiles(store);
  const admin = store.users.find((user) => (user.profile as { name?: string } | undefined)?.name === 'Administrator') ?? store.users[0];
  const by = admin ? { name: admin.full_name, id: admin.id, email: admin.email } : { name: 'Administrator', id: null };
  const layoutId = LAYOUT_IDS[module.apiName] as string;
  const all = listed(module.apiName);
  const main = all.filter(([name]) => name !== 'Description');
  const description = all.filter(([name]) => name === 'Description');
  const section = (index: number, title: string, fields: Array<[string, FieldDef]>) => ({
    display_label: title,
    sequence_number: index,
    isSubformSection: false,
    tab_traversal: 'left_to_right',
    api_name: title.replace(/ /g, '_'),
    column_count: fields.length > 1 ? 2 : 1,
    name: title,
    generated_type: 'default',
    id: id(`0915${META_MODULES.indexOf(module)}${index}`),
    type: 'used',
    fields: fields.map(([name, def]) => fieldMeta(module, name, def, all.findIndex(([other]) => other === name) + 1, { store, profiles, sectionId: index })),
    properties: { reorder_rows: null, maximum_rows: null, tooltip: {} },
    _delete: { permanent: null },
  });
  return {
    id: layoutId,
    name: 'Standard',
    display_label: 'Standard',
    api_name: 'Standard',
    status: 'active',
    visible: true,
    source: 'crm',
    mode: 'standard',
    generated_type: 'default',
    has_more_profiles: false,
    show_business_card: true,
    created_time: formatInZone(SETUP_TIME, zone),
    modified_time: formatInZone(SETUP_TIME, zone),
    created_for: by,
    created_by: by,
    modified_by: by,
    subform_properties: { pinned_column: null },
    convert_mapping: {
      Contacts: { name: null, id: null },
      Deals: { fields: [], name: null, id: null },
      Accounts: { name: null, id: null },
      Invoices: { name: null, id: null },
      SalesOrders: { name: null, id: null },
    },
    profiles: profiles.map((profile) => ({ default: true, name: profile.name, id: profile.id, _default_view: { name: null, id: null, type: null } })),
    sections: [section(1, `${module.singular} Information`, main), ...(description.length > 0 ? [section(2, 'Description Information', description)] : [])],
    actions_allowed: { edit: true, rename: true, clone: true, downgrade: false, delete: false, deactivate: false, set_layout_permissions: true },
  };
}

/** The module a layout id belongs to. */
export function moduleOfLayout(layoutId: string): ModuleDef | undefined {
  return META_MODULES.find((module) => LAYOUT_IDS[module.apiName] === layoutId);
}
