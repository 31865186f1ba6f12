// Control API for tests and demos under /__sandbox/ (JSON, no auth, never logged or faulted).
import { z } from 'zod';
import { configPatch } from './config';
import { json, parseJsonBody, type Router, type SandboxRequest, type SandboxResponse } from './http';
import type { SandboxState } from './state';
import { moduleByApiName, moduleByTab } from './store';

const faultInput = z
  .object({
    match: z.object({ method: z.string().min(1).optional(), path: z.string().min(1).optional() }).strict().optional(),
    count: z.number().int().min(1),
    status: z.number().int().min(100).max(599).optional(),
    body: z.unknown().optional(),
    drop: z.enum(['before', 'after']).optional(),
  })
  .strict()
  .refine((fault) => fault.status !== undefined || fault.drop !== undefined, { message: 'a fault needs a status or a drop' });

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
  router.add('POST', '/__sandbox/reset', () => {
    sandbox.reset();
    return json(200, { status: 'reset', config: sandbox.config });
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

  router.add('GET', '/__sandbox/state', () => json(200, sandbox.tokens.snapshot(sandbox.now())));

  router.add('GET', '/__sandbox/records/:module/:id', ({ params }) => {
    const module = moduleByApiName(params.module ?? '') ?? moduleByTab(params.module ?? '');
    const record = module ? sandbox.store.get(module.apiName, params.id ?? '') : undefined;
    return record ? json(200, record) : json(404, { error: 'not_found' });
  });
}
