import type { Funds, Holding, Order, Position, Trade } from '@desk/contracts';

/** One change of the mirrored account, as it goes out on the event stream. */
export type AccountChange =
  | { type: 'order'; data: Order }
  | { type: 'trade'; data: Trade }
  | { type: 'position'; data: Position }
  | { type: 'holding'; data: Holding }
  | { type: 'funds'; data: Funds };

export type AccountChangeSink = (change: AccountChange) => void;
