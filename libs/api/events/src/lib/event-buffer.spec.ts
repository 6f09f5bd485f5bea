import { EventBuffer } from './event-buffer';

describe('EventBuffer', () => {
  it('replays exactly the events after the last one a client saw', () => {
    const buffer = new EventBuffer(10, 100);
    for (let i = 0; i < 5; i++) buffer.append('order', { n: i });
    expect(buffer.since(101)?.map((e) => e.id)).toEqual([102, 103, 104]);
    expect(buffer.since(104)).toEqual([]);
    expect(buffer.since(99)?.map((e) => e.id)).toEqual([100, 101, 102, 103, 104]);
  });

  it('says "resync" (null) for ids older than the buffer, from the future, or not numbers', () => {
    const buffer = new EventBuffer(3, 100);
    for (let i = 0; i < 6; i++) buffer.append('order', { n: i });
    expect(buffer.since(102)?.map((e) => e.id)).toEqual([103, 104, 105]);
    expect(buffer.since(101)).toBeNull();
    expect(buffer.since(106)).toBeNull();
    expect(buffer.since(Number.NaN)).toBeNull();
  });

  it('encodes each event once as an SSE frame with id, event and JSON data', () => {
    const buffer = new EventBuffer(3, 7);
    expect(buffer.append('trade', { tradeId: 'T1' }).frame).toBe('id: 7\nevent: trade\ndata: {"tradeId":"T1"}\n\n');
  });

  it('keeps only the newest event of each subject: a resume replays each thing\'s latest state and every trade', () => {
    const buffer = new EventBuffer(10, 100);
    buffer.append('order', { orderId: 'A', status: 'open' }, 'A'); // 100
    buffer.append('position', { lastPrice: 1 }, 'X|D'); // 101
    buffer.append('trade', { tradeId: 'T1' }); // 102
    buffer.append('order', { orderId: 'A', status: 'complete' }, 'A'); // 103
    buffer.append('position', { lastPrice: 2 }, 'X|D'); // 104
    buffer.append('trade', { tradeId: 'T2' }); // 105
    expect(buffer.since(99)?.map((e) => e.id)).toEqual([102, 103, 104, 105]);
    expect(buffer.since(103)?.map((e) => e.id)).toEqual([104, 105]);
    // The same subject under another type is another thing.
    buffer.append('holding', { lastPrice: 3 }, 'A'); // 106
    expect(buffer.since(105)?.map((e) => e.frame.split('\n')[1])).toEqual(['event: holding']);
    expect(buffer.since(99)).toHaveLength(5);
  });

  it('gives its room to things, not ticks: a thousand re-pricings of a few positions never force a resync', () => {
    const buffer = new EventBuffer(5, 1);
    buffer.append('order', { orderId: 'A' }, 'A'); // 1
    for (let i = 0; i < 1000; i++) buffer.append('position', { lastPrice: i }, `P${i % 3}`);
    const missed = buffer.since(0);
    expect(missed?.map((e) => e.id)).toEqual([1, 999, 1000, 1001]);
    expect(missed?.[3].frame).toContain('"lastPrice":999');
  });

  it('says "resync" once an event a client has not seen was dropped for room, even the newest of its subject', () => {
    const buffer = new EventBuffer(2, 100);
    buffer.append('order', { orderId: 'A' }, 'A'); // 100
    buffer.append('trade', { tradeId: 'T1' }); // 101
    buffer.append('trade', { tradeId: 'T2' }); // 102: order A's only event is dropped for room
    expect(buffer.since(99)).toBeNull();
    expect(buffer.since(100)?.map((e) => e.id)).toEqual([101, 102]);
    buffer.append('order', { orderId: 'A' }, 'A'); // 103: A is kept again, 101 is dropped
    expect(buffer.since(100)).toBeNull();
    expect(buffer.since(101)?.map((e) => e.id)).toEqual([102, 103]);
  });
});
