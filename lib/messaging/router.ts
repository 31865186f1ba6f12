// The background's door: every message is checked before any handler sees it — the sender must
// be this extension, the envelope and payload must parse, and privileged requests must come from
// an extension page. Anything else gets a typed error answer (fail closed). Generic over the
// registry: the domains declare their requests, this file knows none of them.
import { StagecoachError } from '../errors';
import { CANCEL, type Handlers, type Registry, type Sender } from './define';
import { cancelData, envelope, type Reply } from './envelope';

export type { Sender } from './define';

/** `extensionUrl` is runtime.getURL('/'), e.g. `chrome-extension://<id>/` (with the slash). */
export function createRouter<R extends Registry>(registry: R, handlers: Handlers<R>, self: { extensionId: string; extensionUrl: string }) {
  if (!self.extensionUrl.endsWith('/')) throw new Error('extensionUrl must end with a slash');
  // URL.origin is "null" for extension schemes in some runtimes, so compare the prefix.
  const fromExtensionPage = (sender: Sender) => typeof sender.url === 'string' && sender.url.startsWith(self.extensionUrl);
  /** Requests still running that their sender may cancel, by the id it gave them. */
  const running = new Map<string, AbortController>();

  return async function route(message: unknown, sender: Sender): Promise<Reply<unknown>> {
    let id: string | undefined;
    try {
      if (sender.id !== self.extensionId) throw new StagecoachError('forbidden_sender');
      const outer = envelope.safeParse(message);
      if (!outer.success) throw new StagecoachError('bad_message', 'Not a Stagecoach message.');
      const { type, data } = outer.data;
      if (type === CANCEL) {
        const target = cancelData.safeParse(data);
        if (!target.success) throw new StagecoachError('bad_message', 'Cancel what?');
        running.get(target.data.id)?.abort(new StagecoachError('cancelled'));
        return { ok: true, value: null };
      }
      if (!Object.hasOwn(registry, type)) throw new StagecoachError('bad_message', `Unknown request "${type}".`);
      const spec = registry[type]!;
      if (spec.from === 'extensionPage' && !fromExtensionPage(sender)) throw new StagecoachError('forbidden_sender');
      const parsed = spec.schema.safeParse(data ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new StagecoachError('bad_message', issue ? `${issue.path.join('.') || type}: ${issue.message}` : type);
      }
      const controller = new AbortController();
      if (outer.data.id && !running.has(outer.data.id)) {
        id = outer.data.id;
        running.set(id, controller);
      }
      const handler = handlers[type] as (data: unknown, context: { sender: Sender; signal: AbortSignal }) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data, { sender, signal: controller.signal }) };
    } catch (error) {
      return { ok: false, error: StagecoachError.from(error).toJSON() };
    } finally {
      if (id) running.delete(id);
    }
  };
}
