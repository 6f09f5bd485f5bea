import { ConnectionChanges } from './connection-changes';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { DeskError, ERROR_TITLES, Profile } from '@desk/contracts';
import { SecretBox, SqliteDatabase } from '@desk/api/core';
import { SimulatorAppLookup, UpstoxApiError, UpstoxAuth, UpstoxClient, UpstoxEndpoints, UpstoxEndpointsResolver } from '@desk/upstox/client';
import { ConnectionRepository } from '../persistence/connection.repository';
import { OAuthAttemptRepository } from '../persistence/oauth-attempt.repository';
import { ConnectionSetup } from './connection-setup.service';
import { ConnectionService } from './connection.service';

/** Temp data folders of this file, removed when it ends (none are left behind in /tmp). */
const tempDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => tempDirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const PROFILE = { userId: 'SIM001', userName: 'Demo Trader' } as Profile;
const tokenRejected = () =>
  new UpstoxApiError({
    code: 'TOKEN_INVALID', title: ERROR_TITLES.connectionFailed, httpStatus: 401, message: 'The Upstox access token is invalid, expired or revoked.',
    upstoxCode: 'UDAPI100050', upstreamStatus: 401, outcome: 'rejected',
  });
const unreachable = () =>
  new UpstoxApiError({
    code: 'UPSTOX_UNREACHABLE', title: ERROR_TITLES.connectionFailed, httpStatus: 502,
    message: 'Upstox could not be reached: a network issue (connection refused or name not resolved).', upstreamStatus: null, outcome: 'rejected',
  });

/** A scripted stand-in for the Upstox client at unit level (the api tests use the real simulator over HTTP). */
class ScriptedUpstox {
  profileCalls: UpstoxAuth[] = [];
  logouts: UpstoxAuth[] = [];
  profile: () => Promise<Profile> = async () => PROFILE;
  logoutResult: () => Promise<void> = async () => undefined;
  async getProfile(a: UpstoxAuth) {
    this.profileCalls.push(a);
    return this.profile();
  }
  async logout(a: UpstoxAuth) {
    this.logouts.push(a);
    return this.logoutResult();
  }
}

const resolver = {
  resolve: (environment: 'live' | 'sandbox' | 'simulator'): UpstoxEndpoints => ({ environment, apiUrl: `http://${environment}.test`, orderUrl: `http://${environment}.test` }),
} as UpstoxEndpointsResolver;

function setup(dir = tempDir('auth-'), key = randomBytes(32)) {
  let now = Date.parse('2026-11-28T05:00:00Z');
  const db = SqliteDatabase.inDataDir(dir);
  const box = new SecretBox(key);
  const upstox = new ScriptedUpstox();
  const connections = new ConnectionRepository(db, box, new ConnectionChanges());
  const attempts = new OAuthAttemptRepository(db, box);
  const clock = { now: () => new Date(now) };
  const service = new ConnectionService(connections, attempts, resolver, clock, {
    stateTtlMs: 600_000,
    defaultRedirectUri: 'http://localhost:5000/callback',
    stream: {},
  });
  const connecting = new ConnectionSetup(service, connections, attempts, upstox as unknown as UpstoxClient, resolver, {} as SimulatorAppLookup, clock);
  return { dir, key, db, service, connecting, upstox, setNow: (iso: string) => (now = Date.parse(iso)) };
}

async function caught(promise: Promise<unknown>): Promise<DeskError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DeskError) return error;
    throw error;
  }
  throw new Error('expected a DeskError');
}

const TOKEN_REQUEST = { apiKey: 'key-1', apiSecret: 'canary-secret-1', accessToken: 'canary-token-1', environment: 'simulator' as const };

describe('ConnectionService', () => {
  beforeAll(() => Logger.overrideLogger(false));
  it('answers Not authenticated with the next step when nothing is connected', async () => {
    const t = setup();
    const error = await caught(t.service.requireAuth());
    expect(error).toMatchObject({ code: 'NOT_AUTHENTICATED', title: 'Not authenticated', nextStep: 'Connect Upstox using the Connect button' });
  });

  it('connects a pasted token only after a profile call, then hands it out', async () => {
    const t = setup();
    const status = await t.connecting.connectWithToken(TOKEN_REQUEST);
    expect(t.upstox.profileCalls).toEqual([{ endpoints: resolver.resolve('simulator'), accessToken: 'canary-token-1' }]);
    expect(status).toMatchObject({ state: 'connected', userId: 'SIM001', userName: 'Demo Trader', expiresAt: '2026-11-28T22:00:00.000Z', simulated: true });
    expect(JSON.stringify(status)).not.toMatch(/canary/);
    expect(await t.service.requireAuth()).toEqual({ endpoints: resolver.resolve('simulator'), accessToken: 'canary-token-1' });
  });

  it('refuses an invalid token with Connection Failed and keeps nothing', async () => {
    const t = setup();
    t.upstox.profile = async () => {
      throw tokenRejected();
    };
    const error = await caught(t.connecting.connectWithToken(TOKEN_REQUEST));
    expect(error).toMatchObject({ code: 'TOKEN_INVALID', title: 'Connection Failed', upstoxCode: 'UDAPI100050' });
    expect(error.message).toContain('Invalid access token');
    expect(t.service.status()).toMatchObject({ state: 'disconnected', reason: expect.stringContaining('Connection Failed') });
  });

  it('reports Upstox unreachable as Connection Failed with a network cause', async () => {
    const t = setup();
    t.upstox.profile = async () => {
      throw unreachable();
    };
    const error = await caught(t.connecting.connectWithToken(TOKEN_REQUEST));
    expect(error).toMatchObject({ code: 'UPSTOX_UNREACHABLE', title: 'Connection Failed' });
    expect(error.message).toMatch(/network/i);
  });

  it('accepts a sandbox token without a profile call, for 30 days', async () => {
    const t = setup();
    const status = await t.connecting.connectWithToken({ ...TOKEN_REQUEST, environment: 'sandbox' });
    expect(t.upstox.profileCalls).toHaveLength(0);
    expect(status).toMatchObject({ state: 'connected', environment: 'sandbox', userId: null, expiresAt: '2026-12-28T05:00:00.000Z' });
  });

  it('expires at 03:30 IST: requireAuth then says the session expired and to reconnect', async () => {
    const t = setup();
    await t.connecting.connectWithToken(TOKEN_REQUEST);
    t.setNow('2026-11-28T21:59:59.999Z');
    expect(t.service.status().state).toBe('connected');
    t.setNow('2026-11-28T22:00:00.000Z');
    expect(t.service.status().state).toBe('expired');
    const error = await caught(t.service.requireAuth());
    expect(error).toMatchObject({ code: 'CONNECTION_EXPIRED', title: 'Not authenticated', nextStep: 'Reconnect using the Connect button' });
    expect(error.message).toContain('expired');
  });

  it('marks the connection expired on a 401 UDAPI100050 and refuses later calls locally', async () => {
    const t = setup();
    await t.connecting.connectWithToken(TOKEN_REQUEST);
    const error = await caught(t.service.withUpstox(async () => Promise.reject(tokenRejected())));
    expect(error).toMatchObject({ code: 'CONNECTION_EXPIRED', upstoxCode: 'UDAPI100050', nextStep: 'Reconnect using the Connect button' });
    expect(t.service.status()).toMatchObject({ state: 'expired', reason: expect.stringContaining('UDAPI100050') });
    let called = false;
    await caught(t.service.withUpstox(async () => (called = true)));
    expect(called).toBe(false);
  });

  it('opens a session once per request: later calls do not decrypt again, a 401 still marks the connection expired', async () => {
    const t = setup();
    await t.connecting.connectWithToken(TOKEN_REQUEST);
    const open = jest.spyOn(SecretBox.prototype, 'open');
    try {
      const session = t.service.openSession();
      expect(open).toHaveBeenCalledTimes(1);
      expect(await t.service.withSession(session, async (a) => a.accessToken)).toBe('canary-token-1');
      expect(await t.service.withSession(session, async (a) => a.accessToken)).toBe('canary-token-1');
      expect(open).toHaveBeenCalledTimes(1);
      const error = await caught(t.service.withSession(session, async () => Promise.reject(tokenRejected())));
      expect(error).toMatchObject({ code: 'CONNECTION_EXPIRED', upstoxCode: 'UDAPI100050' });
      expect(t.service.status().state).toBe('expired');
      let called = false;
      expect(await caught(t.service.withSession(session, async () => (called = true)))).toMatchObject({ code: 'CONNECTION_EXPIRED' });
      expect(called).toBe(false);
    } finally {
      open.mockRestore();
    }
  });

  it('uses the new connection when it was replaced after the session was opened', async () => {
    const t = setup();
    await t.connecting.connectWithToken(TOKEN_REQUEST);
    const session = t.service.openSession();
    await t.connecting.connectWithToken({ ...TOKEN_REQUEST, accessToken: 'canary-token-2' });
    expect(await t.service.withSession(session, async (a) => a.accessToken)).toBe('canary-token-2');
    expect(await t.service.withSession(null, async (a) => a.accessToken)).toBe('canary-token-2');
  });

  it('passes other Upstox errors through unchanged and stays connected', async () => {
    const t = setup();
    await t.connecting.connectWithToken(TOKEN_REQUEST);
    const error = await caught(t.service.withUpstox(async () => Promise.reject(unreachable())));
    expect(error.code).toBe('UPSTOX_UNREACHABLE');
    expect(t.service.status().state).toBe('connected');
    expect(await t.service.withUpstox(async (a) => a.accessToken)).toBe('canary-token-1');
  });

  it('restores the connection after a restart, with secrets sealed in the database file', async () => {
    const first = setup();
    await first.connecting.connectWithToken(TOKEN_REQUEST);
    first.db.close();
    const bytes = readdirSync(first.dir).map((f) => readFileSync(join(first.dir, f)).toString('latin1')).join('');
    expect(bytes).not.toContain('canary-token-1');
    expect(bytes).not.toContain('canary-secret-1');
    const second = setup(first.dir, first.key);
    expect(second.service.status()).toMatchObject({ state: 'connected', userName: 'Demo Trader' });
    expect((await second.service.requireAuth()).accessToken).toBe('canary-token-1');
  });

  it('after an encryption key change, answers CONNECTION_EXPIRED with the cause and reconnect step (not a 500)', async () => {
    const first = setup();
    await first.connecting.connectWithToken(TOKEN_REQUEST);
    first.db.close();
    const second = setup(first.dir, randomBytes(32));
    const error = await caught(second.service.withUpstox(async () => 'never called'));
    expect(error).toMatchObject({ code: 'CONNECTION_EXPIRED', httpStatus: 401, title: 'Not authenticated', nextStep: 'Reconnect using the Connect button' });
    expect(error.message).toContain('encryption key changed');
    expect(second.service.status()).toMatchObject({ state: 'expired', reason: expect.stringContaining('encryption key changed') });
  });

  it('after an encryption key change, still disconnects (no logout possible) instead of failing', async () => {
    const first = setup();
    await first.connecting.connectWithToken(TOKEN_REQUEST);
    first.db.close();
    const second = setup(first.dir, randomBytes(32));
    await expect(second.connecting.disconnect()).resolves.toMatchObject({ state: 'disconnected' });
    expect(second.upstox.logouts).toEqual([]);
  });

  it('disconnects with a best-effort logout, even when the logout fails', async () => {
    const t = setup();
    await t.connecting.connectWithToken(TOKEN_REQUEST);
    t.upstox.logoutResult = async () => {
      throw unreachable();
    };
    const status = await t.connecting.disconnect();
    expect(t.upstox.logouts).toHaveLength(1);
    expect(status.state).toBe('disconnected');
    expect((await caught(t.service.requireAuth())).code).toBe('NOT_AUTHENTICATED');
  });
});
