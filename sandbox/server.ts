// The sandbox HTTP server: one origin for the accounts server (/oauth), the CRM API (/crm/v8),
// the fake model (/ai), the web UI (/crm/...) and the control API (/__sandbox). Around the
// handlers it applies what tests and demos control: faults, latency, the API concurrency limit,
// and the request log.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAi, openAiError, openAiErrorFor, preflight, registerAiControl, registerAiRoutes, withCors } from './ai';
import { CrmApi } from './api';
import { registerControlRoutes } from './control';
import { html, json, Router, type LogMeta, type RouteContext, type SandboxRequest, type SandboxResponse } from './http';
import { registerOAuthRoutes } from './oauth';
import { SandboxState, type Fault, type FaultEffect } from './state';
import { notFoundPage, registerUiInternals, registerUiPages } from './ui';
import { apiError } from './zoho';

export interface SandboxHandle {
  /** Origin, e.g. `http://localhost:8787`. */
  url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

type Area = 'control' | 'oauth' | 'api' | 'ai' | 'ui';

function areaOf(path: string): Area {
  // The favicon is a static asset: like the others it is neither logged nor faulted.
  if (path.startsWith('/__sandbox/') || path === '/favicon.ico') return 'control';
  if (path.startsWith('/oauth/')) return 'oauth';
  if (path === '/crm/v8' || path.startsWith('/crm/v8/')) return 'api';
  if (path === '/ai' || path.startsWith('/ai/')) return 'ai';
  return 'ui';
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new BodyTooLarge());
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function faultResponse(fault: Fault, area: Area): SandboxResponse {
  const status = fault.status ?? 500;
  if (status === 204 || status === 304) return { status };
  if (fault.body === undefined) {
    if (area === 'ai') return openAiErrorFor(status);
    return area === 'api' && status === 500
      ? apiError('INTERNAL_ERROR')
      : json(status, { code: 'SANDBOX_FAULT', details: {}, message: 'injected by the sandbox', status: 'error' });
  }
  return typeof fault.body === 'string'
    ? { status, headers: { 'content-type': fault.contentType ?? 'text/plain; charset=utf-8' }, body: fault.body }
    : json(status, fault.body);
}

/** Valid JSON that no Zoho endpoint answers: `data` is not an array of objects. */
const MALFORMED_BODY = { data: 'oops' };
const TRUNCATED_PREFIX = '{"data":[{';

/** Announces a longer body than it sends, sends the start of one and closes the connection. */
function writeTruncated(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8', 'content-length': '4096' });
    res.write(TRUNCATED_PREFIX, () => {
      res.destroy();
      resolve();
    });
  });
}

function write(res: ServerResponse, response: SandboxResponse): void {
  const noBody = response.status === 204 || response.status === 304 || response.body === undefined;
  const headers = { ...response.headers };
  if (!noBody) headers['content-length'] = String(Buffer.byteLength(response.body as string | Buffer));
  res.writeHead(response.status, headers);
  res.end(noBody ? undefined : response.body);
}

export class SandboxApp {
  readonly sandbox = new SandboxState();
  private readonly control = new Router();
  private readonly oauth = new Router();
  private readonly ui = new Router();
  private readonly ai = new Router();
  private readonly api: CrmApi;

  constructor() {
    registerControlRoutes(this.control, this.sandbox);
    registerUiInternals(this.control, this.sandbox);
    registerOAuthRoutes(this.oauth, this.sandbox);
    registerUiPages(this.ui, this.sandbox);
    registerAiRoutes(this.ai, this.sandbox.ai, () => this.sandbox.now());
    registerAiControl(this.control, this.sandbox.ai);
    this.api = new CrmApi(this.sandbox);
  }

  async handle(req: IncomingMessage, res: ServerResponse, fallbackOrigin: string): Promise<void> {
    const started = performance.now();
    // A client that gives up on a request (fetch aborted) closes the connection before the answer.
    let clientAborted = false;
    res.on('close', () => {
      if (!res.writableFinished) clientAborted = true;
    });
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const area = areaOf(url.pathname);
    const origin = originOf(req, fallbackOrigin);
    const { sandbox } = this;

    if (area === 'control') {
      const response = await this.run(req, method, url, origin, {}, (ctx) => this.routeIn(this.control, ctx, () => json(404, { error: 'not_found' })));
      write(res, response);
      return;
    }

    // A browser's CORS preflight for the fake model: answered at once, not the client's request.
    if (area === 'ai' && method === 'OPTIONS') {
      write(res, preflight());
      return;
    }

    const meta: LogMeta = {};
    const record = (status: number, fault?: FaultEffect): void => {
      sandbox.log.add(
        {
          at: new Date().toISOString(),
          method,
          path: url.pathname,
          status,
          ...(meta.grantType ? { grantType: meta.grantType } : {}),
          ...(meta.userId ? { userId: meta.userId } : {}),
          durationMs: Math.round(performance.now() - started),
          ...(fault ? { fault } : {}),
          ...(clientAborted ? { clientAborted: true as const } : {}),
          ...(meta.subRequests ? { subRequests: meta.subRequests } : {}),
        },
        { throttled: meta.throttled, tooManyRequests: meta.tooManyRequests },
      );
    };

    let fault = sandbox.takeFault(method, url.pathname + url.search);
    // The chaos plan: only API calls, only when no explicit fault took this one.
    const planned = !fault && area === 'api' ? (sandbox.faultPlan?.draw(method) ?? null) : null;
    if (planned?.kind === 'tokens_expired') sandbox.tokens.expireAllAccessTokens(sandbox.now());
    else if (planned) fault = { match: {}, remaining: 0, ...planned };
    if (fault?.drop === 'before') {
      req.socket.destroy();
      record(0, 'before');
      return;
    }

    // Faults that let the handler run (its effect happens) and then spoil the answer.
    const afterHandler = fault !== null && (fault.drop === 'after' || fault.malformed === true || fault.truncated === true);
    // COQL is a "complex" call: it also counts against its own, smaller sub-limit.
    const isCoql = area === 'api' && method === 'POST' && url.pathname.replace(/\/+$/, '').toLowerCase() === '/crm/v8/coql';
    // "Each composite API consumes five concurrency credits, irrespective of the number of sub-requests."
    const weight = area === 'api' && method === 'POST' && url.pathname.replace(/\/+$/, '') === '/crm/v8/__composite_requests' ? 5 : 1;
    let inFlight = false;
    let inFlightCoql = false;
    try {
      let response: SandboxResponse;
      if (planned?.kind === 'too_many_requests') {
        meta.tooManyRequests = true;
        response = apiError('TOO_MANY_REQUESTS');
      } else if (fault && !afterHandler && fault.drop === undefined) {
        response = faultResponse(fault, area);
      } else if (
        area === 'api' &&
        (sandbox.inFlightApi + weight > sandbox.config.concurrencyLimit || (isCoql && sandbox.inFlightCoql >= sandbox.config.coqlConcurrencyLimit))
      ) {
        meta.tooManyRequests = true;
        response = apiError('TOO_MANY_REQUESTS');
      } else {
        if (area === 'api') {
          inFlight = true;
          sandbox.inFlightApi += weight;
          sandbox.maxConcurrent = Math.max(sandbox.maxConcurrent, sandbox.inFlightApi);
          if (isCoql) {
            inFlightCoql = true;
            sandbox.inFlightCoql += 1;
          }
        }
        response = await this.run(req, method, url, origin, meta, (ctx) => this.dispatch(area, ctx));
        // A sub-request's dropped or cut-off answer is the composite call's (sandbox/composite.ts).
        if (meta.compositeFault && !fault) fault = { match: {}, remaining: 0, ...(meta.compositeFault === 'drop' ? { drop: 'after' as const } : { truncated: true }) };
      }
      // Latency stands in for the network: to Zoho's accounts server and API and to the model, not the web UI.
      if (area !== 'ui' && sandbox.config.latencyMs > 0) await sleep(sandbox.config.latencyMs);
      if (fault?.drop === 'after') {
        req.socket.destroy();
        record(0, 'after');
        return;
      }
      if (fault?.malformed) {
        write(res, area === 'ai' ? withCors(json(200, MALFORMED_BODY)) : json(200, MALFORMED_BODY));
        record(200, 'malformed');
        return;
      }
      if (fault?.truncated) {
        await writeTruncated(res);
        record(200, 'truncated');
        return;
      }
      write(res, area === 'ai' ? withCors(response) : response);
      record(response.status, fault ? 'status' : undefined);
    } finally {
      if (inFlight) sandbox.inFlightApi -= weight;
      if (inFlightCoql) sandbox.inFlightCoql -= 1;
    }
  }

  /** Reads the body, builds the context and runs the handler, turning surprises into 4xx/5xx. */
  private async run(
    req: IncomingMessage,
    method: string,
    url: URL,
    origin: string,
    meta: LogMeta,
    handler: (ctx: RouteContext) => SandboxResponse | Promise<SandboxResponse>,
  ): Promise<SandboxResponse> {
    let body: string;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLarge) return json(413, { error: 'body too large' });
      throw error;
    }
    const request: SandboxRequest = { method, url, headers: req.headers, origin, body };
    try {
      return await handler({ req: request, params: {}, meta });
    } catch (error) {
      console.error('sandbox: handler failed', error);
      const area = areaOf(url.pathname);
      if (area === 'ai') return openAiError(500, 'The server had an error while processing your request. Sorry about that!', 'server_error');
      return area === 'api' ? apiError('INTERNAL_ERROR') : json(500, { error: 'internal_error' });
    }
  }

  private dispatch(area: Area, ctx: RouteContext): SandboxResponse | Promise<SandboxResponse> {
    switch (area) {
      case 'api':
        return this.api.handle(ctx);
      case 'oauth':
        return this.routeIn(this.oauth, ctx, () => html(404, '<!doctype html><title>Not found</title><h1>Not found</h1>'));
      case 'ai':
        return handleAi(this.ai, ctx);
      default:
        return this.routeIn(this.ui, ctx, notFoundPage);
    }
  }

  private routeIn(router: Router, ctx: RouteContext, notFound: () => SandboxResponse): SandboxResponse | Promise<SandboxResponse> {
    const match = router.match(ctx.req.method, ctx.req.url.pathname);
    if (match.kind === 'found') return match.handler({ ...ctx, params: match.params });
    if (match.kind === 'wrong-method') return json(405, { error: 'method_not_allowed' }, { allow: match.allowed.join(', ') });
    return notFound();
  }
}

/**
 * The origin as the client addressed us, from the Host header, so `api_domain` and
 * `accounts-server` work whether the client said localhost, 127.0.0.1 or a port-forwarded name.
 * A Host header that is not a plain host[:port] is ignored (it would end up in redirects).
 */
function originOf(req: IncomingMessage, fallback: string): string {
  const host = req.headers.host;
  if (host && /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(host)) return `http://${host}`;
  return fallback;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/**
 * Starts a sandbox. Port 0 picks a free port. For `localhost` it listens on both 127.0.0.1 and
 * ::1 (same port), because clients disagree about which one `localhost` means.
 */
export async function startSandbox(opts: { port?: number; host?: string } = {}): Promise<SandboxHandle> {
  const host = opts.host ?? 'localhost';
  const app = new SandboxApp();
  const servers: Server[] = [];
  let fallbackOrigin = '';
  const makeServer = () =>
    createServer((req, res) => {
      app.handle(req, res, fallbackOrigin).catch((error: unknown) => {
        console.error('sandbox: request failed', error);
        if (!res.headersSent) write(res, json(500, { error: 'internal_error' }));
        else res.destroy();
      });
    });

  const primary = makeServer();
  await listen(primary, opts.port ?? 0, host === 'localhost' ? '127.0.0.1' : host);
  servers.push(primary);
  const { port } = primary.address() as AddressInfo;
  if (host === 'localhost') {
    const secondary = makeServer();
    try {
      await listen(secondary, port, '::1');
      servers.push(secondary);
    } catch {
      // No IPv6 loopback here, or the port is taken on it: IPv4 alone will do.
    }
  }
  const urlHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  fallbackOrigin = url;
  return {
    url,
    close: async () => {
      await Promise.all(servers.map(closeServer));
    },
  };
}
