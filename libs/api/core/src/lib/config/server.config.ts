import { getConfigToken, registerAs } from '@nestjs/config';
import { isIP } from 'node:net';
import { DeskEnv, EnvReader } from './desk-env';

/** Where the api listens and which Host names it answers to (namespace `server`). */
export interface ServerConfig {
  /** 0 picks a free port (tests); the allowlist then uses the actual listening port. */
  port: number;
  host: string;
  allowRemote: boolean;
  /** Extra Host names (without port) accepted besides localhost, 127.0.0.1 and [::1]. */
  allowedHosts: string[];
}

export const SERVER_CONFIG = getConfigToken('server');

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1';
  return false;
}

export function readServerConfig(reader: EnvReader): ServerConfig {
  const port = reader.integer('PORT', 5000, 0, 65_535);
  const host = reader.string('HOST') ?? '127.0.0.1';
  const allowRemote = reader.boolean('DESK_ALLOW_REMOTE', false);
  if (!isLoopbackHost(host) && !allowRemote) {
    reader.fail(
      `HOST="${host}" is not a loopback address. The dashboard can place real orders, so it listens on ` +
        `127.0.0.1 by default. To expose it to other machines anyway, also set DESK_ALLOW_REMOTE=true.`,
    );
  }
  const allowedHosts = (reader.string('DESK_ALLOWED_HOSTS') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  for (const name of allowedHosts) {
    if (!/^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/.test(name)) {
      reader.fail(`DESK_ALLOWED_HOSTS entries must be host names without port or scheme; got "${name}"`);
    }
  }
  return { port, host, allowRemote, allowedHosts };
}

export function parseServerConfig(env: DeskEnv): ServerConfig {
  const reader = new EnvReader(env);
  const config = readServerConfig(reader);
  reader.assertValid();
  return config;
}

export const serverConfig = (env: DeskEnv) => registerAs('server', () => parseServerConfig(env));
