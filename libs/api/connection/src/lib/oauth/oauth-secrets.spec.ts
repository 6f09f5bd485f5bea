import { randomToken, sameHash } from '@desk/api/core';
import { looksLikeState, oauthHash } from './oauth-secrets';
import { clearFlowCookie, readCookie, serializeFlowCookie, TRANSACTION_COOKIE } from './transaction-cookie';

describe('OAuth state values', () => {
  it('are 32 random bytes in base64url (43 characters), all different', () => {
    const values = new Set(Array.from({ length: 200 }, () => randomToken()));
    expect(values.size).toBe(200);
    for (const value of values) {
      expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(value, 'base64url')).toHaveLength(32);
      expect(looksLikeState(value)).toBe(true);
    }
  });

  it('refuses values we could not have issued', () => {
    expect(looksLikeState('')).toBe(false);
    expect(looksLikeState('abc')).toBe(false);
    expect(looksLikeState(`${randomToken()}x`)).toBe(false);
    expect(looksLikeState('a'.repeat(42) + '=')).toBe(false);
  });

  it('stores the hash in base64url, as the oauth_attempts table always held it', () => {
    expect(oauthHash('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
  });

  it('compares hashes exactly', () => {
    const a = randomToken();
    expect(sameHash(oauthHash(a), oauthHash(a))).toBe(true);
    expect(sameHash(oauthHash(a), oauthHash(`${a.slice(0, -1)}A`))).toBe(a.endsWith('A'));
    expect(sameHash(oauthHash(a), 'short')).toBe(false);
    expect(oauthHash(a)).not.toContain(a);
  });
});

describe('transaction cookie', () => {
  it('is HttpOnly, SameSite=Lax, scoped to /callback and short-lived', () => {
    expect(serializeFlowCookie(TRANSACTION_COOKIE, 'abc', { maxAgeMs: 600_000, secure: false })).toBe(
      'desk_oauth_tx=abc; Path=/callback; Max-Age=600; HttpOnly; SameSite=Lax',
    );
    expect(serializeFlowCookie(TRANSACTION_COOKIE, 'abc', { maxAgeMs: 600_000, secure: true })).toContain('; Secure');
    expect(clearFlowCookie(TRANSACTION_COOKIE, false)).toContain('Max-Age=0');
  });

  it('is read only when present exactly once with a plausible value', () => {
    expect(readCookie('a=1; desk_oauth_tx=abc_-9; b=2', TRANSACTION_COOKIE)).toBe('abc_-9');
    expect(readCookie(undefined, TRANSACTION_COOKIE)).toBeNull();
    expect(readCookie('x_desk_oauth_tx=abc', TRANSACTION_COOKIE)).toBeNull();
    expect(readCookie('desk_oauth_tx=abc; desk_oauth_tx=def', TRANSACTION_COOKIE)).toBeNull();
    expect(readCookie('desk_oauth_tx=a%20b', TRANSACTION_COOKIE)).toBeNull();
  });
});
