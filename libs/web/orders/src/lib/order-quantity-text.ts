import { Instrument, orderSlices } from '@desk/contracts';

/** The confirmed quantity in units and, for lot-traded instruments, lots: "20 (2 lots of 10)". */
export function describeQuantity(quantity: number, instrument: Pick<Instrument, 'lotSize'> | null): string {
  const lot = instrument?.lotSize ?? 1;
  if (!(lot > 1) || quantity % lot !== 0) return String(quantity);
  const lots = quantity / lot;
  return `${quantity} (${lots} ${lots === 1 ? 'lot' : 'lots'} of ${lot})`;
}

/**
 * What the confirmation says about an order above the exchange's freeze quantity: the desk sends it with
 * `slice: true`, and Upstox splits it (issue 9 contract fix c). Null when it goes as one order.
 */
export function describeSplit(quantity: number, instrument: Pick<Instrument, 'lotSize' | 'freezeQuantity'> | null): string | null {
  const slices = instrument ? orderSlices(quantity, instrument.lotSize, instrument.freezeQuantity) : null;
  if (!slices) return null;
  // Each part is a whole number of lots, so the largest part can be below the freeze quantity itself.
  return `This order will be split into ${slices.count} orders of at most ${slices.maxPerOrder} (the exchange's freeze quantity is ${slices.freezeQuantity}).`;
}

/** Rejections whose fix happens outside the desk, recognised by their text (Upstox gives no code for them). */
const STATUS_MESSAGE_NEXT_STEPS: { pattern: RegExp; nextStep: string }[] = [
  {
    // A delivery sell without DDPI/POA needs the CDSL TPIN + OTP authorisation (eDIS) first (contract fix d).
    pattern: /\bTPIN\b|\be-?DIS\b/i,
    nextStep: 'Authorise the sale with your CDSL TPIN and OTP in the Upstox app (Portfolio > Holdings > Authorise), then place it again.',
  },
];

/** The next step for an order's status message, when the desk knows one. */
export function statusMessageNextStep(message: string | null | undefined): string | null {
  if (!message) return null;
  return STATUS_MESSAGE_NEXT_STEPS.find((s) => s.pattern.test(message))?.nextStep ?? null;
}
