import { getConfigToken, registerAs } from '@nestjs/config';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DeskEnv, EnvReader } from './desk-env';

/** The built SPA the api serves at `/` (namespace `web`). */
export interface WebConfig {
  distDir: string;
}

export const WEB_CONFIG = getConfigToken('web');
const WEB_BUILD = join('dist', 'apps', 'web', 'browser');

/** The workspace root: the nearest folder above `from` holding nx.json (source runs and the built bundle). */
function findWorkspaceRoot(from: string): string | undefined {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function defaultWebDistDir(): string {
  const candidates = [findWorkspaceRoot(__dirname), findWorkspaceRoot(process.cwd()), process.cwd()]
    .filter((dir): dir is string => dir !== undefined)
    .map((root) => join(root, WEB_BUILD));
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0];
}

export function readWebConfig(reader: EnvReader): WebConfig {
  const configured = reader.string('WEB_DIST_DIR');
  return { distDir: configured ? resolve(configured) : defaultWebDistDir() };
}

export function parseWebConfig(env: DeskEnv): WebConfig {
  const reader = new EnvReader(env);
  const config = readWebConfig(reader);
  reader.assertValid();
  return config;
}

export const webConfig = (env: DeskEnv) => registerAs('web', () => parseWebConfig(env));
