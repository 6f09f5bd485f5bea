import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const FORMAT = 'sb1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Thrown when a sealed value does not open: wrong key, wrong associated data, or tampering. */
export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

/**
 * Encrypts secrets at rest with AES-256-GCM. The associated data names the slot a value belongs to
 * (e.g. `auth/access_token/v1`), so a sealed value copied into another slot does not open.
 * Format: `sb1.<iv>.<tag>.<ciphertext>` (base64url), versioned so the scheme or key can rotate later.
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new SecretBoxError('SecretBox needs a 32-byte key');
  }

  seal(plaintext: string, aad: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  open(sealed: string, aad: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 4 || parts[0] !== FORMAT) throw new SecretBoxError('Not a sealed value of a known format');
    const [iv, tag, ciphertext] = parts.slice(1).map((part) => Buffer.from(part, 'base64url'));
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError('Malformed sealed value');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('The sealed value does not open with this key and associated data');
    }
  }

  /** Never print the key through logs or serialization. */
  toJSON(): string {
    return '[SecretBox]';
  }
}
