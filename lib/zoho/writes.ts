// Zoho's answers to writes (201 all done, 207 some failed, 400 all failed), read record by
// record, and the idempotency marker the outbox writes into each created record.
import { z } from 'zod';
import { StagecoachError } from '../errors';

export const WRITE_MODULES = ['Events', 'Notes', 'Tasks', 'Leads', 'Contacts', 'Deals'] as const;
export type WriteModule = (typeof WRITE_MODULES)[number];

const writeItem = z.object({
  code: z.string(),
  status: z.string(),
  message: z.string().nullish(),
  details: z.record(z.string(), z.unknown()).nullish(),
});
export const writeResponse = z.object({ data: z.array(writeItem).min(1) });
export type WriteItem = z.infer<typeof writeItem>;

/** Statuses whose body still carries per-record results. */
export const WRITE_STATUSES = [200, 201, 202, 207, 400] as const;

export type WriteOutcome = { ok: true; id: string | null } | { ok: false; error: StagecoachError };

export function writeOutcome(item: WriteItem | undefined): WriteOutcome {
  if (!item) return { ok: false, error: new StagecoachError('bad_response', { reason: 'write_without_result' }) };
  if (item.status === 'success' && item.code === 'SUCCESS') {
    const id = item.details?.id;
    return { ok: true, id: typeof id === 'string' ? id : null };
  }
  // Zoho's own words, plus the field it names, verbatim: validation rules, Blueprint, permissions.
  const field = item.details?.api_name;
  const zoho = [item.message ?? item.code, typeof field === 'string' ? `(${field})` : null].filter(Boolean).join(' ');
  // The field Zoho named, apart too: a form can point at it (the booking dialog marks it).
  const issues = typeof field === 'string' && item.code ? [{ path: field, code: item.code }] : undefined;
  return { ok: false, error: new StagecoachError(item.code === 'NO_PERMISSION' ? 'no_permission' : 'zoho_error', { zoho, ...(issues ? { issues } : {}) }) };
}

/**
 * The text field each module's marker goes into: kept by Zoho, searchable with COQL `like`.
 * UNCONFIRMED that COQL filters every one of these text areas; one table to change if not.
 */
export const MARKER_FIELD: Record<WriteModule, string> = {
  Events: 'Description',
  Notes: 'Note_Content',
  Tasks: 'Description',
  Leads: 'Description',
  Contacts: 'Description',
  Deals: 'Description',
};

export const marker = (key: string) => `stagecoach:${key}`;

/** The record as created: the marker appended to its text field, on a line of its own. */
export function withMarker(module: WriteModule, data: Record<string, unknown>, key: string): Record<string, unknown> {
  const field = MARKER_FIELD[module];
  const text = typeof data[field] === 'string' && data[field] ? `${data[field] as string}\n\n` : '';
  return { ...data, [field]: `${text}${marker(key)}` };
}

/** One request of a marker look-up. */
export interface MarkerRequest {
  path: string;
  init: { method?: 'POST'; query?: Record<string, string>; body?: unknown; idempotent: true };
}

/**
 * How to find a create that may have landed, page by page: `page(n)` is the n-th request (from 1),
 * read until the marker is found or the candidates run out (`info.more_records`), at most
 * `maxPages` (past that the outbox gives up and asks the person; outbox.ts findCreated).
 *
 * COQL cannot filter Zoho's multi-line fields and only administrators may query Notes, so
 * candidates are fetched by what Zoho does allow, each with its creator (`Created_By`), and the
 * marker and the creator are confirmed here (findMarked):
 * - Notes: the parent's Notes related list. It takes page, per_page, fields and ids only (SDK
 *   GetRelatedRecordsParam; related_records.json) — no sort, so no page can be assumed to hold the
 *   newest note: every page is read. 10 pages of 200 is the 2,000 records page/per_page reach
 *   (beyond needs a page_token, which related lists do not document). Cost: one GET per 200 notes
 *   of the parent.
 * - Other modules: COQL, ordered (`Created_Time`, then `id`, so offsets are stable) and narrowed
 *   to the record's creation window (from ten minutes before it was queued, for clock skew), its
 *   owner when the payload names one, and one of its own fields (an event's start, a task's subject,
 *   a person's last name, a deal's name) when it is quote-free. Cost: one COQL call (1 credit) per
 *   200 candidates, normally one. UNCONFIRMED: that COQL's `=` on a datetime matches the value as
 *   written back (the sandbox compares instants).
 */
export function markerLookup(module: WriteModule, data: Record<string, unknown> | null, createdAt: number): { page(n: number): MarkerRequest; maxPages: number } {
  if (module === 'Notes') {
    const parent = notesParent.safeParse(data?.Parent_Id);
    if (!parent.success) throw new Error('A note in the outbox has no parent record.');
    return {
      maxPages: 10,
      page: (n) => ({
        path: `/${parent.data.module.api_name}/${parent.data.id}/Notes`,
        init: { query: { fields: 'Note_Content,Created_By', per_page: String(MARKER_PAGE), page: String(n) }, idempotent: true },
      }),
    };
  }
  const criteria = [`Created_Time >= '${zohoDateTime(createdAt - 10 * 60_000)}'`];
  const owner = lookupId.safeParse(data?.Owner);
  if (owner.success) criteria.push(`Owner = '${owner.data.id}'`);
  const own = OWN_FIELD[module];
  const value = data?.[own];
  if (typeof value === 'string' && value && value.length <= 255 && !/['\\\n\r]/.test(value)) criteria.push(`${own} = '${value}'`);
  // COQL takes at most two criteria per bracket: ((a and b) and c).
  const where = criteria.reduce((all, next) => `(${all} and ${next})`);
  return {
    // 50 pages of 200: the first 10,000 candidates, as far as COQL offsets reach in every version.
    maxPages: 50,
    page: (n) => ({
      path: '/coql',
      init: {
        method: 'POST',
        body: { select_query: `select id, ${MARKER_FIELD[module]}, Created_By from ${module} where ${where} order by Created_Time asc, id asc limit ${MARKER_PAGE} offset ${(n - 1) * MARKER_PAGE}` },
        idempotent: true,
      },
    }),
  };
}

/** Candidates per look-up request: Zoho's largest page, and COQL's default limit. */
export const MARKER_PAGE = 200;

/** The record's own field a COQL look-up narrows by (it is in the payload the outbox sends). */
const OWN_FIELD: Record<Exclude<WriteModule, 'Notes'>, string> = {
  Events: 'Start_DateTime',
  Tasks: 'Subject',
  Leads: 'Last_Name',
  Contacts: 'Last_Name',
  Deals: 'Deal_Name',
};

const lookupId = z.object({ id: z.string().regex(/^\d+$/) }).passthrough();
const notesParent = z.object({ module: z.object({ api_name: z.string().regex(/^[A-Za-z_]+$/) }), id: z.string().regex(/^\d+$/) });

export const markerCandidates = z.object({
  data: z.array(z.object({ id: z.string() }).catchall(z.unknown())),
  info: z.object({ more_records: z.boolean().nullish() }).passthrough().nullish(),
});

/** Whether a look-up page says more candidates follow (without `info`, a full page says so). */
export function moreCandidates(candidates: z.infer<typeof markerCandidates> | null): boolean {
  if (!candidates) return false;
  return candidates.info?.more_records ?? candidates.data.length >= MARKER_PAGE;
}

/**
 * The ids of the candidates this create made (normally none or one): a line of the marker field is
 * exactly the item's marker line, and the record was created by `creatorId`, the connected user who
 * sent it. The marker quoted in a sentence, with characters added, or in someone else's record is
 * not ours: the outbox deletes all but one of what this finds, so a look-alike must never match.
 * A line is compared without the whitespace around it (Zoho may store `\r\n`).
 */
export function findMarked(module: WriteModule, key: string, creatorId: string, candidates: z.infer<typeof markerCandidates> | null): string[] {
  const field = MARKER_FIELD[module];
  const line = marker(key);
  return (candidates?.data ?? [])
    .filter((row) => {
      const text = row[field];
      const creator = createdBy.safeParse(row.Created_By);
      return typeof text === 'string' && text.split('\n').some((each) => each.trim() === line) && creator.success && creator.data.id === creatorId;
    })
    .map((row) => row.id);
}

/** `Created_By` as Zoho lists it: `{name, id, email}` in related lists, `{id}` in COQL. */
const createdBy = z.object({ id: z.string() }).passthrough();

/** ISO 8601 to the second with an offset, as Zoho's datetime criteria expect. */
export function zohoDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}
