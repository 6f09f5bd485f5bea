import { chmodSync, closeSync, constants, lstatSync, openSync, writeSync } from 'node:fs';
import { Logger, multistream, pino, StreamEntry, stdTimeFunctions } from 'pino';
import { ConfigError } from '../config/desk-env';
import { LoggingConfig } from '../config/logging.config';
import { redactLine } from './redaction';

/** DI token of the app's root pino logger. */
export const DESK_PINO = Symbol('DESK_PINO');

/** Append, create 0600 when missing, and never write through a symlink someone put in its place. */
const APPEND_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;

/**
 * Before the first line: an existing LOG_FILE (made by an earlier run, another tool or the shell's umask) is
 * made 0600, since its lines name requests, users and orders. A symlink, a non-file, or a file whose mode
 * cannot be changed (someone else's) stops start-up with a message saying what to do.
 */
export function secureLogFile(file: string): void {
  let stat;
  try {
    stat = lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new ConfigError([`LOG_FILE ${file} cannot be checked (${(error as NodeJS.ErrnoException).code}); choose another LOG_FILE.`]);
  }
  if (stat.isSymbolicLink() || !stat.isFile()) {
    throw new ConfigError([`LOG_FILE ${file} is ${stat.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'}; point LOG_FILE at a plain file of yours.`]);
  }
  if ((stat.mode & 0o777) === 0o600) return;
  try {
    chmodSync(file, 0o600);
  } catch {
    throw new ConfigError([
      `LOG_FILE ${file} has mode ${(stat.mode & 0o777).toString(8).padStart(4, '0')} (others may read it) and this user cannot change it to 0600; ` +
        'remove the file or make it yours, or choose another LOG_FILE.',
    ]);
  }
}

/**
 * Appends each line synchronously: no file descriptor to leak or close, and a test reading LOG_FILE right
 * after a response sees every line of that request. A failing write (folder removed, disk full) drops the
 * line instead of failing the request or the startup that logged it.
 */
export function appendingStream(file: string) {
  return {
    write: (line: string) => {
      try {
        const fd = openSync(file, APPEND_FLAGS, 0o600);
        try {
          writeSync(fd, line);
        } finally {
          closeSync(fd);
        }
      } catch {
        // Logging must never take the api down.
      }
    },
  };
}

export function createDeskPino(config: LoggingConfig): Logger {
  const streams: StreamEntry[] = [];
  if (config.stdout) streams.push({ stream: process.stdout });
  if (config.file) {
    secureLogFile(config.file);
    streams.push({ stream: appendingStream(config.file) });
  }
  return pino(
    {
      level: config.level,
      base: { app: 'upstox-desk' },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Redaction happens once, on the finished line (redactLine): it reaches any depth and spelling. pino's own
      // `redact` paths were a subset of it and cost about 50 µs per line (100 wildcard paths walked per object).
      hooks: { streamWrite: redactLine },
    },
    multistream(streams),
  );
}
