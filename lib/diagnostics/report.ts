// The org check as plain text for an administrator to send to support. Made only from what the
// check measured (statuses, outcomes, codes, counts, scope and field names): never from the
// page's parameters, which may name the person's profile. A last pass masks anything shaped like
// an email address or a record id, in case a figure ever carries one.
import type { OrgCheckView, ProbeResult } from './types';

export interface ReportMeta {
  /** The extension's version (from its manifest). */
  version: string;
  /** Whether the build talks to the local sandbox instead of Zoho. */
  sandbox?: boolean;
}

const EMAIL = /[^\s@=;,()]+@[^\s@=;,()]+\.[^\s@=;,()]+/g;
/** Zoho's record and user ids are long digit strings (often 19 digits). */
const LONG_ID = /\d{10,}/g;

export function maskPersonal(text: string): string {
  return text.replace(EMAIL, '[email]').replace(LONG_ID, '[id]');
}

function value(v: string | number | boolean): string {
  const text = String(v);
  return /[\s;=]/.test(text) || text === '' ? JSON.stringify(text) : text;
}

export function probeLine(probe: ProbeResult): string {
  const parts: string[] = [probe.failure ? probe.failure.kind : (probe.outcome ?? 'unknown')];
  if (probe.failure) {
    parts.push(`code=${probe.failure.code}`);
    if (probe.failure.zohoCode) parts.push(`zoho=${probe.failure.zohoCode}`);
    if (probe.failure.httpStatus !== undefined) parts.push(`http=${probe.failure.httpStatus}`);
  }
  for (const [name, figure] of Object.entries(probe.figures)) parts.push(`${name}=${value(figure)}`);
  const calls = `${probe.calls} ${probe.calls === 1 ? 'call' : 'calls'}, ${Math.round(probe.ms)} ms`;
  return `[${probe.status.toUpperCase()}] ${probe.id}: ${parts.join(' ')} (${calls})`;
}

export function formatReport(view: OrgCheckView, meta: ReportMeta): string {
  const count = (status: string) => view.probes.filter((probe) => probe.status === status).length;
  const lines = [
    'Stagecoach for Zoho CRM: org check',
    `Extension version: ${meta.version}`,
    `Checked at: ${new Date(view.checkedAt).toISOString()}`,
    `Data centre: ${view.dataCentre}${meta.sandbox ? ' (sandbox build)' : ''}`,
    `Edition: ${view.edition ?? 'unknown'}`,
    `Result: ${count('pass')} pass, ${count('warn')} warn, ${count('fail')} fail`,
    '',
    ...view.probes.map(probeLine),
    '',
    'No names, email addresses, record ids or tokens are in this report.',
  ];
  return maskPersonal(lines.join('\n'));
}
