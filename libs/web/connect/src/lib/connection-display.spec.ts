import { ConnectionStatus } from '@desk/contracts';
import { describeConnection } from './connection-display';

const now = new Date('2026-11-28T10:00:00Z'); // 15:30 IST
const base: ConnectionStatus = {
  state: 'disconnected',
  environment: null,
  simulated: false,
  userId: null,
  userName: null,
  expiresAt: null,
  redirectUri: 'http://localhost:5000/callback',
  reason: null,
  stream: null,
};
const idle = { awaitingAuthorization: false, checking: false };

describe('describeConnection (top bar status)', () => {
  it('shows green "Connected" with the user name and the time left until 03:30 IST', () => {
    const view = describeConnection(
      { ...base, state: 'connected', environment: 'simulator', simulated: true, userId: 'AB1234', userName: 'Asha Rao', expiresAt: '2026-11-28T22:00:00Z' },
      idle,
      now,
    );
    expect(view).toMatchObject({ label: 'Connected', tone: 'ok', userName: 'Asha Rao', timeLeft: '12h 0m', action: 'disconnect', banner: null });
  });

  it('falls back to the user id when Upstox gave no name', () => {
    const view = describeConnection({ ...base, state: 'connected', userId: 'AB1234', expiresAt: '2026-11-28T10:05:00Z' }, idle, now);
    expect(view.userName).toBe('AB1234');
    expect(view.timeLeft).toBe('5m');
  });

  it('shows grey "Disconnected" with a Connect button', () => {
    expect(describeConnection(base, idle, now)).toMatchObject({ label: 'Disconnected', tone: 'idle', action: 'connect' });
  });

  it('shows amber "Expired - Reconnect" for an expired connection', () => {
    const view = describeConnection({ ...base, state: 'expired', reason: 'Upstox rejected the token.' }, idle, now);
    expect(view).toMatchObject({ label: 'Expired - Reconnect', tone: 'warn', action: 'connect', banner: 'expired' });
    expect(view.hint).toContain('Upstox rejected the token.');
  });

  it('says "Read-only until you reconnect" only when the expired connection still reads with the extended token', () => {
    const view = describeConnection({ ...base, state: 'expired', userId: 'AB1234', reason: 'The session expired at 03:30 IST.', readOnly: true }, idle, now);
    expect(view).toMatchObject({ label: 'Read-only until you reconnect', tone: 'warn', action: 'connect', userName: 'AB1234', banner: 'read-only' });
    expect(view.hint).toContain('Reconnect to trade');
    expect(describeConnection({ ...base, state: 'expired', readOnly: false }, idle, now).label).toBe('Expired - Reconnect');
  });

  it('treats a connection past its 03:30 IST expiry as expired before the api notices', () => {
    const view = describeConnection({ ...base, state: 'connected', userName: 'Asha', expiresAt: '2026-11-28T09:59:00Z' }, idle, now);
    expect(view.label).toBe('Expired - Reconnect');
    expect(view.tone).toBe('warn');
    expect(view.banner).toBe('expired');
  });

  it('does not show a green "Connected" the desk cannot vouch for while its api gives no answer', () => {
    const status = { ...base, state: 'connected' as const, userName: 'Asha', expiresAt: '2026-11-28T12:00:00Z' };
    const view = describeConnection(status, { ...idle, apiUnreachable: true }, now);
    expect(view).toMatchObject({ label: 'Desk unreachable', tone: 'warn', userName: 'Asha', timeLeft: null, action: 'disconnect' });
    expect(view.hint).toContain('Check that `npm start` is still running');
    expect(describeConnection(null, { ...idle, apiUnreachable: true }, now)).toMatchObject({ label: 'Desk unreachable', userName: null, action: 'connect' });
  });

  it('shows no expired or read-only banner while its api gives no answer, whatever status it saw last (amber is not expired)', () => {
    const unreachable = { ...idle, apiUnreachable: true };
    expect(describeConnection({ ...base, state: 'expired', reason: 'Gone.' }, unreachable, now)).toMatchObject({ tone: 'warn', banner: null });
    expect(describeConnection({ ...base, state: 'expired', readOnly: true }, unreachable, now)).toMatchObject({ tone: 'warn', banner: null });
    expect(describeConnection({ ...base, state: 'connected', expiresAt: '2026-11-28T12:00:00Z' }, unreachable, now).banner).toBeNull();
  });

  it('shows no banner while disconnected, checking or connecting', () => {
    expect(describeConnection(base, idle, now).banner).toBeNull();
    expect(describeConnection(null, { ...idle, checking: true }, now).banner).toBeNull();
    expect(describeConnection({ ...base, state: 'pending' }, idle, now).banner).toBeNull();
  });

  it('shows "Connecting..." while the OAuth flow is pending', () => {
    expect(describeConnection({ ...base, state: 'pending' }, idle, now)).toMatchObject({ label: 'Connecting...', tone: 'busy' });
    expect(describeConnection(base, { awaitingAuthorization: true, checking: false }, now).label).toBe('Connecting...');
  });

  it('does not say "Connecting..." for a pending flow whose popup this browser saw close', () => {
    const view = describeConnection({ ...base, state: 'pending' }, { ...idle, authorizationAbandoned: true }, now);
    expect(view).toMatchObject({ label: 'Disconnected', tone: 'idle', action: 'connect' });
  });

  it('says "Checking..." before the first status arrives', () => {
    expect(describeConnection(null, { awaitingAuthorization: false, checking: true }, now).label).toBe('Checking...');
  });
});
