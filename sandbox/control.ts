// Control API for tests and demos under /__sandbox/ (JSON, no auth, never logged or faulted).
import { z } from 'zod';
import { configPatch } from './config';
import { FaultPlan, faultPlanInput } from './faults';
import { json, parseJsonBody, type Router, type SandboxRequest, type SandboxResponse } from './http';
import { PROFILES, SEED, type ZohoRecord } from './seed';
import type { SandboxState } from './state';
import { moduleByApiName, moduleByTab, type ModuleDef } from './store';
import { dateInZone } from './time';
import { createRecord, deleteRecord } from './writes';

const faultInput = z
  .object({
    match: z.object({ method: z.string().min(1).optional(), path: z.string().min(1).optional() }).strict().optional(),
    count: z.number().int().min(1),
    status: z.number().int().min(100).max(599).optional(),
    body: z.unknown().optional(),
    drop: z.enum(['before', 'after']).optional(),
    malformed: z.literal(true).optional(),
    truncated: z.literal(true).optional(),
    contentType: z.string().min(1).max(100).optional(),
  })
  .strict()
  .refine(
    (fault) => [fault.status !== undefined || fault.body !== undefined, fault.drop, fault.malformed, fault.truncated].filter(Boolean).length === 1,
    { message: 'a fault needs exactly one of: a status (with an optional body), a drop, malformed or truncated' },
  )
  .refine((fault) => fault.body === undefined || fault.status !== undefined, { message: 'a body needs a status' });

const seededUserIds = Object.values(SEED.users).map((user) => user.id);

const resetInput = z
  .object({
    // Lays the seeded activities out around this day (noon UTC) instead of today.
    today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected yyyy-MM-dd').refine((day) => !Number.isNaN(Date.parse(`${day}T12:00:00Z`)), 'not a date').optional(),
  })
  .strict();

const recordsQuery = z
  .object({
    // `Field:value`, repeatable (all must match); lookups match by id or name.
    where: z.array(z.string().regex(/^[A-Za-z0-9_$.]+:/, 'expected Field:value')).optional(),
    // Text anywhere in the record's string values (nested ones too), case-sensitive.
    contains: z.array(z.string().min(1)).max(1, 'give contains once').optional(),
  })
  .strict();

const createAs = z.object({ as: z.array(z.string()).max(1).optional() }).strict();

function badRequest(reason: string): SandboxResponse {
  return json(400, { error: 'bad_request', reason });
}

function parse<T>(schema: z.ZodType<T>, req: SandboxRequest): { ok: true; value: T } | { ok: false; response: SandboxResponse } {
  const body = parseJsonBody(req);
  if (!body.ok) return { ok: false, response: badRequest(body.reason) };
  const result = schema.safeParse(body.value);
  if (!result.success) {
    const reason = result.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');
    return { ok: false, response: badRequest(reason) };
  }
  return { ok: true, value: result.data };
}

function listFaults(sandbox: SandboxState) {
  return sandbox.faults.map((fault) => ({ ...fault }));
}

export function registerControlRoutes(router: Router, sandbox: SandboxState): void {
  router.add('POST', '/__sandbox/reset', ({ req }) => {
    const input = parse(resetInput, req);
    if (!input.ok) return input.response;
    const today = input.value.today;
    sandbox.reset(today ? Date.parse(`${today}T12:00:00Z`) : sandbox.now());
    return json(200, { status: 'reset', config: sandbox.config, seededAt: new Date(sandbox.store.seededAt).toISOString() });
  });

  // What the seeded activities were laid out from, and their well-known ids.
  router.add('GET', '/__sandbox/seed', () => {
    const { seededAt } = sandbox.store;
    const ids = (named: Record<string, ZohoRecord>) => Object.fromEntries(Object.entries(named).map(([key, record]) => [key, record.id]));
    return json(200, {
      seededAt: new Date(seededAt).toISOString(),
      today: Object.fromEntries(sandbox.store.users.map((user) => [user.id, dateInZone(seededAt, String(user.time_zone))])),
      events: ids(SEED.events),
      tasks: ids(SEED.tasks),
      notes: ids(SEED.notes),
    });
  });

  router.add('GET', '/__sandbox/config', () => json(200, sandbox.config));
  router.add('POST', '/__sandbox/config', ({ req }) => {
    const patch = parse(configPatch, req);
    if (!patch.ok) return patch.response;
    // zod's partial() types keys as possibly undefined; drop those so they do not erase values.
    const defined = Object.fromEntries(Object.entries(patch.value).filter(([, value]) => value !== undefined));
    sandbox.config = { ...sandbox.config, ...defined };
    return json(200, sandbox.config);
  });

  router.add('GET', '/__sandbox/faults', () => json(200, { faults: listFaults(sandbox) }));
  router.add('POST', '/__sandbox/faults', ({ req }) => {
    const input = parse(faultInput, req);
    if (!input.ok) return input.response;
    const { count, match, ...rest } = input.value;
    sandbox.faults.push({ match: match ?? {}, remaining: count, ...rest });
    return json(200, { faults: listFaults(sandbox) });
  });
  router.add('DELETE', '/__sandbox/faults', () => {
    sandbox.faults = [];
    return json(200, { faults: [] });
  });

  // The seeded fault plan of chaos runs: set (replacing any), read its counts, pause, remove.
  router.add('GET', '/__sandbox/fault-plan', () => json(200, sandbox.faultPlan?.summary() ?? null));
  router.add('POST', '/__sandbox/fault-plan', ({ req }) => {
    const input = parse(faultPlanInput, req);
    if (!input.ok) return input.response;
    sandbox.faultPlan = new FaultPlan(input.value);
    return json(200, sandbox.faultPlan.summary());
  });
  router.add('POST', '/__sandbox/fault-plan/pause', ({ req }) => {
    const input = parse(z.object({ paused: z.boolean() }).strict(), req);
    if (!input.ok) return input.response;
    if (!sandbox.faultPlan) return json(404, { error: 'no_fault_plan' });
    sandbox.faultPlan.paused = input.value.paused;
    return json(200, sandbox.faultPlan.summary());
  });
  router.add('DELETE', '/__sandbox/fault-plan', () => {
    const last = sandbox.faultPlan?.summary() ?? null;
    sandbox.faultPlan = null;
    return json(200, last);
  });

  router.add('POST', '/__sandbox/expire-tokens', () => {
    sandbox.tokens.expireAllAccessTokens(sandbox.now());
    return json(200, { status: 'expired' });
  });

  router.add('GET', '/__sandbox/log', () =>
    json(200, {
      entries: sandbox.log.entries,
      counts: sandbox.log.counts,
      maxConcurrent: sandbox.maxConcurrent,
      creditsUsed: sandbox.creditsUsed,
    }),
  );
  router.add('DELETE', '/__sandbox/log', () => {
    sandbox.log.clear();
    sandbox.maxConcurrent = sandbox.inFlightApi;
    return json(200, { status: 'cleared' });
  });

  // A user's profile changed in Zoho's setup (an admin promotes or demotes someone): the API
  // answers the new profile from the next call on.
  router.add('POST', '/__sandbox/users/:id/profile', ({ params, req }) => {
    const input = parse(z.object({ profile: z.enum(Object.values(PROFILES).map((p) => p.name) as [string, ...string[]]) }).strict(), req);
    if (!input.ok) return input.response;
    const user = sandbox.store.user(params.id ?? '');
    if (!user) return json(404, { error: 'not_found' });
    const profile = Object.values(PROFILES).find((p) => p.name === input.value.profile)!;
    // A copy in the store's list: the seed's user objects are shared by every reset.
    const changed = { ...user, profile: { ...profile } };
    sandbox.store.users[sandbox.store.users.indexOf(user)] = changed;
    return json(200, { id: changed.id, profile: changed.profile });
  });

  // The org variables as stored (sandbox/variables.ts).
  router.add('GET', '/__sandbox/variables', () => json(200, { variables: sandbox.variables.list() }));

  router.add('GET', '/__sandbox/state', () => json(200, sandbox.tokens.snapshot(sandbox.now())));

  router.add('GET', '/__sandbox/records/:module/:id', ({ params }) => {
    const module = controlModule(params.module);
    const record = module ? sandbox.store.get(module.apiName, params.id ?? '') : undefined;
    return record ? json(200, record) : json(404, { error: 'not_found' });
  });

  router.add('GET', '/__sandbox/records/:module', ({ params, req }) => {
    const module = controlModule(params.module);
    if (!module) return json(404, { error: 'unknown_module' });
    const query = parseQuery(recordsQuery, req);
    if (!query.ok) return query.response;
    const where = (query.value.where ?? []).map((clause) => {
      const at = clause.indexOf(':');
      return { field: clause.slice(0, at), value: clause.slice(at + 1) };
    });
    const contains = query.value.contains?.[0];
    const records = sandbox.store
      .list(module.apiName)
      .filter((record) => where.every(({ field, value }) => fieldMatches(record[field === 'id' ? 'id' : field], value)))
      .filter((record) => contains === undefined || containsText(record, contains));
    return json(200, { count: records.length, records });
  });

  // Creates a record as the API would (same validation), as `?as=<userId>` or the signed-in user.
  router.add('POST', '/__sandbox/records/:module', ({ params, req }) => {
    const module = controlModule(params.module);
    if (!module) return json(404, { error: 'unknown_module' });
    const query = parseQuery(createAs, req);
    if (!query.ok) return query.response;
    const userId = query.value.as?.[0] ?? sandbox.config.signedInUserId;
    if (!seededUserIds.includes(userId)) return badRequest('as: not a seeded user id');
    const body = parse(z.record(z.string(), z.unknown()), req);
    if (!body.ok) return body.response;
    const user = sandbox.store.user(userId);
    if (!user) return badRequest('as: not a seeded user id');
    const result = createRecord({ store: sandbox.store, user, now: sandbox.now() }, module, body.value, 0);
    if (result.status === 'error') return json(400, { error: 'bad_request', reason: `${result.error.code}: ${result.error.message}`, zoho: result.error });
    return json(201, result.record);
  });

  router.add('DELETE', '/__sandbox/records/:module/:id', ({ params }) => {
    const module = controlModule(params.module);
    if (!module) return json(404, { error: 'unknown_module' });
    const user = sandbox.store.user(sandbox.config.signedInUserId) ?? sandbox.store.users[0];
    if (!user) return json(500, { error: 'no users' });
    const result = deleteRecord({ store: sandbox.store, user, now: sandbox.now() }, module, params.id ?? '');
    return result.status === 'success' ? json(200, { status: 'deleted', id: result.record.id }) : json(404, { error: 'not_found' });
  });

  router.add('GET', '/__sandbox/deals/:id/stage-history', ({ params }) => {
    const id = params.id ?? '';
    if (!sandbox.store.get('Deals', id)) return json(404, { error: 'not_found' });
    const history = sandbox.store.stageChanges(id).map(({ stage, changedAt, by }) => ({ stage, changedAt, by }));
    return json(200, { dealId: id, history });
  });
}

/** A module by API name (any case) or by UI tab (`Potentials`). */
function controlModule(name: string | undefined): ModuleDef | undefined {
  return moduleByApiName(name ?? '') ?? moduleByTab(name ?? '');
}

/** Query parameters as arrays per name, validated (unknown names refused). */
function parseQuery<T>(schema: z.ZodType<T>, req: SandboxRequest): { ok: true; value: T } | { ok: false; response: SandboxResponse } {
  const grouped: Record<string, string[]> = {};
  for (const [key, value] of req.url.searchParams) (grouped[key] ??= []).push(value);
  const result = schema.safeParse(grouped);
  if (!result.success) {
    const reason = result.error.issues.map((issue) => `${issue.path.join('.') || '(query)'}: ${issue.message}`).join('; ');
    return { ok: false, response: badRequest(reason) };
  }
  return { ok: true, value: result.data };
}

/** `Field:value` matching: strings exactly, numbers and booleans by text, lookups by id or name. */
function fieldMatches(value: unknown, wanted: string): boolean {
  if (value === null || value === undefined) return wanted === '' || wanted === 'null';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value) === wanted;
  if (typeof value === 'object' && !Array.isArray(value)) {
    const { id, name } = value as { id?: unknown; name?: unknown };
    return id === wanted || name === wanted;
  }
  return false;
}

function containsText(value: unknown, text: string): boolean {
  if (typeof value === 'string') return value.includes(text);
  if (Array.isArray(value)) return value.some((item) => containsText(item, text));
  if (typeof value === 'object' && value !== null) return Object.values(value).some((item) => containsText(item, text));
  return false;
}
