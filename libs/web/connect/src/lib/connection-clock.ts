import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ConnectionStatusStore } from './connection-status-store';

/** "Time left" in the top bar moves once every 30 s; the status is re-read at the same beat. */
export const CLOCK_TICK_MS = 30_000;

/** The "now" that time left and expiry are measured against. */
@Injectable({ providedIn: 'root' })
export class ConnectionClock {
  private readonly connection = inject(ConnectionStatusStore);
  private readonly _now = signal(new Date());
  private timer: ReturnType<typeof setInterval> | undefined;

  readonly now = this._now.asReadonly();

  constructor() {
    const destroyRef = inject(DestroyRef);
    // A status just stored is measured against a fresh "now", not one up to 30 s old.
    this.connection.changes$.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => this._now.set(new Date()));
    destroyRef.onDestroy(() => this.stop());
  }

  /** Keeps "time left" current and notices expiry (03:30 IST) or a revoked token. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this._now.set(new Date());
      void this.connection.refresh();
    }, CLOCK_TICK_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
