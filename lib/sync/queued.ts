// Meetings this browser is still sending to Zoho, read from the outbox (IndexedDB, so they outlive
// a reload and a stopped service worker): the scheduling views show them where they will land and
// count their time as busy, so a queued booking is neither missing nor offered again.
import { sameOwner, type RowOwner, type StagecoachDb } from '../storage/db';

export interface QueuedEvent {
  /** The outbox item's key. */
  key: string;
  op: 'create' | 'update';
  /** The event in Zoho: an update's record, or the id a create already got (an item left by an older build); else null. */
  eventId: string | null;
  start: string;
  end: string;
  /** A create's title and venue (an update only moves). */
  title: string;
  venue: string | null;
  /** The contacts and leads a create is with: its Who_Id, What_Id and participants. */
  people: string[];
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);
/** A lookup's id (`{ id }`), else null. */
export const idOf = (value: unknown) => (value && typeof value === 'object' && 'id' in value ? String((value as { id: unknown }).id) : null);

/** The Events creates and moves of `owner` still waiting or being sent, oldest first. */
export async function queuedEvents(db: StagecoachDb, owner: RowOwner | null): Promise<QueuedEvent[]> {
  if (!owner) return [];
  const rows = await db.outbox
    .where('status')
    .anyOf('pending', 'sending')
    .filter((row) => row.module === 'Events' && (row.op === 'create' || row.op === 'update') && sameOwner(row, owner))
    .sortBy('createdAt');
  const queued: QueuedEvent[] = [];
  for (const row of rows) {
    const data = row.data ?? {};
    const start = text(data.Start_DateTime);
    const end = text(data.End_DateTime);
    if (!start || !end) continue;
    const participants = Array.isArray(data.Participants) ? (data.Participants as { participant?: unknown }[]).map((p) => text(p.participant)) : [];
    queued.push({
      key: row.key,
      op: row.op as 'create' | 'update',
      eventId: row.op === 'update' ? row.recordId : row.resultId,
      start,
      end,
      title: text(data.Event_Title) ?? '',
      venue: text(data.Venue),
      people: [idOf(data.Who_Id), idOf(data.What_Id), ...participants].filter((id): id is string => !!id),
    });
  }
  return queued;
}

/** Whether [a) and [b) overlap. */
export const overlapping = (a: { start: string; end: string }, b: { start: string; end: string }) =>
  Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end);
