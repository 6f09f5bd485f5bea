import { DialogRef } from '@angular/cdk/dialog';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Instrument, OrderIntentView, validatePlaceOrder } from '@desk/contracts';
import { DeskEvents } from '@desk/web/events';
import { FakeEventSources, goLive, provideFakeEventSources } from '@desk/web/events/testing';
import { provideDeskHttp } from '@desk/web/http';
import { CHART_LIBRARY } from '@desk/web/market/chart';
import { NIFTY_FUT, instrument, order, ordersView } from '../../testing/orders-fixtures';
import { OrdersStore } from '../orders-store';
import { PlaceOrderDialog } from './place-order-dialog';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PlaceOrderDialog', () => {
  let fixture: ComponentFixture<PlaceOrderDialog>;
  let el: HTMLElement;
  let backend: HttpTestingController;
  let fakes: FakeEventSources;

  beforeEach(async () => {
    fakes = new FakeEventSources();
    TestBed.configureTestingModule({
      providers: [
        provideFakeEventSources(fakes),
        provideDeskHttp(),
        provideHttpClientTesting(),
        { provide: DialogRef, useValue: { close: jest.fn(), disableClose: false } },
        // jsdom has no canvas: the chart library never loads here.
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
    // The instrument list's status line under the search reads this once per dialog.
    backend.match('/api/instruments/status').forEach((r) => r.flush({ source: 'download', asOf: null, ageHours: null, instruments: 0, downloading: false }));
    // The chart's lease and candles and the confirmation's costs: place-order-market.spec.ts tests those.
    backend.match((r) => r.url.startsWith('/api/market/') || r.url === '/api/orders/costs');
    backend.verify();
  });

  const q = <T extends Element = HTMLInputElement>(selector: string) => el.querySelector(selector) as T | null;
  const button = (text: string) =>
    Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim() === text) as HTMLButtonElement | undefined;
  const stable = async () => {
    await wait(0);
    await fixture.whenStable();
  };

  function setInput(selector: string, value: string): void {
    const input = q<HTMLInputElement & HTMLSelectElement>(selector);
    if (!input) throw new Error(`missing ${selector}`);
    input.value = value;
    input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input'));
  }

  function radio(name: string): void {
    const input = Array.from(el.querySelectorAll<HTMLInputElement>('input[type="radio"]')).find((r) => r.value === name);
    if (!input) throw new Error(`missing radio ${name}`);
    input.click();
  }

  async function pickInstrument(picked: Instrument, query = picked.tradingSymbol.slice(0, 3)): Promise<void> {
    setInput('#po-instrument', query);
    await wait(300);
    backend.expectOne((r) => r.url === '/api/instruments' && r.params.get('query') === query).flush({ instruments: [picked], source: 'simulator' });
    await stable();
    q<HTMLElement>('[role="option"]')?.click();
    await stable();
  }

  async function reviewLimitBuy(): Promise<void> {
    await pickInstrument(NIFTY_FUT);
    radio('LIMIT');
    await stable();
    setInput('#po-price', '100.05');
    await stable();
    button('Review order')?.click();
    await stable();
  }

  function expectPlace(): TestRequest {
    return backend.expectOne((r) => r.method === 'POST' && r.url === '/api/orders');
  }

  it('searches after the user pauses typing and lists symbol, name, exchange, lot size and LTP', async () => {
    setInput('#po-instrument', 'r');
    setInput('#po-instrument', 're');
    setInput('#po-instrument', 'rel');
    backend.expectNone('/api/instruments?query=rel');
    await wait(300);
    const search = backend.expectOne((r) => r.url === '/api/instruments');
    expect(search.request.params.get('query')).toBe('rel');
    search.flush({ instruments: [instrument(), NIFTY_FUT], source: 'simulator' });
    await stable();
    const options = el.querySelectorAll('[role="option"]');
    expect(options).toHaveLength(2);
    expect(options[0].textContent).toContain('RELIANCE');
    expect(options[0].textContent).toContain('RELIANCE INDUSTRIES LTD');
    expect(options[0].textContent).toContain('NSE');
    expect(options[0].textContent).toContain('Lot 1');
    expect(options[0].textContent).toContain('₹2,500.40');
    expect(q<HTMLElement>('[data-testid="instrument-search-status"]')?.textContent?.trim()).toBe('2 matching instruments.');
  });

  it("warns at once when the desk's kill switch is on, and says nothing when it is off", async () => {
    const warning = () => q<HTMLElement>('[data-testid="kill-switch-warning"]');
    backend.expectOne('/api/orders/kill-switch').flush({ enabled: true, updatedAt: '2026-12-01T06:00:00.000Z' });
    await stable();
    expect(warning()?.textContent?.trim()).toBe(
      "The desk's kill switch is on: it refuses new orders. Turn it off under Kill switches in the Account panel to trade.",
    );

    // Turned off meanwhile: the next dialog reads it again.
    const off = TestBed.createComponent(PlaceOrderDialog);
    await off.whenStable();
    backend.expectOne('/api/orders/kill-switch').flush({ enabled: false, updatedAt: '2026-12-01T06:05:00.000Z' });
    await wait(0);
    await off.whenStable();
    expect((off.nativeElement as HTMLElement).querySelector('[data-testid="kill-switch-warning"]')).toBeNull();
  });

  it('follows the kill switch while open: turned on in another tab, the warning appears; an older read does not undo it', async () => {
    const warning = () => q<HTMLElement>('[data-testid="kill-switch-warning"]');
    const source = goLive(TestBed.inject(DeskEvents), fakes);
    source.emit('kill-switch', { enabled: true, updatedAt: '2026-12-01T06:00:01.000Z' }, 7);
    // The dialog's own read, answered before the change but arriving after its event.
    backend.expectOne('/api/orders/kill-switch').flush({ enabled: false, updatedAt: '2026-12-01T06:00:00.000Z' });
    await stable();
    expect(warning()).not.toBeNull();
    expect(el.querySelector('form')?.getAttribute('data-kill-switch')).toBe('on');

    source.emit('kill-switch', { enabled: false, updatedAt: '2026-12-01T06:00:02.000Z' }, 8);
    await stable();
    expect(warning()).toBeNull();
    expect(el.querySelector('form')?.getAttribute('data-kill-switch')).toBe('off');
  });

  it('says "1 matching instrument." for a single result', async () => {
    setInput('#po-instrument', 'reliance');
    await wait(300);
    backend.expectOne((r) => r.url === '/api/instruments').flush({ instruments: [instrument()], source: 'simulator' });
    await stable();
    expect(q<HTMLElement>('[data-testid="instrument-search-status"]')?.textContent?.trim()).toBe('1 matching instrument.');
  });

  it('shows only the price and trigger fields each order type needs', async () => {
    const visible = () => [!!q('#po-price'), !!q('#po-triggerPrice')];
    expect(visible()).toEqual([false, false]);
    for (const [type, expected] of [['LIMIT', [true, false]], ['SL', [true, true]], ['SL-M', [false, true]], ['MARKET', [false, false]]] as const) {
      radio(type);
      await stable();
      expect({ type, fields: visible() }).toEqual({ type, fields: expected });
    }
  });

  it('makes the quantity lot-size aware', async () => {
    await pickInstrument(NIFTY_FUT);
    expect(q('#po-quantity')?.value).toBe('50');
    expect(q('#po-quantity')?.getAttribute('step')).toBe('50');
    expect(q('[data-testid="lot-size-hint"]')?.textContent).toContain('Lot size 50: the quantity must be a multiple of 50.');
  });

  it('shows the shared rules messages under each field and sends nothing', async () => {
    button('Review order')?.click();
    await stable();
    expect(q('#po-instrument-error')?.textContent).toBe(validatePlaceOrder({}).find((e) => e.field === 'instrumentKey')?.message);

    await pickInstrument(NIFTY_FUT);
    setInput('#po-quantity', '30');
    radio('SL');
    await stable();
    setInput('#po-price', '100.03');
    setInput('#po-triggerPrice', '');
    button('Review order')?.click();
    await stable();
    expect(q('#po-quantity-error')?.textContent).toBe('Quantity must be a multiple of the lot size 50.');
    expect(q('#po-price-error')?.textContent).toBe('Price must be a multiple of the tick size ₹0.05.');
    expect(q('#po-triggerPrice-error')?.textContent).toBe('Trigger price is required and must be greater than 0 for SL orders.');
    expect(q('#po-quantity')?.getAttribute('aria-invalid')).toBe('true');
    expect(q('[data-testid="order-summary"]')).toBeNull();
    backend.expectNone((r) => r.method === 'POST' && r.url === '/api/orders');
  });

  it('focuses the first invalid field when the review finds problems', async () => {
    await pickInstrument(NIFTY_FUT);
    radio('LIMIT');
    await stable();
    setInput('#po-price', '');
    await stable();
    button('Review order')?.click();
    await stable();
    expect(q('#po-price')?.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(q('#po-price'));
  });

  it('moves focus to each new step, so it never falls to the page behind the dialog', async () => {
    await reviewLimitBuy();
    expect(document.activeElement).toBe(q('[aria-label="Order summary"]'));

    button('Back to edit')?.click();
    await stable();
    expect(document.activeElement).toBe(q('#po-instrument'));
    button('Review order')?.click();
    await stable();
    button('Confirm BUY')?.click();
    expectPlace().flush({ intentId: 'i5', outcome: 'placed', orderIds: ['251128000000778'], latencyMs: 3 }, { status: 201, statusText: 'Created' });
    await stable();
    expect(document.activeElement).toBe(q('[data-testid="order-result"]'));

    button('Place another order')?.click();
    await stable();
    expect(document.activeElement).toBe(q('#po-instrument'));
  });

  it('confirms exactly what will be sent, with the estimated value in rupees', async () => {
    await reviewLimitBuy();
    const summary = q<HTMLElement>('[data-testid="order-summary"]');
    const text = (id: string) => summary?.querySelector(`[data-testid="summary-${id}"]`)?.textContent?.trim();
    expect(text('side')).toBe('BUY');
    expect(text('quantity')).toBe('50 (1 lot of 50)');
    expect(text('symbol')).toContain('NIFTY26DECFUT');
    expect(q('[data-testid="summary-split"]')).toBeNull();
    expect(text('type')).toBe('LIMIT');
    expect(text('price')).toBe('₹100.05');
    expect(summary?.querySelector('[data-testid="summary-trigger"]')).toBeNull();
    expect(text('product')).toBe('Delivery (D)');
    expect(text('validity')).toBe('DAY');
    expect(text('estimate')).toContain('₹5,002.50');
    expect(button('Confirm BUY')).toBeDefined();
  });

  it('asks for market protection on MARKET and SL-M only, sends it, and shows it in the confirmation (issue 9 a)', async () => {
    await pickInstrument(NIFTY_FUT);
    expect(q('#po-marketProtection')?.value).toBe('-1'); // MARKET is the default type: automatic
    expect(q('[data-testid="market-protection-hint"]')?.textContent).toContain('-1 lets Upstox choose (automatic)');
    radio('LIMIT');
    await stable();
    expect(q('#po-marketProtection')).toBeNull();
    radio('MARKET');
    await stable();
    setInput('#po-marketProtection', '30');
    await stable();
    button('Review order')?.click();
    await stable();
    expect(el.querySelector('#po-marketProtection-error')?.textContent).toContain('from 0 to 25');
    setInput('#po-marketProtection', '5');
    await stable();
    button('Review order')?.click();
    await stable();
    expect(q('[data-testid="summary-market-protection"]')?.textContent?.trim()).toBe('5 % from the last price');
    (button('Confirm BUY') as HTMLButtonElement).click();
    await stable();
    const placed = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/orders');
    expect(placed.request.body).toMatchObject({ orderType: 'MARKET', marketProtection: 5 });
    expect('price' in placed.request.body).toBe(false);
    placed.flush({ intentId: 'i1', outcome: 'placed', orderIds: ['251128000000778'], latencyMs: 12 }, { status: 201, statusText: 'Created' });
    await stable();
  });

  it('says an order above the freeze quantity will be split (issue 9 c)', async () => {
    await pickInstrument({ ...NIFTY_FUT, freezeQuantity: 1800 });
    radio('LIMIT');
    await stable();
    setInput('#po-price', '100.05');
    setInput('#po-quantity', '1850');
    await stable();
    button('Review order')?.click();
    await stable();
    expect(q('[data-testid="summary-quantity"]')?.textContent?.trim()).toBe('1850 (37 lots of 50)');
    expect(q('[data-testid="summary-split"]')?.textContent?.trim()).toBe(
      "This order will be split into 2 orders of at most 1800 (the exchange's freeze quantity is 1800).",
    );
  });

  it('labels the confirm button with the side', async () => {
    await pickInstrument(NIFTY_FUT);
    radio('SELL');
    await stable();
    button('Review order')?.click();
    await stable();
    expect(button('Confirm SELL')).toBeDefined();
    expect(q('[data-testid="summary-estimate"]')?.textContent).toContain('at the last traded price');
  });

  it('sends one request for a double click, with an Idempotency-Key, and shows the order id', async () => {
    await reviewLimitBuy();
    const confirm = button('Confirm BUY') as HTMLButtonElement;
    confirm.click();
    confirm.click();
    await stable();
    const placed = backend.match((r) => r.method === 'POST' && r.url === '/api/orders');
    expect(placed).toHaveLength(1);
    expect(placed[0].request.body).toEqual({
      instrumentKey: 'NSE_FO|35001',
      transactionType: 'BUY',
      quantity: 50,
      orderType: 'LIMIT',
      product: 'D',
      validity: 'DAY',
      price: 100.05,
      isAmo: false,
    });
    expect(placed[0].request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(q<HTMLButtonElement>('[data-testid="confirm-order"]')?.disabled).toBe(true);

    placed[0].flush({ intentId: 'i1', outcome: 'placed', orderIds: ['251128000000777'], latencyMs: 12 }, { status: 201, statusText: 'Created' });
    await stable();
    expect(q('[data-testid="placed-order-id"]')?.textContent).toBe('251128000000777');
    expect(backend.match('/api/orders').length).toBeGreaterThan(0);
  });

  it('follows the placed order: when Upstox rejects it after accepting it, the result says so, why, and offers Back to edit', async () => {
    await reviewLimitBuy();
    button('Confirm BUY')?.click();
    expectPlace().flush({ intentId: 'i9', outcome: 'placed', orderIds: ['251128000000790'], latencyMs: 3 }, { status: 201, statusText: 'Created' });
    await stable();
    const text = (testId: string) => q(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim();
    const placedOrder = { orderId: '251128000000790', instrumentKey: 'NSE_FO|35001', quantity: 50, price: 100.05 };
    // The list read that follows a place brings the order, still working.
    backend.expectOne('/api/orders').flush(ordersView([order({ ...placedOrder, status: 'open' })]));
    await stable();
    expect(text('placed-title')).toBe('Order placed');
    expect(text('placed-order-status')).toBe('open');
    expect(q('[data-testid="placed-summary"]')?.getAttribute('data-tone')).toBe('ok');
    expect(button('Back to edit')).toBeUndefined();

    // Upstox's checks after acceptance (funds here) reject it.
    const reason = 'You need to add Rs. 3002.50 in your account to place this trade.';
    void TestBed.inject(OrdersStore).load();
    backend.expectOne('/api/orders').flush(ordersView([order({ ...placedOrder, status: 'rejected', statusMessage: reason })]));
    await stable();
    expect(text('placed-title')).toBe('Upstox rejected the order after accepting it');
    expect(q('[data-testid="placed-summary"]')?.getAttribute('data-tone')).toBe('rejected');
    expect(text('placed-order-status')).toBe(`rejected ${reason}`);
    expect(text('placed-rejected-next')).toContain('Back to edit keeps what you typed');

    button('Back to edit')?.click();
    await stable();
    expect(q<HTMLInputElement>('#po-price')?.value).toBe('100.05');
  });

  it('a split order with one part rejected after acceptance: the result says which, and offers no Back to edit (the other part works)', async () => {
    await reviewLimitBuy();
    button('Confirm BUY')?.click();
    expectPlace().flush({ intentId: 'i10', outcome: 'placed', orderIds: ['251128000000791', '251128000000792'], latencyMs: 3 }, { status: 201, statusText: 'Created' });
    await stable();
    backend.expectOne('/api/orders').flush(
      ordersView([
        order({ orderId: '251128000000791', status: 'open' }),
        order({ orderId: '251128000000792', status: 'rejected', statusMessage: 'RMS: position limit' }),
      ]),
    );
    await stable();
    expect(q('[data-testid="placed-title"]')?.textContent?.trim()).toBe('Upstox rejected 1 of the 2 orders after accepting them');
    expect(q('[data-testid="placed-rejected-next"]')?.textContent).toContain('would send them twice');
    expect(button('Back to edit')).toBeUndefined();
  });

  it('says "do not resubmit" when the api reports the outcome as unknown (202)', async () => {
    await reviewLimitBuy();
    button('Confirm BUY')?.click();
    expectPlace().flush({ intentId: 'i2', outcome: 'unknown', orderIds: [], latencyMs: null }, { status: 202, statusText: 'Accepted' });
    await stable();
    expect(q('[data-testid="outcome-unknown"]')?.textContent).toContain('Outcome unknown — being checked, do not resubmit');
    expect(button('Send again safely')).toBeUndefined();
    expect(q('[data-testid="outcome-unknown-message"]')).toBeNull();
  });

  describe('after a 202 "unknown", the dialog follows the api until it knows', () => {
    const INTENT = 'oi_1M8T9DAQ55XX4VVN8S2';
    const intentView = (status: OrderIntentView['status'], orderIds: string[] = []): OrderIntentView => ({
      intentId: INTENT, status, brokerTag: 'dk1M8T9DAQ5X3NCQNAE', orderIds,
      request: { instrumentKey: NIFTY_FUT.instrumentKey, transactionType: 'BUY', quantity: 50, orderType: 'LIMIT', product: 'D', validity: 'DAY', price: 100.05 },
      errorCode: status === 'NOT_PLACED' ? 'UPSTOX_TIMEOUT' : null, upstoxCode: null,
      errorMessage: status === 'NOT_PLACED' ? 'Upstox did not answer in time.' : null,
      createdAt: '2026-12-02T02:30:19.109Z', updatedAt: '2026-12-02T02:30:39.128Z',
    });
    const expectIntentRead = () => backend.expectOne(`/api/order-intents/${INTENT}`);
    async function confirmIntoUnknown(): Promise<TestRequest> {
      await reviewLimitBuy();
      // Fake time from here (still moving on its own, for the dialog's renders): the follow checks every 2 s.
      jest.useFakeTimers({ advanceTimers: true });
      button('Confirm BUY')?.click();
      const place = expectPlace();
      place.flush({ intentId: INTENT, outcome: 'unknown', orderIds: [], latencyMs: null }, { status: 202, statusText: 'Accepted' });
      await stable();
      expect(q('[data-testid="outcome-unknown"]')?.textContent).toContain('Upstox Desk is checking');
      return place;
    }
    afterEach(() => jest.useRealTimers());

    it('ends on "not placed" with Back to edit, and the next submit is a new order (a new Idempotency-Key)', async () => {
      const first = await confirmIntoUnknown();
      jest.advanceTimersByTime(2_000);
      expectIntentRead().flush(intentView('UNKNOWN'));
      await stable();
      expect(q('[data-testid="outcome-unknown"]')).not.toBeNull();
      jest.advanceTimersByTime(2_000);
      expectIntentRead().flush(intentView('NOT_PLACED'));
      await stable();
      expect(q('[data-testid="outcome-unknown"]')).toBeNull();
      expect(q('[data-testid="error-message"]')?.textContent).toBe(
        'The order was not placed. The request failed (Upstox did not answer in time), and Upstox has no order with its tag.',
      );
      jest.advanceTimersByTime(10_000);
      backend.expectNone(`/api/order-intents/${INTENT}`);

      button('Back to edit')?.click();
      await stable();
      button('Review order')?.click();
      await stable();
      button('Confirm BUY')?.click();
      const second = expectPlace();
      expect(second.request.headers.get('Idempotency-Key')).not.toBe(first.request.headers.get('Idempotency-Key'));
      second.flush({ intentId: 'i9', outcome: 'placed', orderIds: ['251128000000778'], latencyMs: 3 }, { status: 201, statusText: 'Created' });
      await stable();
    });

    it('ends on "Order placed" with the order id when the api finds the order, after a check with no answer', async () => {
      await confirmIntoUnknown();
      jest.advanceTimersByTime(2_000);
      expectIntentRead().error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });
      await stable();
      jest.advanceTimersByTime(2_000);
      expectIntentRead().flush(intentView('SUBMITTED', ['251128000000779']));
      await stable();
      expect(q('[data-testid="placed-order-id"]')?.textContent).toBe('251128000000779');
    });

    it('stops following once the trader closes the result for another order, and says where to look when it runs out', async () => {
      await confirmIntoUnknown();
      button('Place another order')?.click();
      await stable();
      jest.advanceTimersByTime(4_000);
      backend.expectNone(`/api/order-intents/${INTENT}`);

      await reviewLimitBuyAgain();
      button('Confirm BUY')?.click();
      expectPlace().flush({ intentId: INTENT, outcome: 'unknown', orderIds: [], latencyMs: null }, { status: 202, statusText: 'Accepted' });
      await stable();
      for (let elapsed = 0; elapsed < 120_000; elapsed += 2_000) {
        jest.advanceTimersByTime(2_000);
        backend.match(`/api/order-intents/${INTENT}`).forEach((r) => r.flush(intentView('UNKNOWN')));
        await stable();
      }
      expect(q('[data-testid="outcome-still-unknown"]')?.textContent).toContain('could not find out within 2 minutes');
      jest.advanceTimersByTime(10_000);
      backend.expectNone(`/api/order-intents/${INTENT}`);

      // The next order gets no answer at all: "2 minutes" was said of the one before, not of this one.
      button('Place another order')?.click();
      await stable();
      await reviewLimitBuyAgain();
      button('Confirm BUY')?.click();
      expectPlace().error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });
      await stable();
      expect(q('[data-testid="outcome-unknown"]')).not.toBeNull();
      expect(q('[data-testid="outcome-still-unknown"]')).toBeNull();
    });

    /** "Place another order" keeps the instrument: only the review is needed again. */
    async function reviewLimitBuyAgain(): Promise<void> {
      radio('LIMIT');
      await stable();
      setInput('#po-price', '100.05');
      await stable();
      button('Review order')?.click();
      await stable();
    }
  });

  it('shows the api\'s reason with a 202 unknown outcome when it gives one (the sandbox cannot tell)', async () => {
    await reviewLimitBuy();
    button('Confirm BUY')?.click();
    const message = "Upstox's sandbox cannot tell whether this order was placed: it serves no order book or history to check.";
    expectPlace().flush({ intentId: 'i4', outcome: 'unknown', orderIds: [], latencyMs: null, message }, { status: 202, statusText: 'Accepted' });
    await stable();
    expect(q('[data-testid="outcome-unknown"]')?.textContent).toContain('do not resubmit');
    expect(q('[data-testid="outcome-unknown-message"]')?.textContent).toBe(message);
    expect(q('[data-testid="outcome-unknown"]')?.textContent).not.toContain('Upstox Desk is checking');
  });

  it('shows a rejection with its reason', async () => {
    await reviewLimitBuy();
    button('Confirm BUY')?.click();
    expectPlace().flush(
      { code: 'ORDER_REJECTED', title: 'Order rejected', message: 'Insufficient funds: required ₹5,002.50.', upstoxCode: 'UDAPI100500', requestId: 'r' },
      { status: 422, statusText: 'Unprocessable' },
    );
    await stable();
    expect(q('[data-testid="error-title"]')?.textContent).toBe('Order rejected');
    expect(q('[data-testid="error-message"]')?.textContent).toBe('Insufficient funds: required ₹5,002.50.');
  });

  it('reuses the Idempotency-Key when the same intent is retried, and takes a new one for the next order', async () => {
    await reviewLimitBuy();
    button('Confirm BUY')?.click();
    const first = expectPlace();
    const key = first.request.headers.get('Idempotency-Key');
    first.error(new ProgressEvent('error'), { status: 0, statusText: '' });
    await stable();
    expect(q('[data-testid="outcome-unknown"]')).not.toBeNull();

    button('Send again safely')?.click();
    const retry = expectPlace();
    expect(retry.request.headers.get('Idempotency-Key')).toBe(key);
    retry.flush({ intentId: 'i3', outcome: 'placed', orderIds: ['1'], latencyMs: 1 }, { status: 201, statusText: 'Created' });
    await stable();

    button('Place another order')?.click();
    await stable();
    button('Review order')?.click();
    await stable();
    button('Confirm BUY')?.click();
    const next = expectPlace();
    expect(next.request.headers.get('Idempotency-Key')).not.toBe(key);
    next.flush({ intentId: 'i4', outcome: 'placed', orderIds: ['2'], latencyMs: 1 }, { status: 201, statusText: 'Created' });
    await stable();
  });
});
