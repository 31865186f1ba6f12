// Authorization codes, refresh tokens and access tokens, with Zoho's rules: single-use codes with
// a short life, at most 20 refresh tokens per user and client (the next one deletes the oldest),
// at most 10 access tokens per refresh token per 10 minutes, and revoking a refresh token kills
// every access token it made.
import { createHash, randomBytes } from 'node:crypto';
import { LIMITS } from './zoho';

export interface AuthCode {
  code: string;
  clientId: string;
  userId: string;
  redirectUri: string;
  scopes: string[];
  /** PKCE S256 challenge, when the client sent one. */
  challenge: string | null;
  offline: boolean;
  expiresAt: number;
  used: boolean;
}

export interface RefreshToken {
  token: string;
  clientId: string;
  userId: string;
  scopes: string[];
  createdAt: number;
  revoked: boolean;
  /** When each access token minted from it was issued (for the throttle). */
  mintedAt: number[];
}

export interface AccessToken {
  token: string;
  clientId: string;
  userId: string;
  scopes: string[];
  /** The refresh token that made it; null for one issued without (access_type=online). */
  refreshToken: string | null;
  expiresAt: number;
  revoked: boolean;
}

/** Zoho's opaque token shape: `1000.<32 hex>.<32 hex>`. */
function opaqueToken(): string {
  return `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`;
}

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export class TokenStore {
  private codes = new Map<string, AuthCode>();
  private refreshTokens: RefreshToken[] = [];
  private accessTokens = new Map<string, AccessToken>();

  reset(): void {
    this.codes.clear();
    this.refreshTokens = [];
    this.accessTokens.clear();
  }

  issueCode(fields: Omit<AuthCode, 'code' | 'used'>): AuthCode {
    const code: AuthCode = { ...fields, code: opaqueToken(), used: false };
    this.codes.set(code.code, code);
    return code;
  }

  /**
   * Looks a code up and marks it used whatever happens next: a code is good for one exchange
   * attempt, so a wrong verifier cannot be retried against it.
   */
  takeCode(value: string, now: number): AuthCode | null {
    const code = this.codes.get(value);
    if (!code || code.used) return null;
    code.used = true;
    return now >= code.expiresAt ? null : code;
  }

  issueRefreshToken(clientId: string, userId: string, scopes: string[], now: number): RefreshToken {
    const live = this.refreshTokens
      .filter((t) => !t.revoked && t.userId === userId && t.clientId === clientId)
      .sort((a, b) => a.createdAt - b.createdAt);
    // Zoho's cap: issuing one more than the limit deletes the oldest.
    for (let i = 0; i <= live.length - LIMITS.refreshTokensPerUser; i++) {
      const oldest = live[i];
      if (oldest) this.revokeRefreshToken(oldest.token);
    }
    const token: RefreshToken = { token: opaqueToken(), clientId, userId, scopes, createdAt: now, revoked: false, mintedAt: [] };
    this.refreshTokens.push(token);
    return token;
  }

  refreshToken(value: string): RefreshToken | null {
    const token = this.refreshTokens.find((t) => t.token === value);
    return token && !token.revoked ? token : null;
  }

  /** True when this refresh token has minted its allowance in the current window. */
  isThrottled(token: RefreshToken, now: number): boolean {
    token.mintedAt = token.mintedAt.filter((time) => now - time < LIMITS.refreshWindowMs);
    return token.mintedAt.length >= LIMITS.accessTokensPerRefreshToken;
  }

  issueAccessToken(
    fields: { clientId: string; userId: string; scopes: string[]; refreshToken: RefreshToken | null },
    ttlSeconds: number,
    now: number,
  ): AccessToken {
    const token: AccessToken = {
      token: opaqueToken(),
      clientId: fields.clientId,
      userId: fields.userId,
      scopes: fields.scopes,
      refreshToken: fields.refreshToken?.token ?? null,
      expiresAt: now + ttlSeconds * 1000,
      revoked: false,
    };
    this.accessTokens.set(token.token, token);
    return token;
  }

  /** Counts a mint against the refresh token's throttle window. */
  recordMint(token: RefreshToken, now: number): void {
    token.mintedAt.push(now);
  }

  /** The access token if it is known, not revoked and not expired. */
  validAccessToken(value: string, now: number): AccessToken | null {
    const token = this.accessTokens.get(value);
    return token && !token.revoked && now < token.expiresAt ? token : null;
  }

  /** Revokes a refresh token and every access token it made. Returns the owner's id if found. */
  revokeRefreshToken(value: string): string | null {
    const token = this.refreshTokens.find((t) => t.token === value);
    if (!token) return null;
    token.revoked = true;
    for (const access of this.accessTokens.values()) if (access.refreshToken === value) access.revoked = true;
    return token.userId;
  }

  revokeAccessToken(value: string): string | null {
    const token = this.accessTokens.get(value);
    if (!token) return null;
    token.revoked = true;
    return token.userId;
  }

  expireAllAccessTokens(now: number): void {
    for (const token of this.accessTokens.values()) token.expiresAt = Math.min(token.expiresAt, now);
  }

  snapshot(now: number) {
    return {
      refreshTokens: this.refreshTokens.map((t) => ({
        userId: t.userId,
        clientId: t.clientId,
        scopes: t.scopes,
        revoked: t.revoked,
        createdAt: new Date(t.createdAt).toISOString(),
      })),
      activeAccessTokens: [...this.accessTokens.values()].filter((t) => !t.revoked && now < t.expiresAt).length,
    };
  }
}
