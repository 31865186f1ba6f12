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
  return { ok: false, error: new StagecoachError(item.code === 'NO_PERMISSION' ? 'no_permission' : 'zoho_error', { zoho }) };
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

/**
 * How to find a create that may have landed. COQL cannot filter Zoho's multi-line fields and
 * only administrators may query Notes, so candidates are fetched by what COQL does allow (a
 * note's parent, a creation-time window) and the marker is confirmed here.
 */
export function markerLookup(
  module: WriteModule,
  data: Record<string, unknown> | null,
  createdAt: number,
): { path: string; init: { method?: 'POST'; query?: Record<string, string>; body?: unknown; idempotent: true } } {
  if (module === 'Notes') {
    const parent = notesParent.safeParse(data?.Parent_Id);
    if (!parent.success) throw new Error('A note in the outbox has no parent record.');
    return {
      path: `/${parent.data.module.api_name}/${parent.data.id}/Notes`,
      init: { query: { fields: 'Note_Content', per_page: '200', sort_by: 'Created_Time', sort_order: 'desc' }, idempotent: true },
    };
  }
  // Ten minutes of slack for clock differences between this computer and Zoho.
  const since = zohoDateTime(createdAt - 10 * 60_000);
  return {
    path: '/coql',
    init: {
      method: 'POST',
      body: { select_query: `select id, ${MARKER_FIELD[module]} from ${module} where Created_Time >= '${since}' limit 200` },
      idempotent: true,
    },
  };
}

const notesParent = z.object({ module: z.object({ api_name: z.string().regex(/^[A-Za-z_]+$/) }), id: z.string().regex(/^\d+$/) });

export const markerCandidates = z.object({ data: z.array(z.object({ id: z.string() }).catchall(z.unknown())) });

/** The ids of the candidates whose marker field carries `key` (normally none or one). */
export function findMarked(module: WriteModule, key: string, candidates: z.infer<typeof markerCandidates> | null): string[] {
  const field = MARKER_FIELD[module];
  return (candidates?.data ?? []).filter((row) => typeof row[field] === 'string' && (row[field] as string).includes(marker(key))).map((row) => row.id);
}

/** ISO 8601 to the second with an offset, as Zoho's datetime criteria expect. */
export function zohoDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}
