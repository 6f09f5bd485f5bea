import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { nextTokenExpiry } from '../clock';

export interface AccessTokenRecord {
  token: string;
  userId: string;
  issuedAt: number;
  expiresAt: number;
  revoked: boolean;
  /** `extended`: Upstox's read-only extended token (1 year, a subset of reads; CONTRACT §2.4). */
  kind: 'access' | 'extended';
}

export interface AuthCodeRecord {
  code: string;
  clientId: string;
  redirectUri: string;
  userId: string;
  expiresAt: number;
}

export interface LoginRequestRecord {
  id: string;
  clientId: string;
  redirectUri: string;
  state: string | null;
  expiresAt: number;
}

const TEN_MINUTES = 10 * 60_000;
/** Extended tokens live one year from generation (CONTRACT §2.4). */
const EXTENDED_TOKEN_LIFETIME_MS = 365 * 24 * 3600_000;
const CODE_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/**
 * Pending sign-ins, authorization codes and access tokens. Tokens and codes come from crypto randomness
 * (not the seeded PRNG): they are secrets even in a simulator. Expiry is judged by the simulator clock.
 */
export class TokenStore {
  private readonly signingKey = randomBytes(32);
  private readonly tokens = new Map<string, AccessTokenRecord>();
  private readonly codes = new Map<string, AuthCodeRecord>();
  private readonly logins = new Map<string, LoginRequestRecord>();
  /** The user's current extended token: a token exchange hands out the same one unless asked to regenerate it. */
  private readonly extendedByUser = new Map<string, AccessTokenRecord>();
  /**
   * The app setting "issue an extended token" (control API `POST /__sim/app {extended_token}`). Off by default, like
   * an app that never asked for one: the token exchange then answers `extended_token: null`.
   */
  issuesExtendedTokens = false;
  /**
   * Routes (`GET /v2/order/trades/get-trades-for-day`) refused to extended tokens on top of the default list: Upstox has
   * not published which reads the extended token may make, so a test can make one of ours be refused (UDAPI100067).
   */
  extendedRefusedRoutes: ReadonlySet<string> = new Set();

  clear(): void {
    this.tokens.clear();
    this.codes.clear();
    this.logins.clear();
    this.extendedByUser.clear();
    this.issuesExtendedTokens = false;
    this.extendedRefusedRoutes = new Set();
  }

  createLoginRequest(p: Omit<LoginRequestRecord, 'id' | 'expiresAt'>, now: number): LoginRequestRecord {
    const record = { ...p, id: randomUUID(), expiresAt: now + TEN_MINUTES };
    this.logins.set(record.id, record);
    return record;
  }

  peekLoginRequest(id: string, now: number): LoginRequestRecord | null {
    const record = this.logins.get(id);
    return record && record.expiresAt > now ? record : null;
  }

  /** Single use: a login request is consumed by its first decision. */
  takeLoginRequest(id: string, now: number): LoginRequestRecord | null {
    const record = this.peekLoginRequest(id, now);
    this.logins.delete(id);
    return record;
  }

  issueCode(p: Omit<AuthCodeRecord, 'code' | 'expiresAt'>, now: number): AuthCodeRecord {
    let code = '';
    const bytes = randomBytes(10);
    for (const b of bytes) code += CODE_ALPHABET[b % CODE_ALPHABET.length];
    const record = { ...p, code, expiresAt: now + TEN_MINUTES };
    this.codes.set(code, record);
    return record;
  }

  /** Codes are single-use: consumed by the first exchange attempt, successful or not. */
  consumeCode(code: string, now: number): AuthCodeRecord | null {
    const record = this.codes.get(code);
    this.codes.delete(code);
    return record && record.expiresAt > now ? record : null;
  }

  /** A JWT-looking opaque token (HS256 over Upstox-like claims), expiring at the next 03:30 IST. */
  issueToken(userId: string, now: number): AccessTokenRecord {
    const expiresAt = nextTokenExpiry(now);
    return this.sign({ sub: userId, jti: randomUUID(), isMultiClient: false, isPlusPlan: false, iat: Math.floor(now / 1000) }, 'access', now, expiresAt);
  }

  /**
   * The user's extended token for a token exchange: the existing live one, or a new one (1 year) when there is none
   * or `refresh` (the exchange's `refresh_extended_token=true`) asks to regenerate it, which revokes the old one.
   */
  extendedTokenFor(userId: string, now: number, refresh: boolean): AccessTokenRecord {
    const existing = this.extendedByUser.get(userId);
    if (existing && !refresh && !existing.revoked && existing.expiresAt > now) return existing;
    if (existing) existing.revoked = true;
    const expiresAt = now + EXTENDED_TOKEN_LIFETIME_MS;
    const record = this.sign({ sub: userId, jti: randomUUID(), isExtended: true, iat: Math.floor(now / 1000) }, 'extended', now, expiresAt);
    this.extendedByUser.set(userId, record);
    return record;
  }

  private sign(claims: Record<string, unknown>, kind: AccessTokenRecord['kind'], now: number, expiresAt: number): AccessTokenRecord {
    const header = base64url(JSON.stringify({ typ: 'JWT', key_id: 'sk_v1.0', alg: 'HS256' }));
    const body = base64url(JSON.stringify({ ...claims, iss: 'udapi-gateway-service', exp: Math.floor(expiresAt / 1000) }));
    const signature = createHmac('sha256', this.signingKey).update(`${header}.${body}`).digest('base64url');
    const userId = String(claims['sub']);
    const record: AccessTokenRecord = { token: `${header}.${body}.${signature}`, userId, issuedAt: now, expiresAt, revoked: false, kind };
    this.tokens.set(record.token, record);
    return record;
  }

  /** The live access token record, or null when unknown, revoked, expired at `now` or an extended token. */
  validate(token: string, now: number): AccessTokenRecord | null {
    const record = this.validateAny(token, now);
    return record?.kind === 'access' ? record : null;
  }

  /** A live token of either kind (the request pipeline then limits what an extended token may call). */
  validateAny(token: string, now: number): AccessTokenRecord | null {
    const record = this.tokens.get(token);
    if (!record || record.revoked || record.expiresAt <= now) return null;
    return record;
  }

  revoke(token: string): boolean {
    const record = this.tokens.get(token);
    if (!record) return false;
    record.revoked = true;
    return true;
  }

  revokeAll(): number {
    let count = 0;
    for (const record of this.tokens.values()) {
      if (!record.revoked) count++;
      record.revoked = true;
    }
    return count;
  }
}
