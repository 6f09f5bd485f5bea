import { Injectable } from '@nestjs/common';
import {
  AccountReadMeta,
  Funds,
  FundsView,
  holdingTotals,
  HoldingsView,
  newestOrderFirst,
  Order,
  OrderDetailsView,
  OrderHistoryEntry,
  OrdersView,
  positionTotals,
  PositionsView,
  TradesView,
} from '@desk/contracts';
import { ConnectionService } from '@desk/api/connection';
import { BrokerOrderRow, UpstoxClient } from '@desk/upstox/client';
import { AccountMirror } from './account-mirror';
import { AccountState, Collection, CollectionTypes } from './account-state.service';
import { SnapshotGate } from './snapshot-gate';

/** Per-order detail reads kept for throttling while the stream is down (bounded: oldest dropped first). */
const MAX_DETAIL_GATES = 500;

const iso = (ms: number): string => new Date(ms).toISOString();

function historyEntryOf(row: BrokerOrderRow): OrderHistoryEntry {
  const { status, statusClass, statusMessage, price, triggerPrice, quantity, filledQuantity, averagePrice, at } = row;
  return { status, statusClass, statusMessage, price, triggerPrice, quantity, filledQuantity, averagePrice, at };
}

/**
 * Every account read: from the mirror while it is current (`source: stream`), else from a shared,
 * throttled upstream snapshot (`source: snapshot`). `asOf` says which instant the answer describes.
 */
@Injectable()
export class AccountReads {
  private readonly detailGates = new Map<string, SnapshotGate<{ order: Order; history: OrderHistoryEntry[] }>>();
  private readonly historyReads = new Map<string, Promise<OrderHistoryEntry[]>>();

  constructor(
    private readonly state: AccountState,
    private readonly connection: ConnectionService,
    private readonly client: UpstoxClient,
  ) {}

  async orders(): Promise<OrdersView> {
    const { value, meta } = await this.read('orders', (m) => m.orderList(), (snap) => snap.map((u) => u.order));
    return { orders: [...value].sort(newestOrderFirst), ...meta };
  }

  /** The day's fills, or one order's (filtered here: Upstox's trades-by-order call would cost a read per ask). */
  async trades(orderId?: string): Promise<TradesView> {
    const { value, meta } = await this.read('trades', (m) => m.tradeList(), (snap) => snap);
    const asked = orderId === undefined ? value : value.filter((t) => t.orderId === orderId);
    const trades = [...asked].sort((a, b) => (b.tradedAt ?? '').localeCompare(a.tradedAt ?? '') || b.tradeId.localeCompare(a.tradeId));
    return { trades, ...meta };
  }

  async positions(): Promise<PositionsView> {
    const { value, meta } = await this.read('positions', (m) => m.positionList(), (snap) => snap);
    const positions = [...value].sort((a, b) => a.tradingSymbol.localeCompare(b.tradingSymbol) || a.product.localeCompare(b.product));
    return { positions, totals: positionTotals(positions), ...meta };
  }

  async holdings(): Promise<HoldingsView> {
    const { value, meta } = await this.read('holdings', (m) => m.holdingList(), (snap) => snap);
    const holdings = [...value].sort((a, b) => a.tradingSymbol.localeCompare(b.tradingSymbol));
    return { holdings, totals: holdingTotals(holdings), ...meta };
  }

  async funds(): Promise<FundsView> {
    // From memory only once funds were read (freshMirror checks their age), so the mirror never lacks them here.
    const { value, meta } = await this.read('funds', (m) => m.currentFunds(), (snap) => snap);
    return { ...(value as Funds), ...meta };
  }

  /**
   * The order as the live stream last told it, while the mirror is current for orders; null when it is not
   * mirrored (placed elsewhere a moment ago) or the stream is down. A modify or cancel checks this instead of
   * asking Upstox first: Upstox still decides, and refuses a change to an order that ended meanwhile.
   */
  liveOrder(orderId: string): Order | null {
    return this.state.freshMirror('orders')?.order(orderId) ?? null;
  }

  async orderDetails(orderId: string): Promise<OrderDetailsView> {
    const mirror = this.state.freshMirror('orders');
    const order = mirror?.order(orderId);
    if (mirror && order) {
      const history = mirror.history(orderId) ?? mirror.adoptHistory(orderId, await this.historyOnce(orderId));
      return { order: mirror.order(orderId) ?? order, history, asOf: iso(this.state.now()), source: 'stream' };
    }
    // Not mirrored yet (placed a moment ago, or the stream is down): ask Upstox, once per order at a time.
    const snap = await this.detailGate(orderId).read();
    this.state.currentMirror()?.adoptHistory(orderId, snap.value.history);
    return { ...snap.value, asOf: iso(snap.at), source: 'snapshot' };
  }

  /**
   * A collection from the mirror when it is current, else through its snapshot gate. After a snapshot the
   * mirror (which may hold newer stream updates) answers when there is one.
   */
  private async read<K extends Collection, T>(
    collection: K,
    fromMirror: (m: AccountMirror) => T,
    fromSnapshot: (snap: CollectionTypes[K]) => T,
  ): Promise<{ value: T; meta: AccountReadMeta }> {
    const fresh = this.state.freshMirror(collection);
    if (fresh) {
      const pending = this.state.pendingSince(collection);
      return { value: fromMirror(fresh), meta: { asOf: iso(pending ?? this.state.now()), source: 'stream' } };
    }
    const snap = await this.state.snapshot(collection);
    const mirror = this.state.currentMirror();
    // The mirror (which may hold newer stream updates) answers when it has the collection; else the snapshot itself.
    const value = (mirror ? fromMirror(mirror) : null) ?? fromSnapshot(snap.value);
    return { value, meta: { asOf: iso(snap.at), source: 'snapshot' } };
  }

  private historyOnce(orderId: string): Promise<OrderHistoryEntry[]> {
    let read = this.historyReads.get(orderId);
    if (!read) {
      read = this.connection
        .withReader("see this order's history", (a) => this.client.getOrderHistory(a, { orderId }))
        .then((rows) => rows.map(historyEntryOf))
        .finally(() => this.historyReads.delete(orderId));
      this.historyReads.set(orderId, read);
    }
    return read;
  }

  private detailGate(orderId: string): SnapshotGate<{ order: Order; history: OrderHistoryEntry[] }> {
    let gate = this.detailGates.get(orderId);
    if (!gate) {
      gate = new SnapshotGate(
        () =>
          this.connection.withReader('see this order', async (a) => {
            const [order, rows] = await Promise.all([this.client.getOrderDetails(a, orderId), this.client.getOrderHistory(a, { orderId })]);
            return { order, history: rows.map(historyEntryOf) };
          }),
        1_000,
        () => this.state.now(),
      );
      if (this.detailGates.size >= MAX_DETAIL_GATES) this.detailGates.delete(this.detailGates.keys().next().value as string);
      this.detailGates.set(orderId, gate);
    }
    return gate;
  }
}
