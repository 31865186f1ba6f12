// A fake OpenAI-compatible model at /ai/v1 for the extension's AI-provider path: the models list
// and chat completions, with OpenAI's shapes, Bearer-key check and CORS. By default it reads the
// deal data the client sends as JSON in the last user message and proposes the next stage in
// order; tests can make it answer anything verbatim, fail with a status, or be slow, and can read
// back exactly what was sent (/__sandbox/ai).
import { z } from 'zod';
import { json, parseJsonBody, Router, type RouteContext, type SandboxRequest, type SandboxResponse } from './http';

export const AI_MODEL_ID = 'sandbox-stage-model';

export interface AiConfig {
  /** Verbatim `content` of the following answers; null = the default behaviour. */
  reply: string | null;
  /** When set, chat completions answer this HTTP status with an OpenAI error body. */
  status: number | null;
  /** The API key clients must send as `Authorization: Bearer <key>`. */
  key: string;
  /** Delay added to every /ai answer (on top of the sandbox's latencyMs). */
  latencyMs: number;
}

export const defaultAiConfig = (): AiConfig => ({ reply: null, status: null, key: 'sk-sandbox-test', latencyMs: 0 });

/** What the fake model remembers; reset with the sandbox. */
export class AiState {
  config: AiConfig = defaultAiConfig();
  /** Chat completion request bodies, oldest first (parsed JSON, or the raw text when not JSON). */
  requests: unknown[] = [];
  private completions = 0;

  nextCompletionId(): string {
    this.completions += 1;
    return `chatcmpl-sandbox${String(this.completions).padStart(6, '0')}`;
  }

  reset(): void {
    this.config = defaultAiConfig();
    this.requests = [];
    this.completions = 0;
  }
}

export const aiConfigPatch = z
  .object({
    reply: z.string().nullable(),
    status: z.number().int().min(400).max(599).nullable(),
    key: z.string().min(1).max(200),
    latencyMs: z.number().int().min(0).max(60_000),
  })
  .partial()
  .strict();

// ---- OpenAI's shapes ----------------------------------------------------------------------------

/** Browsers call the provider from the extension's pages too: any origin, the two headers clients send. */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-max-age': '600',
};

export function withCors(response: SandboxResponse): SandboxResponse {
  return { ...response, headers: { ...response.headers, ...CORS_HEADERS } };
}

export function preflight(): SandboxResponse {
  return { status: 204, headers: { ...CORS_HEADERS } };
}

type OpenAiErrorType = 'invalid_request_error' | 'authentication_error' | 'rate_limit_error' | 'server_error' | 'requests' | 'not_found_error';

export function openAiError(status: number, message: string, type: OpenAiErrorType, code: string | null = null, param: string | null = null): SandboxResponse {
  return json(status, { error: { message, type, param, code } });
}

/** The body OpenAI answers with a given status (for `status` in the AI config and for faults). */
export function openAiErrorFor(status: number): SandboxResponse {
  switch (status) {
    case 400:
      return openAiError(400, 'The sandbox was told to refuse this request.', 'invalid_request_error');
    case 401:
      return openAiError(401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
    case 403:
      return openAiError(403, 'You are not allowed to sample from this model.', 'invalid_request_error', 'model_not_permitted');
    case 404:
      return openAiError(404, `The model \`${AI_MODEL_ID}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found');
    case 429:
      return openAiError(429, 'Rate limit reached for requests. Please try again in 20s.', 'requests', 'rate_limit_exceeded');
    case 503:
      return openAiError(503, 'The engine is currently overloaded, please try again later.', 'server_error');
    default:
      return status >= 500
        ? openAiError(status, 'The server had an error while processing your request. Sorry about that!', 'server_error')
        : openAiError(status, `The sandbox answered ${status}.`, 'invalid_request_error');
  }
}

// ---- the model ------------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A message's text: a string, or the text parts of an array of content parts. */
function textOf(content: unknown): string | null {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    const parts = content.filter((part): part is { type: 'text'; text: string } => typeof part === 'object' && part !== null && (part as { type?: unknown }).type === 'text' && typeof (part as { text?: unknown }).text === 'string');
    return parts.length > 0 ? parts.map((part) => part.text).join('\n') : null;
  }
  return null;
}

/** The deal data in a message: the whole text as JSON, else the outermost `{…}` in it (prompts often wrap it). */
function dealDataIn(text: string): unknown {
  for (const candidate of [text, text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)]) {
    if (!candidate.trim()) continue;
    try {
      return JSON.parse(candidate) as unknown;
    } catch {
      // try the next candidate
    }
  }
  return null;
}

const dealData = z.object({
  currentStage: z.string(),
  stages: z.array(z.string()),
  evidence: z.array(z.object({ id: z.string() }).passthrough()).optional(),
});

/** The default answer: the stage after `currentStage` in `stages`, with the first two evidence ids. */
export function defaultReply(messages: ReadonlyArray<{ role?: unknown; content?: unknown }>): string {
  const lastUser = [...messages].reverse().find((message) => message.role === 'user');
  const text = lastUser ? textOf(lastUser.content) : null;
  const parsed = dealData.safeParse(text === null ? null : dealDataIn(text));
  if (!parsed.success) {
    return JSON.stringify({ stage: null, confidence: 0, evidence: [], reason: 'Sandbox model: the last user message holds no deal data (JSON with currentStage, stages, evidence).' });
  }
  const { currentStage, stages, evidence = [] } = parsed.data;
  const at = stages.indexOf(currentStage);
  const next = at >= 0 ? (stages[at + 1] ?? null) : null;
  return JSON.stringify({
    stage: next,
    confidence: next === null ? 0 : 0.6,
    evidence: evidence.slice(0, 2).map((item) => item.id),
    reason: next === null ? 'Sandbox model: no stage after the current one.' : 'Sandbox model: next stage in order.',
  });
}

/** Roughly what a tokenizer would count (4 characters a token); clients only display it. */
const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function bearer(req: SandboxRequest): string | null {
  return /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? '').trim())?.[1] ?? null;
}

export function registerAiRoutes(router: Router, ai: AiState, now: () => number): void {
  const authorised = (req: SandboxRequest): SandboxResponse | null => {
    const key = bearer(req);
    if (key === null) {
      return openAiError(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", 'invalid_request_error', 'invalid_api_key');
    }
    if (key !== ai.config.key) {
      const shown = key.length > 8 ? `${key.slice(0, 3)}*****${key.slice(-4)}` : '*****';
      return openAiError(401, `Incorrect API key provided: ${shown}.`, 'invalid_request_error', 'invalid_api_key');
    }
    return null;
  };

  router.add('GET', '/ai/v1/models', async ({ req }) => {
    if (ai.config.latencyMs > 0) await sleep(ai.config.latencyMs);
    const refused = authorised(req);
    if (refused) return refused;
    return json(200, { object: 'list', data: [{ id: AI_MODEL_ID, object: 'model', created: 1_767_225_600, owned_by: 'stagecoach-sandbox' }] });
  });

  router.add('POST', '/ai/v1/chat/completions', async ({ req }) => {
    const body = parseJsonBody(req);
    ai.requests.push(body.ok ? body.value : req.body);
    if (ai.config.latencyMs > 0) await sleep(ai.config.latencyMs);
    const refused = authorised(req);
    if (refused) return refused;
    if (ai.config.status !== null) return openAiErrorFor(ai.config.status);
    if (!body.ok || typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) {
      return openAiError(400, 'We could not parse the JSON body of your request. The OpenAI API expects a JSON payload.', 'invalid_request_error');
    }
    const input = body.value as { model?: unknown; messages?: unknown };
    if (typeof input.model !== 'string' || !input.model) {
      return openAiError(400, "you must provide a model parameter", 'invalid_request_error', null, 'model');
    }
    if (!Array.isArray(input.messages) || input.messages.length === 0 || !input.messages.every((m) => typeof m === 'object' && m !== null && typeof (m as { role?: unknown }).role === 'string')) {
      return openAiError(400, "Missing required parameter: 'messages'.", 'invalid_request_error', 'missing_required_parameter', 'messages');
    }
    const messages = input.messages as Array<{ role?: unknown; content?: unknown }>;
    const content = ai.config.reply ?? defaultReply(messages);
    const promptTokens = messages.reduce((sum, message) => sum + tokens(textOf(message.content) ?? ''), 0);
    const completionTokens = tokens(content);
    return json(200, {
      id: ai.nextCompletionId(),
      object: 'chat.completion',
      created: Math.floor(now() / 1000),
      model: input.model,
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
      system_fingerprint: 'fp_sandbox',
    });
  });
}

/** Routes /ai requests; anything unknown answers as OpenAI does (404 / 405 with an error body). */
export function handleAi(router: Router, ctx: RouteContext): SandboxResponse | Promise<SandboxResponse> {
  const match = router.match(ctx.req.method, ctx.req.url.pathname);
  if (match.kind === 'found') return match.handler({ ...ctx, params: match.params });
  const what = `${ctx.req.method} ${ctx.req.url.pathname.replace(/^\/ai/, '')}`;
  if (match.kind === 'wrong-method') return openAiError(405, `Invalid method for URL (${what})`, 'invalid_request_error');
  return openAiError(404, `Invalid URL (${what})`, 'invalid_request_error');
}

/** Control routes: `POST /__sandbox/ai` (partial config), `GET /__sandbox/ai`, `GET /__sandbox/ai/requests`. */
export function registerAiControl(router: Router, ai: AiState): void {
  router.add('GET', '/__sandbox/ai', () => json(200, ai.config));
  router.add('POST', '/__sandbox/ai', ({ req }) => {
    const body = parseJsonBody(req);
    if (!body.ok) return json(400, { error: 'bad_request', reason: body.reason });
    const patch = aiConfigPatch.safeParse(body.value);
    if (!patch.success) {
      const reason = patch.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');
      return json(400, { error: 'bad_request', reason });
    }
    const defined = Object.fromEntries(Object.entries(patch.data).filter(([, value]) => value !== undefined));
    ai.config = { ...ai.config, ...defined };
    return json(200, ai.config);
  });
  router.add('GET', '/__sandbox/ai/requests', () => json(200, { requests: ai.requests }));
}
