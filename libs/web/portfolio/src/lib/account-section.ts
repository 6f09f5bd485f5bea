import { signal } from '@angular/core';
import { ApiErrorBody } from '@desk/contracts';
import { LiveList } from '@desk/web/events';
import { toApiErrorBody } from '@desk/web/http';

/**
 * One list of the account (positions or holdings): REST reads merged with pushed events, and the
 * states a panel shows (loading, loaded, error). A read for a previous account is dropped.
 */
export class AccountSection<T> {
  private readonly list: LiveList<T>;
  private readonly _loaded = signal(false);
  private readonly _loading = signal(false);
  private readonly _error = signal<ApiErrorBody | null>(null);
  private readonly _updatedAt = signal<Date | null>(null);
  private generation = 0;
  private inFlight: Promise<void> | null = null;

  readonly items;
  /** True once a list has arrived: an empty state only makes sense then. */
  readonly loaded = this._loaded.asReadonly();
  readonly loading = this._loading.asReadonly();
  readonly error = this._error.asReadonly();
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
    this.generation++;
    this.inFlight = null;
    this.list.clear();
    this._loaded.set(false);
    this._loading.set(false);
    this._error.set(null);
    this._updatedAt.set(null);
  }

  private async fetch(): Promise<void> {
    const generation = this.generation;
    const mark = this.list.mark();
    this._loading.set(true);
    try {
      const items = await this.read();
      if (generation !== this.generation) return;
      this.list.replace(items, mark);
      this._loaded.set(true);
      this._error.set(null);
      this._updatedAt.set(new Date());
    } catch (e) {
      if (generation === this.generation) this._error.set(toApiErrorBody(e));
    } finally {
      if (generation === this.generation) this._loading.set(false);
    }
  }
}
