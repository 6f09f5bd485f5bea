import { ERROR_TITLES, orderSlices, quantityIsLots } from '@desk/contracts';
import { UpstoxApiError } from './upstox-api-error';
import type { OrderInstrumentFacts } from './upstox-client';

/** The segment of an instrument key (`SEGMENT|ID`, CONTRACT §7.2). */
function segmentOf(instrumentKey: string): string {
  return instrumentKey.split('|')[0];
}

function notSent(message: string, nextStep: string, logDetail: string): UpstoxApiError {
  return new UpstoxApiError({
    code: 'VALIDATION_FAILED', title: ERROR_TITLES.invalidInput, httpStatus: 400, message, nextStep,
    upstreamStatus: null, outcome: 'rejected', logDetail,
  });
}

/**
 * The v3 place/modify `quantity` for `units`: a number of lots for MCX (CONTRACT §5.1), units elsewhere. An MCX
 * order whose lot size is unknown, or that is not whole lots, is refused here and never sent: sent as units it could
 * go out as that many lots.
 */
export function wireQuantity(units: number, facts: OrderInstrumentFacts): number {
  if (!quantityIsLots(segmentOf(facts.instrumentKey))) return units;
  const lot = facts.lotSize ?? 0;
  if (!(lot > 0)) {
    throw notSent(
      `${facts.instrumentKey} is a commodity (MCX) contract, whose order quantity Upstox takes in lots, and its lot size is not known; the order was not sent.`,
      'Wait until the instrument list has loaded (or refresh it), then try again.',
      `mcx quantity: no lot size for ${facts.instrumentKey}; not sent`,
    );
  }
  if (units % lot !== 0) {
    throw notSent(
      `A commodity (MCX) order is sent in whole lots; ${units} is not a multiple of the lot size ${lot}. The order was not sent.`,
      `Enter a multiple of ${lot}.`,
      `mcx quantity: ${units} not a multiple of ${lot}; not sent`,
    );
  }
  return units / lot;
}

/** `slice: true` when the order is above the exchange's freeze quantity (Upstox then splits it, CONTRACT §5.2). */
export function sliceNeeded(units: number, facts: OrderInstrumentFacts): boolean {
  return orderSlices(units, facts.lotSize ?? 1, facts.freezeQuantity) !== null;
}
