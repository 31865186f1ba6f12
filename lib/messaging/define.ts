// How a domain declares its requests: one entry each — its zod schema (checked at the receiver),
// who may send it, and the type of its answer. Handler inputs are inferred from the schema, so a
// request's shape is written once. Nothing here knows any domain.
import type { z } from 'zod';

/**
 * Who may send a request. Content scripts run inside Zoho's pages and send none at all; the panel
 * is an extension page (panel.html) framed on a Zoho record page, whose address names that page.
 * - `extensionPage`: the extension's own pages outside Zoho — popup, options, welcome. Anything
 *   that changes the connection or the settings, or wipes data.
 * - `panel`: those, and the panel on any Zoho page (the connection's state, the settings as read).
 * - `panelRecord`: the panel only, and only on a page of the connected org (not another org's, not
 *   a CRM sandbox org's): reads and writes about the page's record.
 */
export type RequestOrigin = 'extensionPage' | 'panel' | 'panelRecord';

export interface RequestSpec<S extends z.ZodType = z.ZodType, A = unknown> {
  schema: S;
  from: RequestOrigin;
  /** Never set: carries the answer's type for the messenger and the handlers. */
  readonly answer?: A;
}

/** `answers<ConnectionStatus>()(schema, 'extensionPage')`: a request whose answer is a ConnectionStatus. */
export function answers<A>() {
  return <S extends z.ZodType>(schema: S, from: RequestOrigin): RequestSpec<S, A> => ({ schema, from });
}

/** The router's own message: abort the request with this id. Not a domain request. */
export const CANCEL = '$cancel';

export type Registry = Record<string, RequestSpec>;
export type RequestInput<R extends Registry, K extends keyof R> = z.output<R[K]['schema']>;
export type RequestAnswer<R extends Registry, K extends keyof R> = R[K] extends RequestSpec<z.ZodType, infer A> ? A : never;

/** The parts of runtime.MessageSender we read; all are set by the browser, not the sender. */
export interface Sender {
  id?: string;
  url?: string;
  tab?: unknown;
  /** 0 for a tab's top frame; the panel is always a sub-frame. */
  frameId?: number;
}

/** Which of the extension's pages sent a request, as the router found: popup, options or welcome; the panel. */
export type SenderKind = 'settingsPage' | 'panel';

/** What a handler gets beside its input: who sent it, and a signal that aborts when the sender cancels. */
export interface HandlerContext {
  sender?: Sender;
  /** The sender's kind (the router's finding; absent where no router asked, as in tests of a service alone). */
  from?: SenderKind;
  signal?: AbortSignal;
}

export type Handlers<R extends Registry> = {
  [K in keyof R]: (data: RequestInput<R, K>, context: HandlerContext) => Promise<RequestAnswer<R, K>>;
};
