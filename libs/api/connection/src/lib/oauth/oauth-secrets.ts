import { sha256 } from '@desk/api/core';

/**
 * How an OAuth `state` and browser binding are stored: their SHA-256 in base64url (43 characters), the format
 * the oauth_attempts table has always held. Only hashes are stored: a database leak does not reveal a usable
 * `state` or binding value. The values themselves are core's randomToken().
 */
export function oauthHash(value: string): string {
  return sha256(value, 'base64url');
}

/** A `state` we issued is exactly 43 base64url characters; anything else is refused before any lookup. */
export function looksLikeState(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
