// The chaos run's oracle: what the user was told per operation against what the sandbox holds.
// Told "saved" or "will be sent": exactly once. Refused, or discarded (on the disconnect warning):
// not at all. No answer (the worker stopped under it): at most once. No two of our meetings
// overlapping for one owner; everything written by the account that was connected when the user
// did it; the outbox empty but for writes the user must decide on.
import { sandbox, type PlanSummary } from './control';
import type { HarnessFaults, Operation, OutboxView, UserKey } from './harness';

export interface Figures {
  seed: number;
  operations: number;
  byKind: Record<string, number>;
  told: Record<Operation['told'], number>;
  faults: Record<string, number>;
  apiCalls: number;
  /** Share of the API calls (while the plan ran) the sandbox faulted. */
  faultedShare: number;
  /** Sends of outbox items beyond their first (Σ attempts − 1). */
  retries: number;
  /** API calls that failed and were made again (the client's retries and the outbox's). */
  callsRetried: number;
  lost: number;
  duplicated: number;
  doubleBookings: number;
  crossAccount: number;
  /** Discarded (refused, or on the disconnect warning) yet in Zoho. */
  discardedPresent: number;
  /** Items still pending or sending in the outbox at the end, or done with their look-up for a twin still due (must be 0). */
  outboxWaiting: number;
  /** Refused items left for the user to retry or discard. */
  outboxNeedsDecision: number;
  /** Worker stopped under an operation that then gave no answer: found in Zoho (0 or 1 allowed). */
  interruptedLanded: number;
  /** Writes still waiting when the user disconnected (discarded on the popup's warning), and how many of those had landed all the same. */
  discardedAtDisconnect: number;
  discardedAtDisconnectLanded: number;
  problems: string[];
}

interface Artifact {
  module: 'Notes' | 'Events' | 'Tasks' | 'Leads';
  text: string;
  /** 'one': told saved or queued; 'none': refused or discarded; 'atMostOne': no answer. */
  expect: 'one' | 'none' | 'atMostOne';
  op: Operation;
  /** What it is (meeting, booking note, …), for the report. */
  what: string;
  /** Discarded at a disconnect while still waiting. */
  discarded?: boolean;
}

export async function check(input: {
  seed: number;
  operations: Operation[];
  outbox: OutboxView[];
  seen: Map<string, { attempts: number; status: string }>;
  plan: PlanSummary | null;
  harness: HarnessFaults;
  apiCalls: number;
  callsRetried: number;
  userIds: Record<UserKey, string>;
}): Promise<Figures> {
  const { operations, userIds } = input;
  const problems: string[] = [];
  let lost = 0;
  let duplicated = 0;
  let crossAccount = 0;
  let discardedPresent = 0;
  let interruptedLanded = 0;
  let discardedAtDisconnect = 0;
  let discardedAtDisconnectLanded = 0;

  const expectation = (op: Operation): Artifact['expect'] => {
    if (op.discardedAtDisconnect || op.told === 'refused') return 'none';
    if (op.told === 'no_answer') return 'atMostOne';
    return 'one';
  };
  const cancelOf = (booking: Operation) =>
    operations.filter((o) => o.kind === 'cancel' && o.eventOp === booking.n).map(expectation).sort((a, b) => order[a] - order[b])[0];
  const order = { one: 0, atMostOne: 1, none: 2 } as const;

  const artifacts: Artifact[] = [];
  for (const op of operations) {
    const e = expectation(op);
    // An item discarded at a disconnect while its outcome was unknown: it may have landed (at most once).
    const add = (module: Artifact['module'], text: string, what: string, expect = e) => {
      const item = op.items.find((i) => i.module === module);
      const discarded = item !== undefined && (op.discarded ?? []).includes(item.key) && expect !== 'none';
      artifacts.push({ module, text, expect: discarded ? 'atMostOne' : expect, op, what, discarded });
    };
    switch (op.kind) {
      case 'note':
        add('Notes', `Call notes ${op.tag}:`, 'note');
        break;
      case 'createLead':
        add('Leads', `${op.tag}@example.com`, 'lead');
        break;
      case 'followUp':
        add('Tasks', `Follow up ${op.tag}`, 'task');
        break;
      case 'cancel':
        add('Notes', `Cancelled ${op.tag}`, 'cancellation note');
        break;
      case 'approve':
      case 'reject':
        add('Notes', `Decided ${op.tag}`, `${op.kind} note`);
        break;
      case 'book': {
        // A meeting the user cancelled afterwards is expected gone (or, cancel unanswered, either).
        const cancel = cancelOf(op);
        const meeting: Artifact['expect'] = cancel === 'one' ? 'none' : cancel === 'atMostOne' && e === 'one' ? 'atMostOne' : e;
        add('Events', `Meeting ${op.tag}`, 'meeting', meeting);
        add('Notes', `Booked ${op.tag}`, 'booking note', op.withNote ? e : 'none');
        add('Tasks', `Prepare ${op.tag}`, 'booking task', op.withTask ? e : 'none');
        break;
      }
      case 'reschedule':
        break;
    }
  }

  const byText = new Map<string, Record<string, unknown>[]>();
  for (const module of ['Notes', 'Events', 'Tasks', 'Leads'] as const) {
    for (const record of await sandbox.records(module, `chaos${input.seed}op`)) {
      for (const artifact of artifacts.filter((a) => a.module === module && containsText(record, a.text))) {
        byText.set(`${module}|${artifact.text}`, [...(byText.get(`${module}|${artifact.text}`) ?? []), record]);
      }
    }
  }

  for (const artifact of artifacts) {
    const found = byText.get(`${artifact.module}|${artifact.text}`) ?? [];
    const { op } = artifact;
    const label = `#${op.n} ${op.user} ${op.kind} (${op.told}${op.discardedAtDisconnect ? ', discarded at disconnect' : ''}): ${artifact.what}`;
    if (found.length > 1) {
      duplicated += 1;
      problems.push(`DUPLICATED ${label}: ${found.length} in ${artifact.module}`);
    }
    if (artifact.expect === 'one' && found.length === 0) {
      lost += 1;
      problems.push(`LOST ${label}: not in ${artifact.module}`);
    }
    if (artifact.expect === 'none' && found.length > 0) {
      discardedPresent += 1;
      problems.push(`PRESENT THOUGH NOT TOLD SAVED ${label}: in ${artifact.module}`);
    }
    if (artifact.expect === 'atMostOne' && op.told === 'no_answer' && found.length === 1) interruptedLanded += 1;
    if (artifact.discarded) {
      discardedAtDisconnect += 1;
      if (found.length > 0) discardedAtDisconnectLanded += 1;
    }
    for (const record of found) {
      const by = (record.Created_By as { id?: string } | undefined)?.id;
      if (by !== userIds[op.user]) {
        crossAccount += 1;
        problems.push(`CROSS-ACCOUNT ${label}: created by ${by}, the user was ${userIds[op.user]}`);
      }
    }
  }

  // Reschedules: the meeting is where the last one the user was told about put it.
  const events = await sandbox.records('Events', `chaos${input.seed}op`);
  for (const booking of operations.filter((o) => o.kind === 'book')) {
    const moves = operations.filter((o) => o.kind === 'reschedule' && o.eventOp === booking.n && expectation(o) === 'one');
    const last = moves[moves.length - 1];
    const event = events.find((record) => containsText(record, `Meeting ${booking.tag}`));
    if (!last || !event) continue;
    const laterUnknown = operations.some((o) => o.kind === 'reschedule' && o.eventOp === booking.n && o.n > last.n && expectation(o) === 'atMostOne');
    const at = Date.parse(String(event.Start_DateTime));
    if (at !== Date.parse(last.start!) && !laterUnknown) {
      lost += 1;
      problems.push(`LOST #${last.n} reschedule of #${booking.n}: meeting starts ${String(event.Start_DateTime)}, told ${last.start}`);
    }
    const by = (event.Modified_By as { id?: string } | undefined)?.id;
    if (by && ![userIds.rep, userIds.manager].includes(by)) crossAccount += 1;
  }

  // Approvals: the stage change is in the deal's history, made by the approving user.
  const histories = new Map<string, Awaited<ReturnType<typeof sandbox.stageHistory>>>();
  for (const op of operations.filter((o) => o.kind === 'approve' && o.dealId && o.target)) {
    const history = histories.get(op.dealId!) ?? (await sandbox.stageHistory(op.dealId!));
    histories.set(op.dealId!, history);
    const rows = history.filter((row) => row.stage === op.target);
    const e = expectation(op);
    if (e === 'one' && rows.length === 0) {
      lost += 1;
      problems.push(`LOST #${op.n} approve → ${op.target}: not in the deal's stage history`);
    }
    if (rows.length > 0 && e !== 'none' && !rows.some((row) => row.by.id === userIds[op.user])) {
      crossAccount += 1;
      problems.push(`CROSS-ACCOUNT #${op.n} approve → ${op.target}: changed by ${rows.map((r) => r.by.id).join(', ')}`);
    }
  }

  // No two of our meetings overlap for one owner.
  let doubleBookings = 0;
  const byOwner = new Map<string, { start: number; end: number; title: string }[]>();
  for (const event of events) {
    const owner = (event.Owner as { id?: string } | undefined)?.id ?? '?';
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), { start: Date.parse(String(event.Start_DateTime)), end: Date.parse(String(event.End_DateTime)), title: String(event.Event_Title) }]);
  }
  for (const [owner, list] of byOwner) {
    list.sort((a, b) => a.start - b.start);
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length && list[j]!.start < list[i]!.end; j++) {
        doubleBookings += 1;
        problems.push(`DOUBLE BOOKING for ${owner}: "${list[i]!.title}" and "${list[j]!.title}"`);
      }
    }
  }

  // A done create whose look-up for a twin has not run may still have one in Zoho: duplicates are judged only after it.
  const outboxWaiting = input.outbox.filter((item) => item.status === 'pending' || item.status === 'sending' || item.twinCheckAt !== undefined);
  for (const item of outboxWaiting) problems.push(`OUTBOX still ${item.status === 'done' ? 'to be checked for a twin' : item.status}: ${item.summary} (${item.lastError?.code ?? 'no error'})`);
  const needsDecision = input.outbox.filter((item) => item.status === 'failed');
  for (const item of needsDecision) problems.push(`outbox needs a decision: ${item.summary} (${[item.lastError?.code, item.lastError?.reason, item.lastError?.zoho].filter(Boolean).join(' / ')})`);

  const byKind: Record<string, number> = {};
  for (const op of operations) byKind[op.kind] = (byKind[op.kind] ?? 0) + 1;
  const told = { ok: 0, queued: 0, refused: 0, no_answer: 0 };
  for (const op of operations) told[op.told] += 1;
  const retries = [...input.seen.values()].reduce((sum, item) => sum + Math.max(0, item.attempts - 1), 0);
  const plan = input.plan;
  return {
    seed: input.seed,
    operations: operations.length,
    byKind,
    told,
    faults: { ...(plan?.counts ?? {}), ...input.harness },
    apiCalls: input.apiCalls,
    faultedShare: plan && plan.calls > 0 ? plan.faulted / plan.calls : 0,
    retries,
    callsRetried: input.callsRetried,
    lost,
    duplicated,
    doubleBookings,
    crossAccount,
    discardedPresent,
    outboxWaiting: outboxWaiting.length,
    outboxNeedsDecision: needsDecision.length,
    interruptedLanded,
    discardedAtDisconnect,
    discardedAtDisconnectLanded,
    problems,
  };
}

function containsText(value: unknown, text: string): boolean {
  if (typeof value === 'string') return value.includes(text);
  if (Array.isArray(value)) return value.some((item) => containsText(item, text));
  if (typeof value === 'object' && value !== null) return Object.values(value).some((item) => containsText(item, text));
  return false;
}

/** The figures as the issue asks them printed. */
export function formatFigures(f: Figures): string {
  const faults = Object.entries(f.faults)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  return [
    `seed ${f.seed}: ${f.operations} operations (${Object.entries(f.byKind).map(([k, v]) => `${k} ${v}`).join(', ')})`,
    `  told: saved ${f.told.ok}, will be sent ${f.told.queued}, refused ${f.told.refused}, no answer (worker stopped) ${f.told.no_answer}`,
    `  faults injected: ${faults}; ${(f.faultedShare * 100).toFixed(1)}% of ${f.apiCalls} API calls`,
    `  retries: ${f.callsRetried} failed API calls made again; ${f.retries} outbox re-sends`,
    `  lost = ${f.lost}, duplicated = ${f.duplicated}, double bookings = ${f.doubleBookings}, cross-account writes = ${f.crossAccount}, discarded yet present = ${f.discardedPresent}`,
    `  outbox: ${f.outboxWaiting} waiting, ${f.outboxNeedsDecision} for the user to decide; unanswered operations that landed ${f.interruptedLanded}; discarded at a disconnect ${f.discardedAtDisconnect} (landed before it ${f.discardedAtDisconnectLanded})`,
    `  replay: npm run chaos -- --seed ${f.seed} --ops ${f.operations}`,
  ].join('\n');
}

export function passed(f: Figures): boolean {
  return f.lost === 0 && f.duplicated === 0 && f.doubleBookings === 0 && f.crossAccount === 0 && f.discardedPresent === 0 && f.outboxWaiting === 0;
}
