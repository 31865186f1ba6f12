// The UI side of the protocol: typed calls that resolve to the answer or throw StagecoachError.
// A call given a signal is cancelled in the background too when the signal aborts (the page that
// asked was left), so its Zoho reads stop and cost no more.
import { untilAborted } from '../abort';
import { StagecoachError } from '../errors';
import { CANCEL, type Registry, type RequestAnswer, type RequestInput } from './define';
import type { Reply } from './envelope';

export type Send = (message: { type: string; data: unknown; id?: string }) => Promise<unknown>;

export interface RequestOptions {
  signal?: AbortSignal;
}

export function createMessenger<R extends Registry>(send: Send, newId: () => string = () => crypto.randomUUID()) {
  /** Cancels on their way to the background. */
  const cancelling = new Set<Promise<unknown>>();
  const cancel = (id: string | undefined) => {
    const sent = send({ type: CANCEL, data: { id } }).catch(() => {});
    cancelling.add(sent);
    void sent.finally(() => cancelling.delete(sent));
  };
  /** Resolves once every cancel sent so far has reached the background (before a page goes away). */
  const cancelsDelivered = () => Promise.all([...cancelling]).then(() => undefined);
  return Object.assign(request, { cancelsDelivered });

  async function request<T extends keyof R & string>(type: T, data: RequestInput<R, T>, options: RequestOptions = {}): Promise<RequestAnswer<R, T>> {
    const { signal } = options;
    signal?.throwIfAborted();
    const id = signal ? newId() : undefined;
    const call = send({ type, data, ...(id ? { id } : {}) });
    let reply: Reply<RequestAnswer<R, T>> | undefined;
    try {
      reply = (await (signal ? untilAborted(call, signal, () => cancel(id)) : call)) as typeof reply;
    } catch (cause) {
      if (signal?.aborted) throw cause;
      // The background could not be reached (extension reloaded, worker failed to start).
      throw new StagecoachError('internal', cause instanceof Error ? cause.message : undefined, { cause });
    }
    if (!reply || typeof reply !== 'object' || !('ok' in reply)) throw new StagecoachError('internal', 'No answer from the background.');
    if (!reply.ok) throw StagecoachError.fromJSON(reply.error);
    return reply.value;
  }
}
