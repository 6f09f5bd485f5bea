import { DEFAULT_REDIRECT_URI } from '@desk/contracts';
import { StoredConnection } from '../persistence/connection.repository';
import { OAuthAttempt } from '../persistence/oauth-attempt.repository';
import { ConnectionFacts, deriveStatus, KEY_CHANGED, tokenRejected } from './connection-state';

const NOW = Date.parse('2026-11-28T10:00:00Z');
const connection: StoredConnection = {
  connectionId: 'c1',
  via: 'oauth',
  environment: 'simulator',
  apiKey: 'key',
  redirectUri: 'http://localhost:5000/callback',
  userId: 'AB1234',
  userName: 'Demo User',
  connectedAt: NOW - 3600_000,
  expiresAt: Date.parse('2026-11-28T22:00:00Z'), // 03:30 IST on the 29th
  expiredBy: null,
  hasExtendedToken: false,
};
const pending: OAuthAttempt = {
  id: 'a1',
  stateHash: 'h',
  bindingHash: 'b',
  environment: 'live',
  apiKey: 'key2',
  redirectUri: 'http://127.0.0.1:5000/callback',
  createdAt: NOW - 60_000,
  expiresAt: NOW + 540_000,
  usedAt: null,
};
const facts = (over: Partial<ConnectionFacts>): ConnectionFacts => ({
  connection: null,
  pending: null,
  lastFailure: null,
  now: NOW,
  defaultRedirectUri: DEFAULT_REDIRECT_URI,
  ...over,
});

describe('deriveStatus', () => {
  it('is disconnected with the default redirect URI when nothing is stored', () => {
    expect(deriveStatus(facts({}))).toEqual({
      state: 'disconnected',
      environment: null,
      simulated: false,
      userId: null,
      userName: null,
      expiresAt: null,
      redirectUri: DEFAULT_REDIRECT_URI,
      reason: null,
      stream: null,
      readOnly: false,
    });
  });

  it('is pending with the flow environment and redirect URI while an OAuth flow can complete', () => {
    const status = deriveStatus(facts({ pending }));
    expect(status.state).toBe('pending');
    expect(status.environment).toBe('live');
    expect(status.simulated).toBe(false);
    expect(status.redirectUri).toBe('http://127.0.0.1:5000/callback');
  });

  it('is connected with user, expiry and the simulated flag before the expiry instant', () => {
    const status = deriveStatus(facts({ connection }));
    expect(status).toMatchObject({
      state: 'connected',
      environment: 'simulator',
      simulated: true,
      userId: 'AB1234',
      userName: 'Demo User',
      expiresAt: '2026-11-28T22:00:00.000Z',
      reason: null,
    });
  });

  it('stays connected while a re-authorization is pending', () => {
    expect(deriveStatus(facts({ connection, pending })).state).toBe('connected');
  });

  it('is expired exactly at 03:30 IST, with a reason naming the daily expiry', () => {
    const status = deriveStatus(facts({ connection, now: connection.expiresAt }));
    expect(status.state).toBe('expired');
    expect(status.reason).toContain('03:30 IST');
    expect(deriveStatus(facts({ connection, now: connection.expiresAt - 1 })).state).toBe('connected');
  });

  it('is expired after Upstox rejected the token, with that reason', () => {
    const refused = tokenRejected('UDAPI100050');
    const status = deriveStatus(facts({ connection: { ...connection, environment: 'live', expiredBy: refused } }));
    expect(status.state).toBe('expired');
    expect(status.reason).toBe(refused.reason);
  });

  it('says that the built-in simulator forgets its tokens when it restarts, for a refused simulator token only', () => {
    const refused = tokenRejected('HTTP 401', ' on the live stream');
    const simulator = deriveStatus(facts({ connection: { ...connection, environment: 'simulator', expiredBy: refused } }));
    expect(simulator.reason).toBe(`${refused.reason} The built-in simulator forgets its tokens whenever it restarts (as when npm start runs again).`);
    expect(deriveStatus(facts({ connection: { ...connection, environment: 'live', expiredBy: refused } })).reason).toBe(refused.reason);
    expect(deriveStatus(facts({ connection: { ...connection, environment: 'simulator', expiredBy: KEY_CHANGED } })).reason).toBe(KEY_CHANGED.reason);
    // The kind decides, not the words: a refusal worded differently still gets the simulator's explanation.
    const reworded = { kind: 'token-rejected', reason: 'Upstox said no.' } as const;
    expect(deriveStatus(facts({ connection: { ...connection, environment: 'simulator', expiredBy: reworded } })).reason).toContain('forgets its tokens');
  });

  it('is read-only only while expired with an extended token; connected, pending and token-less stay as they were', () => {
    const withExtended = { ...connection, hasExtendedToken: true };
    const expired = deriveStatus(facts({ connection: withExtended, now: connection.expiresAt }));
    expect([expired.state, expired.readOnly]).toEqual(['expired', true]);
    expect(expired.reason).toContain('03:30 IST');
    expect(deriveStatus(facts({ connection: withExtended })).readOnly).toBe(false);
    expect(deriveStatus(facts({ connection, now: connection.expiresAt })).readOnly).toBe(false);
    expect(deriveStatus(facts({ connection: withExtended, pending, now: connection.expiresAt })).readOnly).toBe(false);
  });

  it('shows pending over expired while a reconnect is in progress', () => {
    expect(deriveStatus(facts({ connection, pending, now: connection.expiresAt + 1 })).state).toBe('pending');
  });

  it('shows the last failure only when it is newer than the connection and the pending flow', () => {
    const failure = { reason: 'Authorization Failed: You denied access', at: NOW - 1000 };
    expect(deriveStatus(facts({ lastFailure: failure })).reason).toBe(failure.reason);
    expect(deriveStatus(facts({ lastFailure: failure, pending })).reason).toBe(failure.reason);
    expect(deriveStatus(facts({ lastFailure: { ...failure, at: pending.createdAt - 1 }, pending })).reason).toBeNull();
    expect(deriveStatus(facts({ lastFailure: { ...failure, at: connection.connectedAt - 1 }, connection })).reason).toBeNull();
  });
});
