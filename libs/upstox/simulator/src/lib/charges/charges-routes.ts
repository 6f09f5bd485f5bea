import { ERR, successBody, UpstoxHttpError } from '../envelope';
import { parseJsonBody, Reply, RequestContext } from '../http/request-context';
import type { Route } from '../router';
import type { SimulatorCore } from '../simulator-core';
import { brokerageCharges, ChargeInput, marginLeg } from './charges';

const PRODUCTS = ['I', 'D', 'MTF', 'CO'];
const SIDES = ['BUY', 'SELL'];
/** DOCS margin: "A maximum of 20 instruments is allowed per request". */
const MAX_MARGIN_LEGS = 20;

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Validates one order's fields; `at` prefixes property paths (`instruments[0].`). Price 0 or absent = the LTP. */
function chargeInput(core: SimulatorCore, raw: Record<string, unknown>, at: string, keyField: string): ChargeInput {
  const key = String(raw[keyField] ?? '');
  const instrument = core.instrument(key);
  if (!instrument || !instrument.tradable) throw UpstoxHttpError.of(400, 'UDAPI100011', 'Invalid instrument key', `${at}${keyField}`, raw[keyField] ?? null);
  const quantity = Number(raw['quantity']);
  const lot = Math.max(1, instrument.record.lot_size);
  if (!Number.isInteger(quantity) || quantity <= 0 || quantity % lot !== 0) throw ERR.invalidInput(`${at}quantity`, raw['quantity'] ?? null);
  const product = String(raw['product'] ?? '');
  if (!PRODUCTS.includes(product)) throw ERR.invalidInput(`${at}product`, raw['product'] ?? null);
  const transactionType = String(raw['transaction_type'] ?? '');
  if (!SIDES.includes(transactionType)) throw ERR.invalidInput(`${at}transaction_type`, raw['transaction_type'] ?? null);
  const price = raw['price'] === undefined || raw['price'] === null || raw['price'] === '' ? 0 : Number(raw['price']);
  if (!Number.isFinite(price) || price < 0) throw ERR.invalidInput(`${at}price`, raw['price']);
  return { instrument, quantity, product, transactionType, price: price > 0 ? price : core.prices.ltp(key) };
}

/** GET /v2/charges/brokerage?instrument_token=&quantity=&product=&transaction_type=&price= */
function brokerage(core: SimulatorCore, ctx: RequestContext): Reply {
  const raw = Object.fromEntries(ctx.query.entries());
  for (const field of ['instrument_token', 'quantity', 'product', 'transaction_type', 'price']) {
    if (raw[field] === undefined) throw ERR.invalidInput(field, null, `${field} is required`);
  }
  return { status: 200, body: successBody({ charges: brokerageCharges(chargeInput(core, raw, '', 'instrument_token')) }) };
}

/** POST /v2/charges/margin {instruments: [{instrument_key, quantity, product, transaction_type, price?}]} */
function margin(core: SimulatorCore, ctx: RequestContext): Reply {
  let parsed: unknown;
  try {
    parsed = parseJsonBody(ctx);
  } catch {
    throw ERR.invalidInput();
  }
  const list = (parsed as { instruments?: unknown } | undefined)?.instruments;
  if (!Array.isArray(list) || list.length === 0) throw ERR.invalidInput('instruments', null, 'instruments is required');
  if (list.length > MAX_MARGIN_LEGS) throw ERR.invalidInput('instruments', list.length, `A maximum of ${MAX_MARGIN_LEGS} instruments is allowed per request`);
  const margins = list.map((item, i) => marginLeg(chargeInput(core, (item ?? {}) as Record<string, unknown>, `instruments[${i}].`, 'instrument_key')));
  const required = round2(margins.reduce((sum, m) => sum + m['total_margin'], 0));
  // No hedge benefit is simulated: the basket needs what its legs need.
  return { status: 200, body: successBody({ margins, required_margin: required, final_margin: required }) };
}

export function chargesRoutes(core: SimulatorCore): Route[] {
  return [
    { method: 'GET', path: '/v2/charges/brokerage', auth: 'bearer', rateGroup: 'standard', handler: (ctx) => brokerage(core, ctx) },
    { method: 'POST', path: '/v2/charges/margin', auth: 'bearer', rateGroup: 'standard', handler: (ctx) => margin(core, ctx) },
  ];
}
