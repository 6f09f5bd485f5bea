import { randomToken, sameHash, sameSecret, sha256 } from './hashing';

describe('secret hashing', () => {
  it('keeps the stored formats: hex for sessions and API keys, base64url on request (OAuth attempts)', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256('abc', 'base64url')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
  });

  it('gives 32 random bytes as 43 base64url characters, and compares exactly', () => {
    const token = randomToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sameSecret(token, token)).toBe(true);
    expect(sameSecret(token, `${token}x`)).toBe(false);
    expect(sameHash(sha256(token), sha256(token))).toBe(true);
    expect(sameHash(sha256(token), 'short')).toBe(false);
  });
});
