import type { Database } from 'better-sqlite3';

/**
 * What this lib needs from the api core's SqliteDatabase / SecretBox / Clock. The module binds these tokens
 * to the core's providers (useExisting); unit tests bind them to an in-memory database and a test key.
 */
export interface AuthDatabase {
  migrate(owner: string, migrations: { version: number; sql: string }[]): void;
  readonly connection: Database;
}
export interface AuthSecrets {
  seal(plaintext: string, aad: string): string;
  open(sealed: string, aad: string): string;
}
export interface AuthClock {
  now(): Date;
}

export const AUTH_DATABASE = Symbol('AUTH_DATABASE');
export const AUTH_SECRETS = Symbol('AUTH_SECRETS');
export const AUTH_CLOCK = Symbol('AUTH_CLOCK');
