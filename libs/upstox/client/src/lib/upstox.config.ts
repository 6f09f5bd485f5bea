import { registerAs } from '@nestjs/config';

/** Validated settings of the Upstox client (namespace `upstox`). */
export interface UpstoxConfig {
  /** Live REST host for everything except order writes. */
  apiUrl: string;
  /** Live host for place / modify / cancel (api-hft). */
  orderUrl: string;
  /** Upstox sandbox: both path sets collapse to this host. */
  sandboxUrl: string;
  /** The built-in simulator (serves both path sets). */
  simUrl: string;
  simPort: number;
  /** Timeout of every Upstox call, in ms. */
  timeoutMs: number;
  /**
   * `market_protection` sent with a MARKET or SL-M order that names none (UPSTOX_MARKET_PROTECTION): -1 = Upstox's
   * automatic band (default), 0 = none, 1-25 = percent. Upstox refuses such orders without it (UDAPI1158).
   */
  marketProtection: number;
}

export const UPSTOX_CONFIG_DEFAULTS = {
  apiUrl: 'https://api.upstox.com',
  orderUrl: 'https://api-hft.upstox.com',
  sandboxUrl: 'https://api-sandbox.upstox.com',
  simPort: 5100,
  timeoutMs: 10_000,
  marketProtection: -1,
} as const;

/** Thrown at boot for a bad UPSTOX_* value; the message names the variable and the expected shape. */
export class UpstoxConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UpstoxConfigError';
  }
}

type Env = Record<string, string | undefined>;

function valueOf(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  return trimmed === '' ? undefined : trimmed;
}

function httpUrl(env: Env, name: string, fallback: string): string {
  const raw = valueOf(env, name) ?? fallback;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new UpstoxConfigError(`${name} must be an http(s) URL such as ${fallback}; got "${raw}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UpstoxConfigError(`${name} must use http or https; got "${raw}"`);
  }
  if (parsed.username || parsed.password || parsed.search || parsed.hash) {
    throw new UpstoxConfigError(`${name} must be a plain base URL without credentials, query or fragment`);
  }
  // Paths are appended (`/v2/...`), so keep the base without a trailing slash.
  return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
}

function positiveInteger(env: Env, name: string, fallback: number, max: number): number {
  const raw = valueOf(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) <= 0 || Number(raw) > max) {
    throw new UpstoxConfigError(`${name} must be a positive integer (at most ${max}); got "${raw}"`);
  }
  return Number(raw);
}

/** -1, or 0 to 25 (percent, at most 2 decimals). */
function marketProtection(env: Env, name: string, fallback: number): number {
  const raw = valueOf(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^-?\d+(\.\d{1,2})?$/.test(raw) || !(value === -1 || (value >= 0 && value <= 25))) {
    throw new UpstoxConfigError(`${name} must be -1 (Upstox's automatic band) or a percentage from 0 to 25; got "${raw}"`);
  }
  return value;
}

/** Pure parser, so tests and `createApiApp(env)` can pass an explicit environment. */
export function parseUpstoxConfig(env: Env): UpstoxConfig {
  const simPort = positiveInteger(env, 'UPSTOX_SIM_PORT', UPSTOX_CONFIG_DEFAULTS.simPort, 65_535);
  return {
    apiUrl: httpUrl(env, 'UPSTOX_API_URL', UPSTOX_CONFIG_DEFAULTS.apiUrl),
    orderUrl: httpUrl(env, 'UPSTOX_ORDER_URL', UPSTOX_CONFIG_DEFAULTS.orderUrl),
    sandboxUrl: httpUrl(env, 'UPSTOX_SANDBOX_URL', UPSTOX_CONFIG_DEFAULTS.sandboxUrl),
    simUrl: httpUrl(env, 'UPSTOX_SIM_URL', `http://127.0.0.1:${simPort}`),
    simPort,
    timeoutMs: positiveInteger(env, 'UPSTOX_TIMEOUT_MS', UPSTOX_CONFIG_DEFAULTS.timeoutMs, 600_000),
    marketProtection: marketProtection(env, 'UPSTOX_MARKET_PROTECTION', UPSTOX_CONFIG_DEFAULTS.marketProtection),
  };
}

/** The only place that reads UPSTOX_* from process.env. */
export const upstoxConfig = registerAs('upstox', (): UpstoxConfig => parseUpstoxConfig(process.env));
