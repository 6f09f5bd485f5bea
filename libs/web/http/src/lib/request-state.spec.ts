import { ApiErrorBody } from '@desk/contracts';
import { ApiRequestError } from './api-error';
import { RequestState, RequestStatus, attempt } from './request-state';

const refused: ApiErrorBody = {
  code: 'UPSTOX_UNAVAILABLE',
  title: 'Upstox error',
  message: 'Upstox did not answer.',
  nextStep: 'Try again in a minute.',
  requestId: 'r1',
};

/** A promise the test settles by hand, to land reads in the order it wants. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('RequestState', () => {
  it('sets loading while a read runs, then stores its data and clears the earlier error', async () => {
    const state = new RequestState<number | null>(null);
    await state.run(() => Promise.reject(new ApiRequestError(refused, 503)));
    expect(state.error()).toEqual(refused);

    const read = deferred<number>();
    const running = state.run(() => read.promise);
    expect(state.loading()).toBe(true);
    read.resolve(7);
    expect(await running).toBe(true);
    expect(state.loading()).toBe(false);
    expect(state.data()).toBe(7);
    expect(state.error()).toBeNull();
    expect(state.loaded()).toBe(true);
  });

  it('keeps the last data when a read fails, with the error as the user is shown it', async () => {
    const state = new RequestState<string[]>([]);
    await state.run(() => Promise.resolve(['a']));
    expect(await state.run(() => Promise.reject(new ApiRequestError(refused, 503)))).toBe(false);
    expect(state.data()).toEqual(['a']);
    expect(state.error()).toEqual(refused);
    expect(state.loading()).toBe(false);
  });

  it('says when the last read got no answer from the api, until a read succeeds or the state is reset', async () => {
    const state = new RequestState<number | null>(null);
    const noAnswer = { ...refused, code: 'INTERNAL_ERROR' as const, title: 'Connection Failed' as const };
    await state.run(() => Promise.reject(new ApiRequestError(noAnswer, 0, true)));
    expect(state.noAnswer()).toBe(true);
    expect(state.error()?.title).toBe('Connection Failed');
    expect(state.answeredError()).toBeNull(); // a page says "no answer" once; the part keeps what it showed
    await state.run(() => Promise.reject(new ApiRequestError(refused, 503)));
    expect(state.noAnswer()).toBe(false); // the api answered, with an error of its own
    expect(state.answeredError()).toEqual(refused);
    await state.run(() => Promise.reject(new ApiRequestError(noAnswer, 0, true)));
    await state.run(() => Promise.resolve(7));
    expect(state.noAnswer()).toBe(false);
    await state.run(() => Promise.reject(new ApiRequestError(noAnswer, 0, true)));
    state.reset();
    expect(state.noAnswer()).toBe(false);
  });

  it('describes a failure that is not an api error instead of throwing', async () => {
    const state = new RequestState(0);
    await state.run(() => Promise.reject(new Error('boom')));
    expect(state.error()?.message).toBe('boom');
  });

  it('does not let a read started before set() overwrite the newer data, nor report its failure', async () => {
    const state = new RequestState<string>('initial');
    const older = deferred<string>();
    const olderRead = state.run(() => older.promise);
    state.set('from an event');
    older.resolve('older read');
    expect(await olderRead).toBe(false);
    expect(state.data()).toBe('from an event');
    expect(state.loading()).toBe(false);

    const failing = deferred<string>();
    const failingRead = state.run(() => failing.promise);
    state.set('newer event');
    failing.reject(new ApiRequestError(refused, 503));
    await failingRead;
    expect(state.error()).toBeNull();
    expect(state.data()).toBe('newer event');

    state.fail(refused);
    state.set('event after a failure');
    expect(state.error()).toEqual(refused); // the store decides whether the news makes it moot
  });

  it('drops a read that lands after reset(), data, error and loading alike', async () => {
    const state = new RequestState<string | null>(null);
    const older = deferred<string>();
    const olderRead = state.run(() => older.promise);
    state.reset();
    expect(state.loading()).toBe(false);
    older.resolve('previous account');
    await olderRead;
    expect(state.data()).toBeNull();
    expect(state.loaded()).toBe(false);

    const next = deferred<string>();
    const nextRead = state.run(() => next.promise);
    const stale = state.run(() => Promise.reject(new ApiRequestError(refused, 503)));
    state.reset();
    await stale;
    expect(state.error()).toBeNull();
    next.resolve('x');
    await nextRead;
    expect(state.data()).toBeNull();
  });

  it('stays loading until the last of two overlapping reads has landed', async () => {
    const state = new RequestState(0);
    const first = deferred<number>();
    const second = deferred<number>();
    const firstRead = state.run(() => first.promise);
    const secondRead = state.run(() => second.promise);
    first.resolve(1);
    await firstRead;
    expect(state.loading()).toBe(true);
    second.resolve(2);
    await secondRead;
    expect(state.loading()).toBe(false);
    expect(state.data()).toBe(2);
  });

  it('update() edits the data without dropping a read in flight', async () => {
    const state = new RequestState<string[]>(['a']);
    const read = deferred<string[]>();
    const reading = state.run(() => read.promise);
    state.update((items) => [...items, 'b']);
    expect(state.data()).toEqual(['a', 'b']);
    read.resolve(['a', 'b', 'c']);
    expect(await reading).toBe(true);
    expect(state.data()).toEqual(['a', 'b', 'c']);
  });
});

describe('RequestStatus', () => {
  it('hands a current read to the caller, and a superseded one not at all', async () => {
    const status = new RequestStatus();
    const stored: number[] = [];
    await status.track(() => Promise.resolve(1), (value) => stored.push(value));
    const older = deferred<number>();
    const olderRead = status.track(() => older.promise, (value) => stored.push(value));
    status.supersede();
    older.resolve(2);
    await olderRead;
    expect(stored).toEqual([1]);
    status.fail(refused);
    expect(status.error()).toEqual(refused);
    status.clearError();
    expect(status.error()).toBeNull();
  });
});

describe('attempt', () => {
  it('gives the value on success and the error body on failure', async () => {
    expect(await attempt(Promise.resolve(3))).toEqual({ ok: true, value: 3 });
    expect(await attempt(() => Promise.reject(new ApiRequestError(refused, 503)))).toEqual({ ok: false, error: refused });
    expect(await attempt(() => Promise.reject(new Error('lost')))).toMatchObject({ ok: false, error: { message: 'lost' } });
  });
});
