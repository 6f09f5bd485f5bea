import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { DeskEvents } from '@desk/web/events';
import { FakeEventSource, FakeEventSources, goLive, provideFakeEventSources, upstreamStatus } from '@desk/web/events/testing';
import { provideDeskHttp } from '@desk/web/http';
import { holding, holdingsView, position, positionsView } from '../testing/portfolio-fixtures';
import { PORTFOLIO_POLL_MS, PortfolioStore } from './portfolio-store';

const TCS = 'NSE_EQ|INE467B01029';

describe('PortfolioStore', () => {
  let store: PortfolioStore;
  let events: DeskEvents;
  let fakes: FakeEventSources;
  let backend: HttpTestingController;

  beforeEach(() => {
    jest.useFakeTimers();
    fakes = new FakeEventSources();
    TestBed.configureTestingModule({ providers: [provideDeskHttp(), provideHttpClientTesting(), provideFakeEventSources(fakes)] });
    store = TestBed.inject(PortfolioStore);
    events = TestBed.inject(DeskEvents);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    store.deactivate();
    events.stop();
    jest.useRealTimers();
    // Quote re-reads after the stream opens are the QuotesStore's (its own spec).
    backend.match((r) => r.url === '/api/market/quotes');
    backend.verify();
  });

  const settle = () => jest.advanceTimersByTimeAsync(0);

  function flushBoth(positions = [position()], holdings = [holding()]): void {
    backend.expectOne('/api/positions').flush(positionsView(positions));
    backend.expectOne('/api/holdings').flush(holdingsView(holdings));
  }

  async function activeAndLive(): Promise<FakeEventSource> {
    store.activate();
    flushBoth();
    await settle();
    const source = goLive(events, fakes);
    await settle();
    flushBoth(); // updates became live: one re-read closes any gap
    await settle();
    return source;
  }

  it('reads positions and holdings, with totals from the rows', async () => {
    store.activate();
    flushBoth([position({ quantity: 10, lastPrice: 2510 }), position({ instrumentKey: TCS, tradingSymbol: 'TCS', lastPrice: null })], [holding()]);
    await settle();
    expect(store.positions.loaded()).toBe(true);
    expect(store.positions.items()).toHaveLength(2);
    // RELIANCE +₹100 unrealised; TCS has no last price: left out and counted.
    expect(store.positionTotals()).toEqual({ realised: 0, unrealised: 100, pnl: 100, unpriced: 1 });
    expect(store.holdingTotals()).toMatchObject({ invested: 28000, currentValue: 30400, pnl: 2400, dayChange: 400, unpriced: 0 });
  });

  it('activated while the stream opens: each list is read once, after the stream went live, not twice', async () => {
    events.start();
    store.activate();
    backend.expectNone('/api/positions');
    backend.expectNone('/api/holdings');
    fakes.latest.open(upstreamStatus('live'));
    events.reportUpstream(upstreamStatus('live'));
    await settle();
    flushBoth();
    await settle();
    expect(store.positions.loaded()).toBe(true);
    await jest.advanceTimersByTimeAsync(PORTFOLIO_POLL_MS);
    backend.expectNone('/api/positions');
    backend.expectNone('/api/holdings');
  });

  it('position and holding events update rows and totals; a holding with nothing left goes away', async () => {
    const source = await activeAndLive();
    source.emit('position', position({ quantity: 0, sellQuantity: 10, sellPrice: 2530, sellValue: 25300, lastPrice: 2530 }), 1);
    expect(store.positions.items()).toHaveLength(1);
    expect(store.positionTotals()).toMatchObject({ realised: 300, unrealised: 0, pnl: 300 });
    source.emit('position', position({ instrumentKey: TCS, tradingSymbol: 'TCS', product: 'I', quantity: -5, buyQuantity: 0, buyPrice: 0, sellQuantity: 5, sellPrice: 4000, lastPrice: 3990 }), 2);
    expect(store.positions.items().map((p) => `${p.tradingSymbol}:${p.product}:${p.quantity}`)).toEqual(['RELIANCE:D:0', 'TCS:I:-5']);
    expect(store.positionTotals().pnl).toBe(350);

    source.emit('holding', holding({ lastPrice: 1550 }), 3);
    expect(store.holdings.items()[0].lastPrice).toBe(1550);
    source.emit('holding', holding({ quantity: 0, t1Quantity: 0, usedQuantity: 0 }), 4);
    expect(store.holdings.items()).toEqual([]);
  });

  it('prices rows and totals at each quote without a read; without quotes (stream closed) the rows own price again', async () => {
    const source = await activeAndLive();
    const quote = (instrumentKey: string, lastPrice: number) => ({ instrumentKey, lastPrice, closePrice: null, change: null, changePercent: null, tradedAt: null });
    source.emit('quote', { quotes: [quote('NSE_EQ|INE002A01018', 2520.5), quote('NSE_EQ|INE009A01021', 1530)] }, 0);
    expect(store.pricedPositions()[0]).toMatchObject({ lastPrice: 2520.5, unrealised: 205, pnl: 205 });
    expect(store.positionTotals()).toMatchObject({ pnl: 205, unrealised: 205 });
    expect(store.pricedHoldings()[0]).toMatchObject({ lastPrice: 1530, currentValue: 30600, pnl: 2600, dayChange: 600 });
    expect(store.holdingTotals()).toMatchObject({ currentValue: 30600, pnl: 2600 });
    // The rows themselves are what the api sent; only the priced view moves.
    expect(store.positions.items()[0].pnl).toBe(100);
    backend.expectNone('/api/positions');

    source.fail(true);
    await settle();
    expect(store.pricedPositions()[0].pnl).toBe(100);
    backend.match((r) => r.url === '/api/positions' || r.url === '/api/holdings');
  });

  it('does not poll while live; polls every 15 s while not; re-reads once when live again', async () => {
    const source = await activeAndLive();
    await jest.advanceTimersByTimeAsync(PORTFOLIO_POLL_MS * 3);
    backend.expectNone('/api/positions');

    source.fail(true); // the browser gave up: our own retry runs later
    await jest.advanceTimersByTimeAsync(PORTFOLIO_POLL_MS);
    const polled = backend.match((r) => r.url === '/api/positions' || r.url === '/api/holdings');
    expect(polled.map((r) => r.request.url).sort()).toEqual(['/api/holdings', '/api/positions']);
    polled.forEach((r) => r.flush(r.request.url === '/api/positions' ? positionsView([]) : holdingsView([])));
    await settle();

    expect(fakes.created).toHaveLength(2); // the retry (after about a second) opened a new stream
    fakes.latest.open(upstreamStatus('live'));
    await settle();
    flushBoth();
    await settle();
    await jest.advanceTimersByTimeAsync(PORTFOLIO_POLL_MS * 2);
    backend.expectNone('/api/positions');
  });

  it('resync re-reads both', async () => {
    const source = await activeAndLive();
    source.emit('resync', { reason: 'older than the buffer' }, 9);
    await settle();
    flushBoth([], []);
    await settle();
    expect(store.positions.items()).toEqual([]);
    expect(store.holdings.items()).toEqual([]);
  });

  it('a read in flight does not undo an event that arrived meanwhile', async () => {
    const source = await activeAndLive();
    const reading = store.load();
    source.emit('position', position({ lastPrice: 2600 }), 5);
    flushBoth([position({ lastPrice: 2510 })], [holding()]);
    await reading;
    expect(store.positions.items()[0].lastPrice).toBe(2600);
  });

  it('an error stays visible with its next step, and the next read clears it', async () => {
    store.activate();
    backend.expectOne('/api/positions').flush(
      { code: 'UPSTOX_UNAVAILABLE', title: 'Upstox error', message: 'Upstox did not answer.', nextStep: 'Try again in a minute.', requestId: 'r' },
      { status: 503, statusText: 'x' },
    );
    backend.expectOne('/api/holdings').flush(holdingsView([]));
    await settle();
    expect(store.positions.error()).toMatchObject({ message: 'Upstox did not answer.', nextStep: 'Try again in a minute.' });
    expect(store.positions.loaded()).toBe(false);
    expect(store.holdings.loaded()).toBe(true);
    const again = store.positions.reload();
    backend.expectOne('/api/positions').flush(positionsView([]));
    await again;
    expect(store.positions.error()).toBeNull();
  });

  it('disconnecting forgets the rows, drops a read in flight and ignores events', async () => {
    const source = await activeAndLive();
    const reading = store.load();
    store.deactivate();
    flushBoth();
    await reading;
    expect(store.positions.items()).toEqual([]);
    expect(store.positions.loaded()).toBe(false);
    source.emit('position', position(), 7);
    expect(store.positions.items()).toEqual([]);
    store.activate(); // a new account reads again at once
    flushBoth([], []);
    await settle();
    expect(store.positions.loaded()).toBe(true);
  });
});
