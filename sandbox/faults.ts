// A seeded fault plan for chaos runs: each API call (/crm/v8) is faulted with probability `rate`,
// the kind drawn by weight from a seeded generator, so a failing run replays from its seed. It
// sits behind the explicit, counted faults of POST /__sandbox/faults (those win when they match)
// and never touches the accounts server, the model, the web UI or the control API.
import { z } from 'zod';
import { prng } from './seed';

export const PLAN_FAULT_KINDS = ['server_error', 'too_many_requests', 'drop_before', 'drop_after', 'tokens_expired'] as const;
export type PlanFaultKind = (typeof PLAN_FAULT_KINDS)[number];

export const faultPlanInput = z
  .object({
    seed: z.number().int().min(0).max(2 ** 32 - 1),
    /** Share of API calls faulted, 0..1. */
    rate: z.number().min(0).max(1),
    /** Relative weights per kind; a kind left out is never drawn. Default: all equal. */
    weights: z.partialRecord(z.enum(PLAN_FAULT_KINDS), z.number().min(0)).optional(),
    /** Only calls whose method is one of these (default: all). */
    methods: z.array(z.string().min(1)).optional(),
  })
  .strict();
export type FaultPlanInput = z.infer<typeof faultPlanInput>;

/** What the server does to one call: the same effects as an explicit fault, plus expiring every token. */
export type PlannedFault =
  | { kind: 'server_error'; status: 500 }
  | { kind: 'too_many_requests'; status: 429 }
  | { kind: 'drop_before'; drop: 'before' }
  | { kind: 'drop_after'; drop: 'after' }
  | { kind: 'tokens_expired' };

/** The seed's generator (mulberry32): the same sequence for the same seed everywhere. */
export const seededRandom = prng;

export class FaultPlan {
  private readonly random: () => number;
  private readonly kinds: { kind: PlanFaultKind; weight: number }[];
  private readonly total: number;
  /** Paused plans fault nothing (a harness settling the outbox before it checks). */
  paused = false;
  calls = 0;
  readonly counts: Record<PlanFaultKind, number> = Object.fromEntries(PLAN_FAULT_KINDS.map((kind) => [kind, 0])) as Record<PlanFaultKind, number>;

  constructor(readonly input: FaultPlanInput) {
    this.random = seededRandom(input.seed);
    this.kinds = PLAN_FAULT_KINDS.map((kind) => ({ kind, weight: input.weights ? (input.weights[kind] ?? 0) : 1 })).filter((k) => k.weight > 0);
    this.total = this.kinds.reduce((sum, k) => sum + k.weight, 0);
  }

  /** Draws for one API call: null to let it through untouched. */
  draw(method: string): PlannedFault | null {
    if (this.paused) return null;
    if (this.input.methods && !this.input.methods.some((m) => m.toUpperCase() === method.toUpperCase())) return null;
    this.calls += 1;
    // Both numbers drawn for every call, so the sequence depends only on the number of calls.
    const hit = this.random();
    const pick = this.random() * this.total;
    if (hit >= this.input.rate || this.total === 0) return null;
    let acc = 0;
    const kind = this.kinds.find((k) => (acc += k.weight) > pick)?.kind ?? this.kinds[this.kinds.length - 1]!.kind;
    this.counts[kind] += 1;
    switch (kind) {
      case 'server_error':
        return { kind, status: 500 };
      case 'too_many_requests':
        return { kind, status: 429 };
      case 'drop_before':
        return { kind, drop: 'before' };
      case 'drop_after':
        return { kind, drop: 'after' };
      case 'tokens_expired':
        return { kind };
    }
  }

  summary() {
    const faulted = PLAN_FAULT_KINDS.reduce((sum, kind) => sum + this.counts[kind], 0);
    return { seed: this.input.seed, rate: this.input.rate, paused: this.paused, calls: this.calls, faulted, counts: { ...this.counts } };
  }
}
