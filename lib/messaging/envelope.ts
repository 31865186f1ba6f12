// The envelope every message travels in, and the reply. `id` names a request so its sender can
// cancel it (`cancel`, below) when the page that asked is left.
import { z } from 'zod';
import type { SerializedError } from '../errors';
export { CANCEL } from './define';

export const requestId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);
export const envelope = z.object({ type: z.string(), data: z.unknown(), id: requestId.optional() }).strict();
export type Envelope = z.infer<typeof envelope>;

export const cancelData = z.object({ id: requestId }).strict();

export type Reply<T> = { ok: true; value: T } | { ok: false; error: SerializedError };
