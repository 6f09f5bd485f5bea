import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { PlaceOrderRequest } from '@desk/contracts';
import { provideDeskHttp } from '@desk/web/http';
import { order, ordersView } from '../testing/orders-fixtures';
import { ORDERS_IDLE_REFRESH_MS, ORDERS_REFRESH_MS, OrdersStore } from './orders-store';

const request: PlaceOrderRequest = {
  instrumentKey: 'NSE_EQ|INE002A01018',
  transactionType: 'BUY',
  quantity: 1,
  orderType: 'MARKET',
  product: 'D',
  validity: 'DAY',
};

describe('OrdersStore', () => {
  let store: OrdersStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideDeskHttp(), provideHttpClientTesting()] });
    store = TestBed.inject(OrdersStore);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    store.deactivate();
    backend.verify();
  });

  it('lists orders newest first', async () => {
    const loading = store.load();
    backend.expectOne('/api/orders').flush(
      ordersView([
        order({ orderId: '261128000000001', placedAt: '2026-11-28T11:20:00+05:30' }), // updated last
        order({ orderId: '261128000000003', placedAt: '2026-11-28T10:00:00+05:30' }),
        order({ orderId: '261128000000002', placedAt: '2026-11-28T10:30:00+05:30' }),
      ]),
    );
    await loading;
    expect(store.orders().map((o) => o.orderId)).toEqual(['261128000000003', '261128000000002', '261128000000001']);
    expect(store.loaded()).toBe(true);
  });

  it('keeps the api error visible, with its next step', async () => {
    const loading = store.load();
    backend.expectOne('/api/orders').flush(
      { code: 'CONNECTION_EXPIRED', title: 'Connection Failed', message: 'The Upstox token expired at 03:30 IST.', nextStep: 'Reconnect using the Connect button.', requestId: 'r' },
      { status: 401, statusText: 'Unauthorized' },
    );
    await loading;
    expect(store.error()).toMatchObject({ title: 'Connection Failed', nextStep: 'Reconnect using the Connect button.' });
  });

  it('refreshes every 2 s while an order is working, then only every 30 s once all are final', async () => {
    jest.useFakeTimers();
    try {
      store.activate();
      backend.expectOne('/api/orders').flush(ordersView([order({ status: 'open' })]));
      await jest.advanceTimersByTimeAsync(0);
      expect(store.hasOpenOrders()).toBe(true);

      await jest.advanceTimersByTimeAsync(ORDERS_REFRESH_MS);
      backend.expectOne('/api/orders').flush(ordersView([order({ status: 'complete', filledQuantity: 10 })]));
      await jest.advanceTimersByTimeAsync(0);
      expect(store.hasOpenOrders()).toBe(false);

      await jest.advanceTimersByTimeAsync(ORDERS_IDLE_REFRESH_MS - 1_000);
      backend.expectNone('/api/orders');
      await jest.advanceTimersByTimeAsync(1_000);
      backend.expectOne('/api/orders').flush(ordersView([order({ status: 'complete', filledQuantity: 10 })]));
      await jest.advanceTimersByTimeAsync(0);
      store.deactivate();
      await jest.advanceTimersByTimeAsync(ORDERS_IDLE_REFRESH_MS * 3);
      backend.expectNone('/api/orders');
    } finally {
      jest.useRealTimers();
    }
  });

  it('sends the Idempotency-Key and reports a 202 as an unknown outcome', async () => {
    const placing = store.place(request, 'key-1');
    const post = backend.expectOne({ method: 'POST', url: '/api/orders' });
    expect(post.request.headers.get('Idempotency-Key')).toBe('key-1');
    post.flush({ intentId: 'i', outcome: 'unknown', orderIds: [], latencyMs: null }, { status: 202, statusText: 'Accepted' });
    expect(await placing).toMatchObject({ kind: 'unknown', response: { intentId: 'i' } });
    backend.expectOne({ method: 'GET', url: '/api/orders' }).flush(ordersView([]));
  });

  it('tells a definite rejection from an outcome it cannot know', async () => {
    const rejected = store.place(request, 'k2');
    backend.expectOne({ method: 'POST', url: '/api/orders' }).flush(
      { code: 'ORDER_REJECTED', title: 'Order rejected', message: 'Insufficient funds.', requestId: 'r' },
      { status: 422, statusText: 'x' },
    );
    expect(await rejected).toMatchObject({ kind: 'rejected', error: { message: 'Insufficient funds.' } });
    backend.expectOne({ method: 'GET', url: '/api/orders' }).flush(ordersView([]));

    const timedOut = store.place(request, 'k3');
    backend.expectOne({ method: 'POST', url: '/api/orders' }).flush(
      { code: 'ORDER_OUTCOME_UNKNOWN', title: 'Upstox error', message: 'Upstox did not answer in time.', requestId: 'r' },
      { status: 504, statusText: 'x' },
    );
    expect(await timedOut).toMatchObject({ kind: 'unknown', response: null, error: { code: 'ORDER_OUTCOME_UNKNOWN' } });
    await new Promise((resolve) => setTimeout(resolve, 0)); // the reload waits for the list already in flight
    backend.expectOne({ method: 'GET', url: '/api/orders' }).flush(ordersView([]));
  });

  it('returns the api error when a cancel is refused', async () => {
    const cancelling = store.cancel('251128000000001');
    backend.expectOne({ method: 'DELETE', url: '/api/orders/251128000000001' }).flush(
      { code: 'ORDER_NOT_CANCELLABLE', title: 'Request refused', message: 'The order is already complete.', requestId: 'r' },
      { status: 409, statusText: 'Conflict' },
    );
    expect(await cancelling).toMatchObject({ ok: false, error: { message: 'The order is already complete.' } });
  });
});
