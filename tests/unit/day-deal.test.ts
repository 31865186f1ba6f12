// Issue 15, the deal side, in Node against the sandbox: an approval request is read back from
// Zoho (its Task) for the rep and the manager and is not made twice; a decision completes it;
// an approval can be undone for a short time, with its own note; a contact's open deals say which
// have a suggestion.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDb } from '@/lib/storage/db';
import { SEED } from '../../sandbox/seed';
import { refusal, sandboxBackground, sandboxPerTest } from './sandbox-helpers';

const sandbox = sandboxPerTest('day-deal');
const deal = SEED.deals.acmeTelematics;
let browsers = 0;

/** A browser of its own (own IndexedDB) signed in as `user`; `now` may be moved. */
async function browserOf(user: 'rep' | 'manager', now: () => number = () => Date.now()) {
  const background = sandboxBackground({ db: openDb(`day-deal-browser-${++browsers}`), origin: sandbox.url(), userId: SEED.users[user].id, now });
  await background.handlers.connect({}, {});
  return background.handlers;
}

const stageOf = async (id: string) => (await sandbox.control('GET', `/__sandbox/records/Deals/${id}`)).Stage as string;
const notesContaining = async (text: string) => (await sandbox.control('GET', `/__sandbox/records/Notes?contains=${encodeURIComponent(text)}`)).records as Record<string, unknown>[];

describe('approval requests, remembered in Zoho', () => {
  it('the rep sees the request after a reload and in another browser, and cannot send it twice', async () => {
    const rep = await browserOf('rep');
    const card = await rep.dealSuggestion({ dealId: deal.id }, {});
    expect(card.canApprove).toBe(false);
    expect(card.approvalRequests).toEqual([]);
    const target = card.suggestion!.target;
    const asked = await rep.requestApproval({ dealId: deal.id, target, evidence: card.suggestion!.evidence }, {});
    expect(asked.task.status).toBe('done');

    // The same browser reloaded, and another one (nothing kept locally there): both read it from Zoho.
    for (const handlers of [rep, await browserOf('rep')]) {
      const again = await handlers.dealSuggestion({ dealId: deal.id }, {});
      expect(again.approvalRequests).toEqual([
        expect.objectContaining({ taskId: asked.task.resultId, target, queued: false, requestedBy: expect.objectContaining({ id: SEED.users.rep.id, name: SEED.users.rep.full_name }), assignee: expect.objectContaining({ id: SEED.users.manager.id }) }),
      ]);
      expect(Math.abs(again.approvalRequests[0]!.at! - Date.now())).toBeLessThan(120_000);
      // A stale panel (or a second tab) asking again is refused by the background, which looked first.
      const second = await refusal(handlers.requestApproval({ dealId: deal.id, target, evidence: [] }, {}));
      expect(second).toMatchObject({ code: 'conflict', reason: 'approval_already_requested', params: [SEED.users.rep.full_name, target] });
    }
    const tasks = (await sandbox.control('GET', '/__sandbox/records/Tasks')).records as Array<{ Subject: string }>;
    expect(tasks.filter((task) => task.Subject.startsWith('Approve stage change:') && task.Subject.endsWith(target))).toHaveLength(1);
  });

  it('two clicks at once in one background make one request', async () => {
    const rep = await browserOf('rep');
    const card = await rep.dealSuggestion({ dealId: deal.id }, {});
    const target = card.suggestion!.target;
    const both = await Promise.allSettled([0, 1].map(() => rep.requestApproval({ dealId: deal.id, target, evidence: [] }, {})));
    expect(both.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('the manager sees who asked; approving completes the request Task, so it stops showing', async () => {
    const rep = await browserOf('rep');
    const card = await rep.dealSuggestion({ dealId: deal.id }, {});
    const target = card.suggestion!.target;
    const asked = await rep.requestApproval({ dealId: deal.id, target, evidence: [] }, {});

    const manager = await browserOf('manager');
    const seen = await manager.dealSuggestion({ dealId: deal.id }, {});
    expect(seen.canApprove).toBe(true);
    expect(seen.approvalRequests.map((r) => [r.requestedBy.name, r.target])).toEqual([[SEED.users.rep.full_name, target]]);
    await manager.decideSuggestion({ dealId: deal.id, decision: 'approve', target, basis: 'rules', evidence: seen.suggestion!.evidence }, {});
    expect(await sandbox.control('GET', `/__sandbox/records/Tasks/${asked.task.resultId}`)).toMatchObject({ Status: 'Completed' });
    expect((await manager.dealSuggestion({ dealId: deal.id }, {})).approvalRequests).toEqual([]);
    expect((await rep.dealSuggestion({ dealId: deal.id }, {})).approvalRequests).toEqual([]);
  });

  it('a rejection completes the request for the rejected stage', async () => {
    const rep = await browserOf('rep');
    const target = (await rep.dealSuggestion({ dealId: deal.id }, {})).suggestion!.target;
    const asked = await rep.requestApproval({ dealId: deal.id, target, evidence: [] }, {});
    const manager = await browserOf('manager');
    await manager.dealSuggestion({ dealId: deal.id }, {});
    await manager.decideSuggestion({ dealId: deal.id, decision: 'reject', target, basis: 'rules', evidence: [], addNote: false }, {});
    expect(await sandbox.control('GET', `/__sandbox/records/Tasks/${asked.task.resultId}`)).toMatchObject({ Status: 'Completed' });
  });
});

describe('undo after approve', () => {
  it('changes the stage back with its own audit note, within the time limit only', async () => {
    let now = Date.now();
    const manager = await browserOf('manager', () => now);
    const card = await manager.dealSuggestion({ dealId: deal.id }, {});
    const from = card.deal.stage;
    const target = card.suggestion!.target;
    await manager.decideSuggestion({ dealId: deal.id, decision: 'approve', target, basis: 'rules', evidence: card.suggestion!.evidence }, {});
    expect(await stageOf(deal.id)).toBe(target);
    // The card offers Undo (it survives a reload: it is read from this browser's decisions).
    const after = await manager.dealSuggestion({ dealId: deal.id }, {});
    expect(after.undo).toEqual({ from: target, to: from, until: expect.any(Number) });
    expect(after.undo!.until - now).toBe(30_000);

    const undone = await manager.undoStageChange({ dealId: deal.id, from: target, to: from }, {});
    expect(undone.stage.status).toBe('done');
    expect(await stageOf(deal.id)).toBe(from);
    expect(await notesContaining(`Stage changed: ${from} → ${target}`)).toHaveLength(1);
    const undoNotes = await notesContaining(`Stage change undone: ${target} → ${from}`);
    expect(undoNotes).toHaveLength(1);
    expect(String(undoNotes[0]!.Note_Content)).toContain(`Undone by: ${SEED.users.manager.full_name}`);
    expect((await manager.dealSuggestion({ dealId: deal.id }, {})).undo).toBeNull();
    // Undone once: a second Undo has nothing to undo.
    expect(await refusal(manager.undoStageChange({ dealId: deal.id, from: target, to: from }, {}))).toMatchObject({ code: 'conflict', reason: 'undo_expired' });

    // Approved again, then too late: refused, and the card no longer offers it.
    await manager.decideSuggestion({ dealId: deal.id, decision: 'approve', target, basis: 'rules', evidence: [] }, {});
    now += 60_000;
    expect((await manager.dealSuggestion({ dealId: deal.id }, {})).undo).toBeNull();
    expect(await refusal(manager.undoStageChange({ dealId: deal.id, from: target, to: from }, {}))).toMatchObject({ code: 'conflict', reason: 'undo_expired' });
    expect(await stageOf(deal.id)).toBe(target);
  });

  it('is refused to someone who may not approve, and when the deal has moved on since', async () => {
    const manager = await browserOf('manager');
    const card = await manager.dealSuggestion({ dealId: deal.id }, {});
    const from = card.deal.stage;
    const target = card.suggestion!.target;
    await manager.decideSuggestion({ dealId: deal.id, decision: 'approve', target, basis: 'rules', evidence: [] }, {});
    const rep = await browserOf('rep');
    expect(await refusal(rep.undoStageChange({ dealId: deal.id, from: target, to: from }, {}))).toMatchObject({ code: 'not_approver' });
    // Someone else moved the deal meanwhile: it is not moved back over their change.
    const other = await browserOf('manager');
    await other.dealSuggestion({ dealId: deal.id }, {});
    await other.decideSuggestion({ dealId: deal.id, decision: 'approve', target: 'Proposal/Price Quote', basis: 'edited', evidence: [] }, {});
    expect(await refusal(manager.undoStageChange({ dealId: deal.id, from: target, to: from }, {}))).toMatchObject({ code: 'conflict', reason: 'stage_changed_since' });
    expect(await stageOf(deal.id)).toBe('Proposal/Price Quote');
  });
});

describe("a contact's open deals", () => {
  it('says which have a suggestion, in one bulk read', async () => {
    const rep = await browserOf('rep');
    const deals = await rep.contactDeals({ contactId: SEED.contacts.annCarter.id }, {});
    expect(deals.length).toBeGreaterThan(0);
    const before = ((await sandbox.control('GET', '/__sandbox/log')).entries as Array<{ seq: number }>).at(-1)?.seq ?? 0;
    const marks = await rep.contactDealSuggestions({ dealIds: deals.map((d) => d.id) }, {});
    const calls = ((await sandbox.control('GET', '/__sandbox/log')).entries as Array<{ seq: number; path: string }>).filter((e) => e.seq > before && e.path.startsWith('/crm/v8'));
    // The deals in one COQL, their meetings and tasks together, notes and histories together (composite calls count once).
    expect(calls.length).toBeLessThanOrEqual(4);
    // The same answer as each deal's own card.
    for (const d of deals) {
      const card = await rep.dealSuggestion({ dealId: d.id }, {});
      expect(marks.find((mark) => mark.dealId === d.id)?.target ?? null).toBe(card.suggestion?.target ?? null);
    }
    expect(marks.some((mark) => mark.target !== null)).toBe(true);
  });
});
