// The AI provider, as the background reaches it: an OpenAI-compatible chat-completions endpoint
// (its key stored encrypted and sent only to the exact base URL it was entered for, the host an
// optional permission, redirects refused) or the browser's built-in model. It returns the model's raw answer or why there is
// none; checking what the answer says is the pure `ai.ts`'s job.
import { decryptText, encryptText } from '../auth/crypto';
import { StagecoachError } from '../errors';
import type { Settings } from '../settings/schema';
import type { StagecoachDb } from '../storage/db';
import type { AiKeyStatus, AiOutcome } from './views';

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

/**
 * The SHA-256 (hex) of the body exactly as `ask` serializes it for sending: the panel asks with the
 * digest of the body it showed, and the background sends only a body with that digest.
 */
export async function requestDigest(body: unknown): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(serializeBody(body)));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

const serializeBody = (body: unknown) => JSON.stringify(body);

/**
 * The base URL as the key is bound to it: scheme, host (lowercase) and port as the URL parser
 * writes them, the path without trailing slashes, the query kept, the fragment dropped. Null when
 * it is not a URL. Two spellings of one endpoint compare equal; another path on the same host does not.
 */
export function normalizeBaseUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}${url.search}`;
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
    const base = normalizeBaseUrl(settings.ai.baseUrl);
    if (!base) return { ok: false, reason: 'not_configured', detail: settings.ai.baseUrl };
    const origin = new URL(base).origin;
    if (!(await deps.hasOrigin(origin))) return { ok: false, reason: 'permission_needed', detail: origin };
    const keyRow = await db.providerKeys.get('ai');
    // A key goes only to the base URL it was entered for: another path on the same host (another
    // tenant of a proxy) or another host does not get it, and a key saved before keys were bound to
    // a whole base URL (origin only) is entered again rather than guessed.
    if (keyRow && keyRow.baseUrl !== base) {
      return { ok: false, reason: 'not_configured', detail: `The stored API key was entered for ${keyRow.baseUrl ?? keyRow.origin ?? 'another provider'}; enter it again for ${base}.` };
    }
    const key = keyRow ? await decryptText(db, keyRow.value) : null;
    let response: Response;
    try {
      response = await deps.fetch(`${base}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: serializeBody(body),
        signal: AbortSignal.timeout(AI_TIMEOUT_MS),
        credentials: 'omit',
        // Never followed: a 307/308 would post the deal's evidence again to wherever it points.
        // Browsers answer an opaque redirect (status 0); Node answers the 3xx itself.
        redirect: 'manual',
      });
    } catch (error) {
      return { ok: false, reason: 'provider_error', detail: error instanceof Error ? error.message : String(error) };
    }
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      return { ok: false, reason: 'provider_error', detail: `The provider answered with a redirect${response.status ? ` (HTTP ${response.status})` : ''}; it is not followed. Set the base URL to where the provider really answers.` };
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
      const baseUrl = normalizeBaseUrl(settings.ai.baseUrl);
      if (!baseUrl) throw new StagecoachError('invalid_settings', { reason: 'ai_base_url_first' });
      await db.providerKeys.put({ id: 'ai', value: await encryptText(db, key), origin: new URL(baseUrl).origin, baseUrl });
      return { aiKeySet: true };
    },

    keySet: async () => (await db.providerKeys.get('ai')) !== undefined,

    /**
     * Whether the stored key goes to `baseUrl`: it is bound to the exact base URL it was entered
     * for, and another address does not get it (the options page says so beside the field).
     */
    async keyStatus(baseUrl: string): Promise<AiKeyStatus> {
      const row = await db.providerKeys.get('ai');
      if (!row) return { stored: false, baseUrl: null, matches: false };
      const boundTo = row.baseUrl ?? null;
      return { stored: true, baseUrl: boundTo ?? row.origin, matches: boundTo !== null && boundTo === normalizeBaseUrl(baseUrl) };
    },
  };
}
export type AiProvider = ReturnType<typeof createAiProvider>;
