import type { FundsView, Holding, Position } from './account';
import type { ConnectionStatus } from './connection';
import type { MarketStatusView, QuotesEvent } from './market';
import type { KillSwitchState, Order, Trade } from './orders';

/**
 * GET /api/events (Server-Sent Events). Every event has an `id:` (a number that grows by one per event);
 * a client that reconnects with `Last-Event-ID` gets what it missed from a bounded buffer, or a `resync`
 * when that is no longer possible (then it re-reads the REST endpoints). The buffer keeps only the newest event
 * about each order, position, holding, the funds, the connection, the market and the kill switch (each carries the
 * whole state), and every trade: a resume replays each thing's latest state, so replayed ids may skip. Every stream opens with a
 * `connection` event: the state at that moment (under the newest event's id). Comment lines (`: keep-alive`)
 * are heartbeats.
 */
export const DESK_EVENT_TYPES = ['order', 'trade', 'position', 'holding', 'funds', 'connection', 'resync', 'quote', 'market', 'kill-switch'] as const;
export type DeskEventType = (typeof DESK_EVENT_TYPES)[number];

export interface ResyncEvent {
  /** Why the missed events cannot be replayed, e.g. "older than the last 1000 events". */
  reason: string;
}

/** The `data:` of each event type (JSON). */
export interface DeskEventPayloads {
  order: Order;
  trade: Trade;
  position: Position;
  holding: Holding;
  funds: FundsView;
  connection: ConnectionStatus;
  resync: ResyncEvent;
  /** Not replayed and without an id: see QuotesEvent. */
  quote: QuotesEvent;
  market: MarketStatusView;
  /** The desk's own kill switch was turned on or off (in any dashboard tab): what GET /api/orders/kill-switch answers. */
  'kill-switch': KillSwitchState;
}

export type DeskEvent = { [K in DeskEventType]: { id: number; type: K; data: DeskEventPayloads[K] } }[DeskEventType];
