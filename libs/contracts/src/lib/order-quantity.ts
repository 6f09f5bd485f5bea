/**
 * Order quantities at Upstox (issue 9 contract fixes b, c). The desk counts units everywhere (shares, contracts,
 * barrels); only the v3 place/modify body of a commodity (MCX) order takes a number of lots (CONTRACT §5.1). Upstox
 * documents lots for that request field only; order book, trades and positions are read as units (the instrument
 * file's lot_size and freeze_quantity are units too).
 */

/** Segments whose v3 place/modify `quantity` is a number of lots. */
export function quantityIsLots(segment: string): boolean {
  return segment.startsWith('MCX_');
}

/** How an order above the exchange's freeze quantity is split by Upstox's `slice: true`. */
export interface OrderSlices {
  /** Number of orders it becomes (2 or more). */
  count: number;
  /** Units in each order but the last (the freeze quantity rounded down to whole lots). */
  maxPerOrder: number;
  freezeQuantity: number;
}

/**
 * The split `slice: true` makes of `quantity` units, or null when the order goes as one (at or below the freeze
 * quantity, or no freeze quantity known). Children are whole lots of at most the freeze quantity, as the simulator
 * and the exchange slice them; Upstox refuses more than 25 (UDAPI1118).
 */
export function orderSlices(quantity: number, lotSize: number, freezeQuantity: number | null | undefined): OrderSlices | null {
  if (!freezeQuantity || freezeQuantity <= 0 || !(quantity > freezeQuantity)) return null;
  const lot = Math.max(1, lotSize);
  const maxPerOrder = Math.max(lot, Math.floor(freezeQuantity / lot) * lot);
  return { count: Math.ceil(quantity / maxPerOrder), maxPerOrder, freezeQuantity };
}
