import { DIALOG_DATA, DialogRef } from '@angular/cdk/dialog';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Order, OrderDetailsView, Trade, classifyOrderStatus, formatIst } from '@desk/contracts';
import { DeskEvents } from '@desk/web/events';
import { FakeEventSources, goLive, provideFakeEventSources } from '@desk/web/events/testing';
import { provideDeskHttp } from '@desk/web/http';
import { detailsView, order } from '../../testing/orders-fixtures';
import { OrdersStore } from '../orders-store';
import { OrderDetailsData, OrderDetailsDialog } from './order-details-dialog';

const ID = '251128000000001';
const wait = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

function details(o: Order): OrderDetailsView {
  return detailsView({
    order: o,
    history: ['put order req received', 'validation pending', 'open pending', o.status].map((status, i) => ({
      status,
      statusClass: classifyOrderStatus(status),
      statusMessage: null,
      price: o.price,
      triggerPrice: o.triggerPrice,
      quantity: o.quantity,
      filledQuantity: 0,
      averagePrice: 0,
      at: `2026-11-28T10:15:0${i}+05:30`,
    })),
  });
}

describe('OrderDetailsDialog', () => {
  let fixture: ComponentFixture<OrderDetailsDialog>;
  let el: HTMLElement;
  let backend: HttpTestingController;
  let fakes: FakeEventSources;

  async function open(o: Order, data: Partial<OrderDetailsData> = {}): Promise<void> {
    fakes = new FakeEventSources();
    TestBed.configureTestingModule({
      providers: [
        provideFakeEventSources(fakes),
        provideDeskHttp(),
        provideHttpClientTesting(),
        { provide: DialogRef, useValue: { close: jest.fn() } },
        { provide: DIALOG_DATA, useValue: { orderId: ID, ...data } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(OrderDetailsDialog);
    el = fixture.nativeElement as HTMLElement;
    backend.expectOne(`/api/orders/${ID}`).flush(details(o));
    await wait();
    await fixture.whenStable();
  }

  afterEach(() => {
    TestBed.inject(OrdersStore).closeDetails();
    backend.match(() => true).forEach((r) => r.flush([]));
    backend.verify();
  });

  const button = (text: string) =>
    Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim() === text) as HTMLButtonElement | undefined;
  const stable = async () => {
    await wait();
    await fixture.whenStable();
  };
  /** Types into a field of the modify form, as a trader would. */
  const setField = (selector: string, value: string) => {
    const input = el.querySelector<HTMLInputElement | HTMLSelectElement>(selector);
    if (!input) throw new Error(`no field ${selector}`);
    input.value = value;
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
  };

  it('shows the details and the status history, newest first', async () => {
    await open(order({ orderId: ID }));
    expect(el.querySelector('[data-testid="order-facts"]')?.textContent).toContain('₹2,490.00');
    const rows = el.querySelectorAll('[data-testid="order-history"] tbody tr');
    expect(rows).toHaveLength(4);
    expect(rows[0].textContent).toContain('open');
    expect(rows[3].textContent).toContain('put order req received');
  });

  it("says when the order was placed (its first status) apart from its last update, which Upstox's order time follows", async () => {
    await open(order({ orderId: ID, placedAt: '2026-11-28T10:20:00+05:30' }));
    expect(el.querySelector('[data-testid="order-placed-at"]')?.textContent?.trim()).toBe(formatIst('2026-11-28T10:15:00+05:30'));
    expect(el.querySelector('[data-testid="order-updated-at"]')?.textContent?.trim()).toBe(formatIst('2026-11-28T10:20:00+05:30'));
  });

  it('explains the CDSL TPIN step under a delivery sell rejected for it (issue 9 d), and adds nothing to other messages', async () => {
    await open(order({ orderId: ID, status: 'rejected', transactionType: 'SELL', statusMessage: 'Delivery sell not authorised: CDSL TPIN authorisation is required to sell these shares (the account has no DDPI or POA).' }));
    expect(el.querySelector('[data-testid="order-status-message"]')?.textContent).toContain('CDSL TPIN authorisation is required');
    expect(el.querySelector('[data-testid="order-status-next-step"]')?.textContent?.trim()).toBe(
      'Authorise the sale with your CDSL TPIN and OTP in the Upstox app (Portfolio > Holdings > Authorise), then place it again.',
    );
  });

  it('shows no next step for a message it has none for', async () => {
    await open(order({ orderId: ID, status: 'rejected', statusMessage: 'You need to add Rs. 100.00 in your account to place this trade.' }));
    expect(el.querySelector('[data-testid="order-status-message"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="order-status-next-step"]')).toBeNull();
  });

  it('offers no Modify or Cancel for a finished order', async () => {
    await open(order({ orderId: ID, status: 'complete', filledQuantity: 10 }));
    expect(button('Modify')).toBeUndefined();
    expect(button('Cancel order')).toBeUndefined();
  });

  it('asks before cancelling, then sends one DELETE', async () => {
    await open(order({ orderId: ID }));
    button('Cancel order')?.click();
    await stable();
    expect(el.querySelector('[data-testid="cancel-confirmation"]')?.textContent).toContain('Cancel this order?');
    backend.expectNone({ method: 'DELETE', url: `/api/orders/${ID}` });

    button('Yes, cancel order')?.click();
    backend.expectOne({ method: 'DELETE', url: `/api/orders/${ID}` }).flush({ orderId: ID, latencyMs: 3 });
    await stable();
    expect(el.textContent).toContain('Cancel request sent to Upstox.');
  });

  it('keeps focus in the dialog as Cancel and Modify replace the buttons that had it', async () => {
    await open(order({ orderId: ID, orderType: 'LIMIT', price: 2490 }));
    const focused = () => document.activeElement;
    button('Cancel order')?.click();
    await stable();
    expect(focused()).toBe(button('Keep order')); // the safe answer first
    button('Keep order')?.click();
    await stable();
    expect(focused()).toBe(button('Cancel order'));

    button('Modify')?.click();
    await stable();
    expect(focused()).toBe(el.querySelector('#mo-orderType'));
    setField('#mo-price', '2495');
    button('Send modification')?.click();
    await stable();
    expect(focused()).toBe(button('Edit'));
    button('Edit')?.click();
    await stable();
    expect(focused()).toBe(el.querySelector('#mo-orderType'));
    button('Back')?.click();
    await stable();
    expect(focused()).toBe(button('Modify'));

    button('Cancel order')?.click();
    await stable();
    button('Yes, cancel order')?.click();
    backend.expectOne({ method: 'DELETE', url: `/api/orders/${ID}` }).flush({ orderId: ID, latencyMs: 3 });
    await stable();
    expect(focused()?.textContent).toContain('Cancel request sent to Upstox.');
  });

  it("says in the modify form that the desk's kill switch is on (cancelling still works)", async () => {
    await open(order({ orderId: ID, orderType: 'LIMIT', price: 2490 }));
    button('Modify')?.click();
    await stable();
    backend.expectOne('/api/orders/kill-switch').flush({ enabled: true, updatedAt: '2026-12-01T06:00:00.000Z' });
    await stable();
    expect(el.querySelector('[data-testid="modify-kill-switch-warning"]')?.textContent?.trim()).toBe(
      "The desk's kill switch is on: it refuses modifications (cancelling still works). Turn it off under Kill switches in the Account panel to modify.",
    );
  });

  it('follows the kill switch while the modify form is open (turned on, then off, in another tab)', async () => {
    await open(order({ orderId: ID, orderType: 'LIMIT', price: 2490 }));
    const source = goLive(TestBed.inject(DeskEvents), fakes);
    button('Modify')?.click();
    await stable();
    backend.expectOne('/api/orders/kill-switch').flush({ enabled: false, updatedAt: null });
    await stable();
    const warning = () => el.querySelector('[data-testid="modify-kill-switch-warning"]');
    expect(warning()).toBeNull();

    source.emit('kill-switch', { enabled: true, updatedAt: '2026-12-01T06:00:00.000Z' }, 3);
    await stable();
    expect(warning()).not.toBeNull();
    source.emit('kill-switch', { enabled: false, updatedAt: '2026-12-01T06:00:05.000Z' }, 4);
    await stable();
    expect(warning()).toBeNull();
  });

  it('leases the live price while modifying and says in the confirmation when the new limit is far from it', async () => {
    await open(order({ orderId: ID, orderType: 'LIMIT', price: 2490 }));
    button('Modify')?.click();
    await stable();
    const lease = backend.expectOne({ method: 'POST', url: '/api/market/interest' });
    expect(lease.request.body).toEqual({ instrumentKeys: [order().instrumentKey] });
    lease.flush({ id: 'L1', instrumentKeys: [order().instrumentKey], expiresAt: '', quotes: [{ instrumentKey: order().instrumentKey, lastPrice: 2500, closePrice: null, change: null, changePercent: null, tradedAt: null }] });
    await stable();

    setField('#mo-price', '2510');
    button('Send modification')?.click();
    await stable();
    expect(el.querySelector('[data-testid="modify-price-warning"]')).toBeNull();

    button('Edit')?.click();
    await stable();
    setField('#mo-price', '249');
    button('Send modification')?.click();
    await stable();
    expect(el.querySelector('[data-testid="modify-price-warning"]')?.textContent?.trim()).toBe(
      'Your limit price ₹249.00 is 90.04 % below the last price (₹2,500.00). The order waits until the price falls that far. Check it is the price you meant.',
    );
    // Closing the form drops the lease.
    button('Edit')?.click();
    await stable();
    button('Back')?.click();
    await stable();
    backend.expectOne({ method: 'DELETE', url: '/api/market/interest/L1' }).flush(null);
  });

  it('validates a modification with the shared rules before sending it', async () => {
    await open(order({ orderId: ID, orderType: 'LIMIT', price: 2490 }));
    button('Modify')?.click();
    await stable();
    const price = el.querySelector<HTMLInputElement>('#mo-price');
    expect(price?.value).toBe('2490');
    if (price) {
      price.value = '0';
      price.dispatchEvent(new Event('input'));
    }
    button('Send modification')?.click();
    await stable();
    expect(el.querySelector('#mo-price-error')?.textContent).toBe('Price is required and must be greater than 0 for LIMIT orders.');
    backend.expectNone({ method: 'PUT', url: `/api/orders/${ID}` });

    if (price) {
      price.value = '2495.5';
      price.dispatchEvent(new Event('input'));
    }
    button('Send modification')?.click();
    await stable();
    // Money moves only after the exact change is confirmed, like Place and Cancel.
    expect(el.querySelector('[data-testid="modify-confirmation"]')?.textContent).toContain('LIMIT at ₹2,495.50');
    backend.expectNone({ method: 'PUT', url: `/api/orders/${ID}` });
    button('Yes, send modification')?.click();
    const put = backend.expectOne({ method: 'PUT', url: `/api/orders/${ID}` });
    expect(put.request.body).toEqual({ orderType: 'LIMIT', validity: 'DAY', quantity: 10, price: 2495.5 });
    put.flush({ orderId: ID, latencyMs: 2 });
    await stable();
    expect(el.textContent).toContain('Modification sent to Upstox.');
  });

  it("stops a price off the instrument's tick before asking to confirm; without the instrument, leaves the tick to the api", async () => {
    await open(order({ orderId: ID, orderType: 'LIMIT', price: 2490 }));
    button('Modify')?.click();
    await stable();
    const lookup = backend.expectOne((r) => r.url.startsWith('/api/instruments/'));
    expect(decodeURIComponent(lookup.request.url)).toBe(`/api/instruments/${order({}).instrumentKey}`);
    lookup.flush({ instrumentKey: order({}).instrumentKey, tradingSymbol: 'RELIANCE', lotSize: 1, tickSize: 0.05, freezeQuantity: null });
    await stable();
    const price = el.querySelector<HTMLInputElement>('#mo-price');
    const setPrice = (value: string) => {
      if (!price) throw new Error('no price field');
      price.value = value;
      price.dispatchEvent(new Event('input'));
    };
    setPrice('2495.53');
    button('Send modification')?.click();
    await stable();
    expect(el.querySelector('#mo-price-error')?.textContent).toBe('Price must be a multiple of the tick size ₹0.05.');
    expect(el.querySelector('[data-testid="modify-confirmation"]')).toBeNull();
    expect(price?.getAttribute('step')).toBe('0.05');
    setPrice('2495.55');
    button('Send modification')?.click();
    await stable();
    expect(el.querySelector('[data-testid="modify-confirmation"]')?.textContent).toContain('LIMIT at ₹2,495.55');
    backend.expectNone({ method: 'PUT', url: `/api/orders/${ID}` });

    // The api's list does not hold it: the form checks what it can, the api checks the tick.
    button('Edit')?.click();
    await stable();
    button('Back')?.click();
    await stable();
    button('Modify')?.click();
    await stable();
    backend
      .expectOne((r) => r.url.startsWith('/api/instruments/'))
      .flush({ code: 'NOT_FOUND', title: 'Request refused', message: 'No instrument.', requestId: 'r' }, { status: 404, statusText: 'Not Found' });
    await stable();
    const again = el.querySelector<HTMLInputElement>('#mo-price');
    if (!again) throw new Error('no price field');
    again.value = '2495.53';
    again.dispatchEvent(new Event('input'));
    button('Send modification')?.click();
    await stable();
    expect(el.querySelector('[data-testid="modify-confirmation"]')?.textContent).toContain('LIMIT at ₹2,495.53');
  });

  it('sends nothing when an edit follows the review, until the new values are confirmed', async () => {
    await open(order({ orderId: ID, orderType: 'LIMIT', price: 2490 }));
    button('Modify')?.click();
    await stable();
    setField('#mo-price', '2495');
    button('Send modification')?.click();
    await stable();
    expect(button('Yes, send modification')).toBeDefined();
    const quantity = el.querySelector<HTMLInputElement>('#mo-quantity');
    if (quantity) {
      quantity.value = '20';
      quantity.dispatchEvent(new Event('input'));
    }
    await stable();
    expect(button('Yes, send modification')).toBeUndefined();
    backend.expectNone({ method: 'PUT', url: `/api/orders/${ID}` });
  });

  it('shows why a modification was refused', async () => {
    await open(order({ orderId: ID }));
    button('Modify')?.click();
    await stable();
    setField('#mo-quantity', '12');
    button('Send modification')?.click();
    await stable();
    button('Yes, send modification')?.click();
    backend.expectOne({ method: 'PUT', url: `/api/orders/${ID}` }).flush(
      { code: 'ORDER_NOT_MODIFIABLE', title: 'Request refused', message: 'The order was filled before the change arrived.', requestId: 'r' },
      { status: 409, statusText: 'Conflict' },
    );
    await stable();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('The order was filled before the change arrived.');
  });

  it('takes back a confirmation asked before the instrument arrived when the price turns out off its tick', async () => {
    await open(order({ orderId: ID, orderType: 'LIMIT', price: 2490 }));
    button('Modify')?.click();
    await stable();
    const lookup = backend.expectOne((r) => r.url.startsWith('/api/instruments/'));
    const price = el.querySelector<HTMLInputElement>('#mo-price');
    if (!price) throw new Error('no price field');
    price.value = '2495.53';
    price.dispatchEvent(new Event('input'));
    button('Send modification')?.click();
    await stable();
    expect(el.querySelector('[data-testid="modify-confirmation"]')).not.toBeNull();
    lookup.flush({ instrumentKey: order({}).instrumentKey, tradingSymbol: 'RELIANCE', lotSize: 1, tickSize: 0.05, freezeQuantity: null });
    await stable();
    expect(el.querySelector('[data-testid="modify-confirmation"]')).toBeNull();
    expect(el.querySelector('#mo-price-error')?.textContent).toBe('Price must be a multiple of the tick size ₹0.05.');
    backend.expectNone({ method: 'PUT', url: `/api/orders/${ID}` });
  });

  it('puts focus on the field the api named when it refuses a modification', async () => {
    await open(order({ orderId: ID, orderType: 'LIMIT', price: 2490 }));
    button('Modify')?.click();
    await stable();
    setField('#mo-price', '2495.53');
    button('Send modification')?.click();
    await stable();
    button('Yes, send modification')?.click();
    const tick = 'Price must be a multiple of the tick size ₹0.05.';
    backend.expectOne({ method: 'PUT', url: `/api/orders/${ID}` }).flush(
      { code: 'VALIDATION_FAILED', title: 'Invalid input', message: tick, details: [{ field: 'price', message: tick }], requestId: 'r' },
      { status: 400, statusText: 'Bad Request' },
    );
    await stable();
    expect(document.activeElement?.id).toBe('mo-price');
  });

  it('names each change on the confirmation, and sends nothing when nothing changed', async () => {
    await open(order({ orderId: ID, orderType: 'LIMIT', price: 2490, quantity: 10, triggerPrice: 0 }));
    button('Modify')?.click();
    await stable();
    button('Send modification')?.click();
    await stable();
    expect(el.querySelector('[data-testid="modify-confirmation"]')).toBeNull();
    expect(el.querySelector('[data-testid="modify-unchanged"]')?.textContent).toBe(
      "Nothing to send: these are the order's values now. Change a field, or go Back.",
    );
    backend.expectNone({ method: 'PUT', url: `/api/orders/${ID}` });

    setField('#mo-quantity', '12');
    await stable();
    expect(el.querySelector('[data-testid="modify-unchanged"]')).toBeNull();
    setField('#mo-orderType', 'SL');
    await stable();
    setField('#mo-price', '2495');
    setField('#mo-triggerPrice', '2494');
    button('Send modification')?.click();
    await stable();
    expect(el.querySelector('[data-testid="modify-changes"]')?.textContent).toBe(
      'Order type LIMIT → SL · Quantity 10 → 12 · Price ₹2,490.00 → ₹2,495.00 · Trigger ₹2,494.00',
    );
  });

  it('disables Modify and Cancel, saying why, for as long as trading is blocked (read-only, the desk not answering)', async () => {
    const blockedBy = signal<string | null>('Reconnect to trade');
    await open(order({ orderId: ID, status: 'open' }), { tradingBlockedBy: blockedBy });
    const why = () => el.querySelector('[data-testid="order-actions-blocked"]')?.textContent?.trim() ?? null;
    expect(button('Modify')?.disabled).toBe(true);
    expect(button('Cancel order')?.disabled).toBe(true);
    expect(why()).toBe('Reconnect to trade');

    blockedBy.set(null); // reconnected, with the dialog open
    await stable();
    expect(button('Modify')?.disabled).toBe(false);
    expect(button('Cancel order')?.disabled).toBe(false);
    expect(why()).toBeNull();

    blockedBy.set('Upstox Desk is not answering: check that `npm start` is still running.');
    await stable();
    expect(button('Modify')?.disabled).toBe(true);
    expect(button('Cancel order')?.disabled).toBe(true);
    expect(why()).toContain('not answering');
  });

  /** One fill of a RELIANCE buy at ₹2,490 (of this dialog's order unless said). */
  const trade = (tradeId: string, quantity: number, at: string, orderId = ID): Trade => ({
    tradeId, orderId, exchangeOrderId: null, instrumentKey: 'NSE_EQ|INE002A01018', tradingSymbol: 'RELIANCE', exchange: 'NSE',
    product: 'D', orderType: 'LIMIT', transactionType: 'BUY', quantity, averagePrice: 2490, tradedAt: at,
  });

  it("lists a partly filled order's fills; while live, a further fill arrives as its trade event, with no read", async () => {
    await open(order({ orderId: ID, orderType: 'LIMIT', price: 2490, quantity: 10, filledQuantity: 4, status: 'open' }));
    const firstRead = backend.expectOne((r) => r.url === '/api/trades');
    expect(firstRead.request.params.get('orderId')).toBe(ID);
    firstRead.flush({ trades: [trade('T1', 4, '2026-11-28T10:15:05+05:30')], asOf: '2026-11-28T04:45:06.000Z', source: 'stream' });
    await stable();
    const rows = () =>
      Array.from(el.querySelectorAll('[data-testid="order-fill"]')).map((r) => Array.from(r.querySelectorAll('td')).map((c) => c.textContent?.trim()).join(' '));
    expect(rows()).toEqual(['28 Nov, 10:15:05 IST 4 ₹2,490.00 T1']);

    const source = goLive(TestBed.inject(DeskEvents), fakes);
    TestBed.inject(OrdersStore).activate(); // the dashboard's orders section does this: order events then apply
    await stable();
    // Going live reads them once more: a fill may have come while nothing was pushed.
    backend.expectOne((r) => r.url === '/api/trades').flush({ trades: [trade('T1', 4, '2026-11-28T10:15:05+05:30')], asOf: '2026-11-28T04:45:07.000Z', source: 'stream' });
    source.emit('order', order({ orderId: ID, orderType: 'LIMIT', price: 2490, quantity: 10, filledQuantity: 10, status: 'complete' }), 1);
    source.emit('trade', trade('T2', 6, '2026-11-28T10:16:00+05:30'), 2);
    await stable();
    backend.match(`/api/orders/${ID}`).forEach((r) => r.flush(details(order({ orderId: ID, quantity: 10, filledQuantity: 10, status: 'complete' }))));
    await stable();
    backend.expectNone((r) => r.url === '/api/trades');
    expect(rows()).toEqual(['28 Nov, 10:16:00 IST 6 ₹2,490.00 T2', '28 Nov, 10:15:05 IST 4 ₹2,490.00 T1']);
  });

  it('adds a fill pushed as a trade event, which Upstox may report after the order itself', async () => {
    await open(order({ orderId: ID, orderType: 'LIMIT', price: 2490, quantity: 10, filledQuantity: 4, status: 'open' }));
    const source = goLive(TestBed.inject(DeskEvents), fakes); // going live reads the fills again
    // Pushed while the reads are on their way, which then answer without it: the pushed fill stays.
    source.emit('trade', trade('T2', 6, '2026-11-28T10:16:00+05:30'), 1);
    source.emit('trade', trade('X9', 1, '2026-11-28T10:16:30+05:30', '251128000000999'), 2); // another order's
    await stable();
    const reads = backend.match((r) => r.url === '/api/trades');
    expect(reads).toHaveLength(2);
    reads.forEach((r) => r.flush({ trades: [trade('T1', 4, '2026-11-28T10:15:05+05:30')], asOf: '2026-11-28T04:45:06.000Z', source: 'stream' }));
    await stable();
    const ids = Array.from(el.querySelectorAll('[data-testid="order-fill"] td.mono')).map((c) => c.textContent?.trim());
    expect(ids).toEqual(['T2', 'T1']);
  });

  it('reads no fills for an order that has filled none', async () => {
    await open(order({ orderId: ID, orderType: 'LIMIT', price: 2490, filledQuantity: 0, status: 'open' }));
    await stable();
    backend.expectNone((r) => r.url === '/api/trades');
    expect(el.querySelector('[data-testid="order-fills"]')).toBeNull();
  });
});
