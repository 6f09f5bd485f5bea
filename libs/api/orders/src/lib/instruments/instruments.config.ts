import { DeskEnv, EnvReader } from '@desk/api/core';

export interface InstrumentsConfig {
  /** Base URL of Upstox's instrument files (UPSTOX_ASSETS_URL); tests point it at the simulator. */
  assetsUrl: string;
}

export const INSTRUMENTS_CONFIG = Symbol('INSTRUMENTS_CONFIG');
export const INSTRUMENTS_CONFIG_DEFAULTS: InstrumentsConfig = { assetsUrl: 'https://assets.upstox.com' };

/** Reads UPSTOX_ASSETS_URL: a plain http(s) base URL (no credentials, query or fragment), without trailing slash. */
export function parseInstrumentsConfig(env: DeskEnv): InstrumentsConfig {
  const reader = new EnvReader(env);
  const raw = reader.string('UPSTOX_ASSETS_URL') ?? INSTRUMENTS_CONFIG_DEFAULTS.assetsUrl;
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search || url.hash) {
    reader.fail(`UPSTOX_ASSETS_URL must be a plain http(s) base URL such as https://assets.upstox.com; got "${raw}"`);
  }
  reader.assertValid();
  return { assetsUrl: `${(url as URL).origin}${(url as URL).pathname}`.replace(/\/+$/, '') };
}
