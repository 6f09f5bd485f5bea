import { ConnectionChanges } from '../connection/connection-changes';
import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { DeskError, ERROR_TITLES, Profile } from '@desk/contracts';
import { SecretBox, SqliteDatabase } from '@desk/api/core';
import { UpstoxApiError, UpstoxClient, UpstoxEndpoints, UpstoxEndpointsResolver } from '@desk/upstox/client';
import { ConnectionOptions } from '../connection.options';
import { ConnectionService } from '../connection/connection.service';
import { ConnectionRepository } from '../persistence/connection.repository';
import { OAuthAttemptRepository } from '../persistence/oauth-attempt.repository';
import { OAuthFlowService } from './oauth-flow.service';

const PROFILE: Profile = {
  userId: 'SIM001', userName: 'Demo Trader', email: 'demo@example.com', broker: 'UPSTOX', userType: 'individual',
  exchanges: ['NSE'], products: ['D', 'I'], orderTypes: ['MARKET', 'LIMIT'], isActive: true, poa: false, ddpi: false,
};

/** A scripted stand-in for the Upstox client at unit level (the api tests use the real simulator over HTTP). */
class ScriptedUpstox {
  exchanges: { code: string; clientSecret: string; redirectUri: string }[] = [];
  exchangeResult: () => Promise<{ accessToken: string; profile: Profile }> = async () => ({ accessToken: 'tok-123', profile: PROFILE });
  authorizationUrl(e: UpstoxEndpoints, p: { clientId: string; redirectUri: string; state: string }): string {
    return `${e.apiUrl}/v2/login/authorization/dialog?${new URLSearchParams({ response_type: 'code', client_id: p.clientId, redirect_uri: p.redirectUri, state: p.state })}`;
  }
  async exchangeCode(_e: UpstoxEndpoints, p: { code: string; clientSecret: string; redirectUri: string }) {
    this.exchanges.push({ code: p.code, clientSecret: p.clientSecret, redirectUri: p.redirectUri });
    return this.exchangeResult();
  }
}

const resolver = {
  resolve: (environment: 'live' | 'sandbox' | 'simulator'): UpstoxEndpoints => ({ environment, apiUrl: 'http://sim.test', orderUrl: 'http://sim.test' }),
} as UpstoxEndpointsResolver;

function setup(ttlMs = 600_000) {
  let now = Date.parse('2026-11-28T05:00:00Z');
  const clock = { now: () => new Date(now) };
  const db = SqliteDatabase.inMemory();
  const box = new SecretBox(randomBytes(32));
  const connections = new ConnectionRepository(db, box, new ConnectionChanges());
  const attempts = new OAuthAttemptRepository(db, box);
  const upstox = new ScriptedUpstox();
  const options: ConnectionOptions = { stateTtlMs: ttlMs, defaultRedirectUri: 'http://localhost:5000/callback', stream: {} };
  const client = upstox as unknown as UpstoxClient;
  const flow = new OAuthFlowService(connections, attempts, client, resolver, clock, options);
  const service = new ConnectionService(connections, attempts, resolver, clock, options);
  const start = () => {
    const started = flow.start({ apiKey: 'key-1', apiSecret: 'secret-1', redirectUri: 'http://localhost:5000/callback', environment: 'simulator' });
    const state = new URL(started.authorizationUrl).searchParams.get('state') ?? '';
    return { ...started, state };
  };
  return { db, flow, service, upstox, start, advance: (ms: number) => (now += ms) };
}

describe('OAuthFlowService', () => {
  beforeAll(() => Logger.overrideLogger(false));
  it('starts with the documented dialog URL and a pending state, then connects once with the code', async () => {
    const t = setup();
    const started = t.start();
    const url = new URL(started.authorizationUrl);
    expect(url.pathname).toBe('/v2/login/authorization/dialog');
    expect(url.searchParams.get('client_id')).toBe('key-1');
    expect(url.searchParams.get('redirect_uri')).toBe('http://localhost:5000/callback');
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(started.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(t.service.status().state).toBe('pending');

    const result = await t.flow.complete({ code: 'code-1', state: started.state }, started.browserBinding);
    expect(result.page).toEqual({ kind: 'ok', userName: 'Demo Trader', simulated: true });
    expect(t.upstox.exchanges).toEqual([{ code: 'code-1', clientSecret: 'secret-1', redirectUri: 'http://localhost:5000/callback' }]);
    const status = t.service.status();
    expect(status).toMatchObject({ state: 'connected', userId: 'SIM001', userName: 'Demo Trader', environment: 'simulator' });
    // 2026-11-28 05:00Z is 10:30 IST -> the token dies at 03:30 IST on the 29th = 22:00Z on the 28th.
    expect(status.expiresAt).toBe('2026-11-28T22:00:00.000Z');
    expect((await t.service.requireAuth()).accessToken).toBe('tok-123');
  });

  it.each([
    ['missing', () => ({ code: 'c' }), 'state_missing'],
    ['wrong', (s: string) => ({ code: 'c', state: `${s.slice(0, -2)}xx` }), 'state_unknown'],
    ['malformed', () => ({ code: 'c', state: 'not-ours' }), 'state_unknown'],
    ['repeated', (s: string) => ({ code: 'c', state: [s, s] }), 'state_unknown'],
  ])('refuses a %s state with 0 token exchanges', async (_name, query, kind) => {
    const t = setup();
    const started = t.start();
    const result = await t.flow.complete(query(started.state), started.browserBinding);
    expect(result.failure?.kind).toBe(kind);
    expect(result.failure?.code).toBe('OAUTH_STATE_INVALID');
    expect(result.page.kind).toBe('failed');
    expect(result.consumed).toBe(false); // the browser's transaction cookie survives a forged callback
    expect(t.upstox.exchanges).toHaveLength(0);
    expect(t.service.status().state).toBe('pending'); // a forged callback does not end the real flow
  });

  it('refuses a foreign browser (no or another transaction cookie) with 0 exchanges', async () => {
    const t = setup();
    const started = t.start();
    expect((await t.flow.complete({ code: 'c', state: started.state }, null)).failure?.kind).toBe('browser_mismatch');
    expect((await t.flow.complete({ code: 'c', state: started.state }, 'A'.repeat(43))).failure?.kind).toBe('browser_mismatch');
    expect(t.upstox.exchanges).toHaveLength(0);
    // the real browser can still finish
    expect((await t.flow.complete({ code: 'c', state: started.state }, started.browserBinding)).page.kind).toBe('ok');
  });

  it('refuses an expired state with 0 exchanges', async () => {
    const t = setup(60_000);
    const started = t.start();
    t.advance(60_000);
    const result = await t.flow.complete({ code: 'c', state: started.state }, started.browserBinding);
    expect(result.failure?.kind).toBe('state_expired');
    expect(t.upstox.exchanges).toHaveLength(0);
    expect(t.service.status().state).toBe('disconnected');
  });

  it('exchanges a code once: a replayed callback is refused without a second exchange', async () => {
    const t = setup();
    const started = t.start();
    await t.flow.complete({ code: 'c', state: started.state }, started.browserBinding);
    const replay = await t.flow.complete({ code: 'c', state: started.state }, started.browserBinding);
    expect(replay.failure?.kind).toBe('state_reused');
    expect(replay.exchanged).toBe(false);
    expect(t.upstox.exchanges).toHaveLength(1);
  });

  it('never retries a failed exchange and reports invalid credentials in the guide words', async () => {
    const t = setup();
    t.upstox.exchangeResult = async () => {
      throw new UpstoxApiError({
        code: 'INVALID_CREDENTIALS', title: ERROR_TITLES.authorizationFailed, httpStatus: 400, message: 'Invalid Credentials',
        upstoxCode: 'UDAPI100016', upstreamStatus: 401, outcome: 'rejected',
      });
    };
    const started = t.start();
    const result = await t.flow.complete({ code: 'c', state: started.state }, started.browserBinding);
    expect(result.failure?.kind).toBe('invalid_credentials');
    expect(result.page).toMatchObject({ kind: 'failed', cause: expect.stringContaining('Invalid API credentials') });
    expect(t.upstox.exchanges).toHaveLength(1);
    const status = t.service.status();
    expect(status.state).toBe('disconnected');
    expect(status.reason).toContain('Authorization Failed');
    expect(status.reason).toContain('UDAPI100016');
  });

  it('shows both redirect URI strings on a mismatch', async () => {
    const t = setup();
    t.upstox.exchangeResult = async () => {
      throw new UpstoxApiError({
        code: 'REDIRECT_URI_MISMATCH', title: ERROR_TITLES.authorizationFailed, httpStatus: 400, message: 'mismatch',
        upstoxCode: 'UDAPI100068', upstreamStatus: 400, outcome: 'rejected',
      });
    };
    const started = t.start();
    const result = await t.flow.complete({ code: 'c', state: started.state }, started.browserBinding);
    expect(result.failure?.kind).toBe('redirect_uri_mismatch');
    expect(result.page.kind === 'failed' && result.page.facts?.map((f) => f.value)).toEqual([
      'http://localhost:5000/callback',
      'http://localhost:5000/callback',
    ]);
  });

  it('reports a denied sign-in and a missing code without calling Upstox', async () => {
    const t = setup();
    let started = t.start();
    const denied = await t.flow.complete({ error: 'access_denied', state: started.state }, started.browserBinding);
    expect(denied.failure?.kind).toBe('access_denied');
    expect(denied.page).toMatchObject({ cause: expect.stringContaining('You denied access') });
    started = t.start();
    expect((await t.flow.complete({ state: started.state }, started.browserBinding)).failure?.kind).toBe('code_missing');
    expect(t.upstox.exchanges).toHaveLength(0);
  });

  it('refuses OAuth for the Upstox sandbox and points to Option B', () => {
    const t = setup();
    const start = () => t.flow.start({ apiKey: 'k', apiSecret: 's', redirectUri: 'http://localhost:5000/callback', environment: 'sandbox' });
    expect(start).toThrow(DeskError);
    expect(start).toThrow(expect.objectContaining({ code: 'NOT_AVAILABLE_IN_SANDBOX', nextStep: expect.stringContaining('Option B') }));
  });

  it('ends on a failure page, not an exception, when a stored secret cannot be opened (changed key)', async () => {
    const t = setup();
    const started = t.start();
    const otherKey = new SecretBox(randomBytes(32));
    const clock = { now: () => new Date('2026-11-28T05:01:00Z') };
    const options = { stateTtlMs: 600_000, defaultRedirectUri: 'http://localhost:5000/callback', stream: {} };
    const flow = new OAuthFlowService(
      new ConnectionRepository(t.db, otherKey, new ConnectionChanges()), new OAuthAttemptRepository(t.db, otherKey),
      t.upstox as unknown as UpstoxClient, resolver, clock, options,
    );
    const result = await flow.complete({ code: 'c', state: started.state }, started.browserBinding);
    expect(result.page).toMatchObject({ kind: 'failed', cause: expect.stringContaining('unexpected error') });
    expect(t.upstox.exchanges).toHaveLength(0);
  });

  it('stores the secret and the token sealed: the raw database holds neither', async () => {
    const t = setup();
    const started = t.start();
    await t.flow.complete({ code: 'c', state: started.state }, started.browserBinding);
    const dump = JSON.stringify([
      t.db.connection.prepare('SELECT * FROM auth_connection').all(),
      t.db.connection.prepare('SELECT * FROM auth_oauth_attempt').all(),
    ]);
    expect(dump).not.toContain('secret-1');
    expect(dump).not.toContain('tok-123');
    expect(dump).not.toContain(started.state);
    expect(dump).not.toContain(started.browserBinding);
  });
});
