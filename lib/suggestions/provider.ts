// The AI provider, as the background reaches it: an OpenAI-compatible chat-completions endpoint
// (its key stored encrypted and sent only to the host it was entered for, the host an optional
// permission) or the browser's built-in model. It returns the model's raw answer or why there is
// none; checking what the answer says is the pure `ai.ts`'s job.
import { decryptText, encryptText } from '../auth/crypto';
import { StagecoachError } from '../errors';
import type { Settings } from '../settings/schema';
import type { StagecoachDb } from '../storage/db';
import type { AiOutcome } from './views';

export interface BuiltInModel {
  /** Whether the browser has a usable built-in model now. */
  available(): Promise<boolean>;
  /** Gives up (rejects) when `signal` aborts, as a provider's fetch does. */
  prompt(system: string, user: string, signal: AbortSignal): Promise<string>;
}

export interface ProviderDeps {
  db: StagecoachDb;
  fetch: typeof fetch;
  /** Whether the extension may reach this origin (the provider's host is an optional permission). */
  hasOrigin(origin: string): Promise<boolean>;
  builtInModel?: BuiltInModel;
}

type Failure = Extract<AiOutcome, { ok: false }>;
/** The model's answer, not yet checked: the built-in model's text, or the provider's JSON. */
export type RawAnswer = { ok: true; text: string } | { ok: true; json: unknown } | Failure;

const AI_TIMEOUT_MS = 30_000;
export const AI_ANSWER_MAX_CHARS = 20_000;

export function aiModelName(settings: Settings): string {
  return settings.ai.provider === 'browser' ? 'browser built-in model' : settings.ai.model;
}

export function createAiProvider(deps: ProviderDeps) {
  const { db } = deps;

  async function askBuiltIn(body: { messages: Array<{ role: string; content: string }> }): Promise<RawAnswer> {
    if (!deps.builtInModel || !(await deps.builtInModel.available().catch(() => false))) {
      return { ok: false, reason: 'unavailable', detail: 'This browser has no built-in model ready.' };
    }
    const { messages } = body;
    try {
      const text = await deps.builtInModel.prompt(
        messages.find((m) => m.role === 'system')?.content ?? '',
        messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n\n'),
        AbortSignal.timeout(AI_TIMEOUT_MS),
      );
      return { ok: true, text: text.slice(0, AI_ANSWER_MAX_CHARS) };
    } catch (error) {
      return { ok: false, reason: 'provider_error', detail: error instanceof Error ? error.message : String(error) };
    }
  }

  async function askHttp(settings: Settings, body: unknown): Promise<RawAnswer> {
    const base = settings.ai.baseUrl.replace(/\/+$/, '');
    let origin: string;
    try {
      origin = new URL(base).origin;
    } catch {
      return { ok: false, reason: 'not_configured', detail: base };
    }
    if (!(await deps.hasOrigin(origin))) return { ok: false, reason: 'permission_needed', detail: origin };
    const keyRow = await db.providerKeys.get('ai');
    // A key goes only to the host it was entered for: changing the base URL does not carry it along.
    if (keyRow && keyRow.origin !== origin) return { ok: false, reason: 'not_configured', detail: `The stored API key was entered for ${keyRow.origin ?? 'another provider'}; enter it again for ${origin}.` };
    const key = keyRow ? await decryptText(db, keyRow.value) : null;
    let response: Response;
    try {
      response = await deps.fetch(`${base}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(AI_TIMEOUT_MS),
        credentials: 'omit',
      });
    } catch (error) {
      return { ok: false, reason: 'provider_error', detail: error instanceof Error ? error.message : String(error) };
    }
    const text = await response.text().catch(() => '');
    if (text.length > AI_ANSWER_MAX_CHARS) return { ok: false, reason: 'bad_response', detail: `The answer was longer than ${AI_ANSWER_MAX_CHARS} characters.` };
    if (!response.ok) {
      let message = text;
      try {
        const parsed = JSON.parse(text) as { error?: { message?: unknown } };
        if (typeof parsed.error?.message === 'string') message = parsed.error.message;
      } catch {
        // not JSON: the text itself is the provider's words
      }
      return { ok: false, reason: 'provider_error', detail: `HTTP ${response.status}: ${message}`.slice(0, 500) };
    }
    try {
      return { ok: true, json: JSON.parse(text) };
    } catch {
      return { ok: false, reason: 'bad_response', detail: 'The provider did not answer JSON.' };
    }
  }

  return {
    /** Sends `body` (a chat-completions request) to the configured provider. */
    async ask(settings: Settings, body: unknown): Promise<RawAnswer> {
      const provider = settings.ai.provider;
      if (provider === 'none' || !body) return { ok: false, reason: 'not_configured', detail: '' };
      if (provider === 'browser') return askBuiltIn(body as { messages: Array<{ role: string; content: string }> });
      return askHttp(settings, body);
    },

    async saveKey(key: string | null, settings: Settings): Promise<{ aiKeySet: boolean }> {
      if (key === null || key === '') {
        await db.providerKeys.delete('ai');
        return { aiKeySet: false };
      }
      let origin: string | null = null;
      try {
        origin = new URL(settings.ai.baseUrl).origin;
      } catch {
        throw new StagecoachError('invalid_settings', { reason: 'ai_base_url_first' });
      }
      await db.providerKeys.put({ id: 'ai', value: await encryptText(db, key), origin });
      return { aiKeySet: true };
    },

    keySet: async () => (await db.providerKeys.get('ai')) !== undefined,
  };
}
export type AiProvider = ReturnType<typeof createAiProvider>;
