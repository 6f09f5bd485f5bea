import { DialogRef } from '@angular/cdk/dialog';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MarketHoursView } from '@desk/contracts';
import { provideDeskHttp } from '@desk/web/http';
import { MarketHoursStore } from '@desk/web/market';
import { CHART_LIBRARY } from '@desk/web/market/chart';
import { instrument, ordersView } from '../../testing/orders-fixtures';
import { PlaceOrderDialog } from './place-order-dialog';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const HOURS_URL = '/api/market/hours?exchange=NSE';
/** Sat 26 Dec 2026: next open Mon 28 Dec 09:15 IST. */
const CLOSED: MarketHoursView = {
  exchange: 'NSE', open: false, phase: 'closed', source: 'feed', closesAt: null, nextOpenAt: '2026-12-28T03:45:00.000Z', holiday: null, asOf: '2026-12-26T05:30:00.000Z',
};
const OPEN: MarketHoursView = {
  exchange: 'NSE', open: true, phase: 'open', source: 'feed', closesAt: '2026-12-28T10:00:00.000Z', nextOpenAt: null, holiday: null, asOf: '2026-12-28T04:00:00.000Z',
};

/** The Place Order dialog while NSE is closed (issue 9 item 2): AMO offered pre-ticked, a regular order's refusal said. */
describe('PlaceOrderDialog by market hours', () => {
  let fixture: ComponentFixture<PlaceOrderDialog>;
  let el: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideDeskHttp(),
        provideHttpClientTesting(),
        { provide: DialogRef, useValue: { close: jest.fn(), disableClose: false } },
        { provide: CHART_LIBRARY, useValue: () => new Promise(() => undefined) },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    backend.match('/api/orders').forEach((r) => r.flush(ordersView([])));
    backend.match('/api/orders/kill-switch');
    backend.match('/api/instruments/status');
    // The chart's lease and candles and the confirmation's costs: place-order-market.spec.ts tests those.
    backend.match((r) => (r.url.startsWith('/api/market/') && r.url !== '/api/market/hours') || r.url === '/api/orders/costs');
    backend.verify();
  });

  const q = <T extends Element = HTMLElement>(selector: string) => el.querySelector(selector) as T | null;
  const text = (testId: string) => q(`[data-testid="${testId}"]`)?.textContent?.trim() ?? null;
  const amoBox = () => q<HTMLInputElement>('input[formcontrolname="isAmo"]');
  const button = (label: string) => Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim() === label) as HTMLButtonElement | undefined;
  const stable = async () => {
    await wait(0);
    await fixture.whenStable();
  };

  /** Opens the dialog; it reads NSE's hours on open. */
  async function open(hours: MarketHoursView): Promise<void> {
    fixture = TestBed.createComponent(PlaceOrderDialog);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    backend.expectOne(HOURS_URL).flush(hours);
    await stable();
  }

  async function reviewLimitBuy(): Promise<void> {
    const input = q<HTMLInputElement>('#po-instrument');
    if (!input) throw new Error('missing instrument search');
    input.value = 'REL';
    input.dispatchEvent(new Event('input'));
    await wait(300);
    backend.expectOne((r) => r.url === '/api/instruments').flush({ instruments: [instrument()], source: 'simulator' });
    await stable();
    q('[role="option"]')?.click();
    await stable();
    Array.from(el.querySelectorAll<HTMLInputElement>('input[type="radio"]')).find((r) => r.value === 'LIMIT')?.click();
    await stable();
    button('Review order')?.click();
    await stable();
  }

  it('closed: AMO is pre-ticked and explained, and the confirmation sends it as AMO', async () => {
    await open(CLOSED);
    expect(amoBox()?.checked).toBe(true);
    expect(text('amo-explanation')).toBe('After-market order: sent to the exchange when it opens at 09:15');
    expect(q('[data-testid="regular-order-refused"]')).toBeNull();

    await reviewLimitBuy();
    expect(q('[data-testid="order-summary"]')?.textContent).toContain('AMOYes');
    expect(q('[data-testid="summary-regular-refused"]')).toBeNull();
    q<HTMLButtonElement>('[data-testid="confirm-order"]')?.click();
    const place = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/orders');
    expect(place.request.body).toMatchObject({ isAmo: true, orderType: 'LIMIT' });
    place.flush({ intentId: 'i1', outcome: 'placed', orderIds: ['A1'], latencyMs: 5 }, { status: 201, statusText: 'Created' });
    await stable();
  });

  it('closed and unticked by the trader: says before sending that Upstox refuses a regular order until the open', async () => {
    await open(CLOSED);
    amoBox()?.click();
    await stable();
    expect(amoBox()?.checked).toBe(false);
    expect(text('regular-order-refused')).toBe('NSE is closed: Upstox refuses regular orders until 09:15 Mon');

    await reviewLimitBuy();
    expect(q('[data-testid="order-summary"]')?.textContent).toContain('AMONo');
    expect(text('summary-regular-refused')).toBe(
      'NSE is closed: Upstox refuses regular orders until 09:15 Mon. Go back and tick After-market order (AMO) to queue it for the open.',
    );
    // The trader's choice stands: a later read of the hours does not tick it again.
    const reread = TestBed.inject(MarketHoursStore).load();
    backend.expectOne(HOURS_URL).flush(CLOSED);
    await reread;
    await stable();
    button('Back to edit')?.click();
    await stable();
    expect(amoBox()?.checked).toBe(false);
  });

  it('open: AMO stays unticked and nothing is said; a pre-tick is taken back when the market opens while untouched', async () => {
    await open(OPEN);
    expect(amoBox()?.checked).toBe(false);
    expect(q('[data-testid="amo-explanation"]')).toBeNull();
    expect(q('[data-testid="regular-order-refused"]')).toBeNull();

    const store = TestBed.inject(MarketHoursStore);
    const closes = store.load();
    backend.expectOne(HOURS_URL).flush(CLOSED);
    await closes;
    await stable();
    expect(amoBox()?.checked).toBe(true);

    const opens = store.load();
    backend.expectOne(HOURS_URL).flush(OPEN);
    await opens;
    await stable();
    expect(amoBox()?.checked).toBe(false);
    expect(q('[data-testid="amo-explanation"]')).toBeNull();
  });

  it('hours unknown (the read failed): AMO is not ticked and nothing is claimed', async () => {
    fixture = TestBed.createComponent(PlaceOrderDialog);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    backend.expectOne(HOURS_URL).flush({ code: 'X', title: 'x', message: 'x', requestId: 'r' }, { status: 500, statusText: 'Error' });
    await stable();
    expect(amoBox()?.checked).toBe(false);
    expect(q('[data-testid="amo-explanation"]')).toBeNull();
  });
});
