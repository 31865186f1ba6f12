// An approval request is a Zoho Task for the deal owner's manager, linked to the deal (What_Id).
// It is the only place the request is kept, so the panel reads it back from Zoho: an open Task
// with this subject on the deal (its Status not "Completed") is a pending request — shown to the
// rep ("Approval requested") and the manager ("Requested by Priya Shah, 2 h ago"), and a second
// one for the same stage is refused. When the manager decides, the Task is completed.
//
// The Task's words are read by people in Zoho (English, the org's language of record, like the
// audit notes), and read back here: the subject names the target stage after its last arrow, the
// description's first line the person who asked.
import type { ApprovalRequestView } from './views';

export const APPROVAL_SUBJECT_PREFIX = 'Approve stage change: ';
const ARROW = ' → ';
const ASKS = ' asks to move “';
/** Zoho's Task statuses: a completed request is no longer pending. */
const CLOSED_STATUS = 'Completed';

/** The Task's subject (Zoho's Subject holds 255 characters: the deal's name gives way, not the stage). */
export function approvalSubject(dealName: string, target: string): string {
  const tail = `${ARROW}${target}`;
  const room = 255 - APPROVAL_SUBJECT_PREFIX.length - tail.length;
  const name = dealName.length > room ? `${dealName.slice(0, Math.max(0, room - 1))}…` : dealName;
  return `${APPROVAL_SUBJECT_PREFIX}${name}${tail}`;
}

/** The description's first line: who asks, for which deal, from and to which stage. */
export function approvalFirstLine(requester: string, dealName: string, from: string, target: string): string {
  return `${requester}${ASKS}${dealName}” from ${from} to ${target}.`;
}

type Row = Record<string, unknown>;
const idOf = (value: unknown): string | null => {
  if (typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string') return (value as { id: string }).id;
  return null;
};
const nameOf = (value: unknown): string | null => {
  if (typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string') return (value as { name: string }).name || null;
  return null;
};

/** The target stage a request's subject names, or null when the Task is not a request. */
export function requestTarget(subject: unknown): string | null {
  if (typeof subject !== 'string' || !subject.startsWith(APPROVAL_SUBJECT_PREFIX)) return null;
  const at = subject.lastIndexOf(ARROW);
  if (at < APPROVAL_SUBJECT_PREFIX.length) return null;
  const target = subject.slice(at + ARROW.length).trim();
  return target || null;
}

/** Who asked, from the description's first line ("Priya Shah asks to move …"). */
export function requesterOf(description: unknown): string | null {
  if (typeof description !== 'string') return null;
  const first = description.split('\n', 1)[0] ?? '';
  const at = first.indexOf(ASKS);
  return at > 0 ? first.slice(0, at).trim().slice(0, 200) || null : null;
}

/**
 * A Task row (COQL or a Get Records answer) as a pending request, or null: not a request, or
 * already completed. Created_By from COQL is `{ id }` only; the name comes from the description.
 */
export function pendingRequest(row: Row): ApprovalRequestView | null {
  const target = requestTarget(row.Subject);
  if (!target) return null;
  if (row.Status === CLOSED_STATUS || (typeof row.Closed_Time === 'string' && row.Closed_Time)) return null;
  const at = typeof row.Created_Time === 'string' ? Date.parse(row.Created_Time) : Number.NaN;
  const ownerId = idOf(row.Owner);
  return {
    taskId: typeof row.id === 'string' ? row.id : String(row.id ?? '') || null,
    target,
    requestedBy: { id: idOf(row.Created_By), name: nameOf(row.Created_By) ?? requesterOf(row.Description) },
    at: Number.isNaN(at) ? null : at,
    assignee: ownerId ? { id: ownerId, name: nameOf(row.Owner) } : null,
    queued: false,
  };
}

/** What an outbox row still to be sent (a request made in this browser, not yet in Zoho) shows as. */
export function queuedRequest(row: { module: string; op: string; data: Row | null; createdAt: number }, dealId: string, by: { id: string; name: string | null }): ApprovalRequestView | null {
  if (row.module !== 'Tasks' || row.op !== 'create' || !row.data) return null;
  if (idOf(row.data.What_Id) !== dealId) return null;
  const target = requestTarget(row.data.Subject);
  if (!target) return null;
  const ownerId = idOf(row.data.Owner);
  return {
    taskId: null,
    target,
    requestedBy: { id: by.id, name: requesterOf(row.data.Description) ?? by.name },
    at: row.createdAt,
    assignee: ownerId ? { id: ownerId, name: null } : null,
    queued: true,
  };
}
