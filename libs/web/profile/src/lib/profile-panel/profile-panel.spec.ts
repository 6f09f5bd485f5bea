import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Funds, Profile } from '@desk/contracts';
import { provideDeskHttp } from '@desk/web/http';
import { ProfileStore } from '../profile-store';
import { ProfilePanel } from './profile-panel';

const profile: Profile = {
  userId: 'SIM001',
  userName: 'Demo Trader',
  email: 'demo@example.com',
  broker: 'UPSTOX',
  userType: 'individual',
  exchanges: ['NSE', 'BSE'],
  products: ['I', 'D'],
  orderTypes: ['MARKET', 'LIMIT'],
  isActive: true,
  poa: false,
  ddpi: false,
};
const segment = { availableMargin: 123456.5, usedMargin: 1000, payinAmount: 0, spanMargin: 0, exposureMargin: 0, adhocMargin: 0, notionalCash: 0 };
const funds: Funds = { equity: segment, commodity: null };

describe('ProfilePanel and ProfileStore', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideDeskHttp(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    // The static IPs and kill switches of the same panel: account-controls.spec.ts tests those.
    backend.match((r) => r.url.startsWith('/api/profile/') || r.url === '/api/orders/kill-switch');
    backend.verify();
  });

  async function renderLoaded(profileBody: object, profileStatus: number, fundsBody: object, fundsStatus: number, readOnly = false) {
    const fixture = TestBed.createComponent(ProfilePanel);
    fixture.componentRef.setInput('connected', true);
    fixture.componentRef.setInput('readOnly', readOnly);
    const loading = TestBed.inject(ProfileStore).load();
    backend.expectOne('/api/profile').flush(profileBody, { status: profileStatus, statusText: 'x' });
    backend.expectOne('/api/funds').flush(fundsBody, { status: fundsStatus, statusText: 'x' });
    await loading;
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows name, user id, email, exchanges, products and funds in rupees', async () => {
    const el = await renderLoaded(profile, 200, funds, 200);
    expect(el.querySelector('[data-testid="profile-name"]')?.textContent).toBe('Demo Trader');
    expect(el.querySelector('[data-testid="profile-user-id"]')?.textContent).toBe('SIM001');
    expect(el.querySelector('[data-testid="profile-email"]')?.textContent).toBe('demo@example.com');
    expect(el.querySelector('[data-testid="profile-exchanges"]')?.textContent).toContain('NSE');
    expect(el.querySelector('[data-testid="profile-products"]')?.textContent).toContain('D');
    expect(el.querySelector('[data-testid="funds-available"]')?.textContent).toBe('₹1,23,456.50');
    expect(el.querySelector('[data-testid="funds-used"]')?.textContent).toBe('₹1,000.00');
  });

  it('read-only (the daily token expired): profile and funds, but no static-IP or kill-switch reads, and says why', async () => {
    const el = await renderLoaded(profile, 200, funds, 200, true);
    expect(el.querySelector('[data-testid="funds-available"]')?.textContent).toBe('₹1,23,456.50');
    expect(el.querySelector('[data-testid="account-controls-read-only"]')?.textContent).toContain('reconnect');
    expect(el.querySelector('desk-account-controls')).toBeNull();
    expect(backend.match((r) => r.url.startsWith('/api/profile/') || r.url === '/api/orders/kill-switch')).toEqual([]);
  });

  it('shows the api error for funds while still showing the profile', async () => {
    const el = await renderLoaded(profile, 200, {
      code: 'NOT_AVAILABLE_IN_SANDBOX',
      title: 'Upstox error',
      message: 'Funds are not available in the Upstox sandbox.',
      requestId: 'r',
    }, 400);
    const alert = el.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('not available in the Upstox sandbox');
    expect(alert?.classList).toContain('callout--info');
    expect(el.querySelector('[data-testid="profile-name"]')?.textContent).toBe('Demo Trader');
  });

  it('Upstox\'s funds maintenance (00:00-05:30 IST): says so and when funds come back, not an error', async () => {
    const unavailable = {
      unavailable: { reason: 'upstox-maintenance', message: 'Funds unavailable 00:00-05:30 IST (Upstox maintenance).', availableFrom: '2026-12-01T00:00:00.000Z' },
      asOf: '2026-12-01T22:00:00.000Z',
    };
    const el = await renderLoaded(profile, 200, unavailable, 200);
    expect(el.querySelector('[data-testid="funds-unavailable"]')?.textContent?.trim()).toBe(
      'Funds unavailable 00:00-05:30 IST (Upstox maintenance). Available again at 05:30 IST.',
    );
    expect(el.querySelector('[role="alert"]')).toBeNull();
    expect(el.querySelector('[data-testid="funds"]')).toBeNull();
    expect(el.querySelector('[data-testid="profile-name"]')?.textContent).toBe('Demo Trader');
  });

  it('keeps the funds and profile last read in view under one short note when the api gives no answer (npm start stopped)', async () => {
    const fixture = TestBed.createComponent(ProfilePanel);
    fixture.componentRef.setInput('connected', true);
    const store = TestBed.inject(ProfileStore);
    let loading = store.load();
    backend.expectOne('/api/profile').flush(profile);
    backend.expectOne('/api/funds').flush(funds);
    await loading;
    loading = store.load();
    backend.expectOne('/api/profile').error(new ProgressEvent('error'), { status: 0 });
    backend.expectOne('/api/funds').flush('Bad Gateway', { status: 502, statusText: 'Bad Gateway' }); // the dev proxy's
    await loading;
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    // One short note for the panel, not one per part.
    const notes = Array.from(el.querySelectorAll('[data-testid="error-callout"]'));
    expect(notes.map((n) => n.getAttribute('data-compact'))).toEqual(['true']);
    expect(notes[0]?.textContent).toContain('could not reach its api');
    expect(el.querySelector('[data-testid="funds-available"]')?.textContent).toBe('₹1,23,456.50');
    expect(el.querySelector('[data-testid="profile-name"]')?.textContent).toBe('Demo Trader');
  });

  it('shows "Not authenticated" when the connection is gone', async () => {
    const el = await renderLoaded(
      { code: 'NOT_AUTHENTICATED', title: 'Not authenticated', message: 'No Upstox access token is set.', nextStep: 'Reconnect using the Connect button.', requestId: 'r' },
      401,
      funds,
      200,
    );
    expect(el.querySelector('[data-testid="error-title"]')?.textContent).toBe('Not authenticated');
    expect(el.textContent).toContain('Reconnect using the Connect button.');
  });
});
