import { signal } from '@angular/core';
import { LiveList } from '@desk/web/events';
import { RequestStatus } from '@desk/web/http';

/**
 * One list of the account (positions or holdings): REST reads merged with pushed events, and the
 * states a panel shows (loading, loaded, error). A read for a previous account is dropped.
 */
export class AccountSection<T> {
  private readonly list: LiveList<T>;
  /** reset() drops reads in flight; events merge through the LiveList, so they need no guard here. */
  private readonly reads = new RequestStatus();
  private readonly _updatedAt = signal<Date | null>(null);
  private inFlight: Promise<void> | null = null;

  readonly items;
  /** True once a list has arrived: an empty state only makes sense then. */
  readonly loaded = this.reads.loaded;
  readonly loading = this.reads.loading;
  readonly error = this.reads.error;
  /** The last read got no answer from the api: the panel shows its error in short (the page explains it). */
  readonly noAnswer = this.reads.noAnswer;
  readonly updatedAt = this._updatedAt.asReadonly();

  constructor(
    keyOf: (item: T) => string,
    private readonly read: () => Promise<readonly T[]>,
  ) {
    this.list = new LiveList<T>(keyOf);
    this.items = this.list.values;
  }

  load(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    const reading: Promise<void> = this.fetch().finally(() => {
      if (this.inFlight === reading) this.inFlight = null;
    });
    this.inFlight = reading;
    return reading;
  }

  /** A read that certainly starts after now (one in flight may predate a change). */
  reload(): Promise<void> {
    const pending = this.inFlight;
    return pending ? pending.then(() => this.load()) : this.load();
  }

  upsert(item: T): void {
    this.list.upsert(item);
    this._updatedAt.set(new Date());
  }

  remove(key: string): void {
    this.list.remove(key);
    this._updatedAt.set(new Date());
  }

  /** Disconnected or another account: forget everything, drop reads in flight. */
  reset(): void {
    this.reads.reset();
    this.inFlight = null;
    this.list.clear();
    this._updatedAt.set(null);
  }

  private async fetch(): Promise<void> {
    const mark = this.list.mark();
    await this.reads.track(this.read, (items) => {
      this.list.replace(items, mark);
      this._updatedAt.set(new Date());
    });
  }
}
