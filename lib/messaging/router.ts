// The background's door: every message is checked before any handler sees it — the sender must
// be one of this extension's pages (never a content script: they run inside Zoho's pages and ask
// nothing of here; their one message, "this page opened", has its own door in lib/panel.ts), the request must be one that page may send (define.ts RequestOrigin), a
// panel's record request must be for a page of the connected org, and the envelope and payload
// must parse. Anything else gets a typed error answer (fail closed). Generic over the registry:
// the domains declare their requests, this file knows none of them.
import { StagecoachError } from '../errors';
import { CANCEL, type Handlers, type Registry, type RequestOrigin, type Sender, type SenderKind } from './define';
import { cancelData, envelope, type Reply } from './envelope';

export type { Sender } from './define';

/** The extension's pages outside Zoho: toolbar popup, options, first-run page. */
const SETTINGS_PAGES: ReadonlySet<string> = new Set(['/popup.html', '/options.html', '/welcome.html']);

const ALLOWED: Record<RequestOrigin, readonly SenderKind[]> = {
  extensionPage: ['settingsPage'],
  panel: ['settingsPage', 'panel'],
  panelRecord: ['panel'],
};

export interface RouterSelf {
  extensionId: string;
  /** runtime.getURL('/'), e.g. `chrome-extension://<id>/` (with the slash). */
  extensionUrl: string;
  /** The panel's page, framed in Zoho's tabs: `/panel.html`. */
  panelPath: string;
  /**
   * Why a panel's record request from this address is refused (its page is no record page of the
   * connected org), or null to let it through. Without it, every such request is refused.
   */
  panelPageRefusal?: (senderUrl: string) => Promise<string | null>;
  /**
   * A panel's record request answered by a read already started for its page (the content
   * script's page-opened message; lib/earlyReads), or null to run the handler.
   */
  early?: (type: string, data: unknown, signal: AbortSignal) => Promise<{ value: unknown } | null>;
}

export function createRouter<R extends Registry>(registry: R, handlers: Handlers<R>, self: RouterSelf) {
  if (!self.extensionUrl.endsWith('/')) throw new Error('extensionUrl must end with a slash');
  /** Which of our pages sent this; null for anything else (a content script, a web page, another extension). */
  const kindOf = (sender: Sender): SenderKind | null => {
    if (sender.id !== self.extensionId || typeof sender.url !== 'string') return null;
    // URL.origin is "null" for extension schemes in some runtimes, so compare the prefix.
    if (!sender.url.startsWith(self.extensionUrl)) return null;
    const path = `/${sender.url.slice(self.extensionUrl.length).split(/[?#]/, 1)[0]}`;
    if (SETTINGS_PAGES.has(path)) return 'settingsPage';
    // The panel is framed in a Zoho tab: never a tab's top frame.
    if (path === self.panelPath && sender.frameId !== 0) return 'panel';
    return null;
  };
  /** A panel's record request: its page is a record page of the connected org. */
  const checkPanelPage = async (sender: Sender) => {
    const refusal = self.panelPageRefusal ? await self.panelPageRefusal(sender.url ?? '') : 'No check of the panel’s page.';
    if (refusal !== null) throw new StagecoachError('forbidden_sender', refusal);
  };
  /** Requests still running that their sender may cancel, by the id it gave them. */
  const running = new Map<string, AbortController>();

  return async function route(message: unknown, sender: Sender): Promise<Reply<unknown>> {
    let id: string | undefined;
    try {
      const kind = kindOf(sender);
      if (!kind) throw new StagecoachError('forbidden_sender');
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
      if (!ALLOWED[spec.from].includes(kind)) throw new StagecoachError('forbidden_sender');
      if (kind === 'panel' && spec.from === 'panelRecord') await checkPanelPage(sender);
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
      if (spec.from === 'panelRecord' && self.early) {
        const started = await self.early(type, parsed.data, controller.signal);
        if (started) return { ok: true, value: started.value };
        // Given up while it waited for the early read: not asked again.
        controller.signal.throwIfAborted();
      }
      const handler = handlers[type] as (data: unknown, context: { sender: Sender; from: SenderKind; signal: AbortSignal }) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data, { sender, from: kind, signal: controller.signal }) };
    } catch (error) {
      return { ok: false, error: StagecoachError.from(error).toJSON() };
    } finally {
      if (id) running.delete(id);
    }
  };
}
