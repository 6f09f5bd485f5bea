import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ConnectionStatus, Order } from '@desk/contracts';
import { OrdersStore } from '@desk/web/orders';
import { provideDeskHttp } from '@desk/web/ui';
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
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('DashboardPage', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideDeskHttp(), provideHttpClientTesting(), provideRouter([])] });
    backend = TestBed.inject(HttpTestingController);
  });

  it('loads orders, profile and funds once connected, and says the environment is simulated', async () => {
    const fixture = TestBed.createComponent(DashboardPage);
    backend.expectOne('/api/connection').flush(connected);
    await tick();
    await fixture.whenStable();
    backend.expectOne('/api/keys').flush([]); // the API keys panel under the account panel
    backend.expectOne('/api/orders').flush([]);
    backend.expectOne('/api/profile').flush({ userId: 'SIM1', userName: 'Demo Trader', email: 'd@x', broker: 'UPSTOX', userType: 'individual', exchanges: ['NSE'], products: ['D'], orderTypes: [], isActive: true, poa: false, ddpi: false });
    backend.expectOne('/api/funds').flush({ equity: { availableMargin: 1, usedMargin: 0, payinAmount: 0, spanMargin: 0, exposureMargin: 0, adhocMargin: 0, notionalCash: 0 }, commodity: null });
    await tick();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="simulated-ribbon"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="orders-empty"]')?.textContent?.trim()).toBe('No orders today');
    fixture.destroy();
    backend.verify();
  });

  it('re-reads the funds when an order fills, and not while nothing changes', async () => {
    const fixture = TestBed.createComponent(DashboardPage);
    const orders = TestBed.inject(OrdersStore);
    backend.expectOne('/api/connection').flush(connected);
    await tick();
    await fixture.whenStable();
    const open = { ...ORDER, filledQuantity: 0, pendingQuantity: 5, status: 'open', statusClass: 'working' };
    backend.expectOne('/api/orders').flush([open]);
    backend.expectOne('/api/profile').flush(PROFILE);
    backend.expectOne('/api/funds').flush(FUNDS);
    await tick();
    await fixture.whenStable();
    const reload = orders.load();
    backend.expectOne('/api/orders').flush([open]);
    await reload;
    await fixture.whenStable();
    backend.expectNone('/api/funds');
    const filled = orders.load();
    backend.expectOne('/api/orders').flush([{ ...open, filledQuantity: 5, pendingQuantity: 0, status: 'complete', statusClass: 'complete' }]);
    await filled;
    await fixture.whenStable();
    backend.expectOne('/api/funds').flush(FUNDS);
    fixture.destroy();
    backend.match(() => true).forEach((r) => r.flush([]));
  });

  it('re-reads the connection when an api call says the Upstox token is gone', async () => {
    const fixture = TestBed.createComponent(DashboardPage);
    backend.expectOne('/api/connection').flush(connected);
    await tick();
    await fixture.whenStable();
    backend.expectOne('/api/orders').flush(
      { code: 'CONNECTION_EXPIRED', title: 'Connection Failed', message: 'Token expired.', nextStep: 'Reconnect using the Connect button.', requestId: 'r' },
      { status: 401, statusText: 'Unauthorized' },
    );
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
});
