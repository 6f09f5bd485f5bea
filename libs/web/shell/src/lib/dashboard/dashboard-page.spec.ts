import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ConnectionStatus } from '@desk/contracts';
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
