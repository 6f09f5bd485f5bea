import { chmodSync, existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { ConfigError } from '../config/desk-env';

/**
 * Creates the data folder readable by this user only (0700). An existing folder keeps its mode: start-up
 * checked it first (assertDataDirTrusted refuses one that is not private).
 */
export function ensurePrivateDir(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new ConfigError([`DATA_DIR "${dir}" exists but is not a folder`]);
    return;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** Writes a secret file atomically with mode 0600 (temp file + rename, so no reader sees it half-written). */
export function writePrivateFile(path: string, content: string): void {
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temp, content, { mode: 0o600, flag: 'wx' });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
}

/** Refuses a secret file other users could read or write, as ssh does for private keys. */
export function assertPrivateFile(path: string, what: string): void {
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new ConfigError([
      `${what} "${path}" has mode ${mode.toString(8).padStart(4, '0')}: other users could read it. ` +
        `Restrict it with: chmod 600 "${path}" (then start again).`,
    ]);
  }
}
