// The org self-check in the background: one read-only probe per capability the product uses,
// each at most two cheap calls, a few at a time. A probe that fails does not stop the others;
// the page's signal cancels them all. Zoho's refusals are kept with Zoho's error code (the
// client would turn them into our error), so the report can tell support exactly what Zoho said.
import pLimit from 'p-limit';
import { z } from 'zod';
import { ZOHO_SCOPES } from '../auth/oauth';
import { StagecoachError } from '../errors';
import type { Handlers } from '../messaging/define';
import { requestContext, type RequestContext, type ServiceDeps } from '../service/context';
import { STAGE_HISTORY_FIELDS, stageHistoryFacts } from '../suggestions/facts';
import { dailyCreditLimit, syncSummary } from '../sync/status';
import type { ZohoRequest } from '../zoho/client';
import { currentUserResponse, zohoErrorBody } from '../zoho/schemas';
import { zohoDateTime } from '../zoho/writes';
import type { diagnosticsRequests } from './requests';
import { classifyFailure, judgeCredits, mayApprove, missingScopes } from './judge';
import { PROBES, type OrgCheckView, type Outcome, type ProbeId, type ProbeResult, type ProbeStatus } from './types';

/** Probes at once: the check must not crowd out the panels' own calls (the client's cap is shared). */
const PROBE_CONCURRENCY = 3;
/** An address nobody has: the search must work, not find anyone. */
const SEARCH_PROBE_EMAIL = 'stagecoach-org-check@example.com';
/** Statuses Zoho refuses a read with; their body carries Zoho's code. */
const REFUSAL_STATUSES = [400, 401, 403, 404] as const;

const rows = z.object({ data: z.array(z.record(z.string(), z.unknown())) }).passthrough();
const idRows = z.object({ data: z.array(z.object({ id: z.string() }).passthrough()) }).passthrough();
const layoutsAnswer = z.object({ layouts: z.array(z.object({ id: z.string(), status: z.string().nullish() }).passthrough()) }).passthrough();
const pipelineAnswer = z
  .object({
    pipeline: z.array(
      z.object({ default: z.boolean().nullish(), maps: z.array(z.object({ _delete: z.boolean().nullish() }).passthrough()).nullish() }).passthrough(),
    ),
  })
  .passthrough();
const unavailabilityAnswer = z.object({ users_unavailability: z.array(z.unknown()) }).passthrough();

/** Zoho's refusal of a probe's call, with its code. */
class ZohoRefusal {
  constructor(readonly code: string) {}
}
const refusal = zohoErrorBody.transform((body) => new ZohoRefusal(body.code));

interface Found {
  status: ProbeStatus;
  outcome: Outcome;
  params?: string[];
}

interface Probe {
  /** One call to Zoho; a refusal is thrown as a ZohoRefusal. */
  call<S extends z.ZodType>(path: string, schema: S, init?: ZohoRequest): Promise<z.infer<S> | null>;
  /** What the report may carry; kept when the probe fails half way. */
  figures: ProbeResult['figures'];
  ctx: RequestContext;
  signal: AbortSignal | undefined;
}

export function createDiagnostics(deps: ServiceDeps) {
  const { client, db } = deps;

  const probes: Record<Exclude<ProbeId, 'credits'>, (probe: Probe) => Promise<Found>> = {
    async scopes({ ctx, figures }) {
      figures.asked = ZOHO_SCOPES.length;
      const granted = ctx.connection.grantedScopes;
      // Zoho's token answer did not say, or the connection is older than this check.
      if (!granted) return { status: 'warn', outcome: 'scopes_unknown' };
      const missing = missingScopes(granted, ZOHO_SCOPES);
      figures.covered = ZOHO_SCOPES.length - missing.length;
      if (missing.length === 0) return { status: 'pass', outcome: 'scopes_all', params: [String(ZOHO_SCOPES.length)] };
      figures.missing = missing.join(',');
      return { status: 'fail', outcome: 'scopes_missing', params: [String(missing.length), String(ZOHO_SCOPES.length), missing.join(', ')] };
    },

    async user({ call, ctx, figures }) {
      const answer = await call('/users', currentUserResponse, { query: { type: 'CurrentUser' } });
      const user = answer?.users[0];
      if (!user) throw new StagecoachError('bad_response', { reason: 'no_signed_in_user' });
      // Read fresh, as approval is judged: the profile may have changed since connecting.
      const profile = user.profile?.name ?? null;
      const role = user.role?.name ?? null;
      const approver = mayApprove(ctx.settings.approvers, profile, role);
      figures.profileKnown = profile !== null;
      figures.roleKnown = role !== null;
      figures.approver = approver;
      if (profile === null) return { status: 'warn', outcome: 'user_no_profile' };
      return approver ? { status: 'pass', outcome: 'user_approver', params: [profile] } : { status: 'pass', outcome: 'user_not_approver', params: [profile] };
    },

    async pipeline({ call, figures }) {
      const layouts = (await call('/settings/layouts', layoutsAnswer, { query: { module: 'Deals' } }))?.layouts ?? [];
      figures.layouts = layouts.length;
      const layout = layouts.find((l) => l.status !== 'inactive') ?? layouts[0];
      if (!layout) return { status: 'warn', outcome: 'pipeline_none' };
      const pipelines = (await call('/settings/pipeline', pipelineAnswer, { query: { layout_id: layout.id } }))?.pipeline ?? [];
      figures.pipelines = pipelines.length;
      const main = pipelines.find((p) => p.default) ?? pipelines[0];
      if (!main) return { status: 'warn', outcome: 'pipeline_none' };
      const stages = (main.maps ?? []).filter((stage) => !stage._delete).length;
      figures.stages = stages;
      return { status: 'pass', outcome: 'pipeline_found', params: [String(pipelines.length), String(stages)] };
    },

    async stageHistory({ call, figures }) {
      const deal = (await call('/Deals', idRows, { query: { fields: 'id', per_page: '1' } }))?.data[0];
      if (!deal) return { status: 'warn', outcome: 'history_no_deals' };
      const history = (await call(`/Deals/${deal.id}/Stage_History`, rows, { query: { fields: STAGE_HISTORY_FIELDS, per_page: '5' } }))?.data ?? [];
      figures.rows = history.length;
      // The field names Zoho answered with: the shape of this list is not in Zoho's documentation.
      figures.fields = [...new Set(history.flatMap((row) => Object.keys(row)))].sort().join(',');
      const changes = stageHistoryFacts(history);
      if (changes === null) return { status: 'warn', outcome: 'history_shape' };
      return { status: 'pass', outcome: 'history_read' };
    },

    async outOfOffice({ call, figures }) {
      const answer = await call('/settings/users_unavailability', unavailabilityAnswer);
      figures.periods = answer?.users_unavailability.length ?? 0;
      return { status: 'pass', outcome: 'ooo_read', params: [String(figures.periods)] };
    },

    async coql({ call, ctx, figures }) {
      // The shape the free times use: the owner and a datetime compared (quoting UNCONFIRMED).
      const query = `select id from Events where (Owner = '${ctx.connection.user.id}' and End_DateTime > '${zohoDateTime(deps.now())}') limit 1`;
      const answer = await call('/coql', rows, { method: 'POST', body: { select_query: query }, idempotent: true });
      figures.rows = answer?.data.length ?? 0;
      return { status: 'pass', outcome: 'coql_works' };
    },

    async search({ call, figures }) {
      const answer = await call('/Contacts/search', rows, { query: { email: SEARCH_PROBE_EMAIL } });
      figures.hits = answer?.data.length ?? 0;
      return { status: 'pass', outcome: 'search_works' };
    },
  };

  async function run(id: ProbeId, work: (probe: Probe) => Promise<Found>, ctx: RequestContext, signal: AbortSignal | undefined): Promise<ProbeResult> {
    signal?.throwIfAborted();
    const started = deps.now();
    const figures: ProbeResult['figures'] = {};
    let calls = 0;
    const call: Probe['call'] = async (path, schema, init = {}) => {
      calls += 1;
      // Each probe asks the API itself, never inside a composite call (lib/zoho/composite.ts).
      const answer = await client.request(path, z.union([schema, refusal]), { ...init, signal, acceptStatuses: REFUSAL_STATUSES, batch: false });
      if (answer instanceof ZohoRefusal) throw answer;
      return answer;
    };
    const done = (rest: Pick<ProbeResult, 'status' | 'params'> & Partial<ProbeResult>): ProbeResult => ({ id, ...rest, figures, calls, ms: deps.now() - started });
    try {
      const found = await work({ call, figures, ctx, signal });
      return done({ status: found.status, outcome: found.outcome, params: found.params ?? [] });
    } catch (error) {
      if (signal?.aborted) throw error;
      const failure = error instanceof ZohoRefusal ? classifyFailure(new StagecoachError('zoho_error'), { code: error.code }) : classifyFailure(error);
      return done({ status: 'fail', failure, params: failure.zohoCode ? [failure.zohoCode] : [] });
    }
  }

  /** Last, so it sees the credits figure Zoho sent with the other probes' answers. */
  async function credits(ctx: RequestContext): Promise<Found & { figures: ProbeResult['figures'] }> {
    const limit = dailyCreditLimit(ctx.connection.org.edition, ctx.connection.org.users);
    const { usage } = await syncSummary(db, deps.now(), limit);
    const judged = judgeCredits(usage.creditsRemaining, limit);
    return {
      ...judged,
      params: usage.creditsRemaining === null ? [] : [String(usage.creditsRemaining)],
      figures: { remaining: usage.creditsRemaining ?? 'not reported', dailyLimit: limit ?? 'unknown', callsLast24h: usage.calls24h },
    };
  }

  async function orgCheck(signal?: AbortSignal): Promise<OrgCheckView> {
    const ctx = await requestContext(deps);
    const checkedAt = deps.now();
    const limit = pLimit(PROBE_CONCURRENCY);
    const ids = PROBES.filter((id): id is Exclude<ProbeId, 'credits'> => id !== 'credits');
    const results = await Promise.all(ids.map((id) => limit(() => run(id, probes[id], ctx, signal))));
    const left = await run(
      'credits',
      async ({ figures }) => {
        const found = await credits(ctx);
        Object.assign(figures, found.figures);
        return found;
      },
      ctx,
      signal,
    );
    return {
      checkedAt,
      dataCentre: ctx.connection.dataCentre,
      edition: ctx.connection.org.edition ?? null,
      probes: [...results, left],
    };
  }

  const handlers: Handlers<typeof diagnosticsRequests> = {
    orgCheck: (_data, { signal }) => orgCheck(signal),
  };
  return { handlers };
}
