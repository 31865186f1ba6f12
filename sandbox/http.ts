// Small HTTP toolkit for the sandbox: a response value type, a tiny router and body helpers.
// Handlers return a SandboxResponse instead of writing to the socket themselves, so the server
// can delay it (latency), log it, or apply its effect and then drop the connection (faults).
import type { IncomingHttpHeaders } from 'node:http';

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** What a handler sees of the request. The body is read before routing (it is small). */
export interface SandboxRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  /** The origin as the client sees it (from the Host header), e.g. `http://localhost:8787`. */
  origin: string;
  body: string;
}

/** Facts a handler reports for the request log. */
export interface LogMeta {
  grantType?: string;
  userId?: string;
  /** Which counter this request bumps, when it is not evident from its path. */
  throttled?: boolean;
  tooManyRequests?: boolean;
  /** A composite call's sub-requests, as "METHOD path", for the request log. */
  subRequests?: string[];
  /** A fault planned for one of a composite call's sub-requests that spoils the whole call's answer. */
  compositeFault?: 'drop' | 'truncated';
}

export interface RouteContext {
  req: SandboxRequest;
  params: Record<string, string>;
  meta: LogMeta;
}

export type Handler = (ctx: RouteContext) => SandboxResponse | Promise<SandboxResponse>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8', ...headers },
    body: JSON.stringify(body),
  };
}

export function html(status: number, body: string, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body };
}

export function redirect(location: string, status = 302): SandboxResponse {
  return { status, headers: { location, 'cache-control': 'no-store' } };
}

export function noContent(): SandboxResponse {
  return { status: 204 };
}

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Form fields from an x-www-form-urlencoded body, falling back to the query string (Zoho reads both). */
export function formFields(req: SandboxRequest): URLSearchParams {
  const merged = new URLSearchParams(req.url.searchParams);
  const contentType = String(req.headers['content-type'] ?? '');
  if (req.body && !contentType.includes('application/json')) {
    for (const [key, value] of new URLSearchParams(req.body)) merged.set(key, value);
  }
  return merged;
}

export function parseJsonBody(req: SandboxRequest): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (!req.body.trim()) return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(req.body) as unknown };
  } catch (error) {
    return { ok: false, reason: `body is not JSON: ${(error as Error).message}` };
  }
}

interface Route<H> {
  method: string;
  segments: string[];
  handler: H;
}

export type RouteMatch<H = Handler> =
  | { kind: 'found'; handler: H; params: Record<string, string> }
  | { kind: 'wrong-method'; allowed: string[] }
  | { kind: 'none' };

/**
 * Matches `/a/:param/b` patterns segment by segment; a trailing `*` segment matches the rest
 * (joined with `/` in `params['*']`). Routes are tried in the order they were added.
 */
export class Router<H = Handler> {
  private readonly routes: Route<H>[] = [];

  add(method: string, pattern: string, handler: H): this {
    this.routes.push({ method: method.toUpperCase(), segments: splitPath(pattern), handler });
    return this;
  }

  match(method: string, pathname: string): RouteMatch<H> {
    const segments = splitPath(pathname);
    const allowed: string[] = [];
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      if (route.method === method.toUpperCase()) return { kind: 'found', handler: route.handler, params };
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'none' };
  }
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] as string;
    if (expected === '*') {
      params['*'] = actual.slice(i).join('/');
      return params;
    }
    const segment = actual[i];
    if (segment === undefined) return null;
    if (expected.startsWith(':')) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        return null;
      }
      params[expected.slice(1)] = decoded;
    } else if (expected !== segment) {
      return null;
    }
  }
  return pattern.length === actual.length ? params : null;
}
