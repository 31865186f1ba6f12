// Everything one running sandbox remembers: config, data, tokens, faults, request log, counters.
import { AiState } from './ai';
import { defaultConfig, type SandboxConfig } from './config';
import type { FaultPlan } from './faults';
import { Store } from './store';
import { OrgVariables } from './variables';
import { TokenStore } from './tokens';

export interface Fault {
  match: { method?: string; path?: string };
  remaining: number;
  status?: number;
  body?: unknown;
  drop?: 'before' | 'after';
  /** Run the handler, then answer 200 with valid JSON of an unexpected shape. */
  malformed?: boolean;
  /** Run the handler, then send the start of a JSON body and close the connection. */
  truncated?: boolean;
  /** The content type of a string body (default text/plain), e.g. an HTML error page. */
  contentType?: string;
}

export interface LogEntry {
  seq: number;
  at: string;
  method: string;
  /** Path without the query string: queries can carry tokens. */
  path: string;
  /** 0 when the connection was dropped before a response was written. */
  status: number;
  grantType?: string;
  userId?: string;
  durationMs: number;
  /** Set when a fault answered, garbled or dropped this request. */
  fault?: FaultEffect;
  /** The client closed the connection before the answer was written (it gave up on it). */
  clientAborted?: true;
  /** A composite call's sub-requests, as "METHOD path" (its one entry stands for them). */
  subRequests?: string[];
}

export interface LogCounts {
  authorizationCode: number;
  refresh: number;
  revoke: number;
  api: number;
  /** Requests to the fake model (/ai). */
  ai: number;
  throttled: number;
  tooManyRequests: number;
}

export type FaultEffect = 'status' | 'before' | 'after' | 'malformed' | 'truncated';

const MAX_LOG_ENTRIES = 5000;

const zeroCounts = (): LogCounts => ({ authorizationCode: 0, refresh: 0, revoke: 0, api: 0, ai: 0, throttled: 0, tooManyRequests: 0 });

export class RequestLog {
  entries: LogEntry[] = [];
  counts: LogCounts = zeroCounts();
  private seq = 0;

  add(entry: Omit<LogEntry, 'seq'>, flags: { throttled?: boolean; tooManyRequests?: boolean }): void {
    this.seq += 1;
    this.entries.push({ seq: this.seq, ...entry });
    // Old entries go first; the counters keep counting.
    if (this.entries.length > MAX_LOG_ENTRIES) this.entries.splice(0, this.entries.length - MAX_LOG_ENTRIES);
    if (entry.path === '/oauth/v2/token' && entry.grantType === 'authorization_code') this.counts.authorizationCode += 1;
    if (entry.path === '/oauth/v2/token' && entry.grantType === 'refresh_token') this.counts.refresh += 1;
    if (entry.path === '/oauth/v2/token/revoke') this.counts.revoke += 1;
    if (entry.path.startsWith('/crm/v8/') || entry.path === '/crm/v8') this.counts.api += 1;
    if (entry.path.startsWith('/ai/') || entry.path === '/ai') this.counts.ai += 1;
    if (flags.throttled) this.counts.throttled += 1;
    if (flags.tooManyRequests) this.counts.tooManyRequests += 1;
  }

  clear(): void {
    this.entries = [];
    this.counts = zeroCounts();
    this.seq = 0;
  }
}

export class SandboxState {
  config: SandboxConfig = defaultConfig();
  readonly store = new Store();
  readonly tokens = new TokenStore();
  readonly log = new RequestLog();
  readonly ai = new AiState();
  readonly variables = new OrgVariables();
  faults: Fault[] = [];
  /** A seeded share of API calls faulted (chaos runs); explicit faults win over it. */
  faultPlan: FaultPlan | null = null;
  creditsUsed = 0;
  inFlightApi = 0;
  inFlightCoql = 0;
  maxConcurrent = 0;

  now(): number {
    return Date.now();
  }

  /** Back to the seed; `seedNow` pins the clock the seeded activities are laid out from. */
  reset(seedNow: number = this.now()): void {
    this.config = defaultConfig();
    this.store.reset(seedNow);
    this.tokens.reset();
    this.ai.reset();
    this.variables.reset();
    this.log.clear();
    this.faults = [];
    this.faultPlan = null;
    this.creditsUsed = 0;
    this.maxConcurrent = this.inFlightApi;
  }

  /** Takes one use of the first fault matching this request, if any. */
  takeFault(method: string, pathWithQuery: string): Fault | null {
    const fault = this.faults.find(
      (f) =>
        (!f.match.method || f.match.method.toUpperCase() === method.toUpperCase()) &&
        (!f.match.path || pathWithQuery.includes(f.match.path)),
    );
    if (!fault) return null;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }
}
