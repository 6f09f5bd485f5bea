import { DialogRef } from '@angular/cdk/dialog';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { OAUTH_DONE_MESSAGE } from '@desk/contracts';
import { provideDeskHttp } from '@desk/web/http';
import { connected, connectionStatus, fakePopup } from '../../testing/connection-fixtures';
import { ConnectionStatusStore } from '../connection-status-store';
import { ConnectionStore } from '../connection-store';
import { OAuthWindow } from '../oauth-window';
import { ConnectDialog } from './connect-dialog';

const AUTH_URL = 'http://127.0.0.1:5100/v2/login/authorization/dialog?client_id=demo';

describe('ConnectDialog', () => {
  let fixture: ComponentFixture<ConnectDialog>;
  let el: HTMLElement;
  let backend: HttpTestingController;
  let dialogRef: { close: jest.Mock };
  let openSpy: jest.SpyInstance;

  beforeEach(async () => {
    dialogRef = { close: jest.fn() };
    TestBed.configureTestingModule({
      providers: [provideDeskHttp(), provideHttpClientTesting(), { provide: DialogRef, useValue: dialogRef }],
    });
    backend = TestBed.inject(HttpTestingController);
    openSpy = jest.spyOn(window, 'open');
    fixture = TestBed.createComponent(ConnectDialog);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => {
    TestBed.inject(ConnectionStore).stopWaiting();
    openSpy.mockRestore();
    backend.verify();
  });

  const field = (id: string) => el.querySelector<HTMLInputElement & HTMLSelectElement>(`#connect-${id}`);
  const button = (text: string) =>
    Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim().startsWith(text)) as HTMLButtonElement;

  function type(id: string, value: string): void {
    const input = field(id);
    if (!input) throw new Error(`no field ${id}`);
    input.value = value;
    input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input'));
  }

  async function fillOptionA(): Promise<void> {
    type('apiKey', 'my-key');
    type('apiSecret', 'my-secret');
    await fixture.whenStable();
  }

  const flushPromises = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('pre-fills the redirect URI the api reports when it runs on another port (PORT=5301)', async () => {
    const refreshed = TestBed.inject(ConnectionStatusStore).refresh();
    backend.expectOne('/api/connection').flush(connectionStatus({ redirectUri: 'http://localhost:5301/callback' }));
    await refreshed;
    const onOtherPort = TestBed.createComponent(ConnectDialog);
    await onOtherPort.whenStable();
    const input = (onOtherPort.nativeElement as HTMLElement).querySelector<HTMLInputElement>('#connect-redirectUri');
    expect(input?.value).toBe('http://localhost:5301/callback');
  });

  it('pre-fills the guide redirect URI and says it must match the app settings exactly', () => {
    expect(field('redirectUri')?.value).toBe('http://localhost:5000/callback');
    expect(el.textContent).toContain('Must match the Redirect URI in your Upstox app settings exactly.');
    expect(el.querySelector('[aria-label="Copy redirect URI"]')).not.toBeNull();
  });

  it('opens the popup synchronously in the click, before the api request, then sends it to Upstox', async () => {
    const popup = fakePopup();
    let requestsWhenOpened = -1;
    openSpy.mockImplementation(() => {
      requestsWhenOpened = backend.match('/api/connection/oauth').length;
      return popup;
    });
    await fillOptionA();
    button('Connect').click();

    expect(openSpy).toHaveBeenCalledWith('', 'upstox-desk-oauth', 'popup,width=520,height=720');
    expect(requestsWhenOpened).toBe(0);
    const request = backend.expectOne('/api/connection/oauth');
    expect(request.request.body).toEqual({
      apiKey: 'my-key',
      apiSecret: 'my-secret',
      redirectUri: 'http://localhost:5000/callback',
      environment: 'live',
    });
    expect(field('apiSecret')?.value).toBe('');

    request.flush({ authorizationUrl: AUTH_URL });
    await flushPromises();
    await fixture.whenStable();
    expect(popup.location.href).toBe(AUTH_URL);
    expect(el.querySelector('[data-testid="oauth-waiting"]')?.textContent).toContain('Waiting for you to authorize');

    window.dispatchEvent(new MessageEvent('message', { data: OAUTH_DONE_MESSAGE, origin: window.location.origin }));
    backend.expectOne('/api/connection').flush(connected());
    await flushPromises();
    await fixture.whenStable();
    expect(dialogRef.close).toHaveBeenCalled();
  });

  it('when the popup is blocked, says so and offers the link and a same-window redirect', async () => {
    openSpy.mockReturnValue(null);
    const redirect = jest.spyOn(TestBed.inject(OAuthWindow), 'redirectHere').mockImplementation(() => undefined);
    await fillOptionA();
    button('Connect').click();
    backend.expectOne('/api/connection/oauth').flush({ authorizationUrl: AUTH_URL });
    await flushPromises();
    await fixture.whenStable();

    const blocked = el.querySelector('[data-testid="popup-blocked"]');
    expect(blocked?.textContent).toContain('Popup Window Blocked');
    expect(blocked?.textContent).toContain('Allow popups for localhost in your browser');
    expect(el.querySelector<HTMLAnchorElement>('[data-testid="authorization-link"]')?.href).toBe(AUTH_URL);

    button('Continue in this window').click();
    expect(redirect).toHaveBeenCalledWith(AUTH_URL);
  });

  it('fills the demo app credentials when the simulator is chosen', async () => {
    type('environment', 'simulator');
    backend.expectOne('/api/connection/simulator-app').flush({
      apiKey: 'sim-demo-key',
      apiSecret: 'sim-demo-secret',
      redirectUri: 'http://localhost:5000/callback',
    });
    await flushPromises();
    await fixture.whenStable();
    expect(field('apiKey')?.value).toBe('sim-demo-key');
    expect(field('apiSecret')?.value).toBe('sim-demo-secret');
    expect(el.querySelector('[data-testid="simulator-note"]')?.textContent).toContain('Nothing here touches a real Upstox account');

    type('environment', 'live');
    await fixture.whenStable();
    expect(field('apiKey')?.value).toBe('');
  });

  it('shows "Authorization Failed" with the reason and next step, and closes the popup', async () => {
    const popup = fakePopup();
    openSpy.mockReturnValue(popup);
    await fillOptionA();
    button('Connect').click();
    backend.expectOne('/api/connection/oauth').flush(
      {
        code: 'INVALID_CREDENTIALS',
        title: 'Authorization Failed',
        message: 'Upstox does not know this API Key.',
        nextStep: 'Make sure API Key and Secret are correct.',
        requestId: 'r7',
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await flushPromises();
    await fixture.whenStable();
    const alert = el.querySelector('[role="alert"]');
    expect(alert?.querySelector('[data-testid="error-title"]')?.textContent).toBe('Authorization Failed');
    expect(alert?.textContent).toContain('Upstox does not know this API Key.');
    expect(alert?.textContent).toContain('Make sure API Key and Secret are correct.');
    expect(popup.close).toHaveBeenCalled();
  });

  it('Option B sends the token, shows "Connection Failed" on error and clears the secrets', async () => {
    button('Option B').click();
    await fixture.whenStable();
    expect(field('redirectUri')).toBeNull();
    type('apiKey', 'my-key');
    type('apiSecret', 'my-secret');
    type('accessToken', 'expired-token');
    await fixture.whenStable();
    button('Connect').click();
    const request = backend.expectOne('/api/connection/token');
    expect(request.request.body).toEqual({ apiKey: 'my-key', apiSecret: 'my-secret', accessToken: 'expired-token', environment: 'live' });
    request.flush(
      { code: 'TOKEN_INVALID', title: 'Connection Failed', message: 'The access token is invalid or expired.', requestId: 'r' },
      { status: 400, statusText: 'Bad Request' },
    );
    await flushPromises();
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="error-title"]')?.textContent).toBe('Connection Failed');
    expect(field('accessToken')?.value).toBe('');
    expect(field('apiSecret')?.value).toBe('');
    expect(openSpy).not.toHaveBeenCalled();
  });

  it('Option B closes the dialog once connected', async () => {
    button('Option B').click();
    await fixture.whenStable();
    type('apiKey', 'k');
    type('apiSecret', 's');
    type('accessToken', 't');
    button('Connect').click();
    backend.expectOne('/api/connection/token').flush(connected());
    await flushPromises();
    expect(dialogRef.close).toHaveBeenCalled();
  });

  it('asks for the missing fields without opening a popup or calling the api', async () => {
    button('Connect').click();
    await fixture.whenStable();
    expect(openSpy).not.toHaveBeenCalled();
    backend.expectNone('/api/connection/oauth');
    expect(el.querySelector('#connect-apiKey-error')?.textContent).toContain('Enter your API Key');
    expect(el.querySelector('#connect-apiSecret-error')?.textContent).toContain('Enter your API Secret');
    expect(field('apiKey')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('never writes the secrets to web storage', async () => {
    openSpy.mockReturnValue(fakePopup());
    await fillOptionA();
    button('Connect').click();
    backend.expectOne('/api/connection/oauth').flush({ authorizationUrl: AUTH_URL });
    await flushPromises();
    expect(JSON.stringify({ ...localStorage })).not.toContain('my-secret');
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('my-secret');
  });
});
