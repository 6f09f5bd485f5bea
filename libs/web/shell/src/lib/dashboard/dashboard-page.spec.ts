import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ConnectionStatus, Order } from '@desk/contracts';
import { DeskEvents } from '@desk/web/events';
import { FakeEventSources, provideFakeEventSources, upstreamStatus } from '@desk/web/events/testing';
import { ConnectionStore } from '@desk/web/connect';
import { OrdersStore } from '@desk/web/orders';
import { provideDeskHttp } from '@desk/web/http';
import { DashboardPage } from './dashboard-page';

const connected: ConnectionStatus = {
  state: 'connected',
  environment: 'simulator',
  simulated: true,
  userId: 'SIM1',
  userName: 'Demo Trader',
  expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  redirectUri: 'http://localhost:5000/callback',
  reason: null,
  stream: null,
};
const PROFILE = { userId: 'SIM1', userName: 'Demo Trader', email: 'd@x', broker: 'UPSTOX', userType: 'individual', exchanges: ['NSE'], products: ['D'], orderTypes: [], isActive: true, poa: false, ddpi: false };
const FUNDS = { equity: { availableMargin: 1, usedMargin: 0, payinAmount: 0, spanMargin: 0, exposureMargin: 0, adhocMargin: 0, notionalCash: 0 }, commodity: null };
const ORDER: Order = {
  orderId: '261128000000001', exchangeOrderId: '1', instrumentKey: 'NSE_EQ|INE009A01021', tradingSymbol: 'INFY', exchange: 'NSE',
  transactionType: 'BUY', orderType: 'LIMIT', product: 'D', validity: 'DAY', quantity: 5, filledQuantity: 0, pendingQuantity: 5,
  price: 1500, triggerPrice: 0, averagePrice: 0, disclosedQuantity: 0, status: 'open', statusClass: 'working', statusMessage: null,
  tag: null, isAmo: false, placedAt: null, exchangeTimestamp: null,
};
const EMPTY_POSITIONS = { positions: [], totals: { realised: 0, unrealised: 0, pnl: 0, unpriced: 0 }, asOf: '2026-11-28T10:00:00+05:30', source: 'stream' };
const EMPTY_HOLDINGS = { holdings: [], totals: { invested: 0, currentValue: 0, pnl: 0, dayChange: 0, unpriced: 0 }, asOf: '2026-11-28T10:00:00+05:30', source: 'stream' };
const ordersView = (orders: object[]) => ({ orders, asOf: '2026-11-28T10:00:00+05:30', source: 'stream' });
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('DashboardPage', () => {
  let backend: HttpTestingController;
  let fakes: FakeEventSources;

  beforeEach(() => {
    fakes = new FakeEventSources();
    TestBed.configureTestingModule({ providers: [provideDeskHttp(), provideHttpClientTesting(), provideFakeEventSources(fakes)] });
    backend = TestBed.inject(HttpTestingController);
  });

  /** The event stream opens with the connection as it is (no Upstox stream here): the first reads go. */
  function openEventStream(): void {
    fakes.latest.open();
    fakes.latest.emit('connection', connected, 0);
  }

  function flushPortfolio(): void {
    backend.expectOne('/api/positions').flush(EMPTY_POSITIONS);
    backend.expectOne('/api/holdings').flush(EMPTY_HOLDINGS);
  }

  it('loads orders, profile and funds once connected, and says the environment is simulated', async () => {
    const fixture = TestBed.createComponent(DashboardPage);
    backend.expectOne('/api/connection').flush(connected);
    await tick();
    await fixture.whenStable();
    openEventStream();
    backend.expectOne('/api/keys').flush([]); // the API keys panel under the account panel
    backend.expectOne('/api/orders').flush(ordersView([]));
    flushPortfolio();
    backend.expectOne('/api/profile').flush({ userId: 'SIM1', userName: 'Demo Trader', email: 'd@x', broker: 'UPSTOX', userType: 'individual', exchanges: ['NSE'], products: ['D'], orderTypes: [], isActive: true, poa: false, ddpi: false });
    backend.expectOne('/api/funds').flush({ equity: { availableMargin: 1, usedMargin: 0, payinAmount: 0, spanMargin: 0, exposureMargin: 0, adhocMargin: 0, notionalCash: 0 }, commodity: null });
    // The account panel's static IPs (also read by the orders section's warning) and the desk's kill switch.
    backend.expectOne('/api/profile/static-ip').flush({ environment: 'simulator', available: true, primaryIp: '203.0.113.10', secondaryIp: null, primaryIpUpdatedAt: null, secondaryIpUpdatedAt: null, missing: false, readAt: '2026-12-01T04:00:00Z' });
    backend.expectOne('/api/orders/kill-switch').flush({ enabled: false, updatedAt: null });
    await tick();
    await fixture.whenStable();
    backend.expectOne('/api/profile/kill-switch').flush([]);
    await tick();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="simulated-ribbon"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="orders-empty"]')?.textContent?.trim()).toBe('No orders today');
    expect(el.querySelector('[data-testid="positions-empty"]')?.textContent?.trim()).toBe('No open positions today');
    expect(el.querySelector('[data-testid="holdings-empty"]')?.textContent?.trim()).toBe('No holdings in this account');
    expect(fakes.created.map((source) => source.url)).toEqual(['/api/events']);
    // The top bar's market status and hours, read when the stream opened.
    expect(backend.match((r) => r.url.startsWith('/api/market/')).map((r) => r.request.url)).toEqual(['/api/market/status', '/api/market/hours']);
    fixture.destroy();
    expect(fakes.openCount).toBe(0);
    backend.verify();
  });

  it('re-reads the funds when an order fills (in part too), and not while nothing changes', async () => {
    const fixture = TestBed.createComponent(DashboardPage);
    const orders = TestBed.inject(OrdersStore);
    backend.expectOne('/api/connection').flush(connected);
    await tick();
    await fixture.whenStable();
    openEventStream();
    const open = { ...ORDER, filledQuantity: 0, pendingQuantity: 5, status: 'open', statusClass: 'working' };
    backend.expectOne('/api/orders').flush(ordersView([open]));
    flushPortfolio();
    backend.expectOne('/api/profile').flush(PROFILE);
    backend.expectOne('/api/funds').flush(FUNDS);
    await tick();
    await fixture.whenStable();
    const reload = orders.load();
    backend.expectOne('/api/orders').flush(ordersView([open]));
    await reload;
    await fixture.whenStable();
    backend.expectNone('/api/funds');
    const partly = orders.load(); // a part fill: the same status class, more filled
    backend.expectOne('/api/orders').flush(ordersView([{ ...open, filledQuantity: 2, pendingQuantity: 3 }]));
    await partly;
    await fixture.whenStable();
    backend.expectOne('/api/funds').flush(FUNDS);
    flushPortfolio();
    const filled = orders.load();
    backend.expectOne('/api/orders').flush(ordersView([{ ...open, filledQuantity: 5, pendingQuantity: 0, status: 'complete', statusClass: 'complete' }]));
    await filled;
    await fixture.whenStable();
    backend.expectOne('/api/funds').flush(FUNDS);
    flushPortfolio(); // no stream: positions follow the fill by a read
    fixture.destroy();
    backend.match(() => true).forEach((r) => r.flush([]));
  });

  it('re-reads the connection when an api call says the Upstox token is gone', async () => {
    const fixture = TestBed.createComponent(DashboardPage);
    backend.expectOne('/api/connection').flush(connected);
    await tick();
    await fixture.whenStable();
    openEventStream();
    backend.expectOne('/api/orders').flush(
      { code: 'CONNECTION_EXPIRED', title: 'Connection Failed', message: 'Token expired.', nextStep: 'Reconnect using the Connect button.', requestId: 'r' },
      { status: 401, statusText: 'Unauthorized' },
    );
    backend.expectOne('/api/positions').flush({ code: 'CONNECTION_EXPIRED', title: 'Connection Failed', message: 'Token expired.', requestId: 'r' }, { status: 401, statusText: 'x' });
    backend.expectOne('/api/holdings').flush({ code: 'CONNECTION_EXPIRED', title: 'Connection Failed', message: 'Token expired.', requestId: 'r' }, { status: 401, statusText: 'x' });
    backend.expectOne('/api/profile').flush({ code: 'CONNECTION_EXPIRED', title: 'Connection Failed', message: 'Token expired.', requestId: 'r' }, { status: 401, statusText: 'x' });
    backend.expectOne('/api/funds').flush({ code: 'CONNECTION_EXPIRED', title: 'Connection Failed', message: 'Token expired.', requestId: 'r' }, { status: 401, statusText: 'x' });
    await tick();
    await fixture.whenStable();
    const reread = backend.match('/api/connection');
    expect(reread.length).toBeGreaterThanOrEqual(1);
    reread.forEach((r) => r.flush({ ...connected, state: 'expired', reason: 'Token expired.' }));
    await tick();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="connection-label"]')?.textContent).toBe('Expired - Reconnect');
    expect(el.querySelector('[data-testid="connection-expired"]')?.textContent).toContain('Token expired. Reconnect using the Connect button.');
    fixture.destroy();
    backend.match(() => true).forEach((r) => r.flush(null));
  });

  it('shows the read-only banner while the extended token reads, and no banner of a status it cannot vouch for when its api gives no answer', async () => {
    const fixture = TestBed.createComponent(DashboardPage);
    const readOnly: ConnectionStatus = { ...connected, state: 'expired', reason: 'The session expired at 03:30 IST.', readOnly: true };
    backend.expectOne('/api/connection').flush(readOnly);
    await tick();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="connection-read-only"]')?.textContent).toContain('Reconnect to trade');

    const reading = TestBed.inject(ConnectionStore).refresh();
    backend.expectOne('/api/connection').error(new ProgressEvent('error'), { status: 0 });
    await reading;
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="connection-label"]')?.textContent).toBe('Desk unreachable');
    // Both banners are amber like the badge; neither may show "could not reach its api" under its own title.
    expect(el.querySelector('[data-testid="connection-read-only"]')).toBeNull();
    expect(el.querySelector('[data-testid="connection-expired"]')).toBeNull();
    fixture.destroy();
    backend.match(() => true).forEach((r) => r.flush(null));
  });

  it('while updates are live, a fill reads nothing more (funds and positions come as events); the stream closes on disconnect', async () => {
    const fixture = TestBed.createComponent(DashboardPage);
    const orders = TestBed.inject(OrdersStore);
    const events = TestBed.inject(DeskEvents);
    backend.expectOne('/api/connection').flush({ ...connected, stream: upstreamStatus('live') });
    await tick();
    await fixture.whenStable();
    const open = { ...ORDER, filledQuantity: 0, pendingQuantity: 5, status: 'open', statusClass: 'working' as const };
    // The profile does not change by events: it is read at once. The rest waits for the event stream to open.
    backend.expectOne('/api/profile').flush(PROFILE);
    backend.expectNone('/api/orders');
    backend.expectNone('/api/funds');
    fakes.latest.open();
    fakes.latest.emit('connection', { ...connected, stream: upstreamStatus('live') }, 1);
    expect(events.live()).toBe(true);
    await tick();
    // Live from the stream's opening: one read each, all started after it, so none is read twice.
    backend.expectOne('/api/orders').flush(ordersView([open]));
    flushPortfolio();
    backend.expectOne('/api/funds').flush(FUNDS);
    await tick();
    await fixture.whenStable();
    backend.expectNone('/api/orders');
    backend.expectNone('/api/funds');

    fakes.latest.emit('order', { ...open, filledQuantity: 5, pendingQuantity: 0, status: 'complete', statusClass: 'complete' }, 1);
    await tick();
    await fixture.whenStable();
    expect(orders.orders()[0].status).toBe('complete');
    backend.expectNone('/api/funds');
    backend.expectNone('/api/positions');
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="stream-status"]')?.textContent?.trim()).toBe('Live');

    fakes.latest.emit('connection', { ...connected, state: 'disconnected', stream: null }, 2);
    await tick();
    await fixture.whenStable();
    expect(fakes.openCount).toBe(0);
    expect(events.state()).toBe('closed');
    expect(el.querySelector('[data-testid="stream-status"]')).toBeNull();
    fixture.destroy();
    backend.match(() => true).forEach((r) => r.flush(null));
  });

  it('closes the event stream before it ends the session, so signing out cuts no stream the browser reports as broken', async () => {
    const fixture = TestBed.createComponent(DashboardPage);
    backend.expectOne('/api/connection').flush(connected);
    await tick();
    await fixture.whenStable();
    openEventStream();
    await tick();
    expect(fakes.openCount).toBe(1);
    const el = fixture.nativeElement as HTMLElement;
    Array.from(el.querySelectorAll<HTMLButtonElement>('button')).find((b) => b.textContent?.trim() === 'Sign out')?.click();
    await tick();
    const signOut = backend.expectOne({ method: 'DELETE', url: '/api/session' });
    expect(fakes.openCount).toBe(0);
    signOut.flush(null);
    await tick();
    fixture.destroy();
    backend.match(() => true).forEach((r) => r.flush(null));
  });
});
