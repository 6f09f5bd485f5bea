import { DIALOG_DATA, DialogRef } from '@angular/cdk/dialog';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideDeskHttp } from '@desk/web/http';
import { CHART_LIBRARY } from '@desk/web/market/chart';
import { NIFTY_FUT, instrument, ordersView } from '../../testing/orders-fixtures';
import { PlaceOrderDialog } from './place-order-dialog';
import { PlaceOrderData, PlaceOrderPrefill } from './place-order-model';

const wait = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

const EXIT_LONG_FUTURE: PlaceOrderPrefill = {
  instrumentKey: NIFTY_FUT.instrumentKey,
  tradingSymbol: NIFTY_FUT.tradingSymbol,
  transactionType: 'SELL',
  quantity: 150,
  product: 'I',
  purpose: 'Exit position: SELL 150 NIFTY26DECFUT (Intraday)',
};

describe('PlaceOrderDialog opened with a prefill (Exit)', () => {
  let fixture: ComponentFixture<PlaceOrderDialog>;
  let el: HTMLElement;
  let backend: HttpTestingController;

  async function open(data: PlaceOrderData): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideDeskHttp(),
        provideHttpClientTesting(),
        { provide: DialogRef, useValue: { close: jest.fn(), disableClose: false } },
        { provide: DIALOG_DATA, useValue: data },
        // jsdom has no canvas: the chart library never loads here.
        { provide: CHART_LIBRARY, useValue: () => new Promise(() => undefined) },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PlaceOrderDialog);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  afterEach(() => {
    backend.match('/api/orders').forEach((r) => r.flush(ordersView([])));
    backend.match('/api/orders/kill-switch');
    // The instrument list's status line under the search reads this once per dialog.
    backend.match('/api/instruments/status').forEach((r) => r.flush({ source: 'download', asOf: null, ageHours: null, instruments: 0, downloading: false }));
    // The chart's lease and candles and the confirmation's costs: place-order-market.spec.ts tests those.
    backend.match((r) => r.url.startsWith('/api/market/') || r.url === '/api/orders/costs');
    backend.verify();
  });

  const q = <T extends Element = HTMLInputElement>(selector: string) => el.querySelector(selector) as T | null;
  const checked = () => Array.from(el.querySelectorAll<HTMLInputElement>('input[type="radio"]:checked')).map((r) => r.value);
  const button = (text: string) => Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim() === text);
  const stable = async () => {
    await wait();
    await fixture.whenStable();
  };
  const lookup = (symbol: string) => backend.expectOne((r) => r.url === '/api/instruments' && r.params.get('query') === symbol);

  it('starts with the opposite side, the whole quantity, the product and the instrument; Confirm still comes after Review', async () => {
    await open({ prefill: EXIT_LONG_FUTURE });
    lookup('NIFTY26DECFUT').flush({ instruments: [instrument({ tradingSymbol: 'NIFTY26DECFUT', instrumentKey: 'NSE_FO|99999' }), NIFTY_FUT], source: 'simulator' });
    await stable();

    expect(q('[data-testid="order-prefill"]')?.textContent).toContain('Exit position: SELL 150 NIFTY26DECFUT (Intraday)');
    expect(checked()).toEqual(['SELL', 'MARKET']);
    expect(q<HTMLInputElement>('#po-quantity')?.value).toBe('150');
    expect(q<HTMLSelectElement>('#po-product')?.value).toBe('I');
    expect(q('[data-testid="selected-instrument"]')?.textContent).toContain('NIFTY26DECFUT');
    expect(q<HTMLInputElement>('#po-instrument')?.value).toBe('NIFTY26DECFUT');
    backend.expectNone((r) => r.method === 'POST' && r.url === '/api/orders');

    button('Review order')?.click();
    await stable();
    expect(q('[data-testid="summary-side"]')?.textContent).toBe('SELL');
    expect(q('[data-testid="summary-quantity"]')?.textContent).toBe('150 (3 lots of 50)');
    expect(q('[data-testid="summary-symbol"]')?.textContent).toContain(NIFTY_FUT.instrumentKey);
    expect(q('[data-testid="summary-product"]')?.textContent).toContain('(I)');
    backend.expectNone((r) => r.method === 'POST' && r.url === '/api/orders');

    button('Confirm SELL')?.click();
    const post = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/orders');
    expect(post.request.body).toEqual({
      instrumentKey: NIFTY_FUT.instrumentKey,
      transactionType: 'SELL',
      quantity: 150,
      orderType: 'MARKET',
      product: 'I',
      validity: 'DAY',
      isAmo: false,
      marketProtection: -1,
    });
    post.flush({ intentId: 'i', outcome: 'placed', orderIds: ['1'], latencyMs: 1 }, { status: 201, statusText: 'Created' });
    await stable();
  });

  it('keeps the quantity as given even when it is not a whole number of lots, and lets the rules say so', async () => {
    await open({ prefill: { ...EXIT_LONG_FUTURE, quantity: 75 } });
    lookup('NIFTY26DECFUT').flush({ instruments: [NIFTY_FUT], source: 'simulator' });
    await stable();
    expect(q<HTMLInputElement>('#po-quantity')?.value).toBe('75');
    button('Review order')?.click();
    await stable();
    expect(q('#po-quantity-error')?.textContent).toContain('50');
  });

  it('when the instrument is not in the list, says so and shows the search for it', async () => {
    await open({ prefill: EXIT_LONG_FUTURE });
    lookup('NIFTY26DECFUT').flush({ instruments: [], source: 'none', message: 'No instrument master is loaded.' });
    await stable();
    expect(q('[data-testid="prefill-problem"]')?.textContent).toContain('NIFTY26DECFUT (NSE_FO|35001) is not in the instrument list: No instrument master is loaded.');
    expect(q('[data-testid="selected-instrument"]')).toBeNull();
    expect(q<HTMLInputElement>('#po-instrument')?.value).toBe('NIFTY26DECFUT');
    await wait(300); // the search box runs the search for the symbol
    lookup('NIFTY26DECFUT').flush({ instruments: [], source: 'none' });
    await stable();
  });
});
