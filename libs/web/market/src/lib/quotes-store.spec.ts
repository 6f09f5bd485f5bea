import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { DeskEvents } from '@desk/web/events';
import { FakeEventSources, provideFakeEventSources, upstreamStatus } from '@desk/web/events/testing';
import { provideDeskHttp } from '@desk/web/http';
import { RELIANCE, TCS, lease, quote } from '../testing/market-fixtures';
import { INTEREST_RENEW_MS, QuotesStore } from './quotes-store';

describe('QuotesStore', () => {
  let store: QuotesStore;
  let events: DeskEvents;
  let fakes: FakeEventSources;
  let backend: HttpTestingController;

  beforeEach(() => {
    jest.useFakeTimers();
    fakes = new FakeEventSources();
    TestBed.configureTestingModule({ providers: [provideDeskHttp(), provideHttpClientTesting(), provideFakeEventSources(fakes)] });
    store = TestBed.inject(QuotesStore);
    events = TestBed.inject(DeskEvents);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    events.stop();
    jest.useRealTimers();
    backend.verify();
  });

  const settle = async () => {
    TestBed.tick();
    await jest.advanceTimersByTimeAsync(0);
  };

  async function openStream() {
    events.start();
    fakes.latest.open(upstreamStatus('live'));
    await settle();
    return fakes.latest;
  }

  it('applies quote events per instrument', async () => {
    const source = await openStream();
    const reliance = store.quote(RELIANCE);
    source.emit('quote', { quotes: [quote(RELIANCE, 1301.2), quote(TCS, 3500)] }, 0);
    expect(reliance()?.lastPrice).toBe(1301.2);
    expect(store.quote(TCS)()?.lastPrice).toBe(3500);
    source.emit('quote', { quotes: [quote(RELIANCE, 1302)] }, 0);
    expect(reliance()?.lastPrice).toBe(1302);
  });

  it('leases what a leased watch needs, renews every 20 s and drops it on release', async () => {
    await openStream();
    const watch = store.watch({ lease: true });
    watch.set([RELIANCE]);
    const post = backend.expectOne({ method: 'POST', url: '/api/market/interest' });
    expect(post.request.body).toEqual({ instrumentKeys: [RELIANCE] });
    post.flush(lease('L1', [RELIANCE], [quote(RELIANCE, 1300)]));
    await settle();
    // The lease's own quotes show at once, before the next tick.
    expect(store.quote(RELIANCE)()?.lastPrice).toBe(1300);

    await jest.advanceTimersByTimeAsync(INTEREST_RENEW_MS - 1);
    backend.expectNone({ method: 'PUT' });
    await jest.advanceTimersByTimeAsync(1);
    const put = backend.expectOne({ method: 'PUT', url: '/api/market/interest/L1' });
    expect(put.request.body).toEqual({ instrumentKeys: [RELIANCE] });
    put.flush(lease('L1', [RELIANCE]));
    await settle();

    watch.release();
    backend.expectOne({ method: 'DELETE', url: '/api/market/interest/L1' }).flush(null);
    await jest.advanceTimersByTimeAsync(INTEREST_RENEW_MS * 2);
    backend.expectNone({ method: 'PUT' });
  });

  it('takes a new lease when a renewal finds the old one gone (404)', async () => {
    await openStream();
    const watch = store.watch({ lease: true });
    watch.set([RELIANCE]);
    backend.expectOne({ method: 'POST' }).flush(lease('L1', [RELIANCE]));
    await settle();
    await jest.advanceTimersByTimeAsync(INTEREST_RENEW_MS);
    backend.expectOne({ method: 'PUT', url: '/api/market/interest/L1' }).flush(
      { code: 'NOT_FOUND', title: 'Not Found', message: 'No such lease', nextStep: null },
      { status: 404, statusText: 'Not Found' },
    );
    await settle();
    backend.expectOne({ method: 'POST', url: '/api/market/interest' }).flush(lease('L2', [RELIANCE]));
    await settle();
    watch.release();
    backend.expectOne({ method: 'DELETE', url: '/api/market/interest/L2' }).flush(null);
  });

  it('changing the instruments swaps the lease; an answer for an older set is dropped at once', async () => {
    await openStream();
    const watch = store.watch({ lease: true });
    watch.set([RELIANCE]);
    const first = backend.expectOne({ method: 'POST' });
    watch.set([TCS]);
    const second = backend.expectOne({ method: 'POST' });
    expect(second.request.body).toEqual({ instrumentKeys: [TCS] });
    first.flush(lease('OLD', [RELIANCE], [quote(RELIANCE, 1)]));
    await settle();
    backend.expectOne({ method: 'DELETE', url: '/api/market/interest/OLD' }).flush(null);
    second.flush(lease('NEW', [TCS]));
    await settle();
    watch.set([]);
    backend.expectOne({ method: 'DELETE', url: '/api/market/interest/NEW' }).flush(null);
  });

  it('does not lease for an unleased watch (positions: the api subscribes those itself)', async () => {
    await openStream();
    store.watch({ lease: false }).set([RELIANCE, TCS]);
    await jest.advanceTimersByTimeAsync(INTEREST_RENEW_MS * 2);
    backend.expectNone('/api/market/interest');
  });

  it('drops quotes when the stream closes and re-reads what is watched when it reopens; a read does not undo a newer event', async () => {
    const source = await openStream();
    store.watch({ lease: false }).set([RELIANCE, TCS]);
    source.emit('quote', { quotes: [quote(RELIANCE, 1301)] }, 0);
    source.fail(true); // the browser gave up: quotes would go stale unnoticed
    await settle();
    expect(store.quote(RELIANCE)()).toBeNull();

    await jest.advanceTimersByTimeAsync(30_000); // our reconnect
    fakes.latest.open(upstreamStatus('live'));
    await settle();
    const read = backend.expectOne((r) => r.url === '/api/market/quotes');
    expect(read.request.params.get('instrumentKeys')).toBe(`${RELIANCE},${TCS}`);
    // A quote event lands before the read's answer: the read's older RELIANCE price must not win.
    fakes.latest.emit('quote', { quotes: [quote(RELIANCE, 1310)] }, 0);
    read.flush({ quotes: [quote(RELIANCE, 1305), quote(TCS, 3500)] });
    await settle();
    expect(store.quote(RELIANCE)()?.lastPrice).toBe(1310);
    expect(store.quote(TCS)()?.lastPrice).toBe(3500);
  });
});
