import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Trade } from '@desk/contracts';
import { DeskEvents } from '@desk/web/events';
import { FakeEventSources, goLive, provideFakeEventSources } from '@desk/web/events/testing';
import { provideDeskHttp } from '@desk/web/http';
import { OrderFills } from './order-fills';

const ID = '251128000000001';
const wait = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

/** One fill of a RELIANCE buy at ₹2,490 of the order ID. */
const trade = (tradeId: string, quantity: number, minute: number): Trade => ({
  tradeId, orderId: ID, exchangeOrderId: null, instrumentKey: 'NSE_EQ|INE002A01018', tradingSymbol: 'RELIANCE', exchange: 'NSE',
  product: 'D', orderType: 'LIMIT', transactionType: 'BUY', quantity, averagePrice: 2490, tradedAt: `2026-11-28T10:${minute}:00+05:30`,
});
const answer = (trades: Trade[]) => ({ trades, asOf: '2026-11-28T04:50:00.000Z', source: 'stream' });

describe('OrderFills', () => {
  let fixture: ComponentFixture<OrderFills>;
  let backend: HttpTestingController;
  let fakes: FakeEventSources;

  beforeEach(() => {
    fakes = new FakeEventSources();
    TestBed.configureTestingModule({ providers: [provideFakeEventSources(fakes), provideDeskHttp(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(OrderFills);
  });

  afterEach(() => backend.verify());

  const settle = async () => {
    await wait();
    await fixture.whenStable();
  };
  async function show(filledQuantity: number): Promise<void> {
    fixture.componentRef.setInput('orderId', ID);
    fixture.componentRef.setInput('filledQuantity', filledQuantity);
    await settle();
  }
  const reads = () => backend.match((r) => r.url === '/api/trades' && r.params.get('orderId') === ID);
  const tradeIds = () =>
    Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('[data-testid="order-fill"] td.mono')).map((c) => c.textContent?.trim());

  it('reads the fills again each time the filled quantity grows while updates are not live', async () => {
    await show(4);
    const [first, ...more] = reads();
    expect(more).toHaveLength(0);
    first.flush(answer([trade('T1', 4, 15)]));
    await show(10);
    const again = reads();
    expect(again).toHaveLength(1);
    again[0].flush(answer([trade('T2', 6, 16), trade('T1', 4, 15)]));
    await settle();
    expect(tradeIds()).toEqual(['T2', 'T1']);
  });

  it('reads them once while live: a new fill comes as its trade event, not as another read', async () => {
    const source = goLive(TestBed.inject(DeskEvents), fakes);
    await show(4);
    const first = reads();
    expect(first).toHaveLength(1);
    first[0].flush(answer([]));
    source.emit('trade', trade('T2', 6, 16), 1);
    await show(10);
    expect(reads()).toHaveLength(0);
    expect(tradeIds()).toEqual(['T2']);
  });

  it('reads them again when updates become live again (events may have been missed meanwhile)', async () => {
    const events = TestBed.inject(DeskEvents);
    goLive(events, fakes);
    await show(4);
    reads()[0].flush(answer([trade('T1', 4, 15)]));
    fakes.latest.fail(); // the stream broke: not live
    expect(events.live()).toBe(false);
    goLive(events, fakes);
    await settle();
    const again = reads();
    expect(again).toHaveLength(1);
    again[0].flush(answer([trade('T2', 6, 16), trade('T1', 4, 15)]));
    await settle();
    expect(tradeIds()).toEqual(['T2', 'T1']);
  });

  it('reads nothing for an order that has filled none', async () => {
    goLive(TestBed.inject(DeskEvents), fakes);
    await show(0);
    expect(reads()).toHaveLength(0);
  });
});
