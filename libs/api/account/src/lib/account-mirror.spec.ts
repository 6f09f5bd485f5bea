import { classifyOrderStatus, Holding, Order, Position } from '@desk/contracts';
import type { OrderUpdate } from '@desk/upstox/client';
import type { AccountChange } from './account-change';
import { AccountMirror } from './account-mirror';

function order(status: string, over: Partial<Order> = {}, requestId = 1): OrderUpdate {
  return {
    requestId,
    order: {
      orderId: '251130000000001', exchangeOrderId: null, instrumentKey: 'NSE_EQ|INE002A01018', tradingSymbol: 'RELIANCE',
      exchange: 'NSE', transactionType: 'BUY', orderType: 'LIMIT', product: 'D', validity: 'DAY', quantity: 10,
      filledQuantity: 0, pendingQuantity: 10, price: 1400, triggerPrice: 0, averagePrice: 0, disclosedQuantity: 0,
      status, statusClass: classifyOrderStatus(status), statusMessage: null, tag: null, isAmo: false,
      placedAt: '2026-11-30T10:00:00+05:30', exchangeTimestamp: null, ...over,
    },
  };
}

const position = (over: Partial<Position> = {}): Position => ({
  instrumentKey: 'NSE_EQ|INE002A01018', tradingSymbol: 'RELIANCE', exchange: 'NSE', product: 'I', quantity: 10, multiplier: 1,
  averagePrice: 1400, buyQuantity: 10, buyPrice: 1400, buyValue: 14000, sellQuantity: 0, sellPrice: 0, sellValue: 0,
  overnightQuantity: 0, lastPrice: null, closePrice: null, realised: 0, unrealised: null, pnl: null, ...over,
});

const holding = (over: Partial<Holding> = {}): Holding => ({
  instrumentKey: 'NSE_EQ|INE009A01021', isin: 'INE009A01021', tradingSymbol: 'INFY', companyName: 'INFOSYS', exchange: 'NSE',
  product: 'D', quantity: 10, t1Quantity: 0, usedQuantity: 0, averagePrice: 1482.25, lastPrice: null, closePrice: null,
  currentValue: null, invested: 0, pnl: null, dayChange: null, dayChangePercentage: null, ...over,
});

describe('AccountMirror', () => {
  let changes: AccountChange[];
  let clock: number;
  let mirror: AccountMirror;
  beforeEach(() => {
    changes = [];
    clock = 1_000;
    mirror = new AccountMirror('c1', (c) => changes.push(c), () => clock);
  });

  it('publishes each real order change once; duplicates and older messages change nothing', () => {
    mirror.applyOrder(order('put order req received'));
    mirror.applyOrder(order('open'));
    mirror.applyOrder(order('open'));
    mirror.applyOrder(order('validation pending'));
    expect(changes.map((c) => (c.data as Order).status)).toEqual(['put order req received', 'open']);
    expect(mirror.order('251130000000001')?.status).toBe('open');
    expect(mirror.history('251130000000001')?.map((h) => h.status)).toEqual(['put order req received', 'open']);
  });

  it('reports fills and class changes so trades and funds can be re-read', () => {
    expect(mirror.applyOrder(order('open'))).toEqual({ changed: true, filled: false, classChanged: true });
    expect(mirror.applyOrder(order('open', { filledQuantity: 4 }))).toEqual({ changed: true, filled: true, classChanged: false });
    expect(mirror.history('251130000000001')).toBeNull();
  });

  it('drops orders a later order book no longer lists, unless the stream changed them after the read began', () => {
    mirror.applyOrder(order('open'));
    clock = 2_000;
    mirror.applyOrder(order('open', { orderId: '251130000000002' }));
    mirror.mergeOrders([], 1_500);
    expect(mirror.orderList().map((o) => o.orderId)).toEqual(['251130000000002']);
  });

  it('keeps the instruments of working and pending orders as orders move, and forgets orders a later book drops', () => {
    const SBIN = 'NSE_EQ|INE062A01020';
    mirror.applyOrder(order('open'));
    mirror.applyOrder(order('trigger pending', { orderId: '251130000000002', instrumentKey: SBIN }));
    mirror.applyOrder(order('open', { orderId: '251130000000003' }));
    expect(mirror.workingOrderInstrumentKeys().sort()).toEqual(['NSE_EQ|INE002A01018', SBIN]);

    mirror.applyOrder(order('complete', { filledQuantity: 10, pendingQuantity: 0 }));
    mirror.applyOrder(order('cancelled', { orderId: '251130000000002', instrumentKey: SBIN }, 2));
    expect(mirror.workingOrderInstrumentKeys()).toEqual(['NSE_EQ|INE002A01018']);

    clock = 2_000;
    mirror.mergeOrders([order('complete', { filledQuantity: 10, pendingQuantity: 0 }, 3)], 1_500);
    expect(mirror.workingOrderInstrumentKeys()).toEqual([]);
    expect(mirror.orderList().map((o) => o.orderId)).toEqual(['251130000000001']);
  });

  it('prices stream positions with the last price a snapshot gave, and ignores an older position message', () => {
    mirror.mergePositions([position({ lastPrice: 1410 })], 0);
    mirror.applyPosition(position({ quantity: 5, sellQuantity: 5, sellPrice: 1420, sellValue: 7100 }));
    expect(mirror.positionList()[0]).toMatchObject({ quantity: 5, lastPrice: 1410, realised: 100, unrealised: 50, pnl: 150 });
    expect(mirror.applyPosition(position())).toBe(false);
    expect(mirror.positionList()[0].quantity).toBe(5);
  });

  it('keeps the symbol and prices of a holding when a stream message lacks them', () => {
    mirror.mergeHoldings([holding({ lastPrice: 1500, closePrice: 1490 })], 0);
    mirror.applyHolding(holding({ tradingSymbol: '', usedQuantity: 2 }));
    expect(mirror.holdingList()[0]).toMatchObject({ tradingSymbol: 'INFY', usedQuantity: 2, lastPrice: 1500, currentValue: 15000, dayChange: 100 });
  });

  it('re-prices open positions and holdings with new last prices, publishing only what changed', () => {
    mirror.mergePositions([position({ lastPrice: 1410 }), position({ instrumentKey: 'NSE_EQ|X', product: 'I', quantity: 0 })], 0);
    mirror.mergeHoldings([holding({ lastPrice: 1500, closePrice: 1490 })], 0);
    expect(mirror.heldInstrumentKeys().sort()).toEqual(['NSE_EQ|INE002A01018', 'NSE_EQ|INE009A01021']);
    changes = [];
    mirror.applyLastPrices({ 'NSE_EQ|INE002A01018': 1420, 'NSE_EQ|INE009A01021': 1500 });
    expect(changes.map((c) => c.type)).toEqual(['position']);
    expect(mirror.positionList().find((p) => p.quantity === 10)).toMatchObject({ lastPrice: 1420, unrealised: 200, pnl: 200 });
    mirror.applyLastPrices({ 'NSE_EQ|INE009A01021': 1510 });
    expect(mirror.holdingList()[0]).toMatchObject({ lastPrice: 1510, pnl: 277.5, dayChange: 200 });
  });

  it('publishes funds only when they change', () => {
    const funds = { equity: { availableMargin: 1, usedMargin: 0, payinAmount: 0, spanMargin: 0, exposureMargin: 0, adhocMargin: 0, notionalCash: 0 }, commodity: null };
    mirror.setFunds(funds);
    mirror.setFunds({ ...funds });
    expect(changes.filter((c) => c.type === 'funds')).toHaveLength(1);
  });
});
