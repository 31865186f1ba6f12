// The UI side of the protocol: typed calls that resolve to the answer or throw StagecoachError.
import { StagecoachError } from '../errors';
import type { Reply, RequestData, RequestType, ResponseMap } from './protocol';

export type Send = (message: { type: string; data: unknown }) => Promise<unknown>;

export function createMessenger(send: Send) {
  return async function request<T extends RequestType>(type: T, data: RequestData<T>): Promise<ResponseMap[T]> {
    let reply: Reply<ResponseMap[T]> | undefined;
    try {
      reply = (await send({ type, data })) as Reply<ResponseMap[T]> | undefined;
    } catch (cause) {
      // The background could not be reached (extension reloaded, worker failed to start).
      throw new StagecoachError('internal', cause instanceof Error ? cause.message : undefined, { cause });
    }
    if (!reply || typeof reply !== 'object' || !('ok' in reply)) throw new StagecoachError('internal', 'No answer from the background.');
    if (!reply.ok) throw StagecoachError.fromJSON(reply.error);
    return reply.value;
  };
}
export type Messenger = ReturnType<typeof createMessenger>;
