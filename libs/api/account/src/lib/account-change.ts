import type { Funds, Holding, Order, Position, Trade } from '@desk/contracts';

/** One change of the mirrored account, as it goes out on the event stream. */
export type AccountChange =
  | { type: 'order'; data: Order }
  | { type: 'trade'; data: Trade }
  | { type: 'position'; data: Position }
  | { type: 'holding'; data: Holding }
  | { type: 'funds'; data: Funds };

export type AccountChangeSink = (change: AccountChange) => void;

/** One position per instrument and product, as Upstox lists them. */
export const positionKey = (p: Position): string => `${p.instrumentKey}|${p.product}`;

/**
 * What a change is about, when it carries that thing's whole new state (an order, a position, a holding, the
 * funds): a client catching up needs only the newest change of each. Null for a trade, which is news of its own.
 */
export function changeSubject(change: AccountChange): string | null {
  switch (change.type) {
    case 'order':
      return change.data.orderId;
    case 'position':
      return positionKey(change.data);
    case 'holding':
      return change.data.instrumentKey;
    case 'funds':
      return '';
    case 'trade':
      return null;
  }
}
