// CRM REST API v8 subset (`/crm/v8/...`): authentication by `Zoho-oauthtoken`, scope checks,
// credits, then users, org, records and search with Zoho's response shapes.
import { json, noContent, Router, type RouteContext, type SandboxResponse } from './http';
import {
  criteriaFields,
  CriteriaError,
  fuzzyMatch,
  matchesCriteria,
  matchesWord,
  parseCriteria,
  type Criteria,
} from './search';
import type { ZohoRecord, ZohoUserJson } from './seed';
import type { SandboxState } from './state';
import { moduleByApiName, type ModuleDef } from './store';
import { isIsoDateTime, toZone } from './time';
import type { AccessToken } from './tokens';
import { apiError, hasScope, LIMITS } from './zoho';

interface ApiCall {
  ctx: RouteContext;
  token: AccessToken;
  user: ZohoUserJson;
  /** A 401 OAUTH_SCOPE_MISMATCH response unless the token has every one of these scopes. */
  requireScopes(...scopes: string[]): SandboxResponse | null;
}

type ApiHandler = (call: ApiCall) => SandboxResponse;

export class CrmApi {
  private readonly router = new Router<ApiHandler>();

  constructor(private readonly sandbox: SandboxState) {
    this.route('GET', '/crm/v8/users', (call) => this.users(call));
    this.route('GET', '/crm/v8/users/:userId', (call) => this.userById(call));
    this.route('GET', '/crm/v8/org', (call) => this.org(call));
    this.route('GET', '/crm/v8/:module/search', (call) => this.search(call));
    this.route('GET', '/crm/v8/:module/:id', (call) => this.record(call));
    this.route('GET', '/crm/v8/:module', (call) => this.list(call));
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
    const response =
      sandbox.creditsUsed > sandbox.config.creditsPerDay ? apiError('LIMIT_EXCEEDED') : this.dispatch(ctx, token, user);
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
    };
    return match.handler(call);
  }

  private route(method: string, pattern: string, handler: ApiHandler): void {
    this.router.add(method, pattern, handler);
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
    return this.page(call, this.sandbox.store.list(found.module.apiName), fields);
  }

  private search(call: ApiCall): SandboxResponse {
    const found = this.module(call);
    if ('error' in found) return found.error;
    const { module } = found;
    const denied = call.requireScopes(this.readScope(module), 'ZohoSearch.securesearch.READ');
    if (denied) return denied;
    const params = call.ctx.req.url.searchParams;
    const records = this.sandbox.store.list(module.apiName);
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
      hits = records.filter((record) => module.emailFields.some((field) => fuzzyMatch(record[field], email, 'equals', false)));
    } else if (phone !== null) {
      hits = records.filter((record) => module.phoneFields.some((field) => fuzzyMatch(record[field], phone, 'equals', true)));
    } else if (word !== null) {
      hits = records.filter((record) => matchesWord(record, word));
    } else {
      return apiError('REQUIRED_PARAM_MISSING', { param: 'criteria' });
    }
    return this.page(call, hits, fieldsParam(call));
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
