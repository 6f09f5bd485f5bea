import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes from the CSPRNG, base64url (43 characters): the OAuth `state` and the browser binding. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only hashes are stored: a database leak does not reveal a usable `state` or binding value. */
export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('base64url');
}

/** Constant-time comparison of two hashes (equal lengths by construction; unequal lengths are simply false). */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A `state` we issued is exactly 43 base64url characters; anything else is refused before any lookup. */
export function looksLikeState(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
