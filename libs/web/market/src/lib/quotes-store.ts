import { DestroyRef, Injectable, Signal, WritableSignal, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { Quote } from '@desk/contracts';
import { DeskEvents } from '@desk/web/events';
import { errorStatus } from '@desk/web/http';
import { distinctUntilChanged, pairwise, startWith } from 'rxjs';
import { MarketApi } from './market-api';

/** A lease (POST /api/market/interest) is renewed this often while it is needed; the api lets it lapse without. */
export const INTEREST_RENEW_MS = 20_000;

/** What a page shows prices for. Leased watches also keep the instruments subscribed at the api. */
export interface QuoteWatch {
  /** The instruments needed now (replaces the previous set). */
  set(instrumentKeys: readonly string[]): void;
  /** No longer needed: the lease, if any, is dropped. */
  release(): void;
}

interface QuoteEntry {
  quote: WritableSignal<Quote | null>;
  /** Bumped by every quote applied: a read that started before a newer event does not overwrite it. */
  version: number;
}

/**
 * The newest quote per instrument, one signal each, from `quote` events on /api/events. Quote events are not
 * replayed, so each time the stream (re)opens the quotes of everything watched are re-read over REST; while the
 * stream is not open the quotes are dropped (the rows fall back to the prices their own reads carry).
 */
@Injectable({ providedIn: 'root' })
export class QuotesStore {
  private readonly api = inject(MarketApi);
  private readonly events = inject(DeskEvents);
  private readonly entries = new Map<string, QuoteEntry>();
  private readonly watches = new Set<Watch>();
  private readonly _updates = signal(0);

  /** Counts applied quotes (tests and the benchmark read it; components read `quote(key)`). */
  readonly updates = this._updates.asReadonly();

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.events
      .on('quote')
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(({ data }) => this.apply(data.quotes ?? []));
    toObservable(this.events.state)
      .pipe(startWith(this.events.state()), distinctUntilChanged(), pairwise(), takeUntilDestroyed(destroyRef))
      .subscribe(([before, now]) => {
        if (now === 'open' && before !== 'open') void this.refresh();
        else if (now !== 'open' && before === 'open') this.clear();
      });
    destroyRef.onDestroy(() => {
      for (const watch of [...this.watches]) watch.release();
    });
  }

  /** The newest quote of an instrument (null until one arrived while the stream was open). */
  quote(instrumentKey: string): Signal<Quote | null> {
    return this.entry(instrumentKey).quote.asReadonly();
  }

  /** Applies quotes (events, lease answers, re-reads); `since` drops those older than an event already applied. */
  apply(quotes: readonly Quote[], since?: ReadonlyMap<string, number>): void {
    let applied = 0;
    for (const quote of quotes) {
      if (!quote || typeof quote.instrumentKey !== 'string' || !Number.isFinite(quote.lastPrice)) continue;
      const entry = this.entry(quote.instrumentKey);
      if (since && entry.version !== (since.get(quote.instrumentKey) ?? 0)) continue;
      entry.version++;
      entry.quote.set(quote);
      applied++;
    }
    if (applied) this._updates.update((n) => n + applied);
  }

  /**
   * Starts watching instruments. `lease: true` (an open dialog, a chart) also asks the api to keep them
   * subscribed, renewed every INTEREST_RENEW_MS; positions and holdings are subscribed by the api itself.
   */
  watch(options: { lease: boolean }): QuoteWatch {
    const watch = new Watch(this, this.api, options.lease, (w) => this.watches.delete(w));
    this.watches.add(watch);
    return watch;
  }

  /** Re-reads the quotes of everything watched (after the stream reopened: quote events are not replayed). */
  async refresh(): Promise<void> {
    const keys = new Set<string>();
    for (const watch of this.watches) for (const key of watch.keys) keys.add(key);
    if (keys.size === 0) return;
    const since = new Map([...keys].map((key) => [key, this.entry(key).version]));
    try {
      this.apply(await this.api.quotes([...keys]), since);
    } catch {
      // The rows keep the prices their own reads carry; the next reopen or lease reads again.
    }
  }

  /** The stream closed: quotes would go stale without anyone noticing, so none are shown. */
  clear(): void {
    for (const entry of this.entries.values()) {
      entry.version++;
      entry.quote.set(null);
    }
  }

  private entry(instrumentKey: string): QuoteEntry {
    let entry = this.entries.get(instrumentKey);
    if (!entry) {
      entry = { quote: signal<Quote | null>(null), version: 0 };
      this.entries.set(instrumentKey, entry);
    }
    return entry;
  }

  /** For Watch: the version map a read must match to land. */
  versions(keys: readonly string[]): Map<string, number> {
    return new Map(keys.map((key) => [key, this.entry(key).version]));
  }
}

/** One watcher's instruments and, when leased, its lease at the api. */
class Watch implements QuoteWatch {
  keys: readonly string[] = [];
  private leaseId: string | null = null;
  private renewTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by every set()/release(): a lease answer for an older set is dropped at once. */
  private generation = 0;
  private released = false;

  constructor(
    private readonly store: QuotesStore,
    private readonly api: MarketApi,
    private readonly leased: boolean,
    private readonly onRelease: (watch: Watch) => void,
  ) {}

  set(instrumentKeys: readonly string[]): void {
    if (this.released) return;
    const keys = [...new Set(instrumentKeys.filter(Boolean))].sort();
    if (keys.join('\n') === this.keys.join('\n')) return;
    this.keys = keys;
    if (!this.leased) return;
    this.generation++;
    this.dropLease();
    if (keys.length) void this.openLease(this.generation);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.generation++;
    this.keys = [];
    this.dropLease();
    this.onRelease(this);
  }

  private async openLease(generation: number): Promise<void> {
    const keys = this.keys;
    const since = this.store.versions(keys);
    try {
      const lease = await this.api.lease(keys);
      if (generation !== this.generation) {
        void this.api.release(lease.id).catch(() => undefined);
        return;
      }
      this.leaseId = lease.id;
      this.store.apply(lease.quotes ?? [], since);
    } catch {
      // Try again at the next renewal: the dialog works without live prices meanwhile.
      if (generation !== this.generation) return;
    }
    this.scheduleRenew(generation);
  }

  private scheduleRenew(generation: number): void {
    clearTimeout(this.renewTimer);
    this.renewTimer = setTimeout(() => void this.renew(generation), INTEREST_RENEW_MS);
  }

  private async renew(generation: number): Promise<void> {
    if (generation !== this.generation) return;
    const id = this.leaseId;
    if (id === null) {
      void this.openLease(generation);
      return;
    }
    try {
      await this.api.renew(id, this.keys);
    } catch (e) {
      // The lease lapsed (api restarted, tab asleep): take a new one.
      if (generation === this.generation && errorStatus(e) === 404) {
        this.leaseId = null;
        void this.openLease(generation);
        return;
      }
    }
    if (generation === this.generation) this.scheduleRenew(generation);
  }

  private dropLease(): void {
    clearTimeout(this.renewTimer);
    this.renewTimer = undefined;
    const id = this.leaseId;
    this.leaseId = null;
    if (id !== null) void this.api.release(id).catch(() => undefined);
  }
}
