// The chaos run: a seeded sequence of user operations (book, cancel, reschedule, approve, reject,
// note, follow-up task, create lead) over several records and two users, sent to the real built
// extension in real Chromium the way its panel sends them, against the sandbox with a seeded share
// of its API calls faulted (5xx, 429, connection dropped before and after the write, every token
// expired) and, between or under operations, a stopped service worker, a restarted browser and a
// disconnect/reconnect (as the same user and as the other one). It keeps what the user was told
// per operation; the oracle (oracle.ts) then reads the sandbox's store and checks it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { seededRandom } from '../../sandbox/faults';
import { SEED } from '../../sandbox/seed';
import { launchWithExtension } from '../browser';
import { sandbox } from './control';
import { check, type Figures } from './oracle';
import { ExtensionPages, type Reply } from './pages';

export type OpKind = 'book' | 'cancel' | 'reschedule' | 'approve' | 'reject' | 'note' | 'followUp' | 'createLead';
export type UserKey = 'rep' | 'manager';
/** What the user was told: saved in Zoho, will be sent, refused (with the message), or nothing (the worker stopped under it). */
export type Told = 'ok' | 'queued' | 'refused' | 'no_answer';

export interface Operation {
  n: number;
  kind: OpKind;
  user: UserKey;
  /** Unique text the operation writes into Zoho (title, note, subject, email). */
  tag: string;
  told: Told;
  message?: string;
  /** The outbox keys of what it stored (first: the main write). */
  keys: string[];
  /** Every outbox item it stored (a booking's note and task too), by module. */
  items: { key: string; module: string }[];
  /** book: the meeting; cancel/reschedule: the meeting changed. */
  eventOp?: number;
  start?: string;
  end?: string;
  /** approve: the stage asked for; the deal. */
  target?: string;
  dealId?: string;
  /** book, cancel, reschedule: the person the meeting is with. */
  person?: { module: string; id: string };
  /** book: the meeting's id once Zoho has it. */
  eventId?: string;
  /** book: a note and a follow-up task asked for with it. */
  withNote?: boolean;
  withTask?: boolean;
  /** A worker stop was fired while it ran. */
  interrupted?: boolean;
  /** Its main write was still waiting when the user disconnected: discarded on the popup's warning. */
  discardedAtDisconnect?: boolean;
  /** Keys of its items discarded so (the main write's or a booking's note or task). */
  discarded?: string[];
}

export interface ChaosOptions {
  seed: number;
  ops: number;
  /** Share of API calls the sandbox faults (default 0.2). */
  faultRate?: number;
  log?: (line: string) => void;
}

const PEOPLE = {
  rep: [
    { module: 'Contacts', id: SEED.contacts.annCarter.id },
    { module: 'Contacts', id: SEED.contacts.joannWhitfield.id },
    { module: 'Contacts', id: SEED.contacts.oliverBennett.id },
    { module: 'Leads', id: SEED.leads.marcusLee.id },
  ],
  manager: [
    { module: 'Contacts', id: SEED.contacts.chloeNguyen.id },
    { module: 'Contacts', id: SEED.contacts.deniseHolloway.id },
    { module: 'Contacts', id: SEED.contacts.marcoBianchi.id },
    { module: 'Leads', id: SEED.leads.hannahSchmidt.id },
  ],
} as const;
const DEALS = {
  rep: [SEED.deals.acmeTelematics.id, SEED.deals.acmeTraining.id, SEED.deals.harrowgateSensors.id],
  manager: [SEED.deals.koalaBayPos.id, SEED.deals.lakeshoreInventory.id, SEED.deals.copperleafWifi.id],
} as const;

// The rep may not approve (the panel shows them no Approve), so only the manager decides.
const WEIGHTS: Record<UserKey, Record<OpKind, number>> = {
  rep: { book: 24, cancel: 9, reschedule: 11, approve: 0, reject: 0, note: 24, followUp: 14, createLead: 18 },
  manager: { book: 20, cancel: 8, reschedule: 10, approve: 12, reject: 8, note: 18, followUp: 10, createLead: 14 },
};

/** Harness-level faults, by kind. */
export interface HarnessFaults {
  worker_stopped: number;
  browser_restarted: number;
  reconnected_same_user: number;
  switched_user: number;
  all_tokens_expired: number;
}

export async function runChaos(options: ChaosOptions): Promise<Figures> {
  const { seed, ops: total } = options;
  const log = options.log ?? (() => {});
  const random = seededRandom(seed ^ 0x5eed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const chance = (p: number) => random() < p;
  // Unique and no prefix of another (chaos7op1x is not in chaos7op12x).
  const tagOf = (n: number) => `chaos${seed}op${n}x`;

  await sandbox.reset();
  const profile = mkdtempSync(join(tmpdir(), 'stagecoach-chaos-'));
  const harness: HarnessFaults = { worker_stopped: 0, browser_restarted: 0, reconnected_same_user: 0, switched_user: 0, all_tokens_expired: 0 };
  const operations: Operation[] = [];
  /** Outbox items seen, by key: the most attempts each took (retries), and how they ended. */
  const seen = new Map<string, { attempts: number; status: string }>();
  let user: UserKey = 'rep';
  let context: BrowserContext | null = null;
  let pages: ExtensionPages;

  const launch = async () => {
    const launched = await launchWithExtension({ userDataDir: profile });
    context = launched.context;
    pages = new ExtensionPages(context, launched.extensionId);
  };
  // Connecting is the person's doing, not a call under test: the plan pauses for the consent dance.
  const connectAs = async (who: UserKey) => {
    await pausePlan(true);
    await sandbox.config({ signedInUserId: SEED.users[who].id });
    await pages.connect();
    user = who;
    await pausePlan(false);
  };

  // Harness faults at seeded places: at least one of each kind per run, more at random.
  const at = (from: number, to: number) => Math.floor(total * (from + random() * (to - from)));
  const restarts = new Set([at(0.2, 0.3), at(0.7, 0.8)]);
  const reconnects = new Set([at(0.35, 0.45)]);
  const switches = new Set([at(0.5, 0.6)]);
  const stops = new Set([at(0.05, 0.95)]);
  // Every access token expired at once, three times a run (the plan adds a few more).
  const expiries = new Set([at(0.1, 0.3), at(0.4, 0.6), at(0.7, 0.9)]);

  try {
    await launch();
    await connectAs('rep');
    // Every token expired is rarer than the other kinds: each costs a refresh, and Zoho mints at
    // most 10 access tokens per refresh token in 10 minutes (the sandbox too); past that every
    // call waits out the window, which is Zoho's doing, not something the product can avoid.
    await sandbox.faultPlan({ seed, rate: options.faultRate ?? 0.2, weights: { server_error: 3, too_many_requests: 3, drop_before: 3, drop_after: 3, tokens_expired: 0.15 } });

    for (let n = 0; n < total; n++) {
      if (restarts.has(n) || chance(0.005)) {
        log(`#${n} browser restart`);
        await snapshotOutbox();
        await context!.close();
        await launch();
        harness.browser_restarted += 1;
      }
      if (reconnects.has(n) || switches.has(n) || chance(0.004)) {
        const other: UserKey = user === 'rep' ? 'manager' : 'rep';
        const next = switches.has(n) ? other : user;
        log(`#${n} disconnect, connect as ${next}`);
        await settle(20_000);
        await disconnect();
        await connectAs(next);
        if (next === other) harness.switched_user += 1;
        else harness.reconnected_same_user += 1;
      }
      if (expiries.has(n)) {
        await sandbox.expireTokens();
        harness.all_tokens_expired += 1;
      }
      const kind = weighted(random, WEIGHTS[user]);
      const stop = chance(0.05) || stops.has(n) ? 20 + Math.floor(random() * 400) : null;
      const op: Operation = { n, kind, user, tag: tagOf(n), told: 'refused', keys: [], items: [] };
      operations.push(op);
      const startedAt = Date.now();
      const running = perform(op);
      if (stop !== null) {
        op.interrupted = true;
        await new Promise((r) => setTimeout(r, stop));
        await pages!.stopServiceWorker().catch((e: unknown) => log(`#${n} worker stop failed: ${String(e)}`));
        harness.worker_stopped += 1;
      }
      await running;
      // What it stored, a booking's note and task included: the items the background made meanwhile.
      if (op.told !== 'refused') {
        const endedAt = Date.now();
        op.items = (await outboxNow()).filter((item) => item.createdAt >= startedAt - 5 && item.createdAt <= endedAt + 5).map(({ key, module }) => ({ key, module }));
      }
      log(`#${n} ${user} ${op.kind} → ${op.told}${op.message ? ` (${op.message})` : ''}`);
    }

    // The end: the plan stops, and the user waits for the outbox (retrying what waits on backoff).
    await pausePlan(true);
    await settle(90_000);
    await snapshotOutbox();
    const outbox = await outboxNow();
    const plan = await sandbox.faultPlanSummary();
    const sandboxLog = await sandbox.log();
    const figures = await check({ seed, operations, outbox, seen, plan, harness, apiCalls: sandboxLog.counts.api, callsRetried: callsRetried(sandboxLog.entries), userIds: { rep: SEED.users.rep.id, manager: SEED.users.manager.id } });
    if (figures.outboxWaiting > 0) {
      // Why something still waits: the sandbox's last answers and its 429s beyond the plan's.
      const capped = sandboxLog.counts.tooManyRequests - (plan?.counts.too_many_requests ?? 0);
      figures.problems.push(`sandbox: ${capped} answers 429 from its concurrency cap, peak ${sandboxLog.maxConcurrent} in flight; last calls: ${sandboxLog.entries.slice(-12).map((e) => `${e.method} ${e.path} ${e.status}`).join(', ')}`);
    }
    return figures;
  } finally {
    await (context as BrowserContext | null)?.close().catch(() => {});
    await sandbox.clearFaultPlan().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }

  async function pausePlan(paused: boolean) {
    await sandbox.pauseFaultPlan(paused).catch(() => {});
  }

  async function outboxNow(): Promise<OutboxView[]> {
    let reply: Reply | undefined;
    for (let i = 0; i < 5; i++) {
      reply = await pages.sendFromPopup('syncStatus', {});
      if (reply?.ok) return (reply.value as { outbox: OutboxView[] }).outbox;
    }
    throw new Error(`syncStatus failed five times: ${describe(reply)}`);
  }

  async function snapshotOutbox() {
    for (const item of await outboxNow()) {
      const before = seen.get(item.key);
      seen.set(item.key, { attempts: Math.max(before?.attempts ?? 0, item.attempts), status: item.status });
    }
  }

  /**
   * Waits until nothing is pending or sending and no done create still has its look-up for a twin
   * due (duplicates are judged after it), pressing Retry on what waits on backoff (a check: runs it now).
   */
  async function settle(timeoutMs: number) {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const waiting = (await outboxNow()).filter((item) => item.status === 'pending' || item.status === 'sending' || item.twinCheckAt !== undefined);
      if (waiting.length === 0 || Date.now() > end) return;
      for (const item of waiting.filter((w) => w.status !== 'sending')) await pages.sendFromPopup('outboxRetry', { key: item.key });
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }

  async function disconnect() {
    await snapshotOutbox();
    const left = (await outboxNow()).filter((item) => item.status !== 'done');
    // The popup warns ("N writes have not reached Zoho yet. Disconnecting discards them.") and the user goes on.
    for (const op of operations) {
      const gone = [...op.keys, ...op.items.map((i) => i.key)].filter((key) => left.some((item) => item.key === key && item.status !== 'failed'));
      if (gone.length === 0) continue;
      op.discarded = [...new Set([...(op.discarded ?? []), ...gone])];
      if (op.keys[0] && gone.includes(op.keys[0])) op.discardedAtDisconnect = true;
    }
    // A refused write the user chose to leave: discarded with the rest.
    for (const op of operations) if (op.keys.some((key) => left.some((item) => item.key === key && item.status === 'failed'))) op.told = 'refused';
    const reply = await pages.sendFromPopup('disconnect', {});
    if (!reply?.ok) throw new Error(`disconnect failed: ${JSON.stringify(reply)}`);
  }

  async function perform(op: Operation): Promise<void> {
    const who = op.user;
    switch (op.kind) {
      case 'note': {
        const person = pick(PEOPLE[who]);
        return answer(op, await pages.send('addNote', { module: person.module, recordId: person.id, content: `Call notes ${op.tag}: agreed next steps.` }));
      }
      case 'createLead':
        return answer(op, await pages.send('createPerson', { email: `${op.tag}@example.com`, firstName: 'Chaos', lastName: op.tag, company: 'Chaos Ltd' }));
      case 'followUp': {
        const dealId = pick(DEALS[who]);
        op.dealId = dealId;
        return answer(op, await pages.send('createFollowUp', { dealId, subject: `Follow up ${op.tag}`, dueDate: dayAfter(3), priority: 'Normal' }));
      }
      case 'book': {
        const person = pick(PEOPLE[who]);
        op.person = person;
        const slot = await freeSlot(person);
        if (!slot.ok) return refuse(op, slot.message);
        op.start = slot.start;
        op.end = slot.end;
        op.withNote = chance(0.3);
        op.withTask = chance(0.3);
        const note = op.withNote ? `Booked ${op.tag}` : undefined;
        const followUp = op.withTask ? { subject: `Prepare ${op.tag}`, dueDate: dayAfter(1) } : undefined;
        return answer(
          op,
          await pages.send('bookMeeting', {
            module: person.module,
            recordId: person.id,
            start: slot.start,
            end: slot.end,
            title: `Meeting ${op.tag}`,
            sendInvitation: false,
            ...(note ? { note } : {}),
            ...(followUp ? { followUp } : {}),
          }),
        );
      }
      case 'cancel':
      case 'reschedule': {
        // One of this user's meetings booked here that is in Zoho by now (the panel lists it).
        const sent = new Map((await outboxNow()).filter((item) => item.status === 'done' && item.resultId).map((item) => [item.key, item.resultId!]));
        for (const o of operations) if (o.kind === 'book' && !o.eventId && o.keys[0] && sent.has(o.keys[0])) o.eventId = sent.get(o.keys[0]);
        const candidates = operations.filter((o) => o.kind === 'book' && o.user === who && o.eventId && !o.discardedAtDisconnect && !cancelled(o.n));
        if (candidates.length === 0) {
          // Nothing to change yet: the user writes a note instead.
          op.kind = 'note';
          return perform(op);
        }
        const booking = pick(candidates);
        const eventId = booking.eventId!;
        op.eventOp = booking.n;
        const person = booking.person!;
        op.person = person;
        if (op.kind === 'cancel') {
          return answer(op, await pages.send('cancelMeeting', { module: person.module, recordId: person.id, eventId, title: `Meeting ${booking.tag}`, note: `Cancelled ${op.tag}` }));
        }
        const slot = await freeSlot(person);
        if (!slot.ok) return refuse(op, slot.message);
        op.start = slot.start;
        op.end = slot.end;
        return answer(op, await pages.send('rescheduleMeeting', { module: person.module, recordId: person.id, eventId, title: `Meeting ${booking.tag}`, start: slot.start, end: slot.end }));
      }
      case 'approve':
      case 'reject': {
        const dealId = pick(DEALS[who]);
        op.dealId = dealId;
        const view = await pages.send('dealSuggestion', { dealId });
        if (!view?.ok) return refuse(op, describe(view));
        const { deal, pipeline } = view.value as { deal: { stage: string }; pipeline: { stages: { name: string }[] } };
        const others = pipeline.stages.map((s) => s.name).filter((name) => name !== deal.stage);
        op.target = pick(others);
        return answer(
          op,
          await pages.send('decideSuggestion', {
            dealId,
            decision: op.kind,
            target: op.target,
            basis: 'edited',
            evidence: [],
            comment: `Decided ${op.tag}`,
            ...(op.kind === 'reject' ? { addNote: true } : {}),
          }),
        );
      }
    }
  }

  function cancelled(bookingN: number): boolean {
    return operations.some((o) => o.kind === 'cancel' && o.eventOp === bookingN && (o.told === 'ok' || o.told === 'queued' || o.told === 'no_answer'));
  }

  async function freeSlot(person: { module: string; id: string }): Promise<{ ok: true; start: string; end: string } | { ok: false; message: string }> {
    const reply = await pages.send('freeSlots', { module: person.module, recordId: person.id });
    if (!reply?.ok) return { ok: false, message: `free times: ${describe(reply)}` };
    const { slots } = reply.value as { slots: { start: string; end: string }[] };
    if (slots.length === 0) return { ok: false, message: 'no free time' };
    return { ok: true, ...pick(slots.slice(0, 60)) };
  }

  function refuse(op: Operation, message: string) {
    op.told = 'refused';
    op.message = message;
  }

  function answer(op: Operation, reply: Reply | undefined) {
    if (!reply) {
      op.told = 'no_answer';
      return;
    }
    if (!reply.ok) return refuse(op, describe(reply));
    const value = reply.value as Record<string, unknown>;
    // A decision answers its stage change and note; everything else one outbox item.
    const items = ('decision' in value ? [value.stage, value.note] : [value]).filter(Boolean) as OutboxView[];
    op.keys = items.map((item) => item.key);
    const first = items[0];
    if (!first) {
      op.told = 'ok';
      return;
    }
    if (op.kind === 'book' && first.status === 'done' && first.resultId) op.eventId = first.resultId;
    op.told = first.status === 'done' ? 'ok' : first.status === 'failed' ? 'refused' : 'queued';
    if (first.status === 'failed') op.message = describe({ ok: false, error: first.lastError ?? undefined });
  }
}

export interface OutboxView {
  key: string;
  op: string;
  module: string;
  summary: string;
  status: 'pending' | 'sending' | 'failed' | 'done';
  attempts: number;
  createdAt: number;
  lastError: { code: string; reason?: string; zoho?: string } | null;
  resultId: string | null;
  /** A done create whose look-up for a twin is still due. */
  twinCheckAt?: number;
}

function describe(reply: Reply | undefined): string {
  if (!reply) return 'no answer';
  const e = reply.error;
  return e ? [e.code, e.reason, e.zoho, e.detail].filter(Boolean).join(' / ') : 'ok';
}

/** API calls that failed (dropped, 429, 5xx, expired token) and were made again afterwards. */
function callsRetried(entries: { method: string; path: string; status: number }[]): number {
  const api = entries.filter((e) => e.path.startsWith('/crm/v8'));
  return api.filter((e, i) => (e.status === 0 || e.status === 429 || e.status === 401 || e.status >= 500) && api.slice(i + 1).some((later) => later.method === e.method && later.path === e.path)).length;
}

function weighted<K extends string>(random: () => number, weights: Record<K, number>): K {
  const entries = Object.entries(weights) as [K, number][];
  let roll = random() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [kind, weight] of entries) if ((roll -= weight) < 0) return kind;
  return entries[entries.length - 1]![0];
}

function dayAfter(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
