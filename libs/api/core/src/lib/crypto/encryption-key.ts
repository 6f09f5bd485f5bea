import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config/desk-env';
import { assertPrivateFile, writePrivateFile } from '../storage/private-files';

export const KEY_FILE = 'secret.key';

/**
 * The encryption key: DESK_ENCRYPTION_KEY when set, else DATA_DIR/secret.key (generated 0600 on first start).
 * A key file with group/other permissions stops startup: the key must stay outside the database's reach.
 */
export function loadEncryptionKey(configured: Buffer | undefined, dataDir: string): Buffer {
  if (configured) return configured;
  const path = join(dataDir, KEY_FILE);
  if (!existsSync(path)) {
    writePrivateFile(path, `${randomBytes(32).toString('base64')}\n`);
  }
  assertPrivateFile(path, 'The encryption key file');
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== 32) {
    throw new ConfigError([
      `The encryption key file "${path}" does not hold 32 bytes in base64. Restore it from a backup; ` +
        'deleting it makes the stored Upstox secrets unreadable (you would reconnect).',
    ]);
  }
  return key;
}
