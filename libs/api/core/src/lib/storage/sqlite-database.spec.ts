import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteDatabase } from './sqlite-database';

describe('SqliteDatabase', () => {
  it('opens a 0600 file in WAL mode with synchronous=FULL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-db-'));
    try {
      const db = SqliteDatabase.inDataDir(dir);
      expect(db.connection.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.connection.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.connection.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(statSync(join(dir, 'desk.sqlite')).mode & 0o777).toBe(0o600);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('applies each owner’s migrations once, in version order, independently of other owners', () => {
    const db = SqliteDatabase.inMemory();
    db.migrate('orders', [
      { version: 2, sql: 'ALTER TABLE orders_t ADD COLUMN note TEXT' },
      { version: 1, sql: 'CREATE TABLE orders_t (id INTEGER PRIMARY KEY)' },
    ]);
    db.migrate('auth', [{ version: 1, sql: 'CREATE TABLE auth_t (id INTEGER PRIMARY KEY)' }]);
    // Re-running is a no-op; a later version is applied on top.
    db.migrate('orders', [
      { version: 1, sql: 'CREATE TABLE orders_t (id INTEGER PRIMARY KEY)' },
      { version: 2, sql: 'ALTER TABLE orders_t ADD COLUMN note TEXT' },
      { version: 3, sql: 'CREATE INDEX orders_note ON orders_t (note)' },
    ]);
    const applied = db.connection.prepare('SELECT owner, version FROM schema_migrations ORDER BY owner, version').all();
    expect(applied).toEqual([
      { owner: 'auth', version: 1 },
      { owner: 'orders', version: 1 },
      { owner: 'orders', version: 2 },
      { owner: 'orders', version: 3 },
    ]);
    db.connection.prepare('INSERT INTO orders_t (id, note) VALUES (1, ?)').run('ok');
    db.close();
  });

  it('rolls a failing migration back completely and records nothing for it', () => {
    const db = SqliteDatabase.inMemory();
    expect(() =>
      db.migrate('broken', [{ version: 1, sql: 'CREATE TABLE half (id INTEGER); INSERT INTO missing_table VALUES (1);' }]),
    ).toThrow(/missing_table/);
    expect(db.connection.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    expect(db.connection.prepare("SELECT * FROM schema_migrations WHERE owner = 'broken'").all()).toEqual([]);
    db.close();
  });

  it('refuses duplicate or non-positive versions', () => {
    const db = SqliteDatabase.inMemory();
    expect(() => db.migrate('x', [{ version: 1, sql: '' }, { version: 1, sql: '' }])).toThrow('distinct positive integer');
    expect(() => db.migrate('x', [{ version: 0, sql: '' }])).toThrow('distinct positive integer');
    db.close();
  });
});
