import Database = require('better-sqlite3');
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Migration {
  version: number;
  sql: string;
}

export const DATABASE_FILE = 'desk.sqlite';

/**
 * The embedded database (better-sqlite3, one file in DATA_DIR). Every feature registers its own versioned
 * migrations under its owner name, so no lib edits a central list. WAL + synchronous=FULL: a committed
 * row (e.g. an order journal entry) survives a crash of the process or the machine.
 */
export class SqliteDatabase {
  readonly connection: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(file: string) {
    this.connection = new Database(file);
    this.connection.pragma('journal_mode = WAL');
    this.connection.pragma('synchronous = FULL');
    this.connection.pragma('busy_timeout = 5000');
    this.connection.pragma('foreign_keys = ON');
    this.connection.exec(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        owner TEXT NOT NULL,
        version INTEGER NOT NULL,
        applied_at TEXT NOT NULL,
        PRIMARY KEY (owner, version)
      )`);
  }

  /** Opens DATA_DIR/desk.sqlite, creating it 0600 (SQLite gives its -wal/-shm files the same mode). */
  static inDataDir(dataDir: string): SqliteDatabase {
    const file = join(dataDir, DATABASE_FILE);
    if (!existsSync(file)) writeFileSync(file, '', { mode: 0o600, flag: 'wx' });
    return new SqliteDatabase(file);
  }

  /**
   * The prepared statement for this SQL, compiled once and reused: compiling costs more than running the small
   * statements the order path makes (a few per order). Only for SQL without values spliced in.
   */
  statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.connection.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** In-memory database for unit tests of repositories. */
  static inMemory(): SqliteDatabase {
    return new SqliteDatabase(':memory:');
  }

  /** Applies the owner's not-yet-applied migrations in version order, each in its own transaction. */
  migrate(owner: string, migrations: Migration[]): void {
    const versions = migrations.map((m) => m.version);
    if (new Set(versions).size !== versions.length || versions.some((v) => !Number.isInteger(v) || v < 1)) {
      throw new Error(`Migrations of "${owner}" need distinct positive integer versions; got ${versions.join(', ')}`);
    }
    const applied = new Set(
      this.connection
        .prepare('SELECT version FROM schema_migrations WHERE owner = ?')
        .all(owner)
        .map((row: unknown) => (row as { version: number }).version),
    );
    const record = this.connection.prepare(
      'INSERT INTO schema_migrations (owner, version, applied_at) VALUES (?, ?, ?)',
    );
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      this.connection.transaction(() => {
        this.connection.exec(migration.sql);
        record.run(owner, migration.version, new Date().toISOString());
      })();
    }
  }

  close(): void {
    if (this.connection.open) this.connection.close();
  }
}
