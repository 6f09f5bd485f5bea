import { exchangeOf, mapHolding, mapOrderUpdate, mapPosition, orderRequestIdOf } from './portfolio-mappers';
import { UpstoxHoldingData, UpstoxOrderBookData, UpstoxPositionData } from './upstox-wire.types';

/** CONTRACT §6.1's sample: NSE SBIN closed intraday, day_buy 1 @570.95, day_sell 1 @571.4. */
/** contracts' pricePosition yields -0 for "no closed quantity" (reported); JSON compares it as the 0 it means. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const SBIN_CLOSED: UpstoxPositionData = {
  exchange: 'NSE', multiplier: 1.0, value: 0.45, pnl: 0.45, product: 'I', instrument_token: 'NSE_EQ|INE062A01020',
  average_price: null, buy_value: 570.95, overnight_quantity: 0, day_buy_value: 570.95, day_buy_price: 570.95,
  overnight_buy_amount: 0, overnight_buy_quantity: 0, day_buy_quantity: 1, day_sell_value: 571.4, day_sell_price: 571.4,
  overnight_sell_amount: 0, overnight_sell_quantity: 0, day_sell_quantity: 1, quantity: 0, last_price: 571.2,
  unrealised: 0, realised: 0.45, sell_value: 571.4, trading_symbol: 'SBIN', tradingsymbol: 'SBIN', close_price: 568.8,
  buy_price: 570.95, sell_price: 571.4,
};

/** CONTRACT §6.2's sample: YESBANK 36 @18.75, last 17.05. */
const YESBANK: UpstoxHoldingData = {
  isin: 'INE528G01035', cnc_used_quantity: 0, collateral_type: 'WC', company_name: 'YES BANK LTD.', haircut: 0.2, product: 'D',
  quantity: 36, trading_symbol: 'YESBANK', tradingsymbol: 'YESBANK', last_price: 17.05, close_price: 17.2, pnl: -61.2,
  day_change: 0, day_change_percentage: 0, instrument_token: 'NSE_EQ|INE528G01035', average_price: 18.75,
  collateral_quantity: 0, collateral_update_quantity: 0, t1_quantity: 0, exchange: 'NSE',
};

describe('portfolio mappers', () => {
  it('maps the contract sample position: flat, realised 0.45, average null', () => {
    expect(mapPosition(SBIN_CLOSED)).toEqual({
      instrumentKey: 'NSE_EQ|INE062A01020', tradingSymbol: 'SBIN', exchange: 'NSE', product: 'I', quantity: 0, multiplier: 1,
      averagePrice: null, buyQuantity: 1, buyPrice: 570.95, buyValue: 570.95, sellQuantity: 1, sellPrice: 571.4, sellValue: 571.4,
      overnightQuantity: 0, lastPrice: 571.2, closePrice: 568.8, realised: 0.45, unrealised: 0, pnl: 0.45,
    });
  });

  it('adds day and overnight quantities; prices an open long with pricePosition at the row last price', () => {
    const p = mapPosition({
      ...SBIN_CLOSED, quantity: 15, average_price: 560, day_buy_quantity: 10, overnight_buy_quantity: 5, day_sell_quantity: 0,
      buy_value: 8400, buy_price: 560, sell_value: 0, sell_price: 0, day_sell_value: 0, overnight_quantity: 5, last_price: 570,
    });
    expect(p).toMatchObject({ quantity: 15, buyQuantity: 15, sellQuantity: 0, averagePrice: 560, overnightQuantity: 5 });
    expect(plain([p.realised, p.unrealised, p.pnl])).toEqual([0, 150, 150]);
  });

  it('derives missing values and prices from day + overnight amounts; a short is negative', () => {
    const p = mapPosition({
      exchange: 'NSE_FO', product: 'D', instrument_token: 'NSE_FO|45450', quantity: -50, multiplier: 2,
      day_sell_quantity: 30, overnight_sell_quantity: 20, day_sell_value: 3000, overnight_sell_amount: 2100,
      average_price: 102, last_price: 100, trading_symbol: 'NIFTY 25900 CE',
    });
    expect(p).toMatchObject({ exchange: 'NFO', sellQuantity: 50, sellValue: 5100, sellPrice: 102, buyQuantity: 0, buyPrice: 0, multiplier: 2 });
    // short 50 x (102 - 100) x multiplier 2
    expect(plain([p.realised, p.unrealised, p.pnl])).toEqual([0, 200, 200]);
  });

  it('leaves P&L unknown without a last price (0 or absent), and the close price null when 0', () => {
    for (const last_price of [0, null, undefined]) {
      const p = mapPosition({ ...SBIN_CLOSED, quantity: 1, day_sell_quantity: 0, sell_value: 0, sell_price: 0, last_price, close_price: 0 });
      expect([p.lastPrice, p.unrealised, p.pnl, p.closePrice]).toEqual([null, null, null, null]);
    }
  });

  it('maps the contract sample holding and values it with priceHolding', () => {
    expect(mapHolding(YESBANK)).toEqual({
      instrumentKey: 'NSE_EQ|INE528G01035', isin: 'INE528G01035', tradingSymbol: 'YESBANK', companyName: 'YES BANK LTD.',
      exchange: 'NSE', product: 'D', quantity: 36, t1Quantity: 0, usedQuantity: 0, averagePrice: 18.75, lastPrice: 17.05,
      closePrice: 17.2, currentValue: 613.8, invested: 675, pnl: -61.2, dayChange: -5.4, dayChangePercentage: -0.87,
    });
  });

  it('counts T+1 units in the value; a holding without instrument_token gets the equity key from exchange + ISIN', () => {
    const rest: Partial<UpstoxHoldingData> = { ...YESBANK };
    delete rest.instrument_token;
    const h = mapHolding({ ...(rest as UpstoxHoldingData), t1_quantity: 4, cnc_used_quantity: 6, exchange: 'BSE', last_price: null });
    expect(h).toMatchObject({ instrumentKey: 'BSE_EQ|INE528G01035', t1Quantity: 4, usedQuantity: 6, invested: 750, lastPrice: null, pnl: null });
  });

  it('reads order_request_id as a number only when it is one', () => {
    expect(['1', ' 12 ', 3, '', 'x1', '1.5', -1, null, undefined, '9999999999999999'].map(orderRequestIdOf)).toEqual([
      1, 12, 3, null, null, null, null, null, null, null,
    ]);
    const row = { order_id: '231019025562880', instrument_token: 'NSE_EQ|INE062A01020', status: 'open', order_request_id: '3' };
    const update = mapOrderUpdate(row as UpstoxOrderBookData);
    expect(update.requestId).toBe(3);
    expect(update.order).toMatchObject({ orderId: '231019025562880', status: 'open', statusClass: 'working' });
  });

  it('turns segments into exchanges and leaves exchanges alone', () => {
    expect(['NSE_EQ', 'BSE_EQ', 'NSE_FO', 'BSE_FO', 'MCX_FO', 'NCD_FO', 'NSE', 'NFO', 'XYZ'].map(exchangeOf)).toEqual([
      'NSE', 'BSE', 'NFO', 'BFO', 'MCX', 'CDS', 'NSE', 'NFO', 'XYZ',
    ]);
  });
});
