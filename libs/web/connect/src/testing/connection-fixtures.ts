import { ConnectionStatus } from '@desk/contracts';

/** Test data only (not exported from the library index). */
export function connectionStatus(overrides: Partial<ConnectionStatus> = {}): ConnectionStatus {
  return {
    state: 'disconnected',
    environment: null,
    simulated: false,
    userId: null,
    userName: null,
    expiresAt: null,
    redirectUri: 'http://localhost:5000/callback',
    reason: null,
    stream: null,
    ...overrides,
  };
}

export function connected(overrides: Partial<ConnectionStatus> = {}): ConnectionStatus {
  return connectionStatus({
    state: 'connected',
    environment: 'simulator',
    simulated: true,
    userId: 'SIM001',
    userName: 'Demo Trader',
    expiresAt: new Date(Date.now() + 5 * 3600_000).toISOString(),
    ...overrides,
  });
}

/** A stand-in for the popup window the dialog opens. */
export function fakePopup(): Window & { close: jest.Mock } {
  return { location: { href: '' }, close: jest.fn(), closed: false, document: undefined } as unknown as Window & {
    close: jest.Mock;
  };
}
