import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { AccountStreamStatus, ConnectionStatus, DESK_EVENT_TYPES, DeskEventPayloads, DeskEventType } from '@desk/contracts';
import { Observable, Subject, filter, map } from 'rxjs';
import { EVENT_SOURCE_CLOSED, EVENT_SOURCE_FACTORY, EventSourceLike } from './event-source';

export const DESK_EVENTS_URL = '/api/events';
/** Our own reconnects, once the browser gave up on a stream (HTTP error, api restarted): capped, jittered backoff. */
export const EVENTS_RETRY_BASE_MS = 1_000;
export const EVENTS_RETRY_MAX_MS = 30_000;
/** How long `whenOpened()` waits for a stream that is opening before it lets the first reads go anyway. */
export const EVENTS_OPENING_WAIT_MS = 1_000;

/**
 * `closed`: not started (not connected); `connecting`: opening, or the browser is retrying by itself
 * (it resends Last-Event-ID); `open`: events flow; `down`: the browser gave up, our retry timer runs.
 */
export type DeskStreamState = 'closed' | 'connecting' | 'open' | 'down';
export type DeskDataEventType = Exclude<DeskEventType, 'resync'>;

export interface DeskEventOf<K extends DeskDataEventType> {
  id: number;
  data: DeskEventPayloads[K];
}

/** Why every store should re-read over REST: updates became live (again), or the api said `resync`. */
export type DeskSyncReason = 'live' | 'resync';

interface ReceivedEvent {
  type: DeskDataEventType;
  id: number;
  data: unknown;
}

/**
 * The dashboard's one GET /api/events stream. Updates count as live only while this stream is open
 * AND the api's Upstox stream is live: otherwise nothing would push a change, so the stores poll.
 * Each time updates become live, and on `resync`, `sync$` tells the stores to re-read everything.
 */
@Injectable({ providedIn: 'root' })
export class DeskEvents {
  private readonly createSource = inject(EVENT_SOURCE_FACTORY);

  private readonly _state = signal<DeskStreamState>('closed');
  private readonly _upstream = signal<AccountStreamStatus | null>(null);
  private readonly _lastEventId = signal<number | null>(null);
  /**
   * The api opens every stream with a `connection` event (the state right now). Until it arrives, what this
   * page last heard may be stale (e.g. disconnected a moment ago): nothing counts as live and nothing re-reads.
   */
  private readonly _snapshotSeen = signal(false);
  private readonly received = new Subject<ReceivedEvent>();
  private readonly syncs = new Subject<DeskSyncReason>();
  private readonly liveChanges = new Subject<boolean>();

  readonly state = this._state.asReadonly();
  /** The api's Upstox stream, as GET /api/connection or the last `connection` event reported it. */
  readonly upstream = this._upstream.asReadonly();
  readonly lastEventId = this._lastEventId.asReadonly();
  /** True while changes are pushed: the stores stop polling. */
  readonly live = computed(() => this._state() === 'open' && this._snapshotSeen() && this._upstream()?.state === 'live');
  /** Emits on every change of `live` (not the initial value). */
  readonly liveChanges$: Observable<boolean> = this.liveChanges.asObservable();
  readonly sync$: Observable<DeskSyncReason> = this.syncs.asObservable();

  private source: EventSourceLike | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private attempts = 0;
  private wasLive = false;
  private openingWaiters: (() => void)[] = [];

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  on<K extends DeskDataEventType>(type: K): Observable<DeskEventOf<K>> {
    return this.received.pipe(
      filter((event) => event.type === type),
      map((event) => ({ id: event.id, data: event.data as DeskEventPayloads[K] })),
    );
  }

  /**
   * Runs `read` (a store's first REST read) when it can start without missing a change: once the stream that is
   * opening has sent its opening `connection` event (the api's changes from then on arrive as events, and `sync$`
   * has already fired if that made updates live), once it failed or was stopped, or after EVENTS_OPENING_WAIT_MS.
   * At once when no stream is opening. A read started earlier would have to be repeated when updates go live.
   */
  whenOpened(read: () => void): void {
    if (!this.isOpening()) {
      read();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      this.openingWaiters = this.openingWaiters.filter((w) => w !== done);
      read();
    };
    const timer = setTimeout(done, EVENTS_OPENING_WAIT_MS);
    this.openingWaiters.push(done);
  }

  /** Connected: open the stream (no-op while it is open or a retry is scheduled). */
  start(): void {
    if (this.source || this.retryTimer !== undefined) return;
    this.open();
  }

  /** Disconnected or another account: close it and forget where it was. */
  stop(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.source?.close();
    this.source = null;
    this.attempts = 0;
    this._lastEventId.set(null);
    this.setState('closed');
  }

  /** The api's Upstox stream as GET /api/connection says (null: not connected, or no stream in the sandbox). */
  reportUpstream(stream: AccountStreamStatus | null): void {
    this._upstream.set(stream);
    this.updateLive();
  }

  private open(): void {
    this.retryTimer = undefined;
    // A new EventSource cannot set Last-Event-ID; the api takes it as a query parameter instead.
    const lastId = this._lastEventId();
    const source = this.createSource(lastId === null ? DESK_EVENTS_URL : `${DESK_EVENTS_URL}?lastEventId=${lastId}`);
    if (!source) {
      // No EventSource in this browser: stay on polling for good.
      this.setState('down');
      return;
    }
    this.source = source;
    this._snapshotSeen.set(false);
    this.setState('connecting');
    source.onopen = () => {
      if (this.source !== source) return;
      this.attempts = 0;
      this._snapshotSeen.set(false);
      this.setState('open');
    };
    source.onerror = () => {
      if (this.source !== source) return;
      if (source.readyState !== EVENT_SOURCE_CLOSED) {
        this.setState('connecting');
        return;
      }
      source.close();
      this.source = null;
      this.setState('down');
      this.scheduleRetry();
    };
    for (const type of DESK_EVENT_TYPES) {
      source.addEventListener(type, (event) => this.receive(source, type, event));
    }
  }

  private receive(source: EventSourceLike, type: DeskEventType, event: MessageEvent<string>): void {
    if (this.source !== source) return;
    const id = Number(event.lastEventId);
    if (event.lastEventId && Number.isFinite(id)) this._lastEventId.set(id);
    let data: unknown;
    try {
      data = JSON.parse(event.data);
    } catch {
      // A change we cannot read is a change we missed: re-read everything.
      this.syncs.next('resync');
      return;
    }
    if (type === 'resync') {
      this.syncs.next('resync');
      return;
    }
    this.received.next({ type, id, data });
    if (type === 'connection') {
      this._snapshotSeen.set(true);
      this.reportUpstream((data as ConnectionStatus).stream ?? null);
      this.releaseOpeningWaiters();
    }
  }

  private isOpening(): boolean {
    const state = this._state();
    return (state === 'connecting' || state === 'open') && !this._snapshotSeen();
  }

  private releaseOpeningWaiters(): void {
    if (this.isOpening()) return;
    for (const done of [...this.openingWaiters]) done();
  }

  private scheduleRetry(): void {
    const ceiling = Math.min(EVENTS_RETRY_MAX_MS, EVENTS_RETRY_BASE_MS * 2 ** this.attempts);
    this.attempts++;
    // Jitter: many tabs reconnecting after an api restart do not arrive at once.
    const delay = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  private setState(state: DeskStreamState): void {
    this._state.set(state);
    this.updateLive();
    this.releaseOpeningWaiters();
  }

  private updateLive(): void {
    const live = this.live();
    if (live === this.wasLive) return;
    this.wasLive = live;
    this.liveChanges.next(live);
    if (live) this.syncs.next('live');
  }
}
