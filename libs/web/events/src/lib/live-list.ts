import { Signal, signal } from '@angular/core';

/** Where a REST read started, in the list's own change count (see LiveList.mark). */
export type ReadMark = number;

/**
 * A keyed list kept current by two sources: REST snapshots and pushed events. A snapshot may have
 * been read before an event that arrives while it is in flight; the event is newer, so a snapshot
 * never overwrites (or drops) an item an event changed after the read started.
 */
export class LiveList<T> {
  private items = new Map<string, T>();
  /** Per key: the change count at its last event. */
  private readonly touched = new Map<string, number>();
  private changes = 0;
  private readonly _values = signal<readonly T[]>([]);

  /** In insertion order; callers sort. */
  readonly values: Signal<readonly T[]> = this._values.asReadonly();

  constructor(private readonly keyOf: (item: T) => string) {}

  /** Call before a REST read; pass the mark to `replace` with its answer. */
  mark(): ReadMark {
    return this.changes;
  }

  replace(snapshot: readonly T[], mark: ReadMark): void {
    const next = new Map<string, T>();
    for (const item of snapshot) next.set(this.keyOf(item), item);
    for (const [key, at] of this.touched) {
      if (at <= mark) {
        // The snapshot already includes this change; a later read must not be held back by it.
        this.touched.delete(key);
        continue;
      }
      const item = this.items.get(key);
      if (item === undefined) next.delete(key);
      else next.set(key, item);
    }
    // The new map itself, not copied into the old one: for a 10,000-order book the copy cost as much again.
    this.items = next;
    this.publish();
  }

  upsert(item: T): void {
    const key = this.keyOf(item);
    this.items.set(key, item);
    this.touched.set(key, ++this.changes);
    this.publish();
  }

  remove(key: string): void {
    this.items.delete(key);
    this.touched.set(key, ++this.changes);
    this.publish();
  }

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  clear(): void {
    this.items.clear();
    this.touched.clear();
    this.changes++;
    this.publish();
  }

  private publish(): void {
    this._values.set([...this.items.values()]);
  }
}
