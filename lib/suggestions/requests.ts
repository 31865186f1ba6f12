// Stage suggestions: the deal's card, the decision on it, asking for approval, follow-up tasks,
// the AI's second opinion, and the options page's dry run and AI key.
import { z } from 'zod';
import { answers } from '../messaging/define';
import { recordId } from '../records/requests';
import type { OutboxItem } from '../sync/types';
import type { AiKeyStatus, AiOutcome, ContactDeal, ContactDealSuggestion, DealSuggestionView, DecisionResult, DryRunView, RequestApprovalResult, UndoResult } from './views';

const stage = z.string().trim().min(1).max(120);
const evidence = z.array(z.string().max(200)).max(100);
const comment = z.string().max(2_000).optional();

export const suggestionRequests = {
  dealSuggestion: answers<DealSuggestionView>()(z.object({ dealId: recordId }).strict(), 'panelRecord'),
  // The SHA-256 of the body the panel showed: only that body is sent (lib/suggestions/service.ts askAi).
  askAi: answers<AiOutcome>()(z.object({ dealId: recordId, requestHash: z.string().regex(/^[0-9a-f]{64}$/) }).strict(), 'panelRecord'),
  decideSuggestion: answers<DecisionResult>()(
    z
      .object({
        dealId: recordId,
        decision: z.enum(['approve', 'reject']),
        target: stage,
        basis: z.enum(['rules', 'model', 'edited']),
        evidence,
        comment,
        addNote: z.boolean().optional(),
      })
      .strict(),
    'panelRecord',
  ),
  // Undo an approval made moments ago: the deal back from `from` (the approved stage) to `to` (where it was).
  undoStageChange: answers<UndoResult>()(z.object({ dealId: recordId, from: stage, to: stage }).strict(), 'panelRecord'),
  requestApproval: answers<RequestApprovalResult>()(z.object({ dealId: recordId, target: stage, evidence, comment }).strict(), 'panelRecord'),
  createFollowUp: answers<OutboxItem>()(
    z
      .object({
        dealId: recordId,
        subject: z.string().trim().min(1).max(255),
        dueDate: z.iso.date(),
        priority: z.enum(['Highest', 'High', 'Normal', 'Low', 'Lowest']),
        noteId: recordId.optional(),
      })
      .strict(),
    'panelRecord',
  ),
  contactDeals: answers<ContactDeal[]>()(z.object({ contactId: recordId }).strict(), 'panelRecord'),
  // Which of these open deals (the contact's list) the rules suggest a change for: read in bulk.
  contactDealSuggestions: answers<ContactDealSuggestion[]>()(z.object({ dealIds: z.array(recordId).min(1).max(25) }).strict(), 'panelRecord'),
  criteriaDryRun: answers<DryRunView>()(z.object({ criteria: z.string().max(100_000) }).strict(), 'extensionPage'),
  // How far the dry run running now has read: null when none runs.
  criteriaDryRunProgress: answers<{ read: number; total: number } | null>()(z.object({}).strict(), 'extensionPage'),
  aiKeyStatus: answers<AiKeyStatus>()(z.object({ baseUrl: z.string().max(2000) }).strict(), 'extensionPage'),
  saveAiKey: answers<{ aiKeySet: boolean }>()(z.object({ key: z.string().trim().max(500).regex(/^\S*$/).nullable() }).strict(), 'extensionPage'),
};
