import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ConnectionStatus } from '@desk/contracts';
import { ConnectDialogLauncher, ConnectionStore } from '@desk/web/connect';
import { DeskEvents } from '@desk/web/events';
import { FakeEventSources, provideFakeEventSources, upstreamStatus } from '@desk/web/events/testing';
import { provideDeskHttp } from '@desk/web/http';
import { TopBar } from './top-bar';

function status(overrides: Partial<ConnectionStatus>): ConnectionStatus {
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

describe('TopBar', () => {
  let fixture: ComponentFixture<TopBar>;
  let el: HTMLElement;
  let backend: HttpTestingController;
  let openDialog: jest.Mock;
  let fakes: FakeEventSources;

  beforeEach(async () => {
    openDialog = jest.fn();
    fakes = new FakeEventSources();
    TestBed.configureTestingModule({
      providers: [
        provideDeskHttp(),
        provideHttpClientTesting(),
        provideFakeEventSources(fakes),
        { provide: ConnectDialogLauncher, useValue: { open: openDialog } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(TopBar);
    el = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => backend.verify());

  async function show(s: ConnectionStatus): Promise<void> {
    const refreshed = TestBed.inject(ConnectionStore).refresh();
    backend.expectOne('/api/connection').flush(s);
    await refreshed;
    await fixture.whenStable();
  }

  const text = (testId: string) => el.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim();
  const tone = () => el.querySelector('[data-testid="connection-status"]')?.getAttribute('data-tone');
  const buttons = () => Array.from(el.querySelectorAll('button')).map((b) => b.textContent?.trim());

  it('names the product', async () => {
    await fixture.whenStable();
    expect(el.textContent).toContain('Upstox Desk');
  });

  it('connected: green "Connected", the user, time left, SIMULATED badge and Disconnect', async () => {
    const expiresAt = new Date(Date.now() + (3 * 60 + 20) * 60_000 + 30_000).toISOString();
    await show(status({ state: 'connected', environment: 'simulator', simulated: true, userId: 'SIM1', userName: 'Demo Trader', expiresAt }));
    expect(text('connection-label')).toBe('Connected');
    expect(tone()).toBe('ok');
    expect(text('connection-user')).toBe('Demo Trader');
    expect(text('connection-time-left')).toBe('3h 20m left');
    expect(text('environment-badge')).toContain('SIMULATED');
    expect(buttons()).toContain('Disconnect');
    expect(buttons()).not.toContain('Connect Upstox');
  });

  it('live connection: "Live" badge without the simulated mark', async () => {
    await show(status({ state: 'connected', environment: 'live', userId: 'AB1', userName: 'Asha', expiresAt: new Date(Date.now() + 3600_000).toISOString() }));
    expect(text('environment-badge')).toBe('Live');
  });

  it('disconnected: grey "Disconnected" and a Connect Upstox button that opens the dialog', async () => {
    await show(status({}));
    expect(text('connection-label')).toBe('Disconnected');
    expect(tone()).toBe('idle');
    const connect = Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Connect Upstox');
    connect?.click();
    expect(openDialog).toHaveBeenCalledTimes(1);
  });

  it('expired: amber "Expired - Reconnect" and Connect Upstox', async () => {
    await show(status({ state: 'expired', environment: 'live', reason: 'The token expired at 03:30 IST.' }));
    expect(text('connection-label')).toBe('Expired - Reconnect');
    expect(tone()).toBe('warn');
    expect(buttons()).toContain('Connect Upstox');
  });

  it('read-only (expired, extended token still reads): "Read-only until you reconnect", the user, and Connect Upstox', async () => {
    await show(status({ state: 'expired', environment: 'live', userId: 'AB1', userName: 'Asha', reason: 'The Upstox session expired at 03:30 IST.', readOnly: true }));
    expect(text('connection-label')).toBe('Read-only until you reconnect');
    expect(tone()).toBe('warn');
    expect(text('connection-user')).toBe('Asha');
    expect(el.querySelector('[data-testid="connection-status"]')?.getAttribute('title')).toContain('Reconnect to trade');
    expect(buttons()).toContain('Connect Upstox');
    expect(buttons()).not.toContain('Disconnect');
  });

  it('pending: "Connecting..."', async () => {
    await show(status({ state: 'pending', environment: 'live' }));
    expect(text('connection-label')).toBe('Connecting...');
    expect(tone()).toBe('busy');
  });

  const click = (label: string) => Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim() === label)?.click();

  it('Disconnect asks first; "Keep connected" sends nothing and gives the button back', async () => {
    await show(status({ state: 'connected', environment: 'live', userName: 'Asha', expiresAt: new Date(Date.now() + 3600_000).toISOString() }));
    click('Disconnect');
    await fixture.whenStable();
    expect(el.querySelector('#disconnect-question')?.textContent).toBe('Disconnect Upstox?');
    expect(buttons()).toEqual(expect.arrayContaining(['Yes, disconnect', 'Keep connected']));
    expect(buttons()).not.toContain('Disconnect');
    backend.expectNone({ method: 'DELETE', url: '/api/connection' });
    expect((document.activeElement as HTMLElement | null)?.textContent?.trim()).toBe('Keep connected');
    click('Keep connected');
    await fixture.whenStable();
    expect(buttons()).toContain('Disconnect');
    expect(el.querySelector('[data-testid="disconnect-confirmation"]')).toBeNull();
    expect(text('connection-label')).toBe('Connected');
  });

  it('forgets an unanswered "Disconnect Upstox?" when the connection ends meanwhile: the next one starts with the plain button', async () => {
    const connected = status({ state: 'connected', environment: 'live', userName: 'Asha', expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    await show(connected);
    click('Disconnect');
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="disconnect-confirmation"]')).not.toBeNull();
    await show(status({ state: 'expired', environment: 'live', reason: 'The token expired at 03:30 IST.' }));
    expect(buttons()).toContain('Connect Upstox');
    await show(connected);
    expect(el.querySelector('[data-testid="disconnect-confirmation"]')).toBeNull();
    expect(buttons()).toContain('Disconnect');
  });

  it('Disconnect, then "Yes, disconnect", calls the api and shows "Disconnected"', async () => {
    await show(status({ state: 'connected', environment: 'live', userName: 'Asha', expiresAt: new Date(Date.now() + 3600_000).toISOString() }));
    click('Disconnect');
    await fixture.whenStable();
    click('Yes, disconnect');
    backend.expectOne({ method: 'DELETE', url: '/api/connection' }).flush(null);
    await new Promise((resolve) => setTimeout(resolve, 0));
    backend.expectOne('/api/connection').flush(status({}));
    await new Promise((resolve) => setTimeout(resolve, 0));
    await fixture.whenStable();
    expect(text('connection-label')).toBe('Disconnected');
  });

  describe('live updates', () => {
    const connectedWith = (stream: ConnectionStatus['stream']) =>
      status({ state: 'connected', environment: 'simulator', simulated: true, userName: 'Demo Trader', expiresAt: new Date(Date.now() + 3600_000).toISOString(), stream });
    const streamTone = () => el.querySelector('[data-testid="stream-status"]')?.getAttribute('data-tone');

    afterEach(() => {
      TestBed.inject(DeskEvents).stop();
      // The market phase and hours are read when the stream opens; the tests below check them.
      backend.match('/api/market/status');
      backend.match('/api/market/hours?exchange=NSE');
    });

    function openEventStream(): void {
      const events = TestBed.inject(DeskEvents);
      events.start();
      fakes.latest.open();
    }

    it('shows NSE\'s market phase once known, and follows market events', async () => {
      openEventStream();
      await show(connectedWith(upstreamStatus('live')));
      expect(el.querySelector('[data-testid="market-phase"]')).toBeNull();
      backend.expectOne('/api/market/status').flush({ segments: { NSE_EQ: { phase: 'open', upstoxStatus: 'NORMAL_OPEN' } }, asOf: '2026-12-01T04:00:00Z' });
      // Hours unknown (the read failed): the phase alone.
      backend.expectOne('/api/market/hours?exchange=NSE').flush(null, { status: 503, statusText: 'Unavailable' });
      await new Promise((resolve) => setTimeout(resolve, 0));
      await fixture.whenStable();
      expect(text('market-phase')).toBe('NSE Open');
      fakes.latest.emit('market', { segments: { NSE_EQ: { phase: 'closed', upstoxStatus: 'NORMAL_CLOSE' } }, asOf: '2026-12-01T10:00:00Z' }, 7);
      await fixture.whenStable();
      expect(text('market-phase')).toBe('NSE Closed');
      expect(el.querySelector('[data-testid="market-phase"]')?.getAttribute('data-phase')).toBe('closed');
    });

    it('shows NSE\'s hours when known: "NSE open until 15:30", then "NSE closed - opens Mon 09:15" after a market event', async () => {
      openEventStream();
      await show(connectedWith(upstreamStatus('live')));
      backend.expectOne('/api/market/status').flush({ segments: { NSE_EQ: { phase: 'open', upstoxStatus: 'NORMAL_OPEN' } }, asOf: '2026-12-24T04:30:00Z' });
      backend.expectOne('/api/market/hours?exchange=NSE').flush({
        exchange: 'NSE', open: true, phase: 'open', source: 'feed', closesAt: '2026-12-24T10:00:00.000Z', nextOpenAt: null, holiday: null, asOf: '2026-12-24T04:30:00.000Z',
      });
      await new Promise((resolve) => setTimeout(resolve, 0));
      await fixture.whenStable();
      expect(text('market-phase')).toBe('NSE open until 15:30');

      fakes.latest.emit('market', { segments: { NSE_EQ: { phase: 'closed', upstoxStatus: 'NORMAL_CLOSE' } }, asOf: '2026-12-24T10:00:00Z' }, 7);
      backend.expectOne('/api/market/hours?exchange=NSE').flush({
        exchange: 'NSE', open: false, phase: 'closed', source: 'feed', closesAt: null, nextOpenAt: '2026-12-28T03:45:00.000Z', holiday: null, asOf: '2026-12-24T10:00:00.000Z',
      });
      await new Promise((resolve) => setTimeout(resolve, 0));
      await fixture.whenStable();
      expect(text('market-phase')).toBe('NSE closed - opens Mon 09:15');
      expect(el.querySelector('[data-testid="market-phase"]')?.getAttribute('data-phase')).toBe('closed');
    });

    it('"Live" when the Upstox stream is live and events reach this page; "Connected" stays', async () => {
      openEventStream();
      await show(connectedWith(upstreamStatus('live')));
      expect(text('connection-label')).toBe('Connected');
      expect(tone()).toBe('ok');
      expect(text('stream-status')).toBe('Live');
      expect(streamTone()).toBe('ok');
    });

    it('"Live updates paused - reconnecting" while the api reconnects its Upstox stream', async () => {
      openEventStream();
      await show(connectedWith(upstreamStatus('reconnecting', 'The socket went quiet for 30 s')));
      expect(text('stream-status')).toBe('Live updates paused - reconnecting');
      expect(el.querySelector('[data-testid="stream-status"]')?.getAttribute('title')).toContain('The socket went quiet for 30 s');
      await show(connectedWith(upstreamStatus('connecting')));
      expect(text('stream-status')).toBe('Live updates paused - reconnecting');
      expect(text('connection-label')).toBe('Connected');
    });

    it('"Live updates paused - reconnecting" while this page lost its own event stream', async () => {
      openEventStream();
      await show(connectedWith(upstreamStatus('live')));
      fakes.latest.fail();
      await fixture.whenStable();
      expect(text('stream-status')).toBe('Live updates paused - reconnecting');
      expect(streamTone()).toBe('busy');
    });

    it('down: says so, with the cause', async () => {
      openEventStream();
      await show(connectedWith(upstreamStatus('down', 'Upstox refused to authorize the stream (UDAPI100050)')));
      expect(text('stream-status')).toBe('Live updates down: Upstox refused to authorize the stream (UDAPI100050)');
      expect(streamTone()).toBe('warn');
      expect(text('connection-label')).toBe('Connected');
    });

    it('nothing when there is no stream (the sandbox) or no connection', async () => {
      await show(connectedWith(null));
      expect(el.querySelector('[data-testid="stream-status"]')).toBeNull();
      await show(status({ stream: upstreamStatus('live') }));
      expect(el.querySelector('[data-testid="stream-status"]')).toBeNull();
    });

    it('a connection event updates the top bar without waiting for the 30 s re-read', async () => {
      openEventStream();
      await show(connectedWith(upstreamStatus('live')));
      fakes.latest.emit('connection', connectedWith(upstreamStatus('reconnecting', 'socket closed')), 5);
      await fixture.whenStable();
      expect(text('stream-status')).toBe('Live updates paused - reconnecting');
    });
  });
});
