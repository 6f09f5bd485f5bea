import { OrderIntentView } from '@desk/contracts';
import { FOLLOW_INTENT_FOR_MS, INTENT_CHECK_EVERY_MS, IntentFollower, settledOutcome } from './intent-follower';

const view = (status: OrderIntentView['status'], orderIds: string[] = []): OrderIntentView => ({
  intentId: 'oi_1', status, brokerTag: 't', orderIds,
  request: { instrumentKey: 'NSE_EQ|INE002A01018', transactionType: 'BUY', quantity: 1, orderType: 'MARKET', product: 'D', validity: 'DAY' },
  errorCode: null, upstoxCode: null, errorMessage: null, createdAt: '2026-12-02T00:00:00Z', updatedAt: '2026-12-02T00:00:00Z',
});

describe('settledOutcome', () => {
  it('is null while the api is still finding out', () => {
    expect(settledOutcome(view('UNKNOWN'))).toBeNull();
    expect(settledOutcome(view('PENDING_SUBMIT'))).toBeNull();
    expect(settledOutcome(view('SUBMITTED', []))).toBeNull();
  });

  it('is placed with the order ids, or not placed with the reason the api gives a replay', () => {
    expect(settledOutcome(view('SUBMITTED', ['1', '2']))).toEqual({
      kind: 'placed', response: { intentId: 'oi_1', outcome: 'placed', orderIds: ['1', '2'], latencyMs: null },
    });
    const timedOut = settledOutcome({ ...view('NOT_PLACED'), errorMessage: 'Upstox did not answer in time. The order request may have reached Upstox: check the order book before trying again.' });
    expect(timedOut?.kind === 'rejected' && timedOut.error.message).toBe(
      'The order was not placed. The request failed (Upstox did not answer in time), and Upstox has no order with its tag.',
    );
    const notPlaced = settledOutcome(view('NOT_PLACED'));
    expect(notPlaced?.kind === 'rejected' && notPlaced.error.message).toBe('The order was not placed. The request failed, and Upstox has no order with its tag.');
  });
});

describe('IntentFollower', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('reads every 2 s until the deadline, then gives up once and reads no more', async () => {
    const read = jest.fn().mockResolvedValue(view('UNKNOWN'));
    const settled = jest.fn();
    const gaveUp = jest.fn();
    new IntentFollower(read).follow('oi_1', settled, gaveUp);
    for (let t = 0; t < FOLLOW_INTENT_FOR_MS + 10_000; t += INTENT_CHECK_EVERY_MS) await jest.advanceTimersByTimeAsync(INTENT_CHECK_EVERY_MS);
    expect(read).toHaveBeenCalledTimes(FOLLOW_INTENT_FOR_MS / INTENT_CHECK_EVERY_MS);
    expect(gaveUp).toHaveBeenCalledTimes(1);
    expect(settled).not.toHaveBeenCalled();
  });

  it('ignores a read that answers after stop()', async () => {
    let answer: (v: OrderIntentView) => void = () => undefined;
    const follower = new IntentFollower(() => new Promise((resolve) => (answer = resolve)));
    const settled = jest.fn();
    follower.follow('oi_1', settled, jest.fn());
    await jest.advanceTimersByTimeAsync(INTENT_CHECK_EVERY_MS);
    follower.stop();
    answer(view('SUBMITTED', ['1']));
    await jest.advanceTimersByTimeAsync(0);
    expect(settled).not.toHaveBeenCalled();
  });
});
