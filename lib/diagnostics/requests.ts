// Diagnostics: the org self-check, for the options page only (it spends API credits).
import { z } from 'zod';
import { answers } from '../messaging/define';
import type { OrgCheckView } from './types';

export const diagnosticsRequests = {
  orgCheck: answers<OrgCheckView>()(z.object({}).strict(), 'extensionPage'),
};
