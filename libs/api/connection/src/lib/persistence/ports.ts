import type { Database, Statement } from 'better-sqlite3';

/**
 * What this lib needs from the api core's SqliteDatabase and SecretBox. The module binds these tokens
 * to the core's providers (useExisting); unit tests bind them to an in-memory database and a test key. The clock
 * is core's Clock itself (tests pass any { now() }).
 */
export interface AuthDatabase {
  migrate(owner: string, migrations: { version: number; sql: string }[]): void;
  readonly connection: Database;
  /** A prepared statement compiled once (core's SqliteDatabase.statement). */
  statement(sql: string): Statement;
}
export interface AuthSecrets {
  seal(plaintext: string, aad: string): string;
  open(sealed: string, aad: string): string;
}

export const AUTH_DATABASE = Symbol('AUTH_DATABASE');
export const AUTH_SECRETS = Symbol('AUTH_SECRETS');
