import { parsePortfolioMessage } from './portfolio-message';

/** Every field CONTRACT §9.1 lists for an `order` message. */
const ORDER_MESSAGE = {
  update_type: 'order', user_id: 'AB1234', userId: 'AB1234', exchange: 'NSE', instrument_token: 'NSE_EQ|INE062A01020',
  instrument_key: 'NSE_EQ|INE062A01020', trading_symbol: 'SBIN', tradingsymbol: 'SBIN', product: 'D', order_type: 'LIMIT',
  average_price: 0, price: 571, trigger_price: 0, quantity: 10, disclosed_quantity: 0, pending_quantity: 6,
  transaction_type: 'BUY', order_ref_id: '57744821658411', exchange_order_id: '1300000025660919', parent_order_id: null,
  validity: 'DAY', status: 'open', is_amo: false, variety: 'SIMPLE', tag: 'desk-abc', exchange_timestamp: '2023-10-19 13:25:14',
  status_message: null, order_id: '231019025562880', order_request_id: '2', order_timestamp: '2023-10-19 13:25:13',
  filled_quantity: 4, guid: null, placed_by: 'AB1234', status_message_raw: null,
};

/** The §6.1 position fields without pnl / last_price (and unrealised / realised), exchange as a segment. */
const POSITION_MESSAGE = {
  update_type: 'position', user_id: 'AB1234', exchange: 'NSE_EQ', multiplier: 1, value: -1141.9, product: 'I',
  instrument_token: 'NSE_EQ|INE062A01020', average_price: 570.95, buy_value: 1141.9, overnight_quantity: 0,
  day_buy_value: 1141.9, day_buy_price: 570.95, overnight_buy_amount: 0, overnight_buy_quantity: 0, day_buy_quantity: 2,
  day_sell_value: 0, day_sell_price: 0, overnight_sell_amount: 0, overnight_sell_quantity: 0, day_sell_quantity: 0,
  quantity: 2, sell_value: 0, trading_symbol: 'SBIN', tradingsymbol: 'SBIN', close_price: 568.8, buy_price: 570.95, sell_price: 0,
};

/** Exactly the fields CONTRACT §9.1 lists for a `holding` message (no instrument_token, symbol or prices). */
const HOLDING_MESSAGE = {
  update_type: 'holding', isin: 'INE062A01020', cnc_used_quantity: 5, collateral_type: 'WC', collateral_quantity: 0,
  collateral_update_quantity: 0, company_name: 'STATE BANK OF INDIA', haircut: 0.2, product: 'D', quantity: 25,
  t1_quantity: 2, average_price: 760, exchange: 'NSE',
};

const GTT_MESSAGE = {
  update_type: 'gtt_order', type: 'SINGLE', exchange: 'NSE_EQ', instrument_token: 'NSE_EQ|INE062A01020', quantity: 1,
  product: 'D', gtt_order_id: 'GTT-C25010000012345', expires_at: 1767225599000000, created_at: 1735689600000000,
  rules: [{ strategy: 'ENTRY', status: 'PENDING', trigger_type: 'ABOVE', trigger_price: 800, transaction_type: 'BUY', message: '', order_id: null, trailing_gap: null }],
};

const text = (m: unknown): string => JSON.stringify(m);
/** contracts' pricePosition yields -0 for "no closed quantity" (reported); JSON compares it as the 0 it means. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('parsePortfolioMessage', () => {
  it('maps an order message to an OrderUpdate with its request id', () => {
    const parsed = parsePortfolioMessage(text(ORDER_MESSAGE));
    expect(parsed).toEqual({
      kind: 'order',
      update: {
        requestId: 2,
        order: {
          orderId: '231019025562880', exchangeOrderId: '1300000025660919', instrumentKey: 'NSE_EQ|INE062A01020', tradingSymbol: 'SBIN',
          exchange: 'NSE', transactionType: 'BUY', orderType: 'LIMIT', product: 'D', validity: 'DAY', quantity: 10, filledQuantity: 4,
          pendingQuantity: 6, price: 571, triggerPrice: 0, averagePrice: 0, disclosedQuantity: 0, status: 'open', statusClass: 'working',
          statusMessage: null, tag: 'desk-abc', isAmo: false, placedAt: '2023-10-19T13:25:13+05:30', exchangeTimestamp: '2023-10-19T13:25:14+05:30',
        },
      },
    });
  });

  it('takes the instrument from instrument_key when instrument_token is missing; request id null when absent', () => {
    const parsed = parsePortfolioMessage(text({ ...ORDER_MESSAGE, instrument_token: undefined, order_request_id: undefined }));
    expect(parsed?.kind === 'order' && [parsed.update.order.instrumentKey, parsed.update.requestId]).toEqual(['NSE_EQ|INE062A01020', null]);
  });

  it('keeps an order message whose timestamps are unreadable (the time is lost, not the status)', () => {
    const parsed = parsePortfolioMessage(text({ ...ORDER_MESSAGE, order_timestamp: { at: 1 }, exchange_timestamp: 20231019 }));
    expect(parsed?.kind === 'order' && [parsed.update.order.status, parsed.update.order.placedAt, parsed.update.order.exchangeTimestamp]).toEqual([
      'open', null, null,
    ]);
  });

  it('maps a position message without a last price: exchange from the segment, P&L left to the caller', () => {
    const parsed = parsePortfolioMessage(text(POSITION_MESSAGE));
    expect(plain(parsed)).toEqual({
      kind: 'position',
      position: {
        instrumentKey: 'NSE_EQ|INE062A01020', tradingSymbol: 'SBIN', exchange: 'NSE', product: 'I', quantity: 2, multiplier: 1,
        averagePrice: 570.95, buyQuantity: 2, buyPrice: 570.95, buyValue: 1141.9, sellQuantity: 0, sellPrice: 0, sellValue: 0,
        overnightQuantity: 0, lastPrice: null, closePrice: 568.8, realised: 0, unrealised: null, pnl: null,
      },
    });
    // Even if a last price came along, stream positions stay unpriced (the mirror prices them).
    const priced = parsePortfolioMessage(text({ ...POSITION_MESSAGE, last_price: 600, pnl: 58.1 }));
    expect(priced?.kind === 'position' && [priced.position.lastPrice, priced.position.pnl]).toEqual([null, null]);
  });

  it('maps a holding message with only its listed fields: key from exchange + ISIN, unvalued', () => {
    expect(parsePortfolioMessage(text(HOLDING_MESSAGE))).toEqual({
      kind: 'holding',
      holding: {
        instrumentKey: 'NSE_EQ|INE062A01020', isin: 'INE062A01020', tradingSymbol: '', companyName: 'STATE BANK OF INDIA', exchange: 'NSE',
        product: 'D', quantity: 25, t1Quantity: 2, usedQuantity: 5, averagePrice: 760, lastPrice: null, closePrice: null,
        currentValue: null, invested: 20520, pnl: null, dayChange: null, dayChangePercentage: null,
      },
    });
  });

  it('passes gtt_order and unknown kinds through as other', () => {
    expect(parsePortfolioMessage(text(GTT_MESSAGE))).toEqual({ kind: 'other', updateType: 'gtt_order' });
    expect(parsePortfolioMessage(text({ update_type: 'margin', x: 1 }))).toEqual({ kind: 'other', updateType: 'margin' });
  });

  it.each([
    ['not JSON', 'hello'],
    ['empty', ''],
    ['truncated', text(ORDER_MESSAGE).slice(0, 40)],
    ['null', 'null'],
    ['a number', '42'],
    ['an array', text([ORDER_MESSAGE])],
    ['no update_type', text({ ...ORDER_MESSAGE, update_type: undefined })],
    ['update_type not text', text({ ...ORDER_MESSAGE, update_type: 7 })],
    ['order without order_id', text({ ...ORDER_MESSAGE, order_id: undefined })],
    ['order without status', text({ ...ORDER_MESSAGE, status: '' })],
    ['order without instrument', text({ ...ORDER_MESSAGE, instrument_token: undefined, instrument_key: undefined })],
    ['position without instrument_token', text({ ...POSITION_MESSAGE, instrument_token: null })],
    ['position with a text quantity', text({ ...POSITION_MESSAGE, quantity: '2' })],
    ['holding without isin or instrument', text({ ...HOLDING_MESSAGE, isin: undefined })],
    ['holding on an unknown exchange without instrument', text({ ...HOLDING_MESSAGE, exchange: 'XYZ' })],
  ])('gives null for garbage (%s), never throws', (_name, input) => {
    expect(parsePortfolioMessage(input)).toBeNull();
  });
});
