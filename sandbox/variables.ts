// Org variables (`/crm/v8/settings/variables`, reference/zoho-oas-v8/variables.json): the org's
// own key/value settings, read by every member and written only by administrators. Stagecoach
// keeps its team settings here. Shapes, statuses and error bodies follow the OAS; what it leaves
// open is marked UNCONFIRMED (and listed in sandbox/README.md's table).
import { json, noContent, parseJsonBody, type SandboxResponse } from './http';
import type { ZohoUserJson } from './seed';

export const VARIABLE_TYPES = ['date', 'website', 'double', 'textarea', 'integer', 'percent', 'long', 'datetime', 'phone', 'checkbox', 'currency', 'text', 'email'] as const;
type VariableType = (typeof VARIABLE_TYPES)[number];

/**
 * Longest value per type. UNCONFIRMED: Zoho documents a `maximum_length` error (MaxLengthError)
 * but not the figures; these follow Zoho's field limits for single-line (255) and multi-line
 * small (2,000) text.
 */
export const VARIABLE_MAX_LENGTH: Partial<Record<VariableType, number>> = { text: 255, textarea: 2000, website: 255, email: 100, phone: 30 };

/** The profile whose holders may create, change and delete variables (Zoho: "Manage variables", an admin permission). */
export const VARIABLE_ADMIN_PROFILE = 'Administrator';

export interface VariableGroup {
  id: string;
  api_name: string;
  name: string;
}

export interface OrgVariable {
  id: string;
  api_name: string;
  name: string;
  description: string | null;
  source: string;
  type: VariableType;
  variable_group: VariableGroup;
  read_only: boolean;
  value: string | number | boolean | null;
}

/** Every org has the "General" group (UNCONFIRMED: its id and api_name). */
const GENERAL: VariableGroup = { id: '4876876000000040001', api_name: 'General', name: 'General' };

const error = (status: number, code: string, details: Record<string, unknown>, message: string) => json(status, { code, details, message, status: 'error' });
/** A per-entry error of a write, in its wrapper (variables.json's *Wrapper schemas). */
const entryError = (code: string, details: Record<string, unknown>, message: string) => json(400, { variables: [{ code, details, message, status: 'error' }] });

export class OrgVariables {
  private groups: VariableGroup[] = [];
  private variables: OrgVariable[] = [];
  private seq = 0;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.groups = [{ ...GENERAL }];
    this.variables = [];
    this.seq = 0;
  }

  /** For the control API and tests. */
  list(): OrgVariable[] {
    return structuredClone(this.variables);
  }

  private group(key: string): VariableGroup | undefined {
    const lower = key.toLowerCase();
    return this.groups.find((group) => group.id === key || group.api_name.toLowerCase() === lower);
  }

  private find(key: string, group?: VariableGroup): OrgVariable | undefined {
    return this.variables.find((variable) => (variable.id === key || variable.api_name === key) && (!group || variable.variable_group.id === group.id));
  }

  /** `?group=` when given: an unknown group is a pattern error (UNCONFIRMED: Zoho's exact answer). */
  private groupParam(params: URLSearchParams): { group?: VariableGroup } | { error: SandboxResponse } {
    const key = params.get('group');
    if (key === null) return {};
    const group = this.group(key);
    return group ? { group } : { error: error(400, 'PATTERN_NOT_MATCHED', { param_name: 'group' }, 'Please check whether the input values are correct') };
  }

  /** GET /settings/variables[?group=…]: 204 when there are none. */
  getAll(params: URLSearchParams): SandboxResponse {
    const found = this.groupParam(params);
    if ('error' in found) return found.error;
    const rows = this.variables.filter((variable) => !found.group || variable.variable_group.id === found.group.id);
    return rows.length ? json(200, { variables: structuredClone(rows) }) : noContent();
  }

  /** GET /settings/variables/{id or api_name}[?group=…]: 204 when it does not exist (variables.json). */
  getOne(key: string, params: URLSearchParams): SandboxResponse {
    const found = this.groupParam(params);
    if ('error' in found) return found.error;
    const variable = this.find(key, found.group);
    return variable ? json(200, { variables: [structuredClone(variable)] }) : noContent();
  }

  /**
   * UNCONFIRMED: what Zoho answers a user whose profile may not manage variables. Zoho's general
   * answer for a missing permission (zoho-api.md §4) is 403 NO_PERMISSION; the SDK's
   * variables APIException lists NO_PERMISSION among its codes.
   */
  private denied(user: ZohoUserJson): SandboxResponse | null {
    const profile = (user.profile as { name?: string } | undefined)?.name;
    return profile === VARIABLE_ADMIN_PROFILE ? null : error(403, 'NO_PERMISSION', { permissions: ['Crm_Implied_Manage_Variables'] }, 'permission denied');
  }

  private entries(body: string): { entries: Record<string, unknown>[] } | { error: SandboxResponse } {
    const parsed = parseJsonBody({ body } as never);
    if (!parsed.ok) return { error: error(400, 'JSON_PARSE_ERROR', {}, 'body is not a valid JSON') };
    const list = (parsed.value as { variables?: unknown } | null)?.variables;
    if (!Array.isArray(list) || list.length === 0) return { error: error(400, 'MANDATORY_NOT_FOUND', { api_name: 'variables', json_path: '$.variables' }, 'required field not found') };
    if (list.some((entry) => typeof entry !== 'object' || entry === null || Array.isArray(entry))) {
      return { error: error(400, 'INVALID_DATA', { expected_data_type: 'jsonobject', regex: '', api_name: 'variables', json_path: '$.variables' }, 'invalid data') };
    }
    return { entries: list as Record<string, unknown>[] };
  }

  /** The value's problem for this type, as Zoho's per-entry error, or null. */
  private valueProblem(type: VariableType, value: unknown, index: number): SandboxResponse | null {
    const path = `$.variables[${index}].value`;
    if (value === null || value === undefined) return null;
    const textual = ['text', 'textarea', 'website', 'email', 'phone', 'date', 'datetime'].includes(type);
    const fits = textual ? typeof value === 'string' : type === 'checkbox' ? typeof value === 'boolean' || value === 'true' || value === 'false' : typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)));
    if (!fits) return entryError('INVALID_DATA', { expected_data_type: type, regex: '', api_name: 'value', json_path: path }, 'invalid data');
    const max = VARIABLE_MAX_LENGTH[type];
    if (max !== undefined && typeof value === 'string' && value.length > max) return entryError('INVALID_DATA', { maximum_length: max, api_name: 'value', json_path: path }, 'invalid data');
    return null;
  }

  /** POST /settings/variables: all entries or none (UNCONFIRMED: Zoho may create some and refuse others). */
  create(user: ZohoUserJson, body: string): SandboxResponse {
    const denied = this.denied(user);
    if (denied) return denied;
    const read = this.entries(body);
    if ('error' in read) return read.error;
    const made: OrgVariable[] = [];
    for (const [index, entry] of read.entries.entries()) {
      for (const key of ['name', 'type', 'variable_group'] as const) {
        if (entry[key] === undefined || entry[key] === null || entry[key] === '') return entryError('MANDATORY_NOT_FOUND', { api_name: key, json_path: `$.variables[${index}].${key}` }, 'required field not found');
      }
      const type = entry.type as VariableType;
      if (!VARIABLE_TYPES.includes(type)) return entryError('INVALID_DATA', { regex: VARIABLE_TYPES.join('|'), api_name: 'type', json_path: `$.variables[${index}].type` }, 'invalid data');
      const groupRef = entry.variable_group as { id?: unknown; api_name?: unknown; name?: unknown };
      const group = this.group(String(groupRef.id ?? groupRef.api_name ?? groupRef.name ?? ''));
      if (!group) return entryError('INVALID_DATA', { regex: '', api_name: 'variable_group', json_path: `$.variables[${index}].variable_group` }, 'invalid data');
      const apiName = typeof entry.api_name === 'string' && entry.api_name ? entry.api_name : String(entry.name).replace(/[^A-Za-z0-9_]/g, '_');
      if (!/^[A-Za-z][A-Za-z0-9_]{0,49}$/.test(apiName)) return entryError('INVALID_DATA', { regex: '^[A-Za-z][A-Za-z0-9_]{0,49}$', api_name: 'api_name', json_path: `$.variables[${index}].api_name` }, 'invalid data');
      if ([...this.variables, ...made].some((variable) => variable.api_name.toLowerCase() === apiName.toLowerCase())) {
        return entryError('DUPLICATE_DATA', { api_name: 'api_name', json_path: `$.variables[${index}].api_name` }, 'duplicate data');
      }
      const problem = this.valueProblem(type, entry.value, index);
      if (problem) return problem;
      this.seq += 1;
      made.push({
        id: `4876876000000${String(41000 + this.seq).padStart(6, '0')}`,
        api_name: apiName,
        name: String(entry.name),
        description: typeof entry.description === 'string' ? entry.description : null,
        source: 'crm',
        type,
        variable_group: { ...group },
        read_only: false,
        value: (entry.value ?? null) as OrgVariable['value'],
      });
    }
    this.variables.push(...made);
    return json(201, { variables: made.map((variable) => success('added', variable.id)) });
  }

  /** PUT /settings/variables (each entry by `id` or `api_name`) or PUT /settings/variables/{id or api_name} (one entry). */
  update(user: ZohoUserJson, body: string, key: string | null, params: URLSearchParams): SandboxResponse {
    const denied = this.denied(user);
    if (denied) return denied;
    const found = this.groupParam(params);
    if ('error' in found) return found.error;
    const read = this.entries(body);
    if ('error' in read) return read.error;
    if (key !== null && read.entries.length !== 1) return error(400, 'INVALID_DATA', { resource_path_index: 4 }, 'invalid data');
    const changes: { variable: OrgVariable; entry: Record<string, unknown> }[] = [];
    for (const [index, entry] of read.entries.entries()) {
      const ref = key ?? (typeof entry.id === 'string' ? entry.id : typeof entry.api_name === 'string' ? entry.api_name : null);
      if (ref === null) return entryError('MANDATORY_NOT_FOUND', { api_name: 'id', json_path: `$.variables[${index}].id` }, 'required field not found');
      const variable = this.find(ref, found.group);
      if (!variable) return key !== null ? error(400, 'INVALID_DATA', { resource_path_index: 4 }, 'the id given seems to be invalid') : entryError('INVALID_DATA', { regex: '', api_name: 'id', json_path: `$.variables[${index}].id` }, 'the id given seems to be invalid');
      if ('value' in entry) {
        const problem = this.valueProblem(variable.type, entry.value, index);
        if (problem) return problem;
      }
      changes.push({ variable, entry });
    }
    for (const { variable, entry } of changes) {
      if ('value' in entry) variable.value = (entry.value ?? null) as OrgVariable['value'];
      if (typeof entry.name === 'string' && entry.name) variable.name = entry.name;
      if ('description' in entry) variable.description = typeof entry.description === 'string' ? entry.description : null;
    }
    // variables.json documents 201 for updates and deletes as for creates.
    return json(201, { variables: changes.map(({ variable }) => success('updated', variable.id)) });
  }

  /** DELETE /settings/variables?ids=… or /settings/variables/{id}. */
  remove(user: ZohoUserJson, ids: string[]): SandboxResponse {
    const denied = this.denied(user);
    if (denied) return denied;
    if (ids.length === 0 || ids.some((id) => !this.find(id))) return error(400, 'INVALID_DATA', { resource_path_index: 4 }, 'the id given seems to be invalid');
    this.variables = this.variables.filter((variable) => !ids.includes(variable.id));
    return json(201, { variables: ids.map((id) => success('deleted', id)) });
  }
}

function success(done: 'added' | 'updated' | 'deleted', id: string) {
  return { code: 'SUCCESS', details: { id }, message: `variable ${done} successfully`, status: 'success' };
}
