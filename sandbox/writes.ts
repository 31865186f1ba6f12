// Inserts, updates and deletes, as Zoho answers them per record: validation against fields.ts
// (mandatory fields, types, lengths, restricted picklists), lookups resolved to `{id, name}`,
// Participants and Parent_Id expanded, derived fields (Full_Name, Probability, Closed_Time) and
// audit fields set. The API and the control API both come through here, so a record created
// "behind the extension's back" is the same as one created through the API.
import {
  FIELDS,
  MAX_LENGTH,
  MODULE_IDS,
  NOTE_PARENT_MODULES,
  STAGE_PROBABILITY,
  WHAT_MODULES,
  type FieldDef,
} from './fields';
import type { StageChange, ZohoRecord, ZohoUserJson } from './seed';
import { moduleByApiName, type ModuleDef, type Store } from './store';
import { formatInZone, isIsoDate, isIsoDateTime } from './time';
import { recordError, RECORD_MESSAGES, stageRefusalError, SUCCESS_MESSAGES, type RecordError, type StageRefusal, type WriteKind } from './zoho';

export interface WriteContext {
  store: Store;
  /** Who writes: the token's user (or the control API's chosen user). */
  user: ZohoUserJson;
  now: number;
  /** How Zoho refuses a change of a deal's Stage (validation rule, Blueprint, permission); none when absent. */
  stageRefusal?: StageRefusal | null;
}

export type WriteResult = { status: 'success'; record: ZohoRecord } | { status: 'error'; error: RecordError };

type Changes = Record<string, unknown>;
type Normalised = { ok: true; changes: Changes } | { ok: false; error: RecordError };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const userZone = (user: ZohoUserJson): string => (typeof user.time_zone === 'string' ? user.time_zone : 'UTC');

export const minifiedUser = (user: ZohoUserJson) => ({ name: user.full_name, id: user.id, email: user.email });

/** A lookup given as `{id}` or as a bare id string (Zoho accepts both). */
function lookupId(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (isObject(value) && (typeof value.id === 'string' || typeof value.id === 'number')) return String(value.id);
  return null;
}

function recordName(module: ModuleDef, record: ZohoRecord): string {
  return String(record[module.nameField] ?? record.id);
}

class Rejection {
  constructor(readonly error: RecordError) {}
}

/** Normalises one record's input; throws Rejection with Zoho's per-record error. */
class Normaliser {
  constructor(
    private readonly ctx: WriteContext,
    private readonly module: ModuleDef,
    private readonly index: number,
    private readonly input: Record<string, unknown>,
    private readonly existing: ZohoRecord | undefined,
  ) {}

  path(field: string): string {
    return `$.data[${this.index}].${field}`;
  }

  invalid(field: string, extra: Record<string, unknown> = {}, message?: string): never {
    throw new Rejection(recordError('INVALID_DATA', { api_name: field, json_path: this.path(field), ...extra }, message));
  }

  missing(field: string): never {
    throw new Rejection(recordError('MANDATORY_NOT_FOUND', { api_name: field, json_path: this.path(field) }));
  }

  run(): Changes {
    const fields = FIELDS[this.module.apiName] ?? {};
    const changes: Changes = {};
    const isCreate = this.existing === undefined;
    // Mandatory fields first: missing on create, or cleared on update.
    for (const [name, def] of Object.entries(fields)) {
      if (!def.mandatory) continue;
      const given = name in this.input;
      const value = this.input[name];
      if ((isCreate && (!given || isEmpty(value))) || (!isCreate && given && isEmpty(value))) this.missing(name);
    }
    for (const [name, value] of Object.entries(this.input)) {
      const def = fields[name];
      // Zoho ignores keys that are not fields, and read-only ones; $se_module goes with What_Id.
      if (!def || def.readOnly || def.writeOnly || name === '$se_module') continue;
      changes[name] = this.value(name, def, value);
    }
    // `$se_module` alone (no What_Id) re-points nothing: Zoho needs both.
    return changes;
  }

  value(name: string, def: FieldDef, value: unknown): unknown {
    // Empty clears the field (mandatory ones were refused above).
    if (value === null || value === '') return def.type === 'participants' ? [] : null;
    const max = MAX_LENGTH[def.type];
    switch (def.type) {
      case 'text':
      case 'textarea':
      case 'phone':
      case 'website':
      case 'picklist':
      case 'email': {
        if (typeof value !== 'string') this.invalid(name, { expected_data_type: def.type === 'textarea' ? 'textarea' : 'text' });
        const text = value as string;
        if (max !== undefined && text.length > max) this.invalid(name, { maximum_length: max });
        if (def.type === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) this.invalid(name, { expected_data_type: 'email' });
        if (def.values && !def.values.includes(text)) this.invalid(name, { expected_data_type: 'picklist' });
        return text;
      }
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value)) this.invalid(name, { expected_data_type: 'integer' });
        return value;
      case 'currency':
        if (typeof value !== 'number' || !Number.isFinite(value)) this.invalid(name, { expected_data_type: 'double' });
        return value;
      case 'boolean':
        if (typeof value !== 'boolean') this.invalid(name, { expected_data_type: 'boolean' });
        return value;
      case 'date':
        if (!isIsoDate(value)) this.invalid(name, { expected_data_type: 'date' });
        return value;
      case 'datetime': {
        if (!isIsoDateTime(value) || Number.isNaN(Date.parse(value))) this.invalid(name, { expected_data_type: 'datetime' });
        // Stored in the writer's zone; reads re-express it in the reader's.
        return formatInZone(Date.parse(value as string), userZone(this.ctx.user));
      }
      case 'lookup': {
        const target = def.lookup ?? '';
        const id = lookupId(value);
        const record = id ? this.ctx.store.get(target, id) : undefined;
        const targetModule = moduleByApiName(target);
        if (!record || !targetModule) this.invalid(name, { expected_data_type: 'lookup' });
        return { id: (record as ZohoRecord).id, name: recordName(targetModule as ModuleDef, record as ZohoRecord) };
      }
      case 'user': {
        const id = lookupId(value);
        const user = id ? this.ctx.store.user(id) : undefined;
        if (!user) this.invalid(name, { expected_data_type: 'ownerlookup' });
        return minifiedUser(user as ZohoUserJson);
      }
      case 'what':
        return this.what(name, value);
      case 'parent':
        return this.parent(name, value);
      case 'participants':
        return this.participants(name, value);
      case 'json':
        if (typeof value !== 'object') this.invalid(name, { expected_data_type: 'jsonobject' });
        return structuredClone(value);
      default:
        return value;
    }
  }

  /** What_Id with its `$se_module` (given now, or kept from the record on update). */
  what(name: string, value: unknown): unknown {
    const seModule = this.input.$se_module ?? this.existing?.$se_module;
    if (seModule === undefined || seModule === null || seModule === '') this.missing('$se_module');
    if (typeof seModule !== 'string' || !(WHAT_MODULES as readonly string[]).includes(seModule)) this.invalid('$se_module');
    const module = moduleByApiName(seModule as string) as ModuleDef;
    const id = lookupId(value);
    const record = id ? this.ctx.store.get(module.apiName, id) : undefined;
    if (!record) this.invalid(name, { expected_data_type: 'lookup' });
    return { id: (record as ZohoRecord).id, name: recordName(module, record as ZohoRecord) };
  }

  /** Notes' Parent_Id: `{module: {api_name}, id}` pointing at an existing record. */
  parent(name: string, value: unknown): unknown {
    if (!isObject(value)) this.invalid(name, { expected_data_type: 'jsonobject' });
    const given = value as Record<string, unknown>;
    const moduleName = isObject(given.module) ? given.module.api_name : given.module;
    const module = typeof moduleName === 'string' ? moduleByApiName(moduleName) : undefined;
    if (!module || !(NOTE_PARENT_MODULES as readonly string[]).includes(module.apiName)) this.invalid(`${name}.module`);
    const parentModule = module as ModuleDef;
    const id = lookupId(given);
    const record = id ? this.ctx.store.get(parentModule.apiName, id) : undefined;
    if (!record) this.invalid(name, { expected_data_type: 'lookup' });
    return {
      module: { api_name: parentModule.apiName, id: MODULE_IDS[parentModule.apiName] },
      id: (record as ZohoRecord).id,
      name: recordName(parentModule, record as ZohoRecord),
    };
  }

  /** Events' Participants: contacts, leads, users or plain addresses, expanded as Zoho returns them. */
  participants(name: string, value: unknown): unknown {
    if (!Array.isArray(value)) this.invalid(name, { expected_data_type: 'jsonarray' });
    const previous = Array.isArray(this.existing?.Participants) ? (this.existing?.Participants as Record<string, unknown>[]) : [];
    // Invitations go out only for Zoho's key; a `Send_Notification` is no field and invites nobody.
    const invited = this.input.$send_notification === true;
    return (value as unknown[]).map((item, i) => {
      const where = `${name}[${i}]`;
      if (!isObject(item) || typeof item.type !== 'string' || typeof item.participant !== 'string') {
        this.invalid(name, { json_path: this.path(where), expected_data_type: 'jsonobject' });
      }
      const { type, participant } = item as { type: string; participant: string };
      let resolved: { name: string; Email: string | null };
      if (type === 'contact' || type === 'lead') {
        const record = this.ctx.store.get(type === 'contact' ? 'Contacts' : 'Leads', participant);
        if (!record) this.invalid(name, { json_path: this.path(`${where}.participant`) });
        const found = record as ZohoRecord;
        resolved = { name: String(found.Full_Name ?? found.id), Email: typeof found.Email === 'string' ? found.Email : null };
      } else if (type === 'user') {
        const user = this.ctx.store.user(participant);
        if (!user) this.invalid(name, { json_path: this.path(`${where}.participant`) });
        resolved = { name: (user as ZohoUserJson).full_name, Email: (user as ZohoUserJson).email };
      } else if (type === 'email') {
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(participant)) this.invalid(name, { json_path: this.path(`${where}.participant`), expected_data_type: 'email' });
        resolved = { name: participant, Email: participant };
      } else {
        this.invalid(name, { json_path: this.path(`${where}.type`) });
      }
      const kept = previous.find((p) => p.type === type && p.participant === participant);
      return {
        ...resolved!,
        invited: invited || kept?.invited === true,
        type,
        participant,
        status: typeof kept?.status === 'string' ? kept.status : 'not_known',
        id: typeof kept?.id === 'string' ? kept.id : this.ctx.store.nextId(),
      };
    });
  }
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function normalise(ctx: WriteContext, module: ModuleDef, index: number, input: unknown, existing: ZohoRecord | undefined): Normalised {
  if (!isObject(input)) {
    return { ok: false, error: recordError('INVALID_DATA', { json_path: `$.data[${index}]`, expected_data_type: 'jsonobject' }) };
  }
  try {
    return { ok: true, changes: new Normaliser(ctx, module, index, input, existing).run() };
  } catch (error) {
    if (error instanceof Rejection) return { ok: false, error: error.error };
    throw error;
  }
}

/** Checks on the whole record after merging: event span, duplicate emails. */
function checkRecord(ctx: WriteContext, module: ModuleDef, index: number, record: Record<string, unknown>, selfId: string | null): RecordError | null {
  if (module.apiName === 'Events') {
    const start = Date.parse(String(record.Start_DateTime));
    const end = Date.parse(String(record.End_DateTime));
    if (!(end > start)) {
      return recordError('INVALID_DATA', { api_name: 'End_DateTime', json_path: `$.data[${index}].End_DateTime` });
    }
  }
  // Email is the unique field of the sandbox's Contacts and Leads (Zoho's unique fields are configurable).
  if ((module.apiName === 'Contacts' || module.apiName === 'Leads') && typeof record.Email === 'string') {
    const email = record.Email.toLowerCase();
    const duplicate = ctx.store
      .list(module.apiName)
      .find((other) => other.id !== selfId && typeof other.Email === 'string' && other.Email.toLowerCase() === email);
    if (duplicate) {
      return recordError('DUPLICATE_DATA', {
        api_name: 'Email',
        json_path: `$.data[${index}].Email`,
        duplicate_record: { id: duplicate.id, module: { api_name: module.apiName, id: module.moduleId }, Owner: duplicate.Owner },
      });
    }
  }
  return null;
}

/** Fields Zoho computes from others. */
function derive(module: ModuleDef, record: Record<string, unknown>, changes: Changes, previous: ZohoRecord | undefined, ctx: WriteContext): void {
  const stamp = formatInZone(ctx.now, userZone(ctx.user));
  if (module.apiName === 'Contacts' || module.apiName === 'Leads') {
    record.Full_Name = [record.First_Name, record.Last_Name].filter((part) => typeof part === 'string' && part).join(' ');
  }
  if (module.apiName === 'Deals') {
    const stage = record.Stage as keyof typeof STAGE_PROBABILITY;
    if ('Stage' in changes && !('Probability' in changes) && stage !== previous?.Stage) record.Probability = STAGE_PROBABILITY[stage] ?? null;
    const amount = typeof record.Amount === 'number' ? record.Amount : null;
    const probability = typeof record.Probability === 'number' ? record.Probability : null;
    record.Expected_Revenue = amount !== null && probability !== null ? Math.round((amount * probability) / 100) : null;
  }
  if (module.apiName === 'Tasks') {
    if (record.Status === 'Completed') record.Closed_Time = previous?.Status === 'Completed' ? previous.Closed_Time : stamp;
    else record.Closed_Time = null;
  }
}

/** Every declared field present on a new record, null (or its empty value) when not given. */
function blankRecord(module: ModuleDef): Record<string, unknown> {
  const blank: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(FIELDS[module.apiName] ?? {})) {
    if (def.writeOnly || name === 'id') continue;
    blank[name] = def.type === 'participants' || name === 'Tag' ? [] : def.type === 'boolean' ? false : null;
  }
  return blank;
}

function noteDefaults(): Record<string, unknown> {
  return {
    $attachments: [],
    $editable: true,
    $is_shared_to_client: false,
    $sharing_permission: 'full_access',
    $size: '0',
    $state: 'save',
    $voice_note: false,
  };
}

export function createRecord(ctx: WriteContext, module: ModuleDef, input: unknown, index = 0): WriteResult {
  const normalised = normalise(ctx, module, index, input, undefined);
  if (!normalised.ok) return { status: 'error', error: normalised.error };
  const { changes } = normalised;
  const stamp = formatInZone(ctx.now, userZone(ctx.user));
  const author = minifiedUser(ctx.user);
  const record: Record<string, unknown> = {
    ...blankRecord(module),
    ...(module.apiName === 'Notes' ? noteDefaults() : { $approved: true, $editable: true }),
    ...changes,
    Owner: changes.Owner ?? author,
    Created_By: author,
    Modified_By: author,
    Created_Time: stamp,
    Modified_Time: stamp,
  };
  if (module.apiName === 'Events' || module.apiName === 'Tasks') record.$se_module = changes.What_Id ? (input as Record<string, unknown>).$se_module : null;
  derive(module, record, changes, undefined, ctx);
  const problem = checkRecord(ctx, module, index, record, null);
  if (problem) return { status: 'error', error: problem };
  const stored = ctx.store.insert(module.apiName, record);
  if (module.apiName === 'Deals') {
    ctx.store.recordStageChange(stored.id, stageChange(ctx, stored, stamp));
  }
  return { status: 'success', record: stored };
}

export function updateRecord(ctx: WriteContext, module: ModuleDef, id: string, input: unknown, index = 0): WriteResult {
  const existing = ctx.store.get(module.apiName, id);
  if (!existing) return { status: 'error', error: recordError('INVALID_DATA', { id }, RECORD_MESSAGES.unknownId) };
  const normalised = normalise(ctx, module, index, input, existing);
  if (!normalised.ok) return { status: 'error', error: normalised.error };
  const { changes } = normalised;
  const stamp = formatInZone(ctx.now, userZone(ctx.user));
  const record: Record<string, unknown> = { ...existing, ...changes, Modified_By: minifiedUser(ctx.user), Modified_Time: stamp };
  if ('What_Id' in changes && (module.apiName === 'Events' || module.apiName === 'Tasks')) {
    record.$se_module = changes.What_Id ? ((input as Record<string, unknown>).$se_module ?? existing.$se_module) : null;
  }
  derive(module, record, changes, existing, ctx);
  const problem = checkRecord(ctx, module, index, record, id);
  if (problem) return { status: 'error', error: problem };
  // Zoho checks validation rules, Blueprint and permissions once the input is valid; a refused
  // stage change leaves the whole record (and its stage history) as it was.
  const stageChanges = module.apiName === 'Deals' && record.Stage !== existing.Stage;
  if (stageChanges && ctx.stageRefusal) return { status: 'error', error: stageRefusalError(ctx.stageRefusal, index, id) };
  const stored = ctx.store.update(module.apiName, id, record) as ZohoRecord;
  if (stageChanges) ctx.store.recordStageChange(id, stageChange(ctx, stored, stamp));
  return { status: 'success', record: stored };
}

/** The stage history row for a deal that has just reached its current stage. */
function stageChange(ctx: WriteContext, deal: ZohoRecord, stamp: string): StageChange {
  return {
    id: ctx.store.nextId(),
    stage: String(deal.Stage),
    changedAt: stamp,
    by: { id: ctx.user.id, name: ctx.user.full_name },
    amount: typeof deal.Amount === 'number' ? deal.Amount : null,
    probability: typeof deal.Probability === 'number' ? deal.Probability : null,
    closingDate: typeof deal.Closing_Date === 'string' ? deal.Closing_Date : null,
  };
}

/** Deletes a record and the notes attached to it (Zoho moves both to the recycle bin). */
export function deleteRecord(ctx: WriteContext, module: ModuleDef, id: string): WriteResult {
  const existing = /^\d+$/.test(id) ? ctx.store.get(module.apiName, id) : undefined;
  if (!existing) {
    const message = module.apiName === 'Notes' ? RECORD_MESSAGES.noteNotDeleted : RECORD_MESSAGES.unknownId;
    return { status: 'error', error: recordError('INVALID_DATA', { id }, message) };
  }
  ctx.store.delete(module.apiName, id);
  for (const note of ctx.store.list('Notes')) {
    const parent = note.Parent_Id as { id?: string } | null;
    if (parent?.id === id) ctx.store.delete('Notes', note.id);
  }
  return { status: 'success', record: existing };
}

/** Zoho's per-record answer; datetimes in the caller's time zone. */
export function writeEntry(kind: WriteKind, result: WriteResult, viewer: ZohoUserJson): Record<string, unknown> {
  if (result.status === 'error') return { ...result.error };
  const { record } = result;
  if (kind === 'delete') return { code: 'SUCCESS', details: { id: record.id }, message: SUCCESS_MESSAGES.delete, status: 'success' };
  const zone = userZone(viewer);
  const short = (user: unknown) => {
    const { id, name } = user as { id: string; name: string };
    return { id, name };
  };
  return {
    code: 'SUCCESS',
    details: {
      Modified_Time: formatInZone(Date.parse(String(record.Modified_Time)), zone),
      Modified_By: short(record.Modified_By),
      Created_Time: formatInZone(Date.parse(String(record.Created_Time)), zone),
      id: record.id,
      Created_By: short(record.Created_By),
    },
    message: SUCCESS_MESSAGES[kind],
    status: 'success',
  };
}
