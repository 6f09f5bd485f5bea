import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles (no interpolation), in the unit of the input. */
export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number): number => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
  return {
    count: sorted.length,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    mean: sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : NaN,
  };
}

export function ms(value: number, digits = 1): string {
  return Number.isFinite(value) ? `${value.toFixed(digits)} ms` : 'n/a';
}

/** Wall-clock milliseconds with sub-ms resolution, comparable between processes on one machine. */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

export interface ProcessLoad {
  /** CPU time (user + system) over wall time: 100 = one core busy the whole time. */
  cpuPercent: number;
  /** Share of the wall time the event loop was busy (0-1). */
  eventLoopUtilization: number;
  /** 99th percentile of event-loop delay. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** Garbage-collection pauses of this process (the main thread stops for them). */
  gcPauseTotalMs: number;
  gcPauseMaxMs: number;
  /**
   * Time the main thread (the event loop) was ready to run but waited for a CPU, as a share of the wall time
   * (Linux /proc/self/schedstat; NaN elsewhere): how much other processes on the machine held it back.
   */
  runQueueWaitPercent: number;
  /** Event-loop stalls over STALL_MS, when the meter was asked to watch for them. */
  stalls?: Stall[];
}

/**
 * One stall of the event loop and where its time went (main thread, /proc/self/schedstat): `ranMs` on a CPU
 * (our own work: code or GC), `waitedMs` ready but waiting for a CPU (other processes), the rest blocked in
 * the kernel (synchronous I/O, page faults).
 */
export interface Stall {
  /** Since the meter started. */
  atMs: number;
  gapMs: number;
  ranMs: number;
  waitedMs: number;
  gcMs: number;
}

const STALL_TICK_MS = 10;
const STALL_MS = 50;

/** [ns on a CPU, ns waiting on a run queue] of this process's main thread. */
function schedstat(): [number, number] {
  try {
    const [run, wait] = readFileSync('/proc/self/schedstat', 'utf8').trim().split(/\s+/).map(Number);
    return [run, wait];
  } catch {
    return [NaN, NaN];
  }
}

/** Measures how busy this process was between start() and stop(): tells whether it was the bottleneck. */
export function loadMeter(options: { watchStalls?: boolean } = {}): { stop(): ProcessLoad } {
  const cpu0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  const sched0 = schedstat();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const gc = { total: 0, max: 0 };
  const gcEntries: { start: number; duration: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.total += entry.duration;
      gc.max = Math.max(gc.max, entry.duration);
      if (options.watchStalls) gcEntries.push({ start: entry.startTime, duration: entry.duration });
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  // A 10 ms timer (and one small /proc read each tick) in the measured process: its own cost is about 0.2 % of a core.
  const stalls: (Stall & { from: number; to: number })[] = [];
  let last = { at: performance.now(), sched: sched0 };
  const watcher = options.watchStalls
    ? setInterval(() => {
        const now = { at: performance.now(), sched: schedstat() };
        const gap = now.at - last.at - STALL_TICK_MS;
        if (gap > STALL_MS) {
          const ranMs = (now.sched[0] - last.sched[0]) / 1e6;
          const waitedMs = (now.sched[1] - last.sched[1]) / 1e6;
          stalls.push({ atMs: last.at - t0, gapMs: gap, ranMs, waitedMs, gcMs: 0, from: last.at, to: now.at });
        }
        last = now;
      }, STALL_TICK_MS)
    : undefined;
  return {
    stop: () => {
      clearInterval(watcher);
      delay.disable();
      observer.disconnect();
      for (const stall of stalls) {
        stall.gcMs = gcEntries.filter((g) => g.start + g.duration > stall.from && g.start < stall.to).reduce((n, g) => n + g.duration, 0);
      }
      const cpu = process.cpuUsage(cpu0);
      const wall = performance.now() - t0;
      return {
        cpuPercent: ((cpu.user + cpu.system) / 1000 / wall) * 100,
        eventLoopUtilization: performance.eventLoopUtilization(elu0).utilization,
        loopDelayP99Ms: delay.percentile(99) / 1e6,
        loopDelayMaxMs: delay.max / 1e6,
        gcPauseTotalMs: gc.total,
        gcPauseMaxMs: gc.max,
        runQueueWaitPercent: ((schedstat()[1] - sched0[1]) / 1e6 / wall) * 100,
        ...(options.watchStalls ? { stalls: stalls.map(({ atMs, gapMs, ranMs, waitedMs, gcMs }) => ({ atMs, gapMs, ranMs, waitedMs, gcMs })) } : {}),
      };
    },
  };
}

/** The longest stalls, in time order. GC may run partly on helper threads, so it is shown next to, not inside, the CPU time. */
export function stallsText(l: ProcessLoad, most = 8): string {
  const all = l.stalls ?? [];
  if (!all.length) return `no event-loop stall over ${STALL_MS} ms`;
  const longest = [...all].sort((a, b) => b.gapMs - a.gapMs).slice(0, most).sort((a, b) => a.atMs - b.atMs);
  const one = (s: Stall): string =>
    `at ${(s.atMs / 1000).toFixed(1)} s: ${s.gapMs.toFixed(0)} ms (main thread on a CPU ${s.ranMs.toFixed(0)} ms, GC ${s.gcMs.toFixed(0)} ms, ` +
    `waiting for a CPU ${s.waitedMs.toFixed(0)} ms, blocked ${Math.max(0, s.gapMs - s.ranMs - s.waitedMs).toFixed(0)} ms)`;
  return `${all.length} event-loop stall(s) over ${STALL_MS} ms${all.length > most ? `, the ${most} longest` : ''}: ${longest.map(one).join('; ')}`;
}

export function loadText(l: ProcessLoad): string {
  return `CPU ${l.cpuPercent.toFixed(0)} % of one core, event loop busy ${(l.eventLoopUtilization * 100).toFixed(0)} %, loop delay p99 ${ms(l.loopDelayP99Ms)} (max ${ms(l.loopDelayMaxMs)}), GC pauses ${ms(l.gcPauseTotalMs, 0)} in all (longest ${ms(l.gcPauseMaxMs)}), main thread waiting for a CPU ${l.runQueueWaitPercent.toFixed(0)} % of the time`;
}
