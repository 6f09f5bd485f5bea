import { PrincipalRevocations } from './principal-revocations';
import { Clock, sha256, SqliteDatabase } from '@desk/api/core';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeyService } from './api-key.service';
import { ACCESS_MIGRATION_OWNER, ACCESS_MIGRATIONS } from './access-migrations';
import { SESSION_IDLE_MS, SESSION_MAX_AGE_MS, SessionService } from './session.service';
import { SessionRepository } from './session.repository';

class ManualClock extends Clock {
  at = Date.parse('2026-11-28T10:00:00Z');
  override now(): Date {
    return new Date(this.at);
  }
}

function setup() {
  const db = SqliteDatabase.inMemory();
  db.migrate(ACCESS_MIGRATION_OWNER, ACCESS_MIGRATIONS);
  const clock = new ManualClock();
  return { db, clock, sessions: new SessionService(new SessionRepository(db), clock, new PrincipalRevocations()), keys: new ApiKeyService(new ApiKeyRepository(db), clock, new PrincipalRevocations()) };
}

describe('SessionService', () => {
  it('stores only hashes and verifies the cookie and its CSRF token', () => {
    const { db, sessions } = setup();
    const created = sessions.create();
    const dump = JSON.stringify(db.connection.prepare('SELECT * FROM core_sessions').all());
    expect(dump).not.toContain(created.sessionToken);
    expect(dump).not.toContain(created.csrfToken);
    expect(dump).toContain(sha256(created.sessionToken));
    const session = sessions.verify(created.sessionToken);
    if (!session) throw new Error('the new session does not verify');
    expect(session.id).toBe(sha256(created.sessionToken).slice(0, 16));
    expect(sessions.csrfMatches(session, created.csrfToken, created.csrfToken)).toBe(true);
    expect(sessions.csrfMatches(session, created.csrfToken, 'other')).toBe(false);
    expect(sessions.csrfMatches(session, 'forged', 'forged')).toBe(false);
    expect(sessions.csrfMatches(session, undefined, created.csrfToken)).toBe(false);
    expect(sessions.verify('unknown')).toBeUndefined();
    expect(sessions.verify(undefined)).toBeUndefined();
  });

  it('ends sessions after the idle time and the absolute lifetime, and on sign-out', () => {
    const { clock, sessions } = setup();
    const idle = sessions.create();
    clock.at += SESSION_IDLE_MS;
    expect(sessions.verify(idle.sessionToken)).toBeUndefined();
    const busy = sessions.create();
    for (let elapsed = 0; elapsed + SESSION_IDLE_MS / 2 < SESSION_MAX_AGE_MS; elapsed += SESSION_IDLE_MS / 2) {
      expect(sessions.verify(busy.sessionToken)).toBeDefined();
      clock.at += SESSION_IDLE_MS / 2;
    }
    clock.at += SESSION_IDLE_MS / 2;
    expect(sessions.verify(busy.sessionToken)).toBeUndefined();
    const signedOut = sessions.create();
    sessions.revoke(signedOut.sessionToken);
    expect(sessions.verify(signedOut.sessionToken)).toBeUndefined();
  });
});

describe('ApiKeyService', () => {
  it('creates desk_ keys shown once, stored as SHA-256, verifiable until revoked', () => {
    const { db, keys } = setup();
    const created = keys.create('bot', ['trade', 'read', 'read']);
    expect(created.key).toMatch(/^desk_[A-Za-z0-9_-]{43}$/);
    expect(created.scopes).toEqual(['read', 'trade']);
    const dump = JSON.stringify(db.connection.prepare('SELECT * FROM core_api_keys').all());
    expect(dump).not.toContain(created.key.slice(5));
    expect(dump).toContain(sha256(created.key));
    expect(keys.verify(created.key)?.id).toBe(created.id);
    expect(keys.list().map((k) => ({ ...k }))).toEqual([expect.not.objectContaining({ key: expect.anything() })]);
    expect(keys.list()[0].lastUsedAt).not.toBeNull();
    keys.revoke(created.id);
    expect(keys.verify(created.key)).toBeUndefined();
    expect(keys.list()[0].revokedAt).not.toBeNull();
    expect(keys.verify('desk_nope')).toBeUndefined();
    expect(keys.verify('tdk_other')).toBeUndefined();
    expect(() => keys.revoke('missing')).toThrow('No API key with this id.');
  });
});
