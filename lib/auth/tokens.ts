// Hands out a valid access token. One refresh is in flight at a time however many callers ask
// (Zoho allows 10 refreshes per 10 minutes per refresh token), tokens are refreshed shortly
// before they expire, and a token Zoho refused is replaced once — not once per caller.
import { StagecoachError } from '../errors';
import type { AccessToken } from '../zoho/client';

export type { AccessToken } from '../zoho/client';

export interface TokenManagerDeps {
  /** The access token kept outside persistent storage (memory / storage.session). */
  loadAccess(): Promise<AccessToken | null>;
  saveAccess(token: AccessToken | null): Promise<void>;
  /** Makes a new access token from the stored refresh token. */
  refresh(): Promise<AccessToken>;
  /** Called once a refresh has been refused for good: the person must sign in again. */
  onReconnectNeeded(error: StagecoachError): Promise<void>;
  now(): number;
}

/** Refresh this long before expiry so a call never leaves with a token about to die. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

export class TokenManager {
  private current: AccessToken | null = null;
  private inflight: Promise<AccessToken> | null = null;
  /** Bumped by clear(): a token loaded or refreshed before it belongs to a connection that is gone. */
  private generation = 0;

  constructor(private readonly deps: TokenManagerDeps) {}

  async get(): Promise<AccessToken> {
    if (this.inflight) return this.inflight;
    if (!this.current) {
      const generation = this.generation;
      const loaded = await this.deps.loadAccess();
      this.stillCurrent(generation);
      this.current ??= loaded;
    }
    if (this.current && this.current.expiresAt - this.deps.now() > REFRESH_MARGIN_MS) return this.current;
    return this.refresh();
  }

  /**
   * Zoho answered 401 to a call made with `failed`. If the token has already been replaced (by
   * a refresh another caller started), use the new one; otherwise refresh once for everybody.
   */
  async replace(failed: string): Promise<AccessToken> {
    if (this.inflight) return this.inflight;
    if (this.current && this.current.accessToken !== failed) return this.current;
    return this.refresh();
  }

  /**
   * Forgets the token (disconnect, another sign-in). A refresh already on its way is not waited
   * for: whatever it brings back is dropped, and its callers are told there is no connection.
   */
  async clear(): Promise<void> {
    this.generation += 1;
    this.current = null;
    this.inflight = null;
    await this.deps.saveAccess(null);
  }

  private stillCurrent(generation: number): void {
    if (generation !== this.generation) throw new StagecoachError('not_connected');
  }

  private refresh(): Promise<AccessToken> {
    if (this.inflight) return this.inflight;
    const generation = this.generation;
    let flight: Promise<AccessToken> | undefined;
    flight = (async () => {
      try {
        const token = await this.deps.refresh();
        this.stillCurrent(generation);
        this.current = token;
        await this.deps.saveAccess(token);
        return token;
      } catch (error) {
        const failure = StagecoachError.from(error);
        // A refusal of the old grant says nothing about the connection made since.
        if (failure.code === 'reconnect_needed' && generation === this.generation) {
          this.current = null;
          await this.deps.saveAccess(null);
          await this.deps.onReconnectNeeded(failure);
        }
        if (generation !== this.generation) throw new StagecoachError('not_connected');
        throw failure;
      } finally {
        if (this.inflight === flight) this.inflight = null;
      }
    })();
    this.inflight = flight;
    return flight;
  }
}
