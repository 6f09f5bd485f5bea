import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { OAUTH_DONE_MESSAGE } from '@desk/contracts';
import { provideDeskHttp } from '@desk/web/http';
import { connected, connectionStatus, fakePopup } from '../testing/connection-fixtures';
import { ConnectionStore } from './connection-store';

/** Lets awaited promises inside the store run to their next await. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ConnectionStore', () => {
  let store: ConnectionStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideDeskHttp(), provideHttpClientTesting()] });
    store = TestBed.inject(ConnectionStore);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    store.stopWaiting();
    backend.verify();
  });

  it('keeps the api error visible when the status cannot be read', async () => {
    const pending = store.refresh();
    backend.expectOne('/api/connection').flush(
      { code: 'SESSION_REQUIRED', title: 'Not authenticated', message: 'Sign in to the dashboard first.', requestId: 'r1' },
      { status: 401, statusText: 'Unauthorized' },
    );
    expect(await pending).toBeNull();
    expect(store.error()?.message).toBe('Sign in to the dashboard first.');
    expect(store.view().label).toBe('Disconnected');
  });

  it('reports "Connected" for a connected status and clears the earlier error', async () => {
    const pending = store.refresh();
    backend.expectOne('/api/connection').flush(connected());
    await pending;
    expect(store.isConnected()).toBe(true);
    expect(store.view().label).toBe('Connected');
    expect(store.simulated()).toBe(true);
    expect(store.error()).toBeNull();
  });

  it('navigates the popup to the authorization URL and waits for the callback message', async () => {
    const popup = fakePopup();
    const started = store.startOAuth(
      { apiKey: 'k', apiSecret: 's', redirectUri: 'http://localhost:5000/callback', environment: 'simulator' },
      popup,
    );
    const request = backend.expectOne('/api/connection/oauth');
    expect(request.request.method).toBe('POST');
    request.flush({ authorizationUrl: 'http://127.0.0.1:5100/v2/login/authorization/dialog?client_id=k' });
    expect(await started).toEqual({ kind: 'popup' });
    expect(popup.location.href).toBe('http://127.0.0.1:5100/v2/login/authorization/dialog?client_id=k');
    expect(store.view().label).toBe('Connecting...');

    window.dispatchEvent(new MessageEvent('message', { data: OAUTH_DONE_MESSAGE, origin: 'https://evil.example' }));
    backend.expectNone('/api/connection');

    window.dispatchEvent(new MessageEvent('message', { data: OAUTH_DONE_MESSAGE, origin: window.location.origin }));
    backend.expectOne('/api/connection').flush(connected());
    await settle();
    expect(store.awaitingAuthorization()).toBe(false);
    expect(store.view().label).toBe('Connected');
  });

  it('turns a failed callback into "Authorization Failed" with the api reason', async () => {
    const started = store.startOAuth(
      { apiKey: 'k', apiSecret: 's', redirectUri: 'http://localhost:5000/callback', environment: 'live' },
      fakePopup(),
    );
    backend.expectOne('/api/connection/oauth').flush({ authorizationUrl: 'https://api.upstox.com/x' });
    await started;
    window.dispatchEvent(new MessageEvent('message', { data: OAUTH_DONE_MESSAGE, origin: window.location.origin }));
    backend
      .expectOne('/api/connection')
      .flush(
        connectionStatus({
          reason: 'Authorization Failed: Upstox said the redirect URI does not match the app settings.',
          redirectUri: 'http://localhost:5077/callback',
        }),
      );
    await settle();
    expect(store.awaitingAuthorization()).toBe(false);
    expect(store.authorizationError()).toMatchObject({
      title: 'Authorization Failed',
      message: 'Upstox said the redirect URI does not match the app settings.',
    });
    expect(store.authorizationError()?.nextStep).toContain('exactly http://localhost:5077/callback');
  });

  it('polls the status every 2 s while the authorization is pending', async () => {
    jest.useFakeTimers();
    try {
      const started = store.startOAuth(
        { apiKey: 'k', apiSecret: 's', redirectUri: 'http://localhost:5000/callback', environment: 'live' },
        fakePopup(),
      );
      backend.expectOne('/api/connection/oauth').flush({ authorizationUrl: 'https://api.upstox.com/x' });
      await started;
      await jest.advanceTimersByTimeAsync(2_000);
      backend.expectOne('/api/connection').flush(connectionStatus({ state: 'pending' }));
      await jest.advanceTimersByTimeAsync(2_000);
      backend.expectOne('/api/connection').flush(connected());
      await jest.advanceTimersByTimeAsync(0);
      expect(store.isConnected()).toBe(true);
      await jest.advanceTimersByTimeAsync(10_000);
      backend.expectNone('/api/connection');
    } finally {
      jest.useRealTimers();
    }
  });

  it('says "Authorization Failed" with both redirect URIs when the popup closes before the flow finished', async () => {
    jest.useFakeTimers();
    try {
      const popup = fakePopup();
      const started = store.startOAuth(
        { apiKey: 'k', apiSecret: 's', redirectUri: 'http://localhost:5077/callback', environment: 'simulator' },
        popup,
      );
      backend.expectOne('/api/connection/oauth').flush({ authorizationUrl: 'http://127.0.0.1:5100/x' });
      await started;
      (popup as unknown as { closed: boolean }).closed = true; // Upstox showed UDAPI100068; the user closed it
      await jest.advanceTimersByTimeAsync(500);
      backend.expectOne('/api/connection').flush(connectionStatus({ state: 'pending', environment: 'simulator' }));
      await jest.advanceTimersByTimeAsync(0);
      // The dead flow is forgotten at the api too, so a reload does not say "Connecting...".
      backend.expectOne({ method: 'DELETE', url: '/api/connection' }).flush(connectionStatus());
      await jest.advanceTimersByTimeAsync(0);
      backend.expectOne({ method: 'GET', url: '/api/connection' }).flush(connectionStatus());
      await jest.advanceTimersByTimeAsync(0);
      expect(store.awaitingAuthorization()).toBe(false);
      expect(store.authorizationError()?.title).toBe('Authorization Failed');
      expect(store.authorizationError()?.message).toContain('http://localhost:5077/callback');
      expect(store.authorizationError()?.nextStep).toContain('exactly http://localhost:5077/callback');
      expect(store.authorizationError()?.nextStep).toContain("guide's default is http://localhost:5000/callback");
      expect(store.view().label).toBe('Disconnected');
      await jest.advanceTimersByTimeAsync(10_000);
      backend.expectNone('/api/connection');
    } finally {
      jest.useRealTimers();
    }
  });

  it('takes a popup that closed itself after success as connected, with no error', async () => {
    jest.useFakeTimers();
    try {
      const popup = fakePopup();
      const started = store.startOAuth(
        { apiKey: 'k', apiSecret: 's', redirectUri: 'http://localhost:5000/callback', environment: 'simulator' },
        popup,
      );
      backend.expectOne('/api/connection/oauth').flush({ authorizationUrl: 'http://127.0.0.1:5100/x' });
      await started;
      (popup as unknown as { closed: boolean }).closed = true;
      await jest.advanceTimersByTimeAsync(500);
      backend.expectOne('/api/connection').flush(connected());
      await jest.advanceTimersByTimeAsync(0);
      expect(store.isConnected()).toBe(true);
      expect(store.authorizationError()).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });

  it('closes the popup and returns the api error when the OAuth start fails', async () => {
    const popup = fakePopup();
    const started = store.startOAuth(
      { apiKey: 'k', apiSecret: 's', redirectUri: 'http://localhost:5000/callback', environment: 'live' },
      popup,
    );
    backend.expectOne('/api/connection/oauth').flush(
      { code: 'UPSTOX_UNREACHABLE', title: 'Connection Failed', message: 'Upstox could not be reached (network).', requestId: 'r' },
      { status: 502, statusText: 'Bad Gateway' },
    );
    const result = await started;
    expect(result).toMatchObject({ kind: 'failed', error: { title: 'Connection Failed' } });
    expect(popup.close).toHaveBeenCalled();
    expect(store.awaitingAuthorization()).toBe(false);
  });

  it('returns "Connection Failed" from Option B without changing the status', async () => {
    const result = store.connectWithToken({ apiKey: 'k', apiSecret: 's', accessToken: 'bad', environment: 'live' });
    backend.expectOne('/api/connection/token').flush(
      { code: 'TOKEN_INVALID', title: 'Connection Failed', message: 'Upstox rejected the access token.', nextStep: 'Try using OAuth flow instead of direct token.', requestId: 'r' },
      { status: 400, statusText: 'Bad Request' },
    );
    expect(await result).toMatchObject({ ok: false, error: { title: 'Connection Failed', message: 'Upstox rejected the access token.' } });
    expect(store.isConnected()).toBe(false);
  });

  it('disconnects and re-reads the status', async () => {
    const done = store.disconnect();
    backend.expectOne({ method: 'DELETE', url: '/api/connection' }).flush(null);
    await settle();
    backend.expectOne('/api/connection').flush(connectionStatus());
    expect(await done).toEqual({ ok: true, value: undefined });
    expect(store.view().label).toBe('Disconnected');
  });
});
