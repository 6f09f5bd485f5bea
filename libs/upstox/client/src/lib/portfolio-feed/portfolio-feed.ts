import { AccountStreamState } from '@desk/contracts';
import { RawData } from 'ws';
import type { UpstoxAuth, UpstoxClient } from '../upstox-client';
import { FeedReason, FeedSocket, FeedSocketOptions } from '../feed-socket/feed-socket';
import { parsePortfolioMessage, PortfolioUpdate } from './portfolio-message';

const DEFAULT_PORTFOLIO_UPDATE_TYPES: readonly string[] = ['order', 'position', 'holding', 'gtt_order'];

/** Why the feed changed state, for code (see FeedReason). */
export type PortfolioFeedReason = FeedReason;

export interface PortfolioFeedListener {
  /** The socket is open: updates flow from now on (the caller gap-fills with snapshot reads). */
  onOpen(): void;
  onUpdate(update: PortfolioUpdate): void;
  /**
   * Called on every change of state or cause (connecting -> live / reconnecting / down). A `reconnecting`
   * that only changes its cause is the same outage: keep its start time. `reason` classifies the cause.
   */
  onState(state: AccountStreamState, cause: string | null, reason?: PortfolioFeedReason | null): void;
}

export interface PortfolioFeedOptions extends FeedSocketOptions {
  /** Default order, position, holding, gtt_order. */
  updateTypes?: string[];
}

/**
 * Upstox's portfolio stream (CONTRACT §9.1) for one connection: text frames of JSON, one update each, parsed and
 * handed to the listener. The socket's lifecycle (authorize anew per connect, keep-alive, stall detection,
 * capped jittered backoff, down on a refused token) is FeedSocket's, shared with the market data feed.
 */
export class PortfolioFeed {
  private readonly socket: FeedSocket;

  constructor(client: UpstoxClient, auth: () => UpstoxAuth, listener: PortfolioFeedListener, options: PortfolioFeedOptions = {}) {
    const updateTypes = [...(options.updateTypes ?? DEFAULT_PORTFOLIO_UPDATE_TYPES)];
    this.socket = new FeedSocket(
      auth,
      {
        name: 'live stream',
        authorize: (a) => client.authorizePortfolioFeed(a, updateTypes),
        live: () => listener.onOpen(),
        frame: (data) => {
          const update = parsePortfolioMessage(textOf(data));
          if (update) this.socket.guard(() => listener.onUpdate(update));
        },
        state: (state, cause, reason) => listener.onState(state, cause, reason),
      },
      options,
      'PortfolioFeed',
    );
  }

  /** The last state reported (null before start()). */
  get state(): AccountStreamState | null {
    return this.socket.state;
  }

  start(): void {
    this.socket.start();
  }

  stop(): void {
    this.socket.stop();
  }
}

function textOf(data: RawData): string {
  return Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8');
}
