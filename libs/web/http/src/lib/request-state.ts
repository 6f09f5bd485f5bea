import { Signal, WritableSignal, computed, signal } from '@angular/core';
import { ApiErrorBody } from '@desk/contracts';
import { gotNoAnswer, toApiErrorBody } from './api-error';

/** What a store's action (connect, create a key, cancel an order) gives back instead of throwing. */
export type ActionResult<T = void> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** Awaits an api call and turns its rejection into the error body the user is shown. Never throws. */
export async function attempt<T>(request: Promise<T> | (() => Promise<T>)): Promise<ActionResult<T>> {
  try {
    return { ok: true, value: await (typeof request === 'function' ? request() : request) };
  } catch (e) {
    return { ok: false, error: toApiErrorBody(e) };
  }
}

/**
 * Loading and error of one kind of read, for stores whose data lives elsewhere (a LiveList, a merge of
 * their own). Reads started before `supersede()` or `reset()` do not touch the state when they land.
 */
export class RequestStatus {
  protected readonly _loading = signal(false);
  protected readonly _error = signal<ApiErrorBody | null>(null);
  protected readonly _loaded = signal(false);
  private readonly _noAnswer = signal(false);

  /** A read is in flight. */
  readonly loading: Signal<boolean> = this._loading.asReadonly();
  /** Why the last read failed; cleared by the next one that succeeds. */
  readonly error: Signal<ApiErrorBody | null> = this._error.asReadonly();
  /** A read has succeeded since the last reset: an empty state only makes sense then. */
  readonly loaded: Signal<boolean> = this._loaded.asReadonly();
  /** The last read failed without an answer from the api (`npm start` stopped): `error` says so in words. */
  readonly noAnswer: Signal<boolean> = this._noAnswer.asReadonly();
  /**
   * The error when the api answered it (shown in place of what it concerns); null also when there was no answer at
   * all, which a page says once while each part keeps what it showed last.
   */
  readonly answeredError: Signal<ApiErrorBody | null> = computed(() => (this._noAnswer() ? null : this._error()));

  /** Bumped by reset(): reads from before it no longer count as in flight. */
  private generation = 0;
  /** Bumped by reset() and supersede(): reads from before it are not stored. */
  private version = 0;
  private running = 0;

  /**
   * Runs `request` with loading set; on success hands the value to `store` and clears the error, on failure
   * keeps the last data and stores the error. Returns whether the value was stored (false when it failed or
   * something newer came first).
   */
  async track<R>(request: () => Promise<R>, store: (value: R) => void): Promise<boolean> {
    const generation = this.generation;
    const version = this.version;
    this.running++;
    this._loading.set(true);
    try {
      const value = await request();
      if (version !== this.version) return false;
      store(value);
      this.setError(null);
      this._loaded.set(true);
      return true;
    } catch (e) {
      if (version === this.version) this.setError(toApiErrorBody(e), gotNoAnswer(e));
      return false;
    } finally {
      if (generation === this.generation) {
        this.running--;
        this._loading.set(this.running > 0);
      }
    }
  }

  /** A failure found outside a read (e.g. a disconnect that failed) shown in the same place. */
  fail(error: ApiErrorBody): void {
    this.setError(error);
  }

  /** Something outside a read showed that all is well again. */
  clearError(): void {
    this.setError(null);
  }

  /** Something newer than any read in flight arrived (an event): those reads land without effect. */
  supersede(): void {
    this.version++;
  }

  /** Disconnected or another account: back to the start, reads in flight dropped. */
  reset(): void {
    this.generation++;
    this.version++;
    this.running = 0;
    this._loading.set(false);
    this.setError(null);
    this._loaded.set(false);
  }

  private setError(error: ApiErrorBody | null, noAnswer = false): void {
    this._error.set(error);
    this._noAnswer.set(noAnswer);
  }
}

/** A read whose result is the store's data: `data`, `loading`, `error`, `loaded` as signals. */
export class RequestState<T> extends RequestStatus {
  private readonly _data: WritableSignal<T>;
  readonly data: Signal<T>;

  constructor(private readonly initial: T) {
    super();
    this._data = signal(initial);
    this.data = this._data.asReadonly();
  }

  /** Reads and stores the result (see `track`). */
  run(request: () => Promise<T>): Promise<boolean> {
    return this.track(request, (value) => this._data.set(value));
  }

  /**
   * Data newer than any read in flight (an event, an action's answer). The error stays: whether the
   * news makes it moot is the store's call (`clearError()`).
   */
  set(value: T): void {
    this.supersede();
    this._data.set(value);
    this._loaded.set(true);
  }

  /** A local edit of the current data; reads in flight still land (the caller merges or accepts that). */
  update(edit: (value: T) => T): void {
    this._data.update(edit);
  }

  override reset(): void {
    super.reset();
    this._data.set(this.initial);
  }
}
