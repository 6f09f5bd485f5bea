import { lstatSync, readlinkSync, Stats } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config/desk-env';
import { KEY_FILE } from '../crypto/encryption-key';
import { DATABASE_FILE } from './sqlite-database';

/** The sign-in token's file in DATA_DIR (written by api/access; named here so the trust check covers it). */
export const LOGIN_TOKEN_FILE = 'login-token';

/** The files in DATA_DIR that hold secrets or orders, SQLite's companions included. */
export const PRIVATE_DATA_FILES: readonly { name: string; what: string }[] = [
  { name: DATABASE_FILE, what: 'The database file' },
  { name: `${DATABASE_FILE}-wal`, what: "The database's write-ahead log" },
  { name: `${DATABASE_FILE}-shm`, what: "The database's shared-memory file" },
  { name: KEY_FILE, what: 'The encryption key file' },
  { name: LOGIN_TOKEN_FILE, what: 'The login token file' },
];

/** Raised before anything is created or changed on disk; main.ts prints the message as is. */
export class UntrustedDataDirError extends ConfigError {
  constructor(problems: string[]) {
    super(problems);
    this.name = 'UntrustedDataDirError';
    this.message =
      `The data folder is not private to you, so Upstox Desk did not start (nothing was changed on disk):\n` +
      problems.map((p) => `  - ${p}`).join('\n');
  }
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function octal(mode: number): string {
  return (mode & 0o777).toString(8).padStart(4, '0');
}

/** What the group/other bits of a mode let other users do ("read", "change", "read or change", ...). */
function exposure(mode: number, kind: 'folder' | 'file'): string {
  const readable = (mode & 0o044) !== 0;
  const writable = (mode & 0o022) !== 0;
  if (readable && writable) return 'read or change';
  if (readable) return 'read';
  if (writable) return 'change';
  return kind === 'folder' ? 'enter' : 'run';
}

/**
 * What is wrong with one existing entry: a symlink, another owner, or group/other permission bits.
 * `uid` is the user that must own it (undefined on Windows, which has no Unix owners or modes).
 */
function entryProblems(path: string, stats: Stats, what: string, kind: 'folder' | 'file', uid: number | undefined): string[] {
  if (stats.isSymbolicLink()) {
    return [
      `${what} "${path}" is a symbolic link (to "${readlinkSync(path)}"). Upstox Desk does not follow links in ` +
        `its data, since whoever controls the target controls your secrets. ` +
        (kind === 'folder'
          ? `Set DATA_DIR to a real folder of yours instead (or replace the link with the folder itself).`
          : `Replace the link with the file itself (if the target is yours: cp --remove-destination "<target>" "${path}").`),
    ];
  }
  if (kind === 'folder' && !stats.isDirectory()) return [`DATA_DIR "${path}" exists but is not a folder`];
  if (kind === 'file' && !stats.isFile()) return [`${what} "${path}" is not a regular file. Move it away and start again.`];
  if (uid === undefined) return [];
  const problems: string[] = [];
  if (stats.uid !== uid) {
    problems.push(
      `${what} "${path}" belongs to another user (uid ${stats.uid}), not to you (uid ${uid}): that user could have ` +
        `planted it or could read it. If it is yours (e.g. made with sudo), take it back with: ` +
        `sudo chown ${uid} "${path}"; otherwise move it away (or set DATA_DIR to a folder of yours) and start again.`,
    );
  }
  if ((stats.mode & 0o077) !== 0) {
    const fix = kind === 'folder' ? 'chmod 700' : 'chmod 600';
    problems.push(
      `${what} "${path}" has mode ${octal(stats.mode)}: other users could ${exposure(stats.mode, kind)} it. ` +
        `Restrict it with: ${fix} "${path}" (then start again).`,
    );
  }
  return problems;
}

/**
 * Every reason not to trust DATA_DIR and its secret files (all of them, so one round of fixes is enough).
 * A missing folder or file is fine: the desk creates it private (folder 0700, files 0600). A folder that
 * is ours and 0700 cannot get foreign files afterwards, so this check at start covers the whole run.
 */
export function dataDirProblems(dataDir: string, uid: number | undefined = process.getuid?.()): string[] {
  const folder = lstatOrUndefined(dataDir);
  if (!folder) return [];
  const problems = entryProblems(dataDir, folder, 'DATA_DIR', 'folder', uid);
  if (folder.isSymbolicLink() || !folder.isDirectory()) return problems;
  for (const { name, what } of PRIVATE_DATA_FILES) {
    const path = join(dataDir, name);
    const stats = lstatOrUndefined(path);
    if (stats) problems.push(...entryProblems(path, stats, what, 'file', uid));
  }
  return problems;
}

/** Refuses to start on a data folder or secret file another user owns, could swap, read or change. */
export function assertDataDirTrusted(dataDir: string, uid: number | undefined = process.getuid?.()): void {
  const problems = dataDirProblems(dataDir, uid);
  if (problems.length > 0) throw new UntrustedDataDirError(problems);
}
