import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Occurrences of `needle` in the raw bytes of every file of the data folder (database, WAL, shm, ...), subfolders
 * (the instrument list cache) included.
 */
export function occurrencesInDataDir(dataDir: string, needle: string): number {
  let count = 0;
  const pattern = Buffer.from(needle, 'utf8');
  for (const name of readdirSync(dataDir)) {
    const path = join(dataDir, name);
    if (!existsSync(path) || name === 'login-token') continue;
    if (statSync(path).isDirectory()) {
      count += occurrencesInDataDir(path, needle);
      continue;
    }
    const bytes = readFileSync(path);
    for (let at = bytes.indexOf(pattern); at !== -1; at = bytes.indexOf(pattern, at + 1)) count += 1;
  }
  return count;
}
