import { randomBytes } from 'node:crypto';

/** Crockford base32: no I, L, O, U; sorts in the same order as the numbers it encodes. */
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const BROKER_TAG_PREFIX = 'dk';
/** Upstox rejects tags longer than 40 characters (UDAPI1119). */
export const BROKER_TAG_MAX_LENGTH = 40;
const TIME_CHARS = 9; // 45 bits of milliseconds: good until the year 3084
const RANDOM_CHARS = 8; // 40 random bits per millisecond; the journal's unique index catches the rest

function encodeTime(ms: number): string {
  let out = '';
  let rest = ms;
  for (let i = 0; i < TIME_CHARS; i++) {
    out = BASE32[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function randomChars(count: number): string {
  const bytes = randomBytes(count);
  let out = '';
  for (let i = 0; i < count; i++) out += BASE32[bytes[i] % 32];
  return out;
}

/**
 * A unique, time-sortable tag for one order intent: `dk` + 9 time chars + 8 random chars (19),
 * then `-` + the user's own tag when given (at most 20), so the whole stays within 40 characters.
 * Upstox can look orders up by exact tag (GET /v2/order/history?tag=), which is how an order whose
 * outcome is unknown gets reconciled.
 */
export function newBrokerTag(userTag: string | null | undefined, now: number = Date.now()): string {
  const base = `${BROKER_TAG_PREFIX}${encodeTime(now)}${randomChars(RANDOM_CHARS)}`;
  const tag = userTag ? `${base}-${userTag}` : base;
  if (tag.length > BROKER_TAG_MAX_LENGTH) {
    throw new Error(`broker tag would exceed ${BROKER_TAG_MAX_LENGTH} characters`);
  }
  return tag;
}

const OWN_TAG = /^dk[0-9A-HJKMNP-TV-Z]{17}(?:-|$)/;

/** True for tags this app generated (used to spot our orders in the broker's order book). */
export function isOwnBrokerTag(tag: string | null | undefined): boolean {
  return typeof tag === 'string' && OWN_TAG.test(tag);
}

/** A journal id: `oi_` + the same time-sortable scheme, so ids sort by creation. */
export function newIntentId(now: number = Date.now()): string {
  return `oi_${encodeTime(now)}${randomChars(10)}`;
}
