import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  ApiErrorBody,
  ErrorCode,
  ModifyOrderRequest,
  Order,
  OrderDetails,
  PlaceOrderRequest,
  PlaceOrderResponse,
  isTerminalStatusClass,
  newestOrderFirst,
} from '@desk/contracts';
import { DeskEvents, LiveList } from '@desk/web/events';
import { ActionResult, RequestState, RequestStatus, attempt } from '@desk/web/http';
import { countByStatus } from './orders-filter/order-filter';
import { keepRejections, newRejections } from './order-rejections';
import { OrdersApi } from './orders-api';

/*
 * Orders arrive as `order` events while updates are live (DeskEvents.live). Polling is the fallback
 * for when they are not (the event stream or the api's Upstox stream is down): then the timers below run.
 */

/** While any order is still pending or working, the list and an open order are re-read this often. */
export const ORDERS_REFRESH_MS = 2_000;
/**
 * Otherwise the list is still re-read this often: orders placed by scripts show up, and a token that
 * Upstox revoked or that expired at 03:30 IST is noticed (the dashboard then shows "Expired").
 */
export const ORDERS_IDLE_REFRESH_MS = 30_000;
/** After a placement, keep watching this long even if nothing shows as working yet. */
const WATCH_AFTER_PLACE_MS = 30_000;

/** Errors after which the order may or may not exist at Upstox: never resubmit blindly. */
const OUTCOME_UNKNOWN_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'ORDER_OUTCOME_UNKNOWN',
  'IDEMPOTENCY_IN_FLIGHT',
  'UPSTOX_TIMEOUT',
  'UPSTOX_UNAVAILABLE',
  'INTERNAL_ERROR',
]);

export type PlaceOutcome =
  | { kind: 'placed'; response: PlaceOrderResponse }
  /** Being reconciled by the api (202), or no usable answer at all (`response` null). */
  | { kind: 'unknown'; response: PlaceOrderResponse | null; error: ApiErrorBody | null }
  | { kind: 'rejected'; error: ApiErrorBody };

export type { ActionResult } from '@desk/web/http';

/** The day's orders, the open order's details, and place / modify / cancel. */
@Injectable({ providedIn: 'root' })
export class OrdersStore {
  private readonly api = inject(OrdersApi);
  private readonly events = inject(DeskEvents);

  private readonly list = new LiveList<Order>((o) => o.orderId);
  /** List reads; deactivate() drops the ones for the previous account. */
  private readonly listRead = new RequestStatus();
  private readonly _updatedAt = signal<Date | null>(null);
  /** The open order; closeDetails() drops reads for the one before. */
  private readonly detailsRead = new RequestState<OrderDetails | null>(null);

  readonly orders = computed(() => [...this.list.values()].sort(newestOrderFirst));
  /** True once a list has arrived: "No orders today" only makes sense then. */
  readonly loaded = this.listRead.loaded;
  readonly loading = this.listRead.loading;
  readonly error = this.listRead.error;
  /** The last list read got no answer from the api: the section shows its error in short (the page explains it). */
  readonly noAnswer = this.listRead.noAnswer;
  readonly updatedAt = this._updatedAt.asReadonly();
  readonly details = this.detailsRead.data;
  readonly detailsError = this.detailsRead.error;
  /** Orders per status class: the filter bar's choices and the dashboard's fills key read the same count. */
  readonly statusCounts = computed(() => countByStatus(this.orders()));
  private readonly _rejections = signal<readonly Order[]>([]);
  /** Orders Upstox rejected while the page watched, newest first, until the trader dismisses them. */
  readonly rejections = this._rejections.asReadonly();
  readonly hasOpenOrders = computed(() => this.list.values().some((o) => !isTerminalStatusClass(o.statusClass)));
  /** Changes are pushed (no polling). */
  readonly live = this.events.live;

  private active = false;
  /** Bumped by activate(): a first read still waiting for the event stream belongs to one activation. */
  private activation = 0;
  private watchUntil = 0;
  private listTimer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | null = null;
  private detailsId: string | null = null;
  private detailsTimer: ReturnType<typeof setTimeout> | undefined;
  /** Order events applied to the open order: a details read started before one must not undo it. */
  private detailsEvents = 0;
  private detailsEventOrder: Order | null = null;

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.events
      .on('order')
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(({ data }) => this.applyEvent(data));
    this.events.sync$.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => this.resync());
    this.events.liveChanges$.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => this.reschedule());
    destroyRef.onDestroy(() => {
      this.deactivate();
      this.closeDetails();
    });
  }

  /**
   * Connected: load as soon as the event stream has opened, and keep the list fresh while orders are working.
   * Waiting for the stream (briefly, see DeskEvents.whenOpened) saves reading the whole book twice: a read started
   * before it could miss a change, so the stream going live re-reads. That re-read then is the first read.
   */
  activate(): void {
    this.active = true;
    const activation = ++this.activation;
    this.events.whenOpened(() => {
      if (this.active && activation === this.activation) void this.load();
    });
  }

  /** Disconnected: stop refreshing and forget the previous account's orders. */
  deactivate(): void {
    this.active = false;
    // A read for the previous account is dropped when it lands; the next account must not wait on it.
    this.listRead.reset();
    this.inFlight = null;
    clearTimeout(this.listTimer);
    this.list.clear();
    this._rejections.set([]);
  }

  dismissRejections(): void {
    this._rejections.set([]);
  }

  load(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    const reading: Promise<void> = this.fetchList().finally(() => {
      if (this.inFlight === reading) this.inFlight = null;
    });
    this.inFlight = reading;
    return reading;
  }

  /** A fresh list that certainly started after now (an in-flight one may predate a change). */
  private reloadAfterChange(): void {
    this.watchUntil = Date.now() + WATCH_AFTER_PLACE_MS;
    this.reloadFresh();
  }

  private reloadFresh(): void {
    const pending = this.inFlight;
    if (pending) void pending.then(() => this.load());
    else void this.load();
  }

  /** Updates became live (again) or the api said `resync`: whatever was missed, re-read it. */
  private resync(): void {
    if (!this.active) return;
    this.reloadFresh();
    if (this.detailsId) void this.fetchDetails(this.detailsId);
  }

  private applyEvent(order: Order): void {
    if (!this.active) return;
    // An event is news even for an order the page has not read yet (a bot's order, rejected at once).
    this.noteRejections(newRejections([order], (id) => this.list.get(id), true));
    this.list.upsert(order);
    this._updatedAt.set(new Date());
    if (this.detailsId !== order.orderId) return;
    this.detailsEvents++;
    this.detailsEventOrder = order;
    // Not set(): a details read in flight still brings the history; it keeps this order (see fetchDetails).
    this.detailsRead.update((details) => details && { ...details, order });
    // The status history lives at the api: one read from its mirror.
    void this.fetchDetails(order.orderId);
  }

  /** Live: no timers. Not live: poll as before. */
  private reschedule(): void {
    this.scheduleList();
    const details = this.details();
    clearTimeout(this.detailsTimer);
    if (this.detailsId && details && !isTerminalStatusClass(details.order.statusClass) && !this.events.live()) {
      const orderId = this.detailsId;
      this.detailsTimer = setTimeout(() => void this.fetchDetails(orderId), ORDERS_REFRESH_MS);
    }
  }

  private scheduleList(): void {
    clearTimeout(this.listTimer);
    if (!this.active || this.events.live()) return;
    const keepWatching = !this.error() && (this.hasOpenOrders() || Date.now() < this.watchUntil);
    this.listTimer = setTimeout(() => void this.load(), keepWatching ? ORDERS_REFRESH_MS : ORDERS_IDLE_REFRESH_MS);
  }

  async place(request: PlaceOrderRequest, idempotencyKey: string): Promise<PlaceOutcome> {
    const result = await attempt(() => this.api.place(request, idempotencyKey));
    let outcome: PlaceOutcome;
    if (result.ok) {
      const body = result.value.body as PlaceOrderResponse;
      outcome = body.outcome === 'placed' ? { kind: 'placed', response: body } : { kind: 'unknown', response: body, error: null };
    } else {
      const error = result.error;
      outcome = OUTCOME_UNKNOWN_CODES.has(error.code) ? { kind: 'unknown', response: null, error } : { kind: 'rejected', error };
    }
    this.reloadAfterChange();
    return outcome;
  }

  async modify(orderId: string, request: ModifyOrderRequest): Promise<ActionResult> {
    return this.act(() => this.api.modify(orderId, request), orderId);
  }

  async cancel(orderId: string): Promise<ActionResult> {
    return this.act(() => this.api.cancel(orderId), orderId);
  }

  /** Shows one order's details and history, re-read while it is still working. */
  openDetails(orderId: string): void {
    this.closeDetails();
    this.detailsId = orderId;
    void this.fetchDetails(orderId);
  }

  closeDetails(): void {
    this.detailsId = null;
    this.detailsEvents = 0;
    this.detailsEventOrder = null;
    clearTimeout(this.detailsTimer);
    this.detailsRead.reset();
  }

  private async act(call: () => Promise<unknown>, orderId: string): Promise<ActionResult> {
    const result = await attempt(async () => void (await call()));
    if (result.ok) {
      this.reloadAfterChange();
      if (this.detailsId === orderId) void this.fetchDetails(orderId);
    }
    return result;
  }

  private noteRejections(fresh: Order[]): void {
    if (fresh.length > 0) this._rejections.update((kept) => keepRejections(kept, [...fresh].sort(newestOrderFirst)));
  }

  private async fetchList(): Promise<void> {
    clearTimeout(this.listTimer);
    const mark = this.list.mark();
    await this.listRead.track(
      () => this.api.list(),
      (view) => {
        this.noteRejections(newRejections(view.orders, (id) => this.list.get(id), this.loaded()));
        this.list.replace(view.orders, mark);
        this._updatedAt.set(new Date());
      },
    );
    this.scheduleList();
  }

  private async fetchDetails(orderId: string): Promise<void> {
    clearTimeout(this.detailsTimer);
    const eventsBefore = this.detailsEvents;
    const stored = await this.detailsRead.track(
      () => this.api.details(orderId),
      (view) => {
        // An order event that arrived while this read was out is newer than the order it brings.
        const newer = this.detailsEvents !== eventsBefore ? this.detailsEventOrder : null;
        this.detailsRead.update(() => ({ order: newer ?? view.order, history: view.history }));
      },
    );
    const details = this.details();
    if (stored && this.detailsId === orderId && details && !isTerminalStatusClass(details.order.statusClass) && !this.events.live()) {
      this.detailsTimer = setTimeout(() => void this.fetchDetails(orderId), ORDERS_REFRESH_MS);
    }
  }
}
