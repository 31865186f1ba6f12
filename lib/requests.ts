// Every request the background answers: the domains' registries merged. A new request is added
// in its domain's `requests.ts`; this file changes only when a domain is added.
import { connectionRequests } from './connection/requests';
import { diagnosticsRequests } from './diagnostics/requests';
import { lastKnownRequests } from './lastKnown/requests';
import type { Handlers, RequestAnswer, RequestInput } from './messaging/define';
import { recordRequests } from './records/requests';
import { schedulingRequests } from './scheduling/requests';
import { settingsRequests } from './settings/requests';
import { suggestionRequests } from './suggestions/requests';
import { syncRequests } from './sync/requests';

export const REQUESTS = {
  ...connectionRequests,
  ...recordRequests,
  ...schedulingRequests,
  ...suggestionRequests,
  ...syncRequests,
  ...settingsRequests,
  ...diagnosticsRequests,
  ...lastKnownRequests,
};

export type Requests = typeof REQUESTS;
export type RequestType = keyof Requests & string;
export type RequestData<T extends RequestType> = RequestInput<Requests, T>;
export type ResponseOf<T extends RequestType> = RequestAnswer<Requests, T>;
export type AllHandlers = Handlers<Requests>;
