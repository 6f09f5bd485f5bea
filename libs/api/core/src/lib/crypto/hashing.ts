import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The one home of the desk's random secrets and their hashes: sessions, CSRF tokens, API keys, the login link
 * and the OAuth `state` / browser binding.
 */

/** 256 bits from the OS CSPRNG, base64url (43 characters). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * SHA-256 of a secret: enough for 256-bit random secrets (no slow KDF needed), and it keeps them out of the DB.
 * The encoding is part of what is stored: sessions and API keys are stored as hex, OAuth attempts as base64url;
 * a stored hash keeps its encoding so that it still verifies.
 */
export function sha256(value: string, encoding: 'hex' | 'base64url' = 'hex'): string {
  return createHash('sha256').update(value, 'utf8').digest(encoding);
}

/** Constant-time comparison of two secrets through their hashes (equal lengths by construction). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(sha256(a), 'hex'), Buffer.from(sha256(b), 'hex'));
}

/** Constant-time comparison of two stored hashes (unequal lengths are simply false). */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
