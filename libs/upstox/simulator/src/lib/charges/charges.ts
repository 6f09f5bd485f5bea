import type { SimInstrument } from '../market/instruments';

/**
 * Plausible Indian retail charges (rates as published for NSE in 2025; the simulator's own figures, not Upstox's
 * quote): brokerage ₹20 or 0.05% whichever is lower for intraday / F&O futures, ₹20 flat per options order, 0 for
 * equity delivery; STT, NSE transaction charges, SEBI fees (₹10 per crore), IPFT (₹10 per crore), stamp duty on
 * the buy side, GST 18% on brokerage + transaction + SEBI + IPFT.
 */
export interface ChargeInput {
  instrument: SimInstrument;
  quantity: number;
  product: string;
  transactionType: string;
  price: number;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

type Kind = 'delivery' | 'intraday' | 'futures' | 'options';

function kindOf(input: ChargeInput): Kind {
  const type = input.instrument.record.instrument_type;
  if (type === 'FUT') return 'futures';
  if (type === 'CE' || type === 'PE') return 'options';
  return input.product === 'D' ? 'delivery' : 'intraday';
}

/** [STT on buy, STT on sell, NSE transaction charge, stamp duty on buy] as fractions of turnover (premium for options). */
const RATES: Record<Kind, [number, number, number, number]> = {
  delivery: [0.001, 0.001, 0.0000297, 0.00015],
  intraday: [0, 0.00025, 0.0000297, 0.00003],
  futures: [0, 0.0002, 0.0000173, 0.00002],
  options: [0, 0.001, 0.0003503, 0.00003],
};
const SEBI_RATE = 0.000001;
const IPFT_RATE = 0.000001;
const GST_RATE = 0.18;

/** The `data.charges` object of GET /v2/charges/brokerage, docs names plus their deprecated camelCase duplicates. */
export function brokerageCharges(input: ChargeInput): Record<string, unknown> {
  const kind = kindOf(input);
  const turnover = input.quantity * input.price;
  const buy = input.transactionType === 'BUY';
  const [sttBuy, sttSell, txnRate, stampRate] = RATES[kind];
  const brokerage = round2(kind === 'delivery' ? 0 : kind === 'options' ? 20 : Math.min(20, turnover * 0.0005));
  const stt = round2(turnover * (buy ? sttBuy : sttSell));
  const transaction = round2(turnover * txnRate);
  const sebi = round2(turnover * SEBI_RATE);
  const ipft = round2(turnover * IPFT_RATE);
  const stampDuty = round2(buy ? turnover * stampRate : 0);
  const gst = round2((brokerage + transaction + sebi + ipft) * GST_RATE);
  const other = { transaction, clearing: 0, ipft, sebi_turnover: sebi };
  // The DP charge is levied per scrip on a delivery sell; Upstox shows the plan, and `total` leaves it out.
  const dp = kind === 'delivery' ? { name: 'DP3A', min_expense: 18.5 } : null;
  return {
    total: round2(brokerage + stt + transaction + sebi + ipft + stampDuty + gst),
    brokerage,
    taxes: { gst, stt, stamp_duty: stampDuty },
    other_charges: other,
    otherTaxes: other,
    dp_plan: dp,
    dpPlan: dp,
  };
}

/**
 * One leg of POST /v2/charges/margin: equity intraday 20% of the value, delivery 100% (MTF 25%); futures SPAN 12% +
 * exposure 3.5%; bought options their premium; sold options SPAN 12% + exposure 2% of the strike's value.
 */
export function marginLeg(input: ChargeInput): Record<string, number> {
  const leg = { span_margin: 0, exposure_margin: 0, equity_margin: 0, net_buy_premium: 0, additional_margin: 0, total_margin: 0, tender_margin: 0 };
  const value = input.quantity * input.price;
  const kind = kindOf(input);
  if (kind === 'futures') {
    leg.span_margin = round2(value * 0.12);
    leg.exposure_margin = round2(value * 0.035);
  } else if (kind === 'options' && input.transactionType === 'BUY') {
    leg.net_buy_premium = round2(value);
  } else if (kind === 'options') {
    const notional = input.quantity * (input.instrument.record.strike_price ?? input.price);
    leg.span_margin = round2(notional * 0.12);
    leg.exposure_margin = round2(notional * 0.02);
  } else {
    leg.equity_margin = round2(value * (input.product === 'I' ? 0.2 : input.product === 'MTF' ? 0.25 : 1));
  }
  leg.total_margin = round2(leg.span_margin + leg.exposure_margin + leg.equity_margin + leg.net_buy_premium + leg.additional_margin);
  return leg;
}
