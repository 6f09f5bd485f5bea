import { pathOnly } from '@desk/api/core';
import { DeskRequest } from './principal';
import { RateLimiter } from './rate-limiter';

/**
 * Which inbound budget a request spends:
 * - `read`: GET/HEAD of the reads answered from the account mirror in memory (cheap, generous bucket);
 * - `sign-in` and `callback`: their own strict buckets, so a flood of one does not lock out the other;
 * - `strict`: everything else (writes, instrument search, key management, ...).
 */
export type InboundBucket = 'read' | 'sign-in' | 'callback' | 'strict';

/** /api/orders, /api/orders/:id, /api/trades, /api/positions, /api/holdings, /api/funds, /api/events, /api/connection, /api/session */
const MEMORY_READ = /^\/api\/(?:orders(?:\/[^/]+)?|trades|positions|holdings|funds|events|connection|session)\/?$/;

export function inboundBucketOf(method: string, path: string): InboundBucket {
  if (path === '/callback' || path.startsWith('/callback/')) return 'callback';
  // The sign-in link (GET /?token=; plain `/` is served as a file before any guard) and the sign-in form.
  if (path === '/' || (method === 'POST' && path === '/api/session')) return 'sign-in';
  if ((method === 'GET' || method === 'HEAD') && MEMORY_READ.test(path)) return 'read';
  return 'strict';
}

function addressOf(req: DeskRequest): string {
  return req.socket?.remoteAddress ?? '?';
}

/** The caller a budget belongs to: the session or API key, or the client address when anonymous. */
function callerOf(req: DeskRequest): string {
  return req.principal ? `${req.principal.kind}:${req.principal.id}` : `ip:${addressOf(req)}`;
}

/**
 * Inbound rate limits per caller and bucket (429 with Retry-After), plus the budget of wrong API keys per
 * client address, which is checked before a presented key is looked up.
 */
export class InboundLimiter {
  constructor(
    private readonly strict: RateLimiter,
    private readonly reads: RateLimiter,
  ) {}

  /** Seconds to wait (the request is refused), or 0 (it passes and is counted). */
  take(req: DeskRequest): number {
    const bucket = inboundBucketOf(req.method, pathOnly(req.originalUrl ?? req.url).toLowerCase());
    return (bucket === 'read' ? this.reads : this.strict).take(`${bucket}:${callerOf(req)}`);
  }

  /**
   * Before a presented API key is checked: seconds to wait when this address has spent its budget of wrong
   * keys (the strict limits), so a flood of wrong keys gets 429 instead of a database lookup and a 401 each.
   */
  wrongApiKeyWait(req: DeskRequest): number {
    return this.strict.wait(`wrong-api-key:${addressOf(req)}`);
  }

  recordWrongApiKey(req: DeskRequest): void {
    this.strict.record(`wrong-api-key:${addressOf(req)}`);
  }
}
