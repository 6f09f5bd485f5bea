import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { nextTokenExpiry } from '../clock';

export interface AccessTokenRecord {
  token: string;
  userId: string;
  issuedAt: number;
  expiresAt: number;
  revoked: boolean;
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

  clear(): void {
    this.tokens.clear();
    this.codes.clear();
    this.logins.clear();
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
    const header = base64url(JSON.stringify({ typ: 'JWT', key_id: 'sk_v1.0', alg: 'HS256' }));
    const claims = base64url(
      JSON.stringify({
        sub: userId,
        jti: randomUUID(),
        isMultiClient: false,
        isPlusPlan: false,
        iat: Math.floor(now / 1000),
        iss: 'udapi-gateway-service',
        exp: Math.floor(expiresAt / 1000),
      }),
    );
    const signature = createHmac('sha256', this.signingKey).update(`${header}.${claims}`).digest('base64url');
    const record: AccessTokenRecord = { token: `${header}.${claims}.${signature}`, userId, issuedAt: now, expiresAt, revoked: false };
    this.tokens.set(record.token, record);
    return record;
  }

  /** The live token record, or null when unknown, revoked or expired at `now`. */
  validate(token: string, now: number): AccessTokenRecord | null {
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
