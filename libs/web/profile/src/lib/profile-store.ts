import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FundsReply, FundsView, Profile, fundsUnavailable } from '@desk/contracts';
import { DeskEvents } from '@desk/web/events';
import { RequestState } from '@desk/web/http';
import { istClock } from '@desk/web/market';
import { ProfileApi } from './profile-api';

/**
 * The connected user's profile and funds; each can fail on its own (the sandbox has neither).
 * Funds follow `funds` events while updates are live; otherwise the dashboard re-reads them on fills.
 */
@Injectable({ providedIn: 'root' })
export class ProfileStore {
  private readonly api = inject(ProfileApi);
  private readonly events = inject(DeskEvents);

  /** Each read has its own error; reset() and every funds event win over a funds read still in flight. */
  private readonly profileRead = new RequestState<Profile | null>(null);
  private readonly fundsRead = new RequestState<FundsReply | null>(null);
  private readonly _loading = signal(false);

  readonly profile = this.profileRead.data;
  readonly funds = computed<FundsView | null>(() => {
    const reply = this.fundsRead.data();
    return fundsUnavailable(reply) ? null : reply;
  });
  /**
   * Upstox's daily funds maintenance (00:00-05:30 IST): the api's message and when funds come back, in IST.
   * A state of the day, not an error (issue 9 item 2).
   */
  readonly fundsUnavailable = computed<{ message: string; availableAgain: string } | null>(() => {
    const reply = this.fundsRead.data();
    if (!fundsUnavailable(reply)) return null;
    return { message: reply.unavailable.message, availableAgain: `Available again at ${istClock(reply.unavailable.availableFrom)} IST.` };
  });
  /** load() is running (a funds-only re-read is not shown as loading). */
  readonly loading = this._loading.asReadonly();
  readonly profileError = this.profileRead.error;
  readonly fundsError = this.fundsRead.error;
  /** The last read got no answer from the desk's api: what was read before stays in view under a short note. */
  readonly profileNoAnswer = this.profileRead.noAnswer;
  readonly fundsNoAnswer = this.fundsRead.noAnswer;
  /** An error the api answered: it takes the place of what it concerns. */
  readonly profileAnsweredError = this.profileRead.answeredError;
  readonly fundsAnsweredError = this.fundsRead.answeredError;

  /** Between load() and reset(): events and resyncs apply. */
  private active = false;
  /** Bumped by reset(): a funds read still waiting for the event stream belongs to the user before. */
  private session = 0;
  private fundsReadsStarted = 0;
  private lastFundsRead: Promise<void> = Promise.resolve();

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.events
      .on('funds')
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(({ data }) => {
        if (!this.active) return;
        this.fundsRead.set(data);
        this.fundsRead.clearError();
      });
    this.events.sync$.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => {
      if (this.active) void this.loadFunds();
    });
  }

  async load(): Promise<void> {
    this.active = true;
    this._loading.set(true);
    await Promise.all([this.profileRead.run(() => this.api.profile()), this.loadFundsOnceOpened()]);
    this._loading.set(false);
  }

  /** Funds move when orders fill or end (margin blocked or released): re-read just them. */
  async refreshFunds(): Promise<void> {
    await this.loadFunds();
  }

  /** Disconnected: forget the previous user's data. */
  reset(): void {
    this.active = false;
    this.session++;
    this.profileRead.reset();
    this.fundsRead.reset();
  }

  private loadFunds(): Promise<void> {
    this.fundsReadsStarted++;
    this.lastFundsRead = this.fundsRead.run(() => this.api.funds()).then(() => undefined);
    return this.lastFundsRead;
  }

  /**
   * Funds once the event stream has opened (see OrdersStore.activate). If that made updates live, `sync$` has
   * just read them, after the stream opened: that read is this one.
   */
  private loadFundsOnceOpened(): Promise<void> {
    const session = this.session;
    const started = this.fundsReadsStarted;
    return new Promise((resolve) =>
      this.events.whenOpened(() => {
        if (session !== this.session) resolve();
        else void (this.fundsReadsStarted === started ? this.loadFunds() : this.lastFundsRead).then(resolve);
      }),
    );
  }
}
