import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { formatIstClock, STATIC_IP_REGISTRATION_STEPS, StaticIpView } from '@desk/contracts';
import { provideDeskHttp } from '@desk/web/http';
import { order, ordersView } from '../../testing/orders-fixtures';
import { OrdersDialogs } from '../orders-dialogs';
import { OrdersStore } from '../orders-store';
import { OrdersSection } from './orders-section';

function staticIp(missing: boolean): StaticIpView {
  const primaryIp = missing ? null : '203.0.113.10';
  return { environment: 'live', available: true, primaryIp, secondaryIp: null, primaryIpUpdatedAt: null, secondaryIpUpdatedAt: null, missing, readAt: '2026-12-01T04:00:00Z' };
}

describe('OrdersSection', () => {
  let fixture: ComponentFixture<OrdersSection>;
  let el: HTMLElement;
  let backend: HttpTestingController;
  let store: OrdersStore;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideDeskHttp(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    store = TestBed.inject(OrdersStore);
    fixture = TestBed.createComponent(OrdersSection);
    el = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => {
    store.deactivate();
    // The static-IP read of the warning next to Place Order (tested below): registered unless a test says otherwise.
    backend.match('/api/profile/static-ip').forEach((r) => r.flush(staticIp(false)));
    backend.verify();
  });

  const placeButton = () => Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Place Order');

  it('asks to connect first and disables Place Order while disconnected', async () => {
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="orders-empty"]')?.textContent).toContain('Connect Upstox');
    expect(placeButton()?.disabled).toBe(true);
    expect(placeButton()?.getAttribute('title')).toBe('Connect Upstox first');
  });

  it('goes from loading to "No orders today"', async () => {
    fixture.componentRef.setInput('connected', true);
    const loading = store.load();
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="orders-loading"]')?.textContent).toContain('Loading orders');
    backend.expectOne('/api/orders').flush(ordersView([]));
    await loading;
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="orders-empty"]')?.textContent?.trim()).toBe('No orders today');
    expect(placeButton()?.disabled).toBe(false);
  });

  it('alerts on an order Upstox rejected after the book was read, with its reason; Show order opens it, Dismiss hides the alert', async () => {
    const openDetails = jest.spyOn(TestBed.inject(OrdersDialogs), 'openDetails').mockResolvedValue(undefined);
    fixture.componentRef.setInput('connected', true);
    let loading = store.load();
    backend.expectOne('/api/orders').flush(ordersView([order({ orderId: '261202000000001', status: 'open' })]));
    await loading;
    await fixture.whenStable();
    const alert = () => el.querySelector('[data-testid="rejection-alert"]');
    expect(alert()).toBeNull();

    loading = store.load();
    const reason = 'You need to add Rs. 345100.00 in your account to place this trade.';
    backend.expectOne('/api/orders').flush(
      ordersView([order({ orderId: '261202000000001', status: 'rejected', statusMessage: reason, quantity: 600, placedAt: '2026-12-02T21:09:24+05:30' })]),
    );
    await loading;
    await fixture.whenStable();
    expect(alert()?.getAttribute('role')).toBe('alert');
    expect(el.querySelector('[data-testid="rejection-alert-title"]')?.textContent?.trim()).toBe('Upstox rejected an order');
    expect(el.querySelector('[data-testid="rejection-alert-latest"]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      `BUY 600 RELIANCE, order 261202000000001 (02 Dec, 21:09:24 IST): ${reason}`,
    );

    const button = (label: string) => Array.from(alert()?.querySelectorAll('button') ?? []).find((b) => b.textContent?.trim() === label);
    button('Show order')?.click();
    expect(openDetails).toHaveBeenCalledWith('261202000000001', expect.anything());
    button('Dismiss')?.click();
    await fixture.whenStable();
    expect(alert()).toBeNull();
  });

  it('says when the book was last read, in IST', async () => {
    fixture.componentRef.setInput('connected', true);
    const loading = store.load();
    backend.expectOne('/api/orders').flush(ordersView([order({})], 'snapshot'));
    await loading;
    await fixture.whenStable();
    const at = store.updatedAt();
    if (!at) throw new Error('the store kept no read time');
    const header = el.querySelector('[data-testid="orders-updated"]')?.textContent ?? '';
    expect(header).toContain(`Updated ${formatIstClock(at)}`);
    expect(header).toMatch(/Updated \d{2}:\d{2}:\d{2} IST/);
  });

  it('read-only (the daily token died): the book still loads, Place Order is disabled with "Reconnect to trade"', async () => {
    fixture.componentRef.setInput('connected', true);
    fixture.componentRef.setInput('readOnly', true);
    const loading = store.load();
    backend.expectOne('/api/orders').flush(ordersView([order({ tradingSymbol: 'READONLYCO' })], 'snapshot'));
    await loading;
    await fixture.whenStable();
    expect(el.textContent).toContain('READONLYCO');
    expect(placeButton()?.disabled).toBe(true);
    expect(placeButton()?.getAttribute('title')).toBe('Reconnect to trade');
    expect(el.querySelector('[data-testid="reconnect-to-trade"]')?.textContent?.trim()).toBe('Reconnect to trade');
    // The static IPs need today's login: no read while read-only (it would answer 401).
    expect(backend.match('/api/profile/static-ip')).toEqual([]);
    fixture.componentRef.setInput('readOnly', false);
    await fixture.whenStable();
    expect(placeButton()?.disabled).toBe(false);
    expect(el.querySelector('[data-testid="reconnect-to-trade"]')).toBeNull();
  });

  it('disables Place Order while the desk api gives no answer, saying why, and enables it when it answers again', async () => {
    fixture.componentRef.setInput('connected', true);
    await fixture.whenStable();
    expect(placeButton()?.disabled).toBe(false);
    expect(placeButton()?.getAttribute('title')).toBeNull();
    fixture.componentRef.setInput('deskUnreachable', true);
    await fixture.whenStable();
    expect(placeButton()?.disabled).toBe(true);
    expect(placeButton()?.getAttribute('title')).toContain('Upstox Desk is not answering');
    fixture.componentRef.setInput('deskUnreachable', false);
    await fixture.whenStable();
    expect(placeButton()?.disabled).toBe(false);
  });

  it('shows the api error instead of a silent empty list', async () => {
    fixture.componentRef.setInput('connected', true);
    const loading = store.load();
    backend.expectOne('/api/orders').flush(
      { code: 'NOT_AUTHENTICATED', title: 'Not authenticated', message: 'Access token not set.', nextStep: 'Reconnect using the Connect button.', requestId: 'r' },
      { status: 401, statusText: 'Unauthorized' },
    );
    await loading;
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="error-title"]')?.textContent).toBe('Not authenticated');
    expect(el.querySelector('[data-testid="orders-empty"]')).toBeNull();
  });

  it('lists the orders and refreshes on request', async () => {
    fixture.componentRef.setInput('connected', true);
    const loading = store.load();
    backend.expectOne('/api/orders').flush(ordersView([order({ status: 'complete' })]));
    await loading;
    await fixture.whenStable();
    expect(el.querySelectorAll('[data-testid="order-row"]')).toHaveLength(1);
    el.querySelector<HTMLButtonElement>('[aria-label="Refresh orders"]')?.click();
    backend.expectOne('/api/orders').flush(ordersView([order({ status: 'complete' }), order({ orderId: '2', status: 'rejected' })]));
    await new Promise((resolve) => setTimeout(resolve, 0));
    await fixture.whenStable();
    expect(el.querySelectorAll('[data-testid="order-row"]')).toHaveLength(2);
  });

  it('filters the book by status, side and text, says how many are shown, and clears', async () => {
    fixture.componentRef.setInput('connected', true);
    const loading = store.load();
    backend.expectOne('/api/orders').flush(
      ordersView([
        order({ orderId: '1', tradingSymbol: 'RELIANCE', status: 'open' }),
        order({ orderId: '2', tradingSymbol: 'SBIN', transactionType: 'SELL', status: 'complete' }),
        order({ orderId: '3', tradingSymbol: 'INFY', status: 'rejected' }),
      ]),
    );
    await loading;
    await fixture.whenStable();
    const rows = () => Array.from(el.querySelectorAll('[data-testid="order-row"]')).map((r) => r.getAttribute('data-order-id'));
    const control = <T extends Element>(testId: string): T => {
      const found = el.querySelector<T>(`[data-testid="${testId}"]`);
      if (!found) throw new Error(`no ${testId} on the page`);
      return found;
    };
    const status = control<HTMLSelectElement>('orders-filter-status');
    expect(Array.from(status.options).map((o) => o.textContent?.trim())).toContain('Rejected (1)');
    status.value = 'rejected';
    status.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(rows()).toEqual(['3']);
    expect(el.querySelector('[data-testid="orders-filter-count"]')?.textContent?.trim()).toBe('1 of 3 orders');

    const text = control<HTMLInputElement>('orders-filter-text');
    text.value = 'sbin';
    text.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(rows()).toEqual([]);
    expect(el.querySelector('[data-testid="orders-none-match"]')?.textContent).toContain('No orders match');

    control<HTMLButtonElement>('orders-filter-clear').click();
    await fixture.whenStable();
    expect(rows()).toEqual(['3', '2', '1']); // newest first, as before the filter
    expect(el.querySelector('[data-testid="orders-filter-clear"]')).toBeNull();
  });

  describe('static IP warning next to Place Order', () => {
    const warning = () => el.querySelector('[data-testid="static-ip-warning"]');

    async function connectedWith(view: StaticIpView): Promise<void> {
      fixture.componentRef.setInput('connected', true);
      await fixture.whenStable();
      backend.expectOne('/api/profile/static-ip').flush(view);
      await new Promise((resolve) => setTimeout(resolve, 0));
      await fixture.whenStable();
    }

    it('says orders will be refused, with the registration steps, before any order is typed when none is registered', async () => {
      await connectedWith(staticIp(true));
      expect(warning()?.textContent).toContain('Orders will be refused until you register a static IP');
      const steps = Array.from(el.querySelectorAll('[data-testid="static-ip-steps"] li')).map((li) => li.textContent?.trim());
      expect(steps).toEqual([...STATIC_IP_REGISTRATION_STEPS]);
      expect(placeButton()?.disabled).toBe(false);
    });

    it('says nothing when a static IP is registered', async () => {
      await connectedWith(staticIp(false));
      expect(warning()).toBeNull();
    });

    it('says nothing in the sandbox (no static IPs there) and nothing while disconnected', async () => {
      await connectedWith({ ...staticIp(false), environment: 'sandbox', available: false, primaryIp: null });
      expect(warning()).toBeNull();
      fixture.componentRef.setInput('connected', false);
      await fixture.whenStable();
      expect(warning()).toBeNull();
    });
  });
});
