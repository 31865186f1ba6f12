// The background's door: every message is checked before any handler sees it — the sender must
// be this extension, the envelope and payload must parse, and privileged requests must come from
// an extension page. Anything else gets a typed error answer (fail closed).
import { StagecoachError } from '../errors';
import { REQUESTS, envelope, type Reply, type RequestData, type RequestType, type ResponseMap } from './protocol';

export type Handlers = { [T in RequestType]: (data: RequestData<T>, sender: Sender) => Promise<ResponseMap[T]> };

/** The parts of runtime.MessageSender we read; all are set by the browser, not the sender. */
export interface Sender {
  id?: string;
  url?: string;
  tab?: unknown;
}

/** `extensionUrl` is runtime.getURL('/'), e.g. `chrome-extension://<id>/` (with the slash). */
export function createRouter(handlers: Handlers, self: { extensionId: string; extensionUrl: string }) {
  if (!self.extensionUrl.endsWith('/')) throw new Error('extensionUrl must end with a slash');
  // URL.origin is "null" for extension schemes in some runtimes, so compare the prefix.
  const fromExtensionPage = (sender: Sender) => typeof sender.url === 'string' && sender.url.startsWith(self.extensionUrl);

  return async function route(message: unknown, sender: Sender): Promise<Reply<unknown>> {
    try {
      if (sender.id !== self.extensionId) throw new StagecoachError('forbidden_sender');
      const outer = envelope.safeParse(message);
      if (!outer.success) throw new StagecoachError('bad_message', 'Not a Stagecoach message.');
      const { type, data } = outer.data;
      if (!Object.hasOwn(REQUESTS, type)) throw new StagecoachError('bad_message', `Unknown request "${type}".`);
      const spec = REQUESTS[type as RequestType];
      if (spec.from === 'extensionPage' && !fromExtensionPage(sender)) throw new StagecoachError('forbidden_sender');
      const parsed = spec.schema.safeParse(data ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new StagecoachError('bad_message', issue ? `${issue.path.join('.') || type}: ${issue.message}` : type);
      }
      const handler = handlers[type as RequestType] as (data: unknown, sender: Sender) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data, sender) };
    } catch (error) {
      return { ok: false, error: StagecoachError.from(error).toJSON() };
    }
  };
}
