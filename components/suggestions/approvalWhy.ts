// Why the panel offers "Request approval" instead of Approve: the profile and role Zoho named just
// now against the team's list, or what could not be read (lib/suggestions/approvers.ts).
import type { DealSuggestionView } from '@/lib/suggestions/views';
import { t } from '../i18n';

export function approvalWhy(view: Pick<DealSuggestionView, 'approval'>): string {
  const why = view.approval;
  if (why?.reason === 'not_listed') return t('stage_notApprover', [why.profile ?? '–', why.role ?? '–']);
  if (why?.reason === 'team_unread') return t('stage_teamUnread');
  if (why?.reason === 'profile_unread') return t('stage_profileUnread');
  return t('stage_needsApproval');
}
