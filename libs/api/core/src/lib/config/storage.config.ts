import { getConfigToken, registerAs } from '@nestjs/config';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { DeskEnv, EnvReader } from './desk-env';

/** Where the embedded database, key file and login token live (namespace `storage`). */
export interface StorageConfig {
  dataDir: string;
}

export const STORAGE_CONFIG = getConfigToken('storage');

/** Per-user default, like other desktop tools: $XDG_DATA_HOME/upstox-desk or ~/.local/share/upstox-desk. */
export function defaultDataDir(env: DeskEnv): string {
  const xdg = env['XDG_DATA_HOME']?.trim();
  if (xdg && isAbsolute(xdg)) return join(xdg, 'upstox-desk');
  const home = env['HOME']?.trim() || homedir();
  return join(home, '.local', 'share', 'upstox-desk');
}

export function readStorageConfig(reader: EnvReader, env: DeskEnv): StorageConfig {
  const configured = reader.string('DATA_DIR');
  return { dataDir: configured ? resolve(configured) : defaultDataDir(env) };
}

export function parseStorageConfig(env: DeskEnv): StorageConfig {
  const reader = new EnvReader(env);
  const config = readStorageConfig(reader, env);
  reader.assertValid();
  return config;
}

export const storageConfig = (env: DeskEnv) => registerAs('storage', () => parseStorageConfig(env));
