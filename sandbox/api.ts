// CRM REST API v8 subset (`/crm/v8/...`): authentication by `Zoho-oauthtoken`, scope checks,
// credits, then users, org, records, search, writes, notes and COQL with Zoho's response shapes.
import { businessHours, holidays } from './calendar';
import { composite } from './composite';
import { CoqlError, mayQueryModule, parseCoql, runCoql } from './coql';
import { json, noContent, parseJsonBody, Router, type RouteContext, type SandboxResponse } from './http';
import { META_MODULES, moduleFields, moduleLayout, moduleOfLayout, pipelines } from './meta';
import { relatedLists } from './relatedLists';
import {
  criteriaFields,
  CriteriaError,
  fuzzyMatch,
  indexedBy,
  matchesCriteria,
  matchesWord,
  parseCriteria,
  searchValueProblem,
  type Criteria,
} from './search';
import type { ZohoRecord, ZohoUserJson } from './seed';
import type { SandboxState } from './state';
import { moduleByApiName, type ModuleDef } from './store';
import { addDays, dateInZone, formatInZone, isIsoDateTime, toZone, weekday, zonedTimeToEpoch } from './time';
import type { AccessToken } from './tokens';
import { createRecord, deleteRecord, updateRecord, writeEntry, type WriteContext, type WriteResult } from './writes';
import { apiError, coqlCredits, hasScope, limitExceeded, LIMITS, writeScopes, writeStatus, type WriteKind } from './zoho';

interface ApiCall {
  ctx: RouteContext;
  token: AccessToken;
  user: ZohoUserJson;
  /** A 401 OAUTH_SCOPE_MISMATCH response unless the token has every one of these scopes. */
  requireScopes(...scopes: string[]): SandboxResponse | null;
  /** The same, unless the token has at least one of these. */
  requireAnyScope(scopes: string[]): SandboxResponse | null;
}

type ApiHandler = (call: ApiCall) => SandboxResponse;

export class CrmApi {
  private readonly router = new Router<ApiHandler>();

  constructor(private readonly sandbox: SandboxState) {
    this.route('GET', '/crm/v8/users', (call) => this.users(call));
    this.route('GET', '/crm/v8/users/:userId', (call) => this.userById(call));
    this.route('GET', '/crm/v8/org', (call) => this.org(call));
    this.route('POST', '/crm/v8/coql', (call) => this.coql(call));
    this.route('POST', '/crm/v8/__composite_requests', (call) =>
      call.requireScopes('ZohoCRM.composite_requests.CUSTOM') ?? composite(call.ctx, this.sandbox, (sub) => this.dispatch(sub, call.token, call.user)),
    );
    this.route('GET', '/crm/v8/settings/users_unavailability', (call) => this.unavailability(call));
    this.route('GET', '/crm/v8/settings/layouts', (call) => this.layouts(call));
    this.route('GET', '/crm/v8/settings/layouts/:layoutId', (call) => this.layouts(call));
    this.route('GET', '/crm/v8/settings/pipeline', (call) => this.pipeline(call));
    this.route('GET', '/crm/v8/settings/fields', (call) => this.fields(call));
    this.route('GET', '/crm/v8/settings/related_lists', (call) => this.relatedLists(call));
    this.route('GET', '/crm/v8/settings/business_hours', (call) => this.businessHours(call));
    this.route('GET', '/crm/v8/settings/holidays', (call) => this.holidays(call));
    this.route('GET', '/crm/v8/settings/variables', (call) => this.variables(call, 'READ', (v) => v.getAll(call.ctx.req.url.searchParams)));
    this.route('POST', '/crm/v8/settings/variables', (call) => this.variables(call, 'CREATE', (v) => v.create(call.user, call.ctx.req.body)));
    this.route('PUT', '/crm/v8/settings/variables', (call) => this.variables(call, 'UPDATE', (v) => v.update(call.user, call.ctx.req.body, null, call.ctx.req.url.searchParams)));
    this.route('DELETE', '/crm/v8/settings/variables', (call) => this.variables(call, 'DELETE', (v) => v.remove(call.user, (call.ctx.req.url.searchParams.get('ids') ?? '').split(',').filter(Boolean))));
    this.route('GET', '/crm/v8/settings/variables/:key', (call) => this.variables(call, 'READ', (v) => v.getOne(call.ctx.params.key ?? '', call.ctx.req.url.searchParams)));
    this.route('PUT', '/crm/v8/settings/variables/:key', (call) => this.variables(call, 'UPDATE', (v) => v.update(call.user, call.ctx.req.body, call.ctx.params.key ?? '', call.ctx.req.url.searchParams)));
    this.route('DELETE', '/crm/v8/settings/variables/:key', (call) => this.variables(call, 'DELETE', (v) => v.remove(call.user, [call.ctx.params.key ?? ''])));
    // These paths are not modules: other methods on them must not fall into the /:module routes.
    const notModules = [
      ['/crm/v8/users', 'GET'], ['/crm/v8/org', 'GET'], ['/crm/v8/coql', 'POST'], ['/crm/v8/__composite_requests', 'POST'],
      ['/crm/v8/settings/layouts', 'GET'], ['/crm/v8/settings/pipeline', 'GET'], ['/crm/v8/settings/fields', 'GET'],
      ['/crm/v8/settings/related_lists', 'GET'], ['/crm/v8/settings/business_hours', 'GET'], ['/crm/v8/settings/holidays', 'GET'],
    ] as const;
    for (const [path, served] of notModules) {
      for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
        if (method !== served) this.route(method, path, () => apiError('INVALID_REQUEST_METHOD'));
      }
    }
    this.route('GET', '/crm/v8/:module/search', (call) => this.search(call));
    this.route('GET', '/crm/v8/:module/:id', (call) => this.record(call));
    this.route('PUT', '/crm/v8/:module/:id', (call) => this.updateOne(call));
    this.route('DELETE', '/crm/v8/:module/:id', (call) => this.deleteMany(call, [call.ctx.params.id ?? '']));
    this.route('GET', '/crm/v8/:module/:id/:related', (call) => this.related(call));
    this.route('GET', '/crm/v8/:module', (call) => this.list(call));
    this.route('POST', '/crm/v8/:module', (call) => this.create(call));
    this.route('PUT', '/crm/v8/:module', (call) => this.updateMany(call));
    this.route('DELETE', '/crm/v8/:module', (call) => this.deleteMany(call, null));
  }

  /** Handles any request under /crm/v8. */
  handle(ctx: RouteContext): SandboxResponse {
    const { sandbox } = this;
    const authorization = String(ctx.req.headers.authorization ?? '');
    const credential = /^Zoho-oauthtoken\s+(\S+)$/i.exec(authorization.trim())?.[1];
    if (!credential) return apiError('AUTHENTICATION_FAILURE');
    const token = sandbox.tokens.validAccessToken(credential, sandbox.now());
    if (!token) return apiError('INVALID_TOKEN');
    const user = sandbox.store.user(token.userId);
    if (!user) return apiError('INVALID_TOKEN');
    ctx.meta.userId = user.id;

    sandbox.creditsUsed += 1;
    const remaining = Math.max(0, sandbox.config.creditsPerDay - sandbox.creditsUsed);
    // Zoho reports what is left only once half the day's credits are gone.
    const creditHeaders: Record<string, string> =
      sandbox.creditsUsed >= sandbox.config.creditsPerDay / 2 ? { 'X-API-CREDITS-REMAINING': String(remaining) } : {};
    const exhausted = sandbox.creditsUsed > sandbox.config.creditsPerDay;
    // UNCONFIRMED (sandbox/README.md): when the credits come back, as epoch seconds; the sandbox says the next full hour.
    if (exhausted) creditHeaders['X-RATELIMIT-RESET'] = String(Math.ceil(sandbox.now() / 3_600_000) * 3_600);
    const response = exhausted ? apiError('LIMIT_EXCEEDED') : this.dispatch(ctx, token, user);
    return { ...response, headers: { ...response.headers, ...creditHeaders } };
  }

  private dispatch(ctx: RouteContext, token: AccessToken, user: ZohoUserJson): SandboxResponse {
    const match = this.router.match(ctx.req.method, ctx.req.url.pathname);
    if (match.kind === 'wrong-method') return apiError('INVALID_REQUEST_METHOD');
    if (match.kind === 'none') return apiError('INVALID_URL_PATTERN');
    const call: ApiCall = {
      ctx: { ...ctx, params: match.params },
      token,
      user,
      requireScopes: (...scopes) =>
        scopes.every((scope) => hasScope(token.scopes, scope)) ? null : apiError('OAUTH_SCOPE_MISMATCH'),
      requireAnyScope: (scopes) => (scopes.some((scope) => hasScope(token.scopes, scope)) ? null : apiError('OAUTH_SCOPE_MISMATCH')),
    };
    return match.handler(call);
  }

  private route(method: string, pattern: string, handler: ApiHandler): void {
    this.router.add(method, pattern, handler);
  }

  // ---- users' unavailability (out of office) ----------------------------------------------------

  /**
   * Every user's out-of-office periods (users_unavailability.json). One seeded: the rep's day off
   * on the first Friday at least three days after today, all day in the rep's zone.
   */
  private unavailability(call: ApiCall): SandboxResponse {
    const denied = call.requireScopes('ZohoCRM.settings.users_unavailability.READ');
    if (denied) return denied;
    const rows = this.sandbox.store.users
      .filter((user) => (user.profile as { name?: string } | undefined)?.name === 'Standard')
      .map((user) => {
        const zone = String(user.time_zone ?? 'UTC');
        let day = addDays(dateInZone(this.sandbox.now(), zone), 3);
        while (weekday(day) !== 5) day = addDays(day, 1);
        return {
          id: `${user.id.slice(0, -3)}901`,
          title: 'Day off',
          all_day: true,
          service: 'zoho_crm',
          tp_calendar_id: '',
          tp_event_id: '',
          comments: null,
          from: formatInZone(zonedTimeToEpoch(day, '00:00', zone), zone),
          to: formatInZone(zonedTimeToEpoch(day, '23:59', zone), zone),
          user: { name: user.full_name, id: user.id, zuid: String(user.zuid ?? '') },
        };
      });
    if (rows.length === 0) return noContent();
    return json(200, { users_unavailability: rows, info: { per_page: 200, count: rows.length, page: 1, more_records: false } });
  }

  // ---- settings: layouts, pipeline, fields (sandbox/meta.ts) -----------------------------------

  /** The `module` parameter of a settings call: a module with metadata, or the error to answer. */
  private settingsModule(call: ApiCall, missing: Record<string, string>): { module: ModuleDef } | { error: SandboxResponse } {
    const name = call.ctx.req.url.searchParams.get('module');
    if (!name) return { error: apiError('REQUIRED_PARAM_MISSING', missing) };
    const module = META_MODULES.find((candidate) => candidate.apiName.toLowerCase() === name.toLowerCase());
    // UNCONFIRMED: the details; fields.json documents `{api_name}` for INVALID_MODULE here.
    return module ? { module } : { error: apiError('INVALID_MODULE', { api_name: 'module' }) };
  }

  /** `GET /settings/layouts?module=…` and `/settings/layouts/{id}?module=…`: one standard layout per module. */
  private layouts(call: ApiCall): SandboxResponse {
    const denied = call.requireScopes('ZohoCRM.settings.layouts.READ');
    if (denied) return denied;
    // layouts.json: `{param}` here (fields.json says `param_name`).
    const found = this.settingsModule(call, { param: 'module' });
    if ('error' in found) return found.error;
    const layoutId = call.ctx.params.layoutId;
    if (layoutId !== undefined && moduleOfLayout(layoutId) !== found.module) return noContent();
    return json(200, { layouts: [moduleLayout(found.module, this.sandbox.store, call.user)] });
  }

  /** `GET /settings/pipeline?layout_id=…`: the standard pipeline of the Deals layout. */
  private pipeline(call: ApiCall): SandboxResponse {
    const denied = call.requireScopes('ZohoCRM.settings.pipeline.READ');
    if (denied) return denied;
    const layoutId = call.ctx.req.url.searchParams.get('layout_id');
    if (!layoutId) return apiError('REQUIRED_PARAM_MISSING', { param: 'layout_id' });
    // UNCONFIRMED: the answer for a layout that has no pipeline (another module's, or none).
    if (moduleOfLayout(layoutId)?.apiName !== 'Deals') return apiError('INVALID_DATA', { param_name: 'layout_id' });
    return json(200, { pipeline: pipelines() });
  }

  /** `GET /settings/fields?module=…[&type=all|used|unused]`: every field is "used" here. */
  private fields(call: ApiCall): SandboxResponse {
    const denied = call.requireScopes('ZohoCRM.settings.fields.READ');
    if (denied) return denied;
    const found = this.settingsModule(call, { param_name: 'module' });
    if ('error' in found) return found.error;
    const type = call.ctx.req.url.searchParams.get('type') ?? 'used';
    if (!['all', 'used', 'unused'].includes(type)) return apiError('INVALID_DATA', { param_name: 'type' });
    if (type === 'unused') return noContent();
    return json(200, { fields: moduleFields(found.module, this.sandbox.store) });
  }

  /** `GET /settings/related_lists?module=…` (sandbox/relatedLists.ts): Zoho's SDK asks it before reading a related list. */
  private relatedLists(call: ApiCall): SandboxResponse {
    const denied = call.requireScopes('ZohoCRM.settings.related_lists.READ');
    if (denied) return denied;
    const found = this.settingsModule(call, { param: 'module' });
    // related_lists.json: an unknown module is INVALID_MODULE with `{param}`.
    if ('error' in found) return call.ctx.req.url.searchParams.get('module') ? apiError('INVALID_MODULE', { param: 'module' }) : found.error;
    return json(200, { related_lists: relatedLists(found.module) });
  }

  // ---- org variables (sandbox/variables.ts) -----------------------------------------------------

  /** Scope ZohoCRM.settings.variables.{operation} (variables.json's security), then the call. */
  private variables(call: ApiCall, operation: 'READ' | 'CREATE' | 'UPDATE' | 'DELETE', run: (variables: SandboxState['variables']) => SandboxResponse): SandboxResponse {
    const denied = call.requireScopes(`ZohoCRM.settings.variables.${operation}`);
    return denied ?? run(this.sandbox.variables);
  }

  // ---- business hours and holidays (sandbox/calendar.ts) ---------------------------------------

  /** `GET /settings/business_hours` (business_hours.json; the scope per Zoho's "Get Business Hours"). */
  private businessHours(call: ApiCall): SandboxResponse {
    const denied = call.requireScopes('ZohoCRM.settings.business_hours.READ');
    if (denied) return denied;
    return json(200, { business_hours: businessHours() });
  }

  /**
   * `GET /settings/holidays[?year=…][&type=business_holiday|shift_holiday][&shift_id=…]`
   * (holidays.json; the same scope per Zoho's "Get the List of Holidays"). UNCONFIRMED: without
   * `year`, every year's holidays (Zoho's page does not say); a bad parameter answers
   * holidays.json's 400 PATTERN_NOT_MATCHED; none → 204.
   */
  private holidays(call: ApiCall): SandboxResponse {
    const denied = call.requireScopes('ZohoCRM.settings.business_hours.READ');
    if (denied) return denied;
    const params = call.ctx.req.url.searchParams;
    const year = params.get('year');
    const type = params.get('type');
    const shiftId = params.get('shift_id');
    const bad = (name: string) => json(400, { code: 'PATTERN_NOT_MATCHED', details: { api_name: name }, message: 'Please check whether the input values are correct', status: 'error' });
    if (year !== null && !/^\d{4}$/.test(year)) return bad('year');
    if (type !== null && type !== 'business_holiday' && type !== 'shift_holiday') return bad('type');
    if (shiftId !== null && !/^\d+$/.test(shiftId)) return bad('shift_id');
    const rows = holidays(this.sandbox.store.seededAt).filter(
      (row) => (year === null || row.year === Number(year)) && (type === null || row.type === type) && (shiftId === null || row.shift_hour.id === shiftId),
    );
    if (rows.length === 0) return noContent();
    return json(200, { holidays: rows, info: { per_page: 200, count: rows.length, page: 1, more_records: false } });
  }

  // ---- users and org ---------------------------------------------------------------------------

  private users(call: ApiCall): SandboxResponse {
    const denied = call.requireScopes('ZohoCRM.users.READ');
    if (denied) return denied;
    const type = call.ctx.req.url.searchParams.get('type') ?? 'AllUsers';
    const all = this.sandbox.store.users;
    let users: ZohoUserJson[];
    switch (type) {
      case 'CurrentUser':
        users = [call.user];
        break;
      case 'AllUsers':
      case 'ActiveUsers':
      case 'ActiveConfirmedUsers':
      case 'ConfirmedUsers':
        users = all;
        break;
      case 'AdminUsers':
      case 'ActiveConfirmedAdmins':
        users = all.filter((user) => (user.profile as { name?: string } | undefined)?.name === 'Administrator');
        break;
      case 'DeactiveUsers':
      case 'NotConfirmedUsers':
      case 'DeletedUsers':
        users = [];
        break;
      default:
        return apiError('INVALID_DATA', { param_name: 'type' });
    }
    if (users.length === 0) return noContent();
    return json(200, {
      users: users.map((user) => inZone(user, call.user)),
      info: { per_page: LIMITS.maxPerPage, count: users.length, page: 1, more_records: false },
    });
  }

  private userById(call: ApiCall): SandboxResponse {
    const denied = call.requireScopes('ZohoCRM.users.READ');
    if (denied) return denied;
    const user = this.sandbox.store.user(call.ctx.params.userId ?? '');
    if (!user) return noContent();
    return json(200, {
      users: [inZone(user, call.user)],
      info: { per_page: LIMITS.maxPerPage, count: 1, page: 1, more_records: false },
    });
  }

  private org(call: ApiCall): SandboxResponse {
    const denied = call.requireScopes('ZohoCRM.org.READ');
    if (denied) return denied;
    return json(200, { org: [structuredClone(this.sandbox.store.org)] });
  }

  // ---- records ---------------------------------------------------------------------------------

  private module(call: ApiCall): { module: ModuleDef } | { error: SandboxResponse } {
    const module = moduleByApiName(call.ctx.params.module ?? '');
    return module ? { module } : { error: apiError('INVALID_MODULE', { resource_path_index: 0 }) };
  }

  private readScope(module: ModuleDef): string {
    return `ZohoCRM.modules.${module.scopeName}.READ`;
  }

  private record(call: ApiCall): SandboxResponse {
    const found = this.module(call);
    if ('error' in found) return found.error;
    const denied = call.requireScopes(this.readScope(found.module));
    if (denied) return denied;
    const id = call.ctx.params.id ?? '';
    if (!/^\d+$/.test(id)) return apiError('INVALID_DATA', { resource_path_index: 1 }, 'the id given seems to be invalid');
    const record = this.sandbox.store.get(found.module.apiName, id);
    // UNCONFIRMED: Zoho's answer for a well-formed id that matches nothing; 204 like its empty lists.
    if (!record) return noContent();
    return json(200, { data: [present(record, call.user, fieldsParam(call))] });
  }

  private list(call: ApiCall): SandboxResponse {
    const found = this.module(call);
    if ('error' in found) return found.error;
    const denied = call.requireScopes(this.readScope(found.module));
    if (denied) return denied;
    // Since API v3, listing records requires `fields`.
    const fields = fieldsParam(call);
    if (!fields) return apiError('REQUIRED_PARAM_MISSING', { param: 'fields' });
    if (found.module.apiName === 'Notes') {
      const sorted = sortNotes(call, this.sandbox.store.list('Notes'));
      return 'error' in sorted ? sorted.error : this.page(call, sorted.records, fields);
    }
    // record.json's `ids`: those records only (at most 100, as the pre-v2 API's idlist; UNCONFIRMED
    // for v8), in the order given, unknown ids left out.
    const ids = call.ctx.req.url.searchParams.get('ids');
    if (ids !== null) {
      const list = ids.split(',').map((id) => id.trim()).filter(Boolean);
      if (list.length === 0 || list.some((id) => !/^\d+$/.test(id))) return apiError('INVALID_DATA', { param_name: 'ids' });
      if (list.length > 100) return limitExceeded({ limit: 100 });
      const records = list.map((id) => this.sandbox.store.get(found.module.apiName, id)).filter((record): record is ZohoRecord => !!record);
      return this.page(call, records, fields);
    }
    return this.page(call, this.sandbox.store.list(found.module.apiName), fields);
  }

  private search(call: ApiCall): SandboxResponse {
    const found = this.module(call);
    if ('error' in found) return found.error;
    const { module } = found;
    const denied = call.requireScopes(this.readScope(module), 'ZohoSearch.securesearch.READ');
    if (denied) return denied;
    const params = call.ctx.req.url.searchParams;
    const now = this.sandbox.now();
    const records = this.sandbox.store.list(module.apiName).filter((record) => indexedBy(record, now, this.sandbox.config.searchIndexLagSeconds));
    let hits: ZohoRecord[];

    const criteria = params.get('criteria');
    const email = params.get('email');
    const phone = params.get('phone');
    const word = params.get('word');
    if (criteria !== null) {
      let parsed: Criteria;
      try {
        parsed = parseCriteria(criteria);
      } catch (error) {
        if (error instanceof CriteriaError) return apiError('INVALID_QUERY', error.details);
        throw error;
      }
      const known = this.sandbox.store.fieldNames(module.apiName);
      const unknown = criteriaFields(parsed).find((field) => !known.has(field));
      if (unknown) return apiError('INVALID_QUERY', { api_name: unknown, reason: 'the field is not available for search' });
      hits = records.filter((record) => matchesCriteria(record, parsed, module.phoneFields));
    } else if (email !== null) {
      if (searchValueProblem('email', email)) return apiError('INVALID_DATA', { api_name: 'email' });
      hits = records.filter((record) => module.emailFields.some((field) => fuzzyMatch(record[field], email, 'equals', false)));
    } else if (phone !== null) {
      if (searchValueProblem('phone', phone)) return apiError('INVALID_DATA', { api_name: 'phone' });
      hits = records.filter((record) => module.phoneFields.some((field) => fuzzyMatch(record[field], phone, 'equals', true)));
    } else if (word !== null) {
      hits = records.filter((record) => matchesWord(record, word));
    } else {
      return apiError('REQUIRED_PARAM_MISSING', { param: 'criteria' });
    }
    return this.page(call, hits, fieldsParam(call));
  }


  // ---- writes ----------------------------------------------------------------------------------

  private writeContext(call: ApiCall): WriteContext {
    return { store: this.sandbox.store, user: call.user, now: this.sandbox.now(), stageRefusal: this.sandbox.config.stageRefusal };
  }

  /** The module and the write scope check. */
  private writable(call: ApiCall, kind: WriteKind): { module: ModuleDef } | { error: SandboxResponse } {
    const found = this.module(call);
    if ('error' in found) return found;
    const denied = call.requireAnyScope(writeScopes(found.module.scopeName, kind));
    return denied ? { error: denied } : found;
  }

  /** `{"data": [...]}` from the body: the records, or the error for the whole request. */
  private dataArray(call: ApiCall): { records: unknown[] } | { error: SandboxResponse } {
    const body = parseJsonBody(call.ctx.req);
    if (!body.ok) return { error: apiError('INVALID_DATA', {}, 'body') };
    const value = body.value as { data?: unknown } | null;
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !('data' in value)) {
      return { error: apiError('REQUIRED_PARAM_MISSING', { param: 'data' }) };
    }
    if (!Array.isArray(value.data)) return { error: apiError('INVALID_DATA', { api_name: 'data', expected_data_type: 'jsonarray' }) };
    if (value.data.length === 0) return { error: apiError('REQUIRED_PARAM_MISSING', { param: 'data' }) };
    if (value.data.length > LIMITS.maxRecordsPerWrite) return { error: limitExceeded({ limit: LIMITS.maxRecordsPerWrite }) };
    return { records: value.data };
  }

  private answer(call: ApiCall, kind: WriteKind, results: WriteResult[]): SandboxResponse {
    return json(writeStatus(kind, results), { data: results.map((result) => writeEntry(kind, result, call.user)) });
  }

  private create(call: ApiCall): SandboxResponse {
    const found = this.writable(call, 'create');
    if ('error' in found) return found.error;
    const input = this.dataArray(call);
    if ('error' in input) return input.error;
    const ctx = this.writeContext(call);
    return this.answer(call, 'create', input.records.map((record, i) => createRecord(ctx, found.module, record, i)));
  }

  /** `PUT /{Module}/{id}`: the first record of `data` applies to the record in the path. */
  private updateOne(call: ApiCall): SandboxResponse {
    const found = this.writable(call, 'update');
    if ('error' in found) return found.error;
    const id = call.ctx.params.id ?? '';
    if (!/^\d+$/.test(id)) return apiError('INVALID_DATA', { resource_path_index: 1 }, 'the id given seems to be invalid');
    const input = this.dataArray(call);
    if ('error' in input) return input.error;
    return this.answer(call, 'update', [updateRecord(this.writeContext(call), found.module, id, input.records[0], 0)]);
  }

  /** `PUT /{Module}`: every record names itself with `id`. */
  private updateMany(call: ApiCall): SandboxResponse {
    const found = this.writable(call, 'update');
    if ('error' in found) return found.error;
    const input = this.dataArray(call);
    if ('error' in input) return input.error;
    const ctx = this.writeContext(call);
    const results = input.records.map((record, i): WriteResult => {
      const id = typeof record === 'object' && record !== null ? (record as { id?: unknown }).id : undefined;
      if (typeof id !== 'string' || !id) {
        return { status: 'error', error: { code: 'MANDATORY_NOT_FOUND', details: { api_name: 'id', json_path: `$.data[${i}].id` }, message: 'required field not found', status: 'error' } };
      }
      return updateRecord(ctx, found.module, id, record, i);
    });
    return this.answer(call, 'update', results);
  }

  /** `DELETE /{Module}/{id}` or `DELETE /{Module}?ids=a,b`. */
  private deleteMany(call: ApiCall, pathIds: string[] | null): SandboxResponse {
    const found = this.writable(call, 'delete');
    if ('error' in found) return found.error;
    let ids = pathIds;
    if (!ids) {
      const param = call.ctx.req.url.searchParams.get('ids');
      if (!param) return apiError('REQUIRED_PARAM_MISSING', { param: 'ids' });
      ids = param.split(',').map((id) => id.trim()).filter(Boolean);
      if (ids.length === 0) return apiError('REQUIRED_PARAM_MISSING', { param: 'ids' });
      if (ids.length > LIMITS.maxRecordsPerWrite) return limitExceeded({ limit: LIMITS.maxRecordsPerWrite });
    }
    const ctx = this.writeContext(call);
    return this.answer(call, 'delete', ids.map((id) => deleteRecord(ctx, found.module, id)));
  }

  // ---- notes of a record -----------------------------------------------------------------------

  /** `GET /{Module}/{id}/Notes` and `GET /Deals/{id}/Stage_History`: the related lists served. */
  private related(call: ApiCall): SandboxResponse {
    const found = this.module(call);
    if ('error' in found) return found.error;
    const related = (call.ctx.params.related ?? '').toLowerCase();
    if (related === 'stage_history' && found.module.apiName === 'Deals') return this.stageHistory(call, found.module);
    if (related !== 'notes') return apiError('INVALID_URL_PATTERN');
    const denied = call.requireScopes(this.readScope(found.module), 'ZohoCRM.modules.notes.READ');
    if (denied) return denied;
    const id = call.ctx.params.id ?? '';
    if (!/^\d+$/.test(id)) return apiError('INVALID_DATA', { resource_path_index: 1 }, 'the id given seems to be invalid');
    // UNCONFIRMED: the answer for a parent that does not exist; 204 like an empty list.
    if (!this.sandbox.store.get(found.module.apiName, id)) return noContent();
    const notes = this.sandbox.store.list('Notes').filter((note) => (note.Parent_Id as { id?: string } | null)?.id === id);
    // Related lists take page, per_page, fields and ids only (related_records.json; the SDK's
    // GetRelatedRecordsParam): `sort_by`/`sort_order` are ignored, as any unknown parameter.
    // UNCONFIRMED: Zoho's own order here; the sandbox lists oldest first (creation, by id), so a
    // reader that takes the first page for the newest notes is caught.
    const listed = [...notes].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0));
    // related_records.json makes `fields` optional here (notes.json makes it mandatory on /Notes).
    return this.page(call, listed, fieldsParam(call));
  }

  /**
   * `GET /Deals/{id}/Stage_History`: the deal's stage changes, newest first, as related records.
   * UNCONFIRMED: the whole shape (not in the OAS): the fields Zoho's Stage History list shows, with
   * `Duration_Days` the whole days spent in that stage, null for the stage the deal is in (Zoho
   * counts a stage's duration once the deal leaves it).
   */
  private stageHistory(call: ApiCall, module: ModuleDef): SandboxResponse {
    const denied = call.requireScopes(this.readScope(module));
    if (denied) return denied;
    const id = call.ctx.params.id ?? '';
    if (!/^\d+$/.test(id)) return apiError('INVALID_DATA', { resource_path_index: 1 }, 'the id given seems to be invalid');
    if (!this.sandbox.store.get('Deals', id)) return noContent();
    const changes = this.sandbox.store.stageChanges(id);
    const rows = changes.map((change, i): ZohoRecord => {
      const next = changes[i + 1];
      const user = this.sandbox.store.user(change.by.id);
      return {
        id: change.id,
        Stage: change.stage,
        Amount: change.amount,
        Probability: change.probability,
        Expected_Revenue: change.amount !== null && change.probability !== null ? Math.round((change.amount * change.probability) / 100) : null,
        Closing_Date: change.closingDate,
        Modified_Time: change.changedAt,
        Modified_By: { name: change.by.name, id: change.by.id, email: user?.email ?? null },
        Duration_Days: next ? Math.floor((Date.parse(next.changedAt) - Date.parse(change.changedAt)) / 86_400_000) : null,
      };
    });
    return this.page(call, rows.reverse(), fieldsParam(call));
  }

  // ---- COQL ------------------------------------------------------------------------------------

  private coql(call: ApiCall): SandboxResponse {
    const denied = call.requireScopes('ZohoCRM.coql.READ');
    if (denied) return denied;
    const body = parseJsonBody(call.ctx.req);
    const query = body.ok ? (body.value as { select_query?: unknown } | null)?.select_query : undefined;
    if (typeof query !== 'string' || !query.trim()) return apiError('REQUIRED_PARAM_MISSING', { param: 'select_query' });
    try {
      const parsed = parseCoql(query);
      const module = moduleByApiName(parsed.module);
      if (module) {
        const moduleDenied = call.requireScopes(this.readScope(module));
        if (moduleDenied) return moduleDenied;
        if (this.sandbox.config.coqlStrict && !mayQueryModule(module, call.user)) {
          return apiError('INVALID_QUERY', { module: module.apiName, reason: 'only administrators may query Notes' }, 'permission denied', 403);
        }
      }
      const result = runCoql(this.sandbox.store, parsed, { refuseTextareaCriteria: this.sandbox.config.coqlStrict });
      // A LIMIT above 200 costs more credits (the first one was taken by handle()).
      this.sandbox.creditsUsed += coqlCredits(result.limit) - 1;
      if (result.rows.length === 0) return noContent();
      return json(200, {
        data: result.rows.map((row) => inZone(row, call.user)),
        info: { count: result.rows.length, more_records: result.moreRecords },
      });
    } catch (error) {
      if (error instanceof CoqlError) return json(400, { code: error.code, details: error.details, message: error.message, status: 'error' });
      throw error;
    }
  }

  /** `page`/`per_page` paging; an empty page answers 204 with no body, like Zoho. */
  private page(call: ApiCall, records: ZohoRecord[], fields: string[] | null): SandboxResponse {
    const params = call.ctx.req.url.searchParams;
    const page = positiveInt(params.get('page'), 1);
    const requestedPerPage = positiveInt(params.get('per_page'), LIMITS.maxPerPage);
    if (page === null || requestedPerPage === null) {
      return apiError('INVALID_DATA', { param_name: page === null ? 'page' : 'per_page' });
    }
    const perPage = Math.min(requestedPerPage, LIMITS.maxPerPage);
    const slice = records.slice((page - 1) * perPage, page * perPage);
    if (slice.length === 0) return noContent();
    return json(200, {
      data: slice.map((record) => present(record, call.user, fields)),
      info: { per_page: perPage, count: slice.length, page, more_records: records.length > page * perPage },
    });
  }
}

/**
 * `GET /Notes`' `sort_by` (id, Created_Time, Modified_Time) and `sort_order` (notes.json; the SDK's
 * GetNotesParam). UNCONFIRMED: the default, newest first by Modified_Time.
 */
function sortNotes(call: ApiCall, notes: ZohoRecord[]): { records: ZohoRecord[] } | { error: SandboxResponse } {
  const params = call.ctx.req.url.searchParams;
  const by = params.get('sort_by') ?? 'Modified_Time';
  const order = params.get('sort_order') ?? 'desc';
  if (!['id', 'Created_Time', 'Modified_Time'].includes(by)) return { error: apiError('INVALID_DATA', { param_name: 'sort_by' }) };
  if (order !== 'asc' && order !== 'desc') return { error: apiError('INVALID_DATA', { param_name: 'sort_order' }) };
  const key = (note: ZohoRecord): bigint | number => (by === 'id' ? BigInt(note.id) : Date.parse(String(note[by])));
  const sorted = [...notes].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const cmp = x < y ? -1 : x > y ? 1 : 0;
    return order === 'asc' ? cmp : -cmp;
  });
  return { records: sorted };
}

function positiveInt(value: string | null, fallback: number): number | null {
  if (value === null) return fallback;
  return /^\d+$/.test(value) && Number(value) >= 1 ? Number(value) : null;
}

function fieldsParam(call: ApiCall): string[] | null {
  const value = call.ctx.req.url.searchParams.get('fields');
  if (!value) return null;
  const fields = value.split(',').map((field) => field.trim()).filter(Boolean);
  return fields.length > 0 ? fields : null;
}

/** Datetimes come back in the caller's time zone, as Zoho does. */
function inZone<T extends Record<string, unknown>>(object: T, viewer: ZohoUserJson): T {
  const zone = typeof viewer.time_zone === 'string' ? viewer.time_zone : null;
  const copy = structuredClone(object);
  if (!zone) return copy;
  for (const [key, value] of Object.entries(copy)) {
    if (isIsoDateTime(value)) (copy as Record<string, unknown>)[key] = toZone(value, zone);
  }
  return copy;
}

function present(record: ZohoRecord, viewer: ZohoUserJson, fields: string[] | null): ZohoRecord {
  const shown = inZone(record, viewer);
  if (!fields) return shown;
  const picked: ZohoRecord = { id: shown.id };
  for (const field of fields) if (field in shown) picked[field] = shown[field];
  return picked;
}
