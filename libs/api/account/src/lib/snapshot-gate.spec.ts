import { SnapshotGate } from './snapshot-gate';

describe('SnapshotGate', () => {
  let clock = 0;
  const now = (): number => clock;
  beforeEach(() => (clock = 1_000));

  function deferredFetch(): { fetch: () => Promise<number>; calls: () => number; resolveAll: (v: number) => void; rejectAll: (e: Error) => void } {
    const pending: { resolve: (v: number) => void; reject: (e: Error) => void }[] = [];
    let calls = 0;
    return {
      fetch: () => {
        calls++;
        return new Promise<number>((resolve, reject) => pending.push({ resolve, reject }));
      },
      calls: () => calls,
      resolveAll: (v) => pending.splice(0).forEach((p) => p.resolve(v)),
      rejectAll: (e) => pending.splice(0).forEach((p) => p.reject(e)),
    };
  }

  it('shares one upstream call among concurrent readers', async () => {
    const f = deferredFetch();
    const gate = new SnapshotGate(f.fetch, 1_000, now);
    const reads = Array.from({ length: 50 }, () => gate.read());
    f.resolveAll(7);
    const values = await Promise.all(reads);
    expect(f.calls()).toBe(1);
    expect(values.every((v) => v.value === 7 && v.at === 1_000)).toBe(true);
  });

  it('starts at most one read per interval, answering the last one inside it', async () => {
    const f = deferredFetch();
    const gate = new SnapshotGate(f.fetch, 1_000, now);
    const first = gate.read();
    f.resolveAll(1);
    await first;
    clock += 999;
    expect((await gate.read()).value).toBe(1);
    expect(f.calls()).toBe(1);
    clock += 1;
    const second = gate.read();
    f.resolveAll(2);
    expect((await second).value).toBe(2);
    expect(f.calls()).toBe(2);
  });

  it('answers an error again inside the interval instead of calling upstream again', async () => {
    const f = deferredFetch();
    const gate = new SnapshotGate(f.fetch, 1_000, now);
    const first = gate.read();
    f.rejectAll(new Error('429'));
    await expect(first).rejects.toThrow('429');
    await expect(gate.read()).rejects.toThrow('429');
    expect(f.calls()).toBe(1);
  });

  it('starts a new read when the caller needs one taken after a given instant (a reopened stream)', async () => {
    const f = deferredFetch();
    const gate = new SnapshotGate(f.fetch, 1_000, now);
    const early = gate.read();
    clock += 10;
    const late = gate.read(clock);
    expect(f.calls()).toBe(2);
    f.resolveAll(3);
    expect((await early).at).toBe(1_000);
    expect((await late).at).toBe(1_010);
  });

  it('forgets everything on reset, even a read still in flight', async () => {
    const f = deferredFetch();
    const gate = new SnapshotGate(f.fetch, 1_000, now);
    const before = gate.read();
    gate.reset();
    f.resolveAll(9);
    await before;
    expect(gate.lastValue()).toBeNull();
  });
});
