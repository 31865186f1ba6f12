// The sandbox's control API as the chaos runs use it: the e2e tests' calls plus the fault plan.
import { sandbox as base, call } from '../e2e/sandbox-control';

export interface PlanSummary {
  seed: number;
  rate: number;
  paused: boolean;
  calls: number;
  faulted: number;
  counts: Record<'server_error' | 'too_many_requests' | 'drop_before' | 'drop_after' | 'tokens_expired', number>;
}

export const sandbox = {
  ...base,
  faultPlan: (plan: { seed: number; rate: number; weights?: Record<string, number>; methods?: string[] }) => call<PlanSummary>('POST', '/__sandbox/fault-plan', plan),
  faultPlanSummary: () => call<PlanSummary | null>('GET', '/__sandbox/fault-plan'),
  pauseFaultPlan: (paused: boolean) => call<PlanSummary>('POST', '/__sandbox/fault-plan/pause', { paused }),
  clearFaultPlan: () => call<PlanSummary | null>('DELETE', '/__sandbox/fault-plan'),
  records: async (module: string, contains: string) =>
    (await call<{ records: Record<string, unknown>[] }>('GET', `/__sandbox/records/${module}?contains=${encodeURIComponent(contains)}`)).records,
  stageHistory: async (dealId: string) =>
    (await call<{ history: { stage: string; changedAt: string; by: { id: string; name: string } }[] }>('GET', `/__sandbox/deals/${dealId}/stage-history`)).history,
};
