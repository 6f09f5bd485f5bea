import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ConnectWithTokenRequest, ConnectionStatus } from '@desk/contracts';
import { DeskEvents } from '@desk/web/events';
import { ActionResult, RequestState, attempt } from '@desk/web/http';
import { Subject } from 'rxjs';
import { ConnectionApi } from './connection-api';

/**
 * The Upstox connection's status as the api reports it: read, pushed by `connection` events, or the
 * answer to a token connect; and the requests that change it (connect with a token, disconnect).
 */
@Injectable({ providedIn: 'root' })
export class ConnectionStatusStore {
  private readonly api = inject(ConnectionApi);
  /** A `connection` event wins over a status read still in flight. */
  private readonly read = new RequestState<ConnectionStatus | null>(null);
  private readonly _busy = signal(false);
  private readonly stored = new Subject<ConnectionStatus>();

  readonly status = this.read.data;
  readonly checking = this.read.loading;
  /** Why the status could not be read (the api itself failed), or why a disconnect failed. */
  readonly error = this.read.error;
  /**
   * The last status read got no answer from the api (`npm start` stopped, the network is down): the status above
   * is only the one last seen. Cleared by the next status that arrives, read or pushed.
   */
  readonly apiUnreachable = this.read.noAnswer;
  /** A token connect or a disconnect is in flight. */
  readonly busy = this._busy.asReadonly();
  /** Every status stored, whichever way it came: the clock and the OAuth watch follow it. */
  readonly changes$ = this.stored.asObservable();

  constructor() {
    const destroyRef = inject(DestroyRef);
    // The api pushes its connection (and its Upstox stream's state) as it changes: no 30 s wait for the top bar.
    inject(DeskEvents)
      .on('connection')
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(({ data }) => this.apply(data));
    destroyRef.onDestroy(() => this.stored.complete());
  }

  /** The status just read; null when the read failed (see `error`) or a pushed status overtook it. */
  async refresh(): Promise<ConnectionStatus | null> {
    let fresh: ConnectionStatus | null = null;
    await this.read.track(
      () => this.api.status(),
      (status) => {
        fresh = status;
        this.read.update(() => status);
        this.stored.next(status);
      },
    );
    return fresh;
  }

  /** Option B: the answer is the new status. */
  async connectWithToken(request: ConnectWithTokenRequest): Promise<ActionResult> {
    this._busy.set(true);
    const result = await attempt(() => this.api.connectWithToken(request));
    this._busy.set(false);
    if (!result.ok) return result;
    this.apply(result.value);
    return { ok: true, value: undefined };
  }

  /** `onDisconnected` runs before the status is re-read (the OAuth watch stops waiting there). */
  async disconnect(onDisconnected: () => void = () => undefined): Promise<ActionResult> {
    this._busy.set(true);
    try {
      const result = await attempt(() => this.api.disconnect());
      if (!result.ok) {
        this.read.fail(result.error);
        return result;
      }
      onDisconnected();
      await this.refresh();
      return { ok: true, value: undefined };
    } finally {
      this._busy.set(false);
    }
  }

  private apply(status: ConnectionStatus): void {
    // A pushed status proves the api answers: a "no answer" from an earlier read is stale (other errors stay).
    if (this.read.noAnswer()) this.read.clearError();
    this.read.set(status);
    this.stored.next(status);
  }
}
