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
});
