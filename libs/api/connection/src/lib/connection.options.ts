import { DEFAULT_REDIRECT_URI } from '@desk/contracts';
import type { PortfolioFeedOptions } from '@desk/upstox/client';

/** Settings of the connection lib, parsed from the api's env record (see ConnectionModule). */
export interface ConnectionOptions {
  /** Lifetime of an OAuth `state` and its transaction cookie (OAUTH_STATE_TTL_MS, default 10 minutes). */
  stateTtlMs: number;
  /** The redirect URI shown before any flow started: the guide's, on the configured port. */
  defaultRedirectUri: string;
  /** Keep-alive and reconnect timing of the portfolio stream (UPSTOX_STREAM_* settings). */
  stream: PortfolioFeedOptions;
}

export const CONNECTION_OPTIONS = Symbol('CONNECTION_OPTIONS');

export const DEFAULT_STATE_TTL_MS = 10 * 60_000;

export function defaultRedirectUriFor(port: number | undefined): string {
  return port && port !== 5000 ? `http://localhost:${port}/callback` : DEFAULT_REDIRECT_URI;
}
