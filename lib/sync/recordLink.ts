// Where a refused write can be fixed: the Zoho record page it was about (the person a meeting or
// task was with, a note's parent, the record an update changed), for the popup's "Open the record
// to fix". A refused write would be refused again as it is: the person fixes it there.
import type { ConnectionRow, OutboxRow } from '../storage/db';
import { DATA_CENTRES } from '../zoho/dataCentres';
import { recordPageUrl } from '../zoho/url';
import { idOf } from './queued';

/** The record a write was about, as module and id; null for a create of a person (nothing to open yet). */
export function recordOfWrite(row: Pick<OutboxRow, 'op' | 'module' | 'recordId' | 'data'>): { module: string; recordId: string } | null {
  if (row.op !== 'create') return row.recordId ? { module: row.module, recordId: row.recordId } : null;
  const data = row.data ?? {};
  if (row.module === 'Notes') {
    const parent = data.Parent_Id as { module?: { api_name?: unknown }; id?: unknown } | undefined;
    return typeof parent?.module?.api_name === 'string' && parent.id !== undefined ? { module: parent.module.api_name, recordId: String(parent.id) } : null;
  }
  if (row.module === 'Events' || row.module === 'Tasks') {
    const who = idOf(data.Who_Id);
    if (who) return { module: 'Contacts', recordId: who };
    const what = idOf(data.What_Id);
    return what && typeof data.$se_module === 'string' ? { module: data.$se_module, recordId: what } : null;
  }
  return null;
}

/**
 * The record's page in Zoho's web UI for this connection: the DC's CRM host; a connection whose
 * API is not a DC's (the local sandbox serves its pages beside its API) links to its API's origin.
 */
export function recordLink(row: Pick<OutboxRow, 'op' | 'module' | 'recordId' | 'data'>, connection: Pick<ConnectionRow, 'dataCentre' | 'apiDomain' | 'org'> | undefined): string | null {
  const record = recordOfWrite(row);
  if (!record || !connection) return null;
  const dc = DATA_CENTRES[connection.dataCentre];
  const origin = dc && dc.api === connection.apiDomain ? `https://${dc.crmHost}` : connection.apiDomain;
  try {
    return recordPageUrl(origin, { module: record.module, recordId: record.recordId, orgId: connection.org.zgid });
  } catch {
    return null;
  }
}
