import { HttpService } from '@nestjs/axios';
import { OutboundLimiter } from './outbound-limiter';
import { DEFAULT_RETRY_OPTIONS } from './retry-policy';
import { UpstoxConfig } from './upstox.config';
import { UpstoxHttpTransport } from './upstox-transport';

/**
 * A transport for plain downloads that are not Upstox API calls (the instrument file, the simulator's demo app):
 * same user agent, timeout and keep-alive agents as the client, no token, no limiter budget, no retries.
 */
export function rawFetchTransport(http: HttpService, limiter: OutboundLimiter, config: UpstoxConfig): UpstoxHttpTransport {
  return new UpstoxHttpTransport(http.axiosRef, limiter, config.timeoutMs, DEFAULT_RETRY_OPTIONS);
}

/** The URL itself when it is http(s); a plain Error otherwise (a configuration mistake, not a user's). */
export function httpUrlOrThrow(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`Not an http(s) URL: ${value}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Not an http(s) URL: ${value}`);
  return value;
}
