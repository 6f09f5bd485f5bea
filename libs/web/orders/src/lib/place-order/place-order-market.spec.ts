import { DialogRef } from '@angular/cdk/dialog';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { OrderCostsView } from '@desk/contracts';
import { provideDeskHttp } from '@desk/web/http';
import { QuotesStore } from '@desk/web/market';
import { CHART_LIBRARY } from '@desk/web/market/chart';
import { instrument, ordersView } from '../../testing/orders-fixtures';
import { PlaceOrderDialog } from './place-order-dialog';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const RELIANCE = instrument({ lastPrice: 1301.2 });

const costs = (overrides: Partial<OrderCostsView> = {}): OrderCostsView => ({
  margin: { required: 13012.5, available: 250000, sufficient: true },
  charges: { brokerage: 20, transactionTax: 13.01, exchangeCharges: 0.39, gst: 3.67, stampDuty: 1.95, sebiFees: 0.01, otherCharges: 0, total: 39.03 },
  unavailableReason: null,
  deskLimit: null,
  asOf: '2026-12-01T04:00:00.000Z',
  ...overrides,
});

/** The Place Order dialog's market parts: live last price, the chart's lines, margin and charges. */
describe('PlaceOrderDialog market data', () => {
  let fixture: ComponentFixture<PlaceOrderDialog>;
  let el: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideDeskHttp(),
        provideHttpClientTesting(),
        { provide: DialogRef, useValue: { close: jest.fn(), disableClose: false } },
        { provide: CHART_LIBRARY, useValue: () => new Promise(() => undefined) },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PlaceOrderDialog);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => {
    backend.match('/api/orders').forEach((r) => r.flush(ordersView([])));
    backend.match('/api/orders/kill-switch');
    backend.match('/api/instruments/status');
    backend.match((r) => r.url.startsWith('/api/market/'));
    backend.verify();
  });

  const q = <T extends Element = HTMLElement>(selector: string) => el.querySelector(selector) as T | null;
  const text = (testId: string) => q(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim();
  const button = (label: string) => Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim() === label) as HTMLButtonElement | undefined;
  const stable = async () => {
    await wait(0);
    await fixture.whenStable();
  };
  function setInput(selector: string, value: string): void {
    const input = q<HTMLInputElement>(selector);
    if (!input) throw new Error(`missing ${selector}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }
  function radio(value: string): void {
    Array.from(el.querySelectorAll<HTMLInputElement>('input[type="radio"]')).find((r) => r.value === value)?.click();
  }

  async function pickReliance(): Promise<void> {
    setInput('#po-instrument', 'REL');
    await wait(300);
    backend.expectOne((r) => r.url === '/api/instruments').flush({ instruments: [RELIANCE], source: 'simulator' });
    await stable();
    q('[role="option"]')?.click();
    await stable();
    backend.expectOne({ method: 'POST', url: '/api/market/interest' }).flush({ id: 'L1', instrumentKeys: [RELIANCE.instrumentKey], expiresAt: '', quotes: [] });
    backend
      .expectOne((r) => r.url === '/api/market/candles')
      .flush({ instrumentKey: RELIANCE.instrumentKey, interval: '1minute', asOf: '', candles: [{ time: 1_796_000_000, open: 1290, high: 1310, low: 1280.1, close: 1301.2, volume: 5 }] });
    await stable();
  }

  it('shows the chart of the picked instrument, its limit line following the typed price, and the live last price', async () => {
    await pickReliance();
    expect(q('desk-candle-chart')).not.toBeNull();
    expect(text('chart-summary')).toBe("Last ₹1,301.20; today's range ₹1,280.10 – ₹1,310.00");
    radio('LIMIT');
    await stable();
    setInput('#po-price', '1295');
    await stable();
    expect(text('chart-summary')).toContain('your limit ₹1,295.00 is 0.48 % below the last price');

    TestBed.inject(QuotesStore).apply([{ instrumentKey: RELIANCE.instrumentKey, lastPrice: 1310.4, closePrice: null, change: null, changePercent: null, tradedAt: null }]);
    await stable();
    expect(text('dialog-ltp')).toBe('LTP ₹1,310.40');
    expect(q('[data-testid="dialog-ltp"]')?.classList).toContain('flash--up');
    // A MARKET order sends no price: no line.
    radio('MARKET');
    await stable();
    expect(text('chart-summary')).not.toContain('your limit');
  });

  it("values a market order at the live last price the dialog shows, not the search answer's older one", async () => {
    await pickReliance();
    TestBed.inject(QuotesStore).apply([{ instrumentKey: RELIANCE.instrumentKey, lastPrice: 1310.4, closePrice: null, change: null, changePercent: null, tradedAt: null }]);
    setInput('#po-quantity', '10');
    await stable();
    button('Review order')?.click();
    await stable();
    backend.expectOne('/api/orders/costs').flush(costs());
    await stable();
    expect(text('summary-estimate')).toMatch(/^₹13,104.00 ?at the last traded price$/);

    TestBed.inject(QuotesStore).apply([{ instrumentKey: RELIANCE.instrumentKey, lastPrice: 1312, closePrice: null, change: null, changePercent: null, tradedAt: null }]);
    await stable();
    expect(text('summary-estimate')).toMatch(/^₹13,120.00 ?at the last traded price$/);
  });

  async function reviewLimitBuy(price = '1295'): Promise<void> {
    await pickReliance();
    radio('LIMIT');
    await stable();
    await reviewAt(price);
  }

  async function reviewAt(price: string): Promise<void> {
    setInput('#po-price', price);
    await stable();
    button('Review order')?.click();
    await stable();
  }

  it('asks for the margin and charges of exactly the order on the confirmation, and lets confirming go ahead meanwhile', async () => {
    await reviewLimitBuy();
    const request = backend.expectOne({ method: 'POST', url: '/api/orders/costs' });
    expect(request.request.body).toMatchObject({ instrumentKey: RELIANCE.instrumentKey, transactionType: 'BUY', orderType: 'LIMIT', price: 1295, quantity: 1 });
    expect(text('costs-loading')).toContain('You can confirm meanwhile');
    expect(q<HTMLButtonElement>('[data-testid="confirm-order"]')?.disabled).toBe(false);

    request.flush(costs());
    await stable();
    // The confirmation charts the order too, its limit line at the confirmed price.
    expect(text('chart-summary')).toContain('your limit ₹1,295.00 is 0.48 % below the last price');
    expect(text('margin-required')).toBe('₹13,012.50');
    expect(text('margin-available')).toBe('₹2,50,000.00');
    expect(text('charge-brokerage')).toBe('₹20.00');
    expect(text('charge-transactionTax')).toBe('₹13.01');
    expect(text('charge-stampDuty')).toBe('₹1.95');
    expect(text('charge-sebiFees')).toBe('₹0.01');
    expect(text('charges-total')).toBe('₹39.03');
    expect(q('[data-testid="charge-otherCharges"]')).toBeNull();
    expect(q('[data-testid="margin-warning"]')).toBeNull();
  });

  it('warns when the order needs more margin than is available, and confirming stays possible', async () => {
    await reviewLimitBuy();
    backend.expectOne('/api/orders/costs').flush(costs({ margin: { required: 130125, available: 20000.5, sufficient: false } }));
    await stable();
    expect(text('margin-warning')).toBe('This order needs ₹1,30,125.00 margin; ₹20,000.50 is available. Upstox will likely reject it. You can still send it.');
    expect(q<HTMLButtonElement>('[data-testid="confirm-order"]')?.disabled).toBe(false);
  });

  it('warns on the confirmation of a limit far from the live last price, and the warning follows the price', async () => {
    await reviewLimitBuy('130.1');
    backend.expectOne('/api/orders/costs').flush(costs());
    await stable();
    expect(text('summary-price-warning')).toBe(
      'Your limit price ₹130.10 is 90.00 % below the last price (₹1,301.20). The order waits until the price falls that far. Check it is the price you meant.',
    );
    expect(q<HTMLButtonElement>('[data-testid="confirm-order"]')?.disabled).toBe(false);

    // Back to a sensible price: no warning.
    button('Back to edit')?.click();
    await stable();
    await reviewAt('1295');
    backend.expectOne('/api/orders/costs').flush(costs());
    await stable();
    expect(q('[data-testid="summary-price-warning"]')).toBeNull();
    // The market falls 20 % while the trader reads the confirmation: the limit now buys far above it, at once.
    TestBed.inject(QuotesStore).apply([{ instrumentKey: RELIANCE.instrumentKey, lastPrice: 1040.95, closePrice: null, change: null, changePercent: null, tradedAt: null }]);
    await stable();
    expect(text('summary-price-warning')).toContain('Your limit price ₹1,295.00 is 24.41 % above the last price (₹1,040.95). A BUY limit above the market trades at once');
  });

  it("says on the confirmation when the desk's own limits will refuse the order, with the next step", async () => {
    await reviewLimitBuy();
    expect(q('[data-testid="desk-limit-refusal"]')).toBeNull();
    backend.expectOne('/api/orders/costs').flush(
      costs({
        deskLimit: {
          limit: 'ORDER_MAX_NOTIONAL',
          message: 'This order is worth ₹12,95,000.00 (1000 × ₹1,295.00, at its limit price), above the per-order value limit of ₹10,00,000.00 (ORDER_MAX_NOTIONAL).',
          nextStep: 'Reduce the quantity, or raise ORDER_MAX_NOTIONAL in the server settings if this size is intended.',
        },
      }),
    );
    await stable();
    expect(q('[data-testid="desk-limit-refusal"]')?.getAttribute('role')).toBe('alert');
    const lines = Array.from(el.querySelectorAll('[data-testid="desk-limit-refusal"] p'), (p) => p.textContent?.trim());
    expect(lines).toEqual([
      'This desk will refuse this order',
      'This order is worth ₹12,95,000.00 (1000 × ₹1,295.00, at its limit price), above the per-order value limit of ₹10,00,000.00 (ORDER_MAX_NOTIONAL).',
      'Next step: Reduce the quantity, or raise ORDER_MAX_NOTIONAL in the server settings if this size is intended.',
    ]);
  });

  it('says when the sandbox cannot tell, and shows a failed ask with a way to ask again', async () => {
    await reviewLimitBuy();
    backend.expectOne('/api/orders/costs').flush(costs({ margin: null, charges: null, unavailableReason: 'Not available in the Upstox sandbox.' }));
    await stable();
    expect(text('costs-unavailable')).toBe('Not available in the Upstox sandbox.');
    expect(q('[data-testid="margin"]')).toBeNull();

    button('Back to edit')?.click();
    await stable();
    button('Review order')?.click();
    await stable();
    backend
      .expectOne('/api/orders/costs')
      .flush({ code: 'UPSTOX_UNAVAILABLE', title: 'Upstox Unavailable', message: 'Upstox did not answer.', nextStep: 'Try again.' }, { status: 503, statusText: 'x' });
    await stable();
    expect(text('order-costs')).toContain('Upstox did not answer.');
    button('Ask again')?.click();
    await stable();
    backend.expectOne('/api/orders/costs').flush(costs());
    await stable();
    expect(text('margin-required')).toBe('₹13,012.50');
  });
});
