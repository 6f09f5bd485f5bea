import { randomBytes } from 'node:crypto';
import { SecretBox, SecretBoxError } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('round-trips text with its associated data', () => {
    const sealed = box.seal('access-token-123 ✓', 'auth/access_token/v1');
    expect(sealed).toMatch(/^sb1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('access-token-123');
    expect(box.open(sealed, 'auth/access_token/v1')).toBe('access-token-123 ✓');
  });

  it('uses a fresh IV every time', () => {
    const a = box.seal('same', 'slot');
    const b = box.seal('same', 'slot');
    expect(a).not.toBe(b);
    expect(a.split('.')[1]).not.toBe(b.split('.')[1]);
  });

  it('refuses another slot, another key, tampering and unknown formats', () => {
    const sealed = box.seal('secret', 'slot/a');
    expect(() => box.open(sealed, 'slot/b')).toThrow(SecretBoxError);
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'slot/a')).toThrow(SecretBoxError);
    const parts = sealed.split('.');
    const ciphertext = Buffer.from(parts[3], 'base64url');
    ciphertext[0] ^= 1;
    expect(() => box.open([parts[0], parts[1], parts[2], ciphertext.toString('base64url')].join('.'), 'slot/a')).toThrow(SecretBoxError);
    expect(() => box.open(`sb2.${parts.slice(1).join('.')}`, 'slot/a')).toThrow('Not a sealed value of a known format');
    expect(() => box.open('plaintext', 'slot/a')).toThrow(SecretBoxError);
  });

  it('needs a 32-byte key and never serializes it', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow('32-byte key');
    expect(JSON.stringify({ box })).toBe('{"box":"[SecretBox]"}');
  });
});
