import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { DeskEvents } from '@desk/web/events';
import { FakeEventSource, FakeEventSources, goLive, provideFakeEventSources, upstreamStatus } from '@desk/web/events/testing';
import { provideDeskHttp } from '@desk/web/http';
import { detailsView, order, ordersView } from '../testing/orders-fixtures';
import { ORDERS_IDLE_REFRESH_MS, ORDERS_REFRESH_MS, OrdersStore } from './orders-store';

const FIRST = '261128000000001';
const SECOND = '261128000000002';

describe('OrdersStore with the event stream', () => {
  let store: OrdersStore;
  let events: DeskEvents;
  let fakes: FakeEventSources;
  let backend: HttpTestingController;

  beforeEach(() => {
    jest.useFakeTimers();
    fakes = new FakeEventSources();
    TestBed.configureTestingModule({ providers: [provideDeskHttp(), provideHttpClientTesting(), provideFakeEventSources(fakes)] });
    store = TestBed.inject(OrdersStore);
    events = TestBed.inject(DeskEvents);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    store.deactivate();
    store.closeDetails();
    events.stop();
    jest.useRealTimers();
    backend.verify();
  });

  const settle = () => jest.advanceTimersByTimeAsync(0);
  const ids = () => store.orders().map((o) => `${o.orderId}:${o.status}`);

  /** Connected, first list read, then the stream goes live (which re-reads once). */
  async function activeAndLive(): Promise<FakeEventSource> {
    store.activate();
    backend.expectOne('/api/orders').flush(ordersView([order({ orderId: FIRST, status: 'open' })]));
    await settle();
    const source = goLive(events, fakes);
    await settle();
    backend.expectOne('/api/orders').flush(ordersView([order({ orderId: FIRST, status: 'open' })]));
    await settle();
    return source;
  }

  it('activated while the stream opens: the book is read once, after the stream went live, not twice', async () => {
    events.start();
    store.activate();
    backend.expectNone('/api/orders');
    expect(store.loaded()).toBe(false);
    fakes.latest.open(upstreamStatus('live'));
    events.reportUpstream(upstreamStatus('live'));
    await settle();
    backend.expectOne('/api/orders').flush(ordersView([order({ orderId: FIRST, status: 'open' })]));
    await settle();
    expect(ids()).toEqual([`${FIRST}:open`]);
    await jest.advanceTimersByTimeAsync(ORDERS_IDLE_REFRESH_MS);
    backend.expectNone('/api/orders');
  });

  it('an order event upserts by order id, newest first, and nothing is polled while live', async () => {
    const source = await activeAndLive();
    source.emit('order', order({ orderId: SECOND, status: 'open' }), 1);
    expect(ids()).toEqual([`${SECOND}:open`, `${FIRST}:open`]);
    source.emit('order', order({ orderId: FIRST, status: 'complete', filledQuantity: 10 }), 2);
    expect(ids()).toEqual([`${SECOND}:open`, `${FIRST}:complete`]);
    expect(store.updatedAt()).not.toBeNull();

    await jest.advanceTimersByTimeAsync(ORDERS_IDLE_REFRESH_MS * 4);
    backend.expectNone('/api/orders');
  });

  it("collects the rejections it learns while watching (events, later reads), not the first read's, until dismissed", async () => {
    const rejectedAt = (orderId: string, placedAt: string) => order({ orderId, status: 'rejected', statusMessage: 'RMS: margin exceeds', placedAt });
    store.activate();
    backend.expectOne('/api/orders').flush(ordersView([rejectedAt('261128000000009', '2026-11-28T09:20:00+05:30'), order({ orderId: FIRST, status: 'open' })]));
    await settle();
    const source = goLive(events, fakes);
    await settle();
    backend.expectOne('/api/orders').flush(ordersView([order({ orderId: FIRST, status: 'open' })]));
    await settle();
    expect(store.rejections()).toEqual([]);

    source.emit('order', rejectedAt(FIRST, '2026-11-28T10:15:00+05:30'), 1);
    expect(store.rejections().map((o) => o.orderId)).toEqual([FIRST]);
    // The same rejection again (a re-read, a repeated event) is not news.
    source.emit('order', rejectedAt(FIRST, '2026-11-28T10:15:00+05:30'), 2);
    void store.load();
    backend.expectOne('/api/orders').flush(ordersView([rejectedAt(FIRST, '2026-11-28T10:15:00+05:30'), rejectedAt(SECOND, '2026-11-28T10:16:00+05:30')]));
    await settle();
    expect(store.rejections().map((o) => o.orderId)).toEqual([SECOND, FIRST]);

    store.dismissRejections();
    expect(store.rejections()).toEqual([]);
    source.emit('order', rejectedAt('261128000000003', '2026-11-28T10:17:00+05:30'), 3);
    expect(store.rejections()).toHaveLength(1);
    store.deactivate();
    expect(store.rejections()).toEqual([]);
  });

  it('polls only while the stream is down, and re-reads once when it is back', async () => {
    const source = await activeAndLive();
    source.fail(); // the browser retries by itself
    expect(store.live()).toBe(false);
    await jest.advanceTimersByTimeAsync(ORDERS_REFRESH_MS); // an order is working: the 2 s fallback
    backend.expectOne('/api/orders').flush(ordersView([order({ orderId: FIRST, status: 'open' })]));
    await settle();
    await jest.advanceTimersByTimeAsync(ORDERS_REFRESH_MS);
    backend.expectOne('/api/orders').flush(ordersView([order({ orderId: FIRST, status: 'complete', filledQuantity: 10 })]));
    await settle();

    source.open(upstreamStatus('live'));
    await settle();
    backend.expectOne('/api/orders').flush(ordersView([order({ orderId: FIRST, status: 'complete', filledQuantity: 10 })]));
    await settle();
    await jest.advanceTimersByTimeAsync(ORDERS_IDLE_REFRESH_MS * 2);
    backend.expectNone('/api/orders');
  });

  it('the Upstox stream reconnecting at the api also means polling', async () => {
    await activeAndLive();
    events.reportUpstream(upstreamStatus('reconnecting', 'socket closed'));
    await jest.advanceTimersByTimeAsync(ORDERS_REFRESH_MS);
    backend.expectOne('/api/orders').flush(ordersView([order({ orderId: FIRST, status: 'open' })]));
    await settle();
    events.reportUpstream(upstreamStatus('live'));
    backend.expectOne('/api/orders').flush(ordersView([order({ orderId: FIRST, status: 'open' })]));
    await settle();
    await jest.advanceTimersByTimeAsync(ORDERS_IDLE_REFRESH_MS);
    backend.expectNone('/api/orders');
  });

  it('resync re-reads the list', async () => {
    const source = await activeAndLive();
    source.emit('resync', { reason: 'older than the last 1000 events' }, 50);
    await settle();
    backend.expectOne('/api/orders').flush(ordersView([order({ orderId: FIRST, status: 'cancelled' })]));
    await settle();
    expect(ids()).toEqual([`${FIRST}:cancelled`]);
  });

  it('a list read before an event does not undo it', async () => {
    const source = await activeAndLive();
    const reading = store.load();
    source.emit('order', order({ orderId: FIRST, status: 'complete', filledQuantity: 10 }), 3);
    backend.expectOne('/api/orders').flush(ordersView([order({ orderId: FIRST, status: 'open' })]));
    await reading;
    expect(ids()).toEqual([`${FIRST}:complete`]);
  });

  it('an open order-details dialog takes the new status from the event and re-reads its history', async () => {
    const source = await activeAndLive();
    store.openDetails(FIRST);
    backend.expectOne(`/api/orders/${FIRST}`).flush(detailsView({ order: order({ orderId: FIRST, status: 'open' }), history: [] }));
    await settle();
    await jest.advanceTimersByTimeAsync(ORDERS_REFRESH_MS * 3);
    backend.expectNone(`/api/orders/${FIRST}`); // live: no details polling

    source.emit('resync', { reason: 'gap' }, 4); // re-reads the list and the open order
    await settle();
    const readBefore = backend.expectOne(`/api/orders/${FIRST}`);
    source.emit('order', order({ orderId: FIRST, status: 'complete', filledQuantity: 10 }), 5);
    expect(store.details()?.order.status).toBe('complete');
    const readAfter = backend.expectOne(`/api/orders/${FIRST}`);
    // The read that started before the fill reached the api answers late: its older status does not win.
    readBefore.flush(detailsView({ order: order({ orderId: FIRST, status: 'open' }), history: [] }));
    await settle();
    expect(store.details()?.order.status).toBe('complete');
    const history = [{ status: 'complete', statusClass: 'complete' as const, statusMessage: null, price: 2490, triggerPrice: 0, quantity: 10, filledQuantity: 10, averagePrice: 2490, at: null }];
    readAfter.flush(detailsView({ order: order({ orderId: FIRST, status: 'complete', filledQuantity: 10 }), history }));
    await settle();
    expect(store.details()?.history).toEqual(history);
    backend.expectOne('/api/orders').flush(ordersView([order({ orderId: FIRST, status: 'complete', filledQuantity: 10 })]));
    await settle();

    source.emit('order', order({ orderId: SECOND }), 6); // another order: no details read
    backend.expectNone(`/api/orders/${FIRST}`);
  });

  it('ignores events while disconnected', async () => {
    const source = await activeAndLive();
    store.deactivate();
    source.emit('order', order({ orderId: SECOND }), 6);
    expect(store.orders()).toEqual([]);
  });

  it('another account reads at once, even while a read for the previous one is still in flight', async () => {
    store.activate();
    const previous = backend.expectOne('/api/orders');
    store.deactivate();
    store.activate();
    const next = backend.match('/api/orders');
    expect(next).toHaveLength(1);
    previous.flush(ordersView([order({ orderId: FIRST })]));
    next[0].flush(ordersView([order({ orderId: SECOND })]));
    await settle();
    expect(ids()).toEqual([`${SECOND}:open`]);
  });
});
