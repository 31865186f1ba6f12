// Who may approve a stage change: the user's profile or role as Zoho says it now (read fresh,
// see lib/settings/currentProfile) against the team's approver list (published in Zoho by an
// administrator, see lib/settings/team). Never the browser's own list, never the profile as it
// was at connect.
import type { CurrentProfile } from '../settings/currentProfile';
import type { Settings } from '../settings/schema';
import type { TeamState } from '../settings/teamStore';

export type ApprovalCheck =
  /** `as`: the profile or role that is on the list, as Zoho named it; the audit note says it. */
  | { ok: true; profile: string | null; role: string | null; as: string }
  | { ok: false; reason: 'not_listed'; profile: string | null; role: string | null }
  /** The team settings were never read on this connection: nobody knows the list, nobody approves. */
  | { ok: false; reason: 'team_unread' };

const same = (list: readonly string[], value: string | null) => value !== null && list.some((name) => name.trim().toLowerCase() === value.trim().toLowerCase());

/** The decision, pure. `approvers`: in effect (the team's, or the defaults before any is published; policy over both). */
export function checkApprover(approvers: Settings['approvers'], team: TeamState, zoho: Pick<CurrentProfile, 'profile' | 'role'>): ApprovalCheck {
  if (team.kind === 'unavailable') return { ok: false, reason: 'team_unread' };
  const { profile, role } = zoho;
  if (same(approvers.profiles, profile)) return { ok: true, profile, role, as: profile! };
  if (same(approvers.roles, role)) return { ok: true, profile, role, as: role! };
  return { ok: false, reason: 'not_listed', profile, role };
}

/** "Daniel Brooks (profile Manager, role Sales Manager)": who approved, in Zoho's words at that moment. */
export function approverLine(name: string, check: Extract<ApprovalCheck, { ok: true }>): string {
  const said = [check.profile ? `profile ${check.profile}` : null, check.role ? `role ${check.role}` : null].filter(Boolean).join(', ');
  return said ? `${name} (${said}, as Zoho said at approval)` : name;
}
