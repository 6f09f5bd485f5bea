import { ModifyOrderRequest } from '@desk/contracts';
import {
  epochMsToIstDate,
  mapBrokerOrderRow,
  mapFunds,
  mapOrder,
  mapProfile,
  mapTrade,
  omittedModifyValues,
  paiseToRupees,
  toModifyOrderBody,
  toPlaceOrderBody,
  upstoxTimeToIso,
} from './upstox-mappers';
import { mapInstrumentRow, parseInstrumentFile } from './instrument-file';
import { gzipSync } from 'node:zlib';
import { UpstoxOrderBookData } from './upstox-wire.types';

const ORDER: UpstoxOrderBookData = {
  exchange: 'NSE', product: 'D', price: 571.0, quantity: 10, status: 'open', guid: null, tag: 'desk-abc',
  instrument_token: 'NSE_EQ|INE062A01020', placed_by: 'AB1234', trading_symbol: 'SBIN-EQ', tradingsymbol: 'SBIN-EQ',
  order_type: 'LIMIT', validity: 'DAY', trigger_price: 0, disclosed_quantity: 0, transaction_type: 'BUY',
  average_price: 0, filled_quantity: 4, pending_quantity: 6, status_message: null, status_message_raw: null,
  exchange_order_id: '', parent_order_id: null, order_id: '231019025562880', variety: 'SIMPLE',
  order_timestamp: '2023-10-19 13:25:13', exchange_timestamp: null, is_amo: false, order_request_id: '1', order_ref_id: '57744821658411',
};

describe('Upstox mappers', () => {
  it('maps the profile (ddpi absent -> false)', () => {
    expect(
      mapProfile({
        email: 'a@b.c', exchanges: ['NSE', 'NFO'], products: ['D', 'I'], broker: 'UPSTOX', user_id: 'AB1234',
        user_name: 'Asha', order_types: ['MARKET', 'LIMIT'], user_type: 'individual', poa: false, is_active: true,
      }),
    ).toEqual({
      userId: 'AB1234', userName: 'Asha', email: 'a@b.c', broker: 'UPSTOX', userType: 'individual',
      exchanges: ['NSE', 'NFO'], products: ['D', 'I'], orderTypes: ['MARKET', 'LIMIT'], isActive: true, poa: false, ddpi: false,
    });
  });

  it('maps funds, keeping an absent commodity segment as null and nulls as 0', () => {
    const seg = { used_margin: 0.8, payin_amount: 200, span_margin: 0, adhoc_margin: 0, notional_cash: 0, available_margin: 15507.46, exposure_margin: null };
    const funds = mapFunds({ equity: seg });
    expect(funds).toEqual({
      equity: { availableMargin: 15507.46, usedMargin: 0.8, payinAmount: 200, spanMargin: 0, exposureMargin: 0, adhocMargin: 0, notionalCash: 0 },
      commodity: null,
    });
    expect(mapFunds({ equity: seg, commodity: seg }).commodity?.availableMargin).toBe(15507.46);
  });

  it('maps an order: IST wall time -> ISO +05:30, status class, empty exchange id -> null', () => {
    const order = mapOrder(ORDER);
    expect(order).toMatchObject({
      orderId: '231019025562880', exchangeOrderId: null, instrumentKey: 'NSE_EQ|INE062A01020', tradingSymbol: 'SBIN-EQ',
      transactionType: 'BUY', orderType: 'LIMIT', quantity: 10, filledQuantity: 4, pendingQuantity: 6, price: 571,
      status: 'open', statusClass: 'working', tag: 'desk-abc', isAmo: false,
      placedAt: '2023-10-19T13:25:13+05:30', exchangeTimestamp: null,
    });
    expect(mapOrder({ ...ORDER, status: 'cancelled after market order', exchange_order_id: '1300000025660919' })).toMatchObject({
      statusClass: 'cancelled', exchangeOrderId: '1300000025660919',
    });
    expect(mapOrder({ ...ORDER, status: 'rejected', status_message: 'You need to add Rs. 1' }).statusMessage).toBe('You need to add Rs. 1');
  });

  it('maps history rows with their order id and tag', () => {
    expect(mapBrokerOrderRow({ ...ORDER, status: 'complete', average_price: 570.95, filled_quantity: 10, tag: null })).toEqual({
      orderId: '231019025562880', tag: null, status: 'complete', statusClass: 'complete', statusMessage: null, price: 571,
      triggerPrice: 0, quantity: 10, filledQuantity: 10, averagePrice: 570.95, at: '2023-10-19T13:25:13+05:30',
    });
  });

  it('maps trades, including the dd-Mon-yyyy timestamp format of some samples', () => {
    const trade = mapTrade({
      exchange: 'NSE', product: 'D', trading_symbol: 'SBIN-EQ', instrument_token: 'NSE_EQ|INE062A01020', order_type: 'MARKET',
      transaction_type: 'SELL', quantity: 1, exchange_order_id: '1300', order_id: '2310', exchange_timestamp: '23-Apr-2021 14:22:06',
      average_price: 571.4, trade_id: '50091502',
    });
    expect(trade).toEqual({
      tradeId: '50091502', orderId: '2310', exchangeOrderId: '1300', instrumentKey: 'NSE_EQ|INE062A01020', tradingSymbol: 'SBIN-EQ',
      exchange: 'NSE', product: 'D', orderType: 'MARKET', transactionType: 'SELL', quantity: 1, averagePrice: 571.4,
      tradedAt: '2021-04-23T14:22:06+05:30',
    });
    expect(upstoxTimeToIso('garbage')).toBeNull();
    expect(upstoxTimeToIso(null)).toBeNull();
  });

  it('converts tick size paise -> rupees and expiry epoch ms -> IST date', () => {
    expect(paiseToRupees(5)).toBe(0.05);
    expect(paiseToRupees(0.5)).toBe(0.005);
    expect(paiseToRupees(100)).toBe(1);
    // 2024-11-28 00:00 IST is 2024-11-27T18:30Z: the IST date is the 28th.
    expect(epochMsToIstDate(Date.UTC(2024, 10, 27, 18, 30))).toBe('2024-11-28');
    expect(epochMsToIstDate(Date.UTC(2024, 10, 28, 18, 29, 59))).toBe('2024-11-28');
  });
});

describe('instrument file', () => {
  const EQ = {
    segment: 'NSE_EQ', name: 'JOCIL LIMITED', exchange: 'NSE', isin: 'INE839G01010', instrument_type: 'EQ',
    instrument_key: 'NSE_EQ|INE839G01010', lot_size: 1, freeze_quantity: 100000.0, exchange_token: '16927',
    tick_size: 5.0, trading_symbol: 'JOCIL', short_name: 'JOCIL', security_type: 'NORMAL',
  };
  const FUT = {
    segment: 'NSE_FO', name: 'NIFTY', exchange: 'NSE', instrument_type: 'CE', instrument_key: 'NSE_FO|43919',
    lot_size: 75, tick_size: 5.0, trading_symbol: 'NIFTY 24000 CE 28 NOV 24', expiry: Date.UTC(2024, 10, 28, 18, 29, 59), strike_price: 24000,
  };
  const INDEX = { segment: 'NSE_INDEX', name: 'Nifty 50', exchange: 'NSE', instrument_type: 'INDEX', instrument_key: 'NSE_INDEX|Nifty 50', trading_symbol: 'NIFTY' };

  it('maps rows into our shape', () => {
    expect(mapInstrumentRow(EQ)).toEqual({
      instrumentKey: 'NSE_EQ|INE839G01010', tradingSymbol: 'JOCIL', name: 'JOCIL LIMITED', exchange: 'NSE', segment: 'NSE_EQ',
      instrumentType: 'EQ', lotSize: 1, freezeQuantity: 100000, tickSize: 0.05, expiry: null, strikePrice: null, lastPrice: null,
    });
    // FUT has no freeze_quantity in this row: null (no split, no refusal locally).
    expect(mapInstrumentRow(FUT)).toMatchObject({ lotSize: 75, freezeQuantity: null, tickSize: 0.05, expiry: '2024-11-28', strikePrice: 24000 });
    expect(mapInstrumentRow({ ...FUT, freeze_quantity: 1800.0 })).toMatchObject({ freezeQuantity: 1800 });
    expect(mapInstrumentRow(INDEX)).toMatchObject({ instrumentType: 'INDEX', lotSize: 1, tickSize: 0.05, freezeQuantity: null });
  });

  it('gives each expiry its own IST date when many rows share a few expiries', () => {
    const nov = Date.UTC(2024, 10, 28, 18, 29, 59);
    const dec = Date.UTC(2024, 11, 26, 18, 29, 59);
    const expiries = [nov, dec, nov, dec, Date.UTC(2024, 11, 25, 18, 30), nov].map((expiry) => mapInstrumentRow({ ...FUT, expiry })?.expiry);
    expect(expiries).toEqual(['2024-11-28', '2024-12-26', '2024-11-28', '2024-12-26', '2024-12-26', '2024-11-28']);
  });

  it('keeps only the supported segments and skips malformed rows, plain or gzipped', () => {
    const rows = [
      EQ, FUT, INDEX,
      { ...EQ, segment: 'NCD_FO', instrument_key: 'NCD_FO|1' },
      { ...EQ, instrument_key: 42 },
      { ...EQ, tick_size: 'five' },
      { ...EQ, lot_size: 0 },
      { ...EQ, instrument_key: 'BSE_EQ|INE839G01010' }, // key does not match its segment
      { ...FUT, expiry: '2024-11-28' },
      null, 'text', [1, 2],
      { ...EQ, segment: 'MCX_FO', instrument_key: 'MCX_FO|434855', trading_symbol: 'GOLD FUT' },
    ];
    const text = Buffer.from(JSON.stringify(rows));
    const plain = parseInstrumentFile(text);
    expect(plain.map((i) => i.instrumentKey)).toEqual(['NSE_EQ|INE839G01010', 'NSE_FO|43919', 'NSE_INDEX|Nifty 50', 'MCX_FO|434855']);
    expect(parseInstrumentFile(gzipSync(text))).toEqual(plain);
  });

  it('refuses a file that is not a JSON array', () => {
    expect(() => parseInstrumentFile(Buffer.from('{"a":1}'))).toThrow(/JSON array/);
    expect(() => parseInstrumentFile(Buffer.from('nope'))).toThrow(/not valid JSON/);
  });
});

describe('request bodies', () => {
  const current = { price: 812.5, triggerPrice: 805 };
  const modify = (m: Partial<ModifyOrderRequest> & Pick<ModifyOrderRequest, 'orderType'>): ModifyOrderRequest => ({ validity: 'DAY', ...m });

  const defaults = { marketProtection: -1 };

  it('builds the v3 place body: one order, our tag, omitted numbers as 0, market protection for MARKET', () => {
    const body = toPlaceOrderBody({
      instrumentKey: 'NSE_EQ|INE062A01020', transactionType: 'BUY', quantity: 2, orderType: 'MARKET', product: 'D', validity: 'DAY', brokerTag: 'dsk-1',
    }, defaults);
    expect(body).toEqual({
      quantity: 2, product: 'D', validity: 'DAY', price: 0, tag: 'dsk-1', instrument_token: 'NSE_EQ|INE062A01020', order_type: 'MARKET',
      transaction_type: 'BUY', disclosed_quantity: 0, trigger_price: 0, is_amo: false, slice: false, market_protection: -1,
    });
  });

  it('sends market_protection on MARKET and SL-M (given, else the setting) and never on LIMIT or SL', () => {
    const base = { instrumentKey: 'NSE_EQ|INE062A01020', transactionType: 'BUY' as const, quantity: 2, product: 'D' as const, validity: 'DAY' as const, brokerTag: 't' };
    expect(toPlaceOrderBody({ ...base, orderType: 'SL-M', triggerPrice: 900, marketProtection: 4 }, defaults).market_protection).toBe(4);
    expect(toPlaceOrderBody({ ...base, orderType: 'MARKET' }, { marketProtection: 7 }).market_protection).toBe(7);
    expect('market_protection' in toPlaceOrderBody({ ...base, orderType: 'LIMIT', price: 900 }, defaults)).toBe(false);
    expect('market_protection' in toPlaceOrderBody({ ...base, orderType: 'SL', price: 900, triggerPrice: 890 }, defaults)).toBe(false);
    expect(toModifyOrderBody('o1', modify({ orderType: 'SL-M', triggerPrice: 800 }), null, { marketProtection: 3 }).market_protection).toBe(3);
    expect(toModifyOrderBody('o1', modify({ orderType: 'MARKET', marketProtection: 0 }), null, defaults).market_protection).toBe(0);
  });

  it('reads only the values the new order type needs and the request omits (the contracts rules)', () => {
    expect(omittedModifyValues(modify({ orderType: 'MARKET' }))).toEqual({ price: false, triggerPrice: false });
    expect(omittedModifyValues(modify({ orderType: 'LIMIT' }))).toEqual({ price: true, triggerPrice: false });
    expect(omittedModifyValues(modify({ orderType: 'SL' }))).toEqual({ price: true, triggerPrice: true });
    expect(omittedModifyValues(modify({ orderType: 'SL-M' }))).toEqual({ price: false, triggerPrice: true });
    expect(omittedModifyValues(modify({ orderType: 'SL', price: 810, triggerPrice: 800 }))).toEqual({ price: false, triggerPrice: false });
  });

  it('builds the v3 modify body: given values as sent, omitted needed ones from the order, the rest 0', () => {
    expect(toModifyOrderBody('o1', modify({ orderType: 'LIMIT', quantity: 3 }), current, defaults)).toEqual({
      order_id: 'o1', order_type: 'LIMIT', validity: 'DAY', price: 812.5, trigger_price: 0, quantity: 3,
    });
    expect(toModifyOrderBody('o1', modify({ orderType: 'SL-M' }), current, defaults)).toEqual({
      order_id: 'o1', order_type: 'SL-M', validity: 'DAY', price: 0, trigger_price: 805, market_protection: -1,
    });
    expect(toModifyOrderBody('o1', modify({ orderType: 'SL', price: 811, disclosedQuantity: 0 }), null, defaults)).toEqual({
      order_id: 'o1', order_type: 'SL', validity: 'DAY', price: 811, trigger_price: 0,
    });
    expect(toModifyOrderBody('o1', modify({ orderType: 'MARKET', disclosedQuantity: 5 }), current, defaults)).toEqual({
      order_id: 'o1', order_type: 'MARKET', validity: 'DAY', price: 0, trigger_price: 0, disclosed_quantity: 5, market_protection: -1,
    });
  });
});
